"""A new dataset: the ``dataset.yaml`` that ``ocop init`` writes for a province.

What the province gives is written out (locality, province code, an id prefix); what only the
publishing office knows — its name, address, phone, e-mail and the contact for reports of fake
labels — is written as a placeholder, "(chưa điền) …", as ``ocop new`` does for records: the file
validates and the site builds at once (SP015 warns, and the pages leave those lines out), and
nothing invented can reach the public.
"""

from ..common.text import ascii_text
from ..places.units import UNIT_KINDS, Unit
from .schema import PLACEHOLDER


def bare_name(province: Unit) -> str:
    """'Tỉnh Lâm Đồng' → 'Lâm Đồng'; 'Thành phố Hà Nội' → 'Hà Nội'."""
    word = UNIT_KINDS.get(province.kind, (None, ""))[1]
    name = province.name_vi
    return name[len(word) + 1:] if word and name.lower().startswith(word.lower() + " ") else name


def id_prefix_for(province: Unit) -> str:
    """The initials of the province's name: Lâm Đồng → LD, Hồ Chí Minh → HCM; a one-word name whole: Huế → HUE."""
    words = ascii_text(bare_name(province)).upper().split()
    prefix = "".join(w[0] for w in words if w[:1].isalnum()) if len(words) > 1 else "".join(words)
    return "".join(c for c in prefix if c.isalnum()) or "SP"


def dataset_text(province: Unit, id_prefix: str) -> str:
    """The text of a new dataset.yaml for ``province``, every key explained in Vietnamese then English."""
    locality_vi, locality_en = province.name_in_sentence("vi"), province.name_en
    return f"""\
# Bộ dữ liệu sản phẩm OCOP {locality_vi}: ai công bố danh mục. Tạo bằng `ocop init`.
# Mọi điều trang web nói về cơ quan công bố đều lấy từ đây: tên trang, lời giới thiệu, chân trang,
# dòng "Báo sản phẩm/nhãn giả hoặc sai" trên mỗi trang, dữ liệu mở, báo cáo, nhãn in.
# Thay mọi chỗ "{PLACEHOLDER}" bằng thông tin thật trước khi đưa trang lên mạng; chỗ còn
# "{PLACEHOLDER}" không hiện trên trang. Kiểm tra bằng: ocop validate
#   / Who publishes this OCOP catalogue. Replace every "{PLACEHOLDER}" (to fill in) before the site
#   goes public; a field still to fill in is left off the pages. Check with: ocop validate

# Địa bàn, hiện trong tên trang web ("Sản phẩm OCOP {locality_vi}") / the locality, in the site's name
locality:
  vi: {locality_vi}
  en: {locality_en}

# Tỉnh (mã GSO; từ 01/07/2025): {province.name_vi} / the province (GSO code)
province: "{province.code}"

# Cơ quan công bố / the publishing office
office:
  name:
    vi: {PLACEHOLDER} tên cơ quan công bố
    # en: …  (tên tiếng Anh / the name in English)
  address: {PLACEHOLDER} địa chỉ
  phone: {PLACEHOLDER} số điện thoại
  email: {PLACEHOLDER} thư điện tử
  # Nơi người mua báo sản phẩm giả, dùng sai nhãn OCOP (số điện thoại và/hoặc thư điện tử): mỗi trang
  # sản phẩm có dòng dẫn tới đây / where buyers report a fake or misused OCOP label; every product
  # page links to it
  report:
    phone: {PLACEHOLDER} số điện thoại nhận báo cáo
    email: {PLACEHOLDER} thư điện tử nhận báo cáo

# Logo (ảnh PNG, JPEG, WebP hoặc SVG trong thư mục này), hiện ở đầu mỗi trang / an optional logo
# logo: logo.png

# true: mọi trang hiện dòng "Dữ liệu minh họa"; dữ liệu thật: false / true: the sample-data banner
sample: false

# Tiền tố mã sản phẩm: hồ sơ mới (ocop new) có mã {id_prefix}-0001, {id_prefix}-0002…
#   / the id prefix of new records; an id is permanent, so choose it once
id_prefix: {id_prefix}
"""
