"""Which of the installed libVLC's files the bundle takes, for the spec file.

Only the plugins a radio stream needs: HTTP and HTTPS (with TLS), HLS, Icecast's
ICY titles, MP3, AAC, Opus and Vorbis, and audio output to PulseAudio (also
PipeWire's), ALSA or a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from station_app.libvlc_bundle import LibVlcFiles, library_names

PLUGINS = (
    # Network access, TLS, and the stream filters libVLC stacks on network input.
    "access/http",
    "access/https",
    "misc/gnutls",
    "stream_filter/cache_block",
    "stream_filter/cache_read",
    "stream_filter/prefetch",
    "stream_filter/skiptags",
    "stream_filter/inflate",
    # Containers: HLS (MPEG-TS or fragmented MP4 segments), bare MP3/AAC, Ogg, playlists.
    "demux/adaptive",
    "demux/ts",
    "demux/mp4",
    "demux/es",
    "demux/ogg",
    "demux/playlist",
    "packetizer/packetizer_mpegaudio",
    "packetizer/packetizer_mpeg4audio",
    "packetizer/packetizer_copy",
    # Decoders.
    "codec/mpg123",
    "codec/faad",
    "codec/opus",
    "codec/vorbis",
    # Output, with the conversions and the volume control between decoder and device.
    "audio_output/pulse",
    "audio_output/alsa",
    "audio_output/afile",
    "audio_filter/audio_format",
    "audio_filter/samplerate",
    "audio_filter/speex_resampler",
    "audio_filter/ugly_resampler",
    "audio_filter/simple_channel_mixer",
    "audio_filter/trivial_channel_mixer",
    "audio_filter/remap",
    "audio_filter/scaletempo",
    "audio_mixer/float_mixer",
    "audio_mixer/integer_mixer",
)

_PLUGIN_SUFFIX = {"win32": ".dll", "darwin": ".dylib"}


def installed_libvlc() -> LibVlcFiles:
    """The libVLC python-vlc finds on this machine: the one the bundle copies."""
    import vlc  # python-vlc's own search, as outside a bundle

    library_name, core_name = library_names()
    if sys.platform == "win32":
        folder = Path(vlc.plugin_path)  # VLC's installation folder
        return LibVlcFiles(folder / library_name, folder / core_name, folder / "plugins")
    if sys.platform == "darwin":
        macos = Path(vlc.plugin_path).parent  # VLC.app/Contents/MacOS/plugins
        return LibVlcFiles(
            macos / "lib" / library_name, macos / "lib" / core_name, macos / "plugins"
        )
    library = _loaded_library_path(library_name)
    # Debian, Fedora and VLC's own build keep the plugins in <libdir>/vlc/plugins.
    return LibVlcFiles(library, library.with_name(core_name), library.parent / "vlc" / "plugins")


def _loaded_library_path(name: str) -> Path:
    """Where the process loaded the library `name` from (maps shows the file behind
    the symbolic link, e.g. libvlc.so.5.6.1)."""
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = Path(line.split(maxsplit=5)[-1])
        if path.name.startswith(name):
            return path.with_name(name)
    raise SystemExit(f"python-vlc did not load {name}; install libVLC (Debian: libvlc5).")


def plugin_files(plugins_folder: Path) -> list[Path]:
    """The plugin files to copy; stops the build naming any that is not installed.

    Linux and Windows keep plugins in category folders; VLC.app keeps them in one.
    """
    suffix = _PLUGIN_SUFFIX.get(sys.platform, ".so")
    files, missing = [], []
    for plugin in PLUGINS:
        category, name = plugin.split("/")
        file_name = f"lib{name}_plugin{suffix}"
        found = [
            path
            for path in (plugins_folder / category / file_name, plugins_folder / file_name)
            if path.is_file()
        ]
        files.extend(found[:1])
        if not found:
            missing.append(plugin)
    if missing:
        raise SystemExit(f"These libVLC plugins are not in {plugins_folder}: {', '.join(missing)}")
    return files
