"""`python -m desktop` is `pishkhan`."""

from desktop.cli import main

raise SystemExit(main())
