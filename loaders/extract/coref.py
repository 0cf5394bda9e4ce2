"""In-document reference: mentions by token, and what "it", "its", "the company",
"the two carmakers" or "the model" stand for.

:class:`DocIndex` is the base of the relation stage's ``Context``: it holds the
document's mentions (and those made up for proper nouns NER missed) and
resolves anaphors to the salient earlier entity: the subject of the verb that
governs the pronoun ("X said it would..."), else the last subject of the right
type, else the last mention.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from graph.model import EntityType
from loaders.extract import resources
from loaders.extract.entities import (
    looks_like_person,
    places_and_nationalities,
    role_word,
    slot_mention,
)
from loaders.extract.names import org_full, org_key, person_full, same_org
from loaders.extract.types import Mention

ORG, PERSON, PRODUCT = EntityType.ORGANIZATION, EntityType.PERSON, EntityType.PRODUCT
SUBJ = {"nsubj", "nsubjpass", "csubj"}
_SUBJ = SUBJ
#: How many more mentions the topic needs than the nearest company to win "the company".
_TOPIC_MARGIN = 2
#: Collective nouns written after a name ("the X group") that later stand for it.
_NAMED_GROUPS = frozenset({"group", "consortium", "syndicate", "partnership", "fund"})
#: What a company's buying verb is, and the words for the company it makes by buying.
#: Verbs of buying a company.
BUYING = frozenset({"buy", "acquire", "purchase"})
_ENLARGED = {"combined", "enlarged"}
#: Verbs and nouns of buying or funding a company: the company after them is the target.
_DEAL_VERBS = BUYING | {"invest"}
#: Nouns of buying a company: "the takeover of Y" names the company bought.
TAKEOVER_NOUNS = frozenset({"acquisition", "purchase", "takeover", "buyout"})
_DEAL_NOUNS = TAKEOVER_NOUNS | {"investment"}
#: Verbs whose passive with "by" names a company's founders.
_FOUNDING = frozenset({"found", "co-found", "cofound", "start", "establish", "set"})
_MERGING = {"merge", "combine"}
#: Nouns of a merger: "after X completed its combination with Y".
_MERGER_NOUNS = frozenset({"merger", "combination"})
#: Verbs of making a company out of a merger: "combine to form Z".
_FORMING = frozenset({"form", "create"})
#: Description nouns any company is: they single no company out by kind.
GENERIC_KINDS = frozenset(
    {
        "company",
        "firm",
        "business",
        "concern",
        "corporation",
        "giant",
        "parent",
        "unit",
        "subsidiary",
        "division",
        "affiliate",
        "buyer",
        "acquirer",
        "partner",
        "pair",
        "two",
        "holding",
        "platform",
        "station",
        "channel",
    }
)


#: Nouns only a company is called by: a name they describe ("X, a Gulf carrier") is a
#: company, whatever type the name model gave it.
_COMPANY_ONLY = frozenset(
    {
        "company", "firm", "startup", "start-up", "corporation", "conglomerate", "carmaker",
        "automaker", "chipmaker", "drugmaker", "steelmaker", "airline", "carrier", "lender",
        "bank", "insurer", "retailer", "utility", "broadcaster", "supermarket", "grocer",
        "fintech", "biotech", "insurtech", "manufacturer", "supplier", "distributor", "group",
    }
)  # fmt: skip
#: Nouns for a company of any kind, which its modifiers may make one kind: "a mining group".
_ANY_KIND = GENERIC_KINDS | _NAMED_GROUPS | {"conglomerate"}
#: Company nouns a company's own page writes capitalized for itself ("the Company").
_SELF_NOUNS = frozenset({"company", "firm", "corporation", "bank"})


class DocIndex:
    """One document's parse and mentions, with anaphora resolution."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        cues = resources.load_json("cues.json")
        self.doc = doc
        self.mentions = mentions
        self.at: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.at.setdefault(i, m)
        self.extra: list[Mention] = []
        self._topics: dict[int, Mention | None] = {}
        #: Sentences (by start) whose main subject is a list of names: "X and Y said".
        self.listed_topics: dict[int, list[Mention]] = {}
        self._skip = -1
        #: The verb of a described name's phrase while its slots are filled (``Context``).
        self._asker = -1
        self.org_pron = set(cues["org_pronouns"])
        self.person_pron = set(cues["person_pronouns"])
        self.plural_pron = set(cues["plural_pronouns"])
        self.anaphora_nouns = set(cues["anaphora_nouns"])
        self.singular_kinds = set(cues["singular_kind_nouns"]["words"])
        # "the combined company" after a merger is the company the deal makes: no
        # earlier name stands for it.
        self.new_entity = set(cues["new_entity_modifiers"])
        # Last words of role phrases ("executive", "chairman"): "X, chief executive of B".
        self.role_ends = {
            k.split()[-1] for k in resources.load_json("relations.json")["roles"] if k[0] != "_"
        }
        relations = resources.load_json("relations.json")
        self.partitives = set(relations["partitives"])
        self.receiving = set(relations["receiving_verbs"])
        self.business_parts = set(relations["business_parts"])
        self.bidding = set(relations["bidding_verbs"])
        self.succession = set(relations["succession"])
        self.investor_words = frozenset(relations["investor_words"]["words"])
        self.deal_nouns = set(cues["deal_nouns"])
        self.say_verbs = set(cues["say_verbs"])
        self.non_parties = tuple(cues["non_party_words"])
        self.non_party_names = frozenset(cues["non_party_names"])
        self.state_investors = tuple(cues["investing_state_words"]["words"])
        self.offer_answers = frozenset(cues["offer_answer_verbs"])
        self.offer_nouns = frozenset(cues["offer_nouns"])
        self.product_nouns = set(cues["product_anaphora_nouns"])
        # "X, a carmaker ... the automaker", "Selby Insurance ... the insurer"
        self.kind_words: dict[str, set[str]] = {}
        for group in cues["kind_synonyms"]["groups"]:
            for word in group:
                self.kind_words.setdefault(word, {word}).update(group)
        self.name_kinds = {k: set(v) for k, v in cues["name_word_kinds"].items() if k[0] != "_"}
        self.product_heads = self.product_nouns | set(cues["product_head_nouns"])
        # Words the document capitalizes mid-sentence: names, even where tagged as nouns.
        self.names = frozenset(
            t.text for t in doc if t.is_title and not t.is_sent_start and t.pos_ == "PROPN"
        )
        # A name NER missed as a subject ("Quillfeather will then operate as a unit")
        # is still a salient antecedent when the document writes it as a name elsewhere.
        for tok in doc:
            if (
                tok.dep_ in _SUBJ
                and tok.i not in self.at
                and (
                    tok.text in self.names
                    # "Rivian reported ...": a subject name the model took for a place or
                    # nationality (slot_mention keeps listed places out)
                    or (tok.pos_ == "PROPN" and tok.ent_type_ in {"GPE", "LOC", "NORP"})
                )
                and not any(c.dep_ in {"compound", "flat"} for c in tok.children)
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ in {"compound", "flat"})
                and not any(ch.isdigit() for ch in tok.text)
            ):
                self._made_up(tok, frozenset({ORG}))  # one word only: "Quillfeather"
        self._described_names()
        self.sex = self._sex_of_people(cues["kinship_nouns"])
        self.she, self.he = set(cues["she_pronouns"]), set(cues["he_pronouns"])
        # Mentions that are grammatical subjects, in text order: the salient antecedents.
        self.subjects = sorted(
            (m for m in [*mentions, *self.extra] if self._root(m).dep_ in _SUBJ),
            key=lambda m: m.start,
        )

    def _described_names(self) -> None:
        """A name the text describes as a company ("Qarim Air, the Gulf carrier", "Lumo,
        a payments startup") is a company antecedent: made up where NER missed it, a
        company where NER took it for a person."""
        for desc in self.doc:
            name = desc.head
            appos = desc.dep_ == "appos" and name.pos_ == "PROPN" and name.i < desc.i
            if appos and _company_description(desc):
                self._company_at(name)
        for verb in self.doc:
            if merger_forms(verb):
                for made in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"):
                    self._company_at(made)  # "X and Y combine to form Z": Z is a company
        #: "The combined company, Z", "a new company called Z": the new company's name
        self.new_names: dict[int, int] = {}
        for desc in self.doc:
            new_name = self._new_company_name(desc)
            if new_name is not None:
                self._company_at(new_name)
                self.new_names[desc.i] = new_name.i

    def _new_company_name(self, noun: Token) -> Token | None:
        """The name the text gives a company a deal makes: "the combined company, Z",
        "a new company called Z", "the merged group will be called Z"."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.anaphora_nouns:
            return None
        if not any(
            c.dep_ == "amod" and c.lower_ in self.new_entity | _ENLARGED for c in noun.children
        ):
            return None
        names = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        calls = [c for c in noun.children if c.dep_ == "acl" and c.lemma_ in {"call", "name"}]
        if noun.dep_ == "nsubjpass" and noun.head.lemma_ in {"call", "name"}:
            calls.append(noun.head)
        after = noun.i + 2 < len(self.doc) and self.doc[noun.i + 1].text == ","
        if after and self.doc[noun.i + 2].lower_ == "to":
            # "the combined company, to be called Z" (hung on the clause's verb)
            calls += [v for v in self.doc[noun.i + 2 : noun.i + 5] if v.lemma_ in {"call", "name"}]
        names += [o for v in calls for o in v.children if o.dep_ == "oprd" and o.pos_ == "PROPN"]
        return names[0] if names else None

    def _company_at(self, name: Token) -> None:
        """Make the name at ``name`` a company: made up where NER missed it, retyped
        where NER read it as a person's."""
        m = self.at.get(name.i)
        if m is None:
            self._made_up(name, frozenset({ORG}))
        elif m.type is PERSON and self._root(m).i == name.i:
            org = replace(m, type=ORG)
            self.mentions[self.mentions.index(m)] = org
            for i in range(m.start, m.end):
                self.at[i] = org

    def _sex_of_people(self, kin: dict[str, list[str]]) -> dict[str, str]:
        """People the text names beside a kinship noun: "her father, X" is male."""
        words = {w: sex for sex in ("male", "female") for w in kin[sex]}
        out: dict[str, str] = {}
        for tok in self.doc:
            sex = words.get(tok.lemma_.lower())
            if sex is None:
                continue
            named = [c for c in tok.children if c.dep_ == "appos"]
            named += [tok.head] if tok.dep_ == "appos" else []
            for other in named:
                m = self.at.get(other.i)
                if m is not None and m.type is PERSON:
                    out.setdefault(m.name, sex)
        return out

    def _agrees(self, m: Mention, pronoun: str) -> bool:
        """False when the text says the person is of the other sex than the pronoun."""
        sex = self.sex.get(m.name)
        return not (
            (pronoun in self.she and sex == "male") or (pronoun in self.he and sex == "female")
        )

    def _by_position(self) -> list[Mention]:
        # Mentions made up on demand join the list late: order them by place in the text.
        return sorted([*self.mentions, *self.extra], key=lambda m: m.start)

    def _root(self, m: Mention) -> Token:
        span = self.doc[m.start : m.end]
        return span.root

    def _made_up(self, tok: Token, want: frozenset[EntityType]) -> Mention | None:
        etype = PRODUCT if PRODUCT in want and (ORG not in want or not tok.is_title) else ORG
        if PERSON in want:
            # "Marta Ruiz" missed by NER: two or three capitalized words, no company word.
            span = slot_mention(self.doc, tok, PERSON, self.names)
            if span is not None and (
                looks_like_person(self.doc[span.start : span.end]) or self._named_person(span)
            ):
                etype = PERSON
            elif ORG not in want:
                return None
        elif etype is ORG and self._named_person_at(tok):
            return None  # "Shantaram" after "V. Shantaram": the person, never a company
        if etype not in want:
            return None
        m = slot_mention(self.doc, tok, etype, self.names)
        if m is not None and not any(i in self.at for i in range(m.start, m.end)):
            if etype is PERSON:  # "Aldino" after "Frank Aldino" is written in full
                people = [p.name for p in self.mentions if p.type is PERSON and " " in p.name]
                full = person_full(m.name, people)
                if full:
                    m = Mention(m.start, m.end, full, etype, m.source)
            if etype is ORG:
                known = [(org_key(o.name), o.name) for o in self.mentions if o.type is ORG]
                full = org_full(m.name, known)
                if full:
                    m = Mention(m.start, m.end, full, etype, m.source)
            self.extra.append(m)
            for i in range(m.start, m.end):
                self.at[i] = m
            return m
        return None

    def _named_person_at(self, tok: Token) -> bool:
        """True when ``tok`` is one word of a person's name the document gives in full."""
        span = slot_mention(self.doc, tok, PERSON, self.names)
        return span is not None and self._named_person(span)

    def _named_person(self, span: Mention) -> bool:
        """One word of a person's name the document gives in full: a bio's "Anya" or
        "Lindqvist" after "Anya Lindqvist" (never a word of a company's name)."""
        if span.end - span.start != 1:
            return False
        word = self.doc[span.start].text
        if any(m.type is ORG and word in m.name.split() for m in self.mentions):
            return False
        return any(m.type is PERSON and word in m.name.split()[:1] + m.name.split()[-1:]
                   for m in self.mentions)  # fmt: skip

    def name_for(self, tok: Token, want: frozenset[EntityType]) -> Mention | None:
        """A mention made up for a proper noun NER missed, if it looks like a name."""
        return self._made_up(tok, want)

    def is_anaphor(self, tok: Token) -> bool:
        """True for "it", "they", "the company", "the model" and the like."""
        low = tok.lower_
        if low in self.org_pron or low in self.person_pron or low in self.plural_pron:
            return True
        if _person_description(tok):
            return True
        lemma = tok.lemma_.lower()
        # "The Company's chairman": company pages capitalize the noun for themselves.
        capitalized = tok.pos_ == "PROPN" and tok.is_title and tok.i not in self.at
        if (tok.pos_ != "NOUN" and not (capitalized and low in _SELF_NOUNS)) or (
            lemma not in self.anaphora_nouns
            and lemma not in self.product_nouns
            and not (lemma in self.singular_kinds and tok.tag_ == "NN")
        ):
            return False
        dets = [c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}]
        # "the utility group Skarvik Energi" names its company: not an anaphor.
        has_name = any(
            (
                c.dep_ in {"compound", "appos", "flat"}
                and c.pos_ == "PROPN"
                and not (c.dep_ == "compound" and _is_place(c) and tok.dep_ != "appos")
            )
            or (c.i in self.at and not (_is_place(c) and tok.dep_ != "appos"))
            for c in tok.children
        ) or (tok.i + 1 < len(self.doc) and tok.i + 1 in self.at)
        if any(c.dep_ == "amod" and c.lower_ in self.new_entity for c in tok.children):
            formed = not has_name and (
                tok.i in self.new_names  # "the combined company, to be called Z"
                or self._formed_before(tok) is not None
                or self._named_new(tok) is not None
                or self._listed_after_merger(tok) is not None
            )
            return formed or self._buyer_before(tok) is not None
        return bool(dets) and dets[0] in {"the", "this", "that", "these", "both"} and not has_name

    def refer(self, tok: Token) -> list[Mention]:
        """What a pronoun or a definite description ("the company") refers to, where clear."""
        if _person_description(tok):
            return self._described_person(tok)  # "the Qatari banker"
        found = [m for m in self._refer(tok) if not self._in_participle_of(m, tok)]
        if len(found) == 1 and self._founded_passive(tok):
            # "X agreed to buy Y. The company was founded in 2011 by ...": the history
            # after a deal is the bought company's, not the buyer's
            target = self._deal_target_before(tok, found[0])
            if target is not None:
                return [target]
        if not found and self._founded_passive(tok):
            found = self._listed_target(tok)
        if tok.lower_ in self.person_pron and len(found) == 1:
            found = self._over_lone_subject(tok, found)
            if found[0].type is PERSON:
                titled = self._titled_first_name(tok, found[0])
                if titled is not None:
                    return [titled]
            return found
        if found or tok.lower_ not in self.person_pron:
            return found
        # "A native of Lund, Gruber studied law. He founded X": a bio may name its person
        # by one word only, which the names stage took for a company (as a subject)
        lone = self._lone_people(tok)
        if lone and tok.i - lone[-1].start < 400 and self._agrees(lone[-1], tok.lower_):
            return [replace(lone[-1], type=PERSON)]
        # "Ella Brandt runs Norvik, the company she founded": a person's full name NER
        # took for a company, the subject of the pronoun's own sentence
        named = [
            m
            for m in self._by_position()
            if m.type is ORG
            and m.source == "ner"
            and m.end <= tok.i
            and tok.sent.start <= m.start
            and self._root(m).dep_ in _SUBJ
            and looks_like_person(self.doc[m.start : m.end])
        ]
        if len(named) == 1:
            return [replace(named[0], type=PERSON)]
        return []

    def _lone_people(self, tok: Token) -> list[Mention]:
        """One-word subjects before ``tok`` that stand for a person the names stage took
        for a company: a lone name NER called a person, or one the text shows is a
        person ("Grell, once the finance chief of X, ..."; "Brannar finished
        his doctorate")."""
        return [
            m
            for m in self._by_position()
            if m.end <= tok.i
            and self._root(m).dep_ in _SUBJ
            and (m.lone_person or (m.type is ORG and self._shown_person(m)))
        ]

    def _shown_person(self, m: Mention) -> bool:
        """A one-word company name the sentence shows is a person's: the subject of its
        main clause, which owns "his" or "her" before any person's name, or with a role
        set beside it."""
        root = self._root(m)
        if m.end - m.start != 1 or m.source != "ner" or not root.is_title or _aside(root):
            return False  # "the house which Bell built for his family": no main subject
        if any(c.dep_ == "appos" and c.lower_ in self.role_ends for c in root.children):
            return True
        verb = root.head
        for t in self.doc[m.end : root.sent.end]:
            if t.i in self.at and self.at[t.i].type is PERSON:
                return False
            if t.lower_ in {"his", "her"} and t.dep_ == "poss" and verb in t.ancestors:
                return True
        return False

    def _over_lone_subject(self, tok: Token, found: list[Mention]) -> list[Mention]:
        """ "Grell succeeded Ana Pirez as chief executive. He co-founded X": a person the
        sentence before names only as an object gives way to a one-word subject before
        it that the text shows is a person."""
        m = found[0]
        if m.type is not PERSON or self._root(m).dep_ in _SUBJ:
            return found
        lone = [
            p
            for p in self._lone_people(tok)
            if p.start < m.start and m.start - p.start < 60 and self._shown_person(p)
        ]  # (a lone name NER called a person may be a company: "Brintco fired A")
        if lone and self._agrees(lone[-1], tok.lower_):
            return [replace(lone[-1], type=PERSON)]
        return found

    def _described_person(self, tok: Token) -> list[Mention]:
        """ "A dropped a bid for X. The banker, who chairs Y, had offered $5 billion": the
        person a description of one stands for, the one person subject of the sentence
        before (or of the description's own sentence, before it)."""
        start = _previous_sentence_start(tok.sent)
        people = {
            m.name: m
            for m in self.subjects
            if m.type is PERSON and start <= m.start and m.end <= tok.i
        }
        return list(people.values()) if len(people) == 1 else []

    def _titled_first_name(self, tok: Token, other: Mention) -> Mention | None:
        """ "Anya, previously X's chief operating officer, succeeded Ana Ruiz as CEO. She
        ...": the subject of the sentence before, named by a first name alone that NER
        took for a company but that a job title describes, over a person named later in
        that sentence."""
        sent = self.sentence_before(tok.sent.start)
        if sent is None or tok.dep_ not in _SUBJ or not sent.start <= other.start < sent.end:
            return None
        for m in self._by_position():
            if not sent.start <= m.start < sent.end or m.start >= other.start:
                continue
            root = self._root(m)
            word = self.doc[m.start]
            if (
                m.type is ORG
                and m.source == "ner"
                and m.end - m.start == 1
                and word.is_title
                and word.is_alpha
                and root.dep_ in _SUBJ
                and root.head == sent.root
                and self._described_by_title(root)
            ):
                return replace(m, type=PERSON)
        return None

    def _described_by_title(self, root: Token) -> bool:
        """A job title stands beside the word: its appositive, or the complement of its
        "be" ("Anya, previously X's chief operating officer,", "Anya was president")."""
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.head.lemma_ == "be":
            nouns += [c for c in root.head.children if c.dep_ == "attr"]
        return any(role_word(n) for n in nouns)

    def _listed_target(self, tok: Token) -> list[Mention]:
        """ "X and Y dropped X's purchase of Y. The company was founded by ...": after a
        sentence about two companies, the one of them the other was buying."""
        sent = self.sentence_before(tok.sent.start)
        listed = self.listed_topics.get(sent.start, []) if sent is not None else []
        targets: dict[str, Mention] = {}
        for m in listed:
            t = self._deal_target_before(tok, m)
            if t is not None and any(same_org(t.name, o.name) for o in listed):
                targets[org_key(t.name)] = t
        return list(targets.values()) if len(targets) == 1 else []

    def _in_participle_of(self, m: Mention, tok: Token) -> bool:
        """The name sits in a participle describing the description itself: "the
        Nasdaq-listed company", "the X-backed startup" are neither Nasdaq nor X."""
        root = self._root(m)
        verb = root.head
        return (
            root.dep_ in {"npadvmod", "compound", "nmod"}
            and verb.tag_ in {"VBN", "VBD"}
            and verb.dep_ == "amod"
            and verb.head.i == tok.i
        )

    def _refer(self, tok: Token) -> list[Mention]:
        low = tok.lower_
        plural = low in self.plural_pron or tok.tag_ in {"NNS", "NNPS"}
        if plural:
            return self._group_before(tok) or self._reporting_org(tok)
        etype = PERSON if low in self.person_pron else ORG
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.product_nouns:
            etype = PRODUCT
        first = self._first_conjunct(tok, etype)
        if first is not None:
            return first
        buyer = self._named_new(tok) or self._buyer_before(tok) or self._formed_before(tok)
        buyer = buyer or self._listed_after_merger(tok)
        if buyer is not None:
            return [buyer]
        if tok.pos_ == "NOUN" and etype is ORG:
            held = self._held_company(tok)
            if held is not None:
                return [held]
        if (
            tok.pos_ == "NOUN"
            or (tok.dep_ in {"dobj", "pobj"} and etype is ORG)
            or (tok.dep_ == "dobj" and etype is PERSON)
            # "X is its largest shareholder": the owner named by the predicate is not X
            or (tok.dep_ == "poss" and tok.head.dep_ == "attr" and etype is ORG)
        ):
            # "X led a round in the startup", "Y, which spun it off", "Y will replace
            # her": an object or a description is not the subject of its own clause.
            own = self._clause_subject(tok)
            governing = []
        else:
            own = None
            governing = [
                m
                for m in self._governing_subject(tok, etype)
                if self.party(m) and self._agrees(m, low)
            ]
        if governing:
            return governing
        named = self._named_with(tok) if tok.pos_ == "NOUN" else None
        if named is not None:
            return [named]
        unit = self._described_unit(tok)
        if unit is not None:
            return [unit]
        by_kind = self._kind_or_centered(tok, own, etype)
        if by_kind is not None:
            return by_kind
        if tok.dep_ not in _SUBJ and tok.pos_ == "NOUN" and own is not None:
            # "X agreed to buy Y from Z. X already holds 10% of the company": in the
            # buyer's own clause, the company it bought just before
            bought = self._deal_target_before(tok, own)
            if bought is not None and self.fits_kind(bought, tok):
                return [bought]
        if tok.dep_ not in _SUBJ and (tok.pos_ == "NOUN" or own is not None):
            # A description as an object ("supply the startup with chips") is the most
            # recent other company; as a subject it continues the topic (below).
            recent = self._recent_other(tok, own, etype)
            if recent is not None:
                return recent
        for m in reversed(self.subjects):
            if m is own or not self._agrees(m, low) or not self.fits_kind(m, tok):
                continue  # the source of an attribution is no antecedent either (below)
            if (
                m.end <= tok.i
                and m.type is etype
                and tok.i - m.start < 400
                and self.party(m)
                and not self.attributes_before(m, tok.sent.start)
            ):
                return [self._topic_over(m, tok, own)] if tok.pos_ == "NOUN" else [m]
        near = [
            m
            for m in self._by_position()
            if m.end <= tok.i
            and m.type is etype
            and tok.i - m.start < 120
            and self.party(m)
            and self.fits_kind(m, tok)
        ]
        if etype is PRODUCT and len({m.name for m in near}) > 1:
            return []  # "rival A and B. The jet ...": no product is the topic, none is clear
        for m in reversed(near):
            if self._agrees(m, low):
                return [m]
        return []

    def _recent_other(
        self, tok: Token, own: Mention | None, etype: EntityType
    ) -> list[Mention] | None:
        """The most recent company other than the clause's own subject that a
        description or pronoun in object position stands for (the topic where it
        outweighs that company); nothing when it is far or listed with another that
        fits as well; None when no company comes before."""
        for m in reversed(self._by_position()):
            if (
                m.end <= tok.i
                and m.type is etype
                and m is not own
                and not (own is not None and same_org(m.name, own.name))
                and not (own is not None and tok.pos_ == "PRON" and self._coordinated(m, own))
                and self.party(m)
                and self.fits_kind(m, tok)
                and not self.attributes_before(m, tok.sent.start)
            ):  # "Google Cloud's customer ... Google invested in the startup": not Google's
                if tok.i - m.start >= 120:
                    return []
                if tok.pos_ != "NOUN":
                    return [m]
                topic = self._topic_over(m, tok, own)
                return [] if topic is m and self._listed_alike(m, tok, own) else [topic]
        return None

    def _kind_or_centered(
        self, tok: Token, own: Mention | None, etype: EntityType
    ) -> list[Mention] | None:
        """What the description's kind says (:meth:`_by_kind`), else what centering
        says (:meth:`_centered`); None when neither decides."""
        by_kind = self._by_kind(tok, own)
        if by_kind:
            return by_kind
        centered = self._centered(tok, own) if etype is ORG else None
        if centered == [] and by_kind is None:
            return []
        # a kind several companies fit ("the lender" after two banks) is the centered one
        # only where the text called it that kind and the others stand aside
        if centered and (by_kind is None or self._kind_aside(centered[0], tok)):
            return centered
        return by_kind

    def _founded_passive(self, tok: Token) -> bool:
        """ "The company was founded (started, set up) by ...": a description as the
        passive subject of a founding verb with its founders named."""
        verb = tok.head
        if tok.pos_ != "NOUN" or tok.dep_ != "nsubjpass" or verb.lemma_.lower() not in _FOUNDING:
            return False
        if verb.lemma_.lower() == "set" and not any(c.lower_ == "up" for c in verb.children):
            return False
        return any(c.dep_ == "agent" for c in verb.children)

    def _deal_target_before(self, tok: Token, doer: Mention) -> Mention | None:
        """The company ``doer`` bought or invested in, in the two sentences before
        ``tok``'s ("X agreed to buy Y", "X invested $5 million in Y", "X's purchase of
        Y"); None when ``doer`` made no such deal there."""
        start = tok.sent.start
        if start == 0:
            return None
        first = self.doc[start - 1].sent.start
        if first > 0:
            first = self.doc[first - 1].sent.start
        for word in reversed(self.doc[first:start]):
            lemma = word.lemma_.lower()
            bought = self._bought_by(word, doer) if lemma in BUYING else None
            if bought is not None:
                return bought
            if word.pos_ == "VERB" and lemma in _DEAL_VERBS:
                doers = self._verb_doer(word)
                objs = [c for c in word.children if c.dep_ == "dobj"]
                objs += [p for c in word.children if c.dep_ == "prep" and c.lower_ == "in"
                         for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            elif word.pos_ == "NOUN" and lemma in _DEAL_NOUNS:
                owner = [c for c in word.children if c.dep_ == "poss"]
                doers = self.at.get(owner[0].i) if owner else None
                objs = [p for c in word.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}
                        for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            else:
                continue
            if doers is None or not same_org(doers.name, doer.name):
                continue
            for obj in objs:
                target = self._deal_object(obj)
                if target is not None and not same_org(target.name, doer.name):
                    return target
        return None

    def _bought_by(self, verb: Token, doer: Mention) -> Mention | None:
        """The company a passive buying verb says ``doer`` buys: "Y agreed to be acquired
        by X and Z", "Y was bought by X" (the subject of the verb or of the one it
        completes)."""
        if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        agents = [p for a in verb.children if a.dep_ == "agent"
                  for p in a.children if p.dep_ == "pobj"]  # fmt: skip
        agents += [c for a in agents for c in a.conjuncts]
        if not any(a.i in self.at and same_org(self.at[a.i].name, doer.name) for a in agents):
            return None
        node = verb
        for _ in range(3):
            subj = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj:
                m = self.at.get(subj[0].i)
                return m if m is not None and m.type is ORG else None
            if node.dep_ not in {"xcomp", "acl"}:
                return None
            node = node.head.head if node.dep_ == "acl" else node.head
        return None

    def _verb_doer(self, verb: Token) -> Mention | None:
        """The company that is the subject of ``verb`` ("X agreed to buy", "X has invested")."""
        node = verb
        for _ in range(6):
            if node.dep_ in {"xcomp", "conj"} and not any(c.dep_ in _SUBJ for c in node.children):
                node = node.head
            elif node.dep_ == "acl" and node.head.pos_ == "NOUN" and node.head.dep_ == "dobj":
                node = node.head.head  # "X dropped its plan to buy Y", "X made an offer to buy Y"
            else:
                break
        for c in node.children:
            m = self.at.get(c.i)
            if c.dep_ == "nsubj" and m is not None and m.type is ORG:
                return m
        return None

    def _deal_object(self, obj: Token) -> Mention | None:
        """The company a deal's object names, or the description there stands for."""
        m = self.at.get(obj.i)
        if m is None and obj.pos_ == "NOUN" and self.is_anaphor(obj) and obj.tag_ == "NN":
            found = self._refer(obj)
            m = found[0] if len(found) == 1 else None
        return m if m is not None and m.type is ORG and self.party(m) else None

    def _listed_alike(self, m: Mention, tok: Token, own: Mention | None) -> bool:
        """True when the description ``tok`` could as well be another company listed with
        ``m``: "Norvik and Halden dropped their merger after Y bought a stake in the
        chemicals maker" (either; only a kind the text said of one decides)."""
        listed = {c.i for c in self._root(m).conjuncts}
        return any(
            self._root(o).i in listed
            and o.type is ORG
            and not same_org(o.name, m.name)
            and not (own is not None and same_org(o.name, own.name))
            and self.party(o)
            and self.fits_kind(o, tok)
            for o in self._by_position()
            if o.end <= tok.i
        )

    def _coordinated(self, m: Mention, own: Mention) -> bool:
        """ "from A and B, which had owned it": a name listed with the clause's subject is
        part of that subject, not what its object stands for."""
        return self._root(m) in self._root(own).conjuncts

    def _first_conjunct(self, tok: Token, etype: EntityType) -> list[Mention] | None:
        """ "X and its music arm", "the group and its chief executive": a possessive
        pronoun on a second conjunct stands for the first one (itself a name, or a
        description that refers on)."""
        if tok.dep_ != "poss" or tok.pos_ != "PRON" or tok.head.dep_ != "conj":
            return None
        first = tok.head.head
        if first.i >= tok.i:
            return None
        m = self.at.get(first.i)
        if m is not None:
            return [m] if m.type is etype and self.party(m) else None
        if first.pos_ == "NOUN" and self.is_anaphor(first):
            found = self.refer(first)
            return found if len(found) == 1 and found[0].type is etype else None
        return None

    def _held_company(self, tok: Token) -> Mention | None:
        """ "X resigned as chief executive of B. He will stay chairman of the company he
        co-founded": a description in a sentence about a person is the company an
        earlier sentence gives that person a role at."""
        person = self._person_near(tok)
        if person is None:
            return None
        for role in reversed(self.doc[: tok.sent.start]):
            if role.lower_ not in self.role_ends:
                continue
            org = self._role_org(role)
            holder = self._role_holder(role)
            if org is not None and holder is not None and holder.name == person.name:
                return org
        return self._bare_role_company(person, tok)

    def _bare_role_company(self, person: Mention, tok: Token) -> Mention | None:
        """ "X agreed to buy Y. Chairman and chief executive A, who took control of the
        company in 2011, ...": a person with a role written before the name and no
        company of it holds that role at the company the sentence before is about; a
        description in a relative clause on that person is that company."""
        root = self._root(person)
        if tok.sent.start == 0 or not (
            root.sent.start == tok.sent.start and person.start < tok.i and tok in root.subtree
        ):
            return None
        # "chief executive A" or, as the parser may read it, "chief executive" with A
        # as its apposition
        titled = root.head if root.dep_ == "appos" and root.head.i < person.start else root
        before = [t for t in titled.subtree if t.i < person.start]
        if any(t.i in self.at or t.dep_ in {"poss", "prep"} for t in before):
            return None
        if not any(t.lower_ in self.role_ends and t.pos_ == "NOUN" for t in before):
            return None
        return self.topic_before(tok.sent.start)

    def _person_near(self, tok: Token) -> Mention | None:
        """The person a description's clause is about: the subject of a relative clause
        on it ("the company he founded") or of the verb it depends on."""
        for c in tok.children:
            if c.dep_ in {"relcl", "acl"}:
                for s in c.children:
                    if s.dep_ in _SUBJ:
                        return self._person_at(s)
        node = _clause_verb(tok)
        if node is None:
            return None
        subj = [s for s in node.children if s.dep_ in _SUBJ and tok not in s.subtree]
        return self._person_at(subj[0]) if subj else None

    def _person_at(self, tok: Token) -> Mention | None:
        m = self.at.get(tok.i)
        if m is None and tok.lower_ == "who" and tok.head.dep_ == "relcl":
            m = self.at.get(tok.head.head.i)  # "A, who took control of the company"
        if m is None and tok.lower_ in self.person_pron:
            found = self.refer(tok)
            m = found[0] if len(found) == 1 else None
        return m if m is not None and m.type is PERSON else None

    def _role_org(self, role: Token) -> Mention | None:
        """The company a role names: "chief executive of B", "B's chief executive"."""
        for child in role.children:
            org = child
            if child.dep_ == "prep" and child.lower_ == "of":
                org = next((g for g in child.children if g.dep_ == "pobj"), child)
            elif child.dep_ != "poss":
                continue
            m = self.at.get(org.i)
            if m is not None and m.type is ORG and self.party(m):
                return m
        return None

    def _role_holder(self, role: Token) -> Mention | None:
        """Who holds a role: "X stepped down as chief executive", "X, chief executive"."""
        if role.dep_ == "pobj" and role.head.lower_ == "as":
            for s in role.head.head.children:
                m = self.at.get(s.i)
                if s.dep_ in _SUBJ and m is not None:
                    return m if m.type is PERSON else None
            return None
        m = self.at.get(role.head.i) if role.dep_ == "appos" else None
        return m if m is not None and m.type is PERSON else None

    def _buyer_before(self, tok: Token) -> Mention | None:
        """The buyer the "combined company" or "enlarged group" is, after a sentence
        where one company buys another ("X agreed to buy Y. ... the combined company")."""
        mods = {c.lower_ for c in tok.children if c.dep_ == "amod"}
        if tok.pos_ != "NOUN" or not mods & _ENLARGED:
            return None
        for verb in reversed(self.doc[: tok.i]):
            if (
                verb.pos_ == "VERB"
                and verb.lemma_ in _MERGING
                and verb.dep_ != "amod"
                # "X agreed to buy Y, combining two brokers": the purchase combines them
                and not (verb.tag_ == "VBG" and verb.dep_ == "advcl")
            ):
                return None  # "X and Y agreed to merge": the combined company is neither
            over = any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
            if verb.pos_ != "VERB" or not (
                verb.lemma_ in BUYING or (verb.lemma_ == "take" and over)
            ):
                continue
            bought = [self.at.get(c.i) for c in verb.children if c.dep_ == "dobj"]
            if not any(m is not None and m.type is ORG for m in bought):
                continue
            return self._verb_doer(verb)
        return None

    def _named_new(self, tok: Token) -> Mention | None:
        """The company an earlier "the combined company, Z" or "a new company called Z"
        named, for a later "the new group" or "the combined company" (two sentences
        back at most), or the one the description names itself ("the combined company,
        to be called Z")."""
        if tok.i in self.new_names:  # "the combined company, to be called Z" is Z
            return self._new_name_at(tok.i)
        if tok.pos_ != "NOUN" or tok.sent.start == 0:
            return None
        if not any(
            c.dep_ == "amod" and c.lower_ in self.new_entity | _ENLARGED for c in tok.children
        ):
            return None
        start = _previous_sentence_start(self.doc[_previous_sentence_start(tok.sent)].sent)
        for noun in sorted(self.new_names, reverse=True):
            if start <= noun < tok.i:
                return self._new_name_at(noun)
        return None

    def _new_name_at(self, noun: int) -> Mention | None:
        """The company named for the new company at ``noun``, when one mention covers
        the whole name (not "Z" of a name "Y Z" read as two)."""
        name = self.doc[self.new_names[noun]]
        m = self.at.get(name.i)
        first = min(t.i for t in name.subtree if t.dep_ in {"compound", "flat"} or t == name)
        if m is None or m.type is not ORG or m.start > first or m.end <= name.i:
            return None
        return m

    def _formed_before(self, tok: Token) -> Mention | None:
        """The company a merger forms, named before "the new company" or "the combined
        group": "X and Y will combine to form Z"."""
        mods = {c.lower_ for c in tok.children if c.dep_ == "amod"}
        if tok.pos_ != "NOUN" or not mods & self.new_entity or tok.sent.start == 0:
            return None
        start = _previous_sentence_start(tok.sent)
        for verb in reversed(self.doc[start : tok.i]):
            if verb.pos_ != "VERB" or not merger_forms(verb):
                continue
            made = [self.at.get(c.i) for c in verb.children if c.dep_ == "dobj"]
            found = [m for m in made if m is not None and m.type is ORG]
            return found[0] if len(found) == 1 else None
        return None

    def _listed_after_merger(self, tok: Token) -> Mention | None:
        """ "Z began trading on Monday, after X completed its merger with Y. The new
        company ...": the company a sentence is about, when a side clause of that sentence
        tells the merger that made it (and names it in no part of the merger)."""
        mods = {c.lower_ for c in tok.children if c.dep_ == "amod"}
        if tok.pos_ != "NOUN" or not mods & (self.new_entity | _ENLARGED):
            return None
        sent = self.sentence_before(tok.sent.start)
        if sent is None or sent.end != tok.sent.start:
            return None
        m = self._main_subject(sent)
        if m is None or m.type is not ORG or not sent.start <= m.start < sent.end:
            return None
        merging = [
            t
            for t in sent
            if t.lemma_.lower() in _MERGING | _MERGER_NOUNS and _aside(t) and t.i > m.end
        ]
        for t in merging:
            clause = next((a for a in (t, *t.ancestors) if a.pos_ in {"VERB", "AUX"}), t)
            inside = {w.i for w in clause.subtree}
            if not any(
                o.start in inside and same_org(o.name, m.name) for o in self._by_position()
            ) and not any(
                self.doc[i].lower_ in self.org_pron and self._merger_side(self.doc[i], m)
                for i in inside
            ):
                return m
        return None

    def _merger_side(self, pron: Token, m: Mention) -> bool:
        """True when the pronoun ``pron`` in a merger clause may stand for ``m``: "its
        merger" with no other company before it in the clause."""
        owner = [
            o
            for o in self._by_position()
            if o.type is ORG and o.end <= pron.i and pron.sent.start <= o.start and o is not m
            and not same_org(o.name, m.name) and o.start > m.end
        ]  # fmt: skip
        return not owner

    def _topic_over(self, m: Mention, tok: Token, own: Mention | None) -> Mention:
        """The document's topic where it outweighs the nearest company: "the company"
        after a text that has X as its subject twice and names Y once, last, is X
        (each mention counts, a subject twice)."""
        if m.type is not ORG or tok.dep_ == "appos":
            return m  # "Tessaract, the ads unit": a description of the name beside it
        counts: dict[str, int] = {}
        last: dict[str, Mention] = {}
        for o in self._by_position():
            if o.end > tok.i or o.type is not ORG or not self.party(o):
                continue
            key = org_key(o.name)
            # a subject counts twice: what the sentences are about; the company a
            # definition is about ("X is a drug company") twice more
            root = self._root(o)
            weight = 1 + (root.dep_ in _SUBJ) + 2 * self._defined(root)
            counts[key] = counts.get(key, 0) + weight
            last[key] = o
        near = counts.get(org_key(m.name), 0)
        best = max(counts, key=lambda k: counts[k], default=None)
        if best is None or counts[best] < near + _TOPIC_MARGIN:
            return m
        topic = last[best]
        if topic is own or (own is not None and same_org(topic.name, own.name)):
            return m
        if not self.fits_kind(topic, tok):
            return m
        return topic

    def _defined(self, root: Token) -> bool:
        """True for the subject of a definition: "X is a drug company", "X was an
        American carmaker" (what an encyclopedia's or a company page's text is about)."""
        verb = root.head
        return (
            root.dep_ == "nsubj"
            and verb.lemma_ == "be"
            and any(
                c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in self.anaphora_nouns
                and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)
                for c in verb.children
            )
        )  # fmt: skip

    def _named_with(self, tok: Token) -> Mention | None:
        """ "The X Capital group said ... the group's proposal": a description whose noun
        followed an earlier name ("the X group", "the X companies") is that name."""
        word = tok.lemma_.lower()
        if word not in _NAMED_GROUPS:
            return None  # "the IBM unit ... the unit" is not IBM
        for m in reversed(self._by_position()):
            if m.end > tok.i or tok.i - m.start > 400 or m.end >= len(self.doc):
                continue
            after = self.doc[m.end]
            if after.i != tok.i and after.lemma_.lower() == word and after.pos_ == "NOUN":
                return m if self.party(m) else None
        return None

    def _described_unit(self, tok: Token) -> Mention | None:
        """ "The unit" or "the division" stands for the last company the text called one
        ("Orlo Space, the satellite business of Orlo Group, ... The unit builds ..."),
        not for the buyer that was the last subject."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self.business_parts:
            return None
        for m in reversed(self._by_position()):
            if m.end > tok.i or tok.i - m.start > 120 or m.type is not ORG:
                continue
            root = self.doc[m.start : m.end].root
            described = [c for c in root.children if c.dep_ == "appos"]
            described += [root.head] if root.dep_ == "appos" else []
            if any(d.lemma_.lower() in self.business_parts for d in described):
                return m
        return None

    def _described_kind(self, tok: Token, own: Mention | None) -> list[Mention] | None:
        """ "The insurer" or "the shipping group" stands for the one earlier company the
        text described with that noun (and its modifiers): "Norvik, a Danish shipping
        group", "Veltrix is a chipmaker", "pipeline operator Enbridge", or whose name
        says it ("Selby Insurance ... the insurer"). None when no company fits, nothing
        when several do."""
        if tok.pos_ != "NOUN" or tok.dep_ == "appos" or tok.tag_ in {"NNS", "NNPS"}:
            return None
        word = tok.lemma_.lower()
        if word not in self.anaphora_nouns | self.singular_kinds or word in GENERIC_KINDS:
            return None  # "the company" is any company: the topic rules below decide
        words = self.kind_words.get(word, {word})
        # a place before the noun is checked by no description: "the Gulf carrier"
        mods = {
            c.lower_
            for c in tok.children
            if c.dep_ in {"amod", "compound"} and not (c.dep_ == "compound" and _is_place(c))
        }
        earlier = [
            m
            for m in self._by_position()
            if m.end <= tok.i and m.type is ORG and tok.i - m.start <= 400 and self.party(m)
        ]
        # what the text said a company is outranks what its name suggests: "Hollis
        # Mortgage, a lender, ... Granwick Bank ... the lender" is Hollis Mortgage
        for fits in (self._described_as, self._named_as):
            found = {org_key(m.name): m for m in earlier if fits(m, tok, words, mods)}
            if len(found) > 1:
                return []  # "X Bank and Y Bank agreed to merge. The bank's ...": either
            if found:
                m = next(iter(found.values()))
                if own is not None and same_org(m.name, own.name):
                    return None  # "Granwick bought the bank": the bank is someone else
                return [m]
        return None

    def _by_kind(self, tok: Token, own: Mention | None) -> list[Mention] | None:
        """A description resolved by what it says of the company (its kind, its place);
        None when it says nothing that decides."""
        placed = self._described_place(tok, own)
        if placed is not None:
            return placed
        kind = self._described_kind(tok, own)
        if kind is not None:
            return kind
        if tok.dep_ != "appos" and any(c.dep_ == "compound" and _is_place(c) for c in tok.children):
            # "Orlo's app links ... The Denver company was started by":
            # a description by place continues the company the last sentence was about
            about = self._previous_topic(tok)
            fits = about is not None and about is not own and self.fits_kind(about, tok)
            return [about] if about is not None and fits else []
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.singular_kinds - self.anaphora_nouns:
            return []  # "the miner": only a company the text called a miner
        return None

    def fits_kind(self, m: Mention, tok: Token) -> bool:
        """False when ``tok`` is a kind noun ("the carrier") and the text called ``m``
        another kind ("Sorrel Aviation, a Brazilian planemaker") or its name says another
        ("Corbin Motors" is no bank); True for pronouns and "the company"."""
        word = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and self._other_place(m, tok):
            return False
        if tok.pos_ != "NOUN" or word in GENERIC_KINDS or word not in self.anaphora_nouns:
            return True
        words = self.kind_words.get(word, {word})
        said = [d.lemma_.lower() for d in self._descriptions(m, tok)]
        kinds = self.anaphora_nouns | self.singular_kinds
        said = [
            d
            for d in said
            if (d in kinds or d.endswith("maker")) and d not in GENERIC_KINDS | _NAMED_GROUPS
        ]
        if said and not any(d in words or (d == "maker" and word.endswith("maker")) for d in said):
            return False
        named = [self.name_kinds.get(t.lower_, set()) for t in self.doc[m.start : m.end]]
        return not any(kinds and not kinds & words for kinds in named)

    def _other_place(self, m: Mention, tok: Token) -> bool:
        """True when the description says a place ("the German company") and the text
        described ``m`` with places, none of them that one ("Veltrix, the Italian
        carmaker")."""
        places = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound"} and _is_place(c)}
        if not places:
            return False
        said = {
            c.lower_
            for d in self._descriptions(m, tok)
            for c in d.children
            if c.dep_ in {"amod", "compound"} and _is_place(c)
        }
        return bool(said) and not places & said

    def _previous_topic(self, tok: Token) -> Mention | None:
        """The company the sentence before ``tok``'s is about (a sentence that names no
        company, "Shares rose 5%.", is passed over once)."""
        return self.topic_before(tok.sent.start)

    def topic_before(self, start: int) -> Mention | None:
        """The company the sentence ending before token ``start`` is about: the subject
        of its main clause (or of the clause a trailing attribution reports: "X bought
        Y, Y said"), or the owner of that subject ("Orlo's app links ..."); None when
        that subject is a list of names or no company."""
        sent = self.sentence_before(start)
        return None if sent is None else self._main_subject(sent)

    def _subject_owners(self, subj: Token) -> list[Token]:
        """The names a subject noun is of: "Orlo's app", "Shares of Orlo"."""
        owners = [c for c in subj.children if c.dep_ == "poss"]
        if subj.pos_ == "NOUN" and subj.i not in self.at:
            owners += [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        return owners

    def listed_before(self, start: int) -> bool:
        """True when the sentence :meth:`topic_before` reads has a list of names as its
        subject ("X and Y reported ...")."""
        sent = self.sentence_before(start)
        return sent is not None and sent.start in self.listed_topics

    def sentence_before(self, start: int) -> Span | None:
        """The sentence before token ``start`` that names a company (passing over one
        that names none)."""
        for _ in range(2):
            if start == 0:
                return None
            sent = self.doc[start - 1].sent
            if any(self.at.get(t.i) is not None and self.at[t.i].type is ORG for t in sent):
                return sent
            start = sent.start
        return None

    def _main_subject(self, sent: Span) -> Mention | None:
        if sent.start in self._topics:
            return self._topics[sent.start]
        self._topics[sent.start] = None  # a chain of anaphors ends here
        root = sent.root
        for _ in range(2):  # "Bluejet bought a stake in Skyways, Skyways said"
            reported = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
            if root.lemma_.lower() not in self.say_verbs or not reported:
                break
            root = reported[0]
        found = None
        for subj in (c for c in root.children if c.dep_ in _SUBJ):
            if any(c.dep_ == "conj" for c in subj.children):
                listed = [self.at.get(c.i) for c in (subj, *subj.conjuncts)]
                self.listed_topics[sent.start] = [m for m in listed if m is not None]
                break  # "X and Y reported ...": neither is the topic
            for t in (subj, *self._subject_owners(subj)):
                m = self.at.get(t.i)
                if m is None and t.lower_ in self.org_pron | {"company"} | self.anaphora_nouns:
                    # "It was founded ...", "The company ...": what that stands for
                    refs = self.refer(t) if self.is_anaphor(t) and t.tag_ != "NNS" else []
                    m = refs[0] if len(refs) == 1 else None
                if m is not None and m.type is ORG and self.party(m):
                    found = m
                    break
            break
        self._topics[sent.start] = found
        return found

    def attributes_before(self, m: Mention, start: int) -> bool:
        """True for the source of a trailing attribution in a sentence before token
        ``start``: "X agreed to buy Y, Reuters reported" (the source reports the
        sentence, it is not what a later description or role is about)."""
        root = self._root(m)
        verb = root.head
        return (
            m.end <= start
            and root.dep_ == "nsubj"
            and verb.lemma_.lower() in self.say_verbs
            and any(c.dep_ == "ccomp" and c.i < root.i for c in verb.children)
        )

    def _centered(self, tok: Token, own: Mention | None) -> list[Mention] | None:
        """Centering: a description or pronoun that is, owns or describes the subject of
        its sentence's main clause, with no company named before it in the sentence,
        continues the company the sentence before is about ("Orvane listed its shares,
        after Kestrel spun it off. The company is run by A": Orvane, not Kestrel); nothing
        when that sentence's subject is a list of names; None where centering says
        nothing."""
        node = tok
        for _ in range(3):
            if node.dep_ not in {"poss", "appos"}:
                break
            node = node.head
        if node.dep_ not in _SUBJ or node.head.dep_ != "ROOT" or tok.sent.start == 0:
            return None
        first = tok.sent.start  # once: spaCy walks the sentence for each tok.sent
        if any(m.type is ORG and first <= m.start and m.end <= tok.i for m in self._by_position()):
            return None
        m = self._previous_topic(tok)
        if m is None and self.listed_before(tok.sent.start):
            return []  # "X and Y reported ... The company ...": either
        if m is None or m is own or (own is not None and same_org(m.name, own.name)):
            return None
        if self._main_clause_rival(m):
            return None  # "X will buy Y. The company's ...": either, the rules below decide
        return [m] if self.fits_kind(m, tok) else None

    def made_by_merger(self, sent: Span) -> bool:
        """True when the subject of ``sent`` is "the new company" or "the combined group"
        that no earlier name stands for, after a sentence whose main clause is a merger
        ("X agreed to merge with Y. The new company will be run by A": neither X nor Y;
        "Z listed its shares, after X completed its merger with Y. The new company": Z)."""
        subjects = [c for c in sent.root.children if c.dep_ in _SUBJ and c.pos_ == "NOUN"]
        if not any(
            c.dep_ == "amod" and c.lower_ in self.new_entity | _ENLARGED
            for s in subjects
            for c in s.children
        ) or any(s.i in self.at or (self.is_anaphor(s) and self.refer(s)) for s in subjects):
            return False
        before = self.sentence_before(sent.start)
        return before is not None and any(
            t.lemma_.lower() in _MERGING | {"merger", "combination"} and not _aside(t)
            for t in before
        )

    def _main_clause_rival(self, m: Mention) -> bool:
        """True when another company of ``m``'s sentence is an argument of its main
        clause ("X will buy Y"), not of a side clause ("X grew, after Y cut prices", "X,
        which Y spun off")."""
        sent = self.doc[m.start].sent
        return any(
            sent.start <= o.start < sent.end
            and o.type is ORG
            and not same_org(o.name, m.name)
            and self.party(o)
            and not self.attributes_before(o, sent.end)
            and not _aside(self._root(o))
            # "started trading on the Nasdaq": a place of trading is no party
            and not (self._root(o).dep_ == "pobj" and self._root(o).head.lower_ in {"on", "at"})
            for o in self._by_position()
        )

    def _kind_aside(self, m: Mention, tok: Token) -> bool:
        """True when the text called ``m`` by the kind noun ``tok`` and every other
        company of ``m``'s sentence called so stands in a side clause ("Marbrook Bank
        grew, while Quellin Bank warned. The lender ...": Marbrook Bank; "X, a dairy
        group, will buy Y, a dairy group. The dairy group ...": either)."""
        if not self._said_kind(m, tok):
            return False
        sent = self.doc[m.start].sent
        return all(
            o.start < sent.start
            or o.start >= sent.end
            or same_org(o.name, m.name)
            or not self._said_kind(o, tok)
            or _aside(self._root(o))
            for o in self._by_position()
            if o.type is ORG
        )

    def _said_kind(self, m: Mention, tok: Token) -> bool:
        """True when the text called ``m`` by the kind noun ``tok`` ("the lender") or its
        name says that kind ("Marbrook Bank")."""
        word = tok.lemma_.lower()
        words = self.kind_words.get(word, {word})
        mods = {
            c.lower_
            for c in tok.children
            if c.dep_ in {"amod", "compound"} and not (c.dep_ == "compound" and _is_place(c))
        }
        return self._described_as(m, tok, words, mods) or self._named_as(m, tok, words, mods)

    def _named_as(self, m: Mention, tok: Token, words: set[str], mods: set[str]) -> bool:
        """ "Selby Insurance" is an insurer, "Orvana Motors" a carmaker."""
        return not mods and any(
            words & self.name_kinds.get(t.lower_, set()) for t in self.doc[m.start : m.end]
        )

    def _described_as(self, m: Mention, tok: Token, words: set[str], mods: set[str]) -> bool:
        """ "Norvik, a Danish shipping group", "pipeline operator Enbridge", "Veltrix is a
        chipmaker": the text calls the company by the noun (with the noun's modifiers)."""
        for d in self._descriptions(m, tok):
            around = {c.lower_ for c in d.children if c.dep_ in {"amod", "compound"}}
            # "a mining group ... the miner", "an insurance company ... the insurer"
            says = any(words & self.name_kinds.get(w, set()) for w in around)
            kind = d.lemma_.lower() in words or (says and d.lemma_.lower() in _ANY_KIND)
            kind = kind or bool(words & _maker_of(d))
            if kind and mods <= around:
                return True
        return False

    def _descriptions(self, m: Mention, tok: Token) -> list[Token]:
        """The nouns the text calls company ``m`` by before ``tok``: "X, a Danish shipping
        group", "pipeline operator X", "X is a chipmaker", "a startup named X"."""
        root = self._root(m)
        described = [c for c in root.children if c.dep_ in {"appos", "compound", "nmod"}]
        described += [root.head] if root.dep_ == "appos" else []
        # "X and Y, two Swiss lenders": a plural description of a list is each name's
        described += [c for o in root.conjuncts for c in o.children
                      if c.dep_ == "appos" and c.tag_ == "NNS"]  # fmt: skip
        named = root.head
        if root.dep_ == "oprd" and named.lemma_ in {"call", "name"} and named.dep_ == "acl":
            described.append(named.head)  # "a joint venture called X", "a startup named X"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            described += [c for c in root.head.children if c.dep_ == "attr"]
        return [d for d in described if d.i < tok.i and d.i not in self.at and d.pos_ == "NOUN"]

    def _described_place(self, tok: Token, own: Mention | None) -> list[Mention] | None:
        """ "The Irish company", "the Boston firm": a description that says only a place
        is the one earlier company the text described with that place ("Sefton, an Irish
        software maker"); nothing when several were; None when none was."""
        if tok.lemma_.lower() not in GENERIC_KINDS or tok.dep_ == "appos":
            return None
        places = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound"} and _is_place(c)}
        if not places:
            return None
        found: dict[str, Mention] = {}
        for m in self._by_position():
            if m.end > tok.i or m.type is not ORG or tok.i - m.start > 400 or not self.party(m):
                continue
            for d in self._descriptions(m, tok):
                said = {c.lower_ for c in d.children if c.dep_ in {"amod", "compound"}}
                if places <= said:
                    found[org_key(m.name)] = m
        if not found:
            return None
        if len(found) > 1:
            return []
        m = next(iter(found.values()))
        return [] if own is not None and same_org(m.name, own.name) else [m]

    def party(self, m: Mention) -> bool:
        """False for courts, regulators and governments: they rule on deals, not make them."""
        low = m.name.lower()
        if any(w in low for w in self.state_investors):
            return True  # "Kestor Investment Authority": a state's fund invests
        return low not in self.non_party_names and not any(w in low for w in self.non_parties)

    def _clause_subject(self, tok: Token) -> Mention | None:
        node = _clause_verb(tok)
        if node is None:
            return None
        for _ in range(2):
            # "Y agreed to buy it": the subject of the verb the infinitive completes
            if node.dep_ != "xcomp" or any(c.dep_ in _SUBJ for c in node.children):
                break
            node = node.head
        for child in node.children:
            if child.dep_ in _SUBJ and child.i in self.at:
                return self.at[child.i]
            if child.dep_ in _SUBJ and self._group_leader(child) is not None:
                return self._group_leader(child)  # "a group led by Y agreed to buy it"
            if child.dep_ in _SUBJ and child.lower_ in {"which", "that", "who"}:
                return self.at.get(node.head.i)  # "Y, which spun it off"
            if child.dep_ in _SUBJ and child.lower_ in self.org_pron:
                # "X said it would buy the company": "it" is X, so the
                # company is someone else
                said = self._governing_subject(child, ORG)
                return said[0] if said else None
        return None

    def _governing_subject(self, tok: Token, etype: EntityType) -> list[Mention]:
        # "X said it would buy Y", "IBM completed its acquisition": the subject of a
        # verb that governs the pronoun's clause is its antecedent.
        node = tok
        buyer = _bought_unit_buyer(tok)
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ not in {"VERB", "AUX"}:
                continue
            if self._answers_offer(node, tok) or node.i in buyer:
                continue
            by = self._passive_agent(node, tok, etype)
            if by is not None:
                return [by]
            for child in node.children:
                if (
                    child.dep_ in _SUBJ
                    and child.lower_ in {"which", "that", "who"}
                    and node.dep_ == "relcl"
                ):
                    # "Nvidia, which uses them in its chips": the relative's antecedent
                    m = self.at.get(node.head.i)
                    if m is not None and m.type is etype and m.end <= tok.i:
                        return [m]
                if child.dep_ in _SUBJ and child.i != tok.i and tok not in child.subtree:
                    if child.i not in self.at and child.pos_ == "PROPN" and etype is ORG:
                        self._made_up(child, frozenset({ORG}))  # "Wyse Technology said it ..."
                    members = self._group_members(child) if child.i not in self.at else []
                    if members and etype is ORG and members[-1].end <= tok.i:
                        return members  # "a group including A and B said it ..."
                    m = self.at.get(child.i)
                    if m is not None and m.type is etype and m.end <= tok.i:
                        return [m]
                    if (
                        m is not None
                        and m.type is etype
                        and child.i < node.i
                        and _fronted_possessive(tok, node)
                    ):  # "Following its sale to Y, X moved": X ("Among its backers were X"
                        return [m]  # is no clause about X)
                    if m is None and child.i < tok.i:
                        return self._described_subject(child, etype)
        return []

    def _group_leader(self, noun: Token) -> Mention | None:
        """The first company of a group named as a clause's subject (``_group_members``)."""
        members = self._group_members(noun)
        return members[0] if members else None

    def _group_members(self, noun: Token) -> list[Mention]:
        """The companies that lead or make up a group named as a clause's subject: "an
        investor group led by Y completed its acquisition of the company" (its is Y's,
        the company not Y), "a group including A and B said it holds 9.8 pct of X"."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _GROUP_NOUNS:
            return []
        heads: list[Token] = []
        for verb in noun.children:
            lemma = verb.lemma_.lower()
            if verb.dep_ == "acl" and lemma in _LEADING_VERBS:
                heads += [p for a in verb.children if a.dep_ == "agent"
                          for p in a.children if p.dep_ == "pobj"]  # fmt: skip
            elif verb.dep_ in {"acl", "prep"} and lemma == "include":
                heads += [c for c in verb.children if c.dep_ in {"dobj", "pobj"}]
        out: list[Mention] = []
        for head in heads:
            for tok in [head, *(c for c in head.subtree if c.dep_ == "conj")]:
                m = self.at.get(tok.i)
                if m is not None and m.type is ORG and m not in out:
                    out.append(m)
        return out

    def _described_subject(self, subj: Token, etype: EntityType) -> list[Mention]:
        """ "The German carmaker will replace its rival": a possessive or pronoun under
        a verb whose subject is a description stands for what the description does."""
        if etype is not ORG or subj.pos_ != "NOUN" or not self.is_anaphor(subj):
            return []
        if subj.tag_ in {"NNS", "NNPS"}:
            return []
        found = self.refer(subj)
        return found if len(found) == 1 and found[0].type is ORG else []

    def _passive_agent(self, verb: Token, tok: Token, etype: EntityType) -> Mention | None:
        """ "X was bought by Y in its purchase of Z": the owner of a deal in a passive
        clause's phrase is the doer ("by Y"), not the passive subject."""
        if tok.dep_ != "poss" or tok.head.lemma_.lower() not in self.deal_nouns:
            return None
        if not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        for agent in verb.children:
            if agent.dep_ == "agent" and agent.i < tok.i:
                for pobj in agent.children:
                    m = self.at.get(pobj.i)
                    if pobj.dep_ == "pobj" and m is not None and m.type is etype:
                        return m
        return None

    def _answers_offer(self, verb: Token, tok: Token) -> bool:
        """ "Y accepted its offer", "Y rejected their bid": the owner of an offer its
        receiver answers is the bidder, not the receiver (the subject of ``verb``)."""
        return (
            tok.dep_ == "poss"
            and tok.head.lemma_.lower() in self.offer_nouns
            and tok.head.dep_ == "dobj"
            and tok.head.head.i == verb.i
            and verb.lemma_.lower() in self.offer_answers
        )

    def _reporting_org(self, tok: Token) -> list[Mention]:
        """A company that speaks of itself as "they": "X announced they will buy Y",
        "X said that they had signed ..." (the subject of the clause the company reports;
        one company, not a list)."""
        clause = tok.head
        if tok.dep_ != "nsubj" or tok.lower_ != "they" or clause.dep_ != "ccomp":
            return []
        reporter = clause.head
        if reporter.pos_ != "VERB" or reporter.i > tok.i:
            return []
        if any(c.dep_ in {"dobj", "dative"} for c in reporter.children):
            return []  # "X told its rivals they could buy Y": "they" may be the rivals
        for child in reporter.children:
            m = self.at.get(child.i)
            if child.dep_ == "nsubj" and m is not None and m.type is ORG:
                alone = not any(c.dep_ == "conj" for c in child.children)
                return [m] if alone else []
        return []

    def _group_before(self, tok: Token) -> list[Mention]:
        sent = tok.sent
        start = sent.start
        prev = [m for m in self.mentions if m.type is ORG and m.end <= tok.i]
        in_range = [m for m in prev if m.start >= start] or [
            m for m in prev if m.start >= _previous_sentence_start(sent)
        ]
        joined = self._joined_pair(in_range)
        if joined:
            return joined
        names: list[Mention] = []
        for m in reversed(in_range):
            if all(m.name != n.name for n in names):
                names.append(m)
            if len(names) == 2:
                break
        return list(reversed(names)) if len(names) == 2 else []

    def _joined_pair(self, mentions: list[Mention]) -> list[Mention]:
        """The last two names joined by "and" among ``mentions``: "X and Y said Z rejected
        their offer" (they are X and Y, not the two names nearest the pronoun)."""
        roots = {self.doc[m.start : m.end].root.i: m for m in mentions}
        for m in reversed(mentions):
            root = self.doc[m.start : m.end].root
            first = roots.get(root.head.i)
            if root.dep_ == "conj" and first is not None and first.name != m.name:
                return [first, m]
        return []


#: Nouns of a group of buyers or investors, and the verbs that name who leads it.
_GROUP_NOUNS = frozenset({"group", "consortium", "syndicate", "partnership"})
_LEADING_VERBS = frozenset({"lead", "head", "control"})
#: Verbs of buying, whose object's "its" unit is not the buyer's own.
_BUYING_VERBS = frozenset({"buy", "acquire", "purchase"})
#: Nouns of a part of a company that a buyer takes from its owner.
_OWNED_PARTS = frozenset({
    "unit", "subsidiary", "division", "affiliate", "arm", "business", "operation",
    "operations", "plant", "mill", "assets",
})  # fmt: skip


def _bought_unit_buyer(tok: Token) -> set[int]:
    """The verbs whose subject is the buyer when ``tok`` is "its" on the part it buys:
    in "X said Y agreed to buy its Z unit" no one buys its own unit, so "its" is X's,
    not Y's (the verb "buy" and "agreed", whose subject Y is, are skipped)."""
    part = tok.head
    if tok.dep_ != "poss" or part.lemma_.lower() not in _OWNED_PARTS or part.dep_ != "dobj":
        return set()
    verb = part.head
    if verb.lemma_.lower() not in _BUYING_VERBS or verb.pos_ != "VERB":
        return set()
    out = {verb.i}
    while verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
        out.add(verb.i)
    return out


def _fronted_possessive(tok: Token, verb: Token) -> bool:
    """A possessive in a phrase that opens the clause of ``verb``, before its subject,
    stands for that subject: "After its takeover by Y, X moved", "Upon its sale to Y in
    2004, X ..." (the phrase's noun the object of a preposition on the verb)."""
    noun = tok.head
    prep = noun.head
    return (
        tok.dep_ == "poss"
        and noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.head.i == verb.i
        and prep.i < verb.i
        and not any(c.dep_ in _SUBJ and c.i < prep.i for c in verb.children)
    )


#: Nouns a text describes a person it named by: "the banker", "the Danish billionaire".
_PERSON_NOUNS = frozenset({
    "banker", "billionaire", "financier", "tycoon", "entrepreneur", "magnate", "mogul",
    "businessman", "businesswoman", "executive", "industrialist",
})  # fmt: skip


def _person_description(tok: Token) -> bool:
    """ "The Qatari banker", "the billionaire": a definite description of one person,
    with no name of its own ("the banker Y" names Y)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in _PERSON_NOUNS:
        return False
    if any(c.dep_ in {"compound", "appos", "flat", "poss", "prep"} for c in tok.children):
        return False  # "the X executive", "its executive", "an executive of X"
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    return dets == ["the"]


def _is_place(tok: Token) -> bool:
    """True for a listed place or nationality written before a noun: "the San Francisco
    company", "the Gulf carrier" (not a name that makes the noun a name)."""
    words = [t for t in tok.subtree if t.dep_ in {"compound", "flat"} or t.i == tok.i]
    text = " ".join(t.text for t in sorted(words, key=lambda t: t.i)).lower()
    return text in places_and_nationalities()


#: Words that make a clause a side clause of its sentence: "after X cut prices".
_SUBORDINATORS = frozenset(
    {"after", "before", "as", "while", "when", "since", "until", "because", "although",
     "though", "even", "whereas", "once"}
)  # fmt: skip


def _aside(tok: Token) -> bool:
    """True for a word in a side clause of its sentence: an adverbial or relative clause
    ("X grew, after Y cut prices", "X, which Y spun off"), also where the parser hung the
    clause as a complement but its marker says what it is."""
    return any(
        a.dep_ in {"advcl", "relcl", "acl"}
        or any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in a.children)
        for a in tok.ancestors
        if a.head.i != a.i
    )


def _company_description(desc: Token) -> bool:
    """ "a Gulf carrier", "the payments startup": a description only a company fits
    (not "a group of investors" nor "the company of the late founder")."""
    if desc.lemma_.lower() not in _COMPANY_ONLY:
        return False
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in desc.children):
        return False
    return not (
        desc.lower_ in {"company", "group"} and any(c.dep_ == "prep" for c in desc.children)
    )


