"""The desktop integration shipped in packaging/linux/ (issue 20, "The desktop"): the menu
entry, the MIME type of .casefile files, the AppStream metainfo, the icons and the Debian
package built from them — checked against real case files and, where installed, the
freedesktop tools themselves (desktop-file-validate, update-mime-database, gio, xdg-mime,
appstreamcli, dpkg-deb). No PyInstaller build: the .deb test packs a stand-in bundle."""

from __future__ import annotations

import configparser
import gzip
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

import casefile
from casefile.case import CaseFile
from casefile.db.header import APPLICATION_ID

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP_ID = "org.casefile.Casefile"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
MIME_XML = LINUX / "casefile-mime.xml"
MIME_TYPE = "application/x-casefile"
SMI = "{http://www.freedesktop.org/standards/shared-mime-info}"

sys.path.insert(0, str(LINUX))
import deb_depends  # noqa: E402


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type_element() -> ET.Element:
    types = ET.parse(MIME_XML).getroot().findall(f"{SMI}mime-type")
    assert [t.get("type") for t in types] == [MIME_TYPE]
    return types[0]


def magic_matches(match: ET.Element, data: bytes) -> bool:
    """A shared-mime-info <match> (and, if it has children, any of them) applied to `data`:
    the types the XML uses — string and big32 — implemented from the specification."""
    offset = int(match.get("offset", "0").split(":")[0])
    kind, value = match.get("type"), match.get("value", "")
    if kind == "string":
        wanted = value.encode()
        hit = data[offset:offset + len(wanted)] == wanted
    elif kind == "big32":
        hit = len(data) >= offset + 4 and \
            struct.unpack(">I", data[offset:offset + 4])[0] == int(value, 0)
    else:
        raise AssertionError(f"match type {kind} not handled by this test")
    children = match.findall(f"{SMI}match")
    return hit and (not children or any(magic_matches(c, data) for c in children))


def by_magic(path: Path) -> bool:
    data = path.read_bytes()[:4096]
    magic = mime_type_element().findall(f"{SMI}magic")
    return any(magic_matches(m, data) for block in magic for m in block.findall(f"{SMI}match"))


@pytest.fixture(scope="module")
def case_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real files: a plain case file, the same under a name without the extension, an
    encrypted case file, another program's SQLite database, and a text file."""
    folder = tmp_path_factory.mktemp("desktop")
    plain = folder / "story.casefile"
    CaseFile.create(plain, "Amur border trade").close()
    renamed = folder / "story-copy"
    shutil.copyfile(plain, renamed)
    encrypted = folder / "secret.casefile"
    CaseFile.create(encrypted, "Sealed", passphrase="amur river at dawn").close()
    other = folder / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    text = folder / "notes.txt"
    text.write_text("not a case file\n")
    return {"plain": plain, "renamed": renamed, "encrypted": encrypted, "other": other,
            "text": text}


# --- the menu entry ----------------------------------------------------------------------

def test_desktop_entry_opens_case_files_with_the_app() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Name"] == "Casefile"
    program, *args = entry["Exec"].split()
    assert program == "casefile-app" and args == ["%f"]  # one file per start, a local path
    assert entry["TryExec"] == "casefile-app"
    assert entry["MimeType"].rstrip(";").split(";") == [MIME_TYPE]
    assert entry["Icon"] == DESKTOP_ID
    assert "Office" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"
    for key in ("GenericName", "Comment", "Keywords"):
        assert re.search("[а-яё]", entry[f"{key}[ru]"]), key  # Russian, like the app
    assert len(entry["Keywords[ru]"].split(";")) == len(entry["Keywords"].split(";"))


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt install desktop-file-utils)")
def test_desktop_file_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


# --- the MIME type -----------------------------------------------------------------------

