"""Hostile inputs that once blew up memory (issue 15, item 9), made small on disk and streamed
so making them never holds them in memory, and a runner that does one CLI command in a child
process under an address-space limit and reports its exit status, stderr and peak RSS.

Used by tests/reliability/test_bounded_input.py and benchmarks/bounded_input.py.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
AS_LIMIT = 1536 * 1024 * 1024  # 1.5 GB of address space for the child
MiB = 1024 * 1024

# The child: limit its address space, run the CLI, print its own peak RSS last (in KiB).
_CHILD = """
import resource, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from casefile.cli import main
try:
    rc = main(sys.argv[2:])
except MemoryError:
    rc = 99
sys.stdout.flush()
# The child's own peak: VmHWM is this program's memory only. ru_maxrss is not — Linux carries
# a parent's peak over a vfork+exec, so a big test process would be measured instead.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(f"\\nPEAK_RSS_KB={peak}", file=sys.stderr)
sys.exit(rc)
"""


@dataclass(frozen=True)
class Run:
    """What one CLI command in a child did."""

    rc: int
    stdout: str
    stderr: str
    peak_mb: float


def run_cli(args: list[str], *, limit: int = AS_LIMIT, timeout: float = 300,
            code: Path = ROOT) -> Run:
    """`casefile ARGS` in a child process under an address-space limit (0: none), running
    the `casefile` package found in `code` (another checkout, to measure "before")."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(code))
    env.pop("CASEFILE_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(limit), *map(str, args)],
                          cwd=code, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    peak = 0.0
    lines = []
    for line in done.stderr.splitlines():
        if line.startswith("PEAK_RSS_KB="):
            peak = int(line.split("=", 1)[1]) / 1024
        else:
            lines.append(line)
    return Run(done.returncode, done.stdout, "\n".join(lines).strip(), peak)


def _bundle_doc(**sections: object) -> dict[str, object]:
    return {"format": "casefile-bundle", "format_version": 1, "case": {"title": "Hostile"},
            **sections}


def nested_json(path: Path, size: int = 1024 * 1024) -> Path:
    """`[[[[…]]]]`: half a million empty arrays inside each other in 1 MB."""
    half = size // 2
    with path.open("wb") as fh:
        fh.write(b"[" * half)
        fh.write(b"]" * half)
    return path


def many_members_zip(path: Path, members: int = 200, member_bytes: int = 10 * MiB - 1
                     ) -> Path:
    """A zip bundle of `members` documents, each a deflated run of zeros (after its own
    number, so each is a different file) just under the per-member ratio check; written
    member by member, never held in memory."""
    import hashlib

    chunk = bytes(MiB)
    docs = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(members):
            name = f"files/{i:04d}.bin"
            h = hashlib.sha256()
            with zf.open(name, "w") as out:
                first = b"%08d" % i
                h.update(first)
                out.write(first)
                left = member_bytes - len(first)
                while left:
                    n = min(left, len(chunk))
                    h.update(chunk[:n])
                    out.write(chunk[:n])
                    left -= n
            docs.append({"title": f"Zeros {i}", "kind": "report",
                         "file": {"path": name, "sha256": h.hexdigest(), "size": member_bytes}})
        zf.writestr("bundle.json", json.dumps(_bundle_doc(documents=docs)))
    return path


def stored_members_zip(path: Path, members: int, member_bytes: int) -> Path:
    """A zip bundle of `members` documents of random bytes, stored (as Casefile writes
    them): a legitimate large import."""
    import hashlib

    docs = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(members):
            name = f"files/{i:04d}.bin"
            h = hashlib.sha256()
            with zf.open(name, "w") as out:
                left = member_bytes
                while left:
                    block = os.urandom(min(left, MiB))
                    h.update(block)
                    out.write(block)
                    left -= len(block)
            docs.append({"title": f"Data {i}", "kind": "report",
                         "file": {"path": name, "sha256": h.hexdigest(), "size": member_bytes}})
        zf.writestr("bundle.json", json.dumps(_bundle_doc(documents=docs)))
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DENSE_TITLE = "Dense filing"
CORE_XML = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://'
            'schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc='
            '"http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{DENSE_TITLE}</dc:title><dc:creator>A. Clerk</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-04T05:06:07Z</dcterms:created>'
            '</cp:coreProperties>')


def dense_docx(path: Path, xml_bytes: int = 150 * MiB) -> Path:
    """A .docx whose document.xml is `xml_bytes` of tiny runs with varied text — compressing
    about 60 times, under the ratio check — and carries a Casefile draft marker."""
    head = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f'<w:p><w:bookmarkStart w:id="0" w:name="cfd_{uuid.uuid4().hex}"/>'
            '<w:bookmarkEnd w:id="0"/></w:p><w:p>').encode()
    tail = b"</w:p></w:body></w:document>"
    import random

    rng = random.Random(15)
    block = b"".join(b"<w:r><w:t>%02x</w:t></w:r>" % rng.randrange(256) for _ in range(40_000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("docProps/core.xml", CORE_XML)
        with zf.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(head)
            written = len(head)
            while written < xml_bytes:
                out.write(block)
                written += len(block)
            out.write(tail)
    return path


def sparse_file(path: Path, size: int = 1_500_000_000) -> Path:
    """A file of `size` bytes that takes no disk space."""
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def one_colour_png(path: Path, width: int = 13_000, height: int = 13_000) -> Path:
    """An RGB PNG of one colour (169 megapixels for the default), a few hundred KB, written
    row by row with zlib so making it never holds the pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes((90, 140, 200)) * width
    comp = zlib.compressobj(9)
    with path.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        parts = []
        for _ in range(height):
            piece = comp.compress(row)
            if piece:
                parts.append(piece)
        parts.append(comp.flush())
        fh.write(chunk(b"IDAT", b"".join(parts)))
        fh.write(chunk(b"IEND", b""))
    return path
