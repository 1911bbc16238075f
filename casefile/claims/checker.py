"""The draft checker: what an editor would circle, in reading order.

- sentences with no claim anchor that contain figures or named sources;
- anchored claims that are weak (see support.py);
- quotations whose wording differs from the stored quote (or matches none), between the
  quote marks of any script (segments.py: «…», „…“, 「…」, …; the outer of nested ones): a
  quotation may give a quote's transcript words, its translation, its original, or its
  published wording once the reporter accepted it (quote_wording.py); quote marks, and the
  spaces French sets inside them, never count as a difference;
- no-response sentences naming only request targets are right of reply (reply.py) when
  the targets' requests bear them out ("did not respond" needs a request pending or marked
  no response, "declined to comment" a declined one); one naming a party the case sent no
  request to is flagged, one naming nobody ("The company declined to comment") is not; one
  saying anything more (a clause beside it, a relative clause or an appositive on a
  target) is checked like any other sentence;
- protected sources (background, deep background, off the record, confidential) whose name,
  any part of it or contact details appear in the text, however spelled (casefile/identity.py);
- requests for comment still pending.
Sentences are the draft language's (segments.py, sentencex), so a sentence is found in
Korean and Japanese as in English.
Blocking findings stop an export to the editor; warnings are shown.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from casefile.claims.draft_text import OBJECT, DraftText
from casefile.claims.quote_wording import fold_quotes, is_accepted
from casefile.claims.reply import (
    BORNE_OUT,
    NameIndex,
    ReplyTarget,
    mentions_only_targets,
    read_subject,
    reply_clauses,
    target_label,
)
from casefile.claims.segments import Quotation, quotation_parts, quotations
from casefile.claims.segments import sentences as sentences  # where callers found it
from casefile.claims.support import SupportSummary
from casefile.identity import IdentityMatcher
from casefile.models import CommentRequest, GroundRules, RequestStatus, Source

BLOCKING = {"protected_name", "quote_differs", "claim_missing", "claim_unsupported",
            "claim_off_record_only", "claim_refuted", "claim_contradicted"}
_FIGURE = re.compile(r"\d")
# What a wording's ends may carry that is not its words: spaces, punctuation (Latin and CJK),
# quote marks (folded straight).
_ENDS = " ,.;:!?\"'…。、，．！？：；"
_SPACED_MARK = re.compile(r" ?' ?")  # after " ".join(split()): one space at most


class QuoteRow(NamedTuple):
    """A stored quote's words as the checker reads them: a row of five columns, not an ORM
    object (a long case has 20,000 quotes)."""

    text: str
    translation: str = ""
    original_text: str = ""
    published_text: str = ""
    published_accepted: str = ""


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
    """The words as compared: quote marks of any kind one mark, with no space beside it
    (« non » and “non” are the same word quoted), spacing and case aside."""
    text = " ".join(fold_quotes(text).split())
    if '"' in text:
        text = text.replace('"', "'")
    if " '" in text or "' " in text:
        text = _SPACED_MARK.sub("'", text)
    return text.strip(_ENDS).casefold()


def _coverage(part: str, whole: str) -> float:
    """How much of `part` appears, in order, in `whole` (0..1)."""
    if not part:
        return 0.0
    matcher = SequenceMatcher(None, whole, part, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(part)


_CLOSE_ENOUGH = 0.6  # of a quotation's characters, in order, for it to be an edit of a quote


_CLOSEST: OrderedDict[tuple[int, int, str], int] = OrderedDict()  # recent answers
_CLOSEST_LOCK = threading.Lock()  # checks run on worker threads


def _closest(said: str, candidates: Sequence[tuple[str, str]], fingerprint: int
             ) -> tuple[str, str] | None:
    """The (shown, normalized) wording `said` covers most of (the first of equals), when
    that is at least _CLOSE_ENOUGH; else None. Exact, but cheap on a long case (20,000
    quotes): no candidate's coverage can exceed the characters it shares with `said`
    (counted, not in order), so candidates are tried in that bound's order and the search
    stops where the bound falls below the best coverage found. The checker runs at every
    pause in typing: an answer is kept while the candidates' words (`fingerprint`, a hash
    of them in order) stay the same, so only a quotation just typed is searched again."""
    if not said or not candidates:
        return None
    key = (fingerprint, len(candidates), said)
    with _CLOSEST_LOCK:
        known = _CLOSEST.get(key)
        if known is not None:
            _CLOSEST.move_to_end(key)
    if known is not None:
        return candidates[known] if known >= 0 else None
    chars = list(set(said))
    wanted = [said.count(ch) for ch in chars]
    enough = _CLOSE_ENOUGH * len(said)
    bounds = []
    for i, (_shown, words) in enumerate(candidates):
        # sum(min(in said, in words)) over said's characters, every step in C
        shared = sum(map(min, wanted, map(words.count, chars)))
        if shared >= enough:
            bounds.append((-shared, i))
    bounds.sort()
    best, best_cover = -1, -1.0
    for neg_shared, i in bounds:
        if -neg_shared / len(said) < best_cover:
            break
        cover = _coverage(said, candidates[i][1])
        if cover > best_cover or (cover == best_cover and i < best):  # the first of equals
            best, best_cover = i, cover
    if best_cover < _CLOSE_ENOUGH:
        best = -1
    with _CLOSEST_LOCK:
        _CLOSEST[key] = best
        if len(_CLOSEST) > 4096:
            _CLOSEST.popitem(last=False)
    return candidates[best] if best >= 0 else None


# Words naming a thing whose name follows in quote marks (ООО «Ромашка», газета «Ведомости»,
# the newspaper “Kommersant”): such a span matching no stored quote is not someone's words.
# Kept small: a short real quotation must still be warned about, so a span is never taken
# for a name by its shape. Russian cues stand for their inflected forms (газете, компании).
_NAME_WORDS = frozenset({
    "ооо", "ао", "пао", "зао", "оао", "нко", "ип",
    "newspaper", "magazine", "film", "movie", "book", "company", "operation", "programme",
    "zeitung", "magazin", "buch", "firma", "unternehmen", "sendung",  # and Film, Operation
    "journal", "quotidien", "livre", "société", "entreprise", "opération", "émission",
})
_NAME_STEMS = ("газет", "журнал", "издани", "телеканал", "радио", "компани", "банк", "фонд",
               "парти", "движени", "фильм", "книг", "программ", "проект", "операци", "завод")
_NAME_SUFFIXES = ("会社", "新聞", "雑誌", "映画", "番組", "作戦", "公司", "报", "杂志", "电影",
                  "节目", "行动", "신문", "잡지", "영화", "회사", "작전")
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*$")


def _names_a_thing(text: str, start: int) -> bool:
    """Whether the quote marks at `start` hold a title or a name rather than someone's
    words: Chinese and Japanese title marks 《…》 〈…〉, or a name word right before them."""
    if text[start] in "《〈":
        return True
    before = text[max(0, start - 40):start].rstrip()
    if before.endswith(_NAME_SUFFIXES):
        return True
    word = _LAST_WORD.search(before)
    if word is None or not before.endswith(word.group(1)):
        return False
    folded = word.group(1).casefold()
    return folded in _NAME_WORDS or any(folded.startswith(stem) and len(folded) <= len(stem) + 3
                                        for stem in _NAME_STEMS)


def _names_of(source: Source) -> set[str]:
    """A source's name and, for a person, their surname: what names them in a sentence."""
    names = {source.name.strip()}
    parts = source.name.split()
    if source.kind.value == "person" and len(parts) > 1 and len(parts[-1]) >= 3:
        names.add(parts[-1])
    return {n for n in names if n}


