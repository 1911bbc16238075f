"""A field copy made under a share policy never learns a protected source's identity — not
when it is made, not when later lead edits naming her (spelled however: a soft hyphen, a
look-alike letter, capitals) are merged into it — and a copy can never make her nameable,
nor overwrite what it only saw redacted, without the lead deciding. An encrypted case gives
an encrypted copy.

The search is in the copy's raw bytes (and its -wal) and in every value of every table,
through the same identity matcher every path out uses (casefile/identity.py); the lead's
own file is the positive control."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.errors import PassphraseRequiredError, WrongPassphraseError
from casefile.identity import IdentityMatcher
from casefile.redaction import RedactionPolicy
from casefile.sync import make_field_copy, merge_cases
from tests.test_leak_corpus import canaries_in, tagged_docx
from tests.test_merge_properties import OPS, jpeg, op_lists, run_op

GIVEN, FAMILY = "Velmira", "Qorzhantsova"
NAME = f"{GIVEN} {FAMILY}"
PHRASE = "a grain trader in Heihe"
IDENTITY = {"given": GIVEN, "family": FAMILY, "phone": "924 555 0142",
            "phone_digits": "9245550142", "email": "vq.canary77",
            "notes": "Canarynote met behind the grain mill",
            # stems: a search index may keep a word's stem, not the word
            "given_stem": "velmir", "family_stem": "qorzhants"}
PASSPHRASE = "amur river at dawn"
# Later lead edits that name her, each spelled so a naive search would miss it.
VARIANTS = {
    "plain": f"{FAMILY} confirmed the price",
    "soft hyphen": "Qor\u00adzhant\u00adsova confirmed the price",
    "homoglyph": "Q\u043erzh\u0430ntsova confirmed the price",  # Cyrillic о and а
    "capitals": f"{NAME.upper()} confirmed the price",
    "lowercase": f"ask {NAME.lower()} again",
}


@dataclass
class Lead:
    """The lead's case with her in it, and the records that point at her."""

    case: CaseFile
    her: Any
    interview: Any
    quote: Any
    claim: Any
    photo: Any
    named_claim: Any  # its statement names her
    open_interview: Any  # with an on-the-record source only: it travels whole


def make_lead(path: Path, passphrase: str | None = None) -> Lead:
    case = CaseFile.create(path, title="Grain at the border", actor="Maria Lindqvist",
                           passphrase=passphrase)
    her = case.sources.create(
        name=NAME, short_name=f"Ms. {FAMILY}", ground_rules="confidential",
        attribution_phrase=PHRASE, notes=IDENTITY["notes"], location="Heihe",
        contacts=[{"kind": "phone", "value": f"+7 {IDENTITY['phone']}"},
                  {"kind": "email", "value": f"{IDENTITY['email']}@example.org"}])
    open_source = case.sources.create(name="Yuri Petrov", role_title="timber trader")
    text = ("Q: How long?\n\nA: The trucks now wait nine days at the bridge.\n\n"
            f"A: My name is {GIVEN}, but do not print it.")
    interview = case.interviews.create(title="Grain trader", transcript=text,
                                       interviewees=[her.uuid, open_source.uuid],
                                       notes=f"Met {NAME} behind the mill.")
    start = text.index("The trucks")
    quote = case.quotes.mark(interview.uuid, start, start + len("The trucks now wait nine days"),
                             speaker=her.uuid)
    claim = case.claims.create(statement="Trucks wait nine days at the bridge.",
                               notes=f"{FAMILY} confirmed it")
    case.evidence.create(claim=claim.uuid, quote=quote.uuid)
    photo = case.photos.add(jpeg(901), f"{GIVEN}_{FAMILY}.jpg", depicted=[her.uuid],
                            caption="Trucks at the gate.")
    case.evidence.create(claim=claim.uuid, photo=photo.uuid)
    memo = case.documents.create(title="Depot schedule", publisher="Amur Rail")
    case.documents.attach_file(memo.uuid, tagged_docx(), "schedule.docx")  # names her inside
    named = case.claims.create(statement=f"{FAMILY} says the trucks wait nine days.")
    case.evidence.create(claim=named.uuid, quote=quote.uuid)
    plain = case.interviews.create(title="Petrov at the yard", interviewees=[open_source.uuid],
                                   transcript="A: Forty trucks a week, once.")
    return Lead(case, her, interview, quote, claim, photo, named, plain)


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Lead]:
    made = make_lead(tmp_path / "lead.casefile")
    yield made
    made.case.close()


def table_texts(path: Path) -> list[tuple[str, str]]:
    """(table.column, text) of every value in every table of a plain case file."""
    out = []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND "
            "sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]  # their shadow tables are read
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            for row in cursor:
                for name, value in zip(names, row, strict=True):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str) and value:
                        out.append((f"{table}.{name}", value))
    return out


