"""Kinds of OCOP producer ("chủ thể OCOP", ocop-rules.md §7) and which sets they may enter."""

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
