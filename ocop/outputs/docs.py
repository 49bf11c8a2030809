"""Reference tables generated from the schema and the problem catalogue.

The README and the officers' guides (docs/) embed these between markers;
``scripts/update_docs.py`` rewrites them and a test fails when they are stale,
so the documentation cannot drift from what the validator does.
"""

import re
from datetime import date
from functools import partial

from ..places.country import national_units
from ..places.units import UNIT_KINDS
from ..reading.convert import LANGUAGE_FIELDS
from ..reading.dataset import default_units
from ..reading.jsonschema import MODELINE
from ..reading.problems import CATALOGUE, SEVERITY_WORD, Problem
from ..reading.schema import PRODUCT
from ..rules.producers import PRODUCER_KINDS
from ..rules.product_sets import product_sets
from ..rules.rulesets import RULE_SETS


def _rows(fields, prefix=""):
    for f in fields:
        name = f"{prefix}{f.key}"
        yield name, f
        if f.kind == "mapping":
            yield from _rows(f.fields, name + ".")
        elif f.kind == "list" and f.item is not None and f.item.kind == "mapping":
            yield from _rows(f.item.fields, name + "[].")
        elif f.kind in LANGUAGE_FIELDS:
            yield from _rows(LANGUAGE_FIELDS[f.kind], name + ".")


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def fields_table(fields=PRODUCT) -> str:
    lines = ["| trường / field | bắt buộc / required | kiểu / type | ý nghĩa | meaning | ví dụ / example |",
             "|---|---|---|---|---|---|"]
    for name, f in _rows(fields):
        kind = f.kind + (f" ({', '.join(f.choices)})" if f.choices else "")
        if f.low is not None or f.high is not None:
            kind += f" {f.low if f.low is not None else ''}–{f.high if f.high is not None else ''}"
        meaning_vi = f.label_vi + (f": {f.help_vi}" if f.help_vi else "")
        meaning_en = f.label_en + (f": {f.help_en}" if f.help_en else "")
        lines.append(f"| `{name}` | {'có / yes' if f.required else ''} | {_cell(kind)} | {_cell(meaning_vi)} | "
                     f"{_cell(meaning_en)} | `{_cell(f.example)}` |")
    return "\n".join(lines) + "\n"


def codes_table() -> str:
    lines = ["| mã / code | mức / severity | lỗi | problem | cách sửa / fix |", "|---|---|---|---|---|"]
    for code, t in CATALOGUE.items():
        lines.append(f"| {code} | {SEVERITY_WORD[t.severity]} / {t.severity} | {_cell(t.vi)} | {_cell(t.en)} | "
                     f"{_cell(t.fix_vi)} / {_cell(t.fix_en)} |")
    return "\n".join(lines) + "\n"


def import_columns_table(lang: str = "en") -> str:
    """Every column `ocop import` recognises and the headers it accepts for it (any case, with or
    without diacritics, a note in brackets and end punctuation ignored)."""
    from ..importing.columns import COLUMNS

    if lang == "vi":
        lines = ["| trường (--map) | nội dung | các tiêu đề cột được nhận |", "|---|---|---|"]
    else:
        lines = ["| field (--map) | holds | headers accepted |", "|---|---|---|"]
    for column in COLUMNS:
        label = column.label_vi if lang == "vi" else column.label_en
        lines.append(f"| `{column.field}` | {label} | {', '.join(_cell(w) for w in column.wordings)} |")
    return "\n".join(lines) + "\n"


GENERATED_SECTIONS = {"fields": fields_table, "codes": codes_table, "import-columns": import_columns_table}


def replace_sections(text: str) -> str:
    """Rewrite every ``<!-- NAME:start -->…<!-- NAME:end -->`` block with its generated table."""
    for name, make in GENERATED_SECTIONS.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            text = f"{head}{start}\n{make()}{end}{tail}"
    return text


# -- the officers' guides (docs/huong-dan-can-bo.md in Vietnamese, docs/officers-guide.md in English) --------
#
# Each guide embeds sections in its own language only: the example record with one comment per line, the
# field table, the rule sets by date, the revocation and withdrawal blocks, and every problem code with an
# example message. The code sections show the exact three lines `ocop validate` prints, filled with the
# plausible values of EXAMPLE_PROBLEMS (tests/test_guide.py checks each one against a message the validator
# really prints, and fails when a code has no example).

GUIDE_LANGUAGES = ("vi", "en")

_LEVEL_WORDS = {"vi": {"district": "huyện", "province": "tỉnh", "central": "trung ương"},
                "en": {"district": "district", "province": "province", "central": "central"}}
_REQUIRED_WORD = {"vi": "bắt buộc", "en": "required"}
_YES = {"vi": "có", "en": "yes"}