def _maker_of(desc: Token) -> set[str]:
    """ "the maker of Crisp chips" is a chipmaker, "a maker of cars" a carmaker."""
    if desc.lemma_.lower() != "maker":
        return set()
    goods = [p for c in desc.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]  # fmt: skip
    return {g.lemma_.lower() + "maker" for g in goods}


def placed(tok: Token) -> bool:
    """True for a description with a place or nationality before its noun: "the Irish
    company", "the Boston firm"."""
    return any(c.dep_ in {"amod", "compound"} and _is_place(c) for c in tok.children)


def merger_forms(verb: Token) -> bool:
    """True for "form" or "create" said of a merger: "X and Y will combine to form Z",
    "X merged with Y to form Z", "a merger to form Z", "completed their merger to
    create Z"."""
    if verb.lemma_ not in _FORMING:
        return False
    merging = _MERGING | {"merger", "combination"}
    if any(a.lemma_ in merging for a in verb.ancestors):
        return True
    # "X and Y completed their merger to form Z": the merger is the object of the verb
    # the purpose clause hangs on
    head = verb.head
    return verb.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "dobj" and c.lemma_ in merging for c in head.children
    )


def _previous_sentence_start(sent: Span) -> int:
    doc = sent.doc
    if sent.start == 0:
        return 0
    return doc[sent.start - 1].sent.start


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` (eight arcs at most): the clause it stands in."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None