def test_mime_type_is_recognised_by_name_and_by_the_application_id() -> None:
    mime = mime_type_element()
    assert [g.get("pattern") for g in mime.findall(f"{SMI}glob")] == ["*.casefile"]
    magic = mime.findall(f"{SMI}magic")
    assert len(magic) == 1 and int(magic[0].get("priority", "50")) > 50  # above SQLite's own
    (outer,) = magic[0].findall(f"{SMI}match")
    assert (outer.get("type"), outer.get("offset"), outer.get("value")) == \
        ("string", "0", "SQLite format 3")
    (inner,) = outer.findall(f"{SMI}match")
    # The header field Casefile writes and checks (casefile/db/header.py): one value.
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value", ""), 0) == APPLICATION_ID
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text
                for c in mime.findall(f"{SMI}comment")}
    assert comments[None] == "Casefile case file" and comments["ru"]


def test_the_magic_rule_matches_plain_case_files_only(case_files: dict[str, Path]) -> None:
    assert by_magic(case_files["plain"]) and by_magic(case_files["renamed"])
    assert not by_magic(case_files["other"])  # someone else's SQLite database
    assert not by_magic(case_files["text"])
    # An encrypted case file has no plain header: recognised by its name only (the glob).
    assert not by_magic(case_files["encrypted"])


@pytest.fixture(scope="module")
def mime_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A MIME database holding the system's types and Casefile's, made by the real
    update-mime-database; returns the data folder to put in XDG_DATA_DIRS."""
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database not installed (apt install shared-mime-info)")
    data = tmp_path_factory.mktemp("xdg-data")
    packages = data / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copyfile(MIME_XML, packages / f"{DESKTOP_ID}.xml")
    done = subprocess.run(["update-mime-database", str(data / "mime")], capture_output=True,
                          text=True, env=xdg_environment(data), check=False)
    assert done.returncode == 0, done.stderr
    assert (data / "mime" / "mime.cache").exists()
    return data


def xdg_environment(data: Path) -> dict[str, str]:
    """Only this data folder and the system's; an empty home (no user overrides)."""
    home = data / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "XDG_DATA_DIRS": f"{data}:/usr/share", "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CONFIG_DIRS": str(home / "etc")}


def gio_type(path: Path, data: Path) -> str:
    done = subprocess.run(["gio", "info", "--attributes=standard::content-type", str(path)],
                          capture_output=True, text=True, env=xdg_environment(data),
                          check=True)
    match = re.search(r"standard::content-type: (\S+)", done.stdout)
    assert match, done.stdout
    return match.group(1)


@pytest.mark.skipif(shutil.which("gio") is None, reason="gio not installed (libglib2.0-bin)")
def test_glib_sees_case_files_through_the_installed_type(
        mime_database: Path, case_files: dict[str, Path]) -> None:
    types = {name: gio_type(path, mime_database) for name, path in case_files.items()}
    assert types["plain"] == MIME_TYPE
    assert types["renamed"] == MIME_TYPE  # by content alone
    assert types["encrypted"] == MIME_TYPE  # by name alone
    assert types["other"] == "application/vnd.sqlite3"  # not every SQLite file is ours
    assert types["text"] == "text/plain"


@pytest.mark.skipif(shutil.which("xdg-mime") is None or shutil.which("mimetype") is None,
                    reason="xdg-mime or mimetype not installed (xdg-utils, libfile-mimeinfo-perl)")
def test_xdg_mime_query_filetype(mime_database: Path, case_files: dict[str, Path]) -> None:
    env = xdg_environment(mime_database)  # no desktop named: xdg-mime's generic way
    for name in ("plain", "renamed", "encrypted"):
        done = subprocess.run(["xdg-mime", "query", "filetype", str(case_files[name])],
                              capture_output=True, text=True, env=env, check=True)
        assert done.stdout.strip() == MIME_TYPE, (name, done.stdout, done.stderr)


@pytest.mark.skipif(shutil.which("xdg-mime") is None
                    or shutil.which("update-desktop-database") is None,
                    reason="xdg-utils or desktop-file-utils not installed")
def test_the_desktop_entry_becomes_the_default_app(tmp_path: Path) -> None:
    applications = tmp_path / "applications"
    applications.mkdir()
    shutil.copyfile(DESKTOP, applications / DESKTOP.name)
    env = xdg_environment(tmp_path)
    env["XDG_DATA_DIRS"] = str(tmp_path)
    subprocess.run(["update-desktop-database", str(applications)], env=env, check=True,
                   capture_output=True)
    done = subprocess.run(["xdg-mime", "query", "default", MIME_TYPE], capture_output=True,
                          text=True, env=env, check=True)
    assert done.stdout.strip() == DESKTOP.name


