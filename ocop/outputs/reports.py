"""The Economic Office's report (``ocop report``), as plain data.

One call, ``build_report(products, units, today, year=None, round_=None)``,
returns a dict: ``status_date``, ``filters``, the eight lists of
``REPORT_LISTS`` (each a list of rows, one row per product, keys
``ROW_KEYS``), ``counts``, then the three lists of ``DOSSIER_LISTS`` (one
row per dossier, keys ``DOSSIER_ROW_KEYS``) and ``rounds``. Dates stay ``date`` objects and scores exact
``Decimal``; presenting them (dd/mm/yyyy, JSON, Excel) is the command's job.
Nothing is decided twice: the status, the current certificate and its expiry
come from ``certificates.status_on`` (through ``facts.product_facts``), the
days left as ``ocop expiry`` shows them (``ProductStatus.days_left_to_count``), stars and
forwarding from ``ranking.rank``, units and product sets from their registries.

The lists, on ``today``:

- ``candidates``: no certificate yet (status ``candidate``), with their
  latest evaluation (on or before ``today``), if any.
- ``forward_to_province`` / ``forward_to_central``: the rank of the latest
  evaluation says "forward to" that level, and no certificate of that level
  or higher is dated on or after that evaluation (a certificate cannot come
  before its scoring, so one of the same day counts as following it). A
  product no longer made (``withdrawn``) is left out, and so is a revoked one
  unless the evaluation came after the revocation (a new dossier).
- ``rerating_window_open``: status ``expiring`` and ``RERATING_DUE_FROM_DAYS``
  (120) ≤ days left ≤ ``EXPIRING_DAYS`` (180): the re-rating dossier is due now.
- ``rerating_overdue``: status ``expiring`` and 0 ≤ days left < 120: the
  dossier should already have been filed (26/2026: 180 to 120 days before).
  Both re-rating lists leave out a certificate for which a re-rating dossier
  is under way (``dossiers.rerating_dossier_opened``: a ``rerating`` dossier
  registered on or after the certificate's date and not withdrawn).
- ``expired``, ``revoked``, ``withdrawn``: by status (revocation first, then
  withdrawal, then expiry, as ``status_on`` decides).

Filters [D] (also in ``ocop report --help``). Each list is about one fact
with a date; ``year`` keeps the rows whose fact falls in that year:

=========================  =====================================================
list                       ``--year Y`` keeps products whose …
=========================  =====================================================
candidates, forward_to_*   latest evaluation is dated in Y
rerating_*, expired        current certificate expires (last valid day) in Y
revoked                    revocation decision is dated in Y
withdrawn                  withdrawal (no longer made) is dated in Y
counts                     current certificate was issued (decision date) in Y
=========================  =====================================================

``round_`` (e.g. ``2026-2``) keeps the products that came through that
evaluation round: for candidates and forwarding, the latest evaluation is of
round R; for the certificate lists and the counts, the evaluation that led to
the current certificate (the latest on or before its date) is of round R. A
product without such an evaluation, or whose evaluation names no round, never
matches a filter. Both filters together must both hold. The lists always
describe the situation on ``today``: to report a past year as it stood then,
also pass that year's last day as ``today``.

The dossier lists (``DOSSIER_LISTS``, rows with the keys
``DOSSIER_ROW_KEYS``, one row per dossier; where each dossier stands is
decided by ``dossiers.dossier_state`` and ``dossiers.at_risk``). A dossier
registered after ``today`` does not exist yet on that day.

- ``dossier_queue``: every open dossier (neither decided nor withdrawn), with
  its step, the days in that step and its deadline; the oldest deadline
  first, those without one (returned, scored) last.
- ``dossier_late``: the open dossiers whose current step is past its
  deadline, in the same order.
- ``dossier_at_risk``: the open dossiers the commune has not forwarded that
  will miss the next round unless they move by ``move_by`` (that round's last
  forwarding working day; its code in ``at_risk_round``).
- ``rounds``: one entry per round that holds a dossier, oldest first:
  ``{"round", "forward_by", "held_by", "dossiers": [rows], "outcomes":
  {certified, not_recognised, withdrawn, open: count}}``.

Filters of the dossier lists [D] (``ocop report --help`` too):

=========================  =====================================================
list                       ``--year Y`` keeps / ``--round R`` keeps dossiers …
=========================  =====================================================
dossier_queue, _late       registered in Y / in round R (forwarded ones only)
dossier_at_risk            registered in Y / at risk of missing round R
rounds                     rounds of year Y / round R alone
=========================  =====================================================

Counts (``counts``, see ``COUNTS``) count the published products — those
with a certificate on ``today``, whatever its status (valid, expiring,
expired, revoked, withdrawn), exactly as the site lists them — by their
current certificate, after the filters. Every dimension adds up to
``counts["total"]``; a product whose value is unknown is counted under the key
``None``.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..common.dates import vn_date
from ..places.units import Unit, UnitRegistry
from ..rules.certificates import (
    CANDIDATE,
    EXPIRED,
    EXPIRING,
    EXPIRING_DAYS,
    RERATING_DUE_FROM_DAYS,
    REVOKED,
    STATUSES,
    WITHDRAWN,
)
from ..rules.dossiers import OUTCOMES, DossierState, Risk, at_risk, dossier_state, rerating_dossier_opened
from ..rules.facts import ProductFacts, product_facts
from ..rules.producers import PRODUCER_KINDS
from ..rules.product_sets import product_groups, product_set
from ..rules.ranking import Rank, rank
from ..rules.records import Evaluation, Product
from ..rules.rulesets import LEVEL_ORDER
from .lists import by_days_left

REPORT_LISTS = ("candidates", "forward_to_province", "forward_to_central", "rerating_window_open",
                "rerating_overdue", "expired", "revoked", "withdrawn")
# The lists of dossiers (one row per dossier, keys DOSSIER_ROW_KEYS), then the rounds that hold them.
DOSSIER_LISTS = ("dossier_queue", "dossier_late", "dossier_at_risk")
ROUNDS = "rounds"

# The facts of one product in every list, in this order (also the CSV columns).
ROW_KEYS = (
    "id", "name_vi", "product_set", "product_set_vi", "group", "group_vi",
    "unit", "unit_vi", "unit_today", "unit_today_vi",
    "producer_name", "producer_kind", "producer_kind_vi",
    # the latest evaluation (on or before the status date) and its rank
    "evaluation_date", "evaluation_council", "evaluation_round", "evaluation_kind", "evaluation_rules",
    "score", "evaluation_stars", "forward_to",
    # the current certificate
    "certificate_decision", "certificate_date", "certificate_issuer", "certificate_level", "certificate_stars",
    "expires", "days_left", "status",
    # only when the status is revoked / withdrawn
    "revocation_decision", "revocation_date", "withdrawn_date",
)

# The facts of one dossier in every dossier list, in this order. The product's keys are those of ROW_KEYS,
# so that a spreadsheet lines a dossier up with its product.
DOSSIER_ROW_KEYS = (
    "id", "name_vi", "producer_name", "unit", "unit_vi",
    "dossier", "dossier_kind", "registered",  # which dossier of the record: "dossiers[0]", as `ocop validate` names it
    "step", "since", "days_in_step", "deadline", "late", "round",
    "outcome", "outcome_stars", "outcome_decision", "outcome_reason",
    # only when the dossier will miss the next round unless it moves
    "at_risk_round", "move_by",
)

# What each count counts: key -> (heading in Vietnamese, in English). The key
# of each entry inside a count is given in brackets.
COUNTS = {
    "by_status": ("Theo trạng thái giấy chứng nhận", "By certificate status [status on the status date]"),
    "by_stars": ("Theo số sao", "By stars [stars on the current certificate]"),
    "by_group": ("Theo nhóm sản phẩm", "By product group [group I–VI of the product set]"),
    "by_product_set": ("Theo bộ sản phẩm", "By product set [set number 1–26]"),
    "by_unit": ("Theo đơn vị ghi trên giấy chứng nhận", "By unit on the certificate [unit code of the record]"),
    "by_unit_today": ("Theo đơn vị hành chính hiện nay", "By today's unit [the unit that code belongs to today]"),
    "by_producer_kind": ("Theo loại chủ thể", "By producer kind [enterprise, cooperative, …]"),
    "by_year": ("Theo năm đánh giá", "By evaluation year [year of the evaluation that led to the current "
                                     "certificate: the latest on or before its date]"),
    "by_round": ("Theo đợt đánh giá", "By evaluation round [round of that same evaluation]"),
    "by_certificate_year": ("Theo năm cấp giấy chứng nhận", "By certificate year [year of the current "
                                                            "certificate's decision]"),
}


@dataclass(frozen=True)
class _Entry:
    """One product as the report sees it on the status date."""
    product: Product
    facts: ProductFacts
    evaluation: Evaluation | None  # the latest, on or before the status date
    rank: Rank | None  # of that evaluation
    certificate_evaluation: Evaluation | None  # the one that led to the current certificate
    row: dict
    dossiers: tuple = ()  # (DossierState, Risk | None, row) of each dossier registered by the status date


def unit_name(unit: Unit | None) -> str | None:
    """A unit's Vietnamese name, with its last day when it no longer exists: two wards were
    both called Tân Phong, before and after 01/07/2025, and a report must tell them apart."""
    if unit is None:
        return None
    return f"{unit.name_vi} (đến {vn_date(unit.end)})" if unit.end else unit.name_vi


def _row(product: Product, facts: ProductFacts, evaluation: Evaluation | None, ranked: Rank | None) -> dict:
    status, current = facts.status, facts.status.current
    producer, pset = product.producer, facts.product_set
    on_certificate, today_unit = facts.unit_on_certificate, facts.unit_today
    revocation = product.revocation if status.status == REVOKED else None
    withdrawal = product.withdrawn if status.status == WITHDRAWN else None
    kind = producer.kind if producer else None
    days_left = status.days_left_to_count  # as `ocop expiry` counts them
    return {
        "id": product.id,
        "name_vi": product.name.vi if product.name else None,
        "product_set": product.product_set,
        "product_set_vi": pset.vi if pset else None,
        "group": pset.group.code if pset else None,
        "group_vi": pset.group.vi if pset else None,
        "unit": product.unit,
        "unit_vi": unit_name(on_certificate),
        "unit_today": today_unit.code if today_unit else None,
        "unit_today_vi": unit_name(today_unit),
        "producer_name": producer.name if producer else None,
        "producer_kind": kind,
        "producer_kind_vi": PRODUCER_KINDS[kind][0] if kind in PRODUCER_KINDS else None,
        "evaluation_date": evaluation.date if evaluation else None,
        "evaluation_council": evaluation.council if evaluation else None,
        "evaluation_round": evaluation.round if evaluation else None,
        "evaluation_kind": evaluation.kind if evaluation else None,
        "evaluation_rules": ranked.rules if ranked else (evaluation.rules if evaluation else None),
        "score": ranked.score if ranked else None,
        "evaluation_stars": ranked.stars if ranked else None,
        "forward_to": ranked.forward_to if ranked else None,
        "certificate_decision": current.decision if current else None,
        "certificate_date": current.date if current else None,
        "certificate_issuer": current.issuer if current else None,
        "certificate_level": current.level if current else None,
        "certificate_stars": current.stars if current else None,
        "expires": status.expires,
        "days_left": days_left,
        "status": status.status,
        "revocation_decision": revocation.decision if revocation else None,
        "revocation_date": revocation.date if revocation else None,
        "withdrawn_date": withdrawal.date if withdrawal else None,
    }


def _dossier_row(row: dict, state: DossierState, risk: Risk | None) -> dict:
    dossier, outcome = state.dossier, state.outcome
    return {
        **{key: row[key] for key in ("id", "name_vi", "producer_name", "unit", "unit_vi")},
        "dossier": f"dossiers[{dossier.index}]",
        "dossier_kind": dossier.kind,
        "registered": dossier.registered,
        "step": state.step,
        "since": state.since,
        "days_in_step": state.days_in_step,
        "deadline": state.deadline,
        "late": state.late,
        "round": state.round_code,
        "outcome": outcome.kind,
        "outcome_stars": outcome.stars,
        "outcome_decision": outcome.decision,
        "outcome_reason": outcome.reason,
        "at_risk_round": risk.round.code if risk else None,
        "move_by": risk.move_by if risk else None,
    }


def _dossiers(product: Product, row: dict, today: date) -> tuple:
    found = []
    for dossier in product.dossiers:
        if dossier.registered is None or dossier.registered > today:
            continue  # not received yet on that day
        state = dossier_state(dossier, product, today)
        risk = at_risk(state, today)
        found.append((state, risk, _dossier_row(row, state, risk)))
    return tuple(found)


def _entry(product: Product, units: UnitRegistry, today: date) -> _Entry:
    facts = product_facts(product, units, today)
    evaluation = product.latest_evaluation(on_or_before=today)
    ranked = rank(evaluation, product.product_set) if evaluation else None
    row = _row(product, facts, evaluation, ranked)
    return _Entry(product, facts, evaluation, ranked, facts.certificate_evaluation, row,
                  _dossiers(product, row, today))


def _forward_pending(entry: _Entry, level: str) -> bool:
    """The latest scoring sends the dossier to ``level`` and nothing has come of it at that level yet."""
    if entry.rank is None or entry.rank.forward_to != level:
        return False
    evaluated = entry.evaluation.date
    status = entry.facts.status
    if status.status == WITHDRAWN:
        return False
    if status.status == REVOKED and evaluated <= entry.product.revocation.date:
        return False
    wanted = LEVEL_ORDER.index(level)
    return not any(c.date is not None and evaluated <= c.date <= status.today
                   and c.level in LEVEL_ORDER and LEVEL_ORDER.index(c.level) >= wanted
                   for c in entry.product.certificates)


def _year_of(day: date | None) -> int | None:
    return day.year if day else None


def _round_of(evaluation: Evaluation | None) -> str | None:
    return evaluation.round if evaluation else None


def _rules():
    """list -> (who is on it, the date ``year`` looks at, the evaluation ``round_`` looks at)."""
    def status_is(wanted):
        return lambda e: e.facts.status.status == wanted

    def rerating(low: int, high: int):  # low <= days left <= high, on an expiring certificate, no dossier yet
        return lambda e: (e.facts.status.status == EXPIRING and low <= e.facts.status.days_left <= high
                          and not rerating_dossier_opened(e.product, e.facts.status.current, e.facts.status.today))

    def latest(e):
        return e.evaluation

    def behind_certificate(e):
        return e.certificate_evaluation

    def evaluation_date(e):
        return e.evaluation.date if e.evaluation else None

    def expiry_date(e):
        return e.facts.status.expires

    return {
        "candidates": (status_is(CANDIDATE), evaluation_date, latest),
        "forward_to_province": (lambda e: _forward_pending(e, "province"), evaluation_date, latest),
        "forward_to_central": (lambda e: _forward_pending(e, "central"), evaluation_date, latest),
        "rerating_window_open": (rerating(RERATING_DUE_FROM_DAYS, EXPIRING_DAYS), expiry_date, behind_certificate),
        "rerating_overdue": (rerating(0, RERATING_DUE_FROM_DAYS - 1), expiry_date, behind_certificate),
        "expired": (status_is(EXPIRED), expiry_date, behind_certificate),
        "revoked": (status_is(REVOKED), lambda e: e.product.revocation.date, behind_certificate),
        "withdrawn": (status_is(WITHDRAWN), lambda e: e.product.withdrawn.date, behind_certificate),
    }


def _passes(entry: _Entry, fact_date, evaluation_of, year: int | None, round_: str | None) -> bool:
    if year is not None and _year_of(fact_date(entry)) != year:
        return False
    if round_ is not None and _round_of(evaluation_of(entry)) != round_:
        return False
    return True


def _count(entries, key_of, fixed=(), name_of=lambda key: None, order=None) -> list[dict]:
    """[{key, name_vi, count}]: every ``fixed`` key (zero or not) first, then the others found;
    ``None`` (unknown) last."""
    counter = Counter(key_of(e) for e in entries)
    found = [k for k in counter if k is not None and k not in fixed]
    found.sort(key=order or (lambda k: k))
    keys = [*fixed, *found] + ([None] if None in counter else [])
    return [{"key": k, "name_vi": name_of(k) if k is not None else None, "count": counter.get(k, 0)} for k in keys]


def _counts(entries, units: UnitRegistry) -> dict:
    unit_order = {code: i for i, code in enumerate(units.codes())}
    groups = product_groups()

    def name_of_unit(code):
        return unit_name(units.get(code))

    def set_name(number):
        found = product_set(number)
        return found.vi if found else None

    def unit_position(code):
        return unit_order.get(code, len(unit_order)), code

    return {
        "total": len(entries),
        "by_status": _count(entries, lambda e: e.facts.status.status,
                            fixed=tuple(s for s in STATUSES if s != CANDIDATE)),
        "by_stars": _count(entries, lambda e: e.facts.stars, fixed=(3, 4, 5)),
        "by_group": _count(entries, lambda e: e.facts.product_set.group.code if e.facts.product_set else None,
                           fixed=tuple(groups), name_of=lambda code: groups[code].vi),
        "by_product_set": _count(entries, lambda e: e.product.product_set, name_of=set_name),
        "by_unit": _count(entries, lambda e: e.product.unit, name_of=name_of_unit, order=unit_position),
        "by_unit_today": _count(entries, lambda e: e.facts.unit_today.code if e.facts.unit_today else None,
                                name_of=name_of_unit, order=unit_position),
        "by_producer_kind": _count(entries, lambda e: e.product.producer.kind if e.product.producer else None,
                                   fixed=tuple(PRODUCER_KINDS), name_of=lambda kind: PRODUCER_KINDS[kind][0]),
        "by_year": _count(entries, lambda e: _year_of(e.certificate_evaluation.date if e.certificate_evaluation
                                                       else None)),
        "by_round": _count(entries, lambda e: _round_of(e.certificate_evaluation)),
        "by_certificate_year": _count(entries, lambda e: _year_of(e.facts.status.current.date)),
    }


def build_report(products, units: UnitRegistry, today: date, year: int | None = None,
                 round_: str | None = None) -> dict:
    """The report on ``today`` for ``products`` (records without errors: ``Dataset.good_products()``)."""
    entries = [_entry(p, units, today) for p in sorted(products, key=lambda p: p.id)]
    report = {"status_date": today, "filters": {"year": year, "round": round_}}
    for name, (holds, fact_date, evaluation_of) in _rules().items():
        rows = [e.row for e in entries if holds(e) and _passes(e, fact_date, evaluation_of, year, round_)]
        if name.startswith("rerating") or name == "expired":
            rows.sort(key=by_days_left)  # the most urgent first, as in `ocop expiry`
        report[name] = rows
    def issued(entry):
        return entry.facts.status.current.date

    def behind_certificate(entry):
        return entry.certificate_evaluation

    published = [e for e in entries if e.facts.published and _passes(e, issued, behind_certificate, year, round_)]
    report["counts"] = _counts(published, units)
    report.update(_dossier_lists(entries, year, round_))
    return report


def _by_deadline(item) -> tuple:
    """The oldest deadline first; those without one last; then the oldest registration, the record."""
    state, _, row = item
    return (state.deadline is None, state.deadline or date.min, state.dossier.registered, row["id"],
            state.dossier.index)


def _dossier_lists(entries, year: int | None, round_: str | None) -> dict:
    every = [item for e in entries for item in e.dossiers]

    def kept(item, round_code) -> bool:
        state, _, _ = item
        return ((year is None or state.dossier.registered.year == year)
                and (round_ is None or round_code == round_))

    open_ = sorted((i for i in every if i[0].open and kept(i, i[0].round_code)), key=_by_deadline)
    risky = sorted((i for i in every if i[1] is not None and kept(i, i[1].round.code)), key=_by_deadline)
    lists = {
        "dossier_queue": [row for _, _, row in open_],
        "dossier_late": [row for state, _, row in open_ if state.late],
        "dossier_at_risk": [row for _, _, row in risky],
    }
    held = {}
    for state, _, row in every:
        if state.round is not None:
            held.setdefault(state.round, []).append((state, row))
    rounds = []
    for held_round in sorted(held, key=lambda r: (r.year, r.number)):
        if (year is not None and held_round.year != year) or (round_ is not None and held_round.code != round_):
            continue
        found = sorted(held[held_round], key=lambda item: (item[1]["id"], item[0].dossier.index))
        outcomes = {kind: sum(state.outcome.kind == kind for state, _ in found) for kind in OUTCOMES}
        rounds.append({"round": held_round.code, "forward_by": held_round.forward_by, "held_by": held_round.held_by,
                       "dossiers": [row for _, row in found], "outcomes": outcomes})
    lists[ROUNDS] = rounds
    return lists
