"""The OCOP rules a well-formed record must also satisfy (ocop-rules.md).

Each check reads a typed ``Product`` and reports located problems; the
facts it relies on (rule sets, ranks, units, sheets) live in their own
modules. Checks skip what failed conversion: that was reported already.

A dossier (hồ sơ đăng ký, ocop-rules.md §4) is checked step by step; where the law is silent:

- [D] Steps may fall on the same day; only an earlier date than the step before is out of order. The
  order is registered, each return then its resubmission, assessed, forwarded, scored, decided; a
  withdrawal comes after every other step. Each step is compared with the latest date before it, and
  the problem is told at the step that comes later in that order.
- [D] A dossier returned for completion goes nowhere until it is handed back: a further return, the
  commune's assessment or its forwarding after a return with no ``resubmitted`` is an error. A
  withdrawal after such a return is not (the producer may give up).
- [D] Under 26/2026 only the council's scoring leads to a decision: ``decided`` needs ``scored``,
  even a refusal (``not_recognised``). A dossier the commune will not forward is returned or
  withdrawn, not decided.
- [D] ``decided.certificate`` names a certificate of the record by its decision number, written
  exactly as under ``certificates``, and that certificate is dated on ``decided.date``.
- [D] A decided dossier cannot also be withdrawn, whichever date comes first; the order of the
  withdrawal is then not checked as well, so the mistake is told once.
"""

import errno
import math
import os
import re
import stat
import warnings
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..common.dates import vn_date
from ..places.country import REFORM_DAY, provinces_before
from ..places.issuers import read_issuer
from ..places.units import DISTRICT, PROVINCE, UNIT_KINDS, Unit, UnitRegistry
from ..rules import criteria as criteria_sheets
from ..rules.certificates import (
    EXPIRED,
    EXPIRING,
    EXPIRING_DAYS,
    RERATING_DUE_FROM_DAYS,
    status_on,
)
from ..rules.dossiers import PROGRAMME_START, rerating_dossier_opened
from ..rules.producers import kinds_allowed
from ..rules.ranking import rank
from ..rules.records import PARTS, Product
from ..rules.rulesets import BY_CODE, resolve, rule_set_for
from .schema import DOSSIER, PLACEHOLDER, Field
from .yamltree import path_text


