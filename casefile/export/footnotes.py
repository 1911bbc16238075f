"""Real Word footnotes through python-docx's OPC layer (python-docx has no footnote API).

A `word/footnotes.xml` part with the separator footnotes (ids -1 and 0) is related to the
document with RT.FOOTNOTES, `w:footnotePr` names them in settings.xml, and each footnote is
referenced from the body by a `w:footnoteReference` run. Word and LibreOffice both render
these as footnotes at the foot of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from casefile.export.xml_text import xml_safe

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The namespaces Word (2010 and later, compatibility mode 14) declares on the root of every
# story part — document, footnotes, comments — and the ones it marks ignorable. Readers such
# as docx2python look the usual prefixes up on the root and fail on a part declaring only w:.
WORD_NAMESPACES = {
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
WORD_IGNORABLE = "w14 wp14"
_DECLARATIONS = " ".join(f'xmlns:{p}="{uri}"' for p, uri in WORD_NAMESPACES.items())
_SEPARATORS = (
    f'<w:footnotes {_DECLARATIONS} mc:Ignorable="{WORD_IGNORABLE}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)
# settings.xml children that must come after w:footnotePr (CT_Settings order).
_AFTER_FOOTNOTE_PR = ("endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
                      "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                      "doNotAutoCompressPictures", "forceUpgrade", "captions",
                      "readModeInkLockDown",
                      "smartTagType", "schemaLibrary", "shapeDefaults",
                      "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


class Footnotes:
    """The footnotes of one document being built."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part = self._ensure_part()
        ids = [int(fn.get(qn("w:id"))) for fn in self.part.element.findall(qn("w:footnote"))]
        self.next_id = max([0, *ids]) + 1
        self._ensure_settings()

    def _ensure_part(self) -> XmlPart:
        doc_part = self.document.part
        for rel in doc_part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                if not isinstance(part, XmlPart):  # loaded as a plain part: parse it
                    part = XmlPart(part.partname, part.content_type, parse_xml(part.blob),
                                   part.package)
                    rel._target = part
                return part
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, parse_xml(_SEPARATORS),
                       doc_part.package)
        doc_part.relate_to(part, RT.FOOTNOTES)
        return part

    def _ensure_settings(self) -> None:
        settings = self.document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        pr = OxmlElement("w:footnotePr")
        for fid in ("-1", "0"):
            ref = OxmlElement("w:footnote")
            ref.set(qn("w:id"), fid)
            pr.append(ref)
        for name in _AFTER_FOOTNOTE_PR:
            later = settings.find(qn(f"w:{name}"))
            if later is not None:
                later.addprevious(pr)
                return
        settings.append(pr)

    def add(self, paragraph: Paragraph, lines: Sequence[str],
            levels: Sequence[int] | None = None) -> int:
        """Append a footnote reference to `paragraph`; the note holds one paragraph per line,
        `levels[i]` steps indented under the text after the mark (0 by default)."""
        fid = self.next_id
        self.next_id += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(fid))
        lines = list(lines) or [""]
        for i, line in enumerate(lines):
            level = levels[i] if levels is not None and i < len(levels) else 0
            p = OxmlElement("w:p")
            p.append(_note_layout(first=i == 0, last=i == len(lines) - 1, level=level))
            if i == 0:
                p.append(_ref_run(OxmlElement("w:footnoteRef")))
                tab = OxmlElement("w:r")
                tab.append(OxmlElement("w:tab"))
                p.append(tab)
            for run in _text_runs(line):
                p.append(run)
            note.append(p)
        self.part.element.append(note)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(fid))
        paragraph._p.append(_ref_run(reference))
        return fid


# A style of RichText (casefile.media.csl_render) as Word run properties, in CT_RPr order.
_RUN_STYLES = (("bold", "w:b", None), ("italic", "w:i", None),
               ("small-caps", "w:smallCaps", None), ("underline", "w:u", "single"),
               ("sup", "w:vertAlign", "superscript"), ("sub", "w:vertAlign", "subscript"))


def _text_runs(line: str) -> list[Any]:
    """The runs of one note line: one plain run, or (RichText) a run per styled span with
    its italic, bold, small caps, underline, superscript or subscript."""
    spans = getattr(line, "spans", None)
    pieces = [(s.text, s.styles) for s in spans] if spans else [(str(line), frozenset())]
    runs = []
    for text_value, styles in pieces or [("", frozenset())]:
        run = OxmlElement("w:r")
        if styles:
            props = OxmlElement("w:rPr")
            for style, tag, value in _RUN_STYLES:
                if style in styles and not (tag == "w:vertAlign"
                                            and props.find(qn(tag)) is not None):
                    el = OxmlElement(tag)
                    if value is not None:
                        el.set(qn("w:val"), value)
                    props.append(el)
            run.append(props)
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = xml_safe(str(text_value))
        run.append(text)
        runs.append(run)
    return runs


