"""`pishkhan`: one command, several verbs. Each verb imports only what it needs.

Bad input: one line on stderr naming what is wrong, exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from civic.cli import OneLineParser
from desktop import __version__


def _parser(*, gui_only: bool = False) -> argparse.ArgumentParser:
    """The command line's parser. `gui_only`: for `pishkhan gui …`, the other verbs left out: their parsers serve
    only `pishkhan --help` (each is dispatched before this), and making them is about 0.7 ms of the start-up."""
    parser = OneLineParser(prog="pishkhan", description="Pishkhan Desk (پیشخوان): counter and notary office client.")
    parser.add_argument("--version", action="version", version=f"pishkhan-desk {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    gui = verbs.add_parser("gui", help="run the application (the default)")
    _gui_options(gui)
    if gui_only:
        return parser
    shots = verbs.add_parser("screenshots", help="render every page with demo data to PNG files, then exit")
    shots.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    shots.add_argument("--lang", choices=("fa", "en"), help="one language (default: both)")
    verbs.add_parser("sandbox", help="run the reference municipal API (see: pishkhan sandbox --help)", add_help=False)
    verbs.add_parser("fees", help="offline fee preview (see: pishkhan fees --help)", add_help=False)
    verbs.add_parser("docs", help="sample documents, seal verification (see: pishkhan docs --help)", add_help=False)
    verbs.add_parser("verify", help="check a document's seal offline (see: pishkhan verify --help)", add_help=False)
    verbs.add_parser(
        "journal", help="check or export the operator's journal (see: pishkhan journal --help)", add_help=False
    )
    return parser


def _gui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api", metavar="URL", help="address of the municipal API (https; http only to this machine)")
    parser.add_argument("--demo", action="store_true", help="start the training sandbox in-process, with demo data")
    parser.add_argument("--lang", choices=("fa", "en"), help="interface language (default: the saved setting, fa)")


def training_installed() -> bool:
    """The training sandbox and its signing key are part of this installation (a production bundle has neither)."""
    from civic.resources import resource_path

    return (
        importlib.util.find_spec("sandbox") is not None and resource_path("keys", "training-signing-key.pem").is_file()
    )


def _training_only(what: str) -> int:
    sys.stderr.write(
        f"pishkhan: {what} needs the training sandbox, which is not part of this installation (a production build)\n"
    )
    return 2


def _trust_as_set() -> None:
    """The office's choice about the training key (desktop/settings.py), for the verbs that read the trust list;
    a missing settings file is not made here."""
    from civic import trust_policy
    from desktop.paths import app_dirs
    from desktop.settings import FILE_NAME, read_settings

    config = app_dirs().config
    if (config / FILE_NAME).is_file():
        trust_policy.believe_training_key(read_settings(config).settings.trust_training_key)


def _before_qt_modules() -> None:
    """Before the window's modules load: PySide's import hook is told not to read the source of each module the window
    imports (desktop/feature_scan.py), and Python's automatic cyclic garbage collection is switched off. Loading PySide
    and the window's modules makes objects by the ten thousand that all live on (modules, classes, Qt's enums), and
    the automatic collection walked them over fifty times before the first paint. The application's own collector
    (desktop/tasks.py, `UiThreadGarbageCollector`) collects once the application is made."""
    import gc

    from desktop.feature_scan import skip_source_reading

    gc.disable()
    skip_source_reading()


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else list(argv)
    if args_in and args_in[0] in ("fees", "verify", "docs"):
        _trust_as_set()
    if args_in and args_in[0] in ("sandbox", "screenshots") and not training_installed():
        return _training_only(args_in[0])
    if args_in[:2] == ["docs", "sample"] and not training_installed():
        return _training_only("docs sample")
    if "--demo" in args_in and (args_in[0] == "gui" or args_in[0].startswith("-")) and not training_installed():
        return _training_only("--demo")
    if args_in and args_in[0] == "sandbox":
        from sandbox.cli import main as sandbox_main

        return sandbox_main(args_in[1:])
    if args_in and args_in[0] == "fees":
        from fees.cli import main as fees_main

        return fees_main(args_in[1:])
    if args_in and (args_in[0] == "verify" or args_in[:2] == ["docs", "verify"]):
        from civic.verify_cli import main as verify_main
        from desktop.paths import app_dirs

        # `pishkhan docs verify` is the same check, answering in English as it always has
        rest = args_in[1:] if args_in[0] == "verify" else ["--lang", "en", *args_in[2:]]
        return verify_main(rest, profile=app_dirs().config)
    if args_in and args_in[0] == "docs":
        from desktop.docs_cli import main as docs_main

        return docs_main(args_in[1:])
    if args_in and args_in[0] == "journal":
        from desktop.journal_cli import main as journal_main

        return journal_main(args_in[1:])

    if not args_in or (args_in[0].startswith("-") and args_in[0] not in ("-h", "--help", "--version")):
        args_in = ["gui", *args_in]
    parser = _parser(gui_only=args_in[0] == "gui")
    args = parser.parse_args(args_in)
    if args.verb == "screenshots":
        _before_qt_modules()
        from desktop.screenshots import render_screenshots

        try:
            paths = render_screenshots(args.out, args.lang)
        except OSError as exc:
            parser.error(f"--out: cannot write there ({exc.strerror or exc})")
        except TimeoutError as exc:
            sys.stderr.write(f"pishkhan screenshots: {exc}\n")
            return 1
        for path in paths:
            print(path)
        return 0
    if args.api and args.demo:
        parser.error("--api and --demo exclude each other")
    if args.api:
        from client_api.addresses import api_root
        from client_api.errors import InsecureTransportError

        try:
            api_root(args.api)
        except InsecureTransportError as exc:
            parser.error(f"--api: {exc}")
        except ValueError as exc:  # what urlsplit cannot take apart, e.g. 'http://[::1'
            parser.error(f"--api: not an address ({exc}): {args.api!r}")
    _before_qt_modules()
    from desktop.main import run_gui

    return run_gui(api=args.api, demo=args.demo, language=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
