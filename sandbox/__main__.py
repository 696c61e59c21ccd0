"""`python -m sandbox ...`, the same as `pishkhan sandbox ...`."""

from sandbox.cli import main

raise SystemExit(main())
