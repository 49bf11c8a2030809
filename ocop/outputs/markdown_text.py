"""Markdown from officers' records, rendered safely.

Descriptions are written by officers in a web editor and shown to the public.
Raw HTML is never rendered (it is shown as the text it is), links may only go
to http(s), mailto and tel addresses, and images in the text are replaced by
their description: a public page makes no request to a host we do not control.
"""

from functools import cache, lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:", "tel:")


class _SafeLinksAndNoImages(Treeprocessor):
    def run(self, root: Element):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    replacement = Element("span")
                    replacement.text = child.get("alt") or ""
                    replacement.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, replacement)
                elif child.tag == "a":
                    href = (child.get("href") or "").strip()
                    if not href.lower().startswith(SAFE_LINK_PREFIXES):
                        child.attrib.pop("href", None)
                        child.tag = "span"
                    else:
                        child.set("rel", "nofollow noopener")
        return None


class _EscapeHtml(Extension):
    def extendMarkdown(self, md):
        # Without these two, Markdown passes raw HTML through; without them it is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinksAndNoImages(md), "ocop_safe_links", 0)


@cache
def _renderer():
    return markdown.Markdown(extensions=[_EscapeHtml()], output_format="html")


@lru_cache(maxsize=4096)  # a pure function; English pages without English re-use the Vietnamese text
def render_markdown(text: str | None) -> str:
    """HTML for ``text``; safe to print without further escaping."""
    if not text:
        return ""
    renderer = _renderer()
    renderer.reset()
    return renderer.convert(text)
