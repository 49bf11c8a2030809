"""One row of a list → the values of one record, read the way officers write them, or the problems
that keep the row from being written.

A row is checked twice: its cells as they are read here (a date, stars, a unit by name, on the
decision's date), then the record they make, by the very checks of `ocop validate`. A problem of
either kind is located in the sheet (FILE:SHEET:ROW:COLUMN), so the officer fixes the cell, not a
record that was never written. What a list never carries is not invented: no description; a product
set only when the name clearly says it, and then marked to confirm. A row of a list of registered
products (``Defaults.registered``) has no decision: none is read, its unit is read on the day of
registration, and its record opens the first dossier instead of a certificate.
"""

import re
from dataclasses import dataclass, field
import datetime as dt

from ..common.dates import vn_date
from ..common.text import fold
from ..places.unit_names import read_unit
from ..reading.dataset import check_record_text, dataset_province
from ..reading.new_record import first_dossier, id_style, record_text
from ..reading.problems import Problem
from ..rules.producers import PRODUCER_KINDS, kind_from_name, kinds_allowed
from ..rules.product_sets import product_set, set_from_name
from .columns import BY_FIELD, FIELDS, Header
from .values import (
    level_from_issuer,
    read_date,
    read_level,
    read_phone,
    read_product_set,
    read_stars,
    split_decision,
)

# A producer whose name carries no legal form ("Nguyễn Văn A") is most often a household business.
UNKNOWN_KIND = "household"
# Warnings of `ocop validate` that concern a row's cells; the others (expiry, to_confirm, no set)
# are about the record's life afterwards, and `ocop validate` tells them there.
_CELL_WARNINGS = {"SP306", "SP307", "SP308"}
# A record path (its first parts) → the column that gave it.
_PATH_FIELDS = (
    ("name", "name"), ("code", "code"), ("product_set", "product_set"), ("unit", "unit"),
    ("producer.name", "producer"), ("producer.kind", "producer"), ("producer.address", "address"),
    ("producer.phone", "phone"), ("certificates[0].decision", "decision"), ("certificates[0].date", "date"),
    ("certificates[0].issuer", "issuer"), ("certificates[0].level", "level"), ("certificates[0].stars", "stars"),
)
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
# The command line's options for the rows of an annex that has no decision columns.
OPTION_OF = {"decision": "--decision", "date": "--date", "issuer": "--issuer", "level": "--level", "stars": "--stars"}
# The fields of a recognition decision: a list of products registered (``--registered``) has none.
DECISION_FIELDS = tuple(OPTION_OF)


@dataclass(frozen=True)
class Defaults:
    """What ``--decision --date --issuer --level --stars`` give every row whose cell is empty; or
    ``--registered``: every row a product registered on that day, with no decision yet."""
    decision: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    level: str | None = None
    stars: int | None = None
    registered: dt.date | None = None


@dataclass
class ImportedRow:
    row: int
    values: dict = field(default_factory=dict)  # the record's values, keyed like the schema
    problems: list = field(default_factory=list)
    inferred_kind: tuple | None = None  # (kind, the words of the name that told it)
    unit_field: str | None = None  # the column the unit was read from: "unit" or "address"
    proposed_set: bool = False  # the product set came from the name, not the list

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def certificate(self) -> dict:
        return self.values["certificates"][0]


@dataclass
class SkippedRow:
    row: int
    why: str  # "numbering": the row of column numbers under a header


