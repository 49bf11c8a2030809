"""The OCOP rules a well-formed record must also satisfy (ocop-rules.md).

Each check reads a typed ``Product`` and reports located problems; the
facts it relies on (rule sets, ranks, units, sheets) live in their own
modules. Checks skip what failed conversion: that was reported already.
"""

from datetime import date, timedelta
from pathlib import Path

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
from ..rules.producers import kinds_allowed
from ..rules.ranking import rank
from ..rules.records import PARTS, Product
from ..rules.rulesets import BY_CODE, resolve, rule_set_for
from .schema import PLACEHOLDER
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

    def run(self):
        for check in (self.check_id, self.check_unit, self.check_product_set, self.check_producer_kind, self.check_images,
                      self.check_evaluations, self.check_certificates, self.check_revocation,
                      self.check_withdrawal, self.check_placeholders, self.check_status,
                      self.check_to_confirm):
            check()

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
        from PIL import (  # imported here: only records with photos need it
            Image,
            UnidentifiedImageError,
        )

        for index, image in enumerate(self.product.images):
            path = self.media_dir / image.file
            where = f"{self.media_dir.as_posix()}/"
            if not _exists_with_exact_case(self.media_dir, image.file):
                self.report("SP213", ("images", index, "file"), value=image.file, where=where)
                continue
            try:
                with Image.open(path) as picture:
                    picture.size  # noqa: B018 - reading the header is the check
            except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
                self.report("SP214", ("images", index, "file"), value=image.file, **_image_reason(exc))

    # -- evaluations ---------------------------------------------------------

    def check_not_future(self, day, path):
        if day and day > self.today:
            self.report("SP215", path, value=vn_date(day), today=vn_date(self.today))

    def check_order(self, items, key):
        previous = None
        for item in items:
            if item.date is None:
                continue
            if previous is not None and item.date < previous:
                self.report("SP232", (key, item.index, "date"), key=key, value=vn_date(item.date),
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


def _no_district_body(day) -> bool:
    """01–05/07/2025: no district body existed, although qd148-2023 still gave it a role. From
    06/07/2025 the rule set itself refuses the district level (SP223, SP231)."""
    return day is not None and _DISTRICTS_ENDED <= day < _RULES_DROPPED_DISTRICTS


def _paths_holding(value, text, path=()):
    if isinstance(value, str):
        if text in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _paths_holding(item, text, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths_holding(item, text, path + (index,))


def _certificate_rule_set(certificate, evaluation):
    """A decision follows the rule set its dossier was scored under when that set still applied on
    the decision's date (the 2026 transition); otherwise the rule set of the decision's date."""
    if evaluation is not None and evaluation.rules in BY_CODE:
        named = BY_CODE[evaluation.rules]
        if named.in_force_on(certificate.date):
            return named
    return rule_set_for(certificate.date)


def _image_reason(exc):
    from PIL import Image, UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):
        return {"reason_vi": "không nhận ra định dạng ảnh", "reason": "unrecognised image format"}
    if isinstance(exc, Image.DecompressionBombError):
        return {"reason_vi": "ảnh quá lớn", "reason": "image too large"}
    return {"reason_vi": "tệp hỏng hoặc không đọc được", "reason": "damaged or unreadable file"}


def _exists_with_exact_case(folder: Path, relative: str) -> bool:
    """Static hosts are case-sensitive even when the officer's laptop is not."""
    current = folder
    for part in Path(relative).parts:
        try:
            if part not in {p.name for p in current.iterdir()}:
                return False
        except OSError:
            return False
        current = current / part
    return current.is_file()


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
