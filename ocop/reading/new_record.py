"""A new record: the next id never used before, and the record's text.

An id is permanent and never reused (a QR code printed with it lives for
years), so the next id skips every id in the folder, every old id named in an
``aliases:`` list, and every id that ever had a file in the folder's git
history — a record deleted long ago still owns its id. Gaps are never filled:
the next number follows the highest one ever seen.

The text is generated from ``ocop.reading.schema.PRODUCT``: a Vietnamese comment (with
a short English one) for every field, the values given filled in, the other
required fields as clearly marked placeholders that still validate (a record
without certificates is a candidate, never published, so a placeholder cannot
reach the public site), and every optional field as a commented-out example.

With ``--registered`` the record opens its first dossier (``dossiers:``, ocop-rules.md §4): the day
the commune received it, every later step still to come. Decisions where the law is silent:

- [D] The day a dossier was registered cannot come after ``today``: the commune has received it, so a
  later day is a typing mistake, refused before anything is written. No earliest day is set: an
  officer may record an old registration.
- [D] The dossier opened is of kind ``first``: a record made by `ocop new` is a product never
  recognised (an upgrade or re-rating belongs to a record that already has its certificate).
"""

import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..common.dates import vn_date
from ..rules import product_sets
from ..rules.dossiers import PROGRAMME_START
from ..rules.producers import kinds_allowed
from .convert import LANGUAGE_FIELDS
from .dataset import RECORD_NAME, answered_ids, dataset_province
from .history import ids_in_git_history  # noqa: F401 - read by `ocop new` and its tests from here
from .jsonschema import MODELINE
from .schema import PLACEHOLDER, PRODUCT, Field

DEFAULT_PREFIX = "LC"
DEFAULT_WIDTH = 4
# Marks a value the officer still has to write. A record keeping it must not be certified.
# The producer kind written when none is given: the most common kind of OCOP producer.
DEFAULT_PRODUCER_KIND = "cooperative"
# Two officers may run `ocop new` on one folder at the same moment: both plan the same id and the
# second to create its file finds it taken, so it plans the next one. Each attempt lost is an id
# another `ocop new` took; this many is far more than officers working on one folder at once.
CREATE_ATTEMPTS = 20

