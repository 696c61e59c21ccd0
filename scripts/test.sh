#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: sets everything up, then runs pytest offscreen inside a private
# D-Bus session with an unlocked gnome-keyring (the real Secret Service the application uses).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/unit -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# a private keyring folder, so a keyring left by another run (with another password) never gets in the way
KEYRING_HOME="$(mktemp -d -t pishkhan-keyring-XXXXXX)"
CUPSD_PID=""
cleanup() {
  rm -rf "$KEYRING_HOME"
  # stop the print scheduler only if this script started it
  if [ -n "$CUPSD_PID" ]; then kill "$CUPSD_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

# A real print queue for the printing tests: the CUPS scheduler with a CUPS-PDF queue, whose output (one PDF per
# job) goes to a known folder the tests read. Without root (or sudo) this is skipped and those tests skip locally.
PRINTER_NAME="PishkhanPDF"
PRINTER_OUT="/var/spool/cups-pdf/pishkhan"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
cups_running() { lpstat -r 2>/dev/null | grep -q "scheduler is running"; }
if command -v cupsd >/dev/null 2>&1 || [ -x /usr/sbin/cupsd ]; then
  if ! cups_running; then
    if [ -z "$SUDO" ]; then
      /usr/sbin/cupsd -f &
      CUPSD_PID=$!
    else
      $SUDO /usr/sbin/cupsd || echo "could not start cupsd (needs root): printing tests will skip" >&2
    fi
    for _ in $(seq 1 50); do cups_running && break; sleep 0.2; done
  fi
  if cups_running && [ -f /etc/cups/cups-pdf.conf ]; then
    # jobs' files older than an hour go (a run in parallel may still be waiting for its own newer ones)
    if $SUDO sed -i -E "s|^#?Out .*|Out $PRINTER_OUT|" /etc/cups/cups-pdf.conf &&
      $SUDO mkdir -p "$PRINTER_OUT" && $SUDO chmod 1777 "$PRINTER_OUT" && $SUDO find "$PRINTER_OUT" -name '*.pdf' -mmin +60 -delete &&
      $SUDO lpadmin -p "$PRINTER_NAME" -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null &&
      $SUDO cupsenable "$PRINTER_NAME" && $SUDO cupsaccept "$PRINTER_NAME"; then
      export PISHKHAN_TEST_PRINTER="$PRINTER_NAME" PISHKHAN_TEST_PRINTER_OUT="$PRINTER_OUT"
    else
      echo "could not set up the $PRINTER_NAME queue: printing tests will skip (fail in CI)" >&2
    fi
  fi
fi
export XDG_DATA_HOME="$KEYRING_HOME/data" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen

set +e
dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 3
  # the daemon registers on the bus asynchronously: wait until the Secret Service answers
  for _ in $(seq 1 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
    sleep 0.1
  done
  exec .venv/bin/python -m pytest "$@"
' pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
