"""The questions asked before something goes to the trash, and the names of undo steps: each
a whole sentence for the translation, with one form for one and one for many (a number
never glued to "draft(s)"), and numbers written as the user's locale writes them."""

from __future__ import annotations

from typing import Any

from ui.i18n import number
from ui.kinds import tr
from ui.undo import undo_name


def claim_question(drafts: int, evidence: int) -> str:
    """Asked before a claim that drafts are anchored on or that has evidence is trashed
    (one of the two counts is at least 1)."""
    d, e = _form(drafts), _form(evidence)
    sentences = {
        ("one", "one"): tr("This claim is anchored in one draft and has one piece of "
                           "evidence. Move it to the trash?"),
        ("one", "many"): tr("This claim is anchored in one draft and has {e} pieces of "
                            "evidence. Move it to the trash?"),
        ("many", "one"): tr("This claim is anchored in {d} drafts and has one piece of "
                            "evidence. Move it to the trash?"),
        ("many", "many"): tr("This claim is anchored in {d} drafts and has {e} pieces of "
                             "evidence. Move it to the trash?"),
        ("one", "none"): tr("This claim is anchored in one draft. Move it to the trash?"),
        ("many", "none"): tr("This claim is anchored in {d} drafts. Move it to the trash?"),
        ("none", "one"): tr("This claim has one piece of evidence. Move it to the trash?"),
        ("none", "many"): tr("This claim has {e} pieces of evidence. Move it to the trash?"),
    }
    return sentences[(d, e)].replace("{d}", number(drafts)).replace("{e}", number(evidence))


def creation_question(name: str) -> str:
    """Asked before undoing the creation of a record that has content since."""
    return tr("“{name}” has content added since it was created. Undoing its creation moves "
              "it, and what it holds, to the trash.").replace("{name}", name)


def import_question(edited: int, used: int) -> str:
    """Asked before undoing an import whose records were edited or are used since."""
    if used:
        text = (tr("One of the records this import brought in is used elsewhere in the case "
                   "(a draft, evidence, a credit). Undoing the import moves it, and every "
                   "record of the import, to the trash.") if used == 1 else
                tr("{u} of the records this import brought in are used elsewhere in the case "
                   "(a draft, evidence, a credit). Undoing the import moves them, and every "
                   "record of the import, to the trash."))
    else:
        text = (tr("One of the records this import brought in was edited since. Undoing the "
                   "import moves it, and every record of the import, to the trash.")
                if edited == 1 else
                tr("{c} of the records this import brought in were edited since. Undoing the "
                   "import moves them, and every record of the import, to the trash."))
    return text.replace("{u}", number(used)).replace("{c}", number(edited))


def step_name(template: str, record: Any) -> str:
    """An undo step named after its record: `template` holds "{name}" ("delete “{name}”");
    a protected source by its pseudonym (`undo_name`)."""
    return template.replace("{name}", undo_name(record) or str(record.uuid)[:8])


def _form(count: int) -> str:
    return "none" if count <= 0 else "one" if count == 1 else "many"