# A note's layout, in twentieths of a point: the mark hangs in the margin of the note and
# every paragraph of the note starts where the text after the mark does, so a note of
# several paragraphs reads as one; nested lines (a quote under its interview) step in
# further. No space inside a note, a little after its last paragraph.
MARK_WIDTH = 240
NEST_STEP = 200
NOTE_GAP = 80


def _note_layout(*, first: bool, last: bool, level: int) -> Any:
    props = _with_style("w:pPr", "w:pStyle", "FootnoteText")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), str(NOTE_GAP if last else 0))
    props.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(MARK_WIDTH + NEST_STEP * level))
    if first:
        ind.set(qn("w:hanging"), str(MARK_WIDTH + NEST_STEP * level))
    props.append(ind)
    return props


def _with_style(props_tag: str, style_tag: str, style_id: str) -> Any:
    """`<w:pPr><w:pStyle w:val=…/></w:pPr>` or its run twin."""
    props = OxmlElement(props_tag)
    style = OxmlElement(style_tag)
    style.set(qn("w:val"), style_id)
    props.append(style)
    return props


def _ref_run(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(_with_style("w:rPr", "w:rStyle", "FootnoteReference"))
    run.append(child)
    return run


def footnote_texts(document: Any) -> dict[int, str]:
    """id -> text of every real footnote, for reading exports back. Separators are left out
    by their `w:type`, not their id: LibreOffice saves its continuation separator as id 1."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            root = parse_xml(rel.target_part.blob)
            out = {}
            for fn in root.findall(qn("w:footnote")):
                fid = int(fn.get(qn("w:id")))
                if fn.get(qn("w:type"), "normal") == "normal":
                    paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
                             for p in fn.findall(qn("w:p"))]
                    out[fid] = "\n".join(p for p in paras if p)
            return out
    return {}


__all__ = ["Footnotes", "Run", "footnote_texts"]


COMMENT_ID_BASE = 100_000


def separate_comment_ids(document: Any) -> None:
    """Renumber comments so their ids never equal a footnote's.

    LibreOffice (seen in 7.4) mixes up footnote contents when a comment and a footnote share
    an id — python-docx numbers comments from 0 and footnotes start at 1 — so each footnote
    showed another's text. Comment ids only need to be unique among comments.
    """
    body = document.element.body
    tags = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
    for el in body.iter(*tags):
        el.set(qn("w:id"), str(COMMENT_ID_BASE + int(el.get(qn("w:id")))))
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            for comment in rel.target_part.element.findall(qn("w:comment")):
                comment.set(qn("w:id"), str(COMMENT_ID_BASE + int(comment.get(qn("w:id")))))


def declare_word_namespaces(document: Any) -> None:
    """Give the comments and footnotes parts the root declarations Word writes.

    python-docx's comments template declares a few prefixes of its own choosing (and no
    `mc:Ignorable`); the root is rebuilt with Word's set, its children moved over unchanged.
    A newsroom template's own extra prefixes (w15, …) and ignorables are kept: markup in an
    extension namespace must stay ignorable or Word refuses the file.
    """
    ignorable_attr = f"{{{WORD_NAMESPACES['mc']}}}Ignorable"
    for rel in document.part.rels.values():
        if rel.reltype not in (RT.COMMENTS, RT.FOOTNOTES) or rel.is_external:
            continue
        old = getattr(rel.target_part, "_element", None)
        if old is None:
            continue
        nsmap = {**{p: u for p, u in old.nsmap.items() if p}, **WORD_NAMESPACES}
        ignorable = WORD_IGNORABLE.split()
        for prefix in (old.get(ignorable_attr) or "").split():
            if prefix not in ignorable and old.nsmap.get(prefix) == nsmap.get(prefix):
                ignorable.append(prefix)
        new = OxmlElement(f"w:{old.tag.rsplit('}', 1)[-1]}", nsdecls=nsmap)
        for name, value in old.attrib.items():
            new.set(name, value)
        new.set(ignorable_attr, " ".join(ignorable))
        new.extend(list(old))
        rel.target_part._element = new
