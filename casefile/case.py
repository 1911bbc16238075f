"""`CaseFile`: open, create and close a case file, and reach its services.

    with CaseFile.create(path, title="Border trade") as case:
        src = case.sources.create(name="Yuri Petrov", ground_rules="on_record")
"""

from __future__ import annotations

import contextlib
import getpass
import os
import secrets
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from casefile import commands
from casefile.changes import Changes
from casefile.claims.style import HouseStyle
from casefile.commands import Command
from casefile.db import record_counts, schema_guard, search_index
from casefile.db.base import Record
from casefile.db.connection import make_engine
from casefile.db.driver import encryption_available
from casefile.db.durable import fsync_path
from casefile.db.header import APPLICATION_ID, read_header
from casefile.db.migrations import CURRENT_VERSION
from casefile.db.schema import create_schema, online_backup, schema_version
from casefile.db.session import Store
from casefile.db.upgrade import migration_steps
from casefile.db.verify import garbled_text, verify_copy
from casefile.device import device_id
from casefile.errors import (
    CaseFileError,
    DamagedCaseFileError,
    EncryptionUnavailableError,
    NewerFormatError,
    NotACaseFileError,
    PassphraseRequiredError,
    RecordNotFoundError,
    ValidationError,
    is_damage,
)
from casefile.models import RECORD_KINDS, CaseInfo
from casefile.outputs import guard_output
from casefile.read_models import CaseInfoData, ReadModel
from casefile.read_models.build import Reader
from casefile.search import SearchService
from casefile.services.audit import AuditService
from casefile.services.base import RecordService, as_uuid
from casefile.services.blobs import BlobStore
from casefile.services.claims import (
    ClaimService,
    CommentRequestService,
    DraftService,
    EvidenceService,
)
from casefile.services.documents import DocumentService
from casefile.services.photos import PhotoService
from casefile.services.records import (
    ExcerptService,
    InterviewService,
    QuoteService,
    SourceService,
    TeamService,
)
from casefile.services.references import Reference
from casefile.services.references import references as references_to
from casefile.services.rules import coerce
from casefile.services.tags import TagService
from casefile.services.trash import TrashService
from casefile.sync.service import MergeService

SUFFIX = ".casefile"
# Tables counted in a case summary, by kind name (kept current by triggers).
COUNTED = record_counts.COUNTED


@dataclass(frozen=True)
class CaseSummary:
    """What `casefile info` shows: title, format version, counts and size."""

    path: Path
    title: str
    uuid: str
    schema_version: int
    counts: dict[str, int]
    in_trash: int
    size_bytes: int


@dataclass
class CheckReport:
    """The result of `check()`: empty `problems` means the file is sound."""

    problems: list[str] = field(default_factory=list)
    blobs_checked: int = 0
    # Made by a quick check, which skipped some checks (see `CaseFile.check_steps`).
    quick: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


MIN_PASSPHRASE = 8


def check_passphrase(passphrase: str | None) -> None:
    """Refuse passphrases that protect nothing; the strength of a real one is the user's."""
    if passphrase is None:
        return
    if not encryption_available():
        raise EncryptionUnavailableError()
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"a passphrase needs at least {MIN_PASSPHRASE} characters "
                              "(a few unrelated words are stronger than a short password)")


def _check_keyed_header(engine: Any, path: Path) -> None:
    """For an encrypted file, the header checks `read_header` could not make before the key."""
    with engine.connect() as conn:
        app_id = int(conn.exec_driver_sql("PRAGMA application_id").scalar_one()) & 0xFFFFFFFF
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
    if app_id != APPLICATION_ID:
        raise NotACaseFileError(path, "it is a database, but not one made by Casefile")
    if version <= 0:
        raise NotACaseFileError(path, "it has no schema version (damaged or unfinished file)")
    if version > CURRENT_VERSION:
        raise NewerFormatError(path, version, CURRENT_VERSION)


