"""Footnote and comment lines for a claim's evidence, under the sources' ground rules.

One line per piece of evidence (`evidence_line`, as the app lists it); in a footnote, comment
or sourcing table the pieces are grouped (`evidence_groups`): quotes whose interview line
would print identically share one interview line, excerpts of one document share one
citation, so an editor reads who said it once and then what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casefile.claims.attribution import source_reference
from casefile.claims.quote_wording import fold_quotes
from casefile.claims.style import HouseStyle
from casefile.claims.support import barred_by_people, print_rules
from casefile.media.csl import keeps_full_stop, with_locator
from casefile.models import (
    CommentRequest,
    Document,
    EvidenceLink,
    Excerpt,
    GroundRules,
    Interview,
    Medium,
    Photo,
    Quote,
    Relation,
    Source,
)

MEDIUM = {Medium.IN_PERSON: "in person", Medium.PHONE: "by phone", Medium.VIDEO: "by video call",
          Medium.MESSAGING: "by messaging app", Medium.EMAIL: "by email"}
RULES = {GroundRules.ON_RECORD: "on the record", GroundRules.BACKGROUND: "on background",
         GroundRules.DEEP_BACKGROUND: "on deep background",
         GroundRules.OFF_RECORD: "off the record",
         GroundRules.CONFIDENTIAL: "confidential, identity withheld"}
# The rules as a protected source's interview line gives them: no more than the word.
PROTECTED_RULES = {**RULES, GroundRules.CONFIDENTIAL: "confidential"}
RELATION_PREFIX = {Relation.SUPPORTS: "", Relation.CONTRADICTS: "Contradicting: ",
                   Relation.CONTEXT: "Context: "}
WHOLE_INTERVIEW = " (whole interview, no passage marked)"
LIGHTLY_EDITED = "printed lightly edited"
# Language names for "translated from …" (BCP 47 primary subtags); others print as the code.
LANGUAGES = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "de": "German", "en": "English",
    "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hy": "Armenian", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "ky": "Kyrgyz", "mn": "Mongolian", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
    "tg": "Tajik", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "zh": "Chinese",
}
# A description holding a clause ("Nikolai Zhuravlev, who has driven a truck …", "a broker
# who asked not to be named"): what follows it in a comma list would read as part of it.
_CLAUSE = re.compile(r"(?<!\w)(?:who|whom|whose|which)(?!\w)", re.IGNORECASE)
# A line that already ends: a full stop, "?", "!", or a closing quotation mark.
_ENDED = (".", "?", "!", "”", "’", '"', "'")


def full_stop(line: str) -> str:
    """A note's line as Chicago ends it: with a full stop, unless it already ends in one, a
    "?" or "!", or a closing quotation mark (never a doubled stop)."""
    text = line.rstrip()
    return text if not text or text.endswith(_ENDED) else text + "."


def language_name(code: str) -> str:
    """'Russian' for 'ru' or 'ru-RU'; an unknown code as it is."""
    code = code.strip()
    return LANGUAGES.get(code.split("-")[0].split("_")[0].lower(), code)


def _primary(code: str) -> str:
    return code.strip().split("-")[0].split("_")[0].lower()


def _who(source: Source | None, rules: GroundRules, style: HouseStyle) -> str:
    if source is None:
        return "an unnamed interviewee"
    ref = source_reference(source, style, True, rules)
    if ref is None:
        return "a source who may not be identified"
    return ref


def _whose(iv: Interview, speaker: Source | None) -> list[Source]:
    """Who the line is about: the quote's speaker, or (a whole interview) its interviewees."""
    return [speaker] if speaker is not None else list(iv.interviewees)


def is_protected_interview(iv: Interview, rules: GroundRules, speaker: Source | None) -> bool:
    """Whether the interview line is a protected source's: the evidence's rules name no one,
    or the one it is about is protected (an on-record speaker interviewed beside a protected
    one keeps a full line; only the meeting place is left out for them)."""
    return not rules.may_name or any(s.is_protected for s in _whose(iv, speaker))


