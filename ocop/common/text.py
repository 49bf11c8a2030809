"""Vietnamese text for search and URLs: NFC, and folding that also folds đ.

Unicode decomposition strips the tone and vowel marks (ế → e) but leaves đ/Đ
alone, since it is a letter of its own, not d with a mark; a shopper typing
"doan ket" on a phone without a Vietnamese keyboard must still find "Đoàn Kết".
"""

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 16)  # the lists sort by the same few thousand names again and again
def fold(text: str) -> str:
    """Lower case, without diacritics, đ → d: 'Chè Đoàn Kết' → 'che doan ket'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def ascii_text(text: str) -> str:
    """Vietnamese written without its marks, case kept, for a place that has ASCII only (the built-in
    font of a PDF label sheet): 'Lâm Đồng province' → 'Lam Dong province'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())


def slug(text: str) -> str:
    """An ASCII URL slug: 'Chè Shan tuyết' → 'che-shan-tuyet'."""
    return _SEPARATORS.sub("-", fold(text)).strip("-")


def tel_number(phone: str | None) -> str:
    """The phone for a ``tel:`` link: digits and a leading +, as dialled ("0912 345 678" → "0912345678")."""
    return "".join(c for c in (phone or "") if c.isdigit() or c == "+")


def plural(count: int, word: str) -> str:
    """English only: Vietnamese nouns do not change with the number."""
    return f"{count} {word}" + ("" if count == 1 else "s")
