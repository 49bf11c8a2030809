"""A dataset says who publishes it: any province adopts the catalogue with its own data, no code change.

- ``dataset.yaml`` is read into ``dataset.publisher`` (locality, province, office, report contact,
  logo, sample); a folder without one still builds, with generic words;
- nothing the tool ships names the sample's place (templates, settings, code, scripts);
- ``ocop init`` starts a dataset for a province, which builds at once into a well-formed empty
  catalogue (three provinces: by name, by code, without diacritics);
- a real dataset of another province, with records, a logo and pages of its own, builds with
  nothing of the sample in it: no "Lai Châu", no sample banner, every link leading somewhere.

Each site is built once for the module (a subprocess, as `make html` does).
"""

import ast
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, TODAY_ARG
from PIL import Image
from test_site_build import REPO, SITE, page

import ocop.cli
from ocop.common.text import fold
from ocop.outputs.linkcheck import check_links
from ocop.reading.dataset import load_dataset, read_publisher
from ocop.reading.publisher import NO_PUBLISHER
from ocop.site.publisher_view import publisher_view

BUILD_TIMEOUT = 120
SAMPLE_PLACE = "lai chau"  # folded: "Lai Châu", "LAI CHAU", "Lai Châu" in NFD all fold to it
SAMPLE_BANNER = "Dữ liệu minh họa"


def _pelican() -> str:
    beside = Path(sys.executable).with_name("pelican")
    return str(beside if beside.exists() else REPO / ".venv" / "bin" / "pelican")


def start_build(products: Path, output: Path, cache: Path, **env_extra) -> subprocess.Popen:
    """`make html PRODUCTS=… OUTPUT=…` (and CONTENT=… as OCOP_CONTENT), as a subprocess from the repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_")}
    env.update(OCOP_PRODUCTS=str(products), OCOP_TODAY=TODAY_ARG, OCOP_SITEURL=SITE, OCOP_CACHE_DIR=str(cache),
               **env_extra)
    return subprocess.Popen([_pelican(), "content", "-o", str(output), "-s", "pelicanconf.py"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_build(process: subprocess.Popen):
    out, err = process.communicate(timeout=BUILD_TIMEOUT)
    assert process.returncode == 0, f"build failed:\n{out}\n{err}"
    assert "Traceback" not in out + err


def ocop_run(*argv):
    """``ocop <argv>`` in-process, outside any test's capsys (module fixtures): (status, out, err)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = ocop.cli.main([str(a) for a in argv])
    return status, out.getvalue(), err.getvalue()


def text_files(output: Path):
    """Every file of a built site that is text (pages, data, feeds, styles, scripts, SVG codes)."""
    for path in sorted(output.rglob("*")):
        if path.is_file():
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # PNG, JPEG, WebP


def assert_nothing_of_the_sample(output: Path):
    names, banners = [], []
    for path, text in text_files(output):
        if SAMPLE_PLACE in fold(text):
            names.append(path.relative_to(output).as_posix())
        if SAMPLE_BANNER in text:
            banners.append(path.relative_to(output).as_posix())
    assert names == [], "files that name the sample's place"
    assert banners == [], "files with the sample banner"


# -- nothing the tool ships names the sample's place -----------------------------------------------

SEARCHED = ("ocop", "theme", "pelicanconf.py", "publishconf.py", "scripts", "Makefile")
NOT_SEARCHED = ("ocop/data/",)  # the country's units, shipped as data: every province's name is there


def _shipped_files():
    for name in SEARCHED:
        path = REPO / name
        for file in ([path] if path.is_file() else sorted(path.rglob("*"))):
            relative = file.relative_to(REPO).as_posix()
            if file.is_file() and "__pycache__" not in file.parts and not relative.startswith(NOT_SEARCHED):
                yield relative, file


