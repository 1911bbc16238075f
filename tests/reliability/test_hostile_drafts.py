"""Property tests on two whole pipelines: draft bodies full of anchors (real, unknown, broken)
through the checker and the Word export; and bundles with their structure damaged (keys
removed, records duplicated, references pointed nowhere, sections dropped) through import.
Never an unhandled exception; never a partial file or a half-import."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile, CaseFileError
from casefile.export.docx_draft import export_draft
from casefile.resources import sample_bundle
from tests.test_bundle import _paths, imports_whole_or_not_at_all

SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("drafts")
    path = folder / "sample.casefile"
    from casefile.sample import create_sample_case

    case = create_sample_case(path)
    yield case
    case.close()


def tokens(case: CaseFile) -> st.SearchStrategy[str]:
    claims = [str(c.uuid) for c in case.claims.page(limit=200)]
    photos = [str(p.uuid) for p in case.photos.page(limit=200)]
    unknown = str(uuid.UUID(int=7))
    words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
    return st.one_of(
        words,
        st.sampled_from(["\n\n", "⟦⟦", "⟦", "⟧", "⟦/claim⟧", "⟦claim:", "\x00", "\u202e",
                         "\ufffc", "“", "”", " said ", "according to "]),
        st.builds(lambda c, w: f"⟦claim:{c}⟧{w}⟦/claim⟧", st.sampled_from([*claims, unknown]),
                  words),
        st.builds(lambda c, w: f"⟦claim:{c}⟧{w}", st.sampled_from(claims), words),  # unclosed
        st.builds(lambda p: f"\n\n⟦photo:{p}⟧\n\n", st.sampled_from([*photos, unknown])),
    )


@SLOW
@given(data=st.data())
def test_any_draft_body_checks_and_exports_or_refuses_cleanly(shared: CaseFile, data,
                                                              tmp_path_factory) -> None:
    body = "".join(data.draw(st.lists(tokens(shared), max_size=25)))
    draft = shared.drafts.page()[0].uuid
    try:
        shared.drafts.update(draft, body=body)
    except CaseFileError:
        return  # refused as a whole (e.g. a NUL): the stored body is unchanged
    shared.drafts.check(draft)  # findings, never an exception
    out = tmp_path_factory.mktemp("export") / "draft.docx"
    try:
        export_draft(shared, draft, out, allow_blocking=True)
    except CaseFileError:
        assert not out.exists()
        assert list(out.parent.iterdir()) == []  # no partial file either
    else:
        Document(str(out))  # a real Word file


def damage(doc: dict, how: str, path: tuple, other: tuple) -> None:
    """Apply one structural mutation at `path` of the bundle document."""
    node = doc
    for key in path[:-1]:
        node = node[key]
    last = path[-1]
    if how == "remove" and isinstance(node, dict):
        node.pop(last, None)
    elif how == "duplicate" and isinstance(node, list):
        node.append(json.loads(json.dumps(node[last])))
    elif how == "dangling" and isinstance(node, dict):
        node[last] = str(uuid.UUID(int=99))
    elif how == "swap":
        target = doc
        for key in other[:-1]:
            target = target[key]
        if isinstance(target, (dict, list)) and isinstance(target, list) == isinstance(
                other[-1], int):
            node[last], target[other[-1]] = target[other[-1]], node[last]
    elif how == "empty":
        node[last] = [] if isinstance(node[last], list) else {}


@SLOW
@given(data=st.data(), how=st.sampled_from(["remove", "duplicate", "dangling", "swap",
                                            "empty"]))
def test_structurally_damaged_bundles_import_whole_or_not_at_all(tmp_path_factory, data,
                                                                 how) -> None:
    doc = json.loads(sample_bundle().read_text(encoding="utf-8"))
    paths = _paths(doc)[1:]
    path = data.draw(st.sampled_from(paths))
    other = data.draw(st.sampled_from(paths))
    try:
        damage(doc, how, path, other)
    except (KeyError, IndexError, TypeError):
        return  # the two paths overlapped after the first change
    imports_whole_or_not_at_all(tmp_path_factory.mktemp("bundle"), doc)


def test_a_draft_of_a_hundred_thousand_anchors_exports(shared: CaseFile, tmp_path: Path) -> None:
    claim = shared.claims.page()[0].uuid
    body = "\n\n".join(f"Fact {i}, ⟦claim:{claim}⟧officials said⟦/claim⟧." for i in range(2000))
    draft = shared.drafts.create(headline="Long", body=body)
    assert len(shared.drafts.text(draft.uuid).anchors) == 2000
    out = tmp_path / "long.docx"
    try:
        export_draft(shared, draft.uuid, out, allow_blocking=True)
    except CaseFileError:
        assert not out.exists()
    else:
        assert len(Document(str(out)).paragraphs) >= 2000


def test_control_characters_pasted_from_a_pdf_leave_the_export_only(shared: CaseFile,
                                                                    tmp_path: Path) -> None:
    claim = shared.claims.create(statement="Exports fell\x0c by 38\x02 percent")
    draft = shared.drafts.create(headline="Head\x1fline",
                                 body=f"⟦claim:{claim.uuid}⟧Exports fell\x0c⟦/claim⟧ sharply.")
    out = tmp_path / "pasted.docx"
    export_draft(shared, draft.uuid, out, allow_blocking=True)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Headline" in text and "Exports fell sharply." in text
    assert shared.claims.get(claim.uuid).statement == "Exports fell\x0c by 38\x02 percent"
