"""What a figure counted, as a metric: an existing one where it fits, or a new one.

A counted thing is a noun phrase and the action done to it ("vehicles" + "seized"). Verbs
that mean the same are folded into one ("handed in", "turned in" → "surrendered"), so that
"knives were handed in" and "knives surrendered" are one metric. A new metric's id, label and
terms depend only on that phrase, so two releases defining it define it identically (the
loader rejects two different definitions of one id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.importer.numbers import WEIGHTS
from bot.importer.vocabulary import Vocabulary
from bot.importer.words import DRUGS, FIGURATIVE, MASS_NOUNS, SELLERS, SYNONYMS, offence_terms
from bot.knowledge.models import Metric

# canonical verb → the ways releases say it
VERB_FAMILIES: dict[str, tuple[str, ...]] = {
    "seized": ("seized", "seize", "seizing", "confiscated", "impounded", "taken", "took",
               "taken off", "taken off the streets", "taken off the road"),
    "recovered": ("recovered", "retrieved", "recovering", "retrieving", "returned"),
    "found": ("found", "finding", "discovered", "located", "uncovered"),
    "surrendered": ("surrendered", "handed in", "turned in", "given up", "handed over",
                    "deposited", "dropped off"),
    "arrested": ("arrested", "arresting", "detained"),
    "executed": ("executed", "executing", "served"),
    "searched": ("searched", "searching", "raided"),
    "issued": ("issued", "issuing", "handed out", "given out", "given"),
    "reported": ("reported", "reporting", "summonsed", "prosecuted"),
    "stopped": ("stopped", "stopping", "pulled over", "stop", "pull over"),
    "visited": ("visited", "visiting"),
    "checked": ("checked", "checking", "inspected", "inspecting", "tested", "testing"),
    "caught": ("caught", "catching", "detected", "snapped"),
    "dealt with": ("dealt with", "ticketed", "fined"),
    "charged": ("charged", "charging"),
    "warned": ("warned", "warning", "advised"),
    "referred": ("referred", "referring", "signposted"),
    "safeguarded": ("safeguarded", "safeguarding", "protected"),
    "failed": ("failed", "failing"),
    "passed": ("passed", "passing"),
    "closed": ("closed", "closing", "shut down"),
    "took part": ("took part", "taking part", "involved", "deployed", "joined in"),
}
VERB_FORMS: dict[str, str] = {f: verb for verb, forms in VERB_FAMILIES.items() for f in forms}
"""Each way of saying a verb → its canonical form ('handed in' → 'surrendered')."""

LIGHT_VERBS = frozenset(
    "made making carried conducted conducting undertook undertaken completed performed held "
    "ran run saw seen had recorded achieved dedicated spent put delivered secured".split()
)
ACTION_NOUNS = frozenset(
    "arrests arrest seizures seizure searches search operations operation purchases purchase "
    "patrols patrol sweeps sweep visits visit checks check stops stop inspections inspection "
    "raids raid tests test interventions intervention referrals referral finds".split()
)
VEHICLES = frozenset(
    "vehicle vehicles car cars van vans motorbike motorbikes motorcycle motorcycles caravan "
    "caravans lorry lorries trailer trailers moped mopeds motor motors".split()
)
PERSONNEL = frozenset("officers staff volunteers pcsos specials detectives colleagues "
                      "partners".split())
"""Who took part: 'officers and staff' is one noun phrase."""
PERSON_NOUNS = frozenset("people persons men women individuals males females adults suspects "
                         "offenders".split())
OFFENDERS = PERSON_NOUNS | frozenset("drivers driver motorists riders cyclists".split())
"""Who is counted when a release counts offences ('188 drivers dealt with for ...')."""
OUTCOMES = frozenset({"failed", "passed", "refused", "complied"})
"""Verbs that split a count into outcomes ('test purchases failed'): always part of the phrase."""
_CASH_WORDS = frozenset("cash money seized confiscated seizure seizures recovered".split())


def canonical_verb(verb: str | None) -> str | None:
    """'handed in' → 'surrendered'; light verbs ('made', 'carried out') → None."""
    if not verb:
        return None
    verb = verb.lower()
    if verb in VERB_FORMS:
        return VERB_FORMS[verb]
    if verb.split()[0] in LIGHT_VERBS:
        return None
    return verb


@dataclass(frozen=True)
class Counted:
    """What was counted, in the release's words and as a canonical phrase."""

    noun: str  # "stolen vehicles"
    verb: str | None  # "retrieved", as the release has it
    money: bool = False
    offence: str | None = None  # "seatbelt": drivers dealt with for not wearing one
    obj: str | None = None  # "alcohol to an underage volunteer": what the counted ones sold

    @property
    def action(self) -> str | None:
        return canonical_verb(self.verb)

    @property
    def head(self) -> str:
        """The counted noun itself: 'vehicles' in 'stolen vehicles', 'items' in 'items of
        stolen machinery'."""
        words = self.noun.lower().split(" of ")[0].split()
        return words[-1] if words else ""

    @property
    def weight(self) -> str | None:
        """The unit of a weight ('kg' for '1.2kg of cocaine'), or None for a count."""
        return WEIGHTS.get(self.head)

    @property
    def plural(self) -> str:
        """The noun as a metric names it: plural, and "people" for any people."""
        noun = _plural(self.noun.lower())
        return "people" if noun in PERSON_NOUNS else noun  # "two men", "six people": one metric

    @property
    def valued(self) -> str:
        """What a sum of money was the worth of, for a metric's name: 'stolen machinery'
        for 'items of stolen machinery' and 'stolen farm machinery' alike."""
        words = self.noun.lower().split(" of ")[-1].split()
        if not words:
            return ""
        return " ".join([*(["stolen"] if "stolen" in words[:-1] else []), _plural(words[-1])])

    @property
    def phrase(self) -> str:
        """'vehicles seized', 'arrests', 'test purchases failed', 'value of drugs'."""
        noun = self.plural
        if self.money:
            if noun in ("", "cash", "money"):
                return "cash seized"
            return " ".join(["value of", self.valued, *([self.action] if self.action else [])])
        if self.offence:
            return f"{self.offence} offences"
        if self.obj:
            return f"{noun} that {self.verb} {self.obj.lower()}"
        if self.weight:  # "kg of class A drugs seized"
            thing = " ".join(w for w in noun.split(" of ", 1)[-1].split() if w not in _ADJECTIVES)
            noun = _CLASS.sub(lambda m: f"class {m[1].upper()}", f"{self.weight} of {thing}")
        if self.action and (self.head not in ACTION_NOUNS or self.action in OUTCOMES):
            return f"{noun} {self.action}"
        return noun

    @property
    def surface(self) -> str:
        """The release's own words: 'stolen caravan recovered', 'knives handed in'."""
        if self.money:
            return f"{self.noun or 'cash'} {self.verb or ''}".strip()
        if self.obj:
            return f"{self.noun} {self.verb} {self.obj}"
        if self.verb and (self.head not in ACTION_NOUNS or self.action in OUTCOMES):
            verb = self.action if self.verb.endswith("ing") and self.action else self.verb
            return f"{self.noun} {verb}"
        return self.noun