# How to write a value of each kind, in words an officer understands.
_KIND_WORDS = {
    "vi": {
        "text": "chữ",
        "markdown": "văn bản Markdown (**đậm**, *nghiêng*, dòng bắt đầu bằng '- ' là danh sách)",
        "date": "ngày NĂM-THÁNG-NGÀY",
        "number": "số, dùng dấu chấm thập phân",
        "integer": "số nguyên",
        "choice": "một trong",
        "product_id": "mã sản phẩm: chữ in hoa, chữ số, dấu '-'",
        "url": "địa chỉ web đầy đủ, bắt đầu bằng https://",
        "email": "thư điện tử",
        "phone": "số điện thoại, đặt trong ngoặc kép",
        "localized_text": "nhóm: vi: (bắt buộc), en: (nếu có)",
        "localized_markdown": "nhóm: vi: (bắt buộc), en: (nếu có), viết bằng Markdown",
        "mapping": "nhóm trường, thụt vào 2 dấu cách",
        "list": "danh sách: mỗi mục bắt đầu bằng '- '",
        "points_by_code": "điểm theo mã tiêu chí của phiếu chấm",
    },
    "en": {
        "text": "text",
        "markdown": "Markdown text (**bold**, *italic*, lines starting with '- ' make a list)",
        "date": "date YYYY-MM-DD",
        "number": "number, with a decimal point",
        "integer": "whole number",
        "choice": "one of",
        "product_id": "product id: capitals, digits, '-'",
        "url": "full web address starting with https://",
        "email": "email address",
        "phone": "phone number, in quotes",
        "localized_text": "group: vi: (required), en: (optional)",
        "localized_markdown": "group: vi: (required), en: (optional), in Markdown",
        "mapping": "group of fields, indented by 2 spaces",
        "list": "list: each item starts with '- '",
        "points_by_code": "points per criterion code of the scoring sheet",
    },
}

# Fields the example record leaves out: each has its own example in the guide (a criteria sheet is
# 30-odd lines; a revocation or withdrawal changes what the example record means; dossiers, one per
# step, are in the guide's section 5.4).
_NOT_IN_EXAMPLE_RECORD = ("criteria", "revocation", "withdrawn", "aliases", "to_confirm", "dossiers")
_VI_EXAMPLE = re.compile(r"^\{vi: (?P<text>.*)\}$")


def _label(f, lang) -> str:
    return f.label_vi if lang == "vi" else f.label_en


def _help(f, lang) -> str:
    return f.help_vi if lang == "vi" else f.help_en


def _how_to_write(f, lang) -> str:
    words = _KIND_WORDS[lang][f.kind]
    if f.choices:
        words += ": " + ", ".join(f"`{choice}`" for choice in f.choices)
    if f.low is not None and f.high is not None:
        words += f" {'từ' if lang == 'vi' else 'from'} {f.low} {'đến' if lang == 'vi' else 'to'} {f.high}"
    elif f.low is not None:
        words += f" ≥ {f.low}"
    return words


def guide_fields_table(lang: str) -> str:
    """Every key path of the record, as the README's table lists them, in one language."""
    if lang == "vi":
        lines = ["| trường | bắt buộc | ý nghĩa | cách viết | ví dụ |", "|---|---|---|---|---|"]
    else:
        lines = ["| field | required | meaning | how to write it | example |", "|---|---|---|---|---|"]
    for name, f in _rows(PRODUCT):
        meaning = _label(f, lang) + (f": {_help(f, lang)}" if _help(f, lang) else "")
        lines.append(f"| `{name}` | {_YES[lang] if f.required else ''} | {_cell(meaning)} | "
                     f"{_cell(_how_to_write(f, lang))} | `{_cell(f.example)}` |")
    return "\n".join(lines) + "\n"


def _note(f, lang) -> str:
    note = _label(f, lang)
    if f.choices:
        note += ": " + " | ".join(f.choices)
    return note + (f", {_REQUIRED_WORD[lang]}" if f.required else "")


def _example_lines(fields, lang, skip=()):
    """(text, comment) pairs of a YAML block built from the fields' examples, at indentation 0."""
    for f in fields:
        if f.key in skip:
            continue
        if f.kind in LANGUAGE_FIELDS:
            match = _VI_EXAMPLE.match(f.example)
            yield f"{f.key}:", _note(f, lang)
            yield f"  vi: {match['text'] if match else f.example}", _label(LANGUAGE_FIELDS[f.kind][0], lang)
        elif f.kind == "mapping":
            yield f"{f.key}:", _note(f, lang)
            for text, comment in _example_lines(f.fields, lang, skip):
                yield "  " + text, comment
        elif f.kind == "list" and f.item is not None and f.item.kind == "mapping":
            yield f"{f.key}:", _note(f, lang)
            for index, (text, comment) in enumerate(_example_lines(f.item.fields, lang, skip)):
                yield ("  - " if index == 0 else "    ") + text, comment
        elif f.kind == "list" and f.item is not None:
            yield f"{f.key}:", _note(f, lang)
            yield f"  - {f.item.example}", ""
        else:
            yield f"{f.key}: {f.example}", _note(f, lang)


_COMMENT_COLUMN = 36  # comments line up here; a longer value pushes its own comment two spaces further


def _yaml_block(pairs, head=()) -> str:
    lines = list(head) + [f"{text.ljust(_COMMENT_COLUMN - 2)}  # {comment}" if comment else text
                          for text, comment in pairs]
    return "```yaml\n" + "\n".join(lines) + "\n```\n"


