"""The one redaction policy every path out of a case file follows.

A source who is not on the record (background, deep background, off the record, confidential)
is protected: their name, surname, contact details and notes never leave the case file unless
the reporter explicitly asks. The Word export *refuses* to write a file that would reveal one
(the story's text is the reporter's; it is not rewritten behind their back); bundles shared
with an editor or colleague and CSL-JSON are *rewritten*: protected names become the source's
attribution phrase (its pseudonym), contact details and private notes are dropped, photos are
re-encoded from pixels (no EXIF, XMP, IPTC or thumbnails) and GPS is removed from all photos or
from those that could place a protected source, as the reporter chooses.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PIL import Image, ImageOps

from casefile.export.protect import Protected, protected_strings
from casefile.models import GroundRules, Source

__all__ = ["PhotoGps", "Protected", "RedactionPolicy", "Redactor", "clean_image",
           "protected_strings"]

REDACTED = "[withheld]"
NEAR_KM = 2.0  # a photo this close to where a protected source was met can place them


class PhotoGps(Enum):
    """Which photos lose their GPS position on the way out."""

    KEEP = "keep"
    NEAR_PROTECTED = "near_protected"  # near where a protected source was interviewed, or
    # showing one
    ALL = "all"


@dataclass(frozen=True)
class RedactionPolicy:
    """What the reporter chose for one export. The defaults protect everything."""

    hide_identities: bool = True
    drop_private_notes: bool = True
    photo_gps: PhotoGps = PhotoGps.ALL
    keep_photo_metadata: bool = False
    include_trash: bool = False

    @classmethod
    def full_copy(cls) -> RedactionPolicy:
        """No redaction: the reporter's own backup or a move to another machine."""
        return cls(hide_identities=False, drop_private_notes=False, photo_gps=PhotoGps.KEEP,
                   keep_photo_metadata=True, include_trash=True)

    @property
    def redacts(self) -> bool:
        """Whether anything is taken out at all."""
        return self != RedactionPolicy.full_copy()


class Redactor:
    """Applies a policy to the strings and files of one export."""

    def __init__(self, policy: RedactionPolicy, sources: Iterable[Source]) -> None:
        self.policy = policy
        self.sources = list(sources)
        self.protected = [s for s in self.sources if s.ground_rules is not GroundRules.ON_RECORD]
        self.strings = protected_strings(self.protected) if policy.hide_identities else []
        # Longest first, so "Oksana Zhuravleva" is replaced before "Zhuravleva".
        self._replacements = sorted(
            ((p.text, self._pseudonym_for(p.text)) for p in self.strings),
            key=lambda pair: -len(pair[0]))

    def _pseudonym_for(self, text: str) -> str:
        for s in self.protected:
            if text in (s.name, s.name.split()[-1] if s.name.split() else ""):
                return s.attribution_phrase or REDACTED
        return REDACTED

    def text(self, value: str) -> str:
        """A string with every protected name, surname, contact detail and note replaced."""
        if not self._replacements or not value:
            return value
        lowered = value.casefold()
        if not any(old.casefold() in lowered for old, _new in self._replacements):
            return value
        for old, new in self._replacements:
            value = _replace_casefold(value, old, new)
        return value

    def deep(self, node: Any) -> Any:
        """`text()` applied to every string in a JSON-like structure."""
        if isinstance(node, str):
            return self.text(node)
        if isinstance(node, list):
            return [self.deep(v) for v in node]
        if isinstance(node, dict):
            return {k: self.deep(v) for k, v in node.items()}
        return node

    def source_fields(self, source: Source, fields: dict[str, Any]) -> dict[str, Any]:
        """A protected source as it may leave: its pseudonym, nothing that identifies it."""
        if not self.policy.hide_identities or source.ground_rules is GroundRules.ON_RECORD:
            return fields
        out = dict(fields)
        out["name"] = source.attribution_phrase or REDACTED
        for key in ("short_name", "role_title", "affiliation", "location", "notes"):
            if key in out:
                out[key] = ""
        for key in ("contacts", "languages"):
            if key in out:
                out[key] = []
        return out

    def strips_gps(self, lat: float | None, lon: float | None, depicts_protected: bool,
                   protected_places: list[tuple[float, float]]) -> bool:
        """Whether a photo's position must go."""
        if lat is None or lon is None or self.policy.photo_gps is PhotoGps.KEEP:
            return False
        if self.policy.photo_gps is PhotoGps.ALL or depicts_protected:
            return True
        return any(distance_km(lat, lon, p_lat, p_lon) <= NEAR_KM
                   for p_lat, p_lon in protected_places)


def _replace_casefold(value: str, old: str, new: str) -> str:
    """Replace `old` in `value` ignoring case (names are written in many cases)."""
    folded, target = value.casefold(), old.casefold()
    if len(folded) != len(value):  # casefold changed lengths (e.g. ß): exact match only
        return value.replace(old, new)
    out, start = [], 0
    while True:
        at = folded.find(target, start)
        if at < 0:
            break
        out += [value[start:at], new]
        start = at + len(old)
    return "".join(out) + value[start:]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def clean_image(data: bytes) -> tuple[bytes, str]:
    """An image rebuilt from its pixels alone — no EXIF, GPS, XMP, IPTC, MakerNote, embedded
    thumbnail, ICC profile or comment — with its orientation applied. Returns (bytes, media
    type): JPEG for photos, PNG for images with transparency."""
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        shown = ImageOps.exif_transpose(im)
        has_alpha = shown.mode in ("RGBA", "LA") or "transparency" in shown.info
        bare = Image.new("RGBA" if has_alpha else "RGB", shown.size)
        bare.paste(shown.convert("RGBA" if has_alpha else "RGB"))
    buf = io.BytesIO()
    if has_alpha:
        bare.save(buf, "PNG", optimize=True)
        return buf.getvalue(), "image/png"
    bare.save(buf, "JPEG", quality=92, optimize=True)
    return buf.getvalue(), "image/jpeg"
