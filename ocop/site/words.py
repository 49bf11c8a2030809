"""The words of the public pages, Vietnamese first, English second.

Statuses are said with a word a low-literacy reader gets, an icon and a
colour — never colour alone.
"""

from ..reading.schema import LEVEL_NAMES, REVOCATION_GROUND_NAMES

STATUS = {
    "valid": {"vi": "Còn hiệu lực", "en": "Valid", "icon": "✔", "css": "ok"},
    "expiring": {"vi": "Sắp hết hạn", "en": "Expiring soon", "icon": "⚠", "css": "warn"},
    "expired": {"vi": "Đã hết hạn", "en": "Expired", "icon": "✖", "css": "bad"},
    "revoked": {"vi": "Đã bị thu hồi", "en": "Revoked", "icon": "⛔", "css": "bad"},
    "withdrawn": {"vi": "Ngừng sản xuất", "en": "No longer made", "icon": "■", "css": "bad"},
}

# The names of the record's choices are declared with the record format (the admin form shows them too).
LEVEL = {code: {"vi": vi, "en": en} for code, (vi, en) in LEVEL_NAMES.items()}
REVOCATION_GROUND = {code: {"vi": vi, "en": en} for code, (vi, en) in REVOCATION_GROUND_NAMES.items()}

UNIT_KIND = {"phuong": {"vi": "phường", "en": "ward"}, "xa": {"vi": "xã", "en": "commune"},
             "thi-tran": {"vi": "thị trấn", "en": "township"}, "dac-khu": {"vi": "đặc khu", "en": "special zone"}}

