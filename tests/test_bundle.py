"""The interchange bundle: exact round trips, and bad bundles refused with JSON paths."""

from __future__ import annotations

import copy
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile import BundleError, CaseFile
from casefile.bundle import dump_bundle, import_bundle, to_document
from casefile.resources import sample_bundle
from tests.conftest import file_state


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    return doc


@pytest.mark.parametrize("suffix", [".zip", ".json"])
def test_dump_then_import_reproduces_the_case_exactly(sample: CaseFile, tmp_path: Path,
                                                       suffix: str) -> None:
    # Put something in the trash too, so the round trip covers it.
    doomed = sample.sources.create(name="Will be trashed", notes="gone")
    sample.trash.delete(doomed)
    before, _ = to_document(sample)
    bundle = dump_bundle(sample, tmp_path / f"out{suffix}")
    with CaseFile.create(tmp_path / "copy.casefile", title="Empty") as target:
        count = import_bundle(target, bundle)
        after, _ = to_document(target)
        assert count > 50
        assert target.check().ok
        assert target.summary().counts == sample.summary().counts
        assert target.summary().in_trash == 1
    assert comparable(after) == comparable(before)


def test_zip_bundle_layout(sample: CaseFile, tmp_path: Path) -> None:
    out = dump_bundle(sample, tmp_path / "case.zip")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        doc = json.loads(zf.read("bundle.json"))
    assert names[0] == "bundle.json"
    files = [n for n in names if n.startswith("files/")]
    assert sorted(n.rsplit(".", 1)[1] for n in files) == ["csv"] + ["jpg"] * 5 + ["png"]
    assert doc["format"] == "casefile-bundle" and doc["format_version"] == 1
    assert not list(tmp_path.glob("*.part"))


