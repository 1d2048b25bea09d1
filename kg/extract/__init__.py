"""Stage 2, extract: find and ground what a case report mentions.

``Extractor.builtin()(document)`` -> :class:`kg.model.Extraction`. Modules: ``tokens``
(normalization), ``matcher`` (dictionary), ``abbreviations`` (Schwartz & Hearst),
``context`` (negation and friends), ``sentences``, ``demographics``, ``lexicon``.
"""

from kg.extract.context import classify_assertion
from kg.extract.extractor import Extractor

__all__ = ["Extractor", "classify_assertion"]
