"""The shipped learned model: load it once, propose candidates for a parsed document.

``loaders/extract/data/learned.npz`` holds, per relation, a logistic regression
over hashed pair features and the pair's token vectors (``features.dense``;
classes ``none``, ``fwd`` — the earlier mention is the subject — and ``rev``;
symmetric relations have ``none`` and ``yes``), the threshold tuned for it,
whether it is enabled, and the fingerprint of the data and code that made it
(``make train`` rebuilds it; a test fails when stale).

Policy (``propose``): each relation has one gate per register of text
(``REGISTERS``): ``news`` for a dated document (an article, a wire story), and
``reference`` for an undated one (a company page, a biography, an encyclopedia
entry), because the same model is precise in one and not in the other. A
relation's learned output is used only where its gate for the document's
register is open (its added facts were precise enough on held-out documents of
that register); a proposal's probability must reach that gate's threshold; the
caller drops a proposal for a triple the rules already stated, and runs the
rules' negation, status, qualifier and time stages over the rest. Confidence is
the probability scaled by ``CONFIDENCE_SCALE``, so a learned fact never claims
more than a rule's.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
from spacy.tokens import Doc

from graph.model import SIGNATURES, SYMMETRIC, Relation
from loaders.extract.learned import features
from loaders.extract.types import Candidate, Mention

NAME = "partnergraph-learned"
VERSION = "0.1.0"
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "learned.npz"
N_FEATURES = 2**18
CONFIDENCE_SCALE = 0.8
DENSE_SCALE = 0.25  # token vectors' values run to about 3: keep them near the binary features'
_LOCK = threading.Lock()
Register = Literal["news", "reference"]
REGISTERS: tuple[Register, ...] = ("news", "reference")


def register_of(published: date | None) -> Register:
    """``news`` for a dated document, ``reference`` for an undated one."""
    return "news" if published is not None else "reference"


@dataclass(frozen=True)
class RelationModel:
    relation: Relation
    classes: tuple[str, ...]
    column: int  # first column of this relation in the weight matrix
    width: int  # 1 for a binary model (a logit), else one column per class
    gates: Mapping[str, float]  # register -> threshold, for each register whose gate is open

    def threshold(self, register: Register) -> float | None:
        """The probability a proposal needs in ``register``, or None: the gate is closed."""
        return self.gates.get(register)


@dataclass(frozen=True)
class LearnedModel:
    weights: Any  # dense (N_FEATURES, columns) float32
    bias: Any  # (columns,) float32
    relations: tuple[RelationModel, ...]
    meta: dict[str, Any]
    dense: int = 0  # width of the dense part (``features.dense``), 0 when the model has none

    @property
    def name(self) -> str:
        return f"{NAME}/{VERSION}"

    def open_in(self, register: Register) -> bool:
        """Whether any relation's gate is open in ``register`` (else the stage adds nothing)."""
        return any(rm.threshold(register) is not None for rm in self.relations)

    def probabilities(
        self, rows: list[list[str]], dense: list[list[float]] | None = None
    ) -> dict[Relation, Any]:
        """Per relation, an array (pairs × classes) of class probabilities."""
        x = hash_rows(rows).tocsr()
        # A gather over the rows' few features beats a sparse × dense product here.
        contrib = self.weights[x.indices] * x.data[:, None].astype(np.float32)
        scores = np.zeros((len(rows), len(self.bias)), dtype=np.float32)
        np.add.at(scores, np.repeat(np.arange(len(rows)), np.diff(x.indptr)), contrib)
        if self.dense and dense is not None:
            vectors = np.asarray(dense, dtype=np.float32) * DENSE_SCALE
            scores += vectors @ self.weights[N_FEATURES:]
        scores += self.bias
        out = {}
        for rm in self.relations:
            block = scores[:, rm.column : rm.column + rm.width]
            if rm.width == 1:
                p = 1.0 / (1.0 + np.exp(-block[:, 0]))
                out[rm.relation] = np.stack([1.0 - p, p], axis=1)
            else:
                # One-vs-rest logits, normalized as scikit-learn's SGD does.
                p = 1.0 / (1.0 + np.exp(-block))
                out[rm.relation] = p / np.maximum(p.sum(axis=1, keepdims=True), 1e-12)
        return out

    def propose(
        self,
        doc: Doc,
        mentions: list[Mention],
        sent_of: dict[int, int],
        every: bool = False,
        register: Register = "news",
    ) -> list[Candidate]:
        """Candidates for the pairs of ``mentions`` whose gated probability passes.

        ``sent_of`` maps a sentence's first token to its index in the document;
        ``register`` is the document's (``register_of``); ``every`` ignores gates and
        thresholds (for tuning them).
        """
        if not every and not self.open_in(register):
            return []  # every gate closed: no pair's features are worth computing
        with_paths = list(features.pairs_with_paths(doc, mentions))
        if not with_paths:
            return []
        found = [(a, b, s) for a, b, s, _ in with_paths]
        dense = [features.dense(doc, a, b, p) for a, b, _, p in with_paths] if self.dense else None
        rows = [features.features(doc, a, b, s, p) for a, b, s, p in with_paths]
        probs = self.probabilities(rows, dense)
        out: list[Candidate] = []
        for rm in self.relations:
            threshold = rm.threshold(register)
            if not every and threshold is None:
                continue
            p = probs[rm.relation]
            subj_types, obj_types = SIGNATURES[rm.relation]
            for k, (a, b, sent) in enumerate(found):
                best = int(np.argmax(p[k, 1:])) + 1
                prob = float(p[k, best])
                if not every and threshold is not None and prob < threshold:
                    continue
                if prob < 0.2:
                    continue
                subj, obj = (a, b) if rm.classes[best] in {"fwd", "yes"} else (b, a)
                if subj.type not in subj_types or obj.type not in obj_types:
                    if rm.relation in SYMMETRIC and b.type in subj_types and a.type in obj_types:
                        subj, obj = b, a
                    else:
                        continue
                out.append(
                    Candidate(
                        subject=subj,
                        relation=rm.relation,
                        object=obj,
                        sent_index=sent_of[sent.start],
                        trigger=features.trigger_of(doc, a, b),
                        confidence=round(prob * CONFIDENCE_SCALE, 3),
                        learned=True,
                    )
                )
        return out


