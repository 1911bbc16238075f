"""`make run` on a fresh desktop: the check of Qt's X11 libraries says in one line what to
install (apt or dnf), and stays out of the way where no X11 plugin is loaded."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "check_desktop_libs.py"
spec = importlib.util.spec_from_file_location("check_desktop_libs", SCRIPT)
assert spec is not None and spec.loader is not None
check_libs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_libs)

# A fresh Debian 12 desktop: X11 itself is there, the xcb utility libraries are not.
FRESH_DEBIAN_LDCONFIG = """1234 libs found in cache `/etc/ld.so.cache'
\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1
\tlibxcb-xkb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-xkb.so.1
\tlibxcb-xfixes.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-xfixes.so.0
\tlibxcb-sync.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-sync.so.1
\tlibxcb-shm.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-shm.so.0
\tlibxcb-shape.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-shape.so.0
\tlibxcb-render.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-render.so.0
\tlibxcb-randr.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-randr.so.0
\tlibxcb-render-util.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-render-util.so.0
\tlibxcb-image.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-image.so.0
\tlibxcb-util.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-util.so.1
\tlibxkbcommon.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxkbcommon.so.0
\tlibxkbcommon-x11.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0
\tlibX11.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libX11.so.6
\tlibX11-xcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libX11-xcb.so.1
\tlibGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libGL.so.1
\tlibEGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libEGL.so.1
\tlibfontconfig.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libfontconfig.so.1
\tlibfreetype.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libfreetype.so.6
\tlibglib-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libglib-2.0.so.0
\tlibdbus-1.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libdbus-1.so.3
\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
"""
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
X11 = {"DISPLAY": ":0"}


def fresh(soname: str) -> bool:
    return soname in check_libs.ldconfig_sonames(FRESH_DEBIAN_LDCONFIG)


def test_a_fresh_debian_is_told_the_one_apt_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_libs.check(fresh, DEBIAN, X11, "linux") == 1
    err = capsys.readouterr().err
    assert err == ("Missing system libraries for Qt's X11 plugin: "
                   "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n")


def test_ubuntu_is_debian_kin_and_fedora_gets_dnf_names(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert check_libs.check(fresh, UBUNTU, X11, "linux") == 1
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in \
        capsys.readouterr().err
    assert check_libs.check(fresh, FEDORA, X11, "linux") == 1
    assert capsys.readouterr().err.strip().endswith(
        "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms")


def test_nothing_missing_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_libs.check(lambda _so: True, DEBIAN, X11, "linux") == 0
    assert capsys.readouterr().err == ""


def test_another_distribution_gets_the_library_names(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert check_libs.check(fresh, "ID=arch\n", X11, "linux") == 1
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "libxcb-cursor.so.0" in line and "sudo" not in line


@pytest.mark.parametrize(("platform", "environ"), [
    ("linux", {"QT_QPA_PLATFORM": "offscreen"}),
    ("linux", {"QT_QPA_PLATFORM": "wayland"}),
    ("darwin", {}),
    ("win32", {}),
])
def test_no_check_where_no_x11_plugin_loads(platform: str, environ: dict[str, str]) -> None:
    def finder(_soname: str) -> bool:
        raise AssertionError("looked for a library it does not need")

    assert check_libs.check(finder, DEBIAN, environ, platform) == 0


def test_xcb_chosen_explicitly_is_checked() -> None:
    assert check_libs.check(fresh, DEBIAN, {"QT_QPA_PLATFORM": "xcb"}, "linux") == 1


def test_a_wayland_session_only_warns(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_libs.check(fresh, DEBIAN, {"WAYLAND_DISPLAY": "wayland-0"}, "linux") == 0
    assert capsys.readouterr().err.startswith("warning: Missing system libraries")


@pytest.mark.parametrize("environ", [{}, {"DISPLAY": ""}, {"WAYLAND_DISPLAY": ""}])
def test_no_display_says_so_in_one_line(capsys: pytest.CaptureFixture[str],
                                        environ: dict[str, str]) -> None:
    """An ssh shell: not a page of Qt plugin errors, nor a list of libraries."""
    assert check_libs.check(lambda _so: True, DEBIAN, environ, "linux") == 1
    assert capsys.readouterr().err == ("No display: run from a desktop session "
                                       "(or set QT_QPA_PLATFORM=offscreen)\n")


def test_a_display_or_a_chosen_plugin_is_not_turned_away(
        capsys: pytest.CaptureFixture[str]) -> None:
    for environ in ({"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"},
                    {"QT_QPA_PLATFORM": "offscreen"}):
        assert check_libs.check(lambda _so: True, DEBIAN, environ, "linux") == 0
    assert check_libs.check(lambda _so: True, DEBIAN, {}, "darwin") == 0
    assert capsys.readouterr().err == ""


def test_make_run_checks_before_installing_even_in_parallel() -> None:
    """`make -j run`: the check is an order-only prerequisite of the install when run is
    asked for, so nothing installs on a machine that cannot show the app."""
    dry = subprocess.run(["make", "-n", "-j2", "-B", "run"], capture_output=True, text=True,
                         cwd=ROOT, check=False).stdout
    lines = dry.splitlines()
    check = next(i for i, line in enumerate(lines) if "check_desktop_libs.py" in line)
    install = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert check < install
    makefile = (ROOT / "Makefile").read_text()
    assert "| $(if $(filter run,$(MAKECMDGOALS)),desktop-libs)" in makefile


def test_every_library_qt_links_is_in_the_list() -> None:
    """The list follows the wheel: every library libqxcb.so needs (objdump) is checked."""
    qt = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt"  # type: ignore[arg-type]
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or not sys.platform.startswith("linux"):
        pytest.skip("no X11 plugin in this PySide6")
    try:
        dump = subprocess.run(["objdump", "-p", str(plugin)], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no objdump here")
    needed = {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}
    system = {n for n in needed if "Qt6" not in n and not n.startswith(
        ("libc.so", "libm.so", "libstdc++", "libgcc_s", "libpthread", "libdl.so", "librt.so"))}
    assert system <= {so for so, _apt, _dnf in check_libs.LIBRARIES}


def test_make_run_checks_before_it_starts_the_app() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "run: desktop-libs" in makefile
    assert "packaging/check_desktop_libs.py" in makefile
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
                          check=False)
    assert done.returncode == 0 and done.stderr == ""
