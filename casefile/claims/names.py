"""How a source's or publisher's name is written in print: one place for the attribution,
the footnote citation and the right-of-reply sentence, so they never disagree.

Articles ("the Embassy of Japan", "Sberbank", "a subsidiary of Acme Trading Corp.") and role
forms ("Yuri Petrov, owner of a timber yard", "Anna Kim, who runs a bakery in Tver") are
decided here; the explicit choice on the source record always wins over the rules.
"""

from __future__ import annotations

import re

from casefile.models import Article, RoleForm, Source, SourceKind

# Words that make a name an institution's, which takes "the" ("the Far Eastern Customs
# Directorate"); companies do not ("Amur Commerce Bank", "Sberbank").
INSTITUTION_WORDS = frozenset((
    "service", "directorate", "agency", "ministry", "committee", "court", "office",
    "administration", "department", "council", "embassy", "consulate", "government", "police",
    "prosecutor", "commission", "parliament", "duma", "kremlin", "federation", "nations",
    "institute", "bureau", "authority", "inspectorate", "tribunal", "secretariat", "assembly",
    "senate", "organisation", "organization",
))
# Lower-case name particles that are part of a proper name, not a common noun.
_PARTICLES = frozenset(("de", "da", "di", "du", "del", "della", "des", "van", "von", "der",
                        "den", "la", "le", "al", "el", "bin", "ibn", "y"))
_WORD = re.compile(r"[\w’'-]+")

# First words that make a role a predicate ("runs a bakery in Tver", "has driven a taxi since
# 2011"): finite verbs a role is written with. Words that are as often adjectives
# ("retired teacher", "trained nurse", "elected mayor") are left out on purpose.
FINITE_VERBS = frozenset((
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "does",
    "did", "runs", "ran", "owns", "owned", "drives", "drove", "works", "worked", "heads",
    "headed", "leads", "led", "manages", "managed", "teaches", "taught", "sells", "sold",
    "lives", "lived", "serves", "served", "represents", "represented", "oversees", "oversaw",
    "chairs", "chaired", "founded", "co-founded", "co-owns", "directs", "directed", "trades",
    "traded", "imports", "imported", "exports", "exported", "advises", "advised", "covers",
    "covered", "studies", "studied", "helps", "helped", "spent", "spends", "became", "left",
    "joined", "keeps", "kept", "operates", "operated", "builds", "built", "writes", "wrote",
    "coordinates", "organises", "organizes", "organised", "organized", "monitors",
    "monitored", "investigates", "investigated", "specialises", "specializes", "fled",
    "moved", "returned", "grows", "grew", "farms", "farmed", "handles", "handled", "buys",
    "bought", "ships", "shipped", "supplies", "supplied", "employs", "employed", "quit",
    "lost", "makes", "made", "brokers", "brokered", "hauls", "hauled", "rents", "rented",
))
_RELATIVES = ("who", "which", "whose", "whom")
# Words after which a role already says where or when: another place would attach wrongly.
_PLACED = frozenset(("since", "until", "till", "from", "between", "during", "ago", "before",
                     "after"))


def publisher_name(publisher: str, publisher_source: Source | None) -> str:
    """Who published a document, as print may name them: the linked source record wins over
    typed text (its name on the record, else its attribution phrase, never its real name),
    then the typed publisher; '' when neither is known."""
    if publisher_source is not None:
        if publisher_source.is_protected:
            return publisher_source.attribution_phrase.strip()
        return publisher_source.name.strip()
    return publisher.strip()


def clean(text: str) -> str:
    """Collapse runs of white space (names typed or pasted with double spaces)."""
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def auto_article(name: str) -> Article:
    """The article a name takes by rule: none when it already has one or a proper noun's
    possessive ("Gazprom's export arm"); "the" for an institution ("the Embassy of Japan")
    or a name that is a common-noun phrase — ending in, or starting with, a lower-case noun
    ("the Acme Trading Corp. subsidiary", "the subsidiary of Acme"); otherwise none
    (companies, people: "Sberbank")."""
    words = _words(name)
    if not words:
        return Article.NONE
    first = words[0]
    if first.lower() in ("the", "a", "an") or any(
            w[:1].isupper() and re.search(r"['’]s$", w) for w in words):
        return Article.NONE
    if any(w.lower() in INSTITUTION_WORDS for w in words):
        return Article.THE
    last = words[-1]
    if name.rstrip()[-1:].isalpha() and last.isalpha() and last.islower():
        return Article.THE
    if first.isalpha() and first.islower() and first not in _PARTICLES:
        return Article.THE
    return Article.NONE