def leaks(path: Path, matcher: IdentityMatcher) -> list[str]:
    """Every trace of her in a closed case file: raw bytes (file and any -wal) and every
    table value, exact or however spelled."""
    found = []
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            found += canaries_in(part.name, part.read_bytes(), IDENTITY)
            found += [f"{part.name}: {k}" for k, v in VARIANTS.items()
                      if v.split(" confirmed")[0].lower().encode() in part.read_bytes().lower()]
    for where, text in table_texts(path):
        found += [f"{where}: {hit.words!r} ({hit.identity.why})" for hit in matcher.find(text)]
        found += canaries_in(where, text.encode(), IDENTITY)
    return found


def matcher_for(case: CaseFile) -> IdentityMatcher:
    with case._store.read() as s:  # every source, trashed ones too
        from sqlalchemy import select

        from casefile.models import Source
        rows = list(s.scalars(select(Source).execution_options(include_trashed=True)))
        return IdentityMatcher.for_sources(rows)


def test_the_search_finds_her_in_the_leads_own_file(lead: Lead, tmp_path: Path) -> None:
    """The positive control: the same scan over the lead's file finds every part of her."""
    matcher = matcher_for(lead.case)
    path = lead.case.path
    lead.case.close()
    found = leaks(path, matcher)
    for key in ("given", "family", "phone", "email", "notes"):
        assert any(f": {key}" in line for line in found), key
    assert any("sources.name" in line for line in found)
    for variant in VARIANTS.values():  # the matcher sees through every spelling
        assert matcher.find(variant), variant
    lead.case = CaseFile.open(path, actor="Maria Lindqvist")


def test_a_shared_copy_never_holds_her_even_after_merges_that_name_her(
        lead: Lead, tmp_path: Path) -> None:
    matcher = matcher_for(lead.case)
    out = tmp_path / "anna.casefile"
    result = make_field_copy(lead.case, out, policy=RedactionPolicy(), label="Anna")
    assert any("schedule.docx" in line for line in result.withheld), result.withheld
    assert all(FAMILY not in line and GIVEN not in line for line in result.withheld)
    assert leaks(out, matcher) == []
    with CaseFile.open(out, actor="Anna Li") as copy:
        seen = copy.sources.get(lead.her.uuid)
        assert seen.is_protected and seen.contacts == [] and seen.notes == ""
        assert NAME not in seen.name
        assert copy.claims.get(lead.claim.uuid).notes == ""  # private notes stay home
        statement = copy.claims.get(lead.named_claim.uuid).statement
        assert FAMILY not in statement and statement.endswith("nine days."), statement

    # The lead keeps working, naming her in every spelling, and adds a second protected
    # source; then the copy receives the lead's changes.
    case = lead.case
    for k, (what, text) in enumerate(VARIANTS.items()):
        claim = case.claims.create(statement=f"Claim {k} ({what}): {text}.", notes=text)
        case.evidence.create(claim=claim.uuid, quote=lead.quote.uuid)
    case.claims.update(lead.claim.uuid, notes=f"{VARIANTS['soft hyphen']}; twice")
    case.claims.update(lead.named_claim.uuid, statement=f"{VARIANTS['homoglyph']} twice.")
    case.interviews.update(lead.interview.uuid, notes=VARIANTS["homoglyph"])
    case.interviews.update(lead.open_interview.uuid, title=VARIANTS["lowercase"],
                           transcript=f"A: I sold timber to {VARIANTS['soft hyphen']}.")
    case.sources.update(lead.her.uuid, notes=f"{IDENTITY['notes']}, second meeting",
                        location="Heihe, by the mill",
                        contacts=[{"kind": "phone", "value": "+7 924 555 0199"}])
    case.photos.update(lead.photo.uuid, caption=VARIANTS["capitals"])
    second = case.sources.create(name="Dobrynya Zhuravlyov", ground_rules="background",
                                 attribution_phrase="a customs officer",
                                 notes="Canarysecond", contacts=[{"kind": "phone",
                                                                  "value": "+7 914 777 3131"}])
    case.interviews.create(title="Customs officer", interviewees=[second.uuid],
                           transcript="A: I am Dobrynya. The scanner has been broken a month.")
    matcher = matcher_for(case)
    with CaseFile.open(out, actor="Anna Li") as copy:
        report = merge_cases(copy, case)
        assert report.direction == "from the case it was copied from"
        assert copy.claims.count() == 2 + len(VARIANTS)
        assert copy.interviews.get(lead.open_interview.uuid).transcript.startswith(
            "A: I sold timber to")
        again = merge_cases(copy, case)
        assert again.changed == 0
        # The copy did learn the lead's work — only not her.
        assert copy.sources.get(second.uuid).name != "Dobrynya Zhuravlyov"
    found = leaks(out, matcher)
    assert found == [], found
    raw = out.read_bytes().lower()
    for canary in (b"dobrynya", b"zhuravlyov", b"canarysecond", b"9147773131", b"914 777"):
        assert canary not in raw, canary

    # … and merging the copy back changes none of her real fields in the lead.
    with CaseFile.open(out) as copy:
        back = merge_cases(case, copy)
    her = case.sources.get(lead.her.uuid)
    assert her.name == NAME and her.contacts == [{"kind": "phone", "value": "+7 924 555 0199"}]
    assert her.notes == f"{IDENTITY['notes']}, second meeting"
    assert case.claims.get(lead.claim.uuid).notes == f"{VARIANTS['soft hyphen']}; twice"
    assert case.photos.get(lead.photo.uuid).caption == VARIANTS["capitals"]
    assert back.conflicts == (), back.lines()
    assert case.check().ok


