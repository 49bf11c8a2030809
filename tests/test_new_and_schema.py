"""``ocop new`` (the next id never used, a record that validates as written) and ``ocop schema``
(products/schema.json, generated from ocop/reading/schema.py, that editors check records with)."""

import json
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import GOOD_RECORD, SCRATCH_DATASET, TODAY, TODAY_ARG, write_record
from hypothesis import given
from hypothesis import strategies as st

from ocop.reading.convert import PHONE, PHONE_SEPARATORS
from ocop.reading.dataset import load_dataset
from ocop.reading.jsonschema import MODELINE, PHONE_PATTERN, URL_PATTERN, folder_schema_text, schema_text
from ocop.reading.new_record import PLACEHOLDER, ids_in_git_history
from ocop.rules.certificates import status_on

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "products"
SCHEMA_PATH = SAMPLE / "schema.json"


# -- helpers -------------------------------------------------------------------------------------

class EditorLoader(yaml.SafeLoader):
    """What VS Code's YAML extension hands the schema: YAML 1.2 has no timestamps, so an unquoted
    2024-06-20 stays the string typed (even 2024-13-01, on which yaml.safe_load raises)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def dates_as_text(value):
    """yaml.safe_load's dates back to the YYYY-MM-DD text the editor sees."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def validator(schema=None):
    schema = schema if schema is not None else json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(text, schema=None):
    """The JSON Schema's complaints about a record's text, as 'path: message' lines."""
    instance = yaml.load(text, Loader=EditorLoader)
    return sorted(f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in validator(schema).iter_errors(instance))


def record_with_id(record_id, extra=""):
    return GOOD_RECORD.replace("id: LC-0001", f"id: {record_id}") + extra


