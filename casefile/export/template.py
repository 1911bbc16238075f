"""The Word reference template, and scrubbing any template of what it should not carry.

A newsroom can swap in its own template (styles Headline, Dek, Byline, Publication Date,
Dateline, Body Text, Caption, Credit, Contributor, Tagline, Footnote Text, Footnote Reference,
Appendix Heading, Appendix Text); a style it lacks is added with Casefile's look, and headings
are kept with what follows them. Whatever template is used,
every export is scrubbed: core properties rewritten (title = headline, author = byline,
never the OS user), extended properties rewritten, thumbnail, custom properties and
customXml parts dropped, so no leftover name, date or program travels with the draft.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from casefile.export.footnotes import declare_word_namespaces
from casefile.export.xml_text import xml_safe
from casefile.resources import resource_path
from casefile.version import __version__

TEMPLATE = ("templates", "draft-template.docx")
SERIF = "Georgia"
EAST_ASIA = "Malgun Gothic"  # Hangul in Word on Windows; LibreOffice substitutes a CJK font
_DROP_PACKAGE_RELS = (RT.THUMBNAIL, RT.CUSTOM_PROPERTIES)
# stylesWithEffects is a Word 2010 copy of the styles (with its template's revision ids);
# Word rebuilds it when it needs it.
_DROP_DOCUMENT_RELS = (RT.CUSTOM_XML, RT.GLOSSARY_DOCUMENT,
                       "http://schemas.microsoft.com/office/2007/relationships/"
                       "stylesWithEffects")


def load_template(path: Path | None = None) -> Any:
    """A python-docx Document from the reference template (or a newsroom's own), emptied."""
    document = docx.Document(str(path or resource_path(*TEMPLATE)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ensure_styles(document)
    return document


def _fonts(style: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    font = style.font
    font.name = SERIF
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), SERIF)
    fonts.set(qn("w:eastAsia"), EAST_ASIA)


# Casefile's paragraph styles: (name, size, bold, italic, space after in points).
PARAGRAPH_STYLES = (
    ("Headline", 24, True, False, 6),
    ("Dek", 14, False, True, 10),
    ("Byline", 10.5, True, False, 14),
    ("Publication Date", 10, False, False, 14),
    ("Body Text", 11, False, False, 8),
    ("Caption", 9.5, False, False, 2),
    ("Credit", 8.5, False, True, 12),
    ("Contributor", 10, False, True, 8),
    ("Tagline", 10, False, True, 8),
    ("Footnote Text", 9, False, False, 0),
    ("Appendix Heading", 14, True, False, 6),
    ("Appendix Text", 9, False, False, 4),
)
# Set off from what is above: the tagline from the contributor line, an appendix heading
# from the table before it (LibreOffice leaves no gap after a table).
SPACE_BEFORE = {"Tagline": 6, "Appendix Heading": 16}
# Headings stay on the page of what follows them (an appendix heading with its table).
KEEP_WITH_NEXT = ("Headline", "Dek", "Byline", "Publication Date", "Appendix Heading",
                  "Title", "Subtitle", *(f"Heading {n}" for n in range(1, 10)))


def ensure_styles(document: Any) -> None:
    """Give any template the styles an export uses that it lacks (a newsroom's template
    from before a style was added still exports), and keep headings with what follows."""
    styles = document.styles
    names = {s.name for s in styles}
    normal = styles["Normal"]
    for spec in PARAGRAPH_STYLES:
        if spec[0] not in names:
            _define(styles.add_style(spec[0], WD_STYLE_TYPE.PARAGRAPH), normal, *spec[1:])
    for name, superscript, bold in (("Dateline", False, True),
                                    ("Footnote Reference", True, False)):
        if name not in names:
            char = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            char.font.superscript = superscript or None
            char.font.bold = bold or None
    for s in styles:
        if s.type == WD_STYLE_TYPE.PARAGRAPH and s.name in KEEP_WITH_NEXT:
            s.paragraph_format.keep_with_next = True
            s.paragraph_format.keep_together = True


def _define(style: Any, normal: Any, size: float, bold: bool, italic: bool,
            after: float) -> None:
    style.base_style = normal
    _fonts(style, size, bold=bold, italic=italic)
    style.paragraph_format.space_after = Pt(after)
    style.quick_style = True
    if style.name in SPACE_BEFORE:
        style.paragraph_format.space_before = Pt(SPACE_BEFORE[style.name])


def build_reference_template(out: Path) -> Path:
    """Write Casefile's own clean reference template (run when styles change)."""
    document = docx.Document()
    styles = document.styles

    def style(name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> Any:
        try:
            return styles[name]
        except KeyError:
            return styles.add_style(name, kind)

    normal = styles["Normal"]
    _fonts(normal, 11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    for name, *spec in PARAGRAPH_STYLES:
        _define(style(name), normal, *spec)
    styles["Credit"].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    styles["Caption"].font.color.rgb = RGBColor(0x33, 0x33, 0x33)  # not the default blue
    styles["Byline"].font.all_caps = True
    dateline = style("Dateline", WD_STYLE_TYPE.CHARACTER)
    dateline.font.bold = True
    reference = style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
    ensure_styles(document)
    for child in list(document.element.body):
        if child.tag != qn("w:sectPr"):
            document.element.body.remove(child)
    scrub(document, title="", authors=[], when=datetime(2026, 1, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def scrub(document: Any, *, title: str, authors: list[str], when: datetime) -> None:
    """Rewrite the properties and drop the parts that could carry someone else's details."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in _DROP_PACKAGE_RELS:
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in _DROP_DOCUMENT_RELS:
            del document.part.rels[rel_id]
    props = document.core_properties
    author = xml_safe(" and ".join(authors))
    props.title = xml_safe(title)
    props.author = author
    props.last_modified_by = author
    for name in ("subject", "keywords", "comments", "category", "content_status",
                 "identifier", "language", "version"):
        setattr(props, name, "")
    props.created = when
    props.modified = when
    props.revision = 1
    _drop_unwritten_core(package)
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_xml()
    # No revision history or personal data kept by Word on later saves. Not
    # w:removePersonalInformation either: Word would rename every reviewer "Author" on save,
    # and the review comes back nameless (the properties are scrubbed here already). Nor a
    # template's w:proofState: a claim that a spelling and grammar check ran, and was clean.
    settings = document.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:docVars", "w:removePersonalInformation",
                "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    _drop_rsid_attributes(document)
    zoom = settings.find(qn("w:zoom"))
    if zoom is None:  # after w:writeProtection and w:view, the only children before it
        zoom = OxmlElement("w:zoom")
        before = [el for el in settings if el.tag in (qn("w:writeProtection"), qn("w:view"))]
        if before:
            before[-1].addnext(zoom)
        else:
            settings.insert(0, zoom)
    if zoom.get(qn("w:percent")) is None:  # required by the schema; Word always writes it
        zoom.set(qn("w:percent"), "100")
    declare_word_namespaces(document)


# Core properties Word leaves out when they are empty.
_UNWRITTEN_CORE = ("category", "contentStatus", "identifier", "language", "version")


def _drop_unwritten_core(package: Any) -> None:
    """Empty elements Word would not write, and any print date: an export was never printed
    (Word writes cp:lastPrinted only after printing; a template's would be someone else's)."""
    core = package._core_properties_part.element
    for child in list(core):
        local = child.tag.rsplit("}", 1)[-1]
        if local == "lastPrinted" or (local in _UNWRITTEN_CORE and not (child.text or "")):
            core.remove(child)


_RSID = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rsid"


def _drop_rsid_attributes(document: Any) -> None:
    """Revision-session ids (w:rsidR, w:rsidSect, …) tie a file to the editing sessions of
    whoever wrote its template; none are kept in the body, styles or numbering."""
    parts = [document.part.element]
    for rel in document.part.rels.values():
        element = getattr(getattr(rel, "_target", None), "element", None)
        if element is not None:
            parts.append(element)
    for root in parts:
        for el in list(root.iter()):
            if el.tag == _RSID and el.getparent() is not None:  # <w:rsid> in styles
                el.getparent().remove(el)
                continue
            for attr in [a for a in el.attrib if a.startswith(_RSID)]:
                del el.attrib[attr]


def _app_xml() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><Application>{escape("Casefile")}</Application><DocSecurity>0'
        "</DocSecurity><ScaleCrop>false</ScaleCrop><Company></Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{app_version()}</AppVersion>"
        "</Properties>"
    ).encode()


def app_version(version: str = __version__) -> str:
    """The running Casefile's version in the form app.xml's AppVersion takes, XX.YYYY
    (major, minor): 0.1.0 -> "00.0001"."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:2]] + [0, 0]
    return f"{min(numbers[0], 99):02d}.{min(numbers[1], 9999):04d}"


if __name__ == "__main__":
    print(build_reference_template(resource_path(*TEMPLATE)))
