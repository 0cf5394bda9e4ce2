"""Stages 5–6: when a relation held and in what state.

Status cues (``cues.json``) are read from the trigger and the verbs that
govern it ("decided to stop funding it", "called off its acquisition of"),
so a cue in one clause does not leak into another. Strain and renegotiation
are said of a relationship anywhere in its sentence. A statement of an ending
sets ``valid_to``; a start ("named", "succeeded by") sets ``valid_from``; with
no date in the clause, the publication date is when it was reported.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from graph.model import EntityType, PartialDate, Relation
from loaders.extract import resources, timex
from loaders.extract.qualifiers import anchors
from loaders.extract.slots import Context
from loaders.extract.types import Candidate

ORG = EntityType.ORGANIZATION
_RELATIONSHIP = {
    Relation.PARTNERS_WITH,
    Relation.SUPPLIES,
    Relation.INVESTS_IN,
    Relation.COMPETES_WITH,
}
_DEALS = {Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH}
_STATES = {Relation.SUBSIDIARY_OF, Relation.EXECUTIVE_OF, Relation.COMPETES_WITH}
_EVENTS = {Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH, Relation.DEVELOPS,
           Relation.FOUNDED}  # fmt: skip


# Particles the tagger sometimes reads as adverbs ("stepped down" with "down" as advmod).
_PARTICLES = {"down", "off", "out", "up", "away", "apart", "over"}


def _keys(tok: Token) -> set[str]:
    lemma = tok.lemma_.lower()
    keys = {lemma}
    for child in tok.children:
        if child.dep_ in {"prt", "dobj"} or (child.dep_ == "advmod" and child.lower_ in _PARTICLES):
            keys.add(f"{lemma} {child.lower_}")
    return keys


def _future(chain: list[Token]) -> bool:
    """The clause speaks of what will happen ("will supply from April", "would become")."""
    return any(
        c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"}
        for t in chain
        for c in t.children
    )


def _direct(tok: Token, trigger: Token) -> bool:
    """True when ``tok`` is in the trigger's own phrase, not inside a clause or
    apposition hanging off it ("buy X from Y, which spun it off in 2021")."""
    node = tok
    for _ in range(12):
        if node.i == trigger.i:
            return True
        if (
            node.dep_ in {"relcl", "acl", "appos", "ccomp", "advcl", "parataxis"}
            or node.head.i == node.i
        ):
            return False
        node = node.head
    return False


def negated(ctx: Context, cand: Candidate) -> bool:
    """True when the trigger's clause is negated ("did not acquire", "has no plans to")."""
    cues = resources.load_json("cues.json")
    negations, nouns = set(cues["negations"]), set(cues["negation_nouns"])
    # "Apple could buy X", analysts said: a possibility, not a statement of fact.
    trigger = ctx.doc[cand.trigger]
    if any(c.dep_ == "aux" and c.lower_ in cues["hypothetical_modals"] for c in trigger.children):
        return True
    # A description ("its Altera unit", "its CEO") holds even in a rumour about a deal.
    described = trigger.pos_ in {"NOUN", "PROPN"} and cand.relation in _STATES
    if not described and _hedged(trigger, cues["hedges"]):
        return True
    for i, tok in enumerate(anchors(ctx.doc[cand.trigger])[:4]):
        for child in tok.children:
            if child.dep_ == "neg" and child.lower_ in negations and not _no_longer(tok):
                return True
            # "no acquisition", "has no plans to buy" — but not "took no action on the offer"
            if (
                child.dep_ == "det"
                and child.lower_ == "no"
                and (i == 0 or tok.lemma_.lower() in nouns)
            ):
                return True
        if tok.dep_ in {"ccomp", "relcl"}:
            break
    return False


def _hedged(trigger: Token, hedges: dict[str, list[str]]) -> bool:
    """True when the trigger is only talked about, denied or rumoured: "in talks to buy",
    "denied a report that it planned to invest", "is exploring a partnership",
    "according to people familiar with the matter"."""
    words, nouns = set(hedges["lemmas"]), set(hedges["nouns"])
    if any(c.dep_ == "amod" and c.lower_ in hedges["modifiers"] for c in trigger.children):
        return True
    node = trigger
    for _ in range(10):
        lemma = node.lemma_.lower()
        if (node.pos_ in {"VERB", "AUX"} and lemma in words) or (
            node.pos_ == "NOUN" and lemma in nouns
        ):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    sent = trigger.sent.text.lower()
    return any(p in sent for p in hedges["phrases"])


