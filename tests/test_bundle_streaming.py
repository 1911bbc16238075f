"""Bundles at scale: previews carried and kept, files and previews never all in memory,
rows written with Core in one transaction, the compiled schema check agreeing with jsonschema."""

from __future__ import annotations

import copy
import io
import json
import random
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat

from casefile import BundleError, CaseFile
from casefile.bundle import dump_bundle, import_bundle, schema_check, to_document
from casefile.bundle import load as load_mod
from casefile.bundle.dump import write_bundle
from casefile.bundle.schema import load_schema
from casefile.media.images import THUMB_SIZES
from casefile.redaction import RedactionPolicy
from casefile.resources import sample_bundle


def noise_jpeg(seed: int, size: tuple[int, int] = (1400, 1000)) -> bytes:
    """A photo whose previews do not compress away (so memory held by them shows)."""
    rng = random.Random(seed)
    im = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=70)
    return buf.getvalue()


def camera_jpeg(seed: int, size: tuple[int, int] = (1600, 1100)) -> bytes:
    """A photo like a camera's: many times the bytes of its previews (~200 KB vs ~25 KB)."""
    grey = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 4 + seed % 3)
    im = Image.merge("RGB", (grey, Image.blend(grey, noise, 0.5), noise))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=92)
    return buf.getvalue()


def photo_case(path: Path, photos: int, *, camera: bool = True) -> CaseFile:
    case = CaseFile.create(path, title="Photos", actor="tester")
    folder = path.parent / f"{path.stem}-card"
    folder.mkdir()
    for i in range(photos):
        data = camera_jpeg(i) if camera else noise_jpeg(i)
        (folder / f"IMG_{i:03d}.jpg").write_bytes(data)
    events = list(case.photos.import_files(sorted(folder.iterdir())))
    assert [e.outcome for e in events] == ["imported"] * photos
    src = case.sources.create(name="Anna Field")
    case.interviews.create(title="At the depot", transcript="The lorries wait at the depot.",
                           interviewees=[src])
    return case


def thumbnails(case: CaseFile) -> dict[tuple[str, int], bytes]:
    with case._store.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT b.sha256, t.max_side, t.data FROM thumbnails t JOIN blobs b "
            "ON b.id = t.blob_id").all()
    return {(sha, side): bytes(data) for sha, side, data in rows}


