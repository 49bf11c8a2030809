"""Problems found in records: one catalogue of codes, one shape, two languages.

Every problem an officer can meet is declared once in ``CATALOGUE`` with a
stable code, its severity, the message and how to fix it, in Vietnamese then
English. The validator, the command line, the README's table of codes and the
tests all read this catalogue, so a code cannot exist without its text.
"""

import re
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

SEVERITY_WORD = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True)
class MessageTemplate:
    severity: str
    vi: str
    en: str
    fix_vi: str
    fix_en: str
    title: str  # short English name, for the docs table


def _m(severity, title, vi, en, fix_vi, fix_en):
    # A fix is read after "Cách sửa: " / "Fix: ", so it starts in lower case.
    return MessageTemplate(severity, vi, en, _lower_first(fix_vi), _lower_first(fix_en), title)


def _lower_first(text):
    return text[:1].lower() + text[1:]


# Codes: SP0xx reading a file, SP1xx a field's form, SP2xx the OCOP rules and
# cross-field facts, SP3xx warnings about a record's state, SP4xx importing a spreadsheet
# (`ocop import`: SP40x the file, SP41x a row's values, SP42x what the import proposes or skips).
CATALOGUE = {
    "SP001": _m(ERROR, "file cannot be read",
        "Không đọc được tệp: {reason_vi}.", "The file cannot be read: {reason}.",
        "Lưu tệp ở dạng văn bản UTF-8 (trình soạn thảo: Save with encoding UTF-8).",
        "Save the file as UTF-8 text."),
    "SP002": _m(ERROR, "empty file",
        "Tệp rỗng, không có hồ sơ sản phẩm nào.", "The file is empty: it holds no product record.",
        "Điền hồ sơ theo mẫu trong docs/huong-dan-can-bo.md (hoặc tạo bằng ocop new), hoặc xoá tệp nếu tạo nhầm.",
        "Fill in the record as docs/officers-guide.md shows (or make it with ocop new), or delete the file "
        "if it was made by mistake."),
    "SP003": _m(ERROR, "YAML syntax error",
        "Sai cú pháp YAML: {reason_vi}.", "YAML syntax error: {reason}.",
        "Kiểm tra thụt lề (dùng dấu cách), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ.",
        "Check the indentation (spaces), the colon after each key and that quotes are closed."),
    "SP004": _m(ERROR, "tab used for indentation",
        "Dòng này thụt lề bằng phím Tab.", "This line is indented with a tab character.",
        "Thay Tab bằng dấu cách (2 dấu cách cho mỗi mức).", "Replace the tab with spaces (2 per level)."),
    "SP005": _m(ERROR, "duplicate key",
        "Trường '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line}).",
        "Key '{key}' appears twice (first on line {first_line}).",
        "Giữ một trường '{key}' và xoá trường thừa.", "Keep one '{key}' and delete the other."),
    "SP006": _m(ERROR, "record is not a mapping",
        "Hồ sơ phải là một nhóm trường 'tên: giá trị', nhưng gặp {found_vi}.",
        "A record must be a group of 'key: value' fields, but found {found_en}.",
        "Bắt đầu tệp bằng 'id: ...' rồi các trường khác, mỗi trường một dòng.",
        "Start the file with 'id: ...' and the other fields, one per line."),
    "SP007": _m(ERROR, "YAML tag not allowed",
        "Không dùng thẻ YAML '{tag}' trong hồ sơ.", "YAML tag '{tag}' is not allowed in records.",
        "Xoá thẻ bắt đầu bằng '!' và viết giá trị bình thường.", "Remove the tag starting with '!' and write the plain value."),
    "SP008": _m(ERROR, "record file with the wrong extension",
        "Tệp hồ sơ phải có đuôi .yaml, nhưng tệp này có đuôi '{ext}'.",
        "Record files must end in .yaml, but this one ends in '{ext}'.",
        "Đổi tên tệp thành {expected}.", "Rename the file to {expected}."),
    "SP009": _m(WARNING, "file ignored",
        "'{name}' không phải hồ sơ sản phẩm (<MÃ>.yaml) nên bị bỏ qua.",
        "'{name}' is not a product record (<ID>.yaml), so it is ignored.",
        "Chuyển '{name}' ra khỏi thư mục hồ sơ; nếu đó là hồ sơ sản phẩm, đặt tên theo mã, ví dụ LC-0015.yaml.",
        "Move '{name}' out of the records folder; if it is a product record, name it after the id, e.g. LC-0015.yaml."),
    "SP010": _m(ERROR, "YAML alias used",
        "Không dùng tham chiếu YAML (&neo / *tham-chiếu) trong hồ sơ.",
        "YAML anchors and aliases (&anchor / *alias) are not allowed in records.",
        "Viết đầy đủ giá trị tại chỗ thay cho '*…'.", "Write the value out in full instead of '*…'."),
    # dataset.yaml: who publishes the catalogue (ocop/reading/publisher.py).
    "SP011": _m(WARNING, "no dataset.yaml",
        "Thư mục hồ sơ chưa có dataset.yaml: trang web không ghi được ai công bố danh mục, cũng không có nơi "
        "báo sản phẩm giả, dùng sai nhãn OCOP.",
        "The records folder has no dataset.yaml: the site cannot say who publishes the catalogue, nor where to "
        "report a fake or misused OCOP label.",
        "Tạo tệp bằng lệnh ocop init --province TỈNH --products {folder} --existing (TỈNH: mã GSO hoặc tên "
        "tỉnh), rồi điền thông tin cơ quan công bố.",
        "Create it with ocop init --province PROVINCE --products {folder} --existing (PROVINCE: its GSO code "
        "or name), then fill in the publishing office's details."),
    "SP012": _m(ERROR, "unknown province",
        "'{value}' không phải một trong 34 tỉnh, thành phố từ 01/07/2025.{hint_vi}",
        "'{value}' is not one of the 34 provinces and cities since 01/07/2025.{hint_en}",
        "Ghi mã GSO của tỉnh trong ngoặc kép (ví dụ \"68\") hoặc tên tỉnh (ví dụ Lâm Đồng); nếu bộ dữ liệu "
        "là của cả nước, xoá dòng 'province'.",
        "Write the province's GSO code in quotes (e.g. \"68\") or its name (e.g. Lâm Đồng); for a dataset of "
        "the whole country, delete the 'province' line."),
    "SP013": _m(ERROR, "logo cannot be used",
        "Không dùng được logo '{value}': {reason_vi}.", "Logo '{value}' cannot be used: {reason_en}.",
        "Đặt một ảnh PNG, JPEG, WebP hoặc SVG trong {where} và ghi đường dẫn tính từ thư mục đó, ví dụ "
        "logo: logo.png; hoặc xoá dòng 'logo'.",
        "Put a PNG, JPEG, WebP or SVG image in {where} and write its path from that folder, e.g. logo: logo.png; "
        "or delete the 'logo' line."),
    "SP014": _m(ERROR, "no contact for reports",
        "'report' cần số điện thoại (phone) hoặc thư điện tử (email) để người mua báo sản phẩm giả, dùng sai "
        "nhãn OCOP.",
        "'report' needs a phone or an email, so that buyers can report a fake or misused OCOP label.",
        "Thêm dòng, ví dụ phone: \"0213 3123 456\" hoặc email: ocop@example.vn.",
        "Add one, e.g. phone: \"0213 3123 456\" or email: ocop@example.vn."),
    "SP015": _m(WARNING, "placeholder left in dataset.yaml",
        "Trường '{key}' của dataset.yaml vẫn còn chữ '(chưa điền)': trang web bỏ trống thông tin này.",
        "Field '{key}' of dataset.yaml still says '(chưa điền)' (to fill in): the site leaves it out.",
        "Ghi thông tin thật của cơ quan công bố trước khi đưa trang lên mạng.",
        "Write the publishing office's real details before the site goes public."),
    "SP016": _m(ERROR, "units.yaml names a unit that does not exist",
        "'{key}' của đơn vị '{code}' ghi '{value}': không có đơn vị nào mang mã này.",
        "'{key}' of unit '{code}' says '{value}': no unit has that code.",
        "ghi mã GSO có trong dữ liệu đơn vị cả nước, hoặc mã của một đơn vị khác trong units.yaml.",
        "write a GSO code of the country's unit data, or the code of another unit of units.yaml."),
    # Reading limits (yamltree.RECORD_LIMITS): far above any real record, so that a hostile file costs little.
    "SP017": _m(ERROR, "file over a reading limit",
        "Tệp vượt giới hạn: {what_vi} là {value_vi}, tối đa {limit_vi}; tệp không được đọc tiếp.",
        "The file is over a limit: {what_en} is {value_en}, at most {limit_en}; it is not read further.",
        "Một hồ sơ thật chỉ vài KB, sâu vài mức và có vài trăm trường: kiểm tra tệp có bị dán nhầm nội dung "
        "khác không và xoá phần thừa.",
        "A real record is a few KB, a few levels deep, with a few hundred fields: check whether something else "
        "was pasted into the file and delete what does not belong."),
    "SP018": _m(ERROR, "not a regular file",
        "Tệp này không phải tệp thường mà là {kind_vi}: nội dung không được đọc.",
        "This is not a regular file but {kind_en}: its content is not read.",
        "Xoá '{name}'; nếu cần hồ sơ này, đặt vào đây chính tệp hồ sơ (tệp văn bản .yaml thường, không phải "
        "liên kết).",
        "Delete '{name}'; if the record is needed, put the record itself here (a plain .yaml text file, not a "
        "link)."),
    # `ocop format` (ocop/importing/layout.py): a record the web form saved, put back into the house layout.
    "SP019": _m(ERROR, "record cannot be put back into the house layout",
        "Không sắp lại được tệp theo bố cục chuẩn: bản viết lại {reason_vi}. Tệp được giữ nguyên.",
        "The file cannot be put back into the house layout: the rewritten text {reason_en}. The file is left as it is.",
        "Sửa tệp bằng trình soạn thảo (giá trị được chỉ ra, hoặc phần làm tệp quá dài) rồi chạy lại ocop format; "
        "nếu vẫn lỗi, báo cho nhóm phát triển kèm tệp.",
        "Edit the file by hand (the value shown, or what makes it too long), then run ocop format again; if it "
        "still fails, report it to the developers with the file."),
    "SP020": _m(ERROR, "review asked of a git host that cannot do it",
        "Gitea không mở được pull request từ trang quản trị (Decap CMS không hỗ trợ duyệt trước với Gitea): "
        "với 'review: true', trang admin/ không mở được.",
        "The admin form cannot open pull requests on Gitea (Decap CMS has no review workflow for it): with "
        "'review: true' the admin/ page would not open.",
        "Máy chủ là Forgejo thì ghi backend: forgejo (có duyệt trước); nếu không, ghi review: false và bảo vệ "
        "nhánh chính (xem docs/publishing.md, Trang quản trị).",
        "On a Forgejo server write backend: forgejo (it has review); otherwise write review: false and protect "
        "the main branch (see docs/publishing.md, The admin form)."),
    "SP100": _m(ERROR, "unknown field",
        "Trường '{key}' không có trong mẫu hồ sơ.{hint_vi}", "Field '{key}' is not part of the record format.{hint_en}",
        "Sửa tên trường cho đúng (các trường được phép: {allowed}).",
        "Correct the field name (allowed fields: {allowed})."),
    "SP101": _m(ERROR, "required field missing",
        "Thiếu trường bắt buộc '{key}' ({label_vi}).", "Required field '{key}' ({label_en}) is missing.",
        "Thêm dòng, ví dụ: {key}: {example}", "Add it, for example: {key}: {example}"),
    "SP102": _m(ERROR, "invalid date",
        "Ngày '{value}' không hợp lệ.{hint_vi}", "Date '{value}' is not a valid date.{hint_en}",
        "viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28.", "use YYYY-MM-DD."),
    "SP103": _m(ERROR, "wrong kind of value",
        "Trường '{key}' phải là {expected_vi}, nhưng gặp {found_vi}.",
        "Field '{key}' must be {expected_en}, but found {found_en}.",
        "Viết theo mẫu: {example}", "Write it like: {example}"),
    "SP104": _m(ERROR, "not a number",
        "'{value}' không phải là số.", "'{value}' is not a number.",
        "Viết số với dấu chấm thập phân, ví dụ 31.5 (không dùng dấu phẩy).",
        "Write a number with a decimal point, e.g. 31.5 (no comma)."),
    "SP105": _m(ERROR, "not a whole number",
        "'{value}' không phải là số nguyên.", "'{value}' is not a whole number.",
        "Viết số nguyên, ví dụ {example}.", "Write a whole number, e.g. {example}."),
    "SP106": _m(ERROR, "value not allowed",
        "Giá trị '{value}' không được phép cho '{key}'.{hint_vi}", "Value '{value}' is not allowed for '{key}'.{hint_en}",
        "Chọn một trong: {allowed}.", "Choose one of: {allowed}."),
    "SP107": _m(ERROR, "invalid product id",
        "Mã sản phẩm '{value}' sai dạng.", "Product id '{value}' is not in the right form.",
        "Dùng chữ in hoa, chữ số và dấu gạch ngang, ví dụ LC-0001.",
        "Use capital letters, digits and hyphens, e.g. LC-0001."),
    "SP108": _m(ERROR, "invalid web address",
        "Địa chỉ web '{value}' không hợp lệ.", "Web address '{value}' is not valid.",
        "Viết đầy đủ, bắt đầu bằng https://, ví dụ https://example.vn/san-pham.",
        "Write the full address starting with https://, e.g. https://example.vn/product."),
    "SP109": _m(ERROR, "invalid email",
        "Thư điện tử '{value}' không hợp lệ.", "Email '{value}' is not valid.",
        "Viết dạng ten@mien.vn, ví dụ htx@example.vn.", "Write it as name@domain, e.g. htx@example.vn."),
    "SP110": _m(ERROR, "invalid phone number",
        "Số điện thoại '{value}' không hợp lệ.", "Phone number '{value}' is not valid.",
        "Viết 10 chữ số bắt đầu bằng 0 (có thể có dấu cách), trong ngoặc kép, ví dụ \"0912 345 678\".",
        "Write 10 digits starting with 0 (spaces allowed), in quotes, e.g. \"0912 345 678\"."),
    "SP111": _m(ERROR, "empty text",
        "Trường '{key}' để trống.", "Field '{key}' is empty.",
        "Điền nội dung, hoặc xoá cả dòng nếu trường không bắt buộc.",
        "Fill it in, or delete the line if the field is optional."),
    "SP112": _m(ERROR, "number out of range",
        "Giá trị {value} của '{key}' nằm ngoài khoảng cho phép {low}–{high}.",
        "Value {value} of '{key}' is outside the allowed range {low}–{high}.",
        "Sửa thành một số từ {low} đến {high}.", "Use a number from {low} to {high}."),
    "SP113": _m(ERROR, "invalid criterion code",
        "Tiêu chí '{value}' không có trong phiếu chấm của bộ sản phẩm {product_set} ({rules}).",
        "Criterion '{value}' is not on the scoring sheet of product set {product_set} ({rules}).",
        "Dùng mã tiêu chí chi tiết nhất (cấp thấp nhất) của phiếu chấm, ví dụ {example}.",
        "Use the scoring sheet's most detailed (lowest-level) criterion codes, e.g. {example}."),
    "SP114": _m(ERROR, "control character in text",
        "Giá trị có ký tự điều khiển ẩn {char} ({name}) ở ký tự thứ {position}: ký tự này không hiện ra nhưng "
        "làm hỏng trang web và nguồn tin.",
        "The value holds the hidden control character {char} ({name}) at character {position}: it does not "
        "show, but it breaks the site and its feed.",
        "Xoá ký tự đó (thường do dán văn bản từ nơi khác, hoặc do mã thoát như \\e, \\x0b trong ngoặc kép) và "
        "gõ lại phần chữ quanh nó nếu cần.",
        "Delete it (it usually comes from pasted text, or from an escape such as \\e or \\x0b inside double "
        "quotes) and retype the text around it if need be."),
    "SP201": _m(ERROR, "id differs from the file name",
        "Mã '{value}' khác tên tệp '{file_name}'.", "Id '{value}' differs from the file name '{file_name}'.",
        "Mã sản phẩm không bao giờ đổi: đặt tên tệp là {value}.yaml hoặc sửa id thành {file_id}.",
        "A product id never changes: name the file {value}.yaml or set id to {file_id}."),
    "SP202": _m(ERROR, "duplicate id",
        "Mã '{value}' đã dùng trong {other}.", "Id '{value}' is already used by {other}.",
        "Mỗi sản phẩm một mã riêng, không dùng lại: đổi sang mã mới chưa từng dùng.",
        "Each product has its own id, never reused: choose a new id."),
    "SP203": _m(ERROR, "id without the dataset's prefix",
        "Mã '{value}' không bắt đầu bằng tiền tố '{prefix}-' của bộ dữ liệu.",
        "Id '{value}' does not start with the dataset's prefix '{prefix}-'.",
        "Dùng mã dạng {prefix}-0001.", "Use an id like {prefix}-0001."),
    "SP204": _m(ERROR, "unit outside the dataset's province",
        "Đơn vị '{value}' ({where}) nằm ngoài {province} của bộ dữ liệu.",
        "Unit '{value}' ({where_en}) lies outside the dataset's {province_en}.",
        "ghi mã của một đơn vị thuộc {province} (trước 01/07/2025: thuộc {before}), hoặc kiểm tra 'province' trong dataset.yaml.",
        "use the code of a unit of {province_en} (before 01/07/2025: of {before_en}), or check 'province' in dataset.yaml."),
    "SP205": _m(ERROR, "district level in the days it had no body",
        "Cấp huyện ngày {date}: từ 01/07/2025 không còn chính quyền cấp huyện (UBND, hội đồng cấp huyện).",
        "District level on {date}: there has been no district government (People's Committee, council) since 01/07/2025.",
        "kiểm tra ngày và cơ quan; từ 01/07/2025 cấp tỉnh chấm điểm và công nhận sản phẩm 3 và 4 sao: ghi 'province'.",
        "check the date and the body; since 01/07/2025 the province scores and recognises 3★ and 4★ products: write 'province'."),
    "SP210": _m(ERROR, "unknown unit",
        "Đơn vị hành chính '{value}' không có trong danh sách.", "Administrative unit '{value}' is not in the list.",
        "{suggestion_vi}", "{suggestion_en}"),
    "SP211": _m(ERROR, "unit did not exist on that date",
        "Đơn vị '{value}' ({name}) không tồn tại vào ngày {date} ({period}).",
        "Unit '{value}' ({name}) did not exist on {date} ({period}).",
        "Ghi đơn vị có hiệu lực vào ngày đó: {suggestion}.", "Use the unit in force on that day: {suggestion}."),
    "SP212": _m(ERROR, "producer kind not allowed for the product set",
        "Loại chủ thể '{value}' không được phép cho bộ sản phẩm {product_set}.",
        "Producer kind '{value}' is not allowed for product set {product_set}.",
        "Chọn một trong: {allowed}.", "Choose one of: {allowed}."),
    "SP213": _m(ERROR, "image missing",
        "Không thấy ảnh '{value}' (tìm ở {where}).", "Image '{value}' not found (looked in {where}).",
        "Đặt ảnh vào {where} hoặc sửa tên tệp cho đúng (phân biệt chữ hoa, chữ thường).",
        "Put the photo in {where} or correct the file name (case matters)."),
    "SP214": _m(ERROR, "not an image",
        "Tệp '{value}' không phải ảnh đọc được ({reason_vi}).", "File '{value}' is not a readable image ({reason}).",
        "Dùng ảnh JPEG, PNG hoặc WebP.", "Use a JPEG, PNG or WebP photo."),
    "SP215": _m(ERROR, "date in the future",
        "Ngày {value} ở tương lai (hôm nay là {today}).", "Date {value} is in the future (today is {today}).",
        "Kiểm tra lại năm, tháng, ngày trên văn bản gốc.", "Check the year, month and day against the signed document."),
    "SP216": _m(ERROR, "part score above its maximum",
        "Điểm phần {part} là {value}, vượt tối đa {max} của bộ quy tắc {rules}.",
        "Part {part} scores {value}, above the maximum {max} of rule set {rules}.",
        "Kiểm tra điểm trên biên bản hội đồng, và bộ quy tắc ('rules:') áp dụng.",
        "Check the score in the council's minutes and the rule set ('rules:') applied."),
    "SP217": _m(ERROR, "rule set not in force on that date",
        "Bộ quy tắc '{value}' không áp dụng vào ngày {date} ({period}).",
        "Rule set '{value}' was not in force on {date} ({period}).",
        "Xoá dòng 'rules:' để dùng bộ quy tắc theo ngày ({default}), hoặc sửa ngày.",
        "Delete 'rules:' to use the rule set of the date ({default}), or correct the date."),
    "SP218": _m(ERROR, "criterion points not an option of the sheet",
        "Tiêu chí {criterion}: {value} điểm không phải là một phương án của phiếu chấm (các phương án: {allowed}).",
        "Criterion {criterion}: {value} points is not one of the sheet's options (options: {allowed}).",
        "Ghi đúng số điểm của phương án hội đồng đã chọn.", "Write the points of the option the council chose."),
    "SP219": _m(ERROR, "criteria do not add up to the part score",
        "Tổng điểm các tiêu chí phần {part} là {total}, khác điểm phần đã ghi {value}.",
        "The criteria of part {part} add up to {total}, not the recorded part score {value}.",
        "Sửa điểm tiêu chí hoặc điểm phần cho khớp biên bản.", "Correct the criteria or the part score to match the minutes."),
    "SP220": _m(ERROR, "criteria missing from the sheet",
        "Phiếu chấm thiếu tiêu chí: {missing}.", "The scoring sheet lacks criteria: {missing}.",
        "Ghi điểm cho mọi tiêu chí của phiếu chấm bộ {product_set}.",
        "Give points for every criterion of set {product_set}'s sheet."),
    "SP221": _m(ERROR, "no scoring sheet for that rule set",
        "Bộ quy tắc {rules} không có phiếu chấm trong dữ liệu nên không kiểm tra được 'criteria'.",
        "Rule set {rules} has no scoring sheet in the data, so 'criteria' cannot be checked.",
        "Xoá 'criteria:' và ghi 'minimums_met:' theo biên bản hội đồng.",
        "Remove 'criteria:' and record 'minimums_met:' from the council's minutes."),
    "SP222": _m(ERROR, "minimums_met contradicts the sheet",
        "'minimums_met: {value}' khác kết quả phiếu chấm (đạt yêu cầu tối thiểu đến {computed} sao).",
        "'minimums_met: {value}' contradicts the sheet (minimums met up to {computed} stars).",
        "Xoá 'minimums_met' (tính từ phiếu chấm) hoặc sửa điểm tiêu chí.",
        "Delete 'minimums_met' (it is computed from the sheet) or correct the criteria."),
    "SP223": _m(ERROR, "council level does not exist under the rule set",
        "Hội đồng cấp '{value}' không chấm điểm theo bộ quy tắc {rules}.",
        "A '{value}' council does not score under rule set {rules}.",
        "Chọn một trong: {allowed}.", "Choose one of: {allowed}."),
    "SP230": _m(ERROR, "certificate stars above the evaluated rank",
        "Giấy chứng nhận {stars} sao, nhưng lần đánh giá gần nhất vào hoặc trước ngày {date} chỉ đạt {rank} sao.",
        "The certificate gives {stars} stars, but the latest evaluation on or before {date} ranks {rank} stars.",
        "Kiểm tra số sao trên quyết định và điểm của hội đồng.", "Check the stars on the decision and the council's score."),
    "SP231": _m(ERROR, "level not allowed to grant that star",
        "Cấp '{value}' không được công nhận {stars} sao theo {rules} (ngày {date}); cấp có thẩm quyền: {allowed}.",
        "Level '{value}' may not grant {stars} stars under {rules} (on {date}); the competent level is {allowed}.",
        "Sửa 'level' theo cơ quan ký quyết định, hoặc kiểm tra ngày quyết định.",
        "Set 'level' to the body that signed the decision, or check the decision date."),
    "SP232": _m(ERROR, "not in date order",
        "'{key}' phải xếp từ cũ đến mới: {value} đứng sau {previous}.",
        "'{key}' must be listed oldest first: {value} comes after {previous}.",
        "Sắp xếp lại các mục theo ngày tăng dần.", "Reorder the entries by date, oldest first."),
    "SP233": _m(ERROR, "revocation before the certificate",
        "Ngày thu hồi {value} trước ngày cấp giấy chứng nhận đầu tiên {date}.",
        "Revocation date {value} is before the first certificate's date {date}.",
        "Kiểm tra ngày trên quyết định thu hồi.", "Check the date on the revocation decision."),
    "SP234": _m(ERROR, "revocation without a certificate",
        "Có quyết định thu hồi nhưng sản phẩm chưa có giấy chứng nhận nào.",
        "There is a revocation but the product has no certificate.",
        "Thêm giấy chứng nhận bị thu hồi vào 'certificates', hoặc xoá 'revocation'.",
        "Add the revoked certificate under 'certificates', or remove 'revocation'."),
    "SP240": _m(ERROR, "replacement product unknown",
        "Sản phẩm thay thế '{value}' {problem_vi}.", "Replacement product '{value}' {problem_en}.",
        "Ghi mã của một hồ sơ đang có, hoặc xoá 'replaced_by'.", "Use the id of an existing record, or remove 'replaced_by'."),
    "SP241": _m(ERROR, "old id clashes",
        "Mã cũ '{value}' {clash_vi}.", "Old id '{value}' {clash_en}.",
        "Mỗi mã chỉ thuộc về một sản phẩm: xoá mã cũ này khỏi 'aliases'.",
        "Each id belongs to one product only: remove this old id from 'aliases'."),
    "SP242": _m(ERROR, "placeholder in a certified record",
        "Trường '{key}' vẫn còn chữ '(chưa điền)' nhưng sản phẩm đã được công nhận và sẽ được công bố.",
        "Field '{key}' still says '(chưa điền)' (to fill in), but the product is certified and will be published.",
        "Điền nội dung thật cho trường này.", "Write the real text in this field."),
    "SP250": _m(ERROR, "published record deleted",
        "Hồ sơ {value} đã công bố nhưng tệp {file} bị xoá (lịch sử git có phiên bản mang giấy chứng nhận): "
        "mã QR in trên bao bì sẽ dẫn tới trang không còn.",
        "Record {value} was published but its file {file} was deleted (the git history holds a version with a "
        "certificate): QR codes printed on packages would lead to a page that is gone.",
        "Khôi phục tệp (git checkout {restore_from} -- {file}) và ghi 'withdrawn:' (ngày, lý do) thay vì xoá; "
        "mã {value} không bao giờ dùng lại.",
        "Restore the file (git checkout {restore_from} -- {file}) and mark it 'withdrawn:' (date, reason) "
        "instead of deleting it; the id {value} is never used again."),
    "SP251": _m(ERROR, "certificates removed from a published record",
        "Hồ sơ {value} đã công bố (lịch sử git có phiên bản mang giấy chứng nhận) nhưng nay không còn "
        "'certificates:': trang của sản phẩm và mã QR in trên bao bì sẽ không còn trả lời.",
        "Record {value} was published (the git history holds a version with a certificate) but has no "
        "'certificates:' now: its page, and the QR codes printed on packages, would stop answering.",
        "Khôi phục 'certificates:' (xem: git show {restore_from}:./{file}); nếu sản phẩm ngừng sản xuất, ghi "
        "'withdrawn:'; nếu bị thu hồi, ghi 'revocation:'.",
        "Restore 'certificates:' (see: git show {restore_from}:./{file}); if the product is no longer made, mark "
        "it 'withdrawn:'; if it was revoked, record the 'revocation:'."),
    # A dossier (hồ sơ đăng ký): its steps, from the commune's receipt to the decision (ocop-rules.md §4).
    "SP260": _m(ERROR, "dossier steps out of order",
        "Các bước của hồ sơ sai thứ tự: {step_vi} ({key}) {value} trước {earlier_vi} ({earlier_key}) {earlier}.",
        "Dossier steps out of order: the {step_en} ({key}), {value}, is before the {earlier_en} ({earlier_key}), "
        "{earlier}.",
        "các bước theo thứ tự tiếp nhận, trả lại rồi nộp lại, xã đánh giá, chuyển, chấm điểm, quyết định; rút hồ sơ "
        "là bước sau cùng: kiểm tra hai ngày trên văn bản gốc.",
        "the steps go registered, returned then resubmitted, assessed, forwarded, scored, decided; a withdrawal "
        "comes last: check both dates against the documents."),
    "SP261": _m(ERROR, "dossier step without the step it needs",
        "{done_vi} ngày {value} nhưng {missing_vi} (không có '{needed}').",
        "{done_en} on {value}, but {missing_en} (no '{needed}').",
        "thêm '{needed}' với ngày trên văn bản gốc, hoặc xoá '{key}' nếu ghi nhầm.",
        "add '{needed}' with the date on the document, or delete '{key}' if it was written by mistake."),
    "SP262": _m(ERROR, "scoring date matches no evaluation",
        "Ngày chấm điểm {value} không phải ngày của lần chấm nào trong 'evaluations' ({found_vi}).",
        "Scoring date {value} is not the date of any entry of 'evaluations' ({found_en}).",
        "ghi đúng ngày của lần chấm mà hồ sơ này đưa tới, hoặc thêm lần chấm đó vào 'evaluations'.",
        "write the date of the scoring this dossier led to, or add that scoring under 'evaluations'."),
    "SP263": _m(ERROR, "decision with no outcome, or two",
        "Quyết định về hồ sơ {problem_vi}.", "The decision on the dossier {problem_en}.",
        "ghi 'certificate: SỐ/QĐ-UBND' khi sản phẩm được công nhận, hoặc 'not_recognised: LÝ DO' khi không; "
        "xoá trường kia.",
        "write 'certificate: NUMBER/QĐ-UBND' when the product was recognised, or 'not_recognised: REASON' when it "
        "was not; delete the other."),
    "SP264": _m(ERROR, "decision not among the certificates",
        "Quyết định công nhận '{value}' ngày {date} không có trong 'certificates' ({found_vi}).",
        "Recognition decision '{value}' of {date} is not under 'certificates' ({found_en}).",
        "ghi số quyết định đúng như trong 'certificates' và 'decided.date' đúng ngày ký quyết định, hoặc thêm "
        "giấy chứng nhận đó vào 'certificates'.",
        "write the decision number as 'certificates' has it and its signing day as 'decided.date', or add that "
        "certificate under 'certificates'."),
    "SP265": _m(ERROR, "dossier both decided and withdrawn",
        "Hồ sơ vừa có quyết định ngày {decided} vừa bị rút ngày {withdrawn}: hồ sơ đã rút không còn được quyết "
        "định, hồ sơ đã quyết định không rút được nữa.",
        "The dossier was both decided on {decided} and withdrawn on {withdrawn}: a withdrawn dossier gets no "
        "decision, and a decided one can no longer be withdrawn.",
        "giữ bước đúng theo văn bản: xoá 'withdrawn' nếu đã có quyết định, hoặc xoá 'decided' nếu chủ thể đã rút "
        "hồ sơ trước đó.",
        "keep the step the documents show: delete 'withdrawn' if the decision was made, or 'decided' if the "
        "producer withdrew the dossier first."),
    "SP266": _m(ERROR, "dossier dated before the OCOP programme",
        "Ngày {value} trước khi Chương trình OCOP bắt đầu ({start}, Quyết định 490/QĐ-TTg): không có hồ sơ OCOP "
        "nào từ trước ngày đó.",
        "{value} is before the OCOP programme began ({start}, Decision 490/QĐ-TTg): no OCOP dossier is older.",
        "kiểm tra năm trên giấy tờ; ngày viết NĂM-THÁNG-NGÀY, ví dụ 2024-03-02.",
        "check the year on the documents; dates are written YEAR-MONTH-DAY, e.g. 2024-03-02."),
    "SP301": _m(WARNING, "certificate expired",
        "Giấy chứng nhận {decision} đã hết hạn ngày {expires}.", "Certificate {decision} expired on {expires}.",
        "Nếu đã đánh giá lại, thêm kết quả mới vào 'evaluations' và 'certificates'.",
        "If it was re-rated, add the new evaluation and certificate."),
    "SP302": _m(WARNING, "certificate expiring",
        "Giấy chứng nhận {decision} hết hạn ngày {expires}, còn {days} ngày.",
        "Certificate {decision} expires on {expires}, {days} days from now.",
        "Nộp hồ sơ đánh giá lại từ {window_start} đến {window_end} (180 đến 120 ngày trước khi hết hạn){late_vi}.",
        "File the re-rating dossier from {window_start} to {window_end} (180 to 120 days before expiry){late_en}."),
    "SP304": _m(WARNING, "placeholder left in a candidate",
        "Trường '{key}' vẫn còn chữ '(chưa điền)'.", "Field '{key}' still says '(chưa điền)' (to fill in).",
        "Điền nội dung trước khi hồ sơ được công nhận.", "Fill it in before the product is certified."),
    "SP303": _m(WARNING, "raw HTML in Markdown",
        "Có mã HTML '{value}' trong văn bản; mã HTML không được hiển thị.",
        "Raw HTML '{value}' in the text; HTML is never rendered.",
        "Dùng định dạng Markdown (**đậm**, *nghiêng*, danh sách bằng '-').",
        "Use Markdown formatting (**bold**, *italic*, '-' lists)."),
    "SP305": _m(WARNING, "git history not checked",
        "Không kiểm tra được lịch sử git ({reason_vi}): hồ sơ đã công bố bị xoá có thể không được phát hiện.",
        "Could not check the git history ({reason_en}): a deleted published record may go undetected.",
        "Kiểm tra trên bản sao git đầy đủ: git fetch --unshallow (GitHub Actions: 'fetch-depth: 0' cho "
        "actions/checkout); nếu git không chạy được, cài git hoặc làm theo thông báo của git.",
        "Check on a full git clone: git fetch --unshallow (GitHub Actions: 'fetch-depth: 0' for actions/checkout); "
        "if git cannot run, install it or do what git's message says."),
    "SP306": _m(WARNING, "issuer names no unit of that date",
        "Cơ quan ban hành '{value}': không có {kind_vi} {name} vào ngày {date}{others_vi}.",
        "Issuer '{value}': there was no {kind_en} {name} on {date}{others_en}.",
        "kiểm tra tên cơ quan ban hành và ngày quyết định, ghi đúng như trên quyết định.",
        "check the issuer's name and the decision date; write them as printed on the decision."),
    "SP307": _m(WARNING, "issuer outside the dataset's province",
        "Cơ quan ban hành '{value}': {where} nằm ngoài {province} (trước 01/07/2025: {before}).",
        "Issuer '{value}': {where_en} lies outside {province_en} (before 01/07/2025: {before_en}).",
        "kiểm tra cơ quan ban hành; hồ sơ của một tỉnh khác thuộc bộ dữ liệu của tỉnh đó.",
        "check the issuer; a record of another province belongs to that province's dataset."),
    "SP308": _m(WARNING, "issuer's level does not match level",
        "Cơ quan ban hành '{value}' là cấp {found_vi}, nhưng 'level' ghi '{level}'.",
        "Issuer '{value}' is a {found_en}-level body, but 'level' says '{level}'.",
        "sửa 'level' thành '{found}' hoặc sửa cơ quan ban hành.", "set 'level' to '{found}' or correct the issuer."),
    "SP309": _m(WARNING, "no product set",
        "Hồ sơ chưa ghi bộ sản phẩm: trang web không xếp được sản phẩm vào nhóm, không chấm được điểm.",
        "The record names no product set: the site cannot place the product in a group, nor can it be scored.",
        "thêm dòng 'product_set:' với số bộ sản phẩm 1–26 (danh sách trong docs/huong-dan-can-bo.md).",
        "add a 'product_set:' line with the set's number 1–26 (listed in docs/officers-guide.md)."),
    "SP310": _m(WARNING, "a value proposed at import still to confirm",
        "'{key}' là giá trị đề xuất khi nhập danh sách, chưa được cán bộ xác nhận: {reason}.",
        "'{key}' was proposed when the list was imported and is not confirmed yet: {reason}.",
        "kiểm tra '{key}', sửa nếu cần, rồi xoá dòng '{key}' khỏi 'to_confirm'.",
        "check '{key}', correct it if need be, then delete the '{key}' line from 'to_confirm'."),
    # `ocop import`: the file itself (exit 2, nothing imported).
    "SP401": _m(ERROR, "spreadsheet cannot be read",
        "Không đọc được tệp bảng tính: {reason_vi}.", "The spreadsheet cannot be read: {reason_en}.",
        "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (Excel Workbook) hoặc .csv (CSV UTF-8).",
        "open it in Excel or LibreOffice and save it again as .xlsx (Excel Workbook) or .csv (CSV UTF-8)."),
    "SP402": _m(ERROR, "old .xls format",
        "Tệp ở dạng Excel 97-2003 (.xls) cũ, công cụ không đọc dạng này.",
        "The file is in the old Excel 97-2003 (.xls) format, which is not read.",
        "mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng Excel Workbook (.xlsx), rồi nhập tệp .xlsx.",
        "open it in Excel or LibreOffice, Save As Excel Workbook (.xlsx), and import the .xlsx file."),
    "SP403": _m(ERROR, "password-protected spreadsheet",
        "Tệp được đặt mật khẩu (mã hoá) nên không đọc được.", "The file is password-protected (encrypted), so it cannot be read.",
        "mở tệp bằng Excel, bỏ mật khẩu (File > Info > Protect Workbook > Encrypt with Password, xoá mật khẩu), lưu lại rồi nhập.",
        "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save and import."),
    "SP404": _m(ERROR, "spreadsheet too big",
        "Tệp quá lớn: {size_vi}, giới hạn {limit_vi}.", "The file is too big: {size_en}, the limit is {limit_en}.",
        "chia danh sách thành nhiều tệp nhỏ hơn (mỗi tệp tối đa {rows_vi} dòng), hoặc xoá các trang tính, ảnh không cần.",
        "split the list into smaller files (at most {rows_en} rows each), or delete the sheets and pictures not needed."),
    "SP405": _m(ERROR, "empty spreadsheet",
        "Tệp không có dữ liệu{where_vi}.", "The file holds no data{where_en}.",
        "kiểm tra đúng tệp và đúng trang tính (--sheet TÊN); danh sách cần một dòng tiêu đề và các dòng sản phẩm.",
        "check the file and the sheet (--sheet NAME); the list needs a header row and product rows."),
    "SP406": _m(ERROR, "CSV not in UTF-8 or UTF-16",
        "Tệp CSV không ở bảng mã UTF-8 hay UTF-16 (byte {byte} ở vị trí {position}).",
        "The CSV file is not UTF-8 or UTF-16 text (byte {byte} at position {position}).",
        "trong Excel chọn Lưu thành (Save As) > CSV UTF-8 (Comma delimited), hoặc lưu dạng .xlsx.",
        "in Excel, Save As > CSV UTF-8 (Comma delimited), or save it as .xlsx."),
    "SP407": _m(ERROR, "no sheet of that name",
        "Không có trang tính '{value}'; tệp có: {sheets}.", "There is no sheet '{value}'; the file has: {sheets}.",
        "ghi --sheet với một tên trong danh sách trên (trong ngoặc kép nếu có dấu cách).",
        "give --sheet one of the names above (in quotes when it has spaces)."),
    "SP408": _m(ERROR, "no header row found",
        "Không tìm thấy dòng tiêu đề trong {rows} dòng đầu: cần ít nhất cột tên sản phẩm và một cột khác "
        "(ví dụ 'Tên sản phẩm', 'Chủ thể').",
        "No header row in the first {rows} rows: at least the product name column and one other are needed "
        "(e.g. 'Tên sản phẩm', 'Chủ thể').",
        "đặt tên cột theo cách ghi trong README (mục 'ocop import'), hoặc chỉ rõ bằng --map \"Tên cột=name\".",
        "name the columns as the README lists them ('ocop import'), or say which is which with --map \"Column=name\"."),
    # `ocop import`: one row (the row is not written; exit 1).
    "SP410": _m(ERROR, "required value missing",
        "Dòng này thiếu {label_vi} (cột '{column_name}').", "This row has no {label_en} (column '{column_name}').",
        "{fix_vi}", "{fix_en}"),
    "SP411": _m(ERROR, "date not understood",
        "Không hiểu ngày '{value}'.", "Date '{value}' is not understood.",
        "ghi ngày dạng ngày/tháng/năm (28/06/2024) hoặc năm-tháng-ngày (2024-06-28), hoặc định dạng ô là Ngày (Date).",
        "write the date as day/month/year (28/06/2024) or year-month-day (2024-06-28), or format the cell as a Date."),
    "SP412": _m(ERROR, "stars not understood",
        "Không hiểu hạng sao '{value}': cần 3, 4 hoặc 5 sao.", "Star rank '{value}' is not understood: 3, 4 or 5 stars are needed.",
        "ghi 3, 4 hoặc 5 (có thể '3 sao', '3*', '★★★').", "write 3, 4 or 5 ('3 sao', '3*', '★★★' are read too)."),
    "SP413": _m(ERROR, "unit not found",
        "Không tìm thấy đơn vị hành chính '{value}' vào ngày {date}.", "No administrative unit '{value}' on {date}.",
        "{suggestion_vi}", "{suggestion_en}"),
    "SP414": _m(ERROR, "unit ambiguous",
        "'{value}' ứng với nhiều đơn vị vào ngày {date}: {candidates_vi}.",
        "'{value}' fits several units on {date}: {candidates_en}.",
        "ghi thêm huyện hoặc tỉnh (ví dụ '{example}'), hoặc ghi mã GSO của đơn vị.",
        "add the district or province (e.g. '{example}'), or write the unit's GSO code."),
    "SP415": _m(ERROR, "certifying level unknown",
        "Không biết cấp công nhận: '{value}' không cho biết cấp nào (huyện, tỉnh, trung ương).",
        "The certifying level is unknown: '{value}' does not say which level (district, province, central).",
        "thêm cột 'Cấp công nhận' (huyện, tỉnh, trung ương), hoặc dùng --level district|province|central.",
        "add a 'Cấp công nhận' column (huyện, tỉnh, trung ương), or use --level district|province|central."),
    "SP416": _m(ERROR, "product set not understood",
        "Không hiểu bộ sản phẩm '{value}'.", "Product set '{value}' is not understood.",
        "ghi số bộ sản phẩm 1–26 hoặc tên bộ như trong danh sách bộ sản phẩm (ví dụ 11 hoặc 'Chè tươi, chè chế biến').",
        "write the set's number 1–26 or its name as the list of product sets gives it (e.g. 11 or 'Chè tươi, chè chế biến')."),
    # `ocop import`: what it proposes, skips or leaves unapplied (warnings: the row is written or left as it is).
    "SP420": _m(WARNING, "column not recognised",
        "Cột '{value}' không khớp trường nào nên không được nhập.", "Column '{value}' matches no field, so it is not imported.",
        "nếu cột cần nhập, chỉ rõ bằng --map \"{value}=TRƯỜNG\" (các trường: {fields}); nếu không, bỏ qua cảnh báo này.",
        "if it should be imported, say which field with --map \"{value}=FIELD\" (fields: {fields}); otherwise ignore this."),
    "SP421": _m(WARNING, "row skipped: not a product",
        "Dòng này không có tên sản phẩm nên được coi là dòng tiêu đề nhóm hoặc ghi chú và bỏ qua: '{value}'.",
        "This row has no product name, so it is taken as a group heading or a note and skipped: '{value}'.",
        "nếu đây là một sản phẩm, điền tên sản phẩm vào cột '{column_name}' rồi nhập lại.",
        "if it is a product, fill in its name in column '{column_name}' and import again."),
    "SP422": _m(WARNING, "row already imported",
        "Dòng này trùng {other} (cùng {same_vi}) nên không nhập lại.",
        "This row matches {other} (same {same_en}), so it is not imported again.",
        "không cần làm gì nếu đó đúng là cùng một sản phẩm; nếu là sản phẩm khác, sửa tên cho khác.",
        "nothing to do if it is the same product; if it is another product, give it a distinct name."),
    "SP423": _m(WARNING, "row differs from its record",
        "{record}: '{key}' trong hồ sơ là '{old}', trong danh sách là '{new}'.",
        "{record}: '{key}' is '{old}' in the record and '{new}' in the list.",
        "{fix_vi}", "{fix_en}"),
    "SP424": _m(WARNING, "producer kind not clear from the name",
        "Tên chủ thể '{value}' không cho biết loại chủ thể; tạm ghi '{kind}' và đánh dấu cần xác nhận.",
        "The producer's name '{value}' does not tell its kind; '{kind}' is written for now and marked to confirm.",
        "ghi đúng loại chủ thể trong hồ sơ ({allowed}) rồi xoá dòng 'producer_kind' khỏi 'to_confirm'.",
        "write the right kind in the record ({allowed}), then delete the 'producer_kind' line from 'to_confirm'."),
    "SP425": _m(WARNING, "product set proposed from the name",
        "Danh sách không ghi bộ sản phẩm; đề xuất bộ {number} ({set_name}) vì {reason_vi}.",
        "The list gives no product set; set {number} ({set_name}) is proposed because {reason_en}.",
        "kiểm tra bộ sản phẩm trong hồ sơ, sửa nếu cần, rồi xoá dòng 'product_set' khỏi 'to_confirm'.",
        "check the product set in the record, correct it if need be, then delete the 'product_set' line from 'to_confirm'."),
    "SP426": _m(WARNING, "no product set",
        "Danh sách không ghi bộ sản phẩm và tên '{value}' không cho biết bộ nào: hồ sơ được ghi không có bộ sản phẩm.",
        "The list gives no product set and the name '{value}' does not tell which: the record is written without one.",
        "thêm 'product_set:' (1–26) vào hồ sơ, hoặc thêm cột 'Bộ sản phẩm' vào danh sách rồi nhập lại với --update.",
        "add 'product_set:' (1–26) to the record, or add a 'Bộ sản phẩm' column to the list and import again with --update."),
}


