"""A non-modal bar telling the person their config file could not be used."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)

from station_app.config.problems import ConfigProblem


def describe_problems(problems: list[ConfigProblem], fell_back: bool, network: str) -> str:
    """The notice's text: what happened, what the app did, and each problem."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    lines: list[str] = []
    if fell_back and errors:
        lines.append(
            f"{errors[0].path} has problems, so Station App is using its bundled "
            f"{network} stations. Your file was not changed; fix it and restart."
        )
    elif errors:
        lines.append(f"{errors[0].path} has problems; defaults are used instead.")
    elif warnings:
        lines.append(f"{warnings[0].path}: some settings were ignored.")
    lines.extend(f"• {problem.sentence()}" for problem in errors + warnings)
    return "\n".join(lines)


class ConfigNotice(QFrame):
    """Shows config problems until dismissed; never blocks the window."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
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
        self.dismiss = dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss configuration warning")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(dismiss)
