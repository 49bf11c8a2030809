"""Hostile records: what a pull request may hold to stall, exhaust or fool the validator.

Records come from pull requests, so every file is hostile until read. Each finding of the security
probe has its case here: aliases hidden from a pattern, numbers Python cannot or should not read,
files over the reading limits, entries that are not regular files, hidden control characters, and
e-mail or web addresses that would break out of an HTML attribute. Each must end in a located
problem (no traceback, no "Lỗi nội bộ"), in bounded time; the worst cases run in a subprocess
limited to 1 GiB of address space, with a timeout, so that none can hang or swap the test run.
"""

import os
import resource
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, TODAY, TODAY_ARG, write_record

from ocop.reading import dataset as datasets
from ocop.reading.convert import SUGGESTED_KEYS, is_email, is_web_address
from ocop.reading.dataset import load_dataset
from ocop.reading.problems import Problem
from ocop.reading.yamltree import RECORD_LIMITS, read_document

VALIDATE = ("validate", "--products", "products", "--today", TODAY_ARG)
SAMPLE = Path(__file__).resolve().parent.parent / "products"
SECONDS = 5  # generous: each case takes milliseconds once refused


def changed(old, new, record=GOOD_RECORD):
    assert record.count(old) == 1, old
    return record.replace(old, new)


def run_timed(run_ocop):
    started = time.monotonic()
    result = run_ocop(*VALIDATE)
    assert time.monotonic() - started < SECONDS
    assert "Traceback" not in result.out + result.err and "Lỗi nội bộ" not in result.err
    return result


def blocks(out):
    return out.split("\n\n")[:-1]


def problems_of(products, name="LC-0001"):
    started = time.monotonic()
    data = load_dataset(products, TODAY, check_images=False, check_history=False)
    assert time.monotonic() - started < SECONDS
    return [p for p in data.problems if p.file.endswith(f"/{name}.yaml")]


def limited():
    """In the child, before exec: at most 1 GiB of address space (a bomb ends in MemoryError, not swap)."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def validate_in_subprocess(cwd, timeout=60):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", "import sys, ocop.cli; sys.exit(ocop.cli.main(sys.argv[1:]))", *VALIDATE],
        cwd=cwd, preexec_fn=limited, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "OCOP_DEBUG": ""})
    return result, time.monotonic() - started


FIX_SP010 = ("  Cách sửa: viết đầy đủ giá trị tại chỗ thay cho '*…'. / Fix: write the value out in full instead of '*…'.")
SP010_TEXT = ("  Không dùng tham chiếu YAML (&neo / *tham-chiếu) trong hồ sơ."
              " / YAML anchors and aliases (&anchor / *alias) are not allowed in records.\n" + FIX_SP010)
FIX_SP017 = ("  Cách sửa: một hồ sơ thật chỉ vài KB, sâu vài mức và có vài trăm trường: kiểm tra tệp có bị dán nhầm"
             " nội dung khác không và xoá phần thừa. / Fix: a real record is a few KB, a few levels deep, with a few"
             " hundred fields: check whether something else was pasted into the file and delete what does not belong.")
FIX_SP018 = ("  Cách sửa: xoá '{name}'; nếu cần hồ sơ này, đặt vào đây chính tệp hồ sơ (tệp văn bản .yaml thường,"
             " không phải liên kết). / Fix: delete '{name}'; if the record is needed, put the record itself here (a"
             " plain .yaml text file, not a link).")


def alias_bomb():
    """Nine lines, ~860 bytes, standing for 10^9 values; every alias right after a colon in braces,
    where the old pattern on the text did not look."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} {{" + ",".join(f'"k{j}":*a{i - 1}' for j in range(10)) + "}" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


# -- 1. aliases, wherever they stand ----------------------------------------------------------------

@pytest.mark.parametrize("text, column", [
    ('  address: &dia-chi Bản Lùng Thàng\n  website: {"k":*dia-chi}\n', 17),  # after a colon in braces
    ('  address: &dia-chi Bản Lùng Thàng\n  website: [*dia-chi]\n', 13),
    ('  address: &dia-chi Bản Lùng Thàng\n  ? *dia-chi\n  : x\n', 5),  # an alias as a key
], ids=["colon-in-braces", "in-brackets", "as-a-key"])
def test_an_alias_anywhere_is_refused_before_composing(products, run_ocop, text, column):
    write_record(products, "LC-0001", changed(
        "  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu\n", "").replace(
        "  website: https://example.vn\n", text))
    result = run_timed(run_ocop)
    assert blocks(result.out) == [f"products/LC-0001.yaml:14:{column}: lỗi SP010\n" + SP010_TEXT]


