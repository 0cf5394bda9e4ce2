"""HTML fragments (feed entry bodies) to plain text with the standard library.

trafilatura is built for whole pages: it rejects or trims short fragments
(``load_html`` treats a lone ``<p>`` as "dubious"), so feed summaries go
through this small converter instead. It never fetches anything and only knows
HTML's own character references; block elements become paragraph breaks and
the content of script-like elements is dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "head"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
        "tr", "ul",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and <hr/> break lines; a self-closed <script/> has no content to skip.
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Source newlines inside a paragraph are layout, not breaks.
            self.parts.append(data.replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph per line.

    >>> html_to_text("<p>Acme &amp; Beta</p><script>x()</script><p>merge</p>")
    'Acme & Beta\\nmerge'
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
