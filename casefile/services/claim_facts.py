"""The facts of many claims' evidence from plain rows, for lists of claims.

A list summarises hundreds of claims at a time (the app's claims list, `casefile claims`).
Loading their evidence as ORM objects built about nine objects a claim — links, quotes,
interviews, excerpts, documents, photos, sources — and that, not SQL, was the cost of a
list. Here a batch's evidence is one query of plain rows holding only what the rules read,
its interviewees one more, and the sources behind it one more (only those no earlier batch
of the same walk met). The rules are not repeated: these rows become the same
`EvidenceFacts` that `evidence_facts` makes from objects, and `summarize_facts` /
`attribute_facts` run on them (tests/test_claims_at_scale.py holds the two paths equal).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import String, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session

from casefile.claims.support import CitedDocument, EvidenceFacts, document_source, photo_credit
from casefile.models import (
    Document,
    DocumentKind,
    EvidenceLink,
    Excerpt,
    GroundRules,
    Interview,
    Photo,
    Quote,
    Relation,
    Source,
    TeamMember,
    interview_interviewees,
)

# Sources by id, across the batches of one walk; None: not live (in the trash, as the ORM
# path sees it: a trashed source is not loaded).
SourceCache = dict[int, Source | None]

def _text(column: Any) -> Any:
    """The stored text of a column (a UUID, an enum's value): converting ~200,000 of them a
    list to objects was a fifth of its time, and the rules only print them or look them up."""
    return type_coerce(column, String)


def _statement() -> Any:
    """One row per live evidence link of the claims in `:claims`, with what the rules read of
    its target: plain Core, no ORM result processing."""
    tables = (EvidenceLink.__table__, Quote.__table__,
              Interview.__table__.alias("quote_interview"), Interview.__table__,
              Photo.__table__, TeamMember.__table__, Excerpt.__table__, Document.__table__)
    t_link, t_quote, t_qi, t_iv, t_photo, t_member, t_excerpt, t_doc = tables
    link, quote, qi, iv = t_link.c, t_quote.c, t_qi.c, t_iv.c
    photo, member, excerpt, doc = t_photo.c, t_member.c, t_excerpt.c, t_doc.c
    named = {
        "claim": link.claim_id, "link": _text(link.uuid), "relation": _text(link.relation),
        "quote": _text(quote.uuid), "quote_trash": quote.trash_id, "quote_text": quote.text,
        "quote_rules": _text(quote.ground_rules), "speaker": quote.speaker_id,
        "qi_id": qi.id, "qi": _text(qi.uuid), "qi_rules": _text(qi.ground_rules),
        "iv_id": iv.id, "iv": _text(iv.uuid), "iv_trash": iv.trash_id, "iv_title": iv.title,
        "iv_rules": _text(iv.ground_rules),
        "photo": _text(photo.uuid), "photo_trash": photo.trash_id, "caption": photo.caption,
        "credit_source": photo.credit_source_id, "member": _text(member.uuid),
        "member_trash": member.trash_id, "member_name": member.name,
        "excerpt": _text(excerpt.uuid), "excerpt_trash": excerpt.trash_id,
        "excerpt_text": excerpt.text,
        "doc": _text(doc.uuid), "doc_trash": doc.trash_id, "doc_kind": _text(doc.kind),
        "doc_title": doc.title, "publisher": doc.publisher, "container": doc.container_title,
        "publisher_source": doc.publisher_source_id,
    }
    joined = (t_link.outerjoin(t_quote, quote.id == link.quote_id)
              .outerjoin(t_qi, qi.id == quote.interview_id)
              .outerjoin(t_iv, iv.id == link.interview_id)
              .outerjoin(t_photo, photo.id == link.photo_id)
              .outerjoin(t_member, member.id == photo.credit_member_id)
              .outerjoin(t_excerpt, excerpt.id == link.excerpt_id)
              # the document cited: the link's own, or the excerpt's
              .outerjoin(t_doc, doc.id == func.coalesce(link.document_id, excerpt.document_id)))
    return (select(*(column.label(name) for name, column in named.items()))
            .select_from(joined)
            .where(link.claim_id.in_(bindparam("claims", expanding=True)),
                   link.trash_id.is_(None))
            .order_by(link.id))


_EVIDENCE = _statement()
_RELATION = {m.value: m for m in Relation}
_RULES = {m.value: m for m in GroundRules}
_KIND = {m.value: m for m in DocumentKind}


def _label(kind: str, value: str | None, ident: str) -> str:
    """`Record.label` from a row: 'quote "…"' (db/base.py)."""
    text = " ".join(str(value or ident).split())
    if len(text) > 60:
        text = text[:57] + "…"
    return f'{kind} "{text}"'


def _load_sources(s: Session, wanted: Iterable[int], cache: SourceCache) -> None:
    missing = {i for i in wanted if i not in cache}
    if not missing:
        return
    found = {src.id: src for src in s.scalars(select(Source).where(Source.id.in_(missing)))}
    for i in missing:
        cache[i] = found.get(i)  # the session leaves trashed sources out


def batch_facts(s: Session, claim_ids: Sequence[int], cache: SourceCache | None = None
                ) -> dict[int, list[EvidenceFacts]]:
    """The facts of each claim's live evidence, in link order: what `evidence_facts` says of
    each of `_live_links`, in three queries for the whole batch."""
    cache = {} if cache is None else cache
    out: dict[int, list[EvidenceFacts]] = {i: [] for i in claim_ids}
    if not claim_ids:
        return out
    conn = s.connection()
    rows = conn.execute(_EVIDENCE, {"claims": list(claim_ids)}).all()
    interviews = {r.qi_id for r in rows if r.quote is not None} | {
        r.iv_id for r in rows if r.iv is not None}
    interviewees: dict[int, list[int]] = {}
    if interviews:
        pairs = interview_interviewees.c
        for iv, src in conn.execute(select(pairs.interview_id, pairs.source_id)
                                    .where(pairs.interview_id.in_(interviews))
                                    .order_by(pairs.interview_id, pairs.source_id)):
            interviewees.setdefault(iv, []).append(src)
    wanted = {i for r in rows for i in (r.speaker, r.credit_source, r.publisher_source)}
    wanted |= {i for ids in interviewees.values() for i in ids}
    _load_sources(s, wanted - {None}, cache)
    for r in rows:
        facts = _facts(r, interviewees, cache)
        if facts is not None:
            out[r.claim].append(facts)
    return out


def _people(interview: int, ident: str, interviewees: dict[int, list[int]],
            cache: SourceCache) -> tuple[tuple[str, ...], tuple[Source, ...]]:
    """`_interview_sources`: the live interviewees (by id), else the interview itself."""
    people = tuple(src for i in interviewees.get(interview, ()) if (src := cache.get(i)))
    if people:
        return tuple(f"source:{p.uuid}" for p in people), people
    return (f"interview:{ident}",), ()


def _facts(r: Any, interviewees: dict[int, list[int]], cache: SourceCache
           ) -> EvidenceFacts | None:
    """One row's facts, as `evidence_facts`; None when its target is in the trash."""
    (_claim, link, relation, quote, quote_trash, quote_text, quote_rules, speaker,
     qi_id, qi, qi_rules, iv_id, iv, iv_trash, iv_title, iv_rules,
     photo, photo_trash, caption, credit_source, member, member_trash, member_name,
     excerpt, excerpt_trash, excerpt_text, doc, doc_trash, doc_kind,
     doc_title, publisher, container, publisher_source) = r  # the order of `_statement`
    keys: tuple[str, ...]
    sources: tuple[Source, ...] = ()
    link_id, how = uuid.UUID(link), _RELATION[relation]
    if quote is not None:
        if quote_trash is not None:
            return None
        said_by = cache.get(speaker) if speaker is not None else None
        if said_by is not None:
            keys, sources = (f"source:{said_by.uuid}",), (said_by,)
        else:
            keys, sources = _people(qi_id, qi, interviewees, cache)
        rules = _RULES[quote_rules or qi_rules]  # `quote_rules`
        return EvidenceFacts(link_id, how, "quote", keys, sources, rules,
                             _label("quote", quote_text, quote), record=uuid.UUID(qi))
    if iv is not None:
        if iv_trash is not None:
            return None
        keys, sources = _people(iv_id, iv, interviewees, cache)
        return EvidenceFacts(link_id, how, "interview", keys, sources, _RULES[iv_rules],
                             _label("interview", iv_title, iv), record=uuid.UUID(iv))
    if photo is not None:
        if photo_trash is not None:
            return None
        credit = cache.get(credit_source) if credit_source is not None else None
        staff = member_name if member is not None and member_trash is None else None
        if credit is not None:
            keys, sources = (f"source:{credit.uuid}",), (credit,)
        elif staff is not None:
            keys = (f"team:{member}",)
        else:
            keys = (f"photo:{photo}",)
        return EvidenceFacts(link_id, how, "photo", keys, sources, None,
                             _label("photo", caption, photo),
                             credit=photo_credit(credit, staff))
    if excerpt is not None:  # cited as its document
        if excerpt_trash is not None:
            return None
        kind, label = "excerpt", _label("excerpt", excerpt_text, excerpt)
    else:
        if doc_trash is not None:
            return None
        kind, label = "document", _label("document", doc_title, doc)
    by = cache.get(publisher_source) if publisher_source is not None else None
    cited = CitedDocument(uuid.UUID(doc), _KIND[doc_kind], doc_title, publisher, container, by)
    keys, sources = document_source(cited)
    return EvidenceFacts(link_id, how, kind, keys, sources, None, label, cited, cited.uuid)
