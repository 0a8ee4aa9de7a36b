"""Folding place names into lookup keys, so that spelling variants of one name meet.

Three keys per name, from strict to loose: the folded name (diacritics, case, apostrophes and
punctuation removed), the same without Arabic article prefixes ("Al Hudaydah" -> "hudaydah"), and a
consonant skeleton of that ("hudaydah" and "hodeidah" -> "hd") that joins transliteration variants.
A lookup tries them in that order and remembers which one matched.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Letters NFKD does not decompose into a base letter and a mark.
_LETTER_MAP = str.maketrans(
    {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
     "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "h"}
)  # fmt: skip
#: Apostrophes, ʿayn and hamza marks vanish ("Ta'izz" = "Taizz"); other punctuation splits words.
_DROPPED = re.compile(r"[’‘'`´ʿʾʼʻ]")
_SPLIT = re.compile(r"[^0-9a-z]+")
#: Arabic definite-article forms as transliterations write them ("al-", "ash-", "ez-", "el ").
ARTICLES = frozenset(
    {"al", "el", "ar", "as", "ash", "at", "ad", "adh", "an", "az", "ez", "es", "ath", "ul", "et", "en"}
)
#: Spelling families that folding makes equal, word by word.
_WORD_FORMS = {"saint": "st", "sainte": "ste", "airbase": "air base", "mt": "mount", "ft": "fort"}
_DIGRAPHS = {"kh": "k", "sh": "s", "th": "t", "dh": "d", "gh": "g", "ph": "f", "ch": "c", "q": "k"}
_DIGRAPH = re.compile("|".join(_DIGRAPHS))
_FINAL_H = re.compile(r"(?<=\w\w)h\b")
_INNER_VOWEL = re.compile(r"\B[aeiouyw]")
_DOUBLES = re.compile(r"(.)\1+")


def fold_name(name: str) -> str:
    """Lower-case, strip diacritics and apostrophes, split on punctuation, unify common word forms.

    >>> fold_name("Ḩamāh-al ʿĀṣī  St.")
    'hamah al asi st'
    """
    text = _DROPPED.sub("", name.translate(_LETTER_MAP))
    if not text.isascii():
        # Letters of other scripts have no ASCII form and vanish: such names get no key, never a wrong one.
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in _SPLIT.split(text.lower()) if w]
    return " ".join(_WORD_FORMS.get(w, w) for w in words)


def strip_articles(key: str) -> str:
    """Drop Arabic article words that precede another word ("ar raqqah" -> "raqqah").

    >>> strip_articles("dayr az zawr")
    'dayr zawr'
    """
    words = key.split()
    kept = [w for i, w in enumerate(words) if not (w in ARTICLES and i + 1 < len(words))]
    return " ".join(kept)


def skeleton(key: str) -> str:
    """The consonant skeleton of an article-stripped key: how transliterations of one name agree.

    >>> skeleton("rumaylan") == skeleton("rmelan") == skeleton("rumalyn")
    True
    """
    text = _DIGRAPH.sub(lambda m: _DIGRAPHS[m.group(0)], key)
    text = _FINAL_H.sub("", text)  # Arabic ta marbuta: "-ah", "-eh", "-a" are one ending
    text = _INNER_VOWEL.sub("", text)
    return _DOUBLES.sub(r"\1", text)


@functools.lru_cache(maxsize=1 << 16)
def name_keys(name: str) -> tuple[str, str, str]:
    """The (folded, article-stripped, skeleton) keys of a name."""
    folded = fold_name(name)
    stripped = strip_articles(folded)
    return folded, stripped, skeleton(stripped)