class RowReader:
    """Reads the rows of one sheet under its header, for one dataset."""

    def __init__(self, table, header: Header, dataset, shown_file: str, defaults: Defaults = Defaults()):
        self.table = table
        self.header = header
        self.dataset = dataset
        self.where = f"{shown_file}:{table.name}" if table.name else shown_file
        self.defaults = defaults
        self.province = dataset_province(dataset)
        prefix, width = id_style(dataset)
        self.stand_in_id = f"{prefix}-{0:0{width}d}"
        self.column_of = {}  # field -> column letter (the first column of each field)
        for column, name in header.fields.items():
            self.column_of.setdefault(name, column)
        self.field_at = {column: name for name, column in self.column_of.items()}  # the columns read

    def header_problems(self) -> list:
        return [Problem("SP420", self.where, self.header.row, column, title,
                        {"value": title, "fields": ", ".join(FIELDS)})
                for column, title in self.header.unknown]

    def rows(self):
        """Each data row under the header: an ImportedRow, a SkippedRow, or None for an empty row."""
        for cells in self.table.rows:
            if not cells or cells[0].row <= self.header.row:
                continue
            yield self.read(cells)

    def decision_cell(self):
        """The first cell under a column of a decision (``DECISION_FIELDS``) that holds a value, or None:
        what a list of registered products must not have."""
        columns = {self.column_of[name] for name in DECISION_FIELDS if name in self.column_of}
        for cells in self.table.rows:
            if not cells or cells[0].row <= self.header.row or _numbering([c for c in cells if c.value is not None]):
                continue
            for cell in cells:
                if cell.column in columns and _text(cell):
                    return cell
        return None

    # -- one row ------------------------------------------------------------------------------------

    def read(self, cells):
        row = cells[0].row
        by_field = {self.field_at[c.column]: c for c in cells if c.column in self.field_at}
        filled = [c for c in cells if c.value is not None]
        if not filled:
            return None
        if _numbering(filled):
            return SkippedRow(row, "numbering")
        result = ImportedRow(row)
        name = _text(by_field.get("name"))
        if not name:
            shown = " · ".join(str(c.value) for c in filled)
            result.problems.append(self._problem("SP421", "name", row, value=_shorten(shown),
                                                 column_name=self._title("name")))
            return result
        self._read_values(result, by_field, name)
        if not result.failed:
            self._check_as_record(result)
        return result

    def _read_values(self, result, by_field, name):
        row = result.row
        report = result.problems.append
        get = by_field.get

        producer = _text(get("producer"))
        if not producer:
            report(self._missing("producer", row))
        registered = self.defaults.registered
        if registered is None:
            decision, embedded_day = split_decision(_cell_value(get("decision")))
            decision = decision or self.defaults.decision
            if not decision:
                report(self._missing("decision", row))
            day = self._day(get("date"), embedded_day, row, report, get("decision"))
            stars = self._stars(get("stars"), row, report)
            issuer = _text(get("issuer")) or self.defaults.issuer
            if not issuer:
                report(self._missing("issuer", row))
            level = self._level(get("level"), issuer, day, row, report)
            unit, unit_field = self._unit(by_field, day, row, report)
        else:
            # A registered product: its commune as the list names it on the day the dossier was received.
            unit, unit_field = self._unit(by_field, registered, row, report)
            unit = self._in_force_today(unit)
        address = _text(get("address")) or self._unit_words(by_field)
        if not address:
            report(self._missing("address", row))

        values = {"name": {"vi": name}}
        code = _text(get("code"))
        if code:
            values["code"] = code
        number, proposed = self._product_set(get("product_set"), name, row, report)
        if number is not None:
            values["product_set"] = number
        if unit is not None:
            values["unit"] = unit.code
        kind = self._kind(producer, number, row, report, result)
        values["producer"] = {"name": producer or "", "kind": kind, "address": address or ""}
        phone = get("phone")
        if phone is not None and phone.value is not None:
            values["producer"]["phone"] = read_phone(phone.value) or str(phone.value)
        if registered is None:
            values["certificates"] = [{"decision": decision or "", "date": day, "issuer": issuer or "",
                                       "level": level, "stars": stars}]
        else:
            values["dossiers"] = [first_dossier(registered)]
        to_confirm = {}
        if proposed:
            to_confirm["product_set"] = proposed
            result.proposed_set = True
        if result.inferred_kind is None and producer:
            to_confirm["producer_kind"] = f"tên chủ thể không cho biết loại chủ thể; tạm ghi {kind}"
        if to_confirm:
            values["to_confirm"] = to_confirm
        result.values = values
        result.unit_field = unit_field

    # -- the cells ------------------------------------------------------------------------------------

    def _day(self, cell, embedded, row, report, decision_cell=None):
        value = _cell_value(cell)
        if value is None:
            day = embedded or self.defaults.date
            written = _text(decision_cell) or ""
            if day is None and " ngay " in f" {fold(written)} ":  # "… ngày 31/02/2024": written, not read
                report(self._problem("SP411", "decision", row, value=written))
            elif day is None:
                report(self._missing("date", row))
            return day
        day = read_date(value)
        if day is None:
            report(self._problem("SP411", "date", row, value=_shown(value)))
        return day

    def _stars(self, cell, row, report):
        value = _cell_value(cell)
        if value is None:
            if self.defaults.stars is None:
                report(self._missing("stars", row))
            return self.defaults.stars
        stars = read_stars(value)
        if stars is None:
            report(self._problem("SP412", "stars", row, value=_shown(value)))
        return stars

    def _level(self, cell, issuer, day, row, report):
        value = _cell_value(cell)
        if value is not None:
            level = read_level(value)
            if level is None:
                report(self._problem("SP415", "level", row, value=_shown(value)))
            return level
        if self.defaults.level:
            return self.defaults.level
        if not issuer or day is None:
            return None  # what is missing was reported
        level = level_from_issuer(issuer, day, self.dataset.units)
        if level is None:
            report(self._problem("SP415", "issuer" if "issuer" in self.column_of else "level", row, value=issuer))
        return level

    def _unit(self, by_field, day, row, report):
        """The unit on the certificate: the Xã/Phường column read with the district column, else the
        address; on the decision's day (a 2024 decision names a 2024 commune)."""
        unit_text = _text(by_field.get("unit"))
        within = _text(by_field.get("district")) or ""
        source = "unit"
        if not unit_text:
            unit_text, source = _text(by_field.get("address")), "address"
            if not unit_text:
                report(self._missing("unit", row))
                return None, None
        if day is None:
            return None, source
        reading = read_unit(unit_text, day, self.dataset.units, self.province, within)
        address = _text(by_field.get("address")) if source == "unit" else None
        if reading.candidates and address:  # "Phường 1": the address may say which city
            narrowed = read_unit(unit_text, day, self.dataset.units, self.province,
                                 ", ".join(t for t in (within, address) if t))
            reading = narrowed if narrowed.unit is not None else reading
        if reading.unit is not None:
            return reading.unit, source
        units = self.dataset.units
        named = reading.named or unit_text
        if reading.candidates:
            first = reading.candidates[0]
            parents = units.ancestors(first)
            example = f"{named}, {parents[0].name_in_sentence()}" if parents else named
            report(self._problem("SP414", source, row, value=named, date=vn_date(day),
                                 candidates_vi="; ".join(units.where_text(u) for u in reading.candidates),
                                 candidates_en="; ".join(units.where_text(u, "en") for u in reading.candidates),
                                 example=example))
        else:
            report(self._problem("SP413", source, row, value=named, date=vn_date(day),
                                 **_unit_suggestions(units, reading.suggestions, self.defaults.registered is not None)))
        return None, source

    def _in_force_today(self, unit):
        """A candidate's unit is read on today (``Product.unit_day``): a commune of the registration day
        that has since become one unit is written as that unit. Split among several, it stays as read,
        and the record's check says which units there are now (SP211)."""
        if unit is None or unit.exists_on(self.dataset.today):
            return unit
        now = self.dataset.units.current_all(unit, self.dataset.today)
        return now[0] if len(now) == 1 else unit

    def _unit_words(self, by_field):
        """The address, when the list has none: the commune and district as the list writes them."""
        parts = [_text(by_field.get(name)) for name in ("unit", "district")]
        return ", ".join(p for p in parts if p)

    def _product_set(self, cell, name, row, report):
        """(number or None, why it was proposed or None)."""
        value = _cell_value(cell)
        if value is not None:
            number = read_product_set(value)
            if number is None:
                report(self._problem("SP416", "product_set", row, value=_shown(value)))
            return number, None
        guess = set_from_name(name)
        if guess is None:
            report(self._problem("SP426", "name", row, value=name))
            return None, None
        number, words = guess
        found = product_set(number)
        report(self._problem("SP425", "name", row, number=number, set_name=found.vi,
                             reason_vi=f"tên bắt đầu bằng '{words}'", reason_en=f"the name starts with '{words}'"))
        return number, f"đề xuất từ tên sản phẩm bắt đầu bằng '{words}' (bộ {number}: {found.vi})"

    def _kind(self, producer, number, row, report, result):
        guess = kind_from_name(producer) if producer else None
        if guess is not None:
            result.inferred_kind = guess
            return guess[0]
        if producer:
            allowed = kinds_allowed(number) if number else list(PRODUCER_KINDS)
            report(self._problem("SP424", "producer", row, value=producer, kind=UNKNOWN_KIND,
                                 allowed=" | ".join(allowed)))
        return UNKNOWN_KIND

    # -- the record they make -------------------------------------------------------------------------

    def _check_as_record(self, result):
        # Checked under a stand-in id of the dataset's form: the real id is given when it is written.
        text = record_text({"id": self.stand_in_id, **result.values}, header=[])
        _, problems = check_record_text(text, "import", self.stand_in_id, self.dataset)
        for problem in problems:
            if not (problem.is_error or problem.code in _CELL_WARNINGS):
                continue
            name = _field_of_path(problem.path)
            if name == "unit":
                name = result.unit_field or "unit"
            if name == "level" and "level" not in self.column_of:
                name = "issuer"
            column = self.column_of.get(name) if name else None
            result.problems.append(Problem(problem.code, self.where, result.row, column,
                                           self._title(name) if name else problem.path, problem.params))

    # -- messages -------------------------------------------------------------------------------------

    def _title(self, name) -> str:
        column = self.column_of.get(name)
        if column:
            return self.header.titles[column]
        return BY_FIELD[name].wordings[0] if name in BY_FIELD else name

    def _problem(self, code, name, row, **params):
        column = self.column_of.get(name)
        return Problem(code, self.where, row, column, self._title(name), params)

    def _missing(self, name, row):
        column = BY_FIELD[name]
        option = OPTION_OF.get(name)
        if name in self.column_of:
            fix_vi, fix_en = f"điền {column.label_vi} vào ô này", f"fill in the {column.label_en} in this cell"
        else:
            fix_vi = f"thêm cột '{column.wordings[0]}' vào danh sách"
            fix_en = f"add a '{column.wordings[0]}' column to the list"
        if option:
            fix_vi += f", hoặc dùng {option} cho mọi dòng"
            fix_en += f", or give {option} for every row"
        if name == "unit":
            fix_vi += " (hoặc ghi xã, phường trong cột 'Địa chỉ')"
            fix_en += " (or name the commune in the 'Địa chỉ' column)"
        return self._problem("SP410", name, row, label_vi=column.label_vi, label_en=column.label_en,
                             column_name=self._title(name), fix_vi=fix_vi + ".", fix_en=fix_en + ".")


