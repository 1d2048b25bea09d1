"""Readers for the vocabulary files users bring, each recognised from its content.

Every reader yields :class:`Entry` (a concept with names) or :class:`Mapping` (an
equivalence between two ids, with the mapping's justification). Recognised files:
CTD MEDIC diseases, CTD-style chemical tables, MeSH descriptor tables (C/F trees, or
the full descriptor table with NCBI Taxonomy ids for organisms), MeSH supplementary
concept tables, MONDO term tables and JSON, SSSOM mapping sets, OBO files (HPO, MAxO),
NCIt/CDISC terminology tables, NCBI ``gene_info`` and NCBI Taxonomy ``names.dmp``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import CaseKGError

__all__ = ["Entry", "Mapping", "VocabFileError", "detect", "read_source", "open_text"]

csv.field_size_limit(1 << 30)


class VocabFileError(CaseKGError):
    """A vocabulary file that cannot be recognised or read."""


@dataclass(frozen=True)
class Entry:
    curie: str
    category: str  # Disease | Chemical | Gene | Species | Finding | Therapy
    label: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    #: branches of the source's hierarchy (MeSH tree numbers cut to two levels, "D12.776"),
    #: or the MeSH descriptors a supplementary concept maps to
    groups: tuple[str, ...] = ()
    #: weaker names than synonyms (gene_info's Other_designations, often generic: "nuclear protein")
    designations: tuple[str, ...] = ()


def tree_groups(trees: str) -> tuple[str, ...]:
    """MeSH tree numbers cut to their first two levels (``D12.776.124`` -> ``D12.776``)."""
    return tuple(dict.fromkeys(".".join(t.split("/")[0].split(".")[:2]) for t in _split(trees)))


@dataclass(frozen=True)
class Mapping:
    subject: str
    predicate: str
    object: str
    justification: str


def open_text(path: Path) -> io.TextIOBase:
    """A text handle on ``path``, gunzipped when it is gzip (judged by its magic bytes)."""
    with path.open("rb") as raw:
        magic = raw.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8", errors="replace", newline="")
    return path.open(encoding="utf-8", errors="replace", newline="")


def _head(path: Path, size: int = 8192) -> str:
    try:
        with open_text(path) as handle:
            return handle.read(size)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise VocabFileError(f"{path}: cannot read ({error})") from error


#: a names.dmp line: tax_id | name | unique name | name class |
_TAXONOMY_ROW = re.compile(r"^\d+\t\|\t[^\t]+\t\|\t[^\t]*\t\|\t[a-z ]+\t\|")
_DESCRIPTOR_ROW = re.compile(r"^D\d{6,9}\t[^\t]+\t[^\t]*\t[^\t]*\t", re.MULTILINE)


def detect(path: Path) -> str:
    """The kind of vocabulary file ``path`` is, judged from its first lines."""
    head = _head(path)
    first = next((line for line in head.splitlines() if line.strip() and not line.startswith("# ")), "")
    if "DiseaseName\tDiseaseID" in head:
        return "ctd-diseases"
    if first.startswith("ChemicalName\tChemicalID") or "# ChemicalName\tChemicalID" in head:
        return "ctd-chemicals"
    if first.startswith("#tax_id\tGeneID") or first.startswith("tax_id\tGeneID"):
        return "gene-info"
    if "subject_id\t" in head and "object_id" in head and "predicate_id" in head:
        return "sssom"
    if first.startswith("MESH_ID\tMESH_NAME"):
        return "mesh-tree"
    if first.startswith("MESH_SCR_ID\t"):
        return "mesh-scr"
    if first.startswith("id\tname\tsynonyms\txrefs"):
        return "mondo-tsv"
    if head.lstrip().startswith("[") and '"namespace": "mondo"' in head:
        return "mondo-json"
    if re.search(r"^format-version:", head, re.MULTILINE) or head.startswith("[Term]"):
        return "obo"
    if first.startswith("Code\tCodelist Code"):
        return "ncit-cdisc"
    if _TAXONOMY_ROW.match(first):
        return "ncbi-taxonomy"
    if _DESCRIPTOR_ROW.search(head):
        return "mesh-descriptors"
    from kg.read.pubtator import looks_like_pubtator

    if looks_like_pubtator(head):
        return "pubtator"
    raise VocabFileError(f"{path}: not a vocabulary file CaseKG recognises (MEDIC, CTD chemicals, MeSH, MONDO, SSSOM, "
                         "OBO, NCIt, gene_info, NCBI Taxonomy names.dmp)")


def _split(value: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def _rows(path: Path, skip_comments: bool = True) -> Iterator[list[str]]:
    with open_text(path) as handle:
        for line in handle:
            if skip_comments and line.startswith("#"):
                continue
            line = line.rstrip("\r\n")
            if line:
                yield line.split("\t")


def _mesh(identifier: str) -> str:
    identifier = identifier.strip()
    return identifier if ":" in identifier else f"MESH:{identifier}"


def read_ctd_diseases(path: Path) -> Iterator[Entry]:
    for row in _rows(path):
        if len(row) < 8:
            continue
        alt = tuple(a.replace("DO:DOID", "DOID") for a in _split(row[2]))
        yield Entry(row[1], "Disease", row[0], _split(row[7]), alt, tree_groups(row[5]))


def read_ctd_chemicals(path: Path) -> Iterator[Entry]:
    header: list[str] | None = None
    for row in _rows(path, skip_comments=False):
        if header is None:
            header = [h.lstrip("# ") for h in row]
            continue
        if row[0].startswith("#"):
            continue
        record = dict(zip(header, row))
        groups = tree_groups(record.get("TreeNumbers", "")) or _split(record.get("MappedToDescriptors", ""))
        yield Entry(_mesh(record["ChemicalID"]), "Chemical", record["ChemicalName"], _split(record.get("Synonyms", "")),
                    (), groups)


def read_gene_info(path: Path, taxa: frozenset[str] | None = None) -> Iterator[Entry]:
    for row in _rows(path):
        if len(row) < 12 or (taxa and row[0] not in taxa):
            continue
        names = [n for n in (*_split(row[4]), row[10], row[11]) if n and n != "-"]
        if row[8] and row[8] != "-":
            names.append(row[8])
        #: Other_designations: the protein names papers use ("norrin", "securin"), and generic ones
        designations = tuple(n for n in _split(row[13]) if n != "-" and n not in names
                             and _writable_designation(n)) if len(row) > 13 else ()
        if row[9] == "pseudo":
            # a pseudogene's aliases are mostly its parent gene's names ("ICln" of CLNS1AP1):
            # they name the pseudogene only where no expressed gene claims them
            weak = tuple(n for n in names if "pseudogene" not in n.lower())
            names = [n for n in names if n not in weak]
            designations = tuple(dict.fromkeys((*weak, *designations)))
        xrefs = tuple(x.replace("HGNC:HGNC:", "HGNC:").replace("MIM:", "OMIM:") for x in _split(row[5]) if x != "-")
        yield Entry(f"NCBIGene:{row[1]}", "Gene", row[2], tuple(dict.fromkeys(names)), xrefs + (f"NCBITaxon:{row[0]}",),
                    designations=tuple(dict.fromkeys(designations)))


def _writable_designation(name: str) -> bool:
    """Other_designations short enough to be written in running text: at most five words, no
    commas, brackets or semicolons ("norrin", "securin", not "dimethylaniline monooxygenase
    [N-oxide-forming] 3" or "ATP-binding cassette, sub-family A (ABC1), member 1")."""
    return len(name.split()) <= 5 and not any(c in name for c in ",;()[]")


def read_sssom(path: Path) -> Iterator[Mapping]:
    header: list[str] | None = None
    for row in _rows(path):
        if header is None:
            header = row
            continue
        record = dict(zip(header, row))
        subject, obj = record.get("subject_id", ""), record.get("object_id", "")
        if subject and obj:
            yield Mapping(_upper_prefix(subject), record.get("predicate_id", ""), _upper_prefix(obj),
                          record.get("mapping_justification", ""))


def _upper_prefix(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return f"{prefix.upper()}:{local}" if prefix.lower() in {"mesh", "omim", "doid", "hgnc", "mondo"} else curie


def read_mesh_tree(path: Path) -> Iterator[Entry]:
    """MeSH C/F descriptor trees; only C (diseases) descriptors become Disease concepts."""
    seen: set[str] = set()
    for row in list(_rows(path))[1:]:
        if len(row) >= 5 and row[0] not in seen and row[4].startswith("C"):
            seen.add(row[0])
            yield Entry(_mesh(row[0]), "Disease", row[1])


def read_mesh_scr(path: Path) -> Iterator[Entry | Mapping]:
    for row in list(_rows(path))[1:]:
        if len(row) >= 3:
            yield Entry(_mesh(row[0]), "Disease", row[1], (), (_mesh(row[2]),))


#: groups of MeSH organisms: whether the descriptor has organisms below it in the tree (a
#: genus, family or order: "Bacillus", "Moths") or not (mostly species). Training statistics
#: per group tell whether a corpus annotates higher taxa (SPECIES-800 and LINNAEUS do not).
HIGHER_TAXON, LOWEST_TAXON = "rank:higher", "rank:lowest"


def _taxon_id(txids: tuple[str, ...]) -> str:
    """The NCBI Taxonomy id of a MeSH organism listing several: the lowest number, i.e. the
    taxon registered first (the species itself rather than a strain or a later synonym)."""
    return min(txids, key=lambda t: (not t.isdigit(), int(t) if t.isdigit() else 0, t))


#: MeSH organisms below the species: "Influenza A Virus, H5N1 Subtype", "Leptospira
#: interrogans serovar pomona", "Neisseria meningitidis, Serogroup B"
_INFRASPECIFIC = re.compile(r"(?:,\s*|\s)(?:[\w/-]+\s+)?(?:subtype|serogroup|serotype|serovar|biovar|pathovar)\b",
                            re.IGNORECASE)


def read_mesh_descriptors(path: Path) -> Iterator[Entry]:
    """The full MeSH descriptor table: organisms (B01-B04 with an NCBI txid) become Species,
    C descriptors Disease, D descriptors Chemical.

    A subtype, serogroup or serovar is named as its species (its names join the descriptor
    above it in the tree): species corpora (SPECIES-800, LINNAEUS) normalize strains and
    subtypes to the species, and a case report's "H5N1" is influenza A."""
    rows = [row for row in _rows(path) if len(row) >= 4]
    parents = {".".join(parts[:i]) for row in rows for tree in _split(row[3]) if tree.startswith("B")
               for parts in [tree.split(".")] for i in range(1, len(parts))}
    by_tree = {tree: row for row in rows if len(row) > 4 and row[4] for tree in _split(row[3]) if tree.startswith("B")}
    for row in rows:
        trees = _split(row[3])
        synonyms = _split(row[2])
        txids = _split(row[4]) if len(row) > 4 else ()
        if txids and any(t.startswith("B") for t in trees):
            species = _species_above(row, trees, by_tree)
            if species is not None:
                yield Entry(f"NCBITaxon:{_taxon_id(_split(species[4]))}", "Species", species[1], (row[1], *synonyms),
                            (_mesh(species[0]), _mesh(row[0])), (HIGHER_TAXON,))
                continue
            rank = HIGHER_TAXON if any(t in parents for t in trees) else LOWEST_TAXON
            yield Entry(f"NCBITaxon:{_taxon_id(txids)}", "Species", row[1], synonyms, (_mesh(row[0]),), (rank,))
        elif any(t.startswith("C") for t in trees):
            yield Entry(_mesh(row[0]), "Disease", row[1], synonyms)
        elif any(t.startswith("D") for t in trees):
            yield Entry(_mesh(row[0]), "Chemical", row[1], synonyms)


#: NCBI Taxonomy name classes that are names of the organism in running text ("authority",
#: "type material", "includes", "in-part" and "blast name" are not)
_TAXONOMY_NAME_CLASSES = frozenset({
    "scientific name", "synonym", "equivalent name", "common name", "genbank common name",
    "genbank acronym", "acronym",
})
#: ranks that have no organisms named below them in running text (the rest are higher taxa)
_LOWEST_RANKS = frozenset({"species", "subspecies", "strain", "varietas", "forma", "serotype", "serogroup",
                           "isolate", "no rank"})
#: scientific names of sampled, unnamed or provisional organisms ("uncultured bacterium",
#: "Streptomyces sp. 1234"): millions of them, never written as such in an abstract
_UNNAMED_TAXON = re.compile(
    r"\b(?:uncultured|unidentified|unclassified|environmental|metagenome|clone|isolate|strain|str\.|sp\.|cf\.|aff\.)"
    r"|\bbacterium\b|/", re.IGNORECASE)


def _taxonomy_ranks(names_path: Path) -> dict[str, str]:
    """tax_id -> rank from the ``nodes.dmp`` beside ``names.dmp`` (empty when there is none)."""
    nodes = names_path.with_name(names_path.name.replace("names", "nodes"))
    if nodes == names_path or not nodes.exists():
        return {}
    ranks = {}
    with open_text(nodes) as handle:
        for line in handle:
            fields = line.split("\t|\t")
            if len(fields) > 2:
                ranks[fields[0]] = fields[2]
    return ranks


def read_taxonomy_names(path: Path) -> Iterator[Entry]:
    """NCBI Taxonomy ``names.dmp`` (taxdump): one Species entry per named taxon, its scientific
    name the label, its synonyms, common names and acronyms the synonyms. Ranks come from
    ``nodes.dmp`` when it lies beside; sampled and provisional taxa are left out."""
    ranks = _taxonomy_ranks(path)
    current, label, names = "", "", []

    def entry() -> Iterator[Entry]:
        if current and label and not _UNNAMED_TAXON.search(label):
            rank = ranks.get(current)
            groups = () if rank is None else (LOWEST_TAXON if rank in _LOWEST_RANKS else HIGHER_TAXON,)
            yield Entry(f"NCBITaxon:{current}", "Species", label,
                        tuple(dict.fromkeys(n for n in names if n != label)), (), groups)

    with open_text(path) as handle:
        for line in handle:
            fields = [f.strip() for f in line.rstrip("\r\n").rstrip("|").split("\t|")]
            if len(fields) < 4 or not fields[0].isdigit() or fields[3] not in _TAXONOMY_NAME_CLASSES:
                continue
            if fields[0] != current:
                yield from entry()
                current, label, names = fields[0], "", []
            if fields[3] == "scientific name":
                label = fields[1]
            else:
                names.append(fields[1])
    yield from entry()


def _species_above(row: list[str], trees: tuple[str, ...], by_tree: dict[str, list[str]]) -> list[str] | None:
    """The organism descriptor right above an infraspecific one (None for any other)."""
    if not _INFRASPECIFIC.search(row[1]):
        return None
    for tree in trees:
        above = by_tree.get(tree.rpartition(".")[0])
        if above is not None and not _INFRASPECIFIC.search(above[1]):
            return above
    return None


def read_mondo_tsv(path: Path) -> Iterator[Entry]:
    for row in list(_rows(path))[1:]:
        if len(row) >= 4 and row[0].startswith("MONDO:"):
            yield Entry(row[0], "Disease", row[1], _split(row[2]), _split(row[3]))


def read_mondo_json(path: Path) -> Iterator[Entry]:
    with open_text(path) as handle:
        records = json.load(handle)
    for record in records:
        xrefs = tuple(f"{x['namespace']}:{x['id']}" for x in record.get("xrefs", ()))
        yield Entry(f"MONDO:{record['id']}", "Disease", record["name"], tuple(record.get("synonyms", ())), xrefs)


_OBO_CATEGORY = {"HP": "Finding", "MAXO": "Therapy", "MONDO": "Disease", "DOID": "Disease", "NCIT": "Therapy"}
_OBO_SYNONYM = re.compile(r'^synonym:\s*"((?:[^"\\]|\\.)*)"\s*(EXACT|RELATED|NARROW|BROAD)?')


def read_obo(path: Path) -> Iterator[Entry]:
    """OBO 1.2 stanzas (HPO, MAxO): id, name, EXACT/NARROW synonyms, xrefs; obsolete terms skipped."""
    term: dict[str, object] | None = None

    def flush(term: dict[str, object] | None) -> Iterator[Entry]:
        if term and term.get("id") and term.get("name") and not term.get("obsolete"):
            curie = str(term["id"])
            category = _OBO_CATEGORY.get(curie.split(":")[0], "Finding")
            yield Entry(curie, category, str(term["name"]), tuple(term["synonyms"]), tuple(term["xrefs"]))  # type: ignore[arg-type]

    with open_text(path) as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("["):
                yield from flush(term)
                term = {"synonyms": [], "xrefs": []} if line == "[Term]" else None
            elif term is not None and ":" in line:
                tag, _, value = line.partition(":")
                value = value.strip()
                if tag == "id":
                    term["id"] = value
                elif tag == "name":
                    term["name"] = value
                elif tag == "synonym":
                    match = _OBO_SYNONYM.match(line)
                    if match and match.group(2) in {None, "EXACT", "NARROW"}:
                        term["synonyms"].append(match.group(1))  # type: ignore[union-attr]
                elif tag == "xref":
                    term["xrefs"].append(value.split()[0])  # type: ignore[union-attr]
                elif tag == "is_obsolete" and value == "true":
                    term["obsolete"] = True
        yield from flush(term)


def read_ncit_cdisc(path: Path) -> Iterator[Entry]:
    """CDISC terminology (NCIt codes): preferred name, submission value and synonyms."""
    seen: set[str] = set()
    for row in list(_rows(path))[1:]:
        if len(row) < 8 or not row[1] or row[0] in seen:
            continue  # rows without a codelist code are the codelists themselves
        seen.add(row[0])
        synonyms = tuple(s for s in (*_split(row[5], ";"), row[4]) if len(s) > 2)
        yield Entry(f"NCIT:{row[0]}", "Therapy", row[7], synonyms)


READERS = {
    "ctd-diseases": read_ctd_diseases,
    "ctd-chemicals": read_ctd_chemicals,
    "gene-info": read_gene_info,
    "sssom": read_sssom,
    "mesh-tree": read_mesh_tree,
    "mesh-scr": read_mesh_scr,
    "mesh-descriptors": read_mesh_descriptors,
    "mondo-tsv": read_mondo_tsv,
    "mondo-json": read_mondo_json,
    "obo": read_obo,
    "ncit-cdisc": read_ncit_cdisc,
    "ncbi-taxonomy": read_taxonomy_names,
}


def read_source(path: Path, kind: str | None = None, taxa: frozenset[str] | None = None) -> Iterator[Entry | Mapping]:
    """Every record of one vocabulary file (``kind`` as :func:`detect` names it)."""
    kind = kind or detect(path)
    if kind == "gene-info":
        return read_gene_info(path, taxa)
    reader = READERS.get(kind)
    if reader is None:
        raise VocabFileError(f"{path}: {kind} files are read with --from-annotations, not as a vocabulary")
    return reader(path)
