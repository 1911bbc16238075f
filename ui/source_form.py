"""The source form: every change is saved as it happens; problems show beside the form."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.changes import Changes
from casefile.claims.style import HouseStyle
from casefile.errors import CaseFileError
from casefile.read_models import Article, GroundRules, RoleForm, SourceData, SourceKind
from casefile.services.records import SourceService
from ui.autosave import OnEdit, autosave, save_fields
from ui.case_changes import reread, same_version
from ui.forms import name_fields
from ui.kind_icons import kind_icon
from ui.kinds import tr
from ui.palette import text_style
from ui.record_drag import RecordListWidget
from ui.undo import undo_name

RULE_TEXT = {
    GroundRules.ON_RECORD: tr("On the record"),
    GroundRules.BACKGROUND: tr("Background (not for attribution)"),
    GroundRules.DEEP_BACKGROUND: tr("Deep background"),
    GroundRules.OFF_RECORD: tr("Off the record"),
    GroundRules.CONFIDENTIAL: tr("Confidential (pseudonym only)"),
}
KIND_TEXT = {SourceKind.PERSON: tr("Person"), SourceKind.ORGANISATION: tr("Organisation"),
             SourceKind.OFFICIAL_BODY: tr("Official body")}
ARTICLE_TEXT = {Article.AUTO: tr("Auto (by rule)"), Article.THE: "the", Article.A: "a",
                Article.AN: "an", Article.NONE: tr("none")}
ROLE_FORM_TEXT = {
    RoleForm.AUTO: tr("Auto (from the wording)"),
    RoleForm.APPOSITIVE: tr("Noun phrase (“owner of …”)"),
    RoleForm.RELATIVE: tr("Relative clause (“who …”)"),
}


# What the "Involved in" list shows: every kind of record that can involve a source.
RELATED_KINDS = ("interview", "quote", "photo", "document", "excerpt", "claim",
                 "evidence_link", "comment_request", "attachment")


class SourceForm(QWidget):
    """Edits one source through the source service it is given."""

    saved = Signal(object)  # the updated source
    open_requested = Signal(str, str)  # kind, uuid of a related record

    def __init__(self, sources: SourceService, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None,
                 style: Callable[[], HouseStyle] = HouseStyle) -> None:
        super().__init__(parent)
        self.sources = sources
        self.house_style = style  # the house style the preview is written in
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.record: SourceData | None = None
        self._loading = False
        self.badge = QLabel()
        self.badge.setObjectName("protectedBadge")
        self.badge.setStyleSheet("QLabel { background: #7a1f1f; color: white; padding: 3px 8px;"
                                 " border-radius: 3px; font-weight: bold; }")
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, text in KIND_TEXT.items():
            self.kind.addItem(text, kind)
        self.rules = QComboBox()
        for rule, text in RULE_TEXT.items():
            self.rules.addItem(text, rule)
        self.phrase = QLineEdit()
        self.phrase.setPlaceholderText(tr("e.g. a customs broker in Blagoveshchensk"))
        self.phrase_hint = QLabel()
        self.phrase_hint.setWordWrap(True)
        self.short = QLineEdit()
        self.article = QComboBox()
        for article, text in ARTICLE_TEXT.items():
            self.article.addItem(text, article)
        self.article.setToolTip(tr("The article the name takes in print: “the Embassy of "
                                   "Japan”, “Sberbank”. Auto decides by rule."))
        self.role = QLineEdit()
        self.role_form = QComboBox()
        for form_, text in ROLE_FORM_TEXT.items():
            self.role_form.addItem(text, form_)
        self.role_form.setToolTip(tr("How the role follows the name: a noun phrase "
                                     "(“Yuri Petrov, owner of a timber yard”) or a relative "
                                     "clause (“Anna Kim, who runs a bakery in Tver”). Auto "
                                     "reads it from how the role is written."))
        self.preview = QLabel()
        self.preview.setObjectName("firstReference")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.affiliation = QLineEdit()
        self.location = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(90)
        self.related = RecordListWidget()
        self.related.setObjectName("related")
        self.related.setWordWrap(True)
        self.related.setAccessibleName(tr("Records involving this source"))
        self.related.itemActivated.connect(self._open_related)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for label, widget, name in (
            (tr("Name"), self.name, "name"), (tr("Kind"), self.kind, "kind"),
            (tr("Ground rules"), self.rules, "ground_rules"),
            (tr("Attribution phrase"), self.phrase, "attribution_phrase"),
            ("", self.phrase_hint, ""), (tr("Second reference"), self.short, "short_name"),
            (tr("Article"), self.article, "article"),
            (tr("Role / title"), self.role, "role_title"),
            (tr("Role reads as"), self.role_form, "role_form"),
            (tr("Affiliation"), self.affiliation, "affiliation"),
            (tr("Location"), self.location, "location"),
            (tr("First reference"), self.preview, "preview"), (tr("Notes"), self.notes, "notes"),
        ):
            form.addRow(label, widget)
            if name:
                widget.setAccessibleName(label)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.badge)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel(tr("Involved in")))
        layout.addWidget(self.related, 1)
        self.phrase.editingFinished.connect(self._save_rules)
        autosave(self.phrase, self._save_rules)  # saved as typed, like every field
        for edit, field in ((self.name, "name"), (self.short, "short_name"),
                            (self.role, "role_title"),
                            (self.affiliation, "affiliation"), (self.location, "location")):
            edit.editingFinished.connect(lambda e=edit, f=field: self._save({f: e.text()}))
            autosave(edit, lambda e=edit, f=field: self._save({f: e.text()}))
        self.kind.currentIndexChanged.connect(
            lambda _i: self._save({"kind": SourceKind(self.kind.currentData())}))
        self.article.currentIndexChanged.connect(
            lambda _i: self._save({"article": Article(self.article.currentData())}))
        self.role_form.currentIndexChanged.connect(
            lambda _i: self._save({"role_form": RoleForm(self.role_form.currentData())}))
        for edit in (self.name, self.phrase, self.short, self.role, self.affiliation,
                     self.location):
            edit.textEdited.connect(lambda _t: self.update_preview())
        for box in (self.kind, self.rules, self.article, self.role_form):
            box.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.rules.currentIndexChanged.connect(self._rules_changed)
        autosave(self.notes, self.save_notes)
        self.setEnabled(False)

    def show_record(self, record: SourceData) -> None:
        """Fill the form from a source."""
        self._loading = True
        self.record = record
        self.name.setText(record.name)
        self.kind.setCurrentIndex(self.kind.findData(record.kind))
        self.rules.setCurrentIndex(self.rules.findData(record.ground_rules))
        self.phrase.setText(record.attribution_phrase)
        self.short.setText(record.short_name)
        self.article.setCurrentIndex(max(self.article.findData(record.article), 0))
        self.role.setText(record.role_title)
        self.role_form.setCurrentIndex(max(self.role_form.findData(record.role_form), 0))
        self.affiliation.setText(record.affiliation)
        self.location.setText(record.location)
        self.notes.setPlainText(record.notes)
        for edit in (self.name, self.phrase, self.short, self.role, self.affiliation,
                     self.location):
            edit.setCursorPosition(0)
        self.problem.clear()
        self._update_hints(record.ground_rules)
        self.related.clear()
        self._show_related(record)
        self.setEnabled(True)
        self._loading = False
        self.update_preview()

    def _show_related(self, record: SourceData) -> None:
        self.related.clear()
        for kind, uid, label in self.sources.related(record.uuid):
            item = self.related.add_record(label[:1].upper() + label[1:], kind, uid)
            item.setIcon(kind_icon("interview" if kind == "quote" else kind))

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the source read again
        if someone else changed it — notes typed and not yet saved stay — and the records
        involving it when any of their kinds changed."""
        if self.record is None:
            return
        if changes.touched("source", self.record.uuid):
            fresh = reread(self.sources.get, self.record.uuid)
            if fresh is None:
                return  # trashed: the window stops showing it
            if not same_version(fresh, self.record):
                typed = self.notes.toPlainText()
                keep = typed != self.record.notes and fresh.notes == self.record.notes
                self.show_record(fresh)
                if keep:
                    self.notes.setPlainText(typed)  # saved when the form is left
                return
        if changes.touches(*RELATED_KINDS):
            with contextlib.suppress(CaseFileError):
                self._show_related(self.record)

    def _as_typed(self, record: SourceData) -> SourceData:
        """The source as the form shows it now (not saved, never added to the case): what the
        preview is written from while the reporter types."""
        return SourceData(
            uuid=record.uuid, name=self.name.text().strip() or record.name,
            kind=SourceKind(self.kind.currentData()),
            ground_rules=GroundRules(self.rules.currentData()),
            attribution_phrase=self.phrase.text().strip(), short_name=self.short.text().strip(),
            role_title=self.role.text().strip(), affiliation=self.affiliation.text().strip(),
            location=self.location.text().strip(), notes="",
            article=Article(self.article.currentData()),
            role_form=RoleForm(self.role_form.currentData()))

    def update_preview(self) -> None:
        """Show how the story's first reference to the source prints, by the same function
        the export uses; a protected source shows its phrase only, never its name."""
        if self._loading or self.record is None:
            return
        typed = self._as_typed(self.record)
        if typed.ground_rules.needs_phrase and not typed.attribution_phrase:
            self.preview.setText(tr("— the attribution phrase it prints as is still missing"))
            return
        try:
            text = self.sources.first_reference(typed, self.house_style())
        except CaseFileError as exc:
            self.preview.setText(str(exc))
            return
        self.preview.setText(f"“{text}”" if text else tr("— never attributed in print"))

    def _open_related(self, item: QListWidgetItem) -> None:
        kind, uid = item.data(Qt.ItemDataRole.UserRole)
        self.open_requested.emit(kind, uid)

    def save_notes(self) -> None:
        """Notes are saved when the form is left (a text box has no 'finished' signal)."""
        if self.record is not None and self.notes.toPlainText() != self.record.notes:
            self._save({"notes": self.notes.toPlainText()})

    def _rules_changed(self, _index: int) -> None:
        self._update_hints(GroundRules(self.rules.currentData()))
        self._save_rules()

    def _save_rules(self) -> None:
        # Rules and phrase are saved together: "confidential" needs its phrase to be valid.
        self._save({"ground_rules": GroundRules(self.rules.currentData()),
                    "attribution_phrase": self.phrase.text()})

    def _update_hints(self, rule: GroundRules) -> None:
        if rule.needs_phrase:
            self.phrase_hint.setText(tr("Required: the story may only refer to this source by "
                                        "this phrase or pseudonym."))
        elif not rule.may_name:
            self.phrase_hint.setText(tr("This source is never attributed in print."))
        else:
            self.phrase_hint.setText("")
        self.badge.setVisible(not rule.may_name)
        self.badge.setText(tr("PROTECTED SOURCE — never named in exports"))

    def _save(self, fields: dict[str, Any]) -> None:
        if self._loading or self.record is None:
            return
        updated = save_fields(self.sources, self.record, fields, self.problem, self.on_edit,
                              tr("edit source “{n}”").replace("{n}", undo_name(self.record)))
        if updated is not None:
            self.record = updated
            self.saved.emit(updated)
        self.update_preview()