def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "-c", "commit.gpgsign=false",
                    "-c", "init.defaultBranch=main", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def clean_git_env(monkeypatch):
    """Git run by a test must see the temporary repository, even when pytest runs inside a git hook."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)


def new(run_ocop, products, *options, name="Miến dong Tân Phong", product_set="6", unit="phuong-tan-phong"):
    argv = ["new", "--products", products, "--today", TODAY_ARG]
    for option, value in (("--name", name), ("--product-set", product_set), ("--unit", unit)):
        if value is not None:
            argv += [option, value]
    return run_ocop(*argv, *options)


# -- ocop schema: the committed file --------------------------------------------------------------

def test_committed_schema_json_is_up_to_date():
    assert SCHEMA_PATH.is_file(), "products/schema.json is missing: run .venv/bin/ocop schema"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == folder_schema_text(SAMPLE, []), \
        "products/schema.json is out of date: run .venv/bin/ocop schema and commit it"


def test_schema_check_passes_on_the_sample(run_ocop):
    result = run_ocop("schema", "--check", "--products", SAMPLE)
    assert (result.status, result.err) == (0, "")
    assert "up to date" in result.out


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_sample_record_points_to_the_schema_on_its_first_line():
    for path in sorted(SAMPLE.glob("LC-*.yaml")):
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == MODELINE, path.name


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("LC-*.yaml")), ids=lambda p: p.name)
def test_sample_records_validate_against_the_schema(path):
    text = path.read_text(encoding="utf-8")
    errors = list(validator().iter_errors(dates_as_text(yaml.safe_load(text))))
    assert [e.message for e in errors] == []
    assert schema_errors(text) == []  # and as the editor sees it, dates as text


def test_every_example_in_the_schema_is_valid_for_its_own_field():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    checked = []

    def walk(node, where):
        if isinstance(node, dict):
            for example in node.get("examples", []):
                bare = {k: v for k, v in node.items() if k != "examples"}
                assert list(validator(bare).iter_errors(example)) == [], (where, example)
                checked.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema, "#")
    assert len(checked) > 30


# -- ocop schema: what it catches and what it lets through ---------------------------------------

def test_good_record_passes_the_schema():
    assert schema_errors(GOOD_RECORD) == []


@pytest.mark.parametrize("line, typo, where", [
    ("product_set: 11", "product_sett: 11", ""),
    ("  address: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu",
     "  adress: Bản Lùng Thàng, xã San Thàng, thành phố Lai Châu", "producer"),
    ("    stars: 3", "    star: 3", "certificates.0"),
])
def test_a_typo_in_a_key_fails_the_schema(line, typo, where):
    assert line in GOOD_RECORD
    errors = schema_errors(GOOD_RECORD.replace(line, typo))
    key = typo.split(":")[0].strip()
    assert any(e.startswith(f"{where}: ") and "Additional properties" in e and f"'{key}'" in e for e in errors), errors


@pytest.mark.parametrize("line, wrong", [
    ("product_set: 11", "product_set: 27"),
    ("unit: san-thang", "unit: san-thangg"),
    ("    stars: 3", "    stars: 6"),
    ("    date: 2024-06-28", "    date: 2024-13-01"),
    ("    date: 2024-06-28", "    date: 28/06/2024"),
    ("  kind: cooperative", "  kind: coop"),
    ('  phone: "0912 345 678"', '  phone: "0912 345"'),
    ("  email: htxchesanthang@example.vn", "  email: htxchesanthang.example.vn"),
    ("  website: https://example.vn", "  website: example.vn"),
    ("id: LC-0001", "id: lc-0001"),
    ("    level: district", "    level: huyen"),
    ("  vi: Chè Shan tuyết cổ thụ San Thàng", '  vi: "  "'),
    ("    scores: {A: 31.5, B: 17, C: 22.25}", "    scores: {A: 31.5, B: 17}"),
])
def test_the_schema_flags_what_ocop_validate_rejects(line, wrong):
    assert line in GOOD_RECORD
    assert schema_errors(GOOD_RECORD.replace(line, wrong)) != []


@pytest.mark.parametrize("line, typed", [
    ("product_set: 11", 'product_set: "11"'),  # quoted number
    ('  phone: "0912 345 678"', "  phone: 0912345678"),  # unquoted: a number for the editor
    ("    scores: {A: 31.5, B: 17, C: 22.25}", '    scores: {A: "31.5", B: 17, C: 22.25}'),
    ("    round: 2024-1", "    round: 2024"),  # a text that looks like a number
    ("    rules: qd148-2023", "    rules:"),  # an optional key left empty
    ("story:\n  vi: Người Dao ở San Thàng truyền nhau cách sao chè từ đời ông bà.\n", "story:\n"),
])
def test_the_schema_accepts_what_ocop_validate_accepts(line, typed, products, run_ocop):
    assert line in GOOD_RECORD
    text = GOOD_RECORD.replace(line, typed)
    assert schema_errors(text) == []
    write_record(products, "LC-0001", text)
    assert run_ocop("validate", "--products", products, "--today", TODAY_ARG).status == 0


@given(st.text(alphabet="0123456789 .-()+", max_size=16))
def test_the_phone_pattern_agrees_with_the_loader(text):
    loader_accepts = bool(PHONE.match(PHONE_SEPARATORS.sub("", text)))
    assert bool(re.search(PHONE_PATTERN, text)) == loader_accepts, text


@pytest.mark.parametrize("url", ["https://example.vn", "http://example.vn/a b", "https://example.vn/che?x=1#y",
                                 "HTTPS://Example.VN", "ftp://example.vn", "https://localhost/x", "example.vn",
                                 "https://user@example.vn:8080/p"])
def test_the_url_pattern_never_flags_what_the_loader_accepts(url, products):
    write_record(products, "LC-0001", GOOD_RECORD.replace("  website: https://example.vn", f"  website: {url}"))
    data = load_dataset(products, TODAY)
    loader_accepts = not any(p.code == "SP108" for p in data.problems)
    if loader_accepts:
        assert re.search(URL_PATTERN, url), url


# -- ocop schema: writing and checking a dataset's schema ----------------------------------------

UNITS_YAML = """\
area: {vi: huyện Tam Đường, en: Tam Duong district}
units:
  - code: binh-lu
    name: {vi: Xã Bình Lư, en: Binh Lu commune}
    kind: xa
