"""Typed product records, built from converted (schema-checked) data.

A field that failed conversion is ``None`` here; its problem has already been
reported, and the rules skip what they cannot judge.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

PARTS = ("A", "B", "C")


@dataclass(frozen=True)
class LocalText:
    vi: str
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to Vietnamese."""
        return (self.en if lang == "en" else None) or self.vi

    def has(self, lang: str) -> bool:
        return lang == "vi" or bool(self.en)


@dataclass(frozen=True)
class Producer:
    name: str | None
    kind: str | None
    address: str | None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Image:
    file: str
    alt: LocalText | None


@dataclass(frozen=True)
class SalesPoint:
    name: str
    address: str | None = None
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Evaluation:
    index: int  # position in the record, for locating problems
    date: date | None
    council: str | None
    kind: str | None
    round: str | None
    rules: str | None  # as written; None means "by the date"
    scores: dict  # part -> Decimal or None
    minimums_met: int | None
    criteria: dict | None  # criterion code -> Decimal

    @property
    def score(self) -> Decimal | None:
        """The council's total: A + B + C, exact (never rounded before banding)."""
        values = [self.scores.get(part) for part in PARTS]
        return None if any(v is None for v in values) else sum(values, Decimal(0))


@dataclass(frozen=True)
class Certificate:
    index: int
    decision: str | None
    date: date | None
    issuer: str | None
    level: str | None
    stars: int | None


@dataclass(frozen=True)
class Revocation:
    decision: str | None
    date: date | None
    ground: str | None
    reason: LocalText | None


@dataclass(frozen=True)
class Withdrawal:
    date: date | None
    reason: LocalText | None
    replaced_by: str | None = None


@dataclass(frozen=True)
class DossierReturn:
    date: date | None
    missing: str | None
    resubmitted: date | None = None


@dataclass(frozen=True)
class Assessment:
    date: date | None
    report: str | None
    local_contents: dict  # origin, labour, idea, identity -> "met" | "not_met" (or None where unreadable)


@dataclass(frozen=True)
class Forwarding:
    date: date | None
    to: str | None


@dataclass(frozen=True)
class Decision:
    date: date | None
    certificate: str | None  # the decision number of a certificate of the record
    not_recognised: str | None  # or the reason it was not recognised


@dataclass(frozen=True)
class DossierWithdrawal:
    date: date | None
    reason: str | None


@dataclass(frozen=True)
class Dossier:
    """One registration, from the commune's receipt to the decision (schema DOSSIER). Each step is
    None until it happened; ``scored`` is the date of the evaluation the dossier led to."""
    index: int
    kind: str | None
    registered: date | None
    returned: tuple = ()  # DossierReturn, oldest first
    assessed: Assessment | None = None
    forwarded: Forwarding | None = None
    scored: date | None = None
    decided: Decision | None = None
    withdrawn: DossierWithdrawal | None = None

    @property
    def date(self) -> date | None:
        """The day it was opened: dossiers are listed oldest first by it."""
        return self.registered


@dataclass
class Product:
    id: str | None
    source: str  # the file, as shown to officers
    code: str | None = None
    name: LocalText | None = None
    product_set: int | None = None
    unit: str | None = None
    producer: Producer | None = None
    description: LocalText | None = None
    story: LocalText | None = None
    images: list = field(default_factory=list)
    sales: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    dossiers: list = field(default_factory=list)
    revocation: Revocation | None = None
    withdrawn: Withdrawal | None = None
    aliases: list = field(default_factory=list)
    # What `ocop import` proposed and no officer has confirmed yet: field -> why (schema TO_CONFIRM).
    to_confirm: dict = field(default_factory=dict)

    def unit_day(self, today: date | None) -> date | None:
        """The day ``unit`` is read on: the unit is the one named on the newest certificate; a
        candidate's, on its latest scoring; with neither, today's."""
        certificates = [c.date for c in self.certificates if c.date]
        if certificates:
            return max(certificates)
        latest = self.latest_evaluation()
        return latest.date if latest else today

    def latest_evaluation(self, on_or_before: date | None = None) -> Evaluation | None:
        dated = [e for e in self.evaluations if e.date and (on_or_before is None or e.date <= on_or_before)]
        return max(dated, key=lambda e: (e.date, e.index)) if dated else None


def _local(data):
    return LocalText(data["vi"], data.get("en")) if data and data.get("vi") else None


def product_from_converted(data: dict, source: str) -> Product:
    producer = data.get("producer") or {}
    revocation = data.get("revocation")
    withdrawn = data.get("withdrawn")
    return Product(
        id=data.get("id"),
        source=source,
        code=data.get("code"),
        name=_local(data.get("name")),
        product_set=data.get("product_set"),
        unit=data.get("unit"),
        producer=Producer(name=producer.get("name"), kind=producer.get("kind"), address=producer.get("address"),
                          phone=producer.get("phone"), email=producer.get("email"), website=producer.get("website")),
        description=_local(data.get("description")),
        story=_local(data.get("story")),
        images=[Image(i["file"], _local(i.get("alt"))) for i in data.get("images") or [] if i and i.get("file")],
        sales=[SalesPoint(s["name"], s.get("address"), s.get("url"), s.get("phone"))
               for s in data.get("sales") or [] if s and s.get("name")],
        evaluations=[
            Evaluation(index, e.get("date"), e.get("council"), e.get("kind"), e.get("round"), e.get("rules"),
                       dict(e.get("scores") or {}), e.get("minimums_met"), e.get("criteria"))
            for index, e in enumerate(data.get("evaluations") or []) if e
        ],
        certificates=[
            Certificate(index, c.get("decision"), c.get("date"), c.get("issuer"), c.get("level"), c.get("stars"))
            for index, c in enumerate(data.get("certificates") or []) if c
        ],
        dossiers=[_dossier(index, d) for index, d in enumerate(data.get("dossiers") or []) if d],
        revocation=Revocation(revocation.get("decision"), revocation.get("date"), revocation.get("ground"),
                              _local(revocation.get("reason"))) if revocation else None,
        withdrawn=Withdrawal(withdrawn.get("date"), _local(withdrawn.get("reason")), withdrawn.get("replaced_by"))
        if withdrawn else None,
        aliases=[alias for alias in data.get("aliases") or [] if alias],
        to_confirm={key: why for key, why in (data.get("to_confirm") or {}).items() if why},
    )


def _dossier(index: int, data: dict) -> Dossier:
    assessed, forwarded = data.get("assessed"), data.get("forwarded")
    scored, decided, withdrawn = data.get("scored"), data.get("decided"), data.get("withdrawn")
    return Dossier(
        index=index,
        kind=data.get("kind"),
        registered=data.get("registered"),
        returned=tuple(DossierReturn(r.get("date"), r.get("missing"), r.get("resubmitted"))
                       for r in data.get("returned") or [] if r),
        assessed=Assessment(assessed.get("date"), assessed.get("report"), dict(assessed.get("local_contents") or {}))
        if assessed else None,
        forwarded=Forwarding(forwarded.get("date"), forwarded.get("to")) if forwarded else None,
        scored=scored.get("date") if scored else None,
        decided=Decision(decided.get("date"), decided.get("certificate"), decided.get("not_recognised"))
        if decided else None,
        withdrawn=DossierWithdrawal(withdrawn.get("date"), withdrawn.get("reason")) if withdrawn else None,
    )
