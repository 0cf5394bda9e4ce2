"""The shipped RDF files: the ``pg:`` ontology (``pg.ttl``) and SHACL shapes (``shapes.ttl``)."""
