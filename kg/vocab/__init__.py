"""User-supplied vocabularies compiled once into a local cache.

``sources`` recognises each file from its content and reads it into :class:`Entry`
records and :class:`Mapping` rows; ``compile`` merges them into a versioned cache
directory; ``cache`` finds and loads that directory for every later command.
"""

from kg.vocab.cache import default_vocab_dir, load_vocab, resolve_vocab_dir
from kg.vocab.compile import build_vocab

__all__ = ["build_vocab", "load_vocab", "default_vocab_dir", "resolve_vocab_dir"]
