"""A lexical check of TOML text before the parser sees it.

Python's TOML parser spends memory quadratic in the number of parts of a dotted key: a 32 KB line `a.a.a…= 1`
(16,000 parts) takes about a gigabyte. `check_toml(text)` tokenises the text once (strings and comments skipped, as
the parser skips them) and refuses, in one linear pass, a dotted key of more than `MAX_KEY_PARTS` parts, a key part
longer than `MAX_KEY_CHARS`, more than `MAX_KEY_TOTAL` key parts in all (the parser spends some 8 KB on each table a
header creates), and arrays or inline tables nested deeper than `MAX_NESTING`. The first excess ends the
scan, so the hostile book above is refused in well under a millisecond.

The part count does not depend on where the tokens stand: any run `x . y . z` outside strings and comments counts
(a number such as 1.5 is a run of two), so no arrangement of tokens gets a long dotted key past the check.
"""

from __future__ import annotations

import re

MAX_KEY_PARTS = 8
MAX_KEY_CHARS = 128
MAX_NESTING = 16
MAX_KEY_TOTAL = 20_000  # parts of every key and header together: the parser builds a table per part

_TOKEN = re.compile(
    r"""
    (?P<string>"{3}(?:\\[\s\S]|[^\\])*?"{3,5}|'{3}[\s\S]*?'{3,5}|"(?:\\.|[^"\\\n])*"|'[^'\n]*')
    |(?P<comment>\#[^\n]*)
    |(?P<newline>\n)
    |(?P<space>[ \t\r]+)
    |(?P<dot>\.)
    |(?P<open>[\[{])
    |(?P<close>[\]}])
    |(?P<equals>=)
    |(?P<word>[A-Za-z0-9_+\-:]+)
    |(?P<other>[\s\S])
    """,
    re.VERBOSE,
)


class TomlShapeError(ValueError):
    """The text has a key or a nesting beyond the bounds; the message says which and on which line."""


def _part_length(token: str, kind: str) -> int:
    return len(token) - 2 if kind == "string" else len(token)


def check_toml(text: str) -> None:
    """Raise TomlShapeError when `text` has a dotted key of more than MAX_KEY_PARTS parts, a key part of more than
    MAX_KEY_CHARS characters, or nesting deeper than MAX_NESTING; otherwise return (the text may still be invalid
    TOML: that is the parser's to say)."""
    line = 1
    depth = 0
    parts = 0  # parts of the current run x . y . z
    longest = 0  # the longest part of the current run
    expect_part = True  # after a dot (or at the start of a run) the next word or string continues the run
    line_start = True  # nothing but spaces so far on this line
    header = False  # the current run is inside a [table] header
    total = 0  # key parts so far
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group()
        if kind == "space":
            continue
        if kind in ("word", "string"):
            if not expect_part:
                parts, longest = 0, 0
            parts += 1
            longest = max(longest, _part_length(token, kind))
            if parts > MAX_KEY_PARTS:
                raise TomlShapeError(f"line {line}: a dotted key of more than {MAX_KEY_PARTS} parts")
            expect_part = False
            line += token.count("\n")
        elif kind == "dot":
            if expect_part:  # a dot with no part before it: the run starts again
                parts, longest = 0, 0
            expect_part = True
        else:
            if kind == "equals" or (kind == "close" and header):
                if longest > MAX_KEY_CHARS:
                    raise TomlShapeError(f"line {line}: a key longer than {MAX_KEY_CHARS} characters")
                total += parts
                if total > MAX_KEY_TOTAL:
                    raise TomlShapeError(f"line {line}: more than {MAX_KEY_TOTAL} keys")
            parts, longest, expect_part = 0, 0, True
            if kind == "open":
                header = header or (line_start and depth == 0 and token == "[")
                depth += 1
                if depth > MAX_NESTING:
                    raise TomlShapeError(f"line {line}: nested more than {MAX_NESTING} levels deep")
            elif kind == "close":
                depth = max(depth - 1, 0)
                if depth == 0:
                    header = False
            elif kind == "newline":
                line += 1
        line_start = kind == "newline" or (line_start and kind == "open" and header)
