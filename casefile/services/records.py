"""Services for each kind of record, with the rules special to that kind."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from casefile.claims.attribution import source_reference
from casefile.claims.quote_wording import (
    WordingDifference,
    is_accepted,
    same_wording,
    wording_difference,
)
from casefile.claims.style import HouseStyle
from casefile.db.session import Store
from casefile.errors import RecordNotFoundError, ValidationError
from casefile.models import (
    Attachment,
    Document,
    Excerpt,
    Interview,
    Quote,
    Source,
    TeamMember,
    interview_interviewees,
)
from casefile.read_models import (
    AttachmentData,
    ExcerptData,
    InterviewData,
    QuoteData,
    SourceData,
    TeamMemberData,
)
from casefile.services.base import RecordService, Ref, as_uuid
from casefile.services.blobs import guess_media_type, put_blob
from casefile.services.references import involving_source
from casefile.services.rules import (
    check_record,
    check_text,
    needs_attribution_phrase,
    span_problem,
    words_at_span,
)


class TeamService(RecordService[TeamMember, TeamMemberData]):
    """Reporters, contributors, fixers, translators and photographers."""

    model = TeamMember
    default_order = "name"

    def _validate(self, s: Session, obj: Any) -> None:
        check_record("team_member", obj)

    def byline(self) -> list[TeamMemberData]:
        """The case's byline, in order."""
        with self._store.read() as s:
            stmt = (
                select(TeamMember)
                .where(TeamMember.byline_position.is_not(None))
                .order_by(TeamMember.byline_position)
            )
            return self._many(s, list(s.scalars(stmt)))


class SourceService(RecordService[Source, SourceData]):
    """People, organisations and official bodies, with their ground rules."""

    model = Source
    default_order = "name"

    def related(self, ref: Ref) -> list[tuple[str, uuid.UUID, str]]:
        """This source's interviews, quotes, photos, documents, claims and requests for
        comment, as (kind, uuid, label). A quote with no speaker of its own is the words of
        its interview's interviewees (as the export attributes it), so it is listed for them
        too, after the quotes they are the speaker of."""
        with self._store.read() as s:
            source = self._load(s, ref)
            found = involving_source(s, source)
            spoken = [(q.KIND, q.uuid, q.label) for q in s.scalars(
                select(Quote).join(Interview, Quote.interview_id == Interview.id)
                .join(interview_interviewees,
                      interview_interviewees.c.interview_id == Interview.id)
                .where(interview_interviewees.c.source_id == source.id,
                       Quote.speaker_id.is_(None))
                .order_by(Quote.interview_id, Quote.span_start))]
            if not spoken:
                return found
            kinds = [kind for kind, _u, _l in found]
            at = max((i + 1 for i, k in enumerate(kinds) if k in ("interview", "quote")),
                     default=0)
            return [*found[:at], *spoken, *found[at:]]

    def every(self) -> list[SourceData]:
        """Every source, those in the trash too, in the order they were added: what an
        identity matcher is made from (`IdentityMatcher.for_sources(case.sources.every())`)
        — a confidential source in the trash is still protected."""
        with self._store.read() as s:
            stmt = select(Source).order_by(Source.id).execution_options(include_trashed=True)
            return self._many(s, list(s.scalars(stmt)))

    def first_reference(self, source: SourceData, style: HouseStyle) -> str | None:
        """How the story's first reference to `source` prints, by the export's own rule:
        a form previews fields not yet saved (a copy, never added to the case). None when
        the source is never attributed in print."""
        columns = {c.key for c in inspect(Source).column_attrs}
        typed = Source(**{k: v for k, v in source.loaded().items() if k in columns})
        return source_reference(typed, style, True)

    def _validate(self, s: Session, obj: Any) -> None:
        check_record("source", obj)
        if needs_attribution_phrase(obj.ground_rules, obj.attribution_phrase):
            raise ValidationError(
                f"source {obj.name!r}: ground rules '{obj.ground_rules.value}' need a pseudonym "
                "or attribution phrase (how the story may refer to them)"
            )


