"""JATS and brat readers, input expansion (globs, .gz, stdin), batched and parallel ingest,
the bulk-load journal, --skip-existing, and input relations in the graph."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import ReadError
from kg.extract import Extractor
from kg.inputs import expand_inputs
from kg.pipeline import ingest, process_file
from kg.read import detect_format, read_documents, read_file
from kg.read.brat import read_brat
from kg.read.jats import section_kind_of
from kg.store.store import PENDING_GRAPH, CaseStore

CKG = "https://w3id.org/casekg/vocab#"

JATS = """<?xml version="1.0"?>
<pmc-articleset><article article-type="case-report"><front>
<journal-meta><journal-title-group><journal-title>Case Rep J</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmid">111</article-id><article-id pub-id-type="pmc">PMC999</article-id>
<article-id pub-id-type="doi">10.1/x</article-id>
<title-group><article-title>Imatinib for chronic myeloid leukemia</article-title></title-group>
<pub-date pub-type="epub"><day>5</day><month>3</month><year>2020</year></pub-date>
<abstract><p>A 50-year-old man with CML.</p></abstract></article-meta></front>
<body><sec><title>Introduction</title><p>Rituximab is often given for lymphoma.</p></sec>
<sec><title>Case presentation</title><p>He received imatinib<xref ref-type="bibr">1</xref> and reached remission.</p>
<table-wrap><table><tr><td>cell text</td></tr></table></table-wrap></sec>
<sec><title>Discussion</title><p>Other patients received rituximab.</p></sec>
<sec><title>Disclosures</title><p>None.</p></sec></body></article>
<article><front><article-meta><article-id pub-id-type="pmcid">12</article-id>
<title-group><article-title>Second</article-title></title-group></article-meta></front></article>
</pmc-articleset>"""

BRAT_TEXT = "A 34-yr-old man had no fever but severe cough. He received amoxicillin.\n"
BRAT_ANN = (
    "T1\tAge 2 11\t34-yr-old\n"
    "T2\tSex 12 15\tman\n"
    "T3\tSign_symptom 23 28\tfever\n"
    "E1\tSign_symptom:T3 \n"
    "A1\tPOLARITY E1 NEG\n"
    "T4\tSign_symptom 40 45\tcough\n"
    "T5\tSeverity 33 39\tsevere\n"
    "R1\tMODIFY Arg1:T5 Arg2:T4\t\n"
    "T6\tMedication 59 70\tamoxicillin\n"
    "N1\tReference T6 MESH:D000658\tAmoxicillin\n"
    "T7\tSign_symptom 2 5;12 15\t34- man\n"
    "#1\tAnnotatorNotes T4\tnote\n"
)


def test_jats_articles_sections_ids_and_metadata() -> None:
    assert detect_format(JATS, "x.xml") == "jats"
    first, second = read_documents(JATS, "x.xml")
    assert first.identifiers == ("PMC999", "PMID:111", "doi:10.1/x")
    assert second.identifiers == ("PMC12",)
    assert (first.title, first.journal, first.date) == ("Imatinib for chronic myeloid leukemia", "Case Rep J", "2020-03-05")
    kinds = {s.title: s.kind for s in first.sections}
    assert kinds == {"Title": "title", "Abstract": "abstract", "Introduction": "background",
                     "Case presentation": "case", "Discussion": "background"}
    assert "None." not in first.text and "cell text" not in first.text
    assert "He received imatinib and reached remission." in first.text


def test_jats_section_kinds() -> None:
    assert section_kind_of("Case Report") == "case" and section_kind_of("Outcome and follow-up") == "case"
    assert section_kind_of("Review of the literature") == "background"
    assert section_kind_of("Acknowledgments") == "skip"
    assert section_kind_of("Laboratory findings", parent="case") == "case"
    assert section_kind_of("Clinical samples", parent="background") == "background"


def test_jats_background_sections_give_mentions_but_no_facts() -> None:
    case = next(c for c in _cases_of_text(JATS) if c.document.identifiers[0] == "PMC999")
    therapy_codes = {t.label.lower() for t in case.therapies}
    assert "imatinib" in " ".join(therapy_codes)
    assert not any("rituximab" in label for label in therapy_codes)
    assert any(m.text.lower() == "rituximab" for m in case.extraction.mentions)


def _cases_of_text(text: str, name: str = "a.xml"):
    from kg.assemble import assemble_case

    extractor = Extractor.builtin()
    return [assemble_case(extractor(d)) for d in read_documents(text, name)]


def _research_article(subject: str, section: str) -> str:
    return (f'<article article-type="research-article"><front><article-meta>'
            f'<article-id pub-id-type="pmc">PMC77</article-id><article-categories><subj-group>'
            f'<subject>{subject}</subject></subj-group></article-categories>'
            f'<title-group><article-title>Imatinib in chronic myeloid leukemia</article-title></title-group>'
            f'<abstract><p>A 50-year-old man with CML received imatinib.</p></abstract></article-meta></front>'
            f'<body><sec><title>{section}</title><p>She received imatinib and reached remission.</p></sec></body></article>')


def test_a_research_article_gives_mentions_but_no_patient_facts() -> None:
    """A JATS research article (or review ...) reports no case: its names stay mentions, and
    neither its abstract nor its results give the patient an age, sex, diagnosis or therapy,
    unless its subject heading or a section says it presents a case."""
    (research,) = _cases_of_text(_research_article("Original Article", "Results"))
    assert {s.kind for s in research.document.sections} == {"background"}
    assert not research.diagnoses and not research.therapies
    assert research.patient.age is None and research.patient.sex == "unknown"
    assert {"imatinib", "CML"} <= {m.text for m in research.extraction.mentions}
    for subject, section in (("Case Report", "Results"), ("Original Article", "Case presentation")):
        (case,) = _cases_of_text(_research_article(subject, section))
        assert case.diagnoses and case.therapies and case.patient.age == 50


def test_jats_corpus_file(corpora: Path) -> None:
    docs = read_file(corpora / "pmc-jats" / "PMC6358576_PMC6358589.xml")
    assert len(docs) == 10
    assert all(d.identifiers[0].startswith("PMC") for d in docs)
    case_reports = [d for d in docs if any(s.kind == "case" for s in d.sections)]
    assert len(case_reports) >= 6
    # three of its four research articles present no case: no section of theirs is case text
    assert sum(not any(s.is_case_text for s in d.sections) for d in docs) == 3
    for doc in case_reports[:6]:
        assert [s.kind for s in doc.sections][:2] == ["title", "abstract"]
        assert not any("Disclosures" in s.title for s in doc.sections)


def test_brat_entities_events_relations_polarity() -> None:
    doc = read_brat(BRAT_TEXT, BRAT_ANN, "x.txt")
    by_id = {a.id: a for a in doc.annotations}
    assert by_id["T3"].negated and not by_id["T4"].negated
    assert by_id["T6"].category == "Chemical" and by_id["T6"].curies == ("MESH:D000658",)
    assert (by_id["T7"].start, by_id["T7"].end) == (2, 15)  # discontinuous -> covering span
    for a in doc.annotations:
        assert doc.text[a.start : a.end] == a.text
    assert [(r.predicate, r.subject, r.object, r.by_id) for r in doc.relations] == [("MODIFY", "T5", "T4", True)]


def test_brat_pair_from_ann_or_format(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(BRAT_TEXT)
    (tmp_path / "c.ann").write_text(BRAT_ANN)
    assert read_file(tmp_path / "c.ann")[0].format == "brat"
    assert read_file(tmp_path / "c.txt")[0].format == "text"
    assert read_file(tmp_path / "c.txt", format="brat")[0].annotations
    # a folder walk reads the pair once, through its .ann
    assert [i.source for i in expand_inputs([tmp_path])] == [str(tmp_path / "c.ann")]


def test_brat_negation_survives_extraction(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(BRAT_TEXT)
    (tmp_path / "c.ann").write_text(BRAT_ANN.replace("A1\tPOLARITY E1 NEG\n", "A1\tPOLARITY E2 NEG\nE2\tSign_symptom:T4 \n"))
    case = process_file(tmp_path / "c.ann", Extractor.builtin(), reannotate=False)[0]
    cough = next(m for m in case.extraction.mentions if m.text == "cough")
    assert cough.negated  # the annotator said so, although no ConText trigger is near


def test_inputs_globs_gz_stdin_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A 40-year-old woman with AML received imatinib.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B")
    items = list(expand_inputs([str(tmp_path / "**" / "*.txt"), "-", str(tmp_path / "nope*.txt")],
                               stdin=io.BytesIO(b"from stdin")))
    assert [i.source for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt"), "<stdin>",
                                         str(tmp_path / "nope*.txt")]
    assert items[2].data == b"from stdin"
    packed = tmp_path / "c.txt.gz"
    packed.write_bytes(gzip.compress("A 60-year-old man with CML.".encode()))
    assert read_file(packed)[0].text == "A 60-year-old man with CML."
    broken = tmp_path / "d.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(Exception, match="d.txt.gz: corrupt gzip"):
        read_file(broken)


PUBTATOR = (
    "111|t|Imatinib for chronic myeloid leukemia.\n"
    "111|a|Imatinib caused rash in a CML patient.\n"
    "111\t0\t8\tImatinib\tChemical\tD000068877\n"
    "111\t55\t59\trash\tDisease\tD005076\n"
    "111\tCID\tD000068877\tD005076\n"
)


def _graph_rows(store: CaseStore, sparql: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(sparql)]


def test_relations_and_annotations_reach_the_graph(tmp_path: Path) -> None:
    source = tmp_path / "p.pubtator"
    source.write_text(PUBTATOR)
    with CaseStore(tmp_path / "s") as store:
        report = ingest([source], store)
        assert report.documents == 1 and not report.failures
        rows = _graph_rows(store, f"""SELECT ?type ?pred ?s ?o WHERE {{
            ?r a <{CKG}AnnotatedRelation> ; <{CKG}relationType> ?type ; <{CKG}relationPredicate> ?pred ;
               <{CKG}relationSubject> ?s ; <{CKG}relationObject> ?o }}""")
        assert rows == [("CID", "https://w3id.org/biolink/vocab/causes", "http://id.nlm.nih.gov/mesh/D000068877",
                         "http://id.nlm.nih.gov/mesh/D005076")]
        extractors = _graph_rows(store, f"SELECT DISTINCT ?e WHERE {{ ?m a <{CKG}Mention> ; <{CKG}extractor> ?e }}")
        assert extractors == [("pubtator-input@1",)]  # no --reannotate: the annotator's mentions only


def test_brat_relation_links_mentions(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(BRAT_TEXT)
    (tmp_path / "c.ann").write_text(BRAT_ANN)
    with CaseStore(tmp_path / "s") as store:
        ingest([tmp_path], store)
        rows = _graph_rows(store, f"""SELECT ?st ?ot WHERE {{ ?r <{CKG}relationType> "MODIFY" ;
            <{CKG}relationSubject> ?s ; <{CKG}relationObject> ?o . ?s <{CKG}text> ?st . ?o <{CKG}text> ?ot }}""")
        assert rows == [("severe", "cough")]


def _dump(store: CaseStore) -> list[str]:
    skipped = ("activit", "wasGeneratedBy", "graph/ontology>")
    return sorted(str(q) for q in store.quads() if not any(s in str(q) for s in skipped))


def test_parallel_batched_ingest_equals_serial(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_text(f"Case {i}. A {30 + i}-year-old man with AML received imatinib and reached remission.")
    (folder / "bad.txt").write_bytes(b"\xff\xfe bad")
    with CaseStore(tmp_path / "one") as one, CaseStore(tmp_path / "two") as two:
        first = ingest([folder], one, jobs=1, batch_quads=10**9, bulk=False)
        second = ingest([folder], two, jobs=2, batch_quads=50)
        assert first.documents == second.documents == 6
        assert len(first.failures) == len(second.failures) == 1 and "bad.txt" in second.failures[0]
        assert _dump(one) == _dump(two)


def test_reingest_replaces_and_skip_existing_skips(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("A 30-year-old man with AML received imatinib.")
    with CaseStore(tmp_path / "s") as store:
        ingest([path], store)
        assert ingest([path], store).unchanged == 1
        skipped = ingest([path], store, skip_existing=True)
        assert (skipped.skipped, skipped.documents) == (1, 0)
        graphs = store.documents()
    # the same document key with new content replaces the old graph (no mix)
    doc = tmp_path / "p.pubtator"
    doc.write_text(PUBTATOR)
    with CaseStore(tmp_path / "s") as store:
        ingest([doc], store)
        doc.write_text(PUBTATOR.replace("rash", "acne"))
        ingest([doc], store)
        texts = _graph_rows(store, f"SELECT ?t WHERE {{ ?m a <{CKG}Mention> ; <{CKG}text> ?t }}")
        assert ("acne",) in texts and ("rash",) not in texts
        assert len(store.documents()) == len(graphs) + 1


def test_unfinished_bulk_load_is_dropped_on_open(tmp_path: Path) -> None:
    path = tmp_path / "s"
    kept = ox.NamedNode("https://w3id.org/casekg/id/graph/kept")
    partial = ox.NamedNode("https://w3id.org/casekg/id/graph/partial")
    with CaseStore(path) as store:
        store.write_documents([(kept.value, f"<http://x/a> <http://x/p> \"1\" {kept} .\n".encode())])
        # what a crash between the journal and the end of a bulk load leaves behind
        store.oxigraph.add(ox.Quad(PENDING_GRAPH, ox.NamedNode(CKG + "pendingGraph"), partial, PENDING_GRAPH))
        store.oxigraph.add(ox.Quad(ox.NamedNode("http://x/b"), ox.NamedNode("http://x/p"), ox.Literal("half"), partial))
    with CaseStore(path) as store:
        assert store.documents() == [kept]
        assert not list(store.oxigraph.quads_for_pattern(None, None, None, PENDING_GRAPH))


SERIES = (
    "Two patients with acute myeloid leukemia.\n\n"
    "Case 1\nA 35-year-old man with acute myeloid leukemia received imatinib and reached complete remission.\n\n"
    "Case 2\nA 7-year-old girl with chronic myeloid leukemia received rituximab.\n"
)


def test_case_series_gives_one_patient_each_with_own_facts(tmp_path: Path) -> None:
    path = tmp_path / "series.txt"
    path.write_text(SERIES)
    with CaseStore(tmp_path / "s") as store:
        report = ingest([path], store)
        assert report.patients == 2
        rows = _graph_rows(store, f"""SELECT ?p ?age ?sex ?therapy WHERE {{ ?c <{CKG}describes> ?p .
            ?p <{CKG}age> ?age ; <{CKG}sex> ?sex ; <{CKG}receivedTherapy> ?t . ?t <http://www.w3.org/2000/01/rdf-schema#label> ?therapy }}
            ORDER BY ?p""")
    assert [(p.rsplit("/", 2)[-2:], age, sex) for p, age, sex, _ in rows] == [
        (["patient", "1"], "35", "male"), (["patient", "2"], "7", "female")]
    assert "imatinib" in rows[0][3].lower() and "rituximab" in rows[1][3].lower()
    from kg.validate import validate_store

    with CaseStore(tmp_path / "s") as store:  # every patient's sex code has its term (SHACL)
        assert validate_store(store).errors == ()


def test_single_patient_is_not_a_series() -> None:
    from kg.assemble.series import patient_parts
    from kg.model import Document

    assert patient_parts(Document("x", "text", "Case report\nA 40-year-old man.\nCase 1 of our series.")) == []


SERIES_TABLE = """<?xml version="1.0"?>
<article article-type="case-report"><front><article-meta><article-id pub-id-type="pmc">PMC4242</article-id>
<title-group><article-title>Three patients treated for leukemia</article-title></title-group></article-meta></front>
<body><sec><title>Case series</title><p>We treated three patients; their course is summarised in Table 1.</p>
<table-wrap id="t1"><label>Table 1</label><caption><p>Characteristics of our patients</p></caption>
<table><thead><tr><th>Patient</th><th>Age/Sex</th><th>Diagnosis</th><th>Treatment</th><th>GVHD</th></tr></thead>
<tbody><tr><td>1</td><td>35/M</td><td>acute myeloid leukemia</td><td>azacitidine</td><td>yes</td></tr>
<tr><td>2</td><td>7/F</td><td>acute lymphoblastic leukemia</td><td>blinatumomab</td><td>no</td></tr>
<tr><td>3</td><td>61/F</td><td>chronic myeloid leukemia</td><td>imatinib</td><td>&#8211;</td></tr></tbody></table>
</table-wrap></sec>
<sec><title>Discussion</title><p>Earlier reports are listed in Table 2.</p>
<table-wrap><label>Table 2</label><caption><p>Previously reported cases</p></caption>
<table><thead><tr><th>Author</th><th>Age</th><th>Sex</th><th>Treatment</th></tr></thead>
<tbody><tr><td>Doe</td><td>50</td><td>M</td><td>rituximab</td></tr>
<tr><td>Roe</td><td>44</td><td>F</td><td>rituximab</td></tr></tbody></table></table-wrap></sec>
<sec><title>Laboratory values</title><table-wrap><label>Table 3</label><table>
<thead><tr><th>Test</th><th>Value</th></tr></thead><tbody><tr><td>WBC</td><td>12</td></tr>
<tr><td>Hb</td><td>9</td></tr></tbody></table></table-wrap></sec></body></article>"""


def test_table_of_patients_gives_one_patient_per_row() -> None:
    from kg.assemble.series import assemble

    (document,) = read_documents(SERIES_TABLE, "series.xml")
    titles = [(s.title, s.kind) for s in document.sections if "> Patient" in s.title]
    assert titles == [("Table 1 > Patient 1", "case"), ("Table 1 > Patient 2", "case"), ("Table 1 > Patient 3", "case"),
                      ("Table 2 > Patient 1", "background"), ("Table 2 > Patient 2", "background")]
    assert "WBC" not in document.text  # a table of lab values is not prose
    cases = assemble(Extractor.builtin()(document)).patient_cases
    seen = [(c.patient.age, c.patient.sex, [d.label.lower() for d in c.diagnoses], [t.label.lower() for t in c.therapies])
            for c in cases]
    assert [(age, sex) for age, sex, _, _ in seen] == [(35, "male"), (7, "female"), (61, "female")]
    assert "acute myeloid leukemia" in seen[0][2] and "azacitidine" in seen[0][3]
    assert any("lymphoblastic" in d for d in seen[1][2]) and "blinatumomab" in seen[1][3]
    assert "imatinib" in seen[2][3] and not any("rituximab" in t for _, _, _, ts in seen for t in ts)
    gvhd = [[(ae.label, ae.negated) for ae in c.adverse_events] for c in cases]
    assert any(negated is False for _, negated in gvhd[0]) and all(negated for _, negated in gvhd[1])


def test_patient_table_shapes() -> None:
    from kg.read.tables import patient_table

    transposed = patient_table(["", "Patient 1", "Patient 2"], [["Age (months)", "6", "9"], ["Sex", "girl", "boy"]])
    assert [row.text for row in transposed.rows] == ["Patient 1: a 6-month-old female.", "Patient 2: a 9-month-old male."]
    numbered = patient_table(["Case", "Age", "Outcome"], [["P3", "40", "died"], ["P7", "52", "alive"]])
    assert [row.label for row in numbered.rows] == ["Patient 3", "Patient 7"] and not numbered.literature
    assert patient_table(["Case", "Age"], [["1", "40"]]) is None  # one row is not a series
    assert patient_table(["Drug", "Dose"], [["imatinib", "400 mg"], ["dasatinib", "100 mg"]]) is None
    cohort = patient_table(["Age group", "n", "%"], [["<40", "12", "30"], ["40-60", "20", "50"]])
    assert cohort is None  # rows of a cohort, not people
    assert len(patient_table(["Age", "Sex", "Outcome"], [["40 y", "M", "died"], ["52", "F", "alive"]]).rows) == 2


def test_bioc_table_passage_of_patients() -> None:
    import json

    xml = ("<table-wrap><table><thead><tr><th>Case</th><th>Sex</th><th>Age</th><th>Therapy</th></tr></thead><tbody>"
           "<tr><td>1</td><td>F</td><td>30</td><td>imatinib</td></tr><tr><td>2</td><td>M</td><td>71</td><td>rituximab</td>"
           "</tr></tbody></table></table-wrap>")
    cells = "Case Sex Age Therapy 1 F 30 imatinib 2 M 71 rituximab"
    passages = [{"offset": 0, "infons": {"type": "title"}, "text": "Two cases", "annotations": []},
                {"offset": 10, "infons": {"type": "table_caption", "id": "T1"}, "text": "Our patients", "annotations": []},
                {"offset": 23, "infons": {"type": "table", "id": "T1", "xml": xml}, "text": cells, "annotations": []}]
    collection = {"source": "", "date": "", "key": "", "infons": {},
                  "documents": [{"id": "PMC1", "infons": {}, "passages": passages, "relations": []}]}
    (document,) = read_documents(json.dumps(collection), "t.json")
    rows = [(s.title, document.text[s.start:s.end]) for s in document.sections if "> Patient" in s.title]
    assert rows == [("Table T1 > Patient 1", "Patient 1: a 30-year-old female. Therapy: imatinib."),
                    ("Table T1 > Patient 2", "Patient 2: a 71-year-old male. Therapy: rituximab.")]

def test_failed_batch_stops_the_writer_and_keeps_what_was_stored(tmp_path: Path, monkeypatch) -> None:
    """Batches are written in a thread: a failing one is raised in the caller, the batches
    before it stay stored and complete, and no later batch is written after it."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_text(f"Case {i}. A {30 + i}-year-old man with AML received imatinib.")
    written: list[list[str]] = []
    real = CaseStore.write_documents

    def flaky(self, documents, also=b"", **options):
        if len(written) == 2:
            raise OSError("disk full")
        written.append([g for g, _ in documents])
        return real(self, documents, also, **options)

    monkeypatch.setattr(CaseStore, "write_documents", flaky)
    with CaseStore(tmp_path / "s") as store:
        with pytest.raises(OSError, match="disk full"):
            ingest([folder], store, jobs=1, batch_quads=1)
        stored = {g.value for g in store.documents()}
        assert len(written) == 2 and stored == {g for batch in written for g in batch}
        for graph in stored:  # each stored document is complete
            assert store.same_graph(ox.NamedNode(graph), store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
            assert len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))) > 20
        assert not list(store.oxigraph.quads_for_pattern(None, None, None, PENDING_GRAPH))


