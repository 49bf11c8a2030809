"""The officers' commands, run in-process (``ocop.cli.main``) on a copy of the sample data, always
with ``--today``: JSON shapes and values, the text tables, exit codes, help with examples, the
sample data's coverage, and a README that documents every command and every problem code."""

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from ocop import cli
from ocop.reading.dataset import load_dataset
from ocop.reading.problems import CATALOGUE
from ocop.rules.certificates import STATUSES, status_on
from ocop.rules.product_sets import product_set

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "products"
TODAY = "2026-11-28"

RANK_KEYS = ["id", "rules", "council", "date", "score", "band", "stars", "minimums_checked", "certifiable",
             "forward_to"]
EXPIRY_KEYS = ["id", "decision", "date", "expires", "days_left", "status"]


# -- helpers -------------------------------------------------------------------------------------

@pytest.fixture
def sample(tmp_path):
    """A copy of the repository's ``products/`` (with its photos) that a test may change."""
    folder = tmp_path / "products"
    shutil.copytree(SAMPLE, folder)
    return folder


def run(capsys, *argv):
    """``ocop <argv…>`` in-process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--format", "json")
    return status, json.loads(out), err


def break_a_record(folder):
    """Add a record with an error (an impossible date) beside the sample."""
    text = (folder / "LC-0014.yaml").read_text(encoding="utf-8")
    text = text.replace("id: LC-0014", "id: LC-0099").replace("date: 2023-06-02", "date: 2023-06-31")
    (folder / "LC-0099.yaml").write_text(text, encoding="utf-8")


# -- ocop rank -------------------------------------------------------------------------------------

def test_rank_json_rows_and_keys(capsys, sample):
    status, rows, err = run_json(capsys, "rank", "--products", sample, "--today", TODAY)
    assert status == 0 and err == ""
    assert isinstance(rows, list) and len(rows) == len(list(sample.glob("LC-*.yaml")))
    for row in rows:
        assert list(row) == RANK_KEYS, row
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["LC-0001"] == {
        "id": "LC-0001", "rules": "qd148-2023", "council": "district", "date": "2024-06-20", "score": 70.75,
        "band": 4, "stars": 3, "minimums_checked": True, "certifiable": True, "forward_to": None,
    }
    assert by_id["LC-0013"]["forward_to"] == "central"
    assert (by_id["LC-0013"]["stars"], by_id["LC-0013"]["score"]) == (5, 91.25)
    assert by_id["LC-0011"]["score"] is None and by_id["LC-0011"]["stars"] is None
    assert by_id["LC-0011"]["rules"] is None and by_id["LC-0011"]["forward_to"] is None
    assert by_id["LC-0002"]["stars"] == 4 and by_id["LC-0002"]["rules"] == "qd148-1489-2025"  # filed before 22/05/2026
    assert by_id["LC-0003"]["rules"] == "qd1048-2019"


def test_rank_text_table(capsys, sample):
    status, out, err = run(capsys, "rank", "--products", sample, "--today", TODAY)
    assert status == 0
    header = out.splitlines()[0]
    for word in ("Mã", "Ngày chấm", "Hội đồng", "Điểm", "Sao", "Chuyển lên"):
        assert word in header
    line = next(line for line in out.splitlines() if line.startswith("LC-0001"))
    assert "20/06/2024" in line and "70.75" in line and "huyện" in line
    line = next(line for line in out.splitlines() if line.startswith("LC-0013"))
    assert "trung ương" in line
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", out)


# -- ocop expiry ----------------------------------------------------------------------------------

def test_expiry_json_rows_and_keys(capsys, sample):
    status, rows, err = run_json(capsys, "expiry", "--products", sample, "--today", TODAY)
    assert status == 0 and err == ""
    for row in rows:
        assert list(row) == EXPIRY_KEYS, row
    by_id = {row["id"]: row for row in rows}
    assert by_id["LC-0001"] == {"id": "LC-0001", "decision": "1234/QĐ-UBND", "date": "2024-06-28",
                                "expires": "2027-06-28", "days_left": 212, "status": "valid"}
    assert by_id["LC-0002"]["decision"] == "902/QĐ-UBND"  # the newer certificate, not the superseded one
    assert by_id["LC-0007"]["status"] == "revoked"
    assert by_id["LC-0008"] == {"id": "LC-0008", "decision": None, "date": None, "expires": None,
                                "days_left": None, "status": "candidate"}
    days = [row["days_left"] for row in rows]
    known = [d for d in days if d is not None]
    assert known == sorted(known) and days[len(known):] == [None] * (len(days) - len(known))


def test_expiry_text_table_sorted_by_days_left_with_vietnamese_headers_and_dates(capsys, sample):
    status, out, err = run(capsys, "expiry", "--products", sample, "--today", TODAY)
    assert status == 0
    lines = out.splitlines()
    assert "28/11/2026" in lines[0]
    header_index = next(i for i, line in enumerate(lines) if line.startswith("Mã"))
    header = lines[header_index]
    for word in ("Mã", "Quyết định", "Ngày cấp", "Hết hạn", "Còn (ngày)", "Trạng thái"):
        assert word in header
    rows = [line for line in lines[header_index + 2:] if line.strip()]
    assert len(rows) == len(list(Path(sample).glob("LC-*.yaml")))
    days = []
    for line in rows:
        match = re.search(r"\s(-?\d+|—)\s{2,}\S", line)
        assert match, line
        days.append(None if match.group(1) == "—" else int(match.group(1)))
    known = [d for d in days if d is not None]
    assert known == sorted(known) and days[len(known):] == [None] * (len(days) - len(known))
    assert rows[0].startswith("LC-0011")  # expired the longest ago
    lc1 = next(line for line in rows if line.startswith("LC-0001"))
    assert "28/06/2024" in lc1 and "28/06/2027" in lc1 and "còn hiệu lực" in lc1
    for word in ("sắp hết hạn", "đã hết hạn", "đã bị thu hồi", "chưa có giấy chứng nhận"):
        assert word in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", out)


# -- exit codes -----------------------------------------------------------------------------------

def test_validate_clean_sample_exits_0(capsys, sample):
    status, out, err = run(capsys, "validate", "--products", sample, "--today", TODAY)
    assert status == 0
    assert f"{len(list(Path(sample).glob('LC-*.yaml')))} hồ sơ, 0 lỗi" in out


def test_validate_json(capsys, sample):
    status, data, err = run_json(capsys, "validate", "--products", sample, "--today", TODAY)
    assert status == 0
    records = len(list(Path(sample).glob("LC-*.yaml")))
    assert (data["today"], data["records"], data["errors"]) == (TODAY, records, 0)
    assert data["warnings"] == len(data["problems"]) > 0
    assert {p["code"] for p in data["problems"]} <= {"SP301", "SP302"}


def test_validate_strict_with_warnings_exits_1(capsys, sample):
    status, out, err = run(capsys, "validate", "--strict", "--products", sample, "--today", TODAY)
    assert status == 1


def test_validate_strict_without_warnings_exits_0(capsys, sample):
    for path in sample.glob("LC-*.yaml"):
        if path.stem not in ("LC-0001", "LC-0002"):
            path.unlink()
    status, out, err = run(capsys, "validate", "--strict", "--products", sample, "--today", TODAY)
    assert status == 0, out


@pytest.mark.parametrize("command", ["validate", "rank", "expiry"])
def test_a_record_with_an_error_exits_1(capsys, sample, command):
    break_a_record(sample)
    status, out, err = run(capsys, command, "--products", sample, "--today", TODAY)
    assert status == 1
    if command == "validate":
        assert "SP102" in out and "LC-0099.yaml" in out
    else:  # the bad record is left out of the list, and the officer is told so
        assert "LC-0099" not in out
        assert "LC-0099.yaml" in err


@pytest.mark.parametrize("argv", [
    ["rank", "--products", "{missing}", "--today", TODAY],
    ["validate", "--products", "{missing}", "--today", TODAY],
    ["rank", "--today", "28/11/2026"],
    ["rank", "--today", "2026-02-30"],
    ["rank", "--today", TODAY, "--format", "xml"],
    ["rank", "--today", TODAY, "--no-such-option"],
    ["publish", "--today", TODAY],
    ["--today", TODAY],
    [],
])
def test_usage_and_io_errors_exit_2(capsys, tmp_path, argv):
    argv = [a.replace("{missing}", str(tmp_path / "missing")) for a in argv]
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert "Traceback" not in out + err


def test_a_file_in_place_of_the_folder_exits_2(capsys, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    status, out, err = run(capsys, "rank", "--products", tmp_path / "file", "--today", TODAY)
    assert status == 2 and "file" in err


# -- help -----------------------------------------------------------------------------------------

def test_top_level_help_shows_an_example(capsys):
    status, out, err = run(capsys, "--help")
    assert status == 0
    for name in cli.COMMANDS:
        assert name in out
    assert re.search(r"(Ví dụ|Example).*\n\s+ocop \w+", out), out


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_each_command_help_shows_its_example(capsys, name):
    status, out, err = run(capsys, name, "--help")
    assert status == 0
    example = cli.COMMANDS[name].example
    assert example.startswith(f"ocop {name}")
    assert "Ví dụ / Example" in out and example in out
    for option in ("--products", "--today", "--format"):
        assert option in out


# -- the sample data ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_dataset():
    return load_dataset(SAMPLE, date.fromisoformat(TODAY))


def test_sample_data_has_no_errors(sample_dataset):
    assert sample_dataset.errors == []


def test_sample_data_covers_every_status(sample_dataset):
    statuses = {status_on(p, sample_dataset.today).status for p in sample_dataset.products}
    assert statuses == set(STATUSES) == {"valid", "expiring", "expired", "revoked", "withdrawn", "candidate"}


def test_sample_data_is_varied(sample_dataset):
    products = sample_dataset.products
    assert len(products) >= 12
    sets = {p.product_set for p in products}
    assert 26 in sets
    assert len({product_set(n).group.code for n in sets}) >= 4
    assert {c.level for p in products for c in p.certificates} == {"district", "province", "central"}
    kinds = {e.kind for p in products for e in p.evaluations}
    assert {"first", "upgrade", "rerating"} <= kinds
    assert any(len(p.certificates) >= 2 for p in products)  # a superseded certificate


def test_sample_data_says_it_is_illustrative():
    for path in sorted(SAMPLE.glob("LC-*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "minh họa" in text.lower() or "sample data" in text.lower(), path.name
        assert not re.search(r"@(?!example\.vn\b)[\w.-]+", text), path.name
        assert not re.search(r"https?://(?!example\.vn\b)", text), path.name


# -- the README documents every command and every code ----------------------------------------------

def test_readme_documents_every_command_and_every_problem_code():
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    missing_commands = [name for name in cli.COMMANDS if f"ocop {name}" not in text]
    missing_codes = [code for code in CATALOGUE if not re.search(rf"\b{code}\b", text)]
    assert not missing_commands, f"README.md does not show: {', '.join('ocop ' + n for n in missing_commands)}"
    assert not missing_codes, f"README.md does not document: {', '.join(missing_codes)}"
