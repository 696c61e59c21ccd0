#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: sets everything up, then runs pytest offscreen inside a private
# D-Bus session with an unlocked gnome-keyring (the real Secret Service the application uses).
# With no arguments the suite runs as two pytest runs side by side (widgets, outbox and printing; the rest), each in its own
# D-Bus session and keyring. Extra arguments make it one run and go to pytest, e.g. `bash scripts/test.sh tests/unit -x`.
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
export QT_QPA_PLATFORM=offscreen

# One pytest run in its own D-Bus session with its own unlocked gnome-keyring and its own XDG folders: runs side by
# side never see each other's keyring items, settings or local data.
run_pytest() {
  local home="$1"
  shift
  mkdir -p "$home/data" "$home/config" "$home/cache" "$home/state" "$home/run"
  chmod 700 "$home/run"
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    XDG_STATE_HOME="$home/state" XDG_RUNTIME_DIR="$home/run" \
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
}

no_tests() {
  echo "pytest collected no tests${1:+ in $1}: that is a failure" >&2
}

set +e
if [ "$#" -gt 0 ]; then
  run_pytest "$KEYRING_HOME/one" "$@"
  status=$?
  set -e
  if [ "$status" -eq 5 ]; then no_tests; exit 1; fi
  exit "$status"
fi

# The whole suite: the widget, outbox and printing tests in one run and everything else in another, side by side
# (most of the time of either is spent waiting on a server, a printer or a timer, so two runs take little more than
# the longer one; the split gives each about half).
GUI_LOG="$KEYRING_HOME/gui.log"
run_pytest "$KEYRING_HOME/gui" -p no:cacheprovider tests/gui tests/outbox tests/printing >"$GUI_LOG" 2>&1 &
gui_pid=$!
run_pytest "$KEYRING_HOME/rest" -p no:cacheprovider tests --ignore=tests/gui --ignore=tests/outbox --ignore=tests/printing
rest=$?
wait "$gui_pid"
gui=$?
set -e
echo
echo "=== tests/gui, tests/outbox, tests/printing ==="
cat "$GUI_LOG"
status=0
for pair in "tests/gui, tests/outbox, tests/printing:$gui" "the other tests:$rest"; do
  code="${pair##*:}"
  if [ "$code" -eq 5 ]; then no_tests "${pair%:*}"; status=1; elif [ "$code" -ne 0 ]; then status="$code"; fi
done
exit "$status"