# --- AppStream ---------------------------------------------------------------------------

def test_metainfo_describes_the_same_app() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == DESKTOP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("project_license") == "GPL-3.0-or-later"
    assert component.findtext("icon") == DESKTOP_ID
    provides = component.find("provides")
    assert provides is not None
    assert [m.text for m in provides.findall("mediatype")] == [MIME_TYPE]
    assert {b.text for b in provides.findall("binary")} == {"casefile", "casefile-app"}
    releases = component.findall("releases/release")
    # The newest release listed is the version being packaged: bump both together.
    assert releases and releases[0].get("version") == casefile.__version__.split("+")[0]
    # <developer> with an id, not the <developer_name> AppStream 1.0 deprecates.
    assert component.find("developer_name") is None
    developer = component.find("developer")
    assert developer is not None and developer.get("id") == "org.casefile"
    assert developer.findtext("name") == "The Casefile developers"


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt install appstream)")
def test_metainfo_validates() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # Errors and warnings fail it; an info/pedantic hint (an id with capitals, as
    # org.gnome.Nautilus has) does not.
    assert not re.search(r"^[EW]: ", done.stdout, re.M), done.stdout


# --- one id everywhere -------------------------------------------------------------------

def test_the_same_id_is_used_everywhere() -> None:
    from ui import app

    assert app.DESKTOP_ID == DESKTOP_ID == DESKTOP.stem
    assert METAINFO.name == f"{DESKTOP_ID}.metainfo.xml"
    assert desktop_entry()["Icon"] == DESKTOP_ID
    spec = (ROOT / "build.spec").read_text()
    assert f'APP_ID = "{DESKTOP_ID}"' in spec and "bundle_identifier=APP_ID" in spec
    assert f'CASE_FILE_MIME = "{MIME_TYPE}"' in spec
    for script in ("build_deb.sh", "package-test.sh"):
        assert f"ID={DESKTOP_ID}\n" in (ROOT / "packaging" / script).read_text(), script
    assert f'DESKTOP_ID = "{DESKTOP_ID}"' in (LINUX / "render_icons.py").read_text()


def test_the_app_sets_its_desktop_file_name(qapp: object) -> None:
    """Wayland's app id and X11's window hint come from it: without it the desktop cannot
    match the window to the menu entry (no icon in the task bar, two entries in the dock)."""
    from PySide6.QtGui import QGuiApplication

    from ui.app import make_app

    QGuiApplication.setDesktopFileName("")
    make_app()
    assert QGuiApplication.desktopFileName() == DESKTOP_ID


# --- icons -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def icon_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(LINUX / "render_icons.py"), str(out)], env=env,
                   check=True, capture_output=True, timeout=120)
    return out / "share" / "icons" / "hicolor"


def test_icons_cover_every_hicolor_size_for_app_and_mime_type(icon_tree: Path) -> None:
    mime_icon = MIME_TYPE.replace("/", "-")  # the name shared-mime-info derives
    for context, name in (("apps", DESKTOP_ID), ("mimetypes", mime_icon)):
        svg = icon_tree / "scalable" / context / f"{name}.svg"
        assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        for size in (16, 24, 32, 48, 64, 128, 256):
            with Image.open(icon_tree / f"{size}x{size}" / context / f"{name}.png") as png:
                assert png.size == (size, size) and png.mode == "RGBA"
                # Drawn, not blank: some opaque pixels, transparent corners.
                alpha = png.getchannel("A")
                assert alpha.getextrema()[1] == 255 and alpha.getpixel((0, 0)) == 0


# --- the Debian package ------------------------------------------------------------------

def system_library(soname: str) -> Path:
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                   "/usr/lib", "/lib/x86_64-linux-gnu"):
        if (Path(folder) / soname).exists():
            return (Path(folder) / soname).resolve()
    pytest.skip(f"{soname} not on this system")


