"""The record format, declared once, as data.

Each ``Field`` says what a key holds, whether it is required, an example and
its label in Vietnamese and English. The loader converts and checks records
with it; the README's field table and the editors' JSON Schema are generated
from it. Adding a field here is the whole of adding a field.
"""

from dataclasses import dataclass

from ..places.units import UNIT_KINDS
from ..rules.producers import PRODUCER_KINDS
from ..rules.rulesets import RULE_SET_CODES

LEVELS = ("district", "province", "central")
EVALUATION_KINDS = ("first", "upgrade", "rerating")
REVOCATION_GROUNDS = ("a", "b", "c", "d", "đ", "e")
LEVEL_WORDS = {"district": ("huyện", "cấp huyện", "thành phố", "ubnd huyện", "ubnd thành phố", "ubnd cấp huyện"),
               "province": ("tỉnh", "cấp tỉnh", "ubnd tỉnh", "ubnd cấp tỉnh"),
               "central": ("trung ương", "cấp trung ương", "bộ")}
# What each choice is called where an officer picks it (the admin form, the public pages).
LEVEL_NAMES = {"district": ("Cấp huyện", "District"), "province": ("Cấp tỉnh", "Province"),
               "central": ("Cấp trung ương", "Central")}
EVALUATION_KIND_NAMES = {"first": ("Lần đầu", "First"), "upgrade": ("Nâng hạng", "Upgrade"),
                         "rerating": ("Đánh giá lại (giấy sắp hết hạn)", "Re-rating (expiring certificate)")}
REVOCATION_GROUND_NAMES = {
    "a": ("Thông tin sai sự thật hoặc giả mạo hồ sơ", "False information or forged dossier"),
    "b": ("Không còn đáp ứng tiêu chí sau kiểm tra", "No longer meets the criteria after inspection"),
    "c": ("Vi phạm pháp luật về chất lượng, an toàn thực phẩm, môi trường, sở hữu trí tuệ, nhãn hàng hóa",
          "Violation of the law on quality, food safety, environment, IP or labelling"),
    "d": ("Sử dụng sai nhãn OCOP", "Misuse of the OCOP label"),
    "đ": ("Chủ thể không còn sản xuất sản phẩm", "The producer no longer makes the product"),
    "e": ("Lý do khác theo kết luận của cơ quan có thẩm quyền", "Other, on a competent authority's conclusion"),
}
# What an officer may write for a kind of evaluation or dossier (a hint, not accepted).
KIND_WORDS = {"first": ("lần đầu", "đánh giá lần đầu", "đăng ký lần đầu"), "upgrade": ("nâng hạng", "nâng sao"),
              "rerating": ("đánh giá lại", "tái đánh giá")}
YES_NO_NAMES = {"true": ("Có", "Yes"), "false": ("Không", "No")}
PRODUCT_ID_PATTERN = r"^[A-Z0-9]+(-[A-Z0-9]+)*$"
# What `ocop new` writes where an officer still has to fill something in.
PLACEHOLDER = "(chưa điền)"


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text | markdown | date | number | integer | choice | product_id | url | email | phone
    #            | localized_text | localized_markdown | mapping | list | points_by_code
    label_vi: str
    label_en: str
    required: bool = False
    example: str = ""
    choices: tuple = ()
    choice_words: dict = None  # choice -> Vietnamese words an officer may write instead (a hint, not accepted)
    choice_names: dict = None  # choice -> (Vietnamese, English) name, where an officer picks it in a form
    low: object = None
    high: object = None
    fields: tuple = ()  # for mapping
    item: "Field | None" = None  # for list
    help_vi: str = ""
    help_en: str = ""


def _localized(key, kind, label_vi, label_en, required, example, help_vi="", help_en=""):
    return Field(key, kind, label_vi, label_en, required, example, help_vi=help_vi, help_en=help_en)


