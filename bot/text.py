"""Normalising what people type, and the small vocabularies of everyday English around it.

The engine matches knowledge phrases against normalised tokens; these lists tell it which
words carry no meaning for matching (STOP), which are ordinary English and must never be
"corrected" into a knowledge word (COMMON), and which name subjects the knowledge may not hold.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TAG = re.compile(r"<[^>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\]]{0,200})\]\([^)]{0,500}\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_NUM_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_MONEY_K = re.compile(r"(?<![\d.])£?(\d+(?:\.\d+)?)\s?k\b")
# "15 grand" (after slang is folded), "1.5 million": the number itself
_SCALED = re.compile(r"(?<![\d.])(£?)(\d+(?:\.\d+)?) ?(thousand|grand|million|mil)\b")
_SCALE = {"thousand": 1000, "grand": 1000, "million": 1_000_000, "mil": 1_000_000}
_NON_WORD = re.compile(r"[^a-z0-9£' ]+")
_APOS = re.compile(r"'")
_SPACES = re.compile(r"\s+")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# a verb's object between it and its particle: "backed them up" reads as "backed up them"
_PARTICLE = re.compile(r"\b([a-z]{3,}(?:ed|ing)?) (them|it|him|her|us|those|these) "
                       r"(up|out|off|in)\b")

# Text-speak and police slang folded onto plain words before matching.
REWRITES = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plse": "please",
    "wot": "what", "wat": "what", "wut": "what", "wht": "what", "hw": "how", "hwo": "how",
    "whn": "when", "wen": "when", "thx": "thanks", "ty": "thanks", "cheers": "thanks",
    "tho": "though", "cos": "because", "coz": "because", "b4": "before", "2day": "today",
    "2nite": "tonight", "tonite": "tonight", "tmrw": "tomorrow", "tmr": "tomorrow",
    "im": "i am", "ive": "i have", "id": "i would", "dont": "do not", "cant": "cannot",
    "wont": "will not", "didnt": "did not", "isnt": "is not", "whats": "what is",
    "hows": "how is", "whos": "who is", "wheres": "where is", "thats": "that is",
    "theres": "there is", "youre": "you are", "abt": "about", "bout": "about", "ppl": "people",
    "peeps": "people", "num": "number", "no": "no", "nos": "numbers", "tel": "telephone",
    "op": "operation", "ops": "operations", "opp": "operation", "oper": "operation",
    "feds": "police", "cops": "police", "cop": "police", "coppers": "police", "copper": "police",
    "plod": "police", "fuzz": "police", "bizzies": "police", "rozzers": "police",
    "popo": "police", "filth": "police", "pigs": "police", "5 0": "police", "old bill": "police",
    "the bill": "police", "boys in blue": "police", "mil": "million", "grand": "thousand",
    "brb": "", "lol": "", "pls help": "please help", "asap": "urgently", "rn": "right now",
    "atm": "at the moment", "tbh": "", "idk": "i do not know", "info": "information",
    "vehicals": "vehicles", "vehicels": "vehicles", "sum1": "someone", "some1": "someone",
    "sumone": "someone", "in2": "into", "rite": "right", "brakin": "breaking",
    "breakin": "breaking", "nw": "now", "hlp": "help", "plz hlp": "please help",
    "old bills": "police", "stabbin": "stabbing", "fitin": "fighting", "fightin": "fighting",
    "n": "and", "ya": "you", "yer": "your", "gunna": "going to", "wanna": "want to",
    "gonna": "going to", "gotta": "got to", "dunno": "do not know", "innit": "",
    "mny": "many", "mch": "much", "fone": "phone", "lst": "last", "nite": "night",
    "nxt": "next", "wer": "where", "hav": "have", "cud": "could", "shud": "should",
    "wud": "would", "becos": "because", "sumthin": "something", "any1": "anyone",
    "every1": "everyone", "no1": "no one", "2moro": "tomorrow", "2morrow": "tomorrow",
    "robbd": "robbed", "stoln": "stolen", "nickd": "nicked", "ppls": "people",
    "dci": "detective chief inspector", "dcs": "detective chief superintendent",
    "di": "detective inspector", "ds": "detective sergeant", "dc": "detective constable",
    "supt": "superintendent", "ch supt": "chief superintendent", "insp": "inspector",
    "ch insp": "chief inspector", "sgt": "sergeant", "det": "detective",
    "acc": "assistant chief constable", "dcc": "deputy chief constable",
}
# Hedges that change nothing a question asks ("who was actually running it", "what did it even
# do"): dropped before matching, so cue phrases need not list every filler between their words.
# Triage reads the message as typed ("actually forget that" is a correction there).
_HEDGE = re.compile(r"\b(actually|basically|literally|honestly|really|even) ")
_REWRITE_RX = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(REWRITES, key=len, reverse=True)) + r")\b"
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}


def clean(message: str, limit: int = 2000) -> str:
    """Strip control characters, HTML tags, Markdown and URLs; keep at most `limit` characters."""
    text = message[: limit * 2]
    if text.isascii():  # NFKC leaves ASCII as it is; its control characters are these
        text = _ASCII_CONTROL.sub(" ", text)
    else:
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _MD_LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return _SPACES.sub(" ", text).strip()[:limit]


# What the knowledge's own strings normalise to, while an engine is built from a cache that
# holds them (bot.startup), so that a warm start normalises nothing twice; and the table being
# recorded while one is built without.
_KNOWN: dict[str, str] = {}
_RECORDING: dict[str, str] | None = None


def normalise(message: str) -> str:
    """Lower-case words and numbers only, text-speak and slang folded, '15,000' → '15000'."""
    known = _KNOWN.get(message)
    if known is None:
        known = _RECENT.get(message)
    if known is not None:
        if _RECORDING is not None:
            _RECORDING[message] = known
        return known
    result = _normalise(message)
    if _RECORDING is not None:
        _RECORDING[message] = result
    if len(message) <= 300:  # a figure's words are read again for every question about it
        if len(_RECENT) >= 4096:
            _RECENT.clear()
        _RECENT[message] = result
    return result


_RECENT: dict[str, str] = {}  # short strings normalised lately (bounded: cleared when full)


@functools.lru_cache(maxsize=1024)  # triage reads each message (and its clauses) again
def normalise_as_typed(message: str) -> str:
    """`normalise` without reordering any words: for triage, which reads "he is following her
    up the lane" as it was written (matching reads "backed them up" as "backed up them")."""
    return _normalise(message, particles=False)


