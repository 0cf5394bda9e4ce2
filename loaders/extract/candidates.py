"""Stage 3, relation candidates: trigger words with argument frames from ``relations.json``.

A trigger is a verb ("acquire", "team up"), a noun ("acquisition",
"partnership", "unit") or a role ("chief executive"). Its frame says which
slot holds the relation's subject and object; slots come from
:mod:`loaders.extract.slots`, so both voices, relative clauses, appositions
and "X said it agreed to buy Y" are covered by the same few rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from graph.model import SIGNATURES, EntityType, Relation
from loaders.extract import deal_slots, resources
from loaders.extract.slots import Context
from loaders.extract.types import Candidate, Mention

Frame = dict[str, Any]
#: Every key a frame may have, and every slot name ``_slot`` reads.
FRAME_KEYS = frozenset({
    "relation", "subject", "object", "ends", "exclusive", "patient_not_org",
    "patient_not_share", "requires_cue", "requires_prep", "requires_prt", "requires_share",
})  # fmt: skip
SLOTS = frozenset({
    "agent", "patient", "poss", "compound", "holder", "patient_owner", "source",
    "governor_agent", "group", "patient_group", "bidder_agent", "acl_agent", "co_founders",
    "reporter", "receiver", "intent_patient", "context_org",
})  # fmt: skip


@cache
def frame_errors() -> tuple[str, ...]:
    """What is wrong with the frames of ``relations.json``: unknown keys, slots,
    relations and cue lists; empty when every frame is valid.

    >>> frame_errors()
    ()
    """
    data = resources.load_json("relations.json")
    cues = resources.load_json("cues.json")
    groups: list[tuple[str, list[Frame]]] = [("role_frame", [data["role_frame"]])]
    for kind in ("verbs", "nouns"):
        groups += [
            (f"{kind}.{word}", frames) for word, frames in data[kind].items() if word[0] != "_"
        ]
    errors = []
    for where, frames in groups:
        for frame in frames:
            for key in set(frame) - FRAME_KEYS:
                errors.append(f"{where}: unknown key {key!r}")
            if frame.get("relation") not in {r.value for r in Relation}:
                errors.append(f"{where}: unknown relation {frame.get('relation')!r}")
            for end in ("subject", "object"):
                for slot in frame.get(end) or [None]:
                    if slot not in SLOTS and not (
                        isinstance(slot, str) and slot.startswith("prep:")
                    ):
                        errors.append(f"{where}: unknown {end} slot {slot!r}")
            cue = frame.get("requires_cue")
            if cue is not None and f"{cue}_cues" not in cues:
                errors.append(f"{where}: no cue list {cue}_cues")
    return tuple(errors)


_PARTICLES = {"down", "off", "out", "up", "away", "over"}
_DEALS = {Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH, Relation.FOUNDED}
_DIRECT = {"agent", "patient", "poss", "compound", "holder"}
_ORG = frozenset({EntityType.ORGANIZATION})
_PRODUCT = frozenset({EntityType.PRODUCT})


def _frames() -> tuple[dict[str, list[Frame]], dict[str, list[Frame]], dict[str, str], Frame]:
    data = resources.load_json("relations.json")
    roles = {k: v for k, v in data["roles"].items() if not k.startswith("_")}
    return data["verbs"], data["nouns"], roles, data["role_frame"]


def _verb_keys(tok: Token) -> list[str]:
    lemma = tok.lemma_.lower()
    keys = []
    for child in tok.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in _PARTICLES):
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "dobj":
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "prep":
            keys.append(f"{lemma} {child.lower_}")
    keys.append(lemma)
    keys.append(tok.lower_)  # hyphenated forms the lemmatizer mangles: "co-founded"
    if tok.lower_.startswith("co-") or lemma.startswith("co-"):
        keys.append(lemma.removeprefix("co-"))
    return keys


def _role_at(doc_tokens: list[Token], i: int, roles: dict[str, str]) -> tuple[str, int] | None:
    # Longest role phrase ending at token i: "chief executive officer" over "officer".
    for n in (3, 2, 1):
        if i - n + 1 < 0:
            continue
        words = " ".join(t.lower_ for t in doc_tokens[i - n + 1 : i + 1])
        if words in roles:
            return roles[words], i - n + 1
    return None


def find_candidates(ctx: Context) -> list[Candidate]:
    """Every relation candidate in the document, one per (trigger, subject, object)."""
    verbs, nouns, roles, role_frame = _frames()
    rivals = frozenset(resources.load_json("relations.json")["rival_modifiers"]["words"])
    out: list[Candidate] = []
    tokens = list(ctx.doc)
    for sent_index, sent in enumerate(ctx.doc.sents):
        for tok in sent:
            # A verb the tagger took for a plural noun ("X competes with Y" as the root).
            misread = tok.pos_ == "NOUN" and (
                tok.tag_.startswith("VB") or (tok.dep_ == "ROOT" and tok.tag_ == "NNS")
            )
            if tok.pos_ in {"VERB", "AUX"} or misread:
                for key in _verb_keys(tok):
                    # The most specific reading that finds its arguments wins: "build on X"
                    # (uses) before "build X" (develops), falling back when it finds none.
                    found = (
                        _apply(ctx, tok, verbs[key], sent_index, verb=True) if key in verbs else []
                    )
                    if found:
                        out.extend(found)
                        break
            if tok.pos_ in {"NOUN", "PROPN"}:
                role = _role_at(tokens, tok.i, roles)
                nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
                if role and not (nxt is not None and _role_at(tokens, nxt.i, roles)):
                    if tok.i not in ctx.at or ctx.at[tok.i].type is not EntityType.PERSON:
                        found = _apply(ctx, tok, [role_frame], sent_index, verb=False)
                        for c in found:
                            c.qualifiers["role"] = role[0]
                        out.extend(found)
                    continue
                key = tok.lemma_.lower()
                compound = [c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"}]
                if compound and f"{compound[-1]} {key}" in nouns:
                    key = f"{compound[-1]} {key}"
                if key in nouns and tok.i not in ctx.at:
                    out.extend(_apply(ctx, tok, nouns[key], sent_index, verb=False))
            if any(c.dep_ == "poss" for c in tok.children):
                out.extend(_owned_product(ctx, tok, sent_index))
            if tok.dep_ in {"amod", "compound"} and tok.lemma_.lower() in rivals:
                out.extend(_rival_modifier(ctx, tok, sent_index))
    return _local_roles(ctx, out)


def _local_roles(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A role whose company came from an earlier sentence ("its chief executive") goes to
    the company this sentence ties the person to: "Figma co-founder Dylan Field will
    lead the company as its chief executive" is a role at Figma."""
    sents = list(ctx.doc.sents)
    for c in cands:
        if c.relation is not Relation.EXECUTIVE_OF or c.object.start >= sents[c.sent_index].start:
            continue
        local = {
            o.object.name: o.object
            for o in cands
            if o.sent_index == c.sent_index
            and o.subject.name == c.subject.name
            and o.relation in {Relation.FOUNDED, Relation.EXECUTIVE_OF}
            and o.object.start >= sents[c.sent_index].start
        }
        if len(local) == 1:
            c.object = next(iter(local.values()))
    return cands


