"""Word lists the importer reads releases with: offences, drugs, nouns the public says
differently, nouns without a plural, and the well-known themes of UK policing.

They are general English and policing vocabulary, never words of one particular release; a
new release should need no entry here to be imported, only to be imported better.
"""

from __future__ import annotations

import re

OFFENCES: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    (re.compile(r"\bseat ?belts?\b", re.I), "seatbelt",
     ("seatbelt", "seatbelts", "seat belt", "seat belts", "no seatbelt", "not wearing a seatbelt",
      "without a seatbelt", "seatbelt offenders")),
    (re.compile(r"\b(?:mobile|hand-?held) (?:tele)?phones?\b|\bphones? (?:use|at the wheel)",
                re.I), "mobile phone",
     ("phone offences", "phone offence", "on their phones", "on their phone", "on the phone",
      "using a phone", "using their phones", "phone use", "phones at the wheel",
      "phone at the wheel", "texting")),
    (re.compile(r"\bspeeding\b|\bexceeding the speed limit", re.I), "speeding",
     ("speeding", "speeders", "caught speeding")),
    (re.compile(r"\bdrink[- ]driv\w*|\bover the (?:drink-drive )?limit\b", re.I), "drink driving",
     ("drink driving", "drink-driving", "over the limit")),
    (re.compile(r"\bdrug[- ]driv\w*", re.I), "drug driving", ("drug driving", "drug-driving")),
    (re.compile(r"\b(?:no|without) insurance\b|\buninsured\b", re.I), "insurance",
     ("no insurance", "uninsured", "insurance offences")),
    (re.compile(r"\b(?:careless|dangerous) driving\b", re.I), "dangerous driving",
     ("dangerous driving", "careless driving")),
]
"""(how a release says it, the offence, what the public calls it). The public's words say
the offence ('on their phones'), never the bare thing ('phones'), which other figures count."""

DRUGS = frozenset(
    "drug drugs cocaine crack heroin cannabis skunk mdma ecstasy ketamine amphetamine "
    "amphetamines spice methamphetamine crystal meth opium opiates class".split()
)

# a counted noun → what else the public calls it
SYNONYMS: dict[str, tuple[str, ...]] = {
    "fixed penalty notices": ("tickets", "fines", "fpns", "penalty notices",
                              "on-the-spot fines"),
    "quad bikes": ("quads", "quad"),
    "mobile phones": ("phones", "handsets", "burner phones"),
    "warrants": ("search warrants", "doors kicked in", "doors"),
    "dispersal notices": ("dispersal orders", "notices"),
    "drivers": ("motorists",),
    "children": ("kids", "young people", "under-18s"),
    "vulnerable people": ("vulnerable adults",),
    "weapons": ("weapons off the streets",),
    "deal lines": ("drug lines", "lines", "phone lines"),
    "tractors": ("tractor",),
    "machinery": ("farm machinery", "machines", "farm kit"),
    "stop and searches": ("stop-and-search", "stop-and-searches", "stop searches",
                          "stopped and searched"),
    "licensed premises": ("pubs and bars", "licensed venues"),
    "alcohol": ("booze", "drink"),
    "officers and staff": ("police officers",),
    "power tools": ("tools",),
    "catalytic converters": ("cat converters", "catalytic convertors", "cats"),
    "property": ("recovered property", "stolen property"),
    "goods": ("stolen goods",),
}

SELLERS: dict[str, tuple[str, ...]] = {
    "premises": ("shops", "businesses", "venues", "pubs", "bars"),
    "licensed premises": ("pubs", "bars", "clubs"),
    "retailers": ("shops", "stores"),
}
"""Who sells, in the public's words: 'five premises sold alcohol' → 'shops that sold'."""

FIGURATIVE = frozenset({"doors"})
"""Synonyms that are figures of speech ('doors' for warrants): never given the thing's verb
('doors executed')."""

MASS_NOUNS = frozenset(
    "machinery equipment property jewellery livestock fuel ammunition cash money cannabis "
    "cocaine heroin crack mdma ketamine spice evidence clothing furniture scrap metal "
    "tackle kit stock goods".split()
)
"""Nouns without a plural: "stolen machinery", never "machineries"."""

