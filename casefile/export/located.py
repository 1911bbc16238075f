"""Protected identities found in the records a Word export prints, named by record and field.

The package scan (protect.py) is the last line: it sees every byte of the file but can only
say "a footnote". Before that, every text the export takes from the case — the draft's own
fields and body, captions and credits, claim statements and attributions, evidence lines,
requests for comment — is scanned where it came from, so a refusal can say "the caption of
photo border-07.jpg" and the app can open that record at those words.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from casefile.claims.draft_text import DraftText
from casefile.export.protect import Found, found_in
from casefile.identity import IdentityMatcher
from casefile.models import CommentRequest, Draft, Photo


@dataclass(frozen=True)
class Place:
    """A text of one record, as the reporter knows it."""

    kind: str  # the record's kind: "draft", "photo", "claim", "comment_request", or the
    # evidence's own ("quote", "excerpt", "document"…)
    record: uuid.UUID
    field: str  # "body", "caption", "statement", "evidence"…
    label: str  # "the caption of photo “border-07.jpg”"


def draft_texts(draft: Draft, claims: Iterable[Any], photos: Iterable[Photo],
                requests: Iterable[CommentRequest], lines: dict[uuid.UUID, str],
                credits: dict[uuid.UUID, str], *, editor: bool, published: str = "",
                tagline: str = "") -> Iterator[tuple[Place, str]]:
    """Every text the export prints, with where it came from. `claims` are the export's
    claim infos (`.claim`, `.links`, `.attribution`); `lines` the evidence lines it printed
    (footnotes, comments, tables) by link UUID; `credits` the photo credits by photo UUID;
    `editor`: the editor profile, whose comments and tables print each claim's statement,
    attribution and note and the requests for comment; `published` and `tagline` the
    publication date and author tagline as printed (a generated tagline is made from the
    byline's team members, so it is scanned as printed, not as stored)."""
    d = draft.uuid
    for field, label in (("headline", "the headline"), ("dek", "the dek"),
                         ("dateline_place", "the dateline"),
                         ("dateline_country", "the dateline"),
                         ("contributor_line", "the contributor line")):
        yield Place("draft", d, field, label), getattr(draft, field) or ""
    yield Place("draft", d, "published_on", "the publication date"), published
    own = bool((getattr(draft, "author_tagline", "") or "").strip())
    yield (Place("draft", d, "author_tagline",
                 "the author tagline" if own else "the author tagline (made from the byline)"),
           tagline)
    yield Place("draft", d, "body", "the draft text"), DraftText.parse(draft.body).text
    for info in claims:
        c = info.claim
        label = f"claim “{_short(c.statement)}”"
        if editor:
            yield Place("claim", c.uuid, "statement", f"the statement of {label}"), c.statement
            yield (Place("claim", c.uuid, "attribution", f"the attribution of {label}"),
                   info.attribution.text or "")
            yield Place("claim", c.uuid, "notes", f"the reporter's note on {label}"), c.notes
        for link in info.links:
            target = link.target
            published = getattr(target, "published_text", "") if editor else ""
            if published:  # the editor's comment prints a quote's edited wording
                yield (Place("quote", target.uuid, "published_text",
                             f"the published wording of a quote on {label}"), published)
            if link.uuid not in lines:
                continue
            yield (Place(getattr(target, "KIND", "claim"), getattr(target, "uuid", c.uuid),
                         "evidence", f"the evidence of {label} (a footnote)"),
                   lines.get(link.uuid, ""))
    for p in photos:
        name = p.file_name or "a photo"
        yield Place("photo", p.uuid, "caption", f"the caption of photo “{name}”"), p.caption
        yield (Place("photo", p.uuid, "credit", f"the credit of photo “{name}”"),
               credits.get(p.uuid, ""))
    for r in requests if editor else ():
        label = f"the request for comment “{_short(r.subject)}”"
        yield Place("comment_request", r.uuid, "subject", label), r.subject
        yield (Place("comment_request", r.uuid, "answer_text", f"the answer to {label}"),
               r.answer_text)


def scan_records(matcher: IdentityMatcher, texts: Iterable[tuple[Place, str]]) -> list[Found]:
    """Every protected identity in `texts`, with its record and its offset in the field."""
    out: list[Found] = []
    if not matcher:
        return out
    for place, text in texts:
        out += found_in(matcher.find(text or ""), place.label, text or "", kind=place.kind,
                        record=place.record, field=place.field)
    return out


def _short(text: str, limit: int = 50) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
