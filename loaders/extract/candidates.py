"""Stage 3, relation candidates: trigger words with argument frames from ``relations.json``.

A trigger is a verb ("acquire", "team up"), a noun ("acquisition",
"partnership", "unit") or a role ("chief executive"). Its frame says which
slot holds the relation's subject and object; slots come from
:mod:`loaders.extract.slots`, so both voices, relative clauses, appositions
and "X said it agreed to buy Y" are covered by the same few rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Span, Token

from graph.model import SIGNATURES, SYMMETRIC, EntityType, Relation
from loaders.extract import deal_slots, entities, resources, slots
from loaders.extract.coref import BUYING, merger_forms
from loaders.extract.entities import bare_conj as _bare_conj
from loaders.extract.entities import company_word, kind_of, product_kinds
from loaders.extract.names import org_key
from loaders.extract.slots import Context, time_phrase
from loaders.extract.types import Candidate, Mention

Frame = dict[str, Any]
#: Every key a frame may have, and every slot name ``_slot`` reads.
FRAME_KEYS = frozenset({
    "relation", "subject", "object", "ends", "starts", "exclusive", "patient_not_org",
    "patient_not_share", "requires_cue", "requires_prep", "requires_prt", "requires_share",
    "object_not", "patient_not_deal", "requires_stake", "for_not", "subject_person",
    "requires_infinitive", "forbids_prep", "subject_investor", "requires_copula", "as_not_own",
    "habitual", "requires_object", "to_staff", "typed_object", "object_kinds", "object_is",
    "for_phrase_not", "governor_not_receiving", "patient_named", "object_not_investor",
    "modifier_not", "verbs", "subject_company", "governor_is", "infinitive_not",
    "forbids_cue", "for_members", "intransitive", "patient_not_part", "subject_not_seller",
    "requires_funds", "subject_product",
})  # fmt: skip
SLOTS = frozenset({
    "agent", "patient", "poss", "compound", "holder", "patient_owner", "source",
    "governor_agent", "group", "patient_group", "bidder_agent", "acl_agent", "co_founders",
    "reporter", "receiver", "intent_patient", "context_org", "by_target", "pair", "seller",
    "share_of", "members", "goods_maker", "away_from", "tendered", "agent_owner",
    "round_owner", "with_holder", "name_governor", "raiser", "recipient",
    "issuer", "unit_owner", "led_round", "keeper", "name_pair", "between_pair",
    "other_party", "merging_unit_owner", "into_unit_owner", "included_in", "sole_org",
    "led_sole_org", "with_unit_owner", "survivor", "independent_unit", "governor_patient",
    "field_entrant", "rest_owner", "of_pair", "patient_brand", "titled_sole_org",
    "revenue_owner", "fronted_with", "parallel_target", "sum_source", "funded", "listed",
    "host", "switcher",
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
    for kind in ("verbs", "nouns", "adverbs"):
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
            for key in ("requires_cue", "forbids_cue"):
                cue = frame.get(key)
                if cue is not None and f"{cue}_cues" not in cues:
                    errors.append(f"{where}: no cue list {cue}_cues")
    for trait, names in data["traits"].items():
        if trait[0] != "_":
            errors += [f"traits.{trait}: unknown relation {n!r}" for n in names
                       if n not in {r.value for r in Relation}]  # fmt: skip
    return tuple(errors)


_DIRECT = {"agent", "patient", "poss", "compound", "holder"}
_ORG = frozenset({EntityType.ORGANIZATION})
_PRODUCT = frozenset({EntityType.PRODUCT})
#: Verbs that make a venture: "formed a joint venture", "the venture the two set up".
_FORMING = frozenset({"form", "create", "set", "establish", "launch", "found", "start"})
_JOINT_BODIES = frozenset({"company", "firm", "business", "entity", "undertaking", "operation"})
_ORG_OR_PERSON = frozenset({EntityType.ORGANIZATION, EntityType.PERSON})
_ORG_OR_GOODS = frozenset({EntityType.ORGANIZATION, EntityType.PRODUCT})
#: Objects that make "take" or "receive" an investment: a share of a company, not a business.
_STAKES = frozenset(
    {"stake", "interest", "share", "shares", "pct", "percent", "cent", "%", "holding", "control",
     "half", "third", "quarter"}
)  # fmt: skip


def _frames() -> tuple[dict[str, list[Frame]], dict[str, list[Frame]], dict[str, str], Frame]:
    data = resources.load_json("relations.json")
    roles = {k: v for k, v in data["roles"].items() if not k.startswith("_")}
    return data["verbs"], data["nouns"], roles, data["role_frame"]


def _verb_keys(tok: Token) -> list[str]:
    lemma = _CO_LEMMAS.get(tok.lower_, tok.lemma_.lower())
    lemma = _LEMMA_FIXES.get(lemma, lemma)
    keys = []
    for child in tok.children:
        particle = child.dep_ == "advmod" and child.lower_ in resources.VERB_PARTICLES
        if child.dep_ == "prt" or particle:
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "oprd" and child.pos_ == "ADJ":
            keys.append(f"{lemma} {child.lower_}")  # "took X private", "X was taken private"
        elif child.dep_ == "nsubjpass" and deal_slots.is_round(child):
            keys.append(f"{lemma} round")  # "X's Series C was led by Y"
        elif child.dep_ == "dobj":
            keys.append(f"{lemma} {child.lower_}")
            if deal_slots.series_round(child):
                keys.append(f"{lemma} round")  # "led a Series B in X": the round left unsaid
            # "took X private": the complement parsed as an adjective after the object
            keys += [f"{lemma} {a.lower_}" for a in child.rights if a.dep_ == "amod"]
        elif child.dep_ == "prep" and not time_phrase(child):
            # "took a stake in X on Friday", "On Tuesday, X took a stake": a date is no
            # verb's object, so it makes no "take on"
            keys.append(f"{lemma} {child.lower_}")
            # "participated in X's seed round": the round is the preposition's object
            keys += [f"{lemma} {child.lower_} round" for p in child.children
                     if p.dep_ == "pobj" and p.lemma_.lower() == "round"]  # fmt: skip
    # "built its app on X", "put $5 million into X": the parser may hang the verb's
    # preposition on its object; the verb's own readings come first
    keys += [
        f"{lemma} {p.lower_}"
        for child in tok.children
        if child.dep_ == "dobj"
        for p in child.children
        if p.dep_ == "prep" and p.lower_ in _OBJECT_PREPS
    ]
    keys.append(lemma)
    keys.append(tok.lower_)  # hyphenated forms the lemmatizer mangles: "co-founded"
    if tok.lower_.startswith("co-") or lemma.startswith("co-"):
        keys.append(lemma.removeprefix("co-"))
    return keys


#: Prepositions of a verb that a parse may hang on the verb's object instead.
_OBJECT_PREPS = frozenset({"on", "into", "around"})


#: Lemmas the lemmatizer gets wrong for common verbs: "installed" is not a form of "instal".
_LEMMA_FIXES = {"instal": "install"}


#: Hyphenated verbs the lemmatizer cuts wrong: "co-led" is not a form of "co-le".
_CO_LEMMAS = {
    "co-led": "co-lead", "co-leads": "co-lead", "co-leading": "co-lead",
    "co-invested": "co-invest", "co-invests": "co-invest", "co-investing": "co-invest",
}  # fmt: skip


def _role_at(doc_tokens: list[Token], i: int, roles: dict[str, str]) -> tuple[str, int] | None:
    # Longest role phrase ending at token i: "chief executive officer" over "officer".
    for n in (3, 2, 1):
        if i - n + 1 < 0:
            continue
        span = doc_tokens[i - n + 1 : i + 1]
        words = " ".join(t.lower_ for t in span)
        if words in roles:
            return roles[words], i - n + 1
        if span[-1].tag_ == "NNS":
            # "will run it as co-chief executives": a role two people share
            words = " ".join([*(t.lower_ for t in span[:-1]), span[-1].lemma_.lower()])
            if words in roles and len(words) > 3:
                return roles[words], i - n + 1
    return None


def find_candidates(ctx: Context) -> list[Candidate]:
    """Every relation candidate in the document, one per (trigger, subject, object)."""
    verbs, nouns, roles, role_frame = _frames()
    rivals = frozenset(resources.load_json("relations.json")["rival_modifiers"]["words"])
    partners = frozenset(resources.load_json("relations.json")["partner_modifiers"]["words"])
    out: list[Candidate] = []
    tokens = list(ctx.doc)
    for sent_index, sent in enumerate(ctx.doc.sents):
        out.extend(_fronted_rivals(ctx, sent, sent_index))
        out.extend(_top_ranked_pairs(ctx, sent, sent_index))
        for tok in sent:
            # Read once per word: each read of a spaCy attribute builds a new string.
            dep, pos, lemma = tok.dep_, tok.pos_, tok.lemma_.lower()
            # "its rival X", "bigger rivals X and Y": the modifier's own reading names
            # the other party, so the noun frames (which would pair X with Y) stay out.
            # A word of a name ("Rival Foods", "Partner Logistics") is no modifier.
            named = tok.i in ctx.at
            rival_word = dep in {"amod", "compound"} and lemma in rivals and not named
            rival_named = _rival_modifier(ctx, tok, sent_index) if rival_word else []
            own_rivals = rival_word and (bool(rival_named) or _relative(tok))
            if dep in {"amod", "compound"} and lemma in partners and not named:
                out.extend(_partner_modifier(ctx, tok, sent_index))
            # A verb the tagger took for a plural noun ("X competes with Y" as the root,
            # or as the clause a "said" reports).
            misread = pos == "NOUN" and (
                tok.tag_.startswith("VB") or (dep in {"ROOT", "ccomp"} and tok.tag_ == "NNS")
            )
            hyphened = _hyphen_maker(ctx, tok)
            if hyphened is not None:
                # "the Orlo-built Zeta": a maker fused to a participle, no clause of its own
                out.extend(_hyphen_made(ctx, tok, hyphened, sent_index))
            elif pos in {"VERB", "AUX"} or misread:
                for key in _verb_keys(tok):
                    # The most specific reading that finds its arguments wins: "build on X"
                    # (uses) before "build X" (develops), falling back when it finds none.
                    found = (
                        _apply(ctx, tok, verbs[key], sent_index, verb=True) if key in verbs else []
                    )
                    if found:
                        out.extend(found)
                        break
                out.extend(_adverb_candidates(ctx, tok, sent_index))
                out.extend(_zero_relative(ctx, tok, sent_index))
            # A noun the tagger took for a verb: "Velmora's rivals X and Y" has an owner.
            misverb = pos == "VERB" and any(c.dep_ == "poss" for c in tok.children)
            if pos in {"NOUN", "PROPN"} or misverb:
                role = _role_at(tokens, tok.i, roles)
                nxt = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
                if role and not (nxt is not None and _role_at(tokens, nxt.i, roles)):
                    if _function_head(tokens, tok.i, role[0]):
                        continue  # "vice president of engineering": a function's head
                    if tok.i not in ctx.at or ctx.at[tok.i].type is not EntityType.PERSON:
                        found = _apply(ctx, tok, [role_frame], sent_index, verb=False)
                        found = _written_role(ctx, tok, role[1], found)
                        if role[0] == "counterpart":
                            found = [c for c in found if _counterpart_named(c, tok)]
                        for c in found:
                            c.qualifiers["role"] = role[0]
                        out.extend(found)
                        if (role[1] > 0 and tokens[role[1] - 1].lower_ == "founding") or (
                            _founder_joined(tok) or _founder_before(tokens, role[1])
                        ):
                            # "the founding chief executive of X" founded X; so did "X
                            # chief executive and co-founder A" (the tagger may read the
                            # joined noun as a verb)
                            founders = _apply(ctx, tok, nouns["founder"], sent_index, verb=False)
                            # "president and founding chief executive of X": the
                            # first role of the pair holds the facts
                            first = _first_role(tok)
                            pair = [c for c in out if first is not None and c.trigger == first.i]
                            out.extend(founders or _founding_role(found or pair))
                    continue
                key = _noun_key(tok, nouns)
                if (
                    key in nouns
                    and tok.i not in ctx.at
                    and not own_rivals
                    and not _unnamed_buyer(ctx, tok)
                ):
                    out.extend(_apply(ctx, tok, nouns[key], sent_index, verb=False))
            if dep == "attr" and pos == "NOUN":
                out.extend(_defined_by(ctx, tok, sent_index))
            if _set_goods(tok) is not None:
                out.extend(_set_by(ctx, tok, sent_index))
            out.extend(_maker_kind_name(ctx, tok, sent_index))
            if any(c.dep_ == "poss" for c in tok.children):
                out.extend(
                    _owned_product(ctx, tok, sent_index) or _owned_list(ctx, tok, sent_index)
                )
                out.extend(_owned_company(ctx, tok, sent_index))
            out.extend(_named_business(ctx, tok, sent_index))
            if lemma == "company" and dep in {"appos", "attr"}:
                out.extend(_company_of(ctx, tok, sent_index))
            if pos in {"NOUN", "PROPN"} and any(
                c.dep_ == "prep" and c.lower_ == "from" for c in tok.children
            ):
                out.extend(_product_from(ctx, tok, sent_index))
            out.extend(rival_named)
            if dep in {"prep", "agent"}:
                out.extend(_preposition_rivals(ctx, tok, sent_index))
    out += _maker_named(ctx)
    out = _rival_makers(ctx, out)
    out += _deal_rivals(ctx, out) + _unnamed_rival_bought(ctx, out)
    out += _owned_actors(ctx, out)
    out += _listed_units(ctx, out)
    out += _regional_arms(ctx)
    out = _no_works(ctx, out + _venture_owners(ctx, out))
    out = [c for c in out if not _merger_made(ctx, c)]
    return _local_roles(ctx, _no_maker_names(ctx, _no_unfounded(ctx, out)))


#: Last words of a group's name that a regional arm's name leaves out: "Orlo UK" of
#: "Orlo Group".
_GROUP_WORDS = frozenset({"group", "holding", "holdings", "corporation", "company", "global"})


def _regional_arms(ctx: Context) -> list[Candidate]:
    """A company named as another company of the text with a place after it is that
    company's regional arm: "Orlo UK", "Orlo Europe" in a text about Orlo (or "Orlo
    Group"). The fact is read off the names, at the arm's first mention."""
    places = entities.places_and_nationalities()
    orgs = [m for m in ctx.mentions if m.type is EntityType.ORGANIZATION]
    keys: dict[str, Mention] = {}
    for m in orgs:
        words = org_key(m.name).split()
        keys.setdefault(" ".join(words), m)
        if len(words) > 1 and words[-1] in _GROUP_WORDS:
            keys.setdefault(" ".join(words[:-1]), m)
    out: list[Candidate] = []
    seen: set[str] = set()
    for m in orgs:
        words = org_key(m.name).split()
        for n in (1, 2):
            base = " ".join(words[:-n])
            parent = keys.get(base) if len(words) > n else None
            if parent is None or " ".join(words[-n:]) not in places or m.name in seen:
                continue
            if org_key(parent.name) == org_key(m.name) or parent.name == m.name:
                continue
            seen.add(m.name)
            root = ctx.doc[m.start : m.end].root
            sent_index = next(i for i, s in enumerate(ctx.doc.sents) if s.start <= m.start < s.end)
            out.append(Candidate(m, Relation.SUBSIDIARY_OF, parent, sent_index, root.i, 0.6,
                                 timeless=True))  # fmt: skip
    return out


def _merger_made(ctx: Context, cand: Candidate) -> bool:
    """ "X merged with Y to create Z": the company a merger forms is no product of its
    parties."""
    return cand.relation is Relation.DEVELOPS and merger_forms(ctx.doc[cand.trigger])


#: Participles a maker's name is fused to with a hyphen: "Orlo-built", "Orlo-made".
_HYPHEN_MAKING = frozenset({"make", "build", "design", "develop", "engineer", "produce",
                            "manufacture"})  # fmt: skip


def _hyphen_maker(ctx: Context, tok: Token) -> Mention | None:
    """The company a making participle is fused to with a hyphen: "the Orlo-built Zeta",
    "Orlo-made chips" (the parser may read the name as the verb's subject)."""
    if tok.lemma_.lower() not in _HYPHEN_MAKING or tok.i < 2 or tok.tag_ not in {"VBN", "VBD"}:
        return None
    if ctx.doc[tok.i - 1].text not in {"-", "–"} or ctx.doc[tok.i - 1].whitespace_:
        return None
    m = ctx.at.get(tok.i - 2)
    if m is None or m.end != tok.i - 1 or ctx.doc[tok.i - 2].whitespace_:
        return None
    return m if m.type is EntityType.ORGANIZATION else None


def _hyphen_made(ctx: Context, tok: Token, maker: Mention, sent_index: int) -> list[Candidate]:
    """The products the fused maker made: the names right after the participle, up to
    the noun they modify ("the Orlo-built Zeta 9 jet", "Orlo-made Zeta chips")."""
    out = []
    i = tok.i + 1
    end = min(tok.i + 7, tok.sent.end)
    while i < end:
        m = ctx.at.get(i)
        t = ctx.doc[i]
        if m is not None and m.start == i:
            found = ctx.ents_at(ctx.doc[m.start : m.end].root, _PRODUCT)
            out += [
                Candidate(maker, Relation.DEVELOPS, p, sent_index, tok.i, 0.7, timeless=True)
                for p in found
                if p.name != maker.name
            ]
            break
        if t.is_punct or t.like_num or t.pos_ in {"VERB", "AUX", "ADP", "CCONJ"}:
            break  # "Orlo-built 737 jets": a model number NER left out of the name
        i += 1
    return out


#: Nouns for who founded a company, as a role joined to another ("chief executive and
#: co-founder A").
_FOUNDER_WORDS = frozenset({"founder", "co-founder", "cofounder", "founders", "co-founders"})


def _first_role(role: Token) -> Token | None:
    """The role a founding role is conjoined to: "president and founding chief executive"
    (the tagger may read "founding" as a verb joined to the first role)."""
    if role.dep_ == "conj":
        return role.head
    head = role.head
    if head.lower_ == "founding" and head.dep_ == "conj" and role.dep_ in {"dobj", "attr"}:
        return head.head
    return None


def _founding_role(found: list[Candidate]) -> list[Candidate]:
    """The founding role's facts as founder facts: the founder noun frames find no
    holder on a role conjoined to another, but the roles' own facts name who and where."""
    return [
        replace(c, relation=Relation.FOUNDED, qualifiers={})
        for c in found
        if c.relation is Relation.EXECUTIVE_OF and not c.ending
    ]


def _founder_joined(role: Token) -> bool:
    """A founder noun conjoined to the role: "X chief executive and co-founder A"."""
    doc = role.doc
    if role.i + 2 < len(doc) and doc[role.i + 1].lower_ in {"and", "&"}:
        return doc[role.i + 2].lower_ in _FOUNDER_WORDS
    return False


def _founder_before(tokens: list[Token], start: int) -> bool:
    """A founder noun joined before the role: "X founder and chief executive A"."""
    return (
        start >= 2
        and tokens[start - 1].lower_ in {"and", "&"}
        and tokens[start - 2].lower_ in _FOUNDER_WORDS
    )


