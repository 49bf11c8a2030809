"""Working days and evaluation rounds (ocop/rules/workdays.py, ocop/rules/rounds.py).

Every expected deadline below was counted by hand on the official calendar (the announcements are
listed in ocop/data/days-off.yaml), starting the day after the event; the comment of each names
the days off it steps over. 2027's days are the package's estimate until they are announced.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.rules.rounds import Round, next_round, round_by_code, round_for_forwarding
from ocop.rules.workdays import (
    DaysOffFileError,
    days_off_file,
    is_working_day,
    last_working_day_on_or_before,
    read_days_off,
    working_day_deadline,
    working_days_between,
)


def d(text):
    return date.fromisoformat(text)


# -- deadlines across the holidays ---------------------------------------------------------------

@pytest.mark.parametrize("start, days, deadline", [
    # Tết Ất Tỵ 2025: Mon 27/01–Fri 31/01 off (with the weekends, 25/01–02/02).
    # 23, 24/01 (2) · 03–07/02 (7) · 10–14/02 (12) · 17, 18, 19/02 (15).
    ("2025-01-22", 15, "2025-02-19"),
    # Tết Bính Ngọ 2026: Mon 16/02–Fri 20/02 off (14/02–22/02).
    # 11, 12, 13/02 (3) · 23–27/02 (8) · 02–06/03 (13) · 09, 10/03 (15).
    ("2026-02-10", 15, "2026-03-10"),
    # Tết Đinh Mùi 2027, the package's estimate: Thu 04/02, Fri 05/02, Mon 08/02–Wed 10/02 off.
    # 02, 03/02 (2) · 11, 12/02 (4) · 15–19/02 (9) · 22–26/02 (14) · 01/03 (15).
    ("2027-02-01", 15, "2027-03-01"),
])
def test_a_deadline_steps_over_tet(start, days, deadline):
    assert working_day_deadline(d(start), days) == d(deadline)


@pytest.mark.parametrize("start, days, deadline", [
    # 2024: Giỗ Tổ Thu 18/04 off; Mon 29/04 (swapped), Tue 30/04, Wed 01/05 off; Sat 04/05 worked.
    # 17/04 (1) · 19/04 (2) · 22–26/04 (7) · 02, 03/05 (9) · Sat 04/05 (10) · 06–10/05 (15).
    ("2024-04-16", 15, "2024-05-10"),
    # 2025: Sat 26/04 worked; Wed 30/04, Thu 01/05, Fri 02/05 (swapped) off.
    # 25/04 (1) · Sat 26/04 (2) · 28, 29/04 (4) · 05/05 (5).
    ("2025-04-24", 5, "2025-05-05"),
    # 2026: Giỗ Tổ on Sunday 26/04, Mon 27/04 off in lieu; Thu 30/04, Fri 01/05 off.
    # 28, 29/04 (2) · 04, 05, 06/05 (5).
    ("2026-04-24", 5, "2026-05-06"),
])
def test_a_deadline_steps_over_30_april_and_1_may(start, days, deadline):
    assert working_day_deadline(d(start), days) == d(deadline)


@pytest.mark.parametrize("start, days, deadline", [
    # 2024: Mon 02/09 and Tue 03/09 off.
    # 04–06/09 (3) · 09–13/09 (8) · 16–20/09 (13) · 23, 24/09 (15).
    ("2024-08-30", 15, "2024-09-24"),
    # 2025: Mon 01/09 and Tue 02/09 off.
    # 03–05/09 (3) · 08–12/09 (8) · 15–19/09 (13) · 22, 23/09 (15).
    ("2025-08-29", 15, "2025-09-23"),
    # 2026: Sat 22/08 worked; Mon 31/08 (swapped), Tue 01/09, Wed 02/09 off.
    # 21/08 (1) · Sat 22/08 (2) · 24–28/08 (7) · 03, 04/09 (9) · 07–11/09 (14) · 14/09 (15).
    ("2026-08-20", 15, "2026-09-14"),
])
def test_a_deadline_steps_over_national_day(start, days, deadline):
    assert working_day_deadline(d(start), days) == d(deadline)


def test_a_deadline_steps_over_vietnam_culture_day_2026():
    # Tue 24/11/2026 off. 17–20/11 (4) · 23/11 (5) · 25–27/11 (8) · 30/11–04/12 (13) · 07, 08/12 (15).
    assert working_day_deadline(d("2026-11-16"), 15) == d("2026-12-08")


def test_the_new_year_2026_swap_the_package_lacks_comes_from_our_file():
    # 12729/VPCP-KGVX: Fri 02/01/2026 off, Sat 10/01/2026 worked. Thu 01/01 is the holiday itself.
    # 05–09/01 (5) · Sat 10/01 (6).
    assert working_day_deadline(d("2025-12-31"), 5) == d("2026-01-09")
    assert working_day_deadline(d("2025-12-31"), 6) == d("2026-01-10")
    assert not is_working_day(d("2026-01-02")) and is_working_day(d("2026-01-10"))


def test_a_swapped_saturday_is_a_working_day_and_a_plain_one_is_not():
    assert is_working_day(d("2024-05-04")) and is_working_day(d("2025-04-26")) and is_working_day(d("2026-08-22"))
    assert not is_working_day(d("2024-05-11")) and not is_working_day(d("2026-08-29"))


def test_the_package_swaps_count_for_years_our_file_leaves_out():
    # 2018–2019, known to the package only: Mon 31/12/2018 off, Sat 05/01/2019 worked.
    assert not is_working_day(d("2018-12-31")) and is_working_day(d("2019-01-05"))
    # 28/12/2018 (1) · 02–04/01/2019 (4) · Sat 05/01 (5).
    assert working_day_deadline(d("2018-12-27"), 5) == d("2019-01-05")


def test_the_count_starts_the_day_after_the_event():
    # Received on Monday 02/03/2026: 03–06/03 (4) · 09–13/03 (9) · 16–20/03 (14) · 23/03 (15).
    assert working_day_deadline(d("2026-03-02"), 15) == d("2026-03-23")
    assert working_day_deadline(d("2026-03-02"), 1) == d("2026-03-03")
    # Received on a Saturday, or on a holiday: the first working day after it is day 1.
    assert working_day_deadline(d("2026-03-07"), 1) == d("2026-03-09")
    assert working_day_deadline(d("2026-04-30"), 1) == d("2026-05-04")


def test_a_term_of_no_working_days_is_refused():
    with pytest.raises(ValueError, match="A term must be 1 working day or more, not 0"):
        working_day_deadline(d("2026-03-02"), 0)


def test_the_package_lunar_days_are_the_official_ones_2024_to_2027():
    # Tết: the weekdays off, and the working days on either side of them.
    for first_off, last_off, before, after in [("2024-02-08", "2024-02-14", "2024-02-07", "2024-02-15"),
                                               ("2025-01-27", "2025-01-31", "2025-01-24", "2025-02-03"),
                                               ("2026-02-16", "2026-02-20", "2026-02-13", "2026-02-23"),
                                               ("2027-02-04", "2027-02-10", "2027-02-03", "2027-02-11")]:
        days = [d(first_off) + timedelta(n) for n in range((d(last_off) - d(first_off)).days + 1)]
        assert not any(is_working_day(day) for day in days), first_off
        assert is_working_day(d(before)) and is_working_day(d(after)), first_off
    # Giỗ Tổ Hùng Vương (10/3 lunar), and 27/04/2026 off in lieu of Sunday 26/04.
    for day, next_day in [("2024-04-18", "2024-04-19"), ("2025-04-07", "2025-04-08"),
                          ("2026-04-27", "2026-04-28"), ("2027-04-16", "2027-04-19")]:
        assert not is_working_day(d(day)) and is_working_day(d(next_day)), day


def test_every_day_of_the_file_is_honoured():
    announced = days_off_file()
    assert {a.document for a in announced.announcements} >= {"2450/VPCP-KGVX", "8726/VPCP-KGVX",
                                                              "9441/TB-BNV", "12729/VPCP-KGVX"}
    for announcement in announced.announcements:
        assert not any(is_working_day(day) for day in announcement.days_off), announcement.document
        assert all(is_working_day(day) for day in announcement.working_days), announcement.document


def test_working_days_between_counts_after_start_through_end():
    assert working_days_between(d("2026-02-13"), d("2026-02-23")) == 1  # only Monday 23/02 after Tết
    assert working_days_between(d("2025-01-22"), d("2025-02-19")) == 15
    assert working_days_between(d("2025-12-31"), d("2026-01-10")) == 6  # across the year, with Sat 10/01
    assert working_days_between(d("2026-03-02"), d("2026-03-02")) == 0
    assert working_days_between(d("2026-03-09"), d("2026-03-02")) == 0


def test_last_working_day_on_or_before():
    assert last_working_day_on_or_before(d("2026-04-30")) == d("2026-04-29")  # 30/04 is a holiday
    assert last_working_day_on_or_before(d("2024-04-30")) == d("2024-04-26")  # 29/04 swapped, 27–28 weekend
    assert last_working_day_on_or_before(d("2026-01-04")) == d("2025-12-31")  # 01–04/01/2026 off
    assert last_working_day_on_or_before(d("2026-10-30")) == d("2026-10-30")  # a Friday


def test_a_date_outside_the_calendar_is_refused_with_a_message():
    with pytest.raises(ValueError, match=r"Không có lịch ngày làm việc cho năm 2100: chỉ từ 2000 đến 2099"):
        is_working_day(d("2100-01-04"))


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2023, 1, 1), date(2034, 12, 31)), st.integers(1, 300))
def test_a_deadline_is_a_working_day_exactly_that_many_working_days_after_start(start, days):
    deadline = working_day_deadline(start, days)
    assert deadline > start and is_working_day(deadline)
    assert working_days_between(start, deadline) == days
    assert working_days_between(start, deadline - timedelta(1)) == days - 1  # not one day earlier


# -- the days-off file is checked --------------------------------------------------------------------

GOOD = """\
announcements:
  - occasion: Tết Dương lịch 2026
    document: 12729/VPCP-KGVX
    signed: 2025-12-25
    issuer: Văn phòng Chính phủ
    days_off: [2026-01-02]
    working_days: [2026-01-10]
