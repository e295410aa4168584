"""The themes of free-text comments ("even better if"): the phrases and keywords that come up
most often, counted once per comment."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "make",
        "made",
        "use",
        "used",
        "each",
        "before",
        "next",
        "their",
        "there",
        "child's",
    ]
)
_WORD = re.compile(r"[a-z][a-z']+")


@dataclass(frozen=True)
class Theme:
    phrase: str
    comments: int  # how many comments mention it


def words(text: str) -> list[str]:
    return [w.strip("'") for w in _WORD.findall(text.lower())]


def themes(comments: Iterable[tuple[str, int]], top: int = 10) -> list[Theme]:
    """The ``top`` themes of comments given as (text, how many times that text occurs).

    Two-word phrases of meaningful words rank first (they say more than a word alone); single
    keywords fill the list. Each comment counts once per phrase, however often it repeats it.
    """
    phrases: Counter[str] = Counter()
    keywords: Counter[str] = Counter()
    for text, times in comments:
        tokens = words(text)
        seen_pairs = {
            f"{a} {b}"
            for a, b in pairwise(tokens)
            if a != b and a not in STOPWORDS and b not in STOPWORDS and len(a) > 2 and len(b) > 2
        }
        seen_words = {t for t in tokens if t not in STOPWORDS and len(t) > 3}
        for phrase in seen_pairs:
            phrases[phrase] += times
        for word in seen_words:
            keywords[word] += times
    ranked = [Theme(p, n) for p, n in phrases.items() if n > 1]
    ranked.sort(key=lambda t: (-t.comments, t.phrase))
    chosen = ranked[:top]
    covered = {w for t in chosen for w in t.phrase.split()}
    if len(chosen) < top:
        extra = sorted(
            (Theme(w, n) for w, n in keywords.items() if w not in covered),
            key=lambda t: (-t.comments, t.phrase),
        )
        chosen.extend(extra[: top - len(chosen)])
    return chosen
