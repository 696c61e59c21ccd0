"""Reusable widgets and the desktop side of printing (print service, preview dialog)."""