def default_actor() -> str:
    """Who edits, for the audit log: the OS user name, if there is one."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class CaseFile:
    """An open case file. Use `create` or `open`; close it (or use `with`) when done."""

    def __init__(self, path: Path, store: Store, passphrase: str | None = None) -> None:
        self.path = path
        self._store = store
        # Kept while the file is open, for backups of it (memory is not protected: see
        # docs/security.md).
        self._passphrase = passphrase
        self.migration_backup: Path | None = None
        self.team = TeamService(store)
        self.sources = SourceService(store)
        # Each service is built once, here, and handed the others it needs (services never
        # build each other: tests/test_architecture.py).
        self.blobs = BlobStore(store)
        self.interviews = InterviewService(store)
        self.quotes = QuoteService(store, interviews=self.interviews)
        self.documents = DocumentService(store, blobs=self.blobs)
        self.excerpts = ExcerptService(store)
        self.photos = PhotoService(store)
        self.claims = ClaimService(store)
        self.evidence = EvidenceService(store, claims=self.claims)
        self.requests = CommentRequestService(store)
        self.drafts = DraftService(store, team=self.team)
        self.tags = TagService(store)
        self.trash = TrashService(store)
        self.audit = AuditService(store)
        self.search = SearchService(store)
        self.merges = MergeService(store, self)
        self._reader = Reader(store)

    # -- the write path ----------------------------------------------------------------

    def service(self, kind: str) -> RecordService[Any, Any]:
        """The service of a kind of record by its kind name ("source", "evidence_link", …)."""
        services: dict[str, RecordService[Any, Any]] = {
            "team_member": self.team, "source": self.sources, "interview": self.interviews,
            "quote": self.quotes, "document": self.documents, "excerpt": self.excerpts,
            "photo": self.photos, "claim": self.claims, "evidence_link": self.evidence,
            "comment_request": self.requests, "draft": self.drafts}
        found = services.get(kind)
        if found is None:
            raise ValidationError(f"no kind of record called {kind!r}")
        return found

    def apply(self, command: Command) -> Changes:
        """Apply a mutation (`casefile.commands`) in one unit of work; what it changed."""
        if self._store.in_unit_of_work():
            raise RuntimeError("apply() runs its own unit of work; call it outside one")
        return commands.apply(self, command)

    def subscribe(self, callback: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `callback(changes)` after every commit that changed the case (any path: a
        service call, a command, an import), on the committing thread. Returns the call that
        unsubscribes."""
        return self._store.subscribe(callback)

    def last_change(self) -> datetime:
        """When the file last changed, as far as this process knows: its last commit here,
        else the file's modification time when it was opened."""
        return max(filter(None, (self._store.last_commit, self._opened_mtime)),
                   default=datetime.min.replace(tzinfo=UTC))

    _opened_mtime: datetime | None = None

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted with a passphrase."""
        return self._passphrase is not None

    # -- life cycle ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, title: str, *, actor: str | None = None,
               passphrase: str | None = None, **case_fields: Any) -> CaseFile:
        """Make a new case file at `path` (which must not exist) and open it; encrypted with
        `passphrase` when one is given.

        The file is built under a temporary name and renamed when complete, so a crash
        never leaves a half-made case file behind.
        """
        path = Path(path)
        if path.exists():
            raise CaseFileError(f"{path}: already exists; choose another name")
        if not title.strip():
            raise ValidationError("a case needs a title")
        check_passphrase(passphrase)
        # A name of its own, so two programs creating the same file at once never share it.
        part = path.with_name(f"{path.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
        try:
            engine = make_engine(part, passphrase)
            try:
                create_schema(engine)
                case = cls(part, Store(engine, actor if actor is not None else default_actor(),
                                       device=device_id()), passphrase)
                with case._store.write() as s:
                    info = CaseInfo(title=title.strip())
                    _apply_case_fields(info, case_fields)
                    s.add(info)
                case._checkpoint()
            finally:
                engine.dispose()
            _publish(part, path)
        except OSError as exc:
            raise CaseFileError(f"{path}: cannot be created ({exc.strerror})") from exc
        finally:
            for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-journal")):
                leftover.unlink(missing_ok=True)
        return cls.open(path, actor=actor, passphrase=passphrase)

    @classmethod
    def open(cls, path: Path | str, *, actor: str | None = None,
             passphrase: str | None = None) -> CaseFile:
        """Open an existing case file, migrating an older one forward (after a backup).

        A file that is not ours, is damaged, or is newer than this app is refused with a
        clear error and left untouched; so is a file another process has open. An encrypted
        file needs its `passphrase` (PassphraseRequiredError without one, WrongPassphraseError
        for a wrong one); a plain file ignores it. `upgrade_steps` does the same with
        progress and cancel, for an upgrade a user waits for.
        """
        steps = upgrade_steps(path, actor=actor, passphrase=passphrase)
        while True:
            try:
                next(steps)
            except StopIteration as opened:
                case: CaseFile = opened.value
                return case

    def begin_close(self) -> None:
        """Ask long work running beside the user's (a backup copying pages) to stop now;
        `close()` follows. Later backups are refused."""
        self._store.closing.set()

    def close(self) -> None:
        """Write everything into the one file (no -wal left behind) and release it.

        Every commit is already durable; folding the write-ahead log into the file is
        housekeeping. If it cannot be done (a full disk), the `-wal` file stays beside the
        case file and SQLite replays it on the next open — closing never fails for it."""
        if getattr(self, "closed", False):
            return
        self.closed = True
        self.documents.remove_copies()
        self.photos.remove_copies()

        def finish() -> None:
            with contextlib.suppress(DBAPIError):
                self._checkpoint()
                with self._store.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")

        self._store.close(finish)

    def _checkpoint(self) -> None:
        with self._store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- the case itself -----------------------------------------------------------------

    def info(self) -> CaseInfoData:
        """The case's title, slug, summary, language and desk."""
        with self._store.read() as s:
            return self._reader.data(s.scalars(select(CaseInfo)).one())  # type: ignore[no-any-return]

    def update_info(self, **fields: Any) -> CaseInfoData:
        """Change the case's own fields (title, summary, …)."""
        with self._store.write() as s:
            info = s.scalars(select(CaseInfo)).one()
            _apply_case_fields(info, fields)
            if not info.title.strip():
                raise ValidationError("a case needs a title")
            s.flush()
            return self._reader.data(info)  # type: ignore[no-any-return]

    def get_record(self, kind: str, ref: Any) -> ReadModel:
        """Any live record by its kind name ("source", "quote", …) and UUID."""
        with self._store.read() as s:
            return self._reader.data(_live_record(s, kind, ref))  # type: ignore[no-any-return]

    def references(self, kind: str, ref: Any) -> list[Reference]:
        """Every live record that refers to this one (evidence on it, interviews of a
        source, a photo's credit, a draft's byline…), as plain data: the one answer the
        trash and the forms use too (casefile.services.references)."""
        with self._store.read() as s:
            return references_to(s, _live_record(s, kind, ref))

    def house_style(self) -> HouseStyle:
        """The newsroom's style for attributions and dates."""
        return HouseStyle.from_dict(self.info().house_style)

    def set_house_style(self, style: HouseStyle) -> None:
        """Store the house style on the case."""
        with self._store.write() as s:
            s.scalars(select(CaseInfo)).one().house_style = style.to_dict()

    def summary(self) -> CaseSummary:
        """Title, format version, live records per kind, trash size and file size. The
        counts are the ones the triggers keep (schema 9): one read of a small table, where
        counting the tables themselves scans every row."""
        with self._store.read() as s:
            info = s.scalars(select(CaseInfo)).one()
            kept = record_counts.stored(s.connection())
            missing = [k for k in (*COUNTED, record_counts.TRASH_KIND) if k not in kept]
            if missing:  # a damaged counts table (check reports it): count those few
                kept |= {str(k): int(n) for k, n in s.execute(text(
                    record_counts.real_counts_sql())) if k in missing}
            counts = {kind: kept[kind] for kind in COUNTED}
            in_trash = kept[record_counts.TRASH_KIND]
            version = schema_version(s.connection())
        return CaseSummary(self.path, info.title, str(info.uuid), version, counts, in_trash,
                           self.path.stat().st_size)

    # -- safety --------------------------------------------------------------------------

    def backup(self, out: Path | str) -> Path:
        """A consistent copy of the open file (SQLite online backup), written under a
        temporary name, opened and integrity-checked, then renamed to `out`. The copy of an
        encrypted file is encrypted with the same passphrase."""
        # Never over this case (or its -wal), nor over a file another program has open.
        out = guard_output(out, [self.path])
        unchecked = out.with_name(out.name + ".unchecked")
        try:
            # In steps that take turns with lists and edits on other threads (the store's
            # lock, step by step); then checked on a connection of its own to the copy.
            with self._store.pinned() as closing:
                online_backup(self._store, unchecked, self._passphrase, closing)
            verify_copy(unchecked, self._passphrase, what="backup")
            fsync_path(unchecked)
            os.replace(unchecked, out)
            fsync_path(out.parent)
        except OSError as exc:
            raise CaseFileError(f"{out}: backup failed ({exc.strerror})") from exc
        finally:
            unchecked.unlink(missing_ok=True)
        return out

    def check_steps(self, *, quick: bool = False
                    ) -> Iterator[tuple[str, int, int, CheckReport]]:
        """Verify the file; yields (step, done, total, report so far) so a UI can show progress.
        `quick` trades depth for time: SQLite's `quick_check` instead of `integrity_check`
        (it skips checking that indexes match their tables), each stored file's size instead
        of its SHA-256 (a changed byte in a file of the same size is not found), and no
        comparison of the search index with the records (its pages are still read)."""
        report = CheckReport(quick=quick)
        # First, from sqlite_master alone: a file given code of its own since it was opened
        # must not run it during the checks below (the search check writes to the index).
        with self._store.read() as s:
            raw = s.connection().connection.dbapi_connection
            report.problems += [f"schema: {p}" for p in
                                schema_guard.differences(raw, schema_version(s.connection()))]
        if not report.ok:
            yield "structure", 1, 1, report
            return
        pragma = "quick_check" if quick else "integrity_check"
        try:
            with self._store.read() as s:
                conn = s.connection()
                rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()]
                if rows != ["ok"]:
                    report.problems += [f"database integrity: {r}" for r in rows]
                for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                    report.problems.append(
                        f"broken reference: table {row[0]} row {row[1]} -> {row[2]}")
                report.problems += garbled_text(conn.connection.dbapi_connection)
                if not report.problems:
                    report.problems += record_counts.mismatches(conn)
        except CaseFileError as exc:  # pages too damaged even to check
            detail = exc.__cause__.orig if isinstance(exc.__cause__, DBAPIError) else exc
            report.problems.append(f"database integrity: damaged pages cannot be read ({detail})")
        yield "structure", 1, 1, report
        if not report.ok:  # a damaged file: the rest would only fail on the same pages
            return
        for done, total, problem in self.blobs.verify(hash_bytes=not quick):
            report.blobs_checked = done
            if problem is not None:
                report.problems.append(problem.describe())
            yield "files", done, total, report
        if not quick:  # a third of a full check on a large case; the index can be rebuilt
            with self._store.read() as s:
                try:
                    s.execute(text(f"INSERT INTO {search_index.FTS_TABLE}"
                                   f"({search_index.FTS_TABLE}) VALUES ('integrity-check')"))
                except Exception as exc:  # noqa: BLE001 - any failure here is a finding
                    report.problems.append(f"search index: {exc}")
        yield "search index", 1, 1, report

    def check(self, *, quick: bool = False) -> CheckReport:
        """Run every check (`quick`: the faster, shallower ones; see `check_steps`)."""
        report = CheckReport(quick=quick)
        for step in self.check_steps(quick=quick):
            report = step[3]
        return report

    def recount(self) -> None:
        """Set the kept record counts from the records themselves (repairs counts that
        `check` found wrong; the triggers that keep them are checked on every open)."""
        with self._store.write() as s:
            record_counts.recount(s.connection())

    def rebuild_search_index(self) -> None:
        """Refill the search index from the records (repairs a damaged index)."""
        with self._store.write() as s:
            search_index.rebuild(s.connection())


