"""The `casefile` command line: everything the app does to a case file, without a window.

Exit status: 0 on success, 1 when the operation failed (one-line error on stderr, with
details indented below where there are several), 2 for a usage error or an internal error
(its type and code locations only: never its message), 141 when the reader of the output
went away (`| head`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from casefile.case import CaseFile
from casefile.cli_common import PASSPHRASE_ENV, ask_passphrase, emit, human_size, open_case
from casefile.cli_merge import register as register_merge
from casefile.cli_safety import register
from casefile.diagnostics import safe_traceback, where
from casefile.errors import BundleError, CaseFileError
from casefile.outputs import check_folder, check_output, write_text_atomically
from casefile.version import __version__

Handler = Callable[[argparse.Namespace], int]


def _cmd_encrypt(args: argparse.Namespace) -> int:
    from casefile.encryption import encrypt_file

    done = encrypt_file(args.file, ask_passphrase(args.file, new=True))
    copies = f"\n  {done.text()}" if done.text() else ""
    emit(args, {"path": str(args.file), "encrypted": True,
                "copies": [{"copy": w, "outcome": o, "path": str(p)}
                           for w, o, p in done.copies.done]},
         f"encrypted {args.file} (keep the passphrase safe: without it the file cannot be "
         f"opened by anyone, including you){copies}")
    for path in done.copies.failed:  # exit 1 comes with an error on stderr (docs/cli.md)
        print(f"casefile: error: {path} could not be encrypted or removed: remove it by hand",
              file=sys.stderr)
    return 1 if done.copies.failed else 0


def _cmd_decrypt(args: argparse.Namespace) -> int:
    from casefile.encryption import decrypt_file

    decrypt_file(args.file, ask_passphrase(args.file))
    emit(args, {"path": str(args.file), "encrypted": False},
         f"decrypted {args.file}: it is now a plain file anyone with it can read")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    passphrase = ask_passphrase(args.file, new=True) if args.encrypt else None
    with CaseFile.create(args.file, title=args.title, passphrase=passphrase) as case:
        emit(args, {"path": str(case.path), "uuid": str(case.info().uuid)},
             f"created {case.path}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        info = case.summary()
    counts = ", ".join(f"{k.replace('_', ' ')}s {n}" for k, n in info.counts.items() if n)
    data = {"path": str(info.path), "title": info.title, "uuid": info.uuid,
            "schema_version": info.schema_version, "counts": info.counts,
            "in_trash": info.in_trash, "size_bytes": info.size_bytes}
    emit(args, data, "\n".join([
        f"Title:    {info.title}",
        f"File:     {info.path} ({human_size(info.size_bytes)})",
        f"Format:   {info.schema_version}",
        f"Records:  {counts or 'none'}",
        f"In trash: {info.in_trash}",
    ]))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from casefile.bundle import import_bundle

    _readable(args.bundle, "a bundle (.json or .zip)")
    with open_case(args.file) as case:
        count = import_bundle(case, args.bundle)
        for _progress in case.photos.missing_thumbnails():  # bundles carry no previews
            pass
    emit(args, {"imported": count}, f"imported {count} records from {args.bundle}")
    return 0


def _cmd_dump(args: argparse.Namespace) -> int:
    from casefile.bundle.dump import write_bundle
    from casefile.redaction import PhotoGps, RedactionPolicy

    policy = RedactionPolicy(
        photo_gps=PhotoGps(args.gps), keep_photo_metadata=args.keep_photo_metadata,
        include_protected_transcripts=args.include_protected_transcripts) if args.share else None
    with open_case(args.file) as case:
        written = write_bundle(case, args.out, policy)
    out = written.path
    what = "shareable bundle (protected identities withheld)" if args.share else "complete copy"
    text = f"wrote {out}: {what}"
    if written.withheld:
        text += f"\nwithheld ({len(written.withheld)}):\n  " + "\n  ".join(written.withheld)
    emit(args, {"path": str(out), "share": bool(args.share), "withheld": written.withheld},
         text)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        hits = case.search.search(args.query, limit=args.limit,
                                  kinds=args.kind or None)
    data = [{"kind": h.kind, "uuid": str(h.uuid), "title": h.title,
             "snippet": h.snippet_marked("[", "]")} for h in hits]
    lines = [f"{h.kind:<16} {h.uuid}  {h.title[:60]}\n{'':17}{h.snippet_marked('[', ']')}"
             for h in hits]
    emit(args, data, "\n".join(lines) if lines else "no matches")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        if args.recount:
            case.recount()
        report = case.check(quick=args.quick)
    data = {"ok": report.ok, "problems": report.problems, "files_checked": report.blobs_checked,
            "quick": report.quick}
    if report.ok:
        done = (f"structure (quick_check), references, record counts and "
                f"{report.blobs_checked} stored files' sizes checked; not their hashes nor "
                "the search index against the records: run without --quick for those"
                if report.quick else
                f"structure, references, record counts, search index and "
                f"{report.blobs_checked} stored files verified")
        emit(args, data, f"ok{' (quick check)' if report.quick else ''}: {done}")
        return 0
    advice = [f"To salvage what can be read: casefile recover {args.file} --out NEW.casefile "
              f"(or restore a backup: casefile backups {args.file})"]
    if all(p.startswith("record counts:") for p in report.problems):
        advice = [f"Only the kept record counts are wrong; to set them from the records: "
                  f"casefile check {args.file} --recount"]
    emit(args, data, "\n".join(["PROBLEMS FOUND:", *[f"  {p}" for p in report.problems],
                                *advice]))
    return 1


def _cmd_backup(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        out = case.backup(args.out)
    emit(args, {"path": str(out)}, f"backed up to {out}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from casefile.sample import create_sample_case

    case = create_sample_case(args.file)
    try:
        summary = case.summary()
    finally:
        case.close()
    emit(args, {"path": str(args.file), "counts": summary.counts},
         f"wrote the sample case to {args.file}")
    return 0


def _cmd_add_photos(args: argparse.Namespace) -> int:
    counts = {"imported": 0, "duplicate": 0, "rejected": 0, "skipped": 0}
    events = []
    with open_case(args.file) as case:
        fields = {k: v for k, v in (("caption", args.caption), ("place_name", args.place),
                                    ("rights_note", args.rights)) if v}
        for event in case.photos.import_files(args.paths, **fields):
            counts[event.outcome] += 1
            events.append({"path": str(event.path), "outcome": event.outcome,
                           "photo": str(event.photo) if event.photo else None,
                           "message": event.message})
            if not args.json:
                stream = sys.stderr if event.outcome == "rejected" else sys.stdout
                print(f"[{event.done}/{event.total}] {event.outcome:<9} {event.message}",
                      file=stream)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no files"
    emit(args, {"counts": counts, "files": events}, summary)
    return 1 if counts["rejected"] else 0


def _cmd_add_document(args: argparse.Namespace) -> int:
    fields = {k: v for k, v in (("title", args.title), ("kind", args.kind)) if v}
    _readable(args.path, "a document file")
    with open_case(args.file) as case:
        doc = case.documents.add_file(args.path, **fields)
        stored = case.documents.stored_file(doc.uuid)
    assert stored is not None
    data = {"uuid": str(doc.uuid), "title": doc.title, "pages": doc.page_count,
            "sha256": stored.sha256, "size": stored.size, "media_type": stored.media_type}
    emit(args, data, f"added document {doc.uuid}: {doc.title}\n"
                     f"  {stored.media_type}, {human_size(stored.size)}, SHA-256 {stored.sha256}")
    return 0


def _readable(path: Path, what: str) -> None:
    """Refuse an input that is missing, a folder, or not a regular file — before opening it:
    opening a named pipe would wait for a writer forever."""
    if not path.exists():
        raise CaseFileError(f"{path}: no such file")
    if path.is_dir():
        raise CaseFileError(f"{path}: is a folder; give {what}")
    if not path.is_file():
        raise CaseFileError(f"{path}: is not a regular file (a pipe, socket or device); "
                            f"give {what}")
    if not os.access(path, os.R_OK):
        raise CaseFileError(f"{path}: cannot be read (permission denied)")


def _cmd_import_csl(args: argparse.Namespace) -> int:
    _readable(args.csl, "a CSL-JSON file")
    with open_case(args.file) as case:
        try:
            report = case.documents.import_csl(args.csl)
        except OSError as exc:  # it changed after the check, or the disk failed
            raise CaseFileError(f"{args.csl}: cannot be read ({exc.strerror})") from None
    data = {"format": report.format,
            "created": [str(d.uuid) for d in report.created],
            "updated": [{"uuid": str(d.uuid), "recognised_by": how,
                         "changes": report.changes.get(str(d.uuid), [])}
                        for d, how in report.updated],
            "unchanged": [{"uuid": str(d.uuid), "recognised_by": how}
                          for d, how in report.unchanged],
            "skipped": [{"index": s.index, "item": s.label, "reason": s.reason}
                        for s in report.skipped],
            "untitled": [{"index": i, "title": t} for i, t in report.untitled],
            "possible_duplicates": [{"uuid": str(new.uuid), "beside": str(old.uuid), "why": why}
                                    for new, old, why in report.duplicates],
            "warnings": [{"index": w.index, "item": w.label, "warning": w.reason}
                         for w in report.warnings]}
    emit(args, data, "\n".join([f"imported {args.csl} ({report.format}):", *report.lines()]))
    if report.skipped:  # exit 1 comes with an error on stderr (docs/cli.md)
        n = len(report.skipped)
        print(f"casefile: error: {n} item{'s' * (n != 1)} not imported (listed above); correct "
              "them where they came from and import the file again: the items imported now "
              "are recognised then, not duplicated", file=sys.stderr)
        return 1
    return 0


def _cmd_export_refs(args: argparse.Namespace) -> int:
    """export-csl / export-bib / export-ris: documents as CSL-JSON, BibTeX or RIS, redacted
    unless --full; the written text is read back as a reference manager reads it and refused
    (nothing written) if a protected source could still be read in it."""
    from casefile.identity import IdentityMatcher
    from casefile.media.reference_files import protected_in_export, reference_text
    from casefile.redaction import RedactionPolicy

    fmt = {"export-csl": "csl-json", "export-bib": "bibtex"}.get(args.command, "ris")
    with open_case(args.file) as case:
        items = case.documents.export_csl(args.document or None,
                                          None if args.full else RedactionPolicy())
        matcher = None if args.full else IdentityMatcher.for_sources(case.sources.every())
    text = reference_text(items, fmt)
    if matcher is not None:
        from casefile.export.protect import ExportRefusedError

        hits = protected_in_export(text, fmt, matcher)
        if hits:
            raise ExportRefusedError(args.out or Path("(standard output)"), hits)
    if args.out:
        write_text_atomically(args.out, text)  # never into a file (or link) in place
        print(f"wrote {len(items)} items to {args.out}")
    else:
        print(text, end="")
    return 0


def _cmd_cite(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        citations = [(d, case.documents.citation(d)) for d in args.document]
    emit(args, [{"uuid": d, "citation": c} for d, c in citations],
         "\n".join(c for _d, c in citations))
    return 0


@contextlib.contextmanager
def _no_full_collections() -> Iterator[None]:
    """Python's full garbage collections deferred while a command builds a long list of rows
    it keeps (20,000 claims with their evidence: each full pass walks every object made so
    far, a third of the command's time); the younger generations still run."""
    saved = gc.get_threshold()
    gc.set_threshold(saved[0], saved[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _cmd_claims(args: argparse.Namespace) -> int:
    with open_case(args.file) as case, _no_full_collections():
        rows = list(case.claims.rows(weak_only=args.weak))  # batched, as the app lists them
    data = [{"uuid": str(c.uuid), "statement": c.statement, "status": c.status.value,
             "supporting": sm.supporting, "independent_sources": sm.independent_sources,
             "contradicting": sm.contradicting, "usable_in_print": sm.usable_in_print,
             "weaknesses": list(sm.weaknesses), "attribution": at.text}
            for c, sm, at in rows]
    lines = []
    for c, sm, at in rows:
        mark = "WEAK " if sm.weak else "     "
        lines.append(f"{mark}{c.status.value:<19} {c.uuid}  {c.statement}")
        lines.append(f"{'':25}{sm.describe()}")
        if at.text:
            lines.append(f"{'':25}{at.text}")
    empty = "no weak claims" if args.weak else "no claims"
    emit(args, data, "\n".join(lines) if lines else empty)
    return 0


def _draft_id(case: CaseFile, given: str | None) -> str:
    """The draft named on the command line, or the case's only draft."""
    if given:
        return given
    drafts = case.drafts.page(limit=20)
    if len(drafts) == 1:
        return str(drafts[0].uuid)
    listed = "; ".join(f"{d.uuid} “{d.headline}”" for d in drafts) or "none"
    raise CaseFileError(f"the case has {case.drafts.count()} drafts; name one with --draft "
                        f"(drafts: {listed})")


def _cmd_check_draft(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        findings = case.drafts.check(_draft_id(case, args.draft))
    blocking = [f for f in findings if f.blocking]
    data = {"blocking": len(blocking), "findings": [
        {"position": f.position, "kind": f.kind, "blocking": f.blocking, "message": f.message,
         "excerpt": f.excerpt} for f in findings]}
    lines = [f"{'BLOCKING' if f.blocking else 'warning ':<8}  {f.message}"
             + (f"\n{'':10}“{f.excerpt}”" if f.excerpt else "") for f in findings]
    lines.append(f"{len(findings)} findings, {len(blocking)} blocking")
    emit(args, data, "\n".join(lines))
    return 1 if blocking else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from casefile.export.docx_draft import export_draft

    with open_case(args.file) as case:
        result = export_draft(case, _draft_id(case, args.draft), args.out, profile=args.profile,
                              footnotes=not args.no_footnotes,
                              keep_photo_metadata=args.keep_photo_metadata,
                              template=args.template, allow_blocking=args.allow_blocking)
    data = {"path": str(result.path), "sha256": result.sha256, "version": str(result.version),
            "footnotes": result.footnotes, "comments": result.comments,
            "overridden_blocking": result.overridden}
    n = result.overridden
    despite = (f"\n  exported despite {n} blocking finding{'s' * (n != 1)} (recorded on the "
               "draft version)" if n else "")
    emit(args, data, f"wrote {result.path} ({result.footnotes} footnotes, {result.comments} "
                     f"comments)\n  SHA-256 {result.sha256}{despite}")
    return 0


def _cmd_import_review(args: argparse.Namespace) -> int:
    from casefile.export.review import BY_TEXT, import_review

    _readable(args.reviewed, "the reviewed .docx")
    with open_case(args.file) as case:
        result = import_review(case, args.reviewed)
    data = {"draft": str(result.draft), "version": str(result.version or ""),
            "comments": [{"author": c.author, "date": c.written_at, "text": c.text,
                          "anchored_text": c.anchored_text,
                          "claim": str(c.claim) if c.claim else None} for c in result.comments],
            "changed_paragraphs": [{"index": ch.index, "before": ch.before, "after": ch.after}
                                   for ch in result.changes],
            "already_imported": result.already, "matched_by": result.matched_by,
            "tracked_changes": [{"kind": e.kind, "author": e.author, "date": e.written_at,
                                 "before": e.before, "after": e.after,
                                 "paragraph": e.paragraph, "note": e.note}
                                for e in result.edits]}
    lines = [f"{len(result.comments)} comments read ({result.on_claims} attached to claims, "
             f"the rest to the draft); {len(result.changes)} paragraphs changed"
             + (f"; {len(result.edits)} tracked changes" if result.edits else "")]
    if result.matched_by == BY_TEXT:
        lines.append("the file has lost Casefile's bookmarks (pandoc and some converters drop "
                     "them): matched to the exported version, and comments to claims, by "
                     "their text")
    if result.already:
        lines.append(f"{result.already} of the comments were imported before: not stored "
                     "twice")
    for c in result.comments:
        lines.append(f"  {c.author}: {c.text}" + (f"  [on “{c.anchored_text}”]"
                                                   if c.anchored_text else ""))
    for ch in result.changes:
        lines.append(f"  paragraph {ch.index + 1}:\n    was: {ch.before or '(new)'}\n"
                     f"    now: {ch.after or '(removed)'}")
    for e in result.edits:
        where = f" (paragraph {e.paragraph + 1})" if e.paragraph is not None else \
            f" (note {e.note})" if e.note is not None else ""
        what = {"inserted": f"inserted “{e.after}”", "deleted": f"deleted “{e.before}”"
                }.get(e.kind, f"replaced “{e.before}” with “{e.after}”")
        lines.append(f"  tracked: {e.author or 'someone'} {what}{where}")
    emit(args, data, "\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per operation."""
    parser = argparse.ArgumentParser(
        prog="casefile", description="Work with Casefile case files from the command line.")
    parser.add_argument("--version", action="version", version=f"casefile {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, fn: Handler, help_: str, json_: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(fn=fn)
        if json_:
            p.add_argument("--json", action="store_true", help="print JSON for scripts")
        return p

    p = add("new", _cmd_new, "create a new, empty case file")
    p.add_argument("file", type=Path, help="the case file to create (.casefile)")
    p.add_argument("--title", required=True, help="the story's working title")
    p.add_argument("--encrypt", action="store_true",
                   help=f"encrypt it with a passphrase (asked for, or ${PASSPHRASE_ENV})")
    p = add("encrypt", _cmd_encrypt,
            "encrypt a plain case file with a passphrase (asked for, or $CASEFILE_PASSPHRASE)")
    p.add_argument("file", type=Path)
    p = add("decrypt", _cmd_decrypt, "turn an encrypted case file back into a plain one")
    p.add_argument("file", type=Path)
    p = add("info", _cmd_info, "show title, format version, record counts and size")
    p.add_argument("file", type=Path)
    p = add("import", _cmd_import, "import a bundle (.json or .zip) into a case file")
    p.add_argument("file", type=Path)
    p.add_argument("bundle", type=Path)
    p = add("dump", _cmd_dump, "write the whole case as a bundle (.zip, or .json + files folder)")
    p.add_argument("file", type=Path)
    p.add_argument("--out", type=Path, required=True, help="bundle to write (.zip or .json)")
    p.add_argument("--share", action="store_true",
                   help="for an editor or colleague: protected sources as their pseudonyms, no "
                        "contact details, notes or deleted records, photos without metadata")
    p.add_argument("--gps", choices=["all", "near_protected", "keep"], default="all",
                   help="with --share: remove GPS from all photos (default), only from those "
                        "that could place a protected source, or none")
    p.add_argument("--keep-photo-metadata", action="store_true",
                   help="with --share: keep the photos' original files (EXIF and all)")
    p.add_argument("--include-protected-transcripts", action="store_true",
                   help="with --share: include the transcripts and attachments of interviews "
                        "with a protected source (redacted; withheld by default, except the "
                        "quotes used as evidence)")
    p = add("search", _cmd_search, "full-text search across everything in the case")
    p.add_argument("file", type=Path)
    p.add_argument("query", help='words, "a phrase", word* for a prefix, OR between words')
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--kind", action="append", help="only this kind (repeatable): source, quote…")
    p = add("check", _cmd_check, "verify integrity, references, record counts, the search "
            "index and every stored file's hash")
    p.add_argument("file", type=Path)
    p.add_argument("--quick", action="store_true",
                   help="faster and shallower: SQLite's quick_check instead of "
                        "integrity_check (indexes are not compared with their tables), each "
                        "stored file's size instead of its SHA-256 (a changed byte in a file "
                        "of the same size is not found), and the search index is not "
                        "compared with the records")
    p.add_argument("--recount", action="store_true",
                   help="first set the kept record counts from the records (repairs counts "
                        "the check reports wrong), then check")
    p = add("backup", _cmd_backup, "write a consistent copy of the case file")
    p.add_argument("file", type=Path)
    p.add_argument("--out", type=Path, required=True)
    register(add)
    register_merge(add)  # copy, merge, conflicts, resolve: field copies (docs/merge.md)
    p = add("add-photos", _cmd_add_photos,
            "import photos: files, or folders searched recursively (exit 1 if any is rejected)")
    p.add_argument("file", type=Path)
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    p.add_argument("--caption", help="caption for every photo imported")
    p.add_argument("--place", help="place name for every photo imported")
    p.add_argument("--rights", help="usage rights / consent note for every photo imported")
    p = add("add-document", _cmd_add_document,
            "add a document from a file (title, author, date, pages read from PDF/DOCX)")
    p.add_argument("file", type=Path)
    p.add_argument("path", type=Path)
    p.add_argument("--title")
    p.add_argument("--kind", help="report, dataset, statistics, court_record, news_article, "
                                  "web_page, letter, other")
    p = add("import-csl", _cmd_import_csl,
            "import documents from CSL-JSON (e.g. a Zotero export); items already in the case "
            "are updated or left unchanged, bad items skipped (exit 1 if any is skipped)")
    p.add_argument("file", type=Path)
    p.add_argument("csl", type=Path)
    for name, says in (
            ("export-csl", "write documents as CSL-JSON (for Zotero)"),
            ("export-bib", "write documents as BibTeX/BibLaTeX (.bib), for Zotero and "
                           "reference managers"),
            ("export-ris", "write documents as RIS (.ris), for Zotero and reference managers")):
        p = add(name, _cmd_export_refs, says, json_=False)
        p.add_argument("file", type=Path)
        p.add_argument("--document", action="append", help="only this document (repeatable)")
        p.add_argument("--out", type=Path, help="file to write (default: standard output)")
        p.add_argument("--full", action="store_true",
                       help="include protected sources' names and private notes (withheld "
                            "unless asked for)")
    p = add("cite", _cmd_cite, "print a Chicago-style note citation for documents")
    p.add_argument("file", type=Path)
    p.add_argument("document", nargs="+", help="document id (UUID)")
    p = add("claims", _cmd_claims, "list claims with status, support summary and attribution")
    p.add_argument("file", type=Path)
    p.add_argument("--weak", action="store_true", help="only the weak claims")
    p = add("check-draft", _cmd_check_draft,
            "check a draft: unattributed facts, weak claims, changed quotes, protected names, "
            "pending requests (exit 1 if anything blocks)")
    p.add_argument("file", type=Path)
    p.add_argument("--draft", help="draft id (UUID); not needed when the case has one draft")
    p = add("export", _cmd_export, "export a draft as an attributed Word (.docx) file")
    p.add_argument("file", type=Path)
    p.add_argument("--draft", help="draft id (UUID); not needed when the case has one draft")
    p.add_argument("--out", type=Path, required=True, help="the .docx to write")
    p.add_argument("--profile", choices=["editor", "clean"], default="editor",
                   help="editor: comments, highlights and sourcing tables; clean: the text only")
    p.add_argument("--no-footnotes", action="store_true", help="leave out the evidence footnotes")
    p.add_argument("--keep-photo-metadata", action="store_true",
                   help="embed photos with their EXIF/GPS (default: stripped)")
    p.add_argument("--template", type=Path, help="a newsroom's own .docx reference template")
    p.add_argument("--allow-blocking", action="store_true",
                   help="export even though the draft checker has blocking findings (the "
                        "override is recorded on the draft version; a protected source's "
                        "identity in the file still refuses)")
    p = add("import-review", _cmd_import_review,
            "read an editor's comments (and list their edits) from a reviewed export")
    p.add_argument("file", type=Path)
    p.add_argument("reviewed", type=Path, help="the .docx the editor sent back")
    p = add("demo", _cmd_demo, "write the sample case (a fictional border-trade story)")
    p.add_argument("file", type=Path)
    for name in OUTPUTS:
        sub.choices[name].add_argument(
            "--force", action="store_true",
            help="replace an existing --out file (never a case file, nor a file another "
                 "Casefile program has open)")
    return parser


# The commands that write a file named by --out (checked before the case is even opened).
OUTPUTS = ("backup", "backups", "dump", "export", "export-csl", "export-bib", "export-ris",
           "recover")


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse an --out that is the case itself, its -wal/-shm/-journal (through links too), a
    case file, a file another Casefile program has open, or any existing file without
    --force (see casefile/outputs.py)."""
    out = getattr(args, "out", None)
    if args.command not in OUTPUTS or out is None:
        return
    if args.command == "backups" and not args.restore:
        return  # --out only means something with --restore
    check_output(out, force=args.force, inputs=[args.file])
    if args.command == "dump" and out.suffix.lower() != ".zip":
        check_folder(out.with_name(out.stem + "-files"), force=args.force)


def _stdout_gone() -> int:
    """The program reading our output stopped (`casefile info F | head -1`): end quietly, as
    command-line tools do. Standard output goes to the null device so that Python's final
    flush cannot fail again (the Python docs' recipe for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


def _internal_error(exc: BaseException) -> str:
    """The text for a bug: the exception's type and where it happened — never its message,
    which can quote record contents (an SQLAlchemy error carries the SQL parameters)."""
    return (f"casefile: internal error: {type(exc).__name__} in {where(exc)}\n"
            "Nothing was changed that had not been saved before. Please report it with the "
            "lines below, which name only code (the error's own message is left out: it can "
            "quote the case's contents). Run again with CASEFILE_DEBUG=1 for the full details "
            "— they may show record contents, so read them before you send them.\n"
            + textwrap.indent(safe_traceback(exc), "  "))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `casefile` console script."""
    args = build_parser().parse_args(argv)
    from casefile.private_temp import clean_stale

    clean_stale()  # private temp folders a crashed run left (cheap: one folder listing)
    try:
        _check_outputs(args)
        code = int(args.fn(args))
        sys.stdout.flush()  # a closed pipe shows here, not in Python's shutdown
        return code
    except BrokenPipeError:
        return _stdout_gone()
    except BundleError as exc:
        head, _, rest = str(exc).partition("\n")
        print(f"casefile: error: {head}", file=sys.stderr)
        if rest:
            print(rest, file=sys.stderr)
        return 1
    except CaseFileError as exc:
        print(f"casefile: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("casefile: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one clear line; the traceback only when asked for
        if os.environ.get("CASEFILE_DEBUG"):
            raise
        print(_internal_error(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
