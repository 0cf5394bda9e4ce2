"""Extraction: documents in, facts with evidence out, behind one seam.

>>> from loaders.extract import Extractor
>>> Extractor().extract(document)  # doctest: +SKIP
"""

from loaders.extract.pipeline import Extractor
from loaders.extract.types import EntityRef, ExtractedFact

__all__ = ["EntityRef", "ExtractedFact", "Extractor"]