def _counterpart_named(cand: Candidate, noun: Token) -> bool:
    """ "his B counterpart, Y" holds a role at B; the person the counterpart is of ("X
    and his counterpart at B") is named before the noun and holds none there."""
    return cand.subject.start > noun.i


#: Words that make a name after a company's a unit, not a product ("Orlo World Service").
#: Entity types of words that name no goods: places, events, amounts, dates.
_NOT_GOODS_TYPES = frozenset(
    {"GPE", "LOC", "NORP", "EVENT", "FAC", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "DATE"}
)
#: A year after a name makes an event or an edition, not a model ("Orlo Cup 2008").
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_UNIT_TAILS = frozenset(
    {
        "service",
        "news",
        "television",
        "radio",
        "records",
        "music",
        "mobile",
        "analyst",
        "correspondent",
    }
)


def _not_goods(tok: Token, kept_whole: bool = False) -> bool:
    """A word that makes a name after a company's something other than its goods: a
    unit ("Orlo Records"), a place ("Orlo Europe"), an event or a role ("Orlo Analyst")."""
    return (
        company_word(tok)
        or tok.lower_ in _UNIT_TAILS
        or tok.ent_type_ in _NOT_GOODS_TYPES
        or (tok.ent_type_ == "PERSON" and not kept_whole)  # NER takes "Zeta S5" for a name
        or entities.role_word(tok)
    )


def _maker_named(ctx: Context) -> list[Candidate]:
    """A product named with its maker in front: "the Orlo Zeta 9", "Orlo Quill X2
    phones". The company's name modifies a brand name and a model (two or three words)
    that a model code or a product noun marks as goods; the company develops the whole
    written name. A bare maker-and-code ("Orlo A330") is left alone: text names a plane
    or a part that way where it only uses or buys it."""
    out = []
    heads = frozenset(ctx.product_heads) | product_kinds()
    firsts = {
        m.name.split()[0]: m
        for m in ctx.mentions
        if m.type is EntityType.ORGANIZATION
        and len(m.name.split()) > 1
        and (m.source == "gazetteer" or any(company_word(t) for t in ctx.doc[m.start : m.end]))
    }  # a company by its name: "Orlo Electronics", not a product line NER took for one
    sents = list(ctx.doc.sents)
    for maker in {m.start: m for m in ctx.mentions}.values():
        sent = ctx.doc[maker.start].sent
        found = _written_maker(ctx, maker, sent.end, heads)
        if found is None and maker.type is EntityType.ORGANIZATION:
            found = _coded_maker(ctx, maker)
        if found is None and maker.type is not EntityType.ORGANIZATION:
            found = _known_maker(ctx, maker, firsts, heads)
        if found is not None:
            owner, product, at = found
            out.append(
                Candidate(
                    owner, Relation.DEVELOPS, product, sents.index(sent), at, 0.7, timeless=True
                )
            )
    return out


def _written_maker(
    ctx: Context, maker: Mention, end: int, heads: frozenset[str]
) -> tuple[Mention, Mention, int] | None:
    """A company mention modifying the name written after it: "the Orlo Zeta 9"."""
    last = ctx.doc[maker.end - 1]
    if (
        maker.type is not EntityType.ORGANIZATION
        or last.dep_ != "compound"
        or not maker.end <= last.head.i < end
    ):
        return None
    if last.head.pos_ == "NOUN" and last.head.lemma_.lower() in heads:
        stop = last.head.i  # "the Orlo Zeta app"
    else:
        stop = last.head.i + 1
    if stop < end and (ctx.doc[stop].like_num or entities.model_token(ctx.doc[stop])):
        stop += 1  # "Zeta 9": the code after the name
    if not _goods_tail(ctx, maker.end, stop, end, heads):
        return None
    name = ctx.doc[maker.start : stop].text.rstrip(".")
    return maker, Mention(maker.start, stop, name, EntityType.PRODUCT, "ner"), last.i


#: Words of a carrier's name: "a Skyjet Airways A330" is a plane it flies, not makes.
_CARRIER_WORDS = frozenset({"air", "airline", "airlines", "airways", "aviation", "aero", "jet"})
#: A bare model number: "2600", "787" (a year is no model: "Orlo 2021").
_MODEL_DIGITS = re.compile(r"\d{3,4}")


def _carrier(maker: Mention) -> bool:
    return any(w.lower() in _CARRIER_WORDS for w in maker.name.split())


def _coded_maker(ctx: Context, maker: Mention) -> tuple[Mention, Mention, int] | None:
    """A known maker's name right before one model code: "the Orlo Z350 jet", "ported to
    the Orlo 2600". The maker must be a known company (the gazetteer's: text writes any
    customer's name before a code too, "flew on a Velmora Corp. A330") and no carrier,
    whose name before a plane's code names a plane it flies."""
    doc = ctx.doc
    code = doc[maker.end] if maker.end < len(doc) else None
    last = doc[maker.end - 1]
    if (
        code is None
        or maker.end - maker.start > 3
        or maker.source != "gazetteer"
        or _carrier(maker)
        or (maker.start > 0 and doc[maker.start - 1].tag_ == "POS")
    ):
        return None
    coded = entities.model_token(code) or (
        _MODEL_DIGITS.fullmatch(code.text) is not None and not _YEAR.fullmatch(code.text)
    )
    linked = code.head.i == last.i or last.head.i == code.i or last.head.i == code.head.i
    after = doc[code.i + 1] if code.i + 1 < len(doc) else None
    amount = code.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "CARDINAL"}
    if (
        not coded
        or not linked
        or (amount and not entities.model_token(code))
        or (code.i in ctx.at and ctx.at[code.i].type is not EntityType.PRODUCT)
        or (after is not None and after.pos_ == "PROPN" and after.i not in ctx.at)
        or (after is not None and code.is_digit and after.tag_ == "NNS")  # "Orlo 3400 workers"
    ):
        return None  # "Orlo Z350 Quill": a longer name, read by _written_maker
    name = doc[maker.start : code.i + 1].text
    if any(t.text == code.text and t.i > 0 and doc[t.i - 1].text != last.text for t in doc):
        name = code.text  # "the Orlo Z350 ... the Z350": the document's own short name
    return maker, Mention(maker.start, code.i + 1, name, EntityType.PRODUCT, "ner"), code.i


def _known_maker(
    ctx: Context, named: Mention, firsts: dict[str, Mention], heads: frozenset[str]
) -> tuple[Mention, Mention, int] | None:
    """A name the parser kept whole whose first word is a company's met in the text:
    "Orlo Electronics ... the Orlo Zeta X2" (read as one name, maybe a person's)."""
    maker = firsts.get(ctx.doc[named.start].text)
    end = ctx.doc[named.start].sent.end
    if maker is None or maker.start == named.start:
        return None
    code = ctx.doc[named.start + 1] if named.end - named.start == 2 else None
    one_code = (
        code is not None
        and named.type is EntityType.PRODUCT
        and maker.source == "gazetteer"
        and entities.model_token(code)
        and not _carrier(maker)
    )  # "Orlo Aero ... the Orlo Z350": one code after a maker named in full
    if not one_code and not _goods_tail(ctx, named.start + 1, named.end, end, heads, whole=named):
        return None
    product = replace(named, type=EntityType.PRODUCT, name=named.name.rstrip("."))
    return maker, product, named.start


def _goods_tail(
    ctx: Context,
    start: int,
    stop: int,
    end: int,
    heads: frozenset[str],
    whole: Mention | None = None,
) -> bool:
    """Two or three proper words after a maker's name that name goods: a model code in
    them ("Zeta 9", "Quill X2"), a product's name, or a product noun after them."""
    tail = ctx.doc[start:stop]
    if (
        not 2 <= len(tail) <= 3  # "Orlo A330" may be a type the text only uses
        or tail[0].pos_ != "PROPN"  # "EUR 2.1 billion": an amount
        or any(t.pos_ != "PROPN" and not t.like_num for t in tail)
        or any(
            t.i in ctx.at
            and ctx.at[t.i] is not whole
            and ctx.at[t.i].type is not EntityType.PRODUCT
            for t in tail
        )
        or any(_not_goods(t, whole is not None) for t in tail)
    ):
        return False
    coded = any(
        (any(c.isdigit() for c in t.text) and not _YEAR.fullmatch(t.text))
        or entities.model_token(t)
        or (t.i in ctx.at and ctx.at[t.i] is not whole)
        for t in tail
    )  # "Zeta 9", "Quill X2", or a name already read as a product's
    return coded or (stop < end and ctx.doc[stop].lemma_.lower() in heads)


def _no_maker_names(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Drop develops statements whose "product" is the short form of a company the
    document names, written before the goods noun a verb takes: "Quorvel Systems ...
    X publishes Quorvel games" (the games' maker, read as a product by its place)."""
    orgs = [m.name.split() for m in ctx.mentions if m.type is EntityType.ORGANIZATION]

    def short_form(name: str) -> bool:
        words = name.split()
        return any(len(o) > len(words) and o[: len(words)] == words for o in orgs)

    def maker_before_goods(c: Candidate) -> bool:
        root = ctx.doc[c.object.start : c.object.end].root
        return (
            ctx.doc[c.trigger].pos_ == "VERB"
            and root.dep_ == "compound"
            and root.head.pos_ == "NOUN"
            and short_form(c.object.name)
        )

    return [
        c
        for c in cands
        if c.relation is not Relation.DEVELOPS
        or c.object.type is not EntityType.PRODUCT
        or not maker_before_goods(c)
    ]


def _no_works(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Drop develops statements about recordings, shows or bands: "the label released
    the album X", "the BBC's show X", "A formed the band X" make no product."""
    cue = resources.load_json("cues.json")["creative_work_nouns"]
    works = frozenset(cue["words"])
    producing = frozenset(cue["producing"])
    groups = frozenset(cue["groups"])
    sents = list(ctx.doc.sents)
    return [
        c
        for c in cands
        if c.relation is not Relation.DEVELOPS
        or (
            ctx.doc[c.trigger].lemma_.lower() in producing
            and not any(t.lemma_.lower() in groups for t in sents[c.sent_index])
        )
        or not any(
            t.pos_ == "NOUN"
            and t.i not in ctx.at
            and t.i != c.trigger  # "X's first films were A and B": the noun's own frame
            and t.lemma_.lower() in works
            and not _work_aside(t, works)
            for t in sents[c.sent_index]
        )
    ]


def _no_unfounded(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Drop founded statements about a thing the text calls a kind that is no organization
    ("X is a theory created by A", "the town of X, founded by A", "the award X")."""
    kinds = frozenset(resources.load_json("cues.json")["unfounded_kinds"]["words"])
    verdict: dict[str, bool] = {}
    out = []
    for c in cands:
        name = c.object.name
        if c.relation is Relation.FOUNDED and name not in verdict:
            named = [m for m in ctx.mentions if m.name == name] or [c.object]
            verdict[name] = any(_called_kind(ctx, m, kinds) for m in named)
        if c.relation is not Relation.FOUNDED or not verdict[name]:
            out.append(c)
    return out


def _called_kind(ctx: Context, m: Mention, kinds: frozenset[str]) -> bool:
    """The name is called one of ``kinds``: by a copula ("X is a town"), in apposition
    ("X, a town", "the town, X") or by the noun written right before it ("the town X")."""
    root = ctx.doc[m.start : m.end].root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() == "be":
        nouns += [c for c in root.head.children if c.dep_ == "attr"]
    if root.dep_ in {"appos", "compound"}:
        nouns.append(root.head)
    if m.start > 0:
        nouns.append(ctx.doc[m.start - 1])
    return any(n.pos_ == "NOUN" and kind_of(n, kinds) for n in nouns)


#: Prepositions whose object is an occasion, not the goods: "at the auto show".
_OCCASION_PREPS = frozenset({"at", "during", "before", "after", "ahead"})


def _work_aside(tok: Token, works: frozenset[str]) -> bool:
    """A work noun that names no work the sentence is about: a modifier of another noun
    ("its music matching", "a film festival") or an occasion ("at a technology show",
    "during the show")."""
    head = tok.head
    if (
        tok.dep_ in {"compound", "amod", "nmod"}
        and head.pos_ == "NOUN"  # "the album Glass Towers" names the work
        and head.lemma_.lower() not in works
    ):
        return True
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in _OCCASION_PREPS
        and not any(c.dep_ == "poss" for c in tok.children)
    )


def _venture_owners(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """The partners in a named joint venture own it: "X and Y formed a joint venture, Z",
    "Z, the venture the two companies set up", "a joint venture called Z" are
    partnerships of X and Y and stakes of both in Z."""
    out = []
    for c in cands:
        if c.relation is not Relation.PARTNERS_WITH or c.ending:
            continue
        trigger = ctx.doc[c.trigger]
        # "X and Y will jointly make Z through a joint venture called V": the clause's venture
        nouns = trigger.subtree if trigger.pos_ in {"VERB", "AUX"} else [trigger]
        venture = next((v for v in (_venture_name(ctx, t) for t in nouns) if v), None)
        if venture is None or venture.name in {c.subject.name, c.object.name}:
            continue
        for owner in (c.subject, c.object):
            out.append(replace(c, subject=owner, relation=Relation.INVESTS_IN, object=venture,
                               qualifiers={}))  # fmt: skip
    return out


def _venture_name(ctx: Context, tok: Token) -> Mention | None:
    """The organization a venture noun names: its appositive ("a joint venture, Z"), the
    name it describes ("Z, a joint venture") or its "called"/"named" complement."""
    if tok.lemma_.lower() not in {"venture", *_JOINT_BODIES} or not _is_venture(tok):
        return None
    named = [tok.head] if tok.dep_ == "appos" else []
    named += [c for c in tok.children if c.dep_ == "appos"]
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in {"call", "name", "dub"}:
            named += [c for c in acl.children if c.dep_ in {"oprd", "attr", "dobj"}]
    for word in named:
        m = ctx.at.get(word.i)
        if m is not None and m.type is not EntityType.PERSON:
            return replace(m, type=EntityType.ORGANIZATION)  # a venture is a company
    return None


def _is_venture(tok: Token) -> bool:
    """A venture noun said to be made ("formed a joint venture", "the venture the two
    set up", "their joint company, launched..."): "venture" itself, or a "joint" company,
    firm or business. One merely described ("the joint venture of X and Y") says how
    it is held, not that its parents put money in."""
    if tok.lemma_.lower() != "venture" and not any(
        t.lower_ == "joint" for t in tok.subtree if t.i < tok.i
    ):
        return False
    verbs = [c for c in tok.children if c.dep_ in {"acl", "relcl"}]
    verbs += [c for a in tok.children if a.dep_ == "appos" for c in a.children if c.dep_ == "acl"]
    verbs += [tok.head] if tok.dep_ == "dobj" else []
    return any(v.lemma_.lower() in _FORMING for v in verbs)


def _adverb_candidates(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """Facts an adverb states beside whatever its verb states: "X and Y will jointly
    develop Z" is a partnership of X and Y, whatever the development yields."""
    adverbs = resources.load_json("relations.json")["adverbs"]
    out: list[Candidate] = []
    for child in tok.children:
        key = _together_with(child) or child.lower_
        if (child.dep_ == "advmod" or key != child.lower_) and key in adverbs and key[0] != "_":
            lemma = tok.lemma_.lower()
            frames = [f for f in adverbs[key] if "verbs" not in f or lemma in f["verbs"]]
            out.extend(_apply(ctx, tok, frames, sent_index, verb=True))
    return out


def _together_with(child: Token) -> str:
    """ "together with" on a verb ("X built it together with Y", "Together with Y, X
    set up Z"): the key of its frames in the adverbs table; "" for any other word."""
    if child.dep_ != "prep" or child.lower_ != "with":
        return ""
    return "together with" if any(a.lower_ == "together" for a in child.children) else ""


#: Buyers a deal noun's "by" phrase leaves unnamed: "a takeover by another party"; and
#: nouns of a company, unnamed with an indefinite article: "by a foreign company".
_UNNAMED_BUYERS = frozenset({
    "party", "buyer", "bidder", "suitor", "purchaser", "acquirer", "acquiror", "outsider",
    "investor", "someone", "anyone",
})  # fmt: skip
_BUYER_KINDS = frozenset({
    "company", "firm", "group", "concern", "consortium", "corporation", "bank", "rival",
    "competitor",
})  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "another", "any", "some", "other"})


def _unnamed_buyer(ctx: Context, noun: Token) -> bool:
    """ "X would support an acquisition of Y by another party", "a takeover of Y by a
    foreign company": the deal's buyer is someone the text does not name, so neither the
    speaker nor the noun's governor is it."""
    if noun.lemma_.lower() not in _deal_nouns():
        return False
    for prep in noun.children:
        if prep.dep_ not in {"prep", "agent"} or prep.lower_ != "by":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.pos_ != "NOUN" or obj.i in ctx.at:
                continue
            dets = {c.lower_ for c in obj.children if c.dep_ == "det"}
            kind = obj.lemma_.lower()
            if kind in _UNNAMED_BUYERS or (kind in _BUYER_KINDS and dets & _INDEFINITE):
                return True
    return False


@cache
def _deal_nouns() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["deal_nouns"])


def _noun_key(tok: Token, nouns: dict[str, list[Frame]]) -> str:
    """The noun trigger's key: its lemma, or with its last modifier ("supply deal"); a
    "joint" company, firm or business is a joint venture."""
    key = tok.lemma_.lower()
    mods = [c for c in tok.children if c.dep_ in {"compound", "amod"}]
    if _series_letter(tok, mods) and "round" in nouns:
        return "round"  # "a $40 million Series B led by X": a lettered funding round
    compound = [c.lower_ for c in mods]
    inner = [c.lower_ for c in mods[-1].children if c.dep_ == "compound"] if mods else []
    if inner and f"{inner[-1]} {compound[-1]} {key}" in nouns:
        return f"{inner[-1]} {compound[-1]} {key}"  # "power purchase agreement"
    if compound and f"{compound[-1]} {key}" in nouns:
        return f"{compound[-1]} {key}"
    # the body noun first: walking every noun's subtree for "joint" is what costs
    if key in _JOINT_BODIES and any(t.lower_ == "joint" for t in tok.subtree if t.i < tok.i):
        return "joint venture"  # "their joint battery company"
    return key


def _series_letter(tok: Token, mods: list[Token]) -> bool:
    """The letter of a funding series: "Series B", "Series C1" (the letter heads it)."""
    text = tok.text
    return (
        1 <= len(text) <= 2
        and text[0].isupper()
        and text[0].isalpha()
        and (len(text) == 1 or text[1].isdigit())
        and any(m.lower_ == "series" and m.i == tok.i - 1 for m in mods)
    )


def _written_role(ctx: Context, tok: Token, start: int, found: list[Candidate]) -> list[Candidate]:
    """ "X chief executive A and Y chairman B": a role written between a company and a
    person is that person's role at that company, however the parser joined the names."""
    org, holder = ctx.at.get(start - 1), ctx.at.get(tok.i + 1)
    if (
        org is None
        or holder is None
        or org.type is not EntityType.ORGANIZATION
        or holder.type is not EntityType.PERSON
        or org.end != start
        or holder.start != tok.i + 1
    ):
        return found
    for c in found:
        if c.subject.name == holder.name:
            c.object = org
    return found


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
            and not _past_post(ctx.doc[o.trigger])
        }
        if len(local) == 1:
            c.object = next(iter(local.values()))
    return cands