class NamedSources:
    """Whether a text names any of many sources, as whole words, in one pass over the text
    (an Aho–Corasick automaton of the case-folded names; a long case has 7,000 names, and a
    pattern each searched every sentence was most of a draft check)."""

    def __init__(self, names: Iterable[str]) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for name in {n.casefold() for n in names}:
            self._automaton.add_word(name, len(name))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def search(self, text: str) -> bool:
        """True when a name stands in `text` as whole words (no word character either
        side), case-insensitively."""
        if self._empty:
            return False
        folded = text.casefold()  # positions below are the folded text's own
        for end, length in self._automaton.iter(folded):
            start = end - length + 1
            before = folded[start - 1] if start > 0 else " "
            after = folded[end + 1] if end + 1 < len(folded) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum()
                                                                 or after == "_"):
                return True
        return False


@lru_cache(maxsize=2)
def _named_sources(names: frozenset[str]) -> NamedSources:
    return NamedSources(names)


def _outside(text: str, start: int, end: int, inside: Sequence[Quotation]) -> str:
    """A sentence's words outside its quotations (their marks too)."""
    parts, pos = [], start
    for q in inside:
        parts.append(text[pos:max(pos, q.start)])
        pos = max(pos, min(q.end, end))
    parts.append(text[pos:end])
    return "".join(parts)


