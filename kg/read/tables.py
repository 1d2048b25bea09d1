"""Tables of patients: a case series reported as a table yields one line of text per patient.

Small series tabulate their patients (No. | Age/Sex | Diagnosis | Treatment | Outcome), one
row per patient, or one column per patient ("Patient 1 | Patient 2"). Table cells are not
sentences, so each patient becomes one short line the extractors read like prose:
``Patient 2: a 45-year-old female. Diagnosis: AML. Treatment: azacitidine.`` A column of
yes/no answers becomes an affirmed or a negated phrase ("No GVHD."), so ConText sees the
negation. Tables of previously published cases (an author, reference or year column, or a
caption about the literature) are recognised as such: their rows are other people's
patients and give mentions only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PatientRow", "PatientTable", "patient_table"]

#: a header cell that names the patient column
_ID_HEADER = re.compile(r"^(?:patients?|cases?|pts?\.?|subjects?|no\.?|n[°º]|#|id|s/?n|"
                        r"(?:patient|case|pt\.?|subject)\s*(?:no\.?|number|#|id))$", re.IGNORECASE)
#: a cell that identifies one patient: "1", "P2", "Case 3", "Pt. 4", "II", "A"
_ID_CELL = re.compile(r"^(?:(?:patient|case|pt\.?|p|no\.?|#)\s*)?(\d{1,3}|[IVX]{1,4}|[A-Z])$", re.IGNORECASE)
_PATIENT_HEADER = re.compile(r"^(?:patient|case|pt\.?|p)\s*(?:no\.?\s*|#\s*)?(\d{1,3}|[IVX]{1,4}|[A-Z])$", re.IGNORECASE)
_LITERATURE_HEADER = re.compile(r"\b(?:authors?|references?|ref\.?|study|studies|year|publication|citation|"
                                r"first author|country)\b", re.IGNORECASE)
_LITERATURE_CAPTION = re.compile(r"\b(?:reported|literature|review|previous(?:ly)?|published|prior reports?)\b",
                                 re.IGNORECASE)
_AGE = re.compile(r"\bage\b", re.IGNORECASE)
_SEX = re.compile(r"\b(?:sex|gender)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(years?|yrs?|y|months?|mos?|mo|m|weeks?|wks?|w|days?|d)?\b", re.IGNORECASE)
_ONE_AGE = re.compile(r"^\d{1,3}(?:\.\d)?\s*(?:years?|yrs?|y|months?|mos?|mo|weeks?|wks?|days?|d)?"
                      r"(?:\s*[/,]?\s*(?:m|f|male|female))?$", re.IGNORECASE)
_SEX_VALUES = {"m": "male", "male": "male", "man": "male", "boy": "male",
               "f": "female", "female": "female", "woman": "female", "girl": "female", "w": "female"}
_MISSING = {"", "-", "\u2013", "\u2014", "na", "n/a", "n.a.", "nr", "n.r.", "nd", "n.d.", "unknown", "?", "ne"}
_NO = {"no", "none", "absent", "negative", "neg", "not done"}
_UNITS = {"y": "year", "m": "month", "w": "week", "d": "day"}


@dataclass(frozen=True)
class PatientRow:
    """One patient of a table: ``number`` as the article numbers them, ``text`` the rendered line."""

    number: str
    text: str

    @property
    def label(self) -> str:
        return f"Patient {self.number}"


@dataclass(frozen=True)
class PatientTable:
    rows: tuple[PatientRow, ...]
    #: rows are previously published cases, not the article's own patients
    literature: bool


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell).strip().rstrip("*\u2020\u2021\u00a7").strip()


def _orient(header: list[str], body: list[list[str]]) -> tuple[list[str], list[list[str]]] | None:
    """(header, rows) with one patient per row and the id in the first cell, or None."""
    width = len(header)
    rows = [row + [""] * (width - len(row)) for row in body if 0 < len(row) <= width]
    if len(header) >= 3 and sum(bool(_PATIENT_HEADER.match(cell)) for cell in header[1:]) >= 2:
        columns = [i for i, cell in enumerate(header) if i and _PATIENT_HEADER.match(cell)]
        fields = [row[0] for row in rows]
        return [header[0] or "Patient", *fields], [[header[i], *(row[i] for row in rows)] for i in columns]
    if len(rows) < 2 or width < 2:
        return None
    if _ID_HEADER.match(header[0]) and sum(bool(_ID_CELL.match(row[0])) for row in rows) >= 0.8 * len(rows):
        return header, rows
    ages = [i for i, cell in enumerate(header) if _AGE.search(cell)]
    if ages and all(_ONE_AGE.match(row[ages[0]]) for row in rows):
        # no id column, but every row has one person's age (not "32 (20-39)" or "<40" of a cohort)
        return ["Patient", *header], [[str(n), *row] for n, row in enumerate(rows, start=1)]
    return None


def _number_of(cell: str, position: int) -> str:
    match = _ID_CELL.match(cell)
    if match and match.group(1).isdigit():
        return str(int(match.group(1)))
    return str(position)


def _age_phrase(value: str, header: str) -> str | None:
    match = _NUMBER.search(value)
    if not match:
        return None
    in_header = next((u for u in ("month", "week", "day") if u in header.lower()), "year")
    written = (match.group(2) or "").lower()
    # a bare "m" after the number is the sex in "45 M", not months
    unit = _UNITS[written[0]] if written and written != "m" else in_header
    return f"{match.group(1)}-{unit}-old"


def _sex_of(value: str) -> str | None:
    for word in re.findall(r"[A-Za-z]+", value):
        if word.lower() in _SEX_VALUES:
            return _SEX_VALUES[word.lower()]
    return None


def _render(number: str, header: list[str], row: list[str]) -> str:
    age = sex = None
    fields: list[str] = []
    for name, value in zip(header[1:], row[1:]):
        name, value = _clean(name), _clean(value)
        if value.lower() in _MISSING:
            continue
        if _AGE.search(name) and _SEX.search(name):
            age = age or _age_phrase(value, name)
            sex = sex or _sex_of(re.sub(r"\d+(?:\.\d+)?\s*(?:years?|yrs?|y|months?|mo)?", " ", value, flags=re.I))
        elif _AGE.search(name) and not re.search(r"onset|diagnos|death|transplant|at ", name, re.IGNORECASE):
            age = age or _age_phrase(value, name)
        elif _SEX.search(name):
            sex = sex or _sex_of(value)
        elif value.lower() in _NO:
            fields.append(f"No {name[:1].lower() + name[1:] if name[1:2].islower() else name}." if name else "")
        else:
            fields.append(f"{name}: {value}." if name else f"{value}.")
    person = " ".join(part for part in (f"a {age}" if age else "a", sex or "patient") if part)
    lead = f"Patient {number}: {person}." if age or sex else f"Patient {number}."
    return " ".join([lead, *(field.replace("..", ".") for field in fields if field)])


def patient_table(header: Sequence[str], body: Sequence[Sequence[str]], caption: str = "") -> PatientTable | None:
    """The patients of a table, or None when its rows are not patients (lab values, doses ...).

    >>> table = patient_table(["No.", "Age/Sex", "Diagnosis", "GVHD"],
    ...                       [["1", "45/F", "AML", "yes"], ["2", "7/M", "ALL", "no"]])
    >>> [row.text for row in table.rows]
    ['Patient 1: a 45-year-old female. Diagnosis: AML. GVHD: yes.', 'Patient 2: a 7-year-old male. Diagnosis: ALL. No GVHD.']
    >>> patient_table(["Test", "Value", "Range"], [["WBC", "12", "4-10"], ["Hb", "9", "12-16"]]) is None
    True
    """
    oriented = _orient([_clean(cell) for cell in header], [[_clean(cell) for cell in row] for row in body])
    if oriented is None:
        return None
    names, rows = oriented
    literature = any(_LITERATURE_HEADER.search(name) for name in names) or bool(_LITERATURE_CAPTION.search(caption))
    rendered, seen = [], set()
    for position, row in enumerate(rows, start=1):
        number = _number_of(row[0], position)
        if number in seen:
            number = str(position)
        seen.add(number)
        rendered.append(PatientRow(number, _render(number, names, row)))
    return PatientTable(rows=tuple(rendered), literature=literature)
