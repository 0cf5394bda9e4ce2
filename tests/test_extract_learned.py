"""The learned relation stage: a fresh model file, honest provenance, the stated policy,
fixed splits, and frames validated when loaded (issue 12). Sentences are invented."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from graph.model import Document, Relation
from loaders.extract import Extractor, candidates, entities, facts, names, resources
from loaders.extract.learned import features, splits, train
from loaders.extract.learned import model as learned_model
from loaders.extract.pipeline import learned_candidates
from loaders.extract.slots import Context
from loaders.extract.types import Candidate

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/eval")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_model_file_is_small_and_loads() -> None:
    assert learned_model.MODEL_PATH.stat().st_size < 3_000_000
    model = learned_model.load()
    assert model is not None
    assert {r.relation for r in model.relations} <= set(Relation)
    assert all(0.0 < t <= 1.0 for r in model.relations for t in r.gates.values())
    assert all(set(r.gates) <= set(learned_model.REGISTERS) for r in model.relations)


@needs_shared
def test_model_file_is_not_stale() -> None:
    """Rebuild with ``make train`` when the data or the learned stage's code changed."""
    model = learned_model.load()
    assert model is not None
    current = learned_model.fingerprint(train.data_files(SHARED))
    assert model.meta["fingerprint"] == current, "stale model: run `make train`"


@needs_shared
def test_splits_file_is_the_hash_rule() -> None:
    written = json.loads(splits.SPLITS_FILE.read_text(encoding="utf-8"))
    assert written == splits.build(SHARED)
    for part in written["sets"].values():
        assert all(splits.split_of(i) == "dev" for i in part["dev"])
        assert all(splits.split_of(i) == "tune" for i in part["tune"])


def test_split_depends_on_the_id_only() -> None:
    ids = [f"doc-{n}" for n in range(2000)]
    share = sum(splits.split_of(i) == "dev" for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [splits.split_of(i) for i in ids] == [splits.split_of(i) for i in ids]


def test_every_frame_is_valid() -> None:
    assert candidates.frame_errors() == ()


def _parse(extractor: Extractor, text: str) -> Context:
    doc = extractor.nlp(text)
    return Context(doc, names.canonicalize(entities.find_mentions(doc)))


class _Proposer:
    """A stand-in for the model at its seam: proposes one fixed relation for every pair."""

    name = "partnergraph-learned/test"

    def __init__(self, relation: Relation) -> None:
        self.relation = relation

    def propose(self, doc, mentions, sent_of, every=False, register="news"):  # type: ignore[no-untyped-def]
        out = []
        for a, b, sent in features.pairs(doc, mentions):
            out.append(
                Candidate(
                    a,
                    self.relation,
                    b,
                    sent_of[sent.start],
                    features.trigger_of(doc, a, b),
                    0.5,
                    learned=True,
                )
            )
        return out


def test_rules_keep_pairs_they_stated(extractor: Extractor) -> None:
    ctx = _parse(extractor, "Orbel Systems acquired Vantry Labs in May.")
    rules = candidates.find_candidates(ctx)
    assert rules
    added = learned_candidates(_Proposer(Relation.PARTNERS_WITH), ctx, rules)  # type: ignore[arg-type]
    assert added == []


def test_learned_facts_say_they_are_learned(extractor: Extractor) -> None:
    text = "Orbel Systems and Vantry Labs appeared together at a trade fair."
    ctx = _parse(extractor, text)
    added = learned_candidates(_Proposer(Relation.PARTNERS_WITH), ctx, [])  # type: ignore[arg-type]
    assert added
    doc = Document(text, doc_id="t")
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]
    out = facts.to_facts(doc, sentences, added, "partnergraph-rules/x", "partnergraph-learned/x")
    assert out and all(f.extractor == "partnergraph-learned/x" for f in out)
    assert all(f.confidence <= 0.5 for f in out)


_MANY_PAIRS = (
    "Orbel Systems, which Tamsin Roe founded, works with Vantry Labs and Keldor Motors "
    "on batteries that Pellan Chemicals supplies."
)