class InterviewService(RecordService[Interview, InterviewData]):
    """Interviews and their transcripts."""

    model = Interview
    default_order = "held_at"
    link_fields = {"interviewees": Source, "interviewers": TeamMember}
    page_loads = ("interviewees",)
    long_fields = ("transcript",)

    def attach(self, interview: Ref, data: bytes, file_name: str,
               description: str = "") -> AttachmentData:
        """Keep a file with an interview (audio, scanned notes); stored once per content."""
        check_text("attachment: file name", file_name)
        check_text("attachment: description", description)
        if not file_name.strip():
            raise ValidationError("attachment: a file name is required")
        with self._store.write() as s:
            iv = self._load(s, interview)
            blob = put_blob(s, data, guess_media_type(file_name))
            att = Attachment(interview=iv, blob=blob, file_name=file_name,
                             description=description)
            s.add(att)
            s.flush()
            return self._reader.data(att)  # type: ignore[no-any-return]

    def drifted_quotes(self, ref: Ref) -> list[QuoteData]:
        """Quotes whose span no longer holds their words after a transcript edit."""
        with self._store.read() as s:
            interview = self._load(s, ref)
            return self._reader.many([q for q in interview.quotes if not q.matches_transcript])

    def quote_spans(self, ref: Ref) -> list[tuple[uuid.UUID, int, int, bool]]:
        """(uuid, start, end, still matches) of each live quote of an interview, in
        transcript order: what a transcript view highlights."""
        with self._store.read() as s:
            interview = self._load(s, ref)
            return sorted(((q.uuid, q.span_start, q.span_end, q.matches_transcript)
                           for q in interview.quotes), key=lambda q: (q[1], q[2]))


class QuoteService(RecordService[Quote, QuoteData]):
    """Exact words marked in a transcript, and the wording the story prints them in.

    A published wording ("we're" for "we are", a translation) is accepted once by the
    reporter; the acceptance holds while the published wording is the one accepted and the
    words it was made from stay the same: changing the quote's words, its translation or
    its original clears it (the wording difference the reporter accepted may be against
    the translation)."""

    model = Quote
    default_order = "span_start"
    link_fields = {"interview": Interview, "speaker": Source}

    def __init__(self, store: Store, *, interviews: InterviewService) -> None:
        super().__init__(store)
        self._interviews = interviews  # a quote is marked in an interview's transcript

    def mark(self, interview: Ref, start: int, end: int, **fields: Any) -> QuoteData:
        """Make a quote from the transcript span [start, end) (the text is taken from it);
        spaces and line breaks at either end of the span are left out of the quote, so a
        sloppy selection still quotes exactly the words."""
        with self._store.write() as s:
            iv = self._interviews._load(s, interview)
            if span_problem(start, end, len(iv.transcript)):
                raise ValidationError(
                    f"quote span {start}-{end} is outside the transcript "
                    f"(length {len(iv.transcript)})"
                )
            start, end = trimmed_span(iv.transcript, start, end)
            obj = Quote(interview=iv, text=iv.transcript[start:end], span_start=start,
                        span_end=end)
            self._apply(s, obj, fields, creating=True)
            s.add(obj)
            s.flush()
            return self._data(obj)

    def of_interview(self, interview: Ref) -> list[QuoteData]:
        """The live quotes of one interview in transcript order, each knowing whether it
        still matches the transcript: what the interview's quote list shows."""
        with self._store.read() as s:
            iv = self._interviews._load(s, interview)
            quotes = list(s.scalars(select(Quote).where(Quote.interview_id == iv.id)
                                    .order_by(Quote.span_start, Quote.span_end, Quote.id)))
            return self._many(s, quotes)

    def suggest_span(self, ref: Ref) -> tuple[int, int] | None:
        """Where a drifted quote's exact words now stand, if they occur exactly once."""
        with self._store.read() as s:
            quote = self._load(s, ref)
            transcript = quote.interview.transcript
            first = transcript.find(quote.text)
            if first < 0 or transcript.find(quote.text, first + 1) >= 0:
                return None
            return first, first + len(quote.text)

    def reanchor(self, ref: Ref) -> QuoteData:
        """Move a drifted quote to where its exact words now are (an explicit user action);
        refused when the words are gone or occur more than once."""
        span = self.suggest_span(ref)
        if span is None:
            raise ValidationError("the quote's exact words are no longer in the transcript "
                                  "exactly once; fix the quote or the transcript by hand")
        with self._store.write() as s:
            quote = self._load(s, ref)
            quote.span_start, quote.span_end = span
            s.flush()
            return self._data(quote)

    def remark(self, ref: Ref, start: int, end: int) -> QuoteData:
        """Mark the quote's words anew at [start, end) of its transcript (its words are taken
        from there; an accepted published wording lapses when they change)."""
        with self._store.write() as s:
            quote = self._load(s, ref)
            transcript = quote.interview.transcript
            if span_problem(start, end, len(transcript)):
                raise ValidationError(f"quote span {start}-{end} is outside the transcript "
                                      f"(length {len(transcript)})")
            start, end = trimmed_span(transcript, start, end)
            self._apply(s, quote, {"text": transcript[start:end], "span_start": start,
                                  "span_end": end}, creating=False)
            s.flush()
            return self._data(quote)

    def set_published(self, ref: Ref, wording: str) -> QuoteData:
        """Set the wording the story prints the quote in ("" clears it: print the transcript
        words). It needs accepting before the checker takes it."""
        if not isinstance(wording, str):
            raise ValidationError("quote: the published wording must be text")
        if wording and not wording.strip():
            raise ValidationError("quote: the published wording is empty (clear it instead)")
        return self.update(ref, published_text=wording.strip())

    def accept_published(self, ref: Ref) -> QuoteData:
        """The reporter accepts the published wording as it is now."""
        with self._store.write() as s:
            quote = self._load(s, ref)
            if not quote.published_text.strip():
                raise ValidationError("quote: there is no published wording to accept")
            quote.published_accepted = quote.published_text
            s.flush()
            return self._data(quote)

    def published_accepted(self, ref: Ref) -> bool:
        """True while the quote's published wording is the one the reporter accepted."""
        quote = self.get(ref)
        return is_accepted(quote.published_text, quote.published_accepted)

    def wording_difference(self, ref: Ref) -> WordingDifference:
        """What the published wording changes from the quote's words, word by word."""
        return wording_difference(self.get(ref))

    def _derived(self, s: Session, objs: list[Any], *, light: bool = False
                 ) -> dict[int, dict[str, Any]]:
        """Whether each quote still matches its transcript, compared in SQL: a page of
        quotes never loads their transcripts (SQLite's substr counts characters, as Python
        slices do). A light page (a list, which shows no drift) leaves it to be read on
        access."""
        ids = [o.id for o in objs if o.id is not None]
        if not ids or light:
            return {}
        same = func.substr(Interview.transcript, Quote.span_start + 1,
                           Quote.span_end - Quote.span_start) == Quote.text
        rows = s.execute(select(Quote.id, same).join(Interview, Quote.interview_id
                                                     == Interview.id)
                         .where(Quote.id.in_(ids))
                         .execution_options(include_trashed=True))
        return {int(i): {"_matches": bool(ok)} for i, ok in rows}

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        before = None if creating else _source_words(obj)
        super()._apply(s, obj, fields, creating=creating)
        if before is not None and "published_accepted" not in fields and not all(
                same_wording(a, b) for a, b in zip(before, _source_words(obj), strict=True)):
            obj.published_accepted = ""  # the acceptance was of a change to other words

    def _validate(self, s: Session, obj: Any) -> None:
        if obj.interview is None:
            raise ValidationError("quote: interview is required")
        if obj.published_text and not obj.published_text.strip():
            raise ValidationError("quote: the published wording is empty (clear it instead)")
        length = len(obj.interview.transcript)
        if obj.span_start is None or obj.span_end is None:
            raise ValidationError("quote: span_start and span_end are required")
        if span_problem(obj.span_start, obj.span_end, length):
            raise ValidationError(
                f"quote: span {obj.span_start}-{obj.span_end} is outside the transcript "
                f"(length {length})"
            )
        if obj.id is None and not words_at_span(obj.interview.transcript, obj.span_start,
                                                obj.span_end, obj.text):
            raise ValidationError("quote: text does not match the transcript at its span")