def test_an_alias_bomb_in_braces_is_refused_at_once(products, run_ocop):
    write_record(products, "LC-0001", alias_bomb())
    result = run_timed(run_ocop)
    found = blocks(result.out)
    assert found[0] == "products/LC-0001.yaml:2:15: lỗi SP010\n" + SP010_TEXT
    assert len(found) == 20, "at most 20 aliases are reported: the file is refused already"


# -- 2. numbers: ASCII digits, of a sane length -------------------------------------------------------

def test_a_5000_digit_product_set_is_out_of_range_not_an_internal_error(products, run_ocop):
    write_record(products, "LC-0001", changed("product_set: 11", "product_set: " + "1" * 5000))
    result = run_timed(run_ocop)
    assert blocks(result.out) == [
        "products/LC-0001.yaml:6:14: lỗi SP112 [product_set]\n"
        f"  Giá trị {'1' * 59}… của 'product_set' nằm ngoài khoảng cho phép 1–26."
        f" / Value {'1' * 59}… of 'product_set' is outside the allowed range 1–26.\n"
        "  Cách sửa: sửa thành một số từ 1 đến 26. / Fix: use a number from 1 to 26."]


@pytest.mark.parametrize("old, new, where, code, value, fix", [
    ("product_set: 11", "product_set: ١١", "6:14: lỗi SP105 [product_set]", "SP105", "١١",
     "viết số nguyên, ví dụ 11. / Fix: write a whole number, e.g. 11."),
    ("stars: 3", "stars: ３", "38:12: lỗi SP105 [certificates[0].stars]", "SP105", "３",
     "viết số nguyên, ví dụ 3. / Fix: write a whole number, e.g. 3."),
    ("A: 31.5", "A: ３１.５", "31:17: lỗi SP104 [evaluations[0].scores.A]", "SP104", "３１.５",
     "viết số với dấu chấm thập phân, ví dụ 31.5 (không dùng dấu phẩy). / Fix: write a number with a decimal"
     " point, e.g. 31.5 (no comma)."),
    ("A: 31.5", "A: 31." + "5" * 40, "31:17: lỗi SP104 [evaluations[0].scores.A]", "SP104", "31." + "5" * 40,
     "viết số với dấu chấm thập phân, ví dụ 31.5 (không dùng dấu phẩy). / Fix: write a number with a decimal"
     " point, e.g. 31.5 (no comma)."),
], ids=["arabic-indic-product-set", "full-width-stars", "full-width-score", "score-of-43-characters"])
def test_digits_of_other_scripts_or_too_many_are_not_a_number(products, run_ocop, old, new, where, code, value,
                                                               fix):
    write_record(products, "LC-0001", changed(old, new))
    result = run_timed(run_ocop)
    words = {"SP104": ("không phải là số", "is not a number"), "SP105": ("không phải là số nguyên", "is not a whole number")}
    vi, en = words[code]
    assert blocks(result.out) == [f"products/LC-0001.yaml:{where}\n  '{value}' {vi}. / '{value}' {en}.\n  Cách sửa: {fix}"]


# -- 3. limits: size, depth, values, keys ----------------------------------------------------------

def limit_block(where, what_vi, what_en, value_vi, value_en, limit_vi, limit_en):
    return (f"products/LC-0001.yaml:{where}: lỗi SP017\n"
            f"  Tệp vượt giới hạn: {what_vi} là {value_vi}, tối đa {limit_vi}; tệp không được đọc tiếp."
            f" / The file is over a limit: {what_en} is {value_en}, at most {limit_en}; it is not read further.\n"
            + FIX_SP017)


# The record itself is the first level: the 20th '[' after "x: " is the 21st.
DEPTH = ("số mức lồng nhau (nhóm, danh sách trong nhau) tại đây",
         "the nesting depth here (groups and lists inside one another)", "21", "21", "20", "20")