def _live_record(s: Session, kind: str, ref: Any) -> Record:
    """The live record of a kind (by its name) with this UUID, inside a unit of work."""
    model = RECORD_KINDS.get(kind)
    if model is None:
        raise ValidationError(f"no kind of record called {kind!r}")
    key = as_uuid(ref)
    found: Record | None = s.scalars(select(model).where(model.uuid == key)).one_or_none()
    if found is None:
        raise RecordNotFoundError(kind.replace("_", " "), key)
    return found


def _publish(part: Path, path: Path) -> None:
    """Give the finished file its name — unless that name was taken meanwhile (another
    program creating the same file): a hard link fails then instead of replacing it."""
    try:
        os.link(part, path)
    except FileExistsError:
        raise CaseFileError(f"{path}: already exists; choose another name") from None
    except OSError:  # a file system without hard links (FAT, some shares)
        if path.exists():
            raise CaseFileError(f"{path}: already exists; choose another name") from None
        os.replace(part, path)


def _apply_case_fields(info: CaseInfo, fields: dict[str, Any]) -> None:
    allowed = {"title", "slug", "summary", "language", "desk"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(f"case has no field {name!r} that can be set")
        setattr(info, name, coerce("case", CaseInfo.__table__.c[name], value))


def upgrade_steps(path: Path | str, *, actor: str | None = None, passphrase: str | None = None,
                  cancel: threading.Event | None = None
                  ) -> Generator[tuple[str, int, int], None, CaseFile]:
    """`CaseFile.open`, yielding (step, done, total) while an older file is brought to the
    current format (nothing for a current one); returns the open case.

    Setting `cancel`, or closing the generator, stops the upgrade: the file is left exactly as
    it was (one transaction; the copy taken first is removed) and UpgradeCancelledError is
    raised (closing raises nothing). The app runs it on a worker with a progress dialog, the
    command line prints the steps.
    """
    path = Path(path)
    header = read_header(path)
    if header.encrypted and passphrase is None:
        raise PassphraseRequiredError(path)
    if header.user_version > CURRENT_VERSION:
        raise NewerFormatError(path, header.user_version, CURRENT_VERSION)
    key = passphrase if header.encrypted else None
    mtime = max(p.stat().st_mtime for p in (path, Path(f"{path}-wal")) if p.exists())
    engine = make_engine(path, key)
    try:
        if header.encrypted:
            _check_keyed_header(engine, path)
        case = CaseFile(path, Store(engine, actor if actor is not None else default_actor(),
                                    device=device_id()), key)
        case._opened_mtime = datetime.fromtimestamp(mtime, UTC)
        case.migration_backup = yield from migration_steps(engine, path, key,
                                                           cancel=cancel)
        with case._store.read() as s:
            needs_secure_delete = (search_index.secure_delete_supported()
                                   and not search_index.secure_delete_on(s.connection()))
        if needs_secure_delete:  # files from before it was switched on
            with case._store.write() as s:
                search_index.enable_secure_delete(s.connection())
        with case._store.read() as s:
            if s.scalars(select(CaseInfo)).first() is None:
                raise CaseFileError(f"{path}: the case record is missing (damaged file)")
    except (DBAPIError, CaseFileError) as exc:
        engine.dispose()
        cause = exc if isinstance(exc, DBAPIError) else exc.__cause__
        if isinstance(cause, DBAPIError) and is_damage(cause):
            raise DamagedCaseFileError(path, str(cause.orig)) from exc
        raise
    except BaseException:
        engine.dispose()
        raise
    return case