def write_bundle(tmp_path: Path, doc: dict[str, Any], name: str = "b.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def sample_doc() -> dict[str, Any]:
    return json.loads(sample_bundle().read_text(encoding="utf-8"))


def refused(case: CaseFile, path: Path) -> list[str]:
    before = to_document(case)[0]
    with pytest.raises(BundleError) as info:
        import_bundle(case, path)
    assert comparable(to_document(case)[0]) == comparable(before)  # nothing changed
    return info.value.problems


def test_span_beyond_transcript_is_reported_at_its_path(case: CaseFile, tmp_path: Path,
                                                        sample_doc: dict[str, Any]) -> None:
    quote = sample_doc["interviews"][3]["quotes"][0]
    quote["span"]["end"] = 100_000
    sample_doc["interviews"][3]["quotes"][1]["text"] = "words nobody said"
    # The files folder comes along, so only the JSON problems remain.
    shutil.copytree(sample_bundle().parent / "sample-files", tmp_path / "sample-files")
    problems = refused(case, write_bundle(tmp_path, sample_doc))
    assert any(p.startswith("interviews[3].quotes[0].span: end 100000 beyond transcript length")
               for p in problems), problems
    assert any(p.startswith("interviews[3].quotes[1].text: does not match the transcript")
               for p in problems), problems
    assert case.sources.count() == 0


def test_a_missing_required_reference_is_a_problem_not_a_crash(case: CaseFile, tmp_path: Path,
                                                              sample_doc: dict[str, Any]) -> None:
    sample_doc["comment_requests"][0]["source"] = None  # found by the mutation fuzz test
    shutil.copytree(sample_bundle().parent / "sample-files", tmp_path / "sample-files")
    problems = refused(case, write_bundle(tmp_path, sample_doc))
    assert problems == ["comment_requests[0].source: a comment request needs its source"]
    assert case.sources.count() == 0


def test_structural_and_reference_problems_all_listed(case: CaseFile, tmp_path: Path,
                                                      sample_doc: dict[str, Any]) -> None:
    doc = {k: sample_doc[k] for k in ("format", "format_version", "case", "team", "sources")}
    doc["sources"][0]["ground_rules"] = "whispered"
    doc["sources"][1]["shoe_size"] = 44
    del doc["sources"][2]["name"]
    doc["sources"][3]["uuid"] = doc["sources"][4]["uuid"]
    doc["interviews"] = [{"uuid": "00000000-0000-4000-8000-00000000000a",
                          "title": "x", "transcript": "abc",
                          "interviewees": ["00000000-0000-4000-8000-0000000000ff"]}]
    problems = refused(case, write_bundle(tmp_path, doc))
    joined = "\n".join(problems)
    assert "sources[0].ground_rules: 'whispered' is not one of" in joined
    assert "sources[1]: unknown field ('shoe_size' was unexpected)" in joined
    assert "sources[2]: 'name' is required" in joined
    # Schema problems stop before reference checks; fix them and look again.
    doc["sources"][0]["ground_rules"] = "on_record"
    del doc["sources"][1]["shoe_size"]
    doc["sources"][2]["name"] = "Named"
    problems = refused(case, write_bundle(tmp_path, doc))
    joined = "\n".join(problems)
    assert "sources[4].uuid: uuid" in joined and "used twice" in joined
    assert ("interviews[0].interviewees[0]: no source with uuid "
            "00000000-0000-4000-8000-0000000000ff") in joined


def test_confidential_source_without_phrase_is_refused(case: CaseFile, tmp_path: Path,
                                                       sample_doc: dict[str, Any]) -> None:
    doc = {k: sample_doc[k] for k in ("format", "format_version", "case", "sources")}
    broker = next(s for s in doc["sources"] if s["ground_rules"] == "confidential")
    broker["attribution_phrase"] = ""
    index = doc["sources"].index(broker)
    problems = refused(case, write_bundle(tmp_path, doc))
    assert problems == [f"sources[{index}].attribution_phrase: required for a source under "
                        "ground rules 'confidential'"]


def test_importing_twice_is_refused_as_duplicate(sample: CaseFile) -> None:
    problems = refused(sample, sample_bundle())
    assert any("already in this case file" in p for p in problems)


def test_not_json_and_wrong_format(case: CaseFile, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casefile-bundle", ')
    [problem] = refused(case, bad)
    assert problem.startswith("bundle.json line 1 column")
    problems = refused(case, write_bundle(tmp_path, {"format": "other", "format_version": 9,
                                                     "case": {"title": "x"}}))
    assert any(p.startswith("format:") for p in problems)
    assert any(p.startswith("format_version:") for p in problems)


def _zip_with(tmp_path: Path, doc: dict[str, Any], extra: dict[str, bytes],
              link: str | None = None) -> Path:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bundle.json", json.dumps(doc))
        for name, data in extra.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


MINIMAL = {"format": "casefile-bundle", "format_version": 1, "case": {"title": "x"}}


@pytest.mark.parametrize(
    ("extra", "link", "message"),
    [
        ({"../escape.txt": b"x"}, None, "paths may not leave the bundle"),
        ({"/etc/cron.d/evil": b"x"}, None, "absolute paths are not allowed"),
        ({"files/../../x": b"x"}, None, "paths may not leave the bundle"),
        ({}, "files/link", "symbolic links are not allowed"),
    ],
)
def test_zip_paths_that_escape_or_link_are_refused(case: CaseFile, tmp_path: Path, extra,
                                                   link, message: str) -> None:
    problems = refused(case, _zip_with(tmp_path, MINIMAL, extra, link))
    assert any(message in p for p in problems), problems


def test_file_references_are_checked(case: CaseFile, tmp_path: Path,
                                     sample_doc: dict[str, Any]) -> None:
    doc = {k: sample_doc[k] for k in ("format", "format_version", "case", "team", "sources",
                                      "photos")}
    doc["photos"] = doc["photos"][:4]  # one planted problem in each of four photos
    data = {}
    for p in doc["photos"]:
        rel = p["file"]["path"]
        data[rel] = (sample_bundle().parent / rel).read_bytes()
        p["file"]["path"] = rel.split("/", 1)[1]  # zip layout: files/<sha>.jpg
    first, second, third, fourth = doc["photos"]
    second["file"]["path"] = "files/missing.jpg"
    third["file"]["sha256"] = "0" * 64
    fourth["file"]["path"] = "../../outside.jpg"
    extra = {p["file"]["path"]: data[f"sample-files/{p['file']['path']}"]
             for p in (first, third)}
    problems = refused(case, _zip_with(tmp_path, doc, extra))
    joined = "\n".join(problems)
    assert "photos[1].file.path: 'files/missing.jpg' is missing from the bundle" in joined
    assert "photos[2].file.sha256:" in joined
    assert "photos[3].file.path: '../../outside.jpg': paths may not leave the bundle" in joined


def test_folder_bundle_refuses_symlinks_out(case: CaseFile, tmp_path: Path,
                                           sample_doc: dict[str, Any]) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"private")
    (tmp_path / "files").mkdir()
    os.symlink(secret, tmp_path / "files" / "link.jpg")
    doc = {k: sample_doc[k] for k in ("format", "format_version", "case", "team", "sources",
                                      "photos")}
    doc["photos"] = doc["photos"][:1]
    doc["photos"][0]["file"]["path"] = "files/link.jpg"
    problems = refused(case, write_bundle(tmp_path, doc))
    assert any("links and paths outside the bundle are refused" in p for p in problems)


def test_bad_bundle_leaves_the_case_file_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.casefile"
    CaseFile.create(path, title="Untouched").close()
    before = file_state(path)
    with CaseFile.open(path) as case, pytest.raises(BundleError):
        import_bundle(case, write_bundle(tmp_path, {"format": "nope"}))
    assert file_state(path)[0] == before[0]


def test_strings_with_nul_or_lone_surrogates_are_refused(case: CaseFile, tmp_path: Path) -> None:
    doc = dict(MINIMAL, sources=[{"name": "a\u0000b"}, {"name": "x\ud800"}])
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # json escapes keep them intact
    problems = refused(case, path)
    assert "sources[0].name: contains a NUL character" in problems
    assert "sources[1].name: contains invalid Unicode (a lone surrogate)" in problems


def test_records_without_uuid_get_one(case: CaseFile, tmp_path: Path) -> None:
    doc = dict(MINIMAL, sources=[{"name": "New source", "kind": "organisation"}])
    assert import_bundle(case, write_bundle(tmp_path, doc)) == 1
    [src] = case.sources.page()
    assert src.name == "New source" and src.uuid is not None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=15,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=60, deadline=None)
