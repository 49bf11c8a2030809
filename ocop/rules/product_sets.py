"""The 26 OCOP product sets and their 6 groups (ocop-rules.md §6), read from data."""

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class ProductGroup:
    code: str  # I … VI
    vi: str
    en: str


@dataclass(frozen=True)
class ProductSet:
    number: int
    group: ProductGroup
    subgroup_vi: str
    vi: str
    en: str


@cache
def _load():
    # Project data shipped with the package, not officers' records: plain safe_load is right here.
    text = resources.files("ocop").joinpath("data/product-sets.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    groups = {g["code"]: ProductGroup(g["code"], g["vi"], g["en"]) for g in data["groups"]}
    sets = {s["number"]: ProductSet(s["number"], groups[s["group"]], s["subgroup"], s["vi"], s["en"]) for s in data["sets"]}
    return groups, sets


def product_groups() -> dict[str, ProductGroup]:
    return _load()[0]


def product_sets() -> dict[int, ProductSet]:
    return _load()[1]


def product_set(number: int) -> ProductSet | None:
    return product_sets().get(number)