PRODUCER = (
    Field("name", "text", "tên chủ thể", "producer name", True, "Hợp tác xã Chè San Thàng"),
    Field("kind", "choice", "loại chủ thể", "kind of producer", True, "cooperative", choices=tuple(PRODUCER_KINDS),
          choice_names=PRODUCER_KINDS,
          choice_words={"enterprise": ("doanh nghiệp", "công ty"), "cooperative": ("hợp tác xã", "htx"),
                        "cooperative_group": ("tổ hợp tác",), "farm": ("trang trại",),
                        "household": ("hộ sản xuất", "hộ kinh doanh", "hộ gia đình", "hộ"),
                        "tourism_org": ("hội", "hiệp hội", "trung tâm điều hành du lịch")},
          help_vi="enterprise: doanh nghiệp; cooperative: hợp tác xã; cooperative_group: tổ hợp tác; farm: trang trại; "
                  "household: hộ sản xuất có đăng ký kinh doanh; tourism_org: tổ chức du lịch (chỉ bộ 26)",
          help_en="tourism_org only for product set 26"),
    Field("address", "text", "địa chỉ", "address", True, "Bản Lùng Thàng, xã San Thàng"),
    Field("phone", "phone", "điện thoại", "phone", False, '"0912 345 678"'),
    Field("email", "email", "thư điện tử", "email", False, "htxchesanthang@example.vn"),
    Field("website", "url", "trang web", "website", False, "https://example.vn"),
)

IMAGE = (
    Field("file", "text", "tệp ảnh", "image file", True, "LC-0001/hop-che.jpg",
          help_vi="đường dẫn trong products/media/", help_en="path under products/media/"),
    _localized("alt", "localized_text", "mô tả ảnh", "alt text", True, "{vi: Hộp chè 200 g}"),
)

SALES_POINT = (
    Field("name", "text", "nơi bán", "shop name", True, "Cửa hàng giới thiệu sản phẩm OCOP"),
    Field("address", "text", "địa chỉ", "address", False, "Phường Tân Phong"),
    Field("url", "url", "trang web", "web address", False, "https://example.vn/che-san-thang"),
    Field("phone", "phone", "điện thoại", "phone", False, '"0912 345 678"'),
)

SCORES = tuple(
    Field(part, "number", f"điểm phần {part}", f"part {part} score", True, example, low=0)
    for part, example in (("A", "31.5"), ("B", "17"), ("C", "22.25"))
)

EVALUATION = (
    Field("date", "date", "ngày chấm điểm", "evaluation date", True, "2024-06-20"),
    Field("council", "choice", "cấp hội đồng", "council level", True, "district", choices=LEVELS,
          choice_words=LEVEL_WORDS, choice_names=LEVEL_NAMES),
    Field("round", "text", "đợt đánh giá", "evaluation round", False, "2024-1"),
    Field("kind", "choice", "loại đánh giá", "kind of evaluation", True, "first", choices=EVALUATION_KINDS,
          choice_names=EVALUATION_KIND_NAMES, choice_words=KIND_WORDS,
          help_vi="first: lần đầu; upgrade: nâng hạng; rerating: đánh giá lại",
          help_en="first, upgrade, or re-rating of an expiring certificate"),
    Field("rules", "choice", "bộ quy tắc", "rule set", False, "qd148-2023", choices=RULE_SET_CODES,
          help_vi="bỏ trống: theo ngày chấm", help_en="default: by the date"),
    Field("scores", "mapping", "điểm các phần", "part scores", True, "{A: 31.5, B: 17, C: 22.25}", fields=SCORES),
    Field("minimums_met", "integer", "hạng sao cao nhất đạt yêu cầu tối thiểu", "highest star whose minimums are met",
          False, "3", low=2, high=5, help_vi="2: chưa đạt yêu cầu tối thiểu của 3 sao",
          help_en="2: the 3-star minimums are not met"),
    Field("criteria", "points_by_code", "điểm từng tiêu chí", "points per criterion", False,
          '{"1.1": 3, "1.2": 1}', low=0),
)