def count_decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the photos the import decodes whole."""
    calls: list[int] = []
    real = load_mod.inspect_image

    def counting(data: bytes, name: str, **kw: Any) -> Any:
        calls.append(len(data))
        return real(data, name, **kw)

    monkeypatch.setattr(load_mod, "inspect_image", counting)
    return calls


def assert_same_pictures(got: dict[tuple[str, int], bytes],
                         want: dict[tuple[str, int], bytes]) -> None:
    """The same previews (sizes, and pixels within JPEG re-encoding), each a fresh baseline
    JPEG of pixels only."""
    assert got.keys() == want.keys()
    for key, data in got.items():
        a, b = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(want[key]))
        assert a.size == b.size, key
        assert pixels_only(data), key
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
        assert max(ImageStat.Stat(diff).mean) < 2, key


def pixels_only(data: bytes) -> bool:
    """A baseline JPEG whose only segments are JFIF, tables, frame and scan (in entropy-coded
    data 0xFF is always followed by 0x00 or a restart marker, so a marker search is exact)."""
    markers = {data[i + 1] for i in range(len(data) - 1)
               if data[i] == 0xFF and data[i + 1] not in (0x00, 0xFF)
               and not 0xD0 <= data[i + 1] <= 0xD7}
    return markers <= {0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDD, 0xDA, 0xD9}


def test_a_dump_carries_previews_and_an_import_keeps_them_without_decoding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with photo_case(tmp_path / "a.casefile", 3) as case:
        before = thumbnails(case)
        out = dump_bundle(case, tmp_path / "a.zip")
    assert len(before) == 3 * len(THUMB_SIZES)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names[0] == "bundle.json"
        carried = {n for n in names if n.startswith("previews/")}
        assert carried == {f"previews/{sha}-{side}.jpg" for sha, side in before}
        assert all(zf.read(f"previews/{sha}-{side}.jpg") == data
                   for (sha, side), data in before.items())
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        assert import_bundle(target, out) == 5
        assert decodes == []  # the previews came with the photos: none decoded again
        assert_same_pictures(thumbnails(target), before)  # re-encoded from their pixels
        assert target.check().ok
        # The search index is filled by the tables' triggers, as with the ORM.
        assert [h.kind for h in target.search.search("lorries")] == ["interview"]
        with target._store.read() as s:
            actions = s.connection().exec_driver_sql(
                "SELECT action FROM audit_log WHERE action = 'import'").scalars().all()
        assert actions == ["import"]


def test_the_folder_form_carries_previews_beside_its_files(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    with photo_case(tmp_path / "a.casefile", 2) as case:
        before = thumbnails(case)
        out = dump_bundle(case, tmp_path / "out.json")
    assert len(list((tmp_path / "out-files" / "previews").iterdir())) == len(before)
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        import_bundle(target, out)
        assert decodes == []
        assert_same_pictures(thumbnails(target), before)


def test_a_shared_bundle_carries_no_previews(tmp_path: Path) -> None:
    with photo_case(tmp_path / "a.casefile", 2) as case:
        written = write_bundle(case, tmp_path / "shared.zip", RedactionPolicy())
    with zipfile.ZipFile(written.path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("previews/")]


def _rewrite_zip(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    zout.writestr(info.filename, data)
            else:
                zout.writestr(info.filename, zin.read(info.filename))


@pytest.fixture(scope="module")
def one_photo(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, dict[tuple[str, int], bytes]]:
    """A bundle of a case with one photo (and its previews), and those previews."""
    folder = tmp_path_factory.mktemp("one-photo")
    with photo_case(folder / "a.casefile", 1) as case:
        return dump_bundle(case, folder / "a.zip"), thumbnails(case)


@pytest.mark.parametrize("bad", ["png", "exif", "too large", "missing", "garbage"])
def test_previews_that_are_not_what_casefile_makes_are_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str,
        one_photo: tuple[Path, dict[tuple[str, int], bytes]]) -> None:
    out, before = one_photo
    (sha, _), *_ = before
    name = f"previews/{sha}-256.jpg"
    small = Image.open(io.BytesIO(before[(sha, 256)]))
    buf = io.BytesIO()
    if bad == "png":
        small.save(buf, "PNG")
    elif bad == "exif":  # a preview carrying metadata is not one Casefile made
        exif = Image.Exif()
        exif[0x010E] = "Marta Oyelaran at the depot"  # ImageDescription
        small.save(buf, "JPEG", exif=exif.tobytes())
    elif bad == "too large":
        small.resize((600, 428)).save(buf, "JPEG")
    elif bad == "garbage":
        buf.write(b"\xff\xd8\xff\xe0 not really a jpeg")
    changed = tmp_path / "b.zip"
    _rewrite_zip(out, changed, {name: None if bad == "missing" else buf.getvalue()})
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        import_bundle(target, changed)
        assert len(decodes) == 1  # the photo was decoded for its previews
        assert thumbnails(target) == before  # made here, identical to the originals


def test_a_photo_that_is_not_an_image_is_refused_even_with_previews(
        tmp_path: Path, one_photo: tuple[Path, dict[tuple[str, int], bytes]]) -> None:
    out, _ = one_photo
    with zipfile.ZipFile(out) as zf:
        doc = json.loads(zf.read("bundle.json"))
    photo = doc["photos"][0]["file"]
    fake = b"%PDF-1.4 not a photo at all"
    import hashlib

    new_sha = hashlib.sha256(fake).hexdigest()
    changed = tmp_path / "b.zip"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(changed, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == photo["path"]:
                zout.writestr(f"files/{new_sha}.jpg", fake)
            elif info.filename.startswith(f"previews/{photo['sha256']}"):
                zout.writestr(info.filename.replace(photo["sha256"], new_sha), data)
            elif info.filename != "bundle.json":
                zout.writestr(info.filename, data)
        photo.update(path=f"files/{new_sha}.jpg", sha256=new_sha, size=len(fake))
        zout.writestr("bundle.json", json.dumps(doc))
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        with pytest.raises(BundleError) as info:
            import_bundle(target, changed)
        [problem] = info.value.problems
        assert problem.startswith(f"photos[0].file: 'files/{new_sha}.jpg' is not a photo "
                                  "Casefile can import: "), problem
        assert target.photos.count() == 0


def test_an_old_bundle_keeps_memory_flat_and_still_gets_every_preview(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without previews in the bundle (an older Casefile's), each photo is decoded once and
    its previews written at once: the check no longer keeps every photo's previews (and the
    writer every file) until the write."""
    photos = 6
    with photo_case(tmp_path / "a.casefile", photos, camera=False) as case:
        before = thumbnails(case)
        out = dump_bundle(case, tmp_path / "a.zip")
    old = tmp_path / "old.zip"
    _rewrite_zip(out, old, {n: None for n in zipfile.ZipFile(out).namelist()
                            if n.startswith("previews/")})
    per_photo = sum(len(d) for d in before.values()) // photos
    from casefile.bundle import file_rows

    monkeypatch.setattr(file_rows, "BATCH_BYTES", 1)  # what waits is bounded by the batch
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        tracemalloc.start()
        try:
            import_bundle(target, old)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert thumbnails(target) == before
    assert len(decodes) == photos  # each decoded once, its previews written at once
    # Holding every photo's previews would take photos * per_photo bytes by themselves.
    assert peak < (photos - 2) * per_photo, (peak, per_photo)