def _docs_example_lines(text: str) -> set:
    """Lines of ocop/outputs/docs.py holding EXAMPLE_PROBLEMS and the constants it uses: each example is
    the message `ocop validate` prints for the sample record, word for word (tests/test_guide.py), so it
    names the sample's units as the validator does."""
    tree = ast.parse(text)
    assigned = {target.id: node for node in tree.body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    examples = assigned["EXAMPLE_PROBLEMS"]
    used = {node.id for node in ast.walk(examples) if isinstance(node, ast.Name)}
    nodes = [examples] + [assigned[name] for name in sorted(used) if name in assigned]
    return {line for node in nodes for line in range(node.lineno, node.end_lineno + 1)}


def test_no_template_setting_script_or_code_names_the_sample_place():
    offences = []
    for relative, path in _shipped_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        exempt = _docs_example_lines(text) if relative == "ocop/outputs/docs.py" else set()
        lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if number not in exempt]
        offences += [f"{relative}:{number}: {line.strip()}" for number, line in lines if SAMPLE_PLACE in fold(line)]
        joined = fold(" ".join(line for _, line in lines))  # a name broken across two lines
        if SAMPLE_PLACE in joined and not any(o.startswith(relative + ":") for o in offences):
            offences.append(f"{relative}: across a line break")
    assert offences == [], "name the place of the sample dataset (it belongs in products/)"


def test_the_search_folds_case_accents_and_decomposed_text():
    import unicodedata

    for written in ("Lai Châu", "LAI CHÂU", "lai chau", unicodedata.normalize("NFD", "Lai Châu"), "Lai\n  Châu"):
        assert SAMPLE_PLACE in fold(written), repr(written)


def test_the_search_finds_the_shipped_files():
    found = {relative for relative, _ in _shipped_files()}
    assert {"pelicanconf.py", "Makefile", "theme/templates/base.html", "ocop/site/plugin.py",
            "scripts/update_docs.py"} <= found
    assert not any(name.startswith("ocop/data/") for name in found)


# -- dataset.yaml: the publisher -----------------------------------------------------------------


def test_the_sample_dataset_says_who_publishes_it():
    problems = []
    publisher = read_publisher(REPO / "products", problems)
    assert problems == []
    assert (publisher.locality_vi, publisher.locality_en) == ("thành phố Lai Châu", "Lai Chau city")
    assert publisher.province.code == "12" and publisher.province.name_vi == "Tỉnh Lai Châu"
    assert publisher.office.name("vi") == "Phòng Kinh tế thành phố Lai Châu"
    assert publisher.report.phone and publisher.report.email.endswith("@example.vn")
    assert publisher.sample is True and publisher.id_prefix == "LC"
    assert publisher.site_name("vi") == "Sản phẩm OCOP thành phố Lai Châu"
    assert publisher.site_name("en") == "OCOP products of Lai Chau city"


@pytest.mark.parametrize("written", ['"68"', "68", "Lâm Đồng", "tỉnh Lâm Đồng", "lam dong", "TỈNH LÂM ĐỒNG"])
def test_the_province_is_found_by_code_or_name(products, written):
    (products / "dataset.yaml").write_text(f"province: {written}\n", encoding="utf-8")
    dataset = load_dataset(products, TODAY, check_history=False)
    assert dataset.problems == []
    publisher = dataset.publisher
    assert publisher.province.code == "68"
    # Without a locality, the province's name is the locality.
    assert (publisher.locality_vi, publisher.locality_en) == ("tỉnh Lâm Đồng", "Lam Dong province")
    assert publisher.site_name("vi") == "Sản phẩm OCOP tỉnh Lâm Đồng"


def test_a_folder_without_dataset_yaml_uses_generic_words(products):
    (products / "dataset.yaml").unlink()
    dataset = load_dataset(products, TODAY, check_history=False)
    assert [p.code for p in dataset.problems] == ["SP011"]
    assert dataset.publisher == NO_PUBLISHER
    vi, en = publisher_view(dataset.publisher, "vi"), publisher_view(dataset.publisher, "en")
    assert (vi["site_name"], en["site_name"]) == ("Sản phẩm OCOP", "OCOP products")
    assert (vi["locality"], en["locality"]) == ("địa phương", "the locality")
    assert vi["office"] is vi["report"] is vi["logo"] is None and vi["sample"] is False


