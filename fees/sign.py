"""Maintainer tool: check and (re)sign tariff books.

    python -m fees.sign BOOK.toml [BOOK.toml ...] --key KEY.pem [--key-id ID]

Each book is parsed and compiled first (a broken book is never signed), then `BOOK.toml.sig` is written beside it.
The key_id is looked up in the bundled trust list by public key unless `--key-id` names it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from civic.files import read_bounded
from fees.book import MAX_BOOK_BYTES, parse_book
from fees.errors import FeesError
from fees.signing import TrustList, load_private_key, sign_detached

SIGNATURE_SUFFIX = ".sig"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fees.sign", description="Check and sign tariff books.")
    parser.add_argument("books", nargs="+", type=Path, metavar="BOOK")
    parser.add_argument("--key", required=True, type=Path, help="Ed25519 private key, PKCS8 PEM")
    parser.add_argument("--key-id", help="key_id to write (default: found in the trust list by public key)")
    args = parser.parse_args(argv)
    try:
        private_key = load_private_key(read_bounded(args.key, 64 * 1024))
        key_id = args.key_id
        if key_id is None:
            from cryptography.hazmat.primitives import serialization

            raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            trusted = TrustList.load().find_public_key(raw)
            if trusted is None:
                print(f"{args.key}: its public key is not in the trust list; pass --key-id", file=sys.stderr)
                return 2
            key_id = trusted.key_id
        for path in args.books:
            data = read_bounded(path, MAX_BOOK_BYTES)
            book = parse_book(data, name=path.name)
            path.with_name(path.name + SIGNATURE_SUFFIX).write_bytes(sign_detached(data, private_key, key_id))
            print(f"signed {path} ({book.label}, sha256 {book.sha256}) with {key_id}")
    except FeesError as exc:
        print(exc.message("en"), file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