def example_record(lang: str) -> str:
    """The sample record (products/LC-0001.yaml of the design), built from the schema's examples,
    one comment per line in ``lang``; what the file holds is the text between the fences."""
    return _yaml_block(_example_lines(PRODUCT, lang, skip=_NOT_IN_EXAMPLE_RECORD), head=(MODELINE,))


def example_block(key: str, lang: str) -> str:
    """One top-level block of the record (``revocation``, ``withdrawn``) as an officer adds it."""
    (f,) = [f for f in PRODUCT if f.key == key]
    return _yaml_block(_example_lines((f,), lang))


def guide_rule_sets(lang: str) -> str:
    """The rule sets by date (ocop/rules/rulesets.py), as the README's choice 1 applies them."""
    def day(d, open_end):
        return d.strftime("%d/%m/%Y") if d else open_end
    now, no_end = ("nay", "—") if lang == "vi" else ("today", "—")
    if lang == "vi":
        lines = ["| bộ quy tắc (`rules:`) | văn bản | mặc định cho lần chấm, quyết định ngày | ghi rõ `rules:` được đến "
                 "ngày | điểm tối đa A / B / C | công nhận 3★ / 4★ / 5★ | hội đồng chấm điểm |"]
    else:
        lines = ["| rule set (`rules:`) | instrument | default for acts dated | may be named until | "
                 "maximum A / B / C | certifies 3★ / 4★ / 5★ | councils that score |"]
    lines.append("|---|---|---|---|---|---|---|")
    levels = _LEVEL_WORDS[lang]
    for r in RULE_SETS:
        instrument = r.instrument_vi if lang == "vi" else r.instrument_en
        lines.append(
            f"| `{r.code}` | {_cell(instrument)} | {day(r.applies_from, now)} – {day(r.default_until, now)} | "
            f"{day(r.valid_until, no_end)} | {' / '.join(str(r.part_max[p]) for p in 'ABC')} | "
            f"{' / '.join(levels[r.certifier[s]] for s in (3, 4, 5))} | "
            f"{', '.join(levels[c] for c in r.councils)} |")
    return "\n".join(lines) + "\n"


def guide_product_sets(lang: str) -> str:
    """The 26 product sets (ocop/data/product-sets.yaml), the number written in ``product_set``."""
    if lang == "vi":
        lines = ["| `product_set` | bộ sản phẩm | nhóm |", "|---|---|---|"]
    else:
        lines = ["| `product_set` | product set | group |", "|---|---|---|"]
    for number, ps in sorted(product_sets().items()):
        name, group = (ps.vi, ps.group.vi) if lang == "vi" else (ps.en, ps.group.en)
        lines.append(f"| {number} | {_cell(name)} | {ps.group.code}. {_cell(group)} |")
    return "\n".join(lines) + "\n"


def guide_units(lang: str) -> str:
    """The kinds of administrative unit the country's data knows (and a units.yaml may write), with
    their level and how many units of each the shipped data holds in each period."""
    units = default_units()
    counts = {}
    for unit in units.by_key.values():
        counts.setdefault((unit.kind, unit.end is None), 0)
        counts[(unit.kind, unit.end is None)] += 1
    levels = {"province": ("tỉnh", "province"), "district": ("huyện", "district"), "commune": ("xã", "commune")}
    if lang == "vi":
        lines = ["| `kind` | loại | cấp | số đơn vị đến 30/06/2025 | từ 01/07/2025 |", "|---|---|---|---|---|"]
    else:
        lines = ["| `kind` | kind | level | units until 30/06/2025 | from 01/07/2025 |", "|---|---|---|---|---|"]
    index = 0 if lang == "vi" else 1
    for kind, (level, vi, en) in UNIT_KINDS.items():
        lines.append(f"| `{kind}` | {(vi, en)[index]} | {levels[level][index]} | {counts.get((kind, False), 0):,} | "
                     f"{counts.get((kind, True), 0):,} |")
    return "\n".join(lines) + "\n"


# -- example messages, one per problem code ----------------------------------------------------------------

_RECORD = "products/LC-0001.yaml"
_DATASET = "products/dataset.yaml"
# The example record's unit (GSO code 03409 on 28/06/2024) as messages name it, and the district and
# province it lay in, which its issuer names: read from the country's data, not written here.
_EXAMPLE_UNIT = national_units().get("03409", date(2024, 6, 28))
_SAN_THANG_VI = national_units().where_text(_EXAMPLE_UNIT)
_SAN_THANG_EN = national_units().where_text(_EXAMPLE_UNIT, "en")
_EXAMPLE_DISTRICT, _EXAMPLE_PROVINCE = national_units().ancestors(_EXAMPLE_UNIT)
_EXAMPLE_TODAY = national_units().current(_EXAMPLE_UNIT, date(2026, 11, 28))
_PROVINCE_NAME = _EXAMPLE_PROVINCE.name_vi.split(" ", 1)[1]  # "Tỉnh X" -> "X"
_FIELDS = ", ".join(f.key for f in PRODUCT)