@pytest.mark.parametrize("register", learned_model.REGISTERS)
def test_closed_gates_propose_nothing(extractor: Extractor, register: str) -> None:
    model = learned_model.load()
    assert model is not None
    closed = {r.relation for r in model.relations if r.threshold(register) is None}  # type: ignore[arg-type]
    ctx = _parse(extractor, _MANY_PAIRS)
    sent_of = {s.start: i for i, s in enumerate(ctx.doc.sents)}
    proposed = model.propose(ctx.doc, ctx.mentions, sent_of, register=register)  # type: ignore[arg-type]
    assert not {c.relation for c in proposed} & closed
    assert all(c.learned and c.confidence <= learned_model.CONFIDENCE_SCALE for c in proposed)


def _gated(
    model: learned_model.LearnedModel, gates: dict[str, float]
) -> learned_model.LearnedModel:
    rels = tuple(dataclasses.replace(r, gates=gates) for r in model.relations)
    return dataclasses.replace(model, relations=rels)


def test_a_gate_opens_in_its_register_only(extractor: Extractor) -> None:
    """A relation whose gate is open for reference text proposes nothing in news."""
    model = learned_model.load()
    assert model is not None
    ref_only = _gated(model, {"reference": 0.2})
    ctx = _parse(extractor, _MANY_PAIRS)
    sent_of = {s.start: i for i, s in enumerate(ctx.doc.sents)}
    every = model.propose(ctx.doc, ctx.mentions, sent_of, every=True)
    assert every  # the sentence gives the model pairs to score
    assert ref_only.propose(ctx.doc, ctx.mentions, sent_of, register="news") == []
    assert ref_only.propose(ctx.doc, ctx.mentions, sent_of, register="reference") == every


def test_the_register_is_the_documents(extractor: Extractor) -> None:
    """A dated document is news, an undated one reference text: the extractor applies
    the gates of the document's register."""
    assert learned_model.register_of(date(2024, 5, 1)) == "news"
    assert learned_model.register_of(None) == "reference"
    model = learned_model.load()
    assert model is not None
    gated = Extractor()
    gated.model = _gated(model, {"reference": 0.2})
    dated = Document(_MANY_PAIRS, doc_id="n", published=date(2024, 5, 1))
    undated = Document(_MANY_PAIRS, doc_id="r")
    name = learned_model.NAME
    assert not [f for f in gated.extract(dated) if f.extractor.startswith(name)]
    assert [f for f in gated.extract(undated) if f.extractor.startswith(name)]


def test_extractor_names_both_stages(extractor: Extractor) -> None:
    assert "partnergraph-learned" in extractor.name
    assert Extractor(learned=False).model is None


def test_fit_is_deterministic() -> None:
    rows = [
        train.Example(
            "x", f"d{i}", [f"w={i % 7}", f"t={i % 3}"], {"acquires": lab},
            [(i % 5) / 5.0] * features.DENSE_WIDTH,
        )
        for i, lab in enumerate(["none", "fwd", "rev", "none", "fwd"] * 8)
    ]  # fmt: skip
    a, b = train.fit(rows), train.fit(rows)
    assert a[0] == b[0]
    assert np.array_equal(a[1].toarray(), b[1].toarray())
    assert np.array_equal(a[2], b[2])
    # the token-vector columns sit after the hashed ones
    assert a[1].shape[0] == learned_model.N_FEATURES + features.DENSE_WIDTH


def test_dense_features_are_the_pipelines_token_vectors(extractor: Extractor) -> None:
    """``features.dense`` reads spaCy's ``doc.tensor`` at both heads, their common
    ancestor and over the gap; the shipped model weighs them (its ``dense`` width), so
    two pairs with the same hashed features but different words can score apart."""
    doc = extractor.nlp("Brandwell Corp agreed to buy Sorrento Labs for $2 billion.")
    mentions = names.canonicalize(entities.find_mentions(doc))
    (a, b, _sent), *_ = features.pairs(doc, mentions)
    vec = np.asarray(features.dense(doc, a, b))
    assert vec.shape == (features.DENSE_WIDTH,)
    width = doc.tensor.shape[1]
    assert np.allclose(vec[:width], doc.tensor[doc[a.start : a.end].root.i])
    assert np.allclose(vec[width : 2 * width], doc.tensor[doc[b.start : b.end].root.i])
    assert np.abs(vec).sum() > 0
    model = learned_model.load()
    assert model is not None and model.dense == features.DENSE_WIDTH
    assert np.abs(model.weights[learned_model.N_FEATURES :]).sum() > 0


