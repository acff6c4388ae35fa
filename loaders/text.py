"""Text normalisation shared by the catalog and the matchers: one folding rule everywhere."""

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, no accents, straight quotes: 'Mélanie Joly’s' -> "melanie joly's"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def strip_article(text: str) -> str:
    """'the Kremlin' -> 'Kremlin': a lower-case leading 'the' is not part of the name.

    A capitalised 'The' is ('The National', 'The Hindu'): without it the name is a common word.
    """
    return text[4:] if text[:4] == "the " else text


def slugify(text: str) -> str:
    return _SLUG_JUNK.sub("-", fold(text)).strip("-")
