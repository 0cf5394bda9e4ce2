"""One router per resource: health, entities, facts."""
