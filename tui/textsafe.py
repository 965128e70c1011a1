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


# A file name that is not UTF-8 reaches Python as a str holding lone surrogates (os.fsdecode writes each
# undecodable byte 0xNN as U+DCNN); no terminal or UTF-8 stream can take one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8: the byte, as Python writes it
    return f"\\u{code:04x}"


def escape_surrogates(text: str) -> str:
    """`text` as valid Unicode: each lone surrogate written as an escape, `\\xff` for the byte 0xFF of a
    name that is not UTF-8 (`\\udXXX` for any other), everything else untouched."""
    if text.isascii() or _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub(_escape_surrogate, text)


def printable(text: str) -> str:
    """One-line form for messages: controls neutralised, newlines shown as spaces, a name's bytes that are
    not UTF-8 as `\\xNN` (as the JSON writes them)."""
    return escape_surrogates(neutralise(text)).replace("\n", " ").replace("\t", " ")