"""


def test_a_good_file_reads():
    read = read_days_off(GOOD)
    assert read.announcements[0].days_off == (d("2026-01-02"),)
    assert read.working_days == {d("2026-01-10").toordinal()}


@pytest.mark.parametrize("change, message", [
    (("days_off: [2026-01-02]", "days_off: [2026-01-03]"),
     "days-off.yaml: announcements[0].days_off[0]: thứ Bảy 03/01/2026 vốn là ngày nghỉ hằng tuần. "
     "Cách sửa: ghi ngày làm việc được nghỉ thay. / 2026-01-03 is a Saturday, a day off already. "
     "Fix: list the weekday given off instead."),
    (("working_days: [2026-01-10]", "working_days: [2026-01-09]"),
     "days-off.yaml: announcements[0].working_days[0]: thứ Sáu 09/01/2026 vốn là ngày làm việc. "
     "Cách sửa: ghi ngày thứ Bảy hoặc Chủ nhật làm bù. / 2026-01-09 is a working day already. "
     "Fix: list the Saturday or Sunday worked instead."),
    (("working_days: [2026-01-10]", "working_days: [2026-01-02]"),
     "days-off.yaml: announcements[0].working_days[0]: ngày thứ Sáu 02/01/2026 đã có ở "
     "announcements[0].days_off[0]. Cách sửa: chỉ ghi mỗi ngày một lần. / 2026-01-02 is listed already, "
     "at announcements[0].days_off[0]. Fix: list each day once."),
    (("days_off: [2026-01-02]", 'days_off: ["2026-01-02"]'),
     "days-off.yaml: announcements[0].days_off[0]: '2026-01-02' không phải ngày. Cách sửa: viết "
     "NĂM-THÁNG-NGÀY, ví dụ 2026-01-02, không có dấu nháy. / '2026-01-02' is not a date. Fix: write "
     "YYYY-MM-DD, e.g. 2026-01-02, unquoted."),
    (("days_off: [2026-01-02]", "days_off: [2026-13-02]"), "'2026-13-02' is not a date"),
    (("    document: 12729/VPCP-KGVX\n", ""),
     "days-off.yaml: announcements[0]: thiếu document: mỗi mục phải ghi văn bản công bố nó (số, ngày ký, "
     "cơ quan ban hành). / document missing: each entry must name the document that announced it "
     "(number, date signed, issuer)."),
    (("    issuer:", "    isuer:"), "unknown key isuer; use only"),
    (("    working_days: [2026-01-10]\n", "    days_off: [2026-01-10]\n"),
     "days-off.yaml:2: khóa 'days_off' ghi hai lần. / the key 'days_off' is written twice."),
    (("    days_off: [2026-01-02]\n    working_days: [2026-01-10]\n", ""), "no days listed"),
    (("issuer: Văn phòng Chính phủ", "issuer: Văn phòng Chính phủ\n    url: http://example.vn"),
     "the address must start with https://, not 'http://example.vn'."),
    (("Tết Dương lịch", "Te\u0302\u0301t Dương lịch"), "must be text (Unicode NFC)"),
])
def test_a_wrong_entry_stops_with_a_message_naming_it(change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(DaysOffFileError) as error:
        read_days_off(GOOD.replace(old, new, 1))
    assert message in str(error.value)


# -- evaluation rounds -----------------------------------------------------------------------------

@pytest.mark.parametrize("forwarded, code", [
    ("2026-04-30", "2026-1"),  # "before 30/4" read as "by 30/4"
    ("2026-05-01", "2026-2"),
    ("2026-10-30", "2026-2"),
    ("2026-10-31", "2027-1"),
    ("2026-12-31", "2027-1"),
    ("2027-01-01", "2027-1"),
])
def test_the_round_a_forwarded_dossier_joins(forwarded, code):
    assert round_for_forwarding(d(forwarded)).code == code


def test_a_round_knows_its_days():
    first, second = Round(2026, 1), Round(2026, 2)
    assert (first.forward_by, first.held_by) == (d("2026-04-30"), d("2026-06-30"))
    assert (second.forward_by, second.held_by) == (d("2026-10-30"), d("2026-12-30"))
    assert first.last_forwarding_working_day == d("2026-04-29")  # 30/04 is a holiday
    assert second.last_forwarding_working_day == d("2026-10-30")  # a Friday
    assert Round(2024, 1).last_forwarding_working_day == d("2024-04-26")  # 29/04 swapped off
    assert Round(2027, 2).last_forwarding_working_day == d("2027-10-29")  # 30/10/2027 is a Saturday


def test_next_round_at_its_edges():
    assert next_round(d("2026-04-30")) == Round(2026, 1)
    assert next_round(d("2026-05-01")) == Round(2026, 2)
    assert next_round(d("2026-10-30")) == Round(2026, 2)
    assert next_round(d("2026-10-31")) == Round(2027, 1)
    assert next_round(d("2026-12-02")).forward_by == d("2027-04-30")


@pytest.mark.parametrize("code, expected", [
    ("2026-1", Round(2026, 1)), ("2024-2", Round(2024, 2)),
    ("2026-3", None), ("2026-01", None), ("26-1", None), ("2026-1 ", None), ("", None), (None, None), (2026, None),
])
def test_a_round_by_its_code(code, expected):
    assert round_by_code(code) == expected


def test_a_round_is_1_or_2():
    with pytest.raises(ValueError, match="An evaluation round is 1 or 2, not 3"):
        Round(2026, 3)
