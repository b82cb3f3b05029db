# Sourced by scripts/run and scripts/test: installs what Station App needs on
# Debian/Ubuntu. System packages come from apt (as root, or through sudo when it
# needs no password; otherwise the exact command is printed). The Python
# environment is .venv, installed from a hash-locked requirements file.
# Usage: setup_station_app run|test

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# libVLC with its plugins, and the shared libraries Qt's xcb platform loads.
RUN_PACKAGES=(
    libvlc5 vlc-plugin-base
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
    libxcb-render-util0 libxcb-image0 libxcb-randr0 libegl1 libgl1 libfontconfig1
    libdbus-1-3 fonts-dejavu-core
)
# What the tests run for real: Icecast2 fed by ezstream with an MP3 made by lame,
# a session bus and playerctl for MPRIS; for the end-to-end tests a desktop:
# Xvfb, the openbox window manager, xdotool for keys and clicks, the AT-SPI bus,
# ImageMagick's import for screenshots, and unshare (util-linux) for a start
# without network; the desktop's own
# validators and menu library (GLib's Gio) for the packaging files, and openssl
# for a loopback HTTPS server's certificate.
TEST_PACKAGES=(
    icecast2 ezstream lame sox dbus dbus-daemon playerctl xvfb xauth x11-utils
    openbox xdotool at-spi2-core imagemagick util-linux
    desktop-file-utils appstream python3-gi gir1.2-glib-2.0 hicolor-icon-theme openssl
)

missing_packages() {
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s\n' "$package"
        fi
    done
}

install_system_packages() {
    local -a wanted=("$@") missing=()
    if ! command -v python3 >/dev/null || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
        wanted+=(python3 python3-venv)
    fi
    if ! command -v dpkg-query >/dev/null; then
        echo "This setup script knows Debian and Ubuntu; see README.md for other systems." >&2
        return 1
    fi
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    [ "${#missing[@]}" -eq 0 ] && return 0
    local command=(apt-get install -y --no-install-recommends "${missing[@]}")
    echo "Installing system packages: ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive "${command[@]}" -q >/dev/null
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        sudo DEBIAN_FRONTEND=noninteractive "${command[@]}" -q >/dev/null
    else
        echo "Some system packages are missing. Install them with:" >&2
        echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
        echo "then run this command again." >&2
        return 1
    fi
}

# Usage: install_python_environment LOCK [VENV]; the venv defaults to .venv.
install_python_environment() {
    local lock="$1"
    local venv="${2:-$VENV}"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    local stamp="$venv/.installed-$(basename "$lock")"
    local digest
    digest="$(cat "$lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
        # The lock is complete, so pip installs it as it stands (--no-deps): resolving
        # again would let a dependency's extra (readability-lxml's lxml[html-clean])
        # ask for the newest release, which the hashes refuse.
        "$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock"
        # The checkout itself goes on the path (no build step), like an editable install.
        "$venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])" |
            { read -r site; echo "$ROOT" >"$site/station-app-checkout.pth"; }
        echo "$digest" >"$stamp"
    fi
    # The README's `station-app` command, as an installed package would have it.
    if [ ! -x "$venv/bin/station-app" ]; then
        printf '#!/bin/sh\nexec "%s" -m station_app "$@"\n' "$venv/bin/python" >"$venv/bin/station-app"
        chmod +x "$venv/bin/station-app"
    fi
}

setup_station_app() {
    case "$1" in
        run)
            install_system_packages "${RUN_PACKAGES[@]}"
            install_python_environment "$ROOT/requirements/app.lock"
            ;;
        test)
            install_system_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
            install_python_environment "$ROOT/requirements/dev.lock"
            ;;
    esac
}
