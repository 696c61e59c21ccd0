#!/usr/bin/env bash
# Run the application on the demo sandbox (fresh training data, demo operator filled in), after setting up.
# Extra arguments go to `pishkhan gui`, e.g. `bash scripts/demo.sh --lang en`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/pishkhan gui --demo "$@"
