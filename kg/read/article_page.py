"""A publisher's article page saved as plain text (e.g. a Frontiers "provisionally
accepted" page): header lines, title, authors with affiliations, abstract, keywords,
dates, and page boilerplate (copyright, disclaimer, correspondence, navigation) that
must not be read as case text.
"""

from __future__ import annotations

import re

from kg.model import Document
from kg.read.builder import TextBuilder, find_article_ids
from kg.read.dates import parse_date

__all__ = ["looks_like_article_page", "read_article_page"]

_ARTICLE_TYPE = re.compile(r"^\s*([A-Z][A-Za-z ]{2,40}) article\s*$", re.MULTILINE)
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+[^\s.,;)])", re.IGNORECASE)
_VOLUME = re.compile(r"^\s*Volume\s+\d+", re.IGNORECASE)
_KEYWORDS = re.compile(r"^\s*Key\s*words?\s*:\s*(.*)$", re.IGNORECASE)
_DATES = re.compile(r"^\s*(Received|Accepted|Published|Revised)\s*:", re.IGNORECASE)
_AFFILIATION = re.compile(r"^\s*(?:[•·*\-]\s*)?(\d{1,2})\s*([A-Z].*)$")
_AUTHOR_MARKS = re.compile(r"\d+(?:\s*,\s*\d+)*\s*\*?|\*")

#: paragraphs starting like this are page furniture, not the article
_BOILERPLATE = re.compile(
    r"^\s*(Copyright\b|©|\*\s*Correspondence|Correspondence\s*:|Disclaimer\s*:|"
    r"Provisionally accepted|The final, formatted version|This article is part of the Research Topic|"
    r"View all \d+ articles|Sec\.\s|Download|Share|Export citation|Check for updates|"
    r"Impact Factor|Citation:|Edited by|Reviewed by|Open access|Table of contents|Cookie|"
    r"Frontiers in \w|People also looked at|Back to top|Total views)",
    re.IGNORECASE,
)
_SECTION_HEADINGS = {
    "abstract": "abstract",
    "background": "background",
    "introduction": "background",
    "case presentation": "case",
    "case report": "case",
    "case description": "case",
    "discussion": "background",
    "conclusion": "background",
    "conclusions": "background",
}
_STOP_HEADINGS = {"references", "acknowledgments", "acknowledgements", "author contributions",
                  "funding", "conflict of interest", "publisher's note", "data availability statement",
                  "ethics statement", "supplementary material"}


_KEYWORDS_LINE = re.compile(r"^\s*Keywords?\s*:", re.MULTILINE | re.IGNORECASE)
_RECEIVED_LINE = re.compile(r"^\s*Received\s*:", re.MULTILINE)
_NOTICE_LINE = re.compile(r"^\s*(Copyright|Disclaimer)\s*:", re.MULTILINE)


def looks_like_article_page(text: str) -> bool:
    """Three of six signs of a journal's article page (the cheap ones asked first, and no
    more once three can no longer be reached: every plain text file is asked)."""
    head = text[:6000]
    signals = (
        lambda: bool(_ARTICLE_TYPE.search(head[:400])),
        lambda: "Provisionally accepted" in head,
        lambda: bool(_DOI.search(head)),
        lambda: bool(_KEYWORDS_LINE.search(text)),
        lambda: bool(_RECEIVED_LINE.search(text)),
        lambda: bool(_NOTICE_LINE.search(text)),
    )
    found = 0
    for asked, signal in enumerate(signals):
        if found + len(signals) - asked < 3:
            return False
        found += signal()
        if found >= 3:
            return True
    return False


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _authors(line: str) -> tuple[str, ...]:
    """Names from a run-together author line such as ``Meng  FanqiaoMeng Fanqiao1,2Yu  LiuYu Liu1,2*``."""
    names = []
    for chunk in _AUTHOR_MARKS.split(line):
        chunk = chunk.strip(" ,;")
        words = chunk.split()
        # pages often print the name twice, run together ("Given  FamilyGiven Family")
        split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", chunk).split()
        half = len(split) // 2
        if half and len(split) % 2 == 0 and split[:half] == split[half:]:
            words = split[:half]
        if words:
            names.append(" ".join(words))
    return tuple(dict.fromkeys(names))