CERTIFICATE = (
    Field("decision", "text", "số quyết định", "decision number", True, "1234/QĐ-UBND"),
    Field("date", "date", "ngày quyết định", "decision date", True, "2024-06-28"),
    Field("issuer", "text", "cơ quan ban hành", "issuing body", True, "UBND cấp huyện"),
    Field("level", "choice", "cấp công nhận", "certifying level", True, "district", choices=LEVELS,
          choice_words=LEVEL_WORDS, choice_names=LEVEL_NAMES),
    Field("stars", "integer", "số sao", "stars", True, "3", low=3, high=5),
)

REVOCATION = (
    Field("decision", "text", "số quyết định thu hồi", "revocation decision", True, "45/QĐ-UBND"),
    Field("date", "date", "ngày thu hồi", "revocation date", True, "2025-03-01"),
    Field("ground", "choice", "căn cứ thu hồi", "ground", True, "b", choices=REVOCATION_GROUNDS,
          choice_names=REVOCATION_GROUND_NAMES,
          help_vi="Điều 8 QĐ 26/2026: a hồ sơ giả; b không còn đạt tiêu chí; c vi phạm pháp luật; "
                  "d sử dụng sai nhãn OCOP; đ không còn sản xuất; e khác",
          help_en="26/2026 Art. 8 grounds a, b, c, d, đ, e"),
    _localized("reason", "localized_text", "lý do", "reason", True, "{vi: Không duy trì tiêu chuẩn sau kiểm tra.}"),
)

WITHDRAWAL = (
    Field("date", "date", "ngày ngừng", "withdrawal date", True, "2026-09-01"),
    _localized("reason", "localized_text", "lý do", "reason", True,
               "{vi: Chủ thể ngừng sản xuất sản phẩm này.}"),
    Field("replaced_by", "product_id", "sản phẩm thay thế", "replaced by", False, "LC-0015",
          help_vi="mã sản phẩm mới, nếu sản phẩm được gộp hoặc thay thế", help_en="the product it was merged into"),
)

# A dossier (hồ sơ đăng ký): where a product's registration stands, step by step (ocop-rules.md §4).
# For officers only: the public pages and the open data never show it. Each step is its own key, so
# that what a step needs is declared here; ocop/rules/dossiers.py reads where a dossier stands.
DOSSIER_KINDS = EVALUATION_KINDS
LOCAL_CONTENT_RESULTS = ("met", "not_met")
LOCAL_CONTENT_NAMES = {"met": ("Đạt", "Met"), "not_met": ("Không đạt", "Not met")}


def _local_content(key, label_vi, label_en):
    return Field(key, "choice", label_vi, label_en, True, "met", choices=LOCAL_CONTENT_RESULTS,
                 choice_names=LOCAL_CONTENT_NAMES,
                 choice_words={"met": ("đạt", "có"), "not_met": ("không đạt", "chưa đạt", "không")},
                 help_vi="met: đạt; not_met: không đạt", help_en="met or not_met")


# The four contents the commune assesses (ocop-rules.md §4), in the order of the decision.
LOCAL_CONTENTS = (
    _local_content("origin", "nguồn gốc sản phẩm, nguyên liệu địa phương", "local origin and ingredients"),
    _local_content("labour", "sử dụng lao động địa phương", "local labour"),
    _local_content("idea", "nguồn gốc ý tưởng sản phẩm", "origin of the product idea"),
    _local_content("identity", "bản sắc, trí tuệ địa phương", "local identity and know-how"),
)

DOSSIER_RETURN = (
    Field("date", "date", "ngày trả lại", "date returned", True, "2026-03-09"),
    Field("missing", "text", "còn thiếu", "what is missing", True, "Thiếu phiếu kết quả kiểm nghiệm",
          help_vi="những gì chủ thể phải bổ sung", help_en="what the producer must add"),
    Field("resubmitted", "date", "ngày nộp lại", "date resubmitted", False, "2026-03-20",
          help_vi="bỏ trống khi chủ thể chưa nộp lại", help_en="leave it out until the producer hands it back"),
)

