#!/usr/bin/env bash
# Refresh the English translation source from the code, then build the .qm the application loads.
# Translate new entries in resources/i18n/pishkhan_en.ts (Qt Linguist: pyside6-linguist) before committing;
# tests/gui/test_translations.py fails while one is unfinished or the .qm is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
pyside6-lupdate $(find desktop -name "*.py" | sort) -ts resources/i18n/pishkhan_en.ts \
  -source-language fa_IR -target-language en_GB -no-obsolete -locations none
pyside6-lrelease resources/i18n/pishkhan_en.ts -qm resources/i18n/pishkhan_en.qm