@given(data=st.data(), value=JSON)
def test_mutated_sample_bundles_import_or_fail_cleanly(tmp_path_factory, data, value) -> None:
    doc = json.loads(sample_bundle().read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    imports_whole_or_not_at_all(tmp_path_factory.mktemp("fuzz"), doc)


def imports_whole_or_not_at_all(folder: Path, doc: dict[str, Any]) -> None:
    """Import `doc` (with the sample's files) into a new case: either every problem is listed
    and the case is unchanged, or the import passes `check()`."""
    shutil.copytree(sample_bundle().parent / "sample-files", folder / "sample-files")
    bundle = write_bundle(folder, doc)
    with CaseFile.create(folder / "c.casefile", title="Fuzz") as case:
        before = comparable(to_document(case)[0])
        try:
            import_bundle(case, bundle)
        except BundleError as exc:
            assert exc.problems
            assert comparable(to_document(case)[0]) == before
        else:
            assert case.check().ok


def test_a_case_header_time_that_is_not_one_is_a_plain_problem(tmp_path: Path) -> None:
    """Found by Hypothesis: a UUID in case.created_at raised ValueError from the import."""
    import json as json_

    from casefile import BundleError

    with CaseFile.create(tmp_path / "a.casefile", title="A") as case:
        case.sources.create(name="Yuri Petrov")
        dump_bundle(case, tmp_path / "a.json")
    doc = json_.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    doc["case"]["created_at"] = "00000000-0000-0000-0000-000000000063"
    (tmp_path / "a.json").write_text(json_.dumps(doc), encoding="utf-8")
    with CaseFile.create(tmp_path / "b.casefile", title="B") as empty:
        with pytest.raises(BundleError, match=r"case\.created_at: .* is not an ISO 8601"):
            import_bundle(empty, tmp_path / "a.json")
        assert empty.sources.count() == 0
