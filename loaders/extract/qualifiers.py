"""Stage 4, qualifiers: amount and currency, stake, quantity, product.

Each qualifier is read from the trigger's own phrase (its subtree) or from a
phrase attached to a verb that governs it, never from elsewhere in the sentence,
so two deals in one sentence keep their own prices.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph.model import Relation
from loaders.extract import resources
from loaders.extract.deal_slots import INCLUDING
from loaders.extract.slots import Context
from loaders.extract.types import Candidate

_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)")


def anchors(tok: Token, through_appos: bool = False) -> list[Token]:
    """The trigger and the words that govern it, up to the clause's root.

    Climbing stops at an apposition or an adjectival clause: "X, the startup
    backed by Y" describes X; the main clause's tense and dates are not its own.
    A role in apposition ("named X its chief executive", "X, its CEO, is stepping
    down") does share them: ``through_appos``.
    """
    out = [tok]
    node = tok
    for _ in range(12):
        # A participle describes its noun ("the startup backed by Y"); an infinitive,
        # passive or not, belongs to it ("talks to acquire Y have stalled", "announced
        # an agreement to be acquired by Y").
        descriptive = (
            node.dep_ == "acl"
            and node.tag_ in {"VBN", "VBG"}
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        )
        if node.head.i == node.i or descriptive or (node.dep_ == "appos" and not through_appos):
            break
        if node.dep_ == "relcl" and node.i != tok.i:
            break  # "Y, who runs X, will step down": the relative clause keeps its own tense
        node = node.head
        out.append(node)
    return out


def _attached(span: Span, trigger: Token, anchor_set: set[int]) -> int | None:
    """Distance from the trigger when ``span`` belongs to the trigger's phrase or an anchor."""
    root = span.root
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i and _under(root, trigger):
        return abs(root.i - trigger.i)
    head = root.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.i in anchor_set or root.head.i in anchor_set:
        return abs(root.i - trigger.i) + 10
    return None


def _under(tok: Token, top: Token) -> bool:
    node = tok
    for _ in range(10):
        if node.i == top.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _nearest(ctx: Context, cand: Candidate, labels: set[str]) -> Span | None:
    trigger = ctx.doc[cand.trigger]
    anchor_set = {t.i for t in anchors(trigger)}
    best: tuple[int, Span] | None = None
    for ent in trigger.sent.ents:
        if ent.label_ not in labels:
            continue
        dist = _attached(ent, trigger, anchor_set)
        if dist is not None and (best is None or dist < best[0]):
            best = (dist, ent)
    return best[1] if best else None


def parse_amount(text: str) -> tuple[str, str | None] | None:
    """``"$26.2 billion"`` → ``("26200000000", "USD")``; the currency may be unknown."""
    cues = resources.load_json("money.json")
    low = text.lower()
    m = _NUMBER.search(low)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    for word, scale in cues["scales"].items():
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", low):
            value *= scale
            break
    currency = None
    for word, code in cues["currencies"].items():
        if word in low:
            currency = code
            break
    return f"{value:.0f}" if value >= 1 else f"{value}", currency


def add_qualifiers(ctx: Context, cand: Candidate) -> None:
    """Fill the candidate's qualifiers in place."""
    rel = cand.relation
    if rel in {Relation.ACQUIRES, Relation.INVESTS_IN}:
        money = _nearest(ctx, cand, {"MONEY"})
        parsed = parse_amount(money.text) if money is not None else None
        if parsed:
            cand.qualifiers["amount"] = parsed[0]
            if parsed[1]:
                cand.qualifiers["currency"] = parsed[1]
        stake = _stake(ctx, cand)
        if stake:
            cand.qualifiers["stake"] = stake
    elif rel is Relation.USES:
        qty = _quantity(ctx, cand)
        if qty:
            cand.qualifiers["quantity"] = qty
    elif rel is Relation.SUPPLIES:
        product = _product(ctx, cand)
        if product:
            cand.qualifiers["product"] = product


def _stake(ctx: Context, cand: Candidate) -> str | None:
    words = resources.load_json("money.json")["number_words"]
    trigger = ctx.doc[cand.trigger]
    # "a 15 pct stake": NER does not always tag newswire percentages.
    for tok in trigger.subtree:
        nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
        if _in_relative(tok, trigger) or _in_included_part(tok, trigger):
            continue  # "sold X, which holds a 25 pct interest in Y, to Z": X's own stake
        if _market_move(tok, trigger):
            continue  # "agreed to buy X, sending its shares up 4%": a price, not a stake
        if nxt is not None and _percent_word(ctx, nxt) and tok.like_num:
            value = tok.text.replace(",", "")
            return str(words.get(value.lower(), value))
    pct = _nearest(ctx, cand, {"PERCENT"})
    if pct is not None and (
        _in_relative(pct.root, trigger)
        or _in_included_part(pct.root, trigger)
        or _market_move(pct.root, trigger)
    ):
        pct = None  # "took over X, in which it already held 34%": the stake held before
    if pct is not None:
        m = _NUMBER.search(pct.text)
        if m:
            return m.group(1)
        for w in pct.text.lower().split():
            if w in words:
                return str(words[w])
    return None


def _percent_word(ctx: Context, tok: Token) -> bool:
    """A word of percent after a number: "pct", "%", "per cent"; not the "per" of a
    price ("$34 per share" is no stake)."""
    if tok.lower_ in {"pct", "percent", "%"}:
        return True
    after = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    return tok.lower_ == "per" and after is not None and after.lower_ == "cent"


def _in_relative(tok: Token, trigger: Token) -> bool:
    """The token sits in a relative clause below the trigger."""
    for a in tok.ancestors:
        if a.i == trigger.i:
            return False
        if a.dep_ == "relcl":
            return True
    return False


#: Words of a share price moving or compared: "sending its shares up 4%", "shares of X
#: rose 20%", "a 30% premium to its closing price".
_PRICE_MOVES = frozenset(
    {"rise", "rose", "fall", "jump", "climb", "gain", "drop", "slide", "surge", "soar",
     "tumble", "plunge", "sink", "rally", "slump", "dip", "send", "sent", "lift", "push",
     "up", "down", "higher", "lower", "premium", "discount", "trading", "trade", "close"}
)  # fmt: skip
#: Nouns of what a percent may be a share of besides a company: "giving it 25% of the
#: domestic market", "a 30% market share", "40% of its sales".
_NOT_OWNED = frozenset(
    {"market", "sales", "revenue", "revenues", "output", "production", "capacity",
     "traffic", "deliveries", "shipments", "demand", "workforce", "jobs", "staff"}
)  # fmt: skip
#: Nouns of a share held, which make a percent a stake whatever verb moves it.
_HELD_SHARES = frozenset({"stake", "holding", "shareholding", "interest", "ownership"})


def _market_move(tok: Token, trigger: Token) -> bool:
    """The percent is a move or premium in a share price, said in a clause on the
    trigger or beside it ("X will buy Y, sending its shares up 4%"; "shares of Y rose
    20%"), or a share of a market ("giving it 25% of the market"), and no stake noun
    stands between it and the trigger ("lifting its stake to 12%" is a stake)."""
    path: list[Token] = []
    for a in [tok, *tok.ancestors]:
        if a.i == trigger.i:
            break
        path.append(a)
    words = {t.lemma_.lower() for t in path} | {t.lower_ for t in path}
    near = {c.lower_ for t in path for c in t.children}
    near |= {g.lower_ for t in path for c in t.children if c.lower_ == "of" for g in c.children}
    if (words | near) & _HELD_SHARES:
        return False
    return bool(words & _PRICE_MOVES or (words | near) & _NOT_OWNED)


def _in_included_part(tok: Token, trigger: Token) -> bool:
    """The token sits in an "including" phrase on the trigger: "agreed to buy X,
    including the 40% stake held by Y" buys all of X; the 40% is a part the buyer takes
    over, not the size of its stake."""
    for a in tok.ancestors:
        if a.i == trigger.i:
            return False
        if a.dep_ == "prep" and a.lower_ in INCLUDING:
            return True
    return False


def _quantity(ctx: Context, cand: Candidate) -> str | None:
    obj = ctx.doc[cand.object.start : cand.object.end]
    for tok in [obj.root, *obj]:
        for child in tok.children:
            if child.dep_ == "nummod" and child.like_num:
                return str(child.text).replace(",", "")
    prev = ctx.doc[obj.start - 1] if obj.start > 0 else None
    if prev is not None and prev.like_num:
        return str(prev.text).replace(",", "")
    return None


def _product(ctx: Context, cand: Candidate) -> str | None:
    trigger = ctx.doc[cand.trigger]
    phrases: list[Span] = []
    # "supply X with chips" first; a direct object only when it is the goods, not a
    # description of the customer ("supply the startup with chips").
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            phrases += [
                ctx.doc[p.left_edge.i : p.right_edge.i + 1]
                for p in child.children
                if p.dep_ == "pobj"
            ]
    for child in trigger.children:
        if child.dep_ == "dobj" and child.i not in ctx.at and not ctx.is_anaphor(child):
            phrases.append(ctx.doc[child.left_edge.i : child.i + 1])
    if trigger.pos_ == "NOUN":
        words = [c for c in trigger.children if c.dep_ == "compound" and c.i not in ctx.at]
        if words:
            phrases.append(ctx.doc[words[0].i : trigger.i])
    for span in phrases:
        kept = [t for t in span if t.dep_ not in {"det", "poss", "case"} and t.i not in ctx.at]
        text = "".join(t.text_with_ws for t in kept).strip()
        if text and len(text.split()) <= 6:
            return text
    return None
