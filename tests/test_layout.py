"""`ocop format`: a record the web form (Decap CMS) wrote again, put back into the house layout.

The form's writer (the `yaml` npm package, YAML 1.2 core) drops every comment, writes every group as a
block, quotes in single quotes what YAML 1.2 would read as another type, writes numbers from number
widgets bare and keys in the order of the form's fields. ``decap`` below writes a meaning that way; the
restored text must be the old text except where the meaning changed.
"""

import copy
import difflib
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import GOOD_RECORD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.importing.layout import restore_layout, without_nothing
from ocop.reading.jsonschema import MODELINE
from ocop.reading.yamltree import read_document

SAMPLE = Path(__file__).resolve().parent.parent / "products"
RECORDS = sorted(path.name for path in SAMPLE.glob("LC-*.yaml"))

# -- the form's writer, as far as these tests need it --------------------------------------------

# What a YAML 1.2 core reader takes for another type than a text: written in single quotes.
_CORE_TYPED = re.compile(r"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                         r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")
_NUMBER_WIDGETS = {"product_set", "A", "B", "C", "minimums_met", "stars"}
# The form's fields, in the order its configuration lists them (not the order of the records).
_FORM_ORDER = ["id", "name", "code", "unit", "product_set", "producer", "description", "story", "images", "sales",
               "evaluations", "certificates", "revocation", "withdrawn", "aliases", "to_confirm"]


def _quoted(text):
    return "'" + text.replace("'", "''") + "'"


def _scalar(value, key, indent, in_criteria):
    if value is None:
        return ""
    if (key in _NUMBER_WIDGETS or in_criteria) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        return value
    if "\n" in value.rstrip("\n") or value.endswith("\n"):
        chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-"
        lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
        return "|" + chomp + "".join("\n" + " " * (indent + 2) + line if line else "\n" for line in lines)
    plain_safe = (value and value == value.strip() and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
                  and ": " not in value and " #" not in value and not value.endswith(":"))
    # A text of digits and separators (a phone) the form writes in quotes.
    if not plain_safe or _CORE_TYPED.match(value) or re.fullmatch(r"[0-9 .]+", value):
        return _quoted(value)
    return value


def decap(value, indent=0, in_criteria=False, top=True) -> str:
    """``value`` (the loader's meaning of a record) as the form writes it."""
    lines = []
    keys = sorted(value, key=lambda k: _FORM_ORDER.index(k) if k in _FORM_ORDER else 99) if top else list(value)
    for key in keys:
        item = value[key]
        name = _quoted(key) if _CORE_TYPED.match(key) else key
        lines.append(" " * indent + f"{name}:" + _value(item, key, indent, in_criteria or key == "criteria"))
    return "\n".join(lines) + ("\n" if top else "")


def _value(item, key, indent, in_criteria):
    if isinstance(item, dict):
        return "\n" + decap(item, indent + 2, in_criteria, top=False) if item else " {}"
    if isinstance(item, list):
        if not item:
            return " []"
        out = ""
        for element in item:
            if isinstance(element, dict):
                body = decap(element, indent + 4, top=False)
                out += "\n" + " " * (indent + 2) + "- " + body[indent + 4:]
            else:
                out += "\n" + " " * (indent + 2) + "- " + _scalar(element, key, indent + 2, False)
        return out
    text = _scalar(item, key, indent, in_criteria)
    return " " + text if text else ""


def meaning(text):
    document, problems = read_document(text, "x")
    assert problems == [] and document is not None
    return document.value


def sample(name):
    return (SAMPLE / name).read_text(encoding="utf-8")


def unified(old, new):
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0))


def restored(new_text, base_text):
    text, problems = restore_layout(new_text, base_text, "products/LC-0001.yaml")
    assert problems == [], [p.text() for p in problems]
    assert meaning(text) == without_nothing(meaning(new_text)), "the text written means what the form saved"
    return text


# -- the form's rewrite of a sample record ------------------------------------------------------

def test_the_writer_here_writes_as_the_form_does():
    written = decap(meaning(sample("LC-0008.yaml")))
    assert written.startswith("id: LC-0008\nname:\n  vi: Hạt dổi rừng sấy\n")
    assert "  phone: '0988 615 209'\n" in written
    assert "    scores:\n      A: 26\n" in written and "      '1.1': 2\n" in written
    assert "#" not in written and "{" not in written