#: Modifiers of a role noun that make it a post held once: "a former boss of X".
_PAST_POST = frozenset({"former", "onetime", "one-time", "erstwhile", "previous", "ex"})


#: Adverbs that put a verb's tie in the past: "A, who previously ran X".
_PAST_ADVERBS = frozenset({"previously", "formerly", "once", "earlier", "until"})
#: Verbs of running a company, whose past tense in a relative clause is an earlier post.
_RAN = frozenset({"run", "lead", "head", "manage", "chair"})


def _past_post(role: Token) -> bool:
    """A role the person held once ("A, a former boss of X, becomes chairman"; "the new
    company is run by A, who previously led X"; "A, who ran X, will lead the company"):
    no tie to the company a role the sentence gives now is at."""
    if role.pos_ in {"VERB", "AUX"}:
        return any(c.dep_ == "advmod" and c.lower_ in _PAST_ADVERBS for c in role.children) or (
            role.dep_ == "relcl" and role.tag_ == "VBD" and role.lemma_.lower() in _RAN
        )
    return any(c.dep_ == "amod" and c.lower_ in _PAST_POST for c in role.children)


def _rival_modifier(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A rival named by a modifier: "agreed to buy rival X", "replacing its larger rival X".
    The other party is the name's owner ("its") or the doer of the verb that governs it."""
    named = tok.head
    while named.dep_ in {"amod", "compound"} and named.i not in ctx.at and named.head.i != named.i:
        named = named.head
    rivals = _listed_names(ctx, named)
    two = deal_slots.pair(ctx, named, _ORG)
    if len(two) == 2:  # "the two rival chipmakers said"
        return [Candidate(two[0], Relation.COMPETES_WITH, two[1], sent_index, tok.i, 0.7,
                          timeless=True)]  # fmt: skip
    if not rivals and named.pos_ == "NOUN":
        # "bought rival snack maker X": the name in apposition to the noun it modifies
        rivals = [m for a in named.children if a.dep_ == "appos" for m in ctx.ents_at(a, _ORG)]
        rivals = rivals or _examples_named(ctx, named)
    if not rivals:
        return []
    others = ctx.poss(named, _ORG) if any(c.dep_ == "poss" for c in named.children) else []
    first = _its_owner(ctx, named)
    if first is not None:
        others = [first]  # "sodas from X and its arch-rival Y": "its" is the name before
    verb = named.head
    if verb.dep_ in {"prep", "dative", "agent"} and named.dep_ == "pobj":
        verb = verb.head
    if not others and named.head.dep_ == "agent" and verb.pos_ == "VERB":
        others = ctx.patient(verb, _ORG)  # "X was bought by rival Y"
    if not others and _left_for(named, verb):
        # "B left X for rival Y", "X dropped Y for rival Z": the one left
        others = ctx.patient(verb, _ORG) or ctx.prep(verb, "from", _ORG)
    if not others and named.dep_ in {"dobj", "pobj"}:
        others = ctx.agent(verb, _ORG) if verb.pos_ == "VERB" else ctx.noun_owner(named, _ORG)
    if not others and named.dep_ == "conj" and named.head.dep_ in {"nsubj", "nsubjpass"}:
        # "X and rival Y reported losses": the name the rival is coordinated with
        first = ctx.at.get(named.head.i)
        others = [first] if first is not None and first.type is EntityType.ORGANIZATION else []
    if not others and named.dep_ == "pobj" and verb.pos_ == "NOUN":
        others = ctx.poss(verb, _ORG)  # "its pursuit of rival Y", "X's offer for rival Y"
    if not others:
        others = _side_clause_other(ctx, named)
    if not others:
        others = _mover_other(ctx, named, rivals)
    if not others and _plain_rivals(ctx, tok, named, rivals):
        # "shares of rivals X and Y fell": the named rivals are each other's
        return [Candidate(a, Relation.COMPETES_WITH, b, sent_index, tok.i, 0.7, timeless=True)
                for a, b in itertools.combinations(rivals, 2) if a.name != b.name]  # fmt: skip
    # Only a party named in the sentence: a description ("the company") resolved from
    # afar is too loose a guess for a claim read off one modifier, unless the
    # sentence's own subject is that description ("The carmaker ... its rival Y").
    start = tok.sent.start
    own = any(c.dep_ == "poss" for c in named.children)
    return [
        Candidate(o, Relation.COMPETES_WITH, r, sent_index, tok.i, 0.7, timeless=True)
        for r in rivals
        for o in others
        if o.name != r.name and (o.start >= start or (own and _described_subject_is(ctx, named, o)))
    ]


#: Clause links by which a rival's clause is set beside another company's: "X gained,
#: while rival Y lost" (an adverbial clause), "X cut prices and rival Y followed".
_SIDE_CLAUSES = frozenset({"advcl", "conj"})


def _side_clause_other(ctx: Context, named: Token) -> list[Mention]:
    """The subject of the clause a rival's own clause is set beside: "X reported record
    sales, while rival Y posted a loss", "X cut prices after rival Y launched a phone",
    "X raised its forecast and rival Y cut its own". The rival is the doer of a clause
    hung on the other company's verb, not a party to that verb."""
    if named.dep_ in {"nsubj", "nsubjpass"}:
        clause = named.head
    elif named.dep_ == "pobj" and named.head.dep_ == "mark":
        clause = named.head.head  # "after rival Y launched": the subject read as "after"'s
    else:
        return []
    if clause.dep_ not in _SIDE_CLAUSES or clause.pos_ not in {"VERB", "AUX"}:
        return []
    main = clause.head
    if main.pos_ not in {"VERB", "AUX"}:
        return []
    return ctx.agent(main, _ORG)


#: Words that, written before a list of names, call the listed companies each other's
#: rivals: "longtime rivals X and Y", "the rival carmakers X and Y", "competing lenders X
#: and Y".
_FRONTED_RIVAL_WORDS = frozenset({
    "rival", "rivals", "competitor", "competitors", "archrival", "archrivals", "arch-rival",
    "arch-rivals", "competing",
})  # fmt: skip
#: Words before a rival word that measure it against some other company: "its rivals X
#: and Y", "bigger rivals X and Y" are a third company's rivals.
_OWNING_WORDS = frozenset({"its", "their", "his", "her", "our", "'s", "'", "whose"})


def _fronted_rivals(ctx: Context, sent: Span, sent_index: int) -> list[Candidate]:
    """Two or more companies listed right after a rival word with no owner and no
    comparison, in a sentence that names no other company, are each other's rivals:
    "Longtime rivals X and Y agreed to merge", "The rival carmakers X and Y both cut
    prices", "Shares of bitter rivals X and Y fell". Read off the words, as the parser
    often takes the rival word for a verb there."""
    out: list[Candidate] = []
    for tok in sent:
        if tok.lower_ not in _FRONTED_RIVAL_WORDS:
            continue
        before = ctx.doc[max(sent.start, tok.i - 3) : tok.i]
        if any(t.lower_ in _OWNING_WORDS or t.tag_ in {"JJR", "JJS", "RBR", "RBS"} for t in before):
            continue
        listed = _names_listed_after(ctx, tok, sent)
        if len({m.name for m in listed}) < 2:
            continue
        names = {m.name for m in listed}
        if any(
            sent.start <= m.start < sent.end
            and m.type is EntityType.ORGANIZATION
            and m.name not in names
            for m in ctx.mentions
        ):
            continue  # "X beat rivals Y and Z": X's rivals, not said to be each other's
        out += [
            Candidate(a, Relation.COMPETES_WITH, b, sent_index, tok.i, 0.7, timeless=True)
            for a, b in itertools.combinations(listed, 2)
            if a.name != b.name
        ]
    return out


#: Ranked nouns that name parts of one company, not rivals: "its two largest units".
_RANKED_PARTS = frozenset({
    "unit", "subsidiary", "division", "arm", "affiliate", "member", "brand", "business",
    "operation", "segment", "asset", "holding",
})  # fmt: skip
#: Counts of the companies a ranked plural noun names together: "the two largest banks".
_RANK_COUNTS = frozenset({"two", "three", "four", "2", "3", "4"})


def _top_ranked_pairs(ctx: Context, sent: Span, sent_index: int) -> list[Candidate]:
    """Companies named together as the top few of a trade are each other's rivals: "X and
    Y are the two largest makers of memory chips", "X and Y, the two biggest banks in
    Norway, ..." (a plural noun with a count and a superlative, said of two or more
    names; not of ties such as "the two largest shareholders")."""
    out: list[Candidate] = []
    for noun in sent:
        if noun.tag_ != "NNS" or noun.dep_ not in {"attr", "appos"} or noun.i in ctx.at:
            continue
        if noun.lemma_.lower() in _RANKED_TIES | _RANKED_PARTS:
            continue
        kids = list(noun.children)
        if not any(c.dep_ == "nummod" and c.lower_ in _RANK_COUNTS for c in kids):
            continue
        if not any(c.tag_ == "JJS" for c in kids):
            continue
        if noun.dep_ == "attr":
            named = ctx.agent(noun.head, _ORG) if noun.head.lemma_.lower() == "be" else []
        else:
            named = _listed_names(ctx, noun.head)
        out += [
            Candidate(a, Relation.COMPETES_WITH, b, sent_index, noun.i, 0.7, timeless=True)
            for a, b in itertools.combinations(named, 2)
            if a.name != b.name
        ]
    return out


def _names_listed_after(ctx: Context, tok: Token, sent: Span) -> list[Mention]:
    """The organizations listed right after a word, past at most two common nouns that
    say what they are ("rival carmakers X, Y and Z"): none when anything else comes
    first."""
    i = tok.i + 1
    for _ in range(2):
        if i < sent.end and i not in ctx.at and ctx.doc[i].pos_ == "NOUN":
            i += 1
    found: list[Mention] = []
    while i < sent.end:
        m = ctx.at.get(i)
        if m is None or m.start != i or m.type is not EntityType.ORGANIZATION:
            break
        found.append(m)
        i = m.end
        while i < sent.end and ctx.doc[i].lower_ in {",", "and"}:
            i += 1
    return found


def _examples_named(ctx: Context, noun: Token) -> list[Mention]:
    """The companies a noun lists as examples: "rival chains such as X and Y", "rival
    carmakers like X", "rival lenders including X"."""
    found: list[Mention] = []
    for p in noun.children:
        such = p.lower_ == "as" and p.i > 0 and ctx.doc[p.i - 1].lower_ == "such"
        if p.dep_ == "prep" and (such or p.lower_ in {"like", "including"}):
            found += [m for o in ctx._objects_of(p) for m in _listed_names(ctx, o)]
    return found


def _plain_rivals(ctx: Context, tok: Token, named: Token, rivals: list[Mention]) -> bool:
    """A bare plural rival word on two or more names in a sentence that names no other
    company: "rivals X and Y" (not "its rivals", "bigger rivals X and Y", "the rivals")."""
    if tok.tag_ != "NNS" or len({m.name for m in rivals}) < 2:
        return False
    bare = {"poss", "amod", "det", "nummod", "prep", "compound"}
    if any(c.dep_ in bare or _measuring(c) for c in (*tok.children, *named.children)):
        return False
    sent, names = named.sent, {m.name for m in rivals}
    return not any(
        sent.start <= m.start < sent.end
        and m.type is EntityType.ORGANIZATION
        and m.name not in names
        for m in ctx.mentions
    )


#: Prepositions naming the rival as the one making or taking a move ("an offer from
#: rival Y", "a bid by rival Y", "its pursuit of rival Y") or set beside another company
#: ("X, like rival Y, cut its forecast", "unlike rival Y").
_MOVER_PREPS = frozenset({"from", "by", "of", "like", "unlike"})


def _mover_other(ctx: Context, named: Token, rivals: list[Mention]) -> list[Mention]:
    """The one other company of a sentence whose rival makes or takes a move, or is set
    beside it: "X rejected a takeover offer from rival Y", "X, like rival Y, cut its
    forecast". With two or more other companies the sentence does not say whose rival
    it is."""
    if named.dep_ != "pobj" or named.head.lower_ not in _MOVER_PREPS:
        return []
    sent, names = named.sent, {m.name for m in rivals}
    others = {
        m.name: m
        for m in ctx.mentions
        if sent.start <= m.start < sent.end
        and m.type is EntityType.ORGANIZATION
        and m.name not in names
        and ctx.party(m)
    }
    return list(others.values()) if len(others) == 1 else []


def _partner_modifier(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A partner named by a modifier, read as a rival modifier is: "a dispute with partner
    X", "A and partner X launched", "partner banks such as X and Y"."""
    return [
        replace(c, relation=Relation.PARTNERS_WITH) for c in _rival_modifier(ctx, tok, sent_index)
    ]


def _described_subject_is(ctx: Context, noun: Token, org: Mention) -> bool:
    """True when the clause holding ``noun`` has a description for its subject ("the
    sportswear company") that stands for ``org``, the subject of the sentence before."""
    subj_deps = {"nsubj", "nsubjpass"}
    verb = noun.head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} and any(c.dep_ in subj_deps for c in verb.children):
            break
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    for subj in verb.children:
        if subj.dep_ in {"nsubj", "nsubjpass"} and subj.pos_ == "NOUN" and ctx.is_anaphor(subj):
            found = ctx.refer(subj)
            # and the sentence before was about it: "X signed ... The carmaker ..."
            start = subj.sent.start
            before = ctx.doc[start - 1].sent.start if start else 0
            was_subject = any(m.name == org.name and before <= m.start < start
                              for m in ctx.subjects)  # fmt: skip
            return len(found) == 1 and found[0].name == org.name and was_subject
    return False


#: Verbs of leaving one company for another: "left X for rival Y".
_LEAVING = frozenset({
    "leave", "quit", "defect", "switch", "desert", "abandon", "ditch", "jump", "drop", "dump",
})  # fmt: skip


def _left_for(named: Token, verb: Token) -> bool:
    """The name is where a verb of leaving goes: "left X for rival Y"."""
    return (
        named.dep_ == "pobj"
        and named.head.lower_ in {"for", "to"}
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in _LEAVING
    )


def _its_owner(ctx: Context, noun: Token) -> Mention | None:
    """The company right before "and its" on the noun: "X and its rival Y" is X's."""
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ == "its" and c.i >= 2 and c.nbor(-1).lower_ == "and":
            m = ctx.at.get(c.i - 2)
            if m is not None and m.type is EntityType.ORGANIZATION:
                return m
    return None


#: Prepositions placing a ranked company against others: "the second-largest maker behind
#: X", "the third-biggest carmaker after X", "the largest seller, ahead of X".
_RANK_PREPS = frozenset({"behind", "after", "of"})
#: Verbs by which a company leads a field others trail: "X leads the market, followed by
#: Y", "X dominates the market, ahead of Y".
_LEADING = frozenset({"lead", "dominate", "top", "rank", "head"})
#: What a leading verb leads, when it names it: a field, not a round, a deal or talks.
_FIELDS = frozenset({
    "market", "industry", "field", "sector", "business", "ranking", "rankings", "league",
    "chart", "charts", "list", "table", "segment", "category", "pack", "space", "arena",
})  # fmt: skip


def _leads_field(verb: Token) -> bool:
    """An active verb of leading with no object or a field for its object: "X leads the
    market", "X dominates" (not "X led the round", "the talks were led by X")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LEADING:
        return False
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return False
    return all(c.lemma_.lower() in _FIELDS for c in verb.children if c.dep_ == "dobj")


#: Ordinal words of a ranking: "the fourth mobile operator behind X".
_ORDINALS = frozenset({
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "no.", "number",
})  # fmt: skip
#: Nouns that rank a company first without an ordinal: "the market leader, ahead of X".
_LEADERS = frozenset({"leader", "frontrunner", "front-runner"})
#: Ranked nouns that name a company's ties, not its trade: "the second-largest shareholder
#: after X" or "its biggest customer after X" ranks owners or buyers, not rivals.
_RANKED_TIES = frozenset({
    "shareholder", "investor", "owner", "holder", "stakeholder", "backer", "lender",
    "creditor", "customer", "client", "buyer", "bidder", "employer", "donor", "sponsor",
    "partner", "user", "tenant", "acquisition", "deal", "stake", "source", "market",
})  # fmt: skip


def _ranked(noun: Token) -> bool:
    """A noun ranked by size or order: "the second-largest maker", "the fourth operator"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in _RANKED_TIES:
        return False
    if noun.lemma_.lower() in _LEADERS:
        return True  # "the market leader, ahead of X": first by its own word
    before = noun.doc[noun.i - 1].lower_ if noun.i > 0 else ""
    if before in {"no", "no.", "number"} and any(c.dep_ == "nummod" for c in noun.children):
        return True  # "the No. 2 in cloud storage behind X" (the parser splits "No.")
    mods = [c for c in noun.children if c.dep_ in {"amod", "advmod", "nummod"}]
    words = {t.lower_ for m in mods for t in m.subtree}
    return bool(words & _ORDINALS) or any(t.tag_ == "JJS" for m in mods for t in m.subtree)


def _ranked_noun(tok: Token) -> Token | None:
    """The ranked noun a "behind" phrase places: on the noun, on a phrase inside it ("maker
    of tractors behind X"), or beside it on the verb ("is the largest maker, ahead of X")."""
    host = tok.head
    for _ in range(3):
        if _ranked(host):
            return host
        if host.dep_ == "pobj" and host.head.dep_ == "prep":
            host = host.head.head
            continue
        if host.pos_ in {"VERB", "AUX"}:
            near = [c for c in host.children if c.dep_ in {"attr", "oprd"}]
            near += [p for c in host.children if c.dep_ == "prep" and c.lower_ in {"as", "into"}
                     for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            return next((n for n in near if _ranked(n)), None)
        break
    return None


def _ranked_behind(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A company ranked against named others is their rival: "X is the second-largest
    maker behind Y", "X, the third-biggest carmaker after Y and Z", "X launched as the
    fourth operator behind Y", "X is the largest seller, ahead of Y"."""
    if tok.lower_ == "of":
        if tok.head.lower_ != "ahead":
            return []
        anchor = tok.head
        lead = anchor.head
        if _leads_field(lead):
            # "X dominates the market, ahead of Y and Z": the leading verb's doer
            return _rivals_behind(ctx, lead, tok, sent_index)
    else:
        anchor = tok
    noun = _ranked_noun(anchor)
    if noun is None or noun.i in ctx.at:
        return []
    others = [m for p in ctx._objects_of(tok) for m in _listed_names(ctx, p)]
    if others:  # "behind A, B and C" with B and C hung on the ranked noun
        others += [
            m
            for c in noun.children
            if c.dep_ in {"conj", "appos"} and c.i > tok.i
            for m in _listed_names(ctx, c)
            if m not in others
        ]
    if noun.dep_ == "pobj" and noun.head.lower_ == "into":
        found = ctx.patient(noun.head.head, _ORG)  # "made X into the second-largest maker"
    else:
        found = ctx.holder(noun, _ORG)
    # "as the fourth operator behind A, B and C": names after the preposition the parser
    # hung on the noun are more of the others, and the ranked one is the verb's doer
    if found and all(m.start > tok.i for m in found):
        others += [m for m in found if m not in others]
        found = ctx.agent(noun.head.head, _ORG) if noun.head.lower_ == "as" else []
    ranked = [m for m in found if m.start >= tok.sent.start]
    return [
        Candidate(r, Relation.COMPETES_WITH, o, sent_index, tok.i, 0.7, timeless=True)
        for r in ranked
        for o in others
        if r.name != o.name
    ]


def _preposition_rivals(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """Rivals a preposition names: a ranking ("behind Y", "ahead of Y", "second to Y",
    "followed by Y") or the other side of a contest idiom ("head to head with Y")."""
    out: list[Candidate] = []
    if tok.dep_ == "prep" and tok.lower_ in _RANK_PREPS:
        out += _ranked_behind(ctx, tok, sent_index)
    elif tok.lower_ in {"to", "by"}:
        out += _placed_second(ctx, tok, sent_index)
    if tok.dep_ == "prep" and tok.lower_ in _CONTEST_PREPS:
        out += _contest_idiom(ctx, tok, sent_index)
    return out


#: Idioms of a contest, each with the prepositions that name the other side: "go head to
#: head with Y", "is playing catch-up to Y", "running neck and neck with Y", "is up
#: against Y" (words joined by hyphens read as spaces).
_CONTEST_IDIOMS = {
    "head to head": frozenset({"with", "against"}),
    "catch up": frozenset({"with", "to"}),
    "neck and neck": frozenset({"with"}),
    "toe to toe": frozenset({"with", "against"}),
    "up": frozenset({"against"}),
}
_CONTEST_PREPS = frozenset(p for ps in _CONTEST_IDIOMS.values() for p in ps)


def _rivals_behind(ctx: Context, verb: Token, prep: Token, sent_index: int) -> list[Candidate]:
    """The doer of ``verb`` competes with each company the phrase at ``prep`` lists ("X
    leads the market, ahead of Y and Z", "X will go head to head with Y")."""
    others = [m for p in ctx._objects_of(prep) for m in _listed_names(ctx, p)]
    return [
        Candidate(s, Relation.COMPETES_WITH, o, sent_index, prep.i, 0.7, timeless=True)
        for s in ctx.agent(verb, _ORG)
        for o in others
        if s.name != o.name
    ]


def _contest_idiom(ctx: Context, prep: Token, sent_index: int) -> list[Candidate]:
    """A contest told by an idiom right before the preposition naming the other side: "X
    will go head-to-head with Y", "X is playing catch-up with Y", "X is up against Y". The
    doer is the subject of the verb the phrase hangs on."""
    start = max(prep.sent.start, prep.i - 5)
    words = " ".join(t.lower_ for t in ctx.doc[start : prep.i]).replace("-", " ")
    words = " ".join(words.split())
    if not any(words.endswith(k) and prep.lower_ in v for k, v in _CONTEST_IDIOMS.items()):
        return []
    if words.endswith("catch up") and prep.i >= 2 and ctx.doc[prep.i - 2].lower_ == "catch":
        return []  # "catch up with Y" unhyphenated is the phrasal verb's own frame
    verb = prep.head
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    return _rivals_behind(ctx, verb, prep, sent_index)


def _placed_second(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A company placed next to the one ahead of it: "X is a distant second to Y", "X is
    second only to Y", "X ranks third to Y" ("to" on an ordinal), "X is the largest
    maker, followed by Y", "X leads the market, followed by Y and Z" ("by" on "followed"
    after a ranked noun or a verb of leading)."""
    host = tok.head
    if tok.lower_ == "to":
        if host.lower_ not in _ORDINALS:
            return []
        verb = host.head if host.dep_ in {"attr", "acomp", "advmod", "oprd", "npadvmod"} else None
        ranked = ctx.agent(verb, _ORG) if verb is not None else ctx.holder(host, _ORG)
    else:
        if (
            host.lemma_.lower() != "follow"
            or host.tag_ != "VBN"
            or host.dep_ not in {"acl", "advcl"}
        ):
            return []
        lead = host.head
        if _leads_field(lead):
            ranked = ctx.agent(lead, _ORG)
        elif _ranked(lead) and lead.i not in ctx.at:
            ranked = ctx.holder(lead, _ORG)
        else:
            return []
    others = [m for p in ctx._objects_of(tok) for m in _listed_names(ctx, p)]
    return [
        Candidate(r, Relation.COMPETES_WITH, o, sent_index, tok.i, 0.7, timeless=True)
        for r in ranked
        for o in others
        if r.name != o.name and r.start >= tok.sent.start
    ]


def _relative_noun(noun: Token) -> bool:
    """A relational noun measured against a party of its own: "its rivals", "larger
    rivals", "its biggest partners", or one that lists examples ("works with partners such
    as X and Y", "has partners including X and Y"): the listed names are some third
    company's partners or rivals, not each other's."""
    if noun.dep_ in {"dobj", "pobj"} or _included(noun):
        return True
    if noun.dep_ == "conj" and _included(noun.head):
        return True  # "Clients and partners include X and Y": some one company's
    return any(_measuring(c) or c.lower_ in {"such", "including"} for c in noun.children)


def _included(noun: Token) -> bool:
    """A relational noun with no owner that lists its members as the subject of "include":
    "Partners include X and Y", "Notable competitors include X"."""
    return (
        noun.dep_ == "nsubj"
        and noun.head.lemma_.lower() in {"include", "comprise"}
        and not any(c.dep_ in {"poss", "prep"} for c in noun.children)
    )


def _included_by_topic(
    ctx: Context,
    tok: Token,
    frame: Frame,
    subjects: list[Mention],
    filled: tuple[list[Mention], str],
) -> tuple[list[Mention], str]:
    """The company a list of partners or rivals with no owner belongs to when the frame
    found none: the one the text is about ("X is a software maker. Competitors include Y
    and Z" lists X's rivals)."""
    symmetric = Relation(frame["relation"]) in SYMMETRIC and "holder" in frame["subject"]
    if filled[0] or not symmetric or not subjects or not _included(tok):
        return filled
    avoid = {m.name for m in subjects}
    topic = [m for m in ctx.context_org(tok, subjects) if m.type is EntityType.ORGANIZATION]
    return [m for m in topic if m.name not in avoid], "context_org"


def _relative(tok: Token) -> bool:
    """A rival modifier measured against a party outside the list it names: "its rivals
    X and Y", "bigger rivals X and Y" are some third company's rivals, not each other's."""
    return any(_measuring(c) for c in [*tok.children, *tok.head.children])


def _measuring(mod: Token) -> bool:
    """A modifier that measures a relational noun against a party of its own: an owner
    ("its rivals") or a comparison ("bigger rivals", "its biggest partners")."""
    return mod.dep_ == "poss" or mod.tag_ in {"JJR", "JJS"}


def _listed_names(ctx: Context, named: Token) -> list[Mention]:
    """The organization named at a token and the ones listed after it: "rivals X, Y
    and Z" are three rivals (the parser chains each item under the one before)."""
    found: list[Mention] = []
    tok: Token | None = named
    while tok is not None:
        m = ctx.at.get(tok.i)
        if m is None or m.type is not EntityType.ORGANIZATION:
            break
        if m not in found:
            found.append(m)
        tok = next((c for c in tok.children if c.dep_ == "conj"), None)
    return found


def _owned_company(
    ctx: Context, tok: Token, sent_index: int, acting: bool = False
) -> list[Candidate]:
    """A company written as another's: "Halvorsen's Tessaract Systems", "Brandwell's
    Orvane Group". Both ends named (no pronoun owner, no place or person), the owned
    one a known company or a name with a company word, or ``acting`` as a company in
    its sentence ("Brandwell's Orvane agreed to buy X")."""
    owned = ctx.at.get(tok.i)
    if owned is None or owned.type is not EntityType.ORGANIZATION or tok.dep_ == "compound":
        return []
    span = ctx.doc[owned.start : owned.end]
    if span.root.i != tok.i:
        return []
    if owned.source != "gazetteer" and not acting and not any(company_word(t) for t in span):
        return []  # "Brandwell's Zelmira": a single unknown name may be a product
    rivals = set(resources.load_json("relations.json")["rival_modifiers"]["words"])
    if any(c.lower_ in rivals for c in tok.children if c.i < owned.start):
        return []  # "Brandwell's rival Orvane Group" is its competitor, not its unit
    if _other_tie_named(ctx, tok, owned):
        return []
    out = []
    for child in tok.children:
        owner = ctx.at.get(child.i) if child.dep_ == "poss" else None
        if (
            owner is not None
            and owner.type is EntityType.ORGANIZATION
            and owner.source in {"ner", "gazetteer"}
            and ctx.party(owner)
            and not set(owner.name.lower().split()) & set(owned.name.lower().split())
        ):  # "Capwell's H.C. Capwell Co." is one company written twice
            out.append(Candidate(owned, Relation.SUBSIDIARY_OF, owner, sent_index, tok.i, 0.7))
    return out


def _rival_makers(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Goods named as a rival stand for their makers: "X will compete with Y's Zeta",
    "X's Vela tablet will rival the Zeta from Y" make X and Y rivals, not the goods. A
    product whose maker the window does not name competes with no company."""
    makers: dict[str, Mention] = {}
    for c in cands:
        if c.relation is Relation.DEVELOPS and c.subject.type is EntityType.ORGANIZATION:
            makers.setdefault(c.object.name, c.subject)
    goods = set(makers)
    talk = {c.sent_index for c in cands if c.relation is Relation.DEVELOPS}
    for c in cands:
        if c.relation is Relation.COMPETES_WITH:
            goods |= {
                m.name
                for m in (c.subject, c.object)
                if _named_goods_end(ctx, m)
                or (c.sent_index in talk and _owned_name(ctx, m))
                or m.type is EntityType.PRODUCT
                or _from_maker(ctx, m) is not None
            }
    # goods the entity stage typed stand only for a maker their own sentence names
    here = {
        (c.sent_index, c.object.name): c.subject
        for c in cands
        if c.relation is Relation.DEVELOPS and c.subject.type is EntityType.ORGANIZATION
    }
    out: list[Candidate] = []
    for c in cands:
        if c.relation is not Relation.COMPETES_WITH or not {c.subject.name, c.object.name} & goods:
            out.append(c)
            continue
        ends = []
        for m in (c.subject, c.object):
            known = makers
            if m.type is EntityType.PRODUCT:
                maker = here.get((c.sent_index, m.name))
                known = {m.name: maker} if maker is not None else {}
            ends.append(_goods_maker(ctx, m, known, goods))
        s, o = ends
        if s is None or o is None or s.name == o.name:
            continue
        typed = {m.type for m in (c.subject, c.object)} == {
            EntityType.PRODUCT,
            EntityType.ORGANIZATION,
        }
        if typed and not {c.subject.name, c.object.name} <= goods:
            continue  # typed goods against a company: goods stand in only against goods
        out.append(replace(c, subject=s, object=o))
    return out


#: Verbs by which a deal makes a company: "creating a stronger rival to Y".
_DEAL_MAKING = frozenset({"create", "form", "forge", "build", "produce"})
#: Nouns the made company is called as a rival: "a stronger rival to Y".
_RIVAL_NOUNS = frozenset({"rival", "competitor", "challenger", "contender"})
#: Verbs of an infinitive that says what the made company is for: "a giant to rival Y".
_RIVALLING = frozenset({"rival", "challenge", "compete", "take"})


def _deal_rivals(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A deal that creates a rival makes its buyer that rival: "X agreed to buy Z,
    creating a stronger rival to Y", "X's purchase of Z creates a giant to rival Y", "X
    agreed to buy Z. The deal creates a stronger competitor to Y"."""
    buyers: dict[int, dict[str, Mention]] = {}
    for c in cands:
        if c.relation is Relation.ACQUIRES:
            buyers.setdefault(c.sent_index, {})[c.subject.name] = c.subject
    out: list[Candidate] = []
    for sent_index, sent in enumerate(ctx.doc.sents):
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DEAL_MAKING:
                continue
            rivals = _made_rivals(ctx, verb)
            made = _deal_buyer(ctx, verb, buyers, sent_index) if rivals else []
            out += [
                Candidate(b, Relation.COMPETES_WITH, r, sent_index, verb.i, 0.7, timeless=True)
                for b in made
                for r in rivals
                if b.name != r.name
            ]
    return out


#: Verbs of taking a company over, whose object an unnamed rival may be: "the third time
#: it has tried to acquire its closest rival".
_TAKING = frozenset({"combine", "merge", "buy", "acquire", "purchase", "absorb"})


def _unnamed_rival_bought(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """An unnamed rival its owner takes over is the company the sentence has it buy: "X
    agreed to buy Z, the third time it has tried to acquire its closest rival" (Z is X's
    rival). Only where the sentence states one purchase."""
    out: list[Candidate] = []
    for sent_index, sent in enumerate(ctx.doc.sents):
        deals = {(c.subject.name, c.object.name): c for c in cands
                 if c.relation is Relation.ACQUIRES and c.sent_index == sent_index}  # fmt: skip
        if len(deals) != 1:
            continue
        deal = next(iter(deals.values()))
        for noun in sent:
            if _taken_rival(ctx, noun):
                out.append(Candidate(deal.subject, Relation.COMPETES_WITH, deal.object,
                                     sent_index, noun.i, 0.7, timeless=True))  # fmt: skip
    return out


def _taken_rival(ctx: Context, noun: Token) -> bool:
    """ "its closest rival" with no name of its own, the object of a verb of taking a
    company over ("tried to acquire its closest rival", "a plan to merge with its rival")."""
    if noun.lemma_.lower() not in _RIVAL_NOUNS or noun.tag_ != "NN" or noun.i in ctx.at:
        return False
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return False
    if any(c.dep_ in {"appos", "conj", "compound"} for c in noun.children):
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return noun.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in _TAKING


def _made_rivals(ctx: Context, verb: Token) -> list[Mention]:
    """Whom the company a verb makes rivals: "creating a rival to Y", "a giant to rival Y"
    (the infinitive on the made noun or on the verb)."""
    made = [c for c in verb.children if c.dep_ == "dobj" and c.i not in ctx.at]
    found: list[Mention] = []
    for noun in made:
        if noun.lemma_.lower() in _RIVAL_NOUNS:
            found += ctx.prep(noun, "to", _ORG)
        hosts = [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
        hosts += [c for c in verb.children if c.dep_ in {"advcl", "xcomp"}]
        for inf in hosts:
            if inf.lemma_.lower() not in _RIVALLING or not any(
                a.dep_ == "aux" and a.lower_ == "to" for a in inf.children
            ):
                continue
            if inf.lemma_.lower() == "take" and not any(p.lower_ == "on" for p in inf.children):
                continue
            found += ctx.patient(inf, _ORG) or ctx.prep(inf, "with", _ORG)
            found += [] if found else ctx.prep(inf, "on", _ORG) + ctx.prep(inf, "against", _ORG)
    return found


def _deal_buyer(
    ctx: Context, verb: Token, buyers: dict[int, dict[str, Mention]], sent_index: int
) -> list[Mention]:
    """The buyer of the deal a making verb belongs to: the owner of its subject ("X's
    purchase of Z creates"), the one buyer of the sentence, or, for "the deal" opening
    a sentence, the one buyer of the sentence before."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for subj in subjects:
        owners = ctx.poss(subj, _ORG) if subj.i not in ctx.at else []
        if owners:
            return owners
    here = buyers.get(sent_index, {})
    if here:
        return list(here.values()) if len(here) == 1 else []
    deal = any(s.lemma_.lower() in ctx.deal_nouns and s.i not in ctx.at for s in subjects)
    before = buyers.get(sent_index - 1, {})
    return list(before.values()) if deal and len(before) == 1 else []


def _named_goods_end(ctx: Context, m: Mention) -> bool:
    """The entity stage typed the name a product, or a goods noun follows it ("the Zeta
    tablet")."""
    found = ctx.at.get(m.start)
    if found is not None and found.type is EntityType.PRODUCT:
        return True
    head = ctx.doc[m.start : m.end].root
    while head.dep_ in {"compound", "nmod"} and head.head.i > head.i:
        head = head.head
    return head.i >= m.end and kind_of(head, product_kinds())


def _owned_name(ctx: Context, m: Mention) -> bool:
    """A single unknown name another company owns in the phrase ("Y's Zeta"): in a
    sentence about goods, the owner's goods."""
    found = ctx.at.get(m.start)
    span = ctx.doc[m.start : m.end]
    if found is None or found.source == "gazetteer" or any(company_word(t) for t in span):
        return False
    return any(
        c.dep_ == "poss" and c.i in ctx.at and ctx.at[c.i].type is EntityType.ORGANIZATION
        for c in span.root.children
    )


def _goods_maker(
    ctx: Context, m: Mention, makers: dict[str, Mention], goods: set[str]
) -> Mention | None:
    """The company an end of a rivalry stands for: itself, or the maker of the goods it
    names (its owner in the phrase, "Y's Zeta", or the window's maker of it); None for
    goods with no maker named."""
    if m.name not in goods:
        return m
    head = ctx.doc[m.start : m.end].root
    while head.dep_ in {"compound", "nmod", "nummod", "amod"} and head.head.i > head.i:
        head = head.head
    for c in head.children:
        owner = ctx.at.get(c.i) if c.dep_ == "poss" else None
        if owner is not None and owner.type is EntityType.ORGANIZATION and owner.name != m.name:
            return owner
    return makers.get(m.name) or _from_maker(ctx, m)


def _from_maker(ctx: Context, m: Mention) -> Mention | None:
    """The company a named rival comes from: "the Zeta from Y" (goods, not a company,
    when the name holds no company word: "Orlo Motors from Norway" stays a company)."""
    if m.type is EntityType.ORGANIZATION and m.source != "slot":
        return None
    head = ctx.doc[m.start : m.end].root
    while head.dep_ in {"compound", "nmod"} and head.head.i > head.i:
        head = head.head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for pobj in prep.children:
                maker = ctx.at.get(pobj.i) if pobj.dep_ == "pobj" else None
                if maker is not None and maker.type is EntityType.ORGANIZATION:
                    return maker
    return None


#: Relations only a company takes part in as the subject (or either end).
_COMPANY_ACTS = frozenset({
    Relation.ACQUIRES, Relation.INVESTS_IN, Relation.PARTNERS_WITH, Relation.SUPPLIES,
    Relation.COMPETES_WITH, Relation.DEVELOPS,
})  # fmt: skip


def _owned_actors(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A possessed single name that acts as a company in its sentence is the owner's
    company, not its product: "Brandwell's Orvane agreed to buy X" (Orvane buys),
    however the clause is decorated."""
    acting: set[tuple[int, str]] = set()
    for c in cands:
        if c.relation in _COMPANY_ACTS:
            acting.add((c.sent_index, c.subject.name))
        if c.relation in SYMMETRIC:
            acting.add((c.sent_index, c.object.name))
    out: list[Candidate] = []
    for sent_index, sent in enumerate(ctx.doc.sents):
        for m in ctx.mentions:
            if not (sent.start <= m.start < sent.end) or (sent_index, m.name) not in acting:
                continue
            root = ctx.doc[m.start : m.end].root
            if any(c.dep_ == "poss" for c in root.children):
                out.extend(_owned_company(ctx, root, sent_index, acting=True))
    return out


def _listed_units(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """The other names of a list of parts a unit's tie was found for: "spin off its Orlo
    engines and Zenvia pumps businesses" parts with Zenvia too, however the parser
    split the list."""
    out: list[Candidate] = []
    for c in cands:
        if c.relation is not Relation.SUBSIDIARY_OF:
            continue
        noun = entities.part_noun_after(ctx.doc, c.subject.end)
        if noun < 0:
            continue
        for m in ctx.mentions:
            if (
                c.subject.end <= m.start < noun
                and m.type is EntityType.ORGANIZATION
                and m.name not in {c.subject.name, c.object.name}
            ):
                out.append(replace(c, subject=m, qualifiers=dict(c.qualifiers)))
    return out


def _named_business(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A business written with its unit's name, the subject of its clause: "its Orlo
    engines business will cut jobs", "Velmora's Orlo business grew". A business sold,
    bought or spun off has frames of its own (an ended tie); a well-known company before
    the noun may be a customer ("its Velmora business")."""
    if tok.lemma_.lower() not in _NAMED_PARTS or tok.dep_ not in {"nsubj", "appos"}:
        return []
    # the owner may hang on the goods noun: "its Orlo engines business"
    owner = next((t for t in tok.subtree if t.dep_ == "poss" and t.i < tok.i), None)
    if owner is None:
        return []
    units = [
        m
        for m in ctx.mentions
        if tok.left_edge.i <= m.start
        and m.end <= tok.i
        and m.type is EntityType.ORGANIZATION
        and m.source != "gazetteer"
        and entities.names_part(ctx.doc, m.start, m.end)
    ]
    return [
        Candidate(u, Relation.SUBSIDIARY_OF, o, sent_index, tok.i, 0.7)
        for o in ctx.ents_at(owner, _ORG)
        for u in units
        if o.name != u.name and o.start < u.start
    ]


#: Nouns for a business a named unit before them is: "its Orlo engines business".
_NAMED_PARTS = frozenset({"business", "operation"})


#: Words that may follow such a clause's verb when it has no object of its own (a phrase
#: of time, price or seller, or the clause's end).
_AFTER_CLAUSE = frozenset({"in", "for", "from", "last", "earlier", "this", "two", "three", "a",
                           "on", "at", "back", "during", "after", "before", "when", "and", ",",
                           ".", ";", ")", "--", "-"})  # fmt: skip
#: Verbs that an infinitive of buying hangs on in such a clause: "the lender X agreed to buy".
_BUYING_HOSTS = frozenset({"agree", "agreed", "plan", "plans", "planned", "move", "moved"})
#: Tags of the words in a short description before a name: "the Boston-based software firm".
_DESCRIBING = frozenset({"JJ", "NN", "NNS", "HYPH", "NNP", "VBN", "VBG"})


#: Verbs of backing a company a relative clause without "that" may hold.
_BACKING_ZERO = {
    "back": Relation.INVESTS_IN, "fund": Relation.INVESTS_IN, "finance": Relation.INVESTS_IN,
    "bankroll": Relation.INVESTS_IN, "invest": Relation.INVESTS_IN,
}  # fmt: skip


def _zero_relative(ctx: Context, verb: Token, sent_index: int) -> list[Candidate]:
    """A company bought, named by an appositive whose relative clause has no "that" (the
    parser often reads the buyer as a second appositive): "Y, the startup X acquired in
    2019", "Y, a lender X agreed to buy last year". Read off the words: the name, a comma,
    a determiner and a short description, the buyer's name, the verb with no object."""
    # a verb of buying a company, or of backing one ("Y, a startup X has invested in",
    # "Y, the lab X backs"), that a relative clause without "that" may hold
    lemma = verb.lemma_.lower()
    rel = Relation.ACQUIRES if lemma in BUYING else _BACKING_ZERO.get(lemma)
    tags = {"VBD", "VBN", "VB"} | ({"VBZ", "VBP"} if rel is Relation.INVESTS_IN else set())
    if rel is None or verb.tag_ not in tags:
        return []
    end = _buyer_end(ctx, verb)
    if end is None or _object_follows(ctx, verb, stranded=lemma == "invest"):
        return []
    buyer = ctx.at.get(end)
    if buyer is None or buyer.end != end + 1 or buyer.type is not EntityType.ORGANIZATION:
        return []
    bought = _described_before(ctx, buyer.start - 1)
    if bought is None or bought.name == buyer.name or not ctx.party(buyer):
        return []
    return [Candidate(buyer, rel, bought, sent_index, verb.i, 0.7)]


def _object_follows(ctx: Context, verb: Token, stranded: bool = False) -> bool:
    """Whether words after the verb may be its own object ("bought a stake"), not a
    phrase of time, price or seller ("bought last year", "acquired two years ago").
    ``stranded``: the verb's preposition is left at the clause's end ("invested in,")."""
    after = [t.lower_ for t in ctx.doc[verb.i + 1 : verb.i + 3]]
    if stranded:
        return after[:1] != ["in"] or (len(after) > 1 and after[1] not in {",", ".", ";"})
    if not after:
        return False
    if after[0] not in _AFTER_CLAUSE:
        return True
    ago = {"year", "years", "month", "months", "decade"}
    return after[0] in {"a", "two", "three", "this"} and not (len(after) > 1 and after[1] in ago)


def _buyer_end(ctx: Context, verb: Token) -> int | None:
    """The last token of the buyer's name before the verb: "X acquired", "X had bought",
    "X agreed to buy", "X has agreed to buy"."""
    end = verb.i - 1
    if verb.tag_ == "VB":
        if end < 2 or ctx.doc[end].lower_ != "to" or ctx.doc[end - 1].lower_ not in _BUYING_HOSTS:
            return None
        end -= 2
    if end > 0 and ctx.doc[end].lower_ in {"had", "has"}:
        end -= 1
    return end


def _described_before(ctx: Context, i: int) -> Mention | None:
    """The company named before a comma and a short description ending at token ``i``:
    "Y, the Boston software firm" (up to five words after "the"/"a", no other name or
    verb among them, the last a common noun)."""
    last = ctx.doc[i]
    # a common noun, or one the tagger took for a verb ("the mapping startup")
    noun = last.tag_ in {"NN", "NNS"} or (last.tag_ == "VBD" and last.lemma_ == last.lower_)
    if i < 3 or not noun or not last.is_alpha or i in ctx.at:
        return None
    for j in range(i - 1, max(i - 7, 0), -1):
        tok = ctx.doc[j]
        if tok.lower_ in {"the", "a", "an"}:
            comma = ctx.doc[j - 1]
            named = ctx.at.get(j - 2) if comma.text == "," else None
            if named is None or named.end != j - 1 or named.type is not EntityType.ORGANIZATION:
                return None
            return named
        m = ctx.at.get(j)
        if tok.tag_ not in _DESCRIBING or (m is not None and m.type is EntityType.ORGANIZATION):
            return None
    return None


#: Goods nouns that a brand or business may be named by: buying "X's brand" or "X's
#: network" can be buying a business.
_SOLD_AS_BUSINESS = frozenset({"brand", "franchise", "line", "family", "series", "network",
                               "portal", "product"})  # fmt: skip


@cache
def _bought_goods() -> frozenset[str]:
    """Goods nouns whose maker is no company bought with them."""
    return (entities.product_kinds() | entities.product_head_nouns()) - _SOLD_AS_BUSINESS


def _goods_of(ctx: Context, verb: Token, o: Mention) -> bool:
    """ "bought Orlo's chips", "buys Orlo processors": the verb's object is goods that
    the name makes, so the name is a supplier, not the company bought."""
    kinds = _bought_goods()
    root = ctx.doc[o.start : o.end].root
    return any(
        c.dep_ == "dobj" and c.i not in ctx.at and c.lemma_.lower() in kinds and root.head.i == c.i
        and root.dep_ in {"poss", "compound", "nmod"}
        for c in verb.children
    )  # fmt: skip


#: Parts of a company that are never the whole of it: "buy X's Ohio plant", "sell X's
#: cancer drugs to Y", "buy X's paper unit".
_PART_ALWAYS = frozenset({"unit", "division", "arm", "plant", "factory", "mill", "refinery",
                          "station", "store", "branch", "drug", "mine", "fleet", "segment",
                          "portfolio", "facility", "site", "shop", "outlet", "businesses",
                          "subsidiary", "affiliate", "hotel", "property"})  # fmt: skip
#: Words for what a company holds that may be all of it ("the assets of X", "X's
#: business") unless a modifier picks out a part ("X's vascular business", "certain
#: assets of X", "the oil assets of X").
_PART_WHEN_NARROWED = frozenset({"business", "operation", "operations", "asset", "assets"})
#: Determiners and adjectives that take only part of what a company holds.
_SOME = frozenset({"certain", "some", "several", "selected", "select", "various", "non-core",
                   "noncore"})  # fmt: skip
#: Modifiers that keep the whole: "substantially all the assets of X".
_WHOLE = frozenset({"all", "entire", "whole", "substantially", "its", "their"})
#: Holdings that are the company itself, beside which its assets are bought whole.
_WHOLE_HOLDINGS = frozenset({"stock", "share", "shares", "capital", "equity"})


def _bought(ctx: Context, tok: Token, objects: list[Mention], verb: bool) -> list[Mention]:
    """The objects of a buying trigger that are bought: not the maker of goods bought
    nor the owner of a part bought."""
    return [o for o in objects if not (verb and _goods_of(ctx, tok, o)) and not _part_owner(ctx, o)]


def _part_owner(ctx: Context, o: Mention) -> bool:
    """The acquired name only owns the part that changes hands: "sell X's vascular
    business to Y", "bought certain assets of X", "buy X's Ohio plant" (Y buys the part,
    not X). A part the text names itself is found as the object instead."""
    root = ctx.doc[o.start : o.end].root
    if root.dep_ == "poss":
        part = root.head
        if part.lower_ == "half":  # "buy X's half of the venture"
            return True
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        part = root.head.head
    else:
        return False
    if part.i in ctx.at or part.pos_ != "NOUN":
        return False
    lemma, word = part.lemma_.lower(), part.lower_
    if lemma in _PART_ALWAYS or word in _PART_ALWAYS:
        return True
    if lemma not in _PART_WHEN_NARROWED and word not in _PART_WHEN_NARROWED:
        return False
    deps = {"amod", "compound", "det", "nmod", "nummod", "predet"}
    mods = [c for c in part.children if c.i < part.i and c.dep_ in deps]
    if any(c.lower_ in _WHOLE for c in part.subtree if c.i < part.i):
        return False
    if part.dep_ == "conj" and part.head.lemma_.lower() in _WHOLE_HOLDINGS:
        return False  # "bought the stock and the warehouse assets of X": X whole
    return any(c.lower_ in _SOME or _narrows(ctx, c) for c in mods)


#: Modifiers that give a business's reach, not a part of it: "the global operations of X".
_SCOPE = frozenset({"global", "worldwide", "international", "overall", "combined", "core",
                    "main", "principal", "existing", "operating"})  # fmt: skip


def _narrows(ctx: Context, mod: Token) -> bool:
    """A modifier picking out a line of business ("vascular", "corn milling"); a place or
    a reach ("its Alberta assets", "the global operations") may stand for all of it."""
    return (
        mod.dep_ in {"amod", "compound", "nmod"}
        and mod.i not in ctx.at
        and mod.pos_ != "PROPN"
        and mod.ent_type_ not in {"GPE", "NORP", "LOC"}
        and mod.lower_ not in _SCOPE
    )


def _company_by_product_name(
    ctx: Context, tok: Token, slots: list[str], verb: bool, avoid: list[Mention], slot: str
) -> tuple[list[Mention], str]:
    """A company the gazetteer knows by its product's name is bought or owned as a
    company: "X bought WhatsApp", "Y, which X acquired", "Instagram, owned by X": the
    verb's patient only, never a product merely named near the verb."""
    found, o_slot = _fill(ctx, tok, slots, _PRODUCT, verb, avoid=avoid)
    if o_slot != "patient":
        return [], slot
    known = [
        replace(m, type=EntityType.ORGANIZATION)
        for m in found
        if m.name in resources.run_as_companies()
        and ctx.doc[m.start : m.end].root.dep_ not in {"compound", "amod", "nmod", "poss"}
    ]  # "bought Azure credits" buys credits
    return (known, o_slot) if known else ([], slot)


def _owned_app(
    ctx: Context, tok: Token, rel: Relation, frame: Frame, verb: bool,
    subjects: list[Mention], slot: str,
) -> tuple[list[Mention], str]:  # fmt: skip
    """The owned party of a subsidiary frame where no company filled it: an app the
    gazetteer says is run as a company of its name ("Instagram, owned by X")."""
    if rel is not Relation.SUBSIDIARY_OF or subjects:
        return subjects, slot
    return _company_by_product_name(ctx, tok, frame["subject"], verb, [], slot)


def _other_tie_named(ctx: Context, tok: Token, owned: Mention) -> bool:
    """A relation noun between the owner and the name says what the name is to the owner:
    "Brandwell's parent Orvane Group" (its owner), "Brandwell's partner Orvane Group",
    "Brandwell's supplier Orvane Group". Only a noun whose frame makes the name the unit
    ("Brandwell's subsidiary Orvane Group") leaves the reading as a unit."""
    nouns = resources.load_json("relations.json")["nouns"]
    first = min((c.left_edge.i for c in tok.children if c.dep_ == "poss"), default=owned.start)
    # the owner's own name is no relation noun: "Brandwell Group's Orvane Systems"
    words = [
        t for t in ctx.doc[first : owned.start] if t.pos_ in {"NOUN", "PROPN"} and t.i not in ctx.at
    ]
    keys = [t.lemma_.lower() for t in words] + [
        f"{a.lower_} {b.lemma_.lower()}" for a, b in itertools.pairwise(words)
    ]
    for key in keys:
        frames = nouns.get(key)
        if frames and not any(
            f["relation"] == "subsidiary_of" and f["subject"][:1] == ["holder"] for f in frames
        ):
            return True
    return False


#: Roles that, followed by a function's name, head that function, not the company: "vice
#: president of engineering", "senior vice president - Human Resources".
_FUNCTION_ROLES = frozenset({"vice president"})


def _function_head(tokens: list[Token], i: int, role: str) -> bool:
    if role not in _FUNCTION_ROLES:
        return False
    words = entities.department_words()
    j = i + 1
    while j < len(tokens) and tokens[j].lower_ in {"of", "for", "-", "—", "–", ","}:
        j += 1
    return j > i + 1 and j < len(tokens) and tokens[j].lower_ in words


def _company_of(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A company described as another's with nothing but the owner's name: "X, a Y
    company", "X is an Orlo Group company" (never "a Y-backed" or "a Y portfolio company":
    the owner's name must be all that stands between the article and the noun)."""
    lefts = list(tok.lefts)
    if not lefts or lefts[0].dep_ != "det" or lefts[0].lower_ not in {"a", "an"}:
        return []
    owner = ctx.at.get(tok.i - 1)
    if (
        owner is None
        or owner.type is not EntityType.ORGANIZATION
        or owner.start != lefts[0].i + 1
        or owner.end != tok.i
        or owner.source not in {"ner", "gazetteer"}
    ):
        return []
    out = []
    for held in ctx.holder(tok, frozenset({EntityType.ORGANIZATION})):
        if held.name != owner.name:
            out.append(Candidate(held, Relation.SUBSIDIARY_OF, owner, sent_index, tok.i, 0.75))
    return out


def _owned_product(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A company's own product: "Nvidia's Omniverse", "its Blackwell chips", "Cisco's
    Webex service". The owner of a named product is its developer."""
    product = ctx.at.get(tok.i)
    if product is not None and _dated_name(ctx, tok, product):
        product = replace(product, type=EntityType.PRODUCT)  # "Taito's 1986 Arkanoid"
    if product is None and tok.pos_ == "NOUN" and _product_head(ctx, tok):
        product = _modifier_name(ctx, tok, tok, 0)
    if product is None and tok.pos_ == "NOUN":
        # "Orlo's Zenvia site": a name the entity stage typed a product, before any noun
        typed = [ctx.at.get(c.i) for c in tok.children if c.dep_ in _NAME_MODIFIERS]
        product = next((m for m in typed if m is not None and m.type is EntityType.PRODUCT), None)
    if product is None or product.type is EntityType.ORGANIZATION:
        product = _offering_name(ctx, tok) or product  # "Orlo's Streamly app"
    if product is None and (tok.dep_ == "appos" or (tok.dep_ == "conj" and _bare_conj(tok))):
        # "Siri, its voice assistant"; "the Zeta pickup, Orlo's first electric vehicle"
        product = ctx.at.get(tok.head.i) or _named_goods(ctx, tok.head)
    if product is None and tok.pos_ == "NOUN" and _product_head(ctx, tok):
        product = _described_goods(ctx, tok)  # "the Zeta is Orlo's best-selling scooter"
    if product is None and tok.pos_ == "NOUN" and _product_head(ctx, tok):
        # "its cancer medicines Avastix, ...", "the drugmaker's obesity treatment Kelvax"
        named = [c for c in tok.children if c.dep_ == "appos"]
        named += [tok.head] if tok.dep_ == "compound" and tok.head.i > tok.i else []
        # "Orlo Pharma's drug Kelvax was approved": the name right after the noun, however
        # parsed (the parser may make both the verb's subject)
        after = ctx.at.get(tok.i + 1)
        named += [ctx.doc[tok.i + 1]] if after is not None and after.start == tok.i + 1 else []
        product = next((ctx.at[n.i] for n in named if n.i in ctx.at), None)
    if product is None or product.type is not EntityType.PRODUCT:
        return []
    if entities.names_part(ctx.doc, product.start, product.end):
        return []  # "its Orlo engines business": Orlo is the unit making them
    owner = next(c for c in tok.children if c.dep_ == "poss")
    root = ctx.doc[product.start : product.end].root
    products = [product, *_listed_products(ctx, root)]
    if root.i != tok.i:  # "its A valve system and B stents": the list hangs on the noun
        products += [p for p in _listed_products(ctx, tok) if p not in products]
    return [
        Candidate(o, Relation.DEVELOPS, p, sent_index, tok.i, 0.7, timeless=True)
        for o in ctx.ents_at(owner, _ORG)
        for p in products
        if o.name != p.name and not _flown(o, p, tok)
    ]


#: Craft a carrier flies and another company builds: "Skyrail Airways' Varden V90 jets".
_CRAFT = frozenset({"jet", "plane", "airplane", "aircraft", "airliner", "jetliner", "helicopter"})


def _flown(owner: Mention, product: Mention, noun: Token) -> bool:
    """A carrier's craft or coded model ("Skyrail Airways' Varden V90 jets") is one it
    flies, not one it makes."""
    coded = any(ch.isdigit() for ch in product.name)
    return _carrier(owner) and (coded or noun.lemma_.lower() in _CRAFT)


def _named_goods(ctx: Context, noun: Token) -> Mention | None:
    """The product a generic goods noun is named by: "the Zeta pickup" (a product name
    modifying a product noun)."""
    if noun.pos_ != "NOUN" or not _product_head(ctx, noun):
        return None
    for child in noun.children:
        m = ctx.at.get(child.i)
        if child.dep_ in {"compound", "nmod"} and m is not None and m.type is EntityType.PRODUCT:
            return m
    return None


def _described_goods(ctx: Context, noun: Token) -> Mention | None:
    """The product an owned predicate noun says what it is: "the Zeta is Orlo's
    best-selling scooter", "Zeta has been its top drug" (the copula's subject)."""
    if noun.dep_ != "attr" or noun.head.lemma_.lower() != "be":
        return None
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    m = ctx.at.get(subject.i) or _named_goods(ctx, subject)
    return m if m is not None and m.type is EntityType.PRODUCT else None


def _dated_name(ctx: Context, tok: Token, m: Mention) -> bool:
    """A company's possession named with its year is a work or a model, not a company:
    "Orlo's 1986 Brickfall" (NER may read the name as a company)."""
    return (
        m.type is EntityType.ORGANIZATION
        and m.source == "ner"
        and not any(company_word(t) for t in ctx.doc[m.start : m.end])
        and any(
            c.dep_ == "nummod" and c.ent_type_ == "DATE" and c.i < m.start for c in tok.children
        )
    )


#: Nouns for a service a company runs under a name of its own: "Orlo's Streamly service".
_OFFERINGS = frozenset({"service", "app", "application", "website", "site", "platform"})


def _offering_name(ctx: Context, noun: Token) -> Mention | None:
    """The name set before an owned service noun, which NER may have read as a company:
    "Orlo's Streamly subscription service" (a name with no company word in it)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _OFFERINGS:
        return None
    for child in noun.children:
        m = ctx.at.get(child.i)
        if child.dep_ != "compound" or child.i > noun.i or m is None or m.source != "ner":
            continue
        if m.type is EntityType.ORGANIZATION and not any(
            company_word(t) for t in ctx.doc[m.start : m.end]
        ):
            return replace(m, type=EntityType.PRODUCT)
    return None


#: Nouns for a set of goods whose "of" names the goods: "its range of rockets".
_GOODS_SETS = entities.GOODS_SETS | {"portfolio", "lineup"}
#: Made goods an owned list names: "its missiles such as A and B".
_LISTED_GOODS = frozenset({"franchise", "title", "model", "missile", "rocket", "vehicle"})


def _defined_by(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A definition naming its maker with "by" or in front of the kind of goods: "X is a
    1994 video game by Y", "X is a line of phones by Y", "X is a Y handheld console".
    Y develops X."""
    if not entities.goods_kind(tok) & entities.defined_kinds():
        return []
    makers = ctx.prep(tok, "by", _ORG) or _maker_in_front(ctx, tok)
    products = ctx.copula_subject(tok, _PRODUCT) if makers else []
    return [
        Candidate(m, Relation.DEVELOPS, p, sent_index, tok.i, 0.75, timeless=True)
        for m in makers
        for p in products
        if m.name != p.name
    ]


def _set_goods(tok: Token) -> Token | None:
    """The goods a set noun holds: "games" in "the X series of adventure games"."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in entities.GOODS_SETS:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            goods = [p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
            if goods and entities.goods_kind(goods[0]) & entities.defined_kinds():
                return goods[0]
    return None


def _set_by(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A named set of goods made "by" a company: "X is a line of phones by Y", "the X
    series of adventure games by Y". Y develops X."""
    goods = _set_goods(tok)
    if goods is None:
        return []
    makers = [m for n in (goods, tok) for m in ctx.prep(n, "by", _ORG)]
    products = ctx.copula_subject(goods, _PRODUCT) if makers else []
    if makers and not products:  # "the X series of games by Y": the name on the set
        for child in tok.children:
            if child.dep_ not in {"compound", "nmod"} or child.i > tok.i:
                continue
            m = ctx.at.get(child.i) or ctx.name_for(child, _PRODUCT)
            if m is not None and m.source != "gazetteer":
                products.append(replace(m, type=EntityType.PRODUCT))
    return [
        Candidate(m, Relation.DEVELOPS, p, sent_index, tok.i, 0.75, timeless=True)
        for m in makers
        for p in products
        if m.name != p.name
    ]


def _maker_kind_name(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A product written after its maker and its kind: "the 1998 Y arcade game Red Gate",
    "the Y handheld console Lynx" (maker, kind and name all modify the name)."""
    m = ctx.at.get(tok.i)
    if m is None or m.type is not EntityType.PRODUCT or ctx.doc[m.start : m.end].root != tok:
        return []
    kinds = entities.defined_kinds()
    kind = [
        c
        for c in tok.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < m.start
        and c.lemma_.lower() in kinds
    ]  # fmt: skip
    if not kind:
        return []
    makers = _maker_in_front(ctx, kind[0]) or _maker_in_front(ctx, tok)
    return [
        Candidate(o, Relation.DEVELOPS, m, sent_index, kind[0].i, 0.7, timeless=True)
        for o in makers
        if o.end <= kind[0].i and o.name != m.name
    ]


def _maker_in_front(ctx: Context, noun: Token) -> list[Mention]:
    """A company named in front of a kind of goods: "a Y handheld console", "the last
    Y processor platform" (the company as the noun's first modifier, no possessive)."""
    if any(c.dep_ == "poss" for c in noun.children):
        return []
    for child in noun.children:
        if child.dep_ not in {"compound", "nmod"} or child.i > noun.i:
            continue
        m = ctx.at.get(child.i)
        if m is not None and m.type is EntityType.ORGANIZATION and m.end <= noun.i:
            return [m] if ctx.party(m) else []
        if child.pos_ == "NOUN":
            # "an Y processor microarchitecture": the company is on the noun before
            m = ctx.at.get(child.i - 1)
            if m is not None and m.type is EntityType.ORGANIZATION and m.end == child.i:
                return [m] if ctx.party(m) else []
    return []


def _owned_list(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """Named products listed under an owned noun of goods: "its missiles such as A and
    B", "its game franchises, which include A and B", "its range of rockets such as A".
    The owner develops each."""
    if any(c.dep_ == "compound" and c.tag_ in {"VBZ", "VBD", "VBP"} for c in tok.children):
        return []  # "X's software connects apps such as Y": a verb misread as a noun
    kinds = ctx.product_heads | _LISTED_GOODS | entities.defined_kinds()
    nouns = [tok]
    if tok.lemma_.lower() in _GOODS_SETS:
        nouns += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    for noun in nouns:  # grows as it goes: "rockets as well as lasers and missiles"
        nouns += [c for c in noun.children if c.dep_ == "conj" and c not in nouns]
    if not any(n.lemma_.lower() in kinds and n.tag_ == "NNS" for n in nouns):
        return []
    named: list[Token] = []
    for noun in nouns:  # the list may hang on any of the conjoined nouns
        for child in noun.children:
            if slots.lists_members(child):
                named += [p for p in child.children if p.dep_ in {"pobj", "pcomp"}]
            elif child.dep_ == "relcl" and child.lemma_.lower() == "include":
                named += [d for d in child.children if d.dep_ == "dobj"]
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "include":
        # "whose models include A and B": the list is the verb's object
        named += [d for d in tok.head.children if d.dep_ == "dobj"]
    products = [m for n in named for m in ctx.ents_at(n, _PRODUCT)]
    owner = next(c for c in tok.children if c.dep_ == "poss")
    return [
        Candidate(o, Relation.DEVELOPS, p, sent_index, tok.i, 0.7, timeless=True)
        for o in ctx.ents_at(owner, _ORG)
        for p in products
        if o.name != p.name
    ]


_NAME_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod"})
#: Nouns a named product stands beside when "from X" names its maker.
_FROM_GOODS = frozenset({"system", "platform", "processor", "model", "product", "device"})


def _product_head(ctx: Context, tok: Token) -> bool:
    """A generic product noun ("platform", "smartwatches"), or one of the kinds a
    product name stands beside."""
    return kind_of(tok, frozenset(ctx.product_heads) | product_kinds())


def _product_from(ctx: Context, tok: Token, sent_index: int) -> list[Candidate]:
    """A named product "from" a company is that company's: "Zeta, a gene therapy from
    Orlo", "a custom Quill processor from Orlo", "the Aria platform from Orlo"."""
    product = ctx.at.get(tok.i)
    if product is None and tok.pos_ == "NOUN":
        lemma = tok.lemma_.lower()
        if lemma not in ctx.product_heads and lemma not in _FROM_GOODS:
            return []
        named = [tok.head] if tok.dep_ == "appos" else []
        named += [c for c in tok.children if c.dep_ == "appos"]
        product = next((ctx.at[n.i] for n in named if n.i in ctx.at), None)
        if product is None and tok.dep_ == "attr":  # "X is a web browser from Y"
            product = next(iter(ctx.copula_subject(tok, _PRODUCT)), None)
        if product is not None and ctx.is_product_name(product, tok, _PRODUCT):
            product = replace(product, type=EntityType.PRODUCT)  # "Vault, a banking system"
        if product is None and tok.tag_ == "NN":  # "RSV vaccines from X": a class of goods
            product = _modifier_name(ctx, tok, tok, 0)
            if product is not None and ctx.doc[product.end].text == "-":
                product = None  # "a CAR-T therapy": a piece of a technical term
    if product is None or product.type is not EntityType.PRODUCT:
        return []
    makers = ctx.prep(tok, "from", _ORG)
    return [
        Candidate(m, Relation.DEVELOPS, product, sent_index, tok.i, 0.7, timeless=True)
        for m in makers
        if m.name != product.name
    ]


def _modifier_name(ctx: Context, head: Token, tok: Token, depth: int) -> Mention | None:
    """The name among a product noun's left modifiers, through a chain of noun
    modifiers: "its Foundry platform", "Orlo's Q7 device-management software"."""
    for child in tok.children:
        if child.dep_ not in _NAME_MODIFIERS or child.i > tok.i:
            continue
        product = ctx.at.get(child.i)
        if product is None and child.pos_ == "PROPN":
            product = ctx.name_for(child, _PRODUCT)
        if product is not None and ctx.is_product_name(product, head, _PRODUCT):
            product = replace(product, type=EntityType.PRODUCT)  # "its Foundry platform"
        if product is None and depth < 2 and child.pos_ == "NOUN":
            product = _modifier_name(ctx, head, child, depth + 1)
        if product is not None:
            return product
    return None


def _listed_products(ctx: Context, root: Token) -> list[Mention]:
    """Products listed after a named one: "its medicines A, B and C" owns B and C too."""
    out = []
    for child in root.children:
        m = ctx.at.get(child.i)
        if m is None and child.dep_ == "conj" and _product_head(ctx, child):
            m = _modifier_name(ctx, child, child, 0)  # "its A system and B stents"
        if child.dep_ == "conj" and m is not None and m.type is EntityType.PRODUCT:
            out += [m, *_listed_products(ctx, child)]
    return out


def _apply(
    ctx: Context, tok: Token, frames: list[Frame], sent_index: int, verb: bool
) -> list[Candidate]:
    out: list[Candidate] = []
    for frame in frames:
        if not _frame_applies(ctx, tok, frame):
            continue
        rel = Relation(frame["relation"])
        subj_types, obj_types = SIGNATURES[rel]
        subjects, s_slot = _fill_ends(ctx, tok, frame["subject"], rel, verb, subj_types)
        subjects, s_slot = _owned_app(ctx, tok, rel, frame, verb, subjects, s_slot)
        if rel in resources.relations_with("party_subjects"):
            # no court or regulator; a government holds stakes, but makes no other deal
            subjects = [
                m
                for m in subjects
                if ctx.party(m) or (m.source == "public" and rel is Relation.INVESTS_IN)
            ]
        if frame.get("subject_person"):  # "owned by its founder X", not by a parent company
            subjects = [
                replace(m, type=EntityType.PERSON) if m.lone_person else m
                for m in subjects
                if m.type is EntityType.PERSON or (m.lone_person and not ctx.name_before(m))
            ]
        subjects = _kept_subjects(ctx, frame, subjects)
        subjects, s_slot = _maker_spoken_for(ctx, tok, rel, frame, verb, (subjects, s_slot))
        objects, o_slot = _fill_ends(ctx, tok, frame["object"], rel, verb, obj_types, subjects)
        if rel is Relation.ACQUIRES and not objects:
            objects, o_slot = _company_by_product_name(
                ctx, tok, frame["object"], verb, subjects, o_slot
            )
        if rel is Relation.ACQUIRES:
            objects = _bought(ctx, tok, objects, verb)
        if frame.get("object_not_investor"):  # "bought X from investors such as Y"
            objects = [m for m in objects if not ctx.described_investor(m)]
        if rel is Relation.ACQUIRES and _optioned(tok):
            continue
        if rel is Relation.ACQUIRES and (_own_shares_sold(ctx, tok) or _part_sold(ctx, tok)):
            sellers = {m.name for m in ctx.agent(tok, _ORG_OR_PERSON)}
            objects = [o for o in objects if o.name not in sellers]
        if frame.get("typed_object"):  # "testing IP services": no product named
            objects = [o for o in objects if _typed_product(ctx, o)]
        group = False
        objects, o_slot = _included_by_topic(ctx, tok, frame, subjects, (objects, o_slot))
        if "group" in frame["object"] and not objects and len(subjects) >= 2:
            if (
                rel in SYMMETRIC
                and "holder" in frame["subject"]
                and _relative_noun(tok)
                and not _plain_rivals(ctx, tok, tok, subjects)
            ):
                continue  # "its rivals X and Y", "bigger partners X and Y": not each other's
            objects, o_slot, group = subjects, "group", True
        elif s_slot in _PAIRED_SLOTS and s_slot in frame["object"]:
            objects, o_slot, group = subjects, s_slot, True
        if rel is Relation.FOUNDED and o_slot == "context_org":
            objects = _named_here(tok, objects)
        pairs = list(_pairs(subjects, objects, group))
        if rel is Relation.SUBSIDIARY_OF and subjects and not objects:
            alike, slot = _fill(ctx, tok, frame["object"], obj_types, verb)
            if slot != "context_org":
                pairs, o_slot = _written_apart(ctx, subjects, alike), slot
        made = 0
        for s, o in pairs:
            if rel is Relation.USES and _owner_of(ctx, o, s):
                continue  # "X trains on Orlo's Zeta": Orlo supplies Zeta, X uses it
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
                    s,
                    rel,
                    o,
                    sent_index,
                    tok.i,
                    round(conf, 2),
                    ending=bool(frame.get("ends")),
                    starting=bool(frame.get("starts")),
                )
            )
            made += 1
        if made and frame.get("exclusive"):
            break
    # a name read both as a company and as a person ("Charles Schwab agreed to buy X"):
    # the company buys, the person frame adds nothing
    bought = {(c.subject.name, c.object.name) for c in out if c.relation is Relation.ACQUIRES}
    return [
        c
        for c in out
        if c.relation is not Relation.INVESTS_IN or (c.subject.name, c.object.name) not in bought
    ]


def _fill_ends(
    ctx: Context,
    tok: Token,
    slots: list[str],
    rel: Relation,
    verb: bool,
    want: frozenset[EntityType],
    avoid: list[Mention] | None = None,
) -> tuple[list[Mention], str]:
    """A frame's end filled with the relation's own types; for a rivalry with no company
    there, with goods ("X's Vela is pitted against the Zeta"), which stand for their
    makers (``_rival_makers``) or drop out when no maker is named."""
    found = _fill(ctx, tok, slots, want, verb, avoid=avoid)
    if found[0] or rel is not Relation.COMPETES_WITH:
        return found
    return _fill(ctx, tok, slots, _ORG_OR_GOODS, verb, avoid=avoid)


#: Slots whose two or more names pair with each other, not with a second slot.
_PAIRED_SLOTS = frozenset({"patient_group", "pair", "name_pair", "of_pair"})


def _maker_spoken_for(
    ctx: Context,
    tok: Token,
    rel: Relation,
    frame: Frame,
    verb: bool,
    found: tuple[list[Mention], str],
) -> tuple[list[Mention], str]:
    """The subjects of a making verb, or, when no company does it, the company of the
    executive who does."""
    if rel is not Relation.DEVELOPS or not verb or found[0] or "agent" not in frame["subject"]:
        return found
    return _spoken_for(ctx, tok), "agent"


def _spoken_for(ctx: Context, verb: Token) -> list[Mention]:
    """The company of the executive who does a making verb: "Ana Ruiz, chief executive
    of X, unveiled the Y" and "X chief executive Ana Ruiz launched the Y" say X makes Y.
    A former post names no company the person speaks for."""
    found: list[Mention] = []
    for person in ctx.agent(verb, frozenset({EntityType.PERSON})):
        root = ctx.doc[person.start : person.end].root
        for role in root.children:
            if role.dep_ == "appos" and slots.in_role(role.lower_) and not _former(role):
                found += ctx.prep(role, "of", frozenset({EntityType.ORGANIZATION}))
        j = person.start - 1
        while j >= 0 and j not in ctx.at and slots.in_role(ctx.doc[j].lower_):
            j -= 1
        org = ctx.at.get(j)
        if j < person.start - 1 and org is not None and org.type is EntityType.ORGANIZATION:
            found.append(org)
    return found


def _former(role: Token) -> bool:
    return any(c.lower_ in {"former", "ex", "onetime", "then"} for c in role.children)


def _written_apart(
    ctx: Context, subjects: list[Mention], objects: list[Mention]
) -> list[tuple[Mention, Mention]]:
    """A unit and its parent that name resolution made one company: "Orlo Bank, a
    subsidiary of Orlo Financial", "Orlo Asset Management is a unit of Orlo". No company
    is its own subsidiary, so each is taken as written (with the name words after it)."""
    out = []
    for s in subjects:
        for o in objects:
            if s.name != o.name or s.type is not EntityType.ORGANIZATION:
                continue
            unit, parent = _as_written(ctx, s), _as_written(ctx, o)
            if org_key(unit.name) != org_key(parent.name):
                out.append((unit, parent))
    return out


def _as_written(ctx: Context, m: Mention) -> Mention:
    """The mention with its text as written, run on over capitalized name words and legal
    forms that follow it ("Orlo" + "Bank" where only "Orlo" was recognized)."""
    doc = ctx.doc
    end, stop = m.end, min(m.end + 3, doc[m.start].sent.end)
    while end < stop and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1
    name = " ".join(doc[m.start : end].text.split())
    return replace(m, end=end, name=name, source="ner")


def _predicated(noun: Token, verbs: list[str]) -> bool:
    """Whether a noun says what its holder is: the complement of one of ``verbs``
    ("X is part of Y", "X became a member of Y"), an appositive ("X, part of Y") or a
    possessed noun with a name beside it ("Y's drugs business, X")."""
    if noun.dep_ == "appos":
        # a plural beside one name is a verb misread ("X, partners with Y, ...")
        return not (noun.tag_ == "NNS" and noun.head.tag_ in {"NN", "NNP"})
    kids = {c.dep_ for c in noun.children}
    if {"poss", "appos"} <= kids:
        return True  # "Y's drugs business, X", "its lending business, X": named as Y's
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.dep_ == "prep":
        return noun.head.head.lemma_.lower() in verbs  # "X emerged as an alternative to Y"
    return noun.dep_ in {"attr", "oprd", "acomp", "dobj"} and noun.head.lemma_.lower() in verbs


#: Nouns whose infinitive is a right to buy, not a purchase: "warrants to buy N shares".
_RIGHTS = frozenset({"option", "warrant"})
#: Verbs of handing over: "X sold its shares to Y" hands over X's holding.
_HANDING = frozenset({"sell", "transfer", "tender"})


def _optioned(tok: Token) -> bool:
    """ "warrants to purchase two million X shares", "an option to buy Y": a right to buy
    that no one has used states no acquisition."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in _RIGHTS:
        return True
    # the parser may hang the infinitive elsewhere; the noun right before "to" decides
    return tok.i >= 2 and tok.doc[tok.i - 2].lemma_.lower() in _RIGHTS


def _own_shares_sold(ctx: Context, tok: Token) -> bool:
    """ "X agreed to sell its shares to Y": the shares are X's holding (in itself or in
    whatever it holds), so Y does not acquire X (the caller drops X as the object)."""
    if tok.lemma_.lower() not in _HANDING:
        return False
    for obj in tok.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in {"share", "stock", "stake", "holding"}:
            continue
        if any(p.dep_ == "prep" and p.lower_ in {"of", "in"} for p in obj.children):
            return False
        return any(c.dep_ == "poss" and c.lower_ == "its" for c in obj.children)
    return False


#: Parts a seller hands over that are never the seller itself.
_SOLD_PARTS = frozenset({"unit", "division", "business", "operation", "operations", "arm",
                         "subsidiary", "affiliate", "asset", "assets", "plant", "factory",
                         "store", "brand", "portfolio", "segment"})  # fmt: skip


def _part_sold(ctx: Context, tok: Token) -> bool:
    """ "X sold the bakery business to Y", "X will sell the unit to Y": a part handed over
    is not its seller (the caller drops X as the object; "sell itself" still is X)."""
    if tok.lemma_.lower() not in _HANDING:
        return False
    return any(
        obj.dep_ == "dobj" and obj.i not in ctx.at and obj.lemma_.lower() in _SOLD_PARTS
        for obj in tok.children
    )


def _typed_product(ctx: Context, m: Mention) -> bool:
    """The entity stage typed the mention a product, or the name is itself the object
    ("sells Quorra"), not a modifier or a gloss of a common noun ("testing IP services",
    "local loop unbundling (LLU)") that a product slot retyped."""
    found = ctx.at.get(m.start)
    if found is not None and found.type is EntityType.PRODUCT:
        return True
    root = ctx.doc[m.start : m.end].root
    return root.dep_ not in {"compound", "nmod", "amod", "appos", "poss"}


def _owner_of(ctx: Context, product: Mention, org: Mention) -> bool:
    """The company owns the named product in the phrase that names it ("Orlo's Zeta
    service"): a possessive on the product's noun phrase, or its own name in front."""
    if product.name.startswith(org.name + " "):
        return True
    head = ctx.doc[product.start : product.end].root
    while head.dep_ in {"compound", "nmod", "nummod", "amod"} and head.head.i > head.i:
        head = head.head
    return any(
        c.dep_ == "poss" and ctx.at.get(c.i) is not None and ctx.at[c.i].name == org.name
        for c in head.children
    )


#: Words that make a "position" a stake: "a minority position", "a 5% position".
_HELD_POSITIONS = frozenset({"minority", "majority", "equity", "controlling", "%", "percent"})


def _held_words(tok: Token) -> list[str]:
    """The lemmas of the verb's objects, stakes read as such; for a phrasal verb also its
    "with" objects ("will end up with a tenth of X": the share it comes to hold)."""
    words = [_stake_word(c) for c in tok.children if c.dep_ == "dobj"]
    if any(c.dep_ == "prt" for c in tok.children):
        words += [o.lemma_.lower() for o in _prep_objects(tok, "with")]
        # "put in $5 million": the parser may hang the object on the particle
        words += [o.lemma_.lower() for p in tok.children if p.dep_ == "prt"
                  for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    return words


def _prep_objects(tok: Token, word: str) -> list[Token]:
    """The objects of ``tok``'s preposition ``word``."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == word
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _stake_word(obj: Token) -> str:
    """An object's lemma, with a position held in a company read as a stake: "took a
    minority position in X" (not "took a tough position in the talks")."""
    lemma = obj.lemma_.lower()
    if lemma == "position" and any(c.lower_ in _HELD_POSITIONS for c in obj.subtree):
        return "stake"
    return lemma


def _share_held_in(verb: Token) -> list[str]:
    """The share a participle on a company names, where the parser hung "held by Y" on
    the company of "the stake in X held by Y": ``["stake"]``."""
    host = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or host.dep_ != "pobj":
        return []
    prep = host.head
    if prep.lower_ != "in" or prep.head.i == prep.i:
        return []
    return [prep.head.lemma_.lower()]


def _owned_words(tok: Token) -> list[str]:
    """For a verb of owning, the lemmas of what it says is owned besides its objects."""
    if tok.lemma_.lower() not in _OWNING:
        return []
    # "half of X is owned by Y": the share owned is the passive subject
    words = [c.lemma_.lower() for c in tok.children if c.dep_ == "nsubjpass"]
    words += _share_held_in(tok)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        words.append(tok.head.lemma_.lower())  # "with the rest held by Z"
    return words


def _frame_applies(ctx: Context, tok: Token, frame: Frame) -> bool:
    """Whether the trigger meets the frame's conditions (particle, preposition, cue,
    what its object is)."""
    prt = frame.get("requires_prt")
    if prt and not any(c.dep_ == "prt" and c.lower_ == prt for c in tok.children):
        return False
    need = frame.get("requires_prep")
    if need and not any(
        c.dep_ in {"prep", "dative"} and c.lower_ == need for c in _prep_hosts(ctx, tok)
    ):  # the parser may call "to" after "sell X" a dative
        return False
    if any(c.dep_ == "prep" and c.lower_ == frame.get("forbids_prep") for c in tok.children):
        return False  # "took on X as a client" is no challenge to X
    linking = frame.get("requires_copula")
    if linking and not _predicated(tok, linking):
        return False  # "X became part of Y", not "sold X as part of a plan"
    if "to_staff" in frame and frame["to_staff"] != _to_staff(tok):
        return False  # "rolled out X to its employees" uses X; "to customers" launches it
    if frame.get("habitual") and not _habitual(tok):
        return False  # "X will sell Y" is a divestment, "X sells Y" its line of goods
    doing = frame.get("requires_infinitive")
    if doing and not _infinitives(tok) & set(doing):
        return False  # "chose X to build its network", not "chose X as its name"
    if not _cues_allowed(tok, frame):
        return False
    if _relation_excluded(tok, frame):
        return False
    dobjs = _held_words(tok) + _owned_words(tok)
    if frame.get("patient_not_share") and any(d in ctx.partitives for d in dobjs):
        return False
    if frame.get("requires_share") and not any(d in ctx.partitives for d in dobjs):
        return False
    wanted = frame.get("requires_object")
    if wanted and not any(d in wanted for d in dobjs):
        return False  # "awarded X a contract", not "awarded X a prize"
    kinds = frame.get("object_kinds")
    if kinds and not _described_object(tok) & set(kinds):
        return False  # "runs the Zenvia app" is its product, "runs the company" a job
    if frame.get("requires_funds") and not deal_slots.hands_funds(tok):
        return False  # "provided $5 million in funding to X", not "provided chips to X"
    if frame.get("requires_stake") and not any(d in _STAKES for d in dobjs):
        return False  # "took a 20% stake in X", not "took the British business"
    if frame.get("patient_not_deal") and any(d in ctx.deal_nouns for d in dobjs):
        return False  # "made an offer for X" is no contract work for X
    for_not = frame.get("for_not")
    if for_not and any(w in for_not for w in _for_words(tok)):
        return False  # "paid $1 billion for a stake in X": the stake noun states it
    if not (_goods_conditions(ctx, tok, frame) and _modifiers_allowed(tok, frame)):
        return False
    not_objects = frame.get("object_not")
    if not_objects and any(w in not_objects for w in _object_words(tok)):
        return False  # "works with clients such as X" is no partnership
    kinds = frame.get("object_is")
    if kinds and not any(w in kinds for w in _object_kinds(tok)):
        return False  # "launched the startup X", not "launched the phone X"
    if frame["relation"] == "founded" and _merged_into(tok):
        return False  # "bought Y to form Z": a merger makes Z, no one founds it
    # A named company or person bought or sold is a deal, not goods ("sold X to Y").
    return not (frame.get("patient_not_org") and _org_patient(ctx, tok))


def _relation_excluded(tok: Token, frame: Frame) -> bool:
    """Words that rule out the frame's relation: "a sister label of X", "its sister
    company" (a unit beside X, not of X); "X's share price has lagged Y's" (prices
    compared, not trades)."""
    if frame["relation"] == "subsidiary_of":
        return any(c.lower_ == "sister" for c in tok.children)
    if frame.get("as_not_own") and _own_post_filled(tok):
        return True
    return frame["relation"] == "competes_with" and _security_subject(tok)


def _own_post_filled(verb: Token) -> bool:
    """A company filling a post of its own with another: "X supplanted Y with Z as its
    supplier", "X displaced Y as its auditor" (X is Y's client, not its rival). A "with"
    phrase on the verb or its object, or a pronoun owning the "as" noun."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(p.dep_ == "prep" and p.lower_ == "with" for h in (verb, *objects) for p in h.children):
        return True
    return any(
        o.dep_ == "poss" and o.pos_ == "PRON"
        for p in (verb, *objects)
        for a in p.children
        if a.dep_ == "prep" and a.lower_ == "as"
        for n in a.children
        for o in n.children
    )


#: Nouns of a company's securities and their price: "X's shares have lagged Y's".
_SECURITIES = frozenset({"share", "stock", "price", "valuation", "bond", "yield", "value",
                         "capitalization", "capitalisation", "cap"})  # fmt: skip


def _security_subject(tok: Token) -> bool:
    """The trigger's subject is a company's shares or their price, not the company."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _SECURITIES for c in tok.children
    )


def _cues_allowed(tok: Token, frame: Frame) -> bool:
    """Whether the trigger's sentence holds a word of the frame's ``requires_cue`` list
    and none of its ``forbids_cue`` list, and the noun is the object of one of the
    ``governor_is`` verbs with no infinitive of ``infinitive_not``: "X signed an
    agreement with Y" is a partnership, "X reached an agreement with Y to buy Z" not."""
    need = frame.get("requires_cue")
    avoid = frame.get("forbids_cue")
    if need or avoid:
        text = tok.sent.text.lower()
        if need and not _has_cue(text, need):
            return False
        if avoid and _has_cue(text, avoid):
            return False
    governors = frame.get("governor_is")
    if governors and _governor_lemma(tok) not in governors:
        return False
    if frame.get("for_members") and not _served_members(tok):
        return False  # "painted jets for airlines such as X", not "paid for firms such as X"
    not_doing = frame.get("infinitive_not")
    return not (not_doing and _infinitives(tok) & set(not_doing))


@lru_cache(maxsize=4096)
def _has_cue(text: str, cue: str) -> bool:
    """Whether a sentence's lower-case ``text`` holds a word of the ``{cue}_cues`` list.

    Remembered: every frame of every trigger in a sentence asks about the same
    sentence, and scanning it for each of the list's words is what costs.
    """
    return any(w in text for w in resources.load_json("cues.json")[f"{cue}_cues"])


def _goods_conditions(ctx: Context, tok: Token, frame: Frame) -> bool:
    """Whether the trigger meets the frame's conditions on who is supplied what."""
    if frame.get("patient_named") and not _named_patient(ctx, tok):
        return False  # "used X", not "used X's database"
    if frame.get("patient_not_part") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ctx.business_parts for c in tok.children
    ):
        return False  # "X will merge its unit into Y": the unit merges, not X
    if frame.get("intransitive") and not _intransitive(tok):
        return False  # "X split off from Y" leaves Y; "Y split off X" is Y's doing
    if frame.get("governor_not_receiving") and _governor_lemma(tok) in ctx.receiving:
        return False  # "placed an order with X" names the seller, "won an order with X" not
    not_for = frame.get("for_phrase_not")
    # "relies on X for half its revenue": X is the customer
    return not (not_for and _for_phrase_words(tok) & set(not_for))


def _intransitive(tok: Token) -> bool:
    """An active verb with no object: its subject is what moves ("X broke away from Y"),
    not a participle describing a noun ("the unit spun off from Y" reads it as a patient)."""
    if tok.pos_ != "VERB" or tok.dep_ in {"acl", "amod"}:
        return False
    if any(c.dep_ in {"dobj", "nsubjpass", "auxpass", "dative"} for c in tok.children):
        return False
    # left a company, not "its partner X" (a tie) or "X's network" (a thing of X's)
    return not any(
        g.dep_ == "poss" or (g.dep_ in {"compound", "amod"} and g.pos_ == "NOUN")
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ in {"from", "of"}
        for o in p.children
        if o.dep_ == "pobj"
        for g in o.children
    )


def _modifiers_allowed(tok: Token, frame: Frame) -> bool:
    """Whether the noun trigger has none of the frame's ``modifier_not`` words: "a legal
    battle with X" is a lawsuit, "a battle with X for customers" a rivalry."""
    not_mods = frame.get("modifier_not")
    return not (
        not_mods
        and any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in not_mods for c in tok.children
        )
    )


#: Verbs of holding a company, whose passive subject may be the share held.
_OWNING = frozenset({"own", "control", "hold"})

#: A company's own people: a tool rolled out to them is one the company uses.
_STAFF = frozenset({
    "employee", "staff", "worker", "workforce", "adviser", "advisor", "banker", "engineer",
    "agent", "doctor", "nurse", "clinician", "developer", "lawyer", "trader", "analyst",
})  # fmt: skip


def _prep_hosts(ctx: Context, tok: Token) -> list[Token]:
    """The trigger's children, and those of a named direct object a phrase of the verb was
    hung on: "overtook X in shipments", "battling X for market share"."""
    named = [c for c in tok.children if c.dep_ == "dobj" and c.i in ctx.at]
    return [*tok.children, *(g for c in named for g in c.children)]


def _to_staff(tok: Token) -> bool:
    """The verb's "to" phrase names people who work for the agent: "to 3,000 of its
    employees", "to its financial advisers", "to all staff"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for t in prep.subtree:
                if t.pos_ == "NOUN" and (t.lemma_.lower() in _STAFF or t.lower_ in _STAFF):
                    return True
    return False


#: Verbs of taking up a habit: "X began selling Y", "X will start to sell Y".
_STARTING = frozenset({"start", "begin", "commence"})


def _habitual(tok: Token) -> bool:
    """A verb in the simple present with no auxiliary ("X sells Y", "which X makes"), or
    one whose habit begins ("X has started selling Y", "X began to sell Y")."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _STARTING:
        return True
    return tok.tag_ in {"VBZ", "VBP"} and not any(
        c.dep_ in {"aux", "auxpass"} for c in tok.children
    )


def _kept_subjects(ctx: Context, frame: Frame, subjects: list[Mention]) -> list[Mention]:
    """The subjects of the kind the frame asks for."""
    if frame.get("subject_investor"):  # "owned by private-equity firm X"
        subjects = [m for m in subjects if ctx.described_investor(m)]
    if frame.get("subject_company"):  # "X and Y formed Z": companies, not a lone surname
        subjects = [m for m in subjects if _plainly_company(ctx, m)]
    if frame.get("subject_not_seller"):  # "X Stores sells the Y blender": X only sells it
        subjects = [m for m in subjects if not _seller(ctx, m)]
    if frame.get("subject_product"):  # "the X7 ships with Y", not "Orlo came with Y"
        subjects = [m for m in subjects if m.type is EntityType.PRODUCT]
    return subjects


def _seller(ctx: Context, m: Mention) -> bool:
    """The company is a shop or a reseller by its name or by what the text calls it:
    "Orlo Stores", "the retailer Orlo", "Orlo, a distributor", "Orlo is a chain that".
    Selling or marketing goods makes such a company no maker of them."""
    words = resources.load_json("cues.json")["seller_words"]["words"]
    root = ctx.doc[m.start : m.end].root
    said = [*ctx.doc[m.start : m.end], *(t for t in root.subtree if t.i < m.start)]
    said += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        said.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        said += [c for c in root.head.children if c.dep_ == "attr"]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in said)


def _named_here(tok: Token, objects: list[Mention]) -> list[Mention]:
    """A bare "founder A" is of a company its own sentence names; the company an earlier
    sentence was about is too often another one (a buyer, an investor)."""
    return [o for o in objects if tok.sent.start <= o.start < tok.sent.end]


def _plainly_company(ctx: Context, m: Mention) -> bool:
    """A subject known as a company: a well-known one, or a name with a company word
    ("Halvorsen Group"), where NER's reading of a lone word ("Wang formed ...") may be a
    person's surname."""
    if m.type is not EntityType.ORGANIZATION or m.lone_person:
        return False
    return m.source == "gazetteer" or any(company_word(t) for t in ctx.doc[m.start : m.end])


#: Verbs of combining companies, whose purpose clause names what the merger makes.
_COMBINING = frozenset({"buy", "acquire", "purchase", "merge", "combine", "join"})


def _merged_into(tok: Token) -> bool:
    """A founding verb that is the purpose of a merger or purchase: "bought Y to form Z",
    "merged with Y to create Z"."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if not to or tok.dep_ not in {"advcl", "xcomp", "relcl", "acl"}:
        return False
    # the purpose clause may hang on the bought company rather than on the verb
    return any(h.lemma_.lower() in _COMBINING for h in (tok.head, tok.head.head))


def _org_patient(ctx: Context, tok: Token) -> bool:
    """The verb's object is a company, a person or a part of a business ("the unit that
    X bought from Y"); a maker's name on made goods ("Orlo jets") is no company bought."""
    goods = deal_slots.branded_goods()
    if any(
        c.dep_ == "dobj" and c.i not in ctx.at and c.lemma_.lower() in goods for c in tok.children
    ):
        return False
    clause = tok
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "the unit that X agreed to buy"
    if clause.dep_ == "relcl" and clause.head.lemma_.lower() in ctx.business_parts:
        return True
    return bool(ctx.patient(tok, _ORG_OR_PERSON))


def _infinitives(tok: Token) -> set[str]:
    """Lemmas of the infinitives on the verb: "chose X to build", "relies on X to process";
    on a noun, those of its purpose: "an agreement with X to develop", "signed a deal with X
    to market" (the infinitive hung on the verb whose object the noun is), or "for the
    development of Y" (the purpose named as a noun)."""
    hosts = [(tok, {"xcomp", "advcl", "ccomp"})]
    if tok.pos_ in {"NOUN", "PROPN"}:
        hosts = [(tok, {"acl"})]
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"}:
            hosts.append((verb, {"xcomp", "advcl"}))
    purposes = {
        c.lemma_.lower()
        for host, deps in hosts
        for c in host.children
        if c.dep_ in deps and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    }
    if tok.pos_ in {"NOUN", "PROPN"}:
        # "an agreement with X for the development of Y": the purpose named as a noun,
        # on the noun or on the verb whose object it is
        owners = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
        purposes |= {
            p.lemma_.lower()
            for owner in owners
            for c in owner.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for p in c.children
            if p.dep_ == "pobj"
        }
    return purposes


def _for_words(tok: Token) -> list[str]:
    """Lemmas of the "for" objects on the trigger or on its direct object, but for one
    with an owner ("paid $1 billion for Y's stake in X": the stake is not the payer's)."""
    hosts = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
    return [
        p.lemma_.lower()
        for host in hosts
        for prep in host.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for p in prep.children
        if p.dep_ == "pobj" and not any(c.dep_ == "poss" for c in p.children)
    ]


def _named_patient(ctx: Context, tok: Token) -> bool:
    """The verb's object (its passive subject when passive) is itself a named entity, and
    not one written as a brand ("iOS", "eBay": more often the thing used than a supplier).
    A participle's object is the bare name it describes ("Zorla, launched by A in 2001";
    not "the Zorla", more often a product)."""
    dep = "nsubjpass" if ctx.is_passive(tok) else "dobj"
    objects = [c for c in tok.children if c.dep_ == dep]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and all(c.dep_ != "det" for c in tok.head.children):
        objects.append(tok.head)
    if tok.dep_ == "relcl" and any(c.lower_ in {"which", "that"} for c in objects):
        objects.append(tok.head)  # "X, which Y sold to Z": the name the clause describes
    return any(
        c.i in ctx.at
        and not ctx.doc[ctx.at[c.i].start].text[:1].islower()
        and not _described_as_goods(ctx, ctx.at[c.i])
        for c in objects
    )


def _described_as_goods(ctx: Context, m: Mention) -> bool:
    """ "X, a distributed database": the description set after the name is no company
    noun, so the name is a product's, not a supplier's."""
    doc = ctx.doc
    if m.end + 1 >= len(doc) or doc[m.end].text != "," or doc[m.end + 1].lower_ not in _ARTICLES:
        return False
    head = None
    for t in doc[m.end + 2 : min(m.end + 8, doc[m.start].sent.end)]:
        if t.pos_ == "NOUN":
            head = t  # the last noun of the first run: "a software maker"
        elif head is not None or t.is_punct:
            break
    return head is not None and head.lemma_.lower() not in _FIRM_NOUNS


_ARTICLES = frozenset({"a", "an", "the"})


#: Nouns that describe a named company: "used X, a software maker".
_FIRM_NOUNS = frozenset({
    "company", "firm", "maker", "provider", "supplier", "startup", "agency", "group",
    "business", "manufacturer", "developer", "vendor", "studio", "specialist", "operator",
    "contractor", "consultancy", "producer", "subsidiary", "unit", "division", "partner",
})  # fmt: skip


#: Verbs whose "for" phrase names what is sought or paid, not who is served.
_NOT_SERVING = frozenset({
    "pay", "bid", "offer", "look", "search", "shop", "hunt", "compete", "vie", "buy",
    "apply", "account", "call", "wait", "ask", "fight", "scout", "screen", "invest",
    "lobby", "vote", "root", "sue",
})  # fmt: skip


def _served_members(noun: Token) -> bool:
    """A plural noun in a "for" phrase that lists its members, on a verb of work done or
    goods made: "painted aircraft for airlines such as X", "builds sets for broadcasters
    including X and Y" (the members are the customers)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or noun.tag_ != "NNS":
        return False
    if not any(slots.lists_members(c) for c in noun.children):
        return False
    governor = _governor_lemma(noun)
    return bool(governor) and governor not in _NOT_SERVING


def _governor_lemma(noun: Token) -> str:
    """The lemma of the verb that takes the noun as its object: "placed an order"."""
    node = noun
    while node.dep_ in {"dobj", "pobj", "prep", "nsubjpass", "conj"} and node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node.lemma_.lower()
    return ""


def _for_phrase_words(tok: Token) -> set[str]:
    """Lemmas anywhere in the trigger's "for" phrases: "for 20% of its revenue"."""
    return {
        t.lemma_.lower()
        for prep in tok.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for t in prep.subtree
    }


def _described_object(tok: Token) -> set[str]:
    """Lemmas of the trigger's direct objects and of the nouns that describe them: "the
    Zenvia app", "Zenvia, the discount marketplace"."""
    words = set()
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        words.add(obj.lemma_.lower())
        words |= {c.lemma_.lower() for c in obj.children if c.dep_ == "appos"}
    return words


def _object_kinds(tok: Token) -> list[str]:
    """Common nouns that say what the trigger's object is: its own word and the words
    beside its name ("launched the drone startup X", "launched X, a lender", "the
    startup she launched")."""
    nouns = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.dep_ in {"relcl", "acl"}:
        nouns.append(tok.head)
    words = []
    for noun in nouns:
        words.append(noun.lemma_.lower())
        words += [c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "appos"}]
        if noun.dep_ == "appos":
            words.append(noun.head.lemma_.lower())
    return words


def _object_words(tok: Token) -> list[str]:
    """Lemmas of the trigger's direct objects and "with" objects."""
    words = []
    for child in tok.children:
        if child.dep_ == "dobj":
            words.append(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ == "with":
            words += [p.lemma_.lower() for p in child.children if p.dep_ == "pobj"]
    return words


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


def _of_pair(ctx: Context, tok: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The two or more members an "of" phrase lists on a group noun, each the others'
    partner: "a consortium of A, B and C will build". None for the "by" phrase of a
    passive ("X was bought by a consortium of A and B"): A and B only as buyers."""
    if tok.head.dep_ == "agent":
        return []
    found = ctx.prep(tok, "of", want)
    return found if len(found) >= 2 else []


#: Slots for deal language, each a function of (context, trigger, wanted types).
_DEAL_SLOTS = {
    "patient_owner": deal_slots.patient_owner, "source": deal_slots.source,
    "bidder_agent": deal_slots.bidder_agent, "acl_agent": deal_slots.acl_agent,
    "co_founders": deal_slots.co_founders, "receiver": deal_slots.receiver,
    "intent_patient": deal_slots.intent_patient, "by_target": deal_slots.by_target,
    "pair": deal_slots.pair, "seller": deal_slots.seller, "share_of": deal_slots.share_of,
    "round_owner": deal_slots.round_owner, "raiser": deal_slots.raiser,
    "recipient": deal_slots.recipient, "issuer": deal_slots.issuer,
    "unit_owner": deal_slots.unit_owner, "keeper": deal_slots.keeper,
    "merging_unit_owner": deal_slots.merging_unit_owner,
    "into_unit_owner": deal_slots.into_unit_owner,
    "with_unit_owner": deal_slots.with_unit_owner, "survivor": deal_slots.survivor,
    "members": deal_slots.members, "goods_maker": deal_slots.goods_maker,
    "away_from": deal_slots.away_from, "tendered": deal_slots.tendered,
    "agent_owner": deal_slots.agent_owner, "with_holder": deal_slots.with_holder,
    "led_round": deal_slots.led_round, "name_pair": deal_slots.name_pair,
    "included_in": deal_slots.included_in, "independent_unit": deal_slots.independent_unit,
    "rest_owner": deal_slots.rest_owner, "of_pair": _of_pair,
    "patient_brand": deal_slots.patient_brand, "revenue_owner": deal_slots.revenue_owner,
    "fronted_with": deal_slots.fronted_with, "parallel_target": deal_slots.parallel_target,
    "sum_source": deal_slots.sum_source, "funded": deal_slots.funded, "host": deal_slots.host,
    "switcher": deal_slots.switcher,
    "listed": deal_slots.listed,
}  # fmt: skip


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
        found = ctx.patient(tok, want)
        shares = [c for c in tok.children if c.dep_ == "dobj"] if verb else []
        for share in shares:  # "bought a stake in X's freight unit"
            found = _not_part_owner(ctx, share, found)
        return found
    if slot.startswith("prep:"):
        found = ctx.prep(tok, slot[5:], want)
        return _not_part_owner(ctx, tok, found) if slot == "prep:in" else found
    if slot == "poss":
        return ctx.poss(tok, want)
    if slot == "compound":
        return ctx.compound(tok, want)
    if slot == "holder":
        return ctx.holder(tok, want)
    if slot in _DEAL_SLOTS:
        return _DEAL_SLOTS[slot](ctx, tok, want)
    if slot == "governor_agent":
        return ctx.noun_owner(tok, want)
    if slot == "other_party":
        return _other_party(ctx, tok, want)
    if slot == "between_pair":  # "X was a joint project between A and B": A and B's
        found = ctx.prep(tok, "between", want)
        return found if len(found) >= 2 else []
    if slot == "name_governor":
        return ctx.name_governor(tok, want)
    if slot == "group":
        options = (
            [ctx.agent(tok, want)]
            if verb
            else [ctx.poss(tok, want), ctx.prep(tok, "of", want), ctx.prep(tok, "between", want),
                  ctx.noun_owner(tok, want), deal_slots.acl_agent(ctx, tok, want)]
        )  # fmt: skip
        return next((found for found in options if len(found) >= 2), [])
    if slot == "patient_group":
        found = ctx.patient(tok, want)
        return found if len(found) >= 2 else []
    if slot == "reporter":
        return [] if _other_purpose(tok) else ctx.reporter(tok, want)
    if slot == "sole_org":  # "bowing to activist shareholders A and B": the one company
        return _sole_org(ctx, tok, want, avoid)
    if slot == "led_sole_org":  # "under pressure from investors led by A"
        return _sole_org(ctx, tok, want, avoid) if _led_by(tok) else []
    if slot == "titled_sole_org":  # "for parent company X": the sentence's other company
        return _titled_sole_org(ctx, tok, want, avoid)
    if slot == "context_org":
        if _title_before_name(ctx, tok) or _role_at_unnamed(tok) or _person_titled(ctx, tok):
            return []
        shared = ctx.shared_role_org(tok)
        if shared:
            return [m for m in shared if m.type in want and m.name not in {a.name for a in avoid}]
        return [m for m in ctx.context_org(tok, avoid) if m.type in want]
    raise ValueError(f"unknown slot {slot!r} in relations.json")


#: Verbs that put a company into a state their "in" or "into" phrase names: "the deal
#: puts X in direct competition with Y", "the launch brings X into competition with Y".
_PLACING = frozenset({
    "put", "bring", "place", "set", "thrust", "force", "push", "pit", "throw", "draw", "drag",
    "pull", "land", "plunge", "pitch",
})  # fmt: skip


def _governor_patient(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The company a verb governing the noun acts on, where the noun is the verb's
    circumstance rather than its doer's act: "the deal puts X in direct competition with
    Y", "the launch brings X into a price war with Y" (X is put there), "X has been hurt
    by competition from Y" (the noun is the passive's doer, X the one it hurts)."""
    if noun.dep_ != "pobj":
        return []
    prep, verb = noun.head, noun.head.head
    if verb.pos_ != "VERB":
        return []
    if prep.dep_ == "agent" or (
        prep.lower_ in {"in", "into", "on"} and verb.lemma_.lower() in _PLACING
    ):
        return ctx.patient(verb, want)
    return []


_DEAL_SLOTS["governor_patient"] = _governor_patient


#: Verbs of taking part in a field: "entered a market dominated by Y", "to compete in a
#: field dominated by Y", "wants a bigger share of a market dominated by Y".
_ENTERING = frozenset({
    "enter", "compete", "push", "move", "expand", "break", "crack", "join", "operate", "vie",
    "fight", "battle", "gain", "win", "grab", "take", "seek", "want", "carve", "challenge",
    "get", "muscle", "venture", "jump", "wade", "plunge", "step", "launch",
})  # fmt: skip


def _field_entrant(ctx: Context, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
    """Who takes part in a field a participle says others hold: "X entered a market
    dominated by Y", "X was set up to compete in a field dominated by Y", "X wants a
    bigger share of a market dominated by Y" (the doer of the verb that governs the
    field noun)."""
    field = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or field.lemma_.lower() not in _FIELDS:
        return []
    node = field
    for _ in range(4):
        node = node.head
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            break
    if node.lemma_.lower() not in _ENTERING:
        return []  # "buys chips in a market dominated by Y": a buyer, no rival
    return ctx.noun_owner(field, want)


_DEAL_SLOTS["field_entrant"] = _field_entrant


def _sole_org(
    ctx: Context, tok: Token, want: frozenset[EntityType], avoid: list[Mention]
) -> list[Mention]:
    """The one organization the trigger's sentence names besides the subjects found:
    "X gave in to activist shareholders A and B" (A and B hold shares in X). With two
    or more other companies the sentence does not say which one."""
    sent, names = tok.sent, {m.name for m in avoid}
    others = {
        m.name: m
        for m in ctx.mentions
        if sent.start <= m.start < sent.end and m.type in want and m.name not in names
    }
    return list(others.values()) if len(others) == 1 else []


def _titled_sole_org(
    ctx: Context, tok: Token, want: frozenset[EntityType], avoid: list[Mention]
) -> list[Mention]:
    """The one other organization of the sentence, for a noun written as a bare title
    before a name with no owner of its own: "Supported by parent company X, Y has ..."
    (Y is the company X is the parent of). None when the noun has a determiner or an
    owner, or the sentence names more than one other company."""
    name = tok
    while name.dep_ == "compound" and name.i not in ctx.at and name.head.i > name.i:
        name = name.head
    if name.i == tok.i or name.i not in ctx.at:
        return []
    if any(c.dep_ in {"det", "poss"} for c in [*tok.children, *name.children]):
        return []
    if any(c.lower_ in {"former", "ex", "onetime", "erstwhile"} for c in tok.children):
        return []  # "bought a plant from former parent X": a past tie, said in passing
    held = ctx.at[name.i]
    return [  # a subject: "Analysts at Y said parent company X ..." is not about Y
        m
        for m in _sole_org(ctx, tok, want, [*avoid, held])
        if ctx.doc[m.start : m.end].root.dep_ in {"nsubj", "nsubjpass"}
    ]


#: Nouns of a share, whose "in" phrase names what the share is of.
_SHARE_NOUNS = frozenset({"stake", "holding", "shareholding", "interest"})
#: Parts of a company a share may be of: "a stake in X's jetliner program" is not in X.
_OWNED_PARTS = frozenset({"program", "programme", "project", "arm", "unit", "division",
                          "business", "operation", "operations", "asset", "assets"})  # fmt: skip


def _not_part_owner(ctx: Context, noun: Token, found: list[Mention]) -> list[Mention]:
    """Drop the owner of a part a share is in: "took a 50% stake in X's jetliner program"
    is a stake in the program, not in X."""
    if noun.lemma_.lower() not in _SHARE_NOUNS:
        return found
    owners: set[str] = set()
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for part in prep.children:
            if part.dep_ == "pobj" and part.i not in ctx.at and part.lemma_.lower() in _OWNED_PARTS:
                owners |= {m.name for c in part.children if c.dep_ == "poss"
                           for m in ctx.ents_at(c, frozenset(EntityType))}  # fmt: skip
    return [m for m in found if m.name not in owners]


def _led_by(noun: Token) -> bool:
    """A plural noun with a "led by" participle, in a phrase of its own: "pressure from
    investors led by A" (not "investors led by A bought X", a buyer)."""
    return (
        noun.tag_ == "NNS"
        and noun.dep_ == "pobj"
        and any(
            c.dep_ == "acl"
            and c.lemma_.lower() == "lead"
            and any(a.dep_ == "agent" for a in c.children)
            for c in noun.children
        )
    )


def _other_party(ctx: Context, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
    """The one company a possessed rival with no name of its own, making a move, can stand
    for: the sentence's other company ("X rejected an approach from its larger rival"
    where the sentence names only X and Y)."""
    owned = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if not owned or noun.tag_ != "NN" or noun.i in ctx.at or ctx.holder(noun, want):
        return []  # "its rivals" are many; "its rival" one
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"from", "by"}:
        return []  # only a move the rival makes: "an approach from its rival", "a bid by"
    if any(c.dep_ == "conj" for c in noun.children):
        return []  # "from its rival and X": a third company
    owners = {m.name for m in ctx.poss(noun, want)}
    if not owners:
        return []
    sent = noun.sent
    others = {
        m.name: m
        for m in ctx.mentions
        if sent.start <= m.start < sent.end and m.type in want and ctx.party(m)
    }
    rest = [m for name, m in others.items() if name not in owners]
    return rest if len(rest) == 1 and len(others) == 2 else []


#: Verbs of a bid's purpose that take the reporting company itself over.
_BID_PURPOSES = frozenset({"buy", "acquire", "purchase", "merge", "combine", "take", "tender"})


def _other_purpose(noun: Token) -> bool:
    """A bid whose infinitive names another purpose ("its proposal to negotiate a
    three-way merger"): the company reporting it is not thereby its target."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "acl"
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and c.lemma_.lower() not in _BID_PURPOSES
        for c in noun.children
    )


def _role_at_unnamed(tok: Token) -> bool:
    """A role held at a company the text describes and never names ("vice president of
    a Texas engineering firm", "general counsel to a regional bank") or at a place
    ("the Prime Minister of Norway"): the role is at no company the sentence names."""
    roles = [tok, *(c for c in tok.children if c.dep_ == "conj")]
    roles += [tok.head] if tok.dep_ == "conj" else []
    first = roles[-1] if tok.dep_ == "conj" else tok
    if first.dep_ == "pobj" and first.head.lower_ == "as":
        roles.append(first.head.head)  # "served as counsel to a Texas firm"
    for role in roles:
        for prep in role.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "at", "to", "for", "with"}:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in {"a", "an"} for c in obj.children
                ):
                    return True
                if obj.ent_type_ in {"GPE", "LOC"}:
                    return True  # "the President of Poland A": a country's, no company's
    return False


#: Titles a head of state or government wears before a bare name ("President X").
_STATE_TITLES = frozenset({"president"})


def _person_titled(ctx: Context, tok: Token) -> bool:
    """ "Henry Tallis chief executive Ned Varga": a name read as a person's written right
    before the role is the company that holds it (a founder's name the company bears), so
    no other company of the sentence is the holder's."""
    start = tok.i
    while start > tok.sent.start and slots.in_role(ctx.doc[start - 1].lower_):
        start -= 1
    end = tok.i + 1
    while end < tok.sent.end and slots.in_role(ctx.doc[end].lower_):
        end += 1
    before, after = ctx.at.get(start - 1), ctx.at.get(end)
    return (
        before is not None
        and before.type is EntityType.PERSON
        and before.end == start
        and after is not None
        and after.start == end
        and after.type is EntityType.PERSON
    )


def _title_before_name(ctx: Context, tok: Token) -> bool:
    """A president's title worn before a bare name, no company of its own: "President
    A declared ...", "the former president A" names a head of state, so the role
    belongs to no organization the sentence mentions. A lower-case bare "president A"
    is left to the company the sentence is about."""
    if tok.lower_ not in _STATE_TITLES:
        return False
    before = {t.lower_ for t in ctx.doc[max(tok.i - 2, 0) : tok.i]}
    if not tok.text[:1].isupper() and not before & {"former", "then", "late"}:
        return False  # "and president A will succeed him": a company's president
    m = ctx.at.get(tok.i + 1)
    if m is None or m.start != tok.i + 1:
        return False
    return not any(
        c.dep_ == "poss"
        or (c.dep_ in {"compound", "nmod"} and c.i in ctx.at)  # "Acme President A"
        or (c.dep_ == "prep" and c.lower_ in {"of", "at"})
        for c in tok.children
    ) and not (tok.i > 0 and (tok.i - 1) in ctx.at)


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