def interview_line(iv: Interview, rules: GroundRules, speaker: Source | None,
                   style: HouseStyle, *, whole: bool = False) -> str:
    """'Interview with Yuri Petrov, …, Khabarovsk, October 14, 2026, in person, through an
    interpreter, on the record'; `whole`: the link is to the whole interview, no passage.

    A description holding a clause ("Nikolai Zhuravlev, who has driven a truck across the
    border since 2011") is closed by a semicolon, so the place and date after it are not
    read as part of the clause: "…since 2011; Blagoveshchensk, October 17, 2026, …". The
    interpreter is never named ("through an interpreter").

    A protected source's line gives only who (their attribution phrase), the month and year
    and the rules ("confidential", "on background"): date, medium, city, interpreter and
    trade together narrow a small pool (the same reason photos taken near them lose their
    GPS)."""
    who = _who(speaker or (iv.interviewees[0] if iv.interviewees else None), rules, style)
    parts: list[str] = []
    if is_protected_interview(iv, rules, speaker):
        if iv.held_at:
            parts.append(style.note_month(iv.held_at))
        parts.append(PROTECTED_RULES[_strictest(iv, rules, speaker)])
    else:
        place = iv.place_name.split(",")[0].strip() if iv.place_name else ""
        # "owner of a timber yard in Khabarovsk, Khabarovsk": the place once is enough; and
        # where a protected source was met (beside this one) is never said.
        if place and not _names_place(who, place) and \
                not any(s.is_protected for s in iv.interviewees):
            parts.append(place)
        if iv.held_at:
            parts.append(style.note_date(iv.held_at))
        parts.append(MEDIUM[iv.medium])
        if iv.interpreter.strip():
            parts.append("through an interpreter")
        parts.append(RULES[rules])
    joint = "; " if _CLAUSE.search(who) else ", "
    return f"Interview with {who}{joint}{', '.join(parts)}" + (WHOLE_INTERVIEW if whole else "")


def _strictest(iv: Interview, rules: GroundRules, speaker: Source | None) -> GroundRules:
    """The rules a protected interview line names: the evidence's, or, when those are on the
    record, the protected source's own."""
    if rules is not GroundRules.ON_RECORD:
        return rules
    for source in _whose(iv, speaker):
        if source.is_protected:
            return source.ground_rules
    return rules


def translated_from(quote: Quote, case_language: str = "") -> str | None:
    """'translated from Russian' when the quote is given in translation: its words were
    translated (`translation` set), the transcript is itself a translation
    (`original_language`), or the interview was held in another language than the case's;
    'in translation' when the language is not recorded; None otherwise."""
    iv = quote.interview
    if quote.original_language.strip():
        language = quote.original_language
    elif quote.translation.strip():
        language = iv.language
        if not language.strip():
            return "in translation"
    elif iv.language.strip() and case_language.strip() and \
            _primary(iv.language) != _primary(case_language):
        language = iv.language
    else:
        return None
    return f"translated from {language_name(language)}"


def printed_lightly_edited(quote: Quote) -> bool:
    """The story prints the quote in an accepted published wording that differs from its
    words (typography aside)."""
    from casefile.claims.quote_wording import is_accepted, same_wording

    published = quote.published_text
    return bool(published.strip()) and is_accepted(published, quote.published_accepted) and \
        not same_wording(published, quote.translation or quote.text)


def _names_place(text: str, place: str) -> bool:
    """Whether `place` already stands in `text` as whole words."""
    return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class EvidencePiece:
    """One piece of evidence as printed: `head` (who or what, without the relation prefix),
    `passage` (the quoted words, led by its locator for an excerpt; None for a whole record)
    and `alone` (the piece's whole line when it differs from 'head: passage'). Pieces with
    the same `key` print under one head."""

    relation: Relation
    head: str
    passage: str | None = None
    key: tuple[str, ...] | None = None
    alone: str | None = None

    @property
    def line(self) -> str:
        """The piece alone on one line, with its relation prefix, ended (`full_stop`)."""
        if self.alone is not None:
            text = self.alone
        else:
            text = f"{self.head}: {self.passage}" if self.passage else self.head
        return full_stop(RELATION_PREFIX[self.relation] + text)