class _BulkLoadThatFails:
    """A pyoxigraph store whose bulk load writes the data and then fails (disk full, say)."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def bulk_load(self, *args, **options) -> None:
        self.inner.bulk_load(*args, **options)
        raise OSError("No space left on device")


def _graph_texts(store: CaseStore, graph: ox.NamedNode) -> set[str]:
    return {q.object.value for q in store.oxigraph.quads_for_pattern(None, None, None, graph)}


def test_replacement_interrupted_after_its_journal_is_finished_on_open(tmp_path: Path) -> None:
    """A crash after the journal and the removal of the old graph, before the bulk load:
    opening the store restores the new version from the journal."""
    path = tmp_path / "s"
    doc = ox.NamedNode("https://w3id.org/casekg/id/graph/doc")
    new = f"<http://x/a> <http://x/p> \"new\" {doc} .\n"
    with CaseStore(path) as store:
        store.write_documents([(doc.value, f"<http://x/a> <http://x/p> \"old\" {doc} .\n".encode())])
        store.oxigraph.add(ox.Quad(doc, ox.NamedNode(CKG + "pendingReplacement"), ox.Literal(new), PENDING_GRAPH))
        store.oxigraph.remove_graph(doc)
    with CaseStore(path) as store:
        assert store.documents() == [doc] and _graph_texts(store, doc) == {"new"}
        assert not list(store.oxigraph.quads_for_pattern(None, None, None, PENDING_GRAPH))


def test_bulk_load_failing_half_way_leaves_each_document_whole(tmp_path: Path) -> None:
    """A new document of the failed batch is absent; a replaced one has its new version."""
    from kg.errors import StoreError

    kept = ox.NamedNode("https://w3id.org/casekg/id/graph/kept")
    new = ox.NamedNode("https://w3id.org/casekg/id/graph/new")
    with CaseStore(tmp_path / "s") as store:
        store.write_documents([(kept.value, f"<http://x/a> <http://x/p> \"old\" {kept} .\n".encode())])
        real, store._store = store._store, _BulkLoadThatFails(store._store)
        try:
            with pytest.raises(StoreError, match="No space left"):
                store.write_documents([(new.value, f"<http://x/b> <http://x/p> \"2\" {new} .\n".encode()),
                                       (kept.value, f"<http://x/a> <http://x/p> \"new\" {kept} .\n".encode())])
        finally:
            store._store = real
        assert store.documents() == [kept] and _graph_texts(store, kept) == {"new"}
        assert not list(store.oxigraph.quads_for_pattern(None, None, None, PENDING_GRAPH))


def test_invalid_replacement_keeps_the_stored_document(tmp_path: Path) -> None:
    from kg.errors import StoreError

    doc = ox.NamedNode("https://w3id.org/casekg/id/graph/doc")
    with CaseStore(tmp_path / "s") as store:
        store.write_documents([(doc.value, f"<http://x/a> <http://x/p> \"old\" {doc} .\n".encode())])
        with pytest.raises(StoreError):
            store.write_documents([(doc.value, f"<http://x/a> <not an iri> \"new\" {doc} .\n".encode())])
        assert _graph_texts(store, doc) == {"old"}
    with CaseStore(tmp_path / "s") as store:  # and the store still opens
        assert _graph_texts(store, doc) == {"old"}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("T2\tBogus", "line 2: entity T2 needs 'Type start end', got offsets ''"),
        ("T2\tDisease_disorder 10 x", "line 2: entity T2 needs 'Type start end', got offsets '10 x'"),
        ("T2\tDisease_disorder 10 400", "line 2: entity T2 offsets 10-400 outside the text"),
    ],
)
def test_a_bad_brat_line_is_reported_against_the_ann_file(tmp_path: Path, line: str, problem: str) -> None:
    """The error names the .ann file that holds the bad line, whichever of the pair was given."""
    (tmp_path / "c.txt").write_text("A man had gout.\n", encoding="utf-8")
    (tmp_path / "c.ann").write_text(f"T1\tDisease_disorder 10 14\tgout\n{line}\n", encoding="utf-8")
    for given in ("c.txt", "c.ann"):
        with pytest.raises(ReadError) as info:
            read_file(tmp_path / given, format="brat")
        assert str(info.value) == f"{tmp_path / 'c.ann'}: {problem}"
