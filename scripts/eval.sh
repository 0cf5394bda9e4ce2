#!/usr/bin/env bash
# `make eval`: one table over every evaluation set's development split
# (eval/splits.json; how it was made: eval/README.md), scored with the shared score.py.
# Usage: bash scripts/eval.sh ../shared/eval [--split dev] [--no-learned] [--show-errors]
set -euo pipefail

EVAL="${1:-../shared/eval}"
shift || true
HERE="$(dirname "$0")"
if [ ! -f "$EVAL/score.py" ]; then
    echo "eval: no $EVAL/score.py (pass the shared eval folder)" >&2
    exit 2
fi
exec "$HERE/../.venv/bin/python" "$HERE/eval_table.py" "$EVAL" "$@"
