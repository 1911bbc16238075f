"""How a source's or publisher's name is written in print: one place for the attribution,
the footnote citation and the right-of-reply sentence, so they never disagree.

Articles ("the Embassy of Japan", "Sberbank", "a subsidiary of Acme Trading Corp.") and role
forms ("Yuri Petrov, owner of a timber yard", "Anna Kim, who runs a bakery in Tver") are
decided here; the explicit choice on the source record always wins over the rules.
"""

from __future__ import annotations

import functools
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
# Heads that make a name an institution's only as its last word or before "of" ("the
# European Union", "the International Monetary Fund", "the Red Cross", "the University of
# Tokyo", "the Republic of Korea"), not anywhere in it ("Union Pacific", "Cross Fit").
INSTITUTION_HEADS = frozenset((
    "union", "fund", "cross", "crescent", "foundation", "programme", "program", "forum",
    "alliance", "republic", "university", "academy", "chamber", "league", "association",
    "society", "museum", "college", "kingdom", "commonwealth", "board", "reserve",
    "observatory", "library",
))
# Heads that make a name a place's or an institution's only before "of" ("the Port of
# Vladivostok", "the City of London").
_OF_HEADS = frozenset(("port", "city", "state", "province", "region", "district", "county",
                       "municipality", "island", "islands"))
