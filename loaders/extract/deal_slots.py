"""Slots for deal language: offers, bids, receivers, makers, sources.

Functions over a :class:`loaders.extract.slots.Context`, kept apart from the
general slots because they encode how deals are reported ("X received a bid
from Y", "an offer launched by Y to buy X", "chips made at X's plant").
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.model import EntityType
from loaders.extract.slots import Context
from loaders.extract.types import Mention


def receiver(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who received (or rejected, or studies) an offer: "X received a bid from Y"."""
    node = noun
    for _ in range(3):
        if node.dep_ in {"dobj", "pobj", "prep", "nsubjpass"} and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB":
                if node.lemma_.lower() in ctx.receiving:
                    return ctx.agent(node, want)
                return []
        else:
            return []
    return []


def acl_agent(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The "by" phrase of a participle on the noun: "an offer launched by X" (also where
    the tagger read the participle as a past tense: "a venture formed by X")."""
    for child in noun.children:
        if child.dep_ == "acl" and child.pos_ == "VERB":
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return ctx.ents_at(pobj, want)
    return []


def intent_patient(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The target of an infinitive on the noun: "an offer to buy X", "a proposal
    seeking to buy X"."""
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and child.pos_ == "VERB":
            verb = child
            for _ in range(2):
                found = ctx.patient(verb, want) if verb.dep_ != "relcl" else []
                if found:
                    return found
                nxt = [c for c in verb.children if c.dep_ == "xcomp"]
                if not nxt:
                    break
                verb = nxt[0]
    return []


def bidder_agent(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who made an offer: the agent of "make", "launch", "raise"… the offer, not of
    "found the offer inadequate"."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in ctx.bidding:
        return ctx.agent(head, want)
    return []


def source(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Where bought goods come from: "buy chips from X", "chips made at X's plant"."""
    found = ctx.prep(verb, "from", want)
    if found:
        return found
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.i in ctx.at:
            continue
        for acl in obj.children:
            if acl.dep_ == "acl":
                for word in ("by", "at", "from"):
                    found = ctx.prep(acl, word, want) or found
                found = found or ctx.agent(acl, want)
    return found


def patient_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose goods are made: "TSMC manufactures Apple's processors", "Apple's
    processors are made by TSMC", "X's search results are powered by Y"."""
    passive = ctx.is_passive(verb)
    for obj in verb.children:
        if obj.dep_ == ("nsubjpass" if passive else "dobj") and obj.i not in ctx.at:
            return ctx.poss(obj, want)
    return []


def co_founders(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """People who founded it with the subject: "started X with A and B", "founded X
    with A", "started a company called X with A"."""
    people = want & frozenset({EntityType.PERSON})
    if not people:
        return []
    hosts = [verb]
    for obj in verb.children:
        if obj.dep_ == "dobj":
            hosts.append(obj)
            hosts += [c for c in obj.children if c.dep_ == "acl"]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = ctx.ents_at(pobj, people)
                        if found:
                            return found
    return []


def by_target(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The target of a deal noun whose buyer comes after "by" and which names no "of":
    "X agreed to a takeover by Y", "X accepted a buyout by Y" (the governing verb's doer)."""
    preps = {c.lower_ for c in noun.children if c.dep_ in {"prep", "agent"}}
    if "by" not in preps or "of" in preps:
        return []
    return ctx.noun_owner(noun, want)
