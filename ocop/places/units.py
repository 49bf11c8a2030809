"""Administrative units: the unit named on a certificate and the unit it belongs to today.

Units are data (``ocop/data/units-lai-chau.yaml`` by default, or a dataset's
own ``units.yaml``), so another district or province uses the tool without
touching the code.
"""

from dataclasses import dataclass
from datetime import date

UNIT_KIND_WORDS = {"phuong": ("phường", "ward"), "xa": ("xã", "commune"),
                   "thi-tran": ("thị trấn", "township"), "dac-khu": ("đặc khu", "special zone")}


@dataclass(frozen=True)
class Unit:
    code: str
    name_vi: str
    name_en: str
    kind: str
    gso_code: str | None = None
    start: date | None = None  # in force from (None: long before any record)
    end: date | None = None  # in force until, inclusive (None: still in force)
    successor: str | None = None

    def exists_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def period_text(self) -> str:
        start = self.start.strftime("%d/%m/%Y") if self.start else "…"
        end = self.end.strftime("%d/%m/%Y") if self.end else "…"
        return f"{start}–{end}"


class UnitRegistry:
    def __init__(self, units, area_vi="", area_en=""):
        self.units = {unit.code: unit for unit in units}
        self.area_vi = area_vi
        self.area_en = area_en or area_vi

    def get(self, code):
        return self.units.get(code)

    def codes(self):
        return list(self.units)

    def existing_on(self, day: date):
        return [unit for unit in self.units.values() if unit.exists_on(day)]

    def current(self, code: str, today: date) -> Unit | None:
        """The unit that ``code`` belongs to on ``today``, following successors."""
        unit = self.units.get(code)
        seen = set()
        while unit is not None and not unit.exists_on(today) and unit.successor and unit.code not in seen:
            seen.add(unit.code)
            unit = self.units.get(unit.successor)
        return unit

    @classmethod
    def from_converted(cls, data):
        """Build from a units file converted with ``schema.UNITS_FILE``; bad entries are skipped (already reported)."""
        units = []
        for item in data.get("units") or []:
            if not item or not item.get("code") or not item.get("name") or not item.get("kind"):
                continue
            units.append(Unit(item["code"], item["name"]["vi"], item["name"].get("en") or item["name"]["vi"],
                              item["kind"], item.get("gso_code"), item.get("from"), item.get("until"),
                              item.get("successor")))
        area = data.get("area") or {}
        return cls(units, area.get("vi") or "", area.get("en") or "")