@pytest.mark.parametrize("name, old_phone, new_phone", [
    ("LC-0001.yaml", "0912 345 678", "0912 345 999"),
    ("LC-0008.yaml", "0988 615 209", "0988 615 000"),
])
def test_a_phone_changed_in_the_form_is_the_only_line_changed(name, old_phone, new_phone):
    base = sample(name)
    changed = meaning(base)
    changed["producer"]["phone"] = new_phone
    form_text = decap(changed)
    assert unified(base, form_text).count("\n") > 20, "the form rewrote the whole file"
    at = base.splitlines().index(f'  phone: "{old_phone}"') + 1
    assert unified(base, restored(form_text, base)) == (
        "--- \n+++ \n"
        f"@@ -{at} +{at} @@\n"
        f'-  phone: "{old_phone}"\n'
        f'+  phone: "{new_phone}"\n')


@pytest.mark.parametrize("name", RECORDS)
def test_a_form_save_that_changes_nothing_leaves_every_record_as_it_is(name):
    base = sample(name)
    assert restored(decap(meaning(base)), base) == base


def test_the_modeline_is_put_back_once():
    base = GOOD_RECORD  # no modeline
    assert restored(decap(meaning(base)), base) == MODELINE + "\n" + base
    with_it = MODELINE + "\n" + base
    assert restored(decap(meaning(with_it)), with_it) == with_it


# -- a new record: no version in git ------------------------------------------------------------

NEW_RECORD_FROM_THE_FORM = """\
name:
  vi: Miến dong Tân Phong
  en: ''
id: LC-0016
unit: phuong-tan-phong
product_set: 6
code: ''
producer:
  phone: '0213 3876 543'
  name: Hợp tác xã Miến dong
  kind: cooperative
  address: Phường Tân Phong
  email: ''
description:
  vi: |-
    Miến làm từ củ dong riềng.
    Phơi nắng tự nhiên.
images: []
sales:
  - url: https://example.vn/mien
    name: Gian hàng trực tuyến
evaluations:
  - date: '2026-06-20'
    kind: first
    council: province
    scores:
      C: 20
      A: 30.5
      B: 16
aliases: []
"""


def test_a_new_record_is_written_in_schema_order_in_the_house_layout():
    assert restored(NEW_RECORD_FROM_THE_FORM, None) == (
        "# yaml-language-server: $schema=schema.json\n"
        "id: LC-0016\n"
        "name:\n"
        "  vi: Miến dong Tân Phong\n"
        "product_set: 6\n"
        "unit: phuong-tan-phong\n"
        "producer:\n"
        "  name: Hợp tác xã Miến dong\n"
        "  kind: cooperative\n"
        "  address: Phường Tân Phong\n"
        '  phone: "0213 3876 543"\n'
        "description:\n"
        "  vi: |-\n"
        "    Miến làm từ củ dong riềng.\n"
        "    Phơi nắng tự nhiên.\n"
        "sales:\n"
        "  - name: Gian hàng trực tuyến\n"
        "    url: https://example.vn/mien\n"
        "evaluations:\n"
        "  - date: 2026-06-20\n"
        "    council: province\n"
        "    kind: first\n"
        "    scores:\n"
        "      A: 30.5\n"
        "      B: 16\n"
        "      C: 20\n")


# -- what the form writes for "nothing" -------------------------------------------------------

def test_emptied_optional_fields_are_dropped_and_required_ones_kept_for_validate():
    form = meaning(GOOD_RECORD)
    form["code"] = ""  # optional
    form["story"] = {"vi": ""}  # optional, every field of it empty
    form["images"] = []  # optional
    form["producer"]["email"] = "  "  # optional, blank
    form["producer"]["address"] = ""  # required: kept, so that `ocop validate` reports it (SP111)
    form["sales"][1]["url"] = ""  # optional inside a list item
    text = restored(decap(form), GOOD_RECORD)
    assert unified(GOOD_RECORD, text) == (
        "--- \n+++ \n"
        "@@ -0,0 +1 @@\n"
        "+# yaml-language-server: $schema=schema.json\n"
        "@@ -2 +2,0 @@\n"
        '-code: "12-105-03409-1-2024"\n'
        "@@ -11 +11 @@\n"
        "-  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu\n"
        "+  address: ''\n"
        "@@ -13 +12,0 @@\n"
        "-  email: htxchesanthang@example.vn\n"
        "@@ -18,2 +16,0 @@\n"
        "-story:\n"
        "-  vi: Người Dao ở San Thàng truyền nhau cách sao chè từ đời ông bà.\n"
        "@@ -24 +20,0 @@\n"
        "-    url: https://example.vn/che-san-thang\n")


