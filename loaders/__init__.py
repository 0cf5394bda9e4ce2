"""Readers, the curated-fact loader and the extraction pipeline: sources → facts."""