def _rival_modifier(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A rival named by a modifier: "agreed to buy rival X", "replacing its larger rival X".
    The other party is the name's owner ("its") or the doer of the verb that governs it."""
    named = tok.head
    while named.dep_ in {"amod", "compound"} and named.i not in ctx.at and named.head.i != named.i:
        named = named.head
    rivals = [m for m in ctx.ents_at(named, _ORG) if ctx.at.get(named.i) is m]
    if not rivals:
        return []
    others = ctx.poss(named, _ORG) if any(c.dep_ == "poss" for c in named.children) else []
    verb = named.head
    if verb.dep_ in {"prep", "dative"} and named.dep_ == "pobj":
        verb = verb.head
    if not others and named.dep_ in {"dobj", "pobj"}:
        others = ctx.agent(verb, _ORG) if verb.pos_ == "VERB" else ctx.noun_owner(named, _ORG)
    # Only a party named in the sentence: a description ("the company") resolved from
    # afar is too loose a guess for a claim read off one modifier.
    start = tok.sent.start
    return [
        Candidate(o, Relation.COMPETES_WITH, r, sent_index, tok.i, 0.7, timeless=True)
        for r in rivals
        for o in others
        if o.name != r.name and o.start >= start
    ]


def _owned_product(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A company's own product: "Nvidia's Omniverse", "its Blackwell chips", "Cisco's
    Webex service". The owner of a named product is its developer."""
    product = ctx.at.get(tok.i)
    if product is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in ctx.product_heads:
        for child in tok.children:
            if child.dep_ in {"compound", "nmod", "amod"} and child.i < tok.i:
                product = ctx.at.get(child.i)
                if product is None and child.pos_ == "PROPN":
                    product = ctx.name_for(child, _PRODUCT)
                if product is not None and ctx.is_product_name(product, tok, _PRODUCT):
                    product = replace(product, type=EntityType.PRODUCT)  # "its Foundry platform"
                if product is not None:
                    break
    if product is None and tok.dep_ == "appos":
        product = ctx.at.get(tok.head.i)  # "Siri, its voice assistant"
    if product is None or product.type is not EntityType.PRODUCT:
        return []
    owner = next(c for c in tok.children if c.dep_ == "poss")
    return [
        Candidate(o, Relation.DEVELOPS, product, sent_index, tok.i, 0.7, timeless=True)
        for o in ctx.ents_at(owner, _ORG)
        if o.name != product.name
    ]


def _apply(
    ctx: Context, tok: Token, frames: list[Frame], sent_index: int, verb: bool
) -> list[Candidate]:
    out: list[Candidate] = []
    for frame in frames:
        prt = frame.get("requires_prt")
        if prt and not any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children):
            continue
        need = frame.get("requires_prep")
        if need and not any(c.dep_ == "prep" and c.lower_ == need for c in tok.children):
            continue
        cue = frame.get("requires_cue")
        if cue:
            words = resources.load_json("cues.json")[f"{cue}_cues"]
            if not any(w in tok.sent.text.lower() for w in words):
                continue
        if frame.get("patient_not_share") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ctx.partitives for c in tok.children
        ):
            continue
        if frame.get("requires_share") and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in ctx.partitives for c in tok.children
        ):
            continue
        if frame.get("patient_not_org") and ctx.patient(tok, frozenset({EntityType.ORGANIZATION})):
            continue
        rel = Relation(frame["relation"])
        subj_types, obj_types = SIGNATURES[rel]
        subjects, s_slot = _fill(ctx, tok, frame["subject"], subj_types, verb)
        if rel in _DEALS:
            subjects = [m for m in subjects if ctx.party(m)]
        objects, o_slot = _fill(ctx, tok, frame["object"], obj_types, verb, avoid=subjects)
        group = False
        if "group" in frame["object"] and not objects and len(subjects) >= 2:
            objects, o_slot, group = subjects, "group", True
        elif s_slot == "patient_group" and "patient_group" in frame["object"]:
            objects, o_slot, group = subjects, s_slot, True
        made = 0
        for s, o in _pairs(subjects, objects, group):
            conf = (
                0.85
                if (s_slot in _DIRECT and o_slot in _DIRECT) or o_slot.startswith("prep")
                else 0.75
            )
            if "context_org" in (s_slot, o_slot):
                conf = 0.6
            if s.source == "slot" or o.source == "slot":
                conf -= 0.15
            out.append(
                Candidate(
                    s, rel, o, sent_index, tok.i, round(conf, 2), ending=bool(frame.get("ends"))
                )
            )
            made += 1
        if made and frame.get("exclusive"):
            break
    return out


