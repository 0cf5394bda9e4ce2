"""Argument finding over the dependency parse: who is the agent, the patient, the holder.

A ``Context`` wraps one annotated document (mentions and anaphora come from
:class:`loaders.extract.coref.DocIndex`). The candidate stage asks it for the
entities in a slot: both voices, relative clauses, appositions, possessives and
"X said it agreed to buy Y" go through the same few functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span, Token

from graph.model import EntityType
from loaders.extract import annotate, resources
from loaders.extract.coref import (
    BUYING,
    GENERIC_KINDS,
    ORG,
    PERSON,
    PRODUCT,
    SUBJ,
    TAKEOVER_NOUNS,
    DocIndex,
    placed,
)
from loaders.extract.entities import (
    GOODS_SETS,
    coined,
    coined_in_date,
    company_word,
    kind_of,
    looks_like_person,
    product_kinds,
    slot_mention,
)
from loaders.extract.types import Mention

_SUBJ = SUBJ
#: Where the parser puts an apposition it lost: on an earlier name, or on the verb as
#: a second object or a bare noun.
_LOST_APPOS = frozenset({"appos", "dobj", "npadvmod"})
#: The arguments of a verb a name may sit in when its lost apposition is hung on the verb.
_EARLIER_ARGUMENTS = frozenset({"dobj", "prep", "xcomp"})
#: Prepositions of a phrase that sets a defined thing somewhere: "a game for the X".
_SETTING_PREPS = frozenset({"for", "on", "in"})
_CLIMB = {"xcomp", "conj", "advcl", "acomp"}
#: Prepositions of time that take a passive gerund about the clause's subject: "after
#: being acquired by Y", "since being bought by Y"; "of" only in "in the process of".
_GERUND_TIMES = frozenset({"after", "since", "upon", "on", "following", "before", "until", "of"})
#: Prepositions a gapped clause may repeat: "X acquired Y in 2004 and Z in 2006 for $5".
_GAPPED_PREPS = frozenset({"in", "on", "during", "for", "at"})
#: Nouns of a deal under way: "X is still in the process of being sold to Y".
_PROCESS_NOUNS = frozenset({"process", "midst", "course"})

#: Prepositions of where a noun's members are: "customers in 40 countries".
_PLACE_PREPS = frozenset({"in", "across", "around", "throughout"})
#: Verbs of joining a partner, whose purpose a deal both make: "X teamed up with Y to buy Z".
_JOINING = frozenset({"team", "join", "partner", "ally", "link", "pair", "club", "band"})
#: Deals two joined buyers make together.
_JOINT_DEALS = frozenset({"buy", "acquire", "purchase", "bid", "invest", "take"})
#: Jobs a company wins and then does itself: "won a contract to supply Y".
_AWARDS = frozenset({"contract", "order", "tender", "mandate"})
#: Verbs of winning such a job: "won", "secured", "landed" a contract.
_WINNING = frozenset({"win", "secure", "land", "clinch", "bag"})
#: Verbs of holding a relative clause on shares names the company with: "the shares it
#: does not hold in X".
_HOLD = {"hold", "own"}
#: Nouns for what is left of a company after a stake: "acquire the rest".
_REST_NOUNS = frozenset({"rest", "remainder", "balance"})


def _bare_rest(tok: Token) -> bool:
    """ "the rest", "the remainder", "the remaining shares" with no company of its own."""
    lemma = tok.lemma_.lower()
    if lemma in _REST_NOUNS:
        return True
    return lemma in {"share", "stock"} and any(
        c.dep_ == "amod" and c.lower_ == "remaining" for c in tok.children
    )


_ONE_OF = {"one", "some", "two", "three", "several", "many", "each"}
#: Nouns for the people who hold a company's shares: "X shareholders" are not X.
_SHAREHOLDER_NOUNS = frozenset(
    {"shareholder", "stockholder", "investor", "holder", "owner", "unitholder"}
)
#: Verbs of a small clause that makes someone what a noun says: "making X Y's largest
#: shareholder", "leaves X the company's biggest investor".
_MAKING_INTO = frozenset({"make", "leave", "render"})
_LED = {"lead", "head", "spearhead", "anchor"}  # "investors led by X"
#: Verbs of choosing a person for a job, whose object does the infinitive after it.
_CHOOSING = frozenset(
    {"tap", "pick", "choose", "select", "hire", "appoint", "name", "recruit", "ask", "elect"}
)
#: Verbs of engaging a firm for a job, whose patient does the infinitive even when a "by"
#: phrase names who engaged it: "X was hired by Y to build its plant" (X builds).
_ENGAGING = _CHOOSING | {"employ", "commission", "contract", "retain", "task", "engage"}
#: Verbs that move a person up to a role their "to" phrase names.
#: Verbs of keeping a post through a change of owner: "A stays on as CEO", "A will
#: remain CEO", "A will continue as CEO" (only a role that names no company: "Y's
#: chief A will remain chairman" names its own).
_KEEPING = frozenset({"stay", "remain", "continue"})
#: Adjectives of a planned event before an infinitive: "X is due to retire".
_DUE = frozenset({"due", "set", "poised", "slated", "scheduled"})
#: Nouns of a post a person is "at": "X, at the helm of Y".
_POSTS = frozenset({"helm"})
#: Verbs of being somewhere, for "X has been at the helm of Y", "X stays at the top of Y".
_STAYING = frozenset({"be", "remain", "stay"})
_PROMOTING = frozenset({"promote", "elevate", "appoint", "name", "elect", "rise", "move"})
#: Description nouns any company is, which single none out by kind.
_ANY_COMPANY = GENERIC_KINDS | {"group", "conglomerate", "organization", "enterprise"}
#: Verbs of running a company: "B, who previously ran X" makes X B's company.
_RUNNING = frozenset({"run", "lead", "head", "manage", "chair"})
#: What the parser calls a name opening a sentence that it could not read as a noun.
_MISREAD_OPENERS = frozenset({"advmod", "npadvmod", "nummod", "dep", "meta", "intj"})
#: Verbs of giving someone a post: "X named A chief executive, with B as chairman".
_POSTING = frozenset({"name", "appoint", "elect", "pick", "tap", "hire", "choose", "select"})
#: Last words of a competition's name: "the Premier League club" is a club in it.
_COMPETITIONS = frozenset({"league", "cup", "tour", "championship", "championships",
                           "series", "conference"})  # fmt: skip
#: Verbs of founding whose passive names the founders ("was founded by A").
_FOUNDING_VERBS = resources.FOUNDING_VERBS | {"start", "launch"}
_COLLECTIVE = {"group", "consortium", "syndicate", "coalition"}
#: Nouns for a form of a product, which the "of" phrase names: "released the first
#: public version of Quillo".
_VERSIONS = {"version", "edition", "release", "sequel", "update", "upgrade"}
#: Making verbs whose gerund after "known for" is the subject's work ("X is known for
#: producing Y"), and the words that say so.
_MAKING = frozenset({"produce", "make", "develop", "design", "manufacture", "create", "build",
                     "originate", "invent", "brew", "co-produce", "publish"})  # fmt: skip
_KNOWN_FOR = frozenset({"know", "note", "famous", "renowned", "recognize", "responsible",
                        "credit", "notable", "celebrate"})  # fmt: skip
#: Entity tags of proper nouns that name no company: a language, a people, a date.
_NO_MAKERS = frozenset({"LANGUAGE", "NORP", "DATE", "TIME", "EVENT", "LAW"})
#: Common nouns whose proper-noun modifier is a tongue: "a Telugu-language film".
_TONGUE_WORDS = frozenset({"language", "dialect"})
#: Adjectives that make their subject the doer of the noun of their "for" phrase: "X has
#: been responsible for the production of Y".
_DOER_WORDS = frozenset({"responsible"})
#: Nouns for a company's own team that does its work: "made by X's design studio",
#: "designed by X's engineers".
_OWN_TEAMS = frozenset({"studio", "division", "unit", "subsidiary", "arm", "team", "lab",
                        "laboratory", "branch", "department", "engineer", "designer",
                        "developer", "researcher", "scientist"})  # fmt: skip
#: Nouns that count the plural after "of", which names the members: "a number of firms,
#: including A and B", "a range of partners such as A".
#: Nouns for a part of a company that can carry its kind before it ("its A security unit").
_UNIT_NOUNS = {"subsidiary", "unit", "division", "affiliate", "business", "arm"}
#: Unit nouns that a passive's "by" phrase may name for their owner: "acquired by a
#: subsidiary of X" (not an affiliate, which X need not control).
_OWNED_UNITS = frozenset({"subsidiary", "unit", "division", "arm"})
#: The deal paper named in "a letter of intent to be acquired by Y".
_INTENT = frozenset({"intent"})
#: A company's governing bodies: "the board of X" acts for X ("its board and the board of
#: X approved an agreement to merge").
_BODIES = {"board"}
_QUANTITIES = {"number", "variety", "range", "host", "handful", "couple", "dozen", "series"}
#: Nouns a "led by" phrase names the members of: "a consortium led by X".
_LED_GROUPS = _COLLECTIVE | {"investor", "backer", "shareholder", "lender", "bidder", "buyer"}
#: Nouns for a business a name set before them names: "the Premier Lodge hotel chain".
_BUSINESS_NOUNS = frozenset({"chain", "brand", "retailer", "airline", "carrier", "bank", "label"})
#: Participles that give a noun its name: "a company called X", "a machine code-named X".
_NAMING = frozenset({"call", "name", "dub", "code-name", "codename", "code-named", "brand"})
#: Prepositions on a verb whose object a noun before a name may belong to the agent:
#: "paid a dividend to parent company Y".
_GOVERNED_PREPS = frozenset({"for", "to"})
#: Nouns that give a person a title of their own at another company: "his Y counterpart, B".
_OWN_TITLE = {"counterpart"}
#: Titles of a backer, that set a person apart from the founders or officers listed
#: before: "its founders, A and B, and investor C".
_BACKER_TITLES = frozenset({
    "investor", "investors", "backer", "backers", "shareholder", "shareholders", "financier",
})  # fmt: skip
#: Words a role phrase may hold between its company and its last word: "Y co-founder
#: and chief executive X".
_ROLE_GLUE = {"and", "-", "interim", "acting", "former", "co", "founder", "co-founder"}
#: Parts and materials a product is built with: "developed the car with X batteries".
_WITH_GOODS = frozenset({
    "battery", "cell", "screen", "display", "sensor", "component", "part", "panel", "module",
    "chip", "processor", "engine", "motor", "camera", "lidar", "modem", "memory", "tire",
    "tyre", "steel", "material", "technology", "software", "hardware", "equipment", "tool",
    "device", "semiconductor", "gpu", "server", "ingredient",
})  # fmt: skip
#: Number words a counted plural may take: "acquired two companies".
_COUNTS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
#: What stands between the names of a written list: "A, B, and C or D".
_LIST_GLUE = frozenset({",", "and", "or"})
#: Parts of speech of a name NER missed inside a list: "Droga5", "CP+B".
_NAME_POS = frozenset({"PROPN", "NUM", "X", "SYM"})
#: Words that open a description set off by commas after a name: "X, which makes Y,".
_SET_OFF = frozenset({"which", "who", "the", "a", "an", "whose", "based", "founded"})
#: Tags of a finite or past verb a misparse can hang on its subject's name.
_FINITE = frozenset({"VBD", "VBN", "VBZ", "VBP"})


#: Entity labels of a phrase that says when: "on Friday", "in March", "last year".
_WHEN = frozenset({"DATE", "TIME"})


def time_phrase(tok: Token) -> bool:
    """A phrase that only says when: "on Friday", "late on Sunday", "in March" (a
    preposition whose objects are dates, not a coined name NER took into one: "in
    Skyways on Friday"), "last year" (a date itself)."""
    if tok.dep_ == "prep":
        objects = [c for c in tok.children if c.dep_ == "pobj"]
        return bool(objects) and all(
            o.ent_type_ in _WHEN and not coined_in_date(o) for o in objects
        )
    return tok.ent_type_ in _WHEN and tok.dep_ in {"npadvmod", "tmod", "advmod"}


def _owner_of_named(noun: Token, child: Token) -> bool:
    """``child`` owns ``noun``, which a proper noun after the owner names: "Orlo's Zeta
    platform" is Zeta, and Orlo is whose it is, not the platform's name."""
    return child.dep_ == "poss" and any(
        c.dep_ in {"compound", "nmod"} and c.i > child.i and c.pos_ == "PROPN"
        for c in noun.children
    )


class Context(DocIndex):
    """One document's parse, mentions and anaphora, for the relation stage."""

    def ents_at(
        self, tok: Token, want: frozenset[EntityType], poss: bool = False, skip: int = -1
    ) -> list[Mention]:
        """Entities a slot token stands for: its mention, its conjuncts, its referent.

        ``skip`` is a token not to descend into (the trigger itself, when the slot
        is the noun it describes: "X, a unit of Y" must not find Y under X).
        """
        found: list[Mention] = []
        self._skip = skip
        self._collect(tok, want, poss, found, depth=0)
        self._skip = -1
        seen: set[str] = set()
        return [m for m in found if not (m.name in seen or seen.add(m.name))]  # type: ignore[func-returns-value]

    def _collect(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> None:
        if depth > 4 or tok.i == self._skip:
            return
        m = self.at.get(tok.i)
        if m is not None:
            self._name_conjuncts(tok, m, want, out)
            found = self._as_wanted(m, want)
            if found is not None:
                out.append(found)
            elif poss and m.type is PRODUCT and PRODUCT not in want:
                # "panels for X's phones", "the launch customer for the X Z-10 jet": a
                # product named by its owner or maker stands for it
                for child in tok.children:
                    maker = child.dep_ in {"compound", "nmod"} and not m.start <= child.i < m.end
                    if child.dep_ == "poss" or (maker and child.i in self.at):
                        self._collect(child, want, False, out, depth + 1)
            self._appos_conjuncts(tok, want, poss, out, depth)
            for item in self._clause_swallowed(tok, m):
                self._collect(item, want, poss, out, depth + 1)
            out.extend(self._listed_names(m, want))
            out.extend(self._object_tail_names(tok, want))
        elif tok.lower_ == "whose" or (tok.lower_ in {"which", "whom"} and tok.dep_ == "pobj"):
            # "X, whose customers include Y", "X, in which Y holds 34%": the name the
            # relative clause describes
            owner = _whose_antecedent(tok)
            if owner is not None:
                self._collect(owner, want, poss, out, depth + 1)
        elif self.is_anaphor(tok):
            before = len(out)
            out.extend(r for r in self.refer(tok) if r.type in want)
            if len(out) == before and want == {PRODUCT}:
                out.extend(self._product_topic(tok))
            # "Loftwell, the home-rental platform founded by X": the name it describes
            # ("A quit as head of X, the service she co-founded": X, not A, when the
            # parser hung the description on an earlier name or on the verb)
            described = self._name_before_comma(tok) if len(out) == before else None
            if described is not None:
                self._collect(described, want, poss, out, depth + 1)
            elif len(out) == before and tok.dep_ == "appos":
                self._collect(tok.head, want, poss, out, depth + 1)
        elif tok.lemma_.lower() in self.partitives or tok.lower_ in self.partitives:
            before = len(out)
            self._collect_partitive(tok, want, poss, out, depth)
            if (
                len(out) == before
                and tok.tag_ in {"NNS", "NNPS"}
                and any(lists_members(c) for c in tok.children)
            ):
                # "local businesses, such as X and Y": a plural that names its members
                self._collect_noun(tok, want, poss, out, depth)
        elif tok.ent_type_ == "MONEY" and of_shares(tok):
            # "bought $500 million of X shares": the sum stands for the shares it buys
            self._collect_partitive(tok, want, poss, out, depth)
        else:
            before = len(out)
            self._collect_noun(tok, want, poss, out, depth)
            if len(out) == before and _counted_plural(tok):
                self._named_next(tok, want, out, depth)
        for child in [*tok.children, *self._inner_conjuncts(tok, m)]:
            if child.dep_ == "conj" and not self._gapped_holder(child):
                if self._swallowed_by(child, tok):
                    continue  # "A, the firm run by P, and B": B is A's list's, not P's
                tail = self._object_tail(child)
                if tail is not None and tail.i != tok.i:
                    continue  # the last item of a later object's list, hung on tok
                # A list goes on however long it is: the parser chains each item under
                # the one before it, so a conjunct costs no depth.
                self._collect(self._described_name(child), want, poss, out, depth)

    def _object_tail(self, conj: Token) -> Token | None:
        """The object whose list a conjunct ends when the parser, lost in a description
        set off on the object, hung the last item on the verb or the subject: "invested
        in X, which makes pumps, and Y.", "bought X, an Oslo-based lender, and Y." The
        item closes the clause and names the same kind of entity as the object."""
        n, doc = self.at.get(conj.i), self.doc
        if n is None or conj.dep_ != "conj" or n.start < 4:
            return None
        if doc[n.start - 1].lower_ != "and" or doc[n.start - 2].text != ",":
            return None
        if n.end < conj.sent.end and doc[n.end].text not in {".", ";", "!"}:
            return None
        t = doc[n.start - 3]
        while t.dep_ not in {"pobj", "dobj"} or t.i not in self.at:
            if t.head.i == t.i or t.head.i <= conj.head.i:
                return None
            t = t.head
        if t.right_edge.i != n.start - 3 or conj.head.i >= t.i or self.at[t.i].type != n.type:
            return None
        return t

    def _object_tail_names(self, tok: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The item the parser hung elsewhere that ends the list ``tok`` opens (see
        ``_object_tail``)."""
        j = tok.right_edge.i + 3
        n = self.at.get(j) if j < len(self.doc) else None
        if n is None or n.start != j or n.type not in want or tok.dep_ not in {"pobj", "dobj"}:
            return []
        root = self.doc[n.start : n.end].root
        tail = self._object_tail(root)
        return [n] if tail is not None and tail.i == tok.i else []

    def _described_name(self, conj: Token) -> Token:
        """The name a conjunct describes when the parser took its descriptor for the
        conjunct: "X and German carmaker Y", with "carmaker" conjoined and Y hung apart."""
        after = self.at.get(conj.i + 1)
        if conj.pos_ != "NOUN" or conj.i in self.at or after is None or after.start != conj.i + 1:
            return conj
        if not kind_of(conj, _company_kinds()):
            return conj
        return self.doc[after.start : after.end].root

    def _inner_conjuncts(self, tok: Token, m: Mention | None) -> list[Token]:
        """Conjuncts the parser hung on a word inside a name other than its head: "Bank
        of Kestrel, Orvane and Veltra" chains "Orvane" under "Kestrel"."""
        if m is None:
            return []
        return [
            c
            for t in self.doc[m.start : m.end]
            if t.i != tok.i
            for c in t.children
            if c.dep_ == "conj" and c.i >= m.end and c.i in self.at and not self._plain_word(c)
        ]

    def _plain_word(self, tok: Token) -> bool:
        """A one-word name that is a common noun ("Sports" in "the Council on Fitness,
        Sports, and Nutrition": one name's own words)."""
        m = self.at[tok.i]
        nouns = annotate.common_words("noun")
        return m.end - m.start == 1 and (tok.lower_ in nouns or tok.lower_[:-1] in nouns)

    def _named_next(
        self, tok: Token, want: frozenset[EntityType], out: list[Mention], depth: int
    ) -> None:
        """The names the next sentence lists for a counted plural: "acquired two companies.
        They are X, which makes valves, and Y", "bought three banks. The banks are X, Y
        and Z". Only when it lists two or more."""
        end = tok.sent.end
        if end >= len(self.doc):
            return
        nxt = self.doc[end].sent
        first = nxt[0]
        same = (
            first.lower_ in {"the", "these"}
            and len(nxt) > 1
            and nxt[1].lemma_.lower() == tok.lemma_.lower()
        )
        if not (first.lower_ in {"they", "these"} or same):
            return
        root = nxt.root
        if root.lemma_.lower() not in {"be", "include"} or root.i > first.i + 3:
            return
        found: list[Mention] = []
        for child in root.children:
            if child.dep_ in {"attr", "dobj"} and child.i > root.i:
                self._collect(child, want, False, found, depth + 1)
        if len({m.name for m in found}) >= 2:
            out.extend(found)

    def _product_topic(self, tok: Token) -> list[Mention]:
        """A product "it" continues: "X is a video game ... It was developed by Y". The
        pronoun stands for the last subject before it when that subject is a product."""
        if tok.lower_ != "it":
            return []
        before = [
            m
            for m in [*self.subjects, *self.mentions]
            if m.end <= tok.i and any(t.dep_ in SUBJ for t in self.doc[m.start : m.end])
        ]
        last = max(before, key=lambda m: m.start, default=None)
        if last is not None and last.type is PRODUCT and tok.i - last.start < 120:
            return [last]
        return []

    def _gapped_holder(self, conj: Token) -> bool:
        """A conjoined name followed by its own share, the verb left out: "owns 51% of X
        and Y the remaining 49%", "takes 20% of X and Y about 3%". Y holds no part of X."""
        m = self.at.get(conj.i)
        if m is None:
            return False
        for tok in self.doc[m.end : min(m.end + 5, len(self.doc))]:
            if tok.like_num:
                nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
                return nxt is not None and nxt.lower_ in {"%", "percent", "pct"}
            if tok.lower_ not in {"the", "about", "around", "roughly", "some", "remaining", "a"}:
                return False
        return False

    def _appos_conjuncts(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> None:
        """Names coordinated with a name across its appositive: "A, its chief executive,
        and B" (the parser hangs B on the appositive, not on A)."""
        for child in tok.children:
            if child.dep_ == "appos" and self._listed_appos(tok, child):
                # "by A, B and C": the parser hangs B on A as an appositive, C on B
                self._collect(child, want, poss, out, depth + 1)
                continue
            if child.dep_ != "appos" or child.i in self.at or child.i == self._skip:
                continue
            for conj in child.children:
                if conj.dep_ == "conj" and conj.i in self.at:
                    self._collect(conj, want, poss, out, depth + 1)
            for conj in self._appos_swallowed(tok, child):
                self._collect(conj, want, poss, out, depth + 1)

    def _appos_swallowed(self, tok: Token, appos: Token) -> list[Token]:
        """The next item of a list an appositive's phrase swallowed: "A, the firm run by
        P, and B" (the parser hangs B on P). An item of the name's own kind after ", and",
        hung on a name of another kind inside the appositive, goes on the name's list."""
        m = self.at.get(tok.i)
        if m is None:
            return []
        out = []
        for t in appos.subtree:
            item, held = self.at.get(t.i), self.at.get(t.head.i)
            if t.dep_ != "conj" or item is None or held is None or t.head.i == appos.i:
                continue
            if any(a.i == self._asker for a in t.ancestors):
                continue  # asked by the phrase's own verb: "run by P" is no list of A's
            if item.type is not m.type or held.type is m.type or item.start < 2:
                continue
            if self.doc[item.start - 1].lower_ == "and" and self.doc[item.start - 2].text == ",":
                out.append(t)
        return out

    def _swallowed_by(self, conj: Token, tok: Token) -> bool:
        """``conj`` is an item of an outer list that the appositive holding ``tok`` swallowed
        (see :meth:`_appos_swallowed`): a name after ", and" of another kind than ``tok``'s,
        where ``tok`` sits in an appositive on a name of the item's kind."""
        item, held = self.at.get(conj.i), self.at.get(tok.i)
        if item is None or held is None or item.type is held.type or item.start < 2:
            return False
        if self.doc[item.start - 1].lower_ != "and" or self.doc[item.start - 2].text != ",":
            return False
        for a in tok.ancestors:
            if a.dep_ == "appos" and a.i not in self.at:
                host = self.at.get(a.head.i)
                return host is not None and host.type is item.type
        return False

    def _clause_swallowed(self, tok: Token, m: Mention) -> list[Token]:
        """The next items of a list a "who" clause set off on one of its names swallowed:
        "A, who was chief architect at X, B and C" (the parser hangs B on X, the clause's
        object). An item of the name's own kind after a comma, hung on a name of another
        kind, goes on the name's list, not the object's."""
        out = []
        for clause in tok.children:
            if clause.dep_ != "relcl" or self.doc[clause.left_edge.i - 1].text != ",":
                continue
            if not any(c.lower_ == "who" and c.dep_ in _SUBJ for c in clause.children):
                continue
            for t in clause.subtree:
                item, held = self.at.get(t.i), self.at.get(t.head.i)
                if t.dep_ != "conj" or item is None or item.type is not m.type:
                    continue
                other_kind = held is None or held.type is not m.type
                if other_kind and item.start > 0 and self.doc[item.start - 1].text == ",":
                    out.append(t)
        return out

    def _listed_appos(self, tok: Token, child: Token) -> bool:
        """A name after a comma that is the middle item of a list of names of the same
        kind, misparsed as an appositive: it has its own "and C" conjunct."""
        first, mid = self.at.get(tok.i), self.at.get(child.i)
        if first is None or mid is None or mid.type is not first.type or child.i == self._skip:
            return False
        if (
            first.type is PERSON
            and not set(first.name.split()) & set(mid.name.split())
            and any(t.text == "," or t.lower_ == "and" for t in self.doc[first.end : mid.start])
        ):
            # "by A, a chemist, B, a physicist, and C", "by singer A and pianist B": no
            # one is another person
            return True
        if mid.start == 0 or self.doc[mid.start - 1].text != ",":
            return False
        kids = list(child.children)
        return _list_closes(child) and any(
            c.dep_ == "conj" and self.at.get(c.i) is not None and self.at[c.i].type is first.type
            for c in kids
        )

    def _as_wanted(self, m: Mention, want: frozenset[EntityType]) -> Mention | None:
        """The mention as a slot of types ``want`` takes it, retyped where NER erred; or None."""
        if m.type in want:
            return m
        if m.lone_person and want == {PERSON} and not self.name_before(m):
            # "Anya is the chief executive of X": a first name alone, in a person's slot
            return Mention(m.start, m.end, m.name, PERSON, m.source)
        if m.source != "ner":
            return None
        if m.type is PERSON and " " not in m.name and ORG in want and PERSON not in want:
            # A one-word "person" where only an organization fits is a company name.
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if (
            m.type is PERSON
            and ORG in want
            and PERSON not in want
            and company_word(self.doc[m.end - 1])
        ):
            # "Redwing Studio is a division of X": a "person" ending in a company word
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if m.type is PERSON and ORG in want and PERSON not in want and self._listed_with_org(m):
            # "clients include A, B and Lena Marsh": a "person" closing a list of companies
            return Mention(m.start, m.end, m.name, ORG, m.source)
        root = self.doc[m.start : m.end].root
        if m.type is PERSON and ORG in want and PERSON not in want and _has_clients(root):
            # "Dalton Reed's larger clients include A and B": who has a firm's clients
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if m.type is PERSON and ORG in want and PERSON not in want and _called_company(root):
            # "A and Kestrel Transit, a bus operator": a "person" set off as a company
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if m.type is PERSON and ORG in want and PERSON not in want and self._names_business(m):
            # "the owner of the Premier Lodge hotel chain": a "person" naming a business
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if m.type is PRODUCT and want == {ORG} and self._subject_beside_org(root):
            # "Velmora and Brantel set up a venture": a one-word "product" listed with a
            # company as the subject of a verb only companies do
            return Mention(m.start, m.end, m.name, ORG, m.source)
        if m.type is ORG and want == {PERSON} and looks_like_person(self.doc[m.start : m.end]):
            # "Ingrid Dahl" tagged ORG where only a person fits ("replacing X", "CEO X").
            return Mention(m.start, m.end, m.name, PERSON, m.source)
        if m.type is ORG and want == {PERSON} and self._first_name_subject(m):
            # "Anya was formerly chief executive of X": a biography names its subject
            # by a first name alone, which NER took for a company
            return Mention(m.start, m.end, m.name, PERSON, m.source)
        if (
            m.type is ORG
            and want == {PRODUCT}
            and not any(company_word(t) for t in self.doc[m.start : m.end])
        ):
            # "the maker of Call of Duty": a title NER took for a company
            return Mention(m.start, m.end, m.name, PRODUCT, m.source)
        return None

    def _first_name_subject(self, m: Mention) -> bool:
        """One capitalized word (no acronym, no company word), written alone, the subject
        of its clause: the person a role noun of the clause describes."""
        if m.end - m.start != 1 or self.name_before(m):
            return False
        tok = self.doc[m.start]
        after = self.doc[m.end] if m.end < len(self.doc) else None
        return (
            tok.is_title
            and tok.is_alpha
            and len(tok.text) > 2
            and tok.dep_ in {"nsubj", "nsubjpass"}
            and not company_word(tok)
            and (after is None or not (after.pos_ == "PROPN" and after.text[:1].isupper()))
        )

    def _subject_beside_org(self, root: Token) -> bool:
        """The word is a one-word subject conjoined with a company's name, or the
        conjunct of one: "Velmora and Brantel agreed", "Brantel and Velmora agreed"."""
        if root.i not in self.at or self.at[root.i].end - self.at[root.i].start != 1:
            return False
        if root.dep_ == "nsubj":
            others = [c for c in root.children if c.dep_ == "conj"]
        elif root.dep_ == "conj" and root.head.dep_ == "nsubj":
            others = [root.head]
        else:
            return False
        return any(o.i in self.at and self.at[o.i].type is ORG for o in others)

    def _listed_names(self, m: Mention, want: frozenset[EntityType]) -> list[Mention]:
        """The other names of a written list the mention stands in ("A, B, C and D"), read
        off the commas when the parser lost the list in a long run of names. Only a long
        list counts (four names or more: three may be a name's own words or a place after
        it), or three companies "A, B and C"; a "person" or "product" NER found among
        companies is a company."""
        run = self._name_run(m)
        if len(run) < 3 or (len(run) == 3 and not self._three_companies(run)):
            return []
        orgs = sum(r.type is ORG for r in run)
        out = []
        for r in run:
            got = self._as_wanted(r, want)
            if got is None and want == {ORG} and r.source == "ner" and orgs * 2 > len(run):
                got = Mention(r.start, r.end, r.name, ORG, r.source)
            if got is not None and r is not m:
                out.append(got)
        return out

    def _three_companies(self, run: list[Mention]) -> bool:
        """ "A, B and C" with three names NER itself typed companies and an "and" before
        the last: a list, not one name's words or a name with its place."""
        if not all(r.type is ORG and r.source == "ner" for r in run):
            return False
        nouns = annotate.common_words("noun")
        if any(r.end - r.start == 1 and self.doc[r.start].lower_ in nouns for r in run):
            return False  # "the Council on Fitness, Sports, and Nutrition": one name's words
        return self.doc[run[-1].start - 1].lower_ in {"and", "or"}

    def _name_run(self, m: Mention) -> list[Mention]:
        """The mentions joined to ``m`` by nothing but list commas and "and"/"or"; a short
        run of capitalized words between two commas is an item NER did not name."""
        before = self.doc[m.start - 1].lower_ if m.start else ""
        # the name after "and" closes its list: nothing after it belongs to the list
        after = [] if before in {"and", "or"} else self._run_side(m, 1)
        return sorted([m, *after, *self._run_side(m, -1)], key=lambda r: r.start)

    def _run_side(self, m: Mention, step: int) -> list[Mention]:
        """The names listed after ``m`` (``step`` 1) or before it (``step`` -1)."""
        doc, found = self.doc, []
        i = m.end if step == 1 else m.start - 1
        for n in range(60):
            if step == 1 and i < len(doc) and doc[i].lower_ in {"'s", "’s"}:
                if self._owner_of_next(m):
                    break
                i += 1  # "Levi's, Nike": a brand's own possessive
            seps: list[str] = []
            while 0 <= i < len(doc) and doc[i].lower_ in _LIST_GLUE and len(seps) < 3:
                seps.append(doc[i].lower_)
                i += step
            if step == -1:
                seps.reverse()
            if seps not in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
                break
            if step == -1 and n and seps != [","]:
                break  # going back, only the list's first join may hold "and"
            item = self._list_item(i, step)
            if item is None:
                break
            i, named = item
            found += [named] if named is not None else []
            if step == 1 and seps[-1] in {"and", "or"}:
                break  # the item after "and" ends the list
        return found

    def _list_item(self, i: int, step: int) -> tuple[int, Mention | None] | None:
        """The list item at token ``i`` (read in direction ``step``): where the next join
        starts, and its mention if it is one."""
        doc = self.doc
        if step == -1 and i > 0 and doc[i].lower_ in {"'s", "’s"}:
            i -= 1  # "Levi's, Nike" read backwards
        m = self.at.get(i)
        if m is not None and (m.start if step == 1 else m.end - 1) == i:
            if step == 1 and self._owner_of_next(m):
                return None  # "A, B, C's chief executive": C owns what follows
            return (m.end if step == 1 else m.start - 1), m
        j, n = i, 0
        while 0 <= j < len(doc) and doc[j].lower_ not in _LIST_GLUE:
            t = doc[j]
            if j in self.at or n >= 4 or not (t.pos_ in _NAME_POS or t.text in {"+", "&"}):
                return None
            j, n = j + step, n + 1
        if n == 0:
            return None  # the list ends at the text's edge or at another join
        first = doc[i] if step == 1 else doc[j + 1]
        if not (first.is_title or first.is_upper or first.is_digit):
            return None
        return j, None

    def _owner_of_next(self, m: Mention) -> bool:
        """The mention is a possessor of the words after it ("Hospedia's CEO"), not a
        brand named with its own possessive ("Levi's, Nike")."""
        doc = self.doc
        if m.end >= len(doc) or doc[m.end].lower_ not in {"'s", "’s"}:
            return False
        nxt = doc[m.end + 1] if m.end + 1 < len(doc) else None
        return nxt is not None and nxt.lower_ not in _LIST_GLUE and not nxt.is_punct

    def _listed_with_org(self, m: Mention) -> bool:
        """The mention ends a list whose two items before it are companies."""
        tok, seen = self.doc[m.start : m.end].root, [m]
        while len(seen) < 3:
            if tok.dep_ not in {"conj", "appos"}:
                return False
            tok = tok.head
            before = self.at.get(tok.i)
            if before is None or before.type is not ORG:
                return False
            if all(before is not s for s in seen):
                seen.append(before)  # "A & B LLC": the parser's conjuncts inside one name
        return True

    def _names_business(self, m: Mention) -> bool:
        """The mention modifies a noun for a business: "the Premier Lodge hotel chain"."""
        root = self.doc[m.start : m.end].root
        head = root.head
        return (
            root.dep_ == "compound"
            and head.i > root.i
            and head.i not in self.at
            and head.lemma_.lower() in _BUSINESS_NOUNS
        )

    def name_before(self, m: Mention) -> bool:
        """A capitalized proper noun right before the mention: the mention is the end of
        a longer name NER cut ("Raghib" "Hussain"), not a name alone."""
        if m.start == 0:
            return False
        prev = self.doc[m.start - 1]
        return prev.is_title and prev.is_alpha and prev.pos_ == "PROPN"

    def _collect_partitive(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> None:
        # "all shares of X", "a 10 pct stake in X": the entity hangs off the noun
        # (or off the verb: "acquire Y's stake in X"); an owner ("X's shares",
        # "Trilogy common shares") counts only when no "in"/"of" names one.
        if self._named_unit(tok, want, poss, out, depth):
            return
        hosts = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])
        hosts += [c for c in tok.children if c.dep_ in {"appos", "conj"}]
        # "the shares it does not already hold in X": the company named in the clause
        hosts += [c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in _HOLD]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                    for pobj in self._objects_of(prep):
                        if not self._gapped_holder(pobj):  # "20% of X and Y 3%", misparsed
                            self._collect(pobj, want, poss, out, depth + 1)
        for child in tok.children:
            if child.dep_ == "appos" and not out:
                self._collect(child, want, poss, out, depth + 1)  # "its unit, X Ltd"
        if not out:
            business = tok.lemma_.lower() in self.business_parts
            for child in tok.children:
                if child.dep_ in {"poss", "compound", "nmod"}:
                    if business and child.i not in self.at:
                        continue  # "sell its dairy operations": "its" is the seller
                    self._collect(child, want, True, out, depth + 1)
        if not out and _bare_rest(tok):
            out.extend(m for m in self._held_in_sentence(tok) if m.type in want)

    def _held_in_sentence(self, tok: Token) -> list[Mention]:
        """The one company the sentence says a stake of is held ("X, which already owns
        45 pct of Y, agreed to acquire the rest": the rest of Y)."""
        found: dict[str, Mention] = {}
        for verb in tok.sent:
            if verb.lemma_.lower() not in _HOLD or verb.pos_ != "VERB":
                continue
            for obj in verb.children:
                if obj.dep_ != "dobj" or obj.lemma_.lower() not in self.partitives:
                    continue
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                        for pobj in self._objects_of(prep):
                            m = self.at.get(pobj.i)
                            if m is not None:
                                found[m.name] = m
        return list(found.values()) if len(found) == 1 else []

    def _of_members(self, tok: Token, child: Token, want: frozenset[EntityType]) -> bool:
        """Whether the noun's "of" phrase names who it stands for: "a group of investors
        led by A", "a number of firms, including A"; a board stands only for the company
        its one "of" phrase names (not the "Board of Visitors of X")."""
        lemma = tok.lemma_.lower()
        if child.dep_ != "prep" or child.lower_ != "of" or tok.i in self.at:
            return False
        if not (
            lemma in _COLLECTIVE | _QUANTITIES | _BODIES or (PRODUCT in want and lemma in _VERSIONS)
        ):
            return False
        return lemma not in _BODIES or self._company_board(tok)

    def _named_modifier(self, child: Token) -> bool:
        """A name the tagger read as an adjective: a known name ("the Azure cloud"), or a
        capitalized word inside the sentence the entity stage made a product ("Kelso
        detergent and Zentra soap")."""
        m = self.at[child.i]
        if m.source == "gazetteer":
            return True
        return m.type is PRODUCT and child.is_title and child.i > child.sent.start

    def _collect_noun(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> None:
        """A word that is no name: the names it is described by or made of."""
        before = len(out)
        if self._named_unit(tok, want, poss, out, depth):
            return
        named = self._named_appositive(tok, want, poss, out, depth)
        former = _former_staff(tok)
        for child in tok.children:
            if named and child.dep_ in {"compound", "nmod", "poss", "appos"}:
                continue
            if former and child.dep_ in {"compound", "nmod", "amod", "poss"}:
                continue  # "three former X engineers": X was their employer, not a party
            if lists_members(child):
                # "investors including A, B and C", "partners such as A and B"
                for pobj in self._objects_of(child):
                    self._collect(pobj, want, poss, out, depth + 1)
            elif (
                child.dep_ == "acl"
                and child.lemma_.lower() in _LED
                and child.tag_ == "VBN"
                and tok.lemma_.lower() in _LED_GROUPS
            ):
                # "a consortium led by A": the group stands for who leads it
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in self._objects_of(agent):
                            self._collect(pobj, want, poss, out, depth + 1)
            elif self._of_members(tok, child, want):
                for pobj in self._objects_of(child):
                    self._collect(pobj, want, poss, out, depth + 1)
            if (
                child.dep_ in {"compound", "nmod"}
                or (poss and child.dep_ == "poss")
                # "the Azure cloud": a name the tagger read as an adjective
                or (
                    child.dep_ == "amod"
                    and child.i in self.at
                    and (child.pos_ == "PROPN" or self._named_modifier(child))
                )
            ):
                self._collect_modifier(tok, child, want, poss, out, depth)
            elif child.dep_ == "appos":
                self._collect(child, want, poss, out, depth + 1)
        if not out and _listed_by_include(tok):
            # "teams that have used X include A and B": the members the clause names
            for obj in tok.head.children:
                if obj.dep_ in {"dobj", "attr"}:
                    self._collect(obj, want, poss, out, depth + 1)
        described = self._name_before_comma(tok)
        if not out and described is not None:
            self._collect(described, want, poss, out, depth + 1)
        if not out:
            out.extend(self._person_after_comma(tok, want))
        if not out and tok.dep_ == "appos":
            self._collect(tok.head, want, poss, out, depth + 1)
        if not out or (len(out) == before and self._product_item(tok, want)):
            # A product list item NER missed ("makes the Brisa, the Corvan and the
            # Talon") is judged on its own, whatever the items before it found.
            self._collect_adjacent(tok, want, out)

    @staticmethod
    def _product_item(tok: Token, want: frozenset[EntityType]) -> bool:
        """A later item of a list of products; "X, a Fortune 500 company" read as a list
        item describes X, and company lists are NER's to find."""
        return want == {PRODUCT} and tok.dep_ == "conj" and tok.left_edge.lower_ not in {"a", "an"}

    def _name_before_comma(self, tok: Token) -> Token | None:
        """The name a descriptive noun phrase stands in apposition to when the parser lost
        the apposition: "X, the app owned by Y, ..." read with "app" as a second subject,
        "bought X, the trader controlled by Y" with the appositive hung on the buyer."""
        left = tok.left_edge
        if tok.dep_ not in _SUBJ | _LOST_APPOS or left.lower_ not in {"the", "a", "an"}:
            return None
        if left.i < 2 or self.doc[left.i - 1].text != ",":
            return None
        m = self.at.get(left.i - 2)
        if m is None or m.end != left.i - 1:
            return None
        root = self.doc[m.start : m.end].root
        if root.dep_ == "conj" or root.i == tok.head.i:
            return None  # "A and B, the two ...": no one name; a sound apposition
        if tok.dep_ == "appos" and tok.head.i in self.at and tok.head.i < root.i:
            return root  # hung on an earlier name
        if tok.dep_ != "appos" and root.dep_ == tok.dep_ and root.head.i == tok.head.i:
            return root
        if tok.tag_ != "NN":
            return None  # "bought X, the companies said": a plural is not X's description
        if tok.dep_ in _SUBJ and root.dep_ == "npadvmod" and root.head.i == tok.head.i:
            return root  # "X, the firm behind Y, was founded": X read as a bare noun
        if tok.dep_ in {"dobj", "npadvmod"} and self._inside_earlier_argument(tok, root):
            return root  # "agreed to buy a stake in X, the company that A founded"
        if tok.dep_ in _SUBJ and self._set_off_with_clause(tok):
            return root  # "A quit as head of X, the service she co-founded, and will ..."
        return None

    def _set_off_with_clause(self, tok: Token) -> bool:
        """A description whose relative clause ends at a comma or the sentence's end:
        set off on both sides, it is an apposition wherever the parser hung it (a subject
        of the clause after it would run on into its verb)."""
        clause = next((c for c in tok.rights if c.dep_ == "relcl"), None)
        if clause is None:
            return False
        words = [t.i for t in tok.subtree if t.dep_ not in {"punct", "cc"}]
        end = max(words) + 1
        return end >= len(self.doc) or self.doc[end].text in {",", ".", ";"}

    @staticmethod
    def _inside_earlier_argument(tok: Token, root: Token) -> bool:
        """A name inside an argument of ``tok``'s verb that comes before ``tok``: a second
        object or a bare noun on the verb after it is the name's lost apposition."""
        node = root
        while node.head.i != node.i and node.head.i != tok.head.i:
            node = node.head
        return node.head.i == tok.head.i and node.i < tok.i and node.dep_ in _EARLIER_ARGUMENTS

    def _person_after_comma(self, tok: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The person a role noun is set before when the parser lost the apposition:
        "founded by its chief executive, Ana Ruiz, in 2017"."""
        j = tok.i + 1
        if PERSON not in want or not _role_word(tok.lower_) or j + 1 >= len(self.doc):
            return []
        if self.doc[j].text != ",":
            return []
        m = self.at.get(j + 1)
        head = self.doc[j + 1]
        while head.dep_ == "compound" and head.head.i == head.i + 1:
            head = head.head  # the name's last word
        if m is None and head.pos_ == "PROPN" and self._plain_name(head):
            m = next(iter(self.ents_at(head, frozenset({PERSON}))), None)
        if m is None or m.type is not PERSON or m.start != j + 1:
            return []
        after = self.doc[m.end] if m.end < len(self.doc) else None
        return [m] if after is None or after.text in {",", "."} else []

    def _collect_modifier(
        self,
        tok: Token,
        child: Token,
        want: frozenset[EntityType],
        poss: bool,
        out: list[Mention],
        depth: int,
    ) -> None:
        cm = self.at.get(child.i)
        if cm is not None and self._modifies_noun(cm):
            return  # "the Premier League club", "the Nasdaq-listed firm"
        named = cm is not None and self.is_product_name(cm, tok, want)
        if cm is not None and (cm.type in want or (named and not _owner_of_named(tok, child))):
            self._collect(child, want, poss, out, depth + 1)
        elif cm is None and want == {PRODUCT} and child.dep_ == "compound" and depth < 3:
            # "Orlo's Zeta Cloud service": the product name inside a chain of modifiers
            for inner in child.children:
                if inner.dep_ in {"compound", "nmod"} and inner.i < child.i:
                    self._collect_modifier(tok, inner, want, poss, out, depth + 1)
        elif cm is None and child.dep_ == "compound" and self._unit_kind(tok, child, want):
            # "its A and B security units": the names modify the unit's kind
            for inner in child.children:
                if inner.dep_ in {"compound", "nmod"} and inner.i < child.i:
                    self._collect(inner, want, poss, out, depth + 1)
        elif (
            child.dep_ == "poss"
            and self.is_anaphor(child)
            and not any(
                c.dep_ in {"compound", "nmod"}
                and self.at.get(c.i) is not None
                and self.at[c.i].type in want
                for c in tok.children
            )
            and not any(self._unit_kind(tok, c, want) for c in tok.children)
        ):  # "its Keller Valve division": the name, not the pronoun's owner
            out.extend(r for r in self.refer(child) if r.type in want)

    def _company_board(self, tok: Token) -> bool:
        """ "the board of X": one "of" phrase, and it names a company."""
        ofs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        return len(ofs) == 1 and all(
            any(t.i in self.at for t in p.subtree) for p in self._objects_of(ofs[0])
        )

    def _named_unit(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> bool:
        """A company part written with its own name: "X's Orlo unit", "the Orlo unit of
        X" stand for Orlo, the part, not for its owner X."""
        if tok.lemma_.lower() not in _UNIT_NOUNS or tok.i in self.at:
            return False
        if tok.dep_ not in {"dobj", "nsubjpass", "nsubj", "ROOT"} and not (
            tok.dep_ == "pobj" and tok.head.lower_ in {"of", "with", "by"}
        ):
            return False  # a buyer's unit ("sold X to Y's Orlo unit") may stand for Y too
        before = len(out)
        for child in tok.children:
            if child.dep_ in {"compound", "nmod"} and child.i < tok.i:
                m = self.at.get(child.i)
                if m is not None and m.type in want:
                    self._collect(child, want, poss, out, depth + 1)
                elif self._unit_kind(tok, child, want):
                    self._collect_modifier(tok, child, want, poss, out, depth)
        return len(out) > before or self._unnamed_name(tok)

    def _unnamed_name(self, tok: Token) -> bool:
        """The unit bears a capitalized name no mention holds ("X's Zenvia unit", the
        name read as an adjective): the unit is not its owner, so it stands for nobody."""
        return any(c.dep_ == "poss" for c in tok.children) and any(
            c.dep_ in {"compound", "amod"}
            and c.i == tok.i - 1
            and coined(c)
            and c.i > tok.sent.start
            and c.i not in self.at
            for c in tok.children
        )

    def _unit_kind(self, tok: Token, child: Token, want: frozenset[EntityType]) -> bool:
        """A plain noun naming the kind of a company part, itself modified by names:
        "its A and B security subsidiaries" ("security" under "subsidiaries")."""
        return (
            ORG in want
            and child.dep_ == "compound"
            and child.pos_ == "NOUN"
            and child.i not in self.at
            and tok.lemma_.lower() in _UNIT_NOUNS
            and any(
                c.dep_ in {"compound", "nmod"}
                and c.i < child.i
                and self.at.get(c.i) is not None
                and self.at[c.i].type in want
                for c in child.children
            )
        )

    def _collect_adjacent(
        self, tok: Token, want: frozenset[EntityType], out: list[Mention]
    ) -> None:
        """A name right after a bare noun, or one made up for a proper noun NER missed."""
        nxt = self.at.get(tok.i + 1)
        if tok.pos_ == "NOUN" and nxt is not None and nxt.start == tok.i + 1:
            root = self.doc[nxt.start : nxt.end].root
            clause = root.dep_ == "nsubj" and root.head.dep_ == "relcl"  # "the unit X sold"
            if nxt.type in want and tok.tag_ in {"NN", "NNS"} and not clause:
                out.append(nxt)  # "cloud computing company VMware" (no comma)
                if tok.tag_ == "NNS":  # "private-equity firms A and B": the names listed
                    out += [
                        self.at[c.i]
                        for c in root.children
                        if c.dep_ == "conj" and c.i in self.at and self.at[c.i].type in want
                    ]
                return
        made = self._made_up(tok, want)
        if made is None and PRODUCT in want:
            for child in reversed(list(tok.lefts)):
                if child.dep_ == "compound" and child.i not in self.at:
                    made = self._made_up(child, want)
                    if made is not None:
                        break
        if made is not None:
            out.append(made)

    def _name_after(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The first name after the verb across a bare description of it ("buying
        workplace messaging app Slack"): nouns, adjectives and participles only."""
        for tok in self.doc[verb.i + 1 : min(verb.i + 8, verb.sent.end)]:
            m = self.at.get(tok.i)
            if m is not None and self._modifies_noun(m):
                return []  # "buy the Nasdaq-listed company", "buy the Premier League club"
            if m is not None:
                return [m] if m.type in want else []
            if tok.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB", "DET", "PART"} or (
                tok.pos_ == "VERB" and tok.tag_ not in {"VBG", "VBN"}
            ):
                return []
        return []

    def _modifies_noun(self, m: Mention) -> bool:
        """A name that only describes the noun after it, which stands for some other,
        unnamed company: fused to a participle ("the Nasdaq-listed company") or a
        competition the company plays in ("the Premier League club")."""
        if m.end + 1 < len(self.doc) and self.doc[m.end].text == "-":
            return self.doc[m.end + 1].tag_ in {"VBN", "VBD"}
        root = self.doc[m.start : m.end].root
        return (
            root.dep_ in {"compound", "nmod"}
            and root.head.i >= m.end
            and root.head.pos_ == "NOUN"
            and m.name.split()[-1].lower() in _COMPETITIONS
        )

    def is_product_name(self, m: Mention, head: Token, want: frozenset[EntityType]) -> bool:
        """A name NER took for a company, naming a product noun: "the Foundry platform"."""
        return (
            want == {PRODUCT}
            and m.type is ORG
            and m.source == "ner"
            and head.lemma_.lower() in self.product_heads
            and (m.start - 1) not in self.at  # "Gemini Nano": not a piece of a longer name
        )

    def _named_appositive(
        self, tok: Token, want: frozenset[EntityType], poss: bool, out: list[Mention], depth: int
    ) -> bool:
        """Collect a common noun's appositive name ("researchers Dario Amodei", "a company
        called X"); True when one was found, so the noun's modifiers are not its referent."""
        if tok.pos_ != "NOUN":
            return False
        before = len(out)
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.at and self.at[child.i].type in want:
                self._collect(child, want, poss, out, depth + 1)
            elif child.dep_ == "acl" and child.lemma_.lower() in _NAMING:
                for name in child.children:
                    if name.dep_ in {"oprd", "attr", "dobj"}:
                        self._collect(name, want, poss, out, depth + 1)
        return len(out) > before

    def _objects_of(self, prep: Token) -> list[Token]:
        """A preposition's objects; for a misparse that left it none, the name right after it
        ("12 pct, of Cenergy Corp." with "Corp." parsed as punctuation)."""
        objs = [p for p in prep.children if p.dep_ in {"pobj", "pcomp"}]
        if objs:
            return objs
        for tok in self.doc[prep.i + 1 : min(prep.i + 6, prep.sent.end)]:
            if tok.i in self.at:
                return [tok]
            if tok.text in {",", ";", ":"} or (tok.pos_ == "VERB" and tok.dep_ != "amod"):
                break  # "by privately-held X": modifiers may come first, a clause may not
        return []

    def _name_conjuncts(
        self, tok: Token, m: Mention, want: frozenset[EntityType], out: list[Mention]
    ) -> None:
        # "Pellucid AI and Quorra Systems" misparsed as one noun phrase: a name
        # modifier followed by "and" or a comma is a conjunct.
        for child in [*tok.children, *self._described_modifiers(tok)]:
            cm = self.at.get(child.i)
            if child.dep_ in {"nmod", "compound", "amod"} and cm is not None and cm is not m:
                after = self.doc[cm.end] if cm.end < len(self.doc) else None
                if after is not None and after.lower_ in {"and", ",", "&"} and cm.type in want:
                    out.append(cm)

    def _described_modifiers(self, tok: Token) -> list[Token]:
        """Names hung on the descriptor of ``tok`` when both conjuncts carry one: "with
        German carmaker X and Swiss group Y" parsed with X inside "Swiss group"."""
        return [
            g
            for c in tok.children
            if c.dep_ == "compound" and c.i not in self.at and kind_of(c, _company_kinds())
            for g in c.children
            if g.i < c.i
        ]

    def reporter(self, tok: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The subject of the "said" that reports the trigger's clause."""
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
                return []
            node = node.head
            if node.lemma_.lower() in self.say_verbs:
                for child in node.children:
                    if child.dep_ == "nsubj":
                        return self.ents_at(child, want)
                return []
        return []

    def is_passive(self, verb: Token) -> bool:
        deps = {c.dep_ for c in verb.children}
        if _bare_passive(verb):
            return False
        return (
            bool(deps & {"nsubjpass", "auxpass", "agent"})
            or _passive_conjunct(verb)
            or (
                verb.dep_ in {"acl", "amod"}
                and verb.tag_ == "VBN"
                and "nsubj" not in deps  # "a statement that X invested in Y": a clause's own
                and self._misread_subject(verb) is None
            )
        )

    def _misread_subject(self, verb: Token) -> Token | None:
        """The name a main verb was misparsed as modifying or as governed by, when the
        name is the verb's real subject: "Orlo partnered with Kessel" read as a noun
        phrase (the verb a participle on the name), "In 2014 Orlo joined ..." (the name
        taken into the opening date phrase). None when the parse holds."""
        head, host = verb.head, None
        if verb.dep_ == "acl" and head.dep_ != "ROOT" and verb.tag_ in {"VBD", "VBN"}:
            # "X, led by chief executive A, invested in Y": the verb hung on the last
            # name of the clause set between the subject and it
            root = verb.sent.root
            if root.i in self.at and _past_appositive(root, verb, verb.head):
                head, host = root, verb.head
        if verb.dep_ in {"acl", "conj"} and head.dep_ == "ROOT" and verb.tag_ in _FINITE:
            m = self.at.get(head.i)
            end = verb.i if m is None else m.end
            if m is None and head.lemma_.lower() in _UNIT_NOUNS and head.i > 0:
                # "Orlo's Zenvia unit invested in Y": the name before the unit noun
                m = self.at.get(head.i - 1)
                end = head.i + 1 if m is not None and m.end == head.i else -1
            if (
                m is not None
                and (
                    (
                        verb.dep_ == "acl"
                        and verb.tag_ in {"VBD", "VBN"}
                        and (end == verb.i or _past_appositive(head, verb, host))
                    )
                    or self._only_set_off(head, m.end, verb.i)
                )
                and not any(
                    c.dep_ in {"agent", "nsubj", "nsubjpass", "auxpass"} for c in verb.children
                )
            ):
                return head
        if verb.dep_ == "ROOT" and verb.pos_ == "VERB":
            if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children):
                return None
            for prep in verb.lefts:
                if prep.dep_ != "prep" or prep.i != verb.sent.start:
                    continue
                for pobj in prep.children:
                    m = self.at.get(pobj.i)
                    dated = any(t.like_num for t in self.doc[prep.i + 1 : m.start]) if m else False
                    if m is not None and m.end == verb.i and dated:
                        return pobj
        return None

    def _lost_conjunct(self, m: Mention, want: frozenset[EntityType]) -> list[Mention]:
        """The name written before a subject with "and" that the parser hung elsewhere,
        when the two open the clause: "X and Danish brewer Y agreed", "X, which makes
        pumps, and Y agreed" (X read as a modifier or as a clause of its own)."""
        doc, i = self.doc, m.start - 1
        if i > 0 and kind_of(doc[i], _company_kinds()) and doc[i].pos_ == "NOUN":
            i -= 1  # a descriptor: "Danish brewer", "rival carmaker"
            while i > 0 and (doc[i].pos_ == "ADJ" or doc[i].ent_type_ == "NORP"):
                i -= 1
        if i < 1 or doc[i].lower_ != "and":
            return []
        i -= 1
        if doc[i].text == ",":  # "X, which makes pumps, and Y": skip the clause on X
            start = i - 1
            while start > 0 and doc[start].text != "," and i - start < 12:
                start -= 1
            opener = doc[start + 1] if start + 1 < i else None
            if doc[start].text != "," or opener is None or opener.lower_ not in _SET_OFF:
                return []
            i = start - 1
        first = self.at.get(i)
        if first is None or first.end - 1 != i or first.type not in want:
            return []
        before = doc[first.start - 1] if first.start > 0 else None
        opens = first.start == doc[i].sent.start or (before is not None and before.text == ",")
        return [first] if opens else []

    def _split_subjects(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A subject the parser split into two: a descriptor before a name ("German
        carmaker X and Y agreed", the descriptor and the name each a subject) or a list
        whose first item carries a clause ("X, which makes pumps, and Y agreed"). Empty
        when the verb has one subject."""
        subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
        if len(subjects) != 2:
            return []
        first, second = subjects
        lead = self.at.get(second.i)
        if lead is None or first.i in self.at:
            listed = any(c.dep_ == "cc" and c.i < second.i for c in first.children)
            return self.ents_at(first, want) + self.ents_at(second, want) if listed else []
        # the descriptor ends right where the name begins
        if first.pos_ == "NOUN" and first.i == lead.start - 1 and not first.ent_type_:
            return self.ents_at(second, want)
        return []

    def _only_set_off(self, name: Token, start: int, end: int) -> bool:
        """Whether the words from ``start`` to ``end`` are a description set off by commas
        on ``name`` and nothing else: "X, the Oslo-based maker of pumps, teamed up with Y",
        "X, which makes pumps, competes with Y" (the verb misread as hanging on X)."""
        words = self.doc[start:end]
        if len(words) < 3 or words[0].text != "," or words[-1].text != ",":
            return False
        inside = {
            t.i
            for c in name.children
            if c.dep_ in {"appos", "relcl"} and start < c.i < end
            for t in c.subtree
        }
        return bool(inside) and all(t.i in inside or t.is_punct for t in words)

    def agent(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The doer of ``verb``: its subject, its "by" phrase, or a governing verb's subject."""
        fused = self._fused_agent(verb, want)
        if fused is not None:
            return fused
        by = self._by_phrase(verb, want)
        if by is not None:
            return by
        split = self._split_subjects(verb, want)
        if split:
            return split
        bare = _bare_passive(verb)
        for child in _subjects(verb):
            if child.dep_ in {"nsubj", "csubj"} or (bare and child.dep_ == "nsubjpass"):
                if child.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
                    return self._antecedent(verb, want)
                found = self.ents_at(child, want, poss=child.pos_ == "NOUN")
                if len(found) == 1 and child.i in self.at:
                    found += self._lost_conjunct(found[0], want)
                return self._not_holders_owner(child, found)
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            head = verb.head
            found = self.ents_at(head, want)
            if not found and head.pos_ == "NOUN":
                # "a proposal from X seeking to buy Y": the noun's source is the doer.
                found = (
                    self.prep(head, "from", want)
                    or self.prep(head, "by", want)
                    or self.poss(head, want)
                    or self.copula_subject(head, want)
                )
            if found or head.pos_ != "NOUN":
                return found
        if verb.dep_ in {"ROOT", "ccomp"} and verb.pos_ in {"NOUN", "VERB"}:
            # misread verb: its subject was parsed as a compound on its left ("Orlo
            # Systems competes with Y", the verb read as the name's head; also in a
            # reported clause: "Orlo competes with Y, the companies said")
            names = [c for c in verb.lefts if c.dep_ in {"compound", "nmod"} and c.i in self.at]
            if names and (verb.pos_ == "NOUN" or self.at[names[-1].i].end == verb.i):
                return self.ents_at(names[-1], want)
        if verb.dep_ == "pcomp":
            # "entered talks with a view to acquiring X": whoever entered the talks
            return self.noun_owner(verb.head, want) or self._gerund_doer(verb, want)
        if (
            verb.dep_ in {"advcl", "xcomp", "acl"}
            and verb.head.lemma_.lower() in self.receiving
            and not any(
                _done_by_receiver(verb.head, c) for c in verb.head.children if c.dep_ == "dobj"
            )
        ):
            # "an offer it received from Y to buy X": the buyer is who it came from.
            return self.prep(verb.head, "from", want) or self.prep(verb.head, "by", want)
        if verb.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in verb.children):
            return []  # "X was removed, and Y was formed": a clause of its own, no doer
        if verb.dep_ in _CLIMB and verb.head.i != verb.i:
            head = verb.head
            if head.pos_ in {"VERB", "AUX"}:
                if self._patient_does(verb, head):
                    return self.patient(head, want)
                found = self.agent(head, want)
                return found + self._joined_buyers(verb, head, want, found)
        if verb.dep_ == "xcomp" and verb.head.lower_ in _DUE and verb.head.dep_ == "acomp":
            # "X is due to retire", "X is poised to buy Y": the copula's subject
            return self.agent(verb.head.head, want)
        if verb.dep_ in {"acl", "xcomp", "advcl", "relcl"} and verb.head.pos_ == "NOUN":
            # "an agreement for X to acquire Y", "X's plan to buy Y", "an agreement to
            # acquire Y" (the noun's "for" phrase, owner or governor)
            return (
                self.prep(verb.head, "for", want)
                or self.poss(verb.head, want)
                or self.noun_owner(verb.head, want)
                or self._award_winner(verb, want)
            )
        return []

    def _joined_buyers(
        self, verb: Token, head: Token, want: frozenset[EntityType], found: list[Mention]
    ) -> list[Mention]:
        """The partner a buyer joined to make a deal: "X teamed up with Y to buy Z", "X
        joined forces with Y to acquire Z" (Y buys Z too)."""
        if (
            verb.dep_ not in {"advcl", "xcomp"}
            or verb.lemma_.lower() not in _JOINT_DEALS
            or head.lemma_.lower() not in _JOINING
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return []
        names = {m.name for m in found}
        return [m for m in self.prep(head, "with", want) if m.name not in names]

    def _not_holders_owner(self, subj: Token, found: list[Mention]) -> list[Mention]:
        """Drop the company whose shareholders the subject is: "X shareholders will own
        40% of Y" are X's owners, not X; "investors led by A" still names A."""
        if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _SHAREHOLDER_NOUNS:
            return found
        owners = {c.i for c in subj.children if c.dep_ in {"compound", "poss"} and c.i < subj.i}
        return [m for m in found if not any(m.start <= i < m.end for i in owners) or m.end > subj.i]

    def _gerund_doer(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who does a gerund after a preposition on an adjective or a passive verb that
        names nobody else: the subject it describes ("A was instrumental in founding X",
        "A is best known for founding X", "A is credited with starting X"). Founding
        verbs only: "interested in buying X" and "accused of supplying X" state no deal."""
        word = verb.head.head
        making = verb.lemma_.lower() in _MAKING and word.lemma_.lower() in _KNOWN_FOR
        if not (making or resources.founding_verb(verb.lemma_.lower(), verb.lower_)):
            return []  # also "X is best known for producing Y", "X is noted for making Y"
        if word.dep_ == "acomp" and word.head.pos_ in {"VERB", "AUX"}:
            return self.agent(word.head, want)
        if (
            word.pos_ == "VERB"
            and self.is_passive(word)
            and not any(c.dep_ == "agent" for c in word.children)
        ):
            return [
                m for c in word.children if c.dep_ == "nsubjpass" for m in self.ents_at(c, want)
            ]
        return []

    def _award_winner(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who does the work an awarded job names: "X won a contract to provide Y with
        seats", "X landed an order to build ships". The winner of a contract does its
        work, unlike the receiver of an offer ("X received an offer to buy Y")."""
        noun = verb.head
        if verb.dep_ != "acl" or noun.lemma_.lower() not in _AWARDS or noun.dep_ != "dobj":
            return []
        if noun.head.lemma_.lower() not in _WINNING:
            return []
        return self.agent(noun.head, want)

    def _fused_agent(self, verb: Token, want: frozenset[EntityType]) -> list[Mention] | None:
        """The doer the parse put inside the verb's own phrase ("Alphabet-owned Waymo", a
        misread subject); None when the verb's dependents say who it is."""
        if (
            verb.dep_ == "amod"
            and verb.tag_ == "VBN"
            and not any(c.dep_ == "agent" for c in verb.children)
        ):
            # "Alphabet-owned Waymo": the name fused to the participle (not "majority-owned
            # by X", whose "by" phrase names the doer)
            names = [c for c in verb.children if c.dep_ in {"npadvmod", "compound", "nmod"}]
            return self.ents_at(names[0], want) if names else []
        misread = self._misread_subject(verb)
        return None if misread is None else self.ents_at(misread, want)

    def _patient_does(self, verb: Token, head: Token) -> bool:
        """Whether the patient of passive ``head`` does ``verb``: a conjoined verb, or a
        purpose with no "by" phrase ("X was formed to compete with Y"), or the person a
        company picks to do it ("X tapped A to lead its cloud unit")."""
        if not self.is_passive(head):
            return self._chosen_to(verb, head)
        if verb.dep_ == "conj":
            return True
        return (
            verb.dep_ in {"xcomp", "advcl"}
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and (
                head.lemma_.lower() in _ENGAGING
                or not any(c.dep_ == "agent" for c in head.children)
            )
        )

    def _chosen_to(self, verb: Token, head: Token) -> bool:
        """ "X tapped A to run the unit", "X picked A to lead it": the object of a verb
        of choosing someone does the infinitive the verb governs."""
        if verb.dep_ not in {"xcomp", "advcl"} or head.lemma_.lower() not in _CHOOSING:
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        objects = [self.at.get(c.i) for c in head.children if c.dep_ == "dobj"]
        return any(m is not None and m.type is PERSON for m in objects)

    def _by_phrase(self, verb: Token, want: frozenset[EntityType]) -> list[Mention] | None:
        """The doer a passive verb's "by" phrase (or the one it shares with the next
        participle) names; [] for a participle without one, None for an active verb."""
        shared = self._shared_agent(verb)
        if not self.is_passive(verb) and shared is None:
            return None
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.ents_at(pobj, want)
                        if not found and pobj.pos_ == "NOUN" and pobj.lemma_ in _OWN_TEAMS:
                            found = self.poss(pobj, want)  # "developed by X's Osaka studio"
                        if not found and pobj.pos_ == "NOUN" and pobj.lemma_ in _OWNED_UNITS:
                            # "agreed to be acquired by a subsidiary of X": X's, unnamed
                            found = self.prep(pobj, "of", want)
                        return found
                shared_obj = _raised_object(child)
                if shared_obj is not None:
                    return self.ents_at(shared_obj, want)
        priced = self._priced_by(verb, want) if self.is_passive(verb) else []
        if priced:
            return priced
        nested = self._nested_by(verb, want) if self.is_passive(verb) else []
        if nested:
            return nested
        if shared is not None:
            return self.ents_at(shared, want)
        return [] if verb.dep_ == "acl" else None

    def _nested_by(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The "by" phrase the parser hung on a manner phrase of the passive verb: "was
        run on an interim basis by X", "was led for a decade by X"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ == "by":
                continue
            for pobj in prep.children:
                # "was founded in 1979 as Orrin Systems by X": the first name is no doer
                if pobj.dep_ != "pobj" or (pobj.i in self.at and prep.lower_ != "as"):
                    continue
                for by in pobj.children:
                    if by.dep_ == "prep" and by.lower_ == "by":
                        objs = [c for c in by.children if c.dep_ == "pobj"]
                        return self.ents_at(objs[0], want) if objs else []
        return []

    def _priced_by(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The "by" phrase the parser hung on the price: "was acquired for $6 billion by
        X and Y"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "for":
                continue
            for price in prep.children:
                for by in price.children:
                    if by.dep_ == "prep" and by.lower_ == "by":
                        return [m for p in self._objects_of(by) for m in self.ents_at(p, want)]
        return []

    def _shared_agent(self, verb: Token) -> Token | None:
        """The "by" phrase a participle shares with the next one: "a game developed and
        published by X" (the parser hangs "by X" on the last). None when ``verb`` has one
        of its own or no such conjunct."""
        if verb.dep_ not in {"acl", "relcl", "ROOT", "conj"} or verb.tag_ not in {"VBN", "VBD"}:
            return None
        if any(c.dep_ in {"agent", "dobj", "nsubj"} for c in verb.children):
            return None
        for conj in verb.children:
            # not one of a clause of its own: "was founded in 2012 and is led by X"
            own = any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in conj.children)
            if conj.dep_ == "conj" and conj.tag_ == "VBN" and not own:
                for child in conj.children:
                    if child.dep_ == "agent":
                        objs = [p for p in child.children if p.dep_ == "pobj"]
                        return objs[0] if objs else None
        return None

    def _antecedent(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """What a relative clause describes, without names coordinated after the clause:
        "A, who founded X, and B" says nothing of B founding X."""
        beside = self._which_beside(verb, want)
        if beside:
            return beside
        found = [m for m in self.ents_at(verb.head, want) if m.start < verb.i]
        if found and _plural_clause(verb) and verb.head.dep_ == "conj":
            # "A and B, which compete in X": a plural verb after the last name is both's
            first = verb.head.head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            before = [m for m in self.ents_at(first, want) if m.start < verb.i]
            found = before + [m for m in found if m not in before]
        found = [m for m in self._people_before(verb, found) if m not in found] + found
        if not found and _listed_by_include(verb.head):
            # "teams which have used X include A and B": the members the noun lists
            return self.ents_at(verb.head, want)
        words = {c.lower_ for c in verb.children if c.dep_ == "nsubj"}
        if "who" in words and not any(m.type is PERSON for m in found):
            person = self._person_up(verb.head)
            if person is not None:  # "A, formerly publisher of X, who founded Y": A
                return [person] if person.type in want else []
        if not found and words & {"who", "that", "which"}:
            # "X is an executive who was chief executive of Y", "X is a company that is a
            # unit of Y": the copula's subject (not for a passive "which was founded");
            # "that" and "which" stand for a company NER named, never for a person
            found = [
                m
                for m in self.copula_subject(verb.head, want)
                if m.start < verb.i and ("who" in words or (m.type is ORG and m.source != "slot"))
            ]
        passive = {c.lower_ for c in verb.children if c.dep_ == "nsubjpass"}
        if not found and passive & {"that", "which"}:
            # "X is a compact car that was built by Y", "X is a label that was owned by
            # Y": the goods or the company the copula defines, by the kind it is called
            kind = PRODUCT if kind_of(verb.head, product_kinds()) else None
            if kind is None and verb.head.lemma_.lower() in _company_kinds():
                kind = ORG
            found = [
                m
                for m in self.copula_subject(verb.head, want)
                if m.start < verb.i and m.type is kind and m.source != "slot"
            ]
        return found

    def _people_before(self, verb: Token, found: list[Mention]) -> list[Mention]:
        """The people conjoined before the last one a "who" clause hangs on: "A and B,
        who founded X" says both founded it (the clause set off by a comma)."""
        head = verb.head
        pron = next((c for c in verb.children if c.lower_ == "who" and c.dep_ in _SUBJ), None)
        if (
            pron is None
            or head.dep_ != "conj"
            or self.doc[pron.i - 1].text != ","
            or not found
            or any(m.type is not PERSON for m in found)
        ):
            return []
        people = [t for t in head.conjuncts if t.i < head.i]
        out = [self.at[t.i] for t in people if t.i in self.at and self.at[t.i].type is PERSON]
        return out if len(out) == len(people) else []

    def _person_up(self, tok: Token) -> Mention | None:
        """The person a company's name hangs from through a role or a preposition
        ("A, formerly publisher of X"): "who" after X stands for A, never for X."""
        node = tok
        for _ in range(4):
            if node.dep_ not in {"pobj", "prep", "appos", "compound"} or node.head.i == node.i:
                return None
            node = node.head
            m = self.at.get(node.i)
            if m is not None and m.type is PERSON:
                return m
        return None

    def _which_beside(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The company named right before "which" where the parser hung the clause on a
        person's role: "A is chairman of X, which also owns Y" ("which" is never a
        person, so it is X)."""
        if not _role_word(verb.head.lower_):
            return []
        pron = next((c for c in verb.children if c.lower_ == "which"), None)
        if pron is None or pron.i < 2 or self.doc[pron.i - 1].text != ",":
            return []
        m = self.at.get(pron.i - 2)
        return [m] if m is not None and m.type is ORG and m.type in want else []

    def copula_subject(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """What a predicate noun describes: "X is a game that ...", "X was a company
        founded by ..." (the copula's subject)."""
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.pos_ == "NOUN"
            and noun.head.head.lemma_.lower() in GOODS_SETS
        ):
            noun = noun.head.head  # "X is a line of phones made by Y"
        if noun.dep_ != "attr" or noun.pos_ != "NOUN" or noun.head.lemma_.lower() != "be":
            return []
        for child in noun.head.children:
            if child.dep_ == "nsubj":
                return self.ents_at(child, want)
        return []

    def patient(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """What ``verb`` acts on: its object, its passive subject, or the noun it modifies."""
        passive = self.is_passive(verb)
        for child in [*self._subject_on_auxiliary(verb), *verb.children]:
            if passive and (child.dep_ == "nsubjpass" or child.head.dep_ == "auxpass"):
                if child.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
                    return self._antecedent(verb, want)  # "X, which was acquired by Y"
                return self.ents_at(child, want)
            if not passive and child.dep_ == "dobj":
                clause = _relative_above(verb) if child.lower_ in {"which", "that"} else None
                if clause is not None:  # also "Y, the unit that X agreed to buy": Y
                    return self._antecedent(clause, want)
                found = self.ents_at(child, want)
                if found:
                    return found + self._gapped_objects(verb, child, want)
                # "acquire cloud computing company VMware", misparsed as two objects
                found = self._name_after(verb, want)
                if found or not any(c.dep_ == "dobj" and c.i > child.i for c in verb.children):
                    return found
        if not passive:
            named = self._prep_name(verb, want) or self._shared_object(verb, want)
            if named:
                return named
        if verb.dep_ == "ccomp" or not passive:
            for clause in verb.children:
                # "makes the Snapdragon chips used in phones", misparsed as a clause
                # ("established that X was born in Y" is a real clause: "that", "was")
                if (
                    clause.dep_ == "ccomp"
                    and clause.tag_ == "VBN"
                    and not any(c.dep_ in {"mark", "aux", "auxpass"} for c in clause.children)
                ):
                    subj = [c for c in clause.children if c.dep_ in _SUBJ and c.pos_ != "PRON"]
                    if subj:
                        return self.ents_at(subj[0], want)
        if verb.dep_ in {"relcl", "acl", "amod"}:
            # "X is the firm founded by Y": the copula's subject, not a referent of "the firm"
            head = _past_place(verb)
            # not the items of the described name's list the phrase swallowed: "A, the
            # firm run by P, and B" is run by P, B is not
            self._asker = verb.i
            found = (
                self._set_off_described(verb, want)
                or self.copula_subject(head, want)
                or self.ents_at(head, want)
            )
            if not found and verb.head.dep_ == "appos" and verb.head.i not in self.at:
                found = self.ents_at(verb.head.head, want)  # "Y, a firm based in Z"
            self._asker = -1
            if not found and passive and verb.head.lemma_.lower() in self.deal_nouns | _INTENT:
                # "X signed an agreement (a letter of intent) to be acquired by Y": X owns
                # the agreement.
                found = self.poss(verb.head, want) or self.noun_owner(verb.head, want)
            return found
        if passive and verb.dep_ == "conj":
            shared = self._conjoined_participle(verb)
            if shared is not None:  # "a firm based in Z and co-founded by A": the firm
                return self.patient(shared, want)
            return self.patient(verb.head, want) or self.agent(verb.head, want)
        if passive and verb.dep_ in {"advcl", "csubj", "pcomp"}:
            return self._described_by_clause(verb, want)
        if passive and verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
            return self.agent(verb.head, want)  # "X agreed to be acquired by Y"
        if passive and verb.dep_ in {"acomp", "xcomp"}:
            # "Arm, which is majority-owned by SoftBank": the copula's subject
            return self.agent(verb.head, want)
        return [] if passive else self._gap_object(verb, want)

    def _gapped_objects(
        self, verb: Token, obj: Token, want: frozenset[EntityType]
    ) -> list[Mention]:
        """Objects of a gapped second clause, which the parser joins to the first one's
        date: "X acquired Y in 2004 and Z in 2006" (Z hung on "2004"). Not when the
        second clause has a party of its own: "sold Y to A in 2004 and Z to B"."""
        found: list[Mention] = []
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i < obj.i:
                continue
            for date in prep.children:
                if date.dep_ != "pobj" or date.ent_type_ != "DATE" or date.i in self.at:
                    continue
                for name in date.children:
                    if name.dep_ == "conj" and name.i in self.at:
                        found += self.ents_at(name, want)
        last = max((m.end for m in found), default=verb.i)
        if any(
            c.dep_ in {"prep", "dative"} and c.i >= last and c.lower_ not in _GAPPED_PREPS
            for c in verb.children
        ):
            return []
        return found

    def _subject_on_auxiliary(self, verb: Token) -> list[Token]:
        """A passive's subject the parser hung on its auxiliary: "X is 60% owned by Y"
        (the name under "is", the participle its own root)."""
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return []
        return [
            c
            for aux in verb.children
            if aux.dep_ == "auxpass"
            for c in aux.children
            if c.dep_ == "nsubj" and c.i in self.at
        ][:1]

    def _set_off_described(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A participle set off by a comma after a phrase on a defined noun describes the
        defined thing, not the phrase's object: "X is a game for the Orlo 64, developed
        by Y", "X is a bank in Lund, founded by Y" (X, not the console or the town)."""
        head = verb.head
        if verb.dep_ != "acl" or verb.i == 0 or head.dep_ != "pobj":
            return []
        if self.doc[verb.i - 1].text != "," and head.tag_ != "NNS":
            return []
        noun = head.head.head
        if head.head.lower_ == "of" and noun.dep_ == "appos" and noun.i not in self.at:
            # "X, the maker of pumps, founded by Y" and "X, a maker of pumps founded by Y":
            # the company the appositive describes, not its goods
            return self.ents_at(noun.head, want) if noun.lemma_ in _company_kinds() else []
        if self.doc[verb.i - 1].text != "," or head.head.lower_ not in _SETTING_PREPS:
            return []
        return self.copula_subject(noun, want) if noun.pos_ == "NOUN" else []

    def _gap_object(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The noun a relative clause describes, when its infinitive has no object of its
        own and the clause has a subject of its own: "the unit (that) X agreed to buy
        from Y" (the parser may take "that" for a conjunction)."""
        if verb.dep_ != "xcomp" or any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
            return []
        clause = _relative_above(verb)
        if clause is None:
            return []
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ in {"that", "which", "who"}:
            return []
        return self._antecedent(clause, want)

    def _described_by_clause(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """What a passive participle or gerund on a clause is about: the clause's subject
        when the participle opens it, or a gerund on a preposition of time."""
        if verb.dep_ == "pcomp":
            return self._gerund_subject(verb, want)
        return self._fronted_subject(verb, want) if verb.i < verb.head.i else []

    def _gerund_subject(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who a passive gerund under a time preposition is about: the subject of the
        clause the phrase is on ("After being acquired by Y, X moved to Oslo", "X grew
        quickly since being bought by Y", "X, in the midst of being sold to Y, ...").
        "Instead of being bought", "against being taken over" state no deal."""
        prep = verb.head
        if prep.lower_ not in _GERUND_TIMES or prep.dep_ != "prep":
            return []
        host = prep.head
        if host.lower_ in _PROCESS_NOUNS and host.dep_ == "pobj" and prep.lower_ == "of":
            host = host.head.head if host.head.lower_ in {"in", "during"} else host
        if host.pos_ not in {"VERB", "AUX"}:
            return []
        subjects = [c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return self.ents_at(subjects[0], want) if subjects else []

    def _fronted_subject(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """What a fronted participle describes: "Founded in 2016 by A, X raised ...",
        "Acquired by Y in 2019, X ..." (the subject of the clause it opens; the last one,
        when the parser read an apposition to the participle's agent as a subject)."""
        if verb.dep_ == "csubj":
            return self._fronted_appos(verb, want)
        subjects = [c for c in verb.head.children if c.dep_ in _SUBJ and c.i > verb.i]
        if subjects:
            return self.ents_at(subjects[-1], want)
        # "X, founded in 2006 by A, said ...": a participle set off right after the
        # subject describes it
        left = verb.left_edge.i
        before = [
            c
            for c in verb.head.children
            if c.dep_ in _SUBJ and c.i < left and c.right_edge.i in {left - 2, left - 1}
        ]
        if before and left >= 2 and self.doc[left - 1].text == ",":
            return self.ents_at(before[0], want)
        return self._misread_opener(verb, want)

    def _misread_opener(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """ "X, founded in 2017 by A, will operate ...": a name the parser could not read
        (a coined word or one starting with digits) taken for an adverb or a number on
        the participle or the verb; opening the sentence, set off by a comma right before
        the participle, with no subject for the verb before it, it is the one described."""
        if verb.i < 2 or self.doc[verb.i - 1].text != ",":
            return []
        m = self.at.get(verb.i - 2)
        if m is None or m.start != verb.sent.start or m.type not in want:
            return []
        name = self.doc[m.end - 1]
        if name.dep_ not in _MISREAD_OPENERS or name.head not in {
            verb,
            verb.head,
        }:
            return []
        if any(c.dep_ in _SUBJ and c.i < verb.i for c in verb.head.children):
            return []
        return [m]

    def _shared_object(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The object a verb shares with the verb right after its "and": "founded and
        ran X", "founded and became chief executive of X" (the role's company)."""
        if any(
            c.dep_ in {"dobj", "prep", "ccomp", "xcomp"} and c.i > verb.i and not time_phrase(c)
            for c in verb.children
        ):  # "X on Friday founded and ran Y": a time phrase is no object of the verb's own
            return []
        nxt = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if not nxt or self.doc[verb.i + 1].lower_ != "and":
            return []
        conj = nxt[0]
        if any(t.dep_ != "advmod" for t in self.doc[verb.i + 2 : conj.i]):
            return []  # "founded and later sold X"; nothing else between
        for child in conj.children:
            if child.dep_ == "dobj":
                return self.ents_at(child, want)
            if child.dep_ in {"attr", "oprd"} and _role_word(child.lower_):
                return self.prep(child, "of", want)
        # "co-founded and worked as CTO at X", "... sat on the board for X"
        for tok in conj.subtree:
            if tok.dep_ == "prep" and tok.lower_ in {"at", "for"} and tok.i > conj.i:
                found = [m for p in tok.children if p.dep_ == "pobj" for m in self.ents_at(p, want)]
                if found:
                    return found
        return []

    def _conjoined_participle(self, verb: Token) -> Token | None:
        """The participle a passive conjunct continues when the parser joined it to the
        main verb instead: "backed by Y, a firm based in Z and co-founded by A" (A founded
        Y, the firm "based" describes: "and" comes right after that participle's phrase)."""
        cc = self.doc[verb.i - 1] if verb.i > 0 else None
        if cc is None or cc.dep_ != "cc" or cc.head.i != verb.head.i:
            return None
        for tok in self.doc[verb.head.i + 1 : cc.i]:
            if (
                tok.dep_ == "acl"
                and tok.tag_ == "VBN"
                and tok.right_edge.i == cc.i - 1
                and tok.head.dep_ == "appos"
            ):
                return tok
        return None

    def _fronted_appos(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A fronted participle misparsed as the clause's subject, "Founded in 2004 by A,
        X makes ...": X, hung on A as an appositive, is the clause's subject."""
        if not annotate.opens_sentence(verb):
            return []
        for agent in verb.children:
            if agent.dep_ != "agent":
                continue
            for name in agent.subtree:
                m = self.at.get(name.i)
                if name.dep_ != "appos" or m is None or m.type not in want:
                    continue
                after = self.doc[m.end] if m.end < len(self.doc) else None
                if (
                    after is not None
                    and after.pos_ in {"VERB", "AUX"}
                    and (
                        after.dep_ == "ROOT" or (after.dep_ == "aux" and after.head.dep_ == "ROOT")
                    )
                ):  # "X makes ...", "X has become ..."
                    return [m]
        return []

    def _prep_name(self, verb: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A verb's object the parser read as a preposition because the name starts with
        one ("founded Beyond Robotics", "bought Up Logistics"): a name begins at the word."""
        if any(c.dep_ == "dobj" for c in verb.children):
            return []
        for child in verb.children:
            m = self.at.get(child.i)
            if child.dep_ == "prep" and m is not None and m.start == child.i and m.type in want:
                return [m]
        return []

    def _inside_object_name(self, verb: Token) -> list[Token]:
        """Words inside the verb's object's name that the parser read as a verb of their
        own, taking the verb's phrases with them: in "selling its unit Orlo und Kessel
        GmbH to Y" the parser makes "und" a verb and hangs "to Y" on it."""
        out = []
        for obj in verb.children:
            m = self.at.get(obj.i) if obj.dep_ == "dobj" else None
            if m is None:
                continue
            out += [
                t
                for t in self.doc[m.start : m.end]
                if t.i != obj.i and t.head.i == verb.i and t.dep_ not in {"dobj", "compound"}
            ]
        return out

    def prep(self, tok: Token, word: str, want: frozenset[EntityType]) -> list[Mention]:
        """Objects of preposition ``word`` on ``tok`` (or on its direct object)."""
        hosts = [tok] + [c for c in tok.children if c.dep_ in {"dobj", "attr"}]
        if word == "against":
            # "competes in the phone market against X": hung on the market phrase
            hosts += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        if word == "with" and tok.pos_ in {"VERB", "AUX"}:
            # "co-produced the film along with X", "built it together with X"
            hosts += [c for c in tok.children if c.lower_ in {"along", "together"}]
        if tok.pos_ in {"NOUN", "PROPN"} and word == "of" and tok.i not in self.at:
            # "the chief executive and founder of X": conjoined nouns share the complement
            hosts += [c for c in tok.children if c.dep_ == "conj" and c.i not in self.at]
            if tok.dep_ == "conj" and not any(c.lower_ == "of" for c in tok.children):
                # "founder and CEO of X" with "of X" hung on "founder": the phrase after
                # the last conjunct is every conjunct's
                hosts += [
                    tok.head
                    for c in tok.head.children
                    if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i
                ]
        if tok.pos_ == "NOUN" and word in {"for", "to"}:
            if tok.dep_ == "attr":  # "became the main supplier of cells to X": on the verb
                hosts.append(tok.head)
            # "the main supplier of modems for X": the phrase hung on the goods named
            hosts += [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.i not in self.at
            ]
        if tok.pos_ == "NOUN" and word in {"on", "for"}:
            # "the only engine available on X", "the engine chosen for X": the phrase
            # hung on the adjective or participle describing the noun
            hosts += [
                c
                for c in tok.children
                if (c.dep_ == "amod" and c.pos_ == "ADJ") or (c.dep_ == "acl" and c.tag_ == "VBN")
            ]
        if word == "into" and tok.pos_ == "NOUN":
            # "the merger of X, a unit of Z, into Y": the parser hangs "into Y" on X
            # or on X's appositive instead of on the merger
            merged = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            hosts += merged + [a for p in merged for a in p.children if a.dep_ == "appos"]
        if word == "to" and tok.pos_ == "VERB":
            # "sold one of its units, X, to Y": the phrase hung on the object's appositive
            hosts += [a for c in hosts[1:] for a in c.children if a.dep_ == "appos"]
        if tok.pos_ == "VERB":
            hosts += self._inside_object_name(tok)
        for obj in hosts[1:]:
            if obj.lemma_.lower() in _QUANTITIES:
                # "made a number of games for X": the counted noun carries the phrase
                hosts += [
                    p
                    for c in obj.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ == "dobj"
            and word in {"into", "with", "to", "from", "by", "for", "within", "inside"}
        ):
            # "approved a merger into X" hangs "into" on the verb, as "made an offer of
            # 20 dlrs per share for X" does "for"
            hosts.append(tok.head)
            # "signed its largest deal to date with X": "with" read as hanging on "date"
            hosts += [
                p
                for c in tok.head.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for p in c.children
                if p.dep_ == "pobj" and p.lower_ == "date"
            ]
        for host in hosts:
            for child in host.children:
                # "the studio behind shows such as X": "behind" misread as an adverb
                adverb = child.dep_ == "advmod" and word == "behind"
                if (child.dep_ in {"prep", "agent", "dative"} or adverb) and child.lower_ == word:
                    objects = self._objects_of(child)
                    if want == {PRODUCT} and host.pos_ == "NOUN":
                        # "maker of racing games and the Zeta series", either conjunct
                        objects += [c for o in [host, *objects] for c in o.children
                                    if c.dep_ == "conj" and c.pos_ == "NOUN"
                                    and c.lemma_.lower() in self.product_heads]  # fmt: skip
                    for pobj in objects:
                        if word == "with" and self._goods_with(pobj):
                            continue  # "built the car with X's chips": X made the goods
                        # "a unit within IBM's cloud team": the owner of a plain noun
                        named = self.at.get(pobj.i)
                        poss = named is None or named.type is PRODUCT or pobj.pos_ == "NOUN"
                        found = self.ents_at(
                            pobj, want, poss=poss and not _own_part_sold(tok, pobj)
                        )
                        if found:
                            return found + self._repeated_prep(child, want)
        return []

    def named_maker(self, goods: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The maker a goods noun is named by: "Orlo chips", "Zeta engines"."""
        if goods.i in self.at or not kind_of(goods, _WITH_GOODS | self.product_heads):
            return []
        found: list[Mention] = []
        for c in goods.children:
            if c.dep_ in {"compound", "nmod"} and c.i in self.at:
                found += self.ents_at(c, want)
        return found

    def _goods_with(self, pobj: Token) -> bool:
        """A "with" object that is goods named by their maker ("with Nvidia chips", "with
        X's batteries"): the maker is no party to what the verb does."""
        if pobj.i in self.at or pobj.pos_ != "NOUN":
            return False
        kids = list(pobj.children)
        if any(lists_members(c) for c in kids):
            return False  # "worked with brands such as X": the brands are the parties
        # "with Marrow M7 engines": a product's own name on the noun is no maker
        named = any(
            c.dep_ in {"compound", "nmod", "poss"}
            and c.i in self.at
            and self.at[c.i].type is not PRODUCT
            for c in kids
        )
        return named and kind_of(pobj, _WITH_GOODS | self.product_heads | product_kinds())

    def _repeated_prep(self, prep: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Objects of the same preposition repeated in a list: "away from X and from Y",
        "stakes in X and in Y" (the parser hangs the second under the first)."""
        found: list[Mention] = []
        for conj in prep.children:
            if conj.dep_ == "conj" and conj.lower_ == prep.lower_:
                for pobj in self._objects_of(conj):
                    found += self.ents_at(pobj, want, poss=pobj.i not in self.at)
                found += self._repeated_prep(conj, want)
        return found

    def described_investor(self, m: Mention) -> bool:
        """Whether the text calls the named organization an investor: "private-equity
        firm X", "X, the buyout firm", "a group of investors led by X", "backers such
        as X"."""
        root = self.doc[m.start : m.end].root
        words = [t for t in root.subtree if t.i < m.start]  # "private-equity firm X"
        if root.dep_ == "appos":  # "the buyout firm, X"
            words += [t for t in root.head.subtree if t.i < root.i and t.i not in self.at]
        for child in root.children:
            if child.dep_ == "appos":  # "X, the buyout firm"
                words += [t for t in child.subtree if t.i not in self.at]
        led = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else None
        if led is not None and led.lemma_.lower() in _LED and led.dep_ == "acl":
            words += [led.head, *(t for t in led.head.children if t.dep_ == "prep")]
            words += [p for t in led.head.children if t.dep_ == "prep" for p in t.children]
        top = root
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        if top.dep_ == "pobj" and lists_members(top.head):
            words.append(top.head.head)  # "shareholders such as X", "investors including X"
        return any(
            part in self.investor_words
            for t in words
            for part in (t.lower_, t.lemma_.lower(), *t.lower_.split("-"))
        )

    def poss(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        for child in noun.children:
            if child.dep_ == "poss":
                return self.ents_at(child, want)
        if noun.dep_ == "compound" and noun.head.i in self.at:
            # "Y's parent X": the parser hangs the owner on the name the noun describes
            for child in noun.head.children:
                if child.dep_ == "poss" and child.i < noun.i:
                    return self.ents_at(child, want)
        if (
            noun.dep_ == "conj"
            and noun.head.pos_ == "NOUN"
            and not any(c.dep_ in {"det", "prep"} for c in noun.children)
        ):
            # "X, Y's chairman and largest shareholder": the owner written on the first noun
            return self.poss(noun.head, want)
        return []

    def compound(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A name modifying the noun on its left: "the Halvorsen chief executive"."""
        for child in noun.children:
            # A name the tagger read as an adjective counts too ("Orvane chief executive").
            named = child.dep_ == "amod" and (child.pos_ == "PROPN" or child.text in self.names)
            if (child.dep_ in {"compound", "nmod"} or named) and child.i < noun.i:
                if any(c.dep_ == "cc" for c in child.children):
                    continue  # "from X and angel investor A": a list's first item
                m = self.at.get(child.i)
                if (
                    m is None
                    # a proper noun, or a word the document writes as a name mid-sentence
                    and (child.pos_ == "PROPN" or child.text in self.names)
                    and not any(c.dep_ == "compound" and c.pos_ != "PROPN" for c in child.children)
                    # "a Tamil-language film", "a Danish drama": a tongue or a people
                    and child.ent_type_ not in _NO_MAKERS
                ):
                    m = self._made_up(child, want)
                wanted = self._as_wanted(m, want) if m is not None else None
                if wanted is not None:
                    return [wanted]  # "Zentiva maker X": a title NER took for a company
                if child.lemma_.lower() in _TONGUE_WORDS:
                    continue  # "a Telugu-language film": a tongue, no maker
                found = self.compound(child, want)
                if found:
                    return found
        return self._company_before_role(noun, want)

    def _company_before_role(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The company written right before a role phrase that names its person: "A chief
        executive X and B chief executive Y" (the parser hangs B on X or Y, not on the role)."""
        if not _role_word(noun.lower_):
            return []
        person = self.at.get(noun.head.i) if noun.dep_ in {"compound", "amod"} else None
        after = self.at.get(noun.i + 1)
        if not (
            (person is not None and person.type is PERSON and noun.head.i > noun.i)
            or (after is not None and after.type is PERSON and after.start == noun.i + 1)
        ):
            return []
        i = noun.i - 1
        while (
            i >= noun.sent.start
            and i not in self.at
            and (_in_role(self.doc[i].lower_) or self.doc[i].lower_ in _ROLE_GLUE)
        ):
            i -= 1
        m = self.at.get(i)
        if m is None and i >= noun.sent.start:
            tok = self.doc[i]
            # a name NER missed, at the start of the sentence too ("Brisk chief executive")
            if tok.is_title and tok.pos_ in {"PROPN", "NOUN"} and not tok.is_stop:
                m = self._made_up(tok, frozenset({ORG}) & want)
        if m is None or m.end != i + 1 or m.type not in want or m.type is PERSON:
            return []
        if self.doc[i + 1].lower_ == "and" and noun.text == "President":
            return []  # "by the Senate and President A": two parties, the role not the Senate's
        return [m]

    def noun_owner(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who a noun trigger belongs to when it has no owner of its own: the governing
        verb's agent ("IBM completed the acquisition", "relied on a partnership")."""
        node = noun
        for _ in range(8 if _manner_with(noun) else 4):
            dep, head = node.dep_, node.head
            if head.i == node.i:
                return []
            if dep in {"dobj", "pobj", "prep", "conj", "nsubjpass", "appos", "advmod", "pcomp"}:
                if dep == "prep" and node.lower_ == "in" and head.i in self.at:
                    # "X, in partnership with Y, opened ...": the phrase hangs on the name
                    return self.ents_at(head, want)
                node = head
                if head.pos_ in {"VERB", "AUX"} and head.dep_ != "prep":
                    # ("Following the takeover by Y, X ...": "following" is a preposition)
                    if _bare_participle(head):
                        # "Faced with competition from Y, X closed": X, who was faced
                        return self.agent(head.head, want)
                    if head.lemma_.lower() in self.receiving and not _done_by_receiver(head, noun):
                        return []  # the receiver of a bid is not its maker
                    if head.lemma_.lower() in _HELD_IN and self.is_passive(head):
                        return self.patient(head, want)  # "X is locked in a battle"
                    if _endorsed_takeover(head, noun):
                        return []  # "X would support a buyout of Y": by someone else
                    return self.agent(head, want)
                continue
            if dep == "attr" or (dep == "acomp" and node.lemma_.lower() in _DOER_WORDS):
                return self.agent(head, want)  # "X is responsible for the production of Y"
            break
        return self._left_verb_agent(noun, want)

    def name_governor(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who a noun written before a name belongs to, where a preposition on a verb
        takes the name: the verb's agent ("X raised money for parent company Y", "X paid
        a dividend to its parent company Y")."""
        name = noun
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        if name.i == noun.i or name.i not in self.at or name.dep_ != "pobj":
            return []
        prep, verb = name.head, name.head.head
        if prep.lower_ not in _GOVERNED_PREPS or verb.pos_ != "VERB" or self.is_passive(verb):
            return []
        return self.agent(verb, want)

    def _left_verb_agent(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        # Parser fallback: "X and Y announced a partnership that ..." misparsed, the verb
        # right before the noun phrase still names who did it.
        i = noun.left_edge.i - 1
        if i >= noun.sent.start:
            verb = self.doc[i]
            if verb.pos_ == "VERB" and verb.dep_ in {"ROOT", "ccomp", "conj", "xcomp"}:
                return self.agent(verb, want)
        return []

    def _named_after_company(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """ "The outgoing chief executive of X, A, will join Y": the person set after the
        role's company, which the parser hangs on the company's name."""
        if PERSON not in want or noun.dep_ not in SUBJ or not _role_word(noun.lower_):
            return []
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for org in (p for p in prep.children if p.dep_ == "pobj"):
                m = self.at.get(org.i)
                if m is None or m.type is not ORG:
                    continue
                people = [self.at[a.i] for a in org.children
                          if a.dep_ == "appos" and a.i in self.at]  # fmt: skip
                if len(people) == 1 and people[0].type is PERSON:
                    return people
        return []

    def holder(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Who a role noun describes: "X, a unit of Y", "Y chief executive X",
        "X will remain CEO", "named X its CEO", "X stepped down as chairman"."""
        if _role_word(noun.lower_) and self._person_after(noun, want):
            # "chief executive Y" whatever the parser hung the role on
            return self._person_after(noun, want)
        fused = self._fused_small_clause(noun, want) or self._named_after_company(noun, want)
        if fused:
            return fused
        found = self._holder_beside(noun, want)
        if found is not None:
            return found
        fronted = self._fronted_holder(noun, want)
        if fronted:
            return fronted
        dep, head = noun.dep_, noun.head
        if dep in {"ccomp", "xcomp", "oprd"}:
            for child in noun.children:
                if child.dep_ == "nsubj" and child.i in self.at:
                    # "the deal makes X the largest shareholder in Y": a small clause
                    return self.ents_at(child, want)
        if dep == "appos":
            head = _list_opening(noun, head)
            found = self._own_holders(self.ents_at(head, want, skip=noun.i), noun, head)
            # "X is a German businessman, chief executive of Y": the copula's subject
            return found or self._placed_company(head, want) or self.copula_subject(head, want)
        if dep == "compound" or (dep == "amod" and noun.pos_ == "NOUN"):
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if head.i in self.at:
                return self._own_holders(self.ents_at(head, want, skip=noun.i), noun, head)
            return self._person_after(noun, want)
        if dep in {"attr", "acomp"}:
            return self.agent(head, want)
        if dep in {"oprd", "xcomp", "ccomp"}:
            return self.patient(head, want) or self.agent(head, want)
        if dep == "pobj" and head.lower_ in {"as", "of", "to"}:
            found = self._holder_by_prep(head, want)
            if found is not None:
                return found
        named = self.at.get(head.i)
        if dep == "conj" and named is not None and named.type is ORG and head.dep_ == "pobj":
            # "publisher of A and chief executive of B", the role hung on A: the role is
            # coordinated with the noun that governs A
            return self.holder(head.head.head, want) if head.head.dep_ == "prep" else []
        if dep == "conj" and head.pos_ == "VERB":
            # "X served as CEO of A and [as] CEO of B": the role joined to the verb
            return self.agent(head, want)
        if dep == "conj":
            return self.holder(head, want)
        for conj in noun.children:
            # "X's founder and largest shareholder, A": the name set off after the last
            # role, which has no owner of its own ("its founder and its president A")
            set_off = [
                c
                for c in conj.children
                if c.dep_ == "appos" and c.i in self.at and self.doc[c.left_edge.i - 1].text == ","
            ]
            own = any(c.dep_ in {"poss", "det"} for c in conj.children)
            if conj.dep_ == "conj" and conj.pos_ == "NOUN" and set_off and not own:
                return self.ents_at(set_off[0], want)
        return self._holder_in_clause(noun, want)

    def _placed_company(self, place: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The company a place phrase is on, when the parser hung a description of the
        company on the place: "X in Rotterdam, a subsidiary of Y" describes X."""
        if ORG not in want or PERSON in want or place.i in self.at:
            return []
        if place.ent_type_ not in {"GPE", "LOC"} or place.dep_ != "pobj":
            return []
        prep = place.head
        if prep.lower_ not in {"in", "at"}:
            return []
        m = self.at.get(prep.head.i)
        return [m] if m is not None and m.type is ORG and m.end == prep.i else []

    def _in_turn_holder(
        self, noun: Token, prep: Token, want: frozenset[EntityType]
    ) -> list[Mention]:
        """The name before a description set off with "in turn", which the parser hangs
        on the clause as the object of "in": "X is a unit of Y, in turn a subsidiary of
        Z" describes Y."""
        turn = self.doc[prep.i + 1] if prep.i + 1 < len(self.doc) else None
        if prep.lower_ != "in" or turn is None or turn.lower_ != "turn":
            return []
        if noun.i <= turn.i or prep.i < 2:
            return []
        if self.doc[prep.i - 1].text != ",":
            return []
        m = self.at.get(prep.i - 2)
        if m is None or m.end != prep.i - 1 or m.type not in want:
            return []
        return [m]

    def _fused_small_clause(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The subject of a small clause the parser fused to the possessor: in "making X
        Y's largest shareholder" it reads "X Y's" as one name, so the name just before
        the possessor, after the verb, is who the noun describes."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in _MAKING_INTO:
            return []
        for child in noun.children:
            owner = self.at.get(child.i) if child.dep_ == "poss" else None
            if owner is None:
                continue
            before = self.at.get(owner.start - 1)
            if before is not None and before.end == owner.start and before.start > verb.i:
                return [before] if before.type in want else []
        return []

    def _fronted_holder(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The name a sentence-opening description is set before: "A subsidiary of Y, X
        makes ...", "Chief executive of Y since 2019, X said ..." (the clause's subject)."""
        first, last = noun.left_edge, noun.right_edge
        comma = last.i if last.text == "," else last.i + 1  # the parse may keep the comma
        if first.i != noun.sent.start or comma + 1 >= noun.sent.end:
            return []
        if self.doc[comma].text != ",":
            return []
        j = comma + 1
        # "Chief executive of Y until 2019, in 2020 X joined ...": a short time or place
        # phrase may come before the clause's subject
        while j < min(comma + 5, noun.sent.end) and j not in self.at:
            if self.doc[j].text == "," or self.doc[j].pos_ in {"VERB", "AUX", "PRON"}:
                return []
            j += 1
        m = self.at.get(j)
        if m is None or m.start != j or m.type not in want:
            return []
        root = self.doc[m.start : m.end].root
        return [m] if root.dep_ in _SUBJ else []

    def _holder_by_prep(self, prep: Token, want: frozenset[EntityType]) -> list[Mention] | None:
        """The holder of a role noun that is a preposition's object, or None when the
        preposition says nothing of it."""
        if prep.lower_ == "as":
            return self._holder_as(prep, want)
        if prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr":
            return self.agent(prep.head.head, want)  # "X is one of two engines offered on Y"
        if prep.lower_ == "to" and prep.head.lemma_.lower() in _PROMOTING:
            # "X was promoted to chief executive", "Y promoted X to president"
            verb = prep.head
            return self.patient(verb, want) or self.agent(verb, want)
        return None

    def _holder_beside(self, noun: Token, want: frozenset[EntityType]) -> list[Mention] | None:
        """A holder named right at the noun (its appositive, its small-clause subject, a
        name fused to it); None when there is none, so the noun's place decides."""
        for dep in ("appos", "nsubj"):  # "making it a stronger rival to Intel" (small clause)
            for child in noun.children:
                if dep == "appos" and not any(t.i in self.at for t in child.subtree):
                    continue  # "its Orlo unit, the Oslo-based maker of pumps,": no name
                if child.dep_ == dep or (dep == "appos" and self._set_off_list(noun, child)):
                    found = self._own_holders(self._named_holder(child, want), noun, child)
                    if found:
                        return found
        called = self._called(noun, want)
        if called:
            return called  # "a subsidiary in Spain called Y"
        for child in noun.children:
            if lists_members(child):
                # "rivals such as X", "clients including X and Y": the members named
                found = [m for p in self._objects_of(child) for m in self.ents_at(p, want)]
                if found:
                    return found
        found = self._members_past_place(noun, want)
        if found:
            return found
        listed = self._person_after_roles(noun, want)
        if listed:
            return listed  # "Y co-founder and chief executive X"
        named = self.at.get(noun.head.i) if noun.dep_ == "compound" else None
        # "Brandwell chief executive Ana Ruiz": the person is the name the role modifies,
        # so the name on its left is the company, never a misparsed holder.
        beside = named is None or named.type is not PERSON
        for child in noun.lefts:
            m = self.at.get(child.i)
            if beside and PERSON in want and child.dep_ in {"nmod", "compound"} and m:
                person = self._as_wanted(m, frozenset({PERSON}))
                if person is not None:
                    return [person]  # "named Ana Lucero chief financial officer", misparsed
        owned = self._owned_name_before(noun, want)
        if owned:
            return owned  # "its Quillo Energy subsidiary": the name written in front
        owned = self._company_after_comma(noun, want)
        if owned:
            return owned  # "on the board of its subsidiary, the Quillo Corp."
        right = self.at.get(noun.i + 1)
        if (
            right is not None
            and right.start == noun.i + 1
            and right.type in want
            and (any(c.dep_ in {"poss", "det"} for c in noun.children))
        ):
            return [right]  # "Google's AI research lab DeepMind" (no comma, misparsed)
        return None

    def _set_off_list(self, noun: Token, child: Token) -> bool:
        """A list of names set off after a plural role noun that the parser read as the
        noun's conjunct: "the founders of X, A and B, said" (no "and" joins the noun to
        the names, so they are its appositive)."""
        if child.dep_ != "conj" or noun.tag_ != "NNS" or child.i not in self.at:
            return False
        m = self.at[child.i]
        if m.start < 1 or self.doc[m.start - 1].text != "," or m.type is not PERSON:
            return False
        return not any(c.dep_ == "cc" and c.i < child.i for c in noun.children)

    def _members_past_place(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Members listed after a place phrase on the noun, the parser hanging the list on
        the place: "2,000 customers in 40 countries, including X and Y". Places are no
        companies, so only wanted names the list holds count."""
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for place in prep.children:
                if place.dep_ != "pobj" or place.i in self.at or place.pos_ != "NOUN":
                    continue
                for child in place.children:
                    if lists_members(child) and child.lower_ == "including":
                        return [m for p in self._objects_of(child) for m in self.ents_at(p, want)]
        return []

    def _named_holder(self, child: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The entities a name beside a role noun stands for; a person's name NER missed
        is that person ("X founder and chief executive Ana Ruiz"), not the role's company
        the name's own phrase would fall back to."""
        if PERSON in want and child.pos_ == "PROPN" and self._plain_name(child):
            person = self.ents_at(child, frozenset({PERSON}))
            if person:
                return person
        return self.ents_at(child, want)

    def _plain_name(self, tok: Token) -> bool:
        """A proper noun NER missed whose name reads as a person's: capitalized words,
        none a job title ("Chief Operations Officer") or a place."""
        if tok.i in self.at:
            return False
        found = slot_mention(self.doc, tok, PERSON, self.names)
        if found is None:
            return False
        span = self.doc[found.start : found.end]
        return looks_like_person(span) and not any(
            _in_role(t.lower_)
            or t.lower_ in _STAFF
            or t.lower_ in _FOUNDER_NOUNS
            or t.lower_ in {"leader", "officer", "manager", "director", "partner"}
            or t.ent_type_ in {"GPE", "LOC", "ORG", "NORP", "FAC"}
            for t in span
        )

    def _called(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The company a noun's "called"/"named" clause names: "a unit called Y"."""
        if ORG not in want or PERSON in want:
            return []
        clauses = [c for c in noun.children if c.dep_ == "acl"]
        if noun.dep_ == "dobj":  # "has a subsidiary in Spain called Y", hung on the verb
            clauses += [c for c in noun.head.children if c.dep_ == "advcl" and c.i > noun.i]
        return [
            m
            for child in clauses
            if child.lemma_.lower() in _NAMING
            for name in child.children
            if name.dep_ in {"oprd", "attr", "dobj"}
            for m in self.ents_at(name, want)
        ]

    def _owned_name_before(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """A company name set before a possessed noun: "its Quillo Energy subsidiary", or
        before a noun whose owner an "of" phrase names: "the Quillo Energy unit of Y"."""
        if ORG not in want or PERSON in want:
            return []
        possessed = any(c.dep_ == "poss" for c in noun.children)
        if not possessed and not self._of_company(noun):
            return []
        for child in noun.lefts:
            m = self.at.get(child.i)
            if child.dep_ == "compound" and m is not None and m.type is ORG:
                lone = m.end - m.start == 1 and (
                    child.ent_type_ in {"NORP", "GPE", "LOC", "PERSON"} or m.lone_person
                )
                if not possessed and lone:
                    return []  # "the Bavarian branch of Y": a people, place or person word
                return [m]
        return []

    def _company_after_comma(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The company a possessed noun is set before when the parser lost the apposition
        and hung the name elsewhere: "sat on the board of its subsidiary, the Quillo
        Corp." The name runs to a comma or the sentence's end."""
        if ORG not in want or PERSON in want or noun.tag_ != "NN":
            return []
        if not any(c.dep_ == "poss" for c in noun.children):
            return []
        if any(c.dep_ in {"appos", "prep", "relcl", "acl"} for c in noun.children):
            return []
        j = noun.i + 1
        if j + 1 >= len(self.doc) or self.doc[j].text != ",":
            return []
        k = j + 2 if self.doc[j + 1].lower_ == "the" else j + 1
        m = self.at.get(k)
        if m is None or m.type is not ORG or m.start not in {j + 1, k}:
            return []
        root = self.doc[m.start : m.end].root
        if root.dep_ in {"conj", "nsubj", "nsubjpass", "pobj"}:
            return []  # "its unit, Y said", "its unit, and Y": a clause or list goes on
        after = self.doc[m.end] if m.end < len(self.doc) else None
        return [m] if after is None or after.text in {",", ".", ";"} else []

    def _of_company(self, noun: Token) -> bool:
        """The noun has "the" and an "of" phrase naming a company: "the X unit of Y"."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return False
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    m = self.at.get(obj.i)
                    if obj.dep_ == "pobj" and m is not None and m.type is ORG:
                        return True
        return False

    def _person_after_roles(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The person a list of roles ends in, parsed as the list's last conjunct: "Y
        co-founder and chief executive X" (only role words between the noun and X)."""
        if PERSON not in want:
            return []
        for child in noun.children:
            if child.dep_ != "conj":
                continue
            m = self.at.get(child.i)
            if m is None and child.pos_ == "PROPN" and self._plain_name(child):
                m = next(iter(self.ents_at(child, frozenset({PERSON}))), None)  # NER missed
            if m is None or m.type is not PERSON or m.start <= noun.i:
                continue
            between = self.doc[noun.i + 1 : m.start]
            if all(
                (t.pos_ in {"CCONJ", "ADJ", "NOUN"} or t.lower_ in _FOUNDER_NOUNS)
                and t.i not in self.at
                for t in between
            ):
                return [m]
        return self._person_after_listed_roles(noun)

    def _person_after_listed_roles(self, noun: Token) -> list[Mention]:
        """The same list read off the words, whatever the parser hung the name on (the
        last role taken for a verb, the name for its object): "Y chief executive and
        co-founder X, a former banker, said"."""
        k = noun.i + 1
        joined = listed = False  # an "and", then a role of the list after it
        while k < len(self.doc) and k not in self.at:
            t = self.doc[k]
            if t.lower_ in {"and", "&"}:
                joined = True
            elif t.is_lower and (_role_word(t.lower_) or t.lower_ in _FOUNDER_NOUNS):
                listed = joined
            else:
                return []
            k += 1
        m = self.at.get(k)
        if listed and m is not None and m.start == k and m.type is PERSON:
            return [m]
        return []

    def _person_after(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The person named right after a role noun the parser hung on a misread word:
        "as chief executive X shifts the group" ("shifts" read as a noun)."""
        m = self.at.get(noun.i + 1)
        if PERSON in want and m is not None and m.start == noun.i + 1 and m.type is PERSON:
            return [m]
        return []

    def _own_holders(self, found: list[Mention], noun: Token, anchor: Token) -> list[Mention]:
        """Holders less those a title of their own introduces: in "A chief executive X and
        B chief executive Y" or "X and his B counterpart, Y", Y holds no role at A (the
        name the role is attached to, ``anchor``, always stays)."""
        if len(found) < 2:
            return found
        own = self.at.get(anchor.i)
        return [m for m in found if m is own or not self._titled(m, noun)]

    def _titled(self, m: Mention, noun: Token) -> bool:
        i = m.start - 1
        if i >= 0 and self.doc[i].text == ",":
            i -= 1
        if i < 0 or i == noun.i:
            return False
        word = self.doc[i].lower_
        return _role_word(word) or word in _OWN_TITLE or word in _BACKER_TITLES

    def _holder_as(self, prep: Token, want: frozenset[EntityType]) -> list[Mention]:
        """The holder of a role after "as": "X stepped down as CEO", "X replaced Y as CEO"."""
        with_holder = self._with_as(prep, want)
        if with_holder is not None:
            return with_holder
        verb = prep.head
        for _ in range(3):  # "X replaced Y as CEO" with "as" hung on Y
            if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.lemma_.lower() in self.succession:
            return self.agent(verb, want)  # "X will succeed Y as CEO": the role is X's
        return self.patient(verb, want) or self.agent(verb, want)

    def _with_as(self, prep: Token, want: frozenset[EntityType]) -> list[Mention] | None:
        """ "X will lead the company, with Y as president", "run by X, with Y as chairman":
        the name of the "with" phrase the "as" phrase goes with (the parser hangs "as" on
        the name, on "with" or on the verb after the "with" phrase), not the clause's."""
        head = prep.head
        if head.dep_ == "pobj" and head.head.lower_ == "with":
            return self.ents_at(head, want)
        if head.lower_ == "with":
            names = [c for c in head.children if c.dep_ == "pobj" and c.i in self.at]
            return self.ents_at(names[0], want) if names else None
        withs = [
            w
            for w in (
                *head.children,
                *(c for o in head.children if o.dep_ == "dobj" for c in o.children),
            )
            if w.dep_ == "prep" and w.lower_ == "with" and w.i < prep.i
        ]
        for w in withs:
            names = [c for c in w.children if c.dep_ == "pobj" and c.i in self.at]
            # nothing but the name between "with" and "as"
            if names and names[0].right_edge.i == prep.i - 1:
                return self.ents_at(names[0], want)
        return None

    def _holder_in_clause(self, noun: Token, want: frozenset[EntityType]) -> list[Mention]:
        """Holders a clause around the noun names: "one of Y's customers", "among Y's
        suppliers", "Y's rivals include X", "Halvorsen Group's Tessaract unit"."""
        dep, head = noun.dep_, noun.head
        turned = self._in_turn_holder(noun, head, want) if dep == "pobj" else []
        if turned:
            return turned  # "Y, in turn a unit of Z"
        if dep == "nsubj" and head.lemma_.lower() in self.say_verbs and noun.pos_ == "NOUN":
            # "X cut jobs, the maker of P said": the speaker is the reported clause's subject
            for clause in head.children:
                if clause.dep_ == "ccomp" and clause.i < noun.i:
                    return self.agent(clause, want)
        if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in _ONE_OF:
            return self.holder(head.head, want)  # "X is one of Y's biggest customers"
        if dep == "pobj" and head.lower_ == "among" and head.head.pos_ in {"AUX", "VERB"}:
            # "X is among Y's suppliers"; "Y counts X among its customers": the object;
            # "Among Y's customers are A and B": the names the fronted phrase is set before
            verb = head.head
            found = self.patient(verb, want) or self.agent(verb, want)
            if not found and verb.lemma_.lower() == "be":
                attrs = [c for c in verb.children if c.dep_ == "attr"]
                found = [m for c in attrs for m in self.ents_at(c, want)]
            return found
        post = dep == "pobj" and head.lower_ == "at" and _a_post(noun.lower_)
        if post and head.head.lemma_.lower() in _STAYING:
            # "X has been at the helm of Y since 2019", "X remains at the head of Y"
            return self.agent(head.head, want)
        named = self.at.get(head.head.i) if post else None
        if named is not None and named.type is PERSON:
            return self.ents_at(head.head, want)  # "X, at the helm of Y since 2019, said"
        if dep == "pobj" and head.lower_ == "among" and head.head.dep_ == "dobj":
            # "Y counts A, B and C among its investors", "among" hung on the object list
            return self.ents_at(head.head, want)
        if dep == "nsubj" and head.lemma_.lower() in {"include", "be"}:
            # "Nvidia's main rivals include AMD and Intel"
            for child in head.children:
                if child.dep_ in {"dobj", "attr"}:
                    return self.ents_at(child, want)
        if any(c.dep_ == "poss" for c in noun.children):
            # "Halvorsen Group's Tessaract unit": the name modifying the noun is the holder.
            for child in noun.children:
                if child.dep_ in {"compound", "nmod"} and child.pos_ == "PROPN":
                    return self.ents_at(child, want)
        if _maker_word(noun.lemma_.lower()) and self.is_anaphor(noun):
            # "a stake in the publisher of 'Star Quest'": the company the text is about
            return [m for m in self.refer(noun) if m.type in want]
        return []

    def context_org(self, tok: Token, exclude: Iterable[Mention]) -> list[Mention]:
        """The organization a sentence is about when a role names none
        ("stepped down as chairman"). A company the sentence gives a role of its own to
        someone else ("B chief executive Y") or that the holder acts on ("chief executive
        X pursued B", after a sentence on X's company) comes last."""
        names = {m.name for m in exclude}
        with_as = self._with_as_owner(tok)
        if with_as is not None:  # "with Y as chairman": the company of the clause, or none
            return [m for m in with_as if m.name not in names]
        joined = [m for m in self._joined_org(tok) if m.name not in names]
        if joined:
            return joined
        if self._unresolved_owner(tok):
            return []
        where = self._where_antecedent(tok)
        if where is not None and where.name not in names:
            return [where]
        body = [m for m in self._led_body_owner(tok) if m.type is ORG and m.name not in names]
        body = body or [m for m in self._founded_by_holder(tok) if m.name not in names]
        if body:
            return body
        run = [m for m in self._run_by_holder(tok) if m.name not in names]
        if run:  # "The maker of X is led by chief executive A": what it stands for
            return run
        sent = tok.sent
        here = [
            m
            for m in self.mentions
            if m.type is ORG and sent.start <= m.start < sent.end and m.name not in names
        ]
        here = [m for m in here if not self._other_post(m, tok)]
        if not here:
            here = self._described_here(sent, names)
        kept = self._kept_at_target(tok, here)
        if kept is not None:
            return [kept]
        # "B chief executive Y" in the sentence of another chief executive: a company has
        # one holder of a title at a time, so B is not the other holder's company
        held = [m for m in here if not self._same_title_other(m, names, tok)]
        if here and not held:
            names = names | {m.name for m in here}
            here = self._described_here(sent, names)
        acted = [m for m in here if self._acted_on(m, names, tok) or self._run_by_other(m, names)]
        for m in here:
            if m not in acted and not self._titles_other(m, names):
                return [m]
        if not here and self.made_by_merger(sent):
            return []
        before = [m for m in self.refer_org_before(sent) if m.name not in names]
        if here and not (acted and before):
            return [here[0]]
        return before

    def _unresolved_owner(self, role: Token) -> bool:
        """True when the role names its company by a description that stands for no one
        company: "X Bank and Y Bank agreed to merge. The bank's chairman, A, ..." (either
        bank), "the new company's chief executive" after a merger that names none."""
        for o in role.children:
            if o.dep_ != "poss" or o.pos_ != "NOUN" or o.i in self.at:
                continue
            if self.is_anaphor(o):
                if not self.refer(o):
                    return True
            elif o.lemma_.lower() in _ANY_COMPANY and any(
                c.dep_ == "amod" and c.lower_ in self.new_entity for c in o.children
            ):
                return True  # "X and Y agreed to merge. The new company's chief executive"
        return False

    def _joined_org(self, tok: Token) -> list[Mention]:
        """The company a role is taken at by joining it: "A joined X as CTO", "A rejoins
        X as its president" (another company the sentence names is A's earlier one)."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "as":
            return []
        verb = tok.head.head
        if verb.lemma_.lower() not in {"join", "rejoin"}:
            return []
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        return [m for o in objs for m in self.ents_at(o, frozenset({ORG}))]

    def _led_body_owner(self, tok: Token) -> list[Mention]:
        """The company whose board or team a role holder leads: "X's board, led by
        co-founder A", "the board of X, chaired by its founder A"."""
        node = tok
        for _ in range(4):  # the role, its conjuncts, up to the name it titles
            if node.dep_ not in {"compound", "conj", "amod", "appos"}:
                break
            node = node.head
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "agent":
            return []
        verb = prep.head
        if verb.dep_ != "acl" or verb.lemma_.lower() not in _RUNNING:
            return []
        body = verb.head
        return self.poss(body, frozenset({ORG})) or self.prep(body, "of", frozenset({ORG}))

    def _with_as_owner(self, tok: Token) -> list[Mention] | None:
        """The company a clause puts someone at the head of, for the role of the person
        its "with" phrase adds: "X will lead the combined company, with Y as president",
        "The new company is run by X, with Y as chairman", "Z named X chief executive,
        with Y as chairwoman" (the company led, run or naming; not Y's own title's)."""
        role = tok.head if tok.dep_ == "conj" else tok
        prep = role.head
        if (
            role.dep_ != "pobj"
            or prep.lower_ != "as"
            or self._with_as(prep, frozenset({PERSON})) is None
        ):
            return None
        verb = prep.head
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                break
            verb = verb.head
        lemma = verb.lemma_.lower()
        if lemma in _RUNNING:
            return self.patient(verb, frozenset({ORG}))
        if lemma in _POSTING:
            return self.agent(verb, frozenset({ORG}))
        return []

    def _run_by_holder(self, tok: Token) -> list[Mention]:
        """The company a passive running verb names as run by the role's holder: "The
        maker of CT systems is led by chief executive A", "The new company is run by
        chief executive A, who previously led Y" (what the subject stands for, where it
        stands for one company)."""
        verb = self._agent_verb(tok)
        if verb is None or verb.lemma_.lower() not in _RUNNING:
            return []
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.lower_ in {"which", "that", "who"}:
            return []
        return [m for m in self.ents_at(subj, frozenset({ORG})) if m.type is ORG][:1]

    def _agent_verb(self, tok: Token) -> Token | None:
        """The verb whose "by" phrase a role titles the name of: "... by chief executive A"."""
        node = tok
        for _ in range(4):  # the role up to the name it titles
            if node.dep_ not in {"compound", "amod", "appos"}:
                break
            node = node.head
        if node.dep_ == "conj":
            node = node.head
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "agent":
            return None
        return prep.head

    def _founded_by_holder(self, tok: Token) -> list[Mention]:
        """The company a role holder founded: "The startup was founded by chief executive
        A and B" (A is the startup's chief executive, not another company's)."""
        verb = self._agent_verb(tok)
        if verb is None or verb.lemma_.lower() not in _FOUNDING_VERBS:
            return []
        return next(
            (self.ents_at(c, frozenset({ORG})) for c in verb.children if c.dep_ == "nsubjpass"),
            [],
        )

    def _described_here(self, sent: Span, names: set[str]) -> list[Mention]:
        """The company a description in the sentence stands for, where it names none:
        "A, who founded the startup, will stay on as chief executive". Only a noun of a
        kind ("the startup", "the bank") or with a place ("the Irish company") says which;
        "the company", "the group" do not."""
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.i in self.at:
                continue
            if tok.lemma_.lower() in _ANY_COMPANY and not placed(tok):
                continue  # "the Taiwanese company" says which, "the company" does not
            if not self.is_anaphor(tok):
                continue
            found = [m for m in self.refer(tok) if m.type is ORG and m.name not in names]
            if len(found) == 1:
                return found
        return []

    def _where_antecedent(self, tok: Token) -> Mention | None:
        """The company a "where" clause holding the role describes: "founded X, where he
        served as president" (the role is at X, whatever else the sentence names)."""
        for clause in [tok, *tok.ancestors]:
            if clause.dep_ != "relcl":
                continue
            if not any(c.lower_ == "where" for c in clause.children):
                return None
            m = self.at.get(clause.head.i)
            return m if m is not None and m.type is ORG else None
        return None

    def shared_role_org(self, tok: Token) -> list[Mention]:
        """The company of a role phrase the role is conjoined to: "X chairman A and chief
        executive B" makes B an executive of X too."""
        m = self.at.get(tok.i + 1)
        if m is None or m.start != tok.i + 1:
            return []
        root = self.doc[m.start : m.end].root
        # the parser hangs the second role on the first name, or its name in apposition
        heads = [root.head] if root.dep_ in {"conj", "appos"} else []
        heads += [tok.head] if tok.dep_ == "conj" else []
        others = [self.at.get(h.i) for h in heads]
        other = next((o for o in others if o is not None and o.type is PERSON), None)
        if other is None or other.start >= tok.i:
            return []
        j = other.start - 1
        while j >= 0 and j not in self.at and _in_role(self.doc[j].lower_):
            j -= 1
        org = self.at.get(j)
        return [org] if j < other.start - 1 and org is not None and org.type is ORG else []

    def _other_post(self, org: Mention, role: Token) -> bool:
        """An organization the "of" or "at" phrase of another role noun names, set off
        beside a name: "A, a former boss of B, becomes non-executive chairman" (B is A's
        old post, not the company of the bare role the sentence gives next)."""
        name = self.doc[org.end - 1]
        other = name.head.head
        if name.dep_ != "pobj" or name.head.lower_ not in {"of", "at"} or other.i == role.i:
            return False
        if other.dep_ != "appos" or not _role_word(other.lower_):
            return False
        return role not in other.subtree and other not in role.subtree

    def _titles_other(self, org: Mention, holders: set[str]) -> bool:
        """An organization whose own role phrase names someone else: "B chief executive Y"
        is Y's company, not the company of a role elsewhere in the sentence."""
        j = org.end
        while j < len(self.doc) and j not in self.at:
            word = self.doc[j].lower_
            if not (_in_role(word) or word in _ROLE_GLUE):  # "B founder and chief executive Y"
                break
            j += 1
        m = self.at.get(j)
        if j == org.end or m is None or m.name in holders:
            return False
        # a person NER typed as a company still holds the role written before the name
        return m.type is PERSON or looks_like_person(self.doc[m.start : m.end])

    def _kept_at_target(self, role: Token, here: list[Mention]) -> Mention | None:
        """A role someone keeps when a company is bought: "after X bought Y, A stayed on
        as chief executive": Y, the one company of the sentence a buying verb takes."""
        verb = _keeping_verb(role)
        if verb is None:
            return None
        # "X will buy Y. X will keep its stake. A will remain chief executive": the last of
        # the three sentences before that names a deal names the company kept
        pools = [here] if here else self._sentences_before(role.sent.start, 3)
        for pool in pools:
            bought = {m.name: m for m in pool if self._bought_one(m, verb)}
            if bought:
                return next(iter(bought.values())) if len(bought) == 1 else None
        return None

    def _sentences_before(self, start: int, n: int) -> list[list[Mention]]:
        """The company mentions of each of the ``n`` sentences before token ``start``,
        nearest first."""
        out: list[list[Mention]] = []
        while start > 0 and len(out) < n:
            sent = self.doc[start - 1].sent
            out.append([m for m in self.mentions
                        if m.type is ORG and sent.start <= m.start < sent.end])  # fmt: skip
            start = sent.start
        return out

    def _bought_one(self, m: Mention, keeping: Token) -> bool:
        """A company a buying or selling verb takes ("X will buy Y", "Y was bought by X",
        "Z sold Y to X"), a deal noun is of ("the takeover of Y") or that agreed to be
        bought ("Y agreed to be acquired by X", "Y announced an agreement to be
        acquired")."""
        root = self._root(m)
        head = root.head
        if root.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in BUYING | {"sell"}:
            return not _holders_gerund(head, keeping)
        if root.dep_ == "pobj" and head.lower_ == "of":
            return head.head.lemma_.lower() in TAKEOVER_NOUNS  # "the takeover of Y"
        if root.dep_ != "nsubj":
            return False
        return any(
            t.lemma_.lower() in BUYING
            and any(c.dep_ == "auxpass" for c in t.children)
            and not any(c.dep_ in SUBJ for c in t.children)
            for t in head.subtree
            if t.i > root.i
        )

    def _same_title_other(self, org: Mention, holders: set[str], role: Token) -> bool:
        """The organization's own role phrase gives the role's very title to someone
        else ("Norvik chief executive Y" beside "chief executive X")."""
        if not self._titles_other(org, holders):
            return False
        words = [
            t.lower_
            for t in self.doc[org.end : self._after_role(org)]
            if _in_role(t.lower_) and t.lower_ not in _ROLE_GLUE
        ]
        return words == _title_words(role)

    def _after_role(self, org: Mention) -> int:
        """The index of the first name after the role phrase written after ``org``."""
        j = org.end
        while j < len(self.doc) and j not in self.at:
            j += 1
        return j

    def _acted_on(self, org: Mention, holders: set[str], role: Token) -> bool:
        """An organization the holder's own verb acts on, the role written on the holder:
        "chief executive X pursued B" (B is X's target, not X's company; "X joined B as
        chief executive" names the company)."""
        root = self._root(org)
        if root.dep_ != "dobj":
            return False
        for child in root.head.children:
            m = self.at.get(child.i)
            if child.dep_ in SUBJ and m is not None and m.name in holders:
                return role in child.subtree
        return False

    def _run_by_other(self, org: Mention, holders: set[str]) -> bool:
        """An organization another person of the sentence runs: "B, who previously ran
        X, takes over from A, who served as interim chief executive" (X is B's company,
        not the company of A's bare role)."""
        root = self._root(org)
        verb = root.head
        if root.dep_ == "pobj" and verb.lower_ == "of":
            return self._appos_role_of_other(verb.head, holders)
        if root.dep_ != "dobj" or verb.lemma_.lower() not in _RUNNING:
            return False
        subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
        if subj is not None and subj.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            subj = verb.head
        m = self.at.get(subj.i) if subj is not None else None
        return m is not None and m.type is PERSON and m.name not in holders

    def _appos_role_of_other(self, role: Token, holders: set[str]) -> bool:
        """ "B, the vice chairman of X, ...": a role in apposition to another person."""
        if role.dep_ != "appos" or not _in_role(role.lower_):
            return False
        m = self.at.get(role.head.i)
        return m is not None and m.type is PERSON and m.name not in holders

    def refer_org_before(self, sent: Span) -> list[Mention]:
        """The company an earlier sentence is about: the subject of the sentence before
        (nothing when that is a list of names: "X and Y reported ..."), else its last
        company subject, else the last company an earlier role names ("X resigned as
        chief executive of B")."""
        topic = self.topic_before(sent.start)
        if topic is not None:
            return [topic]
        if self.listed_before(sent.start):
            return []
        for m in reversed(self.subjects):
            if m.end <= sent.start and m.type is ORG and not self.attributes_before(m, sent.start):
                return [m]
        for tok in reversed(self.doc[: sent.start]):
            org = self._role_org(tok) if tok.lower_ in self.role_ends else None
            if org is not None:
                return [org]
        return []


#: People a company once employed: "former X engineers" are no longer X's.
_STAFF = frozenset({
    "engineer", "executive", "employee", "staffer", "researcher", "scientist", "manager",
    "official", "banker", "worker", "designer", "developer", "programmer", "analyst",
    "trader", "colleague", "coworker", "co-worker", "insider", "leader", "director",
})  # fmt: skip
#: Nouns for a company's founder, which the tagger may read as verbs ("co-founder A").
_FOUNDER_NOUNS = frozenset({"founder", "co-founder", "cofounder"})
#: Words that put a job in the past.
_FORMER = frozenset({"former", "ex", "ex-", "onetime", "one-time", "erstwhile"})
#: Staff nouns that are always of a past employer.
_PAST_STAFF = frozenset({"veteran", "alumnus", "alumni", "alum", "alumna"})


#: Verbs with no intransitive use in a company's history: a bare past form of one joined
#: to a passive continues the passive ("X was founded by A and sold to Y").
_ONLY_TRANSITIVE = frozenset({"sell", "buy", "acquire", "purchase", "absorb", "rename"})


#: Nouns of working with someone that an "in ... with" phrase puts on a clause's verb:
#: "made the film in collaboration with Y", "hosts games in conjunction with Y".
_MANNER_NOUNS = frozenset({
    "partnership", "collaboration", "cooperation", "co-operation", "conjunction",
    "association", "alliance", "tandem",
})  # fmt: skip


def _manner_with(noun: Token) -> bool:
    """An "in partnership with Y" phrase, which says how the clause's doer acted though
    the parser may hang it on a noun of the clause ("produces coverage of the games in
    conjunction with Y"): its owner is the doer of the verb above, however deep."""
    return (
        noun.lemma_.lower() in _MANNER_NOUNS
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)
    )


def _passive_conjunct(verb: Token) -> bool:
    """A past form joined to a passive verb, with no subject, object or auxiliary of its
    own, shares its passive: "X was founded in 1950 by A and sold to Y in 2004" (the
    tagger reads "sold" as a past tense)."""
    deps = {c.dep_ for c in verb.children}
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBN", "VBD"}
        and verb.lemma_.lower() in _ONLY_TRANSITIVE
        and not deps & {"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "ccomp"}
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    )


def _bare_passive(verb: Token) -> bool:
    """A past tense the parse read as a passive with no auxiliary, a time phrase set
    between the subject and the verb: "X on Monday invested in Y"."""
    deps = {c.dep_ for c in verb.children}
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ in {"VBN", "VBD"}
        and "nsubjpass" in deps
        and not deps & {"auxpass", "aux", "agent"}
        and any(c.dep_ == "prep" and _dated(c) and c.i < verb.i for c in verb.children)
    )


def _dated(prep: Token) -> bool:
    return any(o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} for o in prep.children)


def _past_appositive(head: Token, verb: Token, host: Token | None = None) -> bool:
    """Only the name's appositive or the rest of its list stand between the name and the
    verb: "X, the Oslo-based pump maker, invested in Y", "X, Y and Z invested $5 million
    in W", read as a participle on X. With ``host``, the verb hangs on ``host`` inside a
    participle clause on the name: "X, led by A, invested in Y"."""
    deps = {"appos", "conj", "cc"} if host is None else {"appos", "acl"}
    parts = [c for c in head.children if c.dep_ in deps and c.i < verb.i]
    inside = {t.i for c in parts for t in c.subtree if t.i < verb.i}
    if host is not None and (host.i not in inside or head.doc[verb.i - 1].text != ","):
        return False
    listed = any(c.dep_ == "conj" for c in parts)
    return (
        bool(inside)
        and verb.i > head.i + 1
        and all(i in inside or head.doc[i].text == "," for i in range(head.i + 1, verb.i))
        and (listed or head.doc[verb.i - 1].text == ",")
    )


def _plural_clause(verb: Token) -> bool:
    """A relative clause whose verb agrees with a plural subject: "which compete", "which
    have partnered", "which were" (not "which competes" nor "which competed")."""
    words = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in words)


def _bare_participle(verb: Token) -> bool:
    """A passive participle set off without a subject or a "by" phrase on a clause's verb
    ("Faced with Y, X ...", "X closed, faced with Y"): it says what the clause's subject
    underwent."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in verb.children)
    )


@cache
def _company_kinds() -> frozenset[str]:
    """Nouns a definition calls a company by ("a record label", "an airline")."""
    cues = resources.load_json("cues.json")
    return frozenset(cues["anaphora_nouns"] + cues["singular_kind_nouns"]["words"])


#: Company nouns that may also describe a person ("a designer", "a partner at X"), and
#: nouns of a unit, which the parser may hang on a person a parenthesis ends ("X
#: (chief executive: A), a subsidiary of Y").
_PERSON_KINDS = frozenset({
    "designer", "developer", "partner", "buyer", "acquirer", "pair", "two", "parent",
    "subsidiary", "unit", "division", "affiliate", "venture", "lab", "laboratory",
})  # fmt: skip


def _called_company(root: Token) -> bool:
    """The name has an appositive after it that calls it a company: "Kestrel Transit, a
    bus operator", "Orlo Freight, the largest mover in Latvia"."""
    kinds = _company_kinds() - _PERSON_KINDS
    return any(
        c.dep_ == "appos" and c.i > root.i and c.pos_ == "NOUN" and kind_of(c, kinds)
        for c in root.children
    )


def _raised_object(by: Token) -> Token | None:
    """The object a bare "by" shares with the next participle's preposition: "owned by
    and based at X", "developed by and licensed to X"."""
    doc = by.doc
    if by.i + 2 >= len(doc) or doc[by.i + 1].lower_ not in {"and", "or"}:
        return None
    conj = doc[by.i + 2]
    if conj.dep_ != "conj" or conj.head.i != by.head.i or conj.tag_ != "VBN":
        return None
    for prep in conj.children:
        if prep.dep_ in {"prep", "agent"}:
            objs = [p for p in prep.children if p.dep_ == "pobj"]
            return objs[0] if objs else None
    return None


def _past_place(verb: Token) -> Token:
    """The noun a participle describes, past a place it follows: "a radio station in
    Fargo owned by X" describes the station (no place is owned, made or founded)."""
    head = verb.head
    prep = head.head
    if (
        verb.dep_ == "acl"
        # a place by its tag, or by standing in a definition ("X is a station in Y")
        and (head.ent_type_ in {"GPE", "LOC"} or prep.head.dep_ == "attr")
        and head.dep_ == "pobj"
        and prep.lower_ in {"in", "at", "near"}
        and prep.head.pos_ == "NOUN"
    ):
        return prep.head
    return head


def _former_staff(tok: Token) -> bool:
    """A noun for people who used to work at the company modifying it: "former X
    engineers", "ex-X executives", "a group of X veterans"."""
    lemma = tok.lemma_.lower()
    if lemma in _PAST_STAFF:
        return True
    if lemma not in _STAFF:
        return False
    before = tok.doc[tok.left_edge.i : tok.i]
    return any(t.lower_ in _FORMER or t.lower_.startswith("ex-") for t in before)


def _keeping_verb(role: Token) -> Token | None:
    """The verb of keeping a role: "A will stay on as chief executive", "A will remain
    chief executive", "chief executive A will stay on"."""
    if role.dep_ == "pobj" and role.head.lower_ == "as":
        verb = role.head.head
    elif role.dep_ == "attr":
        verb = role.head
    elif role.dep_ in {"compound", "appos"} and role.head.dep_ == "nsubj":
        verb = role.head.head
    else:
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _KEEPING:
        verb = verb.head  # "A will continue to run the company as chief executive"
    return verb if verb.lemma_.lower() in _KEEPING else None


def _holders_gerund(buying: Token, verb: Token) -> bool:
    """ "A will stay on as chairman after buying Y": the buying is the holder's own."""
    return (
        buying.tag_ == "VBG"
        and buying in verb.subtree
        and not any(c.dep_ in SUBJ for c in buying.children)
    )


def _a_post(word: str) -> bool:
    """A noun of a post a person is "at": "at the helm of Y", "at the head of Y"."""
    return word in _POSTS or _role_word(word)


def _role_word(word: str) -> bool:
    """A word that ends a role phrase ("executive", "chairman", "ceo")."""
    return word in _role_last_words()


@cache
def _role_last_words() -> frozenset[str]:
    """The last words of ``relations.json``'s role phrases, gathered once (the slots ask
    about many words, and splitting every role phrase for each is what cost)."""
    roles = resources.load_json("relations.json")["roles"]
    return frozenset(k.split()[-1] for k in roles if k[0] != "_")


def _title_words(role: Token) -> list[str]:
    """The words of the role phrase around ``role`` ("chief executive"), in order."""
    doc = role.doc
    start = end = role.i
    while start > role.sent.start and _in_role(doc[start - 1].lower_):
        start -= 1
    while end + 1 < role.sent.end and _in_role(doc[end + 1].lower_):
        end += 1
    return [t.lower_ for t in doc[start : end + 1] if t.lower_ not in _ROLE_GLUE]


def in_role(word: str) -> bool:
    """A word of a role phrase ("chief", "vice", "executive")."""
    return _in_role(word)


def _in_role(word: str) -> bool:
    """A word of a role phrase ("chief", "vice", "executive")."""
    return word in _role_phrase_words()


@cache
def _role_phrase_words() -> frozenset[str]:
    """Every word of ``relations.json``'s role phrases, gathered once."""
    roles = resources.load_json("relations.json")["roles"]
    return frozenset(w for k in roles if k[0] != "_" for w in k.split())


def _maker_word(lemma: str) -> bool:
    """A noun that names a company by what it makes: "the maker", "the drugmaker"."""
    return lemma.endswith("maker") or lemma in {"developer", "publisher"}


#: Deal nouns whose closing is done by the party that makes the deal: "X closed the
#: acquisition of Y", "X closed its deal to buy Y" (a round closed is received).
_CLOSED_DEALS = frozenset({"deal", "agreement", "transaction", "acquisition", "purchase",
                           "takeover", "buyout", "merger", "investment"})  # fmt: skip
#: Permissions whose winner does what they allow: "X won approval to buy Y".
_PERMISSIONS = frozenset({"approval", "clearance", "permission", "go-ahead", "consent", "nod"})


def _done_by_receiver(verb: Token, noun: Token) -> bool:
    """Whether the subject of a receiving verb ("close", "win", "get") makes the deal the
    noun names: it closes its own acquisition, wins approval for its own purchase, and
    lands a company as its own client."""
    lemma = noun.lemma_.lower()
    if lemma in _CLIENT_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ == "as":
        return True  # "X landed Y as a client": X wins Y's custom
    return (verb.lemma_.lower() == "close" and lemma in _CLOSED_DEALS) or lemma in _PERMISSIONS


#: Nouns of selling a business: "the sale of its retail division to Y".
_SALES = frozenset({"sale", "divestiture", "disposal", "spin-off", "spinoff"})
#: Parts of a company that a seller sells: the part, not its owner, is bought.
_PARTS = frozenset({"division", "unit", "business", "operation", "operations", "subsidiary",
                    "arm", "group", "assets", "asset"})  # fmt: skip


def _own_part_sold(noun: Token, part: Token) -> bool:
    """ "the sale of its retail division": the seller's own part is sold, not the seller
    ("its" names who sells, never who is bought)."""
    return (
        noun.lemma_.lower() in _SALES
        and part.lemma_.lower() in _PARTS
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in part.children)
    )


def _relative_above(verb: Token) -> Token | None:
    """The relative clause a fronted "which"/"that" object belongs to: the verb's own, or
    the one above its infinitive ("the unit that X agreed to buy", "which Y plans to
    acquire": the relative verb governs the infinitive holding the pronoun)."""
    node = verb
    if node.dep_ == "relcl":
        return node
    for _ in range(3):
        if node.dep_ != "xcomp":
            return None
        node = node.head
        if node.dep_ == "relcl":
            return node
    return None


def _list_opening(noun: Token, head: Token) -> Token:
    """The first name of the list a plural appositive set off after its last name
    describes: "A and B, the co-founders of X, said" (the parser hangs the appositive on
    B). Any other appositive describes the name it hangs on."""
    if noun.tag_ != "NNS" or head.dep_ != "conj" or noun.i < 1:
        return head
    if noun.left_edge.i < 1 or noun.doc[noun.left_edge.i - 1].text != ",":
        return head
    first = head
    while first.dep_ == "conj" and first.head.i != first.i and first.head.i < first.i:
        first = first.head
    return first


def _list_closes(tok: Token) -> bool:
    """The list a token opens ends in "and"/"or": the token or one of its chained conjuncts
    has the conjunction ("B, C, D and E": the parser hangs "and" on D, not on B)."""
    for _ in range(40):
        if any(c.dep_ == "cc" for c in tok.children):
            return True
        nxt = [c for c in tok.children if c.dep_ == "conj"]
        if not nxt:
            return False
        tok = nxt[0]
    return False


#: Passive verbs of being held in a state, whose subject takes part in the noun after
#: "in": "X and Y are locked in a price war", "X is embroiled in a fight with Y".
_HELD_IN = frozenset({"lock", "embroil", "engage", "entangle", "mire", "involve", "catch"})

#: Verbs of taking a side on a takeover, whose subject is a holder or an onlooker, not the
#: buyer: "X said it may support a buyout of Y", "X opposes the takeover of Y".
_ENDORSING = frozenset({
    "support", "back", "oppose", "favor", "favour", "endorse", "welcome", "resist",
    "criticize", "criticise", "applaud", "encourage",
})  # fmt: skip
#: Nouns of one company buying another, whose buyer such a verb's subject is not.
_TAKEOVER_NOUNS = frozenset({"acquisition", "buyout", "takeover", "purchase", "buy-out"})


def _endorsed_takeover(verb: Token, noun: Token) -> bool:
    """A takeover noun whose governing verb only takes a side on it ("X said it may back a
    buyout of Y", "X opposes the takeover of Y")."""
    return verb.lemma_.lower() in _ENDORSING and noun.lemma_.lower() in _TAKEOVER_NOUNS


def _whose_antecedent(tok: Token) -> Token | None:
    """The noun a "whose" clause describes: "X, whose unit Y ..." is X's."""
    node = tok.head
    for _ in range(4):
        if node.dep_ == "relcl":
            return _copula_subject(node.head) or node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _copula_subject(noun: Token) -> Token | None:
    """The subject a predicate noun describes: "X is a conglomerate whose units ..." is
    about X."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and c.i < noun.i]
    return subjects[0] if len(subjects) == 1 else None


def _listed_by_include(noun: Token) -> bool:
    """A plural noun, no name, whose members "include" names: "teams that used X
    include A and B". Not a deal noun: "investments made by X include A" names what X
    invested in, not what it made."""
    return (
        noun.dep_ == "nsubj"
        and noun.tag_ == "NNS"
        and noun.head.lemma_ == "include"
        and noun.head.pos_ == "VERB"
        and noun.lemma_.lower() not in _deal_nouns()
    )


@cache
def _deal_nouns() -> frozenset[str]:
    """Noun triggers of the relations a deal states ("investment", "acquisition")."""
    data = resources.load_json("relations.json")
    deals = set(data["traits"]["deals"])
    return frozenset(
        key for key, frames in data["nouns"].items() if any(f["relation"] in deals for f in frames)
    )


#: Nouns for a firm's buyers: who has them sells to them.
_CLIENT_NOUNS = frozenset({"client", "customer", "clientele"})


def _has_clients(root: Token) -> bool:
    """The name owns a firm's clients: "X's clients include ...", "X clients include
    ...", "X has more than 200 clients"."""
    head = root.head
    if root.dep_ in {"poss", "compound"} and head.lemma_.lower() in _CLIENT_NOUNS:
        return head.tag_ == "NNS" or head.lemma_.lower() == "clientele"
    return (
        root.dep_ == "nsubj"
        and head.lemma_.lower() in {"have", "serve"}
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _CLIENT_NOUNS for c in head.children)
    )


def lists_members(prep: Token) -> bool:
    """A preposition that lists a plural noun's members: "including", "like", "such as"."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in {"including", "like"}:
        return True
    if prep.lower_ == "of" and prep.head.lower_ == "likes":
        return True  # "the likes of A and B"
    return (
        prep.lower_ == "as"
        and prep.head.pos_ in {"NOUN", "PROPN"}
        and any(c.lower_ == "such" for c in prep.children)
    )


def of_shares(tok: Token) -> bool:
    """ "$500 million of X stock": a sum spent on a company's shares."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and p.lemma_.lower() in {"share", "stock"}
        for prep in tok.children
        for p in prep.children
    )


def _counted_plural(tok: Token) -> bool:
    """A plural common noun with a small count: "two companies", "four banks"."""
    return tok.tag_ == "NNS" and any(
        c.dep_ == "nummod" and (c.lower_ in _COUNTS or c.text in {"2", "3", "4", "5", "6"})
        for c in tok.children
    )


def _subjects(verb: Token) -> list[Token]:
    """The verb's children, less a description the parser took for a subject of its own
    right before the real one: "German conglomerate Orlo's Zenvia agreed to ..." reads
    "conglomerate" and "Zenvia" as two subjects; Zenvia is the one."""
    kids = list(verb.children)
    subj = [c for c in kids if c.dep_ == "nsubj"]
    if (
        len(subj) == 2
        and subj[0].pos_ == "NOUN"
        and subj[0].right_edge.i + 1 == subj[1].left_edge.i
    ):
        kids.remove(subj[0])
    return kids