class RecordChecker:
    """Checks one product; ``report(code, path, **params)`` locates and records a problem."""

    def __init__(self, product: Product, report, units: UnitRegistry, media_dir: Path, today: date,
                 file_id: str, id_prefix: str | None, raw=None, province: Unit | None = None):
        self.product = product
        self.province = province  # the dataset's province (since 01/07/2025); None: the whole country
        self.report = report
        self.units = units
        self.media_dir = media_dir
        self.today = today
        self.file_id = file_id
        self.id_prefix = id_prefix
        self.raw = raw  # the record as composed, every value a string
        self.dated = []  # (day, path) of each date the record gives: none may be after today (SP215)

    def run(self):
        self.run_fixed()
        self.run_daily()

    def run_fixed(self):
        """The checks whose outcome depends on the record alone (with the dataset's settings and
        units): the same on any day, so a build may keep it with the record's text (record_cache)."""
        checks = [self.check_id, self.check_product_set, self.check_producer_kind, self.check_evaluations,
                  self.check_certificates, self.check_revocation, self.check_withdrawal, self.check_dossiers,
                  self.check_placeholders, self.check_to_confirm]
        if not self.unit_read_today():
            checks.insert(1, self.check_unit)
        for check in checks:
            check()

    def run_daily(self):
        """The checks that depend on the day (a date after today, the certificate's status, a
        candidate's unit read today) or on other files (the photos): run on every reading."""
        if self.unit_read_today():
            self.check_unit()
        self.check_images()
        for day, path in self.dated:
            if day > self.today:
                self.report("SP215", path, value=vn_date(day), today=vn_date(self.today))
        self.check_status()

    def daily_paths(self):
        """Every path a problem of ``run_daily`` may point to: where a cached reading keeps places."""
        yield ("unit",)
        for index in range(len(self.product.images)):
            yield ("images", index, "file")
        for _day, path in self.dated:
            yield path
        for certificate in self.product.certificates:
            yield ("certificates", certificate.index)

    def unit_read_today(self) -> bool:
        """A record with neither a certificate nor a dated scoring reads its unit on today's map."""
        return self.product.unit_day(None) is None

    # -- identity and place ------------------------------------------------

    def check_id(self):
        pid = self.product.id
        if pid is None:
            return
        if pid != self.file_id:
            self.report("SP201", ("id",), value=pid, file_name=self.file_id + ".yaml", file_id=self.file_id)
        if self.id_prefix and not pid.startswith(self.id_prefix + "-"):
            self.report("SP203", ("id",), value=pid, prefix=self.id_prefix)

    def unit_reference_date(self):
        return self.product.unit_day(self.today)

    def check_unit(self):
        code = self.product.unit
        if code is None:
            return
        day = self.unit_reference_date()
        unit = self.units.get(code, day)
        if unit is None:
            self.report("SP210", ("unit",), value=code, **self._unit_suggestions(code))
            return
        if not unit.exists_on(day):
            self.report("SP211", ("unit",), value=code, name=self.units.where_text(unit), date=vn_date(day),
                        period=unit.period_text(), suggestion=self._units_on(unit, day))
            return
        if self.province is not None and self.units.in_province(unit, self.province) is False:
            before = provinces_before(self.province)
            self.report("SP204", ("unit",), value=code, where=self.units.where_text(unit),
                        where_en=self.units.where_text(unit, "en"), province=self.province.name_in_sentence(),
                        province_en=self.province.name_en,
                        before=", ".join(p.name_in_sentence() for p in before) or self.province.name_in_sentence(),
                        before_en=", ".join(p.name_en for p in before) or self.province.name_en)

    def _unit_suggestions(self, code):
        """'Did you mean': up to three units of the dataset's province (or of the country), by folded
        and near spellings of their codes and names, each with its name and period."""
        found = self.units.suggestions(code, self.province)
        if not found:
            return {"suggestion_vi": "ghi mã GSO của đơn vị (xã, phường: 5 chữ số) hoặc một mã trong units.yaml"
                                     " của bộ dữ liệu.",
                    "suggestion_en": "write the unit's GSO code (commune or ward: 5 digits) or a code of the"
                                     " dataset's units.yaml."}
        vi = "; ".join(f"'{u.code}' ({self.units.where_text(u)}, {u.period_text()})" for u in found)
        en = "; ".join(f"'{u.code}' ({self.units.where_text(u, 'en')}, {u.period_text()})" for u in found)
        return {"suggestion_vi": f"có phải: {vi}?", "suggestion_en": f"did you mean: {en}?"}

    def _units_on(self, unit, day):
        """The units in force on ``day`` in place of ``unit``: what it became, or what it came from."""
        if unit.end and day > unit.end:
            found = self.units.current_all(unit, day)
        else:
            found = [u for u in self.units.by_key.values() if unit.key in u.successors and u.exists_on(day)][:3]
        return "; ".join(f"'{u.code}' ({u.name_vi})" for u in found) or "—"

    def check_product_set(self):
        # Only when the key is absent: a value that failed conversion was reported already.
        if isinstance(self.raw, dict) and "product_set" not in self.raw:
            self.report("SP309", ())

    def check_to_confirm(self):
        for key, why in self.product.to_confirm.items():
            self.report("SP310", ("to_confirm", key), key=key, reason=why)

    def check_producer_kind(self):
        kind, product_set = self.product.producer.kind, self.product.product_set
        if kind and product_set and kind not in kinds_allowed(product_set):
            self.report("SP212", ("producer", "kind"), value=kind, product_set=product_set,
                        allowed=", ".join(kinds_allowed(product_set)))

    def check_images(self):
        """Each photo is a regular file under media/, reached without a link, within the limits, and
        decodes whole: a record that validates builds (the build reads it the same way)."""
        for index, image in enumerate(self.product.images):
            try:
                _check_photo(self.media_dir, image.file)
            except PhotoRefused as refused:
                if refused.reason is None:
                    self.report("SP213", ("images", index, "file"), value=image.file,
                                where=f"{self.media_dir.as_posix()}/")
                else:
                    self.report("SP214", ("images", index, "file"), value=image.file, **refused.reason)

    # -- evaluations ---------------------------------------------------------

    def check_not_future(self, day, path):
        """Noted here, compared with today by ``run_daily`` (SP215)."""
        if day:
            self.dated.append((day, tuple(path)))

    def check_order(self, items, key, date_key="date"):
        """``items`` (each with ``index`` and ``date``) listed oldest first; ``date_key`` is where
        an item's ``date`` is written (a dossier's is ``registered``)."""
        previous = None
        for item in items:
            if item.date is None:
                continue
            if previous is not None and item.date < previous:
                self.report("SP232", (key, item.index, date_key), key=key, value=vn_date(item.date),
                            previous=vn_date(previous))
            previous = item.date if previous is None else max(previous, item.date)

    def check_evaluations(self):
        self.check_order(self.product.evaluations, "evaluations")
        for evaluation in self.product.evaluations:
            base = ("evaluations", evaluation.index)
            if evaluation.date is None:
                continue
            self.check_not_future(evaluation.date, base + ("date",))
            rule_set = resolve(evaluation.rules, evaluation.date)
            if evaluation.rules and not rule_set.in_force_on(evaluation.date):
                self.report("SP217", base + ("rules",), value=evaluation.rules, date=vn_date(evaluation.date),
                            period=rule_set.period_text(), default=rule_set_for(evaluation.date).code)
                continue
            if evaluation.council == "district" and _no_district_body(evaluation.date):
                self.report("SP205", base + ("council",), date=vn_date(evaluation.date))
            elif evaluation.council and evaluation.council not in rule_set.councils:
                self.report("SP223", base + ("council",), value=evaluation.council, rules=rule_set.code,
                            allowed=", ".join(rule_set.councils))
            for part in PARTS:
                value = evaluation.scores.get(part)
                if value is not None and value > rule_set.part_max[part]:
                    self.report("SP216", base + ("scores", part), part=part, value=value,
                                max=rule_set.part_max[part], rules=rule_set.code)
            if evaluation.criteria is not None:
                self.check_criteria(evaluation, rule_set)

    def check_criteria(self, evaluation, rule_set):
        base = ("evaluations", evaluation.index)
        product_set = self.product.product_set
        if product_set is None:
            return
        sheet = criteria_sheets.sheet_for(rule_set.code, product_set)
        if sheet is None:
            self.report("SP221", base + ("criteria",), rules=rule_set.code)
            return
        result = sheet.evaluate(evaluation.criteria)
        for code in result.unknown:
            self.report("SP113", base + ("criteria", code), value=code, product_set=product_set,
                        rules=rule_set.code, example=sheet.example_codes())
        for code, value, allowed in result.not_an_option:
            self.report("SP218", base + ("criteria", code), criterion=code, value=value,
                        allowed=", ".join(str(p) for p in allowed))
        if result.missing:
            self.report("SP220", base + ("criteria",), at_key=True, missing=", ".join(result.missing),
                        product_set=product_set)
        if not result.complete:
            return
        for part, total in result.part_totals.items():
            recorded = evaluation.scores.get(part)
            if recorded is not None and recorded != total:
                self.report("SP219", base + ("scores", part), part=part, total=total, value=recorded)
        if evaluation.minimums_met is not None and evaluation.minimums_met != result.highest_star_met:
            self.report("SP222", base + ("minimums_met",), value=evaluation.minimums_met,
                        computed=result.highest_star_met)

    # -- certificates ----------------------------------------------------------

    def check_certificates(self):
        self.check_order(self.product.certificates, "certificates")
        for certificate in self.product.certificates:
            base = ("certificates", certificate.index)
            if certificate.date is None:
                continue
            self.check_not_future(certificate.date, base + ("date",))
            no_body = certificate.level == "district" and _no_district_body(certificate.date)
            if no_body:
                self.report("SP205", base + ("level",), date=vn_date(certificate.date))
            self.check_issuer(certificate, base)
            if certificate.stars is None or no_body:
                continue
            evaluation = self.product.latest_evaluation(on_or_before=certificate.date)
            evaluated = rank(evaluation, self.product.product_set) if evaluation else None
            if evaluated is not None and certificate.stars > evaluated.stars:
                self.report("SP230", base + ("stars",), stars=certificate.stars, date=vn_date(certificate.date),
                            rank=evaluated.stars)
            rule_set = _certificate_rule_set(certificate, evaluation)
            allowed = rule_set.certifier.get(certificate.stars)
            if certificate.level and allowed and certificate.level != allowed:
                self.report("SP231", base + ("level",), value=certificate.level, stars=certificate.stars,
                            rules=rule_set.code, date=vn_date(certificate.date), allowed=allowed)

    def check_issuer(self, certificate, base):
        """The committee named in ``issuer`` existed on the decision's date, in the dataset's
        province as it was then, and is of the record's ``level``: warnings, as the text is free."""
        if not certificate.issuer:
            return
        reading = read_issuer(certificate.issuer, certificate.date, self.units)
        where = base + ("issuer",)
        if reading.level and certificate.level and reading.level != certificate.level:
            self.report("SP308", where, value=certificate.issuer, level=certificate.level, found=reading.level,
                        found_vi=LEVEL_WORDS[reading.level][0], found_en=LEVEL_WORDS[reading.level][1])
        if reading.level not in (DISTRICT, PROVINCE):
            return
        if not reading.units:
            _, kind_vi, kind_en = UNIT_KINDS[reading.kind]
            others = [f"{self.units.where_text(u)} {u.period_text()}" for u in reading.others[:3]]
            others_en = [f"{self.units.where_text(u, 'en')} {u.period_text()}" for u in reading.others[:3]]
            self.report("SP306", where, value=certificate.issuer, kind_vi=kind_vi, kind_en=kind_en,
                        name=reading.name, date=vn_date(certificate.date),
                        others_vi=f" (có: {'; '.join(others)})" if others else "",
                        others_en=f" (found: {'; '.join(others_en)})" if others_en else "")
            return
        if self.province is None:
            return
        inside = [u for u in reading.units if self.units.in_province(u, self.province) is not False]
        if not inside:
            unit = reading.units[0]
            before = provinces_before(self.province)
            self.report("SP307", where, value=certificate.issuer, where=self.units.where_text(unit),
                        where_en=self.units.where_text(unit, "en"), province=self.province.name_in_sentence(),
                        province_en=self.province.name_en,
                        before=", ".join(p.name_in_sentence() for p in before),
                        before_en=", ".join(p.name_en for p in before))

    def check_revocation(self):
        revocation = self.product.revocation
        if revocation is None or revocation.date is None:
            return
        self.check_not_future(revocation.date, ("revocation", "date"))
        dated = [c for c in self.product.certificates if c.date]
        if not self.product.certificates:
            self.report("SP234", ("revocation",))
        elif dated:
            # A revocation ends the certificate current on its date; a later re-certification stands
            # (status_on follows the newest certificate), so only "before any certificate" is wrong.
            first = min(dated, key=lambda c: c.date)
            if revocation.date < first.date:
                self.report("SP233", ("revocation", "date"), value=vn_date(revocation.date), date=vn_date(first.date))

    def check_withdrawal(self):
        withdrawn = self.product.withdrawn
        if withdrawn is not None:
            self.check_not_future(withdrawn.date, ("withdrawn", "date"))

    # -- dossiers ----------------------------------------------------------------

    def check_dossiers(self):
        """Each registration's steps: none after today, in order, each after the step it needs, and
        ending in what the record holds (an evaluation of that day, a certificate of that decision)."""
        self.check_order(self.product.dossiers, "dossiers", date_key="registered")
        for dossier in self.product.dossiers:
            base = ("dossiers", dossier.index)
            chain = dossier_steps(dossier)
            withdrawal = withdrawal_step(dossier)
            for step in chain + ([withdrawal] if withdrawal else []):
                self.check_not_future(step.day, base + step.path)
                if step.day and step.day < PROGRAMME_START:
                    self.report("SP266", base + step.path, value=vn_date(step.day), start=vn_date(PROGRAMME_START))
            # A decided dossier cannot be withdrawn at all (SP265): when it was is then beside the point.
            decided = self._given(base + ("decided",))
            self.check_dossier_order(base, chain, None if decided else withdrawal)
            self.check_dossier_prerequisites(base, dossier, chain)
            self.check_dossier_scoring(base, dossier)
            self.check_dossier_decision(base, dossier)
            if dossier.decided and dossier.decided.date and withdrawal and withdrawal.day:
                self.report("SP265", base + ("withdrawn",), at_key=True, decided=vn_date(dossier.decided.date),
                            withdrawn=vn_date(withdrawal.day))

    def check_dossier_order(self, base, chain, withdrawal):
        """Each step no earlier than the latest before it; the withdrawal no earlier than any."""
        latest = None
        for step in chain:
            if step.day is None:
                continue
            if latest is not None and step.day < latest.day:
                self._report_out_of_order(base, step, latest)
            else:
                latest = step  # on a tie the later step: it is the one named
        if withdrawal and withdrawal.day and latest and withdrawal.day < latest.day:
            self._report_out_of_order(base, withdrawal, latest)

    def _report_out_of_order(self, base, step, earlier):
        self.report("SP260", base + step.path, key=path_text(step.path), step_vi=step.label_vi,
                    step_en=step.label_en, value=vn_date(step.day), earlier_key=path_text(earlier.path),
                    earlier_vi=earlier.label_vi, earlier_en=earlier.label_en, earlier=vn_date(earlier.day))

    def check_dossier_prerequisites(self, base, dossier, chain):
        """A step after one it cannot come without: a return never handed back, or a missing step."""
        returns = [step for step in chain if step.path[0] == "returned" and step.path[2] == "date"]
        for position, returned in enumerate(returns):
            number = returned.path[1]
            if returned.day is None or self._given(base + ("returned", number, "resubmitted")):
                continue
            # What a dossier away with its producer cannot have: another return, the assessment, the
            # forwarding (a later step without the forwarding is told as such below).
            following = returns[position + 1:position + 2] + [
                s for s in chain if s.path[0] in ("assessed", "forwarded")]
            step = next((s for s in following if s.day), None)
            if step:
                self._report_needs(base, step, path_text(("returned", number, "resubmitted")),
                                   f"hồ sơ trả lại ngày {vn_date(returned.day)} chưa được nộp lại",
                                   f"it had been returned on {vn_date(returned.day)} and not handed back")
        by_key = {step.path[0]: step for step in chain}
        for key, needed in _DOSSIER_NEEDS:
            step = by_key.get(key)
            if step and step.day and not self._given(base + (needed,)):
                self._report_needs(base, step, needed, *_DOSSIER_MISSING[needed])

    def _report_needs(self, base, step, needed, missing_vi, missing_en):
        done_vi, done_en = _DOSSIER_DONE[step.path[0]]
        self.report("SP261", base + step.path, key=path_text(step.path[:-1]), needed=needed, done_vi=done_vi,
                    done_en=done_en, value=vn_date(step.day), missing_vi=missing_vi, missing_en=missing_en)

    def check_dossier_scoring(self, base, dossier):
        """``scored`` is the day of one of the record's evaluations: the scoring the dossier led to."""
        days = [evaluation.date for evaluation in self.product.evaluations]
        if dossier.scored is None or dossier.scored in days or None in days:
            return  # an evaluation whose date failed conversion may be the one
        listed = ", ".join(vn_date(day) for day in days)
        self.report("SP262", base + ("scored", "date"), value=vn_date(dossier.scored),
                    found_vi=f"các lần chấm: {listed}" if days else "hồ sơ chưa có lần chấm nào",
                    found_en=f"it holds: {listed}" if days else "it holds none")

    def check_dossier_decision(self, base, dossier):
        """A decision gives one outcome; a certificate it names is one of the record's, of that day."""
        decided = dossier.decided
        if decided is None:
            return
        where = base + ("decided",)
        recognised, refused = (self._given(where + (key,)) for key in ("certificate", "not_recognised"))
        if recognised == refused:
            self.report("SP263", where, at_key=True, **(_BOTH_OUTCOMES if recognised else _NO_OUTCOME))
        if decided.certificate is None or decided.date is None:
            return
        certificates = self.product.certificates
        named = [c for c in certificates if c.decision == decided.certificate]
        if any(c.date == decided.date for c in named):
            return
        if any(c.decision is None for c in certificates) or any(c.date is None for c in named):
            return  # a certificate that failed conversion may be the one
        listed_vi = "; ".join(f"{c.decision} ngày {vn_date(c.date)}" for c in certificates)
        listed_en = "; ".join(f"{c.decision} of {vn_date(c.date)}" for c in certificates)
        self.report("SP264", where + ("certificate",), value=decided.certificate, date=vn_date(decided.date),
                    found_vi=f"'certificates' có: {listed_vi}" if certificates else "hồ sơ chưa có giấy chứng nhận nào",
                    found_en=f"'certificates' holds: {listed_en}" if certificates else "the record has no certificate")

    def _given(self, path) -> bool:
        """Whether the record as written has a value at ``path``: an empty key counts as absent (as
        the schema reads it), a value that failed conversion as given (it was reported already)."""
        value = self.raw
        for part in path:
            if isinstance(part, int):
                if not isinstance(value, list) or part >= len(value):
                    return False
            elif not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return value is not None

    def check_placeholders(self):
        """Text `ocop new` left to fill in must not reach the public site."""
        code = "SP242" if self.product.certificates else "SP304"
        for path in _paths_holding(self.raw, PLACEHOLDER):
            self.report(code, path, key=path_text(path))

    def check_status(self):
        status = status_on(self.product, self.today)
        if status.status not in (EXPIRED, EXPIRING):
            return
        code = "SP301" if status.status == EXPIRED else "SP302"
        if code == "SP302" and rerating_dossier_opened(self.product, status.current, self.today):
            return  # its re-rating dossier is under way: nothing left to ask of the producer (ocop report follows it)
        late = status.days_left is not None and status.days_left < RERATING_DUE_FROM_DAYS
        self.report(code, ("certificates", status.current.index), decision=status.current.decision,
                    expires=vn_date(status.expires), days=status.days_left,
                    window_start=vn_date(status.expires - timedelta(days=EXPIRING_DAYS)),
                    window_end=vn_date(status.expires - timedelta(days=RERATING_DUE_FROM_DAYS)),
                    late_vi="; đã quá hạn nộp, hãy nộp ngay" if late else "",
                    late_en="; that window has passed, file it now" if late else "")


