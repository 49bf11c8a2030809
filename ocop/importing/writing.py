"""The records an import writes: new ones as `ocop new` writes them (a certified product, or with
``--registered`` a candidate whose first dossier is open), and the differences that ``--update``
applies to existing ones.

An update edits the record's text in place — the value's own characters, or a line added under its
group — so every comment and every other line stays as the officer left it, and `git diff` shows
exactly the fields that changed. A record whose group is written on one line (``{…}``) is not
edited: the difference is reported for the officer to make by hand.
"""

import yaml

from ..common.dates import vn_date
from ..reading.new_record import field_text, list_item_lines, record_text, scalar_text
from ..reading.schema import PRODUCER
from ..reading.schema import CERTIFICATE, PLACEHOLDER  # noqa: F401 - PLACEHOLDER named in docs

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def new_record_text(values: dict, source: str, row: int, today) -> str:
    """A new record: the values of one row, every other field a commented-out example."""
    record_id = values["id"]
    header = [
        f"# Hồ sơ sản phẩm OCOP {record_id}, nhập bằng `ocop import` từ {source}, dòng {row}, ngày {vn_date(today)}.",
        f"#   / OCOP product record imported by `ocop import` from {source}, row {row}.",
    ]
    if "certificates" in values:
        header += [
            "# Sản phẩm đã được công nhận nên hồ sơ được công bố. Danh sách không có mô tả, ảnh, nơi bán: bỏ \"# \"",
            "# ở đầu các dòng của một mục để thêm mục đó. Mục 'to_confirm' (nếu có) là giá trị đề xuất: kiểm tra",
            "# rồi xoá. Kiểm tra bằng: ocop validate",
            "#   / Certified, so published. The list has no description, photos or shops: remove \"# \" from the",
            "#   lines of an item to add it. 'to_confirm' (if any) holds proposed values: check them, then delete",
            "#   the lines. Check with: ocop validate",
        ]
    else:  # a product just registered (--registered): its first dossier is open
        header += [
            "# Sản phẩm mới đăng ký, chưa có quyết định công nhận: hồ sơ ứng viên, được kiểm tra nhưng chưa công bố.",
            "# Ghi các bước sau của hồ sơ đăng ký (dossiers:) khi có. Danh sách không có mô tả, ảnh, nơi bán: bỏ",
            "# \"# \" ở đầu các dòng của một mục để thêm mục đó. Mục 'to_confirm' (nếu có) là giá trị đề xuất:",
            "# kiểm tra rồi xoá. Kiểm tra bằng: ocop validate",
            "#   / Registered, not yet recognised: a candidate, checked but not published. Add the dossier's later",
            "#   steps (dossiers:) as they come. The list has no description, photos or shops: remove \"# \" from",
            "#   the lines of an item to add it. 'to_confirm' (if any) holds proposed values: check them, then",
            "#   delete the lines. Check with: ocop validate",
        ]
    return record_text(values, today, header=header)


class CannotEdit(Exception):
    """The record's text is not laid out so that the difference can be applied safely."""


def apply_differences(text: str, differences) -> str:
    """``text`` with each difference applied; raises CannotEdit when one cannot be."""
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):
        raise CannotEdit("not a mapping")
    edits = []
    for difference in differences:
        edits.append(_edit(text, root, difference))
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _edit(text, root, difference):
    path, new = difference.path, difference.new
    if path == ("certificates",):
        return _add_certificate(text, root, new)
    *parents, last = path
    node = root
    for part in parents:
        node = _child(node, part)
        if node is None:
            raise CannotEdit(f"no {part}")
    value = _child(node, last)
    if value is not None:
        if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
            raise CannotEdit(f"{last} is not a one-line value")
        return value.start_mark.index, value.end_mark.index, _text(last, new)
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise CannotEdit(f"{last}: group on one line")
    indent = " " * node.value[0][0].start_mark.column
    at = _line_end(text, node.value[-1][1].end_mark.index)
    return at, at, f"{indent}{last}: {_text(last, new)}\n"


def _text(key, value) -> str:
    """A producer's phone is written in quotes, as in every record; any other value as a scalar."""
    return field_text(_PHONE, value) if key == "phone" else scalar_text(value)


_PHONE = next(f for f in PRODUCER if f.key == "phone")


def _add_certificate(text, root, certificate):
    """A new decision, placed so that the certificates stay oldest first."""
    certificates = _child(root, "certificates")
    if certificates is None:
        at = len(text) if text.endswith("\n") else None
        lines = ["certificates:"] + list_item_lines(CERTIFICATE, certificate, "  ")
        if at is None:
            return len(text), len(text), "\n" + "\n".join(lines) + "\n"
        return at, at, "\n".join(lines) + "\n"
    if not isinstance(certificates, yaml.SequenceNode) or certificates.flow_style or not certificates.value:
        raise CannotEdit("certificates: not a list of groups")
    first = certificates.value[0]
    indent = " " * max(first.start_mark.column - 2, 0)
    lines = "\n".join(list_item_lines(CERTIFICATE, certificate, indent)) + "\n"
    for item in certificates.value:
        day = _child(item, "date")
        if isinstance(day, yaml.ScalarNode) and day.value > certificate["date"].isoformat():
            start = _line_start(text, item.start_mark.index)
            return start, start, lines
    at = _line_end(text, certificates.value[-1].end_mark.index)
    return at, at, lines


def _child(node, key):
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _line_end(text, index) -> int:
    """The start of the line after the one ``index`` ends on (a node's end may be the next line's start)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _line_start(text, index) -> int:
    return text.rfind("\n", 0, index) + 1
