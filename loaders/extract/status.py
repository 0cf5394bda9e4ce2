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
from itertools import pairwise

from spacy.tokens import Span, Token

from graph.model import EntityType, PartialDate, Relation
from loaders.extract import resources, timex
from loaders.extract.deal_slots import RAISING
from loaders.extract.qualifiers import anchors
from loaders.extract.slots import Context
from loaders.extract.types import Candidate

ORG = EntityType.ORGANIZATION
PERSON = EntityType.PERSON
PERSONS = frozenset({PERSON})
ORGS = frozenset({ORG})
_RELATIONSHIP = {
    Relation.PARTNERS_WITH,
    Relation.SUPPLIES,
    Relation.INVESTS_IN,
    Relation.COMPETES_WITH,
}
_STATES = {Relation.SUBSIDIARY_OF, Relation.EXECUTIVE_OF, Relation.COMPETES_WITH}
_EVENTS = {Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH, Relation.DEVELOPS,
           Relation.FOUNDED}  # fmt: skip


def _keys(tok: Token) -> set[str]:
    lemma = tok.lemma_.lower()
    if lemma == "leave" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return {"leave with"}  # "the sale leaves X with a stake": what is kept, not left
    if lemma in {"end", "wind"} and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return {f"{lemma} up"}  # "will end up with a stake": what one comes to hold
    keys = {lemma}
    for child in tok.children:
        # a particle the tagger read as an adverb: "stepped down" with "down" as advmod
        particle = child.dep_ == "advmod" and child.lower_ in resources.VERB_PARTICLES
        if child.dep_ in {"prt", "dobj"} or particle:
            keys.add(f"{lemma} {child.lower_}")
    return keys


def _future(chain: list[Token]) -> bool:
    """The clause speaks of what will happen ("will supply from April", "would become",
    "is set to take over in July", "is to become CEO in May")."""
    return any(
        c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"}
        for t in chain
        for c in t.children
    ) or any(_scheduled(t) for t in chain)


#: Words that put the infinitive after them ahead in time: "is set to", "is due to".
_SCHEDULING = frozenset({"set", "due", "expect", "schedule", "slate", "poise", "be"})


def _scheduled(verb: Token) -> bool:
    """ "X is set to take over", "X is due to retire", "X is to become": a planned event."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.lemma_.lower() not in _SCHEDULING:
        return False
    # "is set to", "was due to": the planning word in the present, not "was expected to"
    tense = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})]
    if head.dep_ == "acomp":
        tense.append(head.head)  # "is due to": the copula carries the tense
    return any(t.tag_ in {"VBZ", "VBP"} for t in tense)


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
    if _rival_modifier(ctx, trigger, cand):
        return False  # "unlike rival X, Y did not cut", "Y could buy rival X": still rivals
    if _modal_over(trigger, set(cues["hypothetical_modals"])):
        return True
    # A description ("its Altera unit", "its CEO") holds even in a rumour about a deal.
    described = trigger.pos_ in {"NOUN", "PROPN"} and (
        cand.relation in _STATES or _described_holder(trigger, cand)
    )
    if not described and _hedged(trigger, cues["hedges"]):
        return True
    offers = set(cues["offer_nouns"])
    if cand.relation in _OFFERED and (
        _failed_offer(trigger, offers) or _only_wished(trigger, offers)
    ):
        return True
    if cand.relation in _EVENTS and (
        _attempted(trigger) or _conditional(trigger) or _expected_by_others(trigger)
    ):
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
        if tok.dep_ in {"ccomp", "relcl"} or _noun_over_noun(trigger, tok, i):
            break
        if _own_conjunct(tok):
            break
    return False


#: Words that set a second verb against a negated first: "did not renew X and instead
#: signed Y", "did not buy X but partnered with Y".
_CONTRASTS = frozenset({"but", "instead", "rather", "yet"})


def _own_conjunct(verb: Token) -> bool:
    """A verb conjoined to a negated one that states its own fact: a finite verb after a
    bare one ("did not renew its contract with X and formed an alliance with Y"), or one
    set against it ("... but signed", "... and instead signed"). The negation of the
    first verb does not reach it; a bare verb shares it ("did not buy or merge with X")."""
    if verb.dep_ != "conj" or verb.pos_ not in {"VERB", "AUX"}:
        return False
    head = verb.head
    if head.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.lower_ in _CONTRASTS for c in verb.children if c.dep_ in {"advmod", "cc"}):
        return True
    if any(c.lower_ in _CONTRASTS for c in head.children if c.dep_ == "cc" and c.i < verb.i):
        return True
    return verb.tag_ in {"VBD", "VBZ", "VBP"} and head.tag_ == "VB"


def _rival_modifier(ctx: Context, trigger: Token, cand: Candidate) -> bool:
    """A rival named by a modifier ("rival X") describes X, whatever the clause around
    the name says happened."""
    return (
        cand.relation is Relation.COMPETES_WITH
        and trigger.dep_ in {"amod", "compound"}
        and trigger.head.i in ctx.at
    )


def _modal_over(trigger: Token, modals: set[str]) -> bool:
    """A "could", "might" or "may" on the trigger, or on the verb it is the purpose or the
    second half of: "may buy more shares or seek to acquire X", "may decide to buy X"."""
    node = trigger
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in node.children):
            return True
        if node.dep_ not in {"xcomp", "conj"} or node.head.pos_ not in {"VERB", "AUX"}:
            return False
        if node.pos_ not in {"VERB", "AUX"}:
            return False
        node = node.head
    return False


def _noun_over_noun(trigger: Token, tok: Token, i: int) -> bool:
    """A deal noun in another noun's phrase ("is not making a recommendation on the offer
    by X", "gave no details of the merger with X"): the verb over that noun negates it,
    not the deal. The noun's own "no" still does ("has no plans for a merger")."""
    return (
        i > 0
        and trigger.pos_ == "NOUN"
        and tok.pos_ == "NOUN"
        and trigger.dep_ == "pobj"
        and trigger.head.head.i == tok.i
    )


_OFFERED = {Relation.ACQUIRES, Relation.INVESTS_IN}
#: Verbs of a bidder giving up its offer before any deal: "withdrew its offer for X",
#: "dropped its bid", "pulled out of the race to buy X". (An offer the target rejects
#: still states the bid: newswire reports it as one.)
_FAILING = frozenset({
    "withdraw", "drop", "abandon", "scrap", "terminate", "pull", "cancel", "walk away",
    "pull out", "bow out",
})  # fmt: skip
#: Nouns of a contest for a company, which a bidder may leave: "the race to buy X".
_CONTESTS = frozenset({"race", "contest", "battle", "pursuit", "attempt", "effort"})
#: Verbs of an offer or attempt that came to nothing, said of it: "the bid failed".
_FELL_THROUGH = frozenset({"fail", "collapse", "founder", "falter"})


#: Nouns that describe a holder of shares: "X, its largest shareholder".
_HOLDER_NOUNS = frozenset({"shareholder", "investor", "backer", "stakeholder", "owner"})


def _described_holder(trigger: Token, cand: Candidate) -> bool:
    """An investor described beside its name ("Y, its largest shareholder", "Y, an early
    investor in X") is one whatever the clause around it only talks about."""
    return (
        cand.relation is Relation.INVESTS_IN
        and trigger.lemma_.lower() in _HOLDER_NOUNS
        and trigger.dep_ == "appos"
    )