# The day the district level of government ended (Resolution 202/2025/QH15), and the day 1489/QĐ-TTg
# took it out of the OCOP rules: in between the rules still named it, but it had no body [D].
_DISTRICTS_ENDED = REFORM_DAY
_RULES_DROPPED_DISTRICTS = date(2025, 7, 6)
LEVEL_WORDS = {"district": ("huyện", "district"), "province": ("tỉnh", "province"), "central": ("trung ương", "central")}


class DossierStep(NamedTuple):
    """One dated step of a dossier: where its date is written under the dossier, the day, and the
    field's label as the schema declares it (``ngày chuyển`` / ``date forwarded``)."""
    path: tuple
    day: date | None

    @property
    def label_vi(self) -> str:
        return _schema_field(self.path).label_vi

    @property
    def label_en(self) -> str:
        return _schema_field(self.path).label_en


def dossier_steps(dossier) -> list:
    """The steps a dossier has taken, in the order they must come (the withdrawal apart)."""
    steps = [DossierStep(("registered",), dossier.registered)]
    for number, returned in enumerate(dossier.returned):
        steps.append(DossierStep(("returned", number, "date"), returned.date))
        if returned.resubmitted is not None:
            steps.append(DossierStep(("returned", number, "resubmitted"), returned.resubmitted))
    for key in ("assessed", "forwarded"):
        step = getattr(dossier, key)
        if step is not None:
            steps.append(DossierStep((key, "date"), step.date))
    if dossier.scored is not None:
        steps.append(DossierStep(("scored", "date"), dossier.scored))
    if dossier.decided is not None:
        steps.append(DossierStep(("decided", "date"), dossier.decided.date))
    return steps