_NUMBERED_ID = re.compile(r"^(?P<prefix>[A-Z0-9]+(?:-[A-Z0-9]+)*)-(?P<number>\d+)$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


# -- ids -------------------------------------------------------------------------------------------

def split_id(product_id: str):
    """'LC-0012' → ('LC', '0012'); None when the id does not end in a number."""
    match = _NUMBERED_ID.match(product_id or "")
    return (match["prefix"], match["number"]) if match else None


def ids_in_folder(dataset) -> set:
    """Ids of every record file (good or bad), their ``id:`` values and their ``aliases:``."""
    return answered_ids(dataset.products)


def ids_of_record_files(folder) -> set:
    """The ids of the record files in ``folder`` now, from their names alone: cheap to read again
    when another `ocop new` has just created the file planned (it holds no alias of its own yet)."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return set()
    return {match["id"] for name in names if (match := RECORD_NAME.match(name))}


def id_style(dataset) -> tuple[str, int]:
    """(prefix, width) of new ids: the dataset's ``id_prefix``, else the prefix most records use,
    else "LC"; the number width most ids with that prefix use, else 4."""
    split = [split_id(match["id"]) for product in dataset.products
             if (match := RECORD_NAME.match(Path(product.source).name))]
    split = [s for s in split if s]
    prefix = dataset.id_prefix
    if not prefix:
        counts = Counter(p for p, _ in split)
        prefix = min(counts, key=lambda p: (-counts[p], p)) if counts else DEFAULT_PREFIX
    widths = Counter(len(n) for p, n in split if p == prefix)
    width = min(widths, key=lambda w: (-widths[w], -w)) if widths else DEFAULT_WIDTH
    return prefix, width


def next_free_id(prefix: str, width: int, taken) -> str:
    """The id after the highest number ever used with ``prefix`` (gaps are never filled)."""
    numbers = [int(number) for p, number in filter(None, map(split_id, taken)) if p == prefix]
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


# -- the options of `ocop new` ----------------------------------------------------------------------

@dataclass(frozen=True)
class NewRecord:
    id: str
    path: Path
    text: str
    placeholders: tuple  # dotted paths still holding PLACEHOLDER, e.g. "producer.name"


def _schema_field(*path) -> Field:
    fields, f = PRODUCT, None
    for key in path:
        f = next(g for g in fields if g.key == key)
        fields = f.fields
    return f


def option_problems(dataset, name, product_set, unit, producer_kind=None, texts=None) -> list:
    """What is wrong with the options of a new record, before anything is written: a list of
    ``(option, message_vi, message_en)``. ``product_set`` is the text typed; ``texts`` maps the
    other text options (--producer, --address, --description) to their values or None."""
    problems = []
    if not (name or "").strip():
        problems.append(("--name", "cần tên sản phẩm (tiếng Việt)", "the product name (Vietnamese) is required"))
    set_field = _schema_field("product_set")
    number = parse_product_set(product_set)
    if number is None:
        problems.append(("--product-set", f"'{product_set}' không phải bộ sản phẩm: cần một số từ {set_field.low} "
                                          f"đến {set_field.high}",
                         f"'{product_set}' is not a product set: expected a number from {set_field.low} "
                         f"to {set_field.high}"))
    problems.extend(_unit_problems(dataset, unit))
    kind_field = _schema_field("producer", "kind")
    if producer_kind is not None and producer_kind not in kind_field.choices:
        problems.append(("--producer-kind", f"'{producer_kind}' không phải loại chủ thể; chọn: "
                                            f"{' | '.join(kind_field.choices)}",
                         f"'{producer_kind}' is not a kind of producer; one of: {' | '.join(kind_field.choices)}"))
    elif number is not None and (producer_kind or DEFAULT_PRODUCER_KIND) not in kinds_allowed(number):
        allowed = " | ".join(kinds_allowed(number))
        problems.append(("--producer-kind", f"'{producer_kind}' không được tham gia bộ {number}; chọn: {allowed}",
                         f"'{producer_kind}' may not enter product set {number}; one of: {allowed}"))
    for option, value in (texts or {}).items():
        if value is not None and not value.strip():
            problems.append((option, "không được để trống", "must not be empty"))
    return problems


def parse_product_set(text):
    """The product set number typed, or None when it is not a whole number in the schema's range."""
    f = _schema_field("product_set")
    text = str(text or "").strip()
    if not re.fullmatch(r"\d{1,3}", text) or not f.low <= int(text) <= f.high:
        return None
    return int(text)


def _unit_problems(dataset, code):
    today = dataset.today
    unit = dataset.units.get(code, today)
    if unit is None:
        suggested = dataset.units.suggestions(code, dataset_province(dataset))
        near = [u for u in suggested if u.exists_on(today)] or suggested
        near_vi = ", ".join(f"{u.code} ({dataset.units.where_text(u)})" for u in near) or "—"
        near_en = ", ".join(f"{u.code} ({dataset.units.where_text(u, 'en')})" for u in near) or "—"
        return [("--unit", f"'{code}' không có trong danh sách đơn vị; gần đúng: {near_vi}",
                 f"'{code}' is not a known unit; closest: {near_en}")]
    existing = dataset.units.current_all(unit, today)
    in_force = ", ".join(f"{u.code} ({u.name_vi})" for u in existing) or "—"
    in_force_en = ", ".join(f"{u.code} ({u.name_en})" for u in existing) or "—"
    if unit.exists_on(today):
        return []
    current = dataset.units.current(code, today)
    use_vi = f"; dùng '{current.code}' ({current.name_vi})" if current and current.exists_on(today) else ""
    use_en = f"; use '{current.code}' ({current.name_en})" if use_vi else ""
    return [("--unit", f"'{code}' ({unit.name_vi}) không còn hiệu lực ngày {vn_date(today)} "
                       f"({unit.period_text()}){use_vi or '; các đơn vị hiện có: ' + in_force}",
             f"'{code}' ({unit.name_en}) is not in force on {today.isoformat()} "
             f"({unit.period_text()}){use_en or '; units now: ' + in_force_en}")]


def registered_problems(option: str, text: str, day, today) -> list:
    """What is wrong with the day a dossier was registered, typed as ``text`` for ``option`` and read
    as ``day`` (None when it is not a date): a list of ``(option, message_vi, message_en)``."""
    if day is None:
        return [(option, f"không hiểu ngày '{text}': viết NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY, ví dụ "
                         f"{vn_date(today)} hoặc {today.isoformat()}",
                 f"'{text}' is not a date: write DD/MM/YYYY or YYYY-MM-DD, e.g. {vn_date(today)} or "
                 f"{today.isoformat()}")]
    if day > today:
        return [(option, f"ngày tiếp nhận {vn_date(day)} ở sau hôm nay ({vn_date(today)}): ghi ngày xã, phường "
                         "đã nhận hồ sơ, muộn nhất là hôm nay",
                 f"the registration date {vn_date(day)} is after today ({vn_date(today)}): give the day the "
                 "commune received the dossier, today at the latest")]
    if day < PROGRAMME_START:  # the validator would refuse it (SP266)
        return [(option, f"ngày tiếp nhận {vn_date(day)} ở trước khi Chương trình OCOP bắt đầu "
                         f"({vn_date(PROGRAMME_START)}): kiểm tra năm trên giấy tờ",
                 f"the registration date {vn_date(day)} is before the OCOP programme began "
                 f"({vn_date(PROGRAMME_START)}): check the year on the documents")]
    return []


def first_dossier(registered) -> dict:
    """The first dossier of a product never recognised, as the record writes it: received on
    ``registered``, every later step still to come."""
    return {"kind": "first", "registered": registered}


def plan_new_record(dataset, name, product_set: int, unit, producer=None, producer_kind=None, address=None,
                    description=None, history_ids=(), registered=None) -> NewRecord:
    """The next free id, its file and its text (nothing is written). Options are assumed checked
    with ``option_problems`` (and ``registered``, the day its first dossier was received, if any,
    with ``registered_problems``); a text not given becomes a marked placeholder."""
    prefix, width = id_style(dataset)
    record_id = next_free_id(prefix, width, ids_in_folder(dataset) | set(history_ids))
    placeholders = []

    def text_or_placeholder(value, *path):
        if value is not None:
            return value.strip()
        placeholders.append(".".join(path))
        # a language part ("description.vi") is named by its field ("mô tả")
        return placeholder(_schema_field(*path) if path[-1] != "vi" else _schema_field(*path[:-1]))

    values = {
        "id": record_id,
        "name": {"vi": name.strip()},
        "product_set": product_set,
        "unit": unit,
        "producer": {
            "name": text_or_placeholder(producer, "producer", "name"),
            "kind": producer_kind or DEFAULT_PRODUCER_KIND,
            "address": text_or_placeholder(address, "producer", "address"),
        },
        "description": {"vi": text_or_placeholder(description, "description", "vi")},
    }
    if registered is not None:
        values["dossiers"] = [first_dossier(registered)]
    notes = {("product_set",): _product_set_note(product_set), ("unit",): dataset.units.get(unit).name_vi}
    if producer_kind is None:
        notes[("producer", "kind")] = f"{PLACEHOLDER} kiểm tra lại / check it"
    text = record_text(values, dataset.today, notes)
    return NewRecord(record_id, Path(dataset.folder) / f"{record_id}.yaml", text, tuple(placeholders))


def _product_set_note(number):
    found = product_sets.product_set(number)
    return f"{found.vi} / {found.en}" if found else ""


# -- the record's text ------------------------------------------------------------------------------

def placeholder(f: Field) -> str:
    """The marked stand-in for a required text the officer has not given, e.g. '(chưa điền) địa chỉ'."""
    return f"{PLACEHOLDER} {f.label_vi}"


def record_text(values: dict, created=None, notes=None, header=None) -> str:
    """The YAML text of a new record.

    ``values``: nested dict of the values to write, keyed like the schema (``{"id": …, "name": {"vi": …},
    "producer": {…}, "certificates": [{…}]}``); every other field is written as a commented-out example.
    ``notes``: short comments to put after a value, keyed by its path (``("unit",)``). ``created``: the
    day, for the header. ``header``: the comment lines that open the file (default: `ocop new`'s)."""
    record_id = values.get("id", "")
    made = f" ngày {vn_date(created)}" if created else ""
    lines = [MODELINE] + list(header if header is not None else [
        f"# Hồ sơ sản phẩm OCOP {record_id}, tạo bằng `ocop new`{made}. / OCOP product record made by `ocop new`.",
        "# Chưa có quyết định công nhận nên đây là hồ sơ ứng viên: được kiểm tra nhưng chưa công bố.",
        "#   / No certificate yet: a candidate, checked but not published.",
        f'# Thay mọi chỗ "{PLACEHOLDER}" bằng thông tin thật trước khi công nhận; bỏ "# " ở đầu các dòng',
        "# của một mục để dùng mục đó. Kiểm tra bằng: ocop validate",
        f'#   / Replace every "{PLACEHOLDER}" (to fill in) before certification; remove "# " from the lines',
        "#   of an item to use it. Check with: ocop validate",
    ])
    _write_fields(PRODUCT, values, (), "", lines, notes or {})
    return "\n".join(lines) + "\n"


def scalar_text(value) -> str:
    """A value as it is written in a record: a whole number or a day as such, a text as a YAML scalar
    that reads back as that text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return yaml_scalar(str(value))


def field_text(f: Field, value) -> str:
    """A value as its field is written: a phone number always in quotes, as officers are told to
    write it (a number with no space would read as a number)."""
    if f.kind == "phone":
        return json.dumps(unicodedata.normalize("NFC", str(value)), ensure_ascii=False)
    return scalar_text(value)


def list_item_lines(item_fields, item: dict, indent: str) -> list:
    """One entry of a list of groups (a certificate), keys in the schema's order, each with its short
    comment: ``- decision: …`` then ``  date: …`` under it."""
    lines = []
    for f in item_fields:
        if f.key in item:
            lead = f"{indent}- " if not lines else f"{indent}  "
            lines.append(f"{lead}{f.key}: {field_text(f, item[f.key])}  # {_short(f)}")
    return lines


def _write_fields(fields, values, path, indent, lines, notes):
    for f in fields:
        if not path:  # a blank line between top-level fields
            lines.append("")
        lines.append(f"{indent}# {_about(f)}")
        key_path = path + (f.key,)
        if f.key in values:
            value = values[f.key]
            if isinstance(value, dict):
                lines.append(f"{indent}{f.key}:")
                _write_fields(_parts(f), value, key_path, indent + "  ", lines, notes)
            elif isinstance(value, list):
                lines.append(f"{indent}{f.key}:")
                for item in value:
                    lines.extend(list_item_lines(f.item.fields, item, indent + "  "))
            else:
                text = field_text(f, value)
                note = f"  # {notes[key_path]}" if key_path in notes else ""
                lines.append(f"{indent}{f.key}: {text}{note}")
        else:
            lines.extend(f"{indent}# {line}" for line in _example_lines(f))


def _parts(f: Field):
    return LANGUAGE_FIELDS[f.kind] if f.kind in LANGUAGE_FIELDS else f.fields


def _about(f: Field) -> str:
    """'cấp hội đồng, bắt buộc; chọn: district | province | central / council level'."""
    vi = f.label_vi + (", bắt buộc" if f.required else "")
    if f.low is not None or f.high is not None:
        vi += f" ({f.low if f.low is not None else '…'}–{f.high if f.high is not None else '…'})"
    if f.help_vi:
        vi += f": {f.help_vi}"
    if f.choices and not any(choice in f.help_vi for choice in f.choices):
        vi += f"; chọn: {' | '.join(f.choices)}"
    if f.kind == "date":
        vi += "; NĂM-THÁNG-NGÀY"
    return f"{vi} / {f.label_en}" + (", required" if f.required else "")


def _example_lines(f: Field, indent="") -> list:
    """``f`` as a commented-out example. Inside it, optional parts stay commented once more, so that
    removing one level of "# " leaves a record that still validates."""
    if f.kind == "mapping":
        return [f"{indent}{f.key}:"] + _example_parts(f.fields, indent + "  ")
    if f.kind == "list" and f.item.kind == "mapping":
        item_lines = _example_parts(f.item.fields, indent + "    ")
        item_lines[0] = f"{indent}  - " + item_lines[0][len(indent) + 4:]
        return [f"{indent}{f.key}:"] + item_lines
    if f.kind == "list":
        return [f"{indent}{f.key}:", f"{indent}  - {f.item.example}"]
    return [f"{indent}{f.key}: {f.example}"]


def _example_parts(fields, indent) -> list:
    lines = []
    for f in fields:
        part = _example_lines(f, indent)
        part[0] += f"  # {_short(f)}"
        if not f.required:
            part = [f"{indent}# {line[len(indent):]}" for line in part]
        lines.extend(part)
    return lines


def _short(f: Field) -> str:
    """The comment after a value in an example: label, required, choices."""
    vi = f.label_vi + (", bắt buộc" if f.required else "")
    if f.choices:
        vi += f": {' | '.join(f.choices)}"
    return f"{vi} / {f.label_en}"


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back exactly, and as a string in editors too:
    plain when that is safe, else double-quoted (a JSON string is a YAML double-quoted scalar)."""
    text = unicodedata.normalize("NFC", text)
    return text if _reads_back_as_plain_string(text) else json.dumps(text, ensure_ascii=False)


def _reads_back_as_plain_string(text: str) -> bool:
    try:
        node = yaml.compose(f"k: {text}", Loader=_LOADER)
    except yaml.YAMLError:  # e.g. "*x", an alias
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    value = node.value[0][1]
    # Not null ("~"), a number or a boolean ("yes"); not an anchor, tag or comment eating part of it.
    return isinstance(value, yaml.ScalarNode) and value.tag == _STR_TAG and not value.style \
        and value.value == text
