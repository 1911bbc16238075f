"""A footnote never prints what the support summary calls barred: a speaker's own rules
(off the record; deep background: never attributed) hold for their words even in an interview
held on the record."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.footnotes import footnote_texts

WORDS = "The order came from Moscow in March."


@pytest.mark.parametrize("rules", ["off_record", "deep_background"])
@pytest.mark.parametrize("profile", ["editor", "clean"])
def test_a_barred_speakers_words_never_reach_the_notes(case: CaseFile, tmp_path: Path,
                                                       rules: str, profile: str) -> None:
    speaker = case.sources.create(name="Pavel Secretov", ground_rules=rules,
                                  attribution_phrase="an official")
    iv = case.interviews.create(title="o", transcript=WORDS, interviewees=[speaker.uuid])
    quote = case.quotes.mark(iv.uuid, 0, len(WORDS) - 1, speaker=speaker.uuid)
    case.quotes.set_published(quote.uuid, "The order came from Moscow.")
    claim = case.claims.create(statement="The order came from Moscow.", status="supported")
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    draft = case.drafts.create(headline="H", body=f"⟦claim:{claim.uuid}⟧The order came from "
                                                   "Moscow⟦/claim⟧.")
    out = tmp_path / f"{profile}.docx"
    export_draft(case, draft.uuid, out, profile=profile, allow_blocking=True)
    document = docx.Document(str(out))
    notes = " ".join(footnote_texts(document).values())
    comments = " ".join(p.text for c in document.comments for p in c.paragraphs)
    for text in (notes, comments):
        assert "Secretov" not in text and "on the record" not in text
    if rules == "off_record":  # not usable at all: the words stay in the case
        assert "Off-the-record material" in notes
        assert "in March" not in notes + comments and "Printed as" not in comments
    else:  # usable, never attributed: the words, with no one behind them
        assert "a source who may not be identified" in notes and "in March" in notes


def test_a_protected_name_in_a_published_wording_is_named_by_its_quote(
        case: CaseFile, tmp_path: Path) -> None:
    """The refusal names the quote's published wording (the record to fix), not only "a
    reviewer comment" of the package scan."""
    from casefile.export.protect import ExportRefusedError

    case.sources.create(name="Oksana Zhuravleva", ground_rules="confidential",
                        attribution_phrase="a port official")
    petrov = case.sources.create(name="Yuri Petrov")
    words = "We are going to close the yard."
    iv = case.interviews.create(title="y", transcript=words, interviewees=[petrov.uuid])
    quote = case.quotes.mark(iv.uuid, 0, len(words), speaker=petrov.uuid)
    case.quotes.set_published(quote.uuid, "We’re closing the yard, Oksana Zhuravleva said.")
    claim = case.claims.create(statement="The yard will close.", status="supported")
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    draft = case.drafts.create(headline="H", body=f"⟦claim:{claim.uuid}⟧The yard will "
                                                   "close⟦/claim⟧.")
    with pytest.raises(ExportRefusedError) as refused:
        export_draft(case, draft.uuid, tmp_path / "e.docx", allow_blocking=True)
    assert "the published wording of a quote" in str(refused.value)
    assert not (tmp_path / "e.docx").exists()


def test_a_quotation_followed_by_a_note_loses_its_own_full_stop(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    """'“… that long” (translated from Russian).' — not '“… that long.” (…).'"""
    shvets = case.sources.create(name="Galina Shvets")
    words = "Помидоры столько не живут."
    iv = case.interviews.create(title="s", transcript=words, language="ru",
                                interviewees=[shvets.uuid])
    quote = case.quotes.mark(iv.uuid, 0, len(words), speaker=shvets.uuid,
                             translation="Tomatoes do not live that long.")
    claim = case.claims.create(statement="Tomatoes spoil.", status="supported")
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    draft = case.drafts.create(headline="H", body=f"⟦claim:{claim.uuid}⟧Tomatoes "
                                                   "spoil⟦/claim⟧.")
    out = tmp_path / "e.docx"
    export_draft(case, draft.uuid, out, profile="clean")
    note = " ".join(footnote_texts(docx.Document(str(out))).values())
    assert note.endswith("“Tomatoes do not live that long” (translated from Russian).")


@pytest.mark.parametrize("spelled", [
    "Oksana Zhuravleva",
    "Ok\u00adsana Zhurav\u00adleva",  # soft hyphens
    "Оksana Zhuravlevа",  # Cyrillic О and а
    "OKSANA  ZHURAVLEVA",
    "Zhuravleva, Oksana",
])
@pytest.mark.parametrize("where", ["tagline", "published wording"])
def test_a_protected_name_however_spelled_in_the_new_fields_refuses_the_export(
        case: CaseFile, tmp_path: Path, spelled: str, where: str) -> None:
    """The author tagline and a quote's published wording are printed text like any other:
    the confidential source's name in them, spelled to slip past, stops the export and
    nothing is written."""
    from casefile.export.protect import ExportRefusedError

    case.sources.create(name="Oksana Zhuravleva", ground_rules="confidential",
                        attribution_phrase="a port official")
    petrov = case.sources.create(name="Yuri Petrov")
    words = "We are going to close the yard."
    iv = case.interviews.create(title="y", transcript=words, interviewees=[petrov.uuid])
    quote = case.quotes.mark(iv.uuid, 0, len(words), speaker=petrov.uuid)
    claim = case.claims.create(statement="The yard will close.", status="supported")
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    draft = case.drafts.create(headline="H", body=f"⟦claim:{claim.uuid}⟧The yard will "
                                                   "close⟦/claim⟧.")
    if where == "tagline":
        case.drafts.update(draft.uuid, author_tagline=f"{spelled} is a reporter.")
    else:
        case.quotes.set_published(quote.uuid, f"We’re closing the yard, {spelled} said.")
    out = tmp_path / "e.docx"
    for profile in ("editor", "clean") if where == "tagline" else ("editor",):
        with pytest.raises(ExportRefusedError):
            export_draft(case, draft.uuid, out, profile=profile, allow_blocking=True)
        assert not out.exists()
