"""`kg annotate` output, `kg evaluate` scoring, and accuracy floors on slices of the corpora."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate.gold import GoldDocument, GoldMention, canonical_ids, read_gold, read_pubtator_gold
from kg.evaluate.metrics import score_concepts, score_mentions
from kg.evaluate.negex import classify_kit, read_negex, score_negex
from kg.extract.context import classify_assertion
from kg.vocab import build_vocab

from test_vocab import _write_medic


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_metrics_count_spans_and_document_concepts() -> None:
    gold = [GoldDocument("1", "", [GoldMention(0, 5, "x", "Disease", "D1"), GoldMention(10, 15, "y", "Disease", "D1|D2")])]
    predicted = [GoldDocument("1", "", [GoldMention(0, 5, "x", "Disease", "MESH:D1"), GoldMention(20, 25, "z", "Disease", "D3")])]
    mentions = score_mentions(gold, predicted, "Disease")
    assert (mentions.tp, mentions.fp, mentions.fn) == (1, 1, 1)
    concepts = score_concepts(gold, predicted, "Disease")
    assert (concepts.tp, concepts.fp, concepts.fn) == (1, 1, 1)  # D1 found, D3 wrong, D2 missed
    assert canonical_ids("OMIM:114480|D001943", "Disease") == ("OMIM:114480", "MESH:D001943")


def test_annotate_writes_pubtator_and_ignores_input_annotations(tmp_path: Path) -> None:
    vocab = tmp_path / "v"
    build_vocab([_write_medic(tmp_path / "CTD_diseases.tsv.gz")], vocab)
    source = tmp_path / "in.PubTator"
    source.write_text("42|t|Acute myeloid leukemia in twins\n42|a|Both had infections.\n42\t0\t5\tAcute\tChemical\tD000001\n")
    out = _run("--vocab", str(vocab), "annotate", str(source), "--output-format", "pubtator")
    lines = out.strip().splitlines()
    assert lines[:2] == ["42|t|Acute myeloid leukemia in twins", "42|a|Both had infections."]
    assert lines[2:] == ["42\t0\t22\tAcute myeloid leukemia\tDisease\tD015470", "42\t41\t51\tinfections\tDisease\tD007239"]
    text = tmp_path / "case.txt"
    text.write_text("She had breast and ovarian cancer.")
    json_out = tmp_path / "out.json"
    _run("--vocab", str(vocab), "annotate", str(text), "--output-format", "bioc-json", "-o", str(json_out))
    (document,) = read_gold(json_out)
    assert [(m.text, m.ids) for m in document.mentions] == [("breast and ovarian cancer", "D001943|D010051")]
    only_genes = _run("--vocab", str(vocab), "annotate", str(text), "--types", "gene")
    assert "\tDisease\t" not in only_genes


def test_annotating_a_text_of_several_paragraphs_writes_pubtator_that_reads_back(tmp_path: Path) -> None:
    """A plain text's later line breaks (and tabs) must not break the one-line abstract:
    the output reads back with every mention's offsets on its own words."""
    vocab = tmp_path / "v"
    build_vocab([_write_medic(tmp_path / "CTD_diseases.tsv.gz")], vocab)
    text = "Twins with leukemia\nBoth had infections.\n\nThen\tacute myeloid leukemia\r\nrelapsed.\n"
    (tmp_path / "case.txt").write_text(text, encoding="utf-8", newline="")
    out = tmp_path / "out.pubtator"
    _run("--vocab", str(vocab), "annotate", str(tmp_path / "case.txt"), "-o", str(out))
    assert len([line for line in out.read_text().splitlines() if "|a|" in line or "|t|" in line]) == 2
    (document,) = read_gold(out)
    assert len(document.text) == len(text.replace("\r\n", "\n"))  # line ends as kg ingest reads them
    assert [(m.text, document.text[m.start : m.end]) for m in document.mentions] == [
        ("infections", "infections"), ("acute myeloid leukemia", "acute myeloid leukemia")]