def withdrawal_step(dossier) -> DossierStep | None:
    return DossierStep(("withdrawn", "date"), dossier.withdrawn.date) if dossier.withdrawn else None


def _schema_field(path) -> Field:
    """The field of DOSSIER at ``path`` (list positions skipped): its labels are declared there once."""
    fields, found = DOSSIER, None
    for part in path:
        if isinstance(part, int):
            continue
        found = next(f for f in fields if f.key == part)
        fields = found.item.fields if found.item else found.fields
    return found


# A step, and the step it cannot come without (a refusal too is decided on a council's scoring [D]).
_DOSSIER_NEEDS = (("forwarded", "assessed"), ("scored", "forwarded"), ("decided", "scored"))
# What was done, said of the step that came too soon (SP261).
_DOSSIER_DONE = {
    "returned": ("Hồ sơ bị trả lại lần nữa", "The dossier was returned again"),
    "assessed": ("Xã đánh giá hồ sơ", "The commune assessed the dossier"),
    "forwarded": ("Hồ sơ được chuyển đi", "The dossier was forwarded"),
    "scored": ("Hội đồng chấm điểm hồ sơ", "A council scored the dossier"),
    "decided": ("Hồ sơ có quyết định", "The dossier was decided"),
}
# What had not happened, said of the missing step.
_DOSSIER_MISSING = {
    "assessed": ("xã chưa đánh giá bốn nội dung địa phương", "the commune had not assessed the four local contents"),
    "forwarded": ("hồ sơ chưa được chuyển đi", "it had not been forwarded"),
    "scored": ("chưa có hội đồng nào chấm điểm", "no council had scored it"),
}
_NO_OUTCOME = {"problem_vi": "không ghi kết quả: không có 'certificate' cũng không có 'not_recognised'",
               "problem_en": "gives no outcome: neither 'certificate' nor 'not_recognised'"}