def _failed_offer(trigger: Token, offers: set[str]) -> bool:
    """True when the deal is only an offer, bid or proposal its bidder withdrew ("X
    withdrew its offer to buy Y", "X dropped its bid for Y"): no deal was made. An agreed
    deal called off still was one ("X abandoned its agreement to buy Y")."""
    node = trigger
    for _ in range(3):
        if node.lemma_.lower() in offers | _CONTESTS and node.pos_ == "NOUN":
            verb = node.head.head if node.dep_ == "pobj" else node.head
            keys = {verb.lemma_.lower()} | {
                f"{verb.lemma_.lower()} {c.lower_}"
                for c in verb.children
                if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in {"away", "out"})
            }  # "walked away on Friday from its bid": the parser reads "away" as an adverb
            if node.dep_ == "nsubj":  # "X's attempt to buy Y failed"
                return verb.lemma_.lower() in _FELL_THROUGH
            return node.dep_ in {"dobj", "nsubjpass", "pobj"} and bool(keys & _FAILING)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.head.i == node.i or node.dep_ in {"ccomp", "conj"}:
            return False
        if node.dep_ == "relcl" and not infinitive:  # "the race to buy X" is no clause
            return False
        node = node.head
    return False


#: Verbs of an attempt, whose infinitive states no deal made: "tried to buy X",
#: "tried and failed to take over X", "attempted to merge with X".
_ATTEMPTS = frozenset({"try", "attempt", "fail"})


def _attempted(trigger: Token) -> bool:
    """True when the trigger is only what its subject tried (or failed) to do."""
    node = trigger
    for _ in range(3):
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _ATTEMPTS:
            return True
        if node.dep_ != "conj" or node.head.pos_ not in {"VERB", "AUX"}:
            return False
        node = node.head
    return False


#: Verbs of wanting, whose infinitive states no deal: "X wants to buy Y", "X is looking to
#: acquire Y", "X would like to invest in Y".
#: ("hop": the lemma the tagger gives "hopes" and "hoped")
_WISHING = frozenset({"want", "hope", "hop", "wish", "like", "look", "seek"})
#: Verbs of planning, whose infinitive of bidding states no bid yet: "X plans to bid for
#: Y", "X intends to make an offer for Y" (a plan to buy is an announced deal).
_PLANNING = frozenset({"plan", "intend", "prepare", "mull", "aim"})
#: Verbs that make a bid of their noun object: "make an offer for Y".
_BID_MAKING = frozenset({"make", "launch", "submit", "table", "lodge", "place"})
#: Verbs that take a share as their object: "wants to buy a stake in Y".
_BUYING = frozenset({"buy", "acquire", "purchase", "take", "build"})


def _only_wished(trigger: Token, offers: set[str]) -> bool:
    """True when the deal is only wanted, or a bid only planned: "X wants to buy Y", "X is
    seeking to buy Y", "X plans to bid for Y", "X intends to make an offer for Y"."""
    node, bid = trigger, trigger.lemma_.lower() in offers
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
        verb = trigger.head.lemma_.lower()
        if verb not in _BID_MAKING | _BUYING:
            return False  # "sought to block X's purchase of Y": the purchase is X's own
        bid = bid and verb in _BID_MAKING  # "make an offer for Y"
        node = trigger.head  # "wants to buy a stake in Y"
    for _ in range(3):
        head = node.head.lemma_.lower()
        if node.dep_ == "xcomp" and node.head.pos_ in {"VERB", "AUX"}:
            return head in _WISHING or (bid and head in _PLANNING)
        if node.dep_ != "conj" or node.head.pos_ not in {"VERB", "AUX"}:
            return False
        node = node.head
    return False


#: Verbs of expecting what someone else will do.
_EXPECTING = frozenset({"expect", "predict", "anticipate", "forecast", "speculate", "tip"})


def _expected_by_others(trigger: Token) -> bool:
    """True when the deal is only what others expect: "analysts expect X to buy Y", "X is
    expected to buy Y" (speculation). A company's own expectation ("X expects to buy Y by
    March") is its plan, and a deal expected to close exists already."""
    head = trigger.head
    if trigger.dep_ not in {"xcomp", "ccomp"} or head.lemma_.lower() not in _EXPECTING:
        return False
    passive = any(c.dep_ == "auxpass" for c in head.children)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)
    return passive or own_subject


def _conditional(trigger: Token) -> bool:
    """True when the trigger's clause is only a condition: "if X buys Y, prices will rise",
    "unless X invests in Y"."""
    node = trigger
    for _ in range(4):
        if node.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in node.children)
        if node.dep_ not in {"xcomp", "conj", "aux"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _hedged(trigger: Token, hedges: dict[str, list[str]]) -> bool:
    """True when the trigger is only talked about, denied or rumoured: "in talks to buy",
    "denied a report that it planned to invest", "is exploring a partnership",
    "according to people familiar with the matter"."""
    words, nouns = set(hedges["lemmas"]), set(hedges["nouns"])
    if any(c.dep_ == "amod" and c.lower_ in hedges["modifiers"] for c in trigger.children):
        return True
    if _failed_attempt_noun(trigger, set(hedges["modifiers"])):
        return True
    guesses = set(hedges.get("adverbs", ()))
    hosts = [trigger, *(c for c in trigger.children if c.dep_ == "prep")]
    if any(c.dep_ == "advmod" and c.lower_ in guesses for h in hosts for c in h.children):
        return True  # "will deliver it next year, probably to X": a guess, no fact
    node = trigger
    for _ in range(10):
        lemma = node.lemma_.lower()
        if (node.pos_ in {"VERB", "AUX"} and lemma in words) or (
            node.pos_ == "NOUN" and lemma in nouns
        ):
            return True
        if node.head.i == node.i or _describes_subject(node):
            break
        node = node.head
    sent = trigger.sent.text.lower()
    return any(p in sent for p in hedges["phrases"])


def _failed_attempt_noun(trigger: Token, modifiers: set[str]) -> bool:
    """The trigger is the infinitive of a noun the text calls failed or possible: "after
    its unsuccessful battle to take over Y", "a failed attempt to acquire Y", "an
    abortive bid to buy Y". The deal is what was tried, not what happened."""
    if trigger.dep_ != "acl" or trigger.head.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    return any(c.dep_ == "amod" and c.lower_ in modifiers for c in trigger.head.children)


def _describes_subject(node: Token) -> bool:
    """A relative clause on a clause's subject ("X, which competes with Y, is weighing a
    sale"): it describes X, whatever the clause around it only talks about."""
    return node.dep_ == "relcl" and node.head.dep_ in {"nsubj", "nsubjpass"}


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
            return not _succeeded_person(ctx, verb, child, cand)
    return False


def _succeeded_person(ctx: Context, verb: Token, obj: Token, cand: Candidate) -> bool:
    """ "X will succeed Jane Roe as CEO" with the tagger reading "Jane Roe" as a company:
    whom a succession verb takes in a role is a person."""
    kinds = resources.load_json("relations.json")["succession"]
    return (
        cand.relation is Relation.EXECUTIVE_OF
        and verb.lemma_.lower() in kinds
        and bool(ctx.ents_at(obj, PERSONS))
    )


def _of_other_person(ctx: Context, verb: Token, cand: Candidate) -> bool:
    """A governing verb whose subject is another person says nothing of this person's
    role: "X will retire in June and Y will succeed him" does not end Y's role, nor
    does "X will step down and be succeeded by Y"; "Z fired X" still ends X's."""
    if cand.relation is not Relation.EXECUTIVE_OF:
        return False
    subjects = [ctx.at.get(c.i) for c in verb.children if c.dep_ == "nsubj"]
    name = cand.subject.name
    if not any(m is not None and m.type is PERSON and m.name != name for m in subjects):
        return False
    return not any(c.dep_ == "dobj" and _names(ctx, c, cand.subject.name) for c in verb.children)


#: Words that put a tie in the past: "a former unit of Y", "formerly a unit of Y".
_FORMER_WORDS = frozenset({"former", "formerly", "ex", "ex-", "onetime", "one-time", "erstwhile"})


def _former_tie(trigger: Token) -> bool:
    """The noun of a tie is called past: "X, a former unit of Y", "Y, X's onetime
    parent", "X, formerly a subsidiary of Y", "X was formerly a unit of Y"."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    hosts = [trigger]
    if trigger.dep_ in {"attr", "appos"}:
        hosts.append(trigger.head)  # "X was formerly a unit of Y"
    return any(
        c.lower_ in _FORMER_WORDS and c.dep_ in {"amod", "advmod", "compound"}
        for h in hosts
        for c in h.children
    )


#: Modifiers of a role noun, besides the former words, that put the post in the past.
_PAST_POST = _FORMER_WORDS | {"previous", "late"}


def _former_post(ctx: Context, trigger: Token) -> bool:
    """The role noun is called past: "A, a former president of X", "X's former chief
    executive A", "ex-CEO A", "A, formerly chief executive of X". "Former" on a
    company name before the title ("former Orvane Corp chief executive") counts too."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    if _former_tie(trigger) or trigger.lower_.startswith("ex-"):
        return True
    # "a previous chief executive of X"; "the late founder and chief executive of X"
    # (a post of one who has died), the word on the first of joined titles
    hosts = [trigger, trigger.head] if trigger.dep_ == "conj" else [trigger]
    if any(c.dep_ == "amod" and c.lower_ in _PAST_POST for h in hosts for c in h.children):
        return True
    if trigger.i > 1 and ctx.doc[trigger.i - 1].text == "-":
        return ctx.doc[trigger.i - 2].lower_ == "ex"  # "ex - CEO" split in three
    return any(
        c.lower_ in _FORMER_WORDS or c.lower_.startswith("ex-")
        for k in trigger.children
        if k.dep_ in {"compound", "nmod"}
        for c in k.children
        if c.dep_ in {"amod", "advmod", "compound"}
    )


#: Verbs and auxiliaries that put a sale still to come: "agreed to sell", "will sell".
_TO_COME = frozenset({"agree", "plan", "propose", "seek", "intend", "offer", "consider",
                      "expect", "aim", "want", "hope"})  # fmt: skip
_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "'ll"})


