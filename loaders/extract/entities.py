"""Stage 2, entities: mentions from the ruler and NER, with the model's confusions fixed.

Fixes, each a pattern seen in news text rather than a single name:

* "AI" tagged as a place (GPE/LOC/NORP) is part of a company name when proper
  nouns precede it ("Argo AI"), otherwise it is no entity at all.
* A PERSON span ending in a legal suffix ("Gable Industries Inc") or used as an
  organization elsewhere in the document is an organization.
* Spans lose a leading "the" and a trailing possessive or punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from graph.model import EntityType
from loaders.extract import resources
from loaders.extract.types import Mention

TYPES = {
    "ORG": EntityType.ORGANIZATION,
    "PERSON": EntityType.PERSON,
    "PRODUCT": EntityType.PRODUCT,
}
LEGAL = {
    "inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "corporation",
    "incorporated", "limited", "group", "holdings", "bancorp", "industries", "partners",
    "kgaa", "se", "spa", "bv", "ab", "asa", "oy", "oyj", "lp", "cos", "bancshares", "bhd",
    "association", "bank", "trust", "fund", "sarl", "pty", "bancorporation", "cie", "works",
}  # fmt: skip


def _legal(tok: Token) -> bool:
    return tok.lower_.replace(".", "") in LEGAL and tok.text[:1].isupper()


_PLACE_AI = {"GPE", "LOC", "NORP"}
_MODEL_NAME = re.compile(r"[A-Za-z]+-?\d+[A-Za-z]*(?:-[A-Za-z0-9]+)*")
_NOT_NAME = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_TRIM = {"'s", "’s", "'", ",", ".", "-", "(", ")", '"'}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (
        doc[end - 1].text in _TRIM
        or doc[end - 1].lower_ in {"and", "&", "of"}
        or (doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "CCONJ", "DET", "SCONJ"})
    ):
        end -= 1  # "Slack by Salesforce" tagged as one name
    return start, end


def _two_names(doc: Doc, start: int, end: int) -> bool:
    if end - start != 3 or doc[start + 1].lower_ != "and":
        return False
    first, last = doc[start], doc[end - 1]
    phrase = f"{first.lower_} and {last.lower_}"
    return (
        first.pos_ == last.pos_ == "PROPN"
        and not _legal(last)
        and phrase not in resources.load_json("names.json")["industry_phrases"]
    )


def _after_role(doc: Doc, start: int, end: int) -> int:
    roles = _roles()
    titles = _title_words()
    for i in range(start, min(start + 12, end - 1)):
        if doc[i].lower_ == "of":
            words = " ".join(t.lower_ for t in doc[start:i])
            if words in roles or all(
                t.lower_ in titles or t.lower_ in _TITLE_GLUE for t in doc[start:i]
            ):
                return i + 1  # "President and Chief Executive Officer of X" names X
            return start
    return start


_TITLE_GLUE = {"and", "&", ",", "of", "the", "-", "/"}


def _title_words() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["title_words"]["words"])


def only_titles(doc: Doc, start: int, end: int) -> bool:
    """True when the span is a job title and nothing else ("Chief", "Director General")."""
    titles = _title_words()
    return all(t.lower_ in titles or t.lower_ in _TITLE_GLUE for t in doc[start:end])


def _roles() -> frozenset[str]:
    return frozenset(k for k in resources.load_json("relations.json")["roles"] if k[0] != "_")


def _span_name(span: Span) -> str:
    # Keep the text as written but collapse whitespace runs (line breaks in scrapes).
    return re.sub(r"\s+", " ", span.text).strip()


def find_mentions(doc: Doc) -> list[Mention]:
    """Organization, person and product mentions, in text order, with fixes applied."""
    out: list[Mention] = []
    org_names: set[str] = set()
    raw: list[tuple[int, int, str, str, str]] = []
    for ent in doc.ents:
        label, start, end = ent.label_, ent.start, ent.end
        if label in _PLACE_AI and ent.text == "AI":
            while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
                start -= 1
            if start == ent.start:
                continue
            label = "ORG"
        if (
            label in {"GPE", "NORP", "LOC", "FAC"}
            and end - start > 1
            and doc[end - 1].lower_ in _org_heads()
        ):
            label = "ORG"  # "Granite Foundry", "Basalt Semiconductor" tagged as places
        if label not in TYPES:
            continue
        if label == "ORG" and not ent.ent_id_:
            # "Granite Foundry" tagged from "Foundry": take back the name's first words.
            while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
                start -= 1
        start, end = _trim(doc, start, end)
        if label == "ORG" and not ent.ent_id_:
            start = _after_role(doc, start, end)  # "CEO of Tallis Bank" tagged as one name
        if start >= end or (not ent.ent_id_ and only_titles(doc, start, end)):
            continue
        if not ent.ent_id_ and (
            all(t.is_lower or not t.is_alpha for t in doc[start:end])
            or doc[start:end].text.lower() in resources.load_json("places.json")["not_names"]
        ):
            continue  # "modem" or "AI" tagged as a company: no company's name
        source = "gazetteer" if ent.ent_id_ else "ner"
        name = ent.ent_id_ or _span_name(doc[start:end])
        if source == "ner" and label == "ORG" and _two_names(doc, start, end):
            # "Panasonic and CATL" read as one company; "Procter & Gamble" stays whole
            raw.append((start, start + 1, label, doc[start].text, source))
            start, name = end - 1, doc[end - 1].text
        raw.append((start, end, label, name, source))
        if label == "ORG":
            org_names.add(name)
    # Gazetteer organizations and people stay whole; a product name may be part of a
    # company's ("Bard International Associates Inc").
    fixed = {
        i
        for first, stop, kind, _, source in raw
        if source == "gazetteer" and kind != "PRODUCT"
        for i in range(first, stop)
    }
    legal = _legal_names(doc, fixed, {r[1] - 1 for r in raw if r[2] == "ORG"})
    if legal:
        covered = {i for r in legal for i in range(r[0], r[1])}
        raw = [r for r in raw if not all(i in covered for i in range(r[0], r[1]))]
        raw = [r for r in raw if not any(i in covered for i in range(r[0], r[1]))] + legal
        raw.sort()
    for start, end, label, name, source in raw:
        if all(_legal(t) for t in doc[start:end]):
            continue  # a bare "Co" or "Group" names nobody
        etype = TYPES[label]
        if (
            etype is EntityType.PERSON
            and source == "ner"
            and (
                _legal(doc[end - 1])
                or name in org_names
                or not any(t.is_alpha for t in doc[start:end])
                or (end - start == 1 and _camel(name))
                or (end - start > 1 and doc[end - 1].lower_ in _org_heads())
            )
        ):
            etype = EntityType.ORGANIZATION
        root = doc[start:end].root
        if (
            etype is EntityType.PERSON
            and source == "ner"
            and root.dep_ in {"appos", "compound"}
            and root.head.lemma_.lower() in _org_nouns()
        ):
            etype = EntityType.ORGANIZATION  # "the utility group Skarvik Energi"
        if etype is EntityType.ORGANIZATION and source == "ner" and _MODEL_NAME.fullmatch(name):
            etype = EntityType.PRODUCT  # "Lark-2", "X9": a model number, not a company
        out.append(Mention(start, end, name, etype, source))
    return out


def _legal_names(
    doc: Doc, taken: set[int], org_ends: set[int]
) -> list[tuple[int, int, str, str, str]]:
    """Capitalized names ending in a legal form ("Americanture Inc", "Malrite
    Guaranteed Broadcast Partners L.P.") that NER missed: news writes companies so.

    Scanned right to left so "Amoskeag Bank Shares Inc" is one name, not two.
    """
    out = []
    joiners = set(resources.load_json("names.json")["inner_words"])
    phrases = set(resources.load_json("names.json")["industry_phrases"])
    i = len(doc) - 1
    while i > 0:
        if i in taken or not _legal(doc[i]):
            i -= 1
            continue
        end = i + 1
        # "Development Corp of America": a legal form followed by "of <Place>".
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
            stop = end + 1
            while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].text[:1].isupper():
                stop += 1
            if stop - end <= 3 and not any(k in taken for k in range(end, stop)):
                end = stop
        start = _extend_left(doc, i, taken, org_ends, joiners, phrases)
        while start < i and doc[start].lower_ in joiners:
            start += 1
        # "CEO of Tallis Bank" names the bank. A cut past the legal form itself (at the
        # "of" of "Corp of America") is no role: keep the name whole (cutting there
        # would also walk this loop backwards, forever).
        trimmed = _after_role(doc, start, end)
        start = trimmed if trimmed <= i else start
        if start < i:
            out.append((start, end, "ORG", _span_name(doc[start:end]), "ner"))
            taken.update(range(start, end))
        i = start - 1
    return out


def _extend_left(
    doc: Doc, i: int, taken: set[int], org_ends: set[int], joiners: set[str], phrases: set[str]
) -> int:
    start = i
    while start > 0 and (start - 1) not in taken:
        prev = doc[start - 1]
        before = doc[start - 2] if start >= 2 else None
        if (
            prev.text in {"-", "'s", "’s", "'", "&", "/"}
            and before is not None
            and before.text[:1].isupper()
            and not (prev.text in {"'s", "’s"} and _legal(before))  # "GE Co's GE Credit Corp"
        ):
            start -= 1  # "Walter-Richter Labels Inc", "Scott's Hospitality Inc"
        elif (
            prev.text[:1].isupper()
            and (prev.lower_ not in {"the", "a", "an"} or doc[start].text == "-")
            and prev.ent_type_ not in _NOT_NAME
            and prev.pos_ not in {"PUNCT", "NUM", "SYM"}
        ):
            start -= 1
            if prev.is_sent_start:
                break
        elif prev.lower_ in joiners and before is not None and before.text[:1].isupper():
            phrase = f"{before.lower_} {prev.lower_} {doc[start].lower_}"
            two_names = (
                (start - 2) in org_ends
                or (  # "IBM and Acme Corp", "Bull of France and NEC Corp"
                    start >= 4
                    and doc[start - 3].lower_ == "of"
                    and doc[start - 4].text[:1].isupper()
                    and before.ent_type_ in {"GPE", "LOC"}
                )
            )
            # "X Inc and Y Corp" are two names; "Bank of New York Corp" is one.
            legal_left = _legal(before) and prev.lower_ != "of"
            if (start - 2) in taken or legal_left or (two_names and phrase not in phrases):
                break
            start -= 1
        else:
            break
    return start


def company_word(tok: Token) -> bool:
    """A legal form or a word that ends company names ("Inc", "Systems", "Foundry")."""
    return _legal(tok) or tok.lower_ in _org_heads()


def looks_like_person(span: Span) -> bool:
    """Two or three capitalized words with no company word in them ("Marta Ruiz")."""
    words = [t for t in span if not t.is_punct]
    return (
        2 <= len(words) <= 3
        and all(t.is_title and t.is_alpha for t in words)
        and not any(_legal(t) or t.lower_ in _org_heads() for t in words)
    )


def _org_nouns() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["anaphora_nouns"])


def _org_heads() -> frozenset[str]:
    return frozenset(resources.load_json("names.json")["org_head_words"])


def _camel(word: str) -> bool:
    # "MosaicML", "OpenAI", "LinkedIn": an inner capital marks a brand, not a person.
    return any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def slot_mention(
    doc: Doc, tok: Token, etype: EntityType, names: frozenset[str] = frozenset()
) -> Mention | None:
    """A mention made up for a proper noun the NER missed, in a relation slot.

    The span is the token with its proper-noun compounds ("Castone
    Development Corp"); the type comes from what the slot admits.
    """
    # A capitalized sentence-initial noun is a name when the document also writes it
    # capitalized mid-sentence ("Databricks agreed ... will join Databricks").
    named_noun = tok.pos_ in {"NOUN", "X", "ADJ"} and (
        _looks_like_product(tok) or (tok.is_title and tok.text in names)
    )
    if tok.pos_ != "PROPN" and not named_noun:
        return None
    if tok.ent_type_ in {"DATE", "MONEY", "PERCENT", "CARDINAL", "TIME"}:
        return None
    possessor = tok.dep_ == "poss" and tok.ent_type_ == "NORP"  # "Rivian's partnership"
    if (
        tok.ent_type_ in {"GPE", "LOC", "NORP"}
        and etype is not EntityType.PERSON
        and not possessor
        and (tok.pos_ != "PROPN" or _known_place(doc, tok))
    ):
        return None  # a place; but "Marta Ruiz" tagged GPE may still be a founder, and
        # "Kering" or "Rivian" tagged as places are companies the model has not seen
    start = end = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "nmod"} and (
            child.pos_ == "PROPN" or _looks_like_product(child)
        ):
            start = min(start, child.left_edge.i if child.dep_ == "compound" else child.i)
    for child in tok.rights:
        if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN":
            end = max(end, child.i)
    start, stop = _trim(doc, start, end + 1)
    if start >= stop or doc[start].is_lower:
        return None
    name = _span_name(doc[start:stop])
    if len(name) < 2 or all(_legal(t) for t in doc[start:stop]) or only_titles(doc, start, stop):
        return None
    if name.lower() in resources.load_json("places.json")["not_names"]:
        return None  # "AI", "EV": capitalized, but no company's or product's name
    return Mention(start, stop, name, etype, "slot")


def _known_place(doc: Doc, tok: Token) -> bool:
    """True when the place-tagged name around ``tok`` is a listed place or nationality."""
    start = end = tok.i
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == tok.ent_type_:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    text = doc[start : end + 1].text.lower()
    places = resources.load_json("places.json")
    known = _place_set()
    if text in places["not_names"] or text in known or text.removesuffix("s") in known:
        return True
    # "Englewood, Colo., homebuilder X": a town named with its state
    after = doc[end + 1 : end + 3]
    states = places["state_abbreviations"]
    return len(after) == 2 and after[0].text == "," and after[1].lower_ in states


def _place_set() -> frozenset[str]:
    data = resources.load_json("places.json")
    return (
        frozenset(data["places"])
        | frozenset(data["nationalities"])
        | frozenset(data["state_abbreviations"])
    )


def _looks_like_product(tok: Token) -> bool:
    # Model and chip names mix letters with digits or capitals: "H100", "HBM3E", "GPT-4".
    text = tok.text
    return any(c.isdigit() for c in text) and any(c.isupper() for c in text)


def index(mentions: Iterable[Mention]) -> dict[int, Mention]:
    """Token index → the mention covering it."""
    out: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            out.setdefault(i, m)
    return out
