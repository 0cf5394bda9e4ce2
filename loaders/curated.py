"""The curated-fact loader: facts the team writes by hand, in JSON Lines or CSV.

JSON Lines rows use the ontology's extraction output format, with the source
on the evidence (``url``, ``published``)::

    {"doc_id": "curated-ms-openai-2019",
     "subject": {"name": "Microsoft", "type": "Organization"}, "relation": "invests_in",
     "object": {"name": "OpenAI", "type": "Organization"}, "valid_from": "2019-07",
     "valid_to": null, "qualifiers": {"amount": "1000000000", "currency": "USD"},
     "confidence": 0.95,
     "evidence": {"text": "…", "url": "https://…", "published": "2019-07-22"}}

CSV files carry the same data in flat columns: ``doc_id, subject, subject_type,
relation, object, object_type, valid_from, valid_to, confidence, evidence_text,
url, published`` plus one column per qualifier (``role, amount, currency,
stake, product, quantity, status``); empty cells are absent values.

A file loads whole or not at all: every bad row is reported with file, line
and reason, and nothing from that file is stored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import GraphError, InvalidInput
from graph.model import (
    QUALIFIER_KEYS,
    SIGNATURES,
    Batch,
    Entity,
    EntityType,
    Evidence,
    Fact,
    PartialDate,
    Relation,
    parse_day,
)
from graph.temporal import derive, merge, with_claims
from loaders.gazetteer import gazetteer_index
from loaders.readers.base import Unreadable, decode_utf8, load_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024
CSV_REQUIRED = ("subject", "subject_type", "relation", "object", "object_type")


@dataclass(frozen=True, slots=True)
class RowError:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class CuratedFileError(InvalidInput):
    """A curated file with bad rows; ``errors`` lists every one of them."""

    def __init__(self, path: str, errors: list[RowError]) -> None:
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} bad row(s), nothing stored: {shown}{more}", where=path)
        self.errors = errors


def is_curated_file(path: Path) -> bool:
    """True for JSONL whose first row has a ``relation``, or CSV with the fact columns."""
    suffix = path.suffix.lower()
    try:
        if not path.is_file():  # a FIFO or device would block the sniffing read
            return False
        with path.open(encoding="utf-8", errors="replace") as handle:
            if suffix == ".csv":
                header = next(csv.reader([handle.readline()]), [])
                return {"subject", "relation", "object"} <= {h.strip() for h in header}
            if suffix in (".jsonl", ".ndjson"):
                for line in handle:
                    if line.strip():
                        row = json.loads(line)
                        return isinstance(row, dict) and "relation" in row
    except (OSError, ValueError):
        return False
    return False


def load_curated(path: Path) -> Batch:
    """Read one curated file into a single batch; raise :class:`CuratedFileError` on bad rows."""
    name = str(path)
    try:
        # The readers' guard: stat before reading, regular files only (a FIFO would
        # block), the size cap, NUL bytes refused, strict UTF-8.
        text = decode_utf8(load_bytes(path, MAX_FILE_BYTES))
    except Unreadable as exc:
        reason = "the file holds no facts" if exc.reason == "empty file" else exc.reason
        raise CuratedFileError(name, [RowError(name, None, reason)]) from None
    rows = _csv_rows(name, text) if path.suffix.lower() == ".csv" else _jsonl_rows(name, text)
    return build_batch(name, rows)


def build_batch(name: str, rows: Iterator[tuple[int, Mapping[str, Any] | RowError]]) -> Batch:
    """Validate rows (line number, row) into one batch, or raise with every bad row."""
    errors: list[RowError] = []
    entities: dict[str, Entity] = {}
    facts: dict[str, Fact] = {}
    known = gazetteer_index()
    count = 0
    for line, row in rows:
        count += 1
        if isinstance(row, RowError):
            errors.append(row)
            continue
        try:
            fact, ends = _row_to_fact(row, known)
        except (GraphError, ValueError, TypeError, KeyError) as exc:
            reason = exc.message if isinstance(exc, GraphError) else f"{type(exc).__name__}: {exc}"
            errors.append(RowError(name, line, reason))
            continue
        for entity in ends:
            previous = entities.get(entity.id)
            if previous is not None and previous.type != entity.type:
                errors.append(
                    RowError(
                        name,
                        line,
                        f"{entity.name!r} is a {entity.type.value} here but a "
                        f"{previous.type.value} on an earlier row",
                    )
                )
            entities.setdefault(entity.id, entity)
        fact = with_claims(fact)  # each row's dates and qualifiers stay its own claim
        if fact.id in facts:
            facts[fact.id] = merge(facts[fact.id], fact)
        else:
            facts[fact.id] = derive(fact, fact.evidence)
    if count == 0:
        errors.append(RowError(name, None, "the file holds no facts"))
    if errors:
        raise CuratedFileError(name, errors)
    return Batch(entities=tuple(entities.values()), facts=tuple(facts.values()))


def _jsonl_rows(name: str, text: str) -> Iterator[tuple[int, Mapping[str, Any] | RowError]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, RowError(name, number, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(row, dict):
            yield number, RowError(name, number, "each line must be a JSON object")
            continue
        yield number, row


def _csv_rows(name: str, text: str) -> Iterator[tuple[int, Mapping[str, Any] | RowError]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        yield 1, RowError(name, 1, f"CSV header lacks column(s): {', '.join(missing)}")
        return
    for raw in reader:
        number = reader.line_num
        if None in raw:
            yield number, RowError(name, number, "more cells than header columns")
            continue
        cells = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        row: dict[str, Any] = {
            "doc_id": cells.get("doc_id") or None,
            "subject": {"name": cells["subject"], "type": cells["subject_type"]},
            "relation": cells["relation"],
            "object": {"name": cells["object"], "type": cells["object_type"]},
            "valid_from": cells.get("valid_from") or None,
            "valid_to": cells.get("valid_to") or None,
            "qualifiers": {k: cells[k] for k in QUALIFIER_KEYS if cells.get(k)},
            "evidence": {
                "text": cells.get("evidence_text", ""),
                "url": cells.get("url") or None,
                "published": cells.get("published") or None,
            },
        }
        if cells.get("confidence"):
            row["confidence"] = cells["confidence"]
        yield number, row


def _entity(value: Any, role: str, known: Mapping[str, Entity]) -> Entity:
    if not isinstance(value, Mapping):
        raise InvalidInput(f"{role} must be an object with name and type")
    name = str(value.get("name") or "").strip()
    if not name:
        raise InvalidInput(f"{role} has no name")
    if len(name) > 500:
        raise InvalidInput(f"{role} name is longer than 500 characters")
    try:
        etype = EntityType(str(value.get("type")))
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise InvalidInput(f"{role} type {value.get('type')!r} is not one of {allowed}") from None
    entity = known.get(name.casefold())
    if entity is None:
        return Entity.named(name, etype)
    if entity.type != etype:
        raise InvalidInput(
            f"{role} {name!r} is given as {etype.value} but is known as a {entity.type.value}"
        )
    return entity


def _row_to_fact(row: Mapping[str, Any], known: Mapping[str, Entity]) -> tuple[Fact, list[Entity]]:
    relation = Relation.parse(str(row.get("relation", "")))
    subject = _entity(row.get("subject"), "subject", known)
    obj = _entity(row.get("object"), "object", known)
    allowed_s, allowed_o = SIGNATURES[relation]
    if subject.type not in allowed_s or obj.type not in allowed_o:
        raise InvalidInput(
            f"{relation.value} needs {'/'.join(sorted(allowed_s))} → {'/'.join(sorted(allowed_o))},"
            f" got {subject.type.value} → {obj.type.value}"
        )
    evidence_row = row.get("evidence") or {}
    if not isinstance(evidence_row, Mapping):
        raise InvalidInput("evidence must be an object with text, url and published")
    sentence = str(evidence_row.get("text") or "").strip()
    if not sentence:
        raise InvalidInput("evidence.text is required: every fact needs its evidence")
    url = evidence_row.get("url") or row.get("url")
    published_raw = evidence_row.get("published") or row.get("published")
    published = parse_day(published_raw, "published") if published_raw else None
    qualifiers = row.get("qualifiers") or {}
    if not isinstance(qualifiers, Mapping):
        raise InvalidInput("qualifiers must be an object")
    qualifiers = {k: str(v) for k, v in qualifiers.items() if v is not None}
    confidence = float(row.get("confidence", 1.0))
    doc_id = str(row.get("doc_id") or url or "curated")
    fact = Fact(
        subject=subject.id,
        relation=relation,
        object=obj.id,
        valid_from=_date(row, "valid_from"),
        valid_to=_date(row, "valid_to"),
        qualifiers=qualifiers,
        stated_at=published,
        confidence=confidence,
        evidence=(
            Evidence(
                document_id=doc_id,
                sentence=sentence,
                start=_offset(evidence_row.get("start")),
                end=_offset(evidence_row.get("end")),
                url=str(url) if url else None,
                published=published,
                extractor="curated",
                confidence=confidence,
            ),
        ),
    )
    return fact, [subject, obj]


def _date(row: Mapping[str, Any], key: str) -> PartialDate | None:
    try:
        return PartialDate.parse_optional(row.get(key))
    except InvalidInput as exc:
        raise InvalidInput(exc.message, where=key) from None


def _offset(value: Any) -> int | None:
    if value is None or value == "":
        return None
    number = int(value)
    if number < 0:
        raise InvalidInput(f"offset {number} is negative")
    return number