def _variants(stored_quotes: Iterable[str | Sequence[str]]
              ) -> tuple[list[tuple[str, str]], list[tuple[str, str, bool]]]:
    """(shown, normalized) of every wording a quotation may give, and (published wording,
    normalized, was it accepted before) of published wordings not accepted now."""
    ok: list[tuple[str, str]] = []
    pending: list[tuple[str, str, bool]] = []
    for row in stored_quotes:
        text, translation, original, published, accepted = \
            (row, "", "", "", "") if isinstance(row, str) else row
        for words in (text, translation, original):
            if words and words.strip():
                ok.append((words, _norm(words)))
        if not published or not published.strip():
            continue
        if is_accepted(published, accepted):
            ok.append((published, _norm(published)))
        else:
            pending.append((published, _norm(published), bool(accepted)))
    return ok, pending


_RECORDED = {
    RequestStatus.ANSWERED: "answered its request for comment",
    RequestStatus.DECLINED: "declined to comment",
    RequestStatus.NO_RESPONSE: "did not respond to its request for comment",
    RequestStatus.PENDING: "has a request for comment still pending",
}


def _reply_findings(start: int, body: str, subject: str, saying: str,
                    targets: dict[str, list[ReplyTarget]], index: NameIndex
                    ) -> list[Finding] | None:
    """What is wrong with a no-response sentence: it names a party the case sent no request
    to, or says of a target what its requests do not bear out ("did not respond" of one
    that answered). None when the sentence is not read as right of reply (it names more
    parties than any such sentence), so it is checked like any other sentence. Messages
    name a target only by its label (a protected source's attribution phrase)."""
    read = read_subject(subject, index)
    if read is None:
        return None
    if read.strangers:
        return [Finding(start, "unattributed", "a no-response sentence naming someone the "
                        "case sent no request for comment to", body[:120])]
    wrong: list[str] = []
    for form in dict.fromkeys(read.targets):
        ones = targets[form]
        if any(t.statuses & BORNE_OUT[saying] for t in ones):
            continue
        target = ones[0]
        recorded = sorted(target.statuses, key=list(RequestStatus).index)
        wrong.append(f"{target.label} {' and '.join(_RECORDED[s] for s in recorded)}")
    if not wrong:
        return []
    return [Finding(start, "reply_status", "right of reply the requests do not bear out: the "
                    f"case records that {'; '.join(wrong)}", body[:120])]


def _one_each_kind(found: Iterable[Finding]) -> list[Finding]:
    """A sentence's reply findings, one of each kind (its clauses' messages joined)."""
    kinds: dict[str, Finding] = {}
    for f in found:
        had = kinds.get(f.kind)
        if had is None:
            kinds[f.kind] = f
        elif f.message not in had.message:
            tail = f.message.split(": ", 1)[-1]
            kinds[f.kind] = Finding(had.position, had.kind, f"{had.message}; {tail}",
                                    had.excerpt)
    return list(kinds.values())