def test_a_pair_joined_at_the_root_has_its_short_path(extractor: Extractor) -> None:
    """spaCy makes a new Token on every access, so a walk up the parse that stops at
    the root must compare positions: an identity test never stops there and padded
    every path through the root to forty arcs, which dropped the pair."""
    doc = extractor.nlp("Brandwell Corp agreed to buy Sorrento Labs for $2 billion.")
    mentions = names.canonicalize(entities.find_mentions(doc))
    by_name = {m.name: m for m in mentions}
    a, b = by_name["Brandwell Corp"], by_name["Sorrento Labs"]
    deps, _words, lca = features._path(doc[a.start : a.end].root, doc[b.start : b.end].root)
    assert lca is not None and lca.lemma_ == "agree"
    assert deps == ["^nsubj", "vxcomp", "vdobj"]
    assert [(x.name, y.name) for x, y, _ in features.pairs(doc, mentions)] == [
        ("Brandwell Corp", "Sorrento Labs")
    ]


def test_no_walk_up_the_parse_compares_tokens_by_identity() -> None:
    import re

    root = Path(__file__).resolve().parents[1] / "loaders"
    pattern = re.compile(r"\.head is (not )?\w")
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in root.rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_an_anaphor_brings_its_antecedent_into_the_sentence(extractor: Extractor) -> None:
    """Pairs across sentences: "the company" in the second sentence stands for the
    company the first names, so the learned stage sees that company beside the founder."""
    text = (
        "Orbel Systems agreed on Monday to sell its sensor unit to Vantry Labs. "
        "The company was started by Tamsin Roe."
    )
    ctx = _parse(extractor, text)
    anaphors = {(m.name, ctx.doc[m.start].text, m.source) for m in features.anaphors(ctx)}
    assert ("Orbel Systems", "company", "anaphor") in anaphors
    added = learned_candidates(_Proposer(Relation.FOUNDED), ctx, [])  # type: ignore[arg-type]
    second = {(c.subject.name, c.object.name) for c in added if c.sent_index == 1}
    assert second == {("Orbel Systems", "Tamsin Roe")}
    doc = Document(text, doc_id="t")
    sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]
    out = facts.to_facts(doc, sentences, added, "partnergraph-rules/x", "partnergraph-learned/x")
    assert any(f.sentence.startswith("The company was started") for f in out)


def test_lexicon_features_name_the_relation_of_a_trigger(extractor: Extractor) -> None:
    ctx = _parse(extractor, "Orbel Systems will purchase Vantry Labs.")
    (a, b, sent), *_ = features.pairs(ctx.doc, ctx.mentions)
    feats = features.features(ctx.doc, a, b, sent)
    assert "plex=acquires" in feats


def test_an_unknown_relation_in_the_traits_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    real = resources.load_json

    def patched(name: str) -> dict[str, Any]:
        data = real(name)
        if name != "relations.json":
            return data
        return {**data, "traits": {**data["traits"], "deals": ["acquires", "merges_with"]}}

    monkeypatch.setattr(resources, "load_json", patched)
    candidates.frame_errors.cache_clear()
    try:
        assert candidates.frame_errors() == ("traits.deals: unknown relation 'merges_with'",)
    finally:
        candidates.frame_errors.cache_clear()


def test_the_relation_traits_are_relations() -> None:
    assert resources.relations_with("deals") == {
        Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH,
    }  # fmt: skip
    assert Relation.FOUNDED in resources.relations_with("party_subjects")
