"""Preferences: every setting of settings.toml, made from its one declaration.

Each declared setting becomes a control by the type of its default: a check
box for true/false, a spin box within the check's bounds for a whole number, a
line for text, one line each for a list of texts. Its label is the
declaration's, its help text (under the control, and the control's accessible
description) the declaration's description. Saving goes through the
SettingsStore, which writes only what changed and keeps the file's comments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from station_app.config import checks
from station_app.config.settings import (
    TABLE_TITLES,
    TABLES,
    DeclaredSetting,
    Settings,
    declared_settings,
)
from station_app.config.settings_editing import SettingsNotSaved, SettingsSaveResult
from station_app.settings_store import SettingsStore
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.config_notice import plain
from station_app.ui.screen_fit import resize_within_screen

RESTART_NOTE = "Takes effect the next time Station App starts."
# Letters the dialog's own buttons use with Alt.
_BUTTON_LETTERS = "scdo"


class SettingField:
    """One setting's control: shows a value of Settings, gives back what settings.toml holds.

    Signals of the control are forwarded to `changed` by the subclass.
    """

    def __init__(self, setting: DeclaredSetting, control: QWidget) -> None:
        self.setting = setting
        self.control = control

    @property
    def label(self) -> str:
        return self.setting.declared.shown_label

    def toml(self) -> Any:
        """The value as settings.toml would hold it."""
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def connect(self, changed: Callable[[], None]) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        """The value as Settings holds it."""
        convert = self.setting.declared.convert
        raw = self.toml()
        return convert(raw) if convert is not None else raw

    def problem(self) -> str | None:
        """Why the value would not load, as a sentence; None when it would.

        The default always will: it is what leaving the key out means.
        """
        if self.value() == self.setting.default:
            return None
        problem = self.setting.declared.check(self.toml())
        return f"{self.label} {problem}." if problem else None


class _Toggle(SettingField):
    def __init__(self, setting: DeclaredSetting, text: str) -> None:
        self.box = QCheckBox(text)
        super().__init__(setting, self.box)

    def toml(self) -> bool:
        return self.box.isChecked()

    def show_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def connect(self, changed: Callable[[], None]) -> None:
        self.box.toggled.connect(changed)


class _Number(SettingField):
    def __init__(self, setting: DeclaredSetting) -> None:
        self.spin = QSpinBox()
        check = setting.declared.check
        if isinstance(check, checks.WholeNumber):
            self.spin.setRange(check.low, check.high)
        else:
            self.spin.setRange(-(2**31), 2**31 - 1)
        high = self.spin.maximum()
        self.spin.setSingleStep(100 if high >= 10_000 else 1)
        if setting.declared.unit:
            self.spin.setSuffix(f" {setting.declared.unit}")
        # The number's own field, which has the focus while typing, is called as the spin box.
        inner = self.spin.findChild(QLineEdit)
        if inner is not None:
            inner.setAccessibleName(setting.declared.shown_label)
        super().__init__(setting, self.spin)

    def toml(self) -> int:
        return self.spin.value()

    def show_value(self, value: Any) -> None:
        self.spin.setValue(int(value))

    def connect(self, changed: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(changed)


class _Text(SettingField):
    def __init__(self, setting: DeclaredSetting) -> None:
        self.line = QLineEdit()
        if setting.default == "":
            self.line.setPlaceholderText("none")
        super().__init__(setting, self.line)

    def toml(self) -> str:
        return self.line.text().strip()

    def show_value(self, value: Any) -> None:
        self.line.setText(str(value))

    def connect(self, changed: Callable[[], None]) -> None:
        self.line.textChanged.connect(changed)


class _TextList(SettingField):
    """One text a line: an option with spaces in it needs no quoting."""

    def __init__(self, setting: DeclaredSetting) -> None:
        self.lines = QPlainTextEdit()
        self.lines.setTabChangesFocus(True)
        self.lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.lines.setPlaceholderText("none (one per line)")
        # Three lines and the horizontal scroll bar a long option brings, so a
        # third line never adds a vertical one too.
        line_height = self.lines.fontMetrics().lineSpacing()
        margins = 2 * (self.lines.frameWidth() + round(self.lines.document().documentMargin()))
        scroll_bar = self.lines.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.lines.setFixedHeight(line_height * 3 + margins + scroll_bar + 2)
        super().__init__(setting, self.lines)

    def toml(self) -> list[str]:
        return [line.strip() for line in self.lines.toPlainText().splitlines() if line.strip()]

    def show_value(self, value: Any) -> None:
        self.lines.setPlainText("\n".join(value))

    def connect(self, changed: Callable[[], None]) -> None:
        self.lines.textChanged.connect(changed)


def field_for(setting: DeclaredSetting, label: str) -> SettingField:
    """The control that fits the setting's type (that of its default)."""
    default = setting.default
    if isinstance(default, bool):
        return _Toggle(setting, label)
    if isinstance(default, int):
        return _Number(setting)
    if isinstance(default, str):
        return _Text(setting)
    if isinstance(default, tuple):
        return _TextList(setting)
    raise TypeError(f"Preferences has no control for {setting.name} ({type(default).__name__})")