@dataclass(frozen=True)
class EvidenceGroup:
    """A head line and the passages printed under it (none: the head is the whole line)."""

    head: str
    passages: tuple[str, ...] = ()


_ORDER = (Relation.SUPPORTS, Relation.CONTEXT, Relation.CONTRADICTS)


def evidence_piece(link: EvidenceLink, style: HouseStyle,
                   cite: Callable[[Document], str], language: str = "") -> EvidencePiece:
    """One piece of evidence, split into head and passage; never names a protected source.
    `language`: the case's (a quote from an interview in another is marked translated)."""
    target, relation = link.target, link.relation
    if isinstance(target, Quote):
        rules = print_rules(target)
        if rules is GroundRules.OFF_RECORD:
            return EvidencePiece(relation, "Off-the-record material (not for publication); "
                                           "source withheld.")
        words = target.translation or target.text
        head = interview_line(target.interview, rules, target.speaker, style)
        key = ("quote", str(target.interview.uuid), head)  # same interview, same line
        return EvidencePiece(relation, head, quote_passage(target, words, rules, language),
                             key)
    if isinstance(target, Interview):
        rules = barred_by_people(target.ground_rules, target.interviewees)
        if rules is GroundRules.OFF_RECORD:
            return EvidencePiece(relation, "Off-the-record interview; source withheld.")
        return EvidencePiece(relation, interview_line(target, rules, None, style,
                                                      whole=True))
    if isinstance(target, Excerpt):
        # Alone, the locator joins the citation ('…, table 4: “…”'); grouped under the
        # citation, each passage is led by its own ('table 4: “…”').
        citation, words = cite(target.document), _quoted(target.text)
        locator = " ".join(target.locator.split())
        passage = f"{locator}: {words}" if locator else words
        return EvidencePiece(relation, with_locator(citation, ""), passage,
                             ("excerpt", str(target.document.uuid)),
                             f"{with_locator(citation, locator)}: {words}")
    if isinstance(target, Document):
        return EvidencePiece(relation, cite(target))
    assert isinstance(target, Photo)
    return EvidencePiece(relation, photo_line(target, style))


def quote_passage(quote: Quote, words: str, rules: GroundRules, language: str = "") -> str:
    """The quoted words, and what a reader of the note should know about them: '“…”
    (translated from Russian; printed lightly edited)'. A protected source's quote does not
    say its language (it narrows who spoke, as the interview line's details would)."""
    notes = []
    translated = translated_from(quote, language)
    if translated and not is_protected_interview(quote.interview, rules, quote.speaker):
        notes.append(translated)
    if printed_lightly_edited(quote):
        notes.append(LIGHTLY_EDITED)
    if not notes:
        return _quoted(words)
    # The note's sentence goes on after the quotation, so the quotation's own full stop
    # goes ('“… that long” (translated from Russian).'); a ? or ! stays, and so does the
    # stop of an abbreviation or an ellipsis ('“… in U.S.”', '“And then...”').
    return f"{_quoted(_without_own_stop(_bare(words)))} ({'; '.join(notes)})"


def _without_own_stop(words: str) -> str:
    """The quoted words without the full stop that ends their sentence; one that belongs to
    an abbreviation ("U.S.", "etc.") or an ellipsis ("...") is part of the words ("…" ends
    in no stop)."""
    return words[:-1] if words.endswith(".") and not keeps_full_stop(words) else words


def evidence_line(link: EvidenceLink, style: HouseStyle,
                  cite: Callable[[Document], str], language: str = "") -> str:
    """One footnote line for one piece of evidence; never names a protected source."""
    return evidence_piece(link, style, cite, language).line