def test_what_is_still_to_fill_in_is_left_off_the_pages(products):
    (products / "dataset.yaml").write_text(
        "province: \"68\"\noffice:\n  name: {vi: (chưa điền) tên cơ quan}\n"
        "  report: {phone: (chưa điền) số điện thoại, email: ocop@example.vn}\n", encoding="utf-8")
    dataset = load_dataset(products, TODAY, check_history=False)
    assert [(p.code, p.path) for p in dataset.problems] == [("SP015", "office.name.vi"),
                                                             ("SP015", "office.report.phone")]
    view = publisher_view(dataset.publisher, "vi")
    assert view["office"] is None  # no name yet: no footer line
    assert view["report"] == {"phone": None, "tel": None, "email": "ocop@example.vn"}


@pytest.mark.parametrize("file, make, size, shown", [
    ("logo.png", lambda path: Image.new("RGB", (120, 60)).save(path), (120, 60), (80, 40)),
    ("anh/logo.svg", lambda path: path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"/>',
                                                  encoding="utf-8"), (40, 40), (40, 40)),
], ids=["png", "svg-in-a-folder"])
def test_a_logo_is_checked_and_measured(products, file, make, size, shown):
    path = products / file
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    (products / "dataset.yaml").write_text(f"logo: {file}\n", encoding="utf-8")
    dataset = load_dataset(products, TODAY, check_history=False)
    assert dataset.problems == []  # the logo, and the folder it is in, are not "files ignored" (SP009)
    assert (dataset.publisher.logo, dataset.publisher.logo_size) == (file, size)
    logo = publisher_view(dataset.publisher, "vi")["logo"]
    assert (logo["path"], logo["width"], logo["height"]) == ("logo" + Path(file).suffix, *shown)


def test_a_dataset_may_bring_its_own_pages_and_news(products):
    (products / "content" / "pages").mkdir(parents=True)
    dataset = load_dataset(products, TODAY, check_history=False)
    assert dataset.problems == []  # not SP009


# -- ocop init, and the empty catalogue it builds at once --------------------------------------

PROVINCES = {  # what is typed -> (code, locality vi, locality en, id prefix)
    "Lâm Đồng": ("68", "tỉnh Lâm Đồng", "Lam Dong province", "LD"),
    "01": ("01", "thành phố Hà Nội", "Ha Noi city", "HN"),
    "ca mau": ("96", "tỉnh Cà Mau", "Ca Mau province", "CM"),
}


@pytest.fixture(scope="module")
def initialised(tmp_path_factory):
    """Each province: its folder made by `ocop init`, what the command said, and the site built from it."""
    root = tmp_path_factory.mktemp("init")
    made, builds = {}, []
    for typed, (code, *_) in PROVINCES.items():
        folder = root / f"bo-du-lieu-{code}"
        status, out, err = ocop_run("init", "--province", typed, "--products", folder, "--today", TODAY_ARG)
        output = root / f"output-{code}"
        builds.append(start_build(folder, output, root / f"cache-{code}"))  # the three at once
        made[typed] = (folder, (status, out, err), output)
    for process in builds:
        finish_build(process)
    return made


@pytest.mark.parametrize("typed", PROVINCES)
def test_init_writes_the_dataset_of_the_province(initialised, typed):
    folder, (status, out, err), _ = initialised[typed]
    code, locality_vi, locality_en, prefix = PROVINCES[typed]
    assert status == 0
    assert sorted(p.name for p in folder.iterdir()) == ["dataset.yaml", "schema.json"]
    written = out.splitlines()
    assert [Path(line).name for line in written] == ["dataset.yaml", "schema.json"]
    assert all(line.endswith(f"{folder.name}/{Path(line).name}") for line in written)
    assert f"tiền tố mã {prefix}" in err and "Còn phải điền" in err and "office.report.phone" in err
    dataset = load_dataset(folder, TODAY, check_history=False)
    assert dataset.errors == [] and dataset.products == []
    assert {p.code for p in dataset.warnings} == {"SP015"}  # the office's details, to fill in
    publisher = dataset.publisher
    assert (publisher.province.code, publisher.locality_vi, publisher.locality_en) == (code, locality_vi, locality_en)
    assert (publisher.sample, publisher.id_prefix) == (False, prefix)
    assert json.loads((folder / "schema.json").read_text(encoding="utf-8"))["properties"]["id"]["pattern"] \
        .startswith(f"^{prefix}-")