def _sale_to_come(verb: Token) -> bool:
    """The selling verb is a sale agreed or planned, not done: "X agreed to sell Y to Z",
    "X will sell Y", "X plans to sell Y", "X is selling Y". A unit noun the sale or
    purchase is about reads its verb: "X agreed to sell its Y unit", "Z will buy X's
    unit, Y", "X is selling its business, Y"."""
    verb = _deal_verb_of_unit(verb)
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in _CHANGING_HANDS:
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    if verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children
    ):
        return True  # "X is selling Y": under way, not done
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _TO_COME


#: Verbs by which a unit changes hands.
_CHANGING_HANDS = frozenset({"sell", "divest", "buy", "acquire", "purchase"})


def _deal_verb_of_unit(tok: Token) -> Token:
    """The verb whose object a unit noun is, itself or as the name set beside it:
    "sold its Y unit", "sell its unit, Y"; any other token is itself."""
    if tok.pos_ in {"VERB", "AUX"}:
        return tok
    node = tok
    if node.dep_ == "appos":
        node = node.head
    if node.dep_ == "dobj" and node.head.pos_ in {"VERB", "AUX"}:
        return node.head
    return tok


def add_status(ctx: Context, cand: Candidate) -> None:
    """Set ``status`` and the ending/starting flags from the cue words."""
    cand.reported = sourced(ctx.doc[cand.trigger])
    if cand.timeless:
        return  # a state read off a phrase ("its rival X"): the clause's verb is not about it
    cues = resources.load_json("cues.json")["status"]
    chain = anchors(ctx.doc[cand.trigger], cand.relation is Relation.EXECUTIVE_OF)
    # A governing verb about another company says nothing of this relation:
    # "Dario Amodei, Anthropic's CEO, left OpenAI" does not end his role at Anthropic.
    chain = [
        t
        for i, t in enumerate(chain)
        if i == 0 or not (_about_other(ctx, t, cand) or _of_other_person(ctx, t, cand))
    ]
    if cand.relation is Relation.FOUNDED:
        # A founding is done once and for all: "A, who started X in 2010, stepped down"
        # ends A's job, not the founding; only the founding verb itself can undo it.
        chain = chain[:1]
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
    if cand.relation is Relation.SUBSIDIARY_OF and (
        _spun_off(chain) or _trades_alone(ctx, cand, chain) or _former_tie(trigger)
    ):
        cand.ending = True  # "X, spun off from Y in 2022": the unit left its parent then
    if cand.relation is Relation.EXECUTIVE_OF:
        _appointed(ctx, cand, chain)
        if not cand.starting and not cand.ending and _former_post(ctx, trigger):
            # "A, a former president of X": a post that has ended, at an unknown date;
            # flagged, so that a current statement of the same post wins (to_facts)
            cand.ending = cand.former = True
    begins = set(resources.load_json("cues.json")["state_start_lemmas"]["lemmas"])
    if cand.relation in _STATES and any(t.lemma_.lower() in begins for t in chain[:3]):
        cand.starting = True  # "became a unit of X in 2019": the date starts the state
    adopts = set(resources.load_json("cues.json")["use_start_lemmas"]["lemmas"])
    if cand.relation is Relation.USES and any(k & adopts for k in keys[:3]):
        cand.starting = True  # "deployed X in 2022": the date starts the use
    if cand.relation is Relation.SUBSIDIARY_OF and cand.ending and _sale_to_come(trigger):
        cand.ending = False  # "X agreed to sell Y": Y is X's unit until the sale closes
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


def _appointed(ctx: Context, cand: Candidate, chain: list[Token]) -> None:
    """An appointing verb starts the role ("named X chief executive", "X will take over
    as CEO"); a replacing verb ends it for the one replaced ("replaced chief executive
    X with Y", "X was succeeded by Y") and starts it for the other."""
    rules = resources.load_json("relations.json")
    appoint, kinds = set(rules["appoint"]), set(rules["succession"])
    described = bool(chain) and chain[0].dep_ == "appos" and chain[0].head.ent_type_ == "PERSON"
    for t in chain:
        if not _keys(t) & appoint:
            continue
        if t.lemma_.lower() not in appoint and not _subject_is(ctx, t, cand.subject.name):
            continue  # "Y will take over Z, and X will remain CEO": Y's taking over
        if described and t.lemma_.lower() in kinds:
            return  # "succeeded by Y, its finance chief": the title Y held, not the new one
        if t.lemma_.lower() in kinds and _replaced(ctx, t, cand.subject.name):
            cand.ending = True
            return
        cand.starting = True
        return
    verb = _holding_verb(chain[0]) if chain else None
    if verb is not None and verb.lemma_.lower() in _TAKING_UP and _will(verb):
        cand.starting = True  # "X will run the company as interim chief executive"


def _holding_verb(trigger: Token) -> Token | None:
    """The verb of holding a post the trigger is, or the one its "as" phrase is on
    ("will serve as CFO"); not a verb an appositive role merely sits in."""
    if trigger.pos_ == "VERB":
        return trigger
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "as":
        return trigger.head.head
    return None


#: Verbs of holding a post that, said in the future, start it: "Y will lead X".
_TAKING_UP = frozenset({"run", "lead", "head", "serve", "chair", "helm", "steer"})


def _will(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in verb.children)


def _subject_is(ctx: Context, verb: Token, name: str) -> bool:
    """The verb has no subject of its own, or its subject is the person."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is None or name in {m.name for m in ctx.ents_at(subj, PERSONS)}


def _replaced(ctx: Context, verb: Token, name: str) -> bool:
    """The person is named as the one replaced: the verb's object ("replaced chief
    executive X") or its passive subject ("X was succeeded by Y"), not a pronoun."""
    return any(
        c.dep_ in {"dobj", "nsubjpass"}
        and any(_names(ctx, t, name) for t in c.subtree if t.pos_ == "PROPN")
        for c in verb.children
    )