DOSSIER_ASSESSMENT = (
    Field("date", "date", "ngày đánh giá", "assessment date", True, "2026-03-24"),
    Field("report", "text", "số báo cáo", "report number", True, "15/BC-UBND"),
    Field("local_contents", "mapping", "bốn nội dung địa phương", "the four local contents", True,
          "{origin: met, labour: met, idea: met, identity: met}", fields=LOCAL_CONTENTS),
)

DOSSIER_FORWARDING = (
    Field("date", "date", "ngày chuyển", "date forwarded", True, "2026-03-26"),
    Field("to", "text", "chuyển tới", "forwarded to", True, "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"),
)

DOSSIER_SCORING = (
    Field("date", "date", "ngày chấm điểm", "scoring date", True, "2026-06-10",
          help_vi="ngày của lần chấm trong 'evaluations' mà hồ sơ này đưa tới",
          help_en="the date of the evaluation (under 'evaluations') this dossier led to"),
)

DOSSIER_DECISION = (
    Field("date", "date", "ngày quyết định", "decision date", True, "2026-06-20"),
    Field("certificate", "text", "số quyết định công nhận", "recognition decision", False, "1234/QĐ-UBND",
          help_vi="số quyết định của một giấy chứng nhận trong 'certificates'",
          help_en="the decision number of a certificate under 'certificates'"),
    Field("not_recognised", "text", "lý do không công nhận", "reason not recognised", False,
          "Điểm dưới 50, không đủ hạng 3 sao",
          help_vi="thay cho 'certificate' khi sản phẩm không được công nhận",
          help_en="instead of 'certificate' when the product is not recognised"),
)

DOSSIER_WITHDRAWAL = (
    Field("date", "date", "ngày rút hồ sơ", "date withdrawn", True, "2026-04-01"),
    Field("reason", "text", "lý do", "reason", True, "Chủ thể xin rút để hoàn thiện bao bì"),
)

DOSSIER = (
    Field("kind", "choice", "loại hồ sơ", "kind of dossier", True, "first", choices=DOSSIER_KINDS,
          choice_names=EVALUATION_KIND_NAMES, choice_words=KIND_WORDS,
          help_vi="first: lần đầu; upgrade: nâng hạng; rerating: đánh giá lại khi giấy sắp hết hạn",
          help_en="first, upgrade, or re-rating of an expiring certificate"),
    Field("registered", "date", "ngày tiếp nhận", "date registered", True, "2026-03-02",
          help_vi="ngày xã, phường tiếp nhận hồ sơ", help_en="the day the commune received the dossier"),
    Field("returned", "list", "trả lại để bổ sung", "returned for completion", False, "- date: 2026-03-09",
          item=Field("", "mapping", "lần trả lại", "return", fields=DOSSIER_RETURN)),
    Field("assessed", "mapping", "xã đánh giá", "commune assessment", False,
          "{date: 2026-03-24, report: 15/BC-UBND, local_contents: {...}}", fields=DOSSIER_ASSESSMENT),
    Field("forwarded", "mapping", "chuyển hồ sơ", "forwarded", False,
          "{date: 2026-03-26, to: Sở Nông nghiệp và Môi trường}", fields=DOSSIER_FORWARDING),
    Field("scored", "mapping", "hội đồng chấm", "scored", False, "{date: 2026-06-10}", fields=DOSSIER_SCORING),
    Field("decided", "mapping", "quyết định", "decided", False, "{date: 2026-06-20, certificate: 1234/QĐ-UBND}",
          fields=DOSSIER_DECISION),
    Field("withdrawn", "mapping", "chủ thể rút hồ sơ", "withdrawn by the producer", False,
          "{date: 2026-04-01, reason: …}", fields=DOSSIER_WITHDRAWAL),
)