@pytest.mark.parametrize("text, expected", [
    pytest.param("x: " + "[" * 100_000 + "]" * 100_000 + "\n", limit_block("1:23", *DEPTH), id="flow-100000-deep"),
    pytest.param("x: " + "[" * 25 + "]" * 25 + "\n", limit_block("1:23", *DEPTH), id="flow-25-deep"),
    pytest.param("".join("  " * level + f"k{level}:\n" for level in range(30)), limit_block("21:3", *DEPTH)
                 .replace("21:3", "21:41"), id="block-30-deep"),
    pytest.param("x:\n" + "- v\n" * 20_001, limit_block(
        "19999:3", "số giá trị tính đến đây", "the number of values up to here", "20.001", "20,001", "20.000",
        "20,000"), id="20001-values"),
    pytest.param("".join(f"k{index}: v\n" for index in range(2_500)), limit_block(
        "2001:1", "số trường 'tên: giá trị' tính đến đây", "the number of 'key: value' fields up to here",
        "2.001", "2,001", "2.000", "2,000"), id="2500-keys"),
    pytest.param("story: {vi: " + "x" * 300_000 + "}\n", limit_block(
        "1", "kích thước tệp (byte)", "its size in bytes", "300.014", "300,014", "262.144", "262,144"),
        id="300-kB"),
])
def test_a_file_over_a_limit_is_one_located_problem(products, run_ocop, text, expected):
    write_record(products, "LC-0001", text)
    result = run_timed(run_ocop)
    assert blocks(result.out) == [expected]


def test_the_limits_hold_for_a_text_that_is_not_a_file():
    # `ocop import` and the git history read texts, not files: the same limits apply.
    document, problems = read_document("k: " + "x" * (RECORD_LIMITS.bytes + 1) + "\n", "import")
    assert document is None and [(p.code, p.line, p.params["value_en"]) for p in problems] == [
        ("SP017", 1, "262,149")]


def test_thousands_of_unknown_keys_cost_little_and_only_the_first_get_a_suggestion(products):
    write_record(products, "LC-0001", GOOD_RECORD + "".join(f"stor{index}: x\n" for index in range(1_900)))
    unknown = [p for p in problems_of(products) if p.code == "SP100"]
    assert len(unknown) == 1_900
    assert sum(1 for p in unknown if p.params["hint_en"]) == SUGGESTED_KEYS


def test_raw_html_search_takes_linear_time_on_a_hostile_text(products):
    # '<a<a<a…' and '<!--<!--…' made the raw-HTML pattern quadratic: 40,000 characters took 10 s.
    hostile = "<a" * 50_000 + "<!--" * 25_000
    write_record(products, "LC-0001", changed("  vi: Người Dao ở San Thàng", f"  vi: {hostile} Người Dao ở San Thàng"))
    assert [p.code for p in problems_of(products)] == []


# -- 4. only regular files are read --------------------------------------------------------------------

def test_a_record_linked_to_a_file_of_the_machine_is_refused_and_never_printed(products, run_ocop, tmp_path):
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    secret = "../passwd"
    (products / "LC-0097.yaml").symlink_to(secret)
    result = run_timed(run_ocop)
    assert blocks(result.out) == [
        "products/LC-0097.yaml: lỗi SP018\n"
        f"  Tệp này không phải tệp thường mà là một liên kết tượng trưng (symlink) tới '{secret}', ngoài thư mục"
        f" hồ sơ: nội dung không được đọc. / This is not a regular file but a symbolic link to '{secret}', outside"
        " the records folder: its content is not read.\n" + FIX_SP018.format(name="LC-0097.yaml")]
    assert "root:" not in result.out
    assert result.out.endswith("1 hồ sơ, 1 lỗi, 0 cảnh báo. / 1 record, 1 error, 0 warnings.\n")


def test_a_link_inside_the_folder_is_refused_too(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD)
    (products / "LC-0002.yaml").symlink_to("LC-0001.yaml")
    result = run_timed(run_ocop)
    assert blocks(result.out) == [
        "products/LC-0002.yaml: lỗi SP018\n"
        "  Tệp này không phải tệp thường mà là một liên kết tượng trưng (symlink) tới 'LC-0001.yaml', trong thư mục"
        " hồ sơ: nội dung không được đọc. / This is not a regular file but a symbolic link to 'LC-0001.yaml', inside"
        " the records folder: its content is not read.\n" + FIX_SP018.format(name="LC-0002.yaml")]