def test_depends_come_from_the_binaries_and_skip_what_the_bundle_carries(
        tmp_path: Path) -> None:
    bundle = tmp_path / "casefile"
    lib = bundle / "_internal"
    lib.mkdir(parents=True)
    # A real library (libxcb-icccm links libxcb and libc); its copy of libxcb comes along.
    shutil.copyfile(system_library("libxcb-icccm.so.4"), lib / "libxcb-icccm.so.4")
    needed, _table = deb_depends.dynamic_strings((lib / "libxcb-icccm.so.4").read_bytes())
    assert "libxcb.so.1" in needed and "libc.so.6" in needed
    required, optional, unknown = deb_depends.depends(bundle)
    assert re.fullmatch(r"libc6 \(>= 2\.[\d.]+\), libxcb1", required), required
    assert optional == "" and unknown == []
    shutil.copyfile(system_library("libxcb.so.1"), lib / "libxcb.so.1")
    required, _optional, _unknown = deb_depends.depends(bundle)
    assert "libxcb1" not in required  # carried by the bundle: not a dependency
    # A library only Qt's Wayland plugins link is recommended, not required.
    wayland = bundle / "_internal" / "plugins" / "wayland-shell-integration"
    wayland.mkdir(parents=True)
    (lib / "libxcb.so.1").unlink()
    (lib / "libxcb-icccm.so.4").rename(wayland / "libxcb-icccm.so.4")
    required, optional, _unknown = deb_depends.depends(bundle)
    assert optional == "libxcb1" and "libxcb1" not in required