# What `ocop import` proposed or wrote for want of better, until an officer confirms it: each line says
# why; `ocop validate` warns (SP310) while a line is left.
TO_CONFIRM = (
    Field("product_set", "text", "bộ sản phẩm đề xuất", "proposed product set", False,
          '"đề xuất từ tên sản phẩm \'Chè …\'"'),
    Field("producer_kind", "text", "loại chủ thể tạm ghi", "producer kind written for now", False,
          '"tên chủ thể không cho biết loại"'),
)

PRODUCT = (
    Field("id", "product_id", "mã sản phẩm", "product id", True, "LC-0001",
          help_vi="cố định, không đổi, không dùng lại; trùng tên tệp", help_en="permanent; equals the file name"),
    Field("code", "text", "mã sản phẩm chính thức", "official product code", False, '"12-105-03409-1-2024"'),
    _localized("name", "localized_text", "tên sản phẩm", "product name", True, "{vi: Chè Shan tuyết cổ thụ San Thàng}"),
    Field("product_set", "integer", "bộ sản phẩm", "product set", False, "11", low=1, high=26,
          help_vi="thiếu thì ocop validate cảnh báo (SP309): trang không xếp được nhóm",
          help_en="when missing, ocop validate warns (SP309): the site cannot place it in a group"),
    Field("unit", "text", "đơn vị hành chính", "administrative unit", True, "san-thang",
          help_vi="đơn vị ghi trên giấy chứng nhận", help_en="the unit named on the certificate"),
    Field("producer", "mapping", "chủ thể", "producer", True, "{name: ..., kind: cooperative, address: ...}",
          fields=PRODUCER),
    # Optional: the lists a record is imported from never carry one, and a page without it leaves the section
    # out rather than publish an invented sentence.
    _localized("description", "localized_markdown", "mô tả", "description", False, "{vi: Chè được hái từ…}"),
    _localized("story", "localized_markdown", "câu chuyện sản phẩm", "product story", False, "{vi: Người Dao ở San Thàng…}"),
    Field("images", "list", "ảnh", "photos", False, "- file: LC-0001/hop-che.jpg",
          item=Field("", "mapping", "ảnh", "photo", fields=IMAGE)),
    Field("sales", "list", "nơi bán", "where to buy", False, "- name: Cửa hàng OCOP",
          item=Field("", "mapping", "nơi bán", "shop", fields=SALES_POINT)),
    Field("evaluations", "list", "các lần chấm điểm", "council scorings", False, "- date: 2024-06-20",
          item=Field("", "mapping", "lần chấm điểm", "scoring", fields=EVALUATION)),
    Field("certificates", "list", "các quyết định công nhận", "recognition decisions", False, "- decision: 1234/QĐ-UBND",
          item=Field("", "mapping", "quyết định công nhận", "recognition decision", fields=CERTIFICATE)),
    Field("dossiers", "list", "hồ sơ đăng ký", "dossiers", False, "- kind: first",
          item=Field("", "mapping", "hồ sơ", "dossier", fields=DOSSIER),
          help_vi="từ cũ đến mới; chỉ cán bộ xem, không công bố", help_en="oldest first; for officers, never published"),
    Field("revocation", "mapping", "thu hồi", "revocation", False, "{decision: 45/QĐ-UBND, ...}", fields=REVOCATION),
    Field("withdrawn", "mapping", "ngừng sản xuất", "withdrawn", False, "{date: 2026-09-01, reason: {vi: …}}",
          fields=WITHDRAWAL, help_vi="không xoá hồ sơ đã công bố: ghi ngừng để trang và mã QR vẫn trả lời",
          help_en="never delete a published record: mark it withdrawn so its page and QR code still answer"),
    Field("aliases", "list", "mã cũ", "old ids", False, "- LC-0003",
          item=Field("", "product_id", "mã cũ", "old id", example="LC-0003"),
          help_vi="các mã trước đây của sản phẩm; trang của chúng dẫn về mã này",
          help_en="former ids of this product; their pages lead here"),
    Field("to_confirm", "mapping", "cần xác nhận", "to confirm", False, '{product_set: "đề xuất từ tên …"}',
          fields=TO_CONFIRM, help_vi="ocop import ghi: giá trị đề xuất, chưa ai xác nhận; xoá từng dòng khi đã kiểm tra",
          help_en="written by ocop import: values proposed, not yet confirmed; delete each line once checked"),
)

