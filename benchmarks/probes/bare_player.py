"""Reference: python-vlc playing a stream in a bare PySide6 window (argv: url, wav, caching)."""

import sys

import vlc
from PySide6.QtWidgets import QApplication, QWidget

url, wav, caching = sys.argv[1], sys.argv[2], sys.argv[3]
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1100, 700)
window.show()
instance = vlc.Instance(
    [
        "--no-video",
        "--quiet",
        f"--network-caching={caching}",
        "--aout=afile",
        f"--audiofile-file={wav}",
    ]
)
player = instance.media_player_new()
player.set_media(instance.media_new(url))
player.play()
app.exec()
