"""Right of reply as stories write it: recognising a no-response sentence that names only
parties the case sent a request for comment to.

"The Embassy of Japan and Sberbank did not respond to requests for comment.", "Neither X nor
Y responded to requests for comment", "X, Y and Z declined to comment": a reporter writes the
non-responders in one sentence, not one sentence each as Casefile generates them. The checker
accepts such a sentence without a claim anchor when every party in its subject is a request
target (by name, short name, with or without "the", or a protected source's attribution
phrase); anything else in it — a party with no request, or figures — leaves it to be checked
like any other sentence. Pure functions over text and names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from casefile.claims.quote_wording import fold_quotes

_VERB = r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)"
_THINGS = (r"(?:requests?|questions?|calls?|e-?mails?|messages?|inquiries|inquiry|enquiries|"
           r"enquiry)")
_WHAT = (rf"(?:\s+to)?(?:\s+(?:a|the|our|repeated|multiple|several|emailed|written|"
         rf"phone|telephone|further|detailed|follow-up))*\s+{_THINGS}"
         rf"(?:\s+(?:and|or)\s+{_THINGS})?(?:\s+for\s+comment)?")
_NEGATIVE = (rf"(?:did\s+not|didn't|has\s+not|have\s+not|hasn't|haven't)\s+(?:yet\s+)?"
             rf"(?:immediately\s+)?(?:{_VERB}(?:{_WHAT})?|comment)")
_OTHER = (r"(?:(?:declined|refused)\s+to\s+comment|could\s+not\s+be\s+reached"
          r"(?:\s+for\s+comment)?)")
_POSITIVE = rf"(?:{_VERB}(?:{_WHAT})?|commented)"  # only after "Neither"
_WHEN = (r"(?:\s+(?:by|before)\s+(?:the\s+time\s+of\s+)?(?:publication|press\s+time|"
         r"(?:the\s+)?deadline))?")
_END = r"\s*[.!]?\s*$"
_SHAPE = re.compile(rf"\s+(?:{_NEGATIVE}|{_OTHER}){_WHEN}{_END}", re.IGNORECASE)
_NEITHER = re.compile(rf"^\s*neither\s+(.+?)\s+{_POSITIVE}{_WHEN}{_END}", re.IGNORECASE)
_FIGURE = re.compile(r"\d")
# Between parties: "X and Y", "X, Y and Z", "X, Y, and Z", "X nor Y", "X & Y".
_SEP = re.compile(r"\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor|&)\s+")
# Before a party: an article, or who speaks for it ("a spokesman for", "representatives of").
_LEAD = re.compile(r"(?:(?:the|a|an|both)\s+)?(?:(?:spokes(?:man|woman|person|people)|"
                   r"representatives?|press\s+(?:office|service|officers?))\s+(?:for|of|at)\s+"
                   r"(?:(?:the|a|an)\s+)?)?")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def normalize_name(name: str) -> str:
    """A name as compared here: quote marks straight, case and full stops ignored, single
    spaces, no leading article ('The Embassy of Japan' = 'embassy of japan')."""
    text = " ".join(fold_quotes(name).replace(".", " ").split()).casefold()
    return _ARTICLE.sub("", text)


def name_forms(name: str, short_name: str = "", phrase: str = "", *, person: bool = False,
               protected: bool = False) -> list[str]:
    """Every way a story may name a request target: a protected source only by its
    attribution phrase; others by name, short name, phrase, and a person by surname."""
    forms = [phrase] if protected else [name, short_name, phrase]
    parts = name.split()
    if person and not protected and len(parts) > 1:
        forms.append(parts[-1])
    return [f for f in (normalize_name(f) for f in forms) if f]


def no_response_subject(sentence: str) -> str | None:
    """Who a sentence says did not respond (or declined to comment), if that is all it says;
    None for any other sentence, and for one carrying figures."""
    text = " ".join(fold_quotes(sentence).split())
    if not text or _FIGURE.search(text):
        return None
    neither = _NEITHER.match(text)
    if neither:
        return neither.group(1)
    shape = _SHAPE.search(text)
    if shape is None or not text[:shape.start()].strip():
        return None
    return text[:shape.start()]


def reply_parties(subject: str, names: Iterable[str]) -> tuple[str, ...] | None:
    """The request targets a subject names, in order, when it is made of nothing else
    ('X, the Y and Z'); None when any part of it is not one of `names` (normalized)."""
    text = " ".join(fold_quotes(subject).replace(".", " ").split()).casefold().strip(" ,")
    forms = sorted({n for n in names if n}, key=len, reverse=True)

    @cache
    def tile(i: int) -> tuple[str, ...] | None:
        j = _LEAD.match(text, i)
        start = j.end() if j else i
        for form in forms:
            if not text.startswith(form, start):
                continue
            k = start + len(form)
            if k == len(text):
                return (form,)
            sep = _SEP.match(text, k)
            if sep and sep.end() > k and sep.end() < len(text):
                rest = tile(sep.end())
                if rest is not None:
                    return (form, *rest)
        return None

    return tile(0) if text and forms else None


def is_right_of_reply(sentence: str, names: Iterable[str]) -> bool:
    """True when the sentence says only that request targets did not respond or declined."""
    subject = no_response_subject(sentence)
    return subject is not None and reply_parties(subject, names) is not None
