"""Article text is data: before it reaches a terminal, control characters (ESC, BEL, C1 codes, bidi
overrides...) become visible symbols so no escape sequence in an article can move the cursor, retitle the
terminal or write the clipboard. Offsets are preserved: one character in, one character out."""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, C1 controls, and bidi embedding/override/isolate marks
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL: the Unicode control pictures
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def neutralise(text: str) -> str:
    """Same length as `text`, with every control character replaced by a visible symbol."""
    return _CONTROL.sub(_symbol, text)


def printable(text: str) -> str:
    """One-line form for messages: controls neutralised, newlines shown as spaces."""
    return neutralise(text).replace("\n", " ").replace("\t", " ")