def resolve_metric(counted: Counted, sentence: str, vocab: Vocabulary) -> Metric:
    """The metric a counted thing belongs to: a known one where it fits, else a new one."""
    known = _concept(counted, sentence.lower())
    if known and known in vocab.metrics:
        return vocab.metrics[known]
    if known and (metric := well_known_metric(known)):
        return metric
    unit = _unit(counted)
    for phrase in (counted.phrase, counted.surface.lower()):
        for metric in vocab.metrics.values():
            names = [metric.id.replace("-", " "), metric.label, *metric.terms]
            if metric.unit == unit and phrase in (n.lower() for n in names):
                return metric
    return new_metric(counted)


def new_metric(counted: Counted) -> Metric:
    """A metric defined by the phrase alone: 'knives surrendered' with its other wordings,
    the plain noun ('quad bikes' for 'stolen quad bikes'), its singular and what else the
    public calls it ('quads', 'tickets')."""
    phrase = counted.phrase
    terms = [phrase]
    action = counted.action
    noun = counted.plural
    if counted.obj:
        terms += _sale_terms(noun, counted.verb or "", counted.obj.lower())
    elif counted.weight:
        terms += _weight_terms(phrase, action)
    elif counted.offence:
        offence = counted.offence
        terms += [f"{offence} offence", *offence_terms(offence), "drivers caught",
                  "motorists caught", "drivers dealt with", "drivers fined"]
    elif counted.money and counted.valued:
        valued = counted.valued
        plain = " ".join(w for w in valued.split() if w not in _ADJECTIVES)
        for thing in dict.fromkeys([valued, plain, *SYNONYMS.get(plain, ())]):
            terms += [f"value of {thing}", f"{thing} value", f"{thing} worth",
                      f"worth of {thing}"]
            if action and action not in thing:  # "what was the recovered property worth"
                terms += [f"{action} {thing}", f"{thing} {action}"]
    elif action and phrase != noun:
        terms += [f"{noun} {form}" for form in VERB_FAMILIES.get(action, ())
                  if " " in form or form.endswith(("ed", "en"))]
    if not (counted.money or counted.offence or counted.obj or counted.weight):
        terms += _noun_terms(noun, action if phrase != noun else None)
    if counted.head in ACTION_NOUNS:  # "cuckooing welfare visits": "welfare visits" too
        *modifiers, head = noun.split()
        terms += [f"{m} {head}" for m in modifiers if m not in ("and", "of")]
    return Metric(id=slug(phrase), label=phrase, unit=_unit(counted),
                  terms=[t for t in dict.fromkeys(terms) if t not in GENERIC_TERMS])