def test_a_copy_cannot_put_her_on_the_record_without_the_lead(lead: Lead,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "boris.casefile"
    make_field_copy(lead.case, out, policy=RedactionPolicy(), label="Boris")
    with CaseFile.open(out, actor="Boris Chen") as copy:
        copy.sources.update(lead.her.uuid, ground_rules="on_record")
    with CaseFile.open(out) as copy:
        report = merge_cases(lead.case, copy)
    her = lead.case.sources.get(lead.her.uuid)
    assert her.ground_rules.value == "confidential" and her.is_protected
    assert her.name == NAME
    rules = [c for c in report.conflicts
             if c.record_uuid == lead.her.uuid and c.field == "ground_rules"]
    assert len(rules) == 1, report.lines()
    assert rules[0].their_author == "Boris Chen"
    assert NAME not in rules[0].record_label  # the report never names her
    assert all(NAME not in line and FAMILY not in line for line in report.lines())
    # The lead accepts it: only then is she on the record.
    lead.case.merges.resolve(rules[0].uuid, "theirs")
    assert lead.case.sources.get(lead.her.uuid).ground_rules.value == "on_record"
    assert lead.case.sources.get(lead.her.uuid).name == NAME  # her real name, not the pseudonym
    lead.case.merges.reopen(rules[0].uuid)
    assert lead.case.sources.get(lead.her.uuid).ground_rules.value == "confidential"


def test_a_copy_editing_what_it_saw_redacted_never_overwrites_the_real_value(
        lead: Lead, tmp_path: Path) -> None:
    out = tmp_path / "olga.casefile"
    make_field_copy(lead.case, out, policy=RedactionPolicy(), label="Olga")
    with CaseFile.open(out, actor="Olga Sato") as copy:
        seen = copy.sources.get(lead.her.uuid)
        copy.sources.update(lead.her.uuid, name=f"{seen.name} (grain)", notes="Met twice.",
                            location="Heihe market")
        assert copy.claims.get(lead.claim.uuid).notes == ""  # private notes stayed home
        copy.claims.update(lead.claim.uuid, notes="Checked again at the bridge.",
                           statement="Trucks wait nine days at the Heihe bridge.")
        seen_statement = copy.claims.get(lead.named_claim.uuid).statement
        assert FAMILY not in seen_statement and PHRASE in seen_statement
        copy.claims.update(lead.named_claim.uuid,
                           statement=seen_statement.replace("nine", "ten"))
    with CaseFile.open(out) as copy:
        report = merge_cases(lead.case, copy)
    her = lead.case.sources.get(lead.her.uuid)
    assert her.name == NAME  # never the pseudonym the copy saw
    assert her.notes == IDENTITY["notes"]  # a field the copy never saw is not its to set
    claim = lead.case.claims.get(lead.claim.uuid)
    assert claim.notes == f"{FAMILY} confirmed it", claim.notes  # nothing is lost
    # What it could see plainly came in.
    assert claim.statement == "Trucks wait nine days at the Heihe bridge."
    named_claim = lead.case.claims.get(lead.named_claim.uuid)
    assert named_claim.statement == f"{FAMILY} says the trucks wait nine days.", \
        named_claim.statement  # her name is not replaced by the pseudonym
    named = {(c.record_uuid, c.field) for c in report.conflicts}
    assert {(lead.her.uuid, "name"), (lead.her.uuid, "notes"), (lead.her.uuid, "location"),
            (lead.claim.uuid, "notes"), (lead.named_claim.uuid, "statement")} <= named, \
        report.lines()
    assert her.location == "Heihe"  # withheld from the copy too (as a shared bundle does)
    assert all(NAME not in line and FAMILY not in line for line in report.lines())
    assert lead.case.check().ok
    with CaseFile.open(out) as copy:
        again = merge_cases(lead.case, copy)
    assert again.changed == 0 and again.conflicts == ()


def test_an_encrypted_case_gives_an_encrypted_copy(tmp_path: Path) -> None:
    made = make_lead(tmp_path / "lead.casefile", passphrase=PASSPHRASE)
    try:
        out = tmp_path / "copy.casefile"
        make_field_copy(made.case, out, policy=RedactionPolicy())
        data = out.read_bytes()
        assert not data.startswith(b"SQLite format 3")
        assert canaries_in("copy", data, {"phrase": PHRASE, "title": "Grain at the border",
                                          "trucks": "trucks now wait"}) == []
        with pytest.raises(PassphraseRequiredError):
            CaseFile.open(out)
        with pytest.raises(WrongPassphraseError):
            CaseFile.open(out, passphrase="amur river at dusk")
        with CaseFile.open(out, passphrase=PASSPHRASE, actor="Anna Li") as copy:
            assert copy.encrypted
            assert copy.sources.get(made.her.uuid).name != NAME
            copy.claims.create(statement="Fees doubled.")
        with CaseFile.open(out, passphrase=PASSPHRASE) as copy:
            report = merge_cases(made.case, copy)
        assert report.created == {"claim": 1}
        other = tmp_path / "own-passphrase.casefile"
        make_field_copy(made.case, other, passphrase="a passphrase of her own")
        with pytest.raises(WrongPassphraseError):
            CaseFile.open(other, passphrase=PASSPHRASE)
        with CaseFile.open(other, passphrase="a passphrase of her own") as copy:
            assert copy.encrypted and copy.claims.count() == 3
    finally:
        made.case.close()


# -- random work on both sides, with her in the case --------------------------------------

NAMING_FIELDS = (("claim", "statement"), ("photo", "caption"), ("interview", "title"),
                 ("claim", "notes"), ("source", "role_title"))


@pytest.fixture(scope="module")
def lead_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("protected-seed") / "lead.casefile"
    make_lead(path).case.close()
    return path


def _name_her(case: CaseFile, a: int, b: int) -> None:
    """A lead edit that names her, in one of her spellings, somewhere a copy can see."""
    kind, name = NAMING_FIELDS[a % len(NAMING_FIELDS)]
    records = case.service(kind).page(limit=100)
    record = records[b % len(records)]
    text = list(VARIANTS.values())[b % len(VARIANTS)]
    case.service(kind).update(record.uuid, **{name: f"{text} ({a})."})


@settings(max_examples=int(os.environ.get("MERGE_EXAMPLES", "10")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lead_ops=st.lists(st.tuples(st.sampled_from(("name", *OPS)), st.integers(0, 10_000),
                                   st.integers(0, 10_000)), max_size=8),
       copy_ops=op_lists)
def test_random_work_never_teaches_a_copy_her_name_nor_the_lead_her_pseudonym(
        lead_file: Path, lead_ops: list[tuple[str, int, int]],
        copy_ops: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="protected-") as tmp:
        folder = Path(tmp)
        shutil.copyfile(lead_file, folder / "lead.casefile")
        with CaseFile.open(folder / "lead.casefile", actor="Maria Lindqvist") as lead:
            her_uuid = next(s.uuid for s in lead.sources.every() if s.name == NAME)
            make_field_copy(lead, folder / "copy.casefile", policy=RedactionPolicy())
            with CaseFile.open(folder / "copy.casefile", actor="Anna Li") as copy:
                for op, a, b in copy_ops:
                    run_op(copy, op, a, b, "anna")
            her_before = lead.sources.get(her_uuid)
            for op, a, b in lead_ops:
                if op == "name":
                    _name_her(lead, a, b)
                else:
                    run_op(lead, op, a, b, "lead")
            her_lead = lead.sources.get(her_uuid)
            with CaseFile.open(folder / "copy.casefile") as copy:
                merge_cases(copy, lead)  # the lead's work, through the policy
                assert copy.check().ok
            matcher = matcher_for(lead)
            assert leaks(folder / "copy.casefile", matcher) == []
            with CaseFile.open(folder / "copy.casefile") as copy:
                merge_cases(lead, copy)  # and back
            her = lead.sources.get(her_uuid)
            assert (her.name, her.contacts, her.notes, her.ground_rules) == (
                her_lead.name, her_lead.contacts, her_lead.notes, her_lead.ground_rules)
            assert her_before.name == NAME and her.is_protected
            assert lead.check().ok
