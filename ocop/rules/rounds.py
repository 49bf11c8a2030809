"""The province's evaluation rounds (ocop-rules.md §4, 26/2026/QĐ-TTg): round 1 is held before
30/6 for the dossiers the communes forward before 30/4, round 2 before 30/12 for those forwarded
before 30/10. A round's code, "2026-1", is what an evaluation's ``round:`` field holds.

Decisions where the law is silent [D]:

- "Before 30/4" is read as "by 30/4", inclusive: a dossier forwarded on 30/4 is in round 1, one
  forwarded on 1/5 in round 2, and one forwarded after 30/10 waits for round 1 of the next year.
  ``held_by`` (30/6, 30/12) is read the same way, as the last day the round may be held.
- 30/4 is itself a public holiday (and 30/10 may fall on a weekend): the last day a commune can
  actually send a dossier for a round is the last working day on or before ``forward_by``
  (``Round.last_forwarding_working_day``).
- The same two rounds, with the same days, are used for the years before 26/2026, when the rules
  fixed no dates (the 2024 city plan of the sample held its rounds in June and October): a round
  is named by its year and number whatever month its council met.
"""

import re
from dataclasses import dataclass
from datetime import date

from .workdays import last_working_day_on_or_before

# (number, forwarded by, held by) as (month, day) of the round's year
_ROUNDS = ((1, (4, 30), (6, 30)), (2, (10, 30), (12, 30)))
_CODE = re.compile(r"([12]\d{3})-([12])")


@dataclass(frozen=True)
class Round:
    year: int
    number: int  # 1 or 2

    def __post_init__(self):
        if self.number not in (1, 2):
            raise ValueError(f"Đợt đánh giá là 1 hoặc 2, không phải {self.number!r}. / "
                             f"An evaluation round is 1 or 2, not {self.number!r}.")

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def forward_by(self) -> date:
        """The last day a dossier may be forwarded to be in this round (inclusive, [D])."""
        month, day = _ROUNDS[self.number - 1][1]
        return date(self.year, month, day)

    @property
    def held_by(self) -> date:
        month, day = _ROUNDS[self.number - 1][2]
        return date(self.year, month, day)

    @property
    def last_forwarding_working_day(self) -> date:
        """The last working day on or before ``forward_by``: 30/04/2026 is a holiday, so a commune
        forwards by Wednesday 29/04/2026."""
        return last_working_day_on_or_before(self.forward_by)


def round_for_forwarding(day: date) -> Round:
    """The round a dossier forwarded on ``day`` is evaluated in: 30/4 → round 1 of the year, 1/5 to
    30/10 → round 2, 31/10 to 31/12 → round 1 of the next year."""
    for number, (month, last), _held in _ROUNDS:
        if day <= date(day.year, month, last):
            return Round(day.year, number)
    return Round(day.year + 1, 1)


def next_round(today: date) -> Round:
    """The first round whose ``forward_by`` is on or after ``today``: the one a dossier forwarded
    today would join."""
    return round_for_forwarding(today)


def round_by_code(code) -> Round | None:
    """The round an evaluation's ``round:`` names ("2026-1"); None for anything else ("2026-3",
    "2026-01", "26-1", a number, nothing)."""
    match = _CODE.fullmatch(code) if isinstance(code, str) else None
    return Round(int(match[1]), int(match[2])) if match else None
