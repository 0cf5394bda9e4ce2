#!/usr/bin/env bash
# Score `partnergraph extract` on the shared eval sets (see ../shared/eval/README.md)
# and on the team's held-out set in eval/heldout.
# Usage: bash scripts/eval.sh ../shared/eval
set -euo pipefail

EVAL="${1:-../shared/eval}"
BIN="$(dirname "$0")/../.venv/bin"
PY="$BIN/python"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if [ ! -f "$EVAL/dev/docs.jsonl" ]; then
    echo "eval: no $EVAL/dev/docs.jsonl (pass the shared eval folder)" >&2
    exit 2
fi

echo "== dev set (all relations)"
"$BIN/partnergraph" extract --jsonl "$EVAL/dev/docs.jsonl" > "$TMP/dev.jsonl"
"$PY" "$EVAL/score.py" --gold "$EVAL/dev/gold.jsonl" --pred "$TMP/dev.jsonl" --show-errors

if [ -f "$EVAL/reuters-acq-train/docs.jsonl" ]; then
    echo
    echo "== Reuters acquisitions (--only acquires --lenient)"
    "$BIN/partnergraph" extract --jsonl "$EVAL/reuters-acq-train/docs.jsonl" > "$TMP/acq.jsonl"
    "$PY" "$EVAL/score.py" --gold "$EVAL/reuters-acq-train/gold.jsonl" --pred "$TMP/acq.jsonl" \
        --only acquires --lenient
fi

HELDOUT="$(dirname "$0")/../eval/heldout"
if [ -f "$HELDOUT/docs.jsonl" ]; then
    echo
    echo "== held-out news written by the team (eval/heldout, all relations)"
    "$BIN/partnergraph" extract --jsonl "$HELDOUT/docs.jsonl" > "$TMP/heldout.jsonl"
    "$PY" "$EVAL/score.py" --gold "$HELDOUT/gold.jsonl" --pred "$TMP/heldout.jsonl" --show-errors
fi
