"""What another program on the test desktop gets when it pastes (the X clipboard)."""

from __future__ import annotations

import sys

from tests.e2e.desktop import Desktop

# A separate Qt program asks the X server for the CLIPBOARD selection, as any
# program pasting does; the app owning the selection has to answer.
_PASTE = (
    "import sys\n"
    "from PySide6.QtGui import QClipboard, QGuiApplication\n"
    "app = QGuiApplication(sys.argv)\n"
    "sys.stdout.write(QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard))\n"
)


def clipboard_text(desktop: Desktop) -> str:
    done = desktop.run([sys.executable, "-c", _PASTE], timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout
