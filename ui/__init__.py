"""The Casefile desktop app (PySide6): a thin layer over the `casefile` core."""