def with_mnemonic(label: str, taken: set[str]) -> str:
    """`label` with an Alt letter no other control uses: a word's first letter if one is free."""
    words = label.split(" ")
    starts = [sum(len(word) + 1 for word in words[:number]) for number in range(len(words))]
    others = [i for i in range(len(label)) if i not in starts]
    for index in starts + others:
        letter = label[index].lower()
        if letter.isalpha() and letter not in taken:
            taken.add(letter)
            return f"{label[:index]}&{label[index:]}"
    return label


def help_text(setting: DeclaredSetting) -> str:
    text = setting.declared.description
    if isinstance(setting.default, tuple):
        text += " One per line."
    if not setting.declared.applies_at_once:
        text += f" {RESTART_NOTE}"
    return text


class ProblemLine(QLabel):
    """What stops the save, as a sentence; read out once when it changes, Tab stops on it.

    Its line is kept while empty, so the page above does not jump when a problem shows.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(self.fontMetrics().lineSpacing())

    def say(self, text: str) -> None:
        if text == self.text():
            return
        self.setText(text)
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if text else Qt.FocusPolicy.NoFocus)
        if text and self.isVisible():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))


class _Page(QWidget):
    """The scrolled page, whose minimum height is that of its wrapped help texts at the
    width beside a scroll bar.

    A wrapped label's minimum height is that of its narrowest layout, and the
    scroll area takes the page's minimum as a floor: it would scroll a page
    that fits.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__()
        self._area = area

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        width = self.beside_scroll_bar()
        if self.hasHeightForWidth() and width > hint.width():
            hint.setHeight(self.heightForWidth(width))
        return hint

    def beside_scroll_bar(self, area_width: int | None = None) -> int:
        """The page's width when the area (`area_width` wide) shows a scroll bar."""
        area = self._area
        width = area.width() if area_width is None else area_width
        return width - 2 * area.frameWidth() - area.verticalScrollBar().sizeHint().width()


class _FollowFocus(QObject):
    """Scrolls the area to a control that gets the focus: Tab does that by itself, an Alt
    letter or a click does not."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._area.ensureWidgetVisible(watched)
        return False


def _warning_frame() -> tuple[QFrame, QLabel]:
    """A framed warning sign and sentence, hidden until there is something to say."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    icon = QLabel()
    style = frame.style()
    icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(24, 24))
    icon.setAccessibleName("Warning")
    message = QLabel()
    message.setWordWrap(True)
    message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row = QHBoxLayout(frame)
    row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(message, 1)
    frame.hide()
    return frame, message