def test_annotate_reads_gzipped_bioc_and_reports_broken_bioc_in_one_line(tmp_path: Path) -> None:
    import gzip

    bioc_xml = ("<collection><source>x</source><date/><key/><document><id>9</id><passage><offset>0</offset>"
                "<text>She had asthma.</text></passage></document></collection>")
    (tmp_path / "ok.xml.gz").write_bytes(gzip.compress(bioc_xml.encode()))
    assert _run("annotate", str(tmp_path / "ok.xml.gz")).splitlines()[0] == "9|t|She had asthma."
    for name, broken, kind in (("cut.xml", bioc_xml[:60], "XML"), ("cut.json", '{"documents": [', "JSON")):
        (tmp_path / name).write_text(broken)
        result = CliRunner().invoke(cli, ["annotate", str(tmp_path / name)])
        assert result.exit_code == 1
        assert result.output.startswith(f"kg: {tmp_path / name}: not a valid BioC {kind} collection (")
        assert len(result.output.strip().splitlines()) == 1


def test_annotate_walks_folders_as_ingest_does(tmp_path: Path) -> None:
    """A folder is every report file in it, recursively (a brat pair once, by its text);
    a folder with none is an error, not an empty output."""
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("A man had gout.\n")
    (folder / "sub" / "b.txt").write_text("A woman had asthma.\n")
    (folder / "sub" / "c.txt").write_text("He had gout.\n")
    (folder / "sub" / "c.ann").write_text("T1\tDisease_disorder 7 11\tgout\n")
    (folder / "notes.csv").write_text("not a report\n")
    out = _run("annotate", str(folder))
    assert [line.split("|")[0] for line in out.splitlines() if "|t|" in line] == ["a", "b", "c"]
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["annotate", str(tmp_path / "empty")])
    assert result.exit_code == 1 and result.output.strip() == f"kg: {tmp_path / 'empty'}: no report files in this folder"


def test_annotate_reads_standard_input(tmp_path: Path) -> None:
    """``-`` is standard input: PubTator (or BioC) when it looks like it, else one plain text."""
    vocab = tmp_path / "v"
    build_vocab([_write_medic(tmp_path / "CTD_diseases.tsv.gz")], vocab)
    pubtator = "42|t|Acute myeloid leukemia in twins\n42|a|Both had infections.\n"
    out = CliRunner().invoke(cli, ["--vocab", str(vocab), "annotate", "-"], input=pubtator)
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[2:] == ["42\t0\t22\tAcute myeloid leukemia\tDisease\tD015470",
                                           "42\t41\t51\tinfections\tDisease\tD007239"]
    plain = CliRunner().invoke(cli, ["--vocab", str(vocab), "annotate", "-"], input="Both had infections.\n")
    assert plain.exit_code == 0 and plain.stdout.splitlines()[2] == "stdin\t9\t19\tinfections\tDisease\tD007239"
    binary = CliRunner().invoke(cli, ["annotate", "-"], input=b"\x00\x01")
    assert binary.exit_code == 1 and binary.output.strip() == "kg: <stdin>: binary file (contains NUL bytes), not a text case report"


def test_evaluate_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("7|t|Breast cancer\n7|a|and AML.\n7\t0\t13\tBreast cancer\tDisease\tD001943\n7\t18\t21\tAML\tDisease\tD015470\n")
    predicted = tmp_path / "pred.txt"
    predicted.write_text("7|t|Breast cancer\n7|a|and AML.\n7\t0\t13\tBreast cancer\tDisease\tMESH:D001943\n")
    out = _run("evaluate", str(gold), str(predicted))
    mention_row = next(line for line in out.splitlines() if "mention" in line).split()
    assert mention_row[3:6] == ["1.000", "0.500", "0.667"]


def test_evaluate_warns_when_the_prediction_names_other_documents(tmp_path: Path) -> None:
    gold = tmp_path / "gold.PubTator"
    gold.write_text("5|t|Gout\n5|a|x\n5\t0\t4\tGout\tDisease\tD006073\n\n6|t|Asthma\n6|a|y\n")
    predicted = tmp_path / "ours.PubTator"
    predicted.write_text("6|t|Asthma\n6|a|y\n\n7|t|Gout\n7|a|x\n7\t0\t4\tGout\tDisease\tD006073\n")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(predicted)])
    assert result.exit_code == 0 and "mention" in result.stdout
    assert result.stderr.strip() == ("warning: 1 of 2 gold document(s) have no prediction (e.g. 5); "
                                     "1 predicted document(s) are not in the gold (e.g. 7)")
    same = CliRunner().invoke(cli, ["evaluate", str(gold), str(gold)])
    assert same.exit_code == 0 and same.stderr == ""


