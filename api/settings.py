"""API settings from ``PARTNERGRAPH_*`` environment variables.

Nothing is read at import: :func:`get_settings` reads the environment on its
first call and caches the result; tests pass a :class:`Settings` directly to
:func:`api.app.create_app`.

    >>> Settings(db="sqlite:///:memory:", max_limit=50).max_limit
    50
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from loaders.limits import MAX_DOCUMENT_CHARS

#: Bind addresses that only this machine can reach.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARTNERGRAPH_", extra="ignore")

    #: Store URL, e.g. ``sqlite:///partnergraph.db`` or ``neo4j://localhost:7687``.
    db: str = "sqlite:///partnergraph.db"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    #: Bearer token for the write endpoints (POST /documents); unset = writes disabled.
    api_token: SecretStr | None = None
    #: The largest ``limit`` a list endpoint accepts.
    max_limit: int = Field(default=500, ge=1)
    #: The largest ``max_hops`` ``GET /paths`` accepts (422 naming it beyond).
    max_hops: int = Field(default=6, ge=1, le=12)
    #: The largest ``k`` (number of paths) ``GET /paths`` accepts.
    max_paths: int = Field(default=10, ge=1, le=100)
    #: The largest ``depth`` ``GET /entities/{id}/neighbourhood`` accepts.
    max_depth: int = Field(default=3, ge=1, le=6)
    #: Seconds a path search (snapshot included) may take before answering 504.
    path_timeout: float = Field(default=5.0, gt=0)
    #: Seconds an as-of snapshot stays cached without a store change marker;
    #: writes through this API invalidate it at once (see graph/snapshot.py).
    snapshot_ttl: float = Field(default=30.0, ge=0)
    #: How many snapshots (as_of, known_at, relations) are kept.
    snapshot_cache_size: int = Field(default=16, ge=1)
    #: The largest request body accepted (bytes) before answering 413.
    max_body_bytes: int = Field(default=5_000_000, ge=1)
    #: Seconds a ``POST /cypher`` query may run (a server-side transaction timeout; 504 beyond).
    cypher_timeout: float = Field(default=10.0, gt=0)
    #: The most rows ``POST /cypher`` answers; the answer is cut there and says so.
    cypher_max_rows: int = Field(default=1000, ge=1)
    #: Seconds a SPARQL query may run before the answer is 504.
    sparql_timeout: float = Field(default=10.0, gt=0)
    #: The most results a SPARQL query answers (cut there, with a header saying so).
    sparql_max_results: int = Field(default=10_000, ge=1)
    #: SPARQL queries that run at once, each in a worker process (as many more may wait).
    sparql_workers: int = Field(default=2, ge=1, le=32)
    #: Seconds the SPARQL dataset may be reused on a store without a revision counter.
    sparql_ttl: float = Field(default=60.0, ge=0)
    #: Origins allowed by CORS; empty = no CORS headers at all.
    #: From the environment as a comma-separated list or a JSON array.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    #: ``POST /cypher`` (Neo4j store only): ``off`` (the default; the route answers 404),
    #: ``on`` (needs the bearer token, like writes) or ``public`` (open to every caller).
    cypher: Literal["off", "on", "public"] = "off"
    #: The most characters one document's text may have; a longer one is refused
    #: (413 over HTTP, a per-file error in the CLI) before any NLP runs.
    max_document_chars: int = Field(default=MAX_DOCUMENT_CHARS, ge=1)
    #: ``Host`` header values the API answers (Starlette's TrustedHostMiddleware);
    #: unset = ``127.0.0.1, localhost, [::1]`` when bound to loopback, any host otherwise.
    #: From the environment as a comma-separated list or a JSON array.
    allowed_hosts: Annotated[list[str] | None, NoDecode] = None

    @field_validator("cors_origins", "allowed_hosts", mode="before")
    @classmethod
    def _split_lists(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if not text and info.field_name == "allowed_hosts":
                return None  # set but empty: the default for the bind address
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @property
    def trusted_hosts(self) -> list[str]:
        """The ``Host`` values to accept: the configured list, or loopback names on loopback."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.host in LOOPBACK_HOSTS or self.host.startswith("127."):
            return ["127.0.0.1", "localhost", "[::1]"]
        return ["*"]

    @property
    def store_kind(self) -> str:
        """The backend name from the URL scheme (``sqlite``, ``neo4j``…), never the path."""
        scheme = self.db.partition("://")[0].lower()
        return "neo4j" if scheme in {"bolt", "bolt+s", "neo4j+s"} else scheme


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process settings, read from the environment once."""
    return Settings()
