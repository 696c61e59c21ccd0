"""Item 10: a tariff book's TOML is checked lexically before the parser, whose memory is quadratic in a dotted key.

The hostile book (a 32 KB dotted key `a.a.a…`) took a gigabyte; it is now refused in milliseconds with almost no
memory, measured in a fresh process. Every valid book parses exactly as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from decimal import Decimal

import pytest

from fees import BookError, load_book_file, parse_book
from fees.toml_guard import MAX_KEY_CHARS, MAX_KEY_PARTS, MAX_KEY_TOTAL, MAX_NESTING, TomlShapeError, check_toml
from tests.tariff_books import BOOK_1405, training_signature, write_book


def dotted_key_book(parts: int) -> bytes:
    return ("a" + ".a" * (parts - 1) + " = 1\n").encode("ascii")


def _peak_kib(source: str) -> int:
    """Peak traced memory (KiB) of parsing `source` with the bare TOML parser, in a fresh process."""
    script = textwrap.dedent(
        """
        import sys, tomllib, tracemalloc
        text = sys.stdin.read()
        tracemalloc.start()
        tomllib.loads(text)
        print(tracemalloc.get_traced_memory()[1] // 1024)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], input=source, capture_output=True, text=True, timeout=60)
    return int(done.stdout)


def test_the_bare_parser_spends_memory_quadratic_in_a_dotted_keys_length():
    """The defect, shown small: four times the parts, some sixteen times the memory (32 KB of it took 1 GB)."""
    small = _peak_kib(dotted_key_book(500).decode())
    large = _peak_kib(dotted_key_book(2000).decode())
    assert large > 8 * small, (small, large)


def test_the_32_kb_dotted_key_book_is_refused_in_milliseconds_with_little_memory():
    """Measured in a fresh process: wall time of parse_book and the growth of the peak resident set."""
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        from fees import BookError, parse_book
        data = ("a" + ".a" * 16000 + " = 1\\n").encode()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            parse_book(data, name="hostile.toml")
        except BookError as exc:
            reason = str(exc)
        seconds = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(json.dumps({"bytes": len(data), "seconds": seconds, "rss_kib": grown, "reason": reason}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    result = json.loads(done.stdout)
    assert result["bytes"] > 32_000
    assert "dotted key of more than" in result["reason"] and "hostile.toml" in result["reason"]
    assert result["seconds"] < 0.05, result
    assert result["rss_kib"] < 4 * 1024, result


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a" + ".b" * MAX_KEY_PARTS + " = 1\n", "dotted key"),
        ("[" + ".".join(["t"] * (MAX_KEY_PARTS + 1)) + "]\n", "dotted key"),
        ("[[" + ".".join(["t"] * (MAX_KEY_PARTS + 1)) + "]]\n", "dotted key"),
        ("x = {" + ".".join(["t"] * (MAX_KEY_PARTS + 1)) + " = 1}\n", "dotted key"),
        ("\"a\" . 'b' . c . d . e . f . g . h . i = 1\n", "dotted key"),
        ("k" * (MAX_KEY_CHARS + 1) + " = 1\n", "longer than"),
        ('"' + "k" * (MAX_KEY_CHARS + 1) + '" = 1\n', "longer than"),
        ("[" + "k" * (MAX_KEY_CHARS + 1) + "]\n", "longer than"),
        ("x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n", "nested"),
        ("x = " + "{a = " * (MAX_NESTING + 1) + "1" + "}" * (MAX_NESTING + 1) + "\n", "nested"),
        ("".join(f"[t{i}.a.b.c]\n" for i in range(MAX_KEY_TOTAL // 4 + 1)), "keys"),
    ],
    ids=[
        "dotted",
        "header",
        "array-header",
        "inline",
        "quoted-spaced",
        "bare-long",
        "quoted-long",
        "header-long",
        "arrays",
        "inline-tables",
        "many-tables",
    ],
)
def test_beyond_the_bounds_is_refused_by_the_lexical_check(text, reason):
    with pytest.raises(TomlShapeError, match=reason):
        check_toml(text)
    with pytest.raises(BookError, match="refused before parsing"):
        parse_book(text.encode("utf-8"), name="hostile.toml")


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".b" * (MAX_KEY_PARTS - 1) + " = 1\n",
        'x = "a.b.c.d.e.f.g.h.i.j.k.l"  # a.b.c.d.e.f.g.h.i.j\n',
        "x = '''\n[a.b.c.d.e.f.g.h.i.j]\n'''\n",
        'x = """\n a.b.c.d.e.f.g.h.i = "\\"[[[[[[[[[[[[[[[[[[["\n"""\n',
        "x = 1.5\ny = 2024-01-01T10:00:00.123\nz = [1.5, 2.5, -0.0, +1e-3]\n",
        "x = '" + "long literal " * 40 + "'\n",
        "x = [\n  [1, 2],\n  [3, 4],\n]\n",
        "# [a.b.c.d.e.f.g.h.i.j] = 1\n",
    ],
)
def test_valid_toml_within_the_bounds_passes_and_parses_as_before(text):
    check_toml(text)
    assert tomllib.loads(text, parse_float=Decimal) is not None


def test_every_bundled_book_passes_and_compiles_exactly_as_the_parser_reads_it(books):
    for book in books:
        check_toml(book.data.decode("utf-8"))
    data = BOOK_1405.read_bytes()
    assert parse_book(data, name="x.toml").sha256 == next(b for b in books if b.version == "1405.1").sha256


def test_a_book_file_is_not_read_when_it_is_too_large_or_not_a_file(tmp_path):
    """Item 12: a 5 GB sparse book and /dev/zero are refused from their size and kind, nothing read."""
    huge = write_book(tmp_path, b"", signature=training_signature(b""), name="huge.toml")
    with huge.open("r+b") as stream:
        stream.truncate(5 * 1024**3)
    with pytest.raises(BookError, match="larger than 1000000 bytes"):
        load_book_file(huge)
    with pytest.raises(BookError, match="a device"):
        load_book_file("/dev/zero")
    with pytest.raises(BookError, match="a folder"):
        load_book_file(tmp_path)
