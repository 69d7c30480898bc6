"""The whole mix of messages the public sends, about any knowledge (bundled or synthetic).

Seven kinds, each generated from the knowledge itself so that it works at any size: figures,
refusals (things the knowledge doesn't hold, asked in the ways that reach each refusal), "who
said …", facts that are not figures, follow-ups (the timed turn comes after an untimed first
one), reporting, and emergencies. Each message carries what a right reply must show, so a
change that makes the engine faster cannot silently make it wrong.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from benchmarks.synthetic import TOWNS, questions
from bot.evaluation import number_pattern
from bot.knowledge import Knowledge
from bot.knowledge.models import Operation

KINDS = ("figures", "refusals", "who said", "facts", "follow-ups", "reporting", "emergencies")


@dataclass(frozen=True)
class Message:
    kind: str
    text: str
    setup: tuple[str, ...] = ()  # earlier turns of the same conversation, not timed
    must: tuple[str, ...] = ()  # regexes the reply's text must all match
    answered: bool | None = None  # what Answer.answered must be (None: either)
    emergency: bool = False  # the reply must be the 999 answer


# things no release counts or says, for refusals that must not find anything
ODD_THINGS = ["beekeepers", "allotments", "canal boats", "scaffolding", "lighthouses",
              "marathons", "orchards", "windmills", "bandstands", "ferries", "castles", "choirs"]
ODD_WORRIES = ["swarms", "frost", "moorings", "pigeons", "parking", "noise", "litter", "tides"]
UNCOUNTED = ["burglaries solved", "fines issued", "speeding tickets given", "dogs rescued",
             "complaints made", "officers injured"]
FAKE_OPS = ["quixbolt", "zephyrnox", "vantorix", "brambleweft", "glimmerhaw", "pennywhistle",
            "marrowquill", "snickerbay", "tumblewick", "wraxhollow"]
REPORTING = ["how do i report drug dealing in {town}", "is live chat open",
             "what is the number for crimestoppers", "can i report something anonymously",
             "how do i send you dashcam footage",
             "what number do i call if its not an emergency",
             "where can i report a stolen bike in {town}",
             "i want to report fly tipping in {town}",
             "is there a way to text the police if im deaf", "when does live chat close"]
EMERGENCIES = ["someone is breaking into my house in {town} right now",
               "theres a man with a knife outside the station in {town}",
               "my neighbour has collapsed and isnt breathing",
               "help someone is attacking me in {town}",
               "a car has crashed in {town} and the driver is trapped",
               "my ex is outside threatening to kill me",
               "i can see smoke and flames coming from a house in {town}",
               "a child has gone missing in {town} park just now"]


def _alias(op: Operation, rng: random.Random) -> str:
    return rng.choice([op.name, *op.aliases[:2]]).lower()


def _name_rx(op: Operation) -> str:
    return re.escape(op.name.split()[-1] if op.name.startswith("Operation") else op.name)


def refusal(knowledge: Knowledge, rng: random.Random) -> Message:
    op = rng.choice(knowledge.operations)
    town, alias = rng.choice(TOWNS), _alias(op, rng)
    text = rng.choice([
        f"how many {rng.choice(UNCOUNTED)} in {alias}",
        f"whats the weather like in {town} on saturday",
        f"how many arrests in operation {rng.choice(FAKE_OPS)}",
        f"were the people arrested in {alias} sentenced",
        f"any advice for {rng.choice(ODD_THINGS)} about {rng.choice(ODD_WORRIES)}",
        f"what did the home secretary say about {alias}",
        f"can you recommend a pizza place in {town}",
        f"did the police say anything about {rng.choice(ODD_THINGS)} in {town}",
    ])
    return Message("refusals", text, answered=False)


def who_said(knowledge: Knowledge, rng: random.Random,
             speakers: dict[str, set[str]]) -> Message:
    op = rng.choice([o for o in knowledge.operations if any(p.said for p in o.people)])
    person = rng.choice([p for p in op.people if p.said])
    said = rng.choice(person.said).rstrip(".").lower()
    words = said.split()
    if len(words) > 8:  # part of the sentence, as people remember it
        start = rng.randint(0, len(words) - 6)
        said = " ".join(words[start:start + 6])
    opener = rng.choice(["who said", "who said that", "who was quoted saying"])
    who = {p for s, people in speakers.items() if said in s for p in people}
    return Message("who said", f"{opener} {said}",
                   must=("|".join(sorted(map(re.escape, who))),), answered=True)


def fact(knowledge: Knowledge, rng: random.Random) -> Message:
    op = rng.choice(knowledge.operations)
    alias = _alias(op, rng)
    text = rng.choice([f"who led {alias}", f"when was {alias}",
                       f"which forces took part in {alias}", f"where did {alias} take place",
                       f"how long did {alias} last", f"what was {alias} about",
                       f"tell me about {alias}"])
    return Message("facts", text, must=(_name_rx(op),), answered=True)


def follow_up(knowledge: Knowledge, rng: random.Random) -> Message:
    op = rng.choice([o for o in knowledge.operations if len({f.metric for f in o.figures}) > 1])
    first, second = rng.sample(sorted({f.metric for f in op.figures}), 2)
    setup = (f"how many {knowledge.metric(first).label} in {_alias(op, rng)}",)
    totals = [f for f in op.figures if f.metric == second and f.scope in ("all", None)]
    must = (number_pattern(totals[0].value),) if totals else ()
    text = rng.choice([f"and the {knowledge.metric(second).label}?",
                       f"what about {knowledge.metric(second).label}",
                       f"how many {knowledge.metric(second).label} in it"])
    if rng.random() < 0.3:
        text = rng.choice(["who led it?", "when was that?", "which forces were involved"])
        must = ()
    return Message("follow-ups", text, setup=setup, must=must + (_name_rx(op),), answered=True)


def mix(knowledge: Knowledge, per_kind: int, seed: int = 3) -> list[Message]:
    """`per_kind` messages of each kind, shuffled together as real traffic would be."""
    rng = random.Random(seed)
    speakers: dict[str, set[str]] = {}
    for op in knowledge.operations:
        for p in op.people:
            for s in p.said:
                speakers.setdefault(s.rstrip(".").lower(), set()).add(p.name.split()[-1])
    out = [Message("figures", q.q, must=q.must, answered=True)
           for q in questions(knowledge, per_kind, typo_share=0.1)]
    for _ in range(per_kind):
        town = rng.choice(TOWNS)
        out += [refusal(knowledge, rng), who_said(knowledge, rng, speakers),
                fact(knowledge, rng), follow_up(knowledge, rng),
                Message("reporting", rng.choice(REPORTING).format(town=town),
                        must=(r"\b(101|999|crimestoppers|live chat|online)\b",)),
                Message("emergencies", rng.choice(EMERGENCIES).format(town=town),
                        emergency=True)]
    rng.shuffle(out)
    return out