def trimmed_span(transcript: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the whitespace at either end; refused when nothing else is in it
    (a quote of spaces quotes no one)."""
    words = transcript[start:end]
    if not words.strip():
        raise ValidationError("quote: the selection holds no words, only spaces or line breaks")
    start += len(words) - len(words.lstrip())
    end -= len(words) - len(words.rstrip())
    return start, end


def _source_words(quote: Any) -> tuple[str, str, str]:
    """The words a published wording is made from: transcript words, translation, original
    (typography and spacing aside: a curly apostrophe is no new wording)."""
    return quote.text or "", quote.translation or "", quote.original_text or ""


class ExcerptService(RecordService[Excerpt, ExcerptData]):
    """Passages cited from documents."""

    model = Excerpt
    link_fields = {"document": Document}

    def of_document(self, ref: Ref) -> list[ExcerptData]:
        """The live excerpts of one document, in the order they were added."""
        with self._store.read() as s:
            document = s.scalars(select(Document).where(Document.uuid == as_uuid(ref))).first()
            if document is None:
                raise RecordNotFoundError("document", as_uuid(ref))
            return self._many(s, list(s.scalars(
                select(Excerpt).where(Excerpt.document_id == document.id)
                .order_by(Excerpt.id))))

    def _validate(self, s: Session, obj: Any) -> None:
        if obj.document is None:
            raise ValidationError("excerpt: document is required")