def test_an_unknown_library_is_named_not_dropped(tmp_path: Path) -> None:
    bundle = tmp_path / "casefile"
    bundle.mkdir()
    target = system_library("libxcb-icccm.so.4")
    data = bytearray(target.read_bytes())
    # The same library asking for a library no table knows (same length as libxcb.so.1).
    where = data.find(b"libxcb.so.1\0")
    assert where > 0
    data[where:where + 11] = b"libzzz.so.9"
    (bundle / "libodd.so").write_bytes(bytes(data))
    _required, _optional, unknown = deb_depends.depends(bundle)
    assert unknown == ["libzzz.so.9"]
    done = subprocess.run([sys.executable, str(LINUX / "deb_depends.py"), str(bundle)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "libzzz.so.9" in done.stderr


@pytest.fixture(scope="module")
def stand_in_deb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """packaging/build_deb.sh run on a stand-in for dist/casefile/: a program that answers
    --version (as a pre-release, to check the Debian version) and a real shared library,
    so everything but PyInstaller's output is the real thing."""
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb not installed (not a Debian system)")
    work = tmp_path_factory.mktemp("deb")
    dist = work / "casefile"
    (dist / "_internal").mkdir(parents=True)
    app = dist / "casefile-app"
    app.write_text("#!/bin/sh\necho \"casefile 0.1.0rc2\"\n")
    app.chmod(0o755)
    (dist / "casefile").symlink_to("casefile-app")
    shutil.copyfile(system_library("libxcb-icccm.so.4"), dist / "_internal" / "libxcb-icccm.so.4")
    env = {**os.environ, "PYTHON": sys.executable, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(["bash", str(ROOT / "packaging" / "build_deb.sh"), str(dist),
                           str(work / "out")], capture_output=True, text=True, env=env,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    deb = Path(done.stdout.strip().splitlines()[-1])
    assert deb.name == f"casefile_0.1.0~rc2_{deb.name.rsplit('_', 1)[1]}"
    yield deb


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_deb_installs_app_cli_menu_entry_mime_type_and_icons(stand_in_deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(stand_in_deb)], capture_output=True,
                             text=True, check=True).stdout
    entries = {line.split()[5].removeprefix("."): line for line in listing.splitlines()}
    assert all(" root/root " in line for line in entries.values())
    assert "-> ../../opt/casefile/casefile-app" in entries["/usr/bin/casefile-app"]
    assert "-> ../../opt/casefile/casefile" in entries["/usr/bin/casefile"]
    assert entries["/opt/casefile/casefile-app"].startswith("-rwxr-xr-x")
    for path in (f"/usr/share/applications/{DESKTOP_ID}.desktop",
                 f"/usr/share/metainfo/{DESKTOP_ID}.metainfo.xml",
                 f"/usr/share/mime/packages/{DESKTOP_ID}.xml",
                 f"/usr/share/icons/hicolor/scalable/apps/{DESKTOP_ID}.svg",
                 f"/usr/share/icons/hicolor/256x256/apps/{DESKTOP_ID}.png",
                 "/usr/share/icons/hicolor/16x16/mimetypes/application-x-casefile.png",
                 "/usr/share/doc/casefile/copyright", "/usr/share/doc/casefile/changelog.gz"):
        assert entries[path].startswith("-rw-r--r--"), path
    assert deb_field(stand_in_deb, "Package") == "casefile"
    assert deb_field(stand_in_deb, "Version") == "0.1.0~rc2"
    assert re.fullmatch(r"libc6 \(>= 2\.[\d.]+\), libxcb1", deb_field(stand_in_deb, "Depends"))
    assert "shared-mime-info" in deb_field(stand_in_deb, "Recommends")
    # Policy 5.6.2: "Name <e-mail>" (lintian: maintainer-address-malformed otherwise).
    assert re.fullmatch(r"[^<>]+ <[^@<>\s]+@[^@<>\s]+\.[a-z]+>",
                        deb_field(stand_in_deb, "Maintainer"))


@pytest.mark.skipif(shutil.which("dpkg-parsechangelog") is None,
                    reason="dpkg-parsechangelog not installed (apt install dpkg-dev)")
def test_the_deb_carries_a_changelog_dpkg_reads(stand_in_deb: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(stand_in_deb), str(tmp_path)], check=True)
    packed = tmp_path / "usr" / "share" / "doc" / "casefile" / "changelog.gz"
    plain = tmp_path / "changelog"
    plain.write_bytes(gzip.decompress(packed.read_bytes()))
    fields = subprocess.run(["dpkg-parsechangelog", "-l", str(plain)], capture_output=True,
                            text=True, check=True).stdout
    assert fields.startswith("Source: casefile\nVersion: 0.1.0~rc2\n"), fields
    assert f"\nMaintainer: {deb_field(stand_in_deb, 'Maintainer')}\n" in fields


def test_the_deb_installs_into_a_clean_root(stand_in_deb: Path, tmp_path: Path) -> None:
    """dpkg itself, into an empty root (no container): what package-test does with the
    frozen app."""
    root = tmp_path / "root"
    (root / "var" / "lib" / "dpkg" / "updates").mkdir(parents=True)
    (root / "var" / "lib" / "dpkg" / "info").mkdir()
    (root / "var" / "lib" / "dpkg" / "status").touch()
    done = subprocess.run(["dpkg", f"--root={root}", "--force-not-root", "--force-depends",
                           "--log=/dev/null", "-i", str(stand_in_deb)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    version = subprocess.run([str(root / "usr" / "bin" / "casefile"), "--version"],
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == "casefile 0.1.0rc2"  # the links resolve inside the root
    installed = root / "usr" / "share" / "applications" / DESKTOP.name
    assert installed.read_bytes() == DESKTOP.read_bytes()
    subprocess.run(["dpkg", f"--root={root}", "--force-not-root", "--log=/dev/null",
                    "--purge", "casefile"], capture_output=True, check=True)
    assert not (root / "opt" / "casefile").exists() and not installed.exists()


def left_after_purge(root: Path) -> list[str]:
    done = subprocess.run(["bash", str(LINUX / "left_after_purge.sh"), str(root)],
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_purge_check_skips_only_the_caches_the_triggers_wrote(tmp_path: Path) -> None:
    """package-test's "removing the package leaves none of its files": what
    update-mime-database and update-desktop-database generate may stay, the package's own
    MIME file may not."""
    caches = ["usr/share/mime/mime.cache", "usr/share/mime/application/x-casefile.xml",
              "usr/share/mime/globs2", "usr/share/applications/mimeinfo.cache"]
    for rel in caches:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    (tmp_path / "opt").mkdir()
    assert left_after_purge(tmp_path) == []
    own = [f"usr/share/mime/packages/{DESKTOP_ID}.xml", "opt/casefile/casefile-app",
           f"usr/share/applications/{DESKTOP_ID}.desktop"]
    for rel in own:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    assert left_after_purge(tmp_path) == sorted(own)
