"""The attribution a newsroom would print for a claim, and right-of-reply sentences.

First reference names a person in full with their role ("Yuri Petrov, owner of a timber yard
in Khabarovsk", "Anna Kim, who runs a bakery in Tver"); later ones use the short form
("Mr. Petrov"). One person or body is one attribution however many of their quotes back a
claim. Background and confidential sources are only ever cited by their attribution phrase;
off-the-record and deep-background material is never attributed. Documents are cited by who
published them, named as the footnote names them (names.publisher_name). How names, articles
and roles are written is casefile/claims/names.py.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from casefile.claims.names import (
    bare_name,
    body_key,
    capitalize_first,
    clean,
    publisher_name,
    role_phrase,
    source_name,
    with_article,
)
from casefile.claims.style import HouseStyle
from casefile.claims.support import CitedDocument, EvidenceFacts, evidence_facts
from casefile.models import (
    Claim,
    CommentRequest,
    DocumentKind,
    EvidenceLink,
    GroundRules,
    Relation,
    RequestStatus,
    Source,
    SourceKind,
)

__all__ = [
    "Attribution", "attribute", "attribute_facts", "capitalize_first", "document_reference",
    "join_list", "legal_title", "person_first_reference", "request_sentence",
    "request_sentences", "request_target", "source_reference", "with_article",
]

_NOT_CITED = (GroundRules.OFF_RECORD, GroundRules.DEEP_BACKGROUND)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Words that make a title a legal instrument, which takes "the" unless it is numbered.
_INSTRUMENT_WORDS = frozenset((
    "act", "law", "code", "treaty", "convention", "agreement", "protocol", "charter",
    "decree", "regulation", "directive", "constitution", "accord", "pact", "statute",
    "resolution", "ordinance", "covenant",
))
_NUMBERED = re.compile(rf"\bNo\.|\b(?:{'|'.join(_INSTRUMENT_WORDS)})\s+\d", re.IGNORECASE)


def needs_closing_comma(reference: str) -> bool:
    """Whether a reference ends in a parenthetical set off by a comma ("Yuri Petrov, owner
    of a timber yard", "Khabarovsk, Russia") that a comma must close before the sentence
    goes on. Commas inside a quoted title are not the reference's own."""
    return "," in _QUOTED.sub("", reference)


def subject(references: Sequence[str]) -> str:
    """The references joined as the subject of a verb that follows ("…, said",
    "… did not respond"): the last one's parenthetical closed by a comma."""
    joined = join_list(list(references))
    if references and needs_closing_comma(references[-1]):
        return joined + ","
    return joined


def person_first_reference(source: Source) -> str:
    """'Yuri Petrov, owner of a timber yard in Khabarovsk', 'Anna Kim, who runs a bakery
    in Tver' (names.role_phrase says which form and when a place is added); a body with a
    role reads the same way ('Amur Timber, which runs the largest yard in the region')."""
    role, _relative = role_phrase(source)
    name = source_name(source)
    return f"{name}, {role}" if role else name


def source_reference(source: Source, style: HouseStyle, first: bool,
                     rules: GroundRules | None = None) -> str | None:
    """How to cite a source under its ground rules (the evidence's, if stricter); None when it
    may not be cited at all."""
    effective = rules or source.ground_rules
    if source.ground_rules in _NOT_CITED:
        effective = source.ground_rules
    if effective in _NOT_CITED:
        return None
    if effective in (GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL) \
            or source.ground_rules in (GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL):
        return clean(source.attribution_phrase) or None
    if first:  # a body with a role reads like a person: "Amur Timber, which runs …"
        return person_first_reference(source)
    if source.kind is SourceKind.PERSON:
        return style.second_reference(clean(source.name), clean(source.short_name))
    if not source.short_name.strip():
        return source_name(source)
    return clean(source.short_name)


def legal_title(title: str) -> str:
    """A legal instrument by its title, as it reads inside a sentence: "the Treaty on …",
    "the Customs Code of the Eurasian Economic Union"; a numbered one takes no article
    ("Resolution 2231", "Federal Law No. 164-FZ")."""
    title = clean(title)
    words = title.split()
    if not words:
        return title
    if words[0] in ("The", "the") and len(words) > 1:
        title, words = " ".join(words[1:]), words[1:]
    if _NUMBERED.search(title):
        return title
    if any(w.lower().strip(",.;:()") in _INSTRUMENT_WORDS for w in words):
        return f"the {title}"
    return with_article(title)


def _publisher(doc: CitedDocument, style: HouseStyle, seen: set[str]) -> str:
    """Who published the document, as the attribution names them: an on-record linked source
    by its reference (first or later), a protected one by its phrase (never for off-record
    or deep-background bodies), else the typed publisher with its article."""
    source = doc.publisher_source
    if source is None:  # a newspaper's own capital "The" stays; anyone else's is "the"
        return with_article(publisher_name(doc.publisher, None),
                            publication=doc.kind is DocumentKind.NEWS_ARTICLE)
    if source.ground_rules in _NOT_CITED:
        return ""
    if source.is_protected:
        return clean(publisher_name(doc.publisher, source))
    key = f"source:{source.uuid}"
    ref = source_reference(source, style, key not in seen) or ""
    seen.add(key)
    return ref


def document_reference(doc: CitedDocument, style: HouseStyle, seen: set[str]) -> str:
    """'data from the Far Eastern Customs Directorate', 'a report in the Amur Courier',
    'Resolution 2231, adopted by the United Nations Security Council', 'a ruling by the
    Khabarovsk Regional Court', 'the Treaty on …'."""
    return _document_reference(doc, style, seen)[0]


def _document_reference(doc: CitedDocument, style: HouseStyle, seen: set[str]
                        ) -> tuple[str, bool]:
    """The reference, and whether it names the publisher (then a quote of the same body
    adds nothing to the claim's attribution)."""
    title = clean(doc.title)
    if doc.kind is DocumentKind.TREATY and title:
        return legal_title(title), False
    if doc.kind is DocumentKind.LEGISLATION and title:
        name = legal_title(title)
        if "resolution" not in (w.lower() for w in re.findall(r"\w+", title)):
            return name, False  # a law by its title
        body = _publisher(doc, style, seen)
        if not body or body.removeprefix("the ").casefold() in title.casefold():
            return name, False
        return f"{name}, adopted by {body}", True
    if doc.kind is DocumentKind.NEWS_ARTICLE and doc.container_title.strip():
        return f"a report in {with_article(doc.container_title, publication=True)}", False
    publisher = _publisher(doc, style, seen)
    if doc.kind is DocumentKind.COURT_RULING:
        if publisher:
            return f"a ruling by {publisher}", True
        return (f"the ruling in {title}" if title else "a court ruling"), False
    if doc.kind in (DocumentKind.STATISTICS, DocumentKind.DATASET):
        return (f"data from {publisher}", True) if publisher else (f"the dataset “{title}”",
                                                                     False)
    if doc.kind is DocumentKind.NEWS_ARTICLE:
        return (f"a report in {publisher}", True) if publisher else (f"the article “{title}”",
                                                                       False)
    if doc.kind is DocumentKind.COURT_RECORD:
        return "court records", False
    if doc.kind is DocumentKind.LETTER and publisher:
        return f"a letter from {publisher}", True
    if doc.kind is DocumentKind.REPORT and publisher:
        return f"a report by {publisher}", True
    return (publisher, True) if publisher else (f"“{title}”", False)


def join_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' (no serial comma, as news style has it). An item with a
    parenthetical of its own ("Yuri Petrov, owner of a timber yard") is closed by a comma
    before "and", and a series of such items is separated by semicolons, so no reader takes
    the next item for the previous one's description: 'A, owner of X; B; and C'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        first = items[0] + ("," if needs_closing_comma(items[0]) else "")
        return f"{first} and {items[1]}"
    if any(needs_closing_comma(i) for i in items[:-1]):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Attribution:
    """What a claim is attributed to. `text` reads after the claim: 'according to …'."""

    text: str
    references: tuple[str, ...]
    overridden: bool = False
    unattributable: tuple[str, ...] = field(default=())  # evidence that may not be cited

    @property
    def said(self) -> str:
        """The subject of a speech tag, for a single person: 'Mr. Petrov', or 'Anna Kim, who
        runs a bakery in Tver,' with the comma that closes the role before the verb."""
        if self.overridden or not self.references:
            return self.text.removeprefix("according to ")
        return subject(self.references)

    def speech_tag(self, style: HouseStyle) -> str:
        """'Anna Kim, who runs a bakery in Tver, said' (or 'says', by the house style)."""
        return f"{self.said} {style.verb}" if self.said else ""


def attribute(claim: Claim, links: Iterable[EvidenceLink], style: HouseStyle,
              seen: set[str] | None = None) -> Attribution:
    """The attribution for a claim from its supporting evidence. `seen` holds the source keys
    already named earlier in the draft (first vs later reference); it is updated."""
    supporting = (evidence_facts(link) for link in links if link.relation is Relation.SUPPORTS)
    return attribute_facts(claim, supporting, style, seen)


def _source_keys(source: Source) -> set[str]:
    """The keys a source is named under: its record, and for an on-record body its names
    (a typed publisher under one of them is the same body). A protected source is only its
    record: its phrase is no body's name."""
    keys = {f"source:{source.uuid}"}
    if source.kind is not SourceKind.PERSON and not source.is_protected:
        keys |= {f"body:{body_key(n)}" for n in (source.name, source.short_name) if n.strip()}
    return keys


def _publisher_keys(doc: CitedDocument) -> set[str]:
    """The keys of who published a document: the linked source's, else the typed name's."""
    if doc.publisher_source is not None:
        return _source_keys(doc.publisher_source)
    typed = body_key(doc.publisher)
    return {f"body:{typed}"} if typed else set()


def attribute_facts(claim: Claim, evidence: Iterable[EvidenceFacts], style: HouseStyle,
                    seen: set[str] | None = None) -> Attribution:
    """`attribute` from the facts of the claim's live evidence, in link order. A source
    or body already named for this claim — another quote of theirs, the interview they
    gave, a document they published, whether the publisher is linked as their record or
    typed under their name ("The Ministry of Finance" is the Ministry of Finance source:
    names compare as support.py counts voices, names.body_key) — is not named again."""
    if claim.attribution_override.strip():
        return Attribution(claim.attribution_override.strip(), (), overridden=True)
    seen = set() if seen is None else seen
    named: set[str] = set()  # source and body keys this claim's attribution already names
    references: list[str] = []
    hidden: list[str] = []
    for facts in evidence:
        if facts.relation is not Relation.SUPPORTS:
            continue
        if facts.document is not None:
            keys = _publisher_keys(facts.document)
            if keys & named:
                continue
            ref, names_publisher = _document_reference(facts.document, style, seen)
            if names_publisher:
                named |= keys
        elif facts.sources:
            parts = []
            for source in facts.sources:
                key = f"source:{source.uuid}"
                keys = _source_keys(source)
                if keys & named:
                    continue
                one = source_reference(source, style, key not in seen, facts.rules)
                if one is None:
                    hidden.append(facts.label)
                    continue
                seen.add(key)
                named |= keys
                if one not in parts:
                    parts.append(one)
            ref = join_list(parts)
        else:
            continue  # photos by our own staff, notes: nothing to attribute to
        if ref and ref not in references:
            references.append(ref)
    if not references:
        return Attribution("", (), unattributable=tuple(hidden))
    return Attribution(f"according to {join_list(references)}", tuple(references),
                       unattributable=tuple(hidden))


# -- requests for comment -----------------------------------------------------------------

def _request_ref(source: Source) -> str:
    """Who a right-of-reply sentence names: an on-record source by its name with its article
    ("the Embassy of Japan", "Igor Sidorov"), a protected one by its phrase, never its
    name."""
    if source.is_protected:
        return clean(source.attribution_phrase) or (
            "the person concerned" if source.kind is SourceKind.PERSON else
            "the organisation concerned")
    return source_name(source)


def request_target(request: CommentRequest, style: HouseStyle) -> str:
    """The requests table's "To" cell: the printable name, capital first letter, no
    generated article ("Embassy of Japan"); a protected source's phrase, capitalised."""
    source = request.source
    if source.is_protected:
        return capitalize_first(clean(source.attribution_phrase)
                                or "a source who may not be named")
    return bare_name(source)


_ABBREVIATION = re.compile(r"(?:\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St|etc|No|Mr|Mrs|Ms|Dr)|\w\.\w)\.$")


def _quoted_answer(answer: str) -> str:
    """A statement as quoted before its speech tag: its closing full stop becomes the comma
    ("…,” the ministry said) — kept after an abbreviation ("the U.S.,”); a question or
    exclamation keeps its mark and takes no comma; quotation marks inside it become single
    ones."""
    text = clean(answer)
    text = re.sub(r"[\"“](.*?)[\"”]", r"‘\1’", text)
    if text.endswith(("?", "!", "…", "...")):
        return text
    if text.endswith(".") and not _ABBREVIATION.search(text):
        text = text[:-1]
    if text.endswith("’") and "‘" in text:
        return text[:-1] + ",’"
    return text + ","


def _status_predicate(status: RequestStatus, style: HouseStyle, plural: bool) -> str:
    if status is RequestStatus.NO_RESPONSE:
        return "did not respond to requests for comment."
    if status is RequestStatus.DECLINED:
        return "declined to comment."
    if status is RequestStatus.PENDING:
        if style.verb == "said":
            return ("did not immediately respond to requests for comment." if plural else
                    "did not immediately respond to a request for comment.")
        return ("have not yet responded to requests for comment." if plural else
                "has not yet responded to a request for comment.")
    return "responded to a request for comment."


def request_sentence(request: CommentRequest, style: HouseStyle) -> str:
    """The right-of-reply sentence a draft prints for a request for comment."""
    ref = _request_ref(request.source)
    answer = clean(request.answer_text)
    if request.status is RequestStatus.ANSWERED and answer.strip(" .,"):
        return f"“{_quoted_answer(answer)}” {subject([ref])} {style.verb} in a statement."
    return capitalize_first(f"{subject([ref])} "
                            f"{_status_predicate(request.status, style, False)}")


_JOINED = (RequestStatus.NO_RESPONSE, RequestStatus.DECLINED, RequestStatus.PENDING)


def request_sentences(requests: Iterable[CommentRequest], style: HouseStyle) -> list[str]:
    """The right-of-reply sentences for several requests, as a story writes them: those with
    the same outcome (no response, declined, pending) in one sentence, each source once
    ("The Embassy of Japan and Sberbank did not respond to requests for comment."), placed
    where the first of them comes; answered requests one sentence each, in order.

    One pass: a case may hold thousands of requests, and the checker builds these sentences
    on every check (a group is found by its outcome, a source in it by its UUID)."""
    slots: list[CommentRequest | RequestStatus] = []  # a sentence of its own, or a group's
    groups: dict[RequestStatus, list[CommentRequest]] = {}
    members: dict[RequestStatus, set[uuid.UUID]] = {}
    for request in requests:
        status = request.status
        if status not in _JOINED:
            slots.append(request)
            continue
        if status not in groups:
            groups[status], members[status] = [], set()
            slots.append(status)
        key = request.source.uuid
        if key not in members[status]:
            members[status].add(key)
            groups[status].append(request)
    out = []
    for slot in slots:
        if not isinstance(slot, RequestStatus):
            out.append(request_sentence(slot, style))
            continue
        group = groups[slot]
        if len(group) == 1:
            out.append(request_sentence(group[0], style))
            continue
        refs = list(dict.fromkeys(_request_ref(r.source) for r in group))
        out.append(capitalize_first(f"{subject(refs)} {_status_predicate(slot, style, True)}"))
    return out
