"""A non-modal bar telling the person their config file could not be used."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.config.problems import ConfigProblem


def plain(sentence: str) -> str:
    """Config sentences mark keys as `code`; a label shows them in quotes instead."""
    return re.sub(r"`([^`]*)`", r"“\1”", sentence)


def describe_problems(problems: list[ConfigProblem], fell_back: bool, network: str) -> str:
    """The notice's text: what happened, what the app did, and each problem."""
    errors = _in_file_order([p for p in problems if p.is_error])
    warnings = _in_file_order([p for p in problems if not p.is_error])
    lines: list[str] = []
    if fell_back and errors:
        lines.append(
            f"{errors[0].path} has problems, so Station App is using its bundled "
            f"{network} stations. Your file was not changed; fix it, then press Reload."
        )
    elif errors:
        lines.append(f"{errors[0].path} has problems; defaults are used instead.")
    elif warnings:
        lines.append(f"{warnings[0].path}: some settings were ignored.")
    named = (errors or warnings)[0].path if errors or warnings else None
    for problem in errors + warnings:
        # The file named above is not named again; each line says where in it.
        sentence = plain(problem.sentence())
        if problem.path == named:
            sentence = sentence.removeprefix(f"{problem.path}, ")
        lines.append(f"• {sentence[:1].upper()}{sentence[1:]}")
    return "\n".join(lines)


def _in_file_order(problems: list[ConfigProblem]) -> list[ConfigProblem]:
    """Each file's problems by line, as a person reads the file; files as they came."""
    files: dict[Path, int] = {}
    for problem in problems:
        files.setdefault(problem.path, len(files))
    return sorted(problems, key=lambda p: (files[p.path], p.line or 0))


class ConfigNotice(QFrame):
    """Shows config problems until dismissed or fixed; never blocks the window.

    "Open the file" opens it in the person's editor; "Reload" reads the files
    again through `reload` (the caller then updates or hides the notice).
    """

    def __init__(
        self,
        text: str,
        file: Path | None = None,
        reload: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("configNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Configuration problem")
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(24, 24)
        )
        icon.setAccessibleName("Warning")
        icon.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.message.setAccessibleDescription("Details of the configuration problem")
        self.open_button = QPushButton("&Open the file")
        self.open_button.setToolTip(str(file) if file else "")
        self.open_button.setVisible(file is not None)
        if file is not None:
            url = QUrl.fromLocalFile(str(file))
            self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(url))
        self.reload_button = QPushButton("Re&load")
        self.reload_button.setToolTip("Read the config files again, after fixing them")
        self.reload_button.setVisible(reload is not None)
        if reload is not None:
            self.reload_button.clicked.connect(reload)
        self.dismiss = dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss configuration warning")
        dismiss.clicked.connect(self.hide)
        buttons = QVBoxLayout()
        for button in (self.open_button, self.reload_button, dismiss):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message, 1)
        layout.addLayout(buttons)

    def set_text(self, text: str) -> None:
        self.message.setText(text)
