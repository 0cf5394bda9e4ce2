"""Stages 7–8: succession, checks, merging and the seam's ``ExtractedFact``s.

Checks: both ends have types the ontology's signature allows, no
self-relations, symmetric relations once per pair. Statements of one triple in
one document share their time and status (an ending said anywhere closes the
relation), but each keeps its own evidence sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import reduce

from spacy.tokens import Span, Token

from graph.model import SIGNATURES, SYMMETRIC, Document, EntityType, PartialDate, Relation
from graph.temporal import earliest_start, latest_end
from loaders.extract import resources, timex
from loaders.extract.names import org_key, same_org
from loaders.extract.slots import Context, of_shares, time_phrase
from loaders.extract.types import Candidate, EntityRef, ExtractedFact, Mention

# "reported" ranks lowest: an attributed statement of the same fact replaces it.
_STATUS_RANK = {
    "ended": 5, "renegotiating": 4, "strained": 3, "active": 2, "announced": 1, "reported": 0.5,
}  # fmt: skip
PERSON = frozenset({EntityType.PERSON})
#: Verbs that move a stake from one owner to another ("sold 66% of X to Y", "took 51%").
_SHARE_UNITS = frozenset({"%", "pct", "percent"})
_OUTWARD = frozenset({"sell", "divest"})
_TRANSFERS = frozenset({"sell", "buy", "purchase", "acquire", "take", "receive", "divest"})


def succession(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """ "X replaces Y" / "Y will be succeeded by X": the role passes from Y to X."""
    kinds = resources.load_json("relations.json")["succession"]
    extra: list[Candidate] = []
    execs = [c for c in cands if c.relation is Relation.EXECUTIVE_OF]
    for tok in ctx.doc:
        from_whom = _taken_over_from(tok)
        if tok.pos_ != "VERB" or (tok.lemma_.lower() not in kinds and from_whom is None):
            continue
        new = ctx.agent(tok, PERSON)
        if not new and tok.dep_ in {"advcl", "conj"}:
            new = ctx.patient(tok.head, PERSON)
        if not new and tok.dep_ == "pcomp":
            new = _gerund_holder(ctx, tok)
        old = ctx.patient(tok, PERSON) if from_whom is None else ctx.ents_at(from_whom, PERSON)
        sent = tok.sent
        # "X named Y chief executive. He succeeds Z": a pronoun's role is in the sentence before.
        # "X will step down. She will be replaced by Y": the role of the pronoun's
        # person is in the sentence before too
        told_before = _pronoun_patient(ctx, tok)
        first = _previous_start(sent) if _pronoun_agent(ctx, tok) or told_before else sent.start
        if not any(first <= c.trigger < sent.end for c in execs):
            extra += _succeeded_earlier(ctx, execs, tok, new, old)
        for c in execs:
            if not first <= c.trigger < sent.end:
                continue
            if _in_other_relative(ctx, c.trigger, tok) and not _on_replaced(ctx, c, old):
                continue
            if _describes_subject(ctx, c.trigger, tok) or _describes_new(ctx, c.trigger, tok, new):
                # "X, its finance chief, will succeed Y as CEO": the role X holds now,
                # which neither passes to Y nor starts on the succession's date
                c.timeless = True
                continue
            for n in new:
                for o in old:
                    if c.subject.name == n.name and o.name != n.name:
                        if not (told_before and _ended_already(ctx, execs, o, c)):
                            extra.append(_moved(c, o, tok.i, ending=True))
                    elif (
                        c.subject.name == o.name
                        and o.name != n.name
                        and (c.trigger >= sent.start or (told_before and _last_role(c, execs)))
                    ):
                        extra.append(_moved(c, n, tok.i, ending=False))
                        if _on_replaced(ctx, c, old):
                            # "taking over from Y, who has run X since May": Y's post ends
                            extra.append(_moved(c, o, tok.i, ending=True))
    return (
        cands
        + extra
        + _departed(ctx, execs)
        + _successor_nouns(ctx, execs)
        + _vacated(ctx)
        + _predecessors(ctx)
    )


def _succeeded_earlier(
    ctx: Context, execs: list[Candidate], verb: Token, new: list[Mention], old: list[Mention]
) -> list[Candidate]:
    """ "X fired chief executive A on Monday. A had been in the job for a year, having
    succeeded B in 2024": a succession told in a sentence of its own, which gives no role,
    passes the one post the text gave the new holder before; B held it until then. Not
    when the sentence names a company of its own, or the holder had posts at two."""
    if (
        not new
        or not old
        or any(m.type is EntityType.ORGANIZATION for m in _mentions_in(ctx, verb.sent))
    ):
        return []
    posts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    posts += [r for t in posts for a in t.children if a.lower_ == "as" for r in a.children]
    if any(
        p.dep_ == "prep" and p.lower_ in _POST_PREPS and not time_phrase(p)
        for t in posts
        for p in t.children
    ):
        return []  # "succeeded B at Y", "succeeded B as chairman of Y": a post of its own
    out = []
    for n in new:
        earlier = [c for c in execs if c.subject.name == n.name and c.trigger < verb.sent.start]
        if len({org_key(c.object.name) for c in earlier}) != 1:
            continue
        for o in old:
            if o.name != n.name:
                out.append(_moved(earlier[-1], o, verb.i, ending=True))
    return out


#: Prepositions that place a post at a company of its own: "succeeded B at Y".
_POST_PREPS = frozenset({"at", "of", "in", "with", "on"})


def _mentions_in(ctx: Context, sent: Span) -> list[Mention]:
    return [m for m in ctx.mentions if sent.start <= m.start < sent.end]


#: Nouns for the one who takes over a person's post: "named Y as his successor".
_SUCCESSOR_NOUNS = frozenset({"successor", "replacement"})


def _successor_nouns(ctx: Context, execs: list[Candidate]) -> list[Candidate]:
    """ "X named Y as his successor", "Y was picked as her replacement": Y takes the role
    the possessor held in this sentence or the one before, at the same company."""
    out: list[Candidate] = []
    for noun in ctx.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _SUCCESSOR_NOUNS:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        old = ctx.ents_at(owner, PERSON)
        new = ctx.holder(noun, PERSON)
        first = _previous_start(noun.sent)
        if owner.lower_ in ctx.person_pron and {m.name for m in old} <= {n.name for n in new}:
            old = _earlier_holder(execs, first, noun, new)
        if len(old) != 1 or not new:
            continue
        roles = [
            c for c in execs if c.subject.name == old[0].name and first <= c.trigger < noun.sent.end
        ]
        companies = {c.object.name for c in roles}
        if len(companies) != 1:
            continue  # two posts: which one passes is not said
        out.extend(_moved(roles[-1], n, noun.i, ending=False) for n in new if n.name != old[0].name)
    return out


def _earlier_holder(
    execs: list[Candidate], first: int, noun: Token, new: list[Mention]
) -> list[Mention]:
    """Whose successor a pronoun names when it cannot be the new holder himself: "X
    fired chief executive A. The company named B as his replacement" (A, the one person
    the sentence before gave a role, not B)."""
    names = {n.name for n in new}
    people = {
        c.subject.name: c.subject
        for c in execs
        if first <= c.trigger < noun.sent.start and c.subject.name not in names
    }
    return list(people.values()) if len(people) == 1 else []


def _gerund_holder(ctx: Context, verb: Token) -> list[Mention]:
    """ "A, X's CEO since succeeding Y", "CEO A, since replacing Y": who the phrase the
    gerund sits in describes (a person, or the holder of the role it hangs on)."""
    governor = verb.head.head
    if verb.head.lower_ not in {"since", "after"} or governor.i == verb.head.i:
        return []
    named = ctx.ents_at(governor, PERSON)
    if named or governor.pos_ != "NOUN":
        return named
    return ctx.holder(governor, PERSON)


def _taken_over_from(tok: Token) -> Token | None:
    """ "X will take over from Y": the one handing over, the object of "from" (also
    hung on the role: "X took over as chief executive from Y")."""
    if tok.lemma_.lower() != "take" or not any(
        c.dep_ in {"prt", "advmod"} and c.lower_ == "over" for c in tok.children
    ):
        return None
    roles = [r for a in tok.children if a.dep_ == "prep" and a.lower_ == "as" for r in a.children]
    for prep in [*tok.children, *(c for r in roles for c in r.children)]:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


#: Verbs of a person leaving a post: "after Y was fired", "since Y resigned".
_LEAVING = frozenset(
    {"fire", "oust", "resign", "quit", "retire", "leave", "depart", "remove", "dismiss", "sack"}
)
#: Words that set a leaving clause beside the role that follows it.
_THEN = frozenset({"after", "when", "since", "following"})


def _departed(ctx: Context, execs: list[Candidate]) -> list[Candidate]:
    """ "A became chief executive of X after Y was ousted", "A has run X since Y
    resigned": the role A took was Y's, and it ended for Y when Y left."""
    out: list[Candidate] = []
    for c in execs:
        if c.ending:
            continue
        role = ctx.doc[c.trigger]
        for verb in role.sent:
            if not _leaving_clause(ctx, verb) or role in verb.subtree:
                continue
            clause = next((a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            if clause is None or role not in clause.subtree:
                continue
            for m in _leavers(ctx, verb):
                if m.name != c.subject.name:
                    moved = _moved(c, m, verb.i, ending=True)
                    # "since July, when Y was ousted": the clause's date starts the new
                    # stint; it would read as a start of Y's, so none is set
                    moved.timeless = verb.dep_ == "relcl"
                    if moved.timeless and verb.head.ent_type_ == "DATE":
                        moved.ended_on = verb.head.i  # "since July, when Y left": July
                        moved.timeless = False
                    out.append(moved)
    return out


#: Words before a role noun a company is left without: "without a permanent CEO".
_LACKING = frozenset({"without"})
ORG = frozenset({EntityType.ORGANIZATION})


def _predecessors(ctx: Context) -> list[Candidate]:
    """ "Y, her predecessor at X", "as is his predecessor at X, Y": Y held the post at X
    once; when it ended the phrase does not say."""
    out: list[Candidate] = []
    for noun in ctx.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() != "predecessor":
            continue
        at = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "at"]
        companies = ctx.prep(noun, "at", ORG) if at else []
        if len(companies) != 1:
            continue
        for m in ctx.holder(noun, PERSON):
            cand = _past_role(m, companies[0], _sent_index(ctx, noun), noun.i)
            cand.timeless = True
            out.append(cand)
    return out


def _past_role(person: Mention, company: Mention, sent_index: int, trigger: int) -> Candidate:
    """A role a person held at a company and left (when, the caller says)."""
    return Candidate(
        subject=person,
        relation=Relation.EXECUTIVE_OF,
        object=company,
        sent_index=sent_index,
        trigger=trigger,
        confidence=0.7,
        ending=True,
    )


def _vacated(ctx: Context) -> list[Candidate]:
    """ "X has been without a permanent chief executive since Y resigned", "the exit of
    ...": a company left lacking a role when someone left held it until then."""
    roles = {k: v for k, v in resources.load_json("relations.json")["roles"].items() if k[0] != "_"}
    out: list[Candidate] = []
    for tok in ctx.doc:
        if tok.dep_ != "pobj" or tok.head.lower_ not in _LACKING or tok.i in ctx.at:
            continue
        role = _role_name(tok, roles)
        verb = tok.head.head
        if role is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        companies = ctx.agent(verb, ORG) or ctx.patient(verb, ORG)
        if len(companies) != 1:
            continue
        for clause in verb.children:
            if clause.dep_ != "advcl" or not _leaving_clause(ctx, clause):
                continue
            for m in _leavers(ctx, clause):
                cand = _past_role(m, companies[0], _sent_index(ctx, tok), clause.i)
                cand.qualifiers["role"] = role
                out.append(cand)
    return out


def _role_name(tok: Token, roles: dict[str, str]) -> str | None:
    """The role qualifier of the longest role phrase ending at the token."""
    for n in (3, 2, 1):
        start = tok.i - n + 1
        if start < tok.sent.start:
            continue
        words = " ".join(t.lower_ for t in tok.doc[start : tok.i + 1])
        if words in roles:
            return roles[words]
    return None


def _leavers(ctx: Context, verb: Token) -> list[Mention]:
    found = [ctx.at.get(s.i) for s in verb.children if s.dep_ in {"nsubj", "nsubjpass"}]
    return [m for m in found if m is not None and m.type is EntityType.PERSON]


def _leaving_clause(ctx: Context, verb: Token) -> bool:
    """A clause of someone leaving a post, set as a time beside another clause, that
    names no other company left ("after Y left Z" is no leaving of the role's company)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LEAVING | {"step"}:
        return False
    if verb.lemma_.lower() == "step" and not any(c.lower_ == "down" for c in verb.children):
        return False
    marked = any(c.dep_ in {"mark", "advmod"} and c.lower_ in _THEN for c in verb.children)
    if not (verb.dep_ == "advcl" and marked) and not (
        verb.dep_ == "relcl" and any(c.lower_ == "when" for c in verb.children)
    ):
        return False
    return not any(
        t.i in ctx.at and ctx.at[t.i].type is EntityType.ORGANIZATION for t in verb.subtree
    )


def _describes_subject(ctx: Context, trigger: int, verb: Token) -> bool:
    """A role set in apposition to the succession verb's subject ("X, its finance chief,
    will succeed Y"): the role the new holder has now, not the one that passes."""
    role = ctx.doc[trigger]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return role.dep_ == "appos" and any(role.head == s or role.head in s.subtree for s in subjects)


def _describes_new(ctx: Context, trigger: int, verb: Token, new: list[Mention]) -> bool:
    """A role set in apposition to the new holder wherever the name stands ("Y named X,
    a former finance chief at Z, to succeed W"): X's own post, which does not pass to W
    (unless the succession is told inside it: "X, Y's chief since succeeding W")."""
    role = ctx.doc[trigger]
    start = role.left_edge.i
    if role.dep_ != "appos" or start == 0 or ctx.doc[start - 1].text != ",":
        return False  # "named X its chief executive" is the post X takes
    end = next((t.i for t in ctx.doc[role.i : role.sent.end] if t.text == ","), role.sent.end)
    if start <= verb.i < end:
        return False
    return any(n.start <= role.head.i < n.end for n in new)


def _ended_already(ctx: Context, execs: list[Candidate], person: Mention, c: Candidate) -> bool:
    """The person replaced has a dated ending of their own at the company ("X will retire
    in August, and Y will succeed her on Sept. 1"): that date ends it, not the successor's
    (an undated "is stepping down" takes the succession's)."""
    return any(
        o.ending
        and o.subject.name == person.name
        and o.object.name == c.object.name
        and _dated_clause(ctx.doc[o.trigger])
        for o in execs
    )


def _dated_clause(trigger: Token) -> bool:
    """A date in the trigger's own clause ("will retire in August"), not in a clause set
    inside it ("X, who has run it since 2006, is stepping down")."""
    verb = trigger
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for tok in verb.subtree:
        if tok.ent_type_ != "DATE":
            continue
        node = tok
        while node.i != verb.i and node.dep_ not in {"relcl", "acl", "advcl", "ccomp"}:
            node = node.head
        if node.i == verb.i:
            return True
    return False


def _last_role(c: Candidate, execs: list[Candidate]) -> bool:
    """The latest role the text gave the person before: the one a later "she was
    replaced" speaks of."""
    return all(o.trigger <= c.trigger for o in execs if o.subject.name == c.subject.name)


def _pronoun_patient(ctx: Context, verb: Token) -> bool:
    """The person replaced is a pronoun: "she will be replaced by Y", "Y will replace him"."""
    return any(
        c.dep_ in {"nsubjpass", "dobj"} and c.lower_ in ctx.person_pron for c in verb.children
    )


def _pronoun_agent(ctx: Context, verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ctx.person_pron for c in verb.children)


def _previous_start(sent: Span) -> int:
    return sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start


def stake_or_control(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Stake versus control: "bought 30% of X" is ``invests_in`` with a stake, not
    ``acquires``; "acquired the remaining stake in X" is ``acquires`` and no more an
    investment than any other takeover."""
    rules = resources.load_json("cues.json")["stake_control"]
    majority, whole = float(rules["majority_percent"]), set(rules["whole_words"])
    control: list[Candidate] = []
    for c in cands:
        stake = c.qualifiers.get("stake")
        rest = _buys_the_rest(ctx, c.trigger, whole)
        if c.relation is Relation.ACQUIRES and stake and _percent(stake) < majority:
            if rest:  # "bought the rest of X, in which it held 34%": the 34% was held before
                control.append(
                    replace(c, relation=Relation.INVESTS_IN, qualifiers=dict(c.qualifiers))
                )
                del c.qualifiers["stake"]
            else:
                c.relation = Relation.INVESTS_IN
        elif c.relation is Relation.ACQUIRES and stake and _percent(stake) < 100:
            # "bought a 66% stake in X": control of X, and a stake in it too
            control.append(replace(c, relation=Relation.INVESTS_IN, qualifiers=dict(c.qualifiers)))
        elif c.relation is Relation.ACQUIRES and not stake and _bare_stake(ctx, c.trigger, whole):
            c.relation = Relation.INVESTS_IN  # "bought stakes in X", "will acquire X shares"
        elif _takes_control(ctx, c, majority):
            # "sold a 66% stake in X to Y", "Y took 51% of X": Y's stake is control of X
            control.append(replace(c, relation=Relation.ACQUIRES, qualifiers=dict(c.qualifiers)))
    cands = cands + control
    taken = {(c.sent_index, c.subject.name, c.object.name) for c in cands
             if c.relation is Relation.ACQUIRES}  # fmt: skip
    out = []
    for c in cands:
        if (
            c.relation is Relation.INVESTS_IN
            and (c.sent_index, c.subject.name, c.object.name) in taken
            and any(t.lower_ in whole for t in ctx.doc[c.trigger].sent)
            and not c.qualifiers.get("stake")
        ):
            continue
        out.append(c)
    return out


#: Verbs of holding or taking a share of a company, whose clause may name a second
#: holder with its own share and no verb of its own.
_SHARE_VERBS = frozenset(
    {"keep", "hold", "own", "retain", "take", "buy", "acquire", "get", "control", "have"}
)
#: Words before a gapped share's number: "and Z about 19%".
_SHARE_HEDGES = frozenset(
    {"about", "around", "roughly", "some", "nearly", "almost", "approximately", "just",
     "over", "another", "the", "remaining", "a", "further", "more", "than", "less"}
)  # fmt: skip
_PERCENT_WORDS = frozenset({"%", "percent", "pct"})


def gapped_shares(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A second holder a gapped clause names with its own share: "X will keep 31% of Y
    and Z about 19%" (Z keeps 19% of Y), "Y is 70% owned by X and 30% by Z". The
    second clause has no verb, so no trigger of its own finds Z."""
    have = {(c.subject.name, c.object.name) for c in cands if c.relation is Relation.INVESTS_IN}
    extra = []
    for c in cands:
        if c.relation is not Relation.INVESTS_IN or c.ending:
            continue
        verb = ctx.doc[c.trigger]
        if verb.lemma_.lower() not in _SHARE_VERBS:
            continue
        for m in _gapped_holders(ctx, verb):
            pair = (m.name, c.object.name)
            if m.name in {c.subject.name, c.object.name} or pair in have:
                continue
            if m.type not in {EntityType.ORGANIZATION, EntityType.PERSON}:
                continue
            have.add(pair)
            extra.append(
                replace(c, subject=m, qualifiers={}, confidence=round(c.confidence - 0.1, 2))
            )
    return cands + extra


def _gapped_holders(ctx: Context, verb: Token) -> list[Mention]:
    """Names after "and" in the verb's sentence that carry a share and no verb: "and Z,
    the state fund, about 19%" or "and 30% by Z", ending the clause."""
    sent = verb.sent
    found = []
    for tok in sent:
        if tok.i <= verb.i or tok.lower_ != "and":
            continue
        if not any(t.lower_ in _PERCENT_WORDS for t in ctx.doc[sent.start : tok.i]):
            continue  # the first clause states a share too
        m = ctx.at.get(tok.i + 1)
        if m is not None and m.start == tok.i + 1:
            k = _share_after(ctx, _past_appositive(ctx, m.end, sent.end), sent.end)
            if k is not None and _clause_ends(ctx, k, sent.end):
                found.append(m)
            continue
        k = _share_after(ctx, tok.i + 1, sent.end)
        if k is None or k >= sent.end or ctx.doc[k].lower_ != "by":
            continue
        m = ctx.at.get(k + 1)
        if m is not None and m.start == k + 1 and _clause_ends(ctx, m.end, sent.end):
            found.append(m)
    return found


def _past_appositive(ctx: Context, k: int, end: int) -> int:
    """The index after a name's verbless appositive ", the state fund,", or ``k``."""
    if k >= end or ctx.doc[k].text != ",":
        return k
    for j in range(k + 1, min(k + 14, end)):
        tok = ctx.doc[j]
        if tok.pos_ in {"VERB", "AUX"}:
            return k
        if tok.text == ",":
            return j + 1
    return k


def _share_after(ctx: Context, k: int, end: int) -> int | None:
    """The index after "about 19%" starting at ``k``, or None."""
    while k < end and ctx.doc[k].lower_ in _SHARE_HEDGES:
        k += 1
    if k + 1 >= end or not ctx.doc[k].like_num:
        return None
    if ctx.doc[k + 1].lower_ in _PERCENT_WORDS:
        return k + 2
    if ctx.doc[k + 1].lower_ == "per" and k + 2 < end and ctx.doc[k + 2].lower_ == "cent":
        return k + 3
    return None


def _clause_ends(ctx: Context, k: int, end: int) -> bool:
    return k >= end or ctx.doc[k].text in {".", ";", ",", ")"} or ctx.doc[k].lower_ == "each"


_MERGE_WORDS = frozenset({"merge", "merger", "amalgamate", "amalgamation", "combine"})
_UNIT_NOUNS = frozenset({"subsidiary", "unit", "affiliate", "arm"})
#: Words of a takeover in the sentence of "X will become a unit of Y".
_TAKEOVER_WORDS = _MERGE_WORDS | {"acquisition", "takeover", "buyout", "deal", "transaction"}


def maker_uses(cands: list[Candidate]) -> list[Candidate]:
    """A product's maker uses what the product uses: "the Orlo Zeta runs on Kessel's
    Quill chip" with "Orlo makes the Zeta" states that Orlo uses Quill too; and a
    customer uses what its supplier makes (``_supplied_goods``). Read off statements
    of one window; a maker using its own goods is no news."""
    makers: dict[str, list[Mention]] = defaultdict(list)
    for c in cands:
        if c.relation is Relation.DEVELOPS and not c.ending:
            makers[c.object.name].append(c.subject)
    made = {(c.subject.name, c.object.name) for c in cands if c.relation is Relation.DEVELOPS}
    have = {(c.subject.name, c.object.name) for c in cands if c.relation is Relation.USES}
    extra = []
    for c in cands:
        if c.relation is not Relation.USES or c.subject.type is not EntityType.PRODUCT:
            continue
        for maker in makers.get(c.subject.name, []):
            pair = (maker.name, c.object.name)
            if pair in have or pair in made or same_org(maker.name, c.object.name):
                continue
            have.add(pair)
            extra.append(replace(c, subject=maker, confidence=round(c.confidence - 0.1, 2)))
    return cands + extra + _supplied_goods(cands, have)


def _supplied_goods(cands: list[Candidate], have: set[tuple[str, str]]) -> list[Candidate]:
    """A customer uses the goods its supplier makes: "Orlo supplies Kessel" with "Orlo
    makes the Zeta chip" in the same sentence states that Kessel uses the Zeta. Goods
    named in another sentence may be any of the supplier's lines, so they state nothing."""
    goods: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.relation is Relation.DEVELOPS and not c.ending:
            goods[c.subject.name].append(c)
    extra = []
    for c in cands:
        if c.relation is not Relation.SUPPLIES or c.ending:
            continue
        for d in goods.get(c.subject.name, []):
            if d.sent_index != c.sent_index:
                continue
            pair = (c.object.name, d.object.name)
            if pair in have or same_org(c.object.name, d.object.name):
                continue
            have.add(pair)
            extra.append(
                replace(c, subject=c.object, relation=Relation.USES, object=d.object,
                        qualifiers={}, confidence=round(c.confidence - 0.15, 2))
            )  # fmt: skip
    return extra


def becomes_unit(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """ "X will become a wholly owned subsidiary of Y", "holders backed a merger under
    which X becomes a unit of Y": Y takes X over, so Y acquires X too. Only an
    announced change (future or infinitive "become") or one said with a merger word."""
    extra = []
    for c in cands:
        if c.relation is not Relation.SUBSIDIARY_OF or c.ending:
            continue
        if ctx.doc[c.trigger].lemma_.lower() not in _UNIT_NOUNS:
            continue  # "will become part of its Z division": a place in the group
        verb = _becoming_verb(ctx.doc[c.trigger])
        if verb is None:
            continue
        ahead = any(a.lower_ in {"will", "would", "to", "shall"} for a in verb.children)
        merger = any(t.lemma_.lower() in _TAKEOVER_WORDS for t in verb.sent)
        if ahead or merger:
            extra.append(replace(c, relation=Relation.ACQUIRES, subject=c.object,
                                 object=c.subject, qualifiers={}))  # fmt: skip
    return cands + extra


#: Verbs that give a bought company its new standing: "became a subsidiary", "making
#: it a unit", "operates as a division".
_STANDING_VERBS = frozenset({"become", "remain", "operate", "make"})


def bought_unit(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """ "X was acquired by Y in 2008 and became a wholly owned subsidiary", "Y bought X,
    making it a unit": the unit noun names no owner, and the buyer is it."""
    extra = []
    for c in cands:
        if c.relation is not Relation.ACQUIRES or c.ending:
            continue
        verb = ctx.doc[c.trigger]
        passive = any(ch.dep_ == "nsubjpass" for ch in verb.children)
        for standing in verb.children:
            lemma = standing.lemma_.lower()
            if standing.dep_ not in {"conj", "advcl"} or lemma not in _STANDING_VERBS:
                continue
            if lemma != "make" and not passive:
                continue  # "Y bought X and became ...": Y became it
            if _ownerless_unit(standing):
                extra.append(replace(c, relation=Relation.SUBSIDIARY_OF, subject=c.object,
                                     object=c.subject, qualifiers={}))  # fmt: skip
    return cands + extra


def _ownerless_unit(verb: Token) -> bool:
    """The verb's complement is a unit noun naming no owner ("a wholly owned subsidiary",
    "as a division"; not "a unit of Z", "its unit")."""
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd", "dobj", "ccomp"}]
    nouns += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    nouns += [g for n in list(nouns) for g in n.children if g.dep_ in {"oprd", "attr"}]
    return any(
        n.lemma_.lower() in _UNIT_NOUNS | {"division"}
        and not any(g.dep_ == "poss" or (g.dep_ == "prep" and g.lower_ == "of") for g in n.children)
        for n in nouns
    )


def _becoming_verb(noun: Token) -> Token | None:
    """The verb "become" (or "be" with "will") whose complement is the noun."""
    if noun.dep_ != "attr":
        return None
    verb = noun.head
    lemma = verb.lemma_.lower()
    if lemma == "become":
        return verb
    if lemma == "be" and any(a.lower_ in {"will", "would"} for a in verb.children):
        return verb
    return None


def gapped_dates(ctx: Context, cands: list[Candidate], published: date | None) -> None:
    """A gapped clause's object takes the clause's own date: "X acquired Y in 2004 and Z
    in 2006" (Z, hung on "2004", was bought in 2006)."""
    for c in cands:
        root = ctx.doc[c.object.end - 1]
        if root.dep_ != "conj" or root.head.ent_type_ != "DATE" or c.object.start < c.trigger:
            continue
        nxt = ctx.doc[c.object.end : c.object.end + 4]
        ent = next((e for e in ctx.doc.ents if e.start == c.object.end + 1), None)
        if not nxt or nxt[0].lower_ not in {"in", "on"} or ent is None or ent.label_ != "DATE":
            c.valid_from = None  # "bought Y in 2004 and later Z": not Y's date
            continue
        c.valid_from = timex.resolve(ent.text, published) or c.valid_from


def _standing_after(ctx: Context, c: Candidate) -> bool:
    """A unit standing the merger gives, said after it: "X completed its merger with Y
    and is now a subsidiary of Y", "X merged with Y and became part of Y" (not one X
    had before: "X will merge with Y, its wholly owned subsidiary")."""
    noun = ctx.doc[c.trigger]
    if noun.dep_ != "attr" or noun.head.dep_ != "conj":
        return False
    verb = noun.head
    now = any(a.dep_ == "advmod" and a.lower_ == "now" for a in verb.children)
    return verb.lemma_.lower() == "become" or now


def own_merger(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """ "X will merge with Y, its wholly owned subsidiary", "X will merge its Y unit
    into its Z unit": X owns Y already, the merger is a reorganisation, no acquisition."""
    parents: dict[tuple[int, str], set[str]] = defaultdict(set)
    for c in cands:
        if c.relation is Relation.SUBSIDIARY_OF and not _standing_after(ctx, c):
            parents[(c.sent_index, c.subject.name)].add(c.object.name)

    def internal(c: Candidate) -> bool:
        mine = parents.get((c.sent_index, c.object.name), set())
        # "merge its Y unit into its Z unit": two units of one parent
        theirs = parents.get((c.sent_index, c.subject.name), set())
        return c.subject.name in mine or bool(mine & theirs)

    return [
        c
        for c in cands
        if not (
            c.relation is Relation.ACQUIRES
            and ctx.doc[c.trigger].lemma_.lower() in _MERGE_WORDS
            and internal(c)
        )
    ]


#: Holders of a company's shares, who are paid when it is bought.
_HOLDER_WORDS = frozenset({"holder", "shareholder", "stockholder", "shareowner"})
#: Verbs of holders being paid: "its holders will receive 30 dlrs a share".
_PAID_VERBS = frozenset({"receive", "get"})
#: Verbs of a company's shares being swapped for the buyer's: "each X share will be
#: converted into 0.5 Y share".
_SWAPPED_VERBS = frozenset({"convert", "exchange"})
_SHARE_WORDS = frozenset({"share", "stock", "common"})
#: Verbs of a company's shares ceasing to be traded: "its shares will be delisted", and
#: with "no longer": "its stock no longer exists", "its shares no longer trade".
_DELISTED_VERBS = frozenset({"delist", "cancel", "retire"})
_GONE_VERBS = frozenset({"exist", "trade"})


def paid_target(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A merger's direction from who is paid: in "X agreed to a merger with Y under which
    its holders will receive 30 dlrs a share" (or "each X share will be converted into
    ...", "its stock no longer exists", "its shares will be delisted") X's owners are
    bought out, so Y buys X, whichever party the merger phrase names first."""
    for c in cands:
        if c.relation is not Relation.ACQUIRES or c.ending:
            continue
        trigger = ctx.doc[c.trigger]
        if trigger.lemma_.lower() not in _MERGE_WORDS:
            continue
        paid = _paid_owners(ctx, trigger.sent)
        if c.subject.name in paid and c.object.name not in paid:
            c.subject, c.object = c.object, c.subject
    return cands


def _paid_owners(ctx: Context, sent: Span) -> set[str]:
    """Names of the companies whose holders the sentence says are paid or whose shares
    it says are converted."""
    out: set[str] = set()
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (
            lemma in _PAID_VERBS | _SWAPPED_VERBS | _DELISTED_VERBS or _gone(verb)
        ):
            continue
        for subj in _raised_subjects(verb):
            words = _HOLDER_WORDS if lemma in _PAID_VERBS else _SHARE_WORDS
            if subj.lemma_.lower() not in words:
                continue
            for owner in subj.children:
                if owner.dep_ in {"poss", "compound", "nmod"}:
                    out.update(m.name for m in ctx.ents_at(owner, ORG, poss=True))
    return out


def _gone(verb: Token) -> bool:
    """ "no longer exists", "no longer trades": shares that ceased to be."""
    return verb.lemma_.lower() in _GONE_VERBS and any(
        c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children) for c in verb.children
    )


def _raised_subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or those of the verb its infinitive completes: "its holders
    are entitled to receive", "its holders have the right to receive"."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects
        if verb.dep_ in {"xcomp", "advcl"}:
            verb = verb.head
        elif verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "attr"}:
            verb = verb.head.head
        else:
            break
    return []


#: Words on a stake that make it control of the company ("a controlling stake").
_CONTROL_WORDS = frozenset({"controlling", "majority", "control"})


#: Verbs that grow the agent's own share: "boosted its stake in X" is still a stake.
_GROWING = frozenset({"raise", "increase", "boost", "lift", "build", "double", "grow"})
#: Objects that are a share of a company with no size of their own.
_BARE_SHARES = frozenset({"stake", "share", "holding", "shareholding", "interest"})


def _bare_stake(ctx: Context, trigger: int, whole: set[str]) -> bool:
    """The verb's object is a stake or shares with no size and no word of control or of
    the whole ("bought stakes in X", "acquire X shares"): an investment."""
    verb = ctx.doc[trigger]
    if verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) == 1 and objects[0].ent_type_ == "MONEY" and of_shares(objects[0]):
        return True  # "will buy $1 billion of X stock"
    if len(objects) != 1 or objects[0].lemma_.lower() not in _BARE_SHARES:
        return False
    if objects[0].i in ctx.at or objects[0].pos_ == "PROPN":
        return False  # "buy X Holding": a company's name, not a holding
    own = verb.lemma_.lower() in _GROWING
    if any(c.dep_ == "poss" and not (own and c.pos_ == "PRON") for c in objects[0].children):
        return False  # "acquire Y's stake in X": buying out another holder
    words = {t.lower_ for t in objects[0].subtree}
    # a count of shares may be a size; their price is none ("shares worth $2 million")
    sized = any(t.like_num and t.ent_type_ != "MONEY" for t in objects[0].subtree)
    return not words & (_CONTROL_WORDS | whole) and not sized


def _takes_control(ctx: Context, c: Candidate, majority: float) -> bool:
    """An investment made by a transfer of a majority but not all of a company."""
    stake = c.qualifiers.get("stake")
    return (
        c.relation is Relation.INVESTS_IN
        and not c.ending
        and stake is not None
        and majority <= _percent(stake) < 100
        and ctx.doc[c.trigger].lemma_.lower() in _TRANSFERS
        and not _the_seller(ctx, c)
    )


def _the_seller(ctx: Context, c: Candidate) -> bool:
    """The doer of "sell" ("X sold 51% of Y to Z"): X gives the stake up, Z takes it."""
    verb = ctx.doc[c.trigger]
    if verb.lemma_.lower() not in _OUTWARD:
        return False
    return any(m.name == c.subject.name for m in ctx.agent(verb, frozenset({c.subject.type})))


def _buys_the_rest(ctx: Context, trigger: int, whole: set[str]) -> bool:
    """The trigger's phrase takes the rest of a company ("agreed to buy the rest of X"),
    so a smaller share in the sentence is what the buyer held before. "all-stock" is no
    "all", and "5.9 pct of the total outstanding" is a share, not the rest."""
    doc = ctx.doc
    if any(_not_yet_owned(t, misparsed=True) for t in doc[trigger].sent if t.i > trigger):
        return True  # "the 38 pct of X it does not already own", the clause hung elsewhere
    for t in doc[trigger].subtree:
        if _rest_share(t, whole):
            return True
        if t.lower_ not in whole or (t.i + 1 < len(doc) and doc[t.i + 1].text == "-"):
            continue
        share = any(
            a.like_num or a.lower_ in _SHARE_UNITS
            for a in t.ancestors
            if a.i != trigger and trigger in {x.i for x in a.ancestors}
        )
        if not share:
            return True
    return False


def _rest_share(tok: Token, whole: set[str]) -> bool:
    """The share bought is itself the rest: "the remaining 40 pct of X", "the 60 pct of X
    it does not already own"."""
    if _not_yet_owned(tok):
        return True
    share = tok.head.like_num or tok.head.lower_ in _SHARE_UNITS or tok.head.lower_ == "stake"
    return tok.lower_ in whole and tok.dep_ == "amod" and share


_HOLD_VERBS = frozenset({"own", "hold", "control"})


def _not_yet_owned(tok: Token, misparsed: bool = False) -> bool:
    """A relative clause "(that) it does not already own / hold": the shares bought are
    the rest of the company. With ``misparsed``, also where the parser hung the clause on
    the main verb as a complement."""
    deps = {"relcl", "acl", "ccomp"} if misparsed else {"relcl", "acl"}
    if tok.lemma_.lower() not in _HOLD_VERBS or tok.dep_ not in deps:
        return False
    words = {c.lower_ for c in tok.children}
    return bool(words & {"not", "n't"}) and "already" in words


def owned_share(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Ownership with a share: "X, 40% owned by Y" is Y's investment in X, not Y's
    subsidiary; "X, majority-owned by Y" is both. A wholly owned X stays a subsidiary."""
    rules = resources.load_json("cues.json")["stake_control"]
    majority = float(rules["majority_percent"])
    shared = _co_owned(ctx, cands)
    out = []
    for c in cands:
        if (c.trigger, c.subject.name) in shared and c.relation is Relation.SUBSIDIARY_OF:
            out.append(replace(c, relation=Relation.INVESTS_IN, subject=c.object, object=c.subject))
            continue
        share = _owned_share(ctx, c) if c.relation is Relation.SUBSIDIARY_OF else None
        if share is None:
            out.append(c)
            continue
        stake = {"stake": share} if share.replace(".", "").isdigit() else {}
        invest = Candidate(
            c.object, Relation.INVESTS_IN, c.subject, c.sent_index, c.trigger,
            c.confidence, qualifiers=stake, learned=c.learned, timeless=c.timeless,
        )  # fmt: skip
        out.append(invest)
        if share == "majority" or (stake and majority <= _percent(share) < 100):
            out.append(c)
    return out


def _co_owned(ctx: Context, cands: list[Candidate]) -> set[tuple[int, str]]:
    """(trigger, company) pairs where one ownership word names several owners: "X is
    owned by A and B", "X's owners include A and B". Co-owners are investors; the
    company is no one's subsidiary."""
    owners: dict[tuple[int, str], set[str]] = defaultdict(set)
    for c in cands:
        lemma = ctx.doc[c.trigger].lemma_.lower()
        if c.relation is Relation.SUBSIDIARY_OF and lemma in {"own", "owner", "co-own"}:
            owners[(c.trigger, c.subject.name)].add(c.object.name)
    return {key for key, names in owners.items() if len(names) >= 2}


def _owned_share(ctx: Context, c: Candidate) -> str | None:
    """The share an ownership trigger states ("40%-owned", "majority-owned"), or None."""
    words = resources.load_json("cues.json")["stake_control"]["share_words"]
    trigger = ctx.doc[c.trigger]
    if trigger.lemma_.lower() not in {"own", "control", "hold"}:
        return None
    sent = trigger.sent
    before = ctx.doc[max(sent.start, trigger.i - 4) : trigger.i]
    for tok in reversed(before):
        low = tok.lower_
        if low in words:
            return str(words[low])
        if low in {"%", "percent", "pct"} and tok.i > sent.start and ctx.doc[tok.i - 1].like_num:
            return str(ctx.doc[tok.i - 1].text).replace(",", "")
        if low.endswith("%") and low[:-1].replace(".", "").isdigit():
            return low[:-1]  # "40%-owned", the share kept whole by the tokenizer
        if tok.is_punct and tok.text not in {"-", "%"}:
            break
    return None


def _percent(stake: str) -> float:
    try:
        return float(stake)
    except ValueError:
        return 100.0


def deal_endings(ctx: Context, cands: list[Candidate]) -> None:
    """ "X called off the deal" in a later sentence ends X's deals stated earlier.

    A called-off deal is never reported as one that happened: every acquisition,
    investment or partnership of the parties named gets status ``ended``. A sentence
    that names another company leaves alone the deals with companies it does not name;
    an earlier or rival offer rejected is another deal.
    """
    cues = resources.load_json("cues.json")
    enders = set(cues["status"]["ended"]["lemmas"])
    deal_nouns = set(cues["deal_nouns"])
    orgs = frozenset({EntityType.ORGANIZATION})
    for tok in ctx.doc:
        if tok.pos_ != "VERB":
            continue
        keys = {tok.lemma_.lower()} | {
            f"{tok.lemma_.lower()} {c.lower_}"
            for c in tok.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in {"off", "down", "out"})
        }
        if not keys & enders:
            continue
        deals = [c for c in tok.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}]
        deals = [c for c in deals if c.lemma_.lower() in deal_nouns and _ends_this(c)]
        if not deals:
            continue
        agents = {m.name for m in ctx.agent(tok, orgs)}
        parties = set(agents)
        for deal in deals:
            parties |= {m.name for m in ctx.poss(deal, orgs)}
        named = {m.name for t in tok.sent for m in [ctx.at.get(t.i)] if m and m.type in orgs}
        others = named - agents
        here = _sent_index(ctx, tok)
        for c in cands:
            is_deal = c.relation in resources.relations_with("deals")
            if not is_deal or c.sent_index > here or (c.sent_index == here and _ended_before(tok)):
                continue
            rest = {c.subject.name, c.object.name} - agents
            if others and rest and not rest & named:
                continue  # "X will sell its stake in Z and end their partnership": Z's
            if not parties or {c.subject.name, c.object.name} & parties:
                c.ending = True
                c.qualifiers["status"] = "ended"
                c.end_trigger = tok.i


#: Words that make a deal noun another deal than the one told: "rejected three earlier offers".
_OTHER_DEAL = frozenset({
    "earlier", "previous", "prior", "rival", "competing", "other", "past", "first", "initial",
    "original",
})  # fmt: skip
#: Conjunctions of a clause that tells what happened before its main clause.
_BEFORE_MAIN = frozenset({"after", "since", "once"})


def earlier_offers(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Drop an ended statement about an earlier offer when the same sentence states the
    same deal alive: in "X agreed to buy Y after Y rejected its first offer" the offer
    rejected is another deal than the one agreed, and would end it once merged."""
    alive = {(c.sent_index, _key(c)) for c in cands if not c.ending}
    out = []
    for c in cands:
        if c.ending and (c.sent_index, _key(c)) in alive and _earlier(ctx.doc[c.trigger]):
            continue
        out.append(c)
    return out


def _key(c: Candidate) -> tuple[str, Relation, str]:
    return (c.subject.name, c.relation, c.object.name)


def _earlier(trigger: Token) -> bool:
    """The trigger names an earlier or rival deal, or sits in a clause of what came first."""
    if any(c.lower_ in _OTHER_DEAL for c in trigger.children if c.dep_ in {"amod", "advmod"}):
        return True
    node = trigger
    for _ in range(4):
        if _ended_before(node):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _ended_before(verb: Token) -> bool:
    """The ending verb heads a clause of what came before the sentence's own deal: "X
    agreed to buy Y, months after Y rejected its offer" ends no deal of that sentence."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _BEFORE_MAIN for c in verb.children
    )


def _ends_this(deal: Token) -> bool:
    """The deal noun names a deal that the verb can end: not an earlier or rival one, and
    not the subject of a verb with an object ("the sale will leave X with a stake")."""
    if any(c.lower_ in _OTHER_DEAL for c in deal.children if c.dep_ in {"amod", "advmod"}):
        return False
    return not (deal.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in deal.head.children))


def _in_other_relative(ctx: Context, trigger: int, verb: Token) -> bool:
    """True when the trigger sits in a relative clause the verb is not part of:
    "succeeded by Y, who runs X" passes no role at X."""
    node = ctx.doc[trigger]
    for _ in range(12):
        if node.dep_ == "relcl":
            # "A, who became X's CEO, having succeeded Y": two clauses on the same person
            return verb not in node.subtree and not _beside(verb, node)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _on_replaced(ctx: Context, c: Candidate, old: list[Mention]) -> bool:
    """The role is told in a relative clause on the person replaced: "A will succeed Y,
    who has run X since 2015" passes Y's post at X to A."""
    if c.subject.name not in {o.name for o in old}:
        return False
    node = ctx.doc[c.trigger]
    for _ in range(12):
        if node.dep_ == "relcl":
            named = ctx.at.get(node.head.i)
            return named is not None and named.name == c.subject.name
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _beside(verb: Token, clause: Token) -> bool:
    """The verb is another clause on the noun the relative clause describes."""
    return verb.dep_ in {"relcl", "acl"} and verb.head.i == clause.head.i


def _sent_index(ctx: Context, tok: Token) -> int:
    return next(i for i, s in enumerate(ctx.doc.sents) if s.start <= tok.i < s.end)


def _moved(c: Candidate, person: Mention, trigger: int, ending: bool) -> Candidate:
    role = {k: v for k, v in c.qualifiers.items() if k == "role"}
    return Candidate(
        subject=person,
        relation=c.relation,
        object=c.object,
        sent_index=c.sent_index,
        trigger=trigger,
        confidence=round(c.confidence - 0.1, 2),
        qualifiers=role,
        ending=ending,
        starting=not ending,
        learned=c.learned,
    )


def well_formed(c: Candidate) -> bool:
    """The ontology's type signature holds and the two ends differ."""
    subj_types, obj_types = SIGNATURES[c.relation]
    if c.object.source == "public" or (
        c.subject.source == "public" and c.relation is not Relation.INVESTS_IN
    ):
        return False  # a government named as an owner only ever invests
    if c.relation is Relation.SUBSIDIARY_OF and c.ending and _academic(c.object.name):
        return False  # "spun out of a university": a start-up from its lab, never its unit
    if c.relation in {Relation.SUBSIDIARY_OF, Relation.INVESTS_IN} or (
        c.relation is Relation.DEVELOPS and len(c.object.name) > len(c.subject.name)
    ):
        # "Google DeepMind, a unit of Google": a unit may carry its parent's name, so may
        # a company its owner holds a stake in ("Orlo Health, majority-owned by Orlo"),
        # and a product its maker's with more words ("Orlo launched Orlo Pay").
        distinct = org_key(c.subject.name) != org_key(c.object.name)
    elif c.relation is Relation.FOUNDED and c.subject.type is EntityType.PERSON:
        # "Milton Quill founded the Milton Quill Company": a firm named after its founder
        distinct = c.subject.name != c.object.name
    else:
        distinct = not same_org(c.subject.name, c.object.name)
    return c.subject.type in subj_types and c.object.type in obj_types and distinct


#: Last words of a school's name: "X was spun out of Orlo University" makes no unit of it.
_ACADEMIC = frozenset({"university", "college", "institute", "school", "polytechnic"})


def _academic(name: str) -> bool:
    """The name is a university's or college's ("Orlo University", "University of Orlo")."""
    words = name.lower().split()
    return bool(words) and (words[-1] in _ACADEMIC or words[0] == "university")


def to_facts(
    document: Document,
    sentences: Sequence[tuple[int, int]],
    cands: list[Candidate],
    extractor: str,
    learned_extractor: str | None = None,
) -> list[ExtractedFact]:
    """Merge statements of the same triple and build one fact per (triple, sentence).

    ``sentences[i]`` is the character span of the document's sentence ``i`` (the
    candidates' ``sent_index``), so statements from every window of a long
    document merge as one.
    """
    groups: dict[tuple[str, Relation, str], list[Candidate]] = defaultdict(list)
    for c in cands:
        s, o = c.subject.name, c.object.name
        if c.relation in SYMMETRIC and o < s:
            c.subject, c.object = c.object, c.subject
            s, o = o, s
        groups[(s, c.relation, o)].append(c)
    text = document.text
    out: list[ExtractedFact] = []
    for group in groups.values():
        merged = _merge(group)
        _past_post_ended(merged, document.published)
        seen: set[int] = set()
        for c in sorted(group, key=lambda c: (-c.confidence, c.sent_index)):
            if c.sent_index in seen:
                continue
            seen.add(c.sent_index)
            start, end = sentences[c.sent_index]
            # Trim the spaces and line breaks spaCy leaves at a sentence's edges.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(
                ExtractedFact(
                    doc_id=document.id,
                    subject=EntityRef(c.subject.name, c.subject.type),
                    relation=c.relation,
                    object=EntityRef(c.object.name, c.object.type),
                    valid_from=merged.valid_from,
                    valid_to=merged.valid_to,
                    qualifiers=dict(merged.qualifiers),
                    confidence=max(0.05, min(0.99, c.confidence)),
                    sentence=text[start:end],
                    start=start,
                    end=end,
                    extractor=learned_extractor if c.learned and learned_extractor else extractor,
                )
            )
    out.sort(key=lambda f: (f.start, f.relation.value, f.subject.name, f.object.name))
    return out


def _past_post_ended(merged: Candidate, published: date | None) -> None:
    """A post the text dates to an end before publication has ended: "A, who ran X
    until 2020", "A led X from 2010 to 2018" (an end still ahead, "until 2030", not)."""
    if (
        merged.relation is Relation.EXECUTIVE_OF
        and merged.valid_to is not None
        and published is not None
        and merged.valid_to.end_day() <= published
        and "status" not in merged.qualifiers
    ):
        merged.qualifiers["status"] = "ended"


def _merge(group: list[Candidate]) -> Candidate:
    first = group[0]
    current = [c for c in group if not c.former and (c.starting or not c.ending)]
    if current and len(current) < len(group) and not any(c.ending for c in current):
        # "X's former CEO A returns as CEO", "A, its former CEO, was named CEO again": a
        # post called former beside a statement of holding it now is an earlier stint,
        # which neither ends the present one nor dates it
        group = [c for c in group if not c.former]
    # A date in the sentence that reports the end is the end, not also the start; a
    # different date there ("ending a partnership that began in 2007") is the start.
    ends_in = {(c.sent_index, c.valid_to) for c in group if c.ending and c.valid_to}
    starts = [c for c in group if c.valid_from and (c.sent_index, c.valid_from) not in ends_in]
    ends = [c for c in group if c.valid_to]
    # A date the text gives beats the publication day used for "is stepping down".
    starts = [c for c in starts if c.dated] or starts
    ends = [c for c in ends if c.dated] or ends
    froms = [c.valid_from for c in starts if c.valid_from]
    tos = [c.valid_to for c in ends if c.valid_to]
    quals: dict[str, str] = {}
    for c in sorted(group, key=lambda c: -c.confidence):
        for k, v in c.qualifiers.items():
            if k == "status":
                if _STATUS_RANK.get(v, 0) > _STATUS_RANK.get(quals.get("status", ""), 0):
                    quals[k] = v
            else:
                quals.setdefault(k, v)
    valid_from = merged_start(froms)
    valid_to = merged_end(tos)
    if valid_from and valid_to and valid_to.end_day() <= valid_from.first_day():
        if any(c.starting and c.dated and c.valid_from == valid_from for c in group):
            valid_to = None  # "X, who ran it until 2020, will return as CEO": a new stint
        else:
            valid_from = None
    return replace(first, valid_from=valid_from, valid_to=valid_to, qualifiers=quals)


def _by_period(dates: Iterable[PartialDate]) -> list[PartialDate]:
    # A fixed order, so the fold below does not depend on the order of the sentences.
    return sorted(dates, key=lambda d: (d.first_day(), d.last_day()))


def merged_start(dates: Iterable[PartialDate]) -> PartialDate | None:
    """The start several statements of one document support, at any mix of precisions.

    The earliest, refined by a finer date it contains (``2025`` and ``2025-08-28``
    give ``2025-08-28``; ``2019`` and ``2025-08`` give ``2019``), as
    :func:`graph.temporal.earliest_start` combines evidence across documents.

    >>> merged_start([PartialDate(2025), PartialDate(2025, 8, 28)]).isoformat()
    '2025-08-28'
    """
    return reduce(earliest_start, _by_period(dates), None)


def merged_end(dates: Iterable[PartialDate]) -> PartialDate | None:
    """The end several statements support: the latest, refined by a finer date it contains."""
    return reduce(latest_end, _by_period(dates), None)
