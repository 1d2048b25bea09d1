"""PMC JATS XML (open-access articles): one Document per ``<article>``, parsed with lxml.

A file holds one ``<article>`` or many (``<articles>``, ``<pmc-articleset>``). The text is
the title, the abstract and the body sections joined with blank lines; each section keeps
its title and a *kind* that says whether facts about the patient may come from it (case
presentation and outcome: yes; introduction, discussion, methods: mentions only; back
matter such as disclosures and acknowledgements is left out). Figures and most tables
are left out of the text: their cells are not sentences. A table of patients (a case
series in tabular form) is the exception: each row is rendered as one line of text, in a
section titled "Table N > Patient M" (see kg.read.tables).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from kg.errors import ReadError
from kg.model import Document, Section
from kg.read.builder import TextBuilder
from kg.read.tables import PatientTable, patient_table

__all__ = ["looks_like_jats", "patient_table_of_xml", "read_jats", "reports_a_case", "section_kind_of"]

_ROOT = re.compile(r"<(?:article|articles|pmc-articleset)[\s>]")
#: elements whose text is not running prose
_SKIP_TAGS = {"table-wrap", "fig", "disp-formula", "supplementary-material", "ref-list", "table", "graphic",
              "media", "alternatives", "tex-math", "object-id", "label"}
_SKIP_SECTIONS = re.compile(
    r"disclos|acknowledg|funding|conflict|competing|author.{0,5}contribution|consent|ethic|data availab|"
    r"supplementary|abbreviation|footnote|financial|declaration", re.IGNORECASE)
_CASE = re.compile(
    r"\bcase|patient|presentation|history|clinical (?:course|findings|summary)|outcome|follow.?up|"
    r"treatment|management|investigation|diagnos|examination|hospital course|therapeutic", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"intro|background|discussion|literature|review|conclu|method|material|result|statistic|"
    r"learning point|teaching point|limitation|perspective", re.IGNORECASE)
_SEC_TYPES = {"intro": "background", "introduction": "background", "discussion": "background",
              "conclusions": "background", "methods": "background", "materials|methods": "background",
              "results": "background", "cases": "case", "case-report": "case", "case": "case",
              "supplementary-material": "skip", "data-availability": "skip"}


def looks_like_jats(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("<") and "<collection" not in head and bool(_ROOT.search(head))


def section_kind_of(title: str, sec_type: str = "", parent: str | None = None) -> str:
    """``case``, ``background`` or ``skip`` for a body section, from its title and sec-type.

    >>> section_kind_of("Case Report"), section_kind_of("Discussion"), section_kind_of("Disclosures")
    ('case', 'background', 'skip')
    >>> section_kind_of("Laboratory findings", parent="case")
    'case'
    """
    if _SKIP_SECTIONS.search(title):
        return "skip"
    if parent in {"background", "skip"} and not re.search(r"\bcase\b|\bpatient \d", title, re.IGNORECASE):
        return parent
    if _CASE.search(title) and not re.search(r"\breview\b|\bliterature\b", title, re.IGNORECASE):
        return "case"
    if _BACKGROUND.search(title):
        return "background"
    if sec_type.lower() in _SEC_TYPES:
        return _SEC_TYPES[sec_type.lower()]
    return parent or "background"


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    """The element's prose: inline markup flattened; tables, figures, formulas and citation numbers left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = _local(child)
            if name not in _SKIP_TAGS and not (name == "xref" and child.get("ref-type") == "bibr"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _first(element: etree._Element | None, path: str) -> etree._Element | None:
    if element is None:
        return None
    return element.find("/".join("{*}" + part for part in path.split("/")))


def _identifiers(meta: etree._Element) -> list[str]:
    ids: list[str] = []
    for node in _children(meta, "article-id"):
        kind, value = node.get("pub-id-type", ""), (node.text or "").strip()
        if not value:
            continue
        if kind in {"pmcid", "pmc"}:
            ids.insert(0, value if value.upper().startswith("PMC") else f"PMC{value}")
        elif kind == "pmid":
            ids.append(f"PMID:{value}")
        elif kind == "doi":
            ids.append(f"doi:{value}")
    return ids


def _date(meta: etree._Element) -> str | None:
    """The earliest complete publication date (epub before ppub / collection)."""
    ranked = []
    for node in _children(meta, "pub-date"):
        kind = node.get("pub-type") or node.get("date-type") or ""
        year, month, day = (_first(node, n) for n in ("year", "month", "day"))
        try:
            values = [int((e.text or "").strip()) for e in (year, month, day) if e is not None]
        except ValueError:
            continue
        if len(values) == 3:
            order = {"epub": 0, "pub": 0, "ppub": 1, "pmc-release": 3}.get(kind, 2)
            ranked.append((order, f"{values[0]:04d}-{values[1]:02d}-{values[2]:02d}"))
    return min(ranked)[1] if ranked else None


def _add_sections(builder: TextBuilder, sec: etree._Element, parent_kind: str | None, prefix: str) -> None:
    title_node = _first(sec, "title")
    title = _text(title_node) if title_node is not None else ""
    kind = section_kind_of(title, sec.get("sec-type", ""), parent_kind)
    if kind == "skip":
        return
    name = f"{prefix} > {title}" if prefix and title else (title or prefix or "Body")
    paragraphs = [_text(p) for p in sec if _local(p) == "p"]
    builder.add("\n\n".join(p for p in paragraphs if p), title=name, kind=kind)
    for child in _children(sec, "sec"):
        _add_sections(builder, child, kind, name)


_AWAY_FROM_CASE = re.compile(r"intro|background|discussion|literature|review", re.IGNORECASE)


def _cells(row: etree._Element) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if _local(cell) in {"td", "th"}:
            span = int(cell.get("colspan", "1")) if (cell.get("colspan") or "1").isdigit() else 1
            cells.extend([_text(cell)] * max(1, min(span, 50)))
    return cells


def _table_rows(table: etree._Element) -> tuple[list[str], list[list[str]]]:
    """(header, body rows) of a JATS/XHTML ``<table>``; the header is the last head row that spans the body."""
    head = [_cells(tr) for part in _children(table, "thead") for tr in _children(part, "tr")]
    body = [_cells(tr) for part in _children(table, "tbody") for tr in _children(part, "tr")]
    body += [_cells(tr) for tr in _children(table, "tr")]
    if not head and body:
        head, body = [body[0]], body[1:]
    width = max((len(row) for row in body), default=0)
    header = next((row for row in reversed(head) if len(row) == width), head[0] if head else [])
    return header, body


def patient_table_of_xml(xml: str, caption: str = "") -> PatientTable | None:
    """The patients of a table given as XML (a BioC table passage's ``xml`` infon), or None."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    table = root if _local(root) == "table" else next((e for e in root.iter() if _local(e) == "table"), None)
    return patient_table(*_table_rows(table), caption=caption) if table is not None else None


def _enclosing_kind(node: etree._Element) -> str:
    """Where a table sits: ``skip`` in back matter, ``background`` in introduction/discussion, else ``case``."""
    for ancestor in node.iterancestors():
        if _local(ancestor) in {"sec", "app", "back"}:
            title_node = _first(ancestor, "title")
            title = _text(title_node) if title_node is not None else ""
            if _local(ancestor) == "back" or _SKIP_SECTIONS.search(title):
                return "skip"
            if _AWAY_FROM_CASE.search(title):
                return "background"
    return "case"


def _add_patient_tables(builder: TextBuilder, article: etree._Element) -> None:
    for number, wrap in enumerate(article.iter("{*}table-wrap"), start=1):
        table = next(wrap.iter("{*}table"), None)
        where = _enclosing_kind(wrap)
        if table is None or where == "skip":
            continue
        label_node, caption_node = _first(wrap, "label"), _first(wrap, "caption")
        label = _text(label_node) if label_node is not None else f"Table {number}"
        caption = _text(caption_node) if caption_node is not None else ""
        found = patient_table(*_table_rows(table), caption=caption)
        if found is None:
            continue
        kind = "background" if found.literature or where == "background" else "case"
        for row in found.rows:
            builder.add(row.text, title=f"{label} > {row.label}", kind=kind)


def _article(article: etree._Element, source: str) -> Document:
    meta = _first(article, "front/article-meta")
    journal_node = _first(article, "front/journal-meta/journal-title-group/journal-title")
    if journal_node is None:
        journal_node = _first(article, "front/journal-meta/journal-title")
    builder = TextBuilder()
    title = None
    identifiers: list[str] = []
    date = None
    keywords: list[str] = []
    if meta is not None:
        title_node = _first(meta, "title-group/article-title")
        title = _text(title_node) if title_node is not None else None
        identifiers = _identifiers(meta)
        date = _date(meta)
        keywords = [_text(k) for k in meta.iter("{*}kwd")]
        if title:
            builder.add(title, title="Title", kind="title")
        for abstract in _children(meta, "abstract"):
            if abstract.get("abstract-type") in {"graphical", "teaser"}:
                continue
            sections = _children(abstract, "sec")
            parts = [_text(p) for part in (sections or [abstract]) for p in part.iter("{*}p")]
            builder.add("\n\n".join(p for p in parts if p), title="Abstract", kind="abstract")
    body = _first(article, "body")
    if body is not None:
        loose = [_text(p) for p in body if _local(p) == "p"]
        builder.add("\n\n".join(p for p in loose if p), title="Body", kind="case")
        for sec in _children(body, "sec"):
            _add_sections(builder, sec, None, "")
    _add_patient_tables(builder, article)
    if keywords:
        builder.add("Keywords: " + ", ".join(keywords), title="Keywords", kind="keywords")
    if not builder.text:
        which = f"JATS article {identifiers[0]}" if identifiers else "JATS article (no PMC id, PMID or DOI)"
        raise ReadError(source, f"{which} has no title, abstract or body text")
    sections = tuple(builder.sections)
    if not reports_a_case(article, sections):
        # a research article, review, editorial ...: its names are mentions, its patients are no case
        sections = tuple(replace(s, kind="background") if s.is_case_text else s for s in sections)
    return Document(
        source=source, format="jats", text=builder.text, title=title, identifiers=tuple(identifiers),
        journal=_text(journal_node) if journal_node is not None else None, date=date,
        keywords=tuple(keywords), sections=sections,
    )


#: JATS article types that never report a patient's case (a "letter" or "brief-report" may)
NON_CASE_ARTICLE_TYPES = frozenset("""
research-article review-article systematic-review meta-analysis editorial book-review correction retraction
news obituary product-review methods-article data-paper protocol announcement calendar addendum
expression-of-concern article-commentary reply oration collection dissertation books-received in-brief
""".split())
_CASE_HEADING = re.compile(r"\bcase\b|\bclinical vignette\b|\bpatient \d", re.IGNORECASE)


def reports_a_case(article: etree._Element, sections: tuple[Section, ...] = ()) -> bool:
    """Whether a JATS article reports a patient's case: not when its ``article-type`` is one
    that never does (a research article, a review ...), unless its subject headings or
    section titles say it is a case ("Case Report" filed as a research article is common).

    >>> reports_a_case(etree.fromstring('<article article-type="research-article"/>'))
    False
    >>> reports_a_case(etree.fromstring('<article article-type="case-report"/>'))
    True
    """
    if (article.get("article-type") or "").strip().lower() not in NON_CASE_ARTICLE_TYPES:
        return True
    subjects = [_text(s) for s in article.iter("{*}subject")]
    return any(_CASE_HEADING.search(text) for text in [*subjects, *(s.title for s in sections)])


def read_jats(text: str, source: str) -> Iterator[Document]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise ReadError(source, f"not well-formed JATS XML ({error})") from None
    articles = [root] if _local(root) == "article" else [a for a in root.iter("{*}article")]
    if not articles:
        raise ReadError(source, "XML without an <article> element (not JATS)")
    for article in articles:
        yield _article(article, source)
