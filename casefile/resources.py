"""Finding files under `resources/`, from a source tree or a frozen (PyInstaller) build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources folder: $CASEFILE_RESOURCES, the frozen bundle's, or the source tree's."""
    override = os.environ.get("CASEFILE_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. resource_path("sample", "sample.json")."""
    return resources_dir().joinpath(*parts)


def sample_bundle() -> Path:
    """The sample case's bundle, which `casefile demo` imports."""
    return resource_path("sample", "sample.json")