UNIT = (
    Field("code", "text", "mã đơn vị", "unit code", True, "tan-phong"),
    _localized("name", "localized_text", "tên đơn vị", "unit name", True, "{vi: Phường Tân Phong, en: Tan Phong ward}"),
    Field("kind", "choice", "loại đơn vị", "kind of unit", True, "phuong", choices=tuple(UNIT_KINDS)),
    Field("gso_code", "text", "mã hành chính", "administrative code", False, '"03387"'),
    Field("from", "date", "có hiệu lực từ", "in force from", False, "2025-07-01"),
    Field("until", "date", "có hiệu lực đến", "in force until", False, "2025-06-30"),
    Field("successor", "text", "đơn vị kế thừa", "successor unit", False, "phuong-tan-phong"),
)

UNITS_FILE = (
    _localized("area", "localized_text", "địa bàn", "area", False, "{vi: tỉnh Lâm Đồng}"),
    Field("units", "list", "đơn vị hành chính", "administrative units", True, "- code: tan-phong",
          item=Field("", "mapping", "đơn vị", "unit", fields=UNIT)),
)

# dataset.yaml: who publishes the catalogue (DESIGN.md, "Datasets"); read by ocop/reading/publisher.py.
# Every key is optional, so that a dataset.yaml holding only an id prefix stays valid; what is left out
# falls back to generic words ("Sản phẩm OCOP") and the page leaves the line out.
REPORT_CONTACT = (
    Field("phone", "phone", "điện thoại nhận báo cáo", "phone for reports", False, '"0213 3123 456"'),
    Field("email", "email", "thư điện tử nhận báo cáo", "email for reports", False, "ocop@example.vn"),
)

OFFICE = (
    _localized("name", "localized_text", "tên cơ quan", "office name", True,
               "{vi: Sở Nông nghiệp và Môi trường, en: Department of Agriculture and Environment}"),
    Field("address", "text", "địa chỉ", "address", False, "Số 1 đường Trần Hưng Đạo"),
    Field("phone", "phone", "điện thoại", "phone", False, '"0213 3123 456"'),
    Field("email", "email", "thư điện tử", "email", False, "ocop@example.vn"),
    Field("report", "mapping", "nơi báo sản phẩm giả, dùng sai nhãn OCOP", "where to report a fake or misused OCOP label",
          True, '{phone: "0213 3123 456", email: ocop@example.vn}', fields=REPORT_CONTACT,
          help_vi="số điện thoại và/hoặc thư điện tử; mỗi trang sản phẩm có dòng báo cáo dẫn tới đây",
          help_en="a phone and/or an email; every product page links to it"),
)

