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

from casefile.identity import REDACTED, Hit, IdentityMatcher
from casefile.models import GroundRules, Source
from casefile.read_models import SourceData

__all__ = ["REDACTED", "PhotoGps", "RedactionPolicy", "Redactor", "clean_image"]

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
    # Transcripts and attachments of interviews with a protected source stay home unless the
    # reporter includes them; quotes used as evidence always go, redacted.
    include_protected_transcripts: bool = False

    @classmethod
    def full_copy(cls) -> RedactionPolicy:
        """No redaction: the reporter's own backup or a move to another machine."""
        return cls(hide_identities=False, drop_private_notes=False, photo_gps=PhotoGps.KEEP,
                   keep_photo_metadata=True, include_trash=True,
                   include_protected_transcripts=True)

    @property
    def redacts(self) -> bool:
        """Whether anything is taken out at all."""
        return self != RedactionPolicy.full_copy()


class Redactor:
    """Applies a policy to the strings and files of one export, through the one identity
    matcher (casefile/identity.py)."""

    def __init__(self, policy: RedactionPolicy,
                 sources: Iterable[Source | SourceData]) -> None:
        self.policy = policy
        self.sources = list(sources)
        self.protected = [s for s in self.sources if s.ground_rules is not GroundRules.ON_RECORD]
        self.matcher = IdentityMatcher.for_sources(self.sources if policy.hide_identities
                                                   else [])

    def text(self, value: str) -> str:
        """A string with every protected name, name part, contact detail and note replaced
        (names by the source's pseudonym, the rest by "[withheld]")."""
        if not self.matcher or not value:
            return value
        return self.matcher.redact(value)

    def find(self, value: str) -> list[Hit]:
        """Every protected identity in `value` (the words as written, and what they reveal)."""
        if not self.matcher or not value:
            return []
        return self.matcher.find(value)

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
    type): JPEG for photos, PNG for images with transparency.

    Within a memory budget (`casefile.media.images.CLEAN_MAX_PIXELS`, two RGB(A) copies of
    4 bytes a pixel: ~305 MB while rebuilding): a larger JPEG is decoded at 1/2, 1/4 or 1/8 of
    its size by the decoder itself, so its full pixels are never in memory; any other picture
    that large raises ValueError before it is decoded."""
    import warnings

    from casefile.media.images import CLEAN_MAX_PIXELS

    budget = CLEAN_MAX_PIXELS
    with warnings.catch_warnings():  # the pixel budget below is the check that counts
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        opened = Image.open(io.BytesIO(data))
    with opened as im:
        width, height = im.size
        if im.format == "JPEG" and width * height > budget:
            scale = math.ceil(math.sqrt(width * height / budget))
            im.draft("RGB", (max(1, width // scale), max(1, height // scale)))
        if im.width * im.height > budget:
            raise ValueError(f"a picture of {width:,}×{height:,} pixels is larger than can be "
                             f"rebuilt for sharing ({budget // 1_000_000} megapixels)")
        im.load()
        ImageOps.exif_transpose(im, in_place=True)
        has_alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        mode = "RGBA" if has_alpha else "RGB"
        size = im.size
        src = im if im.mode == mode else im.convert(mode)
        if src is not im:
            im.close()  # free the decoded pixels before the copy is made
        bare = Image.new(mode, size)  # a new image: none of the original's info comes along
        bare.paste(src)
        src.close()
    buf = io.BytesIO()
    if has_alpha:
        bare.save(buf, "PNG", optimize=True)
        return buf.getvalue(), "image/png"
    bare.save(buf, "JPEG", quality=92, optimize=True)
    return buf.getvalue(), "image/jpeg"
