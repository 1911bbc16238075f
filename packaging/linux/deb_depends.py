"""The `Depends:` and `Recommends:` lines of the Debian package, read from the frozen app
itself: every shared library some binary in dist/casefile/ links (its ELF `DT_NEEDED` entries)
that the bundle does not carry is one the system must provide, mapped here to the Debian
package holding it, and the C library's version is the newest `GLIBC_x.y` symbol version any
binary asks for. Libraries only Qt's Wayland plugins link are recommended, not required: without
them Qt runs through XWayland (the xcb plugin), as it does on an X11 desktop.

    python3 packaging/linux/deb_depends.py dist/casefile     (prints the two values, one a line)

A library this table does not know fails the build, naming it, instead of shipping a package
that installs but cannot start (the same idea as packaging/check_desktop_libs.py, whose table
this extends). Standard library only: it runs with the system's python3, like dpkg-deb.
"""

from __future__ import annotations

import re
import struct
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from check_desktop_libs import LIBRARIES  # type: ignore[import-not-found]  # noqa: E402

# The C runtime: one package, versioned by the symbols used.
LIBC_SONAMES = frozenset({"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
                          "librt.so.1", "libutil.so.1", "ld-linux-x86-64.so.2",
                          "ld-linux-aarch64.so.1", "libresolv.so.2"})
# Ubuntu 24.04 renamed some libraries for 64-bit time_t ("t64"); either name satisfies.
PACKAGES: dict[str, str] = {soname: apt for soname, apt, _dnf in LIBRARIES} | {
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libuuid.so.1": "libuuid1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NEEDED, DT_STRTAB, DT_STRSZ = 1, 5, 10


class NotElfError(ValueError):
    """The file is not an ELF shared object or executable."""


def dynamic_strings(data: bytes) -> tuple[list[str], bytes]:
    """The `DT_NEEDED` names of an ELF file and its dynamic string table (which also holds
    the symbol-version names it requires, e.g. GLIBC_2.34)."""
    if data[:4] != b"\x7fELF":
        raise NotElfError("no ELF magic")
    wide = data[4] == 2  # ELFCLASS64
    order = "<" if data[5] == 1 else ">"
    if wide:
        phoff, = struct.unpack_from(order + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x36)
        phdr, dyn = order + "IIQQQQQQ", order + "qQ"
    else:
        phoff, = struct.unpack_from(order + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(order + "HH", data, 0x2A)
        phdr, dyn = order + "IIIIIIII", order + "iI"
    loads, dynamic = [], None
    for i in range(phnum):
        fields = struct.unpack_from(phdr, data, phoff + i * phentsize)
        if wide:
            p_type, _flags, offset, vaddr, _paddr, filesz = fields[:6]
        else:
            p_type, offset, vaddr, _paddr, filesz = fields[:5]
        if p_type == PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (offset, filesz)
    if dynamic is None:
        return [], b""  # statically linked
    needed, strtab, strsz = [], None, 0
    size = struct.calcsize(dyn)
    for pos in range(dynamic[0], dynamic[0] + dynamic[1], size):
        tag, value = struct.unpack_from(dyn, data, pos)
        if tag == 0:
            break
        if tag == DT_NEEDED:
            needed.append(value)
        elif tag == DT_STRTAB:
            strtab = value
        elif tag == DT_STRSZ:
            strsz = value
    if strtab is None:
        return [], b""
    start = next((offset + strtab - vaddr for vaddr, offset, filesz in loads
                  if vaddr <= strtab < vaddr + filesz), None)
    if start is None:
        raise NotElfError("string table outside every loaded segment")
    table = data[start:start + strsz]
    names = [table[i:table.index(b"\0", i)].decode() for i in needed]
    return names, table


def elf_files(bundle: Path) -> Iterator[Path]:
    """Every regular ELF file in the bundle (programs, libraries, extension modules)."""
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    yield path


def glibc_version(tables: Iterable[bytes]) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any of the string tables names."""
    versions = {tuple(int(n) for n in m.group(1).split(b"."))
                for table in tables for m in re.finditer(rb"GLIBC_(\d+(?:\.\d+)+)", table)}
    return max(versions, default=(2, 17))


def wayland_only(path: Path) -> bool:
    """Whether a binary is part of Qt's Wayland support, which the app can run without."""
    text = path.as_posix().lower()
    return "wayland" in text or "libqt6wlshell" in text


def depends(bundle: Path) -> tuple[str, str, list[str]]:
    """The Depends and Recommends values, and the sonames no package is known for."""
    carried = {path.name for path in bundle.rglob("*.so*")}
    users: dict[str, list[Path]] = {}
    tables = []
    for path in elf_files(bundle):
        try:
            needed, table = dynamic_strings(path.read_bytes())
        except (NotElfError, struct.error, ValueError, IndexError):
            continue  # not a dynamic object PyInstaller would load
        for name in needed:
            if name not in carried:
                users.setdefault(name, []).append(path.relative_to(bundle))
        tables.append(table)
    libc = ".".join(str(n) for n in glibc_version(tables))
    required, optional = {f"libc6 (>= {libc})"}, set()
    unknown = []
    for soname in sorted(set(users) - LIBC_SONAMES):
        if soname not in PACKAGES:
            unknown.append(soname)
        elif all(wayland_only(user) for user in users[soname]):
            optional.add(PACKAGES[soname])
        else:
            required.add(PACKAGES[soname])
    return ", ".join(sorted(required)), ", ".join(sorted(optional - required)), unknown


def main(argv: list[str]) -> int:
    """Print the Depends and Recommends values; exit 1 naming any library not in the table."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: deb_depends.py DIST_DIR", file=sys.stderr)
        return 2
    required, optional, unknown = depends(Path(argv[0]))
    if unknown:
        print("deb_depends: no Debian package known for " + ", ".join(unknown)
              + " (add it to PACKAGES in packaging/linux/deb_depends.py)", file=sys.stderr)
        return 1
    print(required)
    print(optional)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
