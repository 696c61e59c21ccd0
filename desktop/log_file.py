"""The application's log file: rotating, and private to the operator (`desktop.app.configure_logging` opens it)."""

from __future__ import annotations

import io
import logging.handlers
import os
from pathlib import Path

from civic.files import make_private


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600 (and made so if an older one was not): the log names
    citizens' cases and the operator's actions."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        make_private(Path(self.baseFilename))
        return io.TextIOWrapper(io.FileIO(fd, "a"), encoding=self.encoding, errors=self.errors)  # the handler closes it