GENERIC_TERMS = frozenset(
    "premises addresses properties homes items things visits visit searches search purchases "
    "purchase checks check sweeps sweep operations sales notices orders officers staff "
    "police".split()
)
"""Words that say too little on their own to name one figure ('visits', 'premises')."""
UNDERAGE = re.compile(r"\b(?:underage|under-age|under 18|under-18s?|child|children|minors?"
                      r"|teenagers?|young people|aged 1[0-7])\b")


def _sale_terms(noun: str, verb: str, obj: str) -> list[str]:
    """'premises that sold alcohol to an underage volunteer': who sold what, in the public's
    words ('shops that sold alcohol', 'sold booze'), and for a sale to a child what such a
    sale is ('failed test purchases', 'underage sales')."""
    thing = obj.split(" to ")[0]
    terms = [f"{noun} {verb} {obj}", f"{verb} {obj}", f"{noun} {verb} {thing}"]
    for who in (noun, *SELLERS.get(noun, ())):
        terms += [f"{who} that {verb} {what}" for what in (thing, *SYNONYMS.get(thing, ()))]
    terms += [f"{verb} {what}" for what in (thing, *SYNONYMS.get(thing, ()))]
    if UNDERAGE.search(obj):
        terms += [f"{verb} {thing} to children", f"{verb} to children", f"{verb} to kids",
                  f"{verb} to an underage", "underage sales", "failed test purchases",
                  "failed a test purchase", f"{noun} failed"]
    return terms


def _weight_terms(phrase: str, action: str | None) -> list[str]:
    """'kg of class A drugs seized': the weight, the thing and its kind, as people say them
    ('kilos of class a drugs', 'class a drugs seized', 'class a')."""
    m = re.match(r"(?P<unit>\S+) of (?P<thing>.+?)(?: " + re.escape(action or "\0") + r")?$",
                 phrase)
    if not m:
        return []
    unit, thing = m["unit"], m["thing"].lower()
    terms = [f"{unit} of {thing}", f"weight of {thing}", f"amount of {thing}", thing]
    if unit == "kg":
        terms += [f"kilos of {thing}", f"kilograms of {thing}"]
    if action:
        terms.append(f"{thing} {action}")
    if kind := re.search(r"\bclass [abc]\b", thing):
        terms.append(kind[0])
    if set(thing.split()) & DRUGS and action:
        terms += [f"drugs {action}", f"weight of drugs {action}"]
    return terms