@dataclass(frozen=True)
class Problem:
    """One problem, located in a file; ``params`` fill the catalogue's texts."""

    code: str
    file: str
    line: int | None = None  # 1-based
    column: int | str | None = None  # 1-based; a spreadsheet's column letter ("C") for `ocop import`
    path: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def template(self) -> MessageTemplate:
        return CATALOGUE[self.code]

    @property
    def severity(self) -> str:
        return self.template.severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def _fill(self, text: str) -> str:
        # Escaped here, the one place every message passes: a value from a hostile file may hold
        # terminal escapes or bidi overrides, and no message may replay them on the officer's screen.
        return escaped(text.format_map(_Defaulting(self.params)))

    @property
    def message_vi(self) -> str:
        return self._fill(self.template.vi)

    @property
    def message_en(self) -> str:
        return self._fill(self.template.en)

    @property
    def fix_vi(self) -> str:
        return self._fill(self.template.fix_vi)

    @property
    def fix_en(self) -> str:
        return self._fill(self.template.fix_en)

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self):
        return (self.file, self.line or 0, _column_number(self.column), self.code)

    def text(self) -> str:
        """The three lines an officer reads (DESIGN.md, "Message form")."""
        where = f"{escaped(self.location)}: {SEVERITY_WORD[self.severity]} {self.code}"
        if self.path:  # a file name or a key may hold control characters too, and a key be a whole line
            where += f" [{escaped(shown(self.path, 4 * SHOWN_VALUE_LENGTH))}]"
        return (f"{where}\n  {self.message_vi} / {self.message_en}\n"
                f"  Cách sửa: {self.fix_vi} / Fix: {self.fix_en}")

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": {"vi": self.message_vi, "en": self.message_en},
            "fix": {"vi": self.fix_vi, "en": self.fix_en},
        }


