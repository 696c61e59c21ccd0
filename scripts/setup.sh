#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for Pishkhan Desk: system libraries Qt needs, the keyring service,
# the print system, and a virtual environment (.venv) with the project, its test tools and PyInstaller, at the
# versions of requirements.lock.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  # Qt (PySide6) on a bare machine, offscreen and on a desktop (xcb)
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3 libcups2
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  # the OS keyring (Secret Service) and a session bus for it
  dbus dbus-user-session gnome-keyring
  # the print system: the CUPS scheduler and a CUPS-PDF queue (a real printer for the tests), PDF tools and a
  # QR reader to check printed documents
  cups printer-driver-cups-pdf poppler-utils zbar-tools
  # python
  python3-venv
  # PyInstaller (scripts/bundle.sh) reads and strips binaries with binutils
  binutils
)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# the exact versions of requirements.lock (hash-checked: the same files on every machine), then the project itself
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