_BOTH_OUTCOMES = {"problem_vi": "ghi cả 'certificate' lẫn 'not_recognised': một quyết định chỉ có một kết quả",
                  "problem_en": "gives both 'certificate' and 'not_recognised': a decision has one outcome"}


def _no_district_body(day) -> bool:
    """01–05/07/2025: no district body existed, although qd148-2023 still gave it a role. From
    06/07/2025 the rule set itself refuses the district level (SP223, SP231)."""
    return day is not None and _DISTRICTS_ENDED <= day < _RULES_DROPPED_DISTRICTS


def _paths_holding(value, text) -> list:
    """The paths of the strings in ``value`` (the record as composed) that hold ``text``, in the
    order they are written. It looks at every value of every record, so it is a plain recursion that
    makes a path only where it goes down or finds one: nested generators cost more than the test."""
    found = []
    if isinstance(value, str):
        if text in value:
            found.append(())
    else:
        _collect_paths_holding(value, text, (), found)
    return found


def _collect_paths_holding(value, text, path, found):
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if isinstance(item, str):
            if text in item:
                found.append(path + (key,))
        elif item is not None:
            _collect_paths_holding(item, text, path + (key,), found)


def _certificate_rule_set(certificate, evaluation):
    """A decision follows the rule set its dossier was scored under when that set still applied on
    the decision's date (the 2026 transition); otherwise the rule set of the decision's date."""
    if evaluation is not None and evaluation.rules in BY_CODE:
        named = BY_CODE[evaluation.rules]
        if named.in_force_on(certificate.date):
            return named
    return rule_set_for(certificate.date)