# Well-known themes of UK policing, in the words the public uses; longest first when matched.
THEMES: tuple[str, ...] = (
    "county lines", "knife crime", "rural crime", "road safety", "drink driving",
    "drug driving", "drug dealing", "drug supply", "burglary", "anti-social behaviour",
    "retail crime", "shoplifting", "fraud", "modern slavery", "human trafficking",
    "violence against women and girls", "domestic abuse", "hate crime", "hare coursing",
    "poaching", "wildlife crime", "vehicle crime", "car crime", "cross-border crime",
    "serious violence", "violent crime", "organised crime", "exploitation", "cuckooing",
    "speeding", "dangerous driving", "uninsured driving", "fly-tipping", "metal theft",
    "catalytic converter theft", "farm theft", "machinery theft", "livestock theft",
    "robbery", "street robbery", "sexual offences", "cyber crime", "online fraud",
    "underage sales", "knife sales", "off-road bikes", "nuisance bikes", "gang crime",
    "night-time economy", "fatal four",
)
# other ways releases name a theme
_THEME_VARIANTS: dict[str, tuple[str, ...]] = {
    "farm theft": ("thefts from farms", "theft from farms", "farm thefts"),
    "anti-social behaviour": ("antisocial behaviour", "anti-social behavior", "asb"),
    "drink driving": ("drink-drive", "drink drive", "drink-drugs drive", "drink and drug driving",
                      "drink or drug driving", "drink drivers"),
    "drug driving": ("drug-drive", "drug drive", "drug drivers"),
    "violence against women and girls": ("vawg",),
    "mobile phone use": ("using a mobile phone", "mobile phone use at the wheel"),
    "shoplifting": ("shop theft", "shop thefts", "shoplifters", "theft from shops"),
}
_THEME_OF = {re.sub(r"[- ]", "", v): t for t, vs in _THEME_VARIANTS.items() for v in (t, *vs)}
_THEME_OF.update({re.sub(r"[- ]", "", t): t for t in THEMES})
_THEME = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(t).replace(r"\-", "[- ]?").replace(r"\ ", r"[- ]")
    for t in sorted({*THEMES, *(v for vs in _THEME_VARIANTS.values() for v in vs)},
                    key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE)


# a theme naming who works on it is a unit, not what an operation went after
UNIT_AFTER = re.compile(r"\s+(?:teams?|units?|officers?|squads?|leads?|taskforces?|hubs?"
                        r"|partnerships?|departments?)\b", re.IGNORECASE)
_REASON = re.compile(r"\b(?:for|on suspicion of|such as|including|arrested)\b[^;:.]*$",
                     re.IGNORECASE)


def themes_in(text: str, *, incidental: bool = True) -> list[str]:
    """The well-known themes `text` names, in the order it names them, as THEMES spells them.

    A name in capitals ('Organised Crime Unit') is a name, not a theme. With `incidental`
    False, a theme given as a reason ('arrested for drug driving') is not counted either."""
    found = []
    for m in _THEME.finditer(text):
        if m.start() > 0 and all(w[:1].isupper() for w in re.split(r"[- ]", m[0])):
            continue
        if not incidental and _REASON.search(text[max(0, m.start() - 160):m.start()]):
            continue
        if UNIT_AFTER.match(text, m.end()):
            continue  # "the forces' rural crime teams"
        found.append(_THEME_OF.get(re.sub(r"[- ]", "", m[0].lower())))
    return list(dict.fromkeys(t for t in found if t))


def offence_in(text: str) -> str | None:
    """The offence `text` describes ('for not wearing a seatbelt' → 'seatbelt'), if any."""
    for pattern, offence, _ in OFFENCES:
        if pattern.search(text):
            return offence
    return None


def offence_terms(offence: str) -> tuple[str, ...]:
    return next((terms for _, name, terms in OFFENCES if name == offence), ())


# Units every force has, as releases write them in small letters: "the force drone team".
KNOWN_UNIT = re.compile(
    r"\b(?P<kind>drones?|dogs?|firearms|armed response|roads policing|road crime|traffic"
    r"|marine|mounted|helicopter|cyber ?crime|neighbourhood policing|neighbourhood"
    r"|rural crime|wildlife crime|serious organised crime|organised crime|operational support)"
    r"\s+(?P<suffix>team|unit|section|squad|branch)\b",
    re.IGNORECASE,
)
# a kind of unit → what the public calls it
_UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "drone": ("drones", "drone", "drone pilots", "drone unit"),
    "dog": ("police dogs", "dog handlers", "dogs", "k9"),
    "firearms": ("armed police", "armed officers", "firearms officers", "armed response"),
    "roads policing": ("traffic police", "traffic cops", "roads police", "traffic officers"),
    "road crime": ("road crime officers",),
    "marine": ("marine police", "boats"),
    "mounted": ("police horses", "mounted police", "horses"),
    "helicopter": ("police helicopter", "helicopter", "npas"),
    "rural crime": ("rural crime officers", "rural police", "rural crime team"),
}


def unit_aliases(name: str) -> list[str]:
    """What the public calls a unit of this kind ('Drone Team' → 'drones', 'drone pilots')."""
    low = name.lower()
    return [a for kind, names in _UNIT_ALIASES.items() if re.search(rf"\b{kind}", low)
            for a in names if a != low]


# Tactics and tools an operation may use, as releases name them.
TACTICS = re.compile(
    r"\b(?:drones?|drone team|ANPR|automatic number plate recognition|number plate recognition"
    r"|checkpoints?|road ?blocks?|speed (?:cameras?|guns?|checks?|traps?)|sniffer dogs?"
    r"|police dogs?|knife arch(?:es)?|metal detectors?|plain[- ]clothes|unmarked (?:cars?|vans?"
    r"|vehicles?)|breath tests?|roadside (?:drug |breath )?tests?|drug wipes?|trackers?"
    r"|helicopters?|patrols? across|high[- ]visibility patrols?|covert|(?:weapons?|knife) sweeps?"
    r"|welfare visits?)\b",
    re.IGNORECASE,
)