# code -> (file, line, column, field path, parameters). Plausible values: each is the message an officer
# gets for a common mistake in the sample record (the stories of tests/test_problem_messages.py).
EXAMPLE_PROBLEMS = {
    "SP001": (_RECORD, 4, None, "", {"reason_vi": "byte 0xe8 không phải mã UTF-8 (tệp lưu bằng bảng mã khác)",
                                     "reason": "byte 0xe8 is not UTF-8"}),
    "SP002": (_RECORD, 1, 1, "", {}),
    "SP003": (_RECORD, 7, 1, "", {"reason_vi": "thiếu dấu ':', hoặc thiếu dấu cách sau ':', sau tên trường",
                                  "reason": "could not find expected ':'"}),
    "SP004": (_RECORD, 10, 1, "", {}),
    "SP005": (_RECORD, 8, 1, "unit", {"key": "unit", "first_line": 7}),
    "SP006": (_RECORD, 1, 1, "", {"found_vi": "một danh sách", "found_en": "a list"}),
    "SP007": (_RECORD, 7, 7, "unit", {"tag": "!!python/object:os.system"}),
    "SP008": ("products/LC-0002.yml", None, None, "", {"ext": ".yml", "expected": "LC-0002.yaml"}),
    "SP009": ("products/notes.txt", None, None, "", {"name": "notes.txt"}),
    "SP010": (_RECORD, 22, 14, "", {}),
    "SP011": (_DATASET, None, None, "", {"folder": "products"}),
    "SP012": (_DATASET, 2, 11, "province", {
        "value": "Lam Dongg",
        "hint_vi": " Có phải: Tỉnh Lâm Đồng (68), Thành phố Hải Phòng (31), Tỉnh Lạng Sơn (20)?",
        "hint_en": " Did you mean: Lam Dong province (68), Hai Phong city (31), Lang Son province (20)?"}),
    "SP013": (_DATASET, 2, 7, "logo", {"value": "logo.png", "where": "products/",
                                       "reason_vi": "không thấy tệp trong products/ (phân biệt chữ hoa, chữ thường)",
                                       "reason_en": "no such file in products/ (case matters)"}),
    "SP014": (_DATASET, 4, 11, "office.report", {}),
    "SP015": (_DATASET, 5, 12, "office.report.phone", {"key": "office.report.phone"}),
    "SP020": (_DATASET, 6, 11, "cms.review", {}),
    "SP016": ("products/units.yaml", 69, 16, "units[9].successor", {"key": "successor", "code": "xa-cu",
                                                                     "value": "phuong-tan-phongg"}),
    "SP017": (_RECORD, 16, None, "", {"what_vi": "kích thước tệp (byte)", "what_en": "its size in bytes",
                                      "value_vi": "289.160", "value_en": "289,160",
                                      "limit_vi": "262.144", "limit_en": "262,144"}),
    "SP018": ("products/LC-0002.yaml", None, None, "", {
        "name": "LC-0002.yaml",
        "kind_vi": "một liên kết tượng trưng (symlink) tới '../ban-nhap/LC-0002.yaml', ngoài thư mục hồ sơ",
        "kind_en": "a symbolic link to '../ban-nhap/LC-0002.yaml', outside the records folder"}),
    "SP019": (_RECORD, 1, 1, "", {"reason_vi": "sẽ vượt giới hạn đọc: kích thước tệp (byte) là 262.188, tối đa 262.144",
                                  "reason_en": "would be over a reading limit: its size in bytes is 262,188, at most "
                                               "262,144"}),
    "SP100": (_RECORD, 18, 1, "stroy", {"key": "stroy", "hint_vi": " Có phải là 'story'?",
                                        "hint_en": " Did you mean 'story'?", "allowed": _FIELDS}),
    "SP101": (_RECORD, 1, 1, "", {"key": "unit", "label_vi": "đơn vị hành chính", "label_en": "administrative unit",
                                  "example": "san-thang"}),
    "SP102": (_RECORD, 35, 11, "certificates[0].date", {"value": "28/06/2024",
                                                        "hint_vi": " Có vẻ đây là ngày/tháng/năm: viết 2024-06-28.",
                                                        "hint_en": " It looks like day/month/year: write 2024-06-28."}),
    "SP103": (_RECORD, 3, 7, "name", {
        "key": "name", "expected_vi": "một nhóm 'vi:' (và 'en:' nếu có)",
        "expected_en": "a group with 'vi:' (and optionally 'en:')",
        "found_vi": "giá trị 'Chè Shan tuyết cổ thụ San Thàng'", "found_en": "the value 'Chè Shan tuyết cổ thụ San Thàng'",
        "example": "{vi: Chè Shan tuyết cổ thụ San Thàng}"}),
    "SP104": (_RECORD, 31, 26, "evaluations[0].scores.B", {"value": "mười bảy"}),
    "SP105": (_RECORD, 38, 12, "certificates[0].stars", {"value": "3.5", "example": "3"}),
    "SP106": (_RECORD, 10, 9, "producer.kind", {"value": "hợp tác xã", "key": "kind",
                                                "allowed": ", ".join(PRODUCER_KINDS),
                                                "hint_vi": " Có phải là 'cooperative'?",
                                                "hint_en": " Did you mean 'cooperative'?"}),
    "SP107": ("products/lc-0001.yaml", 1, 5, "id", {"value": "lc-0001"}),
    "SP108": (_RECORD, 14, 12, "producer.website", {"value": "example.vn"}),
    "SP109": (_RECORD, 13, 10, "producer.email", {"value": "htxchesanthang@example"}),
    "SP110": (_RECORD, 12, 10, "producer.phone", {"value": "0912 345 67"}),
    "SP111": (_RECORD, 36, 13, "certificates[0].issuer", {"key": "issuer"}),
    "SP112": (_RECORD, 38, 12, "certificates[0].stars", {"value": 6, "key": "stars", "low": 3, "high": 5}),
    "SP113": (_RECORD, 65, 11, "evaluations[0].criteria.12", {"value": "12", "product_set": 11, "rules": "qd26-2026",
                                                              "example": "1.1, 1.2, 1.3"}),
    "SP114": (_RECORD, 12, 10, "producer.phone", {"char": "U+202A", "name": "LEFT-TO-RIGHT EMBEDDING", "position": 1}),
    "SP201": (_RECORD, 1, 5, "id", {"value": "LC-0100", "file_name": "LC-0001.yaml", "file_id": "LC-0001"}),
    "SP202": ("products/LC-0002.yaml", 1, 5, "id", {"value": "LC-0001", "other": _RECORD}),
    "SP203": ("products/TP-0001.yaml", 1, 5, "id", {"value": "TP-0001", "prefix": "LC"}),
    "SP204": (_RECORD, 7, 7, "unit", {"value": "san-thang", "where": _SAN_THANG_VI, "where_en": _SAN_THANG_EN,
                                      "province": "tỉnh Lâm Đồng", "province_en": "Lam Dong province",
                                      "before": "tỉnh Bình Thuận, tỉnh Đắk Nông, tỉnh Lâm Đồng",
                                      "before_en": "Binh Thuan province, Dak Nong province, Lam Dong province"}),
    "SP205": (_RECORD, 37, 12, "certificates[0].level", {"date": "03/07/2025"}),
    "SP210": (_RECORD, 7, 7, "unit", {
        "value": "san-thanh",
        "suggestion_vi": f"có phải: 'san-thang' ({_SAN_THANG_VI}, …–30/06/2025); '11125' (Xã An Thanh, huyện Tứ Kỳ,"
                         " tỉnh Hải Dương, …–30/06/2025); '12541' (Xã An Thanh, huyện Quỳnh Phụ, tỉnh Thái Bình,"
                         " …–30/06/2025)?",
        "suggestion_en": f"did you mean: 'san-thang' ({_SAN_THANG_EN}, …–30/06/2025); '11125' (An Thanh commune, Tu Ky"
                         " district, Hai Duong province, …–30/06/2025); '12541' (An Thanh commune, Quynh Phu"
                         " district, Thai Binh province, …–30/06/2025)?"}),
    "SP211": (_RECORD, 7, 7, "unit", {"value": "phuong-tan-phong", "name": national_units().where_text(_EXAMPLE_TODAY),
                                      "date": "28/06/2024", "period": "01/07/2025–…",
                                      "suggestion": "'tan-phong' (Phường Tân Phong); 'dong-phong' (Phường Đông Phong);"
                                                    " 'san-thang' (Xã San Thàng)"}),
    "SP212": (_RECORD, 10, 9, "producer.kind", {"value": "tourism_org", "product_set": 11,
                                                "allowed": "enterprise, cooperative, cooperative_group, farm, household"}),
    "SP213": (_RECORD, 21, 11, "images[0].file", {"value": "LC-0001/hop-che.jpg", "where": "products/media/"}),
    "SP214": (_RECORD, 21, 11, "images[0].file", {"value": "LC-0001/hop-che.jpg",
                                                  "reason_vi": "không nhận ra định dạng ảnh",
                                                  "reason": "unrecognised image format"}),
    "SP215": (_RECORD, 41, 9, "revocation.date", {"value": "05/12/2026", "today": "28/11/2026"}),
    "SP216": (_RECORD, 31, 17, "evaluations[0].scores.A", {"part": "A", "value": "41.5", "max": 40,
                                                           "rules": "qd148-2023"}),
    "SP217": (_RECORD, 30, 12, "evaluations[0].rules", {"value": "qd1048-2019", "date": "20/06/2024",
                                                        "period": "21/08/2019–23/02/2023", "default": "qd148-2023"}),
    "SP218": (_RECORD, 34, 12, "evaluations[0].criteria.1.2", {"criterion": "1.2", "value": "1.5",
                                                               "allowed": "0, 1, 2"}),
    "SP219": (_RECORD, 30, 17, "evaluations[0].scores.A", {"part": "A", "total": "32", "value": "33"}),
    "SP220": (_RECORD, 32, 5, "evaluations[0].criteria", {"missing": "3.2", "product_set": 11}),
    "SP221": (_RECORD, 33, 15, "evaluations[0].criteria", {"rules": "qd148-2023"}),
    "SP222": (_RECORD, 31, 19, "evaluations[0].minimums_met", {"value": 5, "computed": 4}),
    "SP223": (_RECORD, 27, 14, "evaluations[0].council", {"value": "district", "rules": "qd26-2026",
                                                          "allowed": "province, central"}),
    "SP230": (_RECORD, 38, 12, "certificates[0].stars", {"stars": 3, "date": "28/06/2024", "rank": 2}),
    "SP231": (_RECORD, 37, 12, "certificates[0].level", {"value": "province", "stars": 3, "rules": "qd148-2023",
                                                         "date": "28/06/2024", "allowed": "district"}),
    "SP232": (_RECORD, 40, 11, "certificates[1].date", {"key": "certificates", "value": "28/06/2021",
                                                        "previous": "28/06/2024"}),
    "SP233": (_RECORD, 41, 9, "revocation.date", {"value": "01/03/2024", "date": "28/06/2024"}),
    "SP234": (_RECORD, 34, 3, "revocation", {}),
    "SP240": (_RECORD, 42, 16, "withdrawn.replaced_by", {"value": "LC-0015",
                                                         "problem_vi": "không có trong thư mục hồ sơ",
                                                         "problem_en": "is not in the records"}),
    "SP241": (_RECORD, 40, 5, "aliases[0]", {"value": "LC-0002", "clash_vi": "là mã của một hồ sơ đang có",
                                             "clash_en": "is the id of an existing record"}),
    "SP242": (_RECORD, 11, 12, "producer.address", {"key": "producer.address"}),
    "SP250": ("products/LC-0042.yaml", None, None, "", {"value": "LC-0042", "file": "products/LC-0042.yaml",
                                                        "restore_from": "2fe9cfb07ab3^"}),
    "SP251": ("products/LC-0042.yaml", None, None, "", {"value": "LC-0042", "file": "products/LC-0042.yaml",
                                                        "restore_from": "eb6891737c92^"}),
    # A dossier appended to the sample record (tests/test_problem_messages.py, DOSSIER).
    "SP260": (_RECORD, 50, 23, "dossiers[0].forwarded.date", {
        "key": "forwarded.date", "step_vi": "ngày chuyển", "step_en": "date forwarded", "value": "20/03/2024",
        "earlier_key": "assessed.date", "earlier_vi": "ngày đánh giá", "earlier_en": "assessment date",
        "earlier": "24/03/2024"}),
    "SP261": (_RECORD, 46, 23, "dossiers[0].forwarded.date", {
        "key": "forwarded", "needed": "assessed", "value": "26/03/2024",
        "done_vi": "Hồ sơ được chuyển đi", "done_en": "The dossier was forwarded",
        "missing_vi": "xã chưa đánh giá bốn nội dung địa phương",
        "missing_en": "the commune had not assessed the four local contents"}),
    "SP262": (_RECORD, 51, 20, "dossiers[0].scored.date", {"value": "21/06/2024", "found_vi": "các lần chấm: 20/06/2024",
                                                           "found_en": "it holds: 20/06/2024"}),
    "SP263": (_RECORD, 52, 5, "dossiers[0].decided", {
        "problem_vi": "không ghi kết quả: không có 'certificate' cũng không có 'not_recognised'",
        "problem_en": "gives no outcome: neither 'certificate' nor 'not_recognised'"}),
    "SP264": (_RECORD, 52, 46, "dossiers[0].decided.certificate", {
        "value": "1243/QĐ-UBND", "date": "28/06/2024", "found_vi": "'certificates' có: 1234/QĐ-UBND ngày 28/06/2024",
        "found_en": "'certificates' holds: 1234/QĐ-UBND of 28/06/2024"}),
    "SP265": (_RECORD, 53, 5, "dossiers[0].withdrawn", {"decided": "28/06/2024", "withdrawn": "01/07/2024"}),
    "SP266": (_RECORD, 41, 17, "dossiers[0].registered", {"value": "02/03/2014", "start": "07/05/2018"}),
    "SP301": (_RECORD, 34, 5, "certificates[0]", {"decision": "1234/QĐ-UBND", "expires": "28/06/2026"}),
    "SP302": (_RECORD, 34, 5, "certificates[0]", {"decision": "1234/QĐ-UBND", "expires": "28/04/2027", "days": 151,
                                                  "window_start": "30/10/2026", "window_end": "29/12/2026",
                                                  "late_vi": "", "late_en": ""}),
    "SP303": (_RECORD, 16, 7, "description.vi", {"value": "<b>"}),
    "SP304": (_RECORD, 11, 12, "producer.address", {"key": "producer.address"}),
    "SP305": ("products/", None, None, "", {"reason_vi": "bản sao nông, thiếu các commit cũ",
                                            "reason_en": "a shallow clone, without the older commits"}),
    "SP306": (_RECORD, 36, 13, "certificates[0].issuer", {"value": f"UBND thị xã {_PROVINCE_NAME}", "kind_vi": "thị xã",
                                                          "kind_en": "town", "name": _PROVINCE_NAME, "date": "28/06/2024",
                                                          "others_vi": "", "others_en": ""}),
    "SP307": (_RECORD, 36, 13, "certificates[0].issuer", {
        "value": f"UBND {_EXAMPLE_DISTRICT.name_in_sentence()}", "where": national_units().where_text(_EXAMPLE_DISTRICT),
        "where_en": national_units().where_text(_EXAMPLE_DISTRICT, "en"), "province": "tỉnh Lâm Đồng", "province_en": "Lam Dong province",
        "before": "tỉnh Bình Thuận, tỉnh Đắk Nông, tỉnh Lâm Đồng",
        "before_en": "Binh Thuan province, Dak Nong province, Lam Dong province"}),
    "SP308": (_RECORD, 36, 13, "certificates[0].issuer", {"value": f"UBND {_EXAMPLE_PROVINCE.name_in_sentence()}", "level": "district",
                                                          "found": "province", "found_vi": "tỉnh",
                                                          "found_en": "province"}),
    # `ocop import` (and what its records say in `ocop validate`): as the stories of
    # tests/test_problem_messages.py print them.
    'SP309': ('products/LC-0001.yaml', 1, 1, '',
        {}),
    'SP310': ('products/LC-0001.yaml', 40, 16, 'to_confirm.product_set',
        {'key': 'product_set',
         'reason': "đề xuất từ tên sản phẩm bắt đầu bằng 'Chè' (bộ 11: Chè tươi, chè chế biến)"}),
    'SP401': ('danh-sach.xlsx', None, None, '',
        {'reason_vi': 'không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc không phải bảng tính)',
         'reason_en': 'not a valid Excel .xlsx file (damaged, or not a spreadsheet)'}),
    'SP402': ('danh-sach.xls', None, None, '',
        {}),
    'SP403': ('danh-sach.xlsx', None, None, '',
        {}),
    'SP404': ('danh-sach.csv', None, None, '',
        {'size_vi': '21,1 MB',
         'size_en': '21.1 MB',
         'limit_vi': '20 MB',
         'limit_en': '20 MB',
         'rows_vi': '20.000',
         'rows_en': '20,000'}),
    'SP405': ('danh-sach.csv', None, None, '',
        {'where_vi': '', 'where_en': ''}),
    'SP406': ('danh-sach.csv', None, None, '',
        {'byte': '0xea', 'position': 1}),
    'SP407': ('danh-sach.xlsx', None, None, '',
        {'value': 'Phu luc 2', 'sheets': "'Phụ lục'"}),
    'SP408': ('danh-sach.csv', None, None, '',
        {'rows': 20}),
    'SP410': ('danh-sach.csv', 2, 'B', 'Chủ thể',
        {'label_vi': 'tên chủ thể',
         'label_en': 'producer',
         'column_name': 'Chủ thể',
         'fix_vi': 'điền tên chủ thể vào ô này.',
         'fix_en': 'fill in the producer in this cell.'}),
    'SP411': ('danh-sach.csv', 2, 'H', 'Ngày quyết định',
        {'value': '31/06/2024'}),
    'SP412': ('danh-sach.csv', 2, 'F', 'Hạng sao',
        {'value': '2 sao'}),
    'SP413': ('danh-sach.csv', 2, 'D', 'Xã/Phường',
        {'value': 'xã San Thànhh',
         'date': '28/06/2024',
         'suggestion_vi': 'có phải: Xã San Thàng, thành phố Lai Châu, tỉnh Lai Châu (san-thang, '
                          '…–30/06/2025); Xã Pa Tần, huyện Sìn Hồ, tỉnh Lai Châu (03493, …–30/06/2025); Xã '
                          'Nậm Hăn, huyện Sìn Hồ, tỉnh Lai Châu (03547, …–30/06/2025)? Ghi đơn vị có vào '
                          'ngày quyết định.',
         'suggestion_en': 'did you mean: San Thang commune, Lai Chau city, Lai Chau province (san-thang, '
                          '…–30/06/2025); Pa Tan commune, Sin Ho district, Lai Chau province (03493, '
                          '…–30/06/2025); Nam Han commune, Sin Ho district, Lai Chau province (03547, '
                          "…–30/06/2025)? Name the unit as it was on the decision's date."}),
    'SP414': ('danh-sach.csv', 2, 'D', 'Xã/Phường',
        {'value': 'Phường 1',
         'date': '28/06/2024',
         'candidates_vi': 'Phường 1, thành phố Bảo Lộc, tỉnh Lâm Đồng; Phường 1, thành phố Đà Lạt, tỉnh '
                          'Lâm Đồng',
         'candidates_en': '1 ward, Bao Loc city, Lam Dong province; 1 ward, Da Lat city, Lam Dong province',
         'example': 'Phường 1, thành phố Bảo Lộc'}),
    'SP415': ('danh-sach.csv', 2, 'I', 'Cơ quan ban hành',
        {'value': 'Sở Nông nghiệp'}),
    'SP416': ('danh-sach.csv', 2, 'E', 'Bộ sản phẩm',
        {'value': 'Đồ uống'}),
    'SP420': ('danh-sach.csv', 1, 'J', 'Ghi chú',
        {'value': 'Ghi chú',
         'fields': 'number, code, name, producer, address, unit, district, phone, stars, decision, date, '
                   'issuer, level, product_set'}),
    'SP421': ('danh-sach.csv', 3, 'A', 'Tên sản phẩm',
        {'value': 'Tổng cộng: 1 sản phẩm', 'column_name': 'Tên sản phẩm'}),
    'SP422': ('danh-sach.csv', 2, None, '',
        {'other': 'LC-0001',
         'same_vi': 'quyết định, tên sản phẩm và chủ thể',
         'same_en': 'decision, product name and producer'}),
    'SP423': ('danh-sach.csv', 2, 'H', 'Ngày quyết định',
        {'record': 'LC-0001',
         'key': 'certificates[0].date',
         'old': '28/06/2024',
         'new': '27/06/2024',
         'fix_vi': 'chạy lại với --update để ghi giá trị của danh sách vào hồ sơ, hoặc sửa danh sách nếu '
                   'hồ sơ đúng.',
         'fix_en': "run again with --update to write the list's value into the record, or correct the list "
                   'if the record is right.'}),
    'SP424': ('danh-sach.csv', 2, 'B', 'Chủ thể',
        {'value': 'Lò Văn Hùng',
         'kind': 'household',
         'allowed': 'enterprise | cooperative | cooperative_group | farm | household'}),
    'SP425': ('danh-sach.csv', 2, 'A', 'Tên sản phẩm',
        {'number': 11,
         'set_name': 'Chè tươi, chè chế biến',
         'reason_vi': "tên bắt đầu bằng 'Chè'",
         'reason_en': "the name starts with 'Chè'"}),
    'SP426': ('danh-sach.csv', 2, 'A', 'Tên sản phẩm',
        {'value': 'Đông trùng hạ thảo'}),
}