def _spun_off(chain: list[Token]) -> bool:
    """A verb of the unit leaving its parent: "was spun off from", "split off from"."""
    rules = resources.load_json("time.json")["spin_offs"]
    keys, split = set(rules["keys"]), set(rules["from_lemmas"])
    return any(
        t.pos_ == "VERB"
        and (
            _keys(t) & keys
            or (
                t.lemma_.lower() in split
                and any(c.dep_ == "prep" and c.lower_ == "from" for c in t.children)
            )
        )
        for t in chain[:3]
    )


def _trades_alone(ctx: Context, cand: Candidate, chain: list[Token]) -> bool:
    """The unit itself "began trading" or started "as an independent company": it has
    left its parent, on the day the clause gives."""
    rules = resources.load_json("time.json")["spin_offs"]
    verbs, words = set(rules["trading_verbs"]), set(rules["trading_words"])
    sent = chain[0].sent.text.lower() if chain else ""
    alone = any(p in sent for p in rules["independent_phrases"])
    for t in chain[:3]:
        if t.pos_ != "VERB" or not any(
            c.dep_ == "nsubj" and _names(ctx, c, cand.subject.name) for c in t.children
        ):
            continue
        trading = t.lemma_.lower() in verbs and any(c.lower_ in words for c in t.children)
        if trading or alone:
            return True
    return False


def add_time(ctx: Context, cand: Candidate, published: date | None) -> None:
    """Set ``valid_from``/``valid_to`` from the dates attached to the trigger's clause."""
    if cand.end_trigger is not None:
        # Ended by a later sentence: that sentence's date (or the publication) ends it.
        ender = Candidate(cand.subject, cand.relation, cand.object, cand.sent_index,
                          cand.end_trigger, cand.confidence, ending=True)  # fmt: skip
        add_time(ctx, ender, published)
        cand.ending, cand.end_trigger = False, None
        add_time(ctx, cand, published)  # when it was agreed, from its own clause
        cand.ending, cand.valid_to = True, ender.valid_to
        told = {None, ender.valid_to, news_day(ctx, published)}
        if ender.valid_from is not None and cand.valid_from in told:
            # "abandoning an investment it has held since 2013": the ender dates the start
            cand.valid_from = ender.valid_from
        return
    if cand.ended_on is not None and _ended_on(ctx, cand, published):
        return
    if cand.relation is Relation.FOUNDED:
        # Said anywhere, the founding's own date beats the date of the clause the
        # founder is named in ("X, which he co-founded in 1997, said on Monday").
        cand.valid_from = _founding_date(ctx, cand, published)
        if cand.valid_from is not None:
            cand.dated = True
            return
    trigger = ctx.doc[cand.trigger]
    chain = anchors(trigger, cand.relation is Relation.EXECUTIVE_OF)
    if cand.relation is Relation.FOUNDED:
        chain = _founding_chain(chain)
    # "X will retire in June and Y will succeed him on July 1": June is not Y's.
    ended = _ended_lemmas()
    chain = [
        t
        for i, t in enumerate(chain)
        if i == 0
        or _shared_clause(chain[0], t)
        or not (_keys(t) & ended and _of_other_person(ctx, t, cand))
    ]
    cues = resources.load_json("cues.json")
    if cand.ending:
        # "cut ties with X, its supplier, in March": the ending clause's date ends it.
        chain += _ended_by_namer(cand, trigger)
    start, end_said, vague = _clause_dates(ctx, cand, trigger, chain, published)
    if vague and start is None and end_said is None:
        # "became a rival of X in the 1990s": a time the ontology's dates cannot say
        # (a decade) is no date, and not the news day either
        return
    if cand.former:
        # "A, a former boss of X, said on Monday": the clause's date is not the post's
        start = end_said = None
    day = news_day(ctx, published)
    if end_said is not None:
        cand.valid_to, cand.dated = end_said[0], True
        if end_said[1]:  # "agreed to end it, the companies said this week": the telling's date
            cand.valid_to = _expiry(ctx, cand, published) or end_said[0]
    elif day is not None and cand.ending and not cand.former:
        # a post called former ended at a date the text does not give; else the end is
        # reported as happening now ("is stepping down"), or when its agreements expire
        cand.valid_to = _expiry(ctx, cand, published) or day
    if start is not None:
        cand.valid_from, cand.dated = start[0], True
    elif (
        day is not None
        and not cand.ending
        and (cand.starting or _deal_told_now(cand, chain, trigger, published))
    ):
        cand.valid_from = day  # "will be succeeded by", "X said it has agreed to acquire Y"
    # A plain date on a state ("X, the unit of Y, said on Monday") is when it was said.
    if (
        cand.valid_from
        and cand.relation not in _EVENTS
        and not cand.starting
        and start
        and start[1] not in cues["starting_prepositions"]
    ):
        cand.valid_from = None
    if (
        cand.relation is Relation.SUPPLIES
        and not cand.ending
        and (cand.valid_from is None or (start is None and cand.valid_from == day))
    ):
        # "has agreed to supply X ..., the company said on Monday": starts when deliveries
        # do, else on the news day when a supply deal is told as made now
        told_now = _deal_told_now(cand, chain, trigger, published)
        now = cand.valid_from or (day if told_now else None)
        cand.valid_from = _deliveries_start(ctx, cand, published) or now
    if cand.valid_from is None and cand.relation in _RELATIONSHIP:
        cand.valid_from = _relationship_start(ctx, cand, published)
    if cand.valid_from is None and cand.relation is Relation.INVESTS_IN and not cand.ending:
        cand.valid_from = _round_start(ctx, cand, published)
    if cand.relation is Relation.EXECUTIVE_OF:
        _role_bounds(ctx, cand, published, appointed=start is not None or cand.valid_from == day)
    if cand.valid_from is None and cand.relation is Relation.EXECUTIVE_OF:
        cand.valid_from = _role_start(ctx, cand, published)
    if cand.valid_from is not None and start is None:
        cand.dated = cand.dated or cand.valid_from != day


def owned_since_bought(ctx: Context, cands: list[Candidate]) -> None:
    """ "X is owned by Y, which bought it in 2012": an undated ownership of a company
    (Y's stake in it, its place as Y's unit) told in the sentence of Y's completed
    acquisition of it starts on the acquisition's date."""
    bought = {
        (c.sent_index, c.subject.name, c.object.name): c.valid_from
        for c in cands
        if c.relation is Relation.ACQUIRES
        and c.valid_from is not None
        and not c.ending
        and "status" not in c.qualifiers
        and ctx.doc[c.trigger].tag_ == "VBD"
    }
    for c in cands:
        if c.valid_from is not None or c.ending or c.timeless:
            continue
        if c.relation is Relation.INVESTS_IN:
            key = (c.sent_index, c.subject.name, c.object.name)
        elif c.relation is Relation.SUBSIDIARY_OF:
            key = (c.sent_index, c.object.name, c.subject.name)
        else:
            continue
        if key in bought:
            c.valid_from, c.dated = bought[key], True


def _founding_chain(chain: list[Token]) -> list[Token]:
    """The founding's own clause: the trigger and the verbs it completes ("helped
    found X in 2010", "went on to start X"), not a clause about the founder ("A, who
    co-founded X, left last year": last year is when A left)."""
    out = chain[:1]
    for below, above in pairwise(chain):
        if below.dep_ not in {"xcomp", "advcl"} or below.head.i != above.i:
            break
        out.append(above)
    return out


#: Words that refer back to money a company raised.
_ROUND_WORDS = frozenset({"round", "funding", "financing", "investment", "money", "capital"})