def check_draft(
    draft: DraftText,
    summaries: dict[uuid.UUID, tuple[str, SupportSummary]],
    stored_quotes: Iterable[str | Sequence[str]],
    sources: Iterable[Source],
    requests: Iterable[CommentRequest],
    reply_sentences: Iterable[str] = (),
    reply_names: Iterable[str | ReplyTarget] = (),
    language: str = "en",
) -> list[Finding]:
    """Every finding for a draft body, in reading order (whole-draft findings last).

    `summaries` maps claim UUID -> (statement, support summary) for the claims that exist;
    `stored_quotes` holds every stored quote as a QuoteRow-shaped row (text, translation,
    original, published wording, accepted published wording) or as plain words; `sources`
    are all live sources (for named-source and protected-name checks); `reply_sentences` are
    the right-of-reply sentences generated for the case's requests for comment, and
    `reply_names` their targets (reply.ReplyTarget: name forms, label and the outcomes of
    their requests; a plain name form is a target any outcome bears out): a sentence saying
    only that such targets did not respond needs no anchor. `requests` are the ones still
    pending. `language`: the draft's (the case's language), for its sentences."""
    text = draft.text
    findings: list[Finding] = []
    stored, unaccepted = _variants(stored_quotes)
    replies = {_norm(r) for r in reply_sentences}
    targets: dict[str, list[ReplyTarget]] = {}
    for target in reply_names:
        if isinstance(target, str):
            target = ReplyTarget(target, (target,))
        for form in target.forms:
            targets.setdefault(form, []).append(target)
    index = NameIndex(targets)

    # Every stored wording in one string: a quotation is in one of them when it is in this
    # (no wording or quotation holds the separator), one search in C instead of 20,000.
    everything = "\x00".join(s for _q, s in stored)

    def matches_stored(quoted: str) -> bool:
        said = _norm(quoted)
        if "\x00" in said:
            return any(said in s for _q, s in stored)
        return bool(said) and said in everything

    def matches_unaccepted(quoted: str) -> tuple[str, str, bool] | None:
        said = _norm(quoted)
        return next((p for p in unaccepted if said and said in p[1]), None)

    def _checked_parts(q: Quotation) -> list[tuple[int, str]]:
        # The whole quotation when it is a stored quote's words; else each part around an
        # attribution set inside its marks («…, — сказал он, — …»).
        if matches_stored(q.words):
            return [(q.start, q.words)]
        return quotation_parts(q)

    sources = list(sources)
    named = _named_sources(frozenset(n for s in sources if s.ground_rules is
                                     GroundRules.ON_RECORD for n in _names_of(s)))
    matcher = IdentityMatcher.for_sources(sources)
    rules_of = {s.uuid: s for s in sources}

    quoted_spans = quotations(text)
    next_quotation = 0
    for start, end in sentences(text, language):
        body = text[start:end].replace(OBJECT, "")
        if not body:
            continue
        anchored = any(a.start < end and a.end > start for a in draft.anchors)
        if anchored or _norm(body) in replies:
            continue
        # Right of reply only when every clause is one, its topic naming only targets
        # (None with figures: they are flagged below).
        clauses = reply_clauses(body)
        if clauses is not None:
            found = [_reply_findings(start, body, c.subject, c.saying, targets, index)
                     if mentions_only_targets(c.mentions, index) else None for c in clauses]
            if all(f is not None for f in found):
                findings.extend(_one_each_kind(f for fs in found if fs for f in fs))
                continue
        # Quotations are checked against the stored quotes below, so they are not a reason
        # here; a sentence carrying a stored quote (even in a published wording still to be
        # accepted) is sourced by it, and a name beside the quote is its attribution
        # ("…,” Mr. Petrov said).
        while next_quotation < len(quoted_spans) and quoted_spans[next_quotation].end <= start:
            next_quotation += 1
        inside = []
        for q in islice(quoted_spans, next_quotation, None):
            if q.start >= end:
                break
            inside.append(q)
        sourced = any(matches_stored(words) or matches_unaccepted(words)
                      for q in inside for _at, words in _checked_parts(q))
        outside = _outside(text, start, end, inside).replace(OBJECT, "")
        reasons = []
        if _FIGURE.search(outside):
            reasons.append("figures")
        if not sourced and named.search(outside):
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
                                    f"weak claim “{statement}”: {summary.weakness_text(weakness)}",
                                    words))

    candidates: list[tuple[str, str]] | None = None
    fingerprint = 0
    for q in quoted_spans:
        for at, quoted in _checked_parts(q):
            said = _norm(quoted)
            if not said or matches_stored(quoted):
                continue
            published = matches_unaccepted(quoted)
            if published is not None:
                state = "is no longer accepted (it changed after it was accepted)" \
                    if published[2] else "is not accepted"
                findings.append(Finding(at, "quote_differs",
                                        f"quotation gives the published wording "
                                        f"“{published[0]}”, which {state}: accept it on the "
                                        f"quote", quoted))
                continue
            if candidates is None:
                candidates = stored + [(p[0], p[1]) for p in unaccepted]
                fingerprint = hash(tuple(words for _shown, words in candidates))
            best = _closest(said, candidates, fingerprint)
            if best is not None:
                findings.append(Finding(at, "quote_differs",
                                        f"quotation differs from the stored quote “{best[0]}”",
                                        quoted))
            elif not _names_a_thing(text, q.start):
                findings.append(Finding(at, "quote_unmatched",
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
        # A protected source by its attribution phrase, as the reply findings name it.
        findings.append(Finding(-1, "request_pending",
                                f"request for comment to {target_label(request.source)} is "
                                f"still pending{deadline}", request.subject))
    return findings