def test_nfd_text_from_the_form_is_written_nfc():
    form = meaning(GOOD_RECORD)
    form["name"]["vi"] = "Chè Shan tuyết cổ thụ Sàn Thàng"
    form_text = unicodedata.normalize("NFD", decap(form))
    assert form_text != unicodedata.normalize("NFC", form_text)
    for base in (GOOD_RECORD, None):
        text = restored(form_text, base)
        assert text == unicodedata.normalize("NFC", text)
        assert "  vi: Chè Shan tuyết cổ thụ Sàn Thàng\n" in text
    nfd_base = unicodedata.normalize("NFD", GOOD_RECORD)  # an old text in NFD: unchanged values become NFC too
    assert restored(decap(meaning(GOOD_RECORD)), nfd_base) == MODELINE + "\n" + GOOD_RECORD


# -- keys removed and added, in schema position ---------------------------------------------------

def test_a_revocation_deleted_in_the_form_is_removed():
    base = sample("LC-0007.yaml")
    form = meaning(base)
    del form["revocation"]
    assert unified(base, restored(decap(form), base)) == (
        "--- \n+++ \n"
        "@@ -53,7 +52,0 @@\n"
        "-revocation:\n"
        "-  decision: 318/QĐ-UBND\n"
        "-  date: 2026-03-10\n"
        "-  ground: đ\n"
        "-  reason:\n"
        "-    vi: Hộ sản xuất đã ngừng may và bán bộ trang phục từ tháng 10/2025.\n"
        "-    en: The household stopped making and selling the costume in October 2025.\n")


def test_a_certificate_appended_and_a_revocation_added_go_where_the_schema_puts_them():
    base = sample("LC-0001.yaml")
    form = meaning(base)
    form["certificates"].append({"decision": "2156/QĐ-UBND", "date": "2026-06-30", "issuer": "UBND tỉnh Lai Châu",
                                 "level": "province", "stars": "4"})
    form["revocation"] = {"decision": "45/QĐ-UBND", "date": "2026-09-01", "ground": "b",
                          "reason": {"vi": "Không duy trì tiêu chuẩn sau kiểm tra."}}
    form["aliases"] = ["LC-0099"]
    form["evaluations"][0]["criteria"] = {"1.1": "3"}  # after minimums_met, its predecessor in the schema
    form["code"] = "12-105-03409-1-2025"
    text = restored(decap(form), base)
    assert unified(base, text) == (
        "--- \n+++ \n"
        "@@ -4 +4 @@\n"
        '-code: "12-105-03409-1-2024"\n'
        "+code: 12-105-03409-1-2025\n"  # a changed value is written as its kind is (a text: plain when it can be)
        "@@ -50,0 +51,2 @@\n"
        "+    criteria:\n"
        '+      "1.1": 3\n'
        "@@ -56,0 +59,5 @@\n"
        "+  - decision: 2156/QĐ-UBND\n"
        "+    date: 2026-06-30\n"
        "+    issuer: UBND tỉnh Lai Châu\n"
        "+    level: province\n"
        "+    stars: 4\n"
        "@@ -72,0 +80,8 @@\n"
        "+revocation:\n"
        "+  decision: 45/QĐ-UBND\n"
        "+  date: 2026-09-01\n"
        "+  ground: b\n"
        "+  reason:\n"
        "+    vi: Không duy trì tiêu chuẩn sau kiểm tra.\n"
        "+aliases:\n"
        "+  - LC-0099\n")


def test_a_comment_above_a_field_stays_when_the_field_before_it_is_deleted():
    base = GOOD_RECORD.replace("unit: san-thang\n", "# đơn vị ghi trên giấy chứng nhận\nunit: san-thang\n")
    form = meaning(base)
    del form["product_set"]
    assert unified(base, restored(decap(form), base)) == (
        "--- \n+++ \n"
        "@@ -0,0 +1 @@\n"
        "+# yaml-language-server: $schema=schema.json\n"
        "@@ -6 +6,0 @@\n"
        "-product_set: 11\n")


def test_a_score_changed_in_the_form_stays_in_its_one_line_group_with_its_comment():
    base = sample("LC-0008.yaml")
    form = meaning(base)
    form["evaluations"][0]["scores"]["B"] = "15.5"
    form["evaluations"][0]["criteria"]["7"] = "2"
    del form["evaluations"][0]["criteria"]["11"]
    assert unified(base, restored(decap(form), base)) == (
        "--- \n+++ \n"
        "@@ -29 +29 @@\n"
        "-    scores: {A: 26, B: 15, C: 21}\n"
        "+    scores: {A: 26, B: 15.5, C: 21}\n"
        "@@ -58 +58 @@\n"
        '-      "7": 1\n'
        '+      "7": 2\n'
        "@@ -62 +61,0 @@\n"
        '-      "11": 2\n')


