"""Writers of annotated documents in standard formats (PubTator, BioC JSON)."""

from kg.write.annotations import AnnotatedDocument, write_bioc_json, write_pubtator

__all__ = ["AnnotatedDocument", "write_pubtator", "write_bioc_json"]
