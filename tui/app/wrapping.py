"""Word wrapping by offsets: an article becomes (start, end) display lines, so a mention's text offset
maps straight to a line and back. Linear in the text; cell widths count wide (CJK) characters as two."""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

# a word with the blanks after it (blanks hang off the end of a line), or leading blanks
_TOKEN = re.compile(r"[ \t]*[^ \t\n]+[ \t]*|[ \t]+")


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _hard_split(text: str, start: int, end: int, width: int, col: int, lines: list[tuple[int, int]],
                line_start: int) -> tuple[int, int]:
    """Break a word longer than a line into line-sized pieces; returns (line_start, col) after it."""
    pos = start
    if text[start:end].isascii():
        while end - pos > width - col:
            cut = pos + (width - col)
            lines.append((line_start, cut))
            line_start, pos, col = cut, cut, 0
        return line_start, col + (end - pos)
    for i in range(start, end):
        size = get_character_cell_size(text[i])
        if col + size > width and col > 0:
            lines.append((line_start, i))
            line_start, col = i, 0
        col += size
    return line_start, col


def wrap(text: str, width: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Display lines of text[start:end] (default: all of it) at `width` cells: (start, end) offsets into
    `text`, end excluding the newline.

    Words are kept whole unless longer than a line; blanks after a word stay on its line (so every
    character belongs to exactly one line and clicks map back to offsets)."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    paragraph_start = start
    length = len(text) if end is None else end
    while paragraph_start <= length:
        newline = text.find("\n", paragraph_start, length)
        paragraph_end = length if newline < 0 else newline
        line_start, col = paragraph_start, 0
        for match in _TOKEN.finditer(text, paragraph_start, paragraph_end):
            token_start, token_end = match.span()
            token = match.group()
            stripped = token.rstrip(" \t")
            word_end = token_start + len(stripped)
            word_width = _width(stripped)
            if col + word_width > width:
                if col > 0 and stripped.strip(" \t"):
                    lines.append((line_start, token_start))
                    line_start, col = token_start, 0
                if word_width > width:
                    line_start, col = _hard_split(text, token_start, word_end, width, col, lines, line_start)
                    col += token_end - word_end
                    continue
            col += word_width + (token_end - word_end)
        lines.append((line_start, paragraph_end))
        if newline < 0:
            break
        paragraph_start = newline + 1
    return lines
