"""``ocop labels``: print-ready QR labels (A4 PDF for the print shop, or one SVG/PNG per product)."""

import argparse
import os
from pathlib import Path
from urllib.parse import urlsplit

from ..common.dates import vn_date
from ..common.files import write_atomic
from ..common.text import ascii_text, plural
from ..outputs import labels as core
from ..outputs.qr_payload import LOCAL_QR_BASE, resolve_qr_base
from .common import EXIT_PROBLEMS, EXIT_USAGE, report_bad_records

ORDER = 5
SUMMARY = ("Nhãn mã QR in được cho sản phẩm được mang dấu OCOP (PDF khổ A4, hoặc SVG/PNG). / "
           "Print-ready QR labels for products that may carry the OCOP mark (A4 PDF, or SVG/PNG).")
EXAMPLE = "ocop labels --ids LC-0001 LC-0002 --site-url https://ocop.example.vn --out nhan-ocop.pdf"
FORMATS = ("pdf", "svg", "png")
PNG_DPI = 600


def _size(text):
    try:
        return core.parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}': cần cỡ từ {core.mm_text(core.MIN_SIZE_MM)} đến {core.mm_text(core.MAX_SIZE_MM)} mm, "
            f"ví dụ 25mm / expected a size from {core.mm_text(core.MIN_SIZE_MM)} to "
            f"{core.mm_text(core.MAX_SIZE_MM)} mm, e.g. 25mm") from None


def add_arguments(parser):
    share = core.QR_SHARE
    parser.description = (
        f"{SUMMARY}\n\n"
        "Chỉ sản phẩm còn hiệu lực hoặc sắp hết hạn vào ngày tính (--today) mới có nhãn. Hỏi nhãn cho sản\n"
        "phẩm khác (--ids) thì bị từ chối, có lý do, và không ghi tệp nào (thoát 1). Không có --ids: mọi sản\n"
        "phẩm được mang dấu; sản phẩm bị bỏ qua được liệt kê kèm lý do.\n"
        f"Nhãn vuông; mã QR (kèm lề trắng 4 ô) chiếm {share.numerator}/{share.denominator} cạnh nhãn, dưới là mã\n"
        "sản phẩm, chữ OCOP và số sao. Mỗi ô của mã QR không nhỏ hơn 0,4 mm.\n"
        "Mã QR chứa QR_BASE/P/<MÃ> viết hoa (kiểu chữ-số của QR, mã nhỏ nhất), ví dụ\n"
        "HTTPS://OCOP.EXAMPLE.VN/P/LC-0042; QR_BASE mặc định là giao thức và tên miền của --site-url.\n"
        "  / Only products that are valid or expiring on --today get labels; asking (--ids) for others is\n"
        "  refused with the reason and nothing is written (exit 1). Without --ids: every product that may\n"
        "  carry the mark; the ones skipped are listed with the reason. A label is square; the QR code (with\n"
        f"  its 4-module quiet zone) takes {share.numerator}/{share.denominator} of its side, above the id, "
        "the word OCOP and the\n"
        "  stars. A QR module is never under 0.4 mm. The code holds QR_BASE/P/<ID> in upper case (QR\n"
        "  alphanumeric mode: the smallest code); QR_BASE defaults to --site-url's scheme and host.\n\n"
        "--format pdf: trang A4 vector, lưới nhãn cách nhau 10 mm, có dấu cắt ở góc. svg|png: một tệp\n"
        f"<MÃ>.svg / <MÃ>.png ({PNG_DPI} dpi) cho mỗi sản phẩm trong thư mục --out.\n"
        "  / --format pdf: vector A4 pages, labels in a grid with 10 mm gutters and crop marks. svg|png:\n"
        f"  one <ID>.svg / <ID>.png ({PNG_DPI} dpi) per product in the --out folder.")
    parser.add_argument("--out", required=True, metavar="FILE_OR_DIR",
                        help="tệp PDF, hoặc thư mục cho svg/png / the PDF file, or the folder for svg/png")
    parser.add_argument("--ids", nargs="+", metavar="ID",
                        help="chỉ các mã này (mặc định: mọi sản phẩm được mang dấu OCOP) / "
                             "only these ids (default: every product that may carry the OCOP mark)")
    parser.add_argument("--size", type=_size, default=core.DEFAULT_SIZE_MM, metavar="MM",
                        help=f"cạnh nhãn, {core.mm_text(core.MIN_SIZE_MM)}–{core.mm_text(core.MAX_SIZE_MM)} mm "
                             f"(mặc định/default: {core.mm_text(core.DEFAULT_SIZE_MM)}mm) / label side, e.g. 25mm")
    parser.add_argument("--site-url", default=os.environ.get("OCOP_SITEURL", ""), metavar="URL",
                        help="địa chỉ trang công khai (mặc định: biến OCOP_SITEURL, nếu không thì "
                             f"{LOCAL_QR_BASE}, chỉ để thử) / the public site's address (default: OCOP_SITEURL, "
                             f"else {LOCAL_QR_BASE}, for trying only)")
    parser.add_argument("--qr-base", metavar="BASE",
                        help="phần đầu của địa chỉ trong mã QR thay cho giao thức và tên miền của --site-url / "
                             "start of the address in the QR code instead of --site-url's scheme and host")