def sourced(trigger: Token) -> bool:
    """True when the trigger's sentence rests on unnamed sources ("according to people
    familiar with the matter", "reportedly"): the fact is kept as ``reported``."""
    sent = trigger.sent.text.lower()
    return any(p in sent for p in resources.load_json("cues.json")["sourcing"]["phrases"])


def mark_reported(cand: Candidate) -> None:
    """Status ``reported`` and a lower confidence for a fact stated only on unnamed sources;
    an ending keeps its status (the ending is what was reported)."""
    if not cand.reported or cand.qualifiers.get("status") == "ended":
        return
    cand.qualifiers["status"] = "reported"
    penalty = float(resources.load_json("cues.json")["sourcing"]["confidence_penalty"])
    cand.confidence = round(cand.confidence - penalty, 2)


def _no_longer(tok: Token) -> bool:
    return any(
        c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in tok.children
    )


def _named_in(trigger: Token) -> list[Token]:
    """The clause that names the company a relationship noun describes in apposition:
    "Harto Foods dropped Selk Farms, its dairy supplier" or "Harto Foods cut ties with
    Selk Farms, its longtime supplier" end the supply, but "ended talks with Selk Farms,
    its supplier" or "sued Selk Farms, its supplier" do not: the verb's own object, if
    any, must be a tie (``relations.json`` ``ended_ties``)."""
    if trigger.dep_ != "appos":
        return []
    named = trigger.head
    if named.dep_ == "dobj":
        verb = named.head
    elif named.dep_ == "pobj" and named.head.lower_ in {"with", "from"}:
        verb = named.head.head
    else:
        return []
    ties = set(resources.load_json("relations.json")["ended_ties"]["words"])
    if verb.dep_ == "dobj" and verb.lemma_.lower() in ties:
        verb = verb.head  # "cut [ties with Y]": the parser hangs "with" on the noun
    if verb.pos_ != "VERB":
        return []
    if any(
        c.dep_ == "dobj"
        and c.i != named.i
        and c.lemma_.lower() not in ties
        and c.lower_ not in ties
        for c in verb.children
    ):
        return []
    return anchors(verb)


def _ended_lemmas() -> set[str]:
    ties = resources.load_json("relations.json")["ended_ties"]["verbs"]
    return set(resources.load_json("cues.json")["status"]["ended"]["lemmas"]) | set(ties)


def _ended_by_namer(cand: Candidate, trigger: Token) -> list[Token]:
    """The governing clause of an appositive supplier or partner when that clause ends it."""
    if cand.relation not in {Relation.SUPPLIES, Relation.PARTNERS_WITH}:
        return []
    ended = _ended_lemmas()
    chain = _named_in(trigger)
    if any(_no_longer(t) for t in chain) or any(_keys(t) & ended for t in chain):
        return chain
    return []


def _about_other(ctx: Context, verb: Token, cand: Candidate) -> bool:
    ends = {cand.subject.name, cand.object.name}
    for child in verb.children:
        m = ctx.at.get(child.i)
        if child.dep_ == "dobj" and m is not None and m.type is ORG and m.name not in ends:
            return True
    return False


def add_status(ctx: Context, cand: Candidate) -> None:
    """Set ``status`` and the ending/starting flags from the cue words."""
    cand.reported = sourced(ctx.doc[cand.trigger])
    if cand.timeless:
        return  # a state read off a phrase ("its rival X"): the clause's verb is not about it
    cues = resources.load_json("cues.json")["status"]
    chain = anchors(ctx.doc[cand.trigger], cand.relation is Relation.EXECUTIVE_OF)
    # A governing verb about another company says nothing of this relation:
    # "Dario Amodei, Anthropic's CEO, left OpenAI" does not end his role at Anthropic.
    chain = [t for i, t in enumerate(chain) if i == 0 or not _about_other(ctx, t, cand)]
    keys = [_keys(t) for t in chain]
    # "would have acquired": a deal described as one that did not happen.
    trigger = ctx.doc[cand.trigger]
    aux = [c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}]
    if "would" in aux and "have" in aux:
        cand.ending = True
    if any(_no_longer(t) for t in chain) or any(k & _ended_lemmas() for k in keys):
        cand.ending = True
    if _ended_by_namer(cand, trigger):
        cand.ending = True
    appoint = set(resources.load_json("relations.json")["appoint"])
    if cand.relation is Relation.EXECUTIVE_OF and any(t.lemma_.lower() in appoint for t in chain):
        cand.starting = True
    begins = set(resources.load_json("cues.json")["state_start_lemmas"]["lemmas"])
    if cand.relation in _STATES and any(t.lemma_.lower() in begins for t in chain[:3]):
        cand.starting = True  # "became a unit of X in 2019": the date starts the state
    if cand.ending:
        cand.qualifiers["status"] = "ended"
        return
    sent_text = ctx.doc[cand.trigger].sent.text.lower()
    if cand.relation in _RELATIONSHIP:
        for status in resources.load_json("cues.json")["sentence_status"]:
            if any(p in sent_text for p in cues[status]["phrases"]):
                cand.qualifiers["status"] = status
                return
    if cand.relation not in {Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH}:
        return
    for k in keys:
        if k & set(cues["active"]["lemmas"]):
            cand.qualifiers["status"] = "active"
            return
        if k & set(cues["announced"]["lemmas"]):
            cand.qualifiers["status"] = "announced"
            return
    if any(p in sent_text for p in ("pending", "subject to", "letter of intent")):
        cand.qualifiers["status"] = "announced"


