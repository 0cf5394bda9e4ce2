"""A small corpus for ingest tests: one company under several spellings across articles.

Names come back in different spellings ("Halvorsen Dynamics", "Halvorsen Dynamics
Inc.", "Halvorsen Dynamics Corp") and gazetteer names appear too, so a split or a
reordering of the corpus changes which spelling a run meets first.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from graph.model import Document

_COMPANIES = [
    ("Halvorsen Dynamics", "Halvorsen Dynamics Inc.", "Halvorsen Dynamics Corp"),
    ("Cirrusbyte Systems", "Cirrusbyte Systems Ltd", "CirrusByte Systems Inc"),
    ("Brindlewick Foods", "Brindlewick Foods PLC", "Brindlewick Foods Group"),
    ("Quillfeather Labs", "Quillfeather Labs Inc", "Quillfeather Labs LLC"),
    ("Marrowgate Energy", "Marrowgate Energy Corp.", "Marrowgate Energy Co"),
    ("Microsoft", "Microsoft Corp.", "Microsoft Corporation"),
]
_PEOPLE = ["Ingrid Solberg", "Tomas Ferreira", "Amara Okafor", "Lena Vasquez"]
_TEMPLATES = [
    "{a} agreed to acquire {b} for $2 billion, the companies said on {day}.",
    "{a} and {b} announced a partnership to develop electric trucks on {day}.",
    "{p} was named chief executive of {a} on {day}.",
    "{a} invested $50 million in {b}, according to a filing on {day}.",
    "{a} will supply batteries to {b} under a contract announced on {day}.",
]


def corpus(size: int = 12) -> list[Document]:
    """``size`` short dated articles, each stating two relations."""
    out = []
    for i in range(size):
        a = _COMPANIES[i % len(_COMPANIES)][i % 3]
        b = _COMPANIES[(i * 5 + 1) % len(_COMPANIES)][(i + 1) % 3]
        p = _PEOPLE[i % len(_PEOPLE)]
        day = date(2024, 1 + i % 12, 1 + i % 27)
        spoken = day.strftime("%B %d, %Y").replace(" 0", " ")
        first = _TEMPLATES[i % len(_TEMPLATES)].format(a=a, b=b, p=p, day=spoken)
        second = _TEMPLATES[(i + 2) % len(_TEMPLATES)].format(a=b, b=a, p=p, day=spoken)
        text = f"{first} {second}"
        out.append(Document(text, title=f"story {i}", published=day, doc_id=f"story-{i:03d}"))
    return out


def write_jsonl(documents: list[Document], path: Path) -> Path:
    """The documents as document JSONL (doc_id, published, title, text)."""
    lines = [
        json.dumps(
            {
                "doc_id": d.doc_id,
                "published": d.published.isoformat() if d.published else None,
                "title": d.title,
                "text": d.text,
            }
        )
        for d in documents
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