def _vi_mm(value) -> str:
    return core.mm_text(value).replace(".", ",")


def _refusals_text(refused) -> str:
    return "".join(f"  {r.product_id}: {r.reason_vi} / {r.reason_en}\n" for r in refused)


def run(args, data, out, err):
    ids = [i.strip().upper() for i in args.ids if i.strip()] if args.ids else None
    selection = core.select_for_labels(data, ids)
    day = vn_date(data.today)
    if ids is not None and selection.refused:
        print(f"Không in nhãn: {len(selection.refused)} mã không được mang dấu OCOP ngày {day}; "
              f"không ghi tệp nào. / No labels printed: {len(selection.refused)} of the ids may not carry "
              f"the OCOP mark on {day}; nothing was written.\n" + _refusals_text(selection.refused).rstrip(),
              file=err)
        return EXIT_PROBLEMS
    if ids is None and selection.refused:
        print(f"Bỏ qua {len(selection.refused)} sản phẩm không được mang dấu OCOP ngày {day}: / "
              f"Skipped {plural(len(selection.refused), 'product')} that may not carry the OCOP mark on {day}:\n"
              + _refusals_text(selection.refused).rstrip(), file=err)
    if not selection.chosen:
        report_bad_records(data, err)
        print(f"Không có sản phẩm nào được mang dấu OCOP ngày {day}: không ghi tệp nào. / "
              f"No product may carry the OCOP mark on {day}: nothing was written.", file=err)
        return EXIT_PROBLEMS

    try:
        base = resolve_qr_base(args.site_url, args.qr_base)
        labels = [core.make_label(p.id, s.current.stars, args.site_url, args.qr_base) for p, s in selection.chosen]
    except ValueError as exc:
        print(f"Lỗi cách dùng: --site-url / --qr-base không dùng được cho mã QR ({exc}). Cần dạng "
              f"https://ten-mien, chỉ chữ, số và - . / : / Usage error: --site-url / --qr-base cannot go into "
              f"the QR code ({exc}). Expected https://host with letters, digits and - . / : only.", file=err)
        return EXIT_USAGE

    size = args.size
    longest = max(labels, key=lambda label: (label.version, len(label.payload)))
    module = core.module_mm(size, longest.version)
    if module < core.MIN_MODULE_MM:
        smallest = core.smallest_size_mm(longest.version)
        where = (f"mã dài nhất {longest.payload} cần QR phiên bản {longest.version} "
                 f"({core.modules_across(longest.version)} ô kể cả lề)",
                 f"the longest payload {longest.payload} needs a version-{longest.version} QR code "
                 f"({core.modules_across(longest.version)} modules with the quiet zone)")
        if smallest <= core.MAX_SIZE_MM:
            fix = (f"Cỡ nhỏ nhất dùng được: --size {core.mm_text(smallest)}mm",
                   f"The smallest size that works: --size {core.mm_text(smallest)}mm")
        else:
            fix = ("Không cỡ nào đến 40 mm đủ: rút ngắn --qr-base",
                   "No size up to 40 mm is enough: use a shorter --qr-base")
        print(f"Lỗi cách dùng: nhãn {_vi_mm(size)} mm cho ô QR {float(module):.3f} mm".replace(".", ",")
              + f", nhỏ hơn 0,4 mm ({where[0]}). {fix[0]}. / "
              f"Usage error: a {core.mm_text(size)} mm label gives {float(module):.3f} mm QR modules, under "
              f"0.4 mm ({where[1]}). {fix[1]}.", file=err)
        return EXIT_USAGE

    for product, status in selection.chosen:
        if status.status == "expiring":
            print(f"Lưu ý: {product.id} hết hạn ngày {vn_date(status.expires)} (còn {status.days_left} ngày); "
                  f"nhãn in bây giờ chỉ dùng được đến ngày đó nếu chưa đánh giá lại. / Note: {product.id} expires "
                  f"on {vn_date(status.expires)} ({status.days_left} days left); labels printed now may be used "
                  f"only until then unless it is re-rated.", file=err)
    local = base == LOCAL_QR_BASE
    site_path = urlsplit(args.site_url.strip()).path.strip("/") if args.site_url else ""
    if site_path and not args.qr_base:
        print(f"Cảnh báo: trang ở /{site_path}/ nhưng mã QR trỏ tới gốc tên miền ({base}/P/…): máy chủ phải trả lời "
              f"ở đó, nếu không hãy dùng --qr-base. / Warning: the site lives under /{site_path}/ but the codes point "
              f"to the host's root ({base}/P/…): make sure the host answers there, or use --qr-base.", file=err)
    if local:
        print(f"Cảnh báo: mã QR trỏ tới {LOCAL_QR_BASE}, chỉ để thử; để in thật, thêm --site-url https://… / "
              f"Warning: the QR codes point to {LOCAL_QR_BASE}, for trying only; to print for real, add "
              f"--site-url https://…", file=err)

    target = Path(args.out)
    versions = sorted({(label.version, label.level) for label in labels})
    qr_text = ", ".join(f"v{v}-{level}" for v, level in versions)
    smallest_module = min(core.module_mm(size, label.version) for label in labels)
    try:
        if args.format == "pdf":
            if target.is_dir():
                print(f"Lỗi cách dùng: --out '{args.out}' là thư mục; cần tên tệp .pdf / "
                      f"Usage error: --out '{args.out}' is a folder; expected a .pdf file name.", file=err)
                return EXIT_USAGE
            # Whose labels: the dataset's locality (dataset.yaml), in ASCII for the PDF's built-in font.
            locality = ascii_text(data.publisher.locality("en") or "")
            header = (("TEST ONLY - " if local else "")
                      + f"OCOP QR labels{f' - {locality}' if locality else ''} - {core.mm_text(size)} mm - QR "
                        f"{qr_text}, module >= {float(smallest_module):.2f} mm - {base}/P/<ID> - status on {day}")
            pdf = core.sheets_pdf(labels, size, header, title=f"{data.publisher.site_name('vi')} - nhãn QR {day}")
            write_atomic(target, pdf)
            pages = -(-len(labels) // core.labels_per_sheet(size))
            written_vi, written_en = f"{pages} trang A4 vào {target.as_posix()}", \
                f"{plural(pages, 'A4 page')} to {target.as_posix()}"
        else:
            if target.exists() and not target.is_dir():
                print(f"Lỗi cách dùng: --out '{args.out}' là tệp; --format {args.format} cần một thư mục / "
                      f"Usage error: --out '{args.out}' is a file; --format {args.format} needs a folder.",
                      file=err)
                return EXIT_USAGE
            files = {label.product_id: (core.label_svg(label, size) if args.format == "svg"
                                        else core.label_png(label, size, PNG_DPI)) for label in labels}
            target.mkdir(parents=True, exist_ok=True)
            for product_id, body in files.items():
                write_atomic(target / f"{product_id}.{args.format}", body)
            written_vi = f"{len(files)} tệp {args.format.upper()} vào {target.as_posix()}/"
            written_en = f"{plural(len(files), args.format.upper() + ' file')} to {target.as_posix()}/"
    except OSError as exc:
        print(f"Không ghi được '{args.out}': {exc.strerror or exc}. / Cannot write '{args.out}': "
              f"{exc.strerror or exc}.", file=err)
        return EXIT_USAGE
    print(f"Đã ghi {len(labels)} nhãn {_vi_mm(size)} mm (QR {qr_text}, ô ≥ "
          f"{float(smallest_module):.2f} mm".replace(".", ",") + f"), {written_vi}. / "
          f"Wrote {plural(len(labels), 'label')} of {core.mm_text(size)} mm (QR {qr_text}, modules >= "
          f"{float(smallest_module):.2f} mm), {written_en}.", file=out)
    return report_bad_records(data, err)
