"""Synthetic knowledge of any size, written as YAML and read back through the real loader.

Operations get realistic code names ("Operation Copperbrook"), aliases, dates, forces, units,
a spokesperson and figures in the shapes the real releases use (counts, "more than £…",
all-forces and one-force scopes). The shared files (forces, metrics, reporting) are copied from
the bundled knowledge, so only the operations differ from production.

Also generates questions about random operations, phrased as the public would, with the figure
each should be answered with.
"""

from __future__ import annotations

import calendar
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.evaluation import number_pattern
from bot.knowledge import Knowledge, default_knowledge_dir

FIRST = [
    "amber", "ash", "black", "blue", "bramble", "bronze", "copper", "crow", "falcon", "fern",
    "flint", "fox", "frost", "gold", "granite", "grey", "hawk", "hazel", "heron", "holly",
    "iron", "ivy", "jade", "kestrel", "lark", "larch", "linden", "marsh", "merlin", "moss",
    "oak", "onyx", "otter", "owl", "pebble", "pine", "plover", "quarry", "raven", "red",
    "reed", "rook", "rowan", "rust", "sable", "salt", "silver", "slate", "sparrow", "steel",
    "stone", "storm", "swift", "tamar", "teal", "thorn", "tide", "timber", "vale", "willow",
    "wolf", "wren", "yew", "zinc", "beacon", "cedar", "cinder", "clover", "coral", "dune",
    "ember", "elm", "garnet", "harbour", "heather", "juniper", "lantern", "maple", "meadow",
    "nettle", "alder", "birch", "briar", "cobalt", "dove", "eagle", "gannet", "hollow",
    "indigo", "jasper", "kite", "marble", "north", "opal", "pike", "quartz", "russet", "saffron",
    "tern", "umber", "violet", "wheat", "azure", "badger", "crane",
]
SECOND = [
    "bank", "bay", "bourne", "bridge", "brook", "burn", "by", "castle", "chester", "cliff",
    "combe", "cross", "dale", "den", "field", "fold", "ford", "gate", "glen", "grove", "hall",
    "ham", "haven", "head", "hill", "holm", "hurst", "keep", "lake", "land", "lea", "ley",
    "mere", "mill", "moor", "mouth", "ness", "point", "pool", "port", "ridge", "rise", "shaw",
    "side", "stead", "stone", "strand", "thorpe", "ton", "vale", "wall", "water", "way",
    "well", "wick", "wood", "worth", "yard",
]
FOCUS = ["knife crime", "county lines drug supply", "burglary", "vehicle crime", "metal theft",
         "shoplifting", "anti-social behaviour", "fraud", "rural crime", "modern slavery",
         "drink and drug driving", "serious violence"]
TOWNS = ["Chelmsford", "Colchester", "Southend", "Basildon", "Harlow", "Braintree", "Brentwood",
         "Maldon", "Clacton", "Grays", "Canterbury", "Maidstone", "Luton", "Watford", "Guildford",
         "Reading", "Brighton", "Croydon", "Stevenage", "Crawley"]
RANKS = ["Inspector", "Chief Inspector", "Superintendent", "Detective Inspector",
         "Detective Chief Inspector", "Sergeant"]
GIVEN = ["Sarah", "James", "Aisha", "Tom", "Priya", "Daniel", "Helen", "Marcus", "Chloe", "Owen",
         "Fatima", "Gareth", "Nina", "Raj", "Laura", "Kofi"]
FAMILY = ["Hughes", "Okafor", "Bennett", "Shah", "Walsh", "Clarke", "Nowak", "Reid", "Patel",
          "Doyle", "Fraser", "Mensah", "Turner", "Lloyd", "Barker", "Khan"]
UNITS = [("Roads Policing Unit", "RPU"), ("Dog Unit", None), ("Marine Unit", None),
         ("Operational Support Group", "OSG"), ("Rural Crime Team", None),
         ("Criminal Investigation Department", "CID"), ("Special Constabulary", "Specials")]
# metric id → (low, high) of a plausible all-forces value
RANGES = {"arrests": (4, 900), "vehicles-seized": (2, 300), "drug-seizures": (2, 250),
          "cash-seized": (500, 400_000), "stolen-vehicles-recovered": (1, 60),
          "patrol-hours": (100, 12_000), "policing-operations": (5, 400)}
SHARED_FILES = ("forces.yaml", "metrics.yaml", "reporting.yaml")
# what the releases' people say, what officers did and what they asked of the public: varied, so
# that "who said …" and the last-resort search of quotes have many different sentences to search
SAID = ["{op} shows what working together achieves.",
        "Officers in {town} will keep targeting {focus} long after {op} ends.",
        "We listened to residents in {town} who told us {focus} was their main worry.",
        "Criminals who think {focus} goes unnoticed in {town} should think again.",
        "Every arrest in {op} means a safer {town} for families.",
        "Intelligence from the public shaped {op} from the first day."]
METHODS = ["high-visibility patrols in {town} town centre",
           "plain-clothes officers watching known hotspots for {focus}",
           "checks on vehicles using the roads around {town}",
           "warrants executed at addresses linked to {focus}",
           "visits to businesses in {town} to give crime prevention advice",
           "drones and number plate cameras covering routes out of {town}"]
APPEALS = ["Anyone with information about {focus} in {town} should report it online or call "
           "101.",
           "Residents of {town} who see something suspicious are asked to contact Crimestoppers "
           "anonymously."]