def test_dataset_yaml_as_a_link_is_refused(products):
    (products / "dataset.yaml").unlink()
    (products / "dataset.yaml").symlink_to(SAMPLE / "dataset.yaml")
    data = load_dataset(products, TODAY, check_history=False)
    assert [(p.code, p.file) for p in data.problems] == [("SP018", "products/dataset.yaml")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_record_swapped_for_a_fifo_or_a_link_after_the_check_is_refused(products, monkeypatch):
    """Race-safe: the entry is opened with O_NOFOLLOW | O_NONBLOCK and fstat is checked again, so an entry
    that was a regular file at lstat and is now a FIFO or a link is still refused, never waited on."""
    os.mkfifo(products / "LC-0098.yaml")
    (products / "LC-0099.yaml").symlink_to("/dev/zero")
    real_lstat = os.lstat
    fooled = set()

    def lstat_once_regular(path, *args, **kwargs):  # what lstat saw before the swap
        info = real_lstat(path, *args, **kwargs)
        if Path(path).name in ("LC-0098.yaml", "LC-0099.yaml") and Path(path).name not in fooled:
            fooled.add(Path(path).name)
            return os.stat_result((stat.S_IFREG | 0o644, *tuple(info)[1:]))
        return info

    monkeypatch.setattr(os, "lstat", lstat_once_regular)
    for name, kind in (("LC-0098.yaml", "a named pipe (FIFO)"),
                       ("LC-0099.yaml", "a symbolic link to '/dev/zero', outside the records folder")):
        started = time.monotonic()
        data, problem = datasets._read_bytes(products / name, f"products/{name}", RECORD_LIMITS)
        assert time.monotonic() - started < SECONDS
        assert data is None and (problem.code, problem.params["kind_en"]) == ("SP018", kind)
    assert fooled == {"LC-0098.yaml", "LC-0099.yaml"}


@pytest.mark.parametrize("text, found", [
    ('"' + "x" * 200 + '"\n', "x" * 59 + "…"),
    ('"\\e[2J\\e[31mLC-0001"\n', "\\x1b[2J\\x1b[31mLC-0001"),
], ids=["long-scalar", "terminal-escapes"])
def test_a_record_that_is_one_value_is_never_echoed_whole_nor_raw(products, run_ocop, text, found):
    write_record(products, "LC-0001", text)
    result = run_timed(run_ocop)
    assert blocks(result.out) == [
        "products/LC-0001.yaml:1:1: lỗi SP006\n"
        f"  Hồ sơ phải là một nhóm trường 'tên: giá trị', nhưng gặp giá trị '{found}'."
        f" / A record must be a group of 'key: value' fields, but found the value '{found}'.\n"
        "  Cách sửa: bắt đầu tệp bằng 'id: ...' rồi các trường khác, mỗi trường một dòng."
        " / Fix: start the file with 'id: ...' and the other fields, one per line."]
    assert "\x1b" not in result.out


# -- 5. control characters and bidi overrides ---------------------------------------------------------

def control_block(where, char, name, position):
    return (f"products/LC-0001.yaml:{where}: lỗi SP114 [certificates[0].issuer]\n"
            f"  Giá trị có ký tự điều khiển ẩn {char} ({name}) ở ký tự thứ {position}: ký tự này không hiện ra nhưng"
            f" làm hỏng trang web và nguồn tin. / The value holds the hidden control character {char} ({name}) at"
            f" character {position}: it does not show, but it breaks the site and its feed.\n"
            "  Cách sửa: xoá ký tự đó (thường do dán văn bản từ nơi khác, hoặc do mã thoát như \\e, \\x0b trong"
            " ngoặc kép) và gõ lại phần chữ quanh nó nếu cần. / Fix: delete it (it usually comes from pasted text,"
            " or from an escape such as \\e or \\x0b inside double quotes) and retype the text around it if need be.")


@pytest.mark.parametrize("issuer, char, name, position", [
    ('"UBND\\e[31m thành phố Lai Châu"', "U+001B", "ESCAPE", 5),
    ('"UBND thành phố\\x0bLai Châu"', "U+000B", "LINE TABULATION", 15),
    ('"UBND thành phố Lai Châu\\b\\b\\b\\bHà Nội"', "U+0008", "BACKSPACE", 24),
    ('"\\u202eUBND thành phố Lai Châu"', "U+202E", "RIGHT-TO-LEFT OVERRIDE", 1),
    ('"UBND \\u2066thành phố Lai Châu"', "U+2066", "LEFT-TO-RIGHT ISOLATE", 6),
    ('"UBND\\ufeff thành phố Lai Châu"', "U+FEFF", "ZERO WIDTH NO-BREAK SPACE", 5),
    ('"UBND thành phố Lai Châu\\uffff"', "U+FFFF", "CONTROL", 24),
    ('"UBND thành phố\\nLai Châu"', "U+000A", "LINE FEED", 15),  # a new line is for Markdown texts only
    ('"UBND\\x85thành phố Lai Châu"', "U+0085", "NEXT LINE", 5),
], ids=["escape", "vertical-tab", "backspace", "rtl-override", "ltr-isolate", "bom-inside", "non-character",
        "new-line-in-a-one-line-text", "c1-next-line"])
def test_a_control_character_in_a_text_is_located_and_never_printed(products, run_ocop, issuer, char, name,
                                                                     position):
    write_record(products, "LC-0001", changed("issuer: UBND thành phố Lai Châu", f"issuer: {issuer}"))
    result = run_timed(run_ocop)
    assert blocks(result.out) == [control_block("36:13", char, name, position)]
    assert not any(c in result.out for c in "\x1b\x0b\x08\u202e\u2066\ufeff\uffff\x85")


def test_a_control_character_in_a_date_or_a_choice_is_refused_by_its_own_check_and_shown_escaped(products, run_ocop):
    write_record(products, "LC-0001", changed("date: 2024-06-28", 'date: "2024-06-28\\e[8m"', changed(
        "kind: cooperative", 'kind: "cooperative\\u202c"')))
    result = run_timed(run_ocop)
    found = blocks(result.out)
    assert [block.split("\n")[0] for block in found] == [
        "products/LC-0001.yaml:10:9: lỗi SP106 [producer.kind]", "products/LC-0001.yaml:35:11: lỗi SP102 [certificates[0].date]"]
    assert "Giá trị 'cooperative\\u202c' không được phép cho 'kind'." in found[0]
    assert "Ngày '2024-06-28\\x1b[8m' không hợp lệ." in found[1]
    assert "\x1b" not in result.out and "\u202c" not in result.out


def test_tabs_and_new_lines_in_markdown_and_direction_marks_are_allowed(products):
    write_record(products, "LC-0001", changed(
        "  vi: Người Dao ở San Thàng truyền nhau cách sao chè từ đời ông bà.",
        '  vi: "Người Dao ở San Thàng\\ttruyền nhau\\ncách sao chè từ đời ông bà \\u200fאב\\u200e."'))
    assert problems_of(products) == []


def test_every_message_shows_control_characters_escaped():
    # Whatever reaches a message (a value, a file name, a field path) is shown escaped: one place, Problem.
    problem = Problem("SP106", "products/LC-\x1b]0;x\x07.yaml", 7, 7, "producer.\u202ekind",
                      {"value": "\x1b[2Jhợp tác xã\u202e", "key": "kind", "allowed": "a", "hint_vi": "", "hint_en": ""})
    text = problem.text()
    assert text.startswith("products/LC-\\x1b]0;x\\x07.yaml:7:7: lỗi SP106 [producer.\\u202ekind]\n")
    assert "'\\x1b[2Jhợp tác xã\\u202e'" in text
    assert not any(char in text for char in "\x1b\x07\u202e")
    assert "\x1b" not in str(problem.as_dict()["message"])


def test_a_file_name_with_terminal_escapes_is_printed_escaped(products, run_ocop):
    write_record(products, "LC-0001\x1b[2J", GOOD_RECORD)
    result = run_timed(run_ocop)
    assert "\x1b" not in result.out
    assert "products/LC-0001\\x1b[2J.yaml:1:5: lỗi SP201 [id]" in result.out


# -- 6. e-mail and web addresses that cannot break out of a link ---------------------------------------

def test_an_email_or_website_with_markup_is_refused(products, run_ocop):
    write_record(products, "LC-0001", changed("htxchesanthang@example.vn", '"\\"><script>alert(1)</script>@x.vn"',
                                              changed("website: https://example.vn",
                                                      'website: "https://example.vn/\\"><script>alert(1)</script>"')))
    result = run_timed(run_ocop)
    assert blocks(result.out) == [
        "products/LC-0001.yaml:13:10: lỗi SP109 [producer.email]\n"
        "  Thư điện tử '\"><script>alert(1)</script>@x.vn' không hợp lệ."
        " / Email '\"><script>alert(1)</script>@x.vn' is not valid.\n"
        "  Cách sửa: viết dạng ten@mien.vn, ví dụ htx@example.vn. / Fix: write it as name@domain, e.g. htx@example.vn.",
        "products/LC-0001.yaml:14:12: lỗi SP108 [producer.website]\n"
        "  Địa chỉ web 'https://example.vn/\"><script>alert(1)</script>' không hợp lệ."
        " / Web address 'https://example.vn/\"><script>alert(1)</script>' is not valid.\n"
        "  Cách sửa: viết đầy đủ, bắt đầu bằng https://, ví dụ https://example.vn/san-pham."
        " / Fix: write the full address starting with https://, e.g. https://example.vn/product."]


@pytest.mark.parametrize("email, valid", [
    ("htxchesanthang@example.vn", True), ("baocao-ocop@example.vn", True), ("a.b+ocop@sub.example.com.vn", True),
    ("o'neil@example.vn", True), ("htx@chè-san-thàng.vn", True),
    ("htx@example", False), ("h tx@example.vn", False), ("htx@@example.vn", False), (".htx@example.vn", False),
    ("htx.@example.vn", False), ("h..tx@example.vn", False), ('"htx"@example.vn', False), ("<htx>@example.vn", False),
    ("htx@-example.vn", False), ("htx@example..vn", False), ("htx@example.123", False), ("htx@[1.2.3.4]", False),
    ("htx@example.vn>", False),
])
def test_the_email_check_is_a_conservative_address(email, valid):
    assert is_email(email) is valid


@pytest.mark.parametrize("url, valid", [
    ("https://example.vn", True), ("http://example.vn/a?b=c&d=e#f", True), ("HTTPS://Example.VN", True),
    ("https://example.vn:8080/p", True), ("https://example.vn/chè-san-thàng", True), ("https://xn--ch-qja.vn/", True),
    ("https://example.vn/a%20b", True),
    ("ftp://example.vn", False), ("javascript:alert(1)//example.vn", False), ("https://localhost/x", False),
    ("example.vn", False), ("https://example.vn/a b", False), ("https://example.vn/<b>", False),
    ("https://example.vn/'x'", False), ("https://example.vn/`x`", False), ("https://example.vn/{x}", False),
    ("https://example.vn/a|b", False), ("https://example.vn/a\\b", False), ("https://example.vn/^", False),
    ("https://user@example.vn/", False), ("https://bank.vn@example.com/", False), ("https://1.2.3.4/", False),
    ("https://[::1]/", False), ("https://example.vn:99999/", False), ("https://[example.vn", False),
    ("https://-example.vn/", False),
])
def test_the_web_address_check_allows_only_links_that_stay_links(url, valid):
    assert is_web_address(url) is valid


def test_every_sample_record_is_still_valid():
    data = load_dataset(SAMPLE, TODAY, check_history=False)
    assert data.errors == []


# -- the worst cases, together, in a subprocess of 1 GiB ------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "darwin", reason="needs FIFOs and RLIMIT_AS")
def test_the_worst_cases_cost_little_time_and_memory(tmp_path):
    folder = tmp_path / "products"
    folder.mkdir()
    (folder / "dataset.yaml").write_text("locality: {vi: thành phố Lai Châu, en: Lai Chau city}\n", encoding="utf-8")
    write_record(folder, "LC-0101", alias_bomb())
    write_record(folder, "LC-0102", "product_set: " + "1" * 5000 + "\n")
    write_record(folder, "LC-0103", "".join(f"k{index:06d}: v\n" for index in range(160_000)))
    (folder / "LC-0104.yaml").symlink_to("/dev/zero")
    write_record(folder, "LC-0105", b"story: {vi: " + b"x" * (10 * 1024 * 1024) + b"}\n")
    write_record(folder, "LC-0106", "x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    os.mkfifo(folder / "LC-0107.yaml")  # opening it for reading without O_NONBLOCK would wait for ever
    result, seconds = validate_in_subprocess(tmp_path)
    assert "Traceback" not in result.stderr and "Lỗi nội bộ" not in result.stderr, result.stderr
    assert result.returncode == 1
    headers = [block.split("\n")[0] for block in blocks(result.stdout)]
    assert [h for h in headers if "SP101" not in h and "SP010" not in h] == [
        "products/LC-0102.yaml:1:14: lỗi SP112 [product_set]",
        "products/LC-0103.yaml:23832: lỗi SP017",
        "products/LC-0104.yaml: lỗi SP018",
        "products/LC-0105.yaml:1: lỗi SP017",
        "products/LC-0106.yaml:1:23: lỗi SP017",
        "products/LC-0107.yaml: lỗi SP018",
    ]
    assert headers.count("products/LC-0101.yaml:2:15: lỗi SP010") == 1
    assert "a named pipe (FIFO)" in result.stdout and "a symbolic link to '/dev/zero'" in result.stdout
    assert seconds < 15, "a Python start and the country's units take ~1.5 s; the files themselves milliseconds"