def evidence_groups(pieces: Iterable[EvidencePiece]) -> list[EvidenceGroup]:
    """Supporting evidence first, then context, then contradicting (link order within each);
    pieces whose head would print identically (same interview, speaker and ground rules; same
    document) share one head line, prefixed once."""
    pieces = list(pieces)
    out: list[EvidenceGroup] = []
    for relation in _ORDER:
        keyed: dict[tuple[str, ...], list[EvidencePiece]] = {}
        order: list[tuple[str, ...] | EvidencePiece] = []
        for piece in pieces:
            if piece.relation is not relation:
                continue
            if piece.key is None:
                order.append(piece)
            elif piece.key in keyed:
                keyed[piece.key].append(piece)
            else:
                keyed[piece.key] = [piece]
                order.append(piece.key)
        for entry in order:
            if isinstance(entry, EvidencePiece):
                out.append(EvidenceGroup(entry.line))
                continue
            same = keyed[entry]
            if len(same) == 1:
                out.append(EvidenceGroup(same[0].line))
            else:
                out.append(EvidenceGroup(f"{RELATION_PREFIX[relation]}{same[0].head}:",
                                         tuple(full_stop(p.passage or "") for p in same)))
    return out


def _quoted(words: str) -> str:
    return f"“{_bare(words)}”"


def _bare(words: str) -> str:
    """The words on one line; a closing mark typed at their end with no opening one ('It
    ended.”') is the quotation's own, so it is not printed doubled ('“It ended.”')."""
    words = " ".join(words.split())
    if words.endswith("”") and words.count("“") < words.count("”") or \
            words.endswith('"') and words.count('"') % 2:
        words = words[:-1].rstrip()
    return words


def photo_credit(photo: Photo, style: HouseStyle) -> str:
    """'Maria Lindqvist' or a protected source's phrase; '' when nobody is credited."""
    if photo.credit_member is not None:
        return photo.credit_member.name
    if photo.credit_source is not None:
        return source_reference(photo.credit_source, style, True) or "a source"
    return ""


def photo_line(photo: Photo, style: HouseStyle) -> str:
    """'Photo by Maria Lindqvist, Customs post, Blagoveshchensk, October 17, 2026' (who took
    it, where, when; the place as typed); uncredited: 'Photo, photographer unknown, Heihe,
    China'. No colon, so a relation prefix ('Context: ') is the line's only one. (The credit
    line under the picture itself stays 'Photo: NAME', as newsrooms print it.)

    A photo credited to a protected source follows that source's interview line: the month
    and year only, no place ('Photo by a customs broker, October 2026') — where and when
    they stood with a camera narrows who they are as much as where they were met."""
    credit = photo_credit(photo, style)
    parts = [f"Photo by {credit}" if credit else "Photo, photographer unknown"]
    protected = photo.credit_member is None and photo.credit_source is not None and \
        photo.credit_source.is_protected
    if photo.place_name.strip() and not protected:
        parts.append(" ".join(photo.place_name.split()))
    if photo.taken_at:
        parts.append(style.note_month(photo.taken_at) if protected
                     else style.note_date(photo.taken_at))
    return ", ".join(parts)


# -- right of reply as the draft prints it --------------------------------------------------

def draft_sentences(text: str, language: str = "en") -> list[str]:
    """The draft's sentences (the checker's split, in the case's `language`), each on one
    line; photos left out."""
    from casefile.claims.draft_text import OBJECT
    from casefile.claims.segments import sentences

    out = []
    for start, end in sentences(text, language):
        sentence = " ".join(text[start:end].replace(OBJECT, " ").split())
        if sentence:
            out.append(sentence)
    return out


def source_forms(source: Source) -> list[str]:
    """How a story may name a request's source (reply.name_forms): by name, short name,
    phrase or surname; a protected one only by its phrase."""
    from casefile.claims.reply import name_forms
    from casefile.models import SourceKind

    return name_forms(source.name, source.short_name, source.attribution_phrase,
                      person=source.kind is SourceKind.PERSON, protected=source.is_protected)