def _round_start(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """An investor of a round a later clause names ("X raised $40 million on Monday.
    Investors in the round include Y") joined it when the company raised it: the date
    the raising clause gives its own investors."""
    trigger = ctx.doc[cand.trigger]
    if not any(t.lemma_.lower() in _ROUND_WORDS and _refers_back(t) for t in trigger.sent):
        return None
    here = trigger.sent
    before = ctx.doc[here.start - 1].sent if here.start else None
    for sent in (here, before):
        for verb in sent or ():
            if verb.i >= trigger.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in RAISING:
                continue
            if cand.object.name not in {m.name for m in ctx.agent(verb, ORGS)}:
                continue
            proxy = Candidate(cand.subject, cand.relation, cand.object, cand.sent_index,
                              verb.i, cand.confidence)  # fmt: skip
            add_time(ctx, proxy, published)
            if proxy.valid_from is not None:
                return proxy.valid_from
    return None


def _refers_back(noun: Token) -> bool:
    """ "the round", "this financing": a noun for something already told."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its"}
               for c in noun.children)  # fmt: skip


def _shared_clause(trigger: Token, verb: Token) -> bool:
    """ "X will step down on Jan. 1 and be succeeded by Y": a verb joined to the one
    before it with no subject of its own shares that clause's date."""
    return (
        trigger.dep_ == "conj"
        and trigger.head.i == verb.i
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)
    )


def _deal_told_now(
    cand: Candidate, chain: list[Token], trigger: Token, published: date | None
) -> bool:
    """A deal told as made now: "has agreed to acquire", "will buy", "would take a stake";
    a supply deal by its verb ("has chosen X to build", "signed"). A future deal in a
    sentence that dates something else in its own clauses is left undated: its writer
    gave dates, none of them the deal's. A date in a relative clause or apposition on
    another noun ("will buy X from Y, which spun it off in 2021") is another event's and
    does not count."""
    if cand.relation is Relation.SUPPLIES:
        deals = set(resources.load_json("time.json")["supply_starts"]["deal_lemmas"])
        return any(t.pos_ == "VERB" and t.lemma_.lower() in deals for t in chain[:3])
    if cand.relation not in resources.relations_with("deals"):
        return False
    if cand.qualifiers.get("status") in {"announced", "active"}:
        return True
    told = set(resources.load_json("time.json")["news_day"]["words"])
    return _future(chain) and not any(
        e.label_ == "DATE"
        and not told & set(e.text.lower().split())
        and not _aside(e.root, trigger)
        and timex.resolve(e.text, published) is not None  # not a span ("a 10-year pact")
        for e in trigger.sent.ents
    )


def _aside(tok: Token, trigger: Token) -> bool:
    """True when ``tok`` sits in a relative clause or apposition on some noun that does
    not hold the trigger ("X, which bought Z last July, will buy Y"): a date there is of
    another event, and says nothing against the deal being told now."""
    node = tok
    for _ in range(12):
        if node.dep_ in {"relcl", "acl", "appos"}:
            return trigger not in node.subtree
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_dates(
    ctx: Context, cand: Candidate, trigger: Token, chain: list[Token], published: date | None
) -> tuple[tuple[PartialDate, str] | None, tuple[PartialDate, bool] | None, bool]:
    """The nearest start (with its preposition) and the nearest end the clause dates
    (with whether it is only the date of the telling: "the companies said this week"),
    and whether the clause gives a time no date can say ("in the 1990s")."""
    cues = resources.load_json("cues.json")
    speech = set(resources.load_json("time.json")["speech_verbs"]["lemmas"])
    anchor_set = {t.i for t in chain}
    starts: list[tuple[int, PartialDate, str]] = []
    ends: list[tuple[int, PartialDate]] = []  # distance over 100: on a verb of saying
    vague = False
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE":
            continue
        found = _attached_date(ctx, cand, trigger, ent, anchor_set, published)
        if found is None:
            continue
        maybe, prep, said = found
        if maybe is None:
            vague = True
            continue
        when = maybe
        closing = _range_end(ent, when, published)
        if closing is not None:
            # "from 2010 to 2014", "between 2010 and 2014": a start and an end
            ends.append((abs(ent.root.i - trigger.i), closing))
            prep = prep if prep == "from" else "since"
        # "said on Monday that X will succeed Y effective Jan. 1": the clause's own date
        # first; the day of the telling only when the clause has none.
        dist = abs(ent.root.i - trigger.i) + (100 if said.lemma_.lower() in speech else 0)
        if _conj_own_date(trigger, ent.root):
            dist -= 50  # "was founded in 1971 and was bought in 1995": each verb its own
        if prep in cues["ending_prepositions"] or (
            cand.ending and prep not in cues["starting_prepositions"]
        ):
            ends.append((dist, when))
        else:
            starts.append((dist, when, prep))
    start = min(starts, key=lambda x: x[0]) if starts else None
    end = min(ends, key=lambda x: x[0]) if ends else None
    return (
        ((start[1], start[2]) if start else None),
        ((end[1], end[0] >= 100) if end else None),
        vague,
    )


def _conj_own_date(trigger: Token, root: Token) -> bool:
    """A verb joined to another ("and was bought by X in 1995") has a date of its own."""
    return trigger.dep_ == "conj" and trigger.pos_ == "VERB" and _direct(root, trigger)


def _attached_date(
    ctx: Context,
    cand: Candidate,
    trigger: Token,
    ent: Span,
    anchor_set: set[int],
    published: date | None,
) -> tuple[PartialDate | None, str, Token] | None:
    """The date ``ent`` gives the relation, its preposition, and the word it hangs on;
    None when it belongs to another clause; no date for a period no date can say
    ("in the 1990s")."""
    cues = resources.load_json("cues.json")
    root = ent.root
    head, prep = _date_head(root, frozenset(anchor_set) - {trigger.sent.root.i})
    if prep in {"in", ""} and _begun(head, anchor_set):
        prep = "since"  # "began supplying chips to X in 2022", "will start using Y next year"
    said = head
    verb = _misattached_start(head, anchor_set)
    if verb is not None:
        prep, head = "since", verb
    if (
        head.i not in anchor_set
        and head.head.i in anchor_set
        and head.pos_ in {"ADJ", "VERB"}
        and not _finite_clause(head)
    ):
        # "supply X starting in 2026", "succeed Y as CEO, effective March 18"
        if head.lower_ in cues["starting_prepositions"]:
            prep = "since"
        head = head.head
    inside = _direct(root, trigger)
    if _on_subject_title(cand, head, trigger, anchor_set):
        return None
    when_clause = _when_clause(root, anchor_set)
    if when_clause is not None:
        prep, head = "", when_clause  # "since April, when X resigned": April dates it
    if head.i not in anchor_set and not inside:
        if _closes_deal(head, anchor_set):
            prep, head = "", head.head.head.head  # "bought X in a deal that closed in May"
        elif _starts_relationship(head, anchor_set):
            prep, head = "since", head.head  # "a partnership that began in 2016"
        else:
            return None
    if not inside and trigger.pos_ == "NOUN" and cand.relation is Relation.FOUNDED:
        return None  # "under its founder, X": the clause's date is not the founding
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
        said = verb
    # "effective September 1", "from September 1": a start named ahead of time.
    chain = [ctx.doc[i] for i in sorted(anchor_set)]
    tensed = _future([verb]) if verb.pos_ in {"VERB", "AUX"} else _future(chain)
    tensed = tensed or _planned_move(cand, verb)
    if before in cues["forward_words"] and not tensed:
        when = _nearest(ent, published)  # "was named CEO effective May 5": the nearer May 5
    else:
        when = _resolve(ent, published, tensed)
    if when is None:
        return (None, prep, said) if timex.vague_period(ent.text) else None
    if when_clause is None:
        prep = prep or (
            before if before in cues["starting_prepositions"] + cues["ending_prepositions"] else ""
        )
    return when, prep, said