def _fill(
    ctx: Context,
    tok: Token,
    slots: list[str],
    want: frozenset[EntityType],
    verb: bool,
    avoid: list[Mention] | None = None,
) -> tuple[list[Mention], str]:
    avoid_names = {m.name for m in avoid or ()}
    for slot in slots:
        found = [
            m for m in _slot(ctx, tok, slot, want, verb, avoid or []) if m.name not in avoid_names
        ]
        if found:
            return found, slot
    return [], ""


def _slot(
    ctx: Context,
    tok: Token,
    slot: str,
    want: frozenset[EntityType],
    verb: bool,
    avoid: list[Mention],
) -> list[Mention]:
    if slot == "agent":
        return ctx.agent(tok, want)
    if slot == "patient":
        return ctx.patient(tok, want)
    if slot.startswith("prep:"):
        return ctx.prep(tok, slot[5:], want)
    if slot == "poss":
        return ctx.poss(tok, want)
    if slot == "compound":
        return ctx.compound(tok, want)
    if slot == "holder":
        return ctx.holder(tok, want)
    if slot == "patient_owner":
        return deal_slots.patient_owner(ctx, tok, want)
    if slot == "source":
        return deal_slots.source(ctx, tok, want)
    if slot == "governor_agent":
        return ctx.noun_owner(tok, want)
    if slot == "group":
        options = (
            [ctx.agent(tok, want)]
            if verb
            else [ctx.poss(tok, want), ctx.prep(tok, "of", want), ctx.prep(tok, "between", want),
                  ctx.noun_owner(tok, want)]
        )  # fmt: skip
        return next((found for found in options if len(found) >= 2), [])
    if slot == "patient_group":
        found = ctx.patient(tok, want)
        return found if len(found) >= 2 else []
    if slot == "bidder_agent":
        return deal_slots.bidder_agent(ctx, tok, want)
    if slot == "acl_agent":
        return deal_slots.acl_agent(ctx, tok, want)
    if slot == "co_founders":
        return deal_slots.co_founders(ctx, tok, want)
    if slot == "reporter":
        return ctx.reporter(tok, want)
    if slot == "receiver":
        return deal_slots.receiver(ctx, tok, want)
    if slot == "intent_patient":
        return deal_slots.intent_patient(ctx, tok, want)
    if slot == "context_org":
        return [m for m in ctx.context_org(tok, avoid) if m.type in want]
    raise ValueError(f"unknown slot {slot!r} in relations.json")


def _pairs(
    subjects: list[Mention], objects: list[Mention], group: bool
) -> Iterator[tuple[Mention, Mention]]:
    if group:
        # "X and Y announced a partnership", "the merger of X and Y": each pair once,
        # in the order written (news names the buyer in a merger first).
        for i, s in enumerate(subjects):
            for o in subjects[i + 1 :]:
                yield s, o
        return
    for s in subjects:
        for o in objects:
            if s.name != o.name:
                yield s, o