def _noun_terms(noun: str, action: str | None) -> list[str]:
    """The noun, without 'stolen' or 'items of', singular, and its everyday synonyms.

    People on their own ('drivers', 'people') are who most figures are about, so they are
    never a term alone: the action says which figure ('drivers stopped', 'pulled over')."""
    words = noun.split()
    plain = " ".join(w for w in noun.split(" of ")[-1].split() if w not in _ADJECTIVES)
    forms = [noun, plain] if plain else [noun]
    if "of" in words:  # "items of stolen machinery": "stolen machinery" too
        forms.append(noun.split(" of ")[-1])
    if set(noun.split()) <= PERSONNEL | {"and", "police"} and action:
        # "officers and staff took part": "officers took part", never "officers" alone
        done = [v for v in (action, *VERB_FAMILIES.get(action, ()))
                if " " in v or v.endswith(("ed", "en"))]
        people = [noun, *noun.split(" and "), *SYNONYMS.get(noun, ())]
        return [f"{n} {v}" for n in dict.fromkeys(people) for v in done]
    if noun in OFFENDERS | {"people"} and action:
        verbs = [action, *VERB_FAMILIES.get(action, ()),
                 *(action.split(" and ") if " and " in action else ())]
        done = [v for v in verbs if " " in v or v.endswith(("ed", "en"))]
        return [*verbs, *(f"{n} {v}" for n in (noun, *SYNONYMS.get(noun, ())) for v in done)]
    found: list[str] = []
    for form in dict.fromkeys(forms):
        for thing in dict.fromkeys([form, singular_phrase(form), *SYNONYMS.get(form, ())]):
            found.append(thing)
            if action and thing != noun and not _DONE.search(thing) and thing not in FIGURATIVE:
                found.append(f"{thing} {action}")
    return found


def well_known_metric(metric_id: str) -> Metric | None:
    """A metric the importer always defines the same way, whichever release names it."""
    if metric_id == "value-of-drugs":
        return Metric(id=metric_id, label="street value of drugs seized", unit="GBP", terms=[
            "street value of drugs", "street value", "value of drugs", "value of the drugs",
            "drugs seized", "drugs taken",
            "drugs value", "drugs worth", "worth of drugs", "how much were the drugs worth",
            *sorted(DRUGS - {"drug", "drugs", "class"})])
    return None


def _unit(counted: Counted) -> str:
    return "GBP" if counted.money else ("hours" if counted.head == "hours" else "count")


def _concept(counted: Counted, sentence: str) -> str | None:
    """The bundled metric a counted thing is, if any (ids from knowledge/metrics.yaml)."""
    words = set(counted.noun.lower().split())
    head, action = counted.head, counted.action
    if counted.money:
        if words & DRUGS:
            return "value-of-drugs"
        if words & {"cash", "money"} or (not words and (action in ("seized", "recovered") or (
            _CASH_WORDS & set(re.findall(r"[a-z]+", sentence))
        ))):
            return "cash-seized"
        return None
    if counted.weight:
        return None
    if head in ("arrest", "arrests") or action == "arrested":
        return "arrests"
    if words & {"drug", "drugs"} and (head in ("seizures", "seizure", "finds")
                                      or action in ("seized", "found")):
        return "drug-seizures"
    if head in VEHICLES:
        if "stolen" in words or action == "recovered":
            return "stolen-vehicles-recovered"
        if action == "seized":
            return "vehicles-seized"
    if head == "hours" and "patrol" in sentence:
        return "patrol-hours"
    if head == "operations" and not action:
        return "policing-operations"
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_IRREGULAR_PLURALS = {"knife": "knives", "person": "people", "man": "men", "woman": "women",
                      "child": "children"}
_SAME_PLURAL = frozenset("people men women children staff police premises series".split()
                         ) | MASS_NOUNS
_CLASS = re.compile(r"\bclass ([abc])\b")
_DONE = re.compile(r"\b\w+ed\b|\b(?:in|off|out|up|over)\b")  # "doors kicked in": a verb already
_IRREGULAR_SINGULARS = {v: k for k, v in _IRREGULAR_PLURALS.items()}
_ADJECTIVES = frozenset("stolen suspected suspect illegal illegally counterfeit fake "
                        "unlicensed uninsured".split())


def _plural(noun: str) -> str:
    """The plural of a noun phrase's last word: 'stolen caravan' → 'stolen caravans'."""
    if not noun:
        return noun
    *rest, last = noun.split()
    if last in _IRREGULAR_PLURALS:
        last = _IRREGULAR_PLURALS[last]
    elif last in _SAME_PLURAL or (last.endswith("s") and not last.endswith("ss")):
        pass
    elif last.endswith(("ss", "sh", "ch", "x")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*rest, last])


def singular_phrase(noun: str) -> str:
    """The singular of a noun phrase's last word: 'quad bikes' → 'quad bike'."""
    if not noun:
        return noun
    *rest, last = noun.split()
    if last in _IRREGULAR_SINGULARS:
        last = _IRREGULAR_SINGULARS[last]
    elif last in _SAME_PLURAL or not last.endswith("s") or last.endswith("ss"):
        pass
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes")):
        last = last[:-2]
    else:
        last = last[:-1]
    return " ".join([*rest, last])