def with_article(name: str, article: Article | None = Article.AUTO) -> str:
    """The name with its article, lower-case, as it reads inside a sentence: the explicit
    article wins (THE → "the …", A/AN → "a/an …", NONE → bare), AUTO decides by
    `auto_article`. A name that already starts with an article keeps it as typed."""
    name = clean(name)
    if not name:
        return name
    chosen = auto_article(name) if article in (None, Article.AUTO) else article
    first = name.split()[0].lower()
    if chosen is Article.NONE or first in ("the", "a", "an"):
        return name
    return f"{chosen.value} {name}"


def source_name(source: Source) -> str:
    """An on-record source's name with its article, as it reads inside a sentence; a person
    takes an article only when one is set on the record."""
    article = source.article
    if source.kind is SourceKind.PERSON and article in (None, Article.AUTO):
        article = Article.NONE
    return with_article(source.name, article)


def bare_name(source: Source) -> str:
    """The name as a label prints it (the requests table): no generated article, capital
    first letter ("Embassy of Japan", "The New York Times")."""
    name = clean(source.name)
    return name[:1].upper() + name[1:]


def is_relative(role: str) -> bool:
    """Whether a role, as written, is a predicate ("runs a bakery", "who runs …") rather than
    a noun phrase ("owner of a timber yard")."""
    words = role.split()
    return bool(words) and words[0].lower().strip(",") in (*FINITE_VERBS, *_RELATIVES)


def _relative_pronoun(source: Source) -> str:
    return "who" if source.kind is SourceKind.PERSON else "which"


def role_phrase(source: Source) -> tuple[str, bool]:
    """What follows the name and its comma on first reference, and whether it is a relative
    clause.

    The form is the record's `role_form`, or by AUTO read from how the role is written: a
    role whose first word is a finite verb (is, was, has, runs, owns, drives …) or that
    already starts with who/which is a relative clause, "who runs a bakery in Tver"
    ("which …" for an organisation); anything else is an appositive noun phrase, "owner of a
    timber yard". A relative clause is printed as written (a role set to RELATIVE that starts
    with an article is a noun phrase and reads "who is a …"), with no place added: it carries
    its own complements, and a place tacked on its end attaches to the wrong word ("who has
    driven a taxi since 2011 in Khabarovsk"). An appositive takes " in LOCATION" (else
    " at AFFILIATION") only when the role does not already name it and does not already end
    in a time or place phrase ("since 2011", "from Tver") or carry a figure."""
    role = clean(source.role_title).rstrip(" ,;:")
    if not role:
        return "", False
    form = source.role_form if source.role_form not in (None, RoleForm.AUTO) else (
        RoleForm.RELATIVE if is_relative(role) else RoleForm.APPOSITIVE)
    if form is RoleForm.RELATIVE:
        first, _, rest = role.partition(" ")
        if first.lower() in _RELATIVES:
            return f"{first.lower()} {rest}".strip(), True
        if first.lower() in FINITE_VERBS:
            role = f"{first.lower()} {rest}".strip()
        elif first.lower() in ("a", "an", "the"):  # a noun phrase set to read as a clause
            role = f"is {role}"
        return f"{_relative_pronoun(source)} {role}", True
    return role + _place(source, role), False


def _place(source: Source, role: str) -> str:
    """' in Khabarovsk' / ' at the Far Eastern Customs Directorate' / ''."""
    folded = role.casefold()
    words = {w.casefold() for w in _words(role)}
    if words & _PLACED or any(ch.isdigit() for ch in role):
        return ""
    location = clean(source.location)
    town = location.split(",")[0].strip()
    if location and town.casefold() not in folded:
        return f" in {location}"
    affiliation = clean(source.affiliation)
    if location or not affiliation or affiliation.casefold() in folded:
        return ""
    return f" at {with_article(affiliation)}"