def example_problem(code: str) -> Problem:
    """The example of ``code`` as a Problem; KeyError when the code has no example (add one above)."""
    if code not in EXAMPLE_PROBLEMS:
        raise KeyError(f"{code} has no example message: add one to EXAMPLE_PROBLEMS in ocop/outputs/docs.py")
    file, line, column, path, params = EXAMPLE_PROBLEMS[code]
    return Problem(code, file, line, column, path, params)


def problem_text(problem: Problem) -> str:
    """The three lines an officer reads, as `ocop validate` prints them."""
    return problem.text()


def _gist(template: str) -> str:
    """A message template with its blanks shown as '…', for a heading."""
    text = re.sub(r"\{[a-z_]+\}", "…", template).replace(".…", ".").replace("….", "…").strip()
    return text.replace("<", "&lt;")  # '(<MÃ>.yaml)' must not read as an HTML tag


_SEVERITY_NOTE = {
    "vi": {"error": "Lỗi: phải sửa. Còn lỗi thì kiểm tra không qua và trang web không được cập nhật.",
           "warning": "Cảnh báo: kiểm tra vẫn qua, nhưng cần xử lý."},
    "en": {"error": "Error: must be fixed. While it remains, the check fails and the site is not updated.",
           "warning": "Warning: the check still passes, but act on it."},
}


