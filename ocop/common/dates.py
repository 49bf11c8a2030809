"""Dates as officers read them."""

from datetime import date


def vn_date(day: date | None) -> str:
    """dd/mm/yyyy, the Vietnamese administrative form."""
    return day.strftime("%d/%m/%Y") if day else "—"


def parse_iso(text: str) -> date:
    """YYYY-MM-DD (raises ValueError otherwise)."""
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)
