"""Where files dropped on the window go: a PDF, spreadsheet or letter becomes a document
(whatever is shown — it is never a photo), a picture or a folder (a memory card) goes to
the photos, and on the Documents view a picture is asked about (a scanned letter is a
document). Documents are added on a worker, each file on its own: one that cannot be read
is named in the message, the others are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casefile.errors import CaseFileError
from casefile.media.images import EXTENSIONS as PHOTO_SUFFIXES
from ui.kinds import tr

if TYPE_CHECKING:
    from ui.window_files import FileActions

DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".md", ".html", ".htm", ".xml", ".eml",
    ".csv", ".tsv", ".xls", ".xlsx", ".ods", ".json", ".ppt", ".pptx", ".odp", ".epub",
})


@dataclass
class Dropped:
    """The dropped paths sorted by where they go."""

    documents: list[Path] = field(default_factory=list)
    photos: list[Path] = field(default_factory=list)
    pictures: list[Path] = field(default_factory=list)  # images, when it depends on the view


def sort_dropped(paths: list[Path], showing: str) -> Dropped:
    """Sort dropped paths for the view being shown (`showing`: the section key)."""
    out = Dropped()
    for path in paths:
        suffix = path.suffix.lower()
        if path.is_dir():
            out.photos.append(path)
        elif suffix in PHOTO_SUFFIXES:
            (out.pictures if showing == "document" else out.photos).append(path)
        elif suffix in DOCUMENT_SUFFIXES or showing == "document":
            out.documents.append(path)
        else:
            out.photos.append(path)  # refused by the photo import, with its reason
    return out


def drop_files(files: FileActions, paths: list[Path], showing: str) -> None:
    """Take dropped files in: documents added, photos imported, pictures on the
    Documents view asked about."""
    dropped = sort_dropped(paths, showing)
    if dropped.pictures:
        choice = files.prompts.choose(
            files.window, tr("Dropped pictures"),
            tr("{n} picture(s) dropped on Documents. Add them as:")
            .replace("{n}", str(len(dropped.pictures))),
            [tr("Documents (a scan of a letter, a page)"), tr("Photos")])
        if choice is None:
            dropped.pictures = []
        (dropped.documents if choice == 0 else dropped.photos).extend(dropped.pictures)
    if dropped.documents:
        add_documents(files, dropped.documents)
    if dropped.photos:
        files.import_photos(dropped.photos)


def add_documents(files: FileActions, paths: list[Path],
                  done: Callable[[list[Any]], None] | None = None) -> None:
    """Add each file as a document on a worker; undoable as one step; the last one opened."""
    title = tr("Add documents")

    def work(cancel: Any) -> list[Any]:
        out: list[Any] = []
        for path in paths:
            if cancel.is_set():
                break
            try:
                out.append(files.case.documents.add_file(path))
            except CaseFileError as exc:
                out.append(f"{path.name}: {exc}")
        return out

    def finished(results: list[Any]) -> None:
        added = [r for r in results if not isinstance(r, str)]
        problems = [r for r in results if isinstance(r, str)]
        if added:
            files.history.imported_records(
                "document", [d.uuid for d in added],
                tr("add document “{t}”").replace("{t}", added[0].title) if len(added) == 1
                else tr("add {n} documents").replace("{n}", str(len(added))))
            files.calls.show_kind("document")
            files.calls.open_record("document", str(added[-1].uuid))
            files.status(tr("Added {n} document(s).").replace("{n}", str(len(added))))
        if problems:
            files.prompts.error(files.window, title, tr(
                "Not added ({n}):").replace("{n}", str(len(problems))) + "\n"
                + "\n".join(problems[:30]))
        if done is not None:
            done(results)

    files.run_job(title, work, finished)
