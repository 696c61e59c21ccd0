#!/usr/bin/env bash
# Build both one-folder bundles and check that each runs, offscreen:
#   dist/pishkhan/           production: `pishkhan` (windowed) and `pishkhan-cli`; no sandbox, no training key
#   dist/pishkhan-training/  training: today's, with the sandbox in-process
# From each: --version and a fee preview; from production, the sign-in page shown and usable (no server needed),
# the training-only verbs refused in one line, and tests/bundle/ (no private key, no sandbox package);
# from training, a document sample and the screenshots (they sign in to the bundled sandbox).
# `--skip-setup` leaves the virtual environment as it is (scripts/setup.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
if [ "${1:-}" != "--skip-setup" ]; then bash scripts/setup.sh; fi
export QT_QPA_PLATFORM=offscreen
scratch="$(mktemp -d -t pishkhan-bundle-XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
export PISHKHAN_HOME="$scratch/home"

for flavour in production training; do
  PISHKHAN_FLAVOUR=$flavour .venv/bin/pyinstaller --noconfirm --log-level WARN \
    --workpath "build/$flavour" --distpath dist build.spec
done

# production
prod=dist/pishkhan
$prod/pishkhan-cli --version
$prod/pishkhan-cli fees preview examples/case-residential.json >"$scratch/fees-production.txt" 2>&1 && {
  echo "production bundle: a fee preview from the training tariff book must be refused (untrusted key)" >&2
  exit 1
}
grep -q "pishkhan-training-1" "$scratch/fees-production.txt" || { cat "$scratch/fees-production.txt" >&2; exit 1; }
# a training office on the production build: its settings ask to believe the training key
mkdir -p "$PISHKHAN_HOME/config"
printf '{"version": 1, "trust_training_key": true}\n' >"$PISHKHAN_HOME/config/settings.json"
$prod/pishkhan-cli fees preview examples/case-residential.json >"$scratch/fees-trusting.txt" || {
  echo "production bundle: with the training key believed, the fee preview must work" >&2
  cat "$scratch/fees-trusting.txt" >&2
  exit 1
}
rm "$PISHKHAN_HOME/config/settings.json"
for refused in "docs sample receipt-80mm --out $scratch/x.pdf" "screenshots --out $scratch/shots" "gui --demo"; do
  # shellcheck disable=SC2086
  if $prod/pishkhan-cli $refused 2>"$scratch/refused.txt"; then
    echo "production bundle: '$refused' should be refused" >&2
    exit 1
  fi
  grep -q "not part of this installation" "$scratch/refused.txt" || { cat "$scratch/refused.txt" >&2; exit 1; }
done
PISHKHAN_STARTUP_PROBE=1 timeout 60 $prod/pishkhan gui --api https://e-shahrdari.example.ir >"$scratch/probe.txt"
grep -q PISHKHAN_SIGN_IN_READY "$scratch/probe.txt" || { echo "production bundle: no sign-in page" >&2; exit 1; }
PISHKHAN_BUNDLE="$prod" .venv/bin/python -m pytest -q -p no:cacheprovider tests/bundle

# training
train=dist/pishkhan-training
$train/pishkhan --version
$train/pishkhan fees preview examples/case-residential.json >/dev/null
$train/pishkhan docs sample receipt-80mm --out "$scratch/receipt.pdf"
[ -s "$scratch/receipt.pdf" ] || { echo "training bundle: no document sample" >&2; exit 1; }
$train/pishkhan screenshots --out "$scratch/shots" >/dev/null
count=$(find "$scratch/shots" -maxdepth 1 -name '*.png' | wc -l)
[ "$count" -ge 2 ] || { echo "training bundle: expected PNG files in $scratch/shots" >&2; exit 1; }

for dir in "$prod" "$train"; do
  size=$(du -sm "$dir" | cut -f1)
  packed=$(tar -C "$(dirname "$dir")" -cf - "$(basename "$dir")" | gzip -6 | wc -c)
  echo "bundle ok: $dir ${size} MB, $((packed / 1048576)) MB as .tar.gz"
done
echo "training bundle: $count screenshots; bundle.sh took $((SECONDS - started)) s"