def code_names(n: int, rng: random.Random) -> list[str]:
    names = [f"{a}{b}" for a in FIRST for b in SECOND if not a.endswith(b[:1])]
    if n > len(names):
        raise ValueError(f"at most {len(names)} distinct code names, asked for {n}")
    return rng.sample(names, n)


def _figures(rng: random.Random, forces: list[str], label: str) -> list[dict]:
    figures = []
    for metric in rng.sample(sorted(RANGES), rng.randint(3, 5)):
        low, high = RANGES[metric]
        value = rng.randint(low, high)
        qualifier = "exact"
        if metric in ("cash-seized", "patrol-hours"):
            value = round(value, -2) or 100
            qualifier = rng.choice(["exact", "more_than"])
        figures.append({"metric": metric, "value": value, "qualifier": qualifier,
                        "scope": "all", "period": {"label": label}})
        if rng.random() < 0.6 and value > 3:
            figures.append({"metric": metric, "value": rng.randint(1, value // 2),
                            "scope": rng.choice(forces), "period": {"label": label}})
    return figures


def operation_document(name: str, rng: random.Random, force_names: dict[str, str]) -> dict:
    word = name.capitalize()
    year, month, day = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 25)
    days = rng.randint(1, 4)
    start, end = f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day + days - 1:02d}"
    force_ids = sorted(force_names)
    lead = rng.choice(force_ids)
    forces = [lead] + rng.sample([f for f in force_ids if f != lead], rng.randint(1, 4))
    focus = rng.sample(FOCUS, rng.randint(1, 2))
    area = " and ".join(rng.sample(TOWNS, 2))
    unit, short = rng.choice(UNITS)
    person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    rank = rng.choice(RANKS)
    month_year = f"{calendar.month_name[month]} {year}"
    fill = {"op": f"Operation {word}", "town": area.split(" and ")[0], "focus": focus[0]}
    said = [t.format(**fill) for t in rng.sample(SAID, 2)]
    methods = [t.format(**fill) for t in rng.sample(METHODS, rng.randint(1, 3))]
    appeal = rng.choice(APPEALS).format(**fill) if rng.random() < 0.5 else None
    label = (f"{day} to {day + days - 1} {month_year}" if days > 1 else f"on {day} {month_year}")
    return {
        "operation": {
            "id": f"op-{name}",
            "name": f"Operation {word}",
            "aliases": [f"op {name}", name, f"the {name} operation"],
            "summary": f"A {days}-day operation led by {force_names[lead]} against "
                       f"{' and '.join(focus)} in {area}.",
            "focus": focus,
            "area": area,
            "dates": {"start": start, "end": end},
            "duration": f"{days} days",
            "lead_force": lead,
            "forces": forces,
            "units": [{"name": unit, **({"short": short} if short else {}), "force": lead,
                       "part": "took part"}],
            "methods": methods,
            "figures": _figures(rng, forces, label),
            "people": [{"name": person, "rank": rank, "role": rank, "force": lead,
                        "part": "led the operation", "said": said}],
            **({"appeal": appeal} if appeal else {}),
        },
        "source": {"publisher": force_names[lead], "title": f"Results of Operation {word}",
                   "date": end},
    }


def write_knowledge(directory: Path, size: int, seed: int = 1) -> Path:
    """Write `size` synthetic operations plus the bundled shared files into `directory`."""
    rng = random.Random(seed)
    bundled = default_knowledge_dir()
    (directory / "operations").mkdir(parents=True, exist_ok=True)
    for name in SHARED_FILES:
        shutil.copy(bundled / name, directory / name)
    forces = yaml.safe_load((bundled / "forces.yaml").read_text(encoding="utf-8"))["forces"]
    force_names = {f["id"]: f["name"] for f in forces}
    for name in code_names(size, rng):
        doc = operation_document(name, rng, force_names)
        path = directory / "operations" / f"{name}.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return directory


# ---------------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    q: str
    must: tuple[str, ...]  # regexes the reply must all match
    typo: bool


def typo(word: str, rng: random.Random) -> str:
    """One slip of the thumb: a swapped, dropped or doubled letter inside the word."""
    if len(word) < 6:
        return word
    i = rng.randint(1, len(word) - 3)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def questions(knowledge: Knowledge, count: int, seed: int = 2,
              typo_share: float = 0.3) -> list[Question]:
    """`count` questions about figures of random operations, some with a typo in the name."""
    rng = random.Random(seed)
    out = []
    ops = [op for op in knowledge.operations if op.figures]
    while len(out) < count:
        op = rng.choice(ops)
        fig = rng.choice(op.figures)
        metric = knowledge.metric(fig.metric)
        word = rng.choice([metric.label, *metric.terms[:2]])
        alias = rng.choice([op.name, *op.aliases[:2]]).lower()
        slip = rng.random() < typo_share
        if slip:
            longest = max(alias.split(), key=len)
            alias = alias.replace(longest, typo(longest, rng))
        how = "how much" if metric.unit == "GBP" else "how many"
        if fig.scope not in (None, "all"):
            force = knowledge.forces[fig.scope]
            who = rng.choice([force.name, *force.aliases[:2]]).lower()
            q = rng.choice([f"{how} {word} did {who} get in {alias}",
                            f"{alias} {word} {who}"])
        else:
            q = rng.choice([f"{how} {word} in {alias}", f"{alias} {word}",
                            f"{how} {word} were there in {alias} altogether"])
        name = re.escape(op.name.split()[-1] if op.name.startswith("Operation") else op.name)
        out.append(Question(q, (number_pattern(fig.value), name), slip))
    return out