@pytest.mark.parametrize("typed", PROVINCES)
def test_the_new_dataset_builds_an_empty_catalogue_titled_with_the_province(initialised, typed):
    _, _, output = initialised[typed]
    _, locality_vi, locality_en, _ = PROVINCES[typed]
    home, home_en = page(output, "index.html"), page(output, "en/index.html")
    assert home.find("title").text() == f"Sản phẩm OCOP {locality_vi}"
    assert home_en.find("title").text() == f"OCOP products of {locality_en}"
    assert home.find("p", id="count").text() == "0 sản phẩm"
    assert home.find("p", cls="lead").text().startswith(f"Sản phẩm của {locality_vi} được công nhận")
    assert home.find("p", cls="sample") is None
    assert home.find("footer").find("p", cls="publisher") is None  # the office is still to fill in
    data = json.loads((output / "data" / "products.json").read_text(encoding="utf-8"))
    assert data["products"] == [] and data["publisher"]["office"] is None
    assert data["publisher"]["locality"] == {"vi": locality_vi, "en": locality_en}
    for generic in ("gioi-thieu", "chuong-trinh-ocop", "danh-gia-san-pham"):
        assert (output / generic / "index.html").is_file() and (output / "en" / generic / "index.html").is_file()
    assert not (output / "ke-hoach-2024").exists(), "the sample's own pages stay with the sample"
    assert_nothing_of_the_sample(output)
    assert check_links(output, SITE) == []


def test_init_refuses_a_folder_that_has_a_dataset(products, run_ocop):
    result = run_ocop("init", "--province", "68", "--products", "products", "--today", TODAY_ARG)
    assert (result.status, result.out) == (2, "")
    assert result.err == ("Lỗi cách dùng / Usage error: --products: 'products' đã có dataset.yaml: ocop init không ghi"
                          " đè một bộ dữ liệu đang có; sửa tệp đó. / 'products' already has a dataset.yaml: ocop init"
                          " never overwrites a dataset; edit that file.\nXem / See: ocop init --help\n")


def test_init_refuses_records_unless_told_they_exist(products, run_ocop):
    from conftest import GOOD_RECORD, write_record

    (products / "dataset.yaml").unlink()
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop("init", "--province", "Lai Châu", "--products", "products", "--today", TODAY_ARG)
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith("Lỗi cách dùng / Usage error: --products: 'products' đã có 1 hồ sơ (LC-0001.yaml);"
                                 " để chỉ thêm dataset.yaml cho các hồ sơ đó, thêm --existing.")
    result = run_ocop("init", "--province", "Lai Châu", "--products", "products", "--existing", "--today", TODAY_ARG)
    assert result.status == 0
    assert load_dataset(products, TODAY, check_history=False).publisher.id_prefix == "LC"  # the records' prefix
    assert (products / "LC-0001.yaml").read_text(encoding="utf-8") == GOOD_RECORD


def test_init_names_the_closest_provinces_of_an_unknown_one(tmp_path, monkeypatch, run_ocop):
    monkeypatch.chdir(tmp_path)
    result = run_ocop("init", "--province", "Lam Dongg", "--products", "moi", "--today", TODAY_ARG)
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        "Lỗi cách dùng / Usage error: --province: 'Lam Dongg' không phải một trong 34 tỉnh, thành phố từ 01/07/2025."
        " Có phải: Tỉnh Lâm Đồng (68), Thành phố Hải Phòng (31), Tỉnh Lạng Sơn (20)? / 'Lam Dongg' is not one of the"
        " 34 provinces and cities since 01/07/2025. Did you mean: Lam Dong province (68), Hai Phong city (31),"
        " Lang Son province (20)?\nXem / See: ocop init --help\n")
    assert not (tmp_path / "moi").exists()