def _column_number(column) -> int:
    """A record's column is a number; a spreadsheet's (``ocop import``) is a letter: "C" is 3, "AA" 27."""
    if isinstance(column, str):
        number = 0
        for letter in column.upper():
            number = number * 26 + (ord(letter) - 64)
        return number
    return column or 0


# What a message never prints as it is: C0 and C1 controls and DEL (terminal escapes, backspace,
# carriage return), zero-width and bidi marks, embeddings, overrides and isolates (text shown in
# another order than it is stored), line and paragraph separators, the BOM and invisible tag
# characters, lone surrogates. Each is shown as a Python-style escape: \x1b, \u202e.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                          "\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]")
# A value quoted back in a message is cut to this many characters: enough to recognise it (its
# line and column say where it is), never a whole file pasted into the terminal.
SHOWN_VALUE_LENGTH = 60


def _escape_one(match) -> str:
    number = ord(match.group())
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}" if number < 0x10000 else f"\\U{number:08x}"


def escaped(text) -> str:
    """``text`` with every unprintable character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escape_one, str(text))


def shown(value, length: int = SHOWN_VALUE_LENGTH) -> str:
    """A value as a message quotes it: at most ``length`` characters, then '…' (escaped when printed)."""
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


class _Defaulting(dict):
    """Leave an unknown placeholder visible instead of failing: a message must never crash."""

    def __missing__(self, key):
        return "{" + key + "}"
