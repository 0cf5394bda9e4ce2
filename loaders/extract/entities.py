"""Stage 2, entities: mentions from the ruler and NER, with the model's confusions fixed.

Fixes, each a pattern seen in news text rather than a single name:

* "AI" tagged as a place (GPE/LOC/NORP) is part of a company name when proper
  nouns precede it ("Argo AI"), otherwise it is no entity at all.
* A PERSON span ending in a legal suffix ("Gable Industries Inc") or used as an
  organization elsewhere in the document is an organization.
* Spans lose a leading "the" and a trailing possessive or punctuation.
* Proper nouns NER missed are companies where news puts companies: a deal verb's
  subject or object, beside a company in a list, after a company noun; and a
  company's name written again is a mention again.
* A capitalized word right after a company noun names the company whatever the
  tagger made of it ("oat-milk maker Plantly", "apparel maker Over Armor"); a stake,
  a sum invested, a takeover, an owner or a client points at a company too.
* A person's first name NER left out is taken back; a name with a capital but no
  letters-only word ("Plim.com") is kept; a capitals-only dateline town is no company.
* A person or product name that is bought or run ("CEO of X") is a company.
* A known company's name with a distinct head after it ("Orlo SDI", "Orlo Beta
  Networks") names another company; NER's halves of one name ("Lockheed" "Martin")
  are joined, and so are names run together into a company word ("GE Velmora
  Nuclear Energy").
* Words NER took in before a name are cut: a section heading run into the text
  ("Overview Velmora produces ...") and a capitalized description ending in a company
  noun ("Regional Coffee Franchisor Tarvik Brands"); a coined word (one no dictionary
  holds: the lemmatizer's word index) acting as a subject is a company ("Velmora has
  offices in ..."); "or" parts two names, and a firm's "&" name listed after others is
  its own item.
* Titles a making verb made ("developed Ashfall Legends and Iron Harbor") are products,
  one per title, whether NER read them as a work of art or a company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from graph.model import EntityType
from loaders.extract import annotate, resources
from loaders.extract.types import Mention

TYPES = {
    "ORG": EntityType.ORGANIZATION,
    "PERSON": EntityType.PERSON,
    "PRODUCT": EntityType.PRODUCT,
}
LEGAL = {
    "inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "corporation",
    "incorporated", "limited", "group", "holdings", "bancorp", "industries", "partners",
    "kgaa", "se", "spa", "bv", "ab", "asa", "oy", "oyj", "lp", "cos", "bancshares", "bhd", "berhad",
    "association", "bank", "trust", "fund", "sarl", "pty", "bancorporation", "cie", "works", "llp",
    "lda", "ltda", "srl",
}  # fmt: skip


def _legal(tok: Token) -> bool:
    return tok.lower_.replace(".", "") in LEGAL and tok.text[:1].isupper()


_PLACE_AI = {"GPE", "LOC", "NORP"}
_MODEL_NAME = re.compile(r"[A-Za-z]+-?\d+[A-Za-z]*(?:-[A-Za-z0-9]+)*")
#: A model code: letters and digits, maybe hyphenated ("GE9X", "777X", "LEAP-1C", "8R").
_CODE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
#: Codes that name no product: "5G", "3D", "4K", quarters and halves, "COVID-19", "G7".
_NOT_CODE = re.compile(r"\d+[GDK]|[QH][1-4]|FY\d+|COVID-19|G(?:7|8|20)|\d+(?:st|nd|rd|th)", re.I)
_NOT_NAME = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_TRIM = {"'s", "’s", "'", ",", ".", "-", "(", ")", '"'}


def _tagged_name_start(doc: Doc, label: str, start: int, end: int) -> int:
    """Where a name NER tagged too short begins: "Granite Foundry" tagged from "Foundry"
    takes back the company name's first words, a person their first name; never a
    company noun the tagger made a proper noun ("software company Orvane") and never a
    title's modifier ("Former Orvane Corp chief executive")."""
    if label == "ORG":
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and not doc[start - 1].ent_type_
            and not (doc[start - 1].is_lower and doc[start - 1].lower_ in _org_nouns())
            and doc[start - 1].lower_ not in _PAST_MODIFIERS  # "Former Orvane Corp"
            and not _heading_at(doc, start - 1, end, plural=True)
        ):
            start -= 1
    elif label == "PERSON":
        start = _first_name_back(doc, start, end)
    return start


def _first_name_back(doc: Doc, start: int, end: int) -> int:
    """A person's first name NER left out, a capitalized proper noun compounded on the
    name ("Anatoly Petrovich Orlov" tagged from "Petrovich"); never a title ("CEO")."""
    if start == 0:
        return start
    tok = doc[start - 1]
    if (
        tok.pos_ == "PROPN"
        and not tok.ent_type_
        and tok.dep_ == "compound"
        and start <= tok.head.i < end
        and tok.is_title
        and tok.is_alpha
        and tok.lower_ not in _title_words()
        and tok.lower_ not in _roles()
        and not _heading_at(doc, start - 1, end, plural=False)
        and not _described_person(tok, end - start)
    ):
        name = doc[start - 1 : end].text
        if any(e.start != start and e.text.startswith(name + " ") for e in doc.ents):
            return start  # "Mead Vance" after "Mead Vance Foods": the company's short name
        return start - 1
    return start


def _described_person(tok: Token, words: int) -> bool:
    """A common noun opening the sentence before a first and a last name describes the
    person ("Financier Carl Veltman", "Billionaire Ana Ruiz"): no first name of theirs."""
    return (
        words >= 2 and annotate.opens_sentence(tok) and tok.lower_ in annotate.common_words("noun")
    )


_INITIAL = re.compile(r"[A-Z]\.")