def test_init_without_a_province_is_a_usage_error(tmp_path, monkeypatch, run_ocop):
    monkeypatch.chdir(tmp_path)
    result = run_ocop("init", "--products", "moi")
    assert result.status == 2 and "--province: cần có tùy chọn này" in result.err
    assert not (tmp_path / "moi").exists()


# -- a real dataset of another province ---------------------------------------------------------

LAM_DONG = """\
locality: {vi: tỉnh Lâm Đồng, en: Lam Dong province}
province: "68"
office:
  name: {vi: Văn phòng Điều phối nông thôn mới tỉnh Lâm Đồng, en: Lam Dong New Rural Development Office}
  address: Số 2 đường Thử Nghiệm, phường 2 Bảo Lộc
  phone: "0263 3000 100"
  email: ocop-lamdong@example.vn
  report: {phone: "0263 3000 101", email: baocao-lamdong@example.vn}
logo: logo.png
sample: false
id_prefix: LD
"""

LD_RECORD = """\
id: {id}
name:
  vi: {name}
product_set: 11
unit: "{unit}"
producer:
  name: Hợp tác xã Thử nghiệm {id}
  kind: cooperative
  address: Số 5 đường Thử Nghiệm
description:
  vi: Mô tả thử nghiệm.
evaluations:
  - date: 2026-03-01
    council: province
    kind: first
    scores: {scores}
    minimums_met: {stars}
certificates:
  - decision: {decision}/QĐ-UBND
    date: 2026-03-10
    issuer: UBND tỉnh Lâm Đồng
    level: province
    stars: {stars}
"""

OWN_PAGE = """\
Title: Vùng chè Bảo Lộc
Slug: vung-che-bao-loc
Lang: vi

Vùng chè của {locality}. Xem [Chương trình OCOP]({filename}/pages/chuong-trinh-ocop.md) và
[tin mới]({filename}../news/hoi-cho.md).
"""

OWN_NEWS = """\
Title: Hội chợ OCOP
Slug: hoi-cho-ocop
Date: 2026-10-01
Lang: vi

Hội chợ của {office}. Xem [Vùng chè Bảo Lộc]({filename}../pages/vung-che-bao-loc.md) và
[Đánh giá sản phẩm]({filename}/pages/danh-gia-san-pham.md).
"""


@pytest.fixture(scope="module")
def lam_dong(tmp_path_factory):
    """A dataset of tỉnh Lâm Đồng with two certified products (commune GSO codes), a logo, and pages and
    news of its own in a content folder given apart (make html CONTENT=…)."""
    root = tmp_path_factory.mktemp("lam-dong")
    products = root / "lam-dong"
    products.mkdir()
    (products / "dataset.yaml").write_text(LAM_DONG, encoding="utf-8")
    Image.new("RGB", (90, 30), (20, 90, 40)).save(products / "logo.png")
    for record_id, name, unit, scores, stars, decision in (
            ("LD-0001", "Trà Bảo Lộc", "24820", "{A: 31.5, B: 17, C: 22.25}", 3, 101),
            ("LD-0002", "Chè Lâm Viên", "24778", "{A: 32, B: 20, C: 28}", 4, 102)):
        (products / f"{record_id}.yaml").write_text(LD_RECORD.format(
            id=record_id, name=name, unit=unit, scores=scores, stars=stars, decision=decision), encoding="utf-8")
    content = root / "noi-dung"
    (content / "pages").mkdir(parents=True)
    (content / "news").mkdir()
    (content / "pages" / "vung-che-bao-loc.md").write_text(OWN_PAGE, encoding="utf-8")
    (content / "news" / "hoi-cho.md").write_text(OWN_NEWS, encoding="utf-8")
    dataset = load_dataset(products, TODAY, check_history=False)
    assert dataset.errors == [], [p.text() for p in dataset.errors]
    output = root / "output"
    finish_build(start_build(products, output, root / "cache", OCOP_CONTENT=str(content)))
    return output


def test_another_province_builds_with_nothing_of_the_sample(lam_dong):
    assert (lam_dong / "p" / "LD-0001" / "index.html").is_file() and (lam_dong / "p" / "LD-0002" / "index.html").is_file()
    assert_nothing_of_the_sample(lam_dong)
    assert check_links(lam_dong, SITE) == []


