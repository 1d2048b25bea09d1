"""The CLI end to end: ingest the seeds and the examples, then ask the graph what MODEL.md's
worked example and the seed summary say. Facts are checked with SPARQL ASK queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PREFIXES = """
PREFIX ckg: <https://w3id.org/casekg/vocab#>
PREFIX ckgid: <https://w3id.org/casekg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX MONDO: <http://purl.obolibrary.org/obo/MONDO_>
PREFIX NCIT: <http://purl.obolibrary.org/obo/NCIT_>
PREFIX HP: <http://purl.obolibrary.org/obo/HP_>
PREFIX NCBITaxon: <http://purl.obolibrary.org/obo/NCBITaxon_>
PREFIX MESH: <http://id.nlm.nih.gov/mesh/>
PREFIX NCBIGene: <http://identifiers.org/ncbigene/>
"""


def kg(*args: str, store: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ask(store: Path, pattern: str) -> bool:
    with CaseStore(store, read_only=True) as opened:
        return bool(opened.query(PREFIXES + "ASK { " + pattern + " }"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    store = tmp_path_factory.mktemp("e2e") / "store"
    code, out, err = kg("ingest", str(seeds), str(EXAMPLES), store=store)
    assert code == 0, err
    assert "0 failure(s)" in out
    return store


SEED_000 = "<https://w3id.org/casekg/id/case/pmc-PMC12127159>"
SEED_003 = "<https://w3id.org/casekg/id/case/doi-10.3389_fimmu.2025.1598754>"


def test_worked_example_patient(seeded: Path) -> None:
    assert ask(seeded, f"""{SEED_003} ckg:describes ?p . ?p a ckg:Patient ; ckg:age 35.0 ; ckg:sex "male" ;
                           ckg:species NCBITaxon:9606 ; ckg:evidence ?m . ?m ckg:start ?s""")


def test_worked_example_diagnosis(seeded: Path) -> None:
    assert ask(seeded, f"""{SEED_003} ckg:describes/ckg:hasDiagnosis ?dx . ?dx ckg:code MONDO:0018874 ;
                           ckg:qualifier "relapsed", "refractory" ; ckg:negated false ;
                           ckg:qualifierCode HP:0031375, HP:0031796 .
                           MONDO:0018874 skos:exactMatch MESH:D015470""")


def test_worked_example_lines_of_therapy(seeded: Path) -> None:
    assert ask(seeded, f"""{SEED_003} ckg:describes ?p .
        ?p ckg:receivedTherapy ?chemo, ?cart, ?cbt, ?pbsct, ?dli .
        ?chemo ckg:code NCIT:C15632 ; ckg:sequence 1 .
        ?cart ckg:code NCIT:C126102 ; ckg:sequence 2 ; ckg:target NCBIGene:160364 ; ckg:precededBy ?chemo .
        ?cbt ckg:code NCIT:C15640 ; ckg:sequence 3 ; ckg:precededBy ?cart .
        ?pbsct ckg:code NCIT:C15430 ; ckg:sequence 3 ; ckg:precededBy ?cart .
        ?dli ckg:code NCIT:C16145 ; ckg:sequence 3 ; ckg:precededBy ?cart .
        ?cart ckg:treats ?dx . ?p ckg:hasDiagnosis ?dx""")


def test_worked_example_outcomes_and_adverse_events(seeded: Path) -> None:
    assert ask(seeded, f"""{SEED_003} ckg:describes/ckg:receivedTherapy ?cart .
        ?cart ckg:code NCIT:C126102 ; ckg:hasAdverseEvent ?shock ; ckg:hasOutcome ?relapse .
        ?shock ckg:code ?shock_code ; ckg:negated false . ?shock_code skos:exactMatch? MESH:D012772 .
        ?relapse rdfs:label ?l . FILTER(CONTAINS(LCASE(?l), "relapse") || CONTAINS(LCASE(?l), "recurren"))""")
    assert ask(seeded, f"""{SEED_003} ckg:describes/ckg:receivedTherapy ?t .
        ?t ckg:code NCIT:C16145 ; ckg:hasAdverseEvent ?gvhd ; ckg:hasOutcome ?remission .
        ?gvhd ckg:code MONDO:0013730 ; ckg:negated false .
        ?remission rdfs:label ?l . FILTER(CONTAINS(LCASE(?l), "remission"))""")
    # septic shock follows CAR-T, not the transplant
    assert not ask(seeded, f"""{SEED_003} ckg:describes/ckg:receivedTherapy ?t . ?t ckg:code NCIT:C16145 ;
        ckg:hasAdverseEvent/ckg:code MESH:D012772""")


def test_background_sentences_yield_no_patient_facts(seeded: Path) -> None:
    # "Allogeneic HSCT (allo-HSCT) includes PBSCT and UCB" is a general statement
    assert not ask(seeded, f"""{SEED_003} ckg:describes/ckg:receivedTherapy/ckg:evidence ?m .
        ?m ckg:sentence/ckg:text ?s . FILTER(CONTAINS(?s, "includes"))""")
    # but its words are still mentions of the document
    assert ask(seeded, f"""{SEED_003} ckg:hasMention ?m . ?m ckg:sentence/ckg:text ?s . FILTER(CONTAINS(?s, "includes"))""")


def test_seed_summary_facts(seeded: Path) -> None:
    # ALL, or Ph+ ALL where the text names it so ("a patient with Ph+ ALL"), with both qualifiers
    assert ask(seeded, f"""{SEED_000} ckg:describes/ckg:hasDiagnosis ?dx . ?dx ckg:code ?all ;
                           ckg:qualifier "relapsed", "Ph+" . VALUES ?all {{ MONDO:0004967 MONDO:0035940 }}""")
    assert ask(seeded, f"""{SEED_000} ckg:describes/ckg:receivedTherapy ?t . ?t ckg:code NCIT:C126102 ;
        ckg:target NCBIGene:930 ; ckg:hasOutcome ?cr, ?mrd .
        ?cr ckg:code NCIT:C4870 ; ckg:negated false .
        ?mrd rdfs:label ?l ; ckg:negated false . FILTER(CONTAINS(?l, "MRD") || CONTAINS(LCASE(?l), "residual"))""")
    assert ask(seeded, f"""{SEED_000} ckg:describes/ckg:receivedTherapy ?t . ?t ckg:code NCIT:C126102 ;
        ckg:hasAdverseEvent ?crs, ?gvhd, ?neuro .
        ?crs rdfs:label ?crs_label ; ckg:grade 1 ; ckg:negated false . FILTER(CONTAINS(LCASE(?crs_label), "cytokine release"))
        ?gvhd ckg:code MONDO:0013730 ; ckg:negated true ; ckg:certainty "negated" .
        ?neuro ckg:code ?n ; ckg:negated true . ?n skos:exactMatch? MESH:D020258""")


def test_summary_annotations_are_standardized_mentions(seeded: Path) -> None:
    assert ask(seeded, f"""{SEED_000} ckg:hasMention ?m . ?m ckg:code NCBIGene:930 ; ckg:start ?s ;
        ckg:extractor ?e . FILTER(STRSTARTS(?e, "summary-") && CONTAINS(?e, "@"))""")
    assert ask(seeded, f"""{SEED_000} ckg:hasMention ?m . ?m ckg:code NCBITaxon:9606 ; ckg:category "Species" """)


def test_every_fact_has_evidence_with_offsets_and_sentence(seeded: Path) -> None:
    assert not ask(seeded, """?f a ?c . VALUES ?c { ckg:Diagnosis ckg:Therapy ckg:Outcome ckg:AdverseEvent ckg:Finding }
                              FILTER NOT EXISTS { ?f ckg:evidence ?m . ?m ckg:start ?s ; ckg:end ?e ; ckg:text ?t ;
                                                  ckg:sentence/ckg:text ?st }""")
    assert not ask(seeded, """?f a ?c . VALUES ?c { ckg:Diagnosis ckg:Outcome ckg:AdverseEvent ckg:Finding ckg:Mention }
                              FILTER NOT EXISTS { ?f ckg:negated ?n }""")


def test_every_node_has_a_label(seeded: Path) -> None:
    """MODEL.md: rdfs:label on every node (mentions and sentences included)."""
    assert ask(seeded, "?m a ckg:Mention ; rdfs:label ?l ; ckg:text ?l") and ask(seeded, "?s a ckg:Sentence ; rdfs:label ?l")
    assert not ask(seeded, """GRAPH ?g { ?n a ?c } FILTER(STRSTARTS(STR(?c), STR(ckg:)))
                              FILTER NOT EXISTS { ?n rdfs:label ?l }""")


def test_evidence_offsets_point_at_the_text(seeded: Path) -> None:
    with CaseStore(seeded, read_only=True) as store:
        rows = list(store.query(PREFIXES + """SELECT ?text ?start ?end ?stext ?sstart WHERE {
        ?m a ckg:Mention ; ckg:text ?text ; ckg:start ?start ; ckg:end ?end ; ckg:sentence ?s .
        ?s ckg:text ?stext ; ckg:start ?sstart }"""))
    checked = 0
    for row in rows:
        start, end, sstart = int(row["start"].value), int(row["end"].value), int(row["sstart"].value)
        assert row["stext"].value[start - sstart : end - sstart] == row["text"].value
        checked += 1
    assert checked > 50


def test_examples_key_facts(seeded: Path) -> None:
    # two lines of therapy with a gene-targeted CAR-T, graded CRS and negated neurotoxicity
    assert ask(seeded, """?r dcterms:identifier "PMC9900001" ; ckg:describes ?p . ?p ckg:age 52.0 ; ckg:sex "female" ;
        ckg:receivedTherapy ?cart . ?cart ckg:target NCBIGene:160364 ; ckg:sequence ?n ; ckg:precededBy ?earlier ;
        ckg:hasAdverseEvent ?crs, ?neuro . ?crs ckg:grade 2 ; ckg:negated false . ?neuro ckg:negated true .
        ?p ckg:hasDiagnosis/ckg:code MONDO:0018874""")
    # a rituximab-containing regimen and a negated tumor lysis syndrome
    assert ask(seeded, """?r dcterms:source ?src . FILTER(CONTAINS(?src, "dlbcl_rchop_case"))
        ?r ckg:describes ?p . ?p ckg:age 71.0 ; ckg:sex "male" ; ckg:receivedTherapy ?t .
        ?t ckg:hasAdverseEvent ?tls . ?tls ckg:negated true ; rdfs:label ?l . FILTER(CONTAINS(LCASE(?l), "tumor lysis"))""")


def test_reingest_is_idempotent_and_byte_identical(tmp_path: Path, seeds: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", str(seeds), str(EXAMPLES), store=store)[0] == 0
    first = kg("export", "--format", "nquads", store=store)[1]
    code, out, _ = kg("ingest", str(seeds), str(EXAMPLES), store=store)
    assert code == 0 and "unchanged" in out
    second = kg("export", "--format", "nquads", store=store)[1]
    assert first == second
    assert first.splitlines() == sorted(first.splitlines())


def test_fresh_stores_with_pinned_time_are_byte_identical(tmp_path: Path, seeds: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    exports = []
    for name in ("a", "b"):
        store = tmp_path / name
        assert kg("ingest", str(seeds), store=store)[0] == 0
        exports.append(kg("export", "--format", "nquads", store=store)[1])
    assert exports[0] == exports[1]
    assert "2023-11-14T22:13:20Z" in exports[0]


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path: Path, seeds: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", str(seeds), store=store)[0] == 0
    before = kg("export", "--format", "nquads", store=store)[1]
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (bad / "latin1.txt").write_bytes("Un patient \xe2g\xe9 de 35 ans".encode("latin-1"))
    (bad / "data.json").write_text('{"a": 1}')
    good = bad / "good.txt"
    good.write_text("A 40-year-old man with acute myeloid leukemia received chemotherapy and achieved complete remission.")
    code, out, err = kg("ingest", str(bad / "empty.txt"), str(bad / "binary.txt"), str(bad / "latin1.txt"),
                        str(bad / "data.json"), str(good), store=store)
    assert code != 0
    lines = [l for l in err.splitlines() if l.startswith("kg: ")]
    assert len(lines) == 4
    for name, problem in (("empty.txt", "empty file"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8"),
                          ("data.json", "unknown format")):
        assert any(name in l and problem in l for l in lines), (name, lines)
    assert "1 document(s)" in out and "4 failure(s)" in out
    after = kg("export", "--format", "nquads", store=store)[1]
    assert set(before.splitlines()) <= set(after.splitlines())
    assert ask(store, """?r dcterms:source ?s . FILTER(CONTAINS(?s, "good.txt"))""")


def test_canned_queries_run_and_render(seeded: Path) -> None:
    code, out, _ = kg("queries", store=seeded)
    assert code == 0 and len(out.splitlines()) >= 8
    assert all(line.split("\t")[0] and len(line.split("\t")) >= 2 for line in out.splitlines())
    code, out, _ = kg("query", "cases-overview", store=seeded)
    assert code == 0 and "pmc-PMC12127159" in out and "acute myeloid leukemia" in out
    code, out, _ = kg("query", "therapies-for-disease", "--param", "disease=MESH:D015470", "--format", "csv", store=seeded)
    assert code == 0 and "doi-10.3389_fimmu.2025.1598754" in out and out.startswith("case,")
    by_mondo = kg("query", "therapies-for-disease", "--param", "disease=MONDO:0018874", "--format", "csv", store=seeded)[1]
    assert sorted(by_mondo.splitlines()) == sorted(out.splitlines())
    code, out, _ = kg("query", "therapies-by-target", "--param", "target=NCBIGene:930", "--format", "json", store=seeded)
    assert code == 0 and '"symbol": "CD19"' in out
    code, out, _ = kg("query", "adverse-events-by-therapy", "--format", "tsv", store=seeded)
    assert code == 0 and "not observed" in out and "observed" in out
    code, out, _ = kg("query", "documents-mentioning", "--param", "concept=ncbigene:160364", store=seeded)
    assert code == 0 and "CLL1" in out
    code, out, _ = kg("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/casekg/vocab#Patient> }",
                      "--format", "csv", store=seeded)
    assert code == 0 and int(out.splitlines()[1]) >= 7


def test_query_injection_fails_cleanly_and_store_survives(seeded: Path) -> None:
    with CaseStore(seeded, read_only=True) as store:
        before = len(store)
    code, _, err = kg("query", "therapies-for-disease", "--param", 'disease=x" } ; DROP ALL ; #', store=seeded)
    assert code != 0 and "not a CURIE or IRI" in err and "Traceback" not in err
    code, out, _ = kg("query", "case-timeline", "--param", 'case=x" } ; DROP ALL ; #', store=seeded)
    assert code == 0 and "(0 rows)" in out
    with CaseStore(seeded, read_only=True) as store:
        assert len(store) == before


def test_export_formats_parse(seeded: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    for name, fmt in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                      ("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                      ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)):
        target = tmp_path / f"out.{name}"
        assert kg("export", "--format", name, "-o", str(target), store=seeded)[0] == 0
        parsed = list(ox.parse(path=str(target), format=fmt))
        assert len(parsed) > 500, name


def test_stats(seeded: Path) -> None:
    code, out, _ = kg("stats", store=seeded)
    assert code == 0
    figures = dict(line.split(None, 1) for line in out.splitlines())
    assert int(figures["documents"]) == 7 and int(figures["Patient"]) == 7
    assert int(figures["Therapy"]) >= 15 and int(figures["negated"].split()[-1]) >= 4


def test_store_option_and_env(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASEKG_STORE", str(tmp_path / "env-store"))
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "cml_imatinib_case.txt")])
    assert result.exit_code == 0
    assert (tmp_path / "env-store").is_dir()
    code, _, err = kg("stats", store=tmp_path / "nowhere")
    assert code != 0 and "no CaseKG store" in err


def test_help_is_complete() -> None:
    for command in ("ingest", "query", "queries", "export", "stats"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
    assert "--store" in CliRunner().invoke(cli, ["--help"]).output


def test_examples_folder_readme_is_not_ingested(tmp_path: Path) -> None:
    copy = tmp_path / "ex"
    shutil.copytree(EXAMPLES, copy)
    code, out, _ = kg("ingest", str(copy), store=tmp_path / "s")
    assert code == 0 and out.startswith("5 document(s)")


def test_every_vocabulary_term_in_the_data_is_declared_in_the_tbox(seeded: Path) -> None:
    with CaseStore(seeded, read_only=True) as store:
        used = {row["t"].value for row in store.query("""
            SELECT DISTINCT ?t WHERE {
              GRAPH ?g { { ?s ?t ?o } UNION { ?s a ?t } }
              FILTER(?g != <https://w3id.org/casekg/id/graph/ontology>)
              FILTER(STRSTARTS(STR(?t), "https://w3id.org/casekg/vocab#"))
            }""")}
        declared = {row["t"].value for row in store.query("""
            SELECT ?t WHERE { GRAPH <https://w3id.org/casekg/id/graph/ontology> { ?t a ?kind }
              VALUES ?kind { <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2002/07/owl#ObjectProperty>
                             <http://www.w3.org/2002/07/owl#DatatypeProperty> } }""")}
    assert len(used) > 25
    assert used <= declared, sorted(used - declared)
