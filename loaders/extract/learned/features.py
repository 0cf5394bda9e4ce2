"""Features of a pair of entity mentions in one parsed sentence, as strings to hash.

The features say how the sentence is written, never which names it holds:
proper nouns become their part of speech. They are the dependency path between
the two mentions' heads (labels and lemmas), the words between them, the words
governing each mention, entity types and order, distance, and cue classes
(negation, hedges, unnamed sources). ``dense`` adds the pair's context as the
pipeline's own token vectors (spaCy's ``doc.tensor``, which the tagger and parser
read): they carry what the hashed words cannot, such as which words play alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from graph.model import SIGNATURES, EntityType, Relation
from loaders.extract import resources
from loaders.extract.coref import DocIndex
from loaders.extract.types import Mention

MAX_GAP = 40  # tokens between the two mentions; farther pairs are not candidates
MAX_PATH = 8
MAX_PAIR_PATH = 7  # dependency arcs between the two heads; farther pairs are not candidates


def _word(tok: Token) -> str:
    if tok.pos_ == "PROPN":
        return "<PROPN>"
    if tok.like_num or tok.pos_ == "NUM":
        return "<NUM>"
    return tok.lemma_.lower()


def _fits(a: EntityType, b: EntityType) -> bool:
    return any(a in s and b in o for s, o in SIGNATURES.values())


#: The dependency path between two heads (``_path``): labels, lemmas, common ancestor.
Path = tuple[list[str], list[str], Token | None]


def pairs(doc: Doc, mentions: list[Mention]) -> Iterator[tuple[Mention, Mention, Span]]:
    """Every ordered-by-text pair of mentions of one sentence that some relation's
    signature admits (in either direction), at most ``MAX_GAP`` tokens apart."""
    for a, b, sent, _ in pairs_with_paths(doc, mentions):
        yield a, b, sent


def pairs_with_paths(
    doc: Doc, mentions: list[Mention]
) -> Iterator[tuple[Mention, Mention, Span, Path]]:
    """``pairs``, each with the path between its heads that admitting it took: the
    features (``features``, ``dense``) read the same path, and walking the heads'
    ancestors again for each is a good part of the stage's time."""
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(doc[m.start].sent.start, []).append(m)
    for group in by_sent.values():
        group.sort(key=lambda m: m.start)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if b.start - a.end > MAX_GAP:
                    break
                if a.name == b.name or b.start < a.end:
                    continue
                if not (_fits(a.type, b.type) or _fits(b.type, a.type)):
                    continue
                path = _path(doc[a.start : a.end].root, doc[b.start : b.end].root)
                if 0 < len(path[0]) <= MAX_PAIR_PATH:
                    yield a, b, doc[a.start].sent, path


def anaphors(index: DocIndex) -> list[Mention]:
    """Pronouns and descriptions ("it", "he", "the company") that the document's
    anaphora resolution ties to exactly one named entity, as mentions of that entity
    at the anaphor's place (source ``anaphor``): a fact whose two names sit in
    different sentences becomes a pair of one sentence."""
    out = []
    for tok in index.doc:
        if tok.i in index.at or not index.is_anaphor(tok):
            continue
        refs = index.refer(tok)
        if len(refs) == 1:
            out.append(Mention(tok.i, tok.i + 1, refs[0].name, refs[0].type, "anaphor"))
    return out


def with_anaphors(index: DocIndex) -> list[Mention]:
    """The document's mentions and its resolved anaphors (``anaphors``), in text order:
    what ``pairs`` pairs, in training and in extraction alike."""
    return sorted([*index.mentions, *anaphors(index)], key=lambda m: m.start)


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    # spaCy makes a new Token object on every access: compare positions, never identity.
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _path(r1: Token, r2: Token) -> tuple[list[str], list[str], Token | None]:
    """The dependency path r1 → lowest common ancestor → r2, as labels and as lemmas."""
    up1, up2 = _ancestors(r1), _ancestors(r2)
    pos2 = {t.i: k for k, t in enumerate(up2)}
    for k, t in enumerate(up1):
        if t.i in pos2:
            left, right = up1[:k], up2[: pos2[t.i]]
            deps = [f"^{x.dep_}" for x in left] + [f"v{x.dep_}" for x in reversed(right)]
            words = [_word(x) for x in left[1:]] + [_word(t)] + [_word(x) for x in right[1:]]
            return deps, words, t
    return [], [], None