def _numbering(filled) -> bool:
    """The row of column numbers ("(1)", "(2)" …) under a header."""
    return len(filled) >= 3 and all(_NUMBERING.match(str(c.value)) for c in filled)


def _field_of_path(path: str):
    for prefix, name in _PATH_FIELDS:
        if path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "["):
            return name
    return None


def _unit_suggestions(units, suggestions, registered=False) -> dict:
    """How to name the unit: as on the decision, or (``--registered``) as on the day of registration."""
    paper_vi, paper_en = ("hồ sơ đăng ký", "the dossier") if registered else ("quyết định", "the decision")
    day_vi, day_en = ("ngày tiếp nhận", "the registration date") if registered else ("ngày quyết định",
                                                                                       "the decision's date")
    if not suggestions:
        return {"suggestion_vi": f"ghi tên xã, phường như trên {paper_vi} (ví dụ 'xã Thuận Hà, huyện Đắk Song'), "
                                 f"có vào {day_vi}, hoặc mã GSO của đơn vị.",
                "suggestion_en": f"write the commune or ward as {paper_en} names it (e.g. 'xã Thuận Hà, huyện Đắk "
                                 f"Song'), as it was on {day_en}, or the unit's GSO code."}
    vi = "; ".join(f"{units.where_text(u)} ({u.code}, {u.period_text()})" for u in suggestions)
    en = "; ".join(f"{units.where_text(u, 'en')} ({u.code}, {u.period_text()})" for u in suggestions)
    return {"suggestion_vi": f"có phải: {vi}? Ghi đơn vị có vào {day_vi}.",
            "suggestion_en": f"did you mean: {en}? Name the unit as it was on {day_en}."}


def _cell_value(cell):
    return None if cell is None else cell.value


def _text(cell) -> str | None:
    value = _cell_value(cell)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _shown(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).split())


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def match_key(decision, name, producer) -> tuple:
    """What makes two rows, or a row and a record, the same product: the decision, the product's name
    and its producer, folded (diacritics, case and spacing never make two products)."""
    return (fold(decision or ""), fold(name or ""), fold(producer or ""))
