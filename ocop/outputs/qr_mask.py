"""The mask `qrcode` would choose for a symbol, found without drawing the symbol eight times.

`qrcode` picks the mask (ISO/IEC 18004 §7.8) by building the whole symbol once per mask in
Python, module by module, and scoring each with ``qrcode.util.lost_point``: three quarters of the
time a code costs. The eight candidates differ only in an XOR over the data modules — qrcode
leaves the format and version areas light while it scores — so here the unmasked symbol is laid
out once, as one integer of n² bits (bit ``r·n + c`` is the module at row r, column c, 1 = dark),
each mask is one XOR, and each of qrcode's four penalty rules is a handful of shifts, ANDs and
bit counts over that integer instead of a loop over modules.

The scores are exactly ``lost_point``'s, quirks included (its N3 rule matches the 1:1:3:1:1
pattern in rows and columns with no quiet zone around the symbol; its N4 rounds through a float),
and ties go to the lowest mask, as in ``QRCode.best_mask_pattern``: the symbol a page shows is
the one `qrcode` would have made by itself (tests/test_qr_masks.py compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import qrcode
import qrcode.base
import qrcode.constants
import qrcode.util


@dataclass(frozen=True)
class _Layout:
    """What one version's symbols share: where data goes, and the integers the rules mask with."""

    size: int  # modules per side, n
    full: int  # n² one bits
    data_bits: int  # 8 × the version's codewords
    gather: itemgetter  # the symbol's '0'/'1' characters from the data's, highest bit first
    masks: tuple[int, ...]  # per mask, the data modules it darkens
    right_pairs: int  # positions with a right-hand neighbour in the same row (c < n - 1)
    lower_pairs: int  # positions with a neighbour below (r < n - 1)
    row_windows: int  # positions that start 11 modules of one row (c ≤ n - 11)