def _planned_move(cand: Candidate, verb: Token) -> bool:
    """A move into or out of a post told in the present, which news uses for what is
    planned: "X takes over as CEO in July", "Y steps down in August"."""
    if cand.relation is not Relation.EXECUTIVE_OF or verb.tag_ not in {"VBZ", "VBP"}:
        return False
    return bool(_keys(verb) & _MOVES)


#: Verbs of moving into or out of a post.
_MOVES = frozenset({
    "take over", "step down", "succeed", "replace", "retire", "become", "join", "leave",
    "take helm", "take reins", "take charge", "hand reins", "hand helm", "start",
})  # fmt: skip


def _misattached_start(head: Token, anchor_set: set[int]) -> Token | None:
    """ "supply X with fuel from a plant in Texas starting in 2027": the parser hangs the
    participle on the nearest noun; it dates the relation's verb whose object or phrase
    holds that noun. That verb, or None."""
    if head.lower_ not in _START_PARTICIPLES or head.dep_ != "acl":
        return None
    node = head.head
    for _ in range(8):
        if node.pos_ not in {"NOUN", "PROPN", "ADP"}:
            return None
        if node.dep_ not in {"pobj", "dobj", "prep", "npadvmod", "appos", "conj"}:
            return None
        if node.head.i in anchor_set and node.head.pos_ == "VERB":
            return node.head
        node = node.head
    return None


_START_PARTICIPLES = {"starting", "beginning"}


def _when_clause(root: Token, anchor_set: set[int]) -> Token | None:
    """ "in April, when X resigned as CEO": a clause opened by "when" on the date itself
    is dated by it. Its verb, when it is one of the relation's."""
    for verb in root.children:
        if verb.dep_ != "relcl" or verb.i not in anchor_set:
            continue
        if any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children):
            return verb
    return None


def _nearest(ent: Span, published: date | None) -> PartialDate | None:
    """A date named ahead of time ("effective May 5") in a clause not in the future
    tense: the occurrence nearer to publication, before or after it."""
    after = _resolve(ent, published, True)
    before = _resolve(ent, published, False)
    if published is None or after is None or before is None:
        return after or before
    gap_after = abs((after.first_day() - published).days)
    gap_before = abs((published - before.last_day()).days)
    return before if gap_before < gap_after else after


def _range_end(ent: Span, start: PartialDate, published: date | None) -> PartialDate | None:
    """The end of a range whose start is ``ent``: "from 2010 to 2014" (the tagger often
    leaves the second year untagged), "between 2010 and 2014" (one entity). An end
    without a year lies in the start's year or after ("from April to December")."""
    opener = ent.root if ent.root.lower_ == "between" else ent.root.head
    if opener.lower_ == "from":
        closers = [c for c in opener.children if c.dep_ == "prep" and c.lower_ in _RANGE_ENDS]
        objs = [o for c in closers for o in c.children if o.dep_ == "pobj"]
    elif opener.lower_ == "between":
        firsts = [c for c in opener.children if c.dep_ == "pobj"]
        objs = [c for f in firsts for c in f.children if c.dep_ == "conj"]
    else:
        return None
    if not objs:
        return None
    words = " ".join(t.text for t in objs[0].subtree)
    if not any(ch.isdigit() for ch in words) and not timex.names_month(words):
        return None
    end = timex.resolve(words, published)
    if end is not None and end.last_day() < start.first_day():
        end = timex.resolve(f"{words} {start.year}", published)
    return end if end is not None and end.last_day() >= start.first_day() else None


def _begun(verb: Token, anchor_set: set[int]) -> bool:
    """The relation's verb is the complement of a verb of starting ("started using",
    "began supplying"): a date on it is when the relation began."""
    begins = set(resources.load_json("time.json")["relationship_starts"]["lemmas"])
    return (
        verb.i in anchor_set
        and verb.dep_ == "xcomp"
        and verb.tag_ == "VBG"
        and verb.head.lemma_.lower() in begins
    )


def _resolve(ent: Span, published: date | None, future: bool = False) -> PartialDate | None:
    """``timex.resolve`` of a DATE entity; "in May" keeps its preposition, which makes
    "May" a month and not the verb it is on its own."""
    text = ent.text
    if text.lower() == "may" and ent.start > 0 and ent.doc[ent.start - 1].pos_ == "ADP":
        text = f"{ent.doc[ent.start - 1].text} {text}"
    return timex.resolve(text, published, future)


def _date_head(root: Token, own: frozenset[int] = frozenset()) -> tuple[Token, str]:
    """The word a date hangs on and its preposition: "in March" → the verb, "in"; a
    date in a clause opened by "until", "since" or "when" bounds the clause above it
    ("owned by X until it was spun off in 2019": the ownership ends), unless that
    clause is the relation's own (``own``: "since Y resigned as CEO last August" dates
    Y's resignation). The end of a range hangs on its start ("from 2010 to 2014")."""
    marks = resources.load_json("time.json")["time_clauses"]["marks"]
    head, prep = root.head, ""
    if head.pos_ in {"ADP", "SCONJ"} or head.dep_ == "prep":
        prep, head = head.lower_, head.head
    if prep in _RANGE_ENDS and head.dep_ == "prep" and head.lower_ == "from":
        prep, head = "until", head.head
    elif prep == "to" and root.head.i > root.i - 2 and _ranged_from(root.head):
        prep = "until"  # "served from 2010 to 2016", both phrases hung on the verb
    if head.pos_ == "ADV" and head.dep_ == "advmod" and head.head.i != head.i:
        head = head.head  # "dates back to 2011"
    mark = next((c.lower_ for c in head.children if c.dep_ in {"mark", "advmod"}), None)
    if head.dep_ == "advcl" and mark in marks and head.head.i != head.i and head.i not in own:
        prep, head = marks[mark] or prep, head.head
    return head, prep


def _ranged_from(to: Token) -> bool:
    """The "to" phrase follows a "from" date on the same word: "from 2010 to 2016"."""
    before = to.doc[to.i - 1] if to.i > 0 else to
    return any(
        c.dep_ == "prep" and c.lower_ == "from" and c.i < to.i and before.ent_type_ == "DATE"
        for c in to.head.children
    )


# Words closing a range opened by "from" ("from 2010 to 2014", "from May through July").
_RANGE_ENDS = {"to", "until", "till", "through"}


def _finite_clause(tok: Token) -> bool:
    """A clause of its own: a relative clause, or a verb with its own subject or tense."""
    return (
        tok.dep_ in {"relcl", "conj", "ccomp", "parataxis"}
        or tok.tag_ in {"VBD", "VBZ", "VBP"}
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    )


def _starts_relationship(verb: Token, anchor_set: set[int]) -> bool:
    """A clause on the relationship's noun that says when it began ("an alliance that
    began in 2016", "a venture dating back to 2011")."""
    begins = set(resources.load_json("time.json")["relationship_starts"]["lemmas"])
    return (
        verb.dep_ in {"relcl", "acl"}
        and verb.head.i in anchor_set
        and verb.head.pos_ in {"NOUN", "PROPN"}
        and verb.lemma_.lower() in begins
    )


def _on_subject_title(cand: Candidate, head: Token, trigger: Token, anchor_set: set[int]) -> bool:
    """ "Its chief executive from 2015 to 2021, X, now runs Y": a date on the subject's
    own title dates that post, not the role its verb names."""
    return (
        cand.relation is Relation.EXECUTIVE_OF
        and head.i not in anchor_set
        and head.pos_ == "NOUN"
        and head.dep_ in {"nsubj", "nsubjpass"}
        and head.head.i == trigger.i
    )


