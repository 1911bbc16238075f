"""Text fit for a Word file: XML 1.0 cannot hold most control characters, lone surrogates
or U+FFFE/U+FFFF, which a case may hold exactly as typed or pasted (a form feed from a PDF).
The export drops them; the case keeps them."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters a .docx cannot contain."""
    return _NOT_XML.sub("", text)