def _initialed_people(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """ "Ana M. Ruiz": a first name, a middle initial and a last name are one person's
    name, whatever NER made of the parts (nothing, "M. Ruiz", "Ruiz" as a company).
    A tagged name reaching past the three words ("Ana M. Ruiz Foundation") stays."""
    added: list[_Raw] = []
    for tok in doc[1:-1]:
        if not _INITIAL.fullmatch(tok.text):
            continue
        start, end = tok.i - 1, tok.i + 2
        first, last = doc[start], doc[end - 1]
        if not (
            first.is_title and first.is_alpha and last.is_title and last.is_alpha
            and not (first.is_stop or role_word(first) or _legal(last))
            and last.lower_ not in _org_heads()
            and (start == 0 or not doc[start - 1].text[:1].isupper())
            and (end == len(doc) or not doc[end].text[:1].isupper())
        ):  # fmt: skip
            continue
        if any(r[0] < end and r[1] > start and (r[0] < start or r[1] > end) for r in raw):
            continue
        raw = [r for r in raw if not (r[0] >= start and r[1] <= end)]
        added.append((start, end, "PERSON", _span_name(doc[start:end]), "ner"))
    return sorted(raw + added) if added else raw


#: Lower-case words inside a person's name: "Ana de Sousa", "Joao e Silva Tavares"
#: (Portuguese "e"), "Pieter van den Berg", "Karl von Ebner", "Juan Ortega y Gasset".
_NAME_PARTICLES = frozenset({
    "de", "da", "do", "dos", "das", "e", "y", "del", "della", "di", "du", "van", "von", "der",
    "den", "ter", "ten", "la", "le",
})  # fmt: skip


def _particle(tok: Token) -> bool:
    return tok.is_lower and tok.lower_ in _NAME_PARTICLES


def _particles_after(doc: Doc, end: int) -> int:
    """Where up to two lower-case particles right after ``end`` stop ("van den")."""
    k = end
    while k < len(doc) and _particle(doc[k]) and k - end < 2:
        k += 1
    return k


def _surname_word(tok: Token) -> bool:
    """A capitalized word that may go on a person's name: no company word, title or role."""
    return (
        tok.is_title
        and tok.is_alpha
        and not company_word(tok)
        and not role_word(tok)
        and tok.lower_ not in _org_nouns()
        and tok.ent_type_ not in _NOT_NAME
    )


def _particle_end(doc: Doc, raw: list[_Raw], r: _Raw) -> int:
    """Where a person's name NER cut at or after a lower-case particle goes on to: "Luisa"
    "dos" "Anjos Ferraz" (two persons, one name), "Joaquim e Silva" then "Tavares"."""
    start, end = r[0], r[1]
    k = _particles_after(doc, end)
    inner = any(_particle(t) for t in doc[start + 1 : end])
    if not (k > end or inner or _particle(doc[end - 1])):
        return end
    nxt = next((o for o in raw if o[0] == k), None)
    if nxt is not None:
        return nxt[1] if k > end and nxt[2] == "PERSON" and nxt[4] == "ner" else end
    stop = k
    while (
        stop < len(doc)
        and stop - k < 2
        and _surname_word(doc[stop])
        and doc[stop].pos_ == "PROPN"
        and not any(o[0] <= stop < o[1] for o in raw)
    ):
        stop += 1
    return stop if stop > k else end


def _particle_people(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A person's name with lower-case particles ("de", "dos", "e", "van den") is one
    name: NER cuts it at a particle, or runs it on as a company's, which a role beside it
    ("Fradique de Moura, chief executive of X") tells is a person's."""
    out: list[_Raw] = []
    swallowed = -1
    for r in raw:
        if r[0] < swallowed:
            continue
        start, end, label, name, source = r
        if source == "ner" and label == "ORG" and _particle_person(doc, raw, start, end):
            label = "PERSON"
        if source == "ner" and label == "PERSON":
            stop = _particle_end(doc, raw, (start, end, label, name, source))
            if stop != end:
                end, name, swallowed = stop, _span_name(doc[start:stop]), stop
        out.append((start, end, label, name, source))
    return out


def _particle_person(doc: Doc, raw: list[_Raw], start: int, end: int) -> bool:
    """A name tagged as a company's that is a person's: capitalized words with a particle
    inside ("Fradique de Vasconcelos Moura") and a role beside it, or the first names
    before a particle and a person's surname ("Ana Luisa" "dos" "Anjos Ferraz")."""
    words = doc[start:end]
    k = _particles_after(doc, end)
    if k > end and all(_surname_word(t) for t in words) and len(words) <= 3:
        return any(o[0] == k and o[2] == "PERSON" and o[4] == "ner" for o in raw)
    if not (
        3 <= len(words) <= 6
        and any(_particle(t) for t in words[1:-1])
        and all(_particle(t) or _surname_word(t) for t in words)
        and not _particle(words[-1])
        and doc[start].lower_ not in _org_first_words()
        and not any(t.lower_ in _place_set() for t in words)
    ):
        return False
    if start > 0 and role_word(doc[start - 1]):
        return True  # "chief executive Fradique de Moura"
    after = doc[end + 1 : end + 5]  # "Fradique de Moura, chief executive of X"
    return end < len(doc) and doc[end].text == "," and any(role_word(t) for t in after)


#: Legal forms written in lower case after a name ("Brouwer b.v.", "Kramer gmbh"): no
#: English word, so a name before one is a company's.
_LOWER_LEGAL = frozenset({
    "bv", "nv", "sa", "gmbh", "spa", "srl", "sarl", "plc", "ltd", "llc", "lda", "ltda",
    "kgaa", "oyj", "bhd", "pty", "sas", "sprl", "ag",
})  # fmt: skip


def _lower_legal(tok: Token) -> bool:
    low = tok.lower_.replace(".", "")
    return tok.is_lower and low in _LOWER_LEGAL and (low != "ag" or "." in tok.text)


def _lower_legal_forms(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A tagged name with a lower-case legal form after it ("Marten Brouwer b.v.", "Ilse
    Kramer gmbh") is a company's name, whatever NER took it for, the form with it."""
    out = []
    for start, end, label, name, source in raw:
        if (
            source == "ner"
            and label in {"PERSON", "ORG"}
            and end < len(doc)
            and _lower_legal(doc[end])
            and not any(o[0] == end for o in raw)
        ):
            end, label = end + 1, "ORG"
            name = _span_name(doc[start:end])
        out.append((start, end, label, name, source))
    return out


def _age_after(doc: Doc, end: int) -> bool:
    """ ", 52," right after a name: a person's age, as news gives it."""
    return (
        end + 2 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].is_digit
        and 18 <= int(doc[end + 1].text) <= 110
        and doc[end + 2].text in {",", ")"}
    )


def _aged_people(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """ "Ana Ruiz, 52, said": two or three capitalized words with an age after them name a
    person, whatever NER made of them (nothing, or a company of the last name). A tagged
    name reaching before the words stays."""
    added: list[_Raw] = []
    for tok in doc:
        if not (tok.is_title and tok.is_alpha and _age_after(doc, tok.i + 1)):
            continue
        end, start = tok.i + 1, tok.i
        while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha:
            start -= 1
        span = doc[start:end]
        if (
            not looks_like_person(span)
            or (start > 0 and doc[start - 1].text[:1].isupper())
            or any(t.is_stop or role_word(t) or t.lower_ in _TITLE_MODIFIERS for t in span)
            or any(r[0] < end and r[1] > start and (r[0] < start or r[1] > end) for r in raw)
            or any(r[0] == start and r[1] == end and r[2] == "PERSON" for r in raw)
        ):
            continue
        raw = [r for r in raw if not (r[0] >= start and r[1] <= end)]
        added.append((start, end, "PERSON", _span_name(span), "ner"))
    return sorted(raw + added) if added else raw


def _conjoined_people(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """ "Ivan Morl and Pia Lund founded X": a first and last name joined by "and" to a
    person NER found is a person too, though NER tagged nothing there."""
    added: list[_Raw] = []
    for start, end, label, _, _ in raw:
        if label != "PERSON":
            continue
        for conj in doc[start:end].root.children:
            if conj.dep_ != "conj" or conj.ent_type_ or conj.i < end:
                continue
            first = conj.left_edge.i
            span = doc[first : conj.i + 1]
            if (
                first > 0
                and doc[first - 1].lower_ == "and"
                and looks_like_person(span)
                and all(t.pos_ == "PROPN" and not t.ent_type_ for t in span)
            ):
                added.append((first, conj.i + 1, "PERSON", _span_name(span), "ner"))
    return sorted(raw + added) if added else raw


def _namesakes(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """ "Walter Quill is ...": a known company's one-word name written as a person's
    surname, after a first name NER left untagged, is that person."""
    return [
        (r[0] - 1, r[1], "PERSON", _span_name(doc[r[0] - 1 : r[1]]), "ner")
        if r[4] == "gazetteer" and r[2] == "ORG" and _namesake_person(doc, r[0], r[1])
        else r
        for r in raw
    ]


def _namesake_person(doc: Doc, start: int, end: int) -> bool:
    """A known company's one-word name written as a person's surname, a first name NER
    left untagged before it and no more name after it: "Henry Ford", not "Ford Motor"."""
    if end - start != 1 or start == 0:
        return False
    first = doc[start - 1]
    if start > 1 and doc[start - 2].pos_ == "PROPN":
        return False  # "Jaguar Land Rover"-like runs of names: not a first name
    if end < len(doc) and (doc[end].is_title or doc[end].pos_ == "PROPN"):
        return False  # "Henry Ford Hospital": a longer name
    return (
        first.pos_ == "PROPN"
        and not first.ent_type_
        and first.dep_ == "compound"
        and first.head.i == start
        and first.is_title
        and first.is_alpha
        and len(first) > 2
        and first.lower_ not in _title_words()
        and first.lower_ not in _roles()
        and first.lower_ not in _org_nouns()
        and not company_word(first)
        and not any(first.lower_ in annotate.common_words(p) for p in ("verb", "adj", "adv"))
    )  # a first name, not a headline word ("Rival X said") nor a kind ("Carmaker X")


#: Words no company name holds ("Transport for London" does hold "for"): a span
#: across one is two names or a name and a clause ("the merger of A into B").
_NAME_BREAKS = frozenset({
    "into", "onto", "around", "after", "before", "during", "until", "since", "than",
    "because", "while", "if", "whether", "although",
})  # fmt: skip


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (
        doc[end - 1].text in _TRIM
        or doc[end - 1].lower_ in {"and", "&", "of"}
        or (doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "CCONJ", "DET", "SCONJ"})
        or (
            doc[end - 1].is_lower and doc[end - 1].tag_ in {"VBD", "VBN", "VBZ"} and end - 1 > start
        )
    ):
        end -= 1  # "Slack by Salesforce" tagged as one name, "Orvane named" as a name
    for tok in doc[start + 1 : end]:
        if tok.is_lower and tok.lower_ in _NAME_BREAKS:
            return _trim(doc, start, tok.i)  # "the merger of A into B": two names, not one
        if tok.lower_ == "to" and tok.dep_ in {"dative", "prep"} and tok.head.i < start:
            return _trim(doc, start, tok.i)  # "sold A to B": the buyer after the name
        if tok.text == "(" and not any(t.text == ")" for t in doc[tok.i : end]):
            return _trim(doc, start, tok.i)  # "Vexa (VXA.N": a ticker cut in half
        if tok.is_lower and tok.tag_ in {"VBD", "VBZ", "VBP"} and tok.dep_ == "ROOT":
            return _trim(doc, start, tok.i)  # "Quillo produced Red Harbor": a clause
        if tok.tag_ == "POS" and all(t.lower_ in _title_words() for t in doc[tok.i + 1 : end]):
            return start, tok.i  # "Orlo's Founder" tagged as one name: the company's title
    return start, end


def _opening_kind(doc: Doc, start: int, end: int) -> bool:
    """A sentence's capitalized first word NER took for a name that only describes the
    company named after it: "Software company Orvane said", "Chemicals maker Orvane"."""
    return (
        annotate.opens_sentence(doc[start])
        and end < len(doc)
        and doc[end].is_lower
        and doc[end].lower_ in _org_nouns()
        and all(t.tag_ in {"NN", "NNS", "JJ"} for t in doc[start:end])
    )


def _title_cut(doc: Doc, start: int, end: int) -> int:
    """Where a company's name ends when NER ran it into a capitalized job title that goes
    on after the span: "Orvane Chief Financial" in "Orvane Chief Financial Officer Bo
    Lind". The title's words are all job-title words; the name keeps its own words. So
    for a title joined to another one after the span ("Orvane Founder and CEO Bo Lind")."""
    if end >= len(doc):
        return end
    stop = end  # "Orvane co-founder &" with the "&" in the span
    while stop > start + 1 and doc[stop - 1].lower_ in {"and", "&"}:
        stop -= 1
    nxt = doc[end + 1] if doc[end].lower_ in {"and", "&"} and end + 1 < len(doc) else doc[end]
    if not (role_word(nxt) and (nxt.text[:1].isupper() or doc[stop - 1].is_lower)):
        return end
    for k in range(start + 1, stop):
        if doc[k].lower_ in _TITLE_OPENERS and all(role_word(t) for t in doc[k:stop]):
            return k
    return end


#: Nouns for a company's part that a possessive name before them owns.
_PART_NOUNS = frozenset({"unit", "division", "arm", "subsidiary", "affiliate", "studio"})
# company nouns that also head goods or outlets: "the brand Glimmer", "the platform Vault"
_GOODS_HOLDERS = frozenset({"brand", "platform", "channel", "station", "business", "pair", "two"})


def _owner_cut(doc: Doc, start: int, end: int) -> int:
    """Where the owner's possessive parts a tagged name from its unit's, or 0: NER took
    "Orlo's Zenvia" in "Orlo's Zenvia unit" for one company; they are two. So it did in
    "Orlo's Zenvia Motors", where a coined name follows the possessive (not "McDonald's
    Corp" nor "Moody's Investors Service", names that hold their possessive)."""
    named_part = end < len(doc) and doc[end].lemma_.lower() in _PART_NOUNS
    for tok in doc[start + 1 : end - 1]:
        if tok.tag_ == "POS":
            goods = _goods_noun_after(doc, tok.i, end)
            return (
                tok.i if named_part or goods or _coined_after_owner(doc, start, tok.i, end) else 0
            )
    return 0


def _goods_noun_after(doc: Doc, pos: int, end: int) -> bool:
    """A brand or goods noun after a tagged name whose words after the possessive are no
    common nouns: "Orlo Foods' Crunchy brand", "Orlo Motors' Zeta sedan" name the owner's
    goods, not one company (not "Orlo University's School of Dental medicine")."""
    if end >= len(doc) or any(_common(t, ("noun",)) for t in doc[pos + 1 : end]):
        return False
    tok = doc[end]
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() == "brand" or kind_of(tok, _goods_nouns()))


def _owned_name(doc: Doc, pos: int, end: int) -> bool:
    """Whether the words after a possessive inside a tagged name are a company's own
    coined name ("Orlo's Zenvia Group"), not the rest of one name written with a
    possessive ("Moody's Investors Service", "Dillard's Inc")."""
    owner, after = doc[pos - 1], doc[pos + 1]
    low, nouns = after.lower_, annotate.common_words("noun")
    plural = low.endswith("s") and (low[:-1] in nouns or low[:-3] + "y" in nouns)
    return (
        owner.text[:1].isupper()
        and _coined(after)
        and not plural  # "Women's Studies Association": a plural noun in one name
        and not after.is_upper
        and end - pos > 1
    )


def _coined_after_owner(doc: Doc, start: int, pos: int, end: int) -> bool:
    """ "Orlo's Zenvia Motors": a capitalized owner, its possessive, then a name whose
    first word is coined (no English word, no legal form): two companies, not one."""
    first = doc[pos + 1]
    return (
        all(t.is_title and t.is_alpha for t in doc[start:pos])
        and first.is_title
        and first.is_alpha
        and not _legal(first)
        and not _common(first, ("noun", "verb", "adj", "adv"))
        and not any(_common(t, ("noun",)) for t in doc[start:pos])
    )


def _common(tok: Token, kinds: tuple[str, ...]) -> bool:
    """A common English word of one of those parts of speech, plural or not ("Rights")."""
    forms = {tok.lemma_.lower(), *annotate.noun_bases(tok.lower_)}
    return any(w in annotate.common_words(p) for p in kinds for w in forms)


def _past_owner(doc: Doc, start: int, end: int, owners: bool = False) -> int:
    """Where a company name starts after its owner's possessive, which NER took into the
    name ("Ada Lind's Kestrel Group"): a person's name, then "'s", then the company's.
    With ``owners``, also past an owning company's name before a coined one, where the
    owner stays a name of its own ("Orlo's Zenvia Group", a legal name NER missed)."""
    for tok in doc[start + 1 : end - 1]:
        owner = doc[start : tok.i]
        if (
            tok.lower_ in {"'s", "’s"}
            and looks_like_person(owner)
            and doc[tok.i - 1].ent_type_ == "PERSON"
        ):
            return tok.i + 1
        if tok.lower_ in {"'s", "’s"} and owner.text.lower() in _place_set():
            return tok.i + 1  # "Germany's Kestrel Group": the country is no part of the name
        if owners and tok.lower_ in {"'s", "’s"} and _owned_name(doc, tok.i, end):
            return tok.i + 1  # "Orlo's Zenvia Group": the owner is no part of the name
    return start


#: Company nouns that, capitalized at the head of a name NER tagged, describe the company
#: rather than begin its name: "Carmaker Velmo said ...", "Startup Quillo raised ...".
#: Not "Bank", "Group", "Giant" or "Station": those begin real names.
_LEADING_NOUNS = frozenset({
    "startup", "start-up", "fintech", "retailer", "lender", "insurer", "brewer", "miner",
    "conglomerate", "manufacturer", "rival", "broadcaster", "supplier",
})  # fmt: skip
#: Relation nouns that describe the company only as a sentence's first word: "Parent
#: Velmo Foods is controlled by Y" (within a line, "Parent Involvement Council" is a name).
_OPENING_NOUNS = frozenset({"parent", "owner"})


def _led_by_company_noun(doc: Doc, start: int, end: int) -> bool:
    """True when a tagged name opens with a capitalized company noun ("Chipmaker Orlo",
    "Drugmaker Velmo", "Startup Quillo") followed by the name itself; not when only
    company words follow it, which it names with them ("Rival Foods", "Startup Labs")."""
    if end - start < 2:
        return False
    noun, nxt = doc[start], doc[start + 1]
    return (
        noun.is_title
        and noun.is_alpha
        and (
            noun.lower_ in _LEADING_NOUNS
            or (noun.lower_.endswith("maker") and len(noun) > 6)
            or (noun.lower_ in _OPENING_NOUNS and bool(noun.is_sent_start))
        )
        and nxt.text[:1].isalpha()
        and any(c.isupper() for c in nxt.text)
        and not all(company_word(t) for t in doc[start + 1 : end])  # "Rival Foods"
    )


#: Endings of the abstract nouns that head an encyclopaedia's sections ("Sustainability",
#: "Ownership", "Marketing", "Technology").
_HEADING_ENDS = ("ity", "tion", "sion", "ship", "ment", "ness", "ance", "ence", "ism", "ogy")
#: Section words that are neither abstract nor plural: "Overview", "History".
_HEADING_WORDS = frozenset({"overview", "history", "background", "profile", "summary", "legacy"})


def _heading_word(tok: Token, plural: bool) -> bool:
    """A section heading's word run into the text before a name ("Sustainability Velmora
    operates ...", "Games Tavora's first title ..."): a capitalized common noun, abstract
    (or, with ``plural``, plural), opening its sentence or after one or two nouns of a
    longer heading ("Product areas Overview Velmora")."""
    if not (tok.is_title and tok.is_alpha) or tok.ent_type_ in _NOT_NAME:
        return False
    before = tok.doc[tok.sent.start : tok.i]
    if len(before) > 2 or any(
        not t.is_alpha or t.ent_type_ or t.pos_ not in {"NOUN", "PROPN"} or role_word(t)
        for t in before
    ):
        return False  # "Product areas Overview Velmora": a two-word heading before it
    nouns = annotate.common_words("noun")
    low = tok.lower_
    if low in _HEADING_WORDS or (low in nouns and low.endswith(_HEADING_ENDS)):
        return True
    if low.endswith("ing") and len(low) > 6:  # "Marketing", "Manufacturing"; not "King"
        verbs = annotate.common_words("verb")
        return low[:-3] in verbs or low[:-3] + "e" in verbs
    return plural and low[-1] == "s" and low not in nouns and low[:-1] in nouns


def coined(tok: Token) -> bool:
    """Public face of :func:`_coined`: a capitalized word no dictionary holds."""
    return _coined(tok)


def _coined(tok: Token) -> bool:
    """A word no dictionary holds, as names are coined ("Velmora", "Quillworth"), or an
    acronym: the start of a name, not of a phrase ("National Financial")."""
    if tok.is_upper and tok.is_alpha and len(tok) > 1:
        return True
    low, lemma = tok.lower_, tok.lemma_.lower()
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and not any(
            low in annotate.common_words(pos) or lemma in annotate.common_words(pos)
            for pos in ("noun", "verb", "adj", "adv")
        )
    )


def _heading_at(doc: Doc, k: int, end: int, plural: bool) -> bool:
    """True when ``doc[k]`` is a heading word run into the coined name after it: "Overview
    Velmora"; "Fidelity National Financial" and "Games Workshop" are names."""
    return k + 1 < end and _heading_word(doc[k], plural) and _coined(doc[k + 1])


def _past_heading(doc: Doc, start: int, end: int, label: str) -> int:
    """Where a name starts past the heading word NER took into it ("Sustainability
    Velmora" is Velmora). A person's first name may look plural ("Miles"), so only
    abstract heading words are cut from a person's."""
    return start + 1 if _heading_at(doc, start, end, plural=label != "PERSON") else start


#: Capitalized nouns that describe a company in a phrase NER took into its name:
#: "Regional Coffee Franchisor Tarvik Brands", "Hypertext Pioneer Orlo".
_DESCRIBING_NOUNS = _LEADING_NOUNS | {
    "franchisor", "franchiser", "pioneer", "specialist", "distributor", "wholesaler",
    "producer", "publisher", "developer", "designer", "provider", "operator", "brewer",
    "distiller", "chain", "outfitter", "maker",
}  # fmt: skip


def _past_description(doc: Doc, start: int, end: int) -> int:
    """Where a name starts past a capitalized description of the company NER took into
    it: common words ending in a company noun ("Regional Coffee Franchisor"), then the
    name ("Tarvik Brands"). A name made of common words only is left whole."""
    adjs, nouns = annotate.common_words("adj"), annotate.common_words("noun")
    for k in range(end - 2, start, -1):
        tok, nxt = doc[k], doc[k + 1]
        low = tok.lower_
        if not (tok.is_title and (low in _DESCRIBING_NOUNS or low.endswith("maker"))):
            continue
        if not nxt.text[:1].isupper() or company_word(nxt) or _legal(nxt):
            return start
        common = all(
            t.text == "-" or (t.text[:1].isupper() and (t.lower_ in nouns or t.lower_ in adjs))
            for t in doc[start:k]
        )
        return k + 1 if common else start
    return start


def _comma_lists(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A company name NER ran across a list's commas ("Kestrel Foods, Varro Media"):
    one name per item. A legal form after a comma stays ("Orlo Works, Inc."), and so
    does a partnership's name ("Collins, Neal & Pratt")."""
    out: list[_Raw] = []
    for r in raw:
        start, end, label, _, source = r
        commas = [i for i in range(start + 1, end - 1) if doc[i].text == ","]
        listed = bool(out) and out[-1][1] == start - 1 and doc[start - 1].text == ","
        if label == "ORG" and source == "ner" and not commas and listed:
            # "Harlow Media, Dandelion Energy and Iron Ox": the list's last two items
            out += [
                (a, b, label, _span_name(doc[a:b]), source) for a, b in _list_end(doc, start, end)
            ]
            continue
        if (
            label != "ORG"
            or source != "ner"
            or not commas
            or _legal(doc[end - 1])
            # "Collins, Neal & Pratt" is a firm; after other listed names ("Orlo, Brintz,
            # Saule & Mercot") its commas part names again
            or (any(t.text == "&" for t in doc[start:end]) and not listed)
        ):
            out.append(r)
            continue
        parts = []
        for a, b in zip([start, *[c + 1 for c in commas]], [*commas, end], strict=True):
            a, b = _trim(doc, a, b)
            # "Bank of Marlow, Ind": a town's state after the comma is no second name
            text = doc[a:b].text.lower()
            place = text in _place_set() or text + "." in _place_set()
            if a < b and doc[a].text[:1].isupper() and not _legal(doc[a]) and not place:
                parts.append((a, b))
        if len(parts) != len(commas) + 1:
            out.append(r)  # "Orlo, Inc. Media": not a list of names
            continue
        parts[-1:] = _list_end(doc, *parts[-1])  # "A, B and C": the "and" ends the list
        out += [(a, b, label, _span_name(doc[a:b]), source) for a, b in parts]
    return out


def _list_end(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The last item of a list, or its last two where an "and" parts them."""
    ands = [i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"]
    if len(ands) != 1 or not doc[ands[0] + 1].text[:1].isupper():
        return [(start, end)]
    cut = ands[0]
    phrase = f"{doc[cut - 1].lower_} and {doc[cut + 1].lower_}"
    if phrase in resources.load_json("names.json")["industry_phrases"] or (
        cut - start < 2 and not company_word(doc[cut - 1])
    ):
        return [(start, end)]  # "Competition and Markets Authority" is one name
    return [(start, cut), (cut + 1, end)]


def _glued(
    doc: Doc, raw: list[tuple[int, int, str, str, str]], start: int, label: str, source: str
) -> bool:
    if not raw or label != "ORG" or source != "ner" or start == 0:
        return False
    last = raw[-1]
    return (
        last[1] == start
        and last[2] == "ORG"
        and last[4] == "ner"
        and doc[start - 1].pos_ == doc[start].pos_ == "PROPN"
        and "\n" not in doc[start - 1].whitespace_
    )


#: Nouns of a tie two hyphen-joined companies before them have: "the Orlo-Kessel venture".
_TIE_NOUNS = frozenset({
    "alliance", "venture", "partnership", "joint", "jv", "tie-up", "pact", "collaboration",
    "rivalry", "war", "battle", "merger", "codeshare", "accord", "duel", "feud",
})  # fmt: skip


def _hyphen_pair(doc: Doc, start: int, end: int) -> int:
    """Where a hyphen parts two companies NER read as one name before a noun of their
    tie, or 0: "the Orlo Group-Kessel Media joint venture", "the Orlo-Kessel alliance"."""
    if not any(t.lower_ in _TIE_NOUNS for t in doc[end : end + 2]):
        return 0
    cuts = [i for i in range(start + 1, end - 1) if doc[i].text in {"-", "–", "/"}]
    if len(cuts) != 1:
        return 0
    before, after = doc[cuts[0] - 1], doc[cuts[0] + 1]
    if not (before.pos_ == after.pos_ == "PROPN" and after.text[:1].isupper()):
        return 0
    # each side is a name the text writes elsewhere too, not half of one hyphenated name
    text = doc.text
    sides = (doc[start : cuts[0]].text, doc[cuts[0] + 1 : end].text)
    return cuts[0] if all(text.count(side) >= 2 for side in sides) else 0


def _two_names(doc: Doc, start: int, end: int) -> int:
    """Where "and" parts two companies NER read as one name, or 0: "Orlo and Kessel",
    "Orlo Group and Kessel Holdings" (each side a company word's name of its own)."""
    hyphen = _hyphen_pair(doc, start, end)
    if hyphen:
        return hyphen
    ors = [i for i in range(start + 1, end - 1) if doc[i].text == "or"]
    if len(ors) == 1 and doc[ors[0] - 1].text[:1].isupper() and doc[ors[0] + 1].text[:1].isupper():
        return ors[0]  # "Cunard or Orlo Lines": no company name holds a lower-case "or"
    ands = [i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"]
    if len(ands) != 1:
        return 0
    cut = ands[0]
    first, before, after, last = doc[start], doc[cut - 1], doc[cut + 1], doc[end - 1]
    phrase = f"{before.lower_} and {after.lower_}"
    if phrase in resources.load_json("names.json")["industry_phrases"]:
        return 0
    if end - start == 3:
        ok = first.pos_ == last.pos_ == "PROPN" and not _legal(last)
    elif cut - start == 1 or end - cut == 2:
        # "Orlo and Kessel Energy", "Kessel Energy and Orlo": a coined word alone on one
        # side, a company word's name on the other
        lone, other = (first, after) if cut - start == 1 else (after, first)
        ok = (
            _coined(lone)
            and lone.pos_ == other.pos_ == "PROPN"
            and company_word(last if lone is first else before)
            and not _legal(last)
        )
    else:
        ok = (
            cut - start >= 2
            and end - cut >= 3
            and first.pos_ == after.pos_ == "PROPN"
            and company_word(before)
            and company_word(last)
        )
    return cut if ok or _sides_apart(doc, start, cut, end) else 0


def _sides_apart(doc: Doc, start: int, cut: int, end: int) -> bool:
    """Two companies, not one firm named after two people ("Rogan and Coley Inc"): the
    pair takes a plural verb ("Orlo and Kessel Inc are ..."), or the second name, less
    its legal form, stands alone elsewhere in the document ("... Kessel said"); the
    first alone is how such a firm is called for short ("Rogan said")."""
    if not all(t.text[:1].isupper() for t in (doc[start], doc[cut + 1])):
        return False
    verb = doc[end - 1].head if doc[end - 1].dep_ == "conj" else doc[end - 1]
    if verb.dep_ == "nsubj" or doc[cut - 1].dep_ == "nsubj":
        verb = (doc[cut - 1] if doc[cut - 1].dep_ == "nsubj" else verb).head
        finite = [verb, *(c for c in verb.children if c.dep_ == "aux")]
        if any(v.tag_ == "VBP" or v.lower_ == "were" for v in finite):
            return True
    tail = end - 1 if _legal(doc[end - 1]) and end - cut > 2 else end
    return tail > cut + 1 and _alone_elsewhere(doc, cut + 1, tail)


def _alone_elsewhere(doc: Doc, a: int, b: int) -> bool:
    """``doc[a:b]`` is written again in the document as a name of its own: not beside
    "and"/"&" and not run on into more capitalized words."""
    texts = [t.text for t in doc]  # once: a span per place would make n tokens each
    words = texts[a:b]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if a - 2 <= i <= b + 2 or texts[i : i + n] != words:
            continue
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[i + n] if i + n < len(doc) else None
        if nxt is not None and (nxt.lower_ in {"and", "&"} or (nxt.is_title and nxt.is_alpha)):
            continue
        if prev is not None and (
            prev.lower_ in {"and", "&"}
            or (prev.is_title and prev.is_alpha and not doc[i].is_sent_start)
        ):
            continue
        return True
    return False


def _after_role(doc: Doc, start: int, end: int) -> int:
    roles = _roles()
    titles = _title_words() | department_words()  # "Vice President, Sales of X" too
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


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """A capitals-only town with its state at the top of a story ("TALLBROOK, Wash.
    —", "SELBY, Calif. (Reuters)"): a dateline, no company."""
    if start > 20 or end + 1 >= len(doc) or doc[end].text != ",":
        return False
    if not all(t.is_upper and t.is_alpha for t in doc[start:end]):
        return False
    state = doc[end + 1]
    return state.lower_ in resources.load_json("places.json")["state_abbreviations"] and all(
        "\n" not in t.whitespace_ for t in doc[:start]
    )


def _inside_longer_name(doc: Doc, start: int, end: int, known: int = 0) -> bool:
    """True when the word before ``doc[start:end]`` is a capitalized word of the same
    name: a proper noun NER left untagged, compounded into the name's head (the
    parse has it inside the span)."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return (
        prev.pos_ == "PROPN"
        and prev.is_alpha
        and prev.text[:1].isupper()
        and not prev.ent_type_
        and prev.dep_ in {"compound", "nmod"}
        and start <= prev.head.i < end
        and prev.lower_ not in _title_words()
        and prev.lower_ not in _org_nouns()  # "Tech Giant Apple" in a headline
        # a capital at a sentence start may be a headline's "Rival Microsoft": only a
        # known name of two words or more is taken as the tail of a longer one there
        and (not prev.is_sent_start or (known or end - start) > 1)
    )


_MODEL_NUMBER = re.compile(r"\d{2,4}[A-Za-z]{0,3}")


def _maker_before(doc: Doc, raw: list[_Raw], start: int, end: int) -> str | None:
    """The company named right before a bare model number ("Orlo 440s", "an Orlo 880
    jet"): the number alone is no name, the maker's name with it is."""
    if end - start != 1 or not raw or _MODEL_NUMBER.fullmatch(doc[start].text) is None:
        return None
    first, stop, label, _, _ = raw[-1]
    if label != "ORG" or stop != start:
        return None
    return _span_name(doc[first:stop])


def _past_maker(doc: Doc, raw: list[_Raw], org_names: set[str], r: _Raw) -> tuple[int, str, str]:
    """Start, label and name of a span NER read as one company that names a maker and
    its product ("Velmora's Quillon tablet"): the maker goes to ``raw``, the product
    is what is left."""
    start, end, label, name, source = r
    owner = _owner_of_product(doc, start, end) if label == "ORG" and source == "ner" else 0
    if not owner:
        return start, label, name
    maker = _span_name(doc[start:owner])
    raw.append((start, owner, "ORG", maker, source))
    org_names.add(maker)
    return owner + 1, "PRODUCT", _span_name(doc[owner + 1 : end])


def _owner_of_product(doc: Doc, start: int, end: int) -> int:
    """The possessive inside a company-tagged span that names a product after its maker
    ("Velmora's Quillon tablet", "Orlo's Zeta X phone"), or 0: the words after it are
    followed by a noun for goods. "Macy's Inc" and "Moody's Investors" stay whole."""
    if end >= len(doc) or doc[end].lemma_.lower() not in _goods_nouns():
        return 0
    for tok in doc[start + 1 : end - 1]:
        if tok.text in _POSSESSIVE:
            after = doc[tok.i + 1 : end]
            if all(t.text[:1].isupper() or model_token(t) for t in after) and not any(
                _legal(t) or t.lower_ in _org_heads() for t in after
            ):
                return tok.i
            return 0
    return 0


@cache
def _goods_nouns() -> frozenset[str]:
    return product_head_nouns() | product_kinds()


#: Words before a number that name a part of a law or a stage, not a model: "Chapter 11".
_NUMBERED_NOT_MODELS = frozenset({
    "title", "article", "section", "chapter", "rule", "proposition", "prop", "amendment",
    "act", "part", "clause", "schedule", "regulation", "directive", "phase", "stage",
    "round", "tier", "level", "class", "category", "grade", "form", "item", "exhibit",
    "paragraph", "bill", "law", "order", "no", "number", "vol", "volume", "book",
})  # fmt: skip


def _numbered_model(doc: Doc, label: str, start: int, end: int) -> str:
    """A law-tagged name with a model number ("the Zeta 5", "Brisa 2"): NER reads it as
    "Article 5", but a name and a small number that names no part of a law is a model."""
    if label != "LAW":
        return label
    if doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    words, last = doc[start : end - 1], doc[end - 1]
    if (
        not words
        or len(words) > 3
        or not (last.is_digit and len(last) <= 3 and last.text != "0")
        or not all(t.is_title and t.is_alpha for t in words)
        or any(
            t.lower_ in _NUMBERED_NOT_MODELS or _legal(t) or t.lower_ in _org_heads() for t in words
        )
    ):
        return label  # "Studio 8" is a company's name
    return "PRODUCT"


def _place_label(doc: Doc, label: str, start: int, end: int) -> str:
    """A place-tagged span's label fixed: "Granite Foundry", "Basalt Semiconductor" are
    companies, "the Velmo V5 jet" a product."""
    if label not in {"GPE", "NORP", "LOC", "FAC"} or end - start < 2:
        return label
    if doc[end - 1].lower_ in _org_heads():
        return "ORG"
    return "PRODUCT" if _model_named(doc, start, end) else label


def _model_named(doc: Doc, start: int, end: int) -> bool:
    """A name and a model code after it ("Velmo V5", "the Tarn TR-40"): a model, not a
    place."""
    if doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    return (
        end - start > 1
        and model_token(doc[end - 1])
        and all(t.text[:1].isupper() for t in doc[start : end - 1])
        and not _YEARISH.fullmatch(doc[end - 1].text)
    )


_YEARISH = re.compile(r"\d+")


def _coded_model(doc: Doc, label: str, start: int, end: int, known: bool) -> tuple[str, int]:
    """A company-tagged name with a model code at its end or right after it ("the Zarin
    Q7", "the Velmo 9X"): a model, not a company (a company word keeps it a company; a
    gazetteer name stays what the gazetteer says)."""
    if label != "ORG" or known:
        return label, end
    stop = end
    if stop < len(doc) and doc[stop].ent_type_ in {"", "CARDINAL"} and model_token(doc[stop]):
        stop += 1
    span = doc[start:stop]
    if not _model_named(doc, start, stop) or any(
        _legal(t) or t.lower_ in _org_heads() for t in span
    ):
        return "ORG", end
    return "PRODUCT", stop


def _company_head_after(doc: Doc, label: str, start: int, end: int, known: bool) -> tuple[str, int]:
    """A name NER cut before the company word that ends it ("Varden" of "Varden Aero
    said"): the untagged proper noun the name modifies, a company head word, belongs to
    it, and makes it a company."""
    if known or label not in {"PERSON", "ORG"} or end >= len(doc):
        return label, end
    nxt = doc[end]
    if (
        nxt.ent_type_ == ""
        and nxt.pos_ == "PROPN"
        and nxt.is_title
        and nxt.lower_ in _org_heads()
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
    ):
        return "ORG", end + 1
    return label, end


#: A stock listing written as exchange and symbol: "NYSE:ORL", "SGX: 1234".
_TICKER = re.compile(r"[A-Z]{2,8}\s?:\s?[A-Z0-9.]{1,8}")


#: A Reuters instrument code, symbol and exchange letter: "VLM.O", "KST.N", "7203.T".
_RIC = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,2}")


def _paren_code(doc: Doc, start: int, end: int) -> bool:
    """``doc[start:end]`` is one instrument code alone in parentheses: "Orlo (ORL.N)"."""
    return (
        end - start == 1
        and start > 0
        and end < len(doc)
        and doc[start - 1].text == "("
        and doc[end].text == ")"
        and _RIC.fullmatch(doc[start].text) is not None
    )


def _listing_after(doc: Doc, k: int) -> int:
    """Where a stock listing in parentheses opening at ``doc[k]`` ends, past the ")":
    "(VLM.O)", "(NYSE: VLM)"; ``k`` when there is none."""
    if k >= len(doc) or doc[k].text != "(":
        return k
    if _paren_code(doc, k + 1, k + 2):
        return k + 3
    close = k + 4
    if (
        close < len(doc)
        and doc[close].text == ")"
        and doc[k + 2].text == ":"
        and _TICKER.fullmatch(f"{doc[k + 1].text}:{doc[k + 3].text}")
    ):
        return close + 1
    return k


def _listing(doc: Doc, start: int, end: int) -> bool:
    """A stock listing after a company's name, "(NYSE:ORL)", "(SGX:1234)": the exchange
    and the symbol name no company of their own."""
    if _TICKER.fullmatch(doc[start:end].text):
        return True
    if _paren_code(doc, start, end):
        return True  # a Reuters code, "(VLM.O)"
    if start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ":":
        return True  # the exchange
    return (
        end - start == 1
        and start > 2
        and doc[start - 1].text == ":"
        and doc[start - 3].text == "("
        and end < len(doc)
        and doc[end].text == ")"
        and _TICKER.fullmatch(f"{doc[start - 2].text}:{doc[start].text}") is not None
    )  # the symbol


def _no_name(doc: Doc, start: int, end: int, label: str) -> bool:
    """A span that is a job title, or a function a company has ("Vice President of
    Human Resources"), not anybody's name."""
    if all(t.lower_ in _kinship_words() for t in doc[start:end]):
        return True  # "X, nephew of Y": a relation to a person, nobody's name
    if label == "PERSON" and _based_in(doc, end):
        return True  # "the Porto-based buyer": NER took the town for a person
    return only_titles(doc, start, end) or (label == "ORG" and _department(doc[start:end].text))


def _based_in(doc: Doc, end: int) -> bool:
    """The name ending before ``end`` is where a company is based: "Orvale-based"."""
    return (
        end + 1 < len(doc)
        and doc[end].text in {"-", "\u2013"}
        and doc[end + 1].lower_ in {"based", "headquartered"}
    )


def _department(text: str) -> bool:
    """A name made only of function and title words: "Human Resources", "Co-Founder",
    "MBA - Founder", "Vice Chair for Member Services"."""
    words = [w for w in re.split(r"[\s\-/&,]+", text.lower()) if w]
    allowed = department_words() | _title_words() | {"and", "of", "the", "for"}
    return bool(words) and all(w in allowed for w in words)


@cache
def _kinship_words() -> frozenset[str]:
    kin = resources.load_json("cues.json")["kinship_nouns"]
    return frozenset(kin["male"]) | frozenset(kin["female"])


@cache
def department_words() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["department_words"]["words"])


@cache
def _title_words() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["title_words"]["words"])


def only_titles(doc: Doc, start: int, end: int) -> bool:
    """True when the span is a job title and nothing else ("Chief", "Director General")."""
    titles = _title_words()
    return all(t.lower_ in titles or t.lower_ in _TITLE_GLUE for t in doc[start:end])


@cache
def _roles() -> frozenset[str]:
    return frozenset(k for k in resources.load_json("relations.json")["roles"] if k[0] != "_")


@cache
def _role_ends() -> frozenset[str]:
    return frozenset(r.split()[-1] for r in _roles())


def role_word(tok: Token) -> bool:
    """A word of a job title or the last word of a role ("Secretary", "Analyst")."""
    return tok.lower_ in _title_words() or tok.lower_ in _role_ends()


def _span_name(span: Span) -> str:
    # Keep the text as written but collapse whitespace runs (line breaks in scrapes).
    return re.sub(r"\s+", " ", span.text).strip()


def _tagged_no_name(doc: Doc, start: int, end: int) -> bool:
    """A span NER tagged that names no one: "modem" or "AI" tagged as a company (no
    capital letter; "Jet.com" has one), a listed non-name, or the place a story is filed
    from ("NEW YORK and TALLBROOK, Wash. —")."""
    text = doc[start:end].text
    return (
        not any(c.isupper() for c in text)
        or text.lower() in resources.load_json("places.json")["not_names"]
        or _dateline(doc, start, end)
    )


def _tagged_start(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """Where a name NER tagged (not a known one) starts past the words it took in before
    the name, and its label: a role, an owner, a company noun, a heading, a description."""
    if label == "ORG":
        start = _after_role(doc, start, end)  # "CEO of Tallis Bank" tagged as one name
        start = _past_owner(doc, start, end)  # "Ada Lind's Kestrel Group": the company
    if _led_by_company_noun(doc, start, end):
        start, label = start + 1, "ORG"  # "Chipmaker Orlo", "Startup Velmo" opening a line
    start = _past_heading(doc, start, end, label)  # "Overview Velmora produces ..."
    if label == "ORG":
        start = _past_description(doc, start, end)  # "Coffee Franchisor Tarvik Brands"
    return start, label


def _two_parts(doc: Doc, start: int, end: int, label: str) -> int:
    """Where "and" or "or" parts two names NER tagged as one, or 0: two companies, or two
    titles a making verb made ("produced Ashfall Legends and Iron Harbor")."""
    cut = _two_names(doc, start, end) if label == "ORG" else 0
    if not cut and label in {"ORG", "PRODUCT"} and _made_work(doc, start, end):
        cut = _two_works(doc, start, end)
    return cut


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
        label = _numbered_model(doc, _place_label(doc, label, start, end), start, end)
        if label in {"WORK_OF_ART", "FAC"} and _made_work(doc, start, end):
            label = "PRODUCT"  # "developed Skybreak and Deep Current", "games like Skybreak"
        label, end = _coded_model(doc, label, start, end, known=bool(ent.ent_id_))
        label, end = _company_head_after(doc, label, start, end, known=bool(ent.ent_id_))
        if label not in TYPES:
            continue
        if not ent.ent_id_:
            start = _tagged_name_start(doc, label, start, end)
        start, end = _trim(doc, start, end)
        end = _title_cut(doc, start, end) if label == "ORG" and not ent.ent_id_ else end
        start = _past_address(doc, start, end) if label == "PERSON" else start
        if not ent.ent_id_:
            start, label = _tagged_start(doc, start, end, label)
        if (
            start >= end
            or _listing(doc, start, end)
            or (not ent.ent_id_ and _no_name(doc, start, end, label))
        ):
            continue
        maker = _maker_before(doc, raw, start, end) if label == "PRODUCT" else None
        if maker is not None:
            # "Orlo 440s": a maker's model number is a product named with its maker
            raw.append((start, end, label, f"{maker} {_span_name(doc[start:end])}", "ner"))
            continue
        if not ent.ent_id_ and (_tagged_no_name(doc, start, end) or _opening_kind(doc, start, end)):
            continue
        source = "gazetteer" if ent.ent_id_ else "ner"
        name = ent.ent_id_ or _span_name(doc[start:end])
        if source == "gazetteer" and label == "ORG" and _inside_longer_name(doc, start, end):
            # "Pilgrim Venture Corp", "Pacific Southwest Airlines": a known name at the end
            # of a longer one names another company.
            known = end - start
            while _inside_longer_name(doc, start, end, known):
                start -= 1
            source, name = "ner", _span_name(doc[start:end])
        start, label, name = _past_maker(doc, raw, org_names, (start, end, label, name, source))
        cut = _two_parts(doc, start, end, label) if source == "ner" else 0
        cut = cut or (_owner_cut(doc, start, end) if source == "ner" and label == "ORG" else 0)
        if cut:
            # "Panasonic and CATL" read as one company; "Procter & Gamble" stays whole
            raw.append((start, cut, label, _span_name(doc[start:cut]), source))
            start, name = cut + 1, _span_name(doc[cut + 1 : end])
        if _glued(doc, raw, start, label, source):
            # "Lockheed" "Martin": NER cut one name in two where no comma or "and" parts them
            start = raw.pop()[0]
            name = _span_name(doc[start:end])
        raw.append((start, end, label, name, source))
        if label == "ORG":
            org_names.add(name)
    titled = _titled_surnames(doc, raw)
    org_names -= {r[3] for r, was in zip(titled, raw, strict=True) if r[2] != was[2]}
    raw = titled
    raw = _particle_people(doc, _initialed_people(doc, raw))
    org_names -= {r[3] for r in raw if r[2] == "PERSON" and _NAME_PARTICLES & set(r[3].split())}
    legal_low = _lower_legal_forms(doc, raw)
    org_names |= {r[3] for r, was in zip(legal_low, raw, strict=True) if r != was}
    raw = legal_low
    raw = _conjoined_people(doc, _namesakes(doc, _quoted_letters(doc, _aged_people(doc, raw))))
    raw = _run_together(doc, _units_of_known(doc, _comma_lists(doc, _nicknamed(doc, raw))))
    # Gazetteer organizations and people stay whole; a product name may be part of a
    # company's ("Bard International Associates Inc").
    fixed = {
        i
        for first, stop, kind, _, source in raw
        if source == "gazetteer" and kind != "PRODUCT"
        for i in range(first, stop)
    }
    legal = _legal_names(doc, fixed, {r[1] - 1 for r in raw if r[2] == "ORG"})
    retyped: set[str] = set()
    if legal:
        covered = {i for r in legal for i in range(r[0], r[1])}
        raw = [r for r in raw if not all(i in covered for i in range(r[0], r[1]))]
        raw = [r for r in raw if not any(i in covered for i in range(r[0], r[1]))] + legal
        raw.sort()
    raw = _defined_products(doc, _quoted_titles(doc, _generic_drugs(doc, raw)))
    raw = _model_tails(doc, _model_heads(doc, _described_products(doc, raw)))
    raw = _coded_names(doc, raw)
    raw = _missed_names(doc, _nouned_names(doc, raw))
    raw = _company_lists(doc, _listed_members(doc, raw))
    raw = _named_again(
        doc,
        _opening_names(doc, _titled_owners(doc, _titled_people(doc, raw))),
    )
    raw = [_past_opening_descriptor(doc, r) for r in _titled_lone_all(doc, raw)]
    raw = _brand_words(doc, raw)
    raw = _public_owners(doc, _possessed_names(doc, _short_forms(doc, raw)))
    raw = _made_owners(doc, raw)
    for start, end, label, name, source in raw:
        if all(_legal(t) for t in doc[start:end]) or _kind_not_name(doc, start, end, label, source):
            continue  # a bare "Co" or "Group" names nobody
        etype, source, moved = _typed(doc, start, end, TYPES[label], name, source, org_names)
        if moved:
            retyped.add(name)
        out.append(Mention(start, end, name, etype, source))
    if retyped:  # one name, one type: the other mentions of a company go with it
        out = [replace(m, type=EntityType.ORGANIZATION) if m.name in retyped else m for m in out]
    return _joined_names(doc, _short_company_names(doc, out))


def _short_company_names(doc: Doc, out: list[Mention]) -> list[Mention]:
    """A person-tagged name that opens a company's name written in full elsewhere in the
    document, the rest company words ("Patch Carter" after "Patch Carter Logistics"): the
    company's short name, unless a role or a description stands before it ("founder Patch
    Carter")."""
    full = [m.name for m in out if m.type is EntityType.ORGANIZATION and m.source != "slot"]
    if not full:
        return out
    fixed = []
    for m in out:
        if (
            m.type is EntityType.PERSON
            and m.source == "ner"
            and " " in m.name
            and not (m.start > 0 and (doc[m.start - 1].is_lower or role_word(doc[m.start - 1])))
            and any(_company_tail(name, m.name) for name in full)
        ):
            m = replace(m, type=EntityType.ORGANIZATION)
        fixed.append(m)
    return fixed


def _company_tail(name: str, short: str) -> bool:
    """``name`` is ``short`` and company words after it ("Patch Carter Logistics Inc")."""
    if not name.startswith(short + " "):
        return False
    rest = name[len(short) + 1 :].replace(".", "").lower().split()
    heads = _org_heads()
    return bool(rest) and all(w in heads or w in LEGAL for w in rest)


_CAPS = r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*"
#: A name with a quoted letter inside: "Games 'R' Fun", "Pots "N" Pans" (a quoted
#: nickname inside a person's name, 'Ana "AJ" Ruiz', is longer).
_QUOTED_LETTERS = re.compile(
    rf"({_CAPS}) "
    r"(?:'[A-Za-z]'|\"[A-Za-z]\"|‘[A-Za-z]’|“[A-Za-z]”) "
    r"([A-Z][\w&-]*(?: [A-Z][\w&-]*)*)"  # no full stop: the name ends with its sentence
)


def _quoted_letters(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A capitalized name with a quoted letter inside ("Games 'R' Fun") is one
    company's name, however NER cut it up (a title, a lone letter, a half)."""
    for match in _QUOTED_LETTERS.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        start, end = _trim(doc, span.start, span.end)
        if start >= end or any(t.ent_type_ in _NOT_NAME for t in doc[start:end]):
            continue
        keep = [r for r in raw if r[1] <= start or r[0] >= end]
        if any(r[0] < start < r[1] or r[0] < end < r[1] for r in keep):
            continue
        raw = sorted([*keep, (start, end, "ORG", _span_name(doc[start:end]), "ner")])
    return raw


#: Nouns that name a kind of body, never one body, when written alone and capitalized.
_GENERIC_ORG_WORDS = frozenset({
    "company", "firm", "corporation", "university", "college", "school", "institute",
    "city", "council", "government", "agency", "foundation", "society", "department",
})  # fmt: skip


def _kind_not_name(doc: Doc, start: int, end: int, label: str, source: str) -> bool:
    """A span NER tagged that names a kind, not one body: "Professor" cut from a list of
    titles, "a Senior Geologist", "the Company" a company's page writes for itself (an
    anaphor, no name)."""
    return source == "ner" and (
        only_titles(doc, start, end)
        or _indefinite(doc, start, end, label)
        or (end - start == 1 and doc[start].lower_ in _GENERIC_ORG_WORDS)
    )


def _indefinite(doc: Doc, start: int, end: int, label: str) -> bool:
    """A capitalized person or company phrase with "a" or "an" before it is a kind,
    not a name: "by an Expert Witness", "a leading Heart Surgeon" (a product may be
    one of many: "an Orlo X5")."""
    if label not in {"PERSON", "ORG"}:
        return False
    root = doc[start:end].root
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} and c.i < start for c in root.children)


def _joined_names(doc: Doc, out: list[Mention]) -> list[Mention]:
    """ "A and B" read as two companies where the document names one company "A and B
    Group": the short form of that name, one mention ("Harrow and Bligh" after "Harrow
    and Bligh Group")."""
    full = [m.name for m in out if m.type is EntityType.ORGANIZATION and " and " in m.name]
    if not full:
        return out
    joined: list[Mention] = []
    skip = -1
    for k, m in enumerate(out):
        if k == skip:
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        if (
            nxt is not None
            and {m.type, nxt.type} <= {EntityType.ORGANIZATION, EntityType.PERSON}
            and nxt.start == m.end + 1
            and doc[m.end].lower_ == "and"
        ):
            text = doc[m.start : nxt.end].text
            if any(f == text or f.startswith(text + " ") for f in full):
                joined.append(Mention(m.start, nxt.end, text, EntityType.ORGANIZATION, "ner"))
                skip = k + 1
                continue
        joined.append(m)
    return joined


def _beside_company_noun(doc: Doc, start: int, root: Token, etype: EntityType) -> bool:
    """A person or product name that stands beside a company noun (``_company_noun_before``)
    is a company; for a product, not beside a noun that also holds goods ("the brand X")."""
    if etype not in {EntityType.PERSON, EntityType.PRODUCT}:
        return False
    if _called_venture(root):
        return True  # "a new joint venture called Elvara"
    described = _company_noun_before(doc, start, root, etype is EntityType.PRODUCT)
    return bool(described) and (etype is EntityType.PERSON or described not in _GOODS_HOLDERS)


#: Nouns for a company two or more others set up, which a name "called" is.
_VENTURE_NOUNS = frozenset({"venture", "company", "firm", "entity", "startup", "start-up"})


def _called_venture(root: Token) -> bool:
    """The name a venture or a new company is called: "a new joint venture called X",
    "a company named X" (not "a chip called X": goods have names too)."""
    verb = root.head
    return (
        root.dep_ in {"oprd", "dobj", "attr"}
        and verb.lemma_.lower() in {"call", "name", "dub"}
        and verb.dep_ == "acl"
        and verb.head.lemma_.lower() in _VENTURE_NOUNS
    )


def _said_to_be_company(doc: Doc, start: int, root: Token) -> bool:
    """A name NER took for a person that its surroundings call a company: "Apple supplier
    Velmo Precision will build ...", "Orvane Global, a subsidiary of X, ...", "Tollan Play,
    which makes toys, ..."."""
    return (
        _after_company_noun(doc, start) or _described_as_company(root) or _which_does_business(root)
    )


def _typed(
    doc: Doc,
    start: int,
    end: int,
    etype: EntityType,
    name: str,
    source: str,
    org_names: set[str],
) -> tuple[EntityType, str, bool]:
    """The mention's type and source with NER's confusions fixed; True when a person or
    product was found to be a company by where it stands (its namesakes follow it)."""
    moved = False
    if (
        etype is EntityType.PERSON
        and source == "ner"
        and (
            _legal(doc[end - 1])
            or name in org_names
            or not any(t.is_alpha for t in doc[start:end])
            or (end - start == 1 and _camel(name))
            or (end - start > 1 and doc[end - 1].lower_ in _org_heads())
            or (end - start > 1 and doc[start].lower_ in _org_first_words())
        )
    ):
        etype = EntityType.ORGANIZATION
    if (
        etype is EntityType.PRODUCT
        and source == "ner"
        and end - start > 1
        and (_legal(doc[end - 1]) or doc[end - 1].lower_ in _MAKER_HEADS)
    ):
        etype = EntityType.ORGANIZATION  # "Tarnwick Games", "Orlo Studios": the makers
    root = doc[start:end].root
    if source == "ner" and _beside_company_noun(doc, start, root, etype):
        moved = etype is EntityType.PERSON and " " in name  # one name, one type
        etype = EntityType.ORGANIZATION  # "the utility group Skarvik Energi", "its arm, X"
    if etype is EntityType.PERSON and source == "ner" and _numbered_name(doc, start, end):
        etype = EntityType.PRODUCT  # "cleared Dosa 5": no person's name ends in a number
    if etype is EntityType.PERSON and source == "ner" and _said_to_be_company(doc, start, root):
        # "Marla Kessing is a clothing retailer": the name's other mentions go with it
        etype, moved = EntityType.ORGANIZATION, " " in name
    if (
        etype is EntityType.PERSON
        and source == "ner"
        and start > 0
        and doc[start - 1].lower_ in {"its", "their"}
        and root.dep_ in {"dobj", "nsubjpass", "pobj"}
    ):
        etype = EntityType.PRODUCT  # "unveiled its Quill Battery": no person is "its"
    if etype is not EntityType.ORGANIZATION and source == "ner" and _named_rival(root):
        etype = EntityType.ORGANIZATION  # "firms such as Orlo Market", "its rival was Orlo"
    if etype is not EntityType.ORGANIZATION and source == "ner" and _tie_between(root):
        etype = EntityType.ORGANIZATION  # "the rivalry between Velmora and Orlo Systems"
    if (
        etype is EntityType.PRODUCT
        and source == "gazetteer"
        and name in resources.run_as_companies()
        and _listed_as_company(root)
    ):
        etype = EntityType.ORGANIZATION  # "clients such as WhatsApp": the company running it
    if (
        etype is EntityType.ORGANIZATION
        and source == "ner"
        and _made_object(root)
        and not any(company_word(t) or t.lower_ in _org_nouns() for t in doc[start:end])
    ):
        etype = EntityType.PRODUCT  # "Tarnwick Games developed Ashfall Legends"
    if etype is EntityType.ORGANIZATION and source == "ner" and _its_new(doc, start, end):
        etype = EntityType.PRODUCT  # "will sell its new Talon EV": a company's new goods
    if etype is EntityType.PERSON and source == "ner" and _makers_work(root):
        etype = EntityType.PRODUCT  # "the developer of Amber Crossing": a work, no person
    if etype is EntityType.PERSON and source == "ner" and _made_by(root):
        etype = EntityType.PRODUCT  # "Deep Rift, developed by Orlo Games, ...": a work
    if etype is not EntityType.PRODUCT and source == "ner" and _listed_work(root, etype):
        etype = EntityType.PRODUCT  # "produced Wu Harbor", "titles including Red Gate"
    if etype is EntityType.PERSON and source == "ner" and _owns_named_part(doc, start, end):
        etype = EntityType.ORGANIZATION  # "Orlo's Zenvia Bank unit": no person has units
    if etype is EntityType.PRODUCT and source == "ner" and names_part(doc, start, end):
        etype = EntityType.ORGANIZATION  # "its Orlo and Zenvia businesses": two units
    if etype is not EntityType.PRODUCT and source == "ner" and _product_described(doc, start, end):
        etype = EntityType.PRODUCT  # "the blood-thinner Kelvax", "its Quillo app"
    if (
        etype is not EntityType.ORGANIZATION
        and _bought_or_led(root, etype)
        and (source != "gazetteer" or name in resources.run_as_companies())
    ):  # a known product is bought as goods ("bought 500 Zeta X1s"), unless run as a company
        etype = EntityType.ORGANIZATION  # "agreed to buy Hale Pruitt", "CEO of Hale Pruitt"
        moved = True
    if source == "ner" and " " not in name and _bought_or_led(root, EntityType.PERSON):
        source = "role"  # a company by its place: "bought Costa" is no Mr Costa
    if (
        etype is EntityType.ORGANIZATION
        and source == "ner"
        and (model_token(doc[start]) if end - start == 1 else _MODEL_NAME.fullmatch(name))
    ):
        etype = EntityType.PRODUCT  # "Lark-2", "X9": a model number, not a company
    if source in {"ner", "role"} and _addressed(doc, start, end):
        etype, source, moved = EntityType.PERSON, "titled", False  # "Mr. Okafor is CEO of X"
    return etype, source, moved


#: Adjectives of a company's own new goods between "its" and their name: "its new X".
_NEW_WORDS = frozenset({"new", "latest", "newest", "upcoming", "flagship"})


def _its_new(doc: Doc, start: int, end: int) -> bool:
    """A name after "its new" or "their latest" with no company word in it and no noun for
    a part of a company after it ("its new Orlo unit"): the company's product."""
    after = doc[end] if end < len(doc) else None
    return (
        start > 1
        and doc[start - 1].lower_ in _NEW_WORDS
        and doc[start - 2].lower_ in {"its", "their"}
        and not any(company_word(t) or t.lower_ in _org_nouns() for t in doc[start:end])
        and not (after is not None and after.lemma_.lower() in _PART_NOUNS | _org_nouns())
    )


def _company_noun_before(doc: Doc, start: int, root: Token, hung: bool) -> str:
    """The company noun a name stands beside, or "": "the utility group Skarvik Energi"
    (the name hung on the noun); with ``hung``, also "to engineering group Orlo" (the noun
    hung on the name: not for persons, "managing partner Ana Ruiz")."""
    nouns = _org_nouns() | _PART_NOUNS
    if root.dep_ in {"appos", "compound"} and root.head.lemma_.lower() in nouns:
        return root.head.lemma_.lower()
    prev = doc[start - 1] if start > 0 else None
    if (
        hung
        and prev is not None
        and prev.dep_ == "compound"
        and prev.head.i == root.i
        and prev.lemma_.lower() in nouns
    ):
        return prev.lemma_.lower()
    return ""


def _numbered_name(doc: Doc, start: int, end: int) -> bool:
    """Capitalized words and a small number or a model code after them ("Dosa 5",
    "Velta Pro 2", "Brisa B7", "Velta Tab S4"): a model's name, never a person's. A
    subject ending in a code is left to its verb ("the Velta Tab S5 has sold well" is
    read with its maker's name, by candidates._known_maker)."""
    last = doc[end - 1]
    coded = model_token(last) and len(last) <= 6 and last.dep_ not in {"nsubj", "nsubjpass"}
    return (
        end - start > 1
        and ((last.is_digit and len(last) <= 2) or coded)
        and all(t.is_alpha and t.text[:1].isupper() for t in doc[start : end - 1])
    )


#: Last words of a maker's name NER may take for a product's: "Tarnwick Games".
_MAKER_HEADS = frozenset({
    "games", "studios", "interactive", "entertainment", "industries", "motors",
    "holdings", "enterprises", "laboratories", "productions", "pictures", "publishing",
    "publishers", "breweries", "aerospace", "technologies", "pharmaceuticals",
})  # fmt: skip


#: Verbs whose direct object is a work or a good, never a person: "produced Red Gate".
_WORK_VERBS = frozenset({"produce", "publish", "develop", "manufacture", "release", "distribute"})
#: Making verbs whose passive participle with a maker describes goods: "X, made by Y".
_MADE_VERBS = _WORK_VERBS | {"make", "design"}
#: What a participle makes its object into: "made chief executive", "made to resign".
_MADE_INTO = frozenset({"oprd", "attr", "xcomp", "ccomp", "dobj", "acomp"})
#: Plural nouns for works whose listed members are titles, never people or companies.
_WORK_NOUNS = frozenset({
    "title", "film", "movie", "game", "show", "series", "programme", "program", "production",
    "release", "album", "novel", "book",
})  # fmt: skip


#: Verbs whose direct object is a made work or good even when NER read it as a company.
_MAKING_VERBS = frozenset({"develop", "produce", "release", "publish"})


def _made_object(root: Token) -> bool:
    """The direct object of a making verb, or a name listed with one: "Tarnwick Games
    developed Ashfall Legends and Iron Harbor" (no phrasal verb: "produced up")."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return (
        tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in _MAKING_VERBS
        and not any(c.dep_ == "prt" for c in tok.head.children)
    )


def _made_work(doc: Doc, start: int, end: int) -> bool:
    """A span NER read as a work of art that is goods a company made: a making verb's
    object, or a name listed under a plural noun for works ("titles such as X")."""
    root = doc[start:end].root
    if _made_object(root) or _makers_work(root, _MAKER_NOUNS | _PRODUCTION_NOUNS):
        return True  # also "the producer of X", "responsible for the production of X"
    if root.dep_ == "appos" and root.head.lemma_.lower() in _WORK_NOUNS:
        return _made_object(root.head)  # "produced the films X and Y"
    noun = _listing_noun(root)
    return noun is not None and _member_type(noun) == "PRODUCT"


def _two_works(doc: Doc, start: int, end: int) -> int:
    """Where "and" parts two titles NER read as one ("Ashfall Legends and Iron Harbor"),
    or 0. A short title holds an "and" ("Pride and Prejudice", "Ant-Man and the Wasp")."""
    ands = [i for i in range(start + 1, end - 1) if doc[i].lower_ == "and"]
    if len(ands) != 1:
        return 0
    cut = ands[0]
    after = doc[cut + 1]
    if not (after.text[:1].isupper() and after.is_alpha) or after.is_stop or end - start < 4:
        return 0
    return cut


#: Nouns for who made a work, whose "of" names the work: "the developer of X".
_MAKER_NOUNS = frozenset({"developer", "maker", "creator", "publisher", "manufacturer"})
#: Nouns for the making of a work, whose "of" names it: "the production of X".
_PRODUCTION_NOUNS = frozenset({"producer", "co-producer", "production", "co-production"})


def _makers_work(root: Token, nouns: frozenset[str] = _MAKER_NOUNS) -> bool:
    """The "of" object of a maker noun: "the developer of Amber Crossing"."""
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "the producer of X and Y"
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.pos_ == "NOUN"
        and prep.head.lemma_.lower() in nouns
    )


def _made_by(root: Token) -> bool:
    """A name a passive making verb describes with its maker: "Deep Rift, developed by
    Orlo Games", "Red Gate, published by Tallis in 1999", and the subject a fronted one
    describes: "Developed by Orlo Games, Deep Rift was released in 1998" (nobody is
    developed)."""
    fronted = []
    if root.dep_ in {"nsubj", "nsubjpass"}:
        fronted = [c for c in root.head.children if c.dep_ == "advcl" and c.i < root.i]
    return any(
        c.tag_ == "VBN"
        and c.lemma_.lower() in _MADE_VERBS
        and any(a.dep_ == "agent" for a in c.children)
        # "A, made chief executive by the board": a person made something
        and not any(a.dep_ in _MADE_INTO for a in c.children)
        for c in [*(c for c in root.children if c.dep_ == "acl"), *fronted]
    )


def _listed_work(root: Token, etype: EntityType) -> bool:
    """A name that is a made work by where it stands: a person's name as the direct
    object of a making verb ("Quillo produced Red Gate"), the name set beside the work
    such a verb made ("publishes a magazine, Away"), or any name listed as a member
    of a plural noun for works ("20 titles, including Red Gate and Blue Fen")."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if (
        etype is EntityType.PERSON
        and tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in _WORK_VERBS
        and not any(c.dep_ == "prt" for c in tok.head.children)
    ):
        return True
    if (
        tok.dep_ == "appos"
        and tok.head.tag_ == "NN"
        and tok.head.lemma_.lower() in _WORK_NOUNS | {"magazine"}
        and tok.head.dep_ == "dobj"
        and tok.head.head.lemma_.lower() in _WORK_VERBS
    ):
        return True  # "publishes a travel magazine, Away": the work the verb made
    if (
        etype is EntityType.PERSON
        and tok.dep_ == "appos"
        and tok.head.tag_ == "NN"
        and tok.head.lemma_.lower() in _WORK_NOUNS - {"production", "release", "show"}
        and any(c.dep_ in {"poss", "amod"} for c in tok.head.children)
    ):
        return True  # "their first film Red Gate": a work, whoever it is named after
    noun = _listing_noun(root)
    return noun is not None and noun.lemma_.lower() in _WORK_NOUNS


def _listing_noun(root: Token) -> Token | None:
    """The plural noun a name is listed under: "titles" in "20 titles, including Red
    Gate and Blue Fen", "firms" in "firms such as Orlo"."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    listed = prep.lower_ in {"including", "like"} or (
        prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
    )
    noun = prep.head
    plural = noun.tag_ == "NNS" or noun.lemma_.lower() in _GOODS_COLLECTIVES
    return noun if listed and plural else None


def _named_rival(root: Token) -> bool:
    """A name a company noun lists ("firms such as Orlo Market") or that a copula makes
    a company's rival ("Velmora's main competitor was Orlo")."""
    noun = _listing_noun(root)
    if noun is not None:
        return noun.lemma_.lower() in _COMPANY_LISTS
    if root.dep_ not in {"attr", "nsubj"} or root.head.lemma_ != "be":
        return False
    other = {"attr": "nsubj", "nsubj": "attr"}[root.dep_]
    return any(
        c.dep_ == other
        and c.lemma_.lower() in {"competitor", "rival"}
        and any(g.dep_ == "poss" for g in c.children)
        for c in root.head.children
    )


#: Plural nouns for a company's customers, whose listed members are companies.
_CLIENT_LISTS = frozenset({"client", "customer"})


def _listed_as_company(root: Token) -> bool:
    """A name a client noun lists: "clients such as A and B", "its customers include A
    and B" (not "worked with companies like A": who is served is no clearer there)."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    noun = _listing_noun(root) or _included_by(first)
    return noun is not None and noun.lemma_.lower() in _CLIENT_LISTS


#: Words of a tie between companies whose "between" phrase names its parties.
_TIES = frozenset({
    "partner", "team", "collaborate", "cooperate", "ally", "partnership", "alliance",
    "collaboration", "cooperation", "co-operation", "venture", "tie-up", "rivalry",
    "competition", "joint venture", "price war",
})  # fmt: skip


def _tie_between(root: Token) -> bool:
    """A name paired by "between" with a company on a partnership or rivalry noun: "the
    rivalry between Velmora and Orlo Systems" (NER may read one party as a product)."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "between" or prep.head.i == prep.i:
        return False
    if prep.head.lemma_.lower() not in _TIES:
        return False
    names = [tok, *(c for c in tok.subtree if c.dep_ == "conj" and c.head.i >= tok.i)]
    return len(names) >= 2 and any(t.ent_type_ == "ORG" and t.i != root.i for t in names)


#: Plural nouns whose listed members are companies: "rival chains such as Orlo Market".
_COMPANY_LISTS = frozenset({
    "company", "firm", "chain", "rival", "competitor", "retailer", "operator", "carrier",
    "bank", "lender", "insurer", "manufacturer", "maker", "supermarket", "publisher",
    "studio", "airline", "startup", "conglomerate",
})  # fmt: skip


#: Nouns that describe only a company when set beside a name: "X, a subsidiary of Y".
_COMPANY_NOUNS = frozenset({
    "company", "firm", "subsidiary", "unit", "division", "affiliate", "corporation",
    "conglomerate", "startup", "start-up", "manufacturer", "retailer", "lender", "insurer",
    "carmaker", "automaker", "chipmaker", "drugmaker", "bank",
})  # fmt: skip


#: Kinds of company an encyclopedia's first sentence says a name is ("X is a radio
#: station"); no person is one (unlike "developer" or "designer").
_BODY_NOUNS = frozenset({
    "station", "broadcaster", "airline", "conglomerate", "label", "studio", "network",
    "chain", "distributor", "utility", "carrier", "newspaper", "magazine", "club",
})  # fmt: skip


#: Nouns for a part of a company, which a name set beside them names: "its lending arm,
#: Skarvik Credit" (no person is an arm).
_PART_NOUNS = frozenset({"arm", "wing", "branch", "unit", "division", "subsidiary"})


def _which_does_business(root: Token) -> bool:
    """A name a "which" clause says does a company's business: "Tollan Play, which makes
    toys, ..." (a person would be "who")."""
    return any(
        c.dep_ == "relcl"
        and c.i > root.i
        and c.left_edge.lower_ == "which"
        and c.lemma_.lower() in _OPENING_VERBS
        for c in root.children
    )


def set_off_only(root: Token, between: Span) -> bool:
    """Whether the words between a name and its verb are adverbs or phrases set off on
    the name: "X, which makes pumps, is ...", "X, the Oslo-based maker, is ..."."""
    inside = {
        t.i
        for c in root.children
        if c.dep_ in {"relcl", "appos", "acl"} and c.i > root.i
        for t in c.subtree
    }
    return all(
        t.pos_ == "ADV" or t.i in inside or (t.text == "," and t.head.i == root.i) for t in between
    )


def _described_as_company(root: Token) -> bool:
    """A name whose appositive or predicate is a company noun: "Orvane Global, a unit of
    Y", "Orvane Global is a firm", even when NER read the name as a person's."""
    between = root.doc[root.i + 1 : root.head.i]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and set_off_only(root, between):
        # "Orvane Global is a game developer and a subsidiary of Y": what the name is
        said = [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        said += [c for a in said for c in a.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        if any(
            c.lemma_.lower() in _COMPANY_NOUNS | _BODY_NOUNS
            and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)
            for c in said
        ):
            return True
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    return (after is not None and after.text == ",") and any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        # "Rovik FC, the Norwegian football club": no person is a club or an airline
        and c.lemma_.lower() in _COMPANY_NOUNS | _BODY_NOUNS
        and c.left_edge.i == root.i + 2  # right after the comma, no bracket between
        for c in root.children
    )


#: Forms of address that open a person's name: "Mr. Okafor", "Dr Lindqvist". Such a name
#: is a person even in one word (source "titled": no later step retypes it).
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "mister"})


#: Titles NER may take into a person's name: "Professor Ada Lindqvist", "Sir Tom Keel".
_FORMS_OF_ADDRESS = _HONORIFICS | {"professor", "prof", "prof.", "sir", "dame", "master"}


def _past_address(doc: Doc, start: int, end: int) -> int:
    """Where a person's name starts past the titles and the nationality NER took in:
    "Professor Ada Lindqvist" and "Swedish Ada Lindqvist" are Ada Lindqvist."""
    while end - start > 1 and doc[start].lower_ in _FORMS_OF_ADDRESS:
        start += 1
    nationalities = frozenset(resources.load_json("places.json")["nationalities"])
    if end - start > 2 and doc[start].lower_ in nationalities:
        start += 1  # "fellow Canadian Mira Lund": the nationality is no part of it
    return start


def _addressed(doc: Doc, start: int, end: int) -> bool:
    """A name of one or two words right after a form of address, with no company word."""
    return (
        start > 0
        and doc[start - 1].lower_ in _FORMS_OF_ADDRESS
        and end - start <= 2
        and not any(_legal(t) or t.lower_ in _org_heads() for t in doc[start:end])
    )


_Raw = tuple[int, int, str, str, str]


def _nicknamed(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A person's name with a nickname in brackets, which NER cuts at the bracket:
    "Robert (Rob" and "Dunmore" are one person, "Robert (Rob) Dunmore"; a span that
    opens on a closing bracket ("Hans) Dunmore") starts after it."""
    out: list[_Raw] = []
    skip = -1
    for start, end, label, name, source in raw:
        if start == skip:
            continue
        words = [t.text for t in doc[start:end]]
        if source == "ner" and ")" in words and "(" not in words:
            start += words.index(")") + 1
            name = _span_name(doc[start:end])
            if start >= end:
                continue
        if (
            source == "ner"
            and label == "PERSON"
            and "(" in words
            and ")" not in words
            and end + 1 < len(doc)
            and doc[end].text == ")"
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].is_title
        ):
            stop = end + 1
            while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title:
                stop += 1
            skip = end + 1
            out.append((start, stop, label, _span_name(doc[start:stop]), source))
            continue
        out.append((start, end, label, name, source))
    return out


def _units_of_known(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A known company's name followed by a distinct head names another company:
    "Orlo SDI", "Orlo Kessel" (a venture of two known parents), "Orlo Music
    Entertainment" are not Orlo. A legal form ("Orlo Group Inc") or a word with no
    company sense ("Orlo Music") leaves the known company alone."""
    starts = {r[0]: k for k, r in enumerate(raw)}
    out: list[_Raw] = []
    skip_to = -1
    for k, r in enumerate(raw):
        if r[0] < skip_to:
            continue
        stop = _distinct_tail(doc, raw, starts, k) if r[4] == "gazetteer" and r[2] == "ORG" else 0
        if stop:
            out.append((r[0], stop, "ORG", _span_name(doc[r[0] : stop]), "ner"))
            skip_to = stop
        else:
            out.append(r)
    return out


def _run_together(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Company names written one right after the other, with no comma, "and" or line
    between them, ending in a company word, are one venture's name: "GE Velmora Nuclear
    Energy" tagged as "GE", "Velmora" and "Nuclear Energy" is one company."""
    out: list[_Raw] = []
    k = 0
    while k < len(raw):
        j = k
        while (
            j + 1 < len(raw)
            and raw[j + 1][0] == raw[j][1]
            and raw[j][2] == raw[j + 1][2] == "ORG"
            and "\n" not in doc[raw[j][1] - 1].whitespace_
            and doc[raw[j][1] - 1].text[:1].isalpha()
            and doc[raw[j + 1][0]].text[:1].isupper()
        ):
            j += 1
        first, last = raw[k][0], raw[j][1]
        if j > k and last - first <= 6 and company_word(doc[last - 1]):
            out.append((first, last, "ORG", _span_name(doc[first:last]), "ner"))
        else:
            out += raw[k : j + 1]
        k = j + 1
    return out


def _made_owners(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Two names NER ran together after "make" ("the deal makes Orlo Velmora's largest
    shareholder", "making A Orlo's chief executive"): the verb's object and the owner of
    its complement. Cut where the possessive name's last words are written alone
    elsewhere in the document; that part takes the type it has there."""
    out: list[_Raw] = []
    for r in raw:
        start, end, label, _, source = r
        after = doc[end] if end < len(doc) else None
        if (
            source != "ner"
            or end - start < 2
            or start == 0
            or doc[start - 1].lemma_.lower() != "make"
            or after is None
            or after.tag_ != "POS"
        ):
            out.append(r)
            continue
        cut = next((k for k in range(start + 1, end) if _alone_elsewhere(doc, k, end)), 0)
        if not cut or not all(t.text[:1].isupper() for t in doc[start:end]):
            out.append(r)
            continue
        tail = _span_name(doc[cut:end])
        kind = next((o[2] for o in raw if o[3] == tail and o is not r), "ORG")
        out.append((start, cut, label, _span_name(doc[start:cut]), source))
        out.append((cut, end, kind, tail, source))
    return out


def _distinct_tail(doc: Doc, raw: list[_Raw], starts: dict[int, int], k: int) -> int:
    """Where the distinct name that starts with known company ``raw[k]`` ends, or 0."""
    end = raw[k][1]
    j = end
    joined = False
    while j < len(doc) and j - end < 4 and "\n" not in doc[j - 1].whitespace_:
        other = starts.get(j)
        if other is not None and raw[other][2] != "ORG":
            break
        if other is not None and raw[other][4] == "gazetteer":
            j, joined = raw[other][1], True  # "Orlo Kessel": two known parents' venture
            continue
        tok = doc[j]
        # A title word may sit inside a company's name ("Orlo Information Systems"); the
        # name must still end in a company word (below), so "Orlo Chief Executive" is none.
        named = _name_word(tok) or (tok.lower_ in _title_words() and _name_word_shape(tok))
        if not named and not (_legal(tok) and j > end):
            break  # "Orlo Sports Co. Ltd.": legal forms may end the longer name
        j += 1
        if other is not None:
            j = max(j, raw[other][1])
    while j > end and doc[j - 1].lower_ in _title_words():
        j -= 1  # "Orlo AI CEO Ana Ruiz": a title closes no name
    if j == end:
        return 0
    if j + 1 < len(doc) and doc[j].text == "," and _legal(doc[j + 1]):
        j += 2  # "Orlo Golf, Inc.": the legal form after a comma closes the name
        if j < len(doc) and doc[j].text == ".":
            j += 1
        return j
    last = doc[j - 1]
    if _legal(last) and j - end == 1:
        return 0  # "Orlo Group", "Orlo AG": the known company itself
    if _legal(last):
        return j  # "Orlo Video LBO Inc": more words and a legal form make another company
    acronym = (
        j - end == 1
        and last.is_upper
        and last.is_alpha
        and 3 <= len(last) <= 5
        and last.lower_ not in product_head_nouns()
    )
    return j if joined or acronym or last.lower_ in _org_heads() else 0


def _name_word_shape(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_sent_start


def _name_word(tok: Token) -> bool:
    return (
        _name_word_shape(tok)
        and tok.pos_ in {"PROPN", "NOUN"}
        and tok.lower_ not in _title_words()
        and tok.ent_type_ not in _NOT_NAME
        and tok.ent_type_ not in {"GPE", "NORP", "LOC"}
    )


_OPEN_QUOTES = {"'": "'’", '"': '"”', "‘": "’'", "“": '”"'}
#: Lower-case words a title may hold: "World of Warcraft", "Call of the Deep".
_TITLE_SMALL = {
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "from", "by", "or", "vs",
}  # fmt: skip


def _quoted_titles(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Short title-cased names in quotes where news names a work ("the maker of 'Star
    Quest' and 'Iron Tide'", "the online shooter 'Ash Crown'", "'Star Quest' and other
    titles"): products, whatever NER made of them. A quoted sentence is no title."""
    cues = resources.load_json("cues.json")["title_context"]
    before, nouns = set(cues["before"]), set(cues["nouns"])
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc) - 2:
        span = _quoted_span(doc, i)
        if span is None:
            i += 1
            continue
        start, end = span
        prev = doc[i - 1] if i > 0 else None
        listed = (
            bool(found)
            and found[-1][1] + 1 >= i - 2
            and prev is not None
            and (prev.lower_ in {",", "and", "or"})
        )
        cued = prev is not None and (prev.lower_ in before or prev.lower_ in nouns)
        if listed or cued or _titles_after(doc, end + 1, nouns):
            found.append((start, end))
        i = end + 1
    if not found:
        return raw
    # A listed title that only its followers mark ("'A', 'B' and other titles").
    found = _with_listed_before(doc, found, nouns, before)
    # "Games 'R' Fun": quoted letters inside a longer name are no title
    found = [(s, e) for s, e in found if not any(r[0] < s - 1 and e + 1 < r[1] for r in raw)]
    kept = [
        r
        for r in raw
        if not any(r[0] < e and s < r[1] and (r[4] == "ner" or r[2] == "PRODUCT") for s, e in found)
    ]
    clash = {
        (s, e) for s, e in found for r in kept if r[0] < e and s < r[1]
    }  # a known company's name in quotes stays the company
    titles = [
        (s, e, "PRODUCT", _span_name(doc[s:e]), "ner") for s, e in found if (s, e) not in clash
    ]
    return sorted(kept + titles)


def _with_listed_before(
    doc: Doc, found: list[tuple[int, int]], nouns: set[str], before: set[str]
) -> list[tuple[int, int]]:
    out = list(found)
    first = found[0][0] - 1
    while True:
        sep = first - 1
        if sep < 2 or doc[sep].lower_ not in {",", "and", "or"}:
            break
        k = sep - 2  # past the closing quote
        while k > 0 and doc[k].text not in _OPEN_QUOTES and sep - k <= 9:
            k -= 1
        span = _quoted_span(doc, k)
        if span is None or span[1] + 1 != sep:
            break
        out.append(span)
        first = k
    return sorted(set(out))


def _quoted_span(doc: Doc, i: int) -> tuple[int, int] | None:
    """The title inside the quote opening at token ``i``, or None: one to seven words,
    the first capitalized, every other capitalized, a number or a small word."""
    closers = _OPEN_QUOTES.get(doc[i].text)
    if closers is None:
        return None
    for j in range(i + 1, min(i + 9, len(doc))):
        if doc[j].text in closers and j > i + 1:
            words = doc[i + 1 : j]
            ok = words[0].text[:1].isupper() and all(
                t.text[:1].isupper()
                or t.like_num
                or t.lower_ in _TITLE_SMALL
                or t.text in {"!", ":", "-", "&", "'s"}
                for t in words
            )
            return (i + 1, j) if ok and not _says(doc, i, j) else None
        if doc[j].text in {".", ",", ";", "?"} or "\n" in doc[j].whitespace_:
            return None
    return None


def _says(doc: Doc, i: int, j: int) -> bool:
    """A quote a say verb introduces or follows is speech, however short."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    say = {"say", "tell", "write", "add"}
    return (prev is not None and (prev.lemma_.lower() in say or prev.text == ":")) or (
        nxt is not None and nxt.lemma_.lower() in say
    )


def _titles_after(doc: Doc, k: int, nouns: set[str]) -> bool:
    """A title noun right after the quote, or after "and other": "the 'Dirt' series"."""
    while k < len(doc) and doc[k].lower_ in {"and", "or", "other", ","}:
        k += 1
    return k < len(doc) and doc[k].lower_ in nouns


#: Nouns for a company's part that names before them (and their goods) belong to.
_BUSINESS_PARTS = frozenset({"business", "unit", "division", "subsidiary", "arm", "operation"})


def names_part(doc: Doc, start: int, end: int) -> bool:
    """The name opens a phrase for a company's part, maybe through the goods it makes and
    a list of such names: "its Orlo engines business", "its Orlo and Zenvia businesses",
    "its Orlo engines and Zenvia pumps units" (Orlo is a company, not a product)."""
    return part_noun_after(doc, end) >= 0


def _owns_named_part(doc: Doc, start: int, end: int) -> bool:
    """A one-word name whose possessive owns a named part: "Orlo's Zenvia unit"."""
    return (
        end - start == 1
        and end + 1 < len(doc)
        and doc[end].text in _POSSESSIVE
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].text[:1].isupper()
        and part_noun_after(doc, end + 1) >= 0
    )


def part_noun_after(doc: Doc, end: int) -> int:
    """Where the noun for a company's part ends the phrase a name before ``end`` opens
    (see :func:`names_part`), or -1."""
    k, nouns = end, 0
    while k < len(doc) and k - end < 8:
        tok = doc[k]
        # goods the tagger read as a verb ("pumps") only right before the part noun
        goods = tok.tag_ == "VBZ" and k + 1 < len(doc) and doc[k + 1].lemma_ in _BUSINESS_PARTS
        if (
            tok.is_lower
            and tok.is_alpha
            and (tok.pos_ == "NOUN" or tok.dep_ == "compound" or goods)
        ):
            if tok.lemma_.lower() in _BUSINESS_PARTS:
                return k
            nouns += 1
            if nouns > 2:
                return -1
        elif tok.lower_ in {"and", ","} or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            nouns = 0
        else:
            return -1
        k += 1
    return -1


def _product_described(doc: Doc, start: int, end: int) -> bool:
    """A name that stands beside a generic product noun: after it in apposition ("the
    blood-thinner Kelvax", "its cancer medicines Avastix, Herceptol and Rituxo") or
    before it with an owner or article ("its Quillo app", "the Aria router")."""
    if any(company_word(t) for t in doc[start:end]) or names_part(doc, start, end):
        return False
    kinds = product_kinds()
    root = doc[start:end].root
    top = root
    while top.dep_ == "conj" and top.head.i < top.i and top.head.pos_ == "PROPN":
        top = top.head  # the first of a list of names
    first = top.i if top is not root else start
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
        first -= 1
    prev = doc[first - 1] if first > 0 else None
    if (
        prev is not None
        and (prev.lemma_.lower() in kinds or prev.lower_ in kinds)
        and prev.pos_ in {"NOUN", "ADJ"}  # "the blood-thinner X" read as an adjective
        and (prev.head.i == top.i or (top.dep_ == "appos" and top.head.i == prev.i))
    ):
        return True
    if _kind_beside(top, kinds) or _whose_name(root, start):
        return True
    if (
        start > 1
        and end < len(doc)
        and doc[start - 1].text in _POSSESSIVE
        and doc[end].pos_ == "NOUN"
        and kind_of(doc[end], kinds)
    ):
        return True  # "Orlo's Zeta chip": an owner's name for its goods, however parsed
    if _kind_around(doc, start, end, kinds):
        return True
    head = root.head
    if root.dep_ not in {"compound", "nmod"} or head.i < end or head.i - end > 2:
        return False
    if head.i == end and kind_of(head, _brand_goods()):
        return True  # "Zorvex diapers", "Velta cleaners": consumer brands name their goods
    owned = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "its", "their"})
        for c in head.children
    )
    return owned and kind_of(head, kinds) and head.pos_ == "NOUN"


#: Words before a product noun that make the noun a definite one: "the app", "its chip".
_DEFINITE = frozenset({"the", "its", "their", "his", "her"})


def _kind_around(doc: Doc, start: int, end: int, kinds: frozenset[str]) -> bool:
    """A name right after "the" and a product noun ("the app Fennly", "Orlo's app,
    Fennly,"), or between "the" and one ("the Fennly app", "the Lumo line of razors"),
    however the parser attached it."""

    def kind(k: int, sets: bool = False) -> bool:
        tok = doc[k]
        return (
            tok.pos_ == "NOUN"
            and tok.is_lower
            and (kind_of(tok, kinds) or (sets and tok.lower_ in GOODS_SETS))
        )

    def owner(k: int) -> bool:  # "the", "its", or a name's "'s"
        return k >= 0 and (doc[k].lower_ in _DEFINITE or doc[k].text in _POSSESSIVE)

    nxt = doc[end] if end < len(doc) else None
    after = (
        start > 1
        and kind(start - 1)
        and owner(start - 2)
        and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN"})
    )
    # "Orlo's app, Fennly, lets ...": the name set off after its product noun
    set_off = (
        start > 2
        and doc[start - 1].text == ","
        and kind(start - 2)
        and owner(start - 3)
        and nxt is not None
        and nxt.text == ","
        and not (end + 1 < len(doc) and doc[end + 1].lemma_.lower() in _SPEECH_VERBS)
    )
    before = (
        start > 0
        and nxt is not None
        and owner(start - 1)
        and kind(end, sets=True)
        and nxt.dep_ not in {"compound", "amod", "nmod"}  # "the X guitar pick line"
        and (end + 1 == len(doc) or doc[end + 1].pos_ not in {"NOUN", "PROPN"})
    )
    return after or set_off or before


#: Verbs of saying: "the drug, Orlo said, ..." sets off the speaker, not the drug's name.
_SPEECH_VERBS = frozenset({"say", "add", "note", "tell", "write", "explain"})


def kind_of(tok: Token, kinds: frozenset[str]) -> bool:
    """The noun is one of ``kinds``, in the singular or a plural the lemmatizer missed
    ("smartwatches")."""
    low = tok.lower_
    return tok.lemma_.lower() in kinds or low.removesuffix("es") in kinds or low[:-1] in kinds


def _kind_beside(top: Token, kinds: frozenset[str]) -> bool:
    """An owned product noun with the name in apposition ("its new console, the Quillo";
    "Quillo, the company's new console")."""
    nouns = [top.head] if top.dep_ == "appos" else []
    nouns += [c for c in top.children if c.dep_ == "appos" and c.i > top.i]
    # "Quillo, Orlo's weekly injection" parsed as a list of two: no "and" between them
    nouns += [c for c in top.children if c.dep_ == "conj" and c.i > top.i and bare_conj(c)]
    return any(
        n.pos_ == "NOUN"
        and kind_of(n, kinds)
        and not (n.lemma_.lower() == "product" and n.tag_ != "NN")  # "its products - A, B"
        and (
            (
                any(c.dep_ == "poss" for c in n.children)
                and not any(c.lower_ in {"a", "an"} for c in n.children)  # "an Alzheimer's drug"
            )
            # "Quillo, a one-time treatment", "a rival gene therapy, Quillo"
            or (
                not any(c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" for c in n.children)
                and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in n.children)
            )
        )
        for n in nouns
    )


def bare_conj(conj: Token) -> bool:
    """A conjunct after a comma with no "and"/"or" before it: an apposition misparsed."""
    head = conj.head
    return (
        conj.i > head.i
        and any(c.text == "," and head.i < c.i < conj.i for c in head.children)
        and not any(c.dep_ in {"cc", "conj"} and head.i < c.i < conj.i for c in head.children)
        and not any(c.dep_ in {"cc", "preconj"} for c in head.children)
    )


def _whose_name(root: Token, start: int) -> bool:
    """A name a company's "whose" owns: "the engine maker, whose Trent ZX powers ...";
    a company names its products so, its units and people with a noun ("whose unit X")."""
    return root.pos_ in {"PROPN", "NOUN"} and any(
        c.dep_ == "poss" and c.lower_ == "whose" and c.i < start for c in root.children
    )


_UNNAMED_TAGS = {"", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "PERSON", "ORG"}


#: Stems of international nonproprietary drug names (WHO INN): "-mab" antibodies,
#: "-tinib" kinase inhibitors, "-glutide" peptides, "-leucel" cell therapies ...
_INN_STEM = re.compile(
    r"[a-z]{4,}(?:mab|tinib|ciclib|parib|rafenib|lisib|glutide|glinide|patide|leucel"
    r"|gene|vir|prazole|sartan|statin|kinra|nercept|platin|taxel|"
    r"rubicin|mustine|limus|gliflozin|gliptin|lukast|oxetine|afil|triptan|dronate)"
)
_NOT_DRUGS = frozenset({"peptide", "nucleotide", "polypeptide", "antigene", "concept", "accept"})


def _generic_drugs(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Lowercase generic drug names NER never tags ("alemtuzumab", "tirzepatide",
    "axicabtagene ciloleucel"): product mentions, known by their INN stem."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        text = tok.text
        if (
            tok.i in taken
            or not text.isalpha()
            or not text.islower()
            or text in _NOT_DRUGS
            or not _INN_STEM.fullmatch(text)
            or text.endswith("gene")  # only as the first word of a cell therapy's name
        ):
            continue
        start = tok.i
        if start > 0 and doc[start - 1].text.endswith("gene") and doc[start - 1].text.isalpha():
            start -= 1  # "axicabtagene ciloleucel"
        if any(i in taken for i in range(start, tok.i + 1)):
            continue
        added.append((start, tok.i + 1, "PRODUCT", _span_name(doc[start : tok.i + 1]), "ner"))
        taken.update(range(start, tok.i + 1))
    return sorted(raw + added) if added else raw


def _described_products(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Proper nouns NER left out (or took for a place) that stand beside a generic
    product noun ("the treatment Revamid", "Velta cleaners"): product mentions."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        if (
            # a coined capitalized word the tagger read as an adjective or adverb counts
            not (tok.pos_ == "PROPN" or _model_code(tok) or (_coined(tok) and tok.i > 0))
            or tok.i in taken
            or tok.dep_ == "flat"
            or (tok.ent_type_ not in _UNNAMED_TAGS and not _dated_model(tok))
            or not tok.text[:1].isupper()
        ):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            continue  # a piece of a longer name: its head decides
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if any(i in taken for i in range(start, tok.i + 1)):
            continue
        tok = _sibling_words(doc, tok, taken)  # "the Orlo Pixel Nova tablet"
        # "The Zeta, developed by Orlo, ...": a name a making verb describes with its
        # maker is a product's, wherever it stands
        made = (
            _made_by(tok)
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].text == ","  # the whole name, set off: not "Zeta of X"
            and (doc[start].is_sent_start or doc[start - 1].lower_ == "the")
            and not any(company_word(t) for t in doc[start : tok.i + 1])
        )
        if doc[start].is_sent_start and not made:
            continue
        if made or _product_described(doc, start, tok.i + 1):
            added.append((start, tok.i + 1, "PRODUCT", _span_name(doc[start : tok.i + 1]), "ner"))
            taken.update(range(start, tok.i + 1))
    return sorted(raw + added) if added else raw


def _sibling_words(doc: Doc, tok: Token, taken: set[int]) -> Token:
    """The last word of a name whose words the parser hung one by one on the noun after
    them ("the Orlo Pixel Nova tablet": "Pixel" and "Nova" both modify "tablet"): the
    capitalized proper nouns that follow ``tok`` as compounds of the same head."""
    while (
        tok.dep_ == "compound"
        and tok.i + 1 < len(doc)
        and tok.i + 1 not in taken
        and doc[tok.i + 1].pos_ == "PROPN"
        and doc[tok.i + 1].dep_ == "compound"
        and doc[tok.i + 1].head.i == tok.head.i
        and doc[tok.i + 1].is_title
        and doc[tok.i + 1].ent_type_ in _UNNAMED_TAGS
    ):
        tok = doc[tok.i + 1]
    return tok


@cache
def _calendar_words() -> frozenset[str]:
    data = resources.load_json("time.json")
    return frozenset(data["months"]) | frozenset(data["weekdays"])


def _dated_model(tok: Token) -> bool:
    """A name and a model number NER took for a date ("the Aria 5 phone" read like
    "April 5"): proper nouns no calendar knows, then a number of at most three digits."""
    if tok.ent_type_ != "DATE":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None or len(ent) > 3:
        return False
    *words, last = list(ent)
    return (
        bool(words)
        and last.text.isdigit()
        and len(last.text) <= 3
        and all(w.pos_ == "PROPN" and w.is_title and w.lower_ not in _calendar_words()
                for w in words)
    )  # fmt: skip


def _model_tail_word(tok: Token) -> bool:
    """A token that may end a product's name as its model number: a code ("S7", "X1")
    or a number of at most four digits that is not a year ("300", "5")."""
    if model_token(tok):
        return True
    text = tok.text
    return text.isdigit() and len(text) <= 4 and not (len(text) == 4 and text[:2] in {"19", "20"})


def _goods_article(doc: Doc, start: int) -> bool:
    """ "the", "its" or an owner's "'s" right before a name: "the Strand 40 amplifier"."""
    return start > 0 and (doc[start - 1].lower_ in _DEFINITE or doc[start - 1].text in _POSSESSIVE)


def _goods_after(doc: Doc, stop: int) -> bool:
    """A kind of goods right after a model number ("the Quill 300 headset"; "the Quill 300
    drones" may count them), or the description set off after it ("the Strato 900, its
    largest jet")."""
    if stop >= len(doc):
        return False
    tok = doc[stop]
    if tok.text == ",":
        for nxt in doc[stop + 1 : stop + 6]:
            if nxt.pos_ == "NOUN":
                return nxt.lower_ in _goods_nouns() or nxt.lemma_.lower() in _goods_nouns()
            if nxt.pos_ not in {"DET", "PRON", "ADJ", "ADV"}:
                return False
        return False
    return (
        tok.lower_ in _goods_nouns()
        and tok.pos_ == "NOUN"
        and not (tok.tag_ == "NNS" and doc[stop - 1].is_digit)
    )


def _model_heads(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A model code NER tagged alone takes back the name before it ("the Helix T2
    tablet" tagged "T2"): an untagged capitalized proper noun no other mention holds."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    out = []
    for start, end, label, name, source in raw:
        first = start
        while (
            label == "PRODUCT"
            and source != "gazetteer"
            and model_token(doc[start])
            and first > 0
            and start - first < 2
            and (first - 1) not in taken
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].is_title
            and doc[first - 1].ent_type_ in {"", "PRODUCT"}
        ):
            first -= 1
        if first < start:
            start, name = first, _span_name(doc[first:end])
        out.append((start, end, label, name, source))
    return out


def _model_tails(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A product's name runs on over the model number written after it, up to the kind
    of goods ("the Velta S7 sedan", "the Quill 300 headset"): the parser makes the number
    a modifier of the noun, and NER leaves it out or tags it alone."""
    out = list(raw)
    for k, (start, end, label, _, source) in enumerate(raw):
        if source == "gazetteer" or not (
            label == "PRODUCT" or (label == "PERSON" and _goods_article(doc, start))
        ):
            continue  # "the Strand 40 amplifier": no person's name, a number and goods
        stop = end
        while stop < len(doc) and stop - end < 2 and _model_tail_word(doc[stop]):
            stop += 1
        if stop == end or not _goods_after(doc, stop):
            continue
        if any(r[0] < stop and end < r[1] and r[2] != "PRODUCT" for r in raw):
            continue
        out = [r for r in out if not (r[0] >= end and r[1] <= stop)]
        out[out.index(raw[k])] = (start, stop, label, _span_name(doc[start:stop]), source)
    return sorted(out)


#: Words before a code that make it no product's name: "Flight", "Gate", "Route".
_CODED_NOT_NAMES = _NUMBERED_NOT_MODELS | {
    "flight", "gate", "terminal", "route", "room", "unit", "group", "series", "model",
}  # fmt: skip


def _coded_names(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A model code NER left untagged, with the capitalized name before it: "the Orion X5
    uses chips from Y", "the Zeno X2 is sold with Z" (a name ending in a code names goods,
    never a person); a bare code only before a kind of goods ("a T9 processor")."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        if (
            tok.i in taken
            or tok.ent_type_ not in {"", "CARDINAL"}
            or not model_token(tok)
            or len(tok) > 8
        ):
            continue
        first = tok.i
        while (
            first > tok.sent.start
            and tok.i - first < 2
            and (first - 1) not in taken
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].is_title
            and doc[first - 1].ent_type_ in {"", "PRODUCT"}
            and doc[first - 1].lower_ not in _CODED_NOT_NAMES
            and doc[first - 1].lower_ not in _calendar_words()
            and not _legal(doc[first - 1])
            and not company_word(doc[first - 1])
        ):
            first -= 1
        if first == tok.i and not _goods_after(doc, tok.i + 1):
            continue
        added.append((first, tok.i + 1, "PRODUCT", _span_name(doc[first : tok.i + 1]), "ner"))
        taken.update(range(first, tok.i + 1))
    return sorted(raw + added) if added else raw


@cache
def defined_kinds() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["defined_product_nouns"]["words"])


#: Words a defined name may hold besides proper nouns: "Quell II: Rise of Ash".
_DEFINED_GLUE = {"-", ":", "of", "the", "and", "&", "'s", "!", "in"}


#: Nouns for a set of goods, named by their "of": "a line of phones", "the X series".
GOODS_SETS = frozenset({"line", "series", "family", "range"})


def goods_kind(noun: Token) -> set[str]:
    """The kind of goods a predicate noun names, alone and with the word before it
    ("media player"); for a set of goods, of its "of" ("a line of mobile devices")."""
    if noun.lemma_.lower() in GOODS_SETS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [p for p in prep.children if p.dep_ == "pobj"]
                noun = objs[0] if objs else noun
    lemma = noun.lemma_.lower()
    before = noun.doc[noun.i - 1].lower_ if noun.i > 0 else ""
    return {lemma, f"{before} {lemma}"}


def _defined_span(tok: Token) -> tuple[int, int] | None:
    """The name a definition sentence opens with, its subject ``tok``: proper nouns,
    numbers and title glue up to the subject word ("The" left out); None for a
    description, a pronoun or a name in brackets."""
    start = tok.left_edge.i
    if tok.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    if tok.pos_ == "NOUN" and tok.lower_ in GOODS_SETS:
        # "The Orlo Vanta series is a line of phones": the name before the set noun
        end = start
        while end < tok.i and tok.doc[end].pos_ in {"PROPN", "NUM"}:
            end += 1
        return (start, end) if end > start and tok.doc[start].pos_ == "PROPN" else None
    if tok.pos_ == "NOUN" and tok.is_lower and _brand_word(tok.doc[start]):
        # "Lumen imaging apps are applications ...": the brand before the common nouns
        end = start
        while end < tok.i and _brand_word(tok.doc[end]):
            end += 1
        rest = tok.doc[end : tok.i + 1]
        if all(t.is_lower and t.pos_ in {"NOUN", "ADJ"} for t in rest):
            return start, end
        return None
    end = tok.i + 1
    if all(_title_word(t) for t in tok.doc[end : tok.right_edge.i + 1]):
        end = tok.right_edge.i + 1  # "the Kestrel 400", "Rise of Ash": the name's tail
    first = start
    while first > tok.sent.start and _title_word(tok.doc[first - 1]):
        first -= 1
    if first == tok.sent.start and tok.doc[first].pos_ != "DET":
        start = first  # "Quell: Rise of Ash is ...": a title the parser cut at its colon
    span = tok.doc[start:end]
    if not 0 < len(span) <= 10 or not all(_title_word(t) for t in span):
        return None
    if not (_title_word(tok) and tok.lower_ not in _DEFINED_GLUE and span[0].text[:1].isupper()):
        return None
    if len(span) == 1 and span[0].pos_ != "PROPN":
        return None  # "Software is an app ...": one common word opening a sentence
    return start, end


def _brand_word(tok: Token) -> bool:
    """A proper noun, or a capitalized word the document also writes capitalized in mid
    sentence (the tagger may read an unknown brand opening a sentence as a common noun)."""
    if tok.pos_ == "PROPN":
        return True
    return tok.is_title and any(
        t.text == tok.text and not annotate.opens_sentence(t) for t in tok.doc if t.i != tok.i
    )


def _title_word(tok: Token) -> bool:
    """A word a title may hold: a proper noun, a number, a capitalized word the tagger
    took for a common noun ("Titanfall: Assault"), or glue ("of", ":")."""
    return (
        tok.pos_ in {"PROPN", "NUM"}
        or (tok.pos_ == "NOUN" and tok.is_title)
        or tok.lower_ in _DEFINED_GLUE
        or tok.is_space
    )


def _partitive_noun(attr: Token) -> Token:
    """The noun "one of" picks from ("X is one of two engines offered"), else ``attr``."""
    if attr.lower_ != "one":
        return attr
    for prep in attr.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objs = [p for p in prep.children if p.dep_ == "pobj"]
            return objs[0] if objs else attr
    return attr


def _defined_products(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """The subject of a definition that calls it a kind of made goods: "Quell is a 1994
    video game developed by X", "the Arrow is a jet airliner built by Y". It is a
    product, whatever NER tagged it (a place, a person, nothing); a known company or a
    name with a company word stays as it is."""
    kinds = defined_kinds()
    out = list(raw)
    for tok in doc:
        head = tok.head
        if tok.dep_ != "nsubj" or head.lemma_.lower() != "be" or head.i < tok.i:
            continue
        attrs = [_partitive_noun(c) for c in head.children if c.dep_ == "attr"]
        attrs = [c for c in attrs if c.pos_ == "NOUN"]
        if not attrs or not goods_kind(attrs[0]) & kinds:
            continue
        span = _defined_span(tok)
        if span is None:
            continue
        start, end = span
        over = [r for r in out if r[0] < end and start < r[1]]
        whole = any(r[4] == "gazetteer" and r[0] <= start and r[1] >= end for r in over)
        if (
            whole
            or any(r[2] == "PRODUCT" for r in over)
            or any(company_word(t) for t in doc[start:end])
        ):
            continue
        out = [r for r in out if r not in over]
        out.append((start, end, "PRODUCT", _span_name(doc[start:end]), "ner"))
    return sorted(out)


_LOWER_WORDS = "partnergraph.lower_words"


def lower_words(doc: Doc) -> frozenset[str]:
    """The words the document writes in lower case: a common word, where a capitalized
    one might be a coined name. Kept in ``doc.user_data``: several entity fixes ask, and
    the parse no longer changes once the stages read it."""
    words: frozenset[str] | None = doc.user_data.get(_LOWER_WORDS)
    if words is None:
        words = frozenset(t.lower_ for t in doc if t.is_lower)
        doc.user_data[_LOWER_WORDS] = words
    return words


def model_token(tok: Token) -> bool:
    """A model code written with capitals and digits: "GE9X", "LEAP-1C", "C919"."""
    return _model_text(tok.text)


@lru_cache(maxsize=16384)
def _model_text(text: str) -> bool:
    """:func:`model_token` by the word's text alone, remembered: the stages ask about
    most words of a document, several times each, and the test runs three regexes."""
    head = re.split(r"\d", text, maxsplit=1)[0]
    return (
        any(c.isupper() for c in text)
        and any(c.isdigit() for c in text)
        and not any(c.islower() for c in head)  # "Ice9" is a name, "GE9X" a code
        and _CODE.fullmatch(text) is not None
        and _NOT_CODE.fullmatch(text) is None
    )


def _model_code(tok: Token) -> bool:
    """A model code the parser read as a modifier ("its Q7 glucose monitor"): capitals
    and digits, never a year or a plain number."""
    return (
        tok.dep_ in {"compound", "nmod", "amod"}
        and any(c.isdigit() for c in tok.text)
        and tok.text[:1].isupper()
        and _MODEL_NAME.fullmatch(tok.text) is not None
    )


@cache
def _brand_goods() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["product_kind_nouns"]["brand_goods"])


@cache
def product_kinds() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["product_kind_nouns"]["words"])


@cache
def product_head_nouns() -> frozenset[str]:
    """Nouns that head a product's description ("the Zeta chip", "its cloud")."""
    return frozenset(resources.load_json("cues.json")["product_head_nouns"])


_MISSED_TAGS = {"", "GPE", "LOC", "NORP", "FAC"}
_BREAKS = {"(", ")", ",", ";", ":", "[", "]"}


def _names_part(tok: Token) -> bool:
    """A proper noun right before a company-part noun its owner's possessive governs:
    "Orlo's Zenvia unit" names the unit Zenvia."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.i == tok.i + 1
        and head.lemma_.lower() in _PART_NOUNS
        and any(c.dep_ == "poss" for c in head.children)
    )


def coined_in_date(tok: Token) -> bool:
    """A coined name NER took into a date for the time phrase after it ("a stake in
    Velmora on Friday"): no calendar word is coined."""
    return tok.ent_type_ in {"DATE", "TIME"} and _coined(tok) and not tok.is_upper


def _missed_names(
    doc: Doc, raw: list[tuple[int, int, str, str, str]]
) -> list[tuple[int, int, str, str, str]]:
    """Proper nouns NER left untagged (or took for a place) where news writes a company:
    the subject or object of a deal verb ("Velmora agreed to buy Kessel"), coordinated
    with a company ("Orlo and Velmora"), or described by a company noun ("chipmaker
    Velmora")."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    orgs = {i for r in raw if r[2] == "ORG" for i in range(r[0], r[1])}
    lower = lower_words(doc)
    # "Priya" after "Priya Raman": a person's first name is hers (a surname written alone
    # is taken, and names.canonicalize gives it the person's full name)
    people = {doc[i].text for r in raw if r[2] == "PERSON" for i in range(r[0], r[1] - 1)}
    added = []
    for tok in doc:
        if (
            tok.i in taken
            or (tok.pos_ != "PROPN" and not _initial_maker(tok, lower))
            or (tok.dep_ in {"compound", "flat"} and not _names_part(tok))
            or (tok.ent_type_ not in _MISSED_TAGS and not coined_in_date(tok))
        ):
            continue
        slot = _org_slot(tok, orgs) or _company_headed(doc, tok)
        if slot is None or (slot == "bare" and tok.text in people):
            continue
        m = slot_mention(doc, tok, EntityType.ORGANIZATION)
        if m is None and tok.pos_ == "NOUN":  # a bare company subject (_initial_maker)
            m = Mention(tok.i, tok.i + 1, tok.text, EntityType.ORGANIZATION, "ner")
        if m is None or any(i in taken for i in range(m.start, m.end)):
            continue
        span = doc[m.start : m.end]
        if (
            (slot in {"say", "bare"} and looks_like_person(span))  # "Marta Ruiz said"
            or any(t.text in _BREAKS for t in span)  # "(son of Hans) Berg"
            or any(t.lower_ in _TITLE_OPENERS for t in span[1:])  # "Orvane CEO Ana Ruiz said"
            or (span.root.lower_ in _org_nouns() and not _legal(span.root))  # "Fortune 500 Company"
            or (len(span) == 1 and m.start > 0 and doc[m.start - 1].lower_ == "the")
            or (tok.ent_type_ in {"GPE", "LOC"} and _known_place(doc, tok))
        ):
            continue  # "the Pentagon", "the Treasury": public bodies go with "the"
        added.append((m.start, m.end, "ORG", m.name, "ner"))
        taken.update(range(m.start, m.end))
        if not looks_like_person(span):  # "Orlo, Velmora and Kessa": the list goes on
            orgs.update(range(m.start, m.end))
    return sorted(raw + added) if added else raw


#: Plural nouns whose listed members are companies: "brands such as A, B and C".
_MEMBER_NOUNS = frozenset({
    "brand", "client", "customer", "competitor", "rival", "label", "studio", "chain",
    "investor", "backer", "partner", "retailer", "startup", "publication", "newspaper",
})  # fmt: skip
#: Singular nouns for a set of goods that list their members: "its portfolio includes A
#: and B", "develops software including A and B".
_GOODS_COLLECTIVES = frozenset({
    "portfolio", "lineup", "line-up", "catalogue", "catalog", "software", "merchandise",
})  # fmt: skip
_MEMBER_TAGS = {"", "GPE", "LOC", "NORP", "FAC", "PERSON", "WORK_OF_ART"}


def _list_members(first: Token) -> list[Token]:
    """The heads of a list's items: ``first`` and its conjuncts, in text order."""
    out, todo = [], [first]
    while todo:
        tok = todo.pop()
        out.append(tok)
        # "A, B, C and D" may be parsed with B set beside A
        todo += [
            c
            for c in tok.children
            if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN" and tok.pos_ == "PROPN")
        ]
    return sorted(out, key=lambda t: t.i)


def _member_type(noun: Token) -> str | None:
    """What a listing noun's members are: companies ("carmakers including ..."),
    products or works ("films such as ..."), or nothing named ("countries like ...")."""
    lemma = noun.lemma_.lower()
    if lemma in _MEMBER_NOUNS or lemma in _org_nouns():
        return "ORG"
    if lemma in _WORK_NOUNS or lemma in product_kinds() or lemma in _GOODS_COLLECTIVES:
        return "PRODUCT"
    return None


def _listed_members(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """Every member of a list a plural kind noun introduces is of that kind, whatever NER
    made of it: "brands such as Orlo, Velmora and Kessa" are companies even where NER
    read one as a place or a person and left another out; "films including Red Gate
    and Dustline" are works. A listed place ("Texas") stays, and so does a full person's
    name listed among companies (an investor); among works or goods it is a title."""
    by_start = {r[0]: k for k, r in enumerate(raw)}
    taken = {i: k for k, r in enumerate(raw) for i in range(r[0], r[1])}
    added: list[_Raw] = []
    done: set[int] = set()
    for tok in doc:
        noun = _listing_noun(tok) if tok.dep_ == "pobj" else _included_by(tok) or _colon_list(tok)
        kind = _member_type(noun) if noun is not None else None
        if kind is None or tok.i in done:
            continue
        members = _list_members(tok)
        done.update(m.i for m in members)
        if len(members) < 2:
            continue
        for m in members:
            k = taken.get(m.i)
            if k is not None:
                r = raw[k]
                # a work or a good is never a person ("games include Red Gate and Ashfall")
                if r[2] == "PERSON" and (kind == "PRODUCT" or _member_person(doc, r[0], r[1])):
                    raw[k] = (r[0], r[1], kind, r[3], r[4])
                elif kind == "PRODUCT" and _listed_title(doc, r):
                    raw[k] = (r[0], r[1], kind, r[3], r[4])  # "films such as Iron Gate"
                continue
            if m.ent_type_ not in _MEMBER_TAGS or m.ent_type_ == "PERSON":
                continue
            men = slot_mention(doc, m, TYPES[kind])
            if men is None or any(i in taken for i in range(men.start, men.end)):
                continue
            if men.start in by_start or (
                kind == "ORG" and looks_like_person(doc[men.start : men.end])
            ):
                continue  # "Paper Kings" listed among films is one
            added.append((men.start, men.end, kind, men.name, "ner"))
    return sorted(raw + added) if added else raw


#: Prepositions whose lists name places, not companies: "offices in A, B and C".
_PLACE_PREPS = frozenset({"in", "across", "at", "throughout", "near", "from", "to", "into"})


def _company_list_head(tok: Token) -> bool:
    """The first item of a list of three or more that is no list of places."""
    if tok.dep_ == "conj" or tok.pos_ != "PROPN":
        return False
    return not (tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS)


def _company_lists(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """An item NER left out of a list of companies ("partnered with Orvin, Tessel Media,
    Garo Studios and Pemba", the last read as a place): where two other items are
    companies, one of them by a company word in its name, and the list is of three or
    more, the unnamed one-word or two-word item is a company too."""
    taken = {i: k for k, r in enumerate(raw) for i in range(r[0], r[1])}
    added: list[_Raw] = []
    for tok in doc:
        if not _company_list_head(tok):
            continue
        members = _list_members(tok)
        if len(members) < 3:
            continue
        named = [raw[taken[m.i]] for m in members if m.i in taken]
        worded = [r for r in named if doc[r[1] - 1].lower_ in _org_heads() or _legal(doc[r[1] - 1])]
        if not worded or len([r for r in named if r[2] == "ORG" or r in worded]) < 2:
            continue
        for m in members:
            if m.i in taken or m.ent_type_ not in {"", "GPE", "PERSON"} or not m.is_title:
                continue
            first = m.i
            while first > 0 and doc[first - 1].head == m and doc[first - 1].dep_ == "compound":
                first -= 1
            if m.i - first > 1 or any(i in taken for i in range(first, m.i + 1)):
                continue
            if m.ent_type_ == "PERSON" and m.i > first:
                continue  # a full person's name listed among companies: an investor
            added.append((first, m.i + 1, "ORG", _span_name(doc[first : m.i + 1]), "ner"))
    return sorted(raw + added) if added else raw


def _listed_title(doc: Doc, r: _Raw) -> bool:
    """A name NER took for a company's, listed among goods or works, that holds no
    company word: a title ("films such as Iron Gate", "three products: Quillo, ...")."""
    start, end, label, _, source = r
    return (
        label == "ORG"
        and source == "ner"
        and not any(company_word(t) or _legal(t) for t in doc[start:end])
    )


def _colon_list(tok: Token) -> Token | None:
    """The plural noun a list after a colon sets out: "products" in "it has three
    products: Quillo, Velta and Orm"."""
    head = tok.head
    if tok.dep_ != "appos" or head.tag_ != "NNS" or tok.left_edge.i == 0:
        return None
    return head if tok.doc[tok.left_edge.i - 1].text == ":" else None


def _included_by(tok: Token) -> Token | None:
    """The plural subject of "include" that lists ``tok``: "clients" in "its clients
    include Orlo, Kessa and Varlo"."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() != "include":
        return None
    subjects = [
        c
        for c in tok.head.children
        if c.dep_ == "nsubj" and (c.tag_ == "NNS" or c.lemma_.lower() in _GOODS_COLLECTIVES)
    ]
    return subjects[0] if subjects else None


def _member_person(doc: Doc, start: int, end: int) -> bool:
    """A one-word "person" in a list of companies or works is one of them ("Brimmo");
    a full name ("Ana Ruiz") may be listed among companies as an investor."""
    return end - start == 1 or (start > 0 and doc[start - 1].text == "The")


#: Verbs whose subject, serving "as" a title, is a person: "Ana serves as CEO of X".
_SERVE_VERBS = {"serve", "become", "work", "act"}


def _titled_lone(doc: Doc, r: _Raw) -> _Raw:
    """A one-word name NER called a person that serves in a title stays a person with
    no full name to stand for, as bios write them: "Okafor serves as president of
    Orlo", "Brandt founded Velmora and became its chief executive" (the title marks
    the person as surely as "Mr." does, so no later step retypes it a company)."""
    start, end, label, name, source = r
    tok = doc[start]
    if end - start != 1 or label != "PERSON" or source != "ner":
        return r
    if tok.dep_ != "nsubj" or not tok.is_alpha or tok.text.isupper():
        return r
    verbs = [tok.head, *(c for c in tok.head.children if c.dep_ == "conj")]
    if any(_serves_as_title(v) for v in verbs):
        return (start, end, "PERSON", name, "titled")
    return r


def _serves_as_title(verb: Token) -> bool:
    """ "serves as president", "became chief executive": a title held "as" or as the
    complement of the verb."""
    if verb.lemma_.lower() not in _SERVE_VERBS:
        return False
    titles = _title_words()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            held = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in {"attr", "oprd", "acomp"}:
            held = [child]
        else:
            continue
        if any(h.lower_ in titles for h in held):
            return True
    return False


#: Company nouns that introduce one company's name right after them ("drugmaker X").
_NAMING_NOUNS_OUT = {"companies", "firms", "pair", "two", "partner", "parent", "buyer", "acquirer"}
_EXTRA_NAMING_NOUNS = {"fintech", "drugmaker", "brewer", "airline", "miner", "automaker", "rival"}


def _nouned_names(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A capitalized word right after a company noun names the company, whatever the
    tagger made of it ("oat-milk maker Plantly", "trucking company Mon-way", "London
    fintech Ardent Loom", "apparel maker Over Armor"): news writes a company so."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    nouns = _naming_nouns()
    added = []
    for noun in doc[:-1]:
        tok = doc[noun.i + 1]
        if (
            noun.pos_ != "NOUN"
            or not noun.is_lower
            or noun.lower_ not in nouns
            or tok.i in taken
            or not _name_start(doc, tok)
        ):
            continue
        end = _name_end(doc, tok.i)
        span = doc[tok.i : end]
        if (
            any(i in taken for i in range(tok.i, end))
            or only_titles(doc, tok.i, end)
            or span.text.lower() in resources.load_json("places.json")["not_names"]
            or (tok.ent_type_ in {"GPE", "LOC", "NORP"} and _known_place(doc, tok))
        ):
            continue
        added.append((tok.i, end, "ORG", _span_name(span), "ner"))
        taken.update(range(tok.i, end))
    return sorted(raw + added) if added else raw


#: A brand written with a small letter before an inner capital: "eQuill", "iVanta",
#: "fuzzPay", "mVaxa"; or run together from two capitalized words, "PayGrid",
#: "StreamBoxHD". No English word is written so; surnames are ("McCann", "DeLuca").
_BRAND_WORD = re.compile(r"[a-z]{1,4}[A-Z][A-Za-z0-9]*|[A-Z][a-z]{2,}[A-Z][A-Za-z0-9]*")
_SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|Di|De|Da|Du|Le|La|Van|Von|Fitz|St|Al|El|Ben)[A-Z].*")


def _brand_words(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A brand word NER missed or took for a place ("fuzzPay, the payments startup,
    raised ...", "a round in fuzzPay") names a company; where it is described as
    goods, _typed makes it a product ("the vaccine mVaxa")."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        if (
            tok.i in taken
            or tok.ent_type_ not in _MISSED_TAGS
            or _BRAND_WORD.fullmatch(tok.text) is None
            or _SURNAME_PREFIX.fullmatch(tok.text) is not None
            or _legal(tok)  # "GmbH"
            or tok.like_url
            or tok.like_email
        ):
            continue
        end = _name_end(doc, tok.i)
        if any(i in taken for i in range(tok.i, end)):
            end = tok.i + 1
        before = next((r for r in raw if r[1] == tok.i and r[2] == "ORG"), None)
        if (
            before is not None
            and doc[tok.i - 1].is_alpha
            and "\n" not in doc[tok.i - 1].whitespace_
        ):
            # "Vodafone AirTouch": the brand word ends the name before it
            raw = [r for r in raw if r is not before]
            added.append((before[0], end, before[2], _span_name(doc[before[0] : end]), "ner"))
        else:
            added.append((tok.i, end, "ORG", _span_name(doc[tok.i : end]), "ner"))
        taken.update(range(tok.i, end))
    return sorted(raw + added) if added else raw


def _after_company_noun(doc: Doc, start: int) -> bool:
    """True when a lower-case company noun stands right before the name, as its
    modifier or description ("chip supplier Velmo Precision", "startup Quillo")."""
    if start == 0:
        return False
    noun = doc[start - 1]
    return (
        noun.is_lower
        and noun.pos_ == "NOUN"
        and noun.lower_ in _naming_nouns()
        and noun.head.i >= start  # the noun modifies the name, not a word before it
    )


@cache
def _naming_nouns() -> frozenset[str]:
    """Company nouns that introduce one company's name right after them."""
    return (_org_nouns() | _EXTRA_NAMING_NOUNS) - _NAMING_NOUNS_OUT


def _name_start(doc: Doc, tok: Token) -> bool:
    if not (tok.text[:1].isupper() and tok.text[:1].isalpha()) or tok.is_sent_start:
        return False
    if tok.ent_type_ in _NOT_NAME or tok.lower_ in _title_words():
        return False
    if tok.is_stop:  # "Over Armor": a common word starts a name only before a capital
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return (
            nxt is not None
            and tok.pos_ not in {"DET", "PRON", "CCONJ"}
            and nxt.text[:1].isupper()
            and nxt.is_alpha
            and not nxt.is_stop
            and nxt.ent_type_ not in _NOT_NAME
        )
    return True


def _name_end(doc: Doc, i: int) -> int:
    """Where the name starting at ``i`` ends: further capitalized words ("Ardent
    Loom") and hyphen-glued parts ("Mon-way"), four tokens at most."""
    end = i + 1
    while end < len(doc) and end - i < 4:
        tok = doc[end]
        glued = (
            tok.text == "-"
            and not doc[end - 1].whitespace_
            and not tok.whitespace_
            and end + 1 < len(doc)
            and doc[end + 1].is_alpha
        )
        if glued:
            end += 2
        elif (
            tok.text[:1].isupper()
            and tok.is_alpha
            and tok.ent_type_ not in _NOT_NAME
            and tok.lower_ not in _title_words()
            and "\n" not in doc[end - 1].whitespace_
        ):
            end += 1
        else:
            break
    return end


_POSSESSIVE = frozenset({"'s", "’s"})
#: Words after an owned name that make it a part of the company, not its goods.
_OWNED_PARTS = frozenset({
    "unit", "division", "arm", "subsidiary", "board", "team", "office", "business", "segment",
    "operations", "group", "department", "plant", "factory", "headquarters", "campus",
})  # fmt: skip


#: Nouns for a government as a whole: "the French state", "China's government", "Italy's
#: economy ministry".
_GOVERNMENTS = frozenset({"government", "state", "ministry", "treasury"})
#: Nouns for a public body named by its place: "the city of Ostburg".
_PUBLIC_AREAS = frozenset({"city", "province", "state", "canton", "region", "municipality"})
#: Words of a sentence about holdings, where a government is named as an owner.
_HOLDING_WORDS = frozenset({
    "stake", "share", "shareholder", "investor", "invest", "investment", "own", "owner",
    "hold", "holding", "backer", "%", "percent", "inject", "capital",
})  # fmt: skip


def _public_span(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """The span naming a government or public body at its head noun ``tok``: "French
    state", "China's government", "Quebec government", "city of Ostburg"."""
    if tok.pos_ != "NOUN" or tok.dep_ in {"compound", "amod", "poss", "npadvmod", "nmod"}:
        return None
    low = tok.lower_
    if low in _GOVERNMENTS:
        mods = [
            c
            for c in tok.children
            if c.i < tok.i and c.dep_ in {"amod", "compound", "poss", "nmod"}
            and c.ent_type_ in {"NORP", "GPE"}
        ]  # fmt: skip
        if mods:
            start = min(c.left_edge.i for c in mods)
            while start < tok.i and doc[start].pos_ == "DET":
                start += 1
            return start, tok.i + 1
    if low in _PUBLIC_AREAS:
        for prep in tok.children:
            place = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"]
            if prep.i == tok.i + 1 and prep.lower_ == "of" and place:
                return tok.i, place[0].right_edge.i + 1
    return None


def _public_owners(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A government or city named where a sentence speaks of stakes and shareholders
    is an owner like any investor: "the French state, its biggest shareholder", "the
    city of Ostburg holds 14%". Such a mention (source "public") only ever invests."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for sent in doc.sents:
        if not any(t.lemma_.lower() in _HOLDING_WORDS for t in sent):
            continue
        for tok in sent:
            span = _public_span(doc, tok)
            if span is None or any(i in taken for i in range(*span)):
                continue
            added.append((span[0], span[1], "ORG", _span_name(doc[span[0] : span[1]]), "public"))
            taken.update(range(*span))
    return sorted(raw + added) if added else raw


def _possessed_names(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A proper name NER left bare right after a company's possessive is the company's
    product: "Orlo's Zenvia is on sale", "Orlo's Quillpay site". Not a person ("Orlo's
    Marta Ruiz"), a title or department ("Orlo's Chief Counsel"), or a company or unit
    ("Orlo's Beta Networks", "Orlo's Zenvia unit")."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for _, end, label, _, _ in raw:
        if label == "PRODUCT" or end + 1 >= len(doc) or doc[end].text not in _POSSESSIVE:
            continue
        k = j = end + 1
        while (
            j < len(doc)
            and j - k < 3
            and doc[j].pos_ in {"PROPN", "NOUN"}
            and (
                doc[j].ent_type_ == ""
                or (doc[j].ent_type_ == "NORP" and not _known_place(doc, doc[j]))
            )
            and doc[j].text[:1].isupper()
            and j not in taken
        ):
            j += 1
        if j == k or (j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text in _POSSESSIVE)):
            continue  # a longer name, or itself an owner ("Orlo's Zenvia's maker")
        span = doc[k:j]
        nxt = doc[j].lower_ if j < len(doc) else ""
        if (
            _department(span.text)
            or any(company_word(t) or t.lower_ in _org_nouns() for t in span)
            or nxt in _OWNED_PARTS
            or nxt in _org_nouns()
            or (looks_like_person(span) and nxt not in product_kinds())
        ):
            continue
        added.append((k, j, "PRODUCT", _span_name(span), "ner"))
        taken.update(range(k, j))
    return sorted(raw + added) if added else raw


#: Verbs whose bare subject opening a sentence is a company: "Velmora produced ...".
_MAKER_VERBS = frozenset({
    "produce", "develop", "release", "publish", "manufacture", "distribute", "design",
    "acquire", "buy", "unveil", "launch", "introduce", "debut",
})  # fmt: skip
#: Nouns for a part of a company that a copula gives its bare subject: "Velmora is a
#: wholly owned subsidiary of Orlo".
_PART_OF_COMPANY = frozenset({"subsidiary", "unit", "division", "affiliate", "arm"})


def _part_copula(verb: Token) -> bool:
    """A copula whose complement is a part of a company: "X is a subsidiary of Y"."""
    return verb.lemma_.lower() == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in _PART_OF_COMPANY for c in verb.children
    )


def _initial_maker(tok: Token, lower: frozenset[str]) -> bool:
    """A one-word name opening a sentence that the tagger read as a common noun, where
    only a company stands: the bare subject of a making or buying verb ("Velmora has
    produced 20 titles") or of "is a subsidiary of". Not a word the document writes in
    lower case, nor a plural."""
    if tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass"} and _bare_coined(tok):
        return tok.lower_ not in lower  # "Attabotics had raised ...": no word the tagger knows
    # the cheap word tests first: finding the token's sentence is what costs
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "nsubj"
        and tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.text.endswith("s")
        and annotate.opens_sentence(tok)
        and tok.lower_ not in lower
        and not any(True for _ in tok.children)
        and (tok.head.lemma_.lower() in _MAKER_VERBS or _part_copula(tok.head))
    )


#: Verbs of a company's dealings whose subject opening a sentence, one common word NER
#: left untagged, is a company: "Lantern supplies ...", "Pebble partnered with ...".
_OPENING_VERBS = _MAKER_VERBS | {
    "partner", "collaborate", "team", "work", "sign", "supply", "provide", "sell", "own",
    "operate", "merge", "invest", "compete", "license", "market", "offer", "carry", "serve",
    "create", "build", "make", "purchase", "announce", "agree", "join", "expand",
    "take", "form", "lead", "pay", "hire", "unveil",
}  # fmt: skip
#: Tags of a finite verb (or a bare past form the parser took for a participle).
_FINITE = {"VBZ", "VBD", "MD", "VBN"}
_OPENING_TAGS = {"", "GPE", "LOC", "NORP"}


def _opening_verb(doc: Doc, end: int) -> Token | None:
    """The finite verb right after a sentence's opening words, past one adverb ("Orlo
    later moved"), or None: "Velmora Health was created ..." has one, "Tax Rules" none."""
    k = end
    k = _listing_after(doc, k)  # "Velmora (VLM.O) agreed ..."
    if k < len(doc) and doc[k].tag_ == "RB" and doc[k].is_lower:
        k += 1
    if k >= len(doc) or not doc[k].is_lower or doc[k].tag_ not in _FINITE:
        return None
    return doc[k]


#: Prepositions that open a time phrase before a sentence's subject: "In 2019, ...".
_TIME_OPENERS = frozenset({"in", "on", "by", "since", "after", "during", "until", "as", "from"})


def _opening_start(doc: Doc, tok: Token) -> bool:
    """``tok`` opens a sentence or a line ("History\nVelmora Health was ..."), or its
    clause after a time phrase ("In May 2019, Velmora ...", "As of 2021, Velmora ...")."""
    if annotate.opens_sentence(tok):
        return True
    before = doc[tok.i - 1]
    if "\n" in before.text or "\n" in before.whitespace_:
        return True
    lead = doc[tok.sent.start : tok.i - 1]
    return (
        before.text == ","
        and len(lead) > 1
        and lead[0].lower_ in _TIME_OPENERS
        and before.ent_type_ != "DATE"
        and all(t.ent_type_ == "DATE" or t.lower_ in {"of", ","} for t in lead[1:])
    )


def _opening_word(tok: Token) -> bool:
    return (
        tok.text[:1].isupper()
        and (tok.is_alpha or (tok.text.isalnum() and any(c.isalpha() for c in tok.text)))
        and tok.ent_type_ in _OPENING_TAGS
    )


def _opening_span(doc: Doc, i: int, taken: set[int]) -> int:
    """Where capitalized words from ``i`` end (four at most, "&" between two), or ``i``
    when a word there is taken or tagged as no company's."""
    end = i
    while end < len(doc) and end - i < 4:
        tok = doc[end]
        if end in taken:
            return i
        if _opening_word(tok):
            end += 1
        elif tok.text == "&" and end > i and end + 1 < len(doc) and _opening_word(doc[end + 1]):
            end += 1
        else:
            break
    return end


def _opening_company(doc: Doc, start: int, end: int, verb: Token, lower: frozenset[str]) -> bool:
    """Whether the opening words before ``verb`` name a company. Two or more words NER
    left untagged do ("Quiet Harbor produces ..."; a person's name is tagged); one coined
    word does ("Velmora has offices"); one common word does when it is the subject of a
    company's dealing, the document never writes it in lower case, and a plural agrees
    with a singular verb ("Lanterns supplies"), so "Analysts expect" is no company."""
    first = doc[start]
    if _listing_after(doc, end) > end:
        return True  # a stock listing after the words: "Orlo (ORL.N) said ..."
    if (
        first.is_stop
        or first.lower_ in _title_words()
        or role_word(first)
        or _heading_word(first, plural=end - start > 1)  # one plural word alone heads no text
        or verb.lemma_.lower() in _say_verbs()
    ):
        return False
    if end - start > 1:
        words = [t for t in doc[start:end] if t.is_alpha]
        return all(not t.ent_type_ for t in doc[start:end]) and any(
            t.lower_ in annotate.common_words("noun") or t.lower_ in annotate.common_words("adj")
            for t in words
        )
    if first.ent_type_ and (not _coined(first) or _known_place(doc, first)):
        return False
    if _coined(first):
        return first.is_title or (first.is_upper and len(first) > 2)
    main = verb.head if verb.dep_ == "aux" and verb.head.i > verb.i else verb
    return (
        first.is_title
        and (_adverb_not_subject(first, main) or _plain_opening(first))
        and first.lower_ not in lower
        and main.lemma_.lower() in _OPENING_VERBS
        and (
            first.tag_ not in {"NNS", "NNPS"}
            or verb.tag_ in {"VBZ", "MD"}
            or _plural_buyer(first, main)
        )
    )


def _plain_opening(first: Token) -> bool:
    return first.pos_ != "ADV" and first.lower_ not in annotate.common_words("adv")


def _adverb_not_subject(first: Token, main: Token) -> bool:
    """An adverb opening a sentence whose finite verb has no subject is the subject the
    tagger lost: "Kindly invested $5 million in ..."."""
    return (
        first.head == main
        and (main.tag_ in {"VBD", "VBZ"} or any(c.tag_ == "MD" for c in main.children))
        and first.dep_ == "nsubj"  # made the subject by the parse repair
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in main.children if c != first)
    )


#: Verbs whose plural common-noun subject opening a sentence in the past tense is still a
#: company's one-word name ("Skyways bought ..."), unless the noun names people; verbs
#: anybody does ("agreed", "joined") only with a company's dealing after them.
_BUYING_VERBS = _OPENING_VERBS - {"announce", "agree", "expand", "join", "serve", "work"}
_PEOPLE_ENDS = ("ers", "ors", "ists", "ysts", "ants", "ents", "ives", "ials", "ies", "ians", "ees")


def _plural_buyer(first: Token, main: Token) -> bool:
    """ "Skyways bought Orvane": a plural word no document writes in lower case, subject of
    a buying verb in the past, that is no noun for people or firms ("Investors bought",
    "Banks bought")."""
    low = first.lower_
    verbs = [main, *(c for c in main.children if c.dep_ == "xcomp")]  # "agreed to buy"
    return (
        any(v.lemma_.lower() in _BUYING_VERBS for v in verbs)
        and not low.endswith(_PEOPLE_ENDS)
        and first.lemma_.lower() not in _org_nouns()
        and low not in _org_nouns()
        and not role_word(first)
    )


def _opening_owner(doc: Doc, start: int, end: int) -> bool:
    """Opening words NER left untagged that own what follows ("Quiet Harbor's first
    film ...", "Velmora's rival ..."): two or more words with a common one among them,
    or one coined word; never a person's name."""
    words = doc[start:end]
    if doc[start].is_stop or role_word(doc[start]):
        return False
    if end - start == 1:
        first = doc[start]  # NER may take a coined name for a place ("Kesto's new ...")
        return _coined(first) and first.is_title and not _known_place(doc, first)
    if any(t.ent_type_ for t in words):
        return False
    common = annotate.common_words("noun") | annotate.common_words("adj")
    return any(t.lower_ in common for t in words) and not _heading_word(doc[start], plural=True)


#: Lower-case words that open a job title written beside a person's name.
_TITLE_OPENERS = frozenset({
    "chief", "ceo", "cfo", "coo", "cto", "president", "chairman", "chairwoman", "chair",
    "founder", "co-founder", "cofounder", "managing", "vice", "executive", "director",
})  # fmt: skip
#: NER tags a name beside a title may wrongly bear ("Bo" as a place, a person's name
#: as a title of a work): a person or a company NER tagged stays as tagged.
_TITLED_TAGS = {"", "GPE", "LOC", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


#: NER tags a company's name before a title may wrongly bear ("Orvane Chief Executive Bo
#: Lind" as a work of art); a nationality stays one ("Brazilian chief executive").
_OWNER_TAGS = {"", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


def _name_run(doc: Doc, i: int, taken: set[int]) -> int:
    """Where a run of capitalized words from ``i`` ends, or ``i`` when it is no run."""
    end = i
    while (
        end < len(doc)
        and end not in taken
        and doc[end].is_title
        and doc[end].is_alpha
        and doc[end].ent_type_ in _TITLED_TAGS
    ):
        end += 1
    return end


def _title_after(doc: Doc, end: int) -> bool:
    """A job title right after a name ("Bo Tarrow chief executive", "Ana Lind, founder
    of"), not one introducing another name ("Orvane chief executive Ana Lind")."""
    k = end + 1 if end < len(doc) and doc[end].text == "," else end
    if k >= len(doc) or not doc[k].is_lower or doc[k].lower_ not in _TITLE_OPENERS:
        return False
    while k < len(doc) and doc[k].is_lower and doc[k].lower_ in _title_words():
        k += 1
    return k >= len(doc) or not doc[k].text[:1].isupper()


def _titled_surnames(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """ "chief executive Ana [Ruiz]": a surname NER took for a company, with the first name
    it left untagged taken back into the company's name, is a person's name when a job
    title comes right before it."""
    out = []
    for r in raw:
        start, end, label, name, source = r
        span = doc[start:end]
        if (
            label == "ORG"
            and source == "ner"
            and start > 0
            and not doc[start].ent_type_
            and looks_like_person(span)
            and not any(t.is_stop or role_word(t) or t.lower_ in _TITLE_MODIFIERS for t in span)
            and _titled_before(doc[start - 1])
        ):
            r = (start, end, "PERSON", name, source)
        out.append(r)
    return out


def _titled_before(before: Token) -> bool:
    return before.lower_ in _role_ends() | {"executive", "founder"} or before.text in {
        "CEO", "CFO", "COO", "CTO"
    }  # fmt: skip


def _titled_people(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A person's name NER left untagged or took for a place or a title, written beside a
    job title: "Bo Tarrow chief executive", "chief executive Bo Tarrow said". Two or
    three capitalized words with no company word among them."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.i in taken or (
            prev is not None and prev.is_title and prev.is_alpha and not role_word(prev)
        ):
            continue  # inside a longer run of capitals, unless a title ends before it
        end = _name_run(doc, tok.i, taken)
        if not 2 <= end - tok.i <= 3:
            continue  # most words start no run: no span for them (making one costs)
        span = doc[tok.i : end]
        if not looks_like_person(span) or any(
            t.is_stop or t.lower_ in _title_words() or _coined_place(t) for t in span
        ):
            continue
        titled_before = tok.i > 0 and _titled_before(doc[tok.i - 1])
        if not (titled_before or _title_after(doc, end)):
            continue
        added.append((tok.i, end, "PERSON", _span_name(span), "ner"))
        taken.update(range(tok.i, end))
    return sorted(raw + added) if added else raw


#: Words dating a title that open a sentence with a capital ("Former Orvane Corp chief
#: executive ..."): never a company name's first word.
_PAST_MODIFIERS = frozenset({"former", "outgoing", "incoming", "longtime", "then-"})
#: Words that date a job title written before it: "Orvane interim chief executive X".
_TITLE_LEADS = _PAST_MODIFIERS | {"interim", "acting", "new", "then"}
#: Capitalized words that open a title phrase without naming anyone's company.
_TITLE_MODIFIERS = frozenset({
    "former", "then", "new", "outgoing", "incoming", "longtime", "current", "late",
    "company", "firm", "corporate", "its", "their", "his", "her", "our", "the", "a", "an",
})  # fmt: skip


def _title_run_end(doc: Doc, k: int) -> int:
    """Where a lower-case job title from ``k`` ends ("co-founder and chief executive"),
    or ``k`` when none starts there. A word dating the title may lead ("interim chief
    executive", "acting chairman")."""
    first = k
    while k < len(doc) and doc[k].lower_ in _TITLE_LEADS and doc[k].is_lower:
        k += 1
    if k >= len(doc) or doc[k].lower_ not in _TITLE_OPENERS:
        return first
    # "Chief Executive", "CEO": a title written with capitals goes on in capitals; an
    # acronym ("co-founder and CEO") or a lower-case word may join either
    cased = not doc[k].is_lower
    end = k
    while (
        end < len(doc)
        and (doc[end].is_upper or doc[end].is_lower or (cased and doc[end].is_title))
        and (role_word(doc[end]) or (doc[end].lower_ == "and" and _title_opener(doc, end + 1)))
    ):
        end += 1
    return end


def _title_opener(doc: Doc, k: int) -> bool:
    return k < len(doc) and doc[k].lower_ in _TITLE_OPENERS


def _titled_owners(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A company's name NER missed right before a job title and the person holding it:
    "Orvane co-founder Ana Lind", "Pellix chief executive Bo Tarrow said". One to three
    capitalized words, no person's, title word or description, that the document never
    writes in lower case."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    people = {r[0] for r in raw if r[2] == "PERSON"}
    lower = lower_words(doc)
    added = []
    prev: Token | None = None
    for tok in doc:
        before, prev = prev, tok
        if not tok.is_title or tok.i in taken:
            continue
        if before is not None and (
            before.i in taken
            or (before.text[:1].isupper() and before.lower_ not in _PAST_MODIFIERS)
        ):
            continue  # inside a longer name ("Orvane Kessel chief executive ..."), unless a
            # dating word opens the sentence ("Former Orvane chief executive ...")
        end = tok.i
        while (
            end < len(doc)
            and end - tok.i < 3
            and end not in taken
            and doc[end].is_title
            and not (end > tok.i and doc[end].lower_ in _TITLE_OPENERS)
        ):
            end += 1  # "Orvane Chief Executive Bo Tarrow": the title is no part of the name
        words = doc[tok.i : end]
        if not words or any(
            not t.is_alpha or t.ent_type_ not in _OWNER_TAGS or t.lower_ in lower or role_word(t)
            or t.lower_ in _TITLE_MODIFIERS or t.is_stop
            for t in words
        ):  # fmt: skip
            continue
        after = _title_run_end(doc, end)
        if after > end and after in people:
            added.append((tok.i, end, "ORG", _span_name(words), "ner"))
            taken.update(range(tok.i, end))
    return sorted(raw + added) if added else raw


def _coined_place(tok: Token) -> bool:
    """A word NER took for a place that is a listed place ("Texas"): no person's name."""
    return tok.ent_type_ in {"GPE", "LOC"} and _known_place(tok.doc, tok)


def _opening_names(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A company's name opening a sentence that NER missed, the subject of the verb after
    it ("Quiet Harbor later moved to Oslo", "Pebble partnered with Orlo"): where
    reference pages and news start a sentence about the company."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    lower = lower_words(doc)
    people = {doc[i].text for r in raw if r[2] == "PERSON" for i in range(r[0], r[1])}
    added = []
    for tok in doc:
        if tok.i in taken or not _opening_word(tok) or not _opening_start(doc, tok):
            continue
        end = _opening_span(doc, tok.i, taken)
        if end == tok.i or any(t.text in people for t in doc[tok.i : end]):
            continue
        if end < len(doc) and doc[end].text in _POSSESSIVE:
            if not _opening_owner(doc, tok.i, end):
                continue
        else:
            verb = _opening_verb(doc, end)
            if verb is None or not _opening_company(doc, tok.i, end, verb, lower):
                continue
        added.append((tok.i, end, "ORG", _span_name(doc[tok.i : end]), "ner"))
        taken.update(range(tok.i, end))
    return sorted(raw + added) if added else raw


def _company_headed(doc: Doc, tok: Token) -> str | None:
    """A proper name that ends in a company word after another proper noun ("Kelvara
    Mining", "Stonebridge Metals"): a company wherever it stands."""
    before = doc[tok.i - 1] if not annotate.opens_sentence(tok) else None
    after = doc[tok.i + 1 : tok.i + 3]
    if len(after) == 2 and after[0].lower_ in {"and", "&"} and after[1].is_title:
        return None  # "Eastern Gas and Fuel Associates": the name goes on
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and tok.is_title
        and tok.lower_ in _org_heads()
    ):
        return "slot"
    return None


def _named_again(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """A company's name written again where NER saw nothing ("Velmora has offices in
    Oslo" after "Velmora agreed to buy ..."): one name, one thing in one document."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    names: dict[str, list[tuple[str, ...]]] = {}
    for start, end, label, _, source in raw:
        if label == "ORG" and source != "gazetteer" and end - start <= 6:
            words = tuple(t.text for t in doc[start:end])
            if words[0][:1].isupper() and not all(_legal(t) for t in doc[start:end]):
                names.setdefault(words[0], []).append(words)
    if not names:
        return raw
    added = []
    for tok in doc:
        forms = names.get(tok.text)
        if not forms or tok.i in taken or tok.ent_type_ in _NOT_NAME:
            continue
        for words in sorted(forms, key=len, reverse=True):
            end = tok.i + len(words)
            if end <= len(doc) and tuple(t.text for t in doc[tok.i : end]) == words:
                if not any(i in taken for i in range(tok.i, end)):
                    added.append((tok.i, end, "ORG", _span_name(doc[tok.i : end]), "ner"))
                    taken.update(range(tok.i, end))
                break
    return sorted(raw + added) if added else raw


#: Where a bare first word stands for a company named in full before it: the subject,
#: an object or a possessor, never a modifier of the next word.
_SHORT_FORM_DEPS = {"nsubj", "nsubjpass", "poss", "pobj", "dobj", "conj", "appos"}


def _short_forms(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    """The first word of a company's full name written alone later ("Zentrix differs
    from its rivals" after "Zentrix Systems is a software maker"), which the tagger read
    as a common noun at the head of a sentence. Only a word the document never writes
    in lower case, that begins a single earlier name ending in a company word."""
    taken = {i for r in raw for i in range(r[0], r[1])}
    firsts: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for start, end, label, name, _ in raw:
        head = doc[end - 1]
        if end - start < 2 or not (
            label == "ORG" or (label == "PERSON" and (head.lower_ in _org_heads() or _legal(head)))
        ):
            continue
        word = doc[start]
        if word.is_alpha and len(word) >= 3 and word.text[0].isupper() and not word.is_stop:
            firsts.setdefault(word.text, set()).add(name)
            first_at.setdefault(word.text, start)
    if not firsts:
        return raw
    lower = lower_words(doc)
    added = []
    for tok in doc:
        names = firsts.get(tok.text)
        if (
            not names
            or len(names) > 1
            or tok.i in taken
            or tok.i < first_at[tok.text]
            or tok.lower_ in lower
            or tok.lower_ in _org_first_words()
            or tok.dep_ not in _SHORT_FORM_DEPS
            or tok.tag_ in {"NNS", "NNPS"}
            or tok.ent_type_ in _NOT_NAME
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper())
            or (tok.i > tok.sent.start and doc[tok.i - 1].text[:1].isupper())
        ):
            continue  # "NBC Universal" after "Universal Pictures": a part of another name
        added.append((tok.i, tok.i + 1, "ORG", tok.text, "ner"))
    return sorted(raw + added) if added else raw


@cache
def _say_verbs() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["say_verbs"])


def _unknown_place(tok: Token) -> bool:
    """A lone word NER took for a place or a people that no list of places holds: listed
    with companies, it is one ("Orlo, Velmora and Kessa" with "Velmora" read as a town)."""
    return (
        tok.ent_type_ in {"GPE", "NORP", "LOC"}
        and tok.ent_iob_ == "B"
        and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
        and not _known_place(tok.doc, tok)
    )


def _bare_coined(tok: Token) -> bool:
    """A coined word NER left untagged, alone ("Velmora", "QVX"), no part of a longer
    name, the subject of a verb other than a say verb ("Ruiz said" is a person's): news
    names people in full first, so a lone surname after the full name is canonicalized
    to the person, and a first name is skipped (_missed_names)."""
    return (
        not tok.ent_type_
        and tok.head.lemma_.lower() not in _say_verbs()  # "Ruiz said": people speak
        and _coined(tok)
        and not any(c.dep_ in {"compound", "flat", "amod", "det", "poss"} for c in tok.children)
        and tok.lower_ not in _title_words()
        and len(tok) > 2
    )


def _org_slot(tok: Token, orgs: set[int]) -> str | None:
    """How ``tok``'s place in the parse marks it a company: "say" (subject of a verb
    people also do), "bare" (a coined word acting, unless a person the document names
    bears it), "slot" (a deal verb's argument, a company's conjunct or noun)."""
    data = resources.load_json("names.json")
    head, dep = tok.head, tok.dep_
    lemma = head.lemma_.lower()
    if _names_part(tok):
        return "slot"  # "Orlo's Zenvia unit"
    if dep == "nsubj" and head.pos_ in {"VERB", "AUX"} and lemma in data["subject_verbs"]:
        return "say"
    if dep in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"} and _bare_coined(tok):
        return "bare"  # "Velmora has offices in ...": a coined name acting is a company's
    objects = data["object_verbs"]
    if dep in {"dobj", "nsubjpass"} and lemma in objects:
        return "slot"
    if (
        dep == "pobj"
        and head.lower_ in data["object_prepositions"]
        and head.head.lemma_.lower() in objects
    ):
        return "slot"
    if dep in {"dobj", "nsubjpass"} and _founding(head):
        return "slot"  # "Ana Ruiz co-founded Velmora Labs", "Velmora was set up in 2012"
    if dep == "pobj" and head.lower_ in {"of", "at"} and head.head.lower_ in _title_words():
        return "slot"  # "chief executive officer of Velmora"
    if dep == "nsubj" and lemma == "be" and _is_a_company(head):
        return "slot"  # "Velmora is a subsidiary of Orlo", "Velmora is a clothing brand"
    if dep == "dobj" and lemma == "own" and _company_owner(head, orgs):
        return "slot"  # "Orlo owns Velmora", "the group that owns Velmora"
    if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _OF_COMPANY:
        return "slot"  # "the takeover of Velmora", "the parent of Velmora", "shares of X"
    if dep == "pobj" and head.lower_ in {"in", "into"} and _stake_owner(head.head, objects):
        return "slot"  # "its stake in Velmora", "invest $1 billion in Velmora"
    top = tok
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    listed = top.i in orgs or any(c.dep_ == "conj" and c.i in orgs for c in tok.children)
    if listed and (not tok.ent_type_ or _unknown_place(tok)):
        return "slot"  # "Orlo and Velmora", "Velmora, Orlo Motors and Kessel"
    if listed and names_part(tok.doc, tok.i, tok.i + 1):
        return "slot"  # "its Orlo and Velmora businesses", whatever NER made of Orlo
    if dep == "pobj" and head.dep_ == "agent" and lemma_of(head.head) in objects:
        return "slot"  # "Velmora was acquired by Orlo": the buyer
    if listed and top is not tok and _owned_list(top):
        return "slot"  # "the owner of Orlo Air and Velmora": a place-like name listed too
    nouns = _org_nouns()
    if dep == "appos" and (head.lemma_.lower() in nouns or head.lemma_.lower() in _TRADE_NOUNS):
        return "slot"
    if any(
        c.dep_ in {"compound", "amod", "nmod", "appos"} and c.lemma_.lower() in nouns
        for c in tok.children
    ):
        return "slot"  # "chipmaker Velmora", "Velmora, the lender"
    return None


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


def _owned_list(top: Token) -> bool:
    """The first of a list of names is what an owner or a parent noun owns: "the owner
    of A and B", "parent of A and B", or the object of "own": "X owns A and B City"."""
    prep = top.head
    if top.dep_ == "dobj" and prep.pos_ == "VERB" and prep.lemma_.lower() == "own":
        return True
    return (
        top.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lemma_.lower() in _DEAL_NOUNS - {"takeover", "acquisition", "purchase"}
    )


def _founding(verb: Token) -> bool:
    """A verb of starting a company: "founded", "co-founded", "established", "set up";
    never the noun the tagger took for one ("chief executive and co-founder Ana Lind")."""
    if verb.pos_ != "VERB" or verb.lower_.endswith(("er", "ers")):
        return False
    if resources.founding_verb(verb.lemma_.lower(), verb.lower_):
        return True
    return verb.lemma_.lower() == "set" and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
    )


#: Nouns for a company's trading partners: "its biggest client, Velmora".
_TRADE_NOUNS = {"client", "customer", "rival", "competitor"}
#: Nouns whose "of" names a company: "the takeover of X", "the parent of X".
_DEAL_NOUNS = {"takeover", "acquisition", "buyout", "parent", "owner", "purchase"}
#: Nouns whose "of" names a company: a deal's, an owner's, or its stock's.
_OF_COMPANY = _DEAL_NOUNS | {"share", "stock", "shareholder", "stockholder"}
#: Nouns whose "in" names what is owned: "a stake in X", "its holding in X".
_STAKE_NOUNS = {"stake", "holding", "holdings", "shareholding", "interest", "investment"}


def _is_a_company(verb: Token) -> bool:
    """True when a copula's complement is a company noun: "X is a subsidiary"."""
    return any(
        c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in _org_nouns() | {"brand"}
        for c in verb.children
    )


def _company_owner(verb: Token, orgs: set[int]) -> bool:
    """True when the subject of ``verb`` is a company: a company's name, or a company
    noun a relative clause hangs from ("the group that owns ...")."""
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if subj.lower_ in {"that", "which"} and verb.dep_ == "relcl":
            subj = verb.head
        if subj.i in orgs or (subj.pos_ == "NOUN" and subj.lemma_.lower() in _org_nouns()):
            return True
    return False


def _stake_owner(tok: Token, objects: list[str]) -> bool:
    """True when ``tok`` (what an "in" hangs from) marks the "in" as a company's: a
    stake noun, or a sum a deal verb puts there ("invest $1 billion in X")."""
    if tok.lemma_.lower() in _STAKE_NOUNS and tok.pos_ == "NOUN":
        return True
    return tok.ent_type_ == "MONEY" and tok.head.lemma_.lower() in objects


_BUY = {"acquire", "buy", "purchase", "absorb", "merge"}
#: Nouns for a company another one owns: what follows their "of" is a company.
_UNIT_NOUNS = {"subsidiary", "division", "unit", "affiliate", "subsidiaries", "divisions"}
_DEAL = _BUY | {"invest", "agree", "partner", "team", "sell"}


def _bought_or_led(root: Token, etype: EntityType) -> bool:
    """True when a name NER took for a person or product stands where only a company
    does: bought ("acquire Hale Pruitt"), invested in, or run ("CEO of Hale Pruitt");
    a product also as a buyer ("Lumo agreed to buy ...") or as a title's owner. A name
    listed after a bought one is bought too ("acquired Rallo and Hale Pruitt")."""
    if _listed_bought(root):
        return True
    head, dep = root.head, root.dep_
    lemma = head.lemma_.lower()
    if dep in {"dobj", "nsubjpass"} and lemma in _BUY:
        return True
    if dep in {"dobj", "nsubjpass"} and _founding(head):
        return True  # "Ana Ruiz co-founded Hale Pruitt": what is founded is a company
    if dep in {"dobj", "nsubjpass"} and lemma == "own" and etype is EntityType.PERSON:
        return True  # "Hale Pruitt is owned by X": nobody is owned
    if dep == "pobj" and head.head.i != head.i:
        verb = head.head.lemma_.lower()
        if head.lower_ == "with" and verb == "merge":
            return True
        if head.lower_ in {"of", "at"} and verb in _title_words() | {"boss"}:
            return True  # "chief executive of X", "a director at X"
        if head.lower_ == "of" and verb in _UNIT_NOUNS and head.head.pos_ == "NOUN":
            return True  # "a subsidiary of X", "a division of X": X owns companies
        if head.lower_ == "in" and verb in {"invest", "stake"}:
            return True
    if etype is not EntityType.PRODUCT:
        return False
    if dep == "nsubj" and lemma in _DEAL:
        return True
    return dep == "poss" and lemma in _title_words()  # "Lumo's founder"


def _listed_bought(root: Token) -> bool:
    """The last of two names joined by "and" or "or" after a buying verb: "acquired
    Rallo's and Pesca Bueno" bought both (a comma list may hold a place or a person)."""
    left = root.left_edge.i
    if root.dep_ != "conj" or left == 0 or root.doc[left - 1].lower_ not in {"and", "or"}:
        return False
    first = root.head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return (
        first.pos_ in {"PROPN", "NOUN"}
        and first.dep_ in {"dobj", "nsubjpass"}
        and first.head.lemma_.lower() in _BUY
    )


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
        end = named = i + 1
        # "Development Corp of America": a legal form followed by "of <Place>".
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
            stop = end + 1
            while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].text[:1].isupper():
                stop += 1
            if stop - end <= 3 and not any(k in taken for k in range(end, stop)):
                # "Inc of Toledo, Ohio": the town is no part of the name, but stays in
                # the mention's span so that no slot takes it for a company
                named = end if _city_and_state(doc, stop) else stop
                end = stop
        start = _extend_left(doc, i, taken, org_ends, joiners, phrases)
        while start < i and doc[start].lower_ in joiners:
            start += 1
        # "CEO of Tallis Bank" names the bank. A cut past the legal form itself (at the
        # "of" of "Corp of America") is no role: keep the name whole (cutting there
        # would also walk this loop backwards, forever).
        trimmed = _after_role(doc, start, end)
        start = trimmed if trimmed <= i else start
        start = min(_past_owner(doc, start, end, owners=True), i)
        if start < i:
            out.append((start, end, "ORG", _span_name(doc[start : min(named, end)]), "ner"))
            taken.update(range(start, end))
        i = start - 1
    return out


def _city_and_state(doc: Doc, i: int) -> bool:
    """ "Inc of Toledo, Ohio": the "of" phrase is where the company is, not its name."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    places = resources.load_json("places.json")
    word = doc[i + 1].lower_
    dotted = word + "." if i + 2 < len(doc) and doc[i + 2].text == "." else word
    return (
        word in places["state_abbreviations"]
        or dotted in places["state_abbreviations"]
        or (word in places["places"])
    )


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
            and not (prev.text in {"'s", "’s"} and _owner_apart(doc, i, start - 2, org_ends))
            # "Trevon Holdings' Halvorn Corp": a company's plural possessive owns the name
            and not (prev.text in {"'", "’"} and company_word(before))
        ):
            start -= 1  # "Walter-Richter Labels Inc", "Scott's Hospitality Inc"
        elif (
            prev.text[:1].isupper()
            and (prev.lower_ not in {"the", "a", "an"} or doc[start].text == "-")
            and prev.ent_type_ not in _NOT_NAME
            and prev.pos_ not in {"PUNCT", "NUM", "SYM"}
            and prev.lower_ not in _PAST_MODIFIERS
        ):
            start -= 1
            if prev.is_sent_start:
                break
        elif _lowered_first_word(doc, prev):
            start -= 1  # "golden Harvest Foods Inc said": wire copy lost the capital
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
            legal_left = (_legal(before) and prev.lower_ != "of") or (
                # "Orlo Groupe and Kessel Group": a company word ends the first name
                prev.lower_ == "and"
                and before.lower_ in _org_heads()
                and doc[start].lower_ not in _org_heads()
            )
            if phrase in phrases:
                legal_left = False  # "Grover Mining and Industrial Corp" is one name
            elif two_names and _paired_names(doc, start, i):
                two_names = False  # "Rogan and Coley Inc": two surnames, one firm
            elif prev.lower_ in _FOREIGN_AND:
                # "Sociedade de Vidros e Cristais Sarl": a foreign "and" joins no two
                # companies in English copy, whatever NER cut off on its left
                two_names = False
            apart = prev.lower_ == "and" and _sides_apart(doc, start - 2, start - 1, i + 1)
            if (start - 2) in taken or legal_left or apart or (two_names and phrase not in phrases):
                break
            start -= 1
        else:
            break
    return start


#: "And" in the languages whose legal forms close wire-copy names (Sarl, SA, GmbH, Lda).
_FOREIGN_AND = frozenset({"e", "y", "et", "und"})

#: Legal words that end a company's own name, not its kind: "Scott's Hospitality Inc".
_STRICT_LEGAL = LEGAL - {"group", "holdings", "bank", "trust", "fund", "industries", "partners",
                         "works", "association", "bancorp", "bancshares"}  # fmt: skip


def _owner_apart(doc: Doc, i: int, owner: int, org_ends: set[int]) -> bool:
    """A possessive that parts an owner from its company: NER ended a company at the
    "'s", and the name after it ends in a word for the company's kind ("Orlo's Zenvia
    Bank") or is followed by a noun for a part ("Orlo's Zenvia Holdings unit"); a legal
    form proper keeps one name ("Scott's Hospitality Inc")."""
    apart = owner + 2 < len(doc) and doc[owner + 2].ent_iob_ != "I"
    if not apart or (owner not in org_ends and doc[owner].ent_type_ not in {"ORG", "PERSON"}):
        return False  # "the National Writers' Studies Association": one name NER tagged
    part = i + 1 < len(doc) and doc[i + 1].lemma_.lower() in _PART_NOUNS
    return part or doc[i].lower_.replace(".", "") not in _STRICT_LEGAL


def _lowered_first_word(doc: Doc, tok: Token) -> bool:
    """A text's first word, a content word in lower case right before a capitalized name
    with a legal form: the name's first word, its capital lost ("golden Harvest Foods Inc
    said it agreed...")."""
    return (
        tok.i == 0
        and tok.is_alpha
        and tok.is_lower
        and not tok.is_stop
        and tok.pos_ in {"ADJ", "NOUN", "PROPN"}
    )


def _paired_names(doc: Doc, start: int, legal: int) -> bool:
    """ "Rogan and Coley Inc", "Tasker and Vine Publishers Inc": one word, "and", one
    word with company words after it, a legal form: a firm named for two people, though
    NER read the first word as a company of its own. Two companies ("Orlo and Kessel Inc")
    are told apart by the text: it writes the second word alone elsewhere, or the first
    with a legal form of its own."""
    left, right = doc[start - 2], doc[start]
    if not (left.is_alpha and right.is_alpha and left.text[:1].isupper()):
        return False
    if start >= 3 and doc[start - 3].text[:1].isupper() and doc[start - 3].is_alpha:
        return False  # "Pelham Electronics and Burke Controls Inc": a longer first name
    heads = _org_heads()
    if not all(company_word(t) for t in doc[start + 1 : legal]) or right.lower_ in heads:
        return False
    if legal < len(doc) and _sides_apart(doc, start - 2, start - 1, legal + 1):
        return False
    for tok in doc:
        if tok.i in {left.i, right.i}:
            continue
        if tok.text == right.text and (tok.i == 0 or doc[tok.i - 1].lower_ not in {"and", "&"}):
            return False
        if tok.text == left.text and tok.i + 1 < len(doc) and _legal(doc[tok.i + 1]):
            return False
    return True


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


@cache
def _opening_descriptors() -> frozenset[str]:
    return frozenset(resources.load_json("names.json")["opening_descriptors"])


def _titled_lone_all(doc: Doc, raw: list[_Raw]) -> list[_Raw]:
    return [_titled_lone(doc, r) for r in raw]


def _past_opening_descriptor(doc: Doc, r: _Raw) -> _Raw:
    """A name that took in the sentence's first word where that word only describes the
    company ("Embattled Orvane", "Fellow Norrik Labs", "Privately held Quenta"): the
    word is capitalized because it opens the sentence, not because it is a name's. A
    known name stays whole, and so does a name whose rest is only company words."""
    start, end, label, _, source = r
    if source == "gazetteer" or not annotate.opens_sentence(doc[start]) or end - start < 2:
        return r
    cut = start
    while cut < end - 1 and doc[cut].lower_ in _opening_descriptors():
        cut += 1
        if cut < end - 1 and doc[cut].is_lower and doc[cut].tag_ in {"VBN", "JJ"}:
            cut += 1  # "Privately held", "Closely watched"
    rest = doc[cut:end]
    if cut == start or not rest[0].text[:1].isupper():
        return r
    if all(t.lower_ in _org_heads() or _legal(t) for t in rest):
        return r  # "Rival Foods": the word names the company
    return (cut, end, label, _span_name(rest), source)


@cache
def _org_nouns() -> frozenset[str]:
    return frozenset(resources.load_json("cues.json")["anaphora_nouns"])


@cache
def _org_first_words() -> frozenset[str]:
    return frozenset(resources.load_json("names.json")["org_first_words"])


@cache
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
    defined = etype is EntityType.PRODUCT and _defined_product(tok)
    named_noun = tok.pos_ in {"NOUN", "X", "ADJ"} and (
        _looks_like_product(tok) or (tok.is_title and tok.text in names) or defined
    )
    if tok.pos_ != "PROPN" and not named_noun:
        return None
    numeric = tok.ent_type_ in {"DATE", "MONEY", "PERCENT", "CARDINAL", "TIME"}
    if numeric and not coined_in_date(tok):
        return None
    possessor = tok.dep_ == "poss" and tok.ent_type_ == "NORP"  # "Rivian's partnership"
    if (
        tok.ent_type_ in {"GPE", "LOC", "NORP"}
        and etype is not EntityType.PERSON
        and not possessor
        and ((tok.pos_ != "PROPN" and not defined) or _known_place(doc, tok))
    ):
        return None  # a place; but "Marta Ruiz" tagged GPE may still be a founder, and
        # "Kering" or "Rivian" tagged as places are companies the model has not seen
    start = end = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "nmod"} and (
            child.pos_ == "PROPN"
            or _looks_like_product(child)
            # "Tarrow Devices" opening a sentence, the coined word read as a common noun
            or (etype is EntityType.ORGANIZATION and child.dep_ == "compound" and _coined(child))
        ):
            start = min(start, child.left_edge.i if child.dep_ == "compound" else child.i)
    for child in tok.rights:
        if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN":
            end = max(end, child.i)
        elif _model_number(tok, child, etype):
            end = max(end, child.i)  # "the Kestrel 200": a model number ends the name
    start, stop = _trim(doc, start, end + 1)
    start = _past_address(doc, start, stop) if etype is EntityType.PERSON else start
    if start >= stop or doc[start].is_lower:
        return None
    label = "PERSON" if etype is EntityType.PERSON else "ORG"
    if etype is not EntityType.PRODUCT and _indefinite(doc, start, stop, label):
        return None  # "founded by an Avid Reader": a kind of person, no name
    name = _span_name(doc[start:stop])
    if len(name) < 2 or all(_legal(t) for t in doc[start:stop]) or only_titles(doc, start, stop):
        return None
    if etype is EntityType.ORGANIZATION and _department(name):
        return None  # "Vice President of Engineering"
    if _dateline(doc, start, stop):
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
    if end > start and doc[end].lower_ in places["place_heads"]:
        return True  # "Marlow County": a place by its last word
    # "Englewood, Colo., homebuilder X": a town named with its state
    after = doc[end + 1 : end + 3]
    states = places["state_abbreviations"]
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].lower_ in states:
        return True
    # "the Culver City, California, maker of X": a town named with its state or country
    k = end + 2
    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
        k += 1
    region = doc[end + 2 : k + 1]
    # "the Boise, Idaho-based maker of X": the region begins a "-based" description
    based = k + 2 < len(doc) and doc[k + 1].text in {"-", "–"} and doc[k + 2].lower_ == "based"
    return (
        after[1].ent_type_ == "GPE"
        and region.text.lower() in known
        and k + 1 < len(doc)
        and (doc[k + 1].text == "," or based)
    )


@cache
def places_and_nationalities() -> frozenset[str]:
    """The listed places and nationalities of ``places.json``, in lower case."""
    data = resources.load_json("places.json")
    return frozenset(data["places"]) | frozenset(data["nationalities"])


@cache
def _place_set() -> frozenset[str]:
    abbreviations = resources.load_json("places.json")["state_abbreviations"]
    return places_and_nationalities() | frozenset(abbreviations)


def _model_number(tok: Token, child: Token, etype: EntityType) -> bool:
    """A number written right after a product's name, as part of it ("Kestrel 200")."""
    return (
        etype is EntityType.PRODUCT
        and child.i == tok.i + 1
        and child.dep_ in {"nummod", "appos", "npadvmod"}
        and child.text.isdigit()
        and len(child.text) != 4
        and tok.pos_ == "PROPN"
    )


def _defined_product(tok: Token) -> bool:
    """A capitalized word opening a definition of a product: "Skyhopper is a video game
    developed by X", "Norvexa is a drug ...". The parser reads the unknown word as a
    common noun; a definition's subject is the name of what it defines."""
    if not tok.is_title or tok.dep_ != "nsubj" or tok.head.lemma_ != "be":
        return False
    first = tok.sent.start
    if tok.i - first > 1 or (tok.i > first and tok.doc[first].lower_ != "the"):
        return False
    kinds = _product_kinds()
    return any(
        c.dep_ == "attr" and c.i > tok.i and c.lemma_.lower() in kinds for c in tok.head.children
    )


@cache
def _product_kinds() -> frozenset[str]:
    cues = resources.load_json("cues.json")
    return frozenset(
        cues["product_anaphora_nouns"]
        + cues["product_head_nouns"]
        + cues["product_kind_nouns"]["words"]
        + ["medication", "application", "aircraft", "weapon", "rifle", "pistol", "missile"]
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