def _closes_deal(verb: Token, anchor_set: set[int]) -> bool:
    """A clause on the deal the relation was made in that says when it closed ("bought
    X in a deal that closed in the third quarter", "under an agreement completed in
    May"): the deal noun hangs by a preposition on the relation's verb."""
    closing = set(resources.load_json("time.json")["deal_closings"]["lemmas"])
    deals = set(resources.load_json("cues.json")["deal_nouns"])
    noun = verb.head
    return (
        verb.dep_ in {"relcl", "acl"}
        and verb.lemma_.lower() in closing
        and noun.lemma_.lower() in deals
        and noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and noun.head.head.i in anchor_set
        and noun.head.head.pos_ == "VERB"
    )


def _ended_on(ctx: Context, cand: Candidate, published: date | None) -> bool:
    """The date a "when" clause hangs on ends the relation: "since July, when Y was
    ousted" ends Y's role in July. False when the word is in no date."""
    tok = ctx.doc[cand.ended_on] if cand.ended_on is not None else None
    ent = next((e for e in ctx.doc.ents if tok is not None and e.start <= tok.i < e.end), None)
    if ent is None or ent.label_ != "DATE":
        return False
    when = timex.resolve(ent.text, published)
    if when is None:
        return False
    cand.valid_to, cand.dated = when, True
    return True


def news_day(ctx: Context, published: date | None) -> PartialDate | None:
    """The day the article's news happened: the day its lead sentence names ("said on
    Tuesday", "quit on Friday"), else the publication day. An undated event told as
    happening now ("is stepping down", "will buy") is dated by it."""
    if published is None:
        return None
    words = set(resources.load_json("time.json")["news_day"]["words"])
    lead = next(iter(ctx.doc.sents), None)
    for ent in lead.ents if lead is not None else ():
        if ent.label_ != "DATE" or not words & set(ent.text.lower().split()):
            continue
        head, _ = _date_head(ent.root)
        if head.pos_ in {"VERB", "AUX"} and _future([head]):
            continue  # "will vote on Friday": not the day of the news
        when = _resolve(ent, published)
        if when is not None and when.day is not None:
            return when
    return PartialDate.parse(published)


def _relationship_start(
    ctx: Context, cand: Candidate, published: date | None
) -> PartialDate | None:
    """When the relationship began, from a clause on a noun naming it anywhere in the
    text ("an investment it has held since 2013", "a collaboration dating back to
    2014") in a sentence that names no company but the two; for one being ended, a
    length ("end their 14-year partnership") counts back from publication."""
    rules = resources.load_json("time.json")
    nouns = set(rules["relationship_nouns"].get(cand.relation.value, []))
    holding = set(rules["relationship_nouns"]["holding_lemmas"])
    begins = set(rules["relationship_starts"]["lemmas"])
    for ent in (e for e in ctx.doc.ents if e.label_ == "DATE"):
        root = ent.root
        length = _length_in_years(ent)
        if length is not None and length[1].lemma_.lower() in nouns:
            if cand.ending and published is not None and _only_the_two(ctx, root, cand):
                # counted back from a past end the text dates ("ended its three-year
                # partnership in 2020"), else from publication ("will end their
                # 14-year partnership when the licences expire in January")
                base = min(cand.valid_to.year if cand.valid_to else 9999, published.year)
                return PartialDate(base - length[0])
            continue
        verb, prep = _date_head(root)
        if verb.dep_ not in {"relcl", "acl"} or verb.head.lemma_.lower() not in nouns:
            continue
        lemma = verb.lemma_.lower()
        if not (lemma in begins or (prep == "since" and lemma in holding)):
            continue
        if _only_the_two(ctx, root, cand):
            when = _resolve(ent, published)
            if when is not None:
                return when
    return None


def _length_in_years(ent: Span) -> tuple[int, Token] | None:
    """A length in years and the noun it measures: "their 14-year partnership",
    "a two-decade alliance", "the decade-long venture"."""
    numbers = resources.load_json("time.json")["counted_ago"]["numbers"]
    unit = next((t for t in ent if t.lemma_.lower() in {"year", "decade"}), None)
    if unit is None:
        return None
    before = ent.doc[unit.i - 1] if unit.i > 0 else None
    if before is not None and before.text == "-" and unit.i > 1:
        before = ent.doc[unit.i - 2]
    count = None
    if before is not None and before.i >= ent.start - 1:
        word = before.lower_
        count = int(word) if word.isdigit() and len(word) < 3 else numbers.get(word)
    decade = unit.lemma_.lower() == "decade"
    if count is None and not decade:
        return None
    noun = unit.head
    if noun.pos_ == "ADJ" and noun.lower_ == "long":
        noun = noun.head  # "decade-long partnership"
    if noun.i == unit.i or noun.pos_ != "NOUN":
        return None
    return (count or 1) * (10 if decade else 1), noun


