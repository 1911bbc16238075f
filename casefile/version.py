"""The installed version of Casefile, in a module of its own so any part of the core can
name it without importing the whole package (which would import the case, and so itself)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("casefile")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
