"""An import from start to end: read the sheet, read each row, match it, and plan what to write.

Nothing is written until the whole file has been read, so a file that cannot be read changes
nothing; then each record is written whole (``write_atomic``), never half. The plan says, row by
row, what became of it: a new record, an update, already there, left as it is, or not written
because of its problems. A list of registered products (``Defaults.registered``) that holds a
decision is not read at all (``decision_cell``): see ocop/cli/import_sheet.py.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..common.files import shown_path, write_atomic
from ..reading.dataset import check_record_text
from ..reading.new_record import id_style, ids_in_folder, next_free_id
from ..reading.problems import Problem
from .columns import HEADER_SEARCH_ROWS, find_header
from .matching import RecordIndex, values_of
from .rows import Defaults, ImportedRow, RowReader, SkippedRow
from .table import TableError, read_table
from .writing import CannotEdit, apply_differences, new_record_text

# The warnings of what a new record would be written with (SP424 kind, SP425/SP426 product set).
PROPOSALS = {"SP424", "SP425", "SP426"}


@dataclass
class NewRecord:
    row: int
    id: str
    path: Path
    text: str
    name: str


@dataclass
class Update:
    row: int
    id: str
    path: Path
    text: str
    differences: list


@dataclass
class ImportPlan:
    source: str  # the file, as shown
    problems: list = field(default_factory=list)
    new: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    same: list = field(default_factory=list)  # (row, record id): already imported, nothing to do
    differing: list = field(default_factory=list)  # (row, record id): differences left unapplied
    failed: list = field(default_factory=list)  # rows not written because of errors
    skipped: list = field(default_factory=list)  # rows that are not products (SP421) or column numbers
    inferred_kinds: list = field(default_factory=list)  # (row, kind, words)
    file_error: Problem | None = None  # the file could not be imported at all
    # With --registered, the first cell of a decision column holding a value: (FILE:SHEET, row, column,
    # title, value). A list of registered products has no decision: such a list is not imported at all.
    decision_cell: tuple | None = None

    @property
    def rows_read(self) -> int:
        return len(self.new) + len(self.updates) + len(self.same) + len(self.differing) + len(self.failed)


def plan_import(path, dataset, sheet=None, mapping=None, defaults: Defaults = Defaults(), update=False,
                history_ids=()) -> ImportPlan:
    """What importing ``path`` into ``dataset`` would do; nothing is written."""
    source = shown_path(path)
    plan = ImportPlan(source)
    try:
        table = read_table(path, sheet)
    except TableError as error:
        plan.file_error = Problem(error.code, source, params=error.params)
        return plan
    header = find_header(table.rows, mapping)
    where = f"{source}:{table.name}" if table.name else source
    if header is None:
        plan.file_error = Problem("SP408", where, params={"rows": HEADER_SEARCH_ROWS})
        return plan
    reader = RowReader(table, header, dataset, source, defaults)
    if defaults.registered is not None and (cell := reader.decision_cell()) is not None:
        title = reader.header.titles[cell.column]
        plan.decision_cell = (reader.where, cell.row, cell.column, title, _text_of(cell.value))
        return plan
    plan.problems.extend(reader.header_problems())

    index = RecordIndex(dataset.units)
    bad = dataset.files_with_errors()
    for product in dataset.products:
        if product.id and product.name:
            index.add(product.id, product.source, values_of(product))
    prefix, width = id_style(dataset)
    taken = ids_in_folder(dataset) | set(history_ids)
    for result in reader.rows():
        if result is None:
            continue
        if isinstance(result, SkippedRow):
            plan.skipped.append(result.row)
            continue
        if not result.values or result.failed:
            # A row not written proposes nothing: only what keeps it out is said.
            plan.problems.extend(p for p in result.problems if p.code not in PROPOSALS)
            # not a product (SP421), or not written for its errors: both reported
            (plan.failed if result.failed else plan.skipped).append(result.row)
            continue
        match = index.find(result.values)
        # What the row proposes (a product set, a producer kind) matters only for a record it writes.
        plan.problems.extend(p for p in result.problems if match is None or p.code not in PROPOSALS)
        if match is None:
            if result.inferred_kind:
                plan.inferred_kinds.append((result.row, *result.inferred_kind))
            record_id = next_free_id(prefix, width, taken)
            taken.add(record_id)
            values = {"id": record_id, **result.values}
            text = new_record_text(values, source, result.row, dataset.today)
            record_path = Path(dataset.folder) / f"{record_id}.yaml"
            plan.new.append(NewRecord(result.row, record_id, record_path, text, result.values["name"]["vi"]))
            index.add(record_id, shown_path(record_path), result.values)
            continue
        _plan_match(plan, reader, result, match, dataset, update, bad)
    return plan


def _plan_match(plan, reader, result: ImportedRow, match, dataset, update, bad):
    if not match.differences:
        plan.same.append((result.row, match.record_id))
        same_vi, same_en = match.same_words
        plan.problems.append(Problem("SP422", reader.where, result.row, None, "", {
            "other": match.record_id, "same_vi": same_vi, "same_en": same_en}))
        return
    written_now = {n.id: n for n in plan.new}
    if update and match.record_id not in written_now and match.source not in bad:
        applied = _applied(match, dataset)
        if applied is not None:
            plan.updates.append(Update(result.row, match.record_id, Path(dataset.folder) / Path(match.source).name,
                                       applied, match.differences))
            return
        fix = ("hồ sơ viết trường này trên một dòng ({…}) nên không sửa tự động được: sửa tay trong hồ sơ.",
               "the record writes this group on one line ({…}), so it cannot be changed automatically: edit it by hand.")
    elif match.record_id in written_now:
        fix = ("hai dòng của danh sách cùng là một sản phẩm nhưng khác nhau: sửa danh sách cho khớp.",
               "two rows of the list are the same product but differ: make the list agree.")
    elif update:
        fix = ("hồ sơ đang có lỗi: sửa lỗi (ocop validate) rồi nhập lại với --update.",
               "the record has errors: fix them (ocop validate), then import again with --update.")
    else:
        fix = ("chạy lại với --update để ghi giá trị của danh sách vào hồ sơ, hoặc sửa danh sách nếu hồ sơ đúng.",
               "run again with --update to write the list's value into the record, or correct the list if the "
               "record is right.")
    plan.differing.append((result.row, match.record_id))
    for difference in match.differences:
        plan.problems.append(Problem("SP423", reader.where, result.row, reader.column_of.get(difference.column),
                                     reader._title(difference.column), {
                                         "record": match.record_id, "key": difference.key,
                                         "old": shown_value(difference.old), "new": shown_value(difference.new),
                                         "fix_vi": fix[0], "fix_en": fix[1]}))


def _applied(match, dataset):
    """The record's new text with the differences applied, or None when that cannot be done safely."""
    path = Path(dataset.folder) / Path(match.source).name
    try:
        text = path.read_text(encoding="utf-8")
        changed = apply_differences(text, match.differences)
    except (OSError, UnicodeDecodeError, CannotEdit, ValueError):
        return None
    # Only if the edited record is still as good as it was: an edit must never break a record.
    _, before = check_record_text(text, match.source, match.record_id, dataset)
    _, after = check_record_text(changed, match.source, match.record_id, dataset)
    if len([p for p in after if p.is_error]) > len([p for p in before if p.is_error]):
        return None
    return changed


def _text_of(value) -> str:
    """A cell's value as the officer typed it, for a message."""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def shown_value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):  # a certificate to add
        return f"{value['decision']} ({value['date'].strftime('%d/%m/%Y')}, {value['stars']}★)"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def write_plan(plan: ImportPlan):
    """Write the plan's records; returns the paths written. A new record never overwrites a file."""
    written = []
    for record in plan.new:
        if record.path.exists() or record.path.is_symlink():
            raise FileExistsError(17, "File exists", str(record.path))
        write_atomic(record.path, record.text.encode("utf-8"))
        written.append(record.path)
    for update in plan.updates:
        write_atomic(update.path, update.text.encode("utf-8"))
        written.append(update.path)
    return written