def test_evaluate_reads_brat_gold(tmp_path: Path) -> None:
    (tmp_path / "c1.txt").write_text("Fever and no rash.")
    (tmp_path / "c1.ann").write_text("T1\tSign_symptom 0 5\tFever\nT2\tDisease_disorder 13 17\trash\n")
    (document,) = read_gold(tmp_path)
    assert [(m.start, m.end, m.type, m.category) for m in document.mentions] == [
        (0, 5, "Sign_symptom", None), (13, 17, "Disease_disorder", "Disease")]


def test_a_brat_gold_entity_without_offsets_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "c1.txt").write_text("Fever and no rash.")
    (tmp_path / "c1.ann").write_text("T1\tSign_symptom 0 5\tFever\nT2\tDisease_disorder\trash\n")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"kg: {tmp_path / 'c1.ann'}: line 2: entity T2 needs 'Type start end', got offsets ''"


def test_bad_gold_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing to see\n")
    result = CliRunner().invoke(cli, ["evaluate", str(bad)])
    assert result.exit_code == 1 and result.output.strip() == f"kg: {bad}: not a PubTator, BioC or brat file"


def test_negex_kit_floor(corpora: Path) -> None:
    kit = read_negex(corpora / "negex/negex_testkit_odd.tsv")
    scores = score_negex(kit, classify_kit(kit, classify_assertion))
    assert scores.items == 1188
    assert scores.negation.f1 >= 0.96 and scores.accuracy >= 0.98
    assert scores.experiencer_accuracy >= 0.95 and scores.temporality_accuracy >= 0.85


def _first(path: Path, count: int, target: Path) -> Path:
    blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()][:count]
    target.write_text("\n\n".join(b.strip("\n") for b in blocks) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def ncbi_vocab(corpora: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MEDIC plus the annotations of the first 200 NCBI Disease training abstracts."""
    folder = tmp_path_factory.mktemp("ncbi")
    train = _first(corpora / "ncbi-disease/NCBItrainset_corpus.txt", 200, folder / "train.txt")
    build_vocab([corpora / "ctd-medic/CTD_diseases.tsv.gz"], folder / "vocab", [train])
    return folder / "vocab"


def test_ncbi_disease_dev_slice_floor(corpora: Path, ncbi_vocab: Path, tmp_path: Path) -> None:
    """The first 50 dev abstracts: far above a plain MEDIC dictionary (0.42 concept F1)."""
    gold_file = _first(corpora / "ncbi-disease/NCBIdevelopset_corpus.txt", 50, tmp_path / "dev50.txt")
    out = _run("--vocab", str(ncbi_vocab), "evaluate", str(gold_file), "--types", "disease")
    rows = {line.split()[2]: [float(v) for v in line.split()[3:6]] for line in out.splitlines()[1:]}
    assert rows["mention"][2] >= 0.70 and rows["concept"][2] >= 0.70
    gold = list(itertools.islice(read_pubtator_gold(gold_file), 50))
    assert len(gold) == 50


@pytest.mark.parametrize(
    ("sentence", "phrase", "temporality"),
    [
        ("PAST MEDICAL HISTORY:  Atrial fibrillation, hypertension, arthritis, coronary artery disease.", "coronary artery disease", "historical"),
        ("She presented with a two-day history of fever and cough.", "fever", "recent"),
        ("Status post left hip fracture repair in 2006.", "left hip fracture", "historical"),
        ("He has hypertension.", "hypertension", "recent"),
    ],
)
def test_context_section_headers_and_recent_history(sentence: str, phrase: str, temporality: str) -> None:
    start = sentence.index(phrase)
    assert classify_assertion(sentence, start, start + len(phrase))["temporality"] == temporality
