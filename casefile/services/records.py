"""Services for each kind of record, with the rules special to that kind."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.claims.quote_wording import (
    WordingDifference,
    is_accepted,
    same_wording,
    wording_difference,
)
from casefile.errors import RecordNotFoundError, ValidationError
from casefile.models import (
    Attachment,
    Claim,
    CommentRequest,
    Document,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    Source,
    TeamMember,
    interview_interviewees,
    photo_depicted,
)
from casefile.services.base import RecordService, Ref, as_uuid, check_text
from casefile.services.blobs import BlobStore, guess_media_type


class TeamService(RecordService[TeamMember]):
    """Reporters, contributors, fixers, translators and photographers."""

    model = TeamMember
    default_order = "name"

    def validate(self, s: Session, obj: Any) -> None:
        if not obj.name or not obj.name.strip():
            raise ValidationError("team member: name is required")
        if obj.byline_position is not None and obj.byline_position < 1:
            raise ValidationError("team member: a byline position counts from 1")

    def byline(self) -> list[TeamMember]:
        """The case's byline, in order."""
        with self._store.read() as s:
            stmt = (
                select(TeamMember)
                .where(TeamMember.byline_position.is_not(None))
                .order_by(TeamMember.byline_position)
            )
            return list(s.scalars(stmt))


class SourceService(RecordService[Source]):
    """People, organisations and official bodies, with their ground rules."""

    model = Source
    default_order = "name"

    def related(self, ref: Ref) -> list[tuple[str, Any, str]]:
        """This source's interviews, quotes, photos, documents, claims and requests for
        comment, as (kind, uuid, label)."""
        with self._store.read() as s:
            return _related_to_source(s, self._load(s, ref))

    def validate(self, s: Session, obj: Any) -> None:
        if not obj.name or not obj.name.strip():
            raise ValidationError("source: name is required")
        if obj.ground_rules.needs_phrase and not obj.attribution_phrase.strip():
            raise ValidationError(
                f"source {obj.name!r}: ground rules '{obj.ground_rules.value}' need a pseudonym "
                "or attribution phrase (how the story may refer to them)"
            )


def _related_to_source(s: Session, source: Source) -> list[tuple[str, Any, str]]:
    """(kind, uuid, label) of every live record that involves a source, by kind."""
    sid = source.id
    out: list[tuple[str, Any, str]] = []
    interviews = list(s.scalars(select(Interview).where(Interview.id.in_(
        select(interview_interviewees.c.interview_id)
        .where(interview_interviewees.c.source_id == sid))).order_by(Interview.held_at)))
    quotes = list(s.scalars(select(Quote).where(Quote.speaker_id == sid).order_by(Quote.id)))
    photos = list(s.scalars(select(Photo).where(
        (Photo.credit_source_id == sid) | Photo.id.in_(
            select(photo_depicted.c.photo_id).where(photo_depicted.c.source_id == sid)))))
    documents = list(s.scalars(select(Document).where(Document.publisher_source_id == sid)))
    evidence = select(EvidenceLink.claim_id).where(
        EvidenceLink.quote_id.in_([q.id for q in quotes])
        | EvidenceLink.interview_id.in_([i.id for i in interviews])
        | EvidenceLink.document_id.in_([d.id for d in documents])
        | EvidenceLink.excerpt_id.in_(select(Excerpt.id).where(
            Excerpt.document_id.in_([d.id for d in documents]))))
    claims = list(s.scalars(select(Claim).where(Claim.id.in_(evidence)).order_by(Claim.id)))
    requests = list(s.scalars(select(CommentRequest).where(CommentRequest.source_id == sid)))
    for records in (interviews, quotes, photos, documents, claims, requests):
        out += [(r.KIND, r.uuid, r.label) for r in records]
    return out


class InterviewService(RecordService[Interview]):
    """Interviews and their transcripts."""

    model = Interview
    default_order = "held_at"
    link_fields = {"interviewees": Source, "interviewers": TeamMember}
    page_loads = ("interviewees",)
    long_fields = ("transcript",)

    def attach(self, interview: Ref, data: bytes, file_name: str,
               description: str = "") -> Attachment:
        """Keep a file with an interview (audio, scanned notes); stored once per content."""
        check_text("attachment: file name", file_name)
        check_text("attachment: description", description)
        if not file_name.strip():
            raise ValidationError("attachment: a file name is required")
        with self._store.write() as s:
            iv = self._load(s, interview)
            blob = BlobStore(self._store)._put(s, data, guess_media_type(file_name))
            att = Attachment(interview=iv, blob=blob, file_name=file_name,
                             description=description)
            s.add(att)
            s.flush()
            return att

    def drifted_quotes(self, ref: Ref) -> list[Quote]:
        """Quotes whose span no longer holds their words after a transcript edit."""
        with self._store.read() as s:
            interview = self._load(s, ref)
            return [q for q in interview.quotes if not q.matches_transcript]