# `ocop import` reads a list, not the folder: its problems keep a row (or the file) from being written.
_IMPORT_SEVERITY_NOTE = {
    "vi": {"error": "Lỗi khi nhập (ocop import): dòng này, hoặc cả tệp, không được ghi; các dòng khác vẫn được nhập.",
           "warning": "Cảnh báo khi nhập (ocop import): dòng vẫn được xử lý, nhưng cần kiểm tra."},
    "en": {"error": "Import error (ocop import): this row, or the whole file, is not written; the other rows are.",
           "warning": "Import warning (ocop import): the row is still handled, but check it."},
}


def guide_codes(lang: str) -> str:
    """Every problem code: what it says, an example of the exact message, and the fix."""
    parts = []
    for code, template in CATALOGUE.items():
        problem = example_problem(code)
        heading = _gist(template.vi) if lang == "vi" else template.title
        fix = problem.fix_vi if lang == "vi" else problem.fix_en
        fix_word = "Cách sửa" if lang == "vi" else "Fix"
        example_word = "Ví dụ" if lang == "vi" else "Example"
        note = (_IMPORT_SEVERITY_NOTE if code.startswith("SP4") else _SEVERITY_NOTE)[lang][template.severity]
        parts.append(f"### {code} — {heading}\n\n{note}\n\n"
                     f"{example_word}:\n\n```text\n{problem_text(problem)}\n```\n\n**{fix_word}:** {fix}\n")
    return "\n".join(parts)


for _lang in GUIDE_LANGUAGES:
    GENERATED_SECTIONS.update({
        f"guide-record-{_lang}": partial(example_record, _lang),
        f"guide-fields-{_lang}": partial(guide_fields_table, _lang),
        f"guide-rule-sets-{_lang}": partial(guide_rule_sets, _lang),
        f"guide-product-sets-{_lang}": partial(guide_product_sets, _lang),
        f"guide-units-{_lang}": partial(guide_units, _lang),
        f"guide-revocation-{_lang}": partial(example_block, "revocation", _lang),
        f"guide-withdrawn-{_lang}": partial(example_block, "withdrawn", _lang),
        f"guide-codes-{_lang}": partial(guide_codes, _lang),
        f"guide-import-columns-{_lang}": partial(import_columns_table, _lang),
    })
