"""The Word reference template, and scrubbing any template of what it should not carry.

A newsroom can swap in its own template (styles Headline, Dek, Byline, Dateline, Body Text,
Caption, Credit, Contributor, Footnote Text, Footnote Reference). Whatever template is used,
every export is scrubbed: core properties rewritten (title = headline, author = byline,
never the OS user), extended properties rewritten, thumbnail, custom properties and
customXml parts dropped, so no leftover name, date or program travels with the draft.
"""

from __future__ import annotations

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

from casefile.export.xml_text import xml_safe
from casefile.resources import resource_path

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
    for name, size, bold, italic, after in (
        ("Headline", 24, True, False, 6),
        ("Dek", 14, False, True, 10),
        ("Byline", 10.5, True, False, 14),
        ("Body Text", 11, False, False, 8),
        ("Caption", 9.5, False, False, 2),
        ("Credit", 8.5, False, True, 12),
        ("Contributor", 10, False, True, 8),
        ("Footnote Text", 9, False, False, 0),
        ("Appendix Heading", 14, True, False, 6),
    ):
        s = style(name)
        s.base_style = normal
        _fonts(s, size, bold=bold, italic=italic)
        s.paragraph_format.space_after = Pt(after)
        s.quick_style = True
    styles["Credit"].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    styles["Byline"].font.all_caps = True
    dateline = style("Dateline", WD_STYLE_TYPE.CHARACTER)
    dateline.font.bold = True
    reference = style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
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
    props.last_printed = when
    props.revision = 1
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_xml()
    # No revision history or personal data kept by Word on later saves.
    settings = document.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:docVars"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    _drop_rsid_attributes(document)
    if settings.find(qn("w:removePersonalInformation")) is None:
        flag = OxmlElement("w:removePersonalInformation")
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:
            zoom.addnext(flag)
        else:
            settings.insert(0, flag)


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
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0</AppVersion></Properties>"
    ).encode()


if __name__ == "__main__":
    print(build_reference_template(resource_path(*TEMPLATE)))
