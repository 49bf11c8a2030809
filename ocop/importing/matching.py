"""Nothing lost, nothing doubled: which record a row is, and how the two differ.

A row is the record with the same official product code, or the record holding the same decision
for the same product and producer (folded: diacritics, case and spacing never make two products).
A product re-rated under a new decision is still the same record — its QR code is printed on the
packages — so the same product and producer with another decision is that record too, lacking one
certificate. A row of registered products (``--registered``) has no decision: it is the record with
its code, or with its name and producer. Differences are listed field by field; only ``--update``
applies them, and never to a dossier.
"""

from dataclasses import dataclass, field

from ..common.text import fold
from .rows import match_key

# What a difference is called in messages (the record's field path).
_SAME = {"code": ("mã sản phẩm", "product code"),
         "decision": ("quyết định, tên sản phẩm và chủ thể", "decision, product name and producer"),
         "product": ("tên sản phẩm và chủ thể", "product name and producer")}


@dataclass(frozen=True)
class Difference:
    path: tuple  # in the record: ("producer", "address"), ("certificates", 1, "stars"); ("certificates",) to add one
    old: object
    new: object
    column: str  # the row's field that holds the new value (for the message's place)

    @property
    def key(self) -> str:
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (("." if text else "") + part)
        return text


@dataclass
class Match:
    source: str  # the record's file, as shown
    record_id: str
    how: str  # "code", "decision" or "product" (the same product under another decision)
    differences: list = field(default_factory=list)

    @property
    def same_words(self):
        return _SAME[self.how]


class RecordIndex:
    """The folder's records, and the rows written in this run, by what makes a product the same."""

    def __init__(self, units):
        self.units = units
        self._by_code = {}
        self._by_decision = {}
        self._by_product = {}

    def add(self, record_id, source, values):
        """``values``: the record's values keyed like the schema (a converted record, or a row's)."""
        entry = (record_id, source, values)
        code = fold(values.get("code") or "")
        if code:
            self._by_code.setdefault(code, entry)
        name = (values.get("name") or {}).get("vi")
        producer = (values.get("producer") or {}).get("name")
        for certificate in values.get("certificates") or []:
            self._by_decision.setdefault(match_key(certificate.get("decision"), name, producer), entry)
        self._by_product.setdefault(match_key("", name, producer), entry)

    def find(self, values) -> Match | None:
        name, producer = values["name"]["vi"], values["producer"]["name"]
        # A row of registered products (``--registered``) has no decision: its code, or its name and producer.
        decision = (values.get("certificates") or [{}])[0].get("decision")
        code = fold(values.get("code") or "")
        for how, entry in (("code", self._by_code.get(code) if code else None),
                           ("decision", self._by_decision.get(match_key(decision, name, producer))
                            if decision else None),
                           ("product", self._by_product.get(match_key("", name, producer)))):
            if entry is not None:
                record_id, source, existing = entry
                return Match(source, record_id, how, differences(existing, values, self.units))
        return None


def differences(existing: dict, row: dict, units) -> list:
    """What the row says that the record does not, field by field. A value the row does not carry,
    or that is the same once folded, is no difference; the producer kind is the officer's, never the
    list's guess."""
    found = []

    def compare(path, old, new, column, same=None):
        if new is None or new == "":
            return
        if (same or _same_text)(old, new):
            return
        found.append(Difference(path, old, new, column))

    compare(("name", "vi"), (existing.get("name") or {}).get("vi"), row["name"]["vi"], "name")
    compare(("code",), existing.get("code"), row.get("code"), "code")
    if "product_set" in row and "product_set" not in (row.get("to_confirm") or {}):
        compare(("product_set",), existing.get("product_set"), row["product_set"], "product_set", _equal)
    certificates = existing.get("certificates") or []
    registered = "certificates" not in row  # a row of registered products: a dossier, no decision
    # A certified record's unit is the one its certificate names: a registration does not change it.
    if not (registered and certificates):
        day = row["dossiers"][0]["registered"] if registered else row["certificates"][0]["date"]
        compare(("unit",), existing.get("unit"), row.get("unit"), "unit",
                lambda old, new: _same_place(old, new, day, units))
    old_producer = existing.get("producer") or {}
    for key, column in (("name", "producer"), ("address", "address"), ("phone", "phone")):
        compare(("producer", key), old_producer.get(key), row["producer"].get(key), column,
                _same_phone if key == "phone" else None)
    if registered:  # dossiers are the officer's: never compared, never added (ocop/cli/import_sheet.py)
        return found
    certificate = row["certificates"][0]
    same = [i for i, c in enumerate(certificates) if fold(c.get("decision") or "") == fold(certificate["decision"])]
    if not same:
        found.append(Difference(("certificates",), None, certificate, "decision"))
        return found
    index = same[0]
    old = certificates[index]
    for key in ("date", "issuer", "level", "stars"):
        compare(("certificates", index, key), old.get(key), certificate.get(key), key,
                None if key == "issuer" else _equal)
    return found


def _same_text(old, new) -> bool:
    return old is not None and fold(str(old)) == fold(str(new))


def _equal(old, new) -> bool:
    return old == new


def _same_phone(old, new) -> bool:
    digits = lambda text: "".join(c for c in str(text or "") if c.isdigit())  # noqa: E731
    return old is not None and digits(old) == digits(new)


def _same_place(old_code, new_code, day, units) -> bool:
    """A record may write a unit by its GSO code ("03409") or by the dataset's own code ("san-thang")
    for the same place: compare the places, not the codes."""
    if old_code == new_code:
        return True
    old, new = units.get(old_code, day), units.get(new_code, day)
    if old is None or new is None:
        return False
    return old.key == new.key or (old.gso_code is not None and old.gso_code == new.gso_code
                                  and old.start == new.start)


def values_of(product) -> dict:
    """A record as the values the index and the comparison read (the same shape as a row's)."""
    producer = product.producer
    return {
        "code": product.code,
        "name": {"vi": product.name.vi if product.name else None},
        "product_set": product.product_set,
        "unit": product.unit,
        "producer": {"name": producer.name, "address": producer.address, "phone": producer.phone}
        if producer else {},
        "certificates": [{"decision": c.decision, "date": c.date, "issuer": c.issuer, "level": c.level,
                          "stars": c.stars} for c in product.certificates],
    }
