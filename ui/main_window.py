"""The main window: navigator on the left, the case overview on the right."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casefile.about import dependency_versions
from casefile.case import CaseFile
from ui.navigator import SECTIONS, NavigatorModel


def about_text() -> str:
    """The About box: versions of Casefile and everything it runs on."""
    versions = dict(dependency_versions(), Qt=qVersion(), PySide6=PySide6.__version__)
    lines = "\n".join(f"{name}: {v}" for name, v in versions.items())
    return ("Casefile keeps everything about one story in one local file.\n"
            "It makes no network connection.\n\n" + lines)


class MainWindow(QMainWindow):
    """Shows one open case. Receives the case it works on; owns no database handle itself."""

    def __init__(self, case: CaseFile) -> None:
        super().__init__()
        self.case = case
        self.navigator_model = NavigatorModel(self)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setMinimumWidth(210)
        self.navigator.setAccessibleName("Navigator")

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.overview)
        layout.addWidget(self.counts)
        layout.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 770])
        self.setCentralWidget(splitter)
        self._build_menus()
        self.resize(1000, 640)
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        close = QAction("&Close", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Casefile", self)
        about.triggered.connect(lambda: QMessageBox.about(self, "About Casefile", about_text()))
        help_menu.addAction(about)

    def refresh(self) -> None:
        """Re-read the title and counts from the core."""
        summary = self.case.summary()
        counts = dict(summary.counts, trash=summary.in_trash)
        self.navigator_model.set_counts(counts)
        self.setWindowTitle(f"{summary.title} — {summary.path.name} — Casefile")
        info = self.case.info()
        self.heading.setText(info.title)
        self.overview.setText(info.summary or "No summary yet.")
        self.counts.setText("\n".join(
            f"{label}: {counts.get(kind, 0)}" for kind, label in SECTIONS))
        self.statusBar().showMessage(
            f"{summary.path}  ·  format {summary.schema_version}  ·  "
            f"{summary.size_bytes / 1024:.0f} KB")