class QuoteService(RecordService[Quote]):
    """Exact words marked in a transcript, and the wording the story prints them in.

    A published wording ("we're" for "we are", a translation) is accepted once by the
    reporter; the acceptance holds while the published wording is the one accepted and the
    words it was made from stay the same: changing the quote's words, its translation or
    its original clears it (the wording difference the reporter accepted may be against
    the translation)."""

    model = Quote
    default_order = "span_start"
    link_fields = {"interview": Interview, "speaker": Source}

    def mark(self, interview: Ref, start: int, end: int, **fields: Any) -> Quote:
        """Make a quote from the transcript span [start, end) (the text is taken from it)."""
        with self._store.write() as s:
            iv = InterviewService(self._store)._load(s, interview)
            if not 0 <= start < end <= len(iv.transcript):
                raise ValidationError(
                    f"quote span {start}-{end} is outside the transcript "
                    f"(length {len(iv.transcript)})"
                )
            obj = Quote(interview=iv, text=iv.transcript[start:end], span_start=start,
                        span_end=end)
            self._apply(s, obj, fields, creating=True)
            s.add(obj)
            s.flush()
            return obj

    def suggest_span(self, ref: Ref) -> tuple[int, int] | None:
        """Where a drifted quote's exact words now stand, if they occur exactly once."""
        with self._store.read() as s:
            quote = self._load(s, ref)
            transcript = quote.interview.transcript
            first = transcript.find(quote.text)
            if first < 0 or transcript.find(quote.text, first + 1) >= 0:
                return None
            return first, first + len(quote.text)

    def reanchor(self, ref: Ref) -> Quote:
        """Move a drifted quote to where its exact words now are (an explicit user action);
        refused when the words are gone or occur more than once."""
        span = self.suggest_span(ref)
        if span is None:
            raise ValidationError("the quote's exact words are no longer in the transcript "
                                  "exactly once; fix the quote or the transcript by hand")
        with self._store.write() as s:
            quote = self._load(s, ref)
            quote.span_start, quote.span_end = span
            return quote

    def remark(self, ref: Ref, start: int, end: int) -> Quote:
        """Mark the quote's words anew at [start, end) of its transcript (its words are taken
        from there; an accepted published wording lapses when they change)."""
        with self._store.write() as s:
            quote = self._load(s, ref)
            transcript = quote.interview.transcript
            if not 0 <= start < end <= len(transcript):
                raise ValidationError(f"quote span {start}-{end} is outside the transcript "
                                      f"(length {len(transcript)})")
            self._apply(s, quote, {"text": transcript[start:end], "span_start": start,
                                  "span_end": end}, creating=False)
            s.flush()
            return quote

    def set_published(self, ref: Ref, wording: str) -> Quote:
        """Set the wording the story prints the quote in ("" clears it: print the transcript
        words). It needs accepting before the checker takes it."""
        if not isinstance(wording, str):
            raise ValidationError("quote: the published wording must be text")
        if wording and not wording.strip():
            raise ValidationError("quote: the published wording is empty (clear it instead)")
        return self.update(ref, published_text=wording.strip())

    def accept_published(self, ref: Ref) -> Quote:
        """The reporter accepts the published wording as it is now."""
        with self._store.write() as s:
            quote = self._load(s, ref)
            if not quote.published_text.strip():
                raise ValidationError("quote: there is no published wording to accept")
            quote.published_accepted = quote.published_text
            s.flush()
            return quote

    def published_accepted(self, ref: Ref) -> bool:
        """True while the quote's published wording is the one the reporter accepted."""
        quote = self.get(ref)
        return is_accepted(quote.published_text, quote.published_accepted)

    def wording_difference(self, ref: Ref) -> WordingDifference:
        """What the published wording changes from the quote's words, word by word."""
        return wording_difference(self.get(ref))

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        before = None if creating else _source_words(obj)
        super()._apply(s, obj, fields, creating=creating)
        if before is not None and "published_accepted" not in fields and not all(
                same_wording(a, b) for a, b in zip(before, _source_words(obj), strict=True)):
            obj.published_accepted = ""  # the acceptance was of a change to other words

    def validate(self, s: Session, obj: Any) -> None:
        if obj.interview is None:
            raise ValidationError("quote: interview is required")
        if obj.published_text and not obj.published_text.strip():
            raise ValidationError("quote: the published wording is empty (clear it instead)")
        length = len(obj.interview.transcript)
        if obj.span_start is None or obj.span_end is None:
            raise ValidationError("quote: span_start and span_end are required")
        if not 0 <= obj.span_start < obj.span_end <= length:
            raise ValidationError(
                f"quote: span {obj.span_start}-{obj.span_end} is outside the transcript "
                f"(length {length})"
            )
        if obj.id is None and not obj.matches_transcript:
            raise ValidationError("quote: text does not match the transcript at its span")


def _source_words(quote: Any) -> tuple[str, str, str]:
    """The words a published wording is made from: transcript words, translation, original
    (typography and spacing aside: a curly apostrophe is no new wording)."""
    return quote.text or "", quote.translation or "", quote.original_text or ""


class ExcerptService(RecordService[Excerpt]):
    """Passages cited from documents."""

    model = Excerpt
    link_fields = {"document": Document}

    def of_document(self, ref: Ref) -> list[Excerpt]:
        """The live excerpts of one document, in the order they were added."""
        with self._store.read() as s:
            document = s.scalars(select(Document).where(Document.uuid == as_uuid(ref))).first()
            if document is None:
                raise RecordNotFoundError("document", as_uuid(ref))
            return list(s.scalars(select(Excerpt).where(Excerpt.document_id == document.id)
                                  .order_by(Excerpt.id)))

    def validate(self, s: Session, obj: Any) -> None:
        if obj.document is None:
            raise ValidationError("excerpt: document is required")