"""


def test_schema_follows_the_dataset_units_and_prefix(products, run_ocop):
    (products / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    (products / "dataset.yaml").write_text(SCRATCH_DATASET + "id_prefix: TD\n", encoding="utf-8")
    result = run_ocop("schema", "--products", products)
    assert result.status == 0 and "products/schema.json" in result.out
    schema = json.loads((products / "schema.json").read_text(encoding="utf-8"))
    # No province: the dataset's own codes, or any GSO code (the validator checks it against the data).
    assert schema["properties"]["unit"]["anyOf"] == [{"enum": ["binh-lu"], "enumDescriptions": ["Xã Bình Lư (…–…)"]},
                                                     {"pattern": "^[0-9]{2,5}$"}]
    assert schema["properties"]["id"]["pattern"] == "^TD-[A-Z0-9]+(-[A-Z0-9]+)*$"
    record = GOOD_RECORD.replace("id: LC-0001", "id: TD-0001").replace("unit: san-thang", "unit: binh-lu")
    assert schema_errors(record, schema) == []
    assert schema_errors(GOOD_RECORD, schema) != []  # LC- id and a Lai Châu unit


def test_schema_check_fails_bilingually_when_stale_or_missing(products, run_ocop):
    missing = run_ocop("schema", "--check", "--products", products)
    assert missing.status == 1 and "chưa có" in missing.err and "is missing" in missing.err
    assert run_ocop("schema", "--products", products).status == 0
    assert run_ocop("schema", "--check", "--products", products).status == 0
    path = products / "schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("bộ sản phẩm", "bộ sp"), encoding="utf-8")
    stale = run_ocop("schema", "--check", "--products", products)
    assert stale.status == 1
    assert "đã cũ" in stale.err and "out of date" in stale.err and "ocop schema" in stale.err
    rewritten = run_ocop("schema", "--products", products)
    assert rewritten.status == 0 and path.read_text(encoding="utf-8") == folder_schema_text(products, [])


def test_schema_output_is_deterministic():
    assert schema_text() == schema_text()
    text = schema_text()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


# -- ocop new: the next id --------------------------------------------------------------------------

def test_new_takes_the_number_after_the_highest_id(products, run_ocop):
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    write_record(products, "LC-0003", record_with_id("LC-0003"))
    result = new(run_ocop, products)
    assert result.status == 0, result.err
    assert result.out == "products/LC-0004.yaml\n"  # gaps are never filled: LC-0002 may have existed
    assert (products / "LC-0004.yaml").is_file()


def test_new_skips_ids_named_in_aliases(products, run_ocop):
    write_record(products, "LC-0001", record_with_id("LC-0001", "aliases:\n  - LC-0002\n  - LC-0009\n"))
    assert new(run_ocop, products).out == "products/LC-0010.yaml\n"


def test_new_skips_ids_from_the_git_history(products, run_ocop, clean_git_env):
    root = products.parent
    git(root, "init", "-q")
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    write_record(products, "LC-0002", record_with_id("LC-0002"))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "two records")
    (products / "LC-0002.yaml").unlink()
    git(root, "commit", "-q", "-a", "-m", "LC-0002 deleted")
    # on another branch only: a record that was never merged still owns its id
    git(root, "checkout", "-q", "-b", "draft")
    write_record(products, "LC-0005", record_with_id("LC-0005"))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "draft record")
    git(root, "checkout", "-q", "main")
    assert sorted(p.name for p in products.glob("LC-*.yaml")) == ["LC-0001.yaml"]

    assert ids_in_git_history(products) == ({"LC-0001", "LC-0002", "LC-0005"}, True)
    result = new(run_ocop, products)
    assert result.status == 0
    assert result.out == "products/LC-0006.yaml\n"
    assert "git" not in result.err  # the history was read: no warning


def test_new_says_when_the_history_could_not_be_checked(products, run_ocop, clean_git_env):
    assert ids_in_git_history(products) == (set(), False)  # tmp_path is not in a git work tree
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    result = new(run_ocop, products)
    assert result.status == 0 and result.out == "products/LC-0002.yaml\n"
    assert "không đọc được đầy đủ lịch sử git" in result.err and "could not read the full git history" in result.err


def test_new_follows_the_dataset_prefix(products, run_ocop):
    (products / "dataset.yaml").write_text("id_prefix: TD\n", encoding="utf-8")
    (products / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    result = new(run_ocop, products, unit="binh-lu")
    assert result.out == "products/TD-0001.yaml\n", result.err
    assert run_ocop("validate", "--products", products, "--today", TODAY_ARG).status == 0


def test_new_follows_the_prefix_and_width_most_records_use(products, run_ocop):
    for record_id in ("HX-07", "HX-12", "LC-0001"):
        write_record(products, record_id, record_with_id(record_id))
    assert new(run_ocop, products).out == "products/HX-13.yaml\n"


def test_new_in_an_empty_folder_starts_at_lc_0001(products, run_ocop):
    assert new(run_ocop, products).out == "products/LC-0001.yaml\n"


# -- ocop new: the record it writes ----------------------------------------------------------------

def test_the_new_record_validates_as_a_candidate(products, run_ocop):
    write_record(products, "LC-0001", record_with_id("LC-0001"))
    result = new(run_ocop, products)
    assert result.status == 0
    assert "producer.name" in result.err and "description.vi" in result.err  # placeholders to fill in
    path = products / "LC-0002.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == MODELINE
    assert text.count(PLACEHOLDER) >= 3

    validated = run_ocop("validate", "--products", products, "--today", TODAY_ARG, "--format", "json")
    assert validated.status == 0, validated.out
    problems = json.loads(validated.out)["problems"]
    # Valid as a candidate; what is left to fill in is pointed out, field by field.
    assert {p["code"] for p in problems} == {"SP304"}
    assert {"producer.name", "description.vi"} <= {p["path"] for p in problems}
    data = load_dataset(products, TODAY)
    product = next(p for p in data.products if p.id == "LC-0002")
    assert status_on(product, TODAY).status == "candidate"
    assert (product.name.vi, product.product_set, product.unit) == ("Miến dong Tân Phong", 6, "phuong-tan-phong")
    assert product.producer.kind == "cooperative"
    assert schema_errors(text) == []  # and the editor agrees


def test_the_new_record_explains_every_field(products, run_ocop):
    new(run_ocop, products)
    text = (products / "LC-0001.yaml").read_text(encoding="utf-8")
    for comment in ("# mã sản phẩm, bắt buộc", "# bộ sản phẩm (1–26): thiếu thì ocop validate cảnh báo (SP309)",
                    "# chủ thể, bắt buộc / producer, required", "# các quyết định công nhận / recognition decisions",
                    "# certificates:", "#     stars: 3  # số sao, bắt buộc / stars"):
        assert comment in text
    assert "product_set: 6  # Chế biến từ gạo, ngũ cốc" in text
    assert "unit: phuong-tan-phong  # Phường Tân Phong" in text


def test_uncommenting_an_example_block_keeps_the_record_valid_yaml(products, run_ocop):
    new(run_ocop, products)
    path = products / "LC-0001.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^# sales:\n(?:^#  .*\n)+", text, re.M).group(0)
    uncommented = "".join(line[2:] + "\n" for line in block.splitlines())
    path.write_text(text.replace(block, uncommented), encoding="utf-8")
    data = load_dataset(products, TODAY)
    assert data.errors == []
    assert data.products[0].sales[0].name == "Cửa hàng giới thiệu sản phẩm OCOP"


def test_new_with_every_option_writes_no_placeholder(products, run_ocop):
    name = 'Rượu "ngô": men lá #1'  # needs quoting in YAML
    result = new(run_ocop, products, "--producer", "Hộ kinh doanh Lò Văn A", "--producer-kind", "household",
                 "--address", "Tổ 5, phường Đoàn Kết", "--description", "Rượu ngô nấu bằng men lá.",
                 name=name, product_set="14", unit="phuong-doan-ket")
    assert result.status == 0 and "Còn phải điền" not in result.err and "Still to fill in" not in result.err
    text = (products / "LC-0001.yaml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if PLACEHOLDER in line and not line.lstrip().startswith("#")] == []
    assert "kiểm tra lại" not in text  # the kind was given: nothing to check
    product = load_dataset(products, TODAY).products[0]
    assert product.name.vi == name
    assert (product.producer.name, product.producer.kind) == ("Hộ kinh doanh Lò Văn A", "household")
    assert run_ocop("validate", "--products", products, "--today", TODAY_ARG).status == 0


def test_new_json_output(products, run_ocop, clean_git_env):
    result = new(run_ocop, products, "--format", "json")
    assert result.status == 0
    assert json.loads(result.out) == {
        "id": "LC-0001", "path": "products/LC-0001.yaml", "history_checked": False, "errors": [],
        "placeholders": ["producer.name", "producer.address", "description.vi"]}


# -- ocop new --registered: the first dossier ----------------------------------------------------

FIRST_DOSSIER_LINES = (
    "dossiers:\n"
    "  - kind: first  # loại hồ sơ, bắt buộc: first | upgrade | rerating / kind of dossier\n"
    "    registered: 2026-06-28  # ngày tiếp nhận, bắt buộc / date registered\n")


@pytest.mark.parametrize("typed", ["28/06/2026", "2026-06-28", "28/6/2026"])
def test_registered_opens_the_first_dossier_on_that_day(products, run_ocop, typed):
    result = new(run_ocop, products, "--registered", typed)
    assert (result.status, result.out) == (0, "products/LC-0001.yaml\n"), result.err
    text = (products / "LC-0001.yaml").read_text(encoding="utf-8")
    assert FIRST_DOSSIER_LINES in text
    product = load_dataset(products, TODAY).products[0]
    assert [(d.kind, d.registered, d.returned, d.assessed, d.decided) for d in product.dossiers] == [
        ("first", date(2026, 6, 28), (), None, None)]
    assert status_on(product, TODAY).status == "candidate"  # a dossier is no certificate
    validated = run_ocop("validate", "--products", products, "--today", TODAY_ARG, "--format", "json")
    assert validated.status == 0
    assert {p["code"] for p in json.loads(validated.out)["problems"]} == {"SP304"}  # only the placeholders
    assert schema_errors(text) == []


def test_registered_today_is_accepted(products, run_ocop):
    assert new(run_ocop, products, "--registered", "28/11/2026").status == 0
    assert load_dataset(products, TODAY).products[0].dossiers[0].registered == TODAY


def test_without_registered_the_record_has_no_dossier(products, run_ocop):
    assert new(run_ocop, products).status == 0
    text = (products / "LC-0001.yaml").read_text(encoding="utf-8")
    assert "\ndossiers:" not in text and "\n# dossiers:\n" in text  # only the commented-out example
    assert load_dataset(products, TODAY).products[0].dossiers == []


def test_the_first_dossier_is_written_in_the_house_layout(products, run_ocop, clean_git_env):
    """What the web form saves of it, `ocop format` puts back line for line, comments included."""
    root = products.parent
    git(root, "init", "-q")
    assert new(run_ocop, products, "--registered", "28/06/2026").status == 0
    path = products / "LC-0001.yaml"
    written = path.read_text(encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "LC-0001")
    assert run_ocop("format", "--products", products, "--check").status == 0

    meaning = yaml.load(written, Loader=EditorLoader)  # every value as the text typed, as the form keeps it
    path.write_text(yaml.safe_dump(meaning, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "\ndossiers:\n- kind: first\n  registered: '2026-06-28'\n" in path.read_text(encoding="utf-8")
    formatted = run_ocop("format", "--products", products)
    assert formatted.status == 0, formatted.out
    assert path.read_text(encoding="utf-8") == written


@pytest.mark.parametrize("typed, vi, en", [
    ("31/02/2026", "không hiểu ngày '31/02/2026': viết NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY, ví dụ 28/11/2026 hoặc "
                   "2026-11-28",
     "'31/02/2026' is not a date: write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026 or 2026-11-28"),
    ("hôm qua", "không hiểu ngày 'hôm qua': viết NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY, ví dụ 28/11/2026 hoặc 2026-11-28",
     "'hôm qua' is not a date: write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026 or 2026-11-28"),
    ("2026-11-29", "ngày tiếp nhận 29/11/2026 ở sau hôm nay (28/11/2026): ghi ngày xã, phường đã nhận hồ sơ, muộn "
                   "nhất là hôm nay",
     "the registration date 29/11/2026 is after today (28/11/2026): give the day the commune received the dossier, "
     "today at the latest"),
    ("02/05/2017", "ngày tiếp nhận 02/05/2017 ở trước khi Chương trình OCOP bắt đầu (07/05/2018): kiểm tra năm trên "
                   "giấy tờ",
     "the registration date 02/05/2017 is before the OCOP programme began (07/05/2018): check the year on the "
     "documents"),
])
def test_a_bad_or_future_registration_date_is_a_bilingual_usage_error(products, run_ocop, typed, vi, en):
    result = new(run_ocop, products, "--registered", typed)
    assert (result.status, result.out) == (2, "")
    assert result.err == (f"Lỗi cách dùng / Usage error: --registered: {vi}. / {en}.\n"
                          "Xem / See: ocop new --help\n")
    assert list(products.glob("LC-*.yaml")) == []


def test_a_future_date_is_judged_against_the_today_option(products, run_ocop):
    later = run_ocop("new", "--products", products, "--today", "2026-11-30", "--name", "Miến dong Tân Phong",
                     "--product-set", "6", "--unit", "phuong-tan-phong", "--registered", "29/11/2026")
    assert later.status == 0, later.err
    assert load_dataset(products, date(2026, 11, 30)).products[0].dossiers[0].registered == date(2026, 11, 29)


# -- ocop new: usage errors ---------------------------------------------------------------------

@pytest.mark.parametrize("unit, vi, en", [
    ("phuong-tan-phongg", "'phuong-tan-phongg' không có trong danh sách đơn vị; gần đúng: "
                          "phuong-tan-phong (Phường Tân Phong, tỉnh Lai Châu)",
     "'phuong-tan-phongg' is not a known unit; closest: phuong-tan-phong (Tan Phong ward, Lai Chau province)"),
    ("san-thang", "'san-thang' (Xã San Thàng) không còn hiệu lực ngày 28/11/2026 (…–30/06/2025); "
                  "dùng 'phuong-tan-phong' (Phường Tân Phong)",
     "'san-thang' (San Thang commune) is not in force on 2026-11-28 (…–30/06/2025); "
     "use 'phuong-tan-phong' (Tan Phong ward)"),
])
def test_a_bad_unit_is_a_bilingual_usage_error(products, run_ocop, unit, vi, en):
    result = new(run_ocop, products, unit=unit)
    assert result.status == 2 and result.out == ""
    assert f"Lỗi cách dùng / Usage error: --unit: {vi}. / {en}.\n" in result.err
    assert list(products.glob("LC-*.yaml")) == []


@pytest.mark.parametrize("value", ["0", "27", "abc", "6.5", ""])
def test_a_bad_product_set_is_a_bilingual_usage_error(products, run_ocop, value):
    result = new(run_ocop, products, product_set=value)
    assert result.status == 2
    assert (f"Lỗi cách dùng / Usage error: --product-set: '{value}' không phải bộ sản phẩm: cần một số từ 1 đến 26. / "
            f"'{value}' is not a product set: expected a number from 1 to 26.\n") in result.err
    assert list(products.glob("LC-*.yaml")) == []


def test_missing_options_and_a_wrong_producer_kind_are_bilingual_usage_errors(products, run_ocop):
    result = new(run_ocop, products, name=None, unit=None)
    assert result.status == 2
    assert "--name: cần có tùy chọn này. / this option is required." in result.err
    assert "--unit: cần có tùy chọn này. / this option is required." in result.err
    tourism = new(run_ocop, products, "--producer-kind", "tourism_org", product_set="11")
    assert tourism.status == 2
    assert "'tourism_org' không được tham gia bộ 11" in tourism.err and "may not enter product set 11" in tourism.err
    blank = new(run_ocop, products, "--address", "  ")
    assert blank.status == 2 and "--address: không được để trống. / must not be empty." in blank.err
    assert list(products.glob("LC-*.yaml")) == []