def add_time(ctx: Context, cand: Candidate, published: date | None) -> None:
    """Set ``valid_from``/``valid_to`` from the date attached to the trigger's clause."""
    if cand.end_trigger is not None:
        # Ended by a later sentence: that sentence's date (or the publication) ends it.
        ender = Candidate(cand.subject, cand.relation, cand.object, cand.sent_index,
                          cand.end_trigger, cand.confidence, ending=True)  # fmt: skip
        add_time(ctx, ender, published)
        cand.ending, cand.end_trigger = False, None
        add_time(ctx, cand, published)  # when it was agreed, from its own clause
        cand.ending, cand.valid_to = True, ender.valid_to
        return
    trigger = ctx.doc[cand.trigger]
    chain = anchors(trigger, cand.relation is Relation.EXECUTIVE_OF)
    cues = resources.load_json("cues.json")
    if cand.ending:
        # "cut ties with X, its supplier, in March": the ending clause's date ends it.
        chain += _ended_by_namer(cand, trigger)
    anchor_set = {t.i for t in chain}
    best: tuple[int, PartialDate, str] | None = None
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE":
            continue
        root = ent.root
        head = root.head
        prep = ""
        if head.pos_ in {"ADP", "SCONJ"} or head.dep_ == "prep":
            prep = head.lower_
            head = head.head
        if head.i not in anchor_set and head.head.i in anchor_set and head.pos_ in {"ADJ", "VERB"}:
            # "supply X starting in 2026", "succeed Y as CEO, effective March 18"
            if head.lower_ in cues["starting_prepositions"]:
                prep = "since"
            head = head.head
        inside = _direct(root, trigger)
        if head.i not in anchor_set and not inside:
            continue
        if not inside and trigger.pos_ == "NOUN" and cand.relation is Relation.FOUNDED:
            continue  # "under its founder, X": the clause's date is not the founding
        before = ctx.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        # The tense of the verb the date hangs on: "said on Tuesday it would buy X" is
        # last Tuesday; "effective July 1" looks forward whatever the clause's tense.
        verb = head
        if (
            verb.dep_ == "ccomp"
            and verb.head.i < root.i
            and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i > root.i for c in verb.children)
        ):
            verb = verb.head  # "said on Tuesday it would buy": the parser hangs it on "buy"
        # "effective September 1", "from September 1": a start named ahead of time.
        future = before in cues["forward_words"] or (
            _future([verb]) if verb.pos_ in {"VERB", "AUX"} else _future(chain)
        )
        when = timex.resolve(ent.text, published, future)
        if when is None:
            continue
        first = ctx.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        prep = prep or (
            first if first in cues["starting_prepositions"] + cues["ending_prepositions"] else ""
        )
        dist = abs(root.i - trigger.i)
        if best is None or dist < best[0]:
            best = (dist, when, prep)
    if best is not None:
        _, when, prep = best
        cand.dated = True
        if prep in cues["ending_prepositions"] or (
            cand.ending and prep not in cues["starting_prepositions"]
        ):
            cand.valid_to = when
        else:
            cand.valid_from = when
    elif published is not None and (cand.ending or cand.starting):
        # Reported as happening now ("is stepping down", "will be succeeded by").
        if cand.ending:
            cand.valid_to = PartialDate.parse(published)
        else:
            cand.valid_from = PartialDate.parse(published)
    elif (
        published is not None
        and cand.relation in _DEALS
        and cand.qualifiers.get("status") in {"announced", "active"}
    ):
        # "X said it has agreed to acquire Y": a deal reported now, made now.
        cand.valid_from = PartialDate.parse(published)
    # A plain date on a state ("X, the unit of Y, said on Monday") is when it was said.
    if (
        cand.valid_from
        and cand.relation not in _EVENTS
        and not cand.starting
        and best
        and best[2] not in cues["starting_prepositions"]
    ):
        cand.valid_from = None