# Labels used by the templates: WORDS[lang][key].
_PAIRS = {
    "home": ("Trang chủ", "Home"),
    "catalogue": ("Sản phẩm OCOP", "OCOP products"),
    "stars_word": ("sao", "stars"),
    "star_one": ("sao", "star"),
    "ocop_product": ("Sản phẩm OCOP", "OCOP product"),
    "status": ("Giấy chứng nhận", "Certificate"),
    "valid_until": ("Có giá trị đến hết ngày", "Valid through"),
    "last_day": ("Hôm nay là ngày cuối cùng còn hiệu lực", "Today is the last day of validity"),
    "days_left": ("Còn {days} ngày", "{days} days left"),
    "expired_on": ("Hết hạn từ ngày", "Expired after"),
    "revoked_by": ("Thu hồi theo quyết định", "Revoked by decision"),
    "withdrawn_on": ("Ngừng sản xuất từ ngày", "No longer made since"),
    "replaced_by": ("Sản phẩm thay thế", "Replaced by"),
    "status_since": ("Trạng thái này từ ngày", "This status since"),
    "status_checked_phone": ("Trạng thái đã kiểm tra theo ngày trên máy của bạn", "Status checked against your device's date"),
    "no_mark": ("Sản phẩm này không còn được sử dụng nhãn OCOP và số sao trên bao bì.",
                "This product may no longer carry the OCOP mark or its stars on its packaging."),
    # A product that may not carry the mark keeps its stars only as history: greyed, struck, in the past tense.
    "was_rated": ("OCOP – từng đạt {stars}", "OCOP – was rated {stars}"),
    # The report line's e-mail, prefilled: the office learns which product, and is asked what and where.
    "report_body": ("Mã sản phẩm: {id}\r\nTrang: {url}\r\n\r\nTôi đã thấy (nhãn, bao bì, số sao, giá bán…):\r\n\r\n"
                    "Ở đâu (cửa hàng, chợ, trang web) và ngày nào:\r\n",
                    "Product id: {id}\r\nPage: {url}\r\n\r\nWhat I saw (label, package, stars, price…):\r\n\r\n"
                    "Where (shop, market, website) and when:\r\n"),
    "certificate": ("Giấy chứng nhận hiện hành", "Current certificate"),
    "certificate_revoked": ("Giấy chứng nhận (đã bị thu hồi)", "Certificate (revoked)"),
    "certificate_withdrawn": ("Giấy chứng nhận (sản phẩm ngừng sản xuất)", "Certificate (product no longer made)"),
    "filters": ("Lọc theo số sao, nhóm, đơn vị, trạng thái", "Filter by stars, group, unit, status"),
    # The catalogue's lists, their pages and the finder (ocop.site.catalogue, catalogue.js).
    "all_products": ("Tất cả sản phẩm OCOP", "All OCOP products"),
    "page_of": ("trang {n}/{count}", "page {n} of {count}"),
    "pages": ("Các trang của danh sách", "Pages of the list"),
    "previous": ("← Trang trước", "← Previous"),
    "next": ("Trang sau →", "Next →"),
    "all_statuses": ("Tất cả (còn hiệu lực trước)", "All (valid first)"),
    "count_current": ("{n} sản phẩm, {c} còn hiệu lực", "{n} products, {c} valid"),
    "see_all": ("Xem tất cả {n} sản phẩm", "See all {n} products"),
    "lists": ("Danh sách sản phẩm", "Product lists"),
    "loading": ("Đang tải chỉ mục tìm kiếm…", "Loading the search index…"),
    "load_failed": ("Không tải được chỉ mục tìm kiếm. Hãy thử lại khi có mạng.",
                    "The search index could not be loaded. Try again when online."),
    "found": ("Tìm thấy {n} sản phẩm", "{n} products found"),
    "decision": ("Số quyết định", "Decision"),
    "issuer": ("Cơ quan ban hành", "Issued by"),
    "decision_date": ("Ngày ban hành", "Date"),
    "level": ("Cấp công nhận", "Level"),
    "expires": ("Hết hạn", "Expires"),
    "score": ("Điểm đánh giá", "Score"),
    "history": ("Các giấy chứng nhận trước", "Earlier certificates"),
    "superseded": ("đã được thay thế", "superseded"),
    "product_set": ("Bộ sản phẩm", "Product set"),
    "group": ("Nhóm", "Group"),
    "producer": ("Chủ thể sản xuất", "Producer"),
    "address": ("Địa chỉ", "Address"),
    "phone": ("Điện thoại", "Phone"),
    "website": ("Trang web", "Website"),
    "email": ("Thư điện tử", "Email"),
    "unit_on_certificate": ("Đơn vị trên giấy chứng nhận", "Unit on the certificate"),
    "unit_today": ("nay thuộc", "now part of"),
    "description": ("Giới thiệu", "About the product"),
    "story": ("Câu chuyện sản phẩm", "The product's story"),
    "photos": ("Hình ảnh", "Photos"),
    "where_to_buy": ("Nơi mua", "Where to buy"),
    # The producers' pages and the points of sale (ocop.site.promotion).
    "producers": ("Nhà sản xuất", "Producers"),
    "producers_lead": ("Các chủ thể có sản phẩm OCOP, theo đơn vị hành chính hiện nay:",
                       "Producers of OCOP products, by today's administrative unit:"),
    "producers_count": ("{n} chủ thể", "{n} producers"),
    "producer_products": ("Sản phẩm OCOP", "OCOP products"),
    "sales_points": ("Nơi bán", "Points of sale"),
    "sales_lead": ("Cửa hàng, quầy hàng và gian hàng trực tuyến bán sản phẩm OCOP, theo đơn vị hành chính của "
                   "sản phẩm.", "Shops, stalls and online shops selling OCOP products, by the administrative unit "
                   "of the products."),
    "points_count": ("{n} nơi bán", "{n} points of sale"),
    "online_shops": ("Bán trực tuyến", "Online"),
    "sells": ("Sản phẩm bán tại đây", "Products sold here"),
    "also_sells_in": ("Cũng bán sản phẩm của", "Also sells products of"),
    "more_units": ("và {n} đơn vị khác", "and {n} other units"),
    "more_sales": ("Các nơi bán khác", "Other points of sale"),
    "no_sales": ("Chưa có nơi bán nào được ghi.", "No point of sale is recorded yet."),
    "unit_unknown": ("Chưa rõ đơn vị", "Unit unknown"),
    "qr": ("Mã QR của trang này", "QR code of this page"),
    "qr_download": ("Tải mã QR để in (PNG 600 dpi)", "Download the QR code for printing (PNG, 600 dpi)"),
    "other_language": ("English", "Tiếng Việt"),
    "search": ("Tìm sản phẩm", "Find a product"),
    "search_placeholder": ("ví dụ: chè, mật ong, Đoàn Kết", "e.g. tea, honey, Doan Ket"),
    "search_button": ("Tìm", "Search"),
    "filter_stars": ("Số sao", "Stars"),
    "filter_group": ("Nhóm sản phẩm", "Product group"),
    "filter_unit": ("Đơn vị", "Unit"),
    "filter_status": ("Trạng thái", "Status"),
    "all": ("Tất cả", "All"),
    "current_only": ("Còn hiệu lực và sắp hết hạn", "Valid and expiring"),
    "show_inactive": ("Sản phẩm đã hết hạn hoặc bị thu hồi", "Expired or revoked products"),
    "by_group": ("Theo nhóm sản phẩm", "By product group"),
    "by_stars": ("Theo số sao", "By stars"),
    "by_unit": ("Theo đơn vị hành chính", "By administrative unit"),
    "count": ("{n} sản phẩm", "{n} products"),
    "none_found": ("Không có sản phẩm nào phù hợp.", "No product matches."),
    "news": ("Tin tức", "News"),
    "open_data": ("Dữ liệu mở", "Open data"),
    "not_found_title": ("Không tìm thấy trang", "Page not found"),
    "not_found_text": ("Mã này không phải là sản phẩm được cấp tại đây. Hãy kiểm tra lại mã trên bao bì, hoặc tìm sản phẩm.",
                       "This code is not a product issued here. Check the code on the package, or search for the product."),
    "fallback_note": ("(chưa có bản tiếng Anh)", "(not yet translated: shown in Vietnamese)"),
    # What the pages say about the publisher (ocop.site.publisher_view).
    "report_subject": ("Báo cáo sản phẩm OCOP", "Report on OCOP product"),
    "report_fake": ("Báo sản phẩm/nhãn giả hoặc sai", "Report a fake or wrong product/label"),
    "published_by": ("Cơ quan công bố", "Published by"),
    "catalogue_lead": ("Sản phẩm của {locality} được công nhận theo Chương trình Mỗi xã một sản phẩm (OCOP), cùng "
                       "tình trạng giấy chứng nhận đến ngày {day}.",
                       "Products of {locality} recognised under the OCOP programme (One Commune One Product), "
                       "with the status of their certificates on {day}."),
}

WORDS = {lang: {key: pair[index] for key, pair in _PAIRS.items()} for index, lang in enumerate(("vi", "en"))}