def trigger_of(doc: Doc, a: Mention, b: Mention) -> int:
    """The token the pair's statement hangs on: the lowest common ancestor of the two
    heads, or the first verb between them."""
    r1, r2 = doc[a.start : a.end].root, doc[b.start : b.end].root
    _, _, lca = _path(r1, r2)
    if lca is not None and not (a.start <= lca.i < a.end or b.start <= lca.i < b.end):
        return lca.i
    for tok in doc[a.end : b.start]:
        if tok.pos_ in {"VERB", "NOUN"}:
            return tok.i
    return r2.head.i if r2.head.i != r2.i else r1.head.i


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Lemma → the relations the rules' frames give it (``relations.json``), and
    ``role`` for a role noun: a word class shared by every way of writing a relation,
    so what one set teaches about "buy" carries to "purchase" and "take over"."""
    frames = resources.load_json("relations.json")
    out: dict[str, set[str]] = {}
    for part in ("verbs", "nouns"):
        for key, rows in frames[part].items():
            if key.startswith("_"):
                continue
            for word in key.split()[:1]:  # "take over": the verb's lemma carries it
                out.setdefault(word, set()).update(r["relation"] for r in rows)
    for key in frames["roles"]:
        if not key.startswith("_"):
            out.setdefault(key.split()[-1], set()).add("role")
    return {w: tuple(sorted(r)) for w, r in out.items()}


def _lex(words: list[str], types: str, tag: str) -> list[str]:
    lex = lexicon()
    found = sorted({r for w in words for r in lex.get(w, ())})
    return [f"{tag}={r}" for r in found] + [f"t{tag}={types}|{r}" for r in found]


@cache
def _cues() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    cues = resources.load_json("cues.json")
    hedges = frozenset(cues["hedges"]["lemmas"]) | frozenset(cues["hedges"]["nouns"])
    modals = frozenset(cues["hypothetical_modals"])
    return hedges, modals, tuple(cues["sourcing"]["phrases"])


def features(doc: Doc, a: Mention, b: Mention, sent: Span, path: Path | None = None) -> list[str]:
    """Feature strings of the pair (``a`` before ``b`` in the text); ``path`` is the
    heads' path when the caller has it (``pairs_with_paths``)."""
    r1, r2 = doc[a.start : a.end].root, doc[b.start : b.end].root
    types = f"{a.type.value[:3]}>{b.type.value[:3]}"
    deps, words, lca = path if path is not None else _path(r1, r2)
    out = [f"t={types}", f"src={a.source[:3]}>{b.source[:3]}"]
    if deps and len(deps) <= MAX_PATH:
        d = " ".join(deps)
        out += [f"pd={d}", f"tpd={types}|{d}", f"pw={' '.join(words)}", f"tpw={types}|{d}|{words}"]
        out += [f"pl={w}" for w in words]
        out += [f"tpl={types}|{w}" for w in words]
        out += _lex(words, types, "plex")
    else:
        out.append("pd=LONG")
    if lca is not None:
        out.append(f"lca={_word(lca)}|{lca.pos_}")
    between = [t for t in doc[a.end : b.start] if not t.is_punct or t.text in {",", "(", "'s"}]
    gap = len(between)
    out.append(f"gap={min(gap, 10) if gap < 10 else (15 if gap < 20 else 30)}")
    bw = [_word(t) for t in between if not t.is_stop or t.lower_ in {"of", "by", "with", "to"}]
    out += [f"bw={w}" for w in bw[:12]]
    out += [f"tbw={types}|{w}" for w in bw[:12]]
    out += [f"bb={x}_{y}" for x, y in pairwise(bw)][:10]
    out += _lex(bw, types, "blex")
    if gap <= 3:
        out.append(f"near={'_'.join(_word(t) for t in between)}")
    others = sum(1 for t in doc[a.end : b.start] if t.ent_type_ in {"ORG", "PERSON", "PRODUCT"})
    out.append(f"others={min(others, 3)}")
    out.append(f"h1={_word(r1.head)}|{r1.dep_}")
    out.append(f"h2={_word(r2.head)}|{r2.dep_}")
    out.append(f"h1t={types}|{_word(r1.head)}|{r1.dep_}")
    out.append(f"h2t={types}|{_word(r2.head)}|{r2.dep_}")
    if a.start > sent.start:
        out.append(f"pre1={_word(doc[a.start - 1])}")
    if b.end < sent.end:
        out.append(f"post2={_word(doc[b.end])}")
    if a.end < b.start:
        out.append(f"post1={_word(doc[a.end])}")
        out.append(f"pre2={_word(doc[b.start - 1])}")
    hedges, modals, sources = _cues()
    span_tokens = doc[min(a.start, lca.i if lca is not None else a.start) : b.end]
    if any(t.dep_ == "neg" for t in span_tokens):
        out.append("cue=neg")
    if any(t.lemma_.lower() in hedges for t in sent):
        out.append("cue=hedge")
    if any(t.lower_ in modals and t.dep_ == "aux" for t in span_tokens):
        out.append("cue=modal")
    low = sent.text.lower()
    if any(p in low for p in sources):
        out.append("cue=sourced")
    return out


DENSE_WIDTH = 4 * 96  # the parser's token vectors: both heads, their common ancestor, the gap


def dense(doc: Doc, a: Mention, b: Mention, path: Path | None = None) -> list[float]:
    """The pair's context as the pipeline's own token vectors (``doc.tensor``): each
    head, their lowest common ancestor, and the mean over the words between them
    (``path``, the heads' path, when the caller has it)."""
    import numpy as np

    width = doc.tensor.shape[1] if doc.tensor.ndim == 2 and len(doc.tensor) == len(doc) else 0
    if width == 0:
        return [0.0] * DENSE_WIDTH
    r1, r2 = doc[a.start : a.end].root, doc[b.start : b.end].root
    _, _, lca = path if path is not None else _path(r1, r2)
    zero = np.zeros(width, dtype=np.float32)
    gap = doc.tensor[a.end : b.start]
    parts = [doc.tensor[r1.i], doc.tensor[r2.i], doc.tensor[lca.i] if lca is not None else zero,
             gap.mean(axis=0) if len(gap) else zero]  # fmt: skip
    out = np.concatenate(parts)[:DENSE_WIDTH]
    return [float(x) for x in out]


def relations_for(a: EntityType, b: EntityType) -> list[Relation]:
    """Relations whose signature admits the pair in either direction."""
    return [r for r, (s, o) in SIGNATURES.items() if (a in s and b in o) or (b in s and a in o)]