# -- photos ------------------------------------------------------------------------------------------
# Photos come from pull requests: each is a hostile file until it has been reached without a link and
# decoded whole. A record that validates must build, so ocop/outputs/photos.py reads photos through
# open_photo and refuses what photo_limits_reason refuses before it decodes a pixel.

# The formats the build makes variants from, as Pillow's openers are named. Pillow is told to try these
# only: a GIF, BMP or TIFF is named from its first bytes (_SIGNATURES) and no other parser of Pillow
# ever reads a photo's bytes. Pillow's JPEG opener calls a phone's JPEG that carries a second picture
# (a depth map, a preview) "MPO": a JPEG all the same.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
_OPENED_FORMATS = PHOTO_FORMATS + ("MPO",)
# A phone's largest JPEG (50 megapixels at quality 95) is some 25 MB; the site publishes at most 1024 px
# wide, so more bytes only cost time. 3 GB behind a JPEG header is refused from its size alone.
MAX_PHOTO_BYTES = 30_000_000
# Decoded, a pixel takes 3-4 bytes and the build keeps a few copies of the picture: 52 million keep one
# validate under 250 MB and let the 50-megapixel phone cameras through (they save up to 8192×6144, 50.3
# million). Pillow's own DecompressionBomb limits (a warning at 89 million, an error at 179 million)
# are far above: a 17 KB PNG of 144 million pixels took 953 MB to build.
MAX_PHOTO_PIXELS = 52_000_000
# The largest side libwebp writes: a 2×20,000,000 strip is within the pixel limit, and its WebP
# variants could not be made.
MAX_PHOTO_SIDE = 16_383

_UNREADABLE = {"reason_vi": "tệp hỏng hoặc không đọc được", "reason": "damaged or unreadable file"}
_TRUNCATED = {"reason_vi": "ảnh bị cắt cụt (tệp không đầy đủ)",
              "reason": "the image is truncated (incomplete file)"}

# How other files begin, to name what an officer sent instead of a photo (Pillow is not asked).
_SIGNATURES = ((b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"II*\0", "TIFF"), (b"MM\0*", "TIFF"),
               (b"%PDF", "PDF"), (b"8BPS", "PSD"), (b"\xff\x0a", "JPEG XL"), (b"\0\0\0\x0cJXL ", "JPEG XL"),
               (b"\0\0\0\x0cjP  ", "JPEG 2000"), (b"\xff\x4f\xff\x51", "JPEG 2000"))
_ISO_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"hevc": "HEIC", b"heim": "HEIC", b"heis": "HEIC",
               b"mif1": "HEIF", b"msf1": "HEIF", b"avif": "AVIF", b"avis": "AVIF"}
# The formats accepted, by their first bytes: a file that begins like one and still cannot be opened
# is damaged, not of another format.
_ACCEPTED_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")

