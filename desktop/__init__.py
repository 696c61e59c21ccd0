"""Pishkhan Desk: the desktop application of counter and notary offices."""

__version__ = "0.1.0"
