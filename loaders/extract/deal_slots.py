"""Slots for deal language: offers, bids, receivers, makers, sources.

Functions over a :class:`loaders.extract.slots.Context`, kept apart from the
general slots because they encode how deals are reported ("X received a bid
from Y", "an offer launched by Y to buy X", "chips made at X's plant").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from graph.model import EntityType
from loaders.extract import resources
from loaders.extract.names import org_key, same_org
from loaders.extract.slots import Context
from loaders.extract.types import Mention


def receiver(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who received (or rejected, or studies, or approved) an offer: "X received a bid
    from Y", "X approved Y's offer"."""
    node = noun
    for _ in range(3):
        if node.dep_ in {"dobj", "pobj", "prep", "nsubjpass"} and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB":
                if node.lemma_.lower() in ctx.receiving or node.lemma_.lower() == "approve":
                    return ctx.agent(node, want)
                return []
        else:
            return []
    return []


def tendered(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose shares were tendered into the offer: "N X shares have been tendered in
    response to Y's offer", "holders tendered shares of X into the offer"."""
    node = noun
    for _ in range(4):
        if node.head.i == node.i or node.dep_ not in {"pobj", "prep"}:
            return []
        node = node.head
        if node.pos_ == "VERB":
            return ctx.patient(node, want) if node.lemma_.lower() == "tender" else []
    return []


def acl_agent(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The "by" phrase of a participle on the noun: "an offer launched by X" (also where
    the tagger read the participle as a past tense: "a venture formed by X"), or of "led"
    hung on the verb the noun is the object of: "raised a round, led by X", "raised $5
    million in funding, led by X" (or on the sum itself)."""
    participles = [c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in" and verb.dep_ == "prep":
        verb = verb.head  # "raised $5 million in funding, led by X"
    if noun.dep_ == "dobj" or verb is not noun.head:
        participles += [
            c
            for c in verb.children
            if c.dep_ in {"advcl", "acl"}
            and c.tag_ == "VBN"
            and c.lemma_.lower() == "lead"
            and c.i > noun.i
        ]
    for child in participles:
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
                # "an offer made by Y": the participle's patient is the offer itself
                made = verb.dep_ == "acl" and verb.tag_ == "VBN"
                found = ctx.patient(verb, want) if verb.dep_ != "relcl" and not made else []
                if not found and verb.lemma_.lower() in _MERGING and verb.dep_ != "relcl":
                    found = ctx.prep(verb, "with", want)  # "an offer to merge with X"
                if found:
                    return found
                # "an offer made by Y to merge with X": the purpose hung on the participle
                nxt = [c for c in verb.children if c.dep_ == "xcomp"] or [
                    c
                    for c in verb.children
                    if c.dep_ == "advcl"
                    and verb.tag_ == "VBN"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                ]
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
        if not found and obj.lemma_.lower() in branded_goods():
            found = _brand_of(ctx, obj, want)  # "ordered 300 Orlo jets", "Orlo processors"
        for acl in obj.children:
            if acl.dep_ == "acl":
                for word in ("by", "at", "from"):
                    found = ctx.prep(acl, word, want) or found
                found = found or ctx.agent(acl, want)
    return found


#: Prepositions whose object may be goods a company made: "compete with chips from X".
_GOODS_PREPS = frozenset({"by", "on", "with", "against"})


@cache
def branded_goods() -> frozenset[str]:
    """Made goods a maker's name modifies: "Orlo jets", "Orlo processors"."""
    cues = resources.load_json("cues.json")
    return frozenset(cues["product_kind_nouns"]["branded_goods"])


def _brand_of(ctx: Context, goods: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company named as a modifier of made goods: "300 Orlo 737 jets"."""
    for child in goods.children:
        if child.dep_ in {"compound", "nmod"} and child.i < goods.i and child.i in ctx.at:
            m = ctx.at[child.i]
            if m.type in want and m.end <= goods.i:
                return [m]
    return []


def goods_maker(ctx: Context, tok: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who made the goods named in the trigger's "by", "on", "with" or "against" phrase:
    "powered by a processor from X", "its reliance on the chips made by X", "will
    compete with chips from X" or "with X's chips", "runs on X chips". A named company in
    the phrase is no goods."""
    for prep in tok.children:
        if prep.dep_ not in {"agent", "prep"} or prep.lower_ not in _GOODS_PREPS:
            continue
        for goods in prep.children:
            if goods.dep_ != "pobj" or goods.i in ctx.at:
                continue
            found = ctx.prep(goods, "from", want) or _from_after(ctx, tok, goods, want)
            for acl in goods.children:
                if acl.dep_ == "acl":
                    for word in ("by", "at", "from"):
                        found = found or ctx.prep(acl, word, want)
                    found = found or ctx.agent(acl, want)
            found = found or ctx.named_maker(goods, want)  # "runs on Orlo chips"
            if prep.lower_ in {"with", "against"}:  # "will compete with Orlo's chips"
                found = found or ctx.poss(goods, want)
            if found:
                return found
    return []


def _from_after(
    ctx: Context, verb: Token, goods: Token, want: frozenset[EntityType]
) -> list[Mention]:
    """ "runs on processors from X": the parser may hang the goods' "from" phrase on the
    verb; right after the goods, it still names their maker."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep.i == goods.right_edge.i + 1:
            return [m for p in prep.children if p.dep_ == "pobj" for m in ctx.ents_at(p, want)]
    return []


def host(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a client runs on: named in the "on" phrase of the verb or its object
    ("X runs on Y", "runs its apps on Y's servers"). Not goods: a name described as
    something other than a company ("runs on Y, a banking system from Z"), nor the
    owner of software ("run on Y's Android software": a product, not a host)."""
    hosts = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (c for h in hosts for c in h.children):
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            named = ctx.at.get(pobj.i)
            if named is not None:
                return [] if _described_goods(pobj) else ctx.ents_at(pobj, want)
            if pobj.lemma_.lower() in _HOSTING:
                return [m for c in pobj.children if c.dep_ == "poss" for m in ctx.ents_at(c, want)]
    return []


def switcher(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company that moves its custom to another ("X switched to Y"); none when those
    who switch are a company's customers or users ("X customers switched to Y": Y wins
    them from X, a rival, not X's supplier)."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i < clause.i:
        clause = clause.head  # "traded their phones and switched to Y": the first verb's
    subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and clause.dep_ == "relcl":
        subj = clause.head
    if subj is not None and subj.i not in ctx.at and subj.lemma_.lower() in _SWITCHING_PEOPLE:
        return []
    return ctx.agent(verb, want)


#: People who switch their custom: not the company they are named by.
_SWITCHING_PEOPLE = frozenset({
    "customer", "client", "user", "subscriber", "consumer", "shopper", "passenger", "driver",
    "buyer", "viewer", "player", "member", "fan", "reader", "listener", "patient",
})  # fmt: skip


#: What a company runs on another's: its servers, its cloud.
_HOSTING = frozenset({
    "server", "cloud", "infrastructure", "datacenter", "center", "centre", "computer",
    "supercomputer", "network", "hardware",
})  # fmt: skip
#: Nouns that describe a named company set off after its name.
_FIRM_WORDS = frozenset({
    "company", "firm", "provider", "supplier", "startup", "start-up", "operator", "vendor",
    "specialist", "group", "business", "unit", "subsidiary", "division", "giant", "maker",
})  # fmt: skip


def _described_goods(name: Token) -> bool:
    """ "Y, a cloud-based banking system": a description set off after the name that is
    no company noun."""
    return any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() not in _FIRM_WORDS
        for c in name.children
    )


def away_from(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The "from" object on the verb or on its particle: "lure customers away from X"."""
    hosts = [verb] + [c for c in verb.children if c.lower_ == "away"]
    for host in hosts:
        found = ctx.prep(host, "from", want)
        if found:
            return found
    return []


def agent_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose goods do the work: "X's platform powers Y's cards", "X, whose chips power
    Y's phones". A named subject is no goods."""
    if ctx.is_passive(verb):
        return []
    for subj in verb.children:
        if subj.dep_ == "nsubj" and subj.i not in ctx.at and subj.pos_ == "NOUN":
            return ctx.poss(subj, want)
    return []


def patient_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose goods are made: "TSMC manufactures Apple's processors", "Apple's
    processors are made by TSMC", "X's search results are powered by Y", "most of X's
    beers are brewed by Y" (the goods a portion word counts)."""
    obj = _goods_noun(ctx, verb)
    return ctx.poss(obj, want) if obj is not None else []


#: Words for a portion of some goods, whose "of" phrase names the goods: "most of X's beers".
_PORTIONS = frozenset({"most", "some", "all", "many", "much", "several", "half", "part"})


def _goods_noun(ctx: Context, verb: Token) -> Token | None:
    """The verb's object (its passive subject), no name, past a portion word."""
    passive = ctx.is_passive(verb)
    for obj in verb.children:
        if obj.dep_ == ("nsubjpass" if passive else "dobj") and obj.i not in ctx.at:
            if obj.lower_ in _PORTIONS:
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        goods = [p for p in prep.children if p.dep_ == "pobj"]
                        if goods and goods[0].i not in ctx.at:
                            return goods[0]
            return obj
    return None


def patient_brand(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose goods the verb moves on: "distributes X's films", "distributes X films",
    "distributes titles from X, Y and Z", "X's films are distributed by Y"."""
    obj = _goods_noun(ctx, verb)
    if obj is None:
        return []
    found = ctx.poss(obj, want) or ctx.prep(obj, "from", want)
    if found:
        return found
    for child in obj.children:
        if child.dep_ in {"compound", "nmod"} and child.i < obj.i and child.i in ctx.at:
            return ctx.ents_at(child, want)
    return []


#: Nouns for a part of a company a person runs: "leads its cloud unit".
_PARTS = frozenset(
    {"unit", "division", "arm", "business", "operation", "segment", "subsidiary", "group"}
)


def unit_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company whose part the verb's object names: "A runs X's European business",
    "X tapped A to lead its cloud unit" (A is an executive of X)."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.i not in ctx.at and obj.lemma_.lower() in _PARTS:
            return ctx.poss(obj, want)
    return []


#: Verbs of a merger, whose other party is their "with" phrase.
_MERGING = frozenset({"merge", "combine", "amalgamate"})
#: Unnamed units a buyer forms to take a company over by merging into it.
_VEHICLES = frozenset({"unit", "subsidiary", "affiliate"})


def merging_unit_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The owner of an unnamed unit that merges into a company: "a unit of X will merge
    into Y", "X's subsidiary merged into Y": the unit is X's vehicle for buying Y. A
    named unit ("X's Orlo unit merged into Y") is a company of its own, sold to Y."""
    if ctx.is_passive(verb):
        return []
    for subj in verb.children:
        if subj.dep_ != "nsubj" or subj.i in ctx.at or subj.lemma_.lower() not in _VEHICLES:
            continue
        if any(c.dep_ in {"compound", "nmod", "appos"} and c.i in ctx.at for c in subj.children):
            return []
        return ctx.prep(subj, "of", want) or ctx.poss(subj, want)
    return []


def _unnamed_units(ctx: Context, head: Token, word: str) -> Iterator[Token]:
    """The unit nouns, themselves no name, of ``head``'s ``word`` phrases ("into a
    subsidiary of X", "with a unit of Y")."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != word:
            continue
        for unit in prep.children:
            if unit.dep_ == "pobj" and unit.i not in ctx.at and unit.lemma_.lower() in _VEHICLES:
                yield unit


def into_unit_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The owner of an unnamed unit a company merges into: "Y will be merged into a
    subsidiary of X", "Y merged into X's unit": X buys Y."""
    for unit in _unnamed_units(ctx, verb, "into"):
        if any(c.dep_ in {"compound", "nmod", "appos"} and c.i in ctx.at for c in unit.children):
            return []
        return ctx.prep(unit, "of", want) or ctx.poss(unit, want)
    return []


def with_unit_owner(ctx: Context, trigger: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The owner of an unnamed unit a company merges with: "X agreed to merge with a unit
    of Y", "X approved a merger with a Y subsidiary": Y buys X. A named unit ("merge with
    Y's Orlo unit") is a company of its own."""
    for unit in _unnamed_units(ctx, trigger, "with"):
        named = [c for c in unit.children if c.dep_ in {"compound", "nmod"} and c.i in ctx.at]
        owned = any(c.dep_ == "poss" for c in unit.children)
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in unit.children)
        if named and (owned or of):
            return []
        if named:
            return ctx.ents_at(named[0], want)  # "a Y Corp unit"
        return ctx.prep(unit, "of", want) or ctx.poss(unit, want)
    return []


#: Words between a merging company's name and "the surviving company": "Y as the
#: surviving company", "with Y to be the surviving corporation".
_SURVIVOR_GLUE = frozenset({
    "as", "will", "would", "to", "be", "being", "remain", "the", ",", "which", "that",
})  # fmt: skip
_SURVIVOR_NOUNS = frozenset({"company", "corporation", "entity", "concern", "parent"})


def survivor(ctx: Context, trigger: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The party a merger's sentence names as the one that survives it: "X agreed to merge
    with Y, with Y the surviving company", "X will merge into Y, which will be the
    surviving corporation". The survivor is the buyer."""
    for tok in trigger.sent:
        if tok.lower_ != "surviving" or tok.head.lemma_.lower() not in _SURVIVOR_NOUNS:
            continue
        i = tok.head.left_edge.i - 1
        while i >= trigger.sent.start and ctx.doc[i].lower_ in _SURVIVOR_GLUE:
            i -= 1
        if i >= trigger.sent.start and i in ctx.at and ctx.at[i].type in want:
            return [ctx.at[i]]
    return _parent_after_merger(ctx, trigger, want)


#: Nouns that say a merging party now belongs to the other: "is now a unit of Y".
_BELONGING_NOUNS = frozenset({"subsidiary", "unit", "part", "division", "arm"})


def _parent_after_merger(
    ctx: Context, trigger: Token, want: frozenset[EntityType]
) -> list[Mention]:
    """The party a merger's sentence says the other now belongs to, as a predicate: "X
    completed its merger with Y and is now a wholly owned subsidiary of Y", "X merged
    with Y and became part of Y". Y survives. ("X merged with Y, a unit of Z": an
    appositive describes Y, and Z is no party.)"""
    for tok in trigger.sent:
        if tok.lemma_.lower() not in _BELONGING_NOUNS or tok.dep_ != "attr" or tok.i < trigger.i:
            continue
        owners = [c for c in tok.children if c.dep_ == "compound" and c.i in ctx.at]
        owners += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        for owner in owners:
            found = ctx.ents_at(owner, want)[:1]
            named = {org_key(m.name) for m in ctx.at.values() if trigger.i <= m.start < tok.i}
            if found and org_key(found[0].name) in named:
                return found  # a party to the merger, not a third company
    return []


#: Nouns naming a funding round an investor leads, joins or takes part in.
_ROUNDS = frozenset({"round", "funding", "financing"})


def series_round(noun: Token) -> bool:
    """A round written by its series only: "a Series B", "X's $40 million Series C"."""
    return any(c.dep_ == "compound" and c.lower_ == "series" for c in noun.children)


def is_round(noun: Token) -> bool:
    """A funding round: "the round", "the financing", "a Series B"."""
    return noun.lemma_.lower() in _ROUNDS or series_round(noun)


def round_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a round the verb names is for: "led X's Series B round",
    "participated in X's seed round", "joined the funding round for X"."""
    nouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    nouns += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for noun in nouns:
        if not is_round(noun) or noun.i in ctx.at:
            continue
        # "X's seed round" may hang the possessor on the modifier "seed"
        hosts = [noun] + [c for c in noun.children if c.dep_ == "compound"]
        found = next((f for f in (ctx.poss(h, want) for h in hosts) if f), [])
        for word in ("for", "in", "into"):
            found = found or ctx.prep(noun, word, want)
        if not found and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            found = _raiser(ctx, noun, want) or ctx.reporter(noun, want)
        found = found or _valuing_clause(ctx, noun, want)
        if found:
            return found
    return []


def _valuing_clause(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a round values: "a round that valued X at $2 billion", "a round
    valuing X at $900 million" (a round values the company that raised it; the parser
    may hang "valuing" on the verb whose object the round is)."""
    clauses = [c for c in noun.children if c.dep_ in {"relcl", "acl"}]
    if noun.dep_ == "dobj":
        clauses += [c for c in noun.head.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    for clause in clauses:
        if clause.lemma_.lower() != "value":
            continue
        if any(c.dep_ == "neg" for c in clause.children):
            continue
        for obj in clause.children:
            if obj.dep_ == "dobj":
                return ctx.ents_at(obj, want)
    return []


#: Verbs of leading a round, whose "with participation from" phrase names co-investors.
_LEADING = frozenset({"lead", "co-lead", "spearhead", "anchor"})


def led_round(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company whose round a "with" phrase on its leading verb joins: "a round led
    by A with participation from B", "the round was led by A, with participation from B"
    (B put money in the same round, so into the company that raised it)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with" or prep.head.i == prep.i:
        return []
    verb = prep.head
    if verb.lemma_.lower() not in _LEADING:
        return []
    if verb.dep_ == "acl" and is_round(verb.head):
        rnd = verb.head
        hosts = [rnd] + [c for c in rnd.children if c.dep_ == "compound"]
        found = next((f for f in (ctx.poss(h, want) for h in hosts) if f), [])
        for word in ("for", "in", "into"):
            found = found or ctx.prep(rnd, word, want)
        return found or receiver(ctx, rnd, want) or _raiser(ctx, rnd, want)
    return round_owner(ctx, verb, want)


#: Subjects of "include" or "come from" that make the clause name a round's investors:
#: "the round included A", "other backers include A", "the money came from A".
_FUNDS = frozenset({"round", "funding", "financing", "money", "investment", "capital", "cash",
                    "backer", "investor", "investors", "backers"})  # fmt: skip
#: Verbs whose subject puts money into a round: "A and B also participated".
_JOINING = frozenset({"participate", "take", "invest", "co-invest", "join"})


def raiser(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a clause on a round names no recipient for raised the money: "X
    raised $40 million. A and B also participated" ("the round included A", "other
    backers include A", "the money came from A"). Not when the verb puts the money
    somewhere else ("A invested in a plant")."""
    elsewhere = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "into"}
                 for p in c.children if p.dep_ == "pobj" and not is_round(p)]  # fmt: skip
    if elsewhere:
        return []
    lemma = verb.lemma_.lower()
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(c.lower_ in {"that", "which"} for c in subjects):
        subjects.append(verb.head)  # "raised $40 million in a round that included A"
    if lemma not in _JOINING and not any(c.lemma_.lower() in _FUNDS for c in subjects):
        return []
    return _raiser(ctx, verb, want) or _funds_owner(ctx, verb, subjects, want)


#: Nouns of money put in whose own phrase may name the company: "the investment in X".
_PUT_IN = frozenset({"round", "funding", "financing", "investment", "capital"})


def _funds_owner(
    ctx: Context, verb: Token, subjects: list[Token], want: frozenset[EntityType]
) -> list[Mention]:
    """The company the money a subject names went to, with no verb of raising before
    it: "the $5 million investment in X included A", "its first round of funding
    included A" (its: X), "X was set up in 2004. An investment of $5 million in 2006
    included A" (the company the sentence before is about)."""
    for subj in subjects:
        if subj.lemma_.lower() not in _PUT_IN or verb.lemma_.lower() != "include":
            continue
        found = ctx.prep(subj, "in", want) or ctx.prep(subj, "into", want)
        found = found or ctx.prep(subj, "for", want)
        if not found and subj.lemma_.lower() in {"round", "funding", "financing"}:
            found = ctx.poss(subj, want)  # "its round" is the raiser's; "its investment" not
        if found:
            return found
        named = [m for t in verb.sent if (m := ctx.at.get(t.i)) is not None and t.i < verb.i]
        if not named and subj.i == verb.sent.start + _lead(subj):
            topic = ctx.topic_before(verb.sent.start)
            return [topic] if topic is not None and topic.type in want else []
    return []


def _lead(subj: Token) -> int:
    """How many words come before a subject noun in its phrase ("An investment": 1)."""
    return subj.i - subj.left_edge.i


#: Verbs of putting money into a company: a clause on one of them that names no company
#: shares the company of the clause it is joined to.
_PUTTING = frozenset({"invest", "co-invest", "put", "pour", "pump", "inject", "contribute",
                      "commit", "plow", "plough", "sink", "chip"})  # fmt: skip


def parallel_target(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a clause of putting money in names for another investor in the same
    sentence, when this clause names none: "A will invest $13 million in X, while B and
    C will each put in $60 million", "A put $5 million into X and B invested $2
    million", "B will contribute $10 million, and A will invest $40 million in X"."""
    if _prep_objects(verb, "in") or _prep_objects(verb, "into"):
        return []  # "invested $5 million in a plant": its own place, named or not
    clauses = [verb.head] if verb.dep_ in {"advcl", "conj"} else []
    clauses += [c for c in verb.children if c.dep_ in {"advcl", "conj"}]
    for clause in clauses:
        if clause.pos_ != "VERB":
            continue
        lemma = clause.lemma_.lower()
        hosts = [c for c in clause.children if c.dep_ == "dobj"]
        if lemma in _PUTTING:
            hosts.insert(0, clause)
        elif lemma in _TAKING_VERBS:  # "A took a 20% stake in X, while B put in $5 million"
            hosts = [h for h in hosts if h.lemma_.lower() in _STAKE_NOUNS]
        else:
            continue
        for host in hosts:
            found = ctx.prep(host, "in", want) or ctx.prep(host, "into", want)
            if found:
                return found
    return []


def _prep_objects(tok: Token, word: str) -> list[Token]:
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ == word
            for o in p.children if o.dep_ == "pobj"]  # fmt: skip


def sum_source(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who put in part of the sum the verb's subject took in, where the part is set off
    inside the sum's phrase: "X will receive $250 million, including $50 million from
    A", "X raised $40 million, $10 million of it from A"."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        for part in obj.subtree:
            if part.i == obj.i or not _sum_word(part):
                continue
            found = [m for p in part.children if p.dep_ == "prep" and p.lower_ == "from"
                     for m in ctx.prep(part, "from", want)]  # fmt: skip
            if found:
                return found
    return []


def _sum_word(tok: Token) -> bool:
    return tok.ent_type_ == "MONEY" or tok.lemma_.lower() in {"million", "billion"}


#: Nouns of money put into a company as an investment (not a loan or a payment).
_FUND_NOUNS = frozenset({"funding", "financing", "investment", "capital", "backing", "equity"})


def hands_funds(verb: Token) -> bool:
    """The verb hands over funding: "provided $20 million in funding to X", "gave X
    $5 million in seed funding", "provided X with growth capital"."""
    phrases = [c for c in verb.children if c.dep_ == "dobj"]
    phrases += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    return any(t.lemma_.lower() in _FUND_NOUNS for p in phrases for t in p.subtree)


def funded(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who receives the funding a verb hands over: its "to" or "for" phrase ("provided
    $20 million in funding to X"), its indirect object ("gave X $5 million in funding"),
    or its object when the funds come in a "with" phrase ("provided X with $5 million
    in funding")."""
    found = ctx.prep(verb, "to", want)
    if found:
        return found
    # "provided $5 million in funding for X", not "for X's dealer network" (a part of X)
    hosts = [verb] + [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree
                      if t.lemma_.lower() in _FUND_NOUNS]  # fmt: skip
    found = [m for h in hosts for o in _prep_objects(h, "for") if o.i in ctx.at
             for m in ctx.ents_at(o, want)]  # fmt: skip
    if found:
        return found
    found = [m for c in verb.children if c.dep_ == "dative" for m in ctx.ents_at(c, want)]
    if found or not _prep_objects(verb, "with"):
        return found
    return [m for c in verb.children if c.dep_ == "dobj" for m in ctx.ents_at(c, want)]


def listed(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """What a list of holdings names: "X's investments include A and B", "investments
    made by X include A", "companies X has invested in include A" (the objects of the
    "include" the noun is the subject of)."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() != "include":
        return []
    return ctx.patient(noun.head, want)


#: Verbs that hand a stake to their indirect object: "the deal gives X a 20% stake in Y".
_HANDING = frozenset({"give", "hand", "grant", "award"})
#: Nouns of a share in a company sold or handed over.
_STAKE_NOUNS = frozenset({"stake", "interest", "holding", "shareholding"})


def recipient(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who a handed stake goes to: "the deal gives X a 20% stake in Y" (the indirect
    object of the verb whose object the stake is)."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _HANDING:
        return []
    return [m for c in verb.children if c.dep_ == "dative" for m in ctx.ents_at(c, want)]


def issuer(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company that sells a stake in itself: "Y sold a 9% stake to X", "Y agreed to
    sell a minority stake to X" (a stake with no "in"/"of" company and no owner named,
    so the seller's own shares)."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in _STAKE_NOUNS:
            continue
        named = any(c.dep_ == "poss" for c in obj.children) or any(
            c.dep_ == "prep" and c.lower_ in {"in", "of"} for c in obj.children
        )
        if not named and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in obj.children):
            return ctx.agent(verb, want)
    return []


#: Verbs whose subject takes in a round of funding: "X raised $40 million".
RAISING = frozenset(
    {"raise", "secure", "close", "land", "complete", "receive", "obtain", "attract"}
)


#: How many sentences before a round's clause the raising of its money may be told.
_RAISER_BACK = 3


def _raiser(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company that raised the round "the round" refers back to: "X raised $40
    million. Y led the round." (the subject of a verb of raising money before the noun,
    in the same sentence or, nearest first, one of the few before it: a sentence on the
    new board may come between "X raised $1 billion" and "A and B are also investing")."""
    sents = [noun.sent]
    while len(sents) <= _RAISER_BACK and sents[-1].start:
        sents.append(ctx.doc[sents[-1].start - 1].sent)
    for sent in sents:
        for verb in sent:
            if verb.i >= noun.i or verb.pos_ not in {"VERB", "AUX"}:
                continue
            had = _had_funding(verb)
            if verb.lemma_.lower() not in RAISING and not had:
                continue
            money = any(c.dep_ == "dobj" and (c.ent_type_ == "MONEY" or is_round(c))
                        for c in verb.children)  # fmt: skip
            found = ctx.agent(verb, want) if money or had else []
            if found:
                return found
    return _valued(ctx, noun, want)


def _had_funding(verb: Token) -> bool:
    """ "X had $22 million in funding", "X has a total of $90 million in venture
    funding": a sum the company took in, told with "have"."""
    if verb.lemma_.lower() != "have":
        return False
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        sums = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        if not any(t.ent_type_ == "MONEY" for t in sums):
            continue
        preps = [c for t in [verb, *sums] for c in t.children if c.dep_ == "prep"]
        funds = [o for p in preps if p.lower_ == "in" for o in p.children]
        if any(o.lemma_.lower() in {"funding", "financing"} for o in funds):
            return True
    return False


def _valued(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a round is said to value: "Y led the round, which values X at $1
    billion", "Y led the round. The round values X at $1 billion" (this sentence or the
    next)."""
    here = noun.sent
    after = ctx.doc[here.end].sent if here.end < len(ctx.doc) else None
    for sent in (here, after):
        for verb in sent or ():
            if verb.lemma_.lower() != "value" or verb.pos_ != "VERB":
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in {"which", "that"} and verb.dep_ == "relcl":
                subj = verb.head
            if subj is not None and is_round(subj):
                return ctx.patient(verb, want)
    return []


def co_founders(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """People who founded it with the subject: "started X with A and B", "founded X
    alongside A", "started a company called X with A", "co-founder of X with A",
    "founded by A along with B", "founded by A together with B"."""
    people = want & frozenset({EntityType.PERSON})
    if not people:
        return []
    hosts = [verb]
    for obj in verb.children:
        if obj.dep_ == "dobj":
            hosts.append(obj)
            hosts += [c for c in obj.children if c.dep_ == "acl"]
        elif obj.dep_ == "agent":  # "by A together with B"
            hosts += [c for c in obj.children if c.dep_ == "pobj"]
    for host in hosts:
        preps = [c for c in host.children if c.dep_ == "prep"]
        preps += [  # "along with", "together with": the "with" hangs on the adverb
            w
            for c in host.children
            if c.dep_ in {"prep", "advmod"} and c.lower_ in {"along", "together"}
            for w in c.children
            if w.dep_ == "prep"
        ]
        for prep in preps:
            if prep.lower_ in {"with", "alongside"}:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = ctx.ents_at(pobj, people)
                        if found:
                            return found
    return []


def by_target(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The target of a deal noun whose buyer comes after "by" and which names no "of":
    "X agreed to a takeover by Y", "X accepted a buyout by Y" (the governing verb's doer),
    or the noun's owner ("X said holders approved its acquisition by Y")."""
    preps = {c.lower_ for c in noun.children if c.dep_ in {"prep", "agent"}}
    if "by" not in preps or "of" in preps:
        return []
    if any(c.dep_ == "poss" for c in noun.children):
        return ctx.poss(noun, want)  # "approved its acquisition by Y": "its" is the target
    return ctx.noun_owner(noun, want)


#: Words that stand for two parties named before them: "the two", "both companies".
_PAIR_WORDS = frozenset({"two", "both"})
#: Nouns a pair may be: "the two rivals", "both partners".
_PAIR_NOUNS = frozenset({"rival", "competitor", "partner", "ally"})


def pair(ctx: Context, trigger: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The two parties "the two" stands for when it does the trigger: "X invested in Y,
    and the two will work together", "a partnership the two began". Only when exactly
    two parties of the wanted types are named before it, in its sentence (or, when its
    sentence names none before it, in the sentence before)."""
    two = trigger if _names_pair(trigger) else _pair_doer(trigger)
    if two is None:
        return []
    sent = two.sent
    found = _named_before(ctx, sent.start, two.i, want)
    if two is trigger and trigger.dep_ in {"dobj", "pobj"}:
        # "X, which introduced the two rivals": X is not one of the two
        doers = {m.name for m in ctx.noun_owner(trigger, want)}
        found = [m for m in found if m.name not in doers]
    if trigger.dep_ == "appos" and trigger.head.i in ctx.at:
        # "Z, the venture the two set up": Z is what the two made, not one of them
        made = ctx.at[trigger.head.i].name
        found = [m for m in found if m.name != made]
    if not found and sent.start > 0:
        before = ctx.doc[sent.start - 1].sent
        found = _named_before(ctx, before.start, before.end, want)
    return found if len(found) == 2 else _joined_two(ctx, found)


def _joined_two(ctx: Context, found: list[Mention]) -> list[Mention]:
    """Of three or more names, the only two written as a pair ("X and Y will sell it
    through a venture called Z": X and Y are the two, not Z)."""
    roots = {ctx.doc[m.start : m.end].root.i: m for m in found}
    pairs = [
        (roots[i], roots[tok.head.i])
        for i in roots
        for tok in [ctx.doc[i]]
        if tok.dep_ == "conj" and tok.head.i in roots
    ]
    if len(pairs) != 1 or len(found) < 3:
        return []
    first, second = pairs[0]
    return [second, first]


#: What joins two names written as one modifier: "the Orlo-Zenvia venture".
_NAME_JOINS = frozenset({"-", "–", "—", "/", "and", "&"})


def name_pair(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The two companies written joined before a noun of a tie: "the Orlo-Zenvia joint
    venture", "the Orlo/Zenvia alliance", "the Orlo and Zenvia price war"."""
    mods = [c for c in noun.lefts if c.dep_ in {"compound", "nmod", "amod"}]
    if not mods:
        return []
    start = min(t.i for m in mods for t in m.subtree)
    found: dict[str, Mention] = {}
    for i in range(start, noun.i):
        m = ctx.at.get(i)
        if m is not None and m.type in want and m.end <= noun.i:
            found.setdefault(m.name, m)
    two = list(found.values())
    if len(two) != 2 or two[0].end >= two[1].start:
        return []
    between = ctx.doc[two[0].end : two[1].start]
    return two if len(between) == 1 and between[0].lower_ in _NAME_JOINS else []


def _names_pair(tok: Token) -> bool:
    """A relational noun counted as two: "the two rivals", "both partners", "the two
    rival companies" (the pair the noun is, not one the noun's verb has)."""
    if tok.pos_ != "NOUN":
        return False
    if not _is_pair(tok):
        return _the_plural(tok)
    return tok.lemma_.lower() in _PAIR_NOUNS or any(
        c.dep_ == "amod" and c.lemma_.lower() in _PAIR_NOUNS for c in tok.children
    )


def _the_plural(tok: Token) -> bool:
    """A bare definite plural of a relational noun that opens its sentence as the subject:
    "The partners plan to link their stores", "The rivals have cut prices" (the two named
    before)."""
    return (
        tok.i == tok.sent.start + 1
        and tok.lemma_.lower() in _PAIR_NOUNS
        and tok.tag_ == "NNS"
        and tok.dep_ in {"nsubj", "nsubjpass"}
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(c.dep_ not in {"det", "punct"} for c in tok.lefts)
        and not any(c.dep_ in {"prep", "appos", "relcl", "acl"} for c in tok.rights)
    )


def _pair_doer(trigger: Token) -> Token | None:
    """The "two" (or "both", "the two companies") that does the trigger: the subject of
    the verb, of the verb governing a noun trigger, or of a clause on the noun."""
    verbs = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        verbs = [c for c in trigger.children if c.dep_ == "relcl"]
        if trigger.dep_ == "dobj":
            verbs.append(trigger.head)
        elif trigger.dep_ == "pobj" and trigger.head.head.pos_ in {"VERB", "AUX"}:
            verbs.append(trigger.head.head)  # "the two will put their lines into a venture"
    for appos in (c for c in trigger.children if c.dep_ == "appos"):
        # "the venture the two companies set up", parsed as an apposition with a clause
        if _is_pair(appos) and any(c.dep_ in {"acl", "relcl"} for c in appos.children):
            return appos
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "nsubj" and _is_pair(child):
                return child
    return None


def _is_pair(tok: Token) -> bool:
    """ "two", "both", or a noun they count: "the two companies", "both groups"."""
    return tok.lower_ in _PAIR_WORDS or any(
        c.lower_ in _PAIR_WORDS and c.dep_ in {"nummod", "det", "predet"} for c in tok.children
    )


def _named_before(ctx: Context, start: int, end: int, want: frozenset[EntityType]) -> list[Mention]:
    """The distinct named parties of the wanted types in ``[start, end)``, in order."""
    seen: dict[str, Mention] = {}
    for m in ctx.mentions:
        if start <= m.start and m.end <= end and m.type in want and ctx.party(m):
            seen.setdefault(m.name, m)
    return list(seen.values())


#: Verbs that take a stake over from a seller: "bought a stake in X from Y".
_TAKING_VERBS = frozenset({"buy", "acquire", "purchase", "take", "get"})


def seller(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who a bought stake came from: "Y bought a 24% stake in X from Z" (Z held it)."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _TAKING_VERBS:
        return []
    found = ctx.prep(verb, "from", want)
    if found:
        return found
    # "a 9.9% stake in X from Z": the parser hung the "from" phrase on X
    held_in = [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return [m for o in held_in for m in ctx.prep(o, "from", want)] if held_in else []


def share_of(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a share of is sold: "sold 51% of X", never a business of the seller
    ("sold 80% of its grids unit" names no company)."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                named = [p for p in prep.children if p.dep_ == "pobj" and p.i in ctx.at]
                return ctx.ents_at(named[0], want) if named else []
    return []


def members(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The other members of a group someone leads: "a consortium led by X that also
    includes Y and Z", "a group led by X and including Y". Not a group "of" investors
    or lenders: putting money in side by side is no partnership."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return []
    found: list[Mention] = []
    for led in noun.children:
        if led.dep_ != "acl" or led.lemma_.lower() != "lead":
            continue
        # the members hang on "led" or, as a clause of their own, on the group noun
        for t in [*led.subtree, *noun.children]:
            if t.lower_ == "including" and t.dep_ == "prep":
                objs = [c for c in t.children if c.dep_ == "pobj"]
            elif t.lemma_.lower() == "include" and t.dep_ in {"relcl", "conj", "acl"}:
                objs = [c for c in t.children if c.dep_ == "dobj"]
            else:
                continue
            for obj in objs:
                found += ctx.ents_at(obj, want)
    return found


def with_holder(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who a stake in a "with" phrase belongs to: the name it describes ("X, with a 12%
    stake in Y, opposed"), the one a deal leaves holding it ("the sale leaves X with a
    stake in Y"), or the subject of a verb with no object ("X emerged with 20% of Y")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with" or prep.head.i == prep.i:
        return []
    head = prep.head
    if head.i in ctx.at:
        return ctx.ents_at(head, want)
    if head.pos_ != "VERB":
        return []
    objects = [c for c in head.children if c.dep_ == "dobj"]
    if head.lemma_.lower() == "leave":
        return ctx.ents_at(objects[0], want) if objects else []
    return [] if objects else ctx.agent(head, want)


#: Verbs of keeping a company as one's own part: "X has a subsidiary called Y", "X
#: operates Y as a wholly owned unit".
_KEEPING = frozenset({"have", "own", "operate", "run", "keep", "maintain", "retain"})


def keeper(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose part a noun of ownership is when a verb of keeping or making governs it: the
    verb's subject in "X has a subsidiary in Spain called Y", "X operates Y as a
    subsidiary" and "X set up a new unit, Y"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return []
    if verb.pos_ not in {"VERB", "AUX"} or not (
        verb.lemma_.lower() in _KEEPING or _unit_making(verb)
    ):
        return []
    if ctx.is_passive(verb):
        return []
    return ctx.agent(verb, want)


#: Verbs that make a new part of the company doing them: "X set up a unit, Y".
_UNIT_MAKING = frozenset({"form", "create", "establish", "launch", "found", "start"})


def _unit_making(verb: Token) -> bool:
    """A verb of making a part: "formed a new unit", "set up a subsidiary"."""
    lemma = verb.lemma_.lower()
    if lemma == "set":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    return lemma in _UNIT_MAKING


#: Prepositions that set a part inside the whole a deal covers: "buy X, including
#: the 40% stake held by Y".
INCLUDING = frozenset({"including", "includes", "plus"})


def included_in(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a part belongs to when the part is listed as included in a deal over
    the company: "agreed to buy X for $2 billion, including the 40% stake held by Y"
    (the stake is in X), "X, including Y's 30% stake". Only a whole company bought or
    named: a part of something else ("its assets, including a stake held by Y") names
    no company."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in INCLUDING or prep.dep_ != "prep":
        return []
    host = prep.head
    if host.ent_type_ == "MONEY" and host.dep_ == "pobj" and host.head.head.pos_ == "VERB":
        host = host.head.head  # "buy X for $2 billion, including the stake held by Y"
    if host.i in ctx.at:
        return ctx.ents_at(host, want)  # "X, including the stake held by Y"
    if host.pos_ == "VERB":
        return ctx.patient(host, want)
    return []


def independent_unit(ctx: Context, trigger: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company that leaves the group, where the spin-off names it only as a business:
    "X began trading as an independent company after Y completed the spin-off of its
    chip business", "X started trading on Monday, the first of the units Y is
    separating". It is the subject of the sentence's verb of trading or of becoming
    independent."""
    rules = resources.load_json("time.json")["spin_offs"]
    verbs, words = set(rules["trading_verbs"]), set(rules["trading_words"])
    alone = any(p in trigger.sent.text.lower() for p in rules["independent_phrases"])
    for verb in trigger.sent:
        if verb.pos_ != "VERB" or verb.i == trigger.i:
            continue
        trading = verb.lemma_.lower() in verbs and any(c.lower_ in words for c in verb.children)
        if not (trading or (alone and verb.dep_ == "ROOT")):
            continue
        for subj in verb.children:
            found = ctx.ents_at(subj, want) if subj.dep_ == "nsubj" else []
            if found:
                return found
    return []


#: Nouns of what is left of a company once another holder's share is counted.
_REST = frozenset({"rest", "remainder", "balance"})


def _is_rest(tok: Token) -> bool:
    """ "the rest", "the remaining 40%", "the other 40%" (a percent, not "other stakes")."""
    if tok.lemma_.lower() in _REST or any(c.lower_ == "remaining" for c in tok.children):
        return True
    counted = any(c.dep_ == "nummod" for c in tok.children)
    return counted and any(c.lower_ == "other" for c in tok.children)


def _rest_share(verb: Token) -> Token | None:
    """The rest of a company's shares the verb moves: its object ("Z holds the rest"),
    its passive subject ("the rest is held by Z", "the remaining 20% will be split
    between Z and W"), the noun it describes ("the remaining 20%, split between Z and
    W"), or the verb itself when the parser took "the remaining 20% split" for a noun
    phrase headed by the verb."""
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"} and _is_rest(c):
            return c
        if c.dep_ == "nsubj" and _is_rest(c) and _with_participle(verb):
            return c  # "with the remaining 20% split between Z and W", read as active
    if verb.dep_ == "acl" and _is_rest(verb.head):
        return verb.head
    if any(c.dep_ == "amod" and c.lower_ in {"remaining", "other"} for c in verb.children):
        return verb
    if any(c.dep_ == "compound" and _is_rest(c) for c in verb.children):
        return verb  # "with the other 30% split between Z and W"
    return None


def _with_participle(verb: Token) -> bool:
    """A participle in a "with" phrase: "with the rest split between Z and W" (the parser
    may take the participle for a past tense with "the rest" its subject)."""
    if verb.tag_ not in {"VBN", "VBD"}:
        return False
    if verb.dep_ == "pobj" and verb.head.lower_ == "with":
        return True
    return any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)


def rest_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company whose remaining shares the verb's holder owns, named in the clause the
    verb's clause hangs on: "X holds 51% of Y, with Z owning the rest", "X owns 60% of Y
    and Z holds the remaining 40%", "X owns 60% of Y, while the rest is held by Z", "X
    will hold 80% of Y, with the remaining 20% split between Z and W"."""
    share = _rest_share(verb)
    if share is None:
        return kept_stake_owner(ctx, verb, want)
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in share.children):
        return []  # "the rest of X": the verb's own object names it
    return _rest_in_clause(ctx, verb, share, want) or _earlier_stake(ctx, verb, want)


def _rest_in_clause(
    ctx: Context, verb: Token, share: Token, want: frozenset[EntityType]
) -> list[Mention]:
    head = share.head if share.i == verb.head.i else verb.head
    for _ in range(2):  # "with Z owning the rest": through the preposition
        if head.pos_ == "VERB" or head.head.i == head.i:
            break
        head = head.head
    heads = [head] if head.pos_ == "VERB" and head.i != verb.i else []
    # "X took 51% of Y; Z will split the rest": the parser may hang the first clause on
    # the second
    heads += [c for c in verb.children if c.dep_ in _CLAUSES and c.i < verb.i]
    for stake in (c for h in heads for c in h.children):
        if stake.dep_ != "dobj":
            continue
        found = ctx.prep(stake, "in", want) or ctx.prep(stake, "of", want)
        if found:
            return found
    return []


#: Verbs of keeping a share one had before a sale or a split.
_KEPT_SHARE_VERBS = frozenset({"keep", "retain"})
#: Nouns of a share of a company.
_SHARE_NOUNS = frozenset({"stake", "%", "percent", "pct", "interest", "holding", "shareholding"})


def kept_stake_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a sized stake kept with no company named is in, stated in the
    sentence before: "X will pay for a 51% stake in Y. Z will keep a 49% stake" (Y).
    Only "keep" and "retain": "Z holds 20%" may be a share of anything."""
    if verb.lemma_.lower() not in _KEPT_SHARE_VERBS:
        return []
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        sized = obj.lower_ in {"%", "percent", "pct"} or (
            obj.lemma_.lower() in _SHARE_NOUNS
            and any(c.like_num or c.lower_ in {"%", "percent"} for c in obj.subtree)
        )
        named = any(c.dep_ == "prep" and c.lower_ in {"in", "of"} for c in obj.children)
        if sized and not named:
            return _earlier_stake(ctx, verb, want) or _parted_topic(ctx, verb, want)
    return []


def _parted_topic(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company the sentence before is about, where that sentence also names the
    holder: "Y started trading as an independent company, the first of the units X is
    separating. X kept a 19.9% stake" (in Y)."""
    sent = ctx.sentence_before(verb.sent.start)
    topic = ctx.topic_before(verb.sent.start)
    if sent is None or topic is None or topic.type not in want:
        return []
    holders = _holders(ctx, verb, want)
    if len(holders) != 1 or same_org(holders[0].name, topic.name):
        return []
    named = any(
        same_org(m.name, holders[0].name)
        for t in sent
        if (m := ctx.at.get(t.i)) is not None and m.start == t.i
    )
    return [topic] if named else []


def _holders(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The names the verb's subject holds: who keeps or holds the stake."""
    return [m for c in verb.children if c.dep_ == "nsubj" for m in ctx.ents_at(c, want)]


def _earlier_stake(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The one company a stake or share in the sentence before the verb's is in ("a 51%
    stake in Y", "80% of Y"); nothing when that sentence names shares in two companies,
    or the verb's holder is that company."""
    sent = ctx.sentence_before(verb.sent.start)
    if sent is None:
        return []
    found: dict[str, Mention] = {}
    for tok in sent:
        if tok.lemma_.lower() not in _SHARE_NOUNS and tok.lower_ not in _SHARE_NOUNS:
            continue
        for m in ctx.prep(tok, "in", want) or ctx.prep(tok, "of", want):
            found.setdefault(org_key(m.name), m)
    if len(found) != 1:
        return []
    target = next(iter(found.values()))
    holders = _holders(ctx, verb, want)
    if any(same_org(h.name, target.name) for h in holders):
        return []
    return [target]


#: Nouns of a company's takings, whose share a customer makes up: "Y accounted for 70% of
#: X's revenue".
_TAKINGS = frozenset({
    "revenue", "revenues", "sale", "sales", "turnover", "income", "business", "order", "orders",
    "shipment", "shipments", "billing", "billings",
})  # fmt: skip
#: Words for the share of the takings: a percent, or a portion written out.
_SHARE_WORDS = frozenset({"%", "percent", "pct", "half", "third", "quarter", "fifth", "tenth",
                          "bulk", "majority", "most", "share", "portion", "chunk", "fraction",
                          "thirds", "quarters"})  # fmt: skip


def revenue_owner(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Whose takings the verb's subject makes up a share of: "Y accounted for 70% of X's
    revenue", "Y made up about half of X's sales last year", "Y generates a third of the
    revenue of X". X supplies Y: a customer is what a share of a seller's revenue is."""
    shares = [c for c in verb.children if c.dep_ == "dobj"]
    shares += [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
        for p in c.children if p.dep_ == "pobj"
    ]  # fmt: skip
    for share in shares:
        if not _share_word(share):
            continue
        for prep in share.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for takings in prep.children:
                if takings.dep_ == "pobj" and takings.lemma_.lower() in _TAKINGS:
                    return ctx.poss(takings, want) or ctx.prep(takings, "of", want)
    return []


def _share_word(tok: Token) -> bool:
    """A percent ("70%", "70 percent") or a portion word ("half", "the bulk")."""
    if tok.lower_ in _SHARE_WORDS or tok.lemma_.lower() in _SHARE_WORDS:
        return True
    return any(c.lower_ in _SHARE_WORDS for c in tok.children if c.dep_ in {"nmod", "compound"})


def fronted_with(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The doer of a verb with no subject, where the parser hung it on a fronted "with"
    phrase: "Together with X, Y set up Z" read with Y conjoined to X or set beside it."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "with" or prep.i > verb.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for c in pobj.children:
                if c.dep_ in {"conj", "appos"} and c.i in ctx.at and c.i < verb.i:
                    return ctx.ents_at(c, want)
    return []


#: Clauses a clause on the rest of a company's shares may be joined to.
_CLAUSES = frozenset({"ccomp", "conj", "parataxis", "advcl"})
