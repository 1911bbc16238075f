"""The sample case: a fictional border-trade story that the app opens by default."""

from __future__ import annotations

from pathlib import Path

from casefile.bundle import import_bundle
from casefile.case import CaseFile
from casefile.errors import CaseFileError
from casefile.resources import sample_bundle


def create_sample_case(path: Path | str, *, actor: str | None = None) -> CaseFile:
    """Create `path` and fill it from resources/sample; returns the open case."""
    bundle = sample_bundle()
    if not bundle.exists():
        raise CaseFileError(f"the sample case is missing from this installation ({bundle})")
    case = CaseFile.create(path, title="Sample case", actor=actor)
    try:
        import_bundle(case, bundle)
        for _progress in case.photos.missing_thumbnails():
            pass
    except BaseException:
        case.close()
        Path(path).unlink(missing_ok=True)
        raise
    return case