# -- any change: the meaning is the form's, and what did not change keeps its lines -----------------

_TEXT = st.lists(st.one_of(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                           st.sampled_from(list("\n\t'\":#-[]{}") + ["ệ", "e\u0301", "0912", ": ", " #", "null"])),
                 max_size=12).map("".join)


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path


def _span(document, path, line_count):
    """The lines (0-based) of the old text that hold the value at ``path``, its key's line included."""
    first = (document.key_mark(path) or document.mark(path))[0]
    lines = [(key, document.mark(key)[0]) for key in document.marks]
    lines += [(key, document.key_mark(key)[0]) for key in document.key_marks]
    later = [line for key, line in lines if line > first and key != path]
    return set(range(first - 1, (min(later) - 1) if later else line_count))


def _emptied(form, chosen):
    """The paths changed, and each group that the change left with nothing but empty text: an
    optional field the form leaves empty is dropped (``story: {vi: ''}`` loses its ``story:`` line)."""
    paths = set(chosen)
    for path in chosen:
        for end in range(len(path) - 1, 0, -1):
            group = form
            for part in path[:end]:
                group = group[part]
            if any(group_leaf(group, leaf) != "" for leaf in _leaves(group)):
                break
            paths.add(path[:end])
    return paths


def group_leaf(group, path):
    for part in path:
        group = group[part]
    return group


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(RECORDS), st.data())
def test_random_changes_read_back_as_the_form_saved_them_and_other_lines_keep_their_text(name, data):
    base = sample(name)
    document, _ = read_document(base, name)
    form = copy.deepcopy(document.value)
    leaves = list(_leaves(form))
    chosen = data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=3, unique=True))
    for path in chosen:
        parent = form
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = data.draw(_TEXT)
    import yaml
    form_text = yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=10**6)  # plain block YAML
    text = restored(form_text, base)
    old_lines, new_lines = base.splitlines(), text.splitlines()
    allowed = set().union(*(_span(document, path, len(old_lines)) for path in _emptied(form, chosen)))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    touched = {i for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete") for i in range(i1, i2)}
    assert touched <= allowed, [old_lines[i] for i in sorted(touched - allowed)]


# -- the command, in a git work tree -------------------------------------------------------------

GIT = ("git", "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null")
GIT_ENV = {name: value for name, value in os.environ.items()
           if name not in {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"}}


def git(folder, *args):
    return subprocess.run([*GIT, *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repository(products):
    """products/ in a git work tree, with LC-0001 and LC-0008 committed."""
    for name in ("LC-0001.yaml", "LC-0008.yaml"):
        (products / name).write_text(sample(name), encoding="utf-8")
    git(products.parent, "init", "-q")
    git(products.parent, "add", "products/LC-0001.yaml", "products/LC-0008.yaml")
    git(products.parent, "commit", "-q", "-m", "records")
    return products


def test_format_after_the_form_saved_leaves_only_the_changed_line_in_git_diff(repository, run_ocop):
    form = meaning(sample("LC-0001.yaml"))
    form["producer"]["phone"] = "0912 345 999"
    (repository / "LC-0001.yaml").write_text(decap(form), encoding="utf-8")
    new = dict(meaning(NEW_RECORD_FROM_THE_FORM), id="LC-0016")
    (repository / "LC-0016.yaml").write_text(decap(new), encoding="utf-8")  # untracked: no base

    check = run_ocop("format", "--check")
    assert (check.status, check.out) == (1, (
        "Cần sắp lại products/LC-0001.yaml. / products/LC-0001.yaml would be reformatted.\n"
        "Cần sắp lại products/LC-0016.yaml. / products/LC-0016.yaml would be reformatted.\n\n"
        "2 hồ sơ: 2 cần sắp lại, 0 có lỗi. / 2 records: 2 would be reformatted, 0 with problems.\n"))
    assert "ocop format --products products" in check.err
    assert "  phone: '0912 345 999'\n" in (repository / "LC-0001.yaml").read_text(encoding="utf-8"), \
        "--check writes nothing"

    result = run_ocop("format")
    assert (result.status, result.err) == (0, "")
    assert result.out.startswith("Đã sắp lại products/LC-0001.yaml. / products/LC-0001.yaml reformatted.\n")
    assert git(repository.parent, "diff", "-U0", "--", "products").split("@@", 1)[1] == (
        " -14 +14 @@ producer:\n"
        '-  phone: "0912 345 678"\n'
        '+  phone: "0912 345 999"\n')
    assert (repository / "LC-0016.yaml").read_text(encoding="utf-8") == restored(NEW_RECORD_FROM_THE_FORM, None)
    assert run_ocop("format", "--check").status == 0
    assert run_ocop("format").out == "2 hồ sơ: 0 đã sắp lại, 0 có lỗi. / 2 records: 0 reformatted, 0 with problems.\n"


def test_format_a_named_file_against_another_revision(repository, run_ocop):
    path = repository / "LC-0008.yaml"
    git(repository.parent, "tag", "before")
    path.write_text(sample("LC-0008.yaml").replace("round: 2026-2", "round: 2026-3"), encoding="utf-8")
    git(repository.parent, "commit", "-q", "-am", "round")
    form = meaning(path.read_text(encoding="utf-8"))
    path.write_text(decap(form), encoding="utf-8")
    assert run_ocop("format", "products/LC-0008.yaml", "--base", "before").status == 0
    assert path.read_text(encoding="utf-8") == sample("LC-0008.yaml").replace("round: 2026-2", "round: 2026-3")


@pytest.mark.parametrize("argv, message", [
    (("format", "--base", "nowhere"), "--base: 'nowhere' không phải phiên bản git nào. / --base: 'nowhere' is not a "
                                      "git revision."),
    (("format", "products/units.yaml"), "'products/units.yaml' không phải tệp hồ sơ của thư mục 'products'. / "
                                        "'products/units.yaml' is not a record file of the folder 'products'."),
    (("format", "LC-0001.yaml"), "'LC-0001.yaml' không phải tệp hồ sơ của thư mục 'products'. / 'LC-0001.yaml' is "
                                 "not a record file of the folder 'products'."),
])
def test_format_refuses_what_is_not_a_record_of_the_folder(repository, run_ocop, argv, message):
    (repository.parent / "LC-0001.yaml").write_text(GOOD_RECORD, encoding="utf-8")  # outside the folder
    result = run_ocop(*argv)
    assert (result.status, result.out) == (2, "")
    assert result.err == f"Lỗi cách dùng / Usage error: {message}\nXem / See: ocop format --help\n"


def test_outside_git_every_record_is_formatted_without_a_base_and_the_officer_is_told_once(products, run_ocop):
    (products / "LC-0001.yaml").write_text(decap(meaning(GOOD_RECORD)), encoding="utf-8")
    (products / "LC-0002.yaml").write_text(restored(decap(meaning(GOOD_RECORD)).replace("LC-0001", "LC-0002"), None),
                                           encoding="utf-8")
    result = run_ocop("format")
    assert result.status == 0
    assert result.err.count("không nằm trong kho git") == 1 and "not in a git work tree" in result.err
    assert result.out == ("Đã sắp lại products/LC-0001.yaml. / products/LC-0001.yaml reformatted.\n\n"
                          "2 hồ sơ: 1 đã sắp lại, 0 có lỗi. / 2 records: 1 reformatted, 0 with problems.\n")
    assert (products / "LC-0001.yaml").read_text(encoding="utf-8").startswith(MODELINE + "\nid: LC-0001\ncode: ")


def test_a_record_that_does_not_read_is_reported_and_left_alone(repository, run_ocop):
    broken = "id: LC-0001\nname: {vi: Chè\n"
    (repository / "LC-0001.yaml").write_text(broken, encoding="utf-8")
    result = run_ocop("format")
    assert result.status == 1
    assert result.out.startswith("products/LC-0001.yaml:2:7: lỗi SP003\n")
    assert result.out.endswith("\n\n1 hồ sơ: 0 đã sắp lại, 1 có lỗi. / 1 record: 0 reformatted, 1 with problems.\n")
    assert (repository / "LC-0001.yaml").read_text(encoding="utf-8") == broken


def test_a_link_in_place_of_a_record_is_reported_and_never_followed(repository, run_ocop):
    (repository.parent / "draft.yaml").write_text(decap(meaning(GOOD_RECORD)), encoding="utf-8")
    (repository / "LC-0002.yaml").symlink_to(Path("../draft.yaml"))
    result = run_ocop("format")
    assert result.status == 1
    assert result.out.startswith("products/LC-0002.yaml: lỗi SP018\n")
    assert (repository / "LC-0002.yaml").is_symlink()
    assert (repository.parent / "draft.yaml").read_text(encoding="utf-8") == decap(meaning(GOOD_RECORD))
