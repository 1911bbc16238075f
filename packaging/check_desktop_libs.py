"""Before `make run`: the system libraries the desktop app needs that Python's wheels cannot
bring — Qt's X11 plugin (libqxcb) links the xcb utility libraries, which a fresh Debian or
Ubuntu desktop lacks (libxcb-cursor0 above all), and Qt then aborts with a page of plugin
errors. This says in one line what to install, and exits 1.

Runs with the system's python3 (standard library only), before the venv exists. No check on
macOS and Windows, nor when QT_QPA_PLATFORM picks a plugin other than xcb (offscreen,
wayland…). With no display at all (an ssh shell) it says so instead. On a Wayland session
Qt uses its Wayland plugin: missing X11 libraries are then only a warning.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# What PySide6's libqxcb.so, libQt6XcbQpa and libQt6Gui link beyond the C runtime
# (objdump -p … | grep NEEDED), with the package holding each: (soname, apt, dnf).
LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    ("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    ("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    ("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    ("libxcb.so.1", "libxcb1", "libxcb"),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    ("libX11.so.6", "libx11-6", "libX11"),
    ("libGL.so.1", "libgl1", "libglvnd-glx"),
    ("libEGL.so.1", "libegl1", "libglvnd-egl"),
    ("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    ("libfreetype.so.6", "libfreetype6", "freetype"),
    ("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
    ("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)
HEADING = "Missing system libraries for Qt's X11 plugin"
NO_DISPLAY = "No display: run from a desktop session (or set QT_QPA_PLATFORM=offscreen)"


def ldconfig_sonames(text: str) -> set[str]:
    """The library names in `ldconfig -p` output ("\tlibxcb.so.1 (libc6,x86-64) => …")."""
    names = set()
    for line in text.splitlines()[1:]:
        name = line.strip().split(" ", 1)[0]
        if ".so" in name:
            names.add(name)
    return names


def ldconfig_output() -> str:
    """`ldconfig -p`, or "" where there is none (it lives in /sbin, often off a user's PATH)."""
    program = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).exists()), None)
    if program is None:
        return ""
    try:
        return subprocess.run([program, "-p"], capture_output=True, text=True,
                              timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds `soname` (LD_LIBRARY_PATH included)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def system_finder() -> Callable[[str], bool]:
    """Finds a library in the loader's cache, else by loading it."""
    cached = ldconfig_sonames(ldconfig_output())
    return lambda soname: soname in cached or loadable(soname)


def package_tool(os_release: str) -> str | None:
    """"apt" on Debian, Ubuntu and their kin; "dnf" on Fedora, RHEL and theirs; else None."""
    fields = {}
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        fields[key.strip()] = value.strip().strip('"').lower()
    family = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".split()
    if any(name in family for name in ("debian", "ubuntu")):
        return "apt"
    if any(name in family for name in ("fedora", "rhel", "centos")):
        return "dnf"
    return None


def missing(finder: Callable[[str], bool]) -> list[tuple[str, str, str]]:
    """The libraries `finder` does not find."""
    return [entry for entry in LIBRARIES if not finder(entry[0])]


def advice(absent: Iterable[tuple[str, str, str]], tool: str | None) -> str:
    """The one line to print: what to install, with the distribution's own command."""
    absent = list(absent)
    if tool == "apt":
        packages = dict.fromkeys(apt for _so, apt, _dnf in absent)
        return f"{HEADING}: sudo apt install {' '.join(packages)}"
    if tool == "dnf":
        packages = dict.fromkeys(dnf for _so, _apt, dnf in absent)
        return f"{HEADING}: sudo dnf install {' '.join(packages)}"
    return f"{HEADING} (install the packages holding them): " + \
        " ".join(so for so, _apt, _dnf in absent)


def needs_check(platform: str, environ: dict[str, str]) -> bool:
    """Whether Qt would load its X11 plugin here."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip().lower()
    return not chosen or chosen.split(";")[0].split(":")[0] == "xcb"


def check(finder: Callable[[str], bool] | None = None, os_release: str | None = None,
          environ: dict[str, str] | None = None, platform: str = sys.platform) -> int:
    """Print the advice and return 1 when something is missing; 0 otherwise."""
    env = dict(os.environ) if environ is None else environ
    if not needs_check(platform, env):
        return 0
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") \
            and not env.get("WAYLAND_DISPLAY"):
        print(NO_DISPLAY, file=sys.stderr)  # Qt would abort with a page of plugin errors
        return 1
    absent = missing(finder or system_finder())
    if not absent:
        return 0
    if os_release is None:
        release = Path("/etc/os-release")
        os_release = release.read_text(errors="replace") if release.exists() else ""
    line = advice(absent, package_tool(os_release))
    wayland = bool(env.get("WAYLAND_DISPLAY")) and not env.get("QT_QPA_PLATFORM")
    if wayland:  # Qt takes its Wayland plugin; X11 apps and fallbacks still want these
        print(f"warning: {line}", file=sys.stderr)
        return 0
    print(line, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(check())