def _scoring_blank(version: int) -> list[list[bool | None]]:
    """The symbol qrcode scores masks on, before its data: its own function patterns, with the
    format and version areas (and the dark module) left light, as ``makeImpl(test=True)`` does.
    None marks a data module."""
    code = qrcode.QRCode(version=version, border=0)
    code.modules_count = n = 4 * version + 17
    code.modules = [[None] * n for _ in range(n)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(n - 7, 0)
    code.setup_position_probe_pattern(0, n - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if version >= 7:
        code.setup_type_number(True)
    return code.modules


def _data_order(blank: list[list[bool | None]]) -> list[tuple[int, int]]:
    """(row, column) of each data module in the order its bits are placed: two-module-wide columns
    from the right, upwards then downwards, stepping over the vertical timing pattern (the walk of
    ``QRCode.map_data``)."""
    n = len(blank)
    order = []
    row, step = n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1
        while 0 <= row < n:
            order.extend((row, c) for c in (col, col - 1) if blank[row][c] is None)
            row += step
        row -= step
        step = -step
    return order


def _bits(n: int, chosen) -> int:
    """The integer whose bit r·n + c is set where ``chosen(r, c)``."""
    return int("".join("1" if chosen(p // n, p % n) else "0" for p in reversed(range(n * n))), 2)


@lru_cache(maxsize=None)
def _layout(version: int) -> _Layout:
    blank = _scoring_blank(version)
    n = len(blank)
    order = _data_order(blank)
    # The codewords of a version are as many at every level (only their share of error correction
    # differs).
    data_bits = 8 * sum(block.total_count for block in qrcode.base.rs_blocks(version, qrcode.constants.ERROR_CORRECT_M))
    # Source characters: the data's bits, then a light and a dark constant. Remainder modules
    # (beyond the data) are light before masking, as in map_data.
    light, dark = data_bits, data_bits + 1
    source = [dark if module else light for row in blank for module in row]
    for index, (r, c) in enumerate(order):
        source[r * n + c] = index if index < data_bits else light
    masks = tuple(_bits(n, lambda r, c, darkens=qrcode.util.mask_func(pattern): blank[r][c] is None and darkens(r, c))
                  for pattern in range(8))
    return _Layout(
        size=n,
        full=(1 << (n * n)) - 1,
        data_bits=data_bits,
        gather=itemgetter(*reversed(source)),  # int(…, 2) reads the highest bit first
        masks=masks,
        right_pairs=_bits(n, lambda r, c: c < n - 1),
        lower_pairs=_bits(n, lambda r, c: r < n - 1),
        row_windows=_bits(n, lambda r, c: c <= n - 11),
    )


def _unmasked(layout: _Layout, data: list[int]) -> int:
    if len(data) * 8 != layout.data_bits:
        raise ValueError(f"{len(data)} codewords, the version holds {layout.data_bits // 8}")
    bits = format(int.from_bytes(bytes(data), "big"), f"0{layout.data_bits}b") + "01"
    return int("".join(layout.gather(bits)), 2)


def penalty(symbol: int, layout: _Layout) -> int:
    """``qrcode.util.lost_point`` of the symbol held in ``symbol`` (bit r·n + c = module (r, c))."""
    n, full = layout.size, layout.full
    light = symbol ^ full
    # Where a module equals its right-hand neighbour, and where it equals the one below.
    right = (symbol ^ (symbol >> 1) ^ full) & layout.right_pairs
    below = (symbol ^ (symbol >> n) ^ full) & layout.lower_pairs

    # N1: a run of L ≥ 5 alike costs L - 2: it holds L - 4 windows of five, plus 2 for its start.
    fives = right & (right >> 1) & (right >> 2) & (right >> 3)
    score = fives.bit_count() + 2 * (fives & ~(fives << 1)).bit_count()
    fives = below & (below >> n) & (below >> 2 * n) & (below >> 3 * n)
    score += fives.bit_count() + 2 * (fives & ~(fives << n)).bit_count()

    # N2: 3 for each 2 × 2 block of one colour.
    score += 3 * (right & (right >> n) & below).bit_count()

    # N3: 40 for each 1011101 with four light modules before or after it, along a row or a column.
    for step, starts in ((1, layout.row_windows), (n, full)):
        # Down a column, a window running off the bottom needs a module beyond the symbol and
        # finds none, so only a row's windows need their starts masked.
        three_dark = symbol & (symbol >> step) & (symbol >> 2 * step)
        finder = symbol & (light >> step) & (three_dark >> 2 * step) & (light >> 5 * step) & (symbol >> 6 * step)
        four_light = light & (light >> step) & (light >> 2 * step) & (light >> 3 * step)
        found = ((finder & (four_light >> 7 * step)) | (four_light & (finder >> 4 * step))) & starts
        score += 40 * found.bit_count()

    # N4: 10 for each full 5 % that the dark share departs from half, computed as qrcode does.
    percent = float(symbol.bit_count()) / (n**2)
    score += int(abs(percent * 100 - 50) / 5) * 10
    return score


def mask_scores(version: int, data: list[int]) -> list[int]:
    """Each mask's penalty for the symbol of ``version`` holding ``data`` (qrcode's codewords,
    ``qrcode.util.create_data``), as ``lost_point`` scores it."""
    layout = _layout(version)
    unmasked = _unmasked(layout, data)
    return [penalty(unmasked ^ mask, layout) for mask in layout.masks]


def best_mask(version: int, data: list[int]) -> int:
    """The mask ``QRCode.best_mask_pattern`` chooses: the lowest penalty, the first one on a tie."""
    scores = mask_scores(version, data)
    return scores.index(min(scores))


def masked_symbol(version: int, data: list[int], mask: int) -> list[list[bool]]:
    """The symbol as qrcode scores it with ``mask`` (format and version areas light): for tests
    that compare this module with qrcode's own ``makeImpl(test=True)``."""
    layout = _layout(version)
    symbol = _unmasked(layout, data) ^ layout.masks[mask]
    n = layout.size
    return [[bool(symbol >> (r * n + c) & 1) for c in range(n)] for r in range(n)]
