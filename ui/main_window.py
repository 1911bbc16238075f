"""The main window: navigator on the left, the case overview on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from ui.navigator import NavigatorModel


class MainWindow(QMainWindow):
    """Shows one open case. Receives the case it works on; owns no database handle itself."""

    def __init__(self, case: CaseFile) -> None:
        super().__init__()
        self.case = case
        self.navigator_model = NavigatorModel(self)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setMinimumWidth(200)
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.overview)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.resize(1000, 640)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the title and counts from the core."""
        summary = self.case.summary()
        counts = dict(summary.counts, trash=summary.in_trash)
        self.navigator_model.set_counts(counts)
        self.setWindowTitle(f"{summary.title} — {summary.path.name} — Casefile")
        info = self.case.info()
        self.overview.setText(f"{info.title}\n\n{info.summary}")
