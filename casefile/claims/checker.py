"""The draft checker: what an editor would circle, in reading order.

- sentences with no claim anchor that contain figures or named sources;
- anchored claims that are weak (see support.py);
- quotations whose wording differs from the stored quote (or matches none);
- protected sources (background, deep background, off the record, confidential) whose name,
  any part of it or contact details appear in the text, however spelled (casefile/identity.py);
- requests for comment still pending.
Blocking findings stop an export to the editor; warnings are shown.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from casefile.claims.draft_text import OBJECT, DraftText
from casefile.claims.support import WEAKNESS_TEXT, SupportSummary
from casefile.identity import IdentityMatcher
from casefile.models import CommentRequest, GroundRules, Source

BLOCKING = {"protected_name", "quote_differs", "claim_missing", "claim_unsupported",
            "claim_off_record_only", "claim_refuted", "claim_contradicted"}
_END = re.compile(r"[.!?]+[”\"’)]*(?=\s+[\"“‘(\[A-ZА-ЯЁ0-9]|\s*$)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen",
                  "rep", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "no", "vs", "inc",
                  "co", "corp", "ltd", "u.s", "u.k", "e.g", "i.e"}
_QUOTED = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")
_FIGURE = re.compile(r"\d")


@dataclass(frozen=True)
class Finding:
    """One thing the checker found, where it is, and whether it blocks export."""

    position: int  # offset in the draft's visible text; -1 for findings about the whole draft
    kind: str
    message: str
    excerpt: str = ""

    @property
    def blocking(self) -> bool:
        """True when the draft should not go to the editor until this is resolved."""
        return self.kind in BLOCKING


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).strip(" ,.;:!?\"'").casefold()


def _coverage(part: str, whole: str) -> float:
    """How much of `part` appears, in order, in `whole` (0..1)."""
    if not part:
        return 0.0
    matcher = SequenceMatcher(None, whole, part, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(part)


def _name_patterns(source: Source) -> list[re.Pattern[str]]:
    names = {source.name.strip()}
    parts = source.name.split()
    if source.kind.value == "person" and len(parts) > 1 and len(parts[-1]) >= 3:
        names.add(parts[-1])
    return [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in names if n]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? (and closing quotes) before a capital,
    not after abbreviations such as "Mr." or initials; paragraphs always end one."""
    spans = []
    for para_start, para in _paragraph_spans(text):
        start = para_start
        for m in _END.finditer(para):
            word = re.search(r"([\w.]+)$", para[:m.start()])
            token = (word.group(1) if word else "").lower()
            if m.group(0).startswith(".") and (token in _ABBREVIATIONS or len(token) == 1):
                continue
            end = para_start + m.end()
            spans.append((start, end))
            start = end
        if text[start:para_start + len(para)].strip():
            spans.append((start, para_start + len(para)))
    return spans


def _paragraph_spans(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append((pos, part))
        pos += len(part) + 2
    return out


def check_draft(
    draft: DraftText,
    summaries: dict[uuid.UUID, tuple[str, SupportSummary]],
    stored_quotes: Iterable[str],
    sources: Iterable[Source],
    requests: Iterable[CommentRequest],
    reply_sentences: Iterable[str] = (),
) -> list[Finding]:
    """Every finding for a draft body, in reading order (whole-draft findings last).

    `summaries` maps claim UUID -> (statement, support summary) for the claims that exist;
    `stored_quotes` holds every stored quote's words (and translations); `sources` are all
    live sources (for named-source and protected-name checks); `reply_sentences` are the
    right-of-reply sentences of the case's requests for comment, which need no anchor.
    `requests` are the ones still pending."""
    text = draft.text
    findings: list[Finding] = []
    stored = [(q, _norm(q)) for q in stored_quotes if q.strip()]
    replies = {_norm(r) for r in reply_sentences}

    def matches_stored(quoted: str) -> bool:
        said = _norm(quoted)
        return bool(said) and any(said in s for _q, s in stored)

    sources = list(sources)
    named = [p for s in sources if s.ground_rules is GroundRules.ON_RECORD
             for p in _name_patterns(s)]
    matcher = IdentityMatcher.for_sources(sources)
    rules_of = {s.uuid: s for s in sources}

    for raw_start, end in sentences(text):
        sentence = text[raw_start:end]
        start = raw_start + (len(sentence) - len(sentence.lstrip()))
        body = sentence.strip().replace(OBJECT, "")
        if not body:
            continue
        anchored = any(a.start < end and a.end > start for a in draft.anchors)
        if anchored or _norm(body) in replies:
            continue
        # Quotations are checked against the stored quotes below, so they are not a reason
        # here; a sentence carrying a stored quote is sourced by it, and a name beside the
        # quote is its attribution ("…,” Mr. Petrov said).
        quotations = [q.group(1) or q.group(2) for q in _QUOTED.finditer(body)]
        sourced = any(matches_stored(q) for q in quotations)
        outside = _QUOTED.sub("", body)
        reasons = []
        if _FIGURE.search(outside):
            reasons.append("figures")
        if not sourced and any(p.search(outside) for p in named):
            reasons.append("a named source")
        if reasons:
            findings.append(Finding(start, "unattributed",
                                    f"no claim anchor on a sentence with {' and '.join(reasons)}",
                                    body[:120]))

    for a in draft.anchors:
        words = draft.anchor_text(a)
        if a.claim not in summaries:
            findings.append(Finding(a.start, "claim_missing",
                                    "anchored to a claim that no longer exists (or is in the "
                                    "trash)", words))
            continue
        statement, summary = summaries[a.claim]
        for weakness in summary.weaknesses:
            kind = "claim_single_source" if weakness == "single_source" else f"claim_{weakness}"
            findings.append(Finding(a.start, kind,
                                    f"weak claim “{statement}”: {WEAKNESS_TEXT[weakness]}",
                                    words))

    for m in _QUOTED.finditer(text):
        quoted = m.group(1) or m.group(2)
        said = _norm(quoted)
        if not said or matches_stored(quoted):
            continue
        best = max(stored, key=lambda qs: _coverage(said, qs[1]), default=None)
        if best is not None and _coverage(said, best[1]) >= 0.6:
            findings.append(Finding(m.start(), "quote_differs",
                                    f"quotation differs from the stored quote “{best[0]}”",
                                    quoted))
        else:
            findings.append(Finding(m.start(), "quote_unmatched",
                                    "quotation matches no stored quote", quoted))

    for hit in matcher.find(text):
        source = rules_of[hit.identity.source]
        findings.append(Finding(hit.start, "protected_name",
                                f"“{' '.join(hit.words.split())}” is {hit.why}, who may not "
                                f"be named; use "
                                f"“{source.attribution_phrase or 'an attribution phrase'}”",
                                hit.words))

    findings.sort(key=lambda f: f.position)
    for request in requests:
        deadline = f" (deadline {request.deadline:%Y-%m-%d})" if request.deadline else ""
        findings.append(Finding(-1, "request_pending",
                                f"request for comment to {request.source.name} is still "
                                f"pending{deadline}", request.subject))
    return findings