def test_a_failure_while_writing_rows_leaves_the_case_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.bundle import write_rows

    with CaseFile.create(tmp_path / "t.casefile", title="T") as target:
        before = to_document(target)[0]
        real = write_rows.RowWriter._write_taggings

        def boom(self: Any, tags: Any) -> None:  # after every other table has its rows
            real(self, tags)
            raise OSError("the disk went away")

        monkeypatch.setattr(write_rows.RowWriter, "_write_taggings", boom)
        with pytest.raises(OSError):
            import_bundle(target, sample_bundle())
        after = to_document(target)[0]
        before.pop("exported_at")
        after.pop("exported_at")
        assert after == before
        assert target.search.search("depot") == []
        with target._store.read() as s:
            conn = s.connection()
            assert conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM thumbnails").scalar() == 0


def test_importing_into_a_case_with_records_references_them_by_id(sample: CaseFile,
                                                                   tmp_path: Path) -> None:
    """A bundle naming records the case already has (a colleague's interview with our
    source) resolves them to the case's ids."""
    [src, *_] = sample.sources.page()
    member = sample.team.page()[0]
    doc = {"format": "casefile-bundle", "format_version": 1, "case": {"title": "x"},
           "interviews": [{"title": "Follow-up", "transcript": "We met again.",
                           "interviewees": [str(src.uuid)],
                           "interviewers": [str(member.uuid)]}]}
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert import_bundle(sample, path) == 1
    [iv] = [i for i in to_document(sample)[0]["interviews"] if i["title"] == "Follow-up"]
    assert iv["interviewees"] == [str(src.uuid)]
    assert iv["interviewers"] == [str(member.uuid)]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


_SAMPLE = json.loads(sample_bundle().read_text(encoding="utf-8"))
_PY = jsonschema.Draft202012Validator(load_schema())


@settings(max_examples=60, deadline=None)
@given(data=st.data(), value=JSON)
def test_the_compiled_check_agrees_with_jsonschema(data: st.DataObject, value: Any) -> None:
    """The compiled validator passes exactly the documents jsonschema passes: it may only be
    a faster way to the same answer."""
    doc = copy.deepcopy(_SAMPLE)
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    slow = [e.message for e in _PY.iter_errors(doc)]
    if schema_check._compiled().is_valid(doc):
        assert slow == []
    assert bool(schema_check.schema_problems(doc)) == bool(slow)


def test_tags_merge_by_name_and_reach_records_of_the_bundle_and_the_case(
        sample: CaseFile, tmp_path: Path) -> None:
    """A bundle's tag named like one of the case's adds its records to it (written with
    Core now as with the ORM before): no second tag, no tagging twice, kinds right."""
    [src, *_] = sample.sources.page()
    sample.tags.tag(src, "verified")
    new_src = "00000000-0000-4000-8000-0000000000a1"
    doc = {"format": "casefile-bundle", "format_version": 1, "case": {"title": "x"},
           "sources": [{"uuid": new_src, "name": "Pavel Ostrov"}],
           "tags": [{"uuid": "00000000-0000-4000-8000-0000000000b1", "name": "verified",
                     "records": [str(src.uuid), new_src]},
                    {"uuid": "00000000-0000-4000-8000-0000000000b2", "name": "verified",
                     "records": [new_src]},
                    {"uuid": "00000000-0000-4000-8000-0000000000b3", "name": "follow up",
                     "records": [new_src, str(src.uuid)]}]}
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert import_bundle(sample, path) == 2  # the source and the one new tag
    with sample._store.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT t.name, g.record_uuid, g.record_kind FROM taggings g JOIN tags t "
            "ON t.id = g.tag_id WHERE g.record_uuid IN (?, ?)",
            (str(src.uuid), new_src)).all()
        tags = s.connection().exec_driver_sql(
            "SELECT count(*) FROM tags WHERE name = 'verified'").scalar()
    assert tags == 1
    assert sorted(rows) == sorted([("follow up", new_src, "source"),
                                   ("follow up", str(src.uuid), "source"),
                                   ("verified", new_src, "source"),
                                   ("verified", str(src.uuid), "source")])
    assert sample.check().ok

