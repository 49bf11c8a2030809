"""Turn the transcribed 26/2026 scoring sheets into the project's data file.

The transcript (``shared/reference/criteria-qd26-2026.json`` in the project's
planning notes) has a few known typos; they are corrected here, in one place,
and each correction is written into the output so that an officer can see
what was changed and challenge it.

Usage: python scripts/build_criteria_data.py TRANSCRIPT.json ocop/data/criteria-qd26-2026.json
"""

import json
import sys
import unicodedata

# (set, criterion code, option index or None, what to do, why)
CORRECTIONS = [
    (4, "7", 2, {"points": 3}, "Bộ 4, tiêu chí 7: phương án ghi '13' là lỗi chép, đọc là 3 (điểm tối đa 3)."),
    (11, "6.1.1", 1, {"points": 1}, "Bộ 11, tiêu chí 6.1.1: phương án ghi '11' là lỗi chép, đọc là 1."),
]
BLANK_OPTION_POINTS = 0  # a blank first option ('Không được cấp…') reads 0
BILINGUAL_LABEL_TITLE = "Ghi nhãn hàng hóa có sử dụng song ngữ"


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


def convert(sheets):
    notes = []
    for sheet in sheets:
        codes = [c["code"] for part in sheet["parts"] for c in part["criteria"]]
        for part in sheet["parts"]:
            if part["part"] == "A" and "(35 Điểm)" in part["title"] and part["max"] == 40:
                part["title"] = part["title"].replace("(35 Điểm)", "(40 Điểm)")
                notes.append(f"Bộ {sheet['no']}, phần A: tiêu đề ghi 35 điểm nhưng các tiêu chí cộng lại 40; dùng 40.")
            for criterion in part["criteria"]:
                criterion["leaf"] = not any(c.startswith(criterion["code"] + ".") for c in codes)
                for option in criterion["options"]:
                    if option["points"] is None:
                        option["points"] = BLANK_OPTION_POINTS
                        notes.append(f"Bộ {sheet['no']}, tiêu chí {criterion['code']}: phương án để trống điểm, đọc là 0.")
                if criterion["leaf"] and not criterion["options"] and criterion["title"].startswith(BILINGUAL_LABEL_TITLE):
                    criterion["options"] = [
                        {"text": "Không", "points": 0, "min_for_star": None},
                        {"text": "Có", "points": 1, "min_for_star": None},
                    ]
                    notes.append(f"Bộ {sheet['no']}, tiêu chí {criterion['code']} (nhãn song ngữ): có/không, 1 hoặc 0 điểm.")
    for set_no, code, index, change, why in CORRECTIONS:
        sheet = sheets[set_no - 1]
        criterion = next(c for p in sheet["parts"] for c in p["criteria"] if c["code"] == code)
        criterion["options"][index].update(change)
        notes.append(why)
    return {
        "rules": "qd26-2026",
        "source": "Quyết định 26/2026/QĐ-TTg, Phụ lục: 26 bộ tiêu chí (chép từ bản công bố công khai; chưa đối chiếu Công báo).",
        "corrections": notes,
        "sheets": sheets,
    }


def check(data):
    for sheet in data["sheets"]:
        for part in sheet["parts"]:
            total = sum(c["max"] for c in part["criteria"] if c["leaf"])
            assert total == part["max"], (sheet["no"], part["part"], total)
            for c in part["criteria"]:
                if c["leaf"]:
                    points = [o["points"] for o in c["options"]]
                    assert points and max(points) == c["max"], (sheet["no"], c["code"], points)


def main(source, target):
    with open(source, encoding="utf-8") as f:
        data = convert(nfc(json.load(f)))
    check(data)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
