"""A house style that this version cannot use: refused in a bundle, harmless when stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from casefile import CaseFile
from casefile.bundle import import_bundle
from casefile.claims.style import HouseStyle
from casefile.errors import CaseFileError
from casefile.models import CaseInfo


@pytest.mark.parametrize(("style", "where"), [
    ({"outlet": "a\nb"}, "house_style.outlet"),
    ({"outlet": "x" * 500}, "house_style.outlet"),
    ({"verb": "shouted"}, "house_style.verb"),
    ({"courtesy_titles": "yes"}, "house_style.courtesy_titles"),
])
def test_a_bundle_with_a_house_style_it_cannot_use_is_refused(tmp_path: Path, style: dict,
                                                              where: str) -> None:
    bundle = tmp_path / "in.json"
    bundle.write_text(json.dumps({"format": "casefile-bundle", "format_version": 1,
                                  "case": {"title": "T", "house_style": style}}))
    with CaseFile.create(tmp_path / "c.casefile", title="C") as case:
        with pytest.raises(CaseFileError) as err:
            import_bundle(case, bundle)
        assert where in str(err.value)
        assert case.house_style() == HouseStyle()


def test_a_stored_style_with_a_bad_value_falls_back_for_that_value(case: CaseFile) -> None:
    """A hand-edited file: the bad key takes its default, the good ones stay, and every
    attribution, the checker and the tagline still work (and the style can be fixed)."""
    with case._store.write() as s:
        s.execute(update(CaseInfo).values(house_style={
            "outlet": "a\nb", "verb": "says", "date_style": "uk"}))
    style = case.house_style()
    assert (style.outlet, style.verb, style.date_style) == ("", "says", "uk")
    draft = case.drafts.create(headline="H", body="Words.")
    assert case.drafts.check(draft.uuid) == []
    case.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    assert case.house_style().outlet == "The Northern Ledger"
