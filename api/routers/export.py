"""``GET /export``: the whole graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD),
or the facts valid at a date for graph tools (GraphML, CSV)."""

from __future__ import annotations

import io
from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse

from api.deps import StoreDep
from api.errors import problem_responses
from api.params import AsOfParam
from api.responses import body_schema
from graph import rdf, rdf_vocab, tables

router = APIRouter(tags=["export"])


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    CSV = "csv"


#: The non-RDF formats: (media type, file extension, writer).
TABLE_FORMATS = {
    ExportFormat.GRAPHML: ("application/graphml+xml", "graphml", tables.write_graphml),
    ExportFormat.CSV: ("application/zip", "zip", tables.write_csv_zip),
}

FormatParam = Annotated[
    ExportFormat,
    Query(
        alias="format",
        description=(
            "`turtle` (text/turtle), `ntriples` (application/n-triples), `nquads` "
            "(application/n-quads), `trig` (application/trig) or `jsonld` "
            "(application/ld+json), RDF with history; or, for graph tools, the facts valid "
            "on `as_of` as `graphml` (application/graphml+xml: Gephi, yEd, networkx) or "
            "`csv` (application/zip holding nodes.csv and edges.csv). The line formats stream."
        ),
        openapi_examples={"turtle": {"summary": "Turtle", "value": "turtle"}},
    ),
]


def _content(fmt: rdf.RdfFormat) -> dict[str, dict[str, object]]:
    return {fmt.media_type: {"schema": body_schema(fmt.media_type)}}


#: Short answers shown in the OpenAPI document (the real ones carry every fact).
EXAMPLES = {
    "text/turtle": (
        "@prefix pg: <https://partnergraph.dev/ns#> .\n"
        "<https://partnergraph.dev/id/entity/microsoft> pg:partnersWith "
        "<https://partnergraph.dev/id/entity/openai> .\n"
    ),
    "application/n-triples": (
        "<https://partnergraph.dev/id/entity/microsoft> <https://partnergraph.dev/ns#partnersWith> "
        "<https://partnergraph.dev/id/entity/openai> .\n"
    ),
    "application/ld+json": [
        {
            "@id": "https://partnergraph.dev/id/entity/microsoft",
            "https://partnergraph.dev/ns#partnersWith": [
                {"@id": "https://partnergraph.dev/id/entity/openai"}
            ],
        }
    ],
}


@router.get(
    "/export",
    summary="The graph as RDF",
    description=(
        "Every entity, a statement node for every version of every fact (valid time at its "
        "precision, qualifiers, confidence, evidence, recorded and superseded times) and "
        "direct triples (`ent:microsoft pg:partnersWith ent:openai`) for the facts that hold "
        "on `as_of` (default today). Vocabulary: `pg:` (https://partnergraph.dev/ns#), "
        "mapped to Wikidata, schema.org, W3C ORG and PROV-O. N-Triples and N-Quads stream "
        "with flat memory; Turtle, TriG and JSON-LD are built whole first. "
        "Example: `GET /export?format=turtle&as_of=2025-09-11`."
    ),
    response_class=Response,
    responses={
        200: {
            "description": "The export, in the media type of the format",
            "content": {
                media: {"schema": body_schema(media), "example": EXAMPLES.get(media, "…")}
                for media in (f.media_type for f in rdf.FORMATS.values())
            }
            | {
                "application/graphml+xml": {"schema": {"type": "string"}},
                "application/zip": {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **problem_responses(422, 503),
    },
)
def export_rdf(
    store: StoreDep, format: FormatParam = ExportFormat.TURTLE, as_of: AsOfParam = None
) -> Response:
    day = as_of or date.today()
    if format in TABLE_FORMATS:
        media, extension, write = TABLE_FORMATS[format]
        out = io.BytesIO()
        write(store, day, out)
        disposition = f'attachment; filename="partnergraph-{day.isoformat()}.{extension}"'
        return Response(
            out.getvalue(), media_type=media, headers={"Content-Disposition": disposition}
        )
    fmt = rdf.rdf_format(format.value)
    filename = f"partnergraph-{day.isoformat()}.{fmt.extension}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    media_type = f"{fmt.media_type}; charset=utf-8"
    if fmt.streams:
        # A sync iterator: Starlette pulls it in a worker thread, chunk by chunk.
        return StreamingResponse(
            rdf.export_chunks(store, fmt.name, day), media_type=media_type, headers=headers
        )
    # Built whole before the first byte, so a store error still answers problem+json.
    body = b"".join(rdf.export_chunks(store, fmt.name, day))
    return Response(body, media_type=media_type, headers=headers)


@router.get(
    "/export/context.jsonld",
    summary="The JSON-LD context of the export",
    description=(
        "The `@context` that `GET /export?format=jsonld` is compacted with (the export "
        "carries it inline too, so reading one needs no fetch): prefixes for the vocabulary "
        "and the data IRIs (`ent:`, `stmt:`…) and a short term per relation "
        '(`"partnersWith": "ent:openai"`).'
    ),
    response_class=JSONResponse,
    responses={
        200: {
            "content": {
                "application/ld+json": {
                    "schema": {"type": "object"},
                    "example": {"@context": {"pg": "https://partnergraph.dev/ns#"}},
                }
            }
        }
    },
)
def jsonld_context() -> JSONResponse:
    return JSONResponse({"@context": rdf_vocab.jsonld_context()}, media_type="application/ld+json")
