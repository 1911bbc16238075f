"""An OOXML package check for the Word exports, run in CI: `python -m tests.ooxml_check FILE.docx`.

What Word and other readers rely on, checked by tools nobody on this project wrote:
every XML part well-formed; every WordprocessingML/DrawingML/extended-properties part valid
against the ISO/IEC 29500 transitional schemas as RELAX NG compact (python-docx's `ref/rnc`,
checked in as tests/data/ooxml/rnc.tar.gz) with `jing -c`, after Markup Compatibility
processing (ISO/IEC 29500-3: ignorable extension markup removed, `mc:AlternateContent`
resolved to its fallback) as a conforming reader does; the OPC parts ([Content_Types].xml,
.rels) against the OPC XSDs with lxml; ids unique (bookmarks, comments, footnotes, drawing
`wp:docPr`, relationships); every `r:` reference and every internal relationship resolvable;
every part named by a content type. `read_back` reads the file through pandoc and docx2python.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

DATA = Path(__file__).parent / "data" / "ooxml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
PKG_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT = "application/vnd.openxmlformats-officedocument."
# Content type -> the root element the schema's start pattern expects there.
ROOTS = {
    f"{_CT}wordprocessingml.document.main+xml": f"{{{W}}}document",
    f"{_CT}wordprocessingml.footnotes+xml": f"{{{W}}}footnotes",
    f"{_CT}wordprocessingml.comments+xml": f"{{{W}}}comments",
    f"{_CT}wordprocessingml.settings+xml": f"{{{W}}}settings",
    f"{_CT}wordprocessingml.styles+xml": f"{{{W}}}styles",
    f"{_CT}wordprocessingml.numbering+xml": f"{{{W}}}numbering",
    f"{_CT}wordprocessingml.fontTable+xml": f"{{{W}}}fonts",
    f"{_CT}wordprocessingml.webSettings+xml": f"{{{W}}}webSettings",
    f"{_CT}wordprocessingml.header+xml": f"{{{W}}}hdr",
    f"{_CT}wordprocessingml.footer+xml": f"{{{W}}}ftr",
    f"{_CT}wordprocessingml.endnotes+xml": f"{{{W}}}endnotes",
    f"{_CT}wordprocessingml.document.glossary+xml": f"{{{W}}}glossaryDocument",
    f"{_CT}theme+xml": "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
    f"{_CT}extended-properties+xml":
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties",
}
# The namespaces the ISO 29500 transitional schemas define: markup in any other namespace
# must be ignorable (mc:Ignorable) or it is an error.
UNDERSTOOD = {
    W, R, WP,
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "http://www.w3.org/XML/1998/namespace",
}
CORE_ALLOWED = {
    "{http://purl.org/dc/elements/1.1/}" + n
    for n in ("title", "subject", "creator", "description", "identifier", "language")
} | {
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}" + n
    for n in ("keywords", "lastModifiedBy", "revision", "category", "contentStatus",
              "version", "lastPrinted")
} | {"{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified"}
_W3CDTF = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
# Checked otherwise: the OPC parts against their XSDs, core.xml by hand.
_NOT_BY_RNC = {"application/vnd.openxmlformats-package.core-properties+xml",
               "application/vnd.openxmlformats-package.relationships+xml"}
# docx.rnc (in rnc.tar.gz) starts at the roots of the parts our exports have; this grammar
# adds those a template may bring (headers, footers, endnotes, a glossary).
_START = """include "docx.rnc" {
  start =
    w_document | w_footnotes | w_comments | w_settings | w_styles | w_numbering | w_fonts
    | w_webSettings | a_theme | shdDcEP_Properties | w_hdr | w_ftr | w_endnotes
    | w_glossaryDocument
}
"""
_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|fatal): "
                        r"(?P<msg>.*)$")


@dataclass
class Package:
    """The parts of one .docx, parsed."""

    path: Path
    raw: dict[str, bytes] = field(default_factory=dict)
    xml: dict[str, Any] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # XML parts no schema here covers: said, not passed silently.
    unchecked: list[str] = field(default_factory=list)

    def problem(self, part: str, message: str) -> None:
        self.problems.append(f"{part}: {message}")


def open_package(path: Path) -> Package:
    pkg = Package(Path(path))
    with zipfile.ZipFile(path) as zf:
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        for name, count in Counter(names).items():
            if count > 1:
                pkg.problem(name, f"stored {count} times in the zip")
        for name in names:
            pkg.raw[name] = zf.read(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for name, data in pkg.raw.items():
        if name.endswith((".xml", ".rels")):
            try:
                pkg.xml[name] = etree.fromstring(data, parser)
            except etree.XMLSyntaxError as exc:
                pkg.problem(name, f"not well-formed XML: {exc}")
    pkg.content_types = _content_types(pkg)
    return pkg


def _content_types(pkg: Package) -> dict[str, str]:
    root = pkg.xml.get("[Content_Types].xml")
    if root is None:
        pkg.problem("[Content_Types].xml", "missing")
        return {}
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in root.iter(f"{{{PKG_CT}}}Default")}
    overrides = {o.get("PartName", ""): o.get("ContentType", "")
                 for o in root.iter(f"{{{PKG_CT}}}Override")}
    for part_name in overrides:
        if part_name.lstrip("/") not in pkg.raw:
            pkg.problem("[Content_Types].xml", f"Override for {part_name}, which is not there")
    types = {}
    for name in pkg.raw:
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        ct = overrides.get("/" + name) or defaults.get(ext)
        if not ct:
            pkg.problem(name, "no content type (neither an Override nor a Default)")
        else:
            types[name] = ct
    return types


def _rels_name(part: str) -> str:
    p = PurePosixPath(part)
    return str(p.parent / "_rels" / f"{p.name}.rels") if str(p.parent) != "." \
        else f"_rels/{p.name}.rels"


def _relationships(pkg: Package, part: str) -> dict[str, Any]:
    root = pkg.xml.get(_rels_name(part) if part else "_rels/.rels")
    if root is None:
        return {}
    return {r.get("Id"): r for r in root.iter(f"{{{PKG_RELS}}}Relationship")}


def check_references(pkg: Package) -> None:
    """Relationship ids unique, internal targets present, every r:* attribute resolvable."""
    for name, root in pkg.xml.items():
        if not name.endswith(".rels"):
            continue
        ids = Counter(r.get("Id") for r in root.iter(f"{{{PKG_RELS}}}Relationship"))
        for rid, count in ids.items():
            if count > 1:
                pkg.problem(name, f"relationship id {rid} used {count} times")
        base = PurePosixPath(name).parent.parent  # word/_rels/x.rels -> word
        for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = _resolve(base, target)
            if resolved not in pkg.raw:
                pkg.problem(name, f"{rel.get('Id')} points at {target}, which is not there")
    for name, root in pkg.xml.items():
        if name.endswith(".rels"):
            continue
        rels = _relationships(pkg, name)
        for el in root.iter():
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{R}}}") and value not in rels:
                    local = attr.split("}")[1]
                    pkg.problem(name, f"r:{local}={value!r} has no relationship in "
                                      f"{_rels_name(name)}")
    if not any(r.get("Type", "").endswith("/officeDocument")
               for r in _relationships(pkg, "").values()):
        pkg.problem("_rels/.rels", "no officeDocument relationship")


def _resolve(base: PurePosixPath, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = [] if str(base) == "." else list(base.parts)
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _story_parts(pkg: Package, suffix: str) -> Iterator[tuple[str, Any]]:
    for name, ct in pkg.content_types.items():
        if ct.endswith(suffix) and name in pkg.xml:
            yield name, pkg.xml[name]


def check_ids(pkg: Package) -> None:
    """Bookmarks, comments, footnotes and drawings each have unique ids, and every
    reference to a comment or footnote names one that exists."""
    w = f"{{{W}}}"
    stories = [(n, r) for n, r in pkg.xml.items()
               if pkg.content_types.get(n, "").startswith(f"{_CT}wordprocessingml.")
               and r.tag in (f"{w}document", f"{w}footnotes", f"{w}endnotes", f"{w}comments",
                             f"{w}hdr", f"{w}ftr")]
    starts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    doc_pr: Counter[str] = Counter()
    for _name, root in stories:
        for b in root.iter(f"{w}bookmarkStart"):
            starts[b.get(f"{w}id")] += 1
            names[b.get(f"{w}name")] += 1
        for b in root.iter(f"{w}bookmarkEnd"):
            ends[b.get(f"{w}id")] += 1
        for d in root.iter(f"{{{WP}}}docPr"):
            doc_pr[d.get("id")] += 1
    for label, counter in (("bookmark id", starts), ("bookmark name", names),
                           ("bookmarkEnd id", ends), ("drawing wp:docPr id", doc_pr)):
        for value, count in counter.items():
            if count > 1:
                pkg.problem("document", f"{label} {value} used {count} times")
    for bid in set(starts) ^ set(ends):
        pkg.problem("document", f"bookmark {bid} is not both started and ended")
    for kind, note_tag, ref_tags in (
            ("comments", "comment", ("commentReference", "commentRangeStart",
                                     "commentRangeEnd")),
            ("footnotes", "footnote", ("footnoteReference",)),
            ("endnotes", "endnote", ("endnoteReference",))):
        defined: Counter[str] = Counter()
        for _name, root in _story_parts(pkg, f"wordprocessingml.{kind}+xml"):
            for note in root.iter(f"{w}{note_tag}"):
                defined[note.get(f"{w}id")] += 1
        for value, count in defined.items():
            if count > 1:
                pkg.problem(kind, f"{note_tag} id {value} used {count} times")
        for name, root in stories:
            for tag in ref_tags:
                for ref in root.iter(f"{w}{tag}"):
                    if ref.get(f"{w}id") not in defined:
                        pkg.problem(name, f"w:{tag} {ref.get(f'{w}id')} names no {note_tag}")


def check_core_properties(pkg: Package) -> None:
    """core.xml (its XSD imports Dublin Core from the web, so checked here by hand):
    known elements, each at most once, dates as W3CDTF."""
    for name, ct in pkg.content_types.items():
        if ct != "application/vnd.openxmlformats-package.core-properties+xml":
            continue
        root = pkg.xml.get(name)
        if root is None:
            continue
        seen = Counter(child.tag for child in root)
        for tag, count in seen.items():
            if tag not in CORE_ALLOWED:
                pkg.problem(name, f"element {tag} is not a core property")
            if count > 1:
                pkg.problem(name, f"{tag} appears {count} times")
        xsi = "{http://www.w3.org/2001/XMLSchema-instance}type"
        for child in root:
            if child.tag.startswith("{http://purl.org/dc/terms/}") and (
                    child.get(xsi) != "dcterms:W3CDTF" or not _W3CDTF.fullmatch(child.text or "")):
                pkg.problem(name, f"{child.tag} is not a W3CDTF date-time")


@cache
def _schema_dir() -> Path:
    """The RNC schemas, unpacked once per process (they are stored compressed)."""
    out = Path(tempfile.mkdtemp(prefix="ooxml-rnc-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    with tarfile.open(DATA / "rnc.tar.gz") as tar:
        for member in tar.getmembers():  # flat, plain files only: nothing lands elsewhere
            source = tar.extractfile(member) if member.isfile() else None
            if source is None or "/" in member.name or member.name.startswith("."):
                raise RuntimeError(f"{DATA / 'rnc.tar.gz'}: unexpected member {member.name}")
            (out / member.name).write_bytes(source.read())
    (out / "casefile.rnc").write_text(_START, encoding="utf-8")
    return out


def check_opc_schemas(pkg: Package) -> None:
    """[Content_Types].xml and every .rels against the OPC XSDs (ISO/IEC 29500-2)."""
    schema_dir = _schema_dir()
    schemas = {"ct": etree.XMLSchema(etree.parse(str(schema_dir / "opc-contentTypes.xsd"))),
               "rels": etree.XMLSchema(etree.parse(str(schema_dir / "opc-relationships.xsd")))}
    for name, root in pkg.xml.items():
        key = "ct" if name == "[Content_Types].xml" else "rels" if name.endswith(".rels") \
            else None
        if key and not schemas[key].validate(root):
            for err in schemas[key].error_log:
                pkg.problem(name, f"line {err.line}: {err.message}")


def compatibility_processed(root: Any) -> Any:
    """A copy of `root` as a reader that understands only ISO 29500 sees it (part 3):
    markup in ignorable namespaces removed, AlternateContent replaced by the first Choice it
    understands or else its Fallback, the mc: attributes themselves dropped."""
    root = etree.fromstring(etree.tostring(root))

    def ignorable(el: Any, inherited: frozenset[str]) -> frozenset[str]:
        value = el.get(f"{{{MC}}}Ignorable")
        if not value:
            return inherited
        return inherited | {el.nsmap.get(p, p) for p in value.split()}

    def process(el: Any, inherited: frozenset[str]) -> None:
        ign = ignorable(el, inherited)
        for attr in list(el.attrib):
            ns = attr[1:].split("}")[0] if attr.startswith("{") else ""
            if ns == MC or ns in ign:
                del el.attrib[attr]
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            ns = etree.QName(child).namespace
            if child.tag == f"{{{MC}}}AlternateContent":
                chosen = _choose(child)
                index = el.index(child)
                el.remove(child)
                for i, grand in enumerate(chosen):
                    el.insert(index + i, grand)
                    process(grand, ign)
            elif ns in ign:
                el.remove(child)
            else:
                process(child, ign)

    process(root, frozenset())
    etree.cleanup_namespaces(root)
    return root


def _choose(alternate: Any) -> list[Any]:
    for choice in alternate.findall(f"{{{MC}}}Choice"):
        required = {choice.nsmap.get(p, p) for p in (choice.get("Requires") or "").split()}
        if required <= UNDERSTOOD:
            return list(choice)
    fallback = alternate.find(f"{{{MC}}}Fallback")
    return [] if fallback is None else list(fallback)


def check_schemas(pkg: Package) -> None:
    """Each part whose content type has a schema, validated by jing in one run."""
    jing = shutil.which("jing")
    if jing is None:
        pkg.problem("package", "jing is not installed: schemas not checked")
        return
    with tempfile.TemporaryDirectory(prefix="ooxml-parts-") as tmp:
        files: dict[str, str] = {}
        for name, ct in sorted(pkg.content_types.items()):
            root = pkg.xml.get(name)
            if root is None or ct in _NOT_BY_RNC:
                continue
            if ct not in ROOTS:
                pkg.unchecked.append(f"{name}: no schema for content type {ct}")
                continue
            if root.tag != ROOTS[ct]:
                pkg.problem(name, f"root is {root.tag}, content type {ct} wants {ROOTS[ct]}")
                continue
            target = Path(tmp) / f"{len(files)}.xml"
            target.write_bytes(etree.tostring(compatibility_processed(root)))
            files[str(target)] = name
        if not files:
            return
        run = subprocess.run([jing, "-c", str(_schema_dir() / "casefile.rnc"), *files],
                             capture_output=True, text=True, timeout=300)
        for line in (run.stdout + run.stderr).splitlines():
            m = _JING_LINE.match(line.strip())
            if m:
                part = files.get(m["file"], m["file"])
                pkg.problem(part, f"schema: line {m['line']}: {m['msg']}")
        if run.returncode != 0 and not any("schema:" in p for p in pkg.problems):
            pkg.problem("package", f"jing failed: {run.stderr.strip()[-400:]}")


def examine(path: Path | str) -> Package:
    """The package at `path` with every problem found, and the parts no schema covers."""
    pkg = open_package(Path(path))
    check_references(pkg)
    check_ids(pkg)
    check_core_properties(pkg)
    check_opc_schemas(pkg)
    check_schemas(pkg)
    return pkg


def check(path: Path | str) -> list[str]:
    """Every problem found in the package at `path`; an empty list means it passed (see
    `examine` for the parts it could not validate)."""
    return examine(path).problems


@dataclass
class ReadBack:
    """What pandoc and docx2python see in a .docx."""

    pandoc_plain: str
    pandoc_comments: list[str]
    docx2python_footnotes: dict[int, str]  # footnote number -> text
    docx2python_comments: list[tuple[str, str, str]]  # (anchored text, author, comment text)


def read_back(path: Path | str) -> ReadBack:
    """The footnotes and comments as pandoc and docx2python read them."""
    from docx2python import docx2python

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise RuntimeError("pandoc is not installed")
    plain = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                           capture_output=True, text=True, check=True, timeout=120).stdout
    ast = json.loads(subprocess.run(
        [pandoc, "-f", "docx", "-t", "json", "--track-changes=all", str(path)],
        capture_output=True, text=True, check=True, timeout=120).stdout)
    # pandoc joins a comment's paragraphs with a pilcrow: the text, paragraphs as spaces
    comments = [" ".join(w for w in _stringify(span["c"][1]).split() if w != "\u00b6")
                for span in _spans(ast, "comment-start")]
    with docx2python(str(path)) as d2p:
        notes = _d2p_notes([str(x) for x in _flatten(d2p.footnotes)])
        d2p_comments = [(str(c[0]), str(c[1]), str(c[3])) for c in d2p.comments]
    return ReadBack(plain, comments, notes, d2p_comments)


def _d2p_notes(paragraphs: list[str]) -> dict[int, str]:
    """docx2python gives the footnotes part as paragraphs, a note's first one opening with
    `footnoteN)`: grouped back into notes (separators have none and are left out)."""
    notes: dict[int, list[str]] = {}
    current: int | None = None
    for para in paragraphs:
        m = re.match(r"footnote(\d+)\)\s*", para)
        if m:
            current = int(m[1])
            notes[current] = [para[m.end():]]
        elif current is not None and para.strip():
            notes[current].append(para)
    return {k: " ".join(" ".join(v).split()) for k, v in notes.items()}


def _flatten(x: Any) -> Iterator[Any]:
    if isinstance(x, list):
        for y in x:
            yield from _flatten(y)
    else:
        yield x


def _spans(node: Any, cls: str) -> Iterator[Any]:
    if isinstance(node, dict):
        if node.get("t") == "Span" and cls in node["c"][0][1]:
            yield node
        for value in node.values():
            yield from _spans(value, cls)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value, cls)


def _stringify(inlines: Any) -> str:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            t = node.get("t")
            if t == "Str":
                out.append(node["c"])
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            else:
                walk(node.get("c"))
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(inlines)
    return " ".join("".join(out).split())


def main(argv: list[str] | None = None) -> int:
    paths = (argv if argv is not None else sys.argv[1:])
    if not paths:
        print("usage: python -m tests.ooxml_check FILE.docx …", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        pkg = examine(path)
        problems = pkg.problems
        for p in problems:
            print(f"{path}: {p}")
        for part in pkg.unchecked:
            print(f"{path}: not checked: {part}")
        unchecked = f" ({len(pkg.unchecked)} part(s) not checked against a schema)" \
            if pkg.unchecked else ""
        print(f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}{unchecked}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
