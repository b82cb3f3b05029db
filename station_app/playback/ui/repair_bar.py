"""A bar under the player telling what the stream repair found or did, with its choices."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.playback.stream_repair import RepairNotice, StreamRepair


class RepairBar(QFrame):
    """Hidden until the repair has something to say; "Use it", "Save", "Dismiss"."""

    def __init__(
        self,
        repair: StreamRepair,
        save: Callable[[RepairNotice], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("repairBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._repair = repair
        self._save = save
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_button = QPushButton("&Use this stream")
        self.save_button = QPushButton("Sa&ve to my stations")
        self.save_button.setToolTip("Put this stream first in your stations.toml")
        # Details on demand: the stream's address, or what the directory said.
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(False)
        self.details_button = QPushButton("De&tails")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.details.setVisible)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss stream repair message")
        self.use_button.clicked.connect(repair.accept)
        self.save_button.clicked.connect(self._on_save)
        self.dismiss_button.clicked.connect(repair.dismiss)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.details_button, self.use_button, self.save_button):
            buttons.addWidget(button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        repair.notice_changed.connect(self.show_notice)
        self.show_notice(repair.notice)

    @Slot(object)
    def show_notice(self, notice: RepairNotice | None) -> None:
        self.setVisible(notice is not None)
        if notice is None:
            return
        self.message.setText(notice.message)
        self.details.setText(notice.details)
        self.details_button.setVisible(bool(notice.details))
        self.details.setVisible(bool(notice.details) and self.details_button.isChecked())
        found = notice.replacement is not None
        self.use_button.setVisible(found and not notice.playing)
        self.save_button.setVisible(found)
        self.save_button.setEnabled(True)

    def _on_save(self) -> None:
        notice = self._repair.notice
        if notice is not None:
            self.save_button.setEnabled(False)
            self._save(notice)

    def show_saved(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.save_button.setVisible(False)