def _deliveries_start(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """When deliveries start ("with deliveries due to start in 2026", "shipments will
    begin in March", "will supply fuel starting in 2027"), in a sentence naming no
    company but the two."""
    rules = resources.load_json("time.json")["supply_starts"]
    verbs, nouns = set(rules["verbs"]), set(rules["nouns"])
    for ent in (e for e in ctx.doc.ents if e.label_ == "DATE"):
        verb, _ = _date_head(ent.root)
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        subj = _raised_subject(verb)
        if _starts_supplying(verb, set(rules["supply_verbs"])):
            pass  # "which will supply fuel from a plant in Texas starting in 2027"
        elif subj is None or subj.lemma_.lower() not in nouns:
            continue
        if _only_the_two(ctx, ent.root, cand):
            when = _resolve(ent, published, True)
            if when is not None:
                return when
    return None


def _starts_supplying(verb: Token, supply_verbs: set[str]) -> bool:
    """ "will supply fuel starting in 2027", "... from a plant starting in 2027": a start
    participle on a verb of supplying, or on a noun in its phrase."""
    if verb.lower_ not in _START_PARTICIPLES:
        return False
    if verb.dep_ == "advcl":
        supplying: Token | None = verb.head
    else:
        supplying = _misattached_start(verb, {t.i for t in verb.sent if t.pos_ == "VERB"})
    return supplying is not None and supplying.lemma_.lower() in supply_verbs


def _raised_subject(verb: Token) -> Token | None:
    """Whose start it is: "shipments will begin", "deliveries are due to start",
    "with deliveries due to start"."""
    node = verb
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
        if node.dep_ == "amod":
            return node.head
        if node.dep_ not in {"xcomp", "acomp"}:
            return None
        node = node.head
    return None


def _expiry(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """The date a relationship's agreements run out ("the present contracts run out
    at the end of March next year"), said in a sentence naming no other company."""
    if cand.relation not in _RELATIONSHIP:
        return None
    rules = resources.load_json("time.json")["relationship_nouns"]["expiring"]
    verbs, nouns = set(rules["verbs"]), set(rules["nouns"])
    for ent in (e for e in ctx.doc.ents if e.label_ == "DATE"):
        verb, prep = _date_head(ent.root)
        if verb.pos_ != "VERB" or not _keys(verb) & verbs or prep in {"since", "from"}:
            continue
        if not any(c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in verb.children):
            continue
        if _only_the_two(ctx, ent.root, cand):
            future = _future([verb]) or verb.tag_ in {"VBZ", "VBP"}
            when = _resolve(ent, published, future)
            if when is not None:
                return when
    return None


def _only_the_two(ctx: Context, tok: Token, cand: Candidate) -> bool:
    """True when ``tok``'s sentence names no company other than the relation's two ends."""
    ends = {cand.subject.name, cand.object.name}
    return not any(
        m is not None and m.type is ORG and m.name not in ends
        for m in (ctx.at.get(t.i) for t in tok.sent)
    )


def _role_bounds(ctx: Context, cand: Candidate, published: date | None, appointed: bool) -> None:
    """A role named now that the person takes up later ("named X chief executive on
    Friday ... X will start on Oct. 21") starts then; a role with no end that the person
    will leave ("before she steps down in October") ends then."""
    rules = resources.load_json("time.json")["role_bounds"]
    if cand.starting and appointed and cand.valid_from is not None:
        later = _role_clause_date(ctx, cand, set(rules["start_keys"]), published, True)
        if later is not None and later.first_day() > cand.valid_from.first_day():
            cand.valid_from, cand.dated = later, True
    if not cand.ending and not cand.starting and cand.valid_to is None:
        end = _role_clause_date(ctx, cand, set(rules["end_keys"]), published, False)
        if end is not None:
            cand.valid_to = end


def _role_clause_date(
    ctx: Context, cand: Candidate, keys: set[str], published: date | None, future_only: bool
) -> PartialDate | None:
    """The date of a clause whose verb is one of ``keys`` and whose subject is the person
    (a pronoun counts), naming no other company. A verb in the present ("before she
    steps down in October") speaks of what is planned, as "will" does."""
    ending = set(resources.load_json("cues.json")["ending_prepositions"])
    for ent in (e for e in ctx.doc.ents if e.label_ == "DATE"):
        verb, prep = _date_head(ent.root)
        if verb.pos_ not in {"VERB", "AUX"} or prep in ending or not _keys(verb) & keys:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or cand.subject.name not in {m.name for m in ctx.ents_at(subj, PERSONS)}:
            continue
        if _names_other_company(ctx, verb, subj, cand):
            continue
        future = _future([verb]) or verb.tag_ in {"VBZ", "VBP"}
        if future_only and not _future([verb]):
            continue
        when = _resolve(ent, published, future)
        if when is not None:
            return when
    return None


def _names_other_company(ctx: Context, verb: Token, subj: Token, cand: Candidate) -> bool:
    """True when the verb's clause, leaving out its subject's phrase, names a company
    other than the role's."""
    skip = {t.i for t in subj.subtree}
    for tok in verb.subtree:
        m = ctx.at.get(tok.i)
        if tok.i not in skip and m is not None and m.type is ORG and m.name != cand.object.name:
            return True
    return False


def _role_start(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """When the person's role began, from a clause about the person: "X, who took over
    in 2021", "who has run the firm since 2017", "has been reshaping it since taking
    charge in 2018". Its own sentence first; then any other sentence that says it of
    the same person with no other company in the clause ("Y, who has led it since 2016,
    will stay on as chairman")."""
    rules = resources.load_json("time.json")["role_starts"]
    sent = ctx.doc[cand.trigger].sent
    found = _role_start_in(ctx, cand, sent, set(rules["keys"]), published)
    for other in ctx.doc.sents if found is None else ():
        if other.start != sent.start:
            found = _role_start_in(ctx, cand, other, set(rules["elsewhere_keys"]), published)
            if found is not None:
                break
    return found


def _role_start_in(
    ctx: Context, cand: Candidate, sent: Span, keys: set[str], published: date | None
) -> PartialDate | None:
    holding = set(resources.load_json("time.json")["role_starts"]["since_lemmas"])
    ending = set(resources.load_json("cues.json")["ending_prepositions"])
    trigger = ctx.doc[cand.trigger]
    elsewhere = not sent.start <= trigger.i < sent.end
    best: tuple[int, PartialDate] | None = None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        verb, prep = _date_head(ent.root)
        if verb.pos_ not in {"VERB", "AUX"} or prep in ending:
            continue
        if not (_keys(verb) & keys or (prep == "since" and verb.lemma_.lower() in holding)):
            continue
        if not _said_of(ctx, verb, cand.subject.name) or _about_other(ctx, verb, cand):
            continue
        if elsewhere and _other_company(ctx, verb, cand):
            continue
        when = _resolve(ent, published, _future([verb]))  # "will take the helm on Jan. 1"
        dist = abs(ent.root.i - trigger.i)
        if when is not None and (best is None or dist < best[0]):
            best = (dist, when)
    return best[1] if best else None


def _other_company(ctx: Context, verb: Token, cand: Candidate) -> bool:
    """True when the clause names a company other than the role's."""
    for tok in verb.subtree:
        m = ctx.at.get(tok.i)
        if m is not None and m.type is ORG and m.name != cand.object.name:
            return True
    return False


def _said_of(ctx: Context, verb: Token, name: str) -> bool:
    """True when ``verb``'s subject is the person ``name``: its own subject, the noun a
    relative clause ("X, who took over") or a "since" phrase hangs on."""
    node = verb
    for _ in range(6):
        subj = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            if subj.tag_ in {"WP", "WDT"} and node.dep_ == "relcl":
                subj = node.head
            near = [subj, *subj.children]
            if subj.dep_ in {"appos", "npadvmod"}:
                near.append(subj.head)  # "X, 65, who has led it since 2010"
            return any(_names(ctx, t, name) or _surname(t, name) for t in near if t.dep_ != "relcl")
        if node.dep_ not in {"conj", "xcomp", "pcomp", "prep", "advcl"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _surname(tok: Token, name: str) -> bool:
    """ "Read" for Ian Read: a person's last name on its own, when the tagger missed it."""
    parts = name.split()
    return len(parts) > 1 and tok.pos_ == "PROPN" and tok.text == parts[-1]


def _names(ctx: Context, tok: Token, name: str) -> bool:
    m = ctx.at.get(tok.i)
    return m is not None and m.name == name


def _founding_date(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """A company is founded once: "Z, a start-up founded in 2019", said anywhere in the
    text, dates every founder's ``founded``; so does a founding verb whose doer is the
    founder and whose object names no other company ("the chain X founded in 1959",
    "the insurer, founded in 2015 by X and Y")."""
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or not (_is_founding(tok) or _starts_a_company(tok)):
            continue
        if not (_founds_the_company(ctx, tok, cand) or _founded_by(ctx, tok, cand)):
            continue
        for ent in tok.sent.ents:
            if ent.label_ == "DATE" and _date_head(ent.root)[0].i == tok.i:
                when = _resolve(ent, published)
                if when is not None:
                    return when
    return None


def _is_founding(tok: Token) -> bool:
    return resources.founding_verb(tok.lemma_.lower(), tok.lower_)


def _starts_a_company(tok: Token) -> bool:
    """ "started the sportswear company", "set up the firm": a founding only with a
    company for its object (the name itself is checked by the callers)."""
    rules = resources.load_json("time.json")["founding_starts"]
    if not _keys(tok) & set(rules["lemmas"]):
        return False
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in rules["nouns"] or o.ent_type_ == "ORG" for o in objs)


def _founds_the_company(ctx: Context, tok: Token, cand: Candidate) -> bool:
    if tok.dep_ in {"acl", "relcl"}:
        named: Token | None = tok.head
    else:
        named = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if named is not None and named.dep_ == "appos":
        named = named.head  # "Z, a chip start-up founded in 2019"
    return named is not None and _names(ctx, named, cand.object.name)


def _founded_by(ctx: Context, tok: Token, cand: Candidate) -> bool:
    """The founder is the verb's doer and the founded thing is this company or unnamed."""
    doers = {m.name for m in ctx.agent(tok, PERSONS)}
    if not tok.lemma_.lower().startswith("found"):
        # "the service he co-founded with X in 1997": X is a founder too
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                doers |= {m.name for t in (obj, *obj.conjuncts) for m in ctx.ents_at(t, PERSONS)}
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if cand.subject.name not in doers and not (subj and _surname(subj, cand.subject.name)):
        return False
    made = {m.name for m in ctx.patient(tok, ORGS)}
    return not made or cand.object.name in made