def _normalise(message: str, *, particles: bool = True) -> str:
    text = clean(message).lower()
    text = _NUM_COMMA.sub("", text)
    text = _MONEY_K.sub(lambda m: f"£{_plain(float(m.group(1)) * 1000)}", text)
    text = _SCALED.sub(lambda m: m.group(1) + _plain(float(m.group(2)) * _SCALE[m.group(3)]),
                       text)
    text = text.replace("&", " and ").replace("-", " ").replace("/", " ").replace("_", " ")
    text = _NON_WORD.sub(" ", text)
    text = _APOS.sub("", text)
    text = _REWRITE_RX.sub(lambda m: REWRITES[m.group(1)], text)
    if particles:
        text = _PARTICLE.sub(r"\1 \3 \2", _HEDGE.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _plain(value: float) -> str:
    """1500000.0 → '1500000' (not '1.5e+06'), 2.5 → '2.5'."""
    return str(int(value)) if value.is_integer() else f"{value:g}"


def has_letters(message: str) -> bool:
    return any(ch.isalpha() for ch in message)


def latin_share(message: str) -> float:
    """Share of the letters that are Latin script (to spot messages in other scripts)."""
    if message.isascii():  # every ASCII letter is a Latin one
        return 1.0 if has_letters(message) else 0.0
    letters = [ch for ch in message if ch.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters)


@functools.lru_cache(maxsize=200_000)  # called for every word of the knowledge at start-up
def singular(word: str) -> str:
    if len(word) > 5 and word.endswith("ives"):
        return word[:-3] + "fe"  # knives, wives, lives
    if len(word) > 5 and word.endswith("eves"):
        return word[:-3] + "f"  # thieves
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# Words that carry no meaning for matching: function words, question words, fillers, and
# everyday verbs that appear around any question about an operation.
STOP = frozenset("""
a an the and or but if so of to in on at by for from with without into onto over under about
around across after before during since until till up down out off than then as per via
i me my mine myself we us our you your yours he him his she her hers it its they them their
this that these those there here what which who whom whose when where why how whats
is are was were be been being am do does did done doing have has had having will would shall
should can could may might must ought get got getting gets give gave given tell told telling
let lets say said please thanks thank kindly hi hello hey hiya yo morning afternoon evening
just only also too very really quite much many more most some any all every each both either
neither no not nor yes yeah yep ok okay right well now then again still even ever never
any anyone anybody someone somebody something anything everything nothing one ones
know knew want wanted wanting need needed like would wonder wondering curious asking ask
find found see seen look looking show shows shown mean means meant make made makes making
take took taken happen happened happens carry carried carrying out there total totals
overall altogether together number numbers amount count figure figures exactly roughly
approximately approx about around people person persons individuals folks guys lads
police force forces cops polices policing bot mate mates pal bro sir madam
sorry excuse pardon question questions enquiry enquiries query info detail quick brief briefly
whole entire same other another thing things stuff lot lots bit bits kind sort type
one's its' ya yall yous youse lol haha please plz oh ah um erm er hmm well like
were was got did does how many much what when where who why which during within altogether
tho though although because cause since while whilst whether
use using used access accessing start starting begin find work works able allowed possible
help helped helping assist assisted assisting instead then talking speaking chatting
specifically particular particularly exactly precisely kindly inform
""".split())

# Ordinary English content words that must never be typo-corrected into a knowledge word.
COMMON = frozenset("""
weather film films movie movies music song songs book books food pizza restaurant pub pubs
shop shops shopping football match game games score news sport sports train trains bus buses
ticket tickets holiday holidays flight flights passport passports visa licence license tax
council bin bins rubbish school schools job jobs work working doctor hospital nhs dentist
vet dog dogs cat cats pet pets parking park parks fine fines speeding speed camera cameras
lost property found wallet phone phones keys bike bikes bicycle noise neighbour neighbours
party parties fireworks firework complaint complain complaints compliment thank recipe joke
jokes funny story stories poem poems love date dating marriage wedding birthday christmas
easter summer winter spring autumn sunny rain snow temperature time times clock weekend
weekday week weeks month months year years today tomorrow yesterday tonight morning night
name names address email mail post letter letters case cases court courts judge trial prison
jail sentence sentenced sentencing convicted conviction charge charged charges bail custody
solicitor lawyer lawyers victim victims witness witnesses crime crimes criminal criminals
burglary burglaries burgled robbery robberies robbed theft thefts thief thieves shoplifting
fraud scam scams scammer assault assaults murder murders murdered homicide rape rapes
violence violent knife knives gun guns firearm firearms weapon weapons shooting stabbing
stabbings terrorism terrorist terror riot riots protest protests antisocial behaviour
vandalism graffiti speeding fly tipping flytipping drink driving drunk dangerous driving
cybercrime hacking hacked stalking harassment hate domestic abuse missing kidnap kidnapping
traffic road roads roadworks accident accidents crash crashes motorway a12 a127 m25 m11
chief constable commissioner pcc mayor prime minister government parliament election vote
recruitment recruit recruiting apply application career careers salary pay volunteer
volunteering special specials cadets cadet station stations opening closing open closed
jobs vacancy vacancies uniform uniforms helicopter dogs horses horse budget funding money
statistics stats data rate rates rise fall increase decrease figures percentage percent
good bad best worst great nice fine terrible awful happy sad angry annoyed help helpful
useful useless stupid silly clever smart quick slow fast big small large little long short
old new young recent latest last next first second third final early late soon ago
red blue green black white yellow colour colours car cars van vans lorry lorries
heading headings title bold italic text message messages hello test testing pound pounds
money mortgage bank banks loan benefits insurance insured mot garage towed towing pound
list lists link links button buttons click photo photos picture pictures video videos
tv television radio channel channels internet wifi computer app apps download names named
load loads lot lots nan nana gran granny grandad grandma mum mom dad brother sister son
daughter wife husband partner friend friends mate paper papers newspaper reckon reckons
reckoned hardly actually basically literally wonder wondering heard hear read reading saw
thinks think thought believe apparently supposedly rumour rumours facebook twitter
hiring hire hired join joining joined recruit employ employment vacancies apply career
instagram tiktok snapchat whatsapp youtube google amazon ebay marketplace online shopping
staffed staff staffing manned attended newsletter ward councillor summarise summary
drag drags dragged dragging pull pulled pulling push pushed pushing
bar bars pub pubs club clubs nightclub nightclubs takeaway takeaways
home homes house houses secretary minister ministers mp mps mayor commissioner spokesman
government prime chancellor king queen prince council councils inspector sergeant
""".split())

# Subjects no police release here is about: a question on one of them is out of scope even in
# the middle of a conversation about an operation ("what's the weather like in Essex?").
OFF_TOPIC = frozenset("""
weather forecast rain sunny football match score film films movie movies music song songs
recipe recipes joke jokes pizza restaurant restaurants poem poems horoscope lottery bitcoin
crypto stocks shares bins passport visa dvla nhs doctor dentist gp hospital appointment
train trains bus buses flight flights holiday holidays hotel weekend plans cinema tv
pothole potholes streetlight streetlights pavement pavements recommend recommendation
iphone iphones android reset password passwords wifi router printer
""".split())

# Subjects people ask figures about that a release may not hold. When one of these is in a
# question but nowhere in the knowledge, the engine says it doesn't have that figure.
SUBJECT_WORDS = frozenset("""
burglary burglaries burglar burglars robbery robberies robber robbers theft thefts thief
thieves shoplifting shoplifters fraud frauds scam scams assault assaults murder murders
homicide homicides rape rapes stabbing stabbings shooting shootings knives knife guns gun
firearms weapons weapon machete machetes swords terrorism terrorist terrorists riot riots
protest protesters vandalism graffiti fines fine tickets speeding speeders drink drunk
motorists cyclists e-scooters scooters fireworks dogs animals deaths died killed injured
injuries casualties children kids teenagers youths women men convictions convicted charged
die dies dying dead death deaths hurt wounded
charges sentenced sentences prison jail court courts cautions warrants raids searches
stop searches complaints officers staff recruits budget cost costs spent spending
""".split())
