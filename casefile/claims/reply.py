"""Right of reply as stories write it: recognising a no-response sentence, who it names, and
whether the case's requests for comment bear it out.

"The Embassy of Japan and Sberbank did not respond to requests for comment.", "Neither X nor
Y responded to requests for comment", "X, Y and Z declined to comment": a reporter writes the
non-responders in one sentence, not one sentence each as Casefile generates them. The checker
accepts such a sentence without a claim anchor when every party it names is a request target
(by name, short name, with or without "the", a person by surname with or without a courtesy
title, or a protected source by its attribution phrase) whose request ended the way the
sentence says.

A right-of-reply sentence says who did not respond and nothing else, so it is read strictly:
every clause is a no-response clause; a subject is parties joined by commas and "and", "or",
"nor", each a name (with an article, a courtesy title, "a spokeswoman for …", "…'s press
office") or a few common words ("The company", "A spokeswoman", "Officials"); after the
predicate only a time ("on Friday", "by publication"), the outlet ("from The Northern
Ledger") or a short topic ("about the payments"). A relative clause or an appositive
("Sberbank, which laundered the money,") carries a claim: such a sentence is not right of
reply and is checked like any other. A subject naming nobody is no claim about a particular
party and is left alone; a proper name that is no request target is flagged. Pure functions
over text and names; every pattern is compiled once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from casefile.claims.quote_wording import fold_quotes
from casefile.models import CommentRequest, RequestStatus, Source, SourceKind

# A sentence naming more parties than this is not a right-of-reply sentence (and reading it
# as one must stay linear whatever a draft holds).
MAX_PARTIES = 50
# A topic after the predicate ("about the payments") longer than this is a claim, not a topic.
MAX_TOPIC_WORDS = 6
_MAX_TRAILERS = 6

_VERB = r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)"
_THINGS = (r"(?:requests?|questions?|calls?|e-?mails?|messages?|inquiries|inquiry|enquiries|"
           r"enquiry)")
_MODS = (r"(?:a|the|our|its|his|her|their|repeated|multiple|several|numerous|emailed|written|"
         r"phone|telephone|further|detailed|follow-up|interview)")
# An outlet by its capitalised words ("The Northern Ledger", "Reuters"), case kept.
_OUTLET = r"(?-i:(?:The\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})"
_WHAT = (rf"(?:\s+to)?(?:\s+{_OUTLET}(?:'s|'))?(?:\s+{_MODS})*\s+{_THINGS}"
         rf"(?:\s+(?:and|or)(?:\s+{_MODS})*\s+{_THINGS})?"
         rf"(?:\s+for\s+(?:comment|an?\s+interview|interviews?))?")
_NOT = (r"(?:(?:did|has|have|had)\s+not|didn't|hasn't|haven't|hadn't)\s+(?:yet\s+)?"
        r"(?:immediately\s+)?")
_YET = r"(?:has|have|had)\s+yet\s+to\s+"
_SILENT = (rf"(?:(?:{_NOT}|{_YET}){_VERB}(?:{_WHAT})?|"
           rf"(?:could\s+not|couldn't)\s+be\s+reached(?:\s+for\s+comment)?)")
_DECLINED = (r"(?:(?:declined|refused)\s+(?:to\s+(?:comment|be\s+interviewed|answer\s+questions)"
             r"|comment|(?:(?:a|the|repeated|multiple|several|our)\s+)?(?:requests?|invitations?)"
             r"\s+(?:for\s+(?:an?\s+)?(?:comment|interviews?)|to\s+(?:comment|be\s+interviewed))"
             r"|(?:an?\s+)?interviews?(?:\s+requests?)?))")
# Silence or a refusal: either status bears it out.
_NO_COMMENT = r"(?:(?:(?:did|has|have|had|would)\s+not|didn't|hasn't|haven't|wouldn't)\s+comment)"
_POSITIVE = (rf"(?:{_VERB}(?:{_WHAT})?|(?:has|have)\s+(?:yet\s+)?(?:responded|replied|"
             rf"answered)(?:{_WHAT})?)")  # only after "Neither"
_POSITIVE_COMMENT = r"(?:commented|would\s+comment)"
_END = r"\s*[.!]?\s*$"
_SHAPE = re.compile(rf"\s+(?:both\s+)?(?:(?P<mixed>{_SILENT}\s+or\s+{_DECLINED})|"
                    rf"(?P<silent>{_SILENT})|(?P<declined>{_DECLINED})|"
                    rf"(?P<either>{_NO_COMMENT}))(?P<rest>.*?){_END}", re.IGNORECASE)
_NEITHER = re.compile(rf"^\s*neither\s+(?P<who>.+?)\s+(?:(?P<silent>{_POSITIVE})|"
                      rf"(?P<either>{_POSITIVE_COMMENT}))(?P<rest>.*?){_END}", re.IGNORECASE)
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+weekend)"
_BY = r"(?:phone|telephone|email|e-mail|post|letter|text(?:\s+message)?)"
# What may follow the predicate: when (or how) the request went, and "for this article".
_TIME = (rf"\s+(?:(?:on|by|until|before)\s+{_DAY}|(?:earlier\s+)?(?:this|last)\s+(?:week|month|"
         rf"weekend|morning|afternoon|evening|year)|(?:by|before|ahead\s+of)\s+(?:the\s+time\s+"
         rf"of\s+)?(?:publication(?:\s+time)?|press\s+time|(?:the\s+)?deadline)|in\s+time\s+for\s+"
         rf"publication|by\s+{_BY}|(?:sent|made|emailed|left)\s+(?:by\s+{_BY}|on\s+{_DAY}|"
         rf"(?:earlier\s+)?(?:this|last)\s+week)|for\s+(?:this|the)\s+(?:article|story|report|"
         rf"piece|investigation)|immediately)(?!\w)")
_TIME_AT = re.compile(_TIME, re.IGNORECASE)
_FROM_AT = re.compile(rf"\s+from\s+{_OUTLET}(?!\w)", re.IGNORECASE)
_TOPIC_AT = re.compile(r"\s+(?:about|on|regarding|concerning)(?=\s)", re.IGNORECASE)
_WORD_AT = re.compile(r"\s+([\w'-]+)")
# The outlet is read only after a request ("requests for comment from The Northern Ledger"),
# never after "declined to comment" ("from Lefortovo Prison" says where the party is).
_ASKED = re.compile(rf"(?:{_THINGS}|for\s+(?:comment|an?\s+interview|interviews?))$",
                    re.IGNORECASE)
_UNANSWERED = re.compile(
    rf"^\s*(?:{_MODS}\s+)*{_THINGS}(?:\s+(?:and|or)\s+{_THINGS})?(?:\s+for\s+comment)?"
    rf"(?:\s+(?:sent|emailed|made|put|submitted|left))?\s+to\s+(?P<who>.+?)(?:{_TIME})*\s+"
    rf"(?:(?:went|have\s+gone|has\s+gone|had\s+gone|remain(?:ed)?|remain|were\s+left|was\s+left)"
    rf"\s+unanswered|(?:were|was)\s+not\s+(?:answered|returned)|(?:have|has|had)\s+not\s+been\s+"
    rf"(?:answered|returned))(?P<rest>.*?){_END}", re.IGNORECASE)
# ", nor did the ministry.": one more party the previous clause's predicate is said of.
_NOR = re.compile(r",?\s+nor\s+(?:did|has|have|had|could|would|was|were)\s+(?P<who>[^,;.!]+?)"
                  r"(?:\s+either)?\s*[.!]?\s*$", re.IGNORECASE)
_CLAUSES = re.compile(r"\s*(?:,\s*(?:and|but|while|whereas)|;(?:\s*(?:and|but))?)\s+",
                      re.IGNORECASE)
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
_DETERMINERS = _ARTICLES | {"its", "his", "her", "their", "this", "that", "these", "those"}
_SPEAKERS = frozenset((
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
    "representative", "representatives", "lawyer", "lawyers", "attorney", "attorneys",
    "official", "officials", "officers", "officer", "press", "office", "service",
    "team", "staff", "managers", "management", "owner", "owners", "executives",
))
_OF = frozenset(("for", "of", "at", "from"))
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord",
                     "lady", "gen", "col", "capt", "judge", "mayor", "governor", "gov"))
_RELATIVE = frozenset(("which", "who", "whose", "whom", "where", "when", "that"))
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
# A party naming nobody is a few of these words ("a spokeswoman for the company"); any
# other lowercase word (a verb, "laundered") makes the subject more than who did not reply.
_PARTY_WORDS = _COMMON | _SPEAKERS | _OF | _TITLES | _DETERMINERS
_MAX_PARTY_WORDS = 8
# Words a topic ("about the payments") may not hold: they make it a clause that says
# something ("about the money it laundered", "about payments made by the bank").
_TOPIC_STOP = frozenset((
    "it", "he", "she", "they", "we", "i", "you", "him", "them", "us", "me",
    "that", "which", "who", "whom", "whose", "where", "when", "while", "because", "since",
    "after", "if", "whether", "but", "though", "although", "by", "not", "no", "never",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "could", "should", "can", "may", "might", "must", "said", "says",
    "made", "paid", "taken", "took", "given", "gave", "sent", "got", "gotten", "held", "kept",
    "left", "bought", "sold", "stolen", "stole", "done", "seen", "known", "won", "lost",
))
_TOPIC_PARTICIPLES = frozenset(("alleged", "reported", "proposed", "disputed", "planned"))
# "The Finance Ministry" for "Ministry of Finance": the one inversion read (a head noun
# "of" one to three words, no article).
_INVERTED = frozenset(("ministry", "department", "agency", "office", "bureau", "service",
                       "committee", "commission", "council", "inspectorate", "directorate"))


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


def _inverted(form: str) -> str:
    """'finance ministry' for 'ministry of finance'; '' when the form is not that shape."""
    words = form.split()
    if len(words) in (3, 4, 5) and words[0] in _INVERTED and words[1] == "of" \
            and words[2] not in _ARTICLES:
        return " ".join(words[2:] + words[:1])
    return ""


def name_forms(name: str, short_name: str = "", phrase: str = "", *, person: bool = False,
               protected: bool = False) -> list[str]:
    """Every way a story may name a request target: a protected source only by its
    attribution phrase; others by name, short name, phrase, "the Finance Ministry" for
    "Ministry of Finance", and a person by surname (with or without a courtesy title: the
    subject's reading takes "Mr." and the like)."""
    forms = [phrase] if protected else [name, short_name, phrase]
    parts = name.split()
    if person and not protected and len(parts) > 1:
        forms.append(parts[-1])
    out = [f for f in (normalize_name(f) for f in forms) if f]
    if not person and not protected:
        out += [inv for inv in (_inverted(f) for f in out) if inv]
    return list(dict.fromkeys(out))


def target_label(source: Source) -> str:
    """How a finding names a request's source: its name, or its attribution phrase when it
    is protected (never its real name)."""
    if source.is_protected:
        return source.attribution_phrase.strip() or "a protected source"
    return " ".join(source.name.split())


@dataclass(frozen=True)
class ReplyTarget:
    """A request target as the checker reads right of reply: how a story may name it, how a
    finding may (never a protected source's name) and how its requests ended."""

    label: str
    forms: tuple[str, ...]
    statuses: frozenset[RequestStatus] = field(default=frozenset(RequestStatus))


class Clause(NamedTuple):
    """One no-response clause: who it says did not respond (the subject as written), what
    it says of them, and the names its topic mentions ("about Sberbank's payments"), which
    must be request targets too."""

    subject: str
    saying: Saying
    mentions: tuple[str, ...] = ()


def _saying(match: re.Match[str]) -> Saying:
    if match.group("silent"):
        return "silent"
    return "declined" if match.groupdict().get("declined") else "either"


def _clause(text: str) -> Clause | None:
    """A clause read as a no-response clause, or None when it says anything else."""
    neither = _NEITHER.match(text)
    if neither:
        mentions = _trailers(neither.group("rest"), True)
        return None if mentions is None else Clause(neither.group("who"), _saying(neither),
                                                    mentions)
    unanswered = _UNANSWERED.match(text)
    if unanswered:
        mentions = _trailers(unanswered.group("rest"), False)
        return None if mentions is None else Clause(unanswered.group("who"), "silent",
                                                    mentions)
    shape = _SHAPE.search(text)
    if shape is None or not text[:shape.start()].strip(" ,"):
        return None
    core = text[shape.start():shape.start("rest")]
    mentions = _trailers(shape.group("rest"), bool(_ASKED.search(core)))
    if mentions is None:
        return None
    return Clause(text[:shape.start()], _saying(shape), mentions)


def _trailers(rest: str, asked: bool) -> tuple[str, ...] | None:
    """What follows a no-response predicate, if it is only a time ("on Friday", "by
    publication", "sent by email"), the outlet asking ("from The Northern Ledger", only
    after a request) and a short topic ("about the payments"): the capitalised names the
    topic mentions; None for anything else."""
    mentions: list[str] = []
    pos, n = 0, len(rest)
    for _ in range(_MAX_TRAILERS):
        if pos >= n:
            return tuple(mentions)
        at = _trailer_at(rest, pos, asked)
        if at is not None:
            pos = at
            continue
        topic = _TOPIC_AT.match(rest, pos)
        if topic is None:
            return None
        pos = topic.end()
        words: list[str] = []
        while _trailer_at(rest, pos, asked) is None:
            word = _WORD_AT.match(rest, pos)
            if word is None:
                break
            words.append(word.group(1))
            pos = word.end()
        named = _topic_names(words)
        if named is None:
            return None
        mentions += named
    return tuple(mentions) if pos >= n else None


def _trailer_at(rest: str, pos: int, asked: bool) -> int | None:
    """The end of a time or an outlet trailer at pos, if one is there."""
    m = _TIME_AT.match(rest, pos) or (_FROM_AT.match(rest, pos) if asked else None)
    return None if m is None else m.end()


def _topic_names(words: Sequence[str]) -> list[str] | None:
    """The capitalised names a topic mentions ("the Ministry of Finance's role" →
    "Ministry of Finance's"), or None when it is no short topic: too long, or a word that
    makes it a clause (a pronoun, an auxiliary, a past participle)."""
    if not 1 <= len(words) <= MAX_TOPIC_WORDS:
        return None
    names: list[str] = []
    run: list[str] = []  # the capitalised name being read, with an "of" or "and" in it
    link = ""  # an "of"/"and" after the run, kept only when a capitalised word follows
    for word in words:
        if word[:1].isupper():
            run += [link, word] if link else [word]
            link = ""
            continue
        folded = word.casefold()
        if folded in _TOPIC_STOP or not word.replace("-", "").replace("'", "").isalpha() \
                or (folded.endswith("ed") and folded not in _TOPIC_PARTICIPLES):
            return None
        if run and not link and folded in ("of", "and"):
            link = word
            continue
        if run:
            names.append(" ".join(run))
        run, link = [], ""
    if run:
        names.append(" ".join(run))
    return names


def reply_clauses(sentence: str) -> list[Clause] | None:
    """Each no-response clause of a sentence, when that is all it says: "X and Y did not
    respond to requests for comment, and Z declined to comment." is two, ", nor did W" one
    more; None when any clause says anything else, and for a sentence with figures."""
    text = " ".join(fold_quotes(sentence).split())
    if not text or _FIGURE.search(text):
        return None
    nor = _NOR.search(text)
    tail = None
    if nor is not None and nor.start() > 0:
        text, tail = text[:nor.start()], nor.group("who")
    pieces = [c for c in _CLAUSES.split(text) if c.strip()]
    read = [_clause(c) for c in pieces] if len(pieces) > 1 else []
    clauses = [c for c in read if c is not None]
    if not read or len(clauses) < len(read):
        # One clause, or commas that part a list ("X, Y, and Z declined to comment"): the
        # sentence read whole; its subject's reading refuses anything but parties.
        whole = _clause(text)
        if whole is None:
            return None
        clauses = [whole]
    if tail is not None:
        clauses.append(Clause(tail, clauses[-1].saying))
    return clauses


def no_response_claims(sentence: str) -> list[tuple[str, Saying]] | None:
    """(subject, saying) of each no-response clause of a sentence, when that is all it says
    (reply_clauses without the topic's mentions)."""
    clauses = reply_clauses(sentence)
    return None if clauses is None else [(c.subject, c.saying) for c in clauses]


def no_response_claim(sentence: str) -> tuple[str, Saying] | None:
    """Who a one-clause sentence says did not respond (or declined to comment), if that is
    all it says, and which of the two it says."""
    claims = no_response_claims(sentence)
    return claims[0] if claims is not None and len(claims) == 1 else None


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
        """The longest form at token i that ends where a party ends, or is followed by who
        speaks for it ("Sberbank officials", "Sberbank's press office"): (the form as
        given, the token after the party)."""
        if i >= len(tokens):
            return None
        first = tokens[i]
        keys = [first]
        for mark in ("'s", "'"):  # "Sberbank's": a one-word name by its possessive
            if first.endswith(mark) and len(first) > len(mark):
                keys.append(first[:-len(mark)])
                break
        for key in keys:
            for form, name in self.by_first.get(key, ()):
                end = i + len(form)
                if tuple(tokens[i:end]) == form:
                    after = _speakers(tokens, end)
                elif end <= len(tokens) and tuple(tokens[i:end - 1]) == form[:-1] \
                        and tokens[end - 1] in (f"{form[-1]}'s", f"{form[-1]}'"):
                    after = _speakers(tokens, end)
                    if after == end:  # a possessive of what? ("Sberbank's fines")
                        continue
                else:
                    continue
                if _ends_party(tokens, after):
                    return name, after
        return None


def _ends_party(tokens: Sequence[str], i: int) -> bool:
    return i >= len(tokens) or tokens[i] in _COMMA or tokens[i] in _JOINERS


def _speakers(tokens: Sequence[str], i: int) -> int:
    while i < len(tokens) and tokens[i] in _SPEAKERS:
        i += 1
    return i


def _lead(tokens: Sequence[str], i: int) -> int:
    """Past what may stand before a party's name: an article, who speaks for it ("a
    spokeswoman for the", "representatives of"), a courtesy title ("Mr.")."""
    j = i + (i < len(tokens) and tokens[i] in _ARTICLES)
    k = _speakers(tokens, j)
    if k > j and k < len(tokens) and tokens[k] in _OF:
        j = k + 1 + (k + 1 < len(tokens) and tokens[k + 1] in _ARTICLES)
    if j < len(tokens) and tokens[j] in _TITLES:
        j += 1
    return j


def _common(word: str) -> bool:
    folded = word.casefold()
    singular = (folded[:-3] + "y" if folded.endswith("ies") else
                folded[:-1] if folded.endswith("s") else folded)
    return folded in _PARTY_WORDS or singular in _PARTY_WORDS


def _other_party(shown: Sequence[str]) -> bool | None:
    """A party that is no request target: True when it names someone (a capitalised word
    that is not a common one: "Gazprom", "a spokeswoman for Gazprom", "the Ministry of
    Energy"), False when it names nobody ("the company", "officials at the ministry"), None
    when it is more than a party (a relative clause, a verb: "the bank that moved the
    money", "Customs officers took bribes")."""
    if len(shown) > _MAX_PARTY_WORDS:
        return None
    names = False
    for at, word in enumerate(shown):
        folded = word.casefold()
        if folded in _RELATIVE and not (at == 0 and folded == "that"):
            return None
        if _common(word):
            continue
        if not word[:1].isupper():
            return None
        names = True
    return names


def read_subject(subject: str, names: Iterable[str] | NameIndex) -> Subject | None:
    """What a no-response subject names, among request targets known by `names` (name
    forms, or their NameIndex; a target is given back as its form in `names`).

    One pass over its words: parties joined by commas (a list ends in "and", "or" or
    "nor"), each a target's longest form, or a few capitalised or common words up to the
    next separator. None when the subject is more than parties (a relative clause, an
    appositive: "Sberbank, which moved the money,"; "Sberbank, Russia's largest lender,";
    a dash or a bracket), and when it names more than MAX_PARTIES parties: no right-of-reply
    sentence does."""
    plain = " ".join(fold_quotes(subject).replace(".", " ").split())
    if plain.endswith(","):  # an appositive or a relative clause closed before the verb
        return None
    shown = _TOKEN.findall(plain)
    tokens = [t.casefold() for t in shown]
    forms = names if isinstance(names, NameIndex) else NameIndex(names)
    targets: list[str] = []
    strangers: list[str] = []
    parts = unnamed = 0
    n = len(tokens)
    i = 1 if n > 1 and tokens[0] == "both" else 0  # "Both X and Y"
    last = ""  # the separator before the last party
    while i < n:
        parts += 1
        if parts > MAX_PARTIES:
            return None
        start = _lead(tokens, i)
        found = next((m for j in dict.fromkeys((i, i + (tokens[i] in _ARTICLES), start))
                      if (m := forms.match(tokens, j)) is not None), None)
        if found is not None:
            targets.append(found[0])
            i = found[1]
        else:
            end = i
            while not _ends_party(tokens, end):
                end += 1
            other = _other_party(shown[i:end])
            if other is None or end == i:
                return None
            if other:
                strangers.append(" ".join(shown[i:end]))
            else:
                unnamed += 1
            i = end
        if i == n:
            break
        if tokens[i] == ",":
            i += 1
            last = ","
        elif tokens[i] not in _JOINERS:  # ";", a dash, a bracket: not a list of parties
            return None
        if i < n and tokens[i] in _JOINERS:
            last = tokens[i]
            i += 1
        if i == n:
            return None
    if last == ",":  # "X, Y did not respond": Y describes X
        return None
    return Subject(tuple(targets), tuple(strangers), unnamed)


def reply_parties(subject: str, names: Iterable[str]) -> tuple[str, ...] | None:
    """The request targets a subject names, in order, when it names nothing else ('X, the
    Y and Z'); None when any part of it is not one of `names` (name forms)."""
    read = read_subject(subject, names)
    return read.targets if read is not None and read.only_targets else None


def mentions_only_targets(mentions: Iterable[str], index: NameIndex) -> bool:
    """Whether every name a topic mentions is a request target (by a form in `index`)."""
    for mention in mentions:
        read = read_subject(mention.removesuffix("'s").removesuffix("'"), index)
        if read is None or not read.only_targets:
            return False
    return True


def is_right_of_reply(sentence: str, names: Iterable[str]) -> bool:
    """True when the sentence says only that request targets did not respond or declined."""
    clauses = reply_clauses(sentence)
    if clauses is None:
        return False
    index = NameIndex(names)
    for clause in clauses:
        read = read_subject(clause.subject, index)
        if read is None or not read.only_targets \
                or not mentions_only_targets(clause.mentions, index):
            return False
    return True


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
        forms = name_forms(source.name, source.short_name, source.attribution_phrase,
                           person=source.kind is SourceKind.PERSON,
                           protected=source.is_protected)
        out.append(ReplyTarget(target_label(source), tuple(forms), frozenset(statuses)))
    return out