def read_article_page(text: str, source: str) -> Document:
    paragraphs = _paragraphs(text)
    identifiers: list[str] = []
    title = journal = date = None
    authors: tuple[str, ...] = ()
    affiliations: list[str] = []
    keywords: tuple[str, ...] = ()
    body: list[tuple[str, str, str]] = []  # (section title, kind, text)
    section_title, section_kind = "Abstract", "abstract"
    expecting_journal = False
    stopped = False

    for para in paragraphs:
        first = para.splitlines()[0]
        if stopped:
            break
        if _ARTICLE_TYPE.fullmatch(first.strip() + "\n") or _ARTICLE_TYPE.match(first):
            expecting_journal = True
            continue
        if expecting_journal and len(para) < 80 and "\n" not in para:
            journal = para.strip()
            expecting_journal = False
            continue
        expecting_journal = False
        if (doi := _DOI.search(para)) is not None and len(para) < 300:
            identifiers.append("doi:" + doi.group(1))
            continue
        if _VOLUME.match(para):
            continue
        if para.startswith("Provisionally accepted"):
            # the author line often follows directly in the same paragraph
            rest = para.removeprefix("Provisionally accepted").strip()
            if rest:
                authors, affiliations = _author_block(rest, authors, affiliations)
            continue
        if _BOILERPLATE.match(para):
            continue
        if (kw := _KEYWORDS.match(para)) is not None:
            keywords = tuple(k.strip(" .") for k in re.split(r"[,;]", kw.group(1)) if k.strip(" ."))
            continue
        if _DATES.match(para):
            for part in re.split(r";", para):
                label = part.split(":", 1)[0].strip().lower()
                parsed = parse_date(part)
                if parsed and (date is None or label in {"published", "accepted"}):
                    date = parsed
            continue
        if title is None:
            title = " ".join(para.split())
            continue
        if not authors and _looks_like_author_block(para):
            authors, affiliations = _author_block(para, authors, affiliations)
            continue
        if _AFFILIATION.match(first) and len(para) < 600 and all(_AFFILIATION.match(l) for l in para.splitlines()):
            affiliations.extend(_AFFILIATION.match(l).group(2).strip() for l in para.splitlines())
            continue
        heading = para.strip().rstrip(":").lower()
        if heading in _STOP_HEADINGS:
            stopped = True
            continue
        if heading in _SECTION_HEADINGS and "\n" not in para:
            section_title, section_kind = para.strip().rstrip(":"), _SECTION_HEADINGS[heading]
            continue
        body.append((section_title, section_kind, para))

    identifiers.extend(find_article_ids(text))

    builder = TextBuilder()
    if title:
        builder.add(title, title="Title", kind="title")
    for name, kind, para in body:
        builder.add(para, title=name, kind=kind)
    if keywords:
        builder.add("Keywords: " + ", ".join(keywords), title="Keywords", kind="keywords")
    return Document(
        source=source,
        format="article-page",
        text=builder.text,
        title=title,
        identifiers=tuple(dict.fromkeys(identifiers)),
        authors=authors,
        affiliations=tuple(affiliations),
        journal=journal,
        date=date,
        keywords=keywords,
        sections=tuple(builder.sections),
    )


def _looks_like_author_block(para: str) -> bool:
    first = para.splitlines()[0]
    return bool(re.search(r"[a-z]\d(?:,\d+)*\*?", first)) and len(first) < 600 and not first.rstrip().endswith(".")


def _author_block(
    para: str, authors: tuple[str, ...], affiliations: list[str]
) -> tuple[tuple[str, ...], list[str]]:
    lines = para.splitlines()
    authors = authors or _authors(lines[0])
    for line in lines[1:]:
        if (m := _AFFILIATION.match(line)) is not None:
            affiliations.append(m.group(2).strip())
    return authors, affiliations
