"""Find the parts of an article that are not the story: a publisher's appeal, a footer shared by sources.

Two general signals, no per-site rules:

* an appeal block at the end of the text: a heading-like line ("A message from …:", "Dear readers",
  "Drodzy Czytelnicy", "Liebe Leserinnen und Leser", "Chers lecteurs", "Support …") or a trailing run of
  lines dense in appeal vocabulary (support, donate, subscribe, independent journalism, "remind me later",
  and the Polish, German, French equivalents), running to the end of the text;
* lines (paragraphs) repeated verbatim, whitespace-normalised and at least 60 characters long, at the top
  or bottom edge of two or more *other* sources of the story (or of one other source of the same outlet:
  a publisher's footer is repeated by that publisher), when they sit at the edge of this article too and
  never occur as a sentence inside running prose.

Everything is conservative: a false positive hides story text, a miss only leaves a footer visible.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MIN_REPEATED_CHARS = 60
MIN_OTHER_SOURCES = 2
MIN_SAME_OUTLET_SOURCES = 1  # one other article of the same outlet with the line at its edge
EDGE_LINES = 10
# Appeals live at the end and are short; only that tail is examined, which keeps huge files cheap.
TAIL_CHARS = 8000
MAX_APPEAL_WORDS = 600

_HEADINGS = re.compile(
    r"""^(?:
        (?:a|an)\s+(?:message|note|appeal|word|request)\s+(?:from|to)\b
      | (?:dear|to\s+our)\s+(?:readers?|friends|supporters|subscribers)\b
      | (?:please\s+)?(?:support|donate|subscribe)\b
      | help\s+us\b | become\s+a\s+(?:member|supporter|subscriber|patron)\b
      | (?:drodzy|drogie|droga|drogi)\s+(?:czytelnicy|czytelniczki|czytelniku|czytelniczko|państwo)\b
      | wesprzyj\b | wiadomość\s+od\b | zostań\s+(?:patronem|subskrybentem)\b
      | (?:potrzebujemy|liczymy\s+na)\s+(?:twojego|waszego|twojej|waszej|państwa)\s+(?:wsparcia|pomocy)\b
      | liebe\s+(?:leserinnen|leser)\b | unterstützen\s+sie\b | jetzt\s+(?:spenden|unterstützen|abonnieren)\b
      | eine\s+(?:nachricht|botschaft|bitte)\s+(?:von|der|des|an)\b
      | (?:chers|chères)\s+(?:lecteurs|lectrices|amis|abonnés)\b | soutenez\b | faites\s+un\s+don\b
      | abonnez-vous\b | un\s+message\s+(?:de|du|des)\b
      | queridos\s+lectores\b | apoya\b | cari\s+lettori\b | sostieni\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_HEADING_MAX_WORDS = 10

# Vocabulary of appeals. Strong phrases speak to the reader ("your support", "donate now", imperatives) and
# hardly occur in news prose; weak words ("support", "donation", "journalism") do, and only count in bulk.
_STRONG = r"""
    remind\s+me\s+later | support\s+(?:us|our\s+(?:work|journalism|reporting|newsroom)) | independent\s+journalism
  | subscribe\s+(?:now|today|to\s+our) | become\s+a\s+(?:member|supporter|patron|subscriber)
  | thank\s+you\s+for\s+(?:reading|your\s+support|standing\s+with|supporting\s+us)
  | your\s+(?:support|help|contribution|donation|gift)\b | (?:every|any)\s+contribution | we\s+need\s+your
  | (?:make|making)\s+a\s+(?:gift|donation|contribution) | donate\s+(?:now|today|here)
  | please\s+(?:donate|support|give)
  | patreon | paypal
  | przypomnij\s+mi\s+później | wesprzyj | wesprzeć\s+nas | wspieraj\s+nas | wpłać | przekaż\s+darowiznę
  | niezależne\w*\s+dziennikarstw\w* | zostań\s+(?:patronem|członkiem|subskrybentem)
  | dziękujemy\s+za\s+(?:wsparcie|każd\w*|twoj\w*|wasz\w*) | (?:twoje|twojego|wasze|waszego)\s+wsparci\w*
  | (?:twojej|waszej)\s+pomocy | patronite | zrzutk\w*
  | später\s+erinnern | unterstützen\s+sie\s+(?:uns|unabhängig\w*|unsere\w*|jetzt) | jetzt\s+(?:spenden|unterstützen)
  | unabhängige\w*\s+journalismus | abonnieren\s+sie | mitglied\s+werden | vielen\s+dank\s+für\s+ihre
  | ihre\s+(?:unterstützung|hilfe|spende)\b | mit\s+einer\s+spende
  | me\s+le\s+rappeler\s+plus\s+tard | rappelez-moi\s+plus\s+tard | soutenez | fai(?:re|tes)\s+un\s+don
  | (?:votre|vos)\s+(?:don|dons|soutien|aide|contribution)\b | journalisme\s+indépendant | abonnez-vous
  | devenez\s+(?:membre|abonné) | merci\s+pour\s+votre\s+soutien | chaque\s+(?:don|contribution)
"""
_WEAK = r"""
    support\w* | contribut\w* | donat\w* | subscri\w* | thank\s+you | journalis\w* | readers? | monthly | free\s+press
  | wspar\w* | wspier\w* | darowizn\w* | dziękujemy | dziennikar\w* | czytel\w* | miesięczn\w* | prenumerat\w*
  | unterstütz\w* | spende\w* | danke | leser\w* | monatlich | abonn\w*
  | souti\w* | soutenir | merci | lecteur\w* | lectrice\w* | mensuel\w*
  | \$\s?\d | €\s?\d | \d\s?(?:€|zł|euro)
"""
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+")
# Matched against lower-cased text: much faster than re.IGNORECASE over Unicode.
_VOCAB = re.compile(rf"\b(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))", re.VERBOSE)


@dataclass(frozen=True)
class RepeatedParagraphs:
    """Which long lines (paragraphs) stand, verbatim, at the top or bottom edge of several of a story's bodies.

    Build it once per story with `from_bodies` and pass it to `find_boilerplate(repeated=...)`: one pass
    over all text instead of one per source. Only the EDGE_LINES first and last lines of each body are
    indexed (footers and mastheads live there), which also bounds memory on very large stories.
    """

    counts: dict[int, int]  # hash of a normalised edge line -> number of bodies holding it
    body_hashes: frozenset[int]
    prose: frozenset[int]  # repeated lines that also occur as a sentence inside some longer paragraph

    @classmethod
    def from_bodies(cls, bodies: Iterable[str], outlets: Sequence[str] | None = None) -> RepeatedParagraphs:
        """`outlets[i]` is the outlet of `bodies[i]` ("" for none): see edge_line_counts."""
        bodies = list(bodies)
        counts = edge_line_counts(bodies, outlets)
        prose = prose_keys(bodies, repeated_candidates(counts))
        return cls(counts, frozenset(hash(body) for body in bodies), frozenset(prose))

    def others(self, line: str, body: str) -> int:
        """In how many bodies other than `body` the line stands at an edge (0 if it is a sentence of prose)."""
        return self._others(_line_key(line), body)

    def outlet_others(self, line: str, body: str, outlet: str) -> int:
        """In how many other bodies of the same outlet the line stands at an edge (0 as in `others`)."""
        key = _line_key(line)
        if not outlet or key is None or key in self.prose:
            return 0
        return self._others(_outlet_key(outlet, key), body)

    def _others(self, key: int | None, body: str) -> int:
        if key is None or key in self.prose:
            return 0
        own = 1 if hash(body) in self.body_hashes else 0
        return self.counts.get(key, 0) - own


# A story built in shards (see shards.py) computes the parts of RepeatedParagraphs per shard and merges
# them: edge_line_counts are summed, then every shard looks for the repeated_candidates in its prose.


def edge_line_counts(bodies: Iterable[str], outlets: Sequence[str] | None = None) -> dict[int, int]:
    """Hash of each normalised edge line -> in how many of `bodies` it stands at an edge; and, for a body
    with an outlet (`outlets[i]`, "" for none), the hash of (outlet, line) -> in how many of that outlet's."""
    counts: dict[int, int] = {}
    for i, body in enumerate(bodies):
        keys = _edge_keys(body)
        outlet = outlets[i] if outlets is not None else ""
        if outlet:
            keys |= {_outlet_key(outlet, key) for key in keys}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _outlet_key(outlet: str, key: int) -> int:
    return hash((" ".join(outlet.split()).casefold(), key))


def repeated_candidates(counts: dict[int, int]) -> set[int]:
    return {key for key, n in counts.items() if n >= MIN_OTHER_SOURCES}


def _edge_keys(body: str) -> set[int]:
    lines = [line for line in body.split("\n") if line.strip()]
    edges = lines if len(lines) <= 2 * EDGE_LINES else lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    return {key for key in map(_line_key, edges) if key is not None}


def prose_keys(bodies: Iterable[str], candidates: set[int]) -> set[int]:
    """Candidates that also occur as one sentence inside a longer paragraph somewhere in `bodies`.

    A publisher's footer is always a paragraph of its own; a sentence that some source runs into its
    prose is story text that happens to recur (a stock phrase, a shared quote, templated copy).
    """
    found: set[int] = set()
    if not candidates:
        return found
    for body in bodies:
        for line in body.split("\n"):
            if len(line) <= MIN_REPEATED_CHARS:
                continue
            sentences = _SENTENCE_SPLIT_RE.split(line.strip())
            if len(sentences) > 1:
                for sentence in sentences:
                    if len(sentence) >= MIN_REPEATED_CHARS:  # cheap test first: normalising only shortens
                        key = _line_key(sentence)
                        if key in candidates:
                            found.add(key)
    return found


def find_boilerplate(
    body: str,
    offset: int,
    all_bodies: Sequence[str] | None = None,
    *,
    repeated: RepeatedParagraphs | None = None,
    outlet: str = "",
) -> list[tuple[int, int]]:
    """Spans (start, end), shifted by `offset`, of `body` text that is not part of the story.

    `all_bodies` are the bodies of every source in the story (normally including this one); a caller
    checking many sources should build `RepeatedParagraphs.from_bodies` once and pass `repeated` instead.
    `outlet` is the source's outlet, for the lines its other articles repeat ("" for none).
    """
    lines = _lines(body)
    if not lines:
        return []
    appeal_start = _appeal_start(body, lines)
    if repeated is None and all_bodies is not None:
        repeated = RepeatedParagraphs.from_bodies(all_bodies)
    spans: list[tuple[int, int]] = []
    if repeated is not None:
        story_lines = [ln for ln in lines if appeal_start is None or ln[0] < appeal_start]
        spans.extend(_repeated_edges(body, story_lines, repeated, outlet))
    if appeal_start is not None:
        spans.append((appeal_start, len(body)))
    return [(start + offset, end + offset) for start, end in _merge(body, spans)]


# ----------------------------------------------------------------------------------------------- helpers

_Line = tuple[int, int, str]  # start, end (exclusive, before "\n"), stripped text


def _lines(body: str) -> list[_Line]:
    """Non-blank lines with their spans, in order."""
    out: list[_Line] = []
    pos = 0
    for raw in body.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _line_key(line: str) -> int | None:
    normalised = " ".join(line.split())
    return hash(normalised) if len(normalised) >= MIN_REPEATED_CHARS else None


def _score(text: str) -> tuple[int, bool]:
    """Appeal-vocabulary score of a line (strong phrase 2, weak word 1) and whether a strong phrase occurs."""
    score, strong = 0, False
    for match in _VOCAB.finditer(text.lower()):
        if match.group("strong"):
            score, strong = score + 2, True
        else:
            score += 1
    return score, strong


def _is_heading(text: str) -> bool:
    return _HEADINGS.match(text) is not None and len(text.split()) <= _HEADING_MAX_WORDS


def _appeal_start(body: str, lines: list[_Line]) -> int | None:
    """Where a trailing appeal block starts in `body`, or None."""
    # Only the last MAX_APPEAL_WORDS words can hold an appeal: find where that tail begins.
    first, words_from = len(lines), [0]
    while first > 0 and words_from[-1] <= MAX_APPEAL_WORDS and lines[first - 1][0] >= len(body) - TAIL_CHARS:
        first -= 1
        words_from.append(words_from[-1] + len(lines[first][2].split()))
    tail = lines[first:]
    if len(tail) < 2:
        return None
    words_after = words_from[:0:-1]  # words_after[i]: words in tail[i:]
    scores: dict[int, tuple[int, bool]] = {}  # scored lazily: most articles end without appeal vocabulary

    def score(i: int) -> tuple[int, bool]:
        if i not in scores:
            scores[i] = _score(tail[i][2])
        return scores[i]

    def plausible_block(i: int) -> bool:
        """Lines i.. to the end read like an appeal: short, dense in appeal vocabulary, after story text."""
        if words_after[i] > MAX_APPEAL_WORDS or not body[: tail[i][0]].strip():
            return False  # too long for an appeal, or nothing before it (the whole text would be hidden)
        block = [score(j) for j in range(i, len(tail))]
        block_score = sum(points for points, _ in block)
        has_strong = any(strong for _, strong in block)
        return has_strong and block_score >= 4 and block_score * 25 >= words_after[i]

    headings = [_is_heading(text) for _, _, text in tail]
    # A heading followed soon by appeal vocabulary (so "Support for the bill grew:" followed by story does not count).
    for i, is_heading in enumerate(headings):
        if not is_heading:
            continue
        following = [j for j in range(i + 1, len(tail)) if not headings[j]][:3]
        soon = score(i)[0] > 0 or any(score(j)[0] > 0 for j in following)
        if soon and plausible_block(i):
            return tail[i][0]

    # No heading: a run of appeal-vocabulary lines reaching the end of the text (plus a heading just above it).
    i = len(tail)
    while i > 0 and score(i - 1)[0] > 0:
        i -= 1
    run = [score(j) for j in range(i, len(tail))]
    strong_hits = sum(1 for _, strong in run if strong)
    if len(run) >= 2 and strong_hits >= 2 and sum(points for points, _ in run) >= 5 and plausible_block(i):
        if i > 0 and headings[i - 1] and plausible_block(i - 1):
            i -= 1
        return tail[i][0]
    return None


def _repeated_edges(body: str, lines: list[_Line], repeated: RepeatedParagraphs,
                    outlet: str = "") -> list[tuple[int, int]]:
    """Runs of repeated lines at the top and bottom edge of the story part of `body`: lines the story's
    sources repeat, or this outlet's; where the outlet's repeats are most of the text (the same article
    saved twice, as a page and a feed item), only the story's count."""
    if outlet:
        spans = _edge_spans(lines, lambda text: repeated.others(text, body) >= MIN_OTHER_SOURCES
                            or repeated.outlet_others(text, body, outlet) >= MIN_SAME_OUTLET_SOURCES)
        if spans is not None:
            return spans
    return _edge_spans(lines, lambda text: repeated.others(text, body) >= MIN_OTHER_SOURCES) or []


def _edge_spans(lines: list[_Line], is_repeated: Callable[[str], bool]) -> list[tuple[int, int]] | None:
    """The top and bottom runs of lines `is_repeated` says are repeated; None if they are most of the text."""

    def edge_run(order: Sequence[int]) -> list[int]:
        """Indices of the repeated lines met from one edge before the first long unrepeated line."""
        found: list[int] = []
        for k in order:
            text = lines[k][2]
            if is_repeated(text):
                found.append(k)
            elif len(" ".join(text.split())) >= MIN_REPEATED_CHARS:
                break  # a real paragraph: the edge is over (short lines, e.g. "Follow us", are stepped over)
        return found

    bottom = edge_run(range(len(lines) - 1, -1, -1))
    top = edge_run(range(len(lines)))
    in_bottom = set(bottom)
    top = [k for k in top if k not in in_bottom]
    spans: list[tuple[int, int]] = []
    if top:
        spans.append((lines[min(top)][0], lines[max(top)][1]))
    if bottom:
        spans.append((lines[min(bottom)][0], lines[max(bottom)][1]))
    # Republished wire copy repeats whole articles: if the repeats are most of the text, they are the story.
    covered = sum(end - start for start, end in spans)
    total = sum(end - start for start, end, _ in lines)
    if covered * 2 > total:
        return None
    return spans


def _merge(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, joined where only whitespace separates them."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not body[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
