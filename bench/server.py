"""A server process for the HTTP scenarios (run by the bench, not by hand).

    python -m bench.server ours --db sqlite:////abs/path.db --port 8123
    python -m bench.server bare --bodies bodies.json --port 8124

``ours`` is ``api.app.create_app`` under uvicorn; ``bare`` is a FastAPI app
with one plain ``def`` route at the same path that returns precomputed JSON
bytes (the answers ``ours`` gave), so the difference between the two is the
work our route does, not the framework or the server.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request, Response


def bare_app(bodies: dict[str, str]) -> FastAPI:
    encoded = {k: v.encode("utf-8") for k, v in bodies.items()}
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/entities/{id}/relations")
    def relations(id: str, request: Request) -> Response:
        body = encoded[f"{request.url.path}?{request.url.query}"]
        return Response(body, media_type="application/json")

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("ours", "bare"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", help="store URL (ours)")
    parser.add_argument("--bodies", type=Path, help="path → JSON body file (bare)")
    args = parser.parse_args(argv)
    if args.mode == "ours":
        from api.app import create_app
        from api.settings import Settings

        app = create_app(Settings(db=args.db))
    else:
        app = bare_app(json.loads(args.bodies.read_text(encoding="utf-8")))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