def hash_rows(rows: list[list[str]]) -> Any:
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
    return hasher.transform(rows)


def load(path: Path = MODEL_PATH) -> LearnedModel | None:
    """The model file, or None when there is none (rules only)."""
    with _LOCK:
        return _load(str(path))


@cache
def _load(path: str) -> LearnedModel | None:
    if not Path(path).exists():
        return None
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(bytes(z["meta"]).decode())
        rows, cols, vals = z["rows"], z["cols"], z["vals"].astype(np.float32)
        bias = z["bias"].astype(np.float32)
    dense = int(meta.get("dense", 0))
    weights = np.zeros((N_FEATURES + dense, len(bias)), dtype=np.float32)
    weights[rows, cols] = vals
    rels = tuple(
        RelationModel(
            relation=Relation(r["relation"]),
            classes=tuple(r["classes"]),
            column=r["column"],
            width=r["width"],
            gates={reg: float(g["threshold"]) for reg, g in r["gates"].items() if g["enabled"]},
        )
        for r in meta["relations"]
    )
    return LearnedModel(weights, bias, rels, meta, dense)


CODE_FILES = ("features.py", "model.py", "train.py", "splits.py")


def fingerprint(data_files: list[Path]) -> str:
    """sha256 over the training data files (in the order given), the learned stage's
    code, the cue lists and the relation frames."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    # cues.json: the cue classes the features read (hedges, modals, sources);
    # relations.json: the trigger lexicon they read (``features.lexicon``).
    data = here.parent / "data"
    code = [here / f for f in CODE_FILES] + [data / "cues.json", data / "relations.json"]
    for p in code + list(data_files):  # a fixed order, whatever the paths' spelling
        h.update(f"{p.parent.name}/{p.name}".encode())
        h.update(p.read_bytes())
    return h.hexdigest()