def test_another_province_is_named_and_reached_as_its_dataset_says(lam_dong):
    product = page(lam_dong, "p/LD-0002/index.html")
    assert product.find("title").text().endswith("– Sản phẩm OCOP tỉnh Lâm Đồng")
    logo = product.find("a", cls="site-name").find("img")
    assert (logo.attrs["src"], logo.attrs["width"], logo.attrs["height"], logo.attrs["alt"]) == \
        ("../../logo.png", "120", "40", "")
    assert (lam_dong / "logo.png").read_bytes()[:4] == b"\x89PNG"
    report = [p for p in product.iter("p") if "report" in p.classes()][0]
    assert [a.attrs["href"].split("?")[0] for a in report.iter("a")] == ["tel:02633000101",
                                                                           "mailto:baocao-lamdong@example.vn"]
    assert "Văn phòng Điều phối nông thôn mới tỉnh Lâm Đồng" in product.find("footer").text()
    data = json.loads((lam_dong / "data" / "products.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["products"]] == ["LD-0001", "LD-0002"]
    assert data["publisher"]["province"]["code"] == "68" and data["publisher"]["sample"] is False


def test_the_dataset_pages_and_news_are_built_with_the_generic_ones(lam_dong):
    own = page(lam_dong, "vung-che-bao-loc/index.html").find("article").text()
    assert "Vùng chè của tỉnh Lâm Đồng." in own
    news = page(lam_dong, "tin-tuc/hoi-cho-ocop/index.html").find("article").text()
    assert "Hội chợ của Văn phòng Điều phối nông thôn mới tỉnh Lâm Đồng." in news
    about = page(lam_dong, "gioi-thieu/index.html").find("article").text()
    assert "của tỉnh Lâm Đồng, do Văn phòng Điều phối nông thôn mới tỉnh Lâm Đồng công bố." in about
    menu = [a.text() for a in page(lam_dong, "index.html").find("nav").iter("a")]
    assert "Vùng chè Bảo Lộc" in menu and "Giới thiệu" in menu


def test_make_passes_the_content_folder_to_pelican():
    result = subprocess.run(["make", "-n", "html", "PRODUCTS=lam-dong", "CONTENT=noi-dung", "STAMP="], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert "OCOP_PRODUCTS='lam-dong' OCOP_CONTENT='noi-dung'" in result.stdout, result.stdout + result.stderr


def test_the_report_is_titled_with_the_dataset_locality(lam_dong, run_ocop, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    products = lam_dong.parent / "lam-dong"
    text = run_ocop("report", "--products", products, "--today", TODAY_ARG)
    assert text.out.startswith("BÁO CÁO SẢN PHẨM OCOP — TỈNH LÂM ĐỒNG\n")
    path = tmp_path / "bao-cao.xlsx"
    assert run_ocop("report", "--products", products, "--today", TODAY_ARG, "--format", "xlsx", "--out", path).status == 0
    book = openpyxl.load_workbook(path)
    assert book.properties.title == "Báo cáo sản phẩm OCOP — tỉnh Lâm Đồng"
    assert book.worksheets[0]["A1"].value == "Báo cáo sản phẩm OCOP — tỉnh Lâm Đồng"


def test_the_label_sheet_names_the_dataset_locality(lam_dong, run_ocop, tmp_path, monkeypatch):
    import ocop.outputs.labels as labels

    drawn = {}
    real = labels.sheets_pdf

    def spy(chosen, size, header="", title=""):
        drawn.update(header=header, title=title)
        return real(chosen, size, header, title)

    monkeypatch.setattr(labels, "sheets_pdf", spy)
    result = run_ocop("labels", "--products", lam_dong.parent / "lam-dong", "--today", TODAY_ARG, "--site-url", SITE,
                      "--out", tmp_path / "nhan.pdf")
    assert result.status == 0, result.err
    assert drawn["header"].startswith("OCOP QR labels - Lam Dong province - 25 mm - ")  # ASCII: the PDF's own font
    assert drawn["title"].startswith("Sản phẩm OCOP tỉnh Lâm Đồng - nhãn QR ")
