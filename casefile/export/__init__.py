"""Exports: attributed Word drafts for editors, and reading their review back."""