# "Bank" is an institution after these words ("the World Bank", "the Central Bank of
# Russia", "the European Investment Bank"); otherwise a company ("Amur Commerce Bank").
_BANK_QUALIFIERS = frozenset((
    "world", "central", "national", "reserve", "development", "investment", "european",
    "asian", "african", "islamic", "inter-american", "international", "federal", "people's",
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


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def clean(text: str) -> str:
    """Collapse runs of white space (names typed or pasted with double spaces)."""
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def auto_article(name: str) -> Article:
    """The article a name takes by rule: none when it already has one or a proper noun's
    possessive ("Gazprom's export arm"); "the" for an institution — a word such as Embassy,
    Ministry or Service anywhere in it ("the Embassy of Japan"), an institution head as its
    last word ("the European Union", "the Red Cross", "the World Bank") or a capitalised
    head noun before "of" that is not the name's first word or is an institution head ("the
    Central Bank of Russia", "the University of Tokyo", "the Republic of Korea") — and for a
    name that is a common-noun phrase, ending in or starting with a lower-case noun ("the
    Acme Trading Corp. subsidiary", "the subsidiary of Acme"); otherwise none (companies,
    people: "Sberbank").

    A company named "Bank of …" takes none, as AP writes "Bank of America": "Bank" first and
    before "of" is read as a company's name; a central bank named that way ("the Bank of
    England") needs the article set on its record."""
    words = _words(name)
    if not words:
        return Article.NONE
    first = words[0]
    if first.lower() in ("the", "a", "an") or any(
            w[:1].isupper() and re.search(r"['’]s$", w) for w in words):
        return Article.NONE
    folded = [w.casefold() for w in words]
    if any(w in INSTITUTION_WORDS for w in folded) or _institution_head(words, folded):
        return Article.THE
    last = words[-1]
    if name.rstrip()[-1:].isalpha() and last.isalpha() and last.islower():
        return Article.THE
    if first.isalpha() and first.islower() and first not in _PARTICLES:
        return Article.THE
    return Article.NONE


def _is_head(words: list[str], folded: list[str], i: int, before_of: bool) -> bool:
    """Whether word i is an institution's head noun: a listed head (capitalised), or "bank"
    after a word that makes a bank an institution, or — before "of" — "Bank" after any word
    ("the Central Bank of Russia", not "Bank of America") or a place's head."""
    if not words[i][:1].isupper():
        return False
    if folded[i] == "bank":
        return i > 0 and (before_of or folded[i - 1] in _BANK_QUALIFIERS)
    return folded[i] in INSTITUTION_HEADS or (before_of and folded[i] in _OF_HEADS)


def _institution_head(words: list[str], folded: list[str]) -> bool:
    """'… Union', '… Fund', 'World Bank'; 'University of …', 'Central Bank of …'."""
    if len(words) > 1 and _is_head(words, folded, len(words) - 1, False):
        return True
    return any(folded[i + 1] == "of" and _is_head(words, folded, i, True)
               for i in range(len(words) - 1))


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def with_article(name: str, article: Article | None = Article.AUTO, *,
                 publication: bool = False) -> str:
    """The name with its article, as it reads inside a sentence: the explicit article wins
    (THE → "the …", A/AN → "a/an …", NONE → bare, as typed), AUTO decides by
    `auto_article`. A name typed with its own leading article keeps it, lower case inside a
    sentence ("The Ministry of Finance" → "the Ministry of Finance"), except a
    `publication`'s, whose capital "The" is the title's own ("The New York Times", as AP
    keeps it)."""
    name = clean(name)
    if not name:
        return name
    if article is Article.NONE:
        return name
    chosen = auto_article(name) if article in (None, Article.AUTO) else article
    first, _, rest = name.partition(" ")
    if first.lower() in ("the", "a", "an"):
        if publication or not rest:
            return name
        return f"{first.lower()} {rest}"
    if chosen is Article.NONE:
        return name
    return f"{chosen.value} {name}"


def source_name(source: Source) -> str:
    """An on-record source's name with its article, as it reads inside a sentence; a person
    takes an article only when one is set on the record."""
    article = source.article
    if source.kind is SourceKind.PERSON and article in (None, Article.AUTO):
        article = Article.NONE
    return with_article(source.name, article)


def capitalize_first(text: str) -> str:
    """The text as a sentence or a label starts it: the first letter upper case when the
    first word is all lower case ("the Embassy …" → "The Embassy …", "de Beers" → "De
    Beers"); a mixed-case brand stays as it is written ("eBay", "iPhone maker")."""
    first = text.split(" ", 1)[0]
    if not first or not first.islower():
        return text
    return text[:1].upper() + text[1:]


def bare_name(source: Source) -> str:
    """The name as a label prints it (the requests table): no generated article, capital
    first letter unless the name is a mixed-case brand ("Embassy of Japan", "The New York
    Times", "eBay")."""
    return capitalize_first(clean(source.name))


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def body_key(name: str) -> str:
    """A body's name as compared to tell whether two names are one body: case-folded, single
    spaces, a leading "the" dropped — the rule support.py counts voices by."""
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


# Adverbs a predicate role starts with ("recently opened a bakery", "once owned a shop").
_LEADING_ADVERBS = frozenset(("recently", "once", "still", "now", "also", "formerly",
                              "previously", "currently", "briefly", "later", "never",
                              "often", "long", "since"))
# Words that follow a verb, not a noun, at the start of a role ("opened a bakery", "fishes on
# the Amur", "says he was beaten", "used to run") — a noun head is followed by a noun or "of"
# ("retired teacher", "sales manager").
_AFTER_A_VERB = frozenset((
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "two", "three", "four",
    "five", "several", "many", "some", "on", "in", "at", "for", "with", "as", "to", "that",
    "he", "she", "they", "we", "it", "up", "out", "off", "across", "into", "from", "around",
    "along", "over", "under", "through", "there", "here", "abroad", "himself", "herself"))


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def is_relative(role: str) -> bool:
    """Whether a role, as written, is a predicate ("runs a bakery", "who runs …", "used to
    run a bakery", "recently opened a bakery", "says he was beaten") rather than a noun
    phrase ("owner of a timber yard", "retired teacher")."""
    words = [w.strip(",") for w in role.split()]
    if not words:
        return False
    first = words[0].lower()
    if first in (*FINITE_VERBS, *_RELATIVES):
        return True
    if first in _LEADING_ADVERBS and len(words) > 1 and words[0].islower():
        return is_relative(" ".join(words[1:]))
    # A word the list does not know, read by its shape and what follows it: a lower-case
    # -s/-ed word (not a plural noun's ending) followed by an article, pronoun, number or
    # preposition is a verb ("opened a bakery", "fishes on the Amur", "used to …").
    return (words[0].islower() and len(words) > 1 and first.endswith(("s", "ed"))
            and not first.endswith(_NOUN_ENDINGS) and first not in _NOT_VERBS
            and words[1].lower() in _AFTER_A_VERB)


# Plural nouns a role may start with that the -s rule would read as verbs.
_NOT_VERBS = frozenset(("sales", "news", "series", "logistics", "operations", "customs",
                        "communications", "affairs", "relations", "arts", "sports"))


def _relative_pronoun(source: Source) -> str:
    return "who" if source.kind is SourceKind.PERSON else "which"


def role_phrase(source: Source) -> tuple[str, bool]:
    """What follows the name and its comma on first reference, and whether it is a relative
    clause.

    The form is the record's `role_form`, or by AUTO read from how the role is written: a
    role whose first word is a finite verb (is, was, has, runs, owns, drives …) or that
    already starts with who/which is a relative clause, "who runs a bakery in Tver"
    ("which …" for an organisation); anything else is an appositive noun phrase, "owner of a
    timber yard". A verb-led clause is printed as written, with no place added: it carries
    its own complements, and a place tacked on its end attaches to the wrong word ("who has
    driven a taxi since 2011 in Khabarovsk"). An appositive takes " in LOCATION" (else
    " at AFFILIATION") only when the role does not already name it and does not already end
    in a time or place phrase ("since 2011", "from Tver") or carry a figure.

    An explicit form is honoured where English allows it: a noun phrase set to RELATIVE
    reads "who is the owner of a timber yard" / "who is a spokesman" (`predicate_noun`);
    APPOSITIVE on a role written as a lower-case verb phrase ("runs a bakery") cannot be an
    appositive ("Anna Kim, runs a bakery") and falls back to the relative clause — a role
    starting with a capital ("Leads Logistics director") is a name and stays appositive."""
    role = clean(source.role_title).rstrip(" ,;:")
    if not role:
        return "", False
    first, _, rest = role.partition(" ")
    verb_led = is_relative(role)
    form = source.role_form if source.role_form not in (None, RoleForm.AUTO) else (
        RoleForm.RELATIVE if verb_led else RoleForm.APPOSITIVE)
    if form is RoleForm.APPOSITIVE and verb_led and first.islower():
        form = RoleForm.RELATIVE
    if form is RoleForm.APPOSITIVE:
        return role + _place(source, role), False
    if first.lower() in _RELATIVES:
        return f"{first.lower()} {rest}".strip(), True
    if verb_led or _reads_as_verb(first, rest):
        return f"{_relative_pronoun(source)} {first.lower()} {rest}".strip(), True
    noun = role + _place(source, role)
    return f"{_relative_pronoun(source)} is {predicate_noun(noun)}", True


_NOUN_ENDINGS = ("ss", "us", "is", "ics", "ions", "ers", "ors", "ists", "ants", "ents")


def _reads_as_verb(first: str, rest: str) -> bool:
    """Whether a role set to RELATIVE whose first word the rules do not know is written as
    a verb ("co-manages a depot", "repaired trucks") rather than a noun phrase ("owner of a
    timber yard", "operations manager"): a lower-case word ending in -s or -ed, not a
    plural noun's ending, with words after it that do not start with "of"."""
    word = first.lower()
    return (first.islower() and bool(rest) and not rest.lower().startswith("of ")
            and word.endswith(("s", "ed")) and not word.endswith(_NOUN_ENDINGS))


# Heads of a role "X of Y" that one of many holds ("a member of parliament", "a resident of
# Tver"); any other head before "of" is the one post ("the owner of a timber yard").
_ONE_OF_MANY = frozenset((
    "member", "resident", "citizen", "employee", "friend", "native", "student", "supporter",
    "client", "customer", "partner", "shareholder", "worker", "official", "officer", "agent",
    "representative", "spokesman", "spokeswoman", "spokesperson", "part", "relative",
    "neighbour", "neighbor", "veteran", "colleague", "graduate", "fan", "critic", "victim",
    "survivor", "investor", "creditor", "associate", "fellow", "volunteer", "activist",
    "lawyer", "adviser", "advisor", "consultant",
))
_DETERMINERS = frozenset(("a", "an", "the", "one", "his", "her", "their", "its", "our", "my",
                          "your", "this", "that", "another", "no"))
# Vowel letters said with a consonant ("a university", "a European", "a one-off") and
# consonants said with a vowel ("an hour", "an honest").
_SAID_AS_CONSONANT = ("uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once", "ewe")
_SAID_AS_VOWEL = ("hour", "honest", "honor", "honour", "heir")
_LETTER_VOWELS = frozenset("AEFHILMNORSX")  # letters whose names start with a vowel sound


def indefinite_article(word: str) -> str:
    """'a' or 'an' for the word by how it is said: "an owner", "a university", "an hour",
    "an MP" (an abbreviation by its first letter's name), "a BBC reporter"."""
    letters = word.lstrip("\"'“‘(")
    if not letters:
        return "a"
    if len(letters) > 1 and letters.isupper() and letters.isalpha():
        return "an" if letters[0] in _LETTER_VOWELS else "a"
    folded = letters.casefold()
    if folded.startswith(_SAID_AS_VOWEL):
        return "an"
    if folded.startswith(_SAID_AS_CONSONANT):
        return "a"
    return "an" if folded[0] in "aeiou" else "a"


@functools.lru_cache(maxsize=8192)  # pure: a case repeats its names
def predicate_noun(role: str) -> str:
    """A noun-phrase role as it follows "who is": with "the" for the one post of something
    ("the owner of a timber yard", "the former mayor of Tver"), with a/an by sound for one of
    many ("a spokesman for the ministry", "a member of parliament", "an engineer"), as
    written when it already has a determiner or a possessive ("Gazprom's lawyer")."""
    words = role.split()
    if not words:
        return role
    first = words[0]
    if first.casefold() in _DETERMINERS or re.search(r"['’]s$", first):
        return role
    head = next((words[i - 1] for i in range(1, min(len(words), 5)) if words[i] == "of"), "")
    if head and head.casefold().strip(",") not in _ONE_OF_MANY:
        return f"the {role}"
    return f"{indefinite_article(first)} {role}"


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
