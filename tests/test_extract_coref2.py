"""Facts whose two names stand in different sentences (helper coref2): a role kept
after a deal told up to three sentences before ("A will remain chief executive") is at
the company bought or sold; a description run or led by a role holder ("The maker of
X is led by chief executive A", "The new company is run by A") is the company it
stands for, not a name inside it, and not the company the holder "previously led"; a
one-word name the text shows is a person ("Grell, once the finance chief of X,
..."; "Brannar finished his doctorate") is the "he" or "she" of the next
sentence, before a person the sentence names only as an object; a description of a
person ("the Qatari banker", "the billionaire") is the one person subject before it;
a description in a buyer's own clause ("X agreed to buy Y from Z. X already holds 10%
of the company"; "Y agreed to be acquired by X and Z. X owns 8% of the business") is
the company it bought, not the last other company named; the person the parser hangs
on a role's company ("The outgoing chief executive of X, A, will ...") holds the role.

Sentences are invented for these tests; names are made up so no gazetteer entry helps.
"""

from __future__ import annotations

import pytest

from loaders.extract import Extractor
from tests.extract_util import Triple, triples


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


CASES: list[tuple[str, set[Triple], set[Triple]]] = [
    # a role kept after a deal told sentences before: the company bought or sold
    (
        "Veltra Capital agreed to buy Norrik Labs for $2 billion on Monday. Veltra Capital"
        " will roll over its existing stake in the sensor business. Ana Pirez will remain"
        " chief executive, and the company will keep its offices in Austin.",
        {("Ana Pirez", "executive_of", "Norrik Labs")},
        {("Ana Pirez", "executive_of", "Veltra Capital")},
    ),
    (
        "Norrik Labs announced an agreement to be acquired by Veltra Capital and Orrin"
        " Partners. Veltra Capital already owns about 8% of Norrik Labs. Ana Pirez will"
        " stay on as chief executive.",
        {("Ana Pirez", "executive_of", "Norrik Labs")},
        {("Ana Pirez", "executive_of", "Veltra Capital")},
    ),
    (
        "Halvard Group completed its takeover of Norrik Labs on Friday. The buyer paid $40"
        " a share. Shares of Halvard Group rose 2% in Oslo. Ana Pirez will continue as"
        " chief executive.",
        {("Ana Pirez", "executive_of", "Norrik Labs")},
        {("Ana Pirez", "executive_of", "Halvard Group")},
    ),
    (
        "Quellon Health said it had sold Norrik Labs to Brisk Partners. Brisk Partners"
        " plans to keep the unit's brand. Tom Welk will remain president.",
        {("Tom Welk", "executive_of", "Norrik Labs")},
        {("Tom Welk", "executive_of", "Brisk Partners")},
    ),
    # a description run or led by a role holder: the company it stands for
    (
        "Halvard Cloud listed its shares on Monday after Veltra Corp completed its"
        " spin-off. The maker of X-ray tubes, hearing aids and CT systems is led by chief"
        " executive Ana Pirez.",
        {("Ana Pirez", "executive_of", "Halvard Cloud")},
        {("Ana Pirez", "executive_of", "CT")},
    ),
    (
        "Orrin Biotech said on Tuesday it had raised $50 million. The Boston startup, which"
        " makes gene tests, is run by chief executive Dana Velk.",
        {("Dana Velk", "executive_of", "Orrin Biotech")},
        set(),
    ),
    # the new company's head, not only the company the head previously led
    (
        "Quorin began trading on Monday, hours after Veltra completed its merger with"
        " Norrik, the generics unit of Halvard. The new company is run by chief executive"
        " Ana Pirez, who previously led Norrik.",
        {("Ana Pirez", "executive_of", "Quorin")},
        set(),
    ),
    # a one-word name shown to be a person is the "he" or "she" that follows
    (
        "Grell, once the finance chief of Veltra, replaced Ana Pirez as head of the group in"
        " 2008. He had co-founded Norrik Labs, a chip designer that Kestor Networks bought"
        " in 2007.",
        {("Grell", "founded", "Norrik Labs")},
        {("Ana Pirez", "founded", "Norrik Labs")},
    ),
    (
        "Brannar obtained a degree from the University of Oslo, finishing his doctorate in"
        " 1982. While at Oslo, he met Per Lund. He later founded Starfold, an early network"
        " game maker.",
        {("Brannar", "founded", "Starfold")},
        {("Per Lund", "founded", "Starfold")},
    ),
    (
        "Ostvik, then Halvard's finance chief, replaced Dana Velk as chairman in 2015. She"
        " co-founded Lumo Pay, a payments startup, in 2019.",
        {("Ostvik", "founded", "Lumo Pay")},
        {("Dana Velk", "founded", "Lumo Pay")},
    ),
    # a description of a person ("the banker") is the one person subject before it
    (
        "Dana Velk has dropped a bid for Castor United, people familiar with her thinking"
        " said. The Qatari banker, who is chairman of Norrik Bank, had offered $5 billion.",
        {("Dana Velk", "executive_of", "Norrik Bank")},
        set(),
    ),
    (
        "Tom Welk agreed to buy a 20% stake in Orrin Air on Monday. The billionaire, who"
        " founded Kestrel Foods in 1998, will join the airline's board.",
        {("Tom Welk", "founded", "Kestrel Foods")},
        set(),
    ),
    (
        "Veltra Corp hired Halden Advisors to weigh a sale. The executive, who runs the"
        " firm's Oslo office, said talks were at an early stage.",
        set(),
        {("Veltra Corp", "executive_of", "Halden Advisors")},
    ),
    # a description in the buyer's own clause is the company it bought just before
    (
        "Veltra Capital agreed to buy Norrik Labs from Orrin Partners for $2 billion."
        " Veltra Capital already holds a 10% stake in the company.",
        {("Veltra Capital", "invests_in", "Norrik Labs")},
        {("Veltra Capital", "invests_in", "Orrin Partners")},
    ),
    (
        "Norrik Labs announced an agreement to be acquired by Veltra Capital and Orrin"
        " Partners. Veltra Capital already owns about 8% of the business.",
        {("Veltra Capital", "invests_in", "Norrik Labs")},
        {("Veltra Capital", "invests_in", "Orrin Partners")},
    ),
    (
        "Norrik Labs was bought by Veltra Capital in 2019. Veltra Capital later sold 20% of"
        " the company to Orrin Partners.",
        {("Veltra Capital", "acquires", "Norrik Labs")},
        {("Veltra Capital", "invests_in", "Orrin Partners")},
    ),
    # the person set after a role's company: "The outgoing chief executive of X, A"
    (
        "The outgoing chief executive of Veltra Corp, Ana Pirez, will join Norrik Labs as"
        " chairman.",
        {("Ana Pirez", "executive_of", "Veltra Corp")},
        set(),
    ),
    (
        "The chief executive of Veltra Corp, Ana Pirez, said sales rose 4% in May.",
        {("Ana Pirez", "executive_of", "Veltra Corp")},
        set(),
    ),
    # a person named in full keeps the pronoun as before
    (
        "Ana Pirez studied law in Oslo. Pirez succeeded Tom Welk as chief executive of"
        " Veltra in 2008. She co-founded Norrik Labs in 2011.",
        {("Ana Pirez", "founded", "Norrik Labs"), ("Ana Pirez", "executive_of", "Veltra")},
        {("Tom Welk", "founded", "Norrik Labs")},
    ),
]


@pytest.mark.parametrize(("text", "want", "unwanted"), CASES)
def test_across_sentences(
    extractor: Extractor, text: str, want: set[Triple], unwanted: set[Triple]
) -> None:
    found = triples(extractor, text)
    assert want <= found
    assert not unwanted & found
