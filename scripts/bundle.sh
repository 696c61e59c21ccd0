#!/usr/bin/env bash
# Build the one-folder bundle (dist/pishkhan/) and check that it runs: --version and screenshots, offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[bundle]"
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
export QT_QPA_PLATFORM=offscreen
dist/pishkhan/pishkhan --version
shots="$(mktemp -d -t pishkhan-bundle-shots-XXXXXX)"
PISHKHAN_HOME="$shots/home" dist/pishkhan/pishkhan screenshots --out "$shots" >/dev/null
count=$(find "$shots" -maxdepth 1 -name '*.png' | wc -l)
[ "$count" -ge 2 ] || { echo "bundle screenshots: expected PNG files in $shots" >&2; exit 1; }
echo "bundle ok: $(du -sh dist/pishkhan | cut -f1) in dist/pishkhan, $count screenshots"
rm -rf "$shots"