class PreferencesDialog(QDialog):
    """Every setting, grouped by its table; Save writes what changed through the store.

    A settings.toml that does not load as it is stays untouched: the dialog
    says so and offers to open it. Signals: saved(str), the store's message
    after a save.
    """

    saved = Signal(str)

    def __init__(
        self,
        store: SettingsStore,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._store = store
        self._open_url = open_url
        self._saving = False
        self.fields: dict[str, SettingField] = {}
        self._row_labels: list[QLabel] = []
        self.broken_notice, self.broken_message = _warning_frame()
        self.problem = ProblemLine()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button.setText("&Save")
        self._button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        self.defaults_button = self._button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.defaults_button.setText("Restore &defaults")
        self.defaults_button.setToolTip("Show every setting's default; nothing is saved yet")
        self.open_button = QPushButton(f"&Open {store.path.name}")
        self.open_button.setToolTip(str(store.path))
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(self._restore_defaults)
        self.open_button.clicked.connect(self._open_file)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab goes from control to control, and the page follows the focus: no stop between.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self._groups(scroll))
        self._scroll = scroll
        follow = _FollowFocus(scroll)
        for field in self.fields.values():
            for widget in (field.control, *field.control.findChildren(QWidget)):
                widget.installEventFilter(follow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.broken_notice)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._show_settings(store.settings)
        for field in self.fields.values():
            field.connect(self._check)
        if store.broken:
            self._show_broken(self._broken_sentence())
        self._check()
        follow_layout(self)
        self._fit(640)

    def _fit(self, width: int) -> None:
        """`width` wide, and tall enough to show every setting where the screen allows."""
        page = self._scroll.widget()
        layout = self.layout()
        assert isinstance(page, _Page) and layout is not None
        self.resize(width, 400)
        layout.activate()
        around = self.height() - self._scroll.height()
        margins = layout.contentsMargins()
        inner = page.beside_scroll_bar(width - margins.left() - margins.right())
        resize_within_screen(self, width, around + page.heightForWidth(inner))

    # -- building ------------------------------------------------------------------------
    def _groups(self, area: QScrollArea) -> QWidget:
        page = _Page(area)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        taken = set(_BUTTON_LETTERS)
        settings = declared_settings()
        tables = list(TABLES) + [
            one.declared.table for one in settings if one.declared.table not in TABLES
        ]
        for table in dict.fromkeys(tables):
            members = [one for one in settings if one.declared.table == table]
            if not members:
                continue
            group = QGroupBox(TABLE_TITLES.get(table, table.capitalize()))
            form = QFormLayout(group)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for setting in members:
                self._add_row(form, setting, taken)
            column.addWidget(group)
        column.addStretch(1)
        # One label column for every group, so the controls line up down the page.
        widest = max((label.sizeHint().width() for label in self._row_labels), default=0)
        for label in self._row_labels:
            label.setMinimumWidth(widest)
        return page

    def _add_row(self, form: QFormLayout, setting: DeclaredSetting, taken: set[str]) -> None:
        label = setting.declared.shown_label
        shown = with_mnemonic(label, taken)
        field = field_for(setting, shown)
        control = field.control
        control.setObjectName(setting.name)
        control.setAccessibleName(label)
        helps = help_text(setting)
        control.setAccessibleDescription(helps)
        note = QLabel(helps)
        note.setWordWrap(True)
        note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        small = note.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        note.setFont(small)
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        if isinstance(field, _Number):
            # As wide as its numbers, not as the dialog.
            stack.addWidget(control, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            stack.addWidget(control)
        stack.addWidget(note)
        if isinstance(field, _Toggle):
            # The help text lines up with the check box's text, not its box.
            style = control.style()
            indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, control)
            indent += style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, control)
            note.setContentsMargins(indent, 0, 0, 0)
            form.addRow(cell)
        else:
            name = QLabel(f"{shown}:")
            name.setBuddy(control)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self._row_labels.append(name)
            form.addRow(name, cell)
        self.fields[setting.name] = field

    # -- values --------------------------------------------------------------------------
    @property
    def save_button(self) -> QPushButton:
        return self._button(QDialogButtonBox.StandardButton.Save)

    def _button(self, which: QDialogButtonBox.StandardButton) -> QPushButton:
        button = self.buttons.button(which)
        assert button is not None
        return button

    def _show_settings(self, settings: Settings) -> None:
        for name, field in self.fields.items():
            field.show_value(getattr(settings, name))

    def wanted(self) -> Settings:
        """The settings as the dialog shows them."""
        return Settings(**{name: field.value() for name, field in self.fields.items()})

    def problem_text(self) -> str:
        """The first value that would not load, as a sentence, or ""."""
        return next((p for f in self.fields.values() if (p := f.problem()) is not None), "")

    def _check(self) -> None:
        if self._store.broken or self._saving:
            return
        text = self.problem_text()
        self.problem.say(text)
        self.save_button.setEnabled(not text)

    def _restore_defaults(self) -> None:
        self._show_settings(Settings())

    # -- saving --------------------------------------------------------------------------
    def _save(self) -> None:
        if self._saving or self.problem_text() or self._store.broken:
            return
        wanted = self.wanted()
        if wanted == self._store.settings:
            self.accept()  # nothing changed: nothing to write
            return
        self._set_saving(True)
        self._store.save(wanted, self._saved)

    def _saved(self, result: SettingsSaveResult) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed (the app is quitting); the file is saved all the same
        self._set_saving(False)
        if isinstance(result, SettingsNotSaved):
            if result.broken:
                self._show_broken(result.message)
            else:
                self.problem.say(result.message)
            return
        self.saved.emit(result.message)
        self.accept()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for button in self.buttons.buttons():
            button.setEnabled(not saving)
        for field in self.fields.values():
            field.control.setEnabled(not saving)

    def reject(self) -> None:
        if not self._saving:  # the answer is on its way; it closes the dialog itself
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._saving:
            event.ignore()
            return
        super().closeEvent(event)

    # -- a file that does not load -------------------------------------------------------
    def _broken_sentence(self) -> str:
        first = next(problem for problem in self._store.problems if problem.is_error)
        return (
            f"{plain(first.sentence())} Until that is fixed, Station App uses its default "
            "settings and leaves the file as it is: fix it by hand, then press Reload in the "
            "window or restart Station App."
        )

    def _show_broken(self, sentence: str) -> None:
        self.broken_message.setText(sentence)
        self.broken_message.setAccessibleName(sentence)
        self.broken_notice.show()
        self.open_button.show()
        self._button(QDialogButtonBox.StandardButton.Cancel).setText("&Close")
        self.save_button.setEnabled(False)
        self.defaults_button.setEnabled(False)
        for field in self.fields.values():
            field.control.setEnabled(False)
        self.problem.say("")
        self.open_button.setFocus()

    def _open_file(self) -> None:
        self._open_url(QUrl.fromLocalFile(str(self._store.path)))
