"""Typed services, one per kind of record: what the UI and the CLI call to read and edit."""
