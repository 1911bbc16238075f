"""Right of reply as stories write it: recognising a no-response sentence, who it names, and
whether the case's requests for comment bear it out.

"The Embassy of Japan and Sberbank did not respond to requests for comment.", "Neither X nor
Y responded to requests for comment", "X, Y and Z declined to comment": a reporter writes the
non-responders in one sentence, not one sentence each as Casefile generates them. The checker
accepts such a sentence without a claim anchor when every party it names is a request target
(by name, short name, with or without "the", a person by surname with or without a courtesy
title, or a protected source by its attribution phrase) whose request ended the way the
sentence says. A subject that names nobody ("The company", "A spokeswoman", "Officials") is
no claim about a particular party and is left alone; a proper name that is no request target
is flagged. Pure functions over text and names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from casefile.claims.quote_wording import fold_quotes
from casefile.models import CommentRequest, RequestStatus, Source, SourceKind

# A sentence naming more parties than this is not a right-of-reply sentence (and reading it
# as one must stay linear whatever a draft holds).
MAX_PARTIES = 50

_VERB = r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)"
_THINGS = (r"(?:requests?|questions?|calls?|e-?mails?|messages?|inquiries|inquiry|enquiries|"
           r"enquiry)")
_WHAT = (rf"(?:\s+to)?(?:\s+(?:a|the|our|repeated|multiple|several|emailed|written|"
         rf"phone|telephone|further|detailed|follow-up))*\s+{_THINGS}"
         rf"(?:\s+(?:and|or)\s+{_THINGS})?(?:\s+for\s+comment)?")
_NOT = r"(?:did\s+not|didn't|has\s+not|have\s+not|hasn't|haven't)\s+(?:yet\s+)?(?:immediately\s+)?"
_SILENT = (rf"(?:{_NOT}{_VERB}(?:{_WHAT})?|could\s+not\s+be\s+reached(?:\s+for\s+comment)?|"
           rf"couldn't\s+be\s+reached(?:\s+for\s+comment)?)")
_DECLINED = r"(?:(?:declined|refused)\s+to\s+comment)"
_NO_COMMENT = rf"(?:{_NOT}comment(?:ed)?)"  # silence or a refusal: either status bears it out
_POSITIVE = rf"(?:{_VERB}(?:{_WHAT})?)"  # only after "Neither"
_POSITIVE_COMMENT = r"(?:commented)"
_WHEN = (r"(?:\s+(?:by|before)\s+(?:the\s+time\s+of\s+)?(?:publication|press\s+time|"
         r"(?:the\s+)?deadline))?")
_END = r"\s*[.!]?\s*$"
_SHAPE = re.compile(rf"\s+(?:(?P<silent>{_SILENT})|(?P<declined>{_DECLINED})|"
                    rf"(?P<either>{_NO_COMMENT})){_WHEN}{_END}", re.IGNORECASE)
_NEITHER = re.compile(rf"^\s*neither\s+(.+?)\s+(?:(?P<silent>{_POSITIVE})|"
                      rf"(?P<either>{_POSITIVE_COMMENT})){_WHEN}{_END}", re.IGNORECASE)
_FIGURE = re.compile(r"\d")

Saying = Literal["silent", "declined", "either"]
# Which outcomes of a request bear out what a sentence says of its target: "did not
# respond", "has not yet responded", "could not be reached" need a request still pending or
# recorded as unanswered; "declined to comment" a declined one; "did not comment" either.
BORNE_OUT: dict[str, frozenset[RequestStatus]] = {
    "silent": frozenset((RequestStatus.PENDING, RequestStatus.NO_RESPONSE)),
    "declined": frozenset((RequestStatus.DECLINED,)),
    "either": frozenset((RequestStatus.PENDING, RequestStatus.NO_RESPONSE,
                         RequestStatus.DECLINED)),
}

_TOKEN = re.compile(r"[\w'-]+|[,;&()\[\]—–]")
_COMMA = frozenset((",", ";", "(", ")", "[", "]", "—", "–"))
_JOINERS = frozenset(("and", "or", "nor", "&"))
_ARTICLES = frozenset(("the", "a", "an", "both"))
_SPEAKERS = frozenset((
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
    "representative", "representatives", "lawyer", "lawyers", "attorney", "attorneys",
    "official", "officials", "officers", "officer", "press", "office", "service",
    "team", "staff", "managers", "management", "owner", "owners", "executives",
))
_OF = frozenset(("for", "of", "at", "from"))
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord",
                     "lady", "gen", "col", "capt", "judge", "mayor", "governor", "gov"))
_RELATIVE = frozenset(("which", "who", "whose", "whom", "where"))
# Capitalised words that name nobody in particular: sentence-initial determiners and
# pronouns, and the common nouns a no-response subject is written with ("The company",
# "Officials at the ministry", "The Embassy"); plurals are read by their singular.
_COMMON = frozenset((
    "the", "a", "an", "both", "neither", "none", "all", "each", "either", "some", "several",
    "many", "most", "other", "others", "another", "its", "his", "her", "their", "our", "this",
    "that", "these", "those", "he", "she", "they", "it", "we", "i", "you", "one", "nobody",
    "no", "any", "anyone", "everyone", "such",
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
    "representative", "lawyer", "attorney", "official", "officer", "press", "office",
    "service", "team", "staff", "manager", "management", "owner", "executive", "director",
    "employee", "worker", "member", "company", "firm", "bank", "lender", "business",
    "ministry", "embassy", "government", "agency", "authority", "authorities", "police",
    "prosecutor", "investigator", "regulator", "customs", "court", "department", "council",
    "administration", "mayor", "governor", "minister", "family", "families", "relatives",
    "people", "person", "man", "woman", "men", "women", "source", "operator", "trader",
    "broker", "driver", "farmer", "resident", "neighbour", "neighbor", "parent",
    "shipper", "carrier", "buyer", "seller", "supplier", "importer", "exporter", "group",
    "organisation", "organization", "union", "party", "parties", "board", "committee",
    "directorate", "inspectorate", "bureau", "consulate", "commission", "office", "state",
    "federal", "local", "regional", "city", "town", "village", "district", "province",
    "plant", "factory", "yard", "port", "terminal", "school", "hospital", "university",
    "army", "military", "ministries", "subsidiary", "parent", "unit", "operators", "owners",
))


def normalize_name(name: str) -> str:
    """A name as compared here: quote marks straight, case and full stops ignored, single
    spaces, no leading article ('The Embassy of Japan' = 'embassy of japan')."""
    return " ".join(_words(name, drop_article=True))


def _words(text: str, *, drop_article: bool = False) -> list[str]:
    """The folded tokens of a name or subject: words, and the punctuation that separates
    parties (commas, dashes, brackets, "&"); full stops are ignored ("Mr. Petrov" = "Mr
    Petrov")."""
    tokens = _TOKEN.findall(fold_quotes(text).replace(".", " ").casefold())
    if drop_article and len(tokens) > 1 and tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    return tokens


def name_forms(name: str, short_name: str = "", phrase: str = "", *, person: bool = False,
               protected: bool = False) -> list[str]:
    """Every way a story may name a request target: a protected source only by its
    attribution phrase; others by name, short name, phrase, and a person by surname (with
    or without a courtesy title: the subject's reading takes "Mr." and the like)."""
    forms = [phrase] if protected else [name, short_name, phrase]
    parts = name.split()
    if person and not protected and len(parts) > 1:
        forms.append(parts[-1])
    return [f for f in (normalize_name(f) for f in forms) if f]


@dataclass(frozen=True)
class ReplyTarget:
    """A request target as the checker reads right of reply: how a story may name it, how a
    finding may (never a protected source's name) and how its requests ended."""

    label: str
    forms: tuple[str, ...]
    statuses: frozenset[RequestStatus] = field(default=frozenset(RequestStatus))


def no_response_claim(sentence: str) -> tuple[str, Saying] | None:
    """Who a sentence says did not respond (or declined to comment), if that is all it says,
    and which of the two it says; None for any other sentence, and for one with figures."""
    text = " ".join(fold_quotes(sentence).split())
    if not text or _FIGURE.search(text):
        return None
    neither = _NEITHER.match(text)
    if neither:
        return neither.group(1), "silent" if neither.group("silent") else "either"
    shape = _SHAPE.search(text)
    if shape is None or not text[:shape.start()].strip(" ,"):
        return None
    saying: Saying = "silent" if shape.group("silent") else (
        "declined" if shape.group("declined") else "either")
    return text[:shape.start()], saying


_CLAUSES = re.compile(r"\s*(?:,\s*(?:and|but|while|whereas)|;(?:\s*(?:and|but))?)\s+",
                      re.IGNORECASE)


def no_response_claims(sentence: str) -> list[tuple[str, Saying]] | None:
    """Each no-response clause of a sentence, when that is all it says: "X and Y did not
    respond to requests for comment, and Z declined to comment." is two; one clause that
    is not (a relative clause cut off, anything else) leaves the sentence read whole."""
    clauses = [c for c in _CLAUSES.split(sentence) if c.strip()]
    if len(clauses) > 1:
        claims = [no_response_claim(c) for c in clauses]
        if all(claims):
            return [c for c in claims if c is not None]
    whole = no_response_claim(sentence)
    return None if whole is None else [whole]


def no_response_subject(sentence: str) -> str | None:
    """Who a sentence says did not respond (or declined to comment), if that is all it says;
    None for any other sentence, and for one carrying figures."""
    claim = no_response_claim(sentence)
    return None if claim is None else claim[0]


@dataclass(frozen=True)
class Subject:
    """What a no-response subject names: the request targets (by the form matched, in
    order), and the parts naming a party that is no target (as written). Parts naming
    nobody ("the company", "a spokeswoman") are in neither."""

    targets: tuple[str, ...]
    strangers: tuple[str, ...]
    unnamed: int = 0  # parts naming nobody

    @property
    def only_targets(self) -> bool:
        """True when the subject is request targets and nothing else."""
        return bool(self.targets) and not self.strangers and not self.unnamed


class NameIndex:
    """Name forms by their first word, longest first: built once for a draft's check (a
    case may have thousands of forms), matched at each party of each subject."""

    def __init__(self, names: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name in dict.fromkeys(n for n in names if n):
            words = tuple(_words(name))
            if words:
                self.by_first.setdefault(words[0], []).append((words, name))
        for forms in self.by_first.values():
            forms.sort(key=lambda f: len(f[0]), reverse=True)

    def match(self, tokens: Sequence[str], i: int) -> tuple[str, int] | None:
        """The longest form at token i that ends where a party ends: (the form as given,
        the token after the party)."""
        if i >= len(tokens):
            return None
        for form, name in self.by_first.get(tokens[i], ()):
            end = i + len(form)
            if tuple(tokens[i:end]) == form and _ends_party(tokens, end):
                return name, end
            # "Sberbank's press office": the body by its possessive.
            if end <= len(tokens) and tuple(tokens[i:end - 1]) == form[:-1] \
                    and tokens[end - 1] in (f"{form[-1]}'s", f"{form[-1]}'"):
                return name, _party_end(tokens, end)
        return None


def _ends_party(tokens: Sequence[str], i: int) -> bool:
    return i >= len(tokens) or tokens[i] in _COMMA or tokens[i] in _JOINERS


def _party_end(tokens: Sequence[str], i: int) -> int:
    while not _ends_party(tokens, i):
        i += 1
    return i


def _lead(tokens: Sequence[str], i: int) -> int:
    """Past what may stand before a party's name: an article, who speaks for it ("a
    spokeswoman for the", "representatives of"), a courtesy title ("Mr.")."""
    j = i + (i < len(tokens) and tokens[i] in _ARTICLES)
    k = j
    while k < len(tokens) and tokens[k] in _SPEAKERS:
        k += 1
    if k > j and k < len(tokens) and tokens[k] in _OF:
        j = k + 1 + (k + 1 < len(tokens) and tokens[k + 1] in _ARTICLES)
    if j < len(tokens) and tokens[j] in _TITLES:
        j += 1
    return j


def _common(word: str) -> bool:
    folded = word.casefold()
    singular = (folded[:-3] + "y" if folded.endswith("ies") else
                folded[:-1] if folded.endswith("s") else folded)
    return folded in _COMMON or singular in _COMMON or folded in _TITLES


def _names_party(words: Sequence[str], appositive: bool) -> bool:
    """Whether words name a party: a capitalised word that is not a common word. An
    appositive (a phrase set off by commas after a party) describes it and names another
    only when it ends in a name ("the Ministry of Energy"), not when a name only qualifies
    its head ("a Gazprom supplier", "Russia's largest lender")."""
    if appositive:
        words = words[-1:]
    return any(word[:1].isupper() and not _common(word) for word in words)


def read_subject(subject: str, names: Iterable[str] | NameIndex) -> Subject | None:
    """What a no-response subject names, among request targets known by `names` (name
    forms, or their NameIndex; a target is given back as its form in `names`).

    One pass over its words: each party is a target's longest form or a phrase up to the
    next separator ("and", "or", "nor", "&", a comma); a relative clause or an appositive
    after a party is skipped ("Sberbank, which was fined last year,"; "Sberbank, Russia's
    largest lender,"). None when it names more than MAX_PARTIES parties: no right-of-reply
    sentence does."""
    plain = " ".join(fold_quotes(subject).replace(".", " ").split())
    shown = _TOKEN.findall(plain)
    tokens = [t.casefold() for t in shown]
    forms = names if isinstance(names, NameIndex) else NameIndex(names)
    targets: list[str] = []
    strangers: list[str] = []
    parts = unnamed = 0
    i, n = 0, len(tokens)
    after_party = False  # the previous token run was a party, and a bare comma followed it
    while i < n:
        if tokens[i] in _COMMA or tokens[i] in _JOINERS:
            after_party = after_party and tokens[i] in _COMMA
            i += 1
            continue
        if after_party and tokens[i] in _RELATIVE:  # ", which was fined last year,"
            while i < n and tokens[i] not in _COMMA:
                i += 1
            after_party = False
            continue
        parts += 1
        if parts > MAX_PARTIES:
            return None
        start = _lead(tokens, i)
        found = next((m for j in dict.fromkeys((i, i + (tokens[i] in _ARTICLES), start))
                      if (m := forms.match(tokens, j)) is not None), None)
        if found is not None:
            targets.append(found[0])
            i, after_party = found[1], True
            continue
        end = _party_end(tokens, start)
        closed = end < n and tokens[end] in _COMMA or end == n and plain.endswith(",")
        if _names_party(shown[i:end], appositive=after_party and closed):
            strangers.append(" ".join(shown[i:end]))
        else:
            unnamed += 1
        i, after_party = end, True
    return Subject(tuple(targets), tuple(strangers), unnamed)


def reply_parties(subject: str, names: Iterable[str]) -> tuple[str, ...] | None:
    """The request targets a subject names, in order, when it names nothing else ('X, the
    Y and Z', with or without a relative clause after a name); None when any part of it
    is not one of `names` (name forms)."""
    read = read_subject(subject, names)
    return read.targets if read is not None and read.only_targets else None


def is_right_of_reply(sentence: str, names: Iterable[str]) -> bool:
    """True when the sentence says only that request targets did not respond or declined."""
    subject = no_response_subject(sentence)
    return subject is not None and reply_parties(subject, names) is not None


def request_targets(requests: Iterable[CommentRequest]) -> list[ReplyTarget]:
    """One target per source the requests went to, with every outcome of its requests (a
    source asked twice may have answered once): named by its forms, labelled by its name,
    or by its attribution phrase when it is protected."""
    by_source: dict[object, tuple[Source, set[RequestStatus]]] = {}
    for request in requests:
        source = request.source
        by_source.setdefault(source.uuid, (source, set()))[1].add(request.status)
    out = []
    for source, statuses in by_source.values():
        protected = source.is_protected
        label = (source.attribution_phrase.strip() or "a protected source") if protected \
            else " ".join(source.name.split())
        forms = name_forms(source.name, source.short_name, source.attribution_phrase,
                           person=source.kind is SourceKind.PERSON, protected=protected)
        out.append(ReplyTarget(label, tuple(forms), frozenset(statuses)))
    return out