class PrintedReplies:
    """What the draft prints about each request for comment, its sentences read once.

    A pending, unanswered or declined request is in the story only by a right-of-reply
    sentence naming its source among the parties (as casefile.claims.reply reads one); an
    answered one by a sentence that names its source and reports its answer (quotes a run
    of its answer's words, or says "said"/"says" with the name). A sentence that merely
    mentions the source ("Sberbank processed the payments") gives it no right of reply.
    Names are whole words, case kept for proper names ("Bridge" is not "the bridge")."""

    def __init__(self, sentences: Iterable[str], sources: Iterable[Source]) -> None:
        from casefile.claims.reply import NameIndex, no_response_claims, read_subject

        self.sentences = list(sentences)
        index = NameIndex(form for source in sources for form in source_forms(source))
        # Per sentence: the request targets (name forms) its no-response clauses name.
        self.parties: list[frozenset[str]] = []
        for sentence in self.sentences:
            named: set[str] = set()
            for subject, _saying in no_response_claims(sentence) or ():
                read = read_subject(subject, index)
                if read is not None:
                    named.update(read.targets)
            self.parties.append(frozenset(named))
        self._folded = [_fold(sentence) for sentence in self.sentences]

    def about(self, request: CommentRequest) -> str | None:
        """The sentence the draft prints for the request; None when it prints none."""
        from casefile.models import RequestStatus

        source = request.source
        forms = set(source_forms(source))
        if request.status is not RequestStatus.ANSWERED:
            return next((sentence for sentence, named in zip(self.sentences, self.parties,
                                                              strict=True)
                         if forms & named), None)
        names = [_name_pattern(form) for form in printed_names(source)]
        answer = _WORD.findall(_fold(request.answer_text).casefold())
        for sentence, folded, named in zip(self.sentences, self._folded, self.parties,
                                           strict=True):
            if forms & named or not any(p.search(_QUOTATION.sub(" ", folded)) for p in names):
                continue  # a sentence saying it did not respond reports no answer
            if _REPORTS.search(folded) or _has_run(_WORD.findall(folded.casefold()), answer):
                return sentence
        return None


# Reporting an answer with the source's name in the sentence.
_REPORTS = re.compile(r"(?<!\w)(?:said|says|told|according\s+to)(?!\w)", re.IGNORECASE)
_QUOTATION = re.compile(r'"[^"]*"')
_WORD = re.compile(r"\w+(?:'\w+)*")
_ARTICLE = re.compile(r"(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
ANSWER_RUN = 4  # this many of the answer's words in a row: the sentence quotes it


def printed_names(source: Source) -> list[str]:
    """A source's names as a story prints them, case kept: name, short name, phrase and a
    person's surname; a protected source only its phrase."""
    from casefile.models import SourceKind

    if source.is_protected:
        return [source.attribution_phrase] if source.attribution_phrase.strip() else []
    forms = [source.name, source.short_name, source.attribution_phrase]
    parts = source.name.split()
    if source.kind is SourceKind.PERSON and len(parts) > 1:
        forms.append(parts[-1])
    return [f for f in forms if f.strip()]


def _fold(text: str) -> str:
    """Straight quotation marks, full stops as spaces ("Mr. Petrov" = "Mr Petrov"), single
    spaces."""
    return " ".join(fold_quotes(text or "").replace(".", " ").split())


def _name_pattern(form: str) -> re.Pattern[str]:
    """A name as whole words: a proper name ("Olga Bridge", "Bridge", "The Embassy of
    Japan" with or without its article) in its own case; a lower-case name ("the embassy",
    "a customs broker") in any case, article and all."""
    words = _fold(form)
    article = _ARTICLE.match(words)
    if article and any(c.isupper() for c in words[article.end():]):
        words = words[article.end():]
    proper = any(c.isupper() for c in words)
    body = r"\s+".join(re.escape(w) for w in words.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if proper else re.IGNORECASE)


def _has_run(words: list[str], answer: list[str]) -> bool:
    """Whether `words` hold ANSWER_RUN of the answer's words in a row (all of a shorter
    answer)."""
    n = min(ANSWER_RUN, len(answer))
    if n == 0 or len(words) < n:
        return False
    runs = {tuple(answer[i:i + n]) for i in range(len(answer) - n + 1)}
    return any(tuple(words[i:i + n]) in runs for i in range(len(words) - n + 1))
