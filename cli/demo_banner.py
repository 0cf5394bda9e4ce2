"""Print the demo's example queries once the seeds are loaded (used by ``make demo``)."""

from __future__ import annotations

import argparse

EXAMPLES = (
    ("Search entities by name or alias", "/entities?q=microsoft"),
    (
        "Microsoft's relations as of 2025-09-11, with evidence",
        "/entities/microsoft/relations?as_of=2025-09-11",
    ),
    (
        "Who led OpenAI in 2023 (executive_of facts into OpenAI)",
        "/facts?object=openai&relation=executive_of&as_of=2023-06-01",
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    base = f"http://{args.host}:{args.port}"
    print(f"\npartnergraph is starting on {base} (OpenAPI docs: {base}/docs). Try:\n")
    for label, path in EXAMPLES:
        print(f"  # {label}\n  curl -s '{base}{path}'\n")


if __name__ == "__main__":
    main()
