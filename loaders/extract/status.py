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

from spacy.tokens import Span, Token

from graph.model import EntityType, PartialDate, Relation
from loaders.extract import resources, timex
from loaders.extract.qualifiers import anchors
from loaders.extract.slots import Context
from loaders.extract.types import Candidate

ORG = EntityType.ORGANIZATION
PERSON = EntityType.PERSON
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
    """Set ``valid_from``/``valid_to`` from the dates attached to the trigger's clause."""
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
    # "X will retire in June and Y will succeed him on July 1": June is not Y's.
    ended = _ended_lemmas()
    chain = [
        t
        for i, t in enumerate(chain)
        if i == 0 or not (_keys(t) & ended and _of_other_person(ctx, t, cand))
    ]
    cues = resources.load_json("cues.json")
    if cand.ending:
        # "cut ties with X, its supplier, in March": the ending clause's date ends it.
        chain += _ended_by_namer(cand, trigger)
    start, end = _clause_dates(ctx, cand, trigger, chain, published)
    day = news_day(ctx, published)
    if end is not None:
        cand.valid_to, cand.dated = end, True
    elif day is not None and cand.ending:
        cand.valid_to = day  # reported as happening now ("is stepping down")
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
    if cand.valid_from is None and cand.relation is Relation.EXECUTIVE_OF:
        cand.valid_from = _role_start(ctx, cand, published)
    elif cand.valid_from is None and cand.relation is Relation.FOUNDED:
        cand.valid_from = _founding_date(ctx, cand, published)
    if cand.valid_from is not None and start is None:
        cand.dated = cand.dated or cand.valid_from != day


def _deal_told_now(
    cand: Candidate, chain: list[Token], trigger: Token, published: date | None
) -> bool:
    """A deal told as made now: "has agreed to acquire", "will buy", "would take a stake".
    A future deal in a sentence that dates something other than the telling ("will buy X
    from Y, which spun it off in 2021") is left undated: its writer gave dates, none of
    them the deal's."""
    if cand.relation not in _DEALS:
        return False
    if cand.qualifiers.get("status") in {"announced", "active"}:
        return True
    told = set(resources.load_json("time.json")["news_day"]["words"])
    return _future(chain) and not any(
        e.label_ == "DATE"
        and not told & set(e.text.lower().split())
        and timex.resolve(e.text, published) is not None  # not a span ("a 10-year pact")
        for e in trigger.sent.ents
    )


def _clause_dates(
    ctx: Context, cand: Candidate, trigger: Token, chain: list[Token], published: date | None
) -> tuple[tuple[PartialDate, str] | None, PartialDate | None]:
    """The nearest start (with its preposition) and the nearest end the clause dates."""
    cues = resources.load_json("cues.json")
    speech = set(resources.load_json("time.json")["speech_verbs"]["lemmas"])
    anchor_set = {t.i for t in chain}
    starts: list[tuple[int, PartialDate, str]] = []
    ends: list[tuple[int, PartialDate]] = []
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE":
            continue
        found = _attached_date(ctx, cand, trigger, ent, anchor_set, published)
        if found is None:
            continue
        when, prep, said = found
        # "said on Monday that X will succeed Y effective Jan. 1": the clause's own date
        # first; the day of the telling only when the clause has none.
        dist = abs(ent.root.i - trigger.i) + (100 if said.lemma_.lower() in speech else 0)
        if prep in cues["ending_prepositions"] or (
            cand.ending and prep not in cues["starting_prepositions"]
        ):
            ends.append((dist, when))
        else:
            starts.append((dist, when, prep))
    start = min(starts, key=lambda x: x[0]) if starts else None
    end = min(ends, key=lambda x: x[0])[1] if ends else None
    return ((start[1], start[2]) if start else None), end


def _attached_date(
    ctx: Context,
    cand: Candidate,
    trigger: Token,
    ent: Span,
    anchor_set: set[int],
    published: date | None,
) -> tuple[PartialDate, str, Token] | None:
    """The date ``ent`` gives the relation, its preposition, and the word it hangs on;
    None when it belongs to another clause."""
    cues = resources.load_json("cues.json")
    root = ent.root
    head, prep = _date_head(root)
    said = head
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
    if head.i not in anchor_set and not inside:
        if not _starts_relationship(head, anchor_set):
            return None
        prep, head = "since", head.head  # "a partnership that began in 2016"
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
    future = before in cues["forward_words"] or (
        _future([verb]) if verb.pos_ in {"VERB", "AUX"} else _future(chain)
    )
    when = _resolve(ent, published, future)
    if when is None:
        return None
    prep = prep or (
        before if before in cues["starting_prepositions"] + cues["ending_prepositions"] else ""
    )
    return when, prep, said


def _resolve(ent: Span, published: date | None, future: bool = False) -> PartialDate | None:
    """``timex.resolve`` of a DATE entity; "in May" keeps its preposition, which makes
    "May" a month and not the verb it is on its own."""
    text = ent.text
    if text.lower() == "may" and ent.start > 0 and ent.doc[ent.start - 1].pos_ == "ADP":
        text = f"{ent.doc[ent.start - 1].text} {text}"
    return timex.resolve(text, published, future)


def _date_head(root: Token) -> tuple[Token, str]:
    """The word a date hangs on and its preposition: "in March" → the verb, "in"; a
    date in a clause opened by "until", "since" or "when" bounds the clause above it
    ("owned by X until it was spun off in 2019": the ownership ends)."""
    marks = resources.load_json("time.json")["time_clauses"]["marks"]
    head, prep = root.head, ""
    if head.pos_ in {"ADP", "SCONJ"} or head.dep_ == "prep":
        prep, head = head.lower_, head.head
    if head.pos_ == "ADV" and head.dep_ == "advmod" and head.head.i != head.i:
        head = head.head  # "dates back to 2011"
    mark = next((c.lower_ for c in head.children if c.dep_ in {"mark", "advmod"}), None)
    if head.dep_ == "advcl" and mark in marks and head.head.i != head.i:
        prep, head = marks[mark] or prep, head.head
    return head, prep


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
        when = _resolve(ent, published)
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
            return any(_names(ctx, t, name) for t in (subj, *subj.children) if t.dep_ != "relcl")
        if node.dep_ not in {"conj", "xcomp", "pcomp", "prep", "advcl"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _names(ctx: Context, tok: Token, name: str) -> bool:
    m = ctx.at.get(tok.i)
    return m is not None and m.name == name


_FOUNDING = {"found", "co-found", "cofound", "establish"}


def _founding_date(ctx: Context, cand: Candidate, published: date | None) -> PartialDate | None:
    """A company is founded once: "Z, a start-up founded in 2019", said anywhere in the
    text, dates every founder's ``founded``."""
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _FOUNDING:
            continue
        if tok.dep_ in {"acl", "relcl"}:
            named: Token | None = tok.head
        else:
            named = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if named is not None and named.dep_ == "appos":
            named = named.head  # "Z, a chip start-up founded in 2019"
        if named is None or not _names(ctx, named, cand.object.name):
            continue
        for ent in tok.sent.ents:
            if ent.label_ == "DATE" and _date_head(ent.root)[0].i == tok.i:
                when = _resolve(ent, published)
                if when is not None:
                    return when
    return None
