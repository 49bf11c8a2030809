"""No page of the site scrolls sideways on a small phone (320 and 360 CSS pixels wide).

Every kind of page in tests/page_kinds.py is opened in Chromium at each width, with every
<details> (the menu, the finder's filters) open, since a shopper opens them. The sample data
carries long values on purpose (LC-0005: a long address, e-mail and web address) so that the
facts grid, the links and the footer are measured at their widest.
"""

import pytest
from browser_support import local_time, open_at

import page_kinds

WIDTHS = (320, 360)

# The element that reaches furthest right, so that a failure names what to fix.
WIDEST_ELEMENT = """() => {
  let widest = null, right = 0;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > right) { right = box.right; widest = element; }
  }
  if (!widest) return null;
  const name = widest.tagName.toLowerCase() + (widest.id ? "#" + widest.id : "")
    + [...widest.classList].map(c => "." + c).join("");
  const text = (widest.textContent || widest.getAttribute("src") || "").trim().replace(/\\s+/g, " ");
  return {name: name, right: Math.round(right), text: text.slice(0, 80)};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_phone(site, new_context, width):
    # Each page as the server sends it: the offline worker, tested on its own, would answer from its cache.
    page = new_context(viewport={"width": width, "height": 800}, service_workers="block").new_page()
    page.clock.set_fixed_time(local_time(2026, 11, 28))
    too_wide = []
    # Read now, not at import: every kind any module has added to the dict is measured.
    for kind, path in sorted(page_kinds.PAGE_KINDS.items()):
        page.goto(f"{site}{path}")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            widest = page.evaluate(WIDEST_ELEMENT)
            too_wide.append(f"{kind} (/{path}): {scroll_width} px; widest element <{widest['name']}> reaches "
                            f"{widest['right']} px: {widest['text']!r}")
    assert not too_wide, f"pages wider than a {width} px screen:\n" + "\n".join(too_wide)


def test_the_longest_sample_values_are_measured(site, new_context):
    """The check is only as good as its data: LC-0005's long contact values are on a measured page."""
    assert "p/LC-0005/" in page_kinds.PAGE_KINDS.values()
    page = open_at(new_context, f"{site}p/LC-0005/", local_time(2026, 11, 28))
    facts = page.locator(".facts").all_inner_texts()
    for value in ("tohoptac.miendongsuoimo.tanphong@example.vn",
                  "https://example.vn/tohoptacmiendongsuoimo/gioi-thieu-san-pham-mien-dong",
                  "Tổ dân phố số 12, đường Nguyễn Chí Thanh, phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu"):
        assert any(value in text.replace("\n", "") for text in facts), value
