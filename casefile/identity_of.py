"""What identifies a protected source: every part of the name, the proper nouns of a second
reference, contact details (a phone by its national number, an address by its distinctive
local part) and lines of private notes — never the pseudonym the story prints
(casefile/identity.py finds them in text)."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

import phonenumbers

from casefile.identity_text import is_ignorable, key
from casefile.models import GroundRules, Source, SourceKind
from casefile.read_models import SourceData

__all__ = ["MIN_PHONE_DIGITS", "REDACTED", "Identity", "identities_of", "name_parts"]

REDACTED = "[withheld]"
MIN_PHONE_DIGITS = 7

# Words written with a name that identify nobody: titles never; particles ("van", "de",
# "bin") only inside a name — first or last they are the name ("Lê Hoa", "Mr. Du").
_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
    "gen", "col", "maj", "capt", "lt", "sgt", "gov", "sen", "rep", "amb", "hon", "jr", "sr",
    "ii", "iii", "iv", "mme", "mlle", "herr", "frau", "g", "gn", "gospodin", "gospozha",
    "st", "ste", "y", "e", "of", "the", "and", "a", "an",
}
_PARTICLES = {
    "de", "del", "della", "der", "den", "di", "da", "do", "dos", "du", "la", "le", "les",
    "van", "von", "zu", "ten", "ter", "al", "el", "bin", "ibn", "bint", "ben", "abu", "san",
}
_NOT_NAMES = _TITLES | _PARTICLES
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_PHONE_KINDS = {"phone", "mobile", "tel", "telephone", "signal", "whatsapp", "sms", "viber",
                "fax", "landline", "cell"}
_DIGIT_RUN = re.compile(r"\+?\(?\d(?:[ \-./()]{0,6}\d)+\)?")
# A letter O between digits is a zero ("555 O199").
_LETTER_O = re.compile(r"(?<=\d)[Oo](?=[ \-.]?\d)|(?<=\d[ \-.])[Oo](?=\d)")
_GENERIC_LOCAL = {"info", "contact", "press", "office", "mail", "admin", "hello", "news",
                  "media", "enquiries", "inquiries", "support", "team"}


@dataclass(frozen=True)
class Identity:
    """One thing that identifies a protected source."""

    source: uuid.UUID
    part: str  # "name", "name part", "second reference", "contact details", "notes"
    text: str  # as stored in the case file
    rules: GroundRules
    replacement: str  # what an export that rewrites text puts in its place

    @property
    def why(self) -> str:
        """What the words reveal, for a refusal: "the confidential source's name part"."""
        return f"the {self.rules.value.replace('_', ' ')} source's {self.part}"


def identities_of(source: Source | SourceData) -> list[Identity]:
    """What identifies one protected source: its name and every part of it, the proper
    nouns of its second reference, its contact details and its notes — never its pseudonym."""
    rules = source.ground_rules
    phrase = source.attribution_phrase or ""
    replacement = phrase or REDACTED
    printed = {key(w) for w in re.findall(r"\w+", phrase)}

    def ident(part: str, text: str, repl: str = replacement) -> Identity:
        return Identity(source.uuid, part, text, rules, repl)

    out: list[Identity] = []
    name = " ".join(source.name.split())
    bare = " ".join(_BRACKETED.sub(" ", name).split())
    if bare:
        out.append(ident("name", bare))
    if source.kind is SourceKind.PERSON:
        for part in name_parts(bare):
            if key(part) not in printed:
                out.append(ident("name part", part))
    for word in _proper_nouns(source.short_name):
        if key(word) not in printed and key(word) not in {key(i.text) for i in out}:
            out.append(ident("second reference", word))
    for contact in source.contacts or []:
        value, kind = _contact(contact)
        if len(key(value)) >= 4 or len(_phone_digits(value, kind)) >= MIN_PHONE_DIGITS:
            out.append(Identity(source.uuid, "contact details", value, rules, REDACTED))
    for line in (source.notes or "").splitlines():
        if len(line.strip()) >= 12:
            out.append(Identity(source.uuid, "notes", line.strip(), rules, REDACTED))
    return [i for i in out if key(i.text) or _phone_digits(i.text)]


def name_parts(name: str) -> list[str]:
    """Every part of a person's name, whatever its order: "Oyelaran-Brück" gives itself,
    "Oyelaran" and "Brück"; honorifics, particles and initials are left out. A whole word
    counts from two letters ("Li"); a piece of a hyphenated one from four ("Min-jun" does not
    protect "min" and "jun", which are words of their own)."""
    out: list[str] = []
    written = re.findall(r"[\w'’\-\u2010\u2011\u00ad\u200b-\u200d\u2060]+", name)
    named = [w for w in written if key(w) not in _TITLES]
    for i, word in enumerate(named):
        pieces = re.split(r"[-\u2010\u2011]", word)
        inside = 0 < i < len(named) - 1
        for piece in [word, *(pieces if len(pieces) > 1 else [])]:
            folded = key(piece)
            shortest = 2 if piece == word else 4
            if len(folded) < shortest or folded.isdigit() or piece in out \
                    or folded in _TITLES or (inside and folded in _PARTICLES):
                continue
            out.append(piece)
    return out


def _proper_nouns(text: str) -> list[str]:
    """Capitalised words of a second reference ("Mr. Dyakov" → "Dyakov"; "the official" →
    nothing): a descriptive reference is what the story prints."""
    out = []
    for word in re.findall(r"\w[\w'’\-]*", text or ""):
        folded = key(word)
        if word[:1].isupper() and len(folded) >= 2 and folded not in _NOT_NAMES:
            out.append(word)
    return out


def _contact(contact: Any) -> tuple[str, str]:
    if isinstance(contact, dict):
        return str(contact.get("value", "")).strip(), str(contact.get("kind", "")).casefold()
    return str(contact).strip(), ""


def _phone_text(text: str) -> tuple[str, list[int]]:
    """`text` as a phone number reader sees it — invisible characters gone, every kind of
    digit a digit, every dash, space and underscore one separator, a letter O between digits
    a zero — with the index in `text` of each character."""
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if is_ignorable(c):
            continue
        if c.isdecimal():
            c = str(unicodedata.decimal(c))
        elif c.isspace() or c == "_" or unicodedata.category(c) in ("Po", "Sm", "Zs") \
                and c not in "+()":
            c = " "
        elif unicodedata.category(c) == "Pd" or c == "\u2212":
            c = "-"
        chars.append(c)
        origin.append(i)
    return _LETTER_O.sub("0", "".join(chars)), origin


def _phone_digits(value: str, kind: str = "") -> str:
    """The national significant number of a phone contact ('' if it is not one). The
    number may stand among words ("+7 914 555-01-99 (WhatsApp)", "tel. 8-914-555-02-77",
    "+1 202-555-0199 ext. 12"): the longest run of digits is taken."""
    normal, _origin = _phone_text(value)
    runs = [m.group(0) for m in _DIGIT_RUN.finditer(normal)]
    run = max(runs, key=lambda r: len(re.sub(r"\D", "", r)), default="")
    digits = re.sub(r"\D", "", run)
    rest = normal.replace(run, " ")
    if len(digits) < MIN_PHONE_DIGITS or (re.search(r"\d", rest) and kind not in _PHONE_KINDS):
        return ""  # an address or handle that holds digits is matched by its letters
    if run.lstrip().startswith("+") or digits.startswith("00"):
        try:
            nsn = phonenumbers.national_significant_number(
                phonenumbers.parse("+" + digits.removeprefix("00"), None))
            if len(nsn) >= MIN_PHONE_DIGITS:
                return nsn
        except phonenumbers.NumberParseException:
            pass
    return digits.lstrip("0")[-10:]


def _email_local(value: str) -> str:
    """The distinctive local part of an e-mail address ('' when generic or not one)."""
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain:
        return ""
    local = local.split("+", 1)[0]  # "marta.ob+cf@…" is marta.ob's address
    return "" if key(local) in _GENERIC_LOCAL or len(key(local)) < 4 else local
