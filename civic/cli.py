"""The command line's answer to bad input, shared by every verb: one line on stderr, exit status 2.

The line names the option or field and what is wrong; never argparse's usage block, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

EXIT_BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser (and, through add_subparsers, its sub-parsers) that reports bad input in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {' '.join(message.split())}\n")


def parse_or_status(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status when parsing ended the run (bad input: 2; --help: 0)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT


def fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """Report one problem in one line on stderr; returns the exit status for `main` to return."""
    print(" ".join(message.split()), file=sys.stderr)
    return status
