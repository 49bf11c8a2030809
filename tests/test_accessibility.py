"""axe-core over every kind of page, in Vietnamese and in English where the page has both: no
violation of WCAG 2.1 A/AA or of axe's best practices.

axe-core comes from npm (package.json pins it; `npm ci` installs it into node_modules/, as `make test`
does) and is injected from that file: the site never loads it, and no test fetches it from a CDN.
"""

import os
import urllib.error
import urllib.request

import pytest
from browser_support import REPO, local_time

import page_kinds

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_script():
    if not AXE.is_file():
        message = f"{AXE.relative_to(REPO)} not found: run `npm ci` (package.json pins axe-core)"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs it through `make test`: a skip there would hide a broken step
        pytest.skip(message)
    return AXE


def _exists(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status == 200
    except urllib.error.HTTPError:
        return False


def pages_to_check(site):
    """Every kind of page, and the English twin of each Vietnamese one where the site has it."""
    paths = dict(page_kinds.PAGE_KINDS)  # read now: every kind any module has added is checked
    for kind, path in list(paths.items()):
        twin = f"en/{path}"
        if not path.startswith("en/") and path != "404.html" and twin not in paths.values() \
                and _exists(site + twin):
            paths[f"{kind} (en)"] = twin
    return sorted(paths.items())


def describe(violation) -> str:
    targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:10])
    more = f" (+{len(violation['nodes']) - 10} more)" if len(violation["nodes"]) > 10 else ""
    return f"  {violation['id']} ({violation['impact']}): {violation['help']}\n    at {targets}{more}"


def test_no_page_has_an_accessibility_violation(site, new_context, axe_script):
    # Each page as the server sends it: the offline worker, tested on its own, would answer from its cache.
    page = new_context(service_workers="block").new_page()
    page.clock.set_fixed_time(local_time(2026, 11, 28))
    checked, found = [], []
    for kind, path in pages_to_check(site):
        page.goto(site + path)
        # Open the menu and the filters: what they hold must pass too.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        checked.append(kind)
        if result["violations"]:
            found.append(f"{kind} (/{path}):\n" + "\n".join(describe(v) for v in result["violations"]))
    assert "product-valid" in checked and "product-revoked (en)" in checked, checked
    assert not found, "axe-core violations:\n" + "\n".join(found)