# Decoding a 12-megapixel JPEG costs some 40 ms even at an eighth of its size, so each file is decoded
# once per process (two records may share a photo; `pelican -r` loads the records again and again),
# keyed by what changes whenever its bytes may have: a rewrite changes the size or the ctime (which no
# one can set back), a replacement the inode.
_DECODED = {}
_DECODED_MAX = 100_000

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = (os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
# Folders are walked by descriptor where the system can (openat): each step is looked at and taken at
# once, so a folder swapped for a link between the look and the open is not followed either.
_BY_DESCRIPTOR = bool(_NOFOLLOW and hasattr(os, "O_DIRECTORY") and {os.open, os.stat} <= os.supports_dir_fd
                      and os.listdir in os.supports_fd)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_WINDOWS_LINKS = {getattr(stat, "IO_REPARSE_TAG_SYMLINK", -1), getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", -1)}
# What opening a link with O_NOFOLLOW answers (Linux, macOS: ELOOP; FreeBSD: EMLINK).
_LINK_ERRORS = {getattr(errno, "ELOOP", -1), getattr(errno, "EMLINK", -1)}


class PhotoRefused(ValueError):
    """A photo of the records that cannot be used: ``reason`` holds SP214's params (``reason_vi``,
    ``reason``), or is None when there is no such file (SP213)."""

    def __init__(self, reason: dict | None = None):
        super().__init__(f"{reason['reason_vi']} / {reason['reason']}" if reason
                         else "không thấy ảnh / image not found")
        self.reason = reason


def _check_photo(media_dir: Path, relative: str) -> None:
    file, info = open_photo(media_dir, relative)
    with file:
        key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if key not in _DECODED:
            if len(_DECODED) >= _DECODED_MAX:
                _DECODED.clear()
            _DECODED[key] = _decoded_reason(file, info.st_size)
    if _DECODED[key] is not None:
        raise PhotoRefused(_DECODED[key])


def open_photo(media_dir, relative: str):
    """``(file, stat)``: the photo ``media_dir/relative`` open for reading (binary), and its stat.

    Raises PhotoRefused. Links are refused wherever they lead, whether the photo, a folder on the way or
    media/ itself is one: a link cannot be checked and then read in one step (its target can change in
    between), git on Windows checks links out as small text files, and a copy costs nothing in git (the
    same bytes are stored once). A pipe or device is refused from its lstat and never opened."""
    parts = PurePosixPath(relative).parts
    if not parts or parts[0] == "/" or ".." in parts or "\0" in relative:
        raise PhotoRefused()  # no such file under media/ (as SP213 says), whatever lies elsewhere
    media_dir = Path(media_dir)
    try:
        info = os.lstat(media_dir)
    except OSError:
        raise PhotoRefused() from None
    if _is_link(info):
        raise PhotoRefused(_link_reason(media_dir, media_dir))
    if not stat.S_ISDIR(info.st_mode):
        raise PhotoRefused()
    folders = []  # descriptors to close
    path = media_dir
    try:
        parent = media_dir
        if _BY_DESCRIPTOR:
            parent = os.open(media_dir, _DIR_FLAGS)
            folders.append(parent)
        for depth, name in enumerate(parts):
            path = path / name
            info = _lstat(parent, name)
            if _is_link(info):
                raise PhotoRefused(_link_reason(media_dir, path))
            if not _exists_with_exact_case(parent, name, info):
                raise PhotoRefused()
            if depth < len(parts) - 1:
                if not stat.S_ISDIR(info.st_mode):
                    raise PhotoRefused()
                parent = os.open(name, _DIR_FLAGS, dir_fd=parent) if _BY_DESCRIPTOR else parent / name
                if _BY_DESCRIPTOR:
                    folders.append(parent)
                continue
            if stat.S_ISDIR(info.st_mode):
                raise PhotoRefused()  # a folder is no photo: as if there were none
            if not stat.S_ISREG(info.st_mode):
                raise PhotoRefused(_not_regular_reason(info))
            fd = os.open(name, _READ_FLAGS, dir_fd=parent) if _BY_DESCRIPTOR else os.open(parent / name, _READ_FLAGS)
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                os.close(fd)  # swapped between the look and the open
                raise PhotoRefused(_UNREADABLE)
            return os.fdopen(fd, "rb"), opened
    except (FileNotFoundError, NotADirectoryError):
        raise PhotoRefused() from None
    except OSError as exc:
        if exc.errno in _LINK_ERRORS:
            raise PhotoRefused(_link_reason(media_dir, path)) from None  # became a link since its lstat
        raise PhotoRefused(_UNREADABLE) from None
    finally:
        for fd in folders:
            os.close(fd)
    raise PhotoRefused()  # pragma: no cover - the loop returns or raises


def _lstat(parent, name):
    """The lstat of ``name`` in ``parent``: a folder's descriptor, or its path."""
    if isinstance(parent, int):
        return os.stat(name, dir_fd=parent, follow_symlinks=False)
    return os.lstat(parent / name)


def _is_link(info) -> bool:
    return stat.S_ISLNK(info.st_mode) or getattr(info, "st_reparse_tag", None) in _WINDOWS_LINKS


def _exists_with_exact_case(parent, name: str, info) -> bool:
    """Static hosts are case-sensitive even when the officer's laptop is not: ``name``, found in
    ``parent`` (a descriptor or a path) with ``info``, must be spelt so there. Listing media/ (a folder
    per record) for each photo would make validate quadratic, so a folder is listed only where another
    spelling of the name reaches the same file, that is on a case-insensitive file system."""
    other = name.swapcase()
    if other == name:
        return True
    try:
        twin = _lstat(parent, other)
    except (OSError, ValueError):
        return True  # no other spelling answers: this file system tells cases apart
    if (twin.st_dev, twin.st_ino) != (info.st_dev, info.st_ino):
        return True  # another file under the other spelling: case-sensitive too
    try:
        return name in os.listdir(parent)
    except OSError:
        return False


def _link_reason(media_dir: Path, path: Path) -> dict:
    # Where the link leads is worked out by readlink alone (realpath): its target is never opened.
    media = Path(os.path.realpath(media_dir.parent)) / media_dir.name
    inside = path != media_dir and Path(os.path.realpath(path)).is_relative_to(media)
    if inside:
        return {"reason_vi": "là liên kết tượng trưng (symlink), không phải chính tệp ảnh",
                "reason": "is a symbolic link, not the photo file itself"}
    return {"reason_vi": "là liên kết tới ngoài thư mục ảnh",
            "reason": "is a link to outside the media folder"}


def _not_regular_reason(info) -> dict:
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        what = ("ống dẫn FIFO", "a FIFO pipe")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = ("tệp thiết bị", "a device")
    elif stat.S_ISSOCK(mode):
        what = ("socket", "a socket")
    else:
        what = ("tệp đặc biệt", "a special file")
    return {"reason_vi": f"là {what[0]}, không phải tệp thường", "reason": f"is {what[1]}, not a regular file"}


def photo_limits_reason(size: int, picture=None) -> dict | None:
    """SP214's params when a photo of ``size`` bytes, or its opened (not yet decoded) ``picture``, is
    of a format or a size the build does not take; None when it may be decoded."""
    if size > MAX_PHOTO_BYTES:
        return {"reason_vi": f"tệp {_bytes_text(size)}, tối đa {_bytes_text(MAX_PHOTO_BYTES)}",
                "reason": f"a {_bytes_text(size)} file, at most {_bytes_text(MAX_PHOTO_BYTES)}"}
    if picture is None:
        return None
    if picture.format not in _OPENED_FORMATS:
        return _format_reason(picture.format or "?")
    width, height = picture.size
    if width * height > MAX_PHOTO_PIXELS:
        return _pixels_reason(width * height)
    if max(width, height) > MAX_PHOTO_SIDE:
        return {"reason_vi": f"ảnh {width}×{height} điểm ảnh, mỗi cạnh tối đa {MAX_PHOTO_SIDE}",
                "reason": f"{width}×{height} pixels, each side at most {MAX_PHOTO_SIDE}"}
    return None


def _decoded_reason(file, size: int) -> dict | None:
    """SP214's params for an open photo the build could not use, or None. The size and the header are
    checked first, so a file over a limit costs nothing; then every byte is decoded, as the build will."""
    from PIL import (  # imported here: only records with photos need it
        Image,
        ImageOps,
        UnidentifiedImageError,
    )

    refused = photo_limits_reason(size)
    if refused:
        return refused
    with warnings.catch_warnings():
        # Pillow warns on stderr above 89 million pixels; the limit here is lower and said in words.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            picture = Image.open(file, formats=PHOTO_FORMATS)
        except UnidentifiedImageError:
            return _unknown_reason(_head(file))
        except Exception as exc:  # noqa: BLE001 - hostile bytes raise whatever the parser meets: never a traceback
            return _image_reason(exc, _head(file), size)
        with picture:
            refused = photo_limits_reason(size, picture)
            if refused:
                return refused
            try:
                if picture.format in ("JPEG", "MPO"):
                    # Every byte is still decoded (a cut file is still found), at an eighth of the size: 3×
                    # faster, and the build lets the decoder scale the same way.
                    picture.draft("RGB", (1, 1))
                # Decodes the pixels, then reads and rewrites the EXIF as the build does.
                ImageOps.exif_transpose(picture, in_place=True)
            except Exception as exc:  # noqa: BLE001 - as above
                return _image_reason(exc, _head(file), size)
    return None


def _head(file) -> bytes:
    try:
        file.seek(0)
        return file.read(4096)
    except OSError:
        return b""


def _image_reason(exc, head: bytes = b"", size: int | None = None) -> dict:
    from PIL import Image, UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):
        return _unknown_reason(head)
    if isinstance(exc, Image.DecompressionBombError):
        found = re.search(r"\((\d+) pixels\)", str(exc))
        if found:
            return _pixels_reason(int(found[1]))
        return {"reason_vi": "ảnh quá lớn", "reason": "image too large"}
    if isinstance(exc, OSError) and "truncated" in str(exc):
        return _TRUNCATED
    # Pillow opens a WebP whole and says only that it could not: the RIFF header tells its full length.
    declared = int.from_bytes(head[4:8], "little") + 8
    if size is not None and head[:4] == b"RIFF" and head[8:12] == b"WEBP" and declared > size:
        return _TRUNCATED
    return _UNREADABLE


def _unknown_reason(head: bytes) -> dict:
    if head.startswith(_ACCEPTED_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return _UNREADABLE  # a photo's first bytes, and still not readable
    name = next((name for signature, name in _SIGNATURES if head.startswith(signature)), None)
    if name is None and head[4:8] == b"ftyp":
        name = _ISO_BRANDS.get(head[8:12])
    if name is None and head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in {12, 40, 52, 56, 64, 108, 124}:
        name = "BMP"
    if name is None and b"<svg" in head.lower():
        name = "SVG"
    if name is None:
        return {"reason_vi": "không nhận ra định dạng ảnh", "reason": "unrecognised image format"}
    return _format_reason(name)


def _format_reason(name: str) -> dict:
    return {"reason_vi": f"định dạng {name} không được nhận", "reason": f"{name} format is not accepted"}


def _pixels_reason(pixels: int) -> dict:
    found, limit = _tenths_up(pixels / 1e6), _tenths_up(MAX_PHOTO_PIXELS / 1e6)
    return {"reason_vi": f"ảnh {found} triệu điểm ảnh, tối đa {limit} triệu",
            "reason": f"{found} megapixels, at most {limit}"}


def _bytes_text(size: int) -> str:
    if size >= 1_000_000_000:
        return f"{round(size / 1e9, 1):g} GB"  # far above the limit: rounding cannot hide it
    return f"{_tenths_up(size / 1e6)} MB"


def _tenths_up(value: float) -> str:
    """144.0 → '144', 52.000001 → '52.1': rounded up, so a size just over a limit never reads as the limit."""
    tenths = math.ceil(round(value * 10, 6))
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def check_across_records(products, report):
    """Facts that need every record: replacements exist, an old id belongs to one product only.
    ``report(product, code, path, **params)``."""
    ids = {p.id for p in products if p.id}
    claimed = {}
    for product in products:
        withdrawn = product.withdrawn
        if withdrawn and withdrawn.replaced_by == product.id:
            report(product, "SP240", ("withdrawn", "replaced_by"), value=withdrawn.replaced_by,
                   problem_vi="là chính sản phẩm này", problem_en="is this very product")
        elif withdrawn and withdrawn.replaced_by and withdrawn.replaced_by not in ids:
            report(product, "SP240", ("withdrawn", "replaced_by"), value=withdrawn.replaced_by,
                   problem_vi="không có trong thư mục hồ sơ", problem_en="is not in the records")
        for index, alias in enumerate(product.aliases):
            clash = None
            if alias in ids:
                clash = ("là mã của một hồ sơ đang có", "is the id of an existing record")
            elif alias in claimed:
                clash = (f"đã được {claimed[alias]} khai báo", f"is already claimed by {claimed[alias]}")
            if clash:
                report(product, "SP241", ("aliases", index), value=alias, clash_vi=clash[0], clash_en=clash[1])
            else:
                claimed[alias] = product.id
