"""``kg vocab build`` / ``kg vocab info``: compile the user's vocabularies once, show what is loaded."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import Context, cli, fail
from kg.errors import CaseKGError


@cli.group()
def vocab() -> None:
    """Compile vocabulary files into the local cache that ingest and annotate use."""


@vocab.command("build")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--from-annotations", "annotations", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="A PubTator/BioC training corpus: its annotations become synonyms, and names it rarely "
                   "annotates are dropped. Repeatable.")
@click.option("--taxon", "taxa", multiple=True, default=("9606",), show_default=True,
              help="NCBI Taxonomy ids whose genes are kept from gene_info files. Repeatable.")
@click.pass_obj
def build(obj: Context, files: tuple[Path, ...], annotations: tuple[Path, ...], taxa: tuple[str, ...]) -> None:
    """Compile FILES (each recognised from its content) into the vocabulary folder.

    \b
    Recognised: CTD MEDIC (CTD_diseases.tsv[.gz]), CTD-style chemical tables, MeSH descriptor
    trees / full descriptor tables / supplementary concepts, MONDO term TSV or JSON, SSSOM
    mapping sets, OBO (HPO, MAxO), NCIt CDISC terminology, NCBI gene_info.
    """
    from kg.vocab.compile import build_vocab

    try:
        report = build_vocab(files, obj.vocab_dir, annotations, frozenset(taxa))
    except (CaseKGError, OSError) as error:
        fail(str(error))
        return
    manifest = report.manifest
    concepts = ", ".join(f"{n} {c}" for c, n in manifest["concepts"].items())
    click.echo(f"built {report.directory} ({manifest['version']}) in {report.seconds:.1f} s: {concepts}; "
               f"{manifest['names']} names, {manifest['keys']} keys, {manifest['mappings']} mappings")


@vocab.command("info")
@click.pass_obj
def info(obj: Context) -> None:
    """Print the sources, versions, concept and synonym counts of the loaded vocabulary."""
    from kg.vocab.cache import read_manifest

    try:
        manifest = read_manifest(obj.vocab_dir)
    except CaseKGError as error:
        fail(str(error))
        return
    if manifest is None:
        click.echo(f"no compiled vocabulary at {obj.vocab_dir}; using the built-in lexicon")
        return
    click.echo(f"vocabulary {manifest['version']} at {obj.vocab_dir} (built {manifest['built']})")
    for source in manifest["sources"]:
        click.echo(f"  {source['kind']:<16} {source['records']:>8} records  {source['path']}  sha256:{source['sha256'][:12]}")
    for category, count in manifest["concepts"].items():
        click.echo(f"  {category:<16} {count:>8} concepts")
    click.echo(f"  names {manifest['names']}, keys {manifest['keys']}, mappings {manifest['mappings']}, "
               f"training annotations {manifest['training_annotations']}, "
               f"names dropped by training {manifest['names_dropped_by_training']}")
