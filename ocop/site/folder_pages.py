"""An index page in each folder that a link (or a printed QR code) reaches, and that no other page fills.

A visitor who shortens an address — from ``/p/LC-0001/`` to ``/p/``, from a data file
to ``/data/`` — must land on a page of the site, not on a host's error or a listing:

- ``p/``, ``en/p/`` and ``P/`` (the folders of product pages and of the QR doors) lead
  to the catalogue, as doors: a meta refresh, noindex;
- ``data/`` and ``en/data/`` are the open-data page: each file, what it holds, its size,
  and the dataset's licence when its folder has a LICENSE file;
- ``feeds/`` and ``en/feeds/`` lead to the feeds' part of that page;
- ``en/tin-tuc/`` lists the news in English (Pelican makes the Vietnamese list only).

Called by the plugin once the data files are written (their sizes are read from the output).
"""

from pathlib import Path

from .views import LANGS, date_text, lang_prefix

CATALOGUE = "san-pham/"
OPEN_DATA = "data/"
NEWS = "tin-tuc/"
LICENCE_FILE = "LICENSE"

# The open data, in the order a reader needs it: (path in the site, format, what it holds vi, en).
DATA_FILES = (
    ("data/products.json", "JSON",
     "Mọi sản phẩm đã công bố: tên, bộ sản phẩm, đơn vị, chủ thể, điểm, số sao, trạng thái, giấy chứng nhận "
     "và địa chỉ trang.",
     "Every published product: name, product set, unit, producer, score, stars, status, certificate and page "
     "address."),
    ("data/products.csv", "CSV",
     "Cùng danh sách đó ở dạng bảng, mở được bằng Excel hoặc LibreOffice.",
     "The same list as a table, for Excel or LibreOffice."),
    ("data/status.json", "JSON",
     "Trạng thái của từng mã sản phẩm (cả mã cũ) và ngày hết hạn, để ứng dụng kiểm tra nhanh một mã QR.",
     "The status of each product id (old ids included) and its expiry, for an app that checks a QR code."),
    ("data/revocations.xml", "Atom",
     "Luồng tin các sản phẩm bị thu hồi, ngừng sản xuất hoặc hết hạn giấy chứng nhận.",
     "A feed of products revoked, no longer made, or whose certificate expired."),
)
FEED_FILES = (
    ("feeds/san-pham-moi.atom.xml", "Atom",
     "Luồng tin sản phẩm mới được công nhận (tiếng Việt).", "A feed of newly certified products, in Vietnamese."),
    ("en/feeds/new-products.atom.xml", "Atom",
     "Luồng tin sản phẩm mới được công nhận (tiếng Anh).", "A feed of newly certified products, in English."),
)

WORDS = {
    "vi": {
        "open_data": "Dữ liệu mở",
        "lead": "Danh mục sản phẩm OCOP ở dạng máy đọc được, làm mới mỗi lần dựng trang; trạng thái tính đến "
                "ngày {day}. Mỗi tệp có địa chỉ cố định.",
        "files": "Các tệp",
        "feeds": "Luồng tin (Atom)",
        "licence": "Giấy phép của bộ dữ liệu",
        "size": "dung lượng",
        "other_language": "English",
        "news": "Tin tức",
        "no_news": "Chưa có tin.",
        "door_catalogue": "Xem danh mục sản phẩm OCOP",
        "door_data": "Xem trang dữ liệu mở",
    },
    "en": {
        "open_data": "Open data",
        "lead": "The catalogue of OCOP products in machine-readable form, renewed at each build; statuses as of "
                "{day}. Each file keeps its address.",
        "files": "Files",
        "feeds": "Feeds (Atom)",
        "licence": "Licence of the dataset",
        "size": "size",
        "other_language": "Tiếng Việt",
        "news": "News",
        "no_news": "No news yet.",
        "door_catalogue": "See the catalogue of OCOP products",
        "door_data": "See the open data page",
    },
}


def size_text(size: int, lang: str) -> str:
    """950 B, 8,0 KB (vi) / 8.0 KB (en), 2,4 MB: decimal units, as a phone's file manager shows them."""
    if size < 1000:
        text = f"{size} B"
    elif size < 1000 ** 2:
        text = f"{size / 1000:.1f} KB"
    else:
        text = f"{size / 1000 ** 2:.1f} MB"
    return text.replace(".", ",") if lang == "vi" else text


def licence_words(dataset_folder: Path) -> str | None:
    """The first line of the dataset's LICENSE file (e.g. "CC BY 4.0"), when it has one."""
    try:
        text = (Path(dataset_folder) / LICENCE_FILE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def _file_views(output: Path, files, lang: str):
    views = []
    for path, kind, what_vi, what_en in files:
        try:
            size = (output / path).stat().st_size
        except OSError:
            continue  # not made by this build (a plugin setting turned it off): not offered
        views.append({"path": path, "name": path.rsplit("/", 1)[1], "format": kind,
                      "what": what_vi if lang == "vi" else what_en, "size": size_text(size, lang)})
    return views


def _other_data_files(output: Path, known):
    """Files of data/ that this page does not describe yet: still listed, with their size."""
    folder = output / OPEN_DATA
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "index.html") if folder.is_dir() else []
    return [(f"{OPEN_DATA}{name}", name.rsplit(".", 1)[-1].upper(), "", "")
            for name in names if f"{OPEN_DATA}{name}" not in known]


def english_articles(context):
    """Every English news item (an article or a translation of one), newest first."""
    found = []
    for article in context.get("articles", []):
        found += [a for a in [article, *article.translations] if a.lang == "en"]
    return sorted(found, key=lambda a: a.date, reverse=True)


def write_folder_pages(generator):
    _write_doors(generator)
    _write_open_data_pages(generator)
    _write_english_news(generator)


def _door(generator, name: str, target: str, lang: str, words_key: str, anchor: str = ""):
    generator._render(name, generator.get_template("folder_door"), public=False, relative=False, page_lang=lang,
                      text=WORDS[lang][words_key], canonical=f"{generator.site_url}/{target}",
                      relative_target="../" * name.count("/") + target + anchor)


def _write_doors(generator):
    for lang in LANGS:
        prefix = lang_prefix(lang)
        _door(generator, f"{prefix}p/index.html", f"{prefix}{CATALOGUE}", lang, "door_catalogue")
        _door(generator, f"{prefix}feeds/index.html", f"{prefix}{OPEN_DATA}", lang, "door_data", "#feeds")
    # On a case-insensitive disk P/ is p/: the plugin writes no QR doors there, and neither do we.
    if generator.upper_case_doors:
        _door(generator, "P/index.html", CATALOGUE, "vi", "door_catalogue")


def _write_open_data_pages(generator):
    output = Path(generator.output)
    template = generator.get_template("open_data")
    licence = licence_words(generator.dataset.folder)
    known = {path for path, *_ in DATA_FILES}
    for lang in LANGS:
        other = "en" if lang == "vi" else "vi"
        words = WORDS[lang]
        generator._render(
            f"{lang_prefix(lang)}{OPEN_DATA}index.html", template, page_lang=lang, w=words,
            lead=words["lead"].format(day=date_text(generator.today, lang)), licence=licence,
            files=_file_views(output, DATA_FILES + tuple(_other_data_files(output, known)), lang),
            feeds=_file_views(output, FEED_FILES, lang), alternate_path=f"{lang_prefix(other)}{OPEN_DATA}")


def _write_english_news(generator):
    generator._render(f"en/{NEWS}index.html", generator.get_template("news_list"), page_lang="en",
                      w=WORDS["en"], articles=english_articles(generator.context), alternate_path=NEWS)
