"""A protected source never leaves through export-csl, export-bib or export-ris: not when
markup splits the name ("Art<i>yom</i> Be<b>lov</b>", `A\\textsc{rtyom} B\\textsc{elov}`),
which every reference manager and LaTeX shows joined, and not glued into a citation key
("BelovTalk2020"). Each export is read back as a reference manager reads it and refused,
with nothing written, if a name could still be read there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.cli import main
from casefile.identity import IdentityMatcher
from casefile.identity_text import key as folded
from casefile.media.bibtex import bibtex_to_csl
from casefile.media.csl import redact_csl_names, redact_rich, rich_visible
from casefile.media.reference_files import (
    FORMATS,
    protected_in_export,
    read_reference_file,
    reference_text,
)
from casefile.redaction import RedactionPolicy, Redactor

NAME = "Artyom Belov"
PSEUDONYM = "a customs broker in Blagoveshchensk"
TAGS = ("i", "b", "sup", "sub", 'span style="font-variant:small-caps;"', 'span class="nocase"')
LATEX = ("textit", "textbf", "textsc", "textsuperscript", "emph")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    case = CaseFile.create(tmp_path_factory.mktemp("protected") / "story.casefile",
                           title="Protected", actor="tester")
    case.sources.create(name=NAME, ground_rules="confidential", attribution_phrase=PSEUDONYM)
    case.sources.create(name="Anna Smith", ground_rules="on_record")
    case.documents.create(title="Placeholder", kind="report")
    yield case
    case.close()


def readable(text: str, fmt: str) -> str:
    """Everything a reader of the export sees: the file and every field read back."""
    items = reference_items(text, fmt)
    return text + "\n" + rich_visible(json.dumps(items, ensure_ascii=False))


def reference_items(text: str, fmt: str) -> list[Any]:
    from casefile.media.ris import ris_to_csl

    if fmt == "csl-json":
        back: list[Any] = json.loads(text)
        return back
    return bibtex_to_csl(text, "t") if fmt == "bibtex" else ris_to_csl(text, "t")


def names_nobody(text: str) -> bool:
    seen = folded(rich_visible(text))
    return "artyom" not in seen and "belov" not in seen


@st.composite
def marked_up(draw: st.DrawFn) -> str:
    """The protected name cut at random places, each piece in a random tag or none."""
    cuts = sorted(draw(st.sets(st.integers(1, len(NAME) - 1), min_size=1, max_size=4)))
    pieces = [NAME[a:b] for a, b in zip([0, *cuts], [*cuts, len(NAME)], strict=True)]
    out = []
    for piece in pieces:
        tag = draw(st.sampled_from((None, *TAGS)))
        out.append(piece if tag is None else f"<{tag}>{piece}</{tag.split()[0]}>")
    return "".join(out)


@st.composite
def latex_marked_up(draw: st.DrawFn) -> str:
    """The same as BibTeX writes it: `A\\textsc{rtyom} B\\textsc{elov}`."""
    cuts = sorted(draw(st.sets(st.integers(1, len(NAME) - 1), min_size=1, max_size=4)))
    pieces = [NAME[a:b] for a, b in zip([0, *cuts], [*cuts, len(NAME)], strict=True)]
    out = []
    for piece in pieces:
        command = draw(st.sampled_from((None, *LATEX)))
        out.append(piece if command is None or not piece.strip()
                   else f"\\{command}{{{piece}}}")
    return "".join(out)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=marked_up())
def test_a_name_split_by_markup_never_leaves(story: CaseFile, title: str) -> None:
    [doc] = story.documents.page()
    story.documents.update(doc.uuid, title=f"Talk with {title} in May")
    [item] = story.documents.export_csl([doc.uuid], RedactionPolicy())
    matcher = IdentityMatcher.for_sources(story.sources.every())
    for fmt in FORMATS:
        text = reference_text([item], fmt)
        assert names_nobody(readable(text, fmt)), (fmt, text)
        assert protected_in_export(text, fmt, matcher) == []
    assert PSEUDONYM in rich_visible(item["title"])
    assert rich_visible(item["title"]).endswith(" in May")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=latex_marked_up())
def test_a_name_split_by_latex_commands_never_leaves(story: CaseFile, title: str) -> None:
    [read] = bibtex_to_csl(f"@article{{k, title={{Talk with {title}}}, year=2020}}", "t.bib")
    [doc] = story.documents.page()
    story.documents.update(doc.uuid, title=read["title"])
    [item] = story.documents.export_csl([doc.uuid], RedactionPolicy())
    for fmt in FORMATS:
        assert names_nobody(readable(reference_text([item], fmt), fmt)), (fmt, item)


def test_markup_outside_the_name_is_kept_and_stays_balanced(story: CaseFile) -> None:
    redactor = Redactor(RedactionPolicy(), story.sources.every())
    assert redact_rich("<i>Notes</i> of Art<i>yom</i> Be<b>lov</b>, <b>May</b>", redactor) \
        == f"<i>Notes</i> of {PSEUDONYM}, <b>May</b>"
    assert redact_rich("<i>Talk with Artyom Be</i>lov", redactor) == \
        f"<i>Talk with </i>{PSEUDONYM}"
    assert redact_rich("Artyom&nbsp;Belov said", redactor) == f"{PSEUDONYM} said"
    assert redact_rich("<b>Anna Smith</b>", redactor) == "<b>Anna Smith</b>"  # on the record
    item = {"author": [{"family": "Be<i>lov</i>", "given": "Art<b>yom</b>"}]}
    assert redact_csl_names(item, redactor) == {"author": [{"literal": PSEUDONYM}]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_read_back_finds_what_markup_and_latex_hide(story: CaseFile, fmt: str) -> None:
    matcher = IdentityMatcher.for_sources(story.sources.every())
    leaked = {"csl-json": '[{"id": "x", "type": "report", "title": "Art<i>yom</i> '
                          'Be<b>lov</b>"}]',
              "bibtex": "@report{x, title = {Talk with {A}\\textsc{rtyom} {B}\\textsc{elov}}}\n",
              "ris": "TY  - RPRT\nTI  - Talk with Art<i>yom</i> Be<sup>lov</sup>\nER  - \n"}[fmt]
    found = protected_in_export(leaked, fmt, matcher)
    assert any(not names_nobody(f.words) for f in found)  # the words, as a reader sees them
    assert all(f.where for f in found)
    glued = {"csl-json": '[{"id": "ABelov20", "type": "report", "title": "A"}]',
             "bibtex": "@report{ABelov20, title = {A}}\n",
             "ris": "TY  - RPRT\nID  - belovArtyom2020\nTI  - A\nER  - \n"}[fmt]
    assert protected_in_export(glued, fmt, matcher)
    clean = {"csl-json": '[{"id": "0b7f2a52-1c3e-4c1e-9d7a-3f2b1a0c9e8d", "type": "report", '
                         '"title": "Talk with a customs broker"}]',
             "bibtex": "@report{k, title = {Talk with \\textit{Anna} Smith}}\n",
             "ris": "TY  - RPRT\nTI  - Talk with Anna Smith\nER  - \n"}[fmt]
    assert protected_in_export(clean, fmt, matcher) == []


@pytest.mark.parametrize("command", ["export-csl", "export-bib", "export-ris"])
def test_an_export_that_would_still_name_a_source_is_refused_and_not_written(
        tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """As the Word export does: the written text is checked, not the redaction trusted."""
    path = tmp_path / "story.casefile"
    case = CaseFile.create(path, title="Protected", actor="tester")
    try:
        case.sources.create(name=NAME, ground_rules="confidential",
                            attribution_phrase=PSEUDONYM)
        case.documents.create(title="Talk with Art<i>yom</i> Be<b>lov</b>", kind="report")
    finally:
        case.close()
    import casefile.services.documents as documents

    monkeypatch.setattr(documents, "redact_rich_text", lambda node, _m: node)  # a gap
    out = tmp_path / "refs.out"
    assert main([command, str(path), "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "not exported, it would reveal a protected source" in err
    assert not out.exists()
    assert main([command, str(path), "--out", str(out), "--full"]) == 0  # asked for


def glued_case(path: Path) -> None:
    case = CaseFile.create(path, title="Keys", actor="tester")
    try:
        case.sources.create(name=NAME, ground_rules="confidential",
                            attribution_phrase=PSEUDONYM)
        for n, key in enumerate(("BelovTalk2020", "belovArtyom2020", "ABelov20", "belov2020")):
            case.documents.create(title=f"Interview notes {n}", kind="report",
                                  csl_extra={"id": key, "citation-key": key,
                                             "note": f"Citation Key: {key}\nPMID: 1{n}"})
    finally:
        case.close()


@pytest.mark.parametrize("command", ["export-csl", "export-bib", "export-ris"])
def test_a_citation_key_with_a_name_glued_in_never_leaves(tmp_path: Path, capsys: Any,
                                                          command: str) -> None:
    path = tmp_path / "keys.casefile"
    glued_case(path)
    out = tmp_path / f"refs.{command}"
    assert main([command, str(path), "--out", str(out)]) == 0
    text = out.read_text()
    assert "belov" not in text.casefold() and "artyom" not in text.casefold()
    case = CaseFile.open(path, actor="tester")
    try:
        uuids = {str(d.uuid) for d in case.documents.page()}
    finally:
        case.close()
    _fmt, items = read_reference_file(out)
    assert {i["id"] for i in items} == uuids  # the document's UUID: names nobody
    assert all("PMID: 1" in i["note"] for i in items)  # the rest of the Extra stays
    full = tmp_path / f"full.{command}"
    assert main([command, str(path), "--out", str(full), "--full"]) == 0  # asked for
    assert {i["id"] for i in read_reference_file(full)[1]} == \
        {"BelovTalk2020", "belovArtyom2020", "ABelov20", "belov2020"}
    capsys.readouterr()
    assert main(["import-csl", str(path), str(out)]) == 0  # recognised, not duplicated
    assert "created   0" in capsys.readouterr().out
    case = CaseFile.open(path, actor="tester")
    try:
        assert case.documents.count() == 4
        kept = {d.csl_extra.get("id") for d in case.documents.page()}
        assert kept == {"BelovTalk2020", "belovArtyom2020", "ABelov20", "belov2020"}
    finally:
        case.close()


@pytest.mark.parametrize("command", ["export-csl", "export-bib", "export-ris"])
def test_a_shared_export_coming_home_never_overwrites_a_real_name(
        tmp_path: Path, capsys: Any, command: str) -> None:
    """The redacted file a colleague edited in Zotero, imported back into the case it came
    from: the protected author stays the real name (the file carries the cover), the title
    and author names in it stay as stored, and only what the colleague really changed is
    updated."""
    path = tmp_path / "home.casefile"
    case = CaseFile.create(path, title="Home", actor="tester")
    try:
        case.sources.create(name=NAME, ground_rules="confidential", attribution_phrase=PSEUDONYM)
        case.documents.create(title=f"Talk with {NAME}", kind="report", issued="2020",
                              authors=[{"family": "Belov", "given": "Artyom"}])
        case.documents.create(title="Border trade in winter", kind="report", issued="2021",
                              authors=[{"family": "Belov", "given": "Artyom"},
                                       {"family": "Smith", "given": "Anna"}])
    finally:
        case.close()
    out = tmp_path / f"shared.{command}"
    assert main([command, str(path), "--out", str(out)]) == 0
    text = out.read_text()
    assert "Belov" not in text and "Artyom" not in text
    out.write_text(text.replace("Border trade in winter", "Border trade in the winter"))
    capsys.readouterr()
    assert main(["import-csl", str(path), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "created   0" in printed and "updated   1" in printed, printed
    case = CaseFile.open(path, actor="tester")
    try:
        docs = sorted(case.documents.page(), key=lambda d: d.issued)
        assert docs[0].title == f"Talk with {NAME}"
        assert docs[1].title == "Border trade in the winter"  # the colleague's edit
        for doc in docs:
            assert doc.authors[0]["family"] == "Belov", doc.authors  # never the cover
    finally:
        case.close()
