"""Kinds of OCOP producer ("chủ thể OCOP", ocop-rules.md §7) and which sets they may enter."""

from .product_sets import name_start

# kind -> (Vietnamese, English)
PRODUCER_KINDS = {
    "enterprise": ("Doanh nghiệp", "Enterprise"),
    "cooperative": ("Hợp tác xã", "Cooperative"),
    "cooperative_group": ("Tổ hợp tác", "Cooperative group"),
    "farm": ("Trang trại", "Farm"),
    "household": ("Hộ sản xuất có đăng ký kinh doanh", "Registered household business"),
    "tourism_org": ("Tổ chức du lịch cộng đồng (hội, hiệp hội, trung tâm điều hành du lịch)",
                    "Tourism organisation (association, tourism centre)"),
}

TOURISM_SET = 26
_ONLY_FOR_TOURISM = {"tourism_org"}


def kinds_allowed(product_set: int) -> list[str]:
    """Associations and tourism centres may only enter the tourism set (26)."""
    if product_set == TOURISM_SET:
        return list(PRODUCER_KINDS)
    return [kind for kind in PRODUCER_KINDS if kind not in _ONLY_FOR_TOURISM]


# kind -> the words a producer's name starts with when they name its legal form ("HTX Chè San Thàng",
# "Công ty TNHH …", "Cơ sở sản xuất miến …"), for `ocop import` to read the kind from the name. The
# longest words that fit win; matched whole, with their marks when the name has marks (see
# product_sets.name_start: "Hồ Văn A" is a person, not "Hộ …").
KIND_NAME_WORDS = {
    "enterprise": ("công ty", "cty", "ctcp", "doanh nghiệp", "dntn", "tnhh"),
    "cooperative": ("hợp tác xã", "htx", "liên hiệp hợp tác xã"),
    "cooperative_group": ("tổ hợp tác", "tht"),
    "household": ("hộ kinh doanh", "hkd", "hộ sản xuất", "hộ gia đình", "hộ ông", "hộ bà",
                  "cơ sở", "cs", "cssx"),
    "farm": ("trang trại",),
    # Only bodies that run community tourism (the kind may enter set 26 only): a bare "trung tâm" or
    # "khu du lịch" is as often a company's or a state centre's name, so they are not here.
    "tourism_org": ("hội", "hiệp hội", "ban quản lý", "bql", "trung tâm điều hành du lịch",
                    "trung tâm dịch vụ du lịch", "trung tâm du lịch"),
}
# Names that start like a kind but are not one: a city ("Hội An Silk" is not an association).
_NOT_KIND_WORDS = ("hội an",)


def kind_from_name(name: str) -> tuple[str, str] | None:
    """The kind a producer's name says by its first words, and those words as written:
    "HTX Chè San Thàng" → ("cooperative", "HTX"); None when the name does not say ("Nguyễn Văn A")."""
    table = [(words, kind) for kind, all_words in KIND_NAME_WORDS.items() for words in all_words]
    return name_start(name, table + [(words, None) for words in _NOT_KIND_WORDS])
