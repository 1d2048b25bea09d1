"""Stage 3, assemble: turn an Extraction into the patient's Case.

``narrative`` decides which sentences narrate the patient, ``modifiers`` reads
qualifiers and grades, ``timeline`` orders therapies and attaches outcomes and adverse
events, ``case`` builds the :class:`kg.model.Case`.
"""

from kg.assemble.case import assemble_case

__all__ = ["assemble_case"]