# dataset.yaml, ``cms``: where the admin page (admin/, a Decap CMS form) reads and saves the records.
CMS_BACKENDS = ("github", "gitlab", "gitea", "forgejo")
CMS_SETTINGS = (
    Field("backend", "choice", "nơi lưu kho git", "git host", True, "github", choices=CMS_BACKENDS,
          choice_names={"github": ("GitHub", "GitHub"), "gitlab": ("GitLab", "GitLab"),
                        "gitea": ("Gitea (máy chủ riêng)", "Gitea (self-hosted)"),
                        "forgejo": ("Forgejo (máy chủ riêng)", "Forgejo (self-hosted)")},
          help_vi="github, gitlab, gitea hoặc forgejo", help_en="github, gitlab, gitea or forgejo"),
    Field("repo", "text", "kho git", "repository", True, "so-nong-nghiep/ocop-lam-dong",
          help_vi="chủ/tên của kho chứa thư mục hồ sơ", help_en="owner/name of the repository holding the records"),
    Field("branch", "text", "nhánh", "branch", False, "main", help_vi="bỏ trống: main", help_en="default: main"),
    Field("base_url", "url", "máy chủ đăng nhập", "login server", False, "https://git.example.vn",
          help_vi="GitHub: máy chủ OAuth của tỉnh; Gitea, Forgejo, GitLab tự quản: địa chỉ máy chủ git",
          help_en="GitHub: the province's OAuth server; self-hosted Gitea, Forgejo, GitLab: the git server"),
    Field("api_root", "url", "địa chỉ API", "API root", False, "https://git.example.vn/api/v1",
          help_vi="chỉ với máy chủ tự quản", help_en="self-hosted servers only"),
    Field("app_id", "text", "mã ứng dụng OAuth", "OAuth application id", False, '"a1b2c3d4-…"',
          help_vi="Gitea, Forgejo, GitLab: mã ứng dụng OAuth2 (không bí mật)",
          help_en="Gitea, Forgejo, GitLab: the OAuth2 application's client id (not a secret)"),
    Field("review", "choice", "duyệt trước khi đăng", "review before publication", False, "true",
          choices=("true", "false"), choice_names=YES_NO_NAMES,
          help_vi="true: mỗi lần lưu mở một pull request, cán bộ thứ hai duyệt rồi mới đăng (GitHub, GitLab, Forgejo)",
          help_en="true: each save opens a pull request that a second officer approves (GitHub, GitLab, Forgejo)"),
)

DATASET_FILE = (
    _localized("locality", "localized_text", "địa bàn", "locality", False,
               "{vi: tỉnh Lâm Đồng, en: Lam Dong province}",
               help_vi="hiện trong tên trang web, lời giới thiệu, báo cáo; bỏ trống: theo tên tỉnh",
               help_en="shown in the site's name, its introduction and reports; default: the province's name"),
    Field("province", "text", "tỉnh, thành phố", "province", False, '"68"',
          help_vi="một trong 34 tỉnh, thành phố từ 01/07/2025: mã GSO (\"68\") hoặc tên (Lâm Đồng); "
                  "chỉ bỏ trống khi bộ dữ liệu là của cả nước",
          help_en="one of the 34 provinces since 01/07/2025: GSO code (\"68\") or name (Lâm Đồng); "
                  "leave it out only for a dataset of the whole country"),
    Field("office", "mapping", "cơ quan công bố", "publishing office", False,
          "{name: {vi: …}, report: {phone: …}}", fields=OFFICE),
    Field("logo", "text", "logo", "logo", False, "logo.png",
          help_vi="ảnh PNG, JPEG, WebP hoặc SVG trong thư mục hồ sơ", help_en="a PNG, JPEG, WebP or SVG image in the "
          "records folder"),
    Field("sample", "choice", "dữ liệu minh họa", "sample data", False, "false", choices=("true", "false"),
          choice_words={"true": ("có", "yes", "đúng"), "false": ("không", "no", "sai")}, choice_names=YES_NO_NAMES,
          help_vi="true: mọi trang hiện dòng \"Dữ liệu minh họa\"; bỏ trống: false",
          help_en="true: every page shows a \"Sample data\" banner; default: false"),
    Field("id_prefix", "text", "tiền tố mã sản phẩm", "product id prefix", False, "LC"),
    Field("cms", "mapping", "trang quản trị", "admin page", False, "{backend: github, repo: so-nn/ocop, review: true}",
          fields=CMS_SETTINGS, help_vi="nơi trang quản trị admin/ lưu hồ sơ; bỏ trống: chỉ dùng trên máy (make admin)",
          help_en="where the admin/ page saves the records; leave it out to use it only locally (make admin)"),
)
