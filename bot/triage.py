"""Triage before matching: is someone in danger now (999 first), or reporting a crime?

Rules over normalised text, biased towards safety: a message that describes danger now is an
emergency even when it is phrased as a question. Questions *about* emergencies ("when should I
call 999?", "if someone is following me should I ring 999?"), statistics questions that merely
contain such words ("how many knives were seized in the knife crime operation?") and crimes
placed in the past ("my car was broken into last night") are not.

The rules are patterns of language, grouped by what they recognise (a weapon in someone's
hands, violence in progress, a break-in, fire or water, injury, a vulnerable person missing,
self-harm, someone trapped or followed, a dangerous driver). A figures question is judged
clause by clause, so "a man with a knife is outside, how many arrests…" still gets 999. Tested on
tests/triage/labelled.yaml (`enquiry-bot triage-eval`). Every pattern is linear: bounded gaps
(`.{0,40}`) and no nested repetition, on a message that `normalise` has cut to 2,000 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from bot import danger
from bot.text import normalise_as_typed

Category = Literal["emergency", "crime_report", "none"]
Level = Literal["sure", "possible"]


# --------------------------------------------------------------------------- how people type
# What `normalise` leaves that matters here: contractions typed without apostrophes, dropped
# g's in a hurry ("tryin", "bein"), and "wiv". Folded before any rule is tried.
_ING_WORDS = """attacking beating being bleeding breaking burning chasing choking coming dragging
drowning dying fighting following getting grabbing hitting hurting kicking punching robbing
screaming shooting shouting smashing snatching stabbing stealing strangling threatening trying
waving swinging going driving swerving""".split()
_FOLDS = {
    "hes got": "he has got", "shes got": "she has got", "hes": "he is", "shes": "she is",
    "theyve": "they have", "theyre": "they are", "weve": "we have", "hasnt": "has not",
    "havent": "have not", "doesnt": "does not", "wasnt": "was not", "werent": "were not",
    "arent": "are not", "couldnt": "could not", "wouldnt": "would not", "aint": "is not",
    "wiv": "with", "wid": "with", "wer being": "we are being", "brake in": "break in",
    "brake into": "break into", "braking in": "breaking in", "someones": "someone has",
    **{word[:-1]: word for word in _ING_WORDS},  # "tryin" → "trying"
}
_FOLD_RX = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_FOLDS, key=len, reverse=True)) + r")\b"
)
_TO = re.compile(r"\b(trying|going|want|wants|about|got|need|needs|tries) 2\b")


def _prepare(message: str) -> str:
    text = normalise_as_typed(message)
    text = _FOLD_RX.sub(lambda m: _FOLDS[m.group(1)], text)
    return _TO.sub(r"\1 to", text)


# --------------------------------------------------------------------------- vocabulary
# Word classes shared with bot/language/danger.yaml, defined there once.
_W = danger.pattern("weapon")
# Things that are weapons only in someone's hands ("fighting with bottles").
_W_HELD = danger.pattern("weapon", "improvised")
_FAMILY = danger.pattern("family")
_PERSON = (r"(?:someone|somebody|some one|man|woman|guy|bloke|lad|boy|girl|kid|men|women|guys|"
           r"blokes|lads|boys|girls|people|they|he|she|gang|group|youths|kids|teenagers|"
           r"neighbours|bouncers|driver|robber|robbers|burglar|burglars|intruder|person|one|"
           r"ones|one of them|dealer|dealers|thug|thugs|attacker|stranger|strangers|"
           rf"my {_FAMILY}|his {_FAMILY}|her {_FAMILY})")
# Someone on the receiving end of violence.
_VICTIM = (r"(?:me|us|him|her|them|someone|somebody|some one|people|each other|everyone|"
           r"(?:a|an|the|this|that|some|two|another|my|his|her|their|our|an old|a young|"
           r"a little) (?:\w+ )?(?:man|woman|guy|bloke|lad|boy|girl|kid|child|person|lady|"
           r"fella|baby|teenager|pensioner|driver|cyclist|student|officer|security|shopkeeper|"
           r"staff|worker|men|women|lads|boys|girls|kids|people|wife|husband|partner|mum|dad|"
           r"mother|father|son|daughter|brother|sister|mate|friend|neighbour|missus|girlfriend|"
           r"boyfriend|ex|nan|grandad))")
_VIOLENT_ING = (r"(?:attacking|atacking|beating|battering|hitting|punching|kicking|stabbing|"
                r"slashing|strangling|choking|throttling|mugging|assaulting|raping|shooting|"
                r"shooting at|threatening|chasing|dragging|grabbing|hurting|harming|glassing|"
                r"headbutting|stamping on|jumping on|laying into|beating up|smacking|slapping|"
                r"pinning|holding down|touching)")
# Harm done to a person: "being X", "just been X", "has been X".
_HARMED = (r"(?:attacked|attaked|atacked|stabbed|stabed|knifed|shanked|glassed|slashed|beaten|"
           r"beat up|battered|punched|kicked|assaulted|sexually assaulted|mugged|robbed|raped|"
           r"shot|shot at|strangled|choked|kidnapped|abducted|dragged|grabbed|bundled|snatched|"
           r"chased|threatened|held hostage|held at knifepoint|held at gunpoint|hit|hurt|"
           r"followed|stalked|run over|knocked down|knocked over|spiked|drugged|pushed|"
           r"held against (?:my|his|her|their|our) will|locked in|trapped)")
_VULNERABLE = (r"(?:child|children|son|daughter|kid|kids|baby|toddler|boy|girl|little one|"
               r"dementia|alzheimers|vulnerable|autistic|autism|learning disabilit\w*|elderly|"
               r"teenager|teen|year old|yr old|nan|nanna|grandad|granddad|grandma|grandpa|"
               r"grandmother|grandfather|mum|dad|mother|father|partner|husband|wife|friend|"
               r"sister|brother|suicidal)")
_GONE = (r"(?:missing|cannot find|can not find|cant find|ran away|run away|runaway|run off|"
         r"ran off|wandered off|wandered out|wondered off|not come home|has not come home|"
         r"not came home|has not come back|not come back|not back|not returned|disappeared|"
         r"vanished|gone off|went off|got lost|is lost|are lost)")

# --------------------------------------------------------------------------- context
# Explicit signs that it is happening now; they beat any statistics or hypothetical framing.
_NOW = re.compile(
    r"\b(now|right now|currently|at the moment|as we speak|happening|going on|in progress|"
    r"this minute|still here|still there|still outside|urgently|hurry|quick|quickly|help me|"
    r"help us|please help|outside my|in my (house|home|flat|garden|room)|at my (door|window))\b"
)
# The time said outright: a question or a film mentioned beside it doesn't make it less urgent.
_NOW_SAID = re.compile(r"\b(right now|currently|at the moment|as we speak|this minute|"
                       r"in progress|happening now|(is|are|has|have) now(?! \d)|now (on|in|at|"
                       r"outside|inside|by|near|he|she|they|someone|there)|(outside|here|"
                       r"there|inside|back) now|still (here|there|outside|inside))\b")
# Weaker signs of the present: a place, an urgency, a "there is".
_PRESENT = re.compile(
    r"\b(now|right now|currently|at the moment|happening|as we speak|just now|just happened|"
    r"there is a|there are|trying to|outside|next door|downstairs|upstairs|in my (house|home|"
    r"flat|street|garden|room|car)|(he|she|they|someone|somebody) (is|are) (still )?(screaming|"
    r"shouting|fighting|kicking|hitting|banging|smashing|threatening|chasing|following)|"
    r"in my (house|home|"
    r"flat|street|garden|room|car)|in the street|on the street|here|quick|quickly|urgent|"
    r"urgently|hurry|live|still|is on fire|are on fire|tonight|this minute|ongoing|"
    r"in progress|immediately|going on)\b"
)
_PAST = re.compile(
    r"\b(yesterday|last (night|week|month|year|weekend|time)|ago|earlier today|the other "
    r"(day|night)|was (stolen|taken|broken|damaged|burgled)|were (stolen|taken)|got (stolen|"
    r"nicked)|back in|in (january|february|march|april|may|june|july|august|september|"
    r"october|november|december)|on (monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|last (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"over the weekend|overnight|in the night|this morning|a while back|recently|"
    r"passed away)\b"
)
# Just now, in all but name: "an hour ago" is not the past that rules danger out.
_RECENT = re.compile(r"\b(\d+|a|an|few|a few|couple of|a couple of|half an) (minutes?|mins?|"
                     r"hours?|hrs?|seconds?|secs?) ago\b")
# Long enough ago that a missing person was missing then, not necessarily now.
_LONG_AGO = re.compile(r"\b(last (week|month|year)|(weeks|months|years) ago|back in|"
                       r"was found|were found|been found|came home|come home safe|turned up|"
                       r"returned home|back home|is safe|are safe|is okay|is ok)\b")
# Dated well in the past: "two years ago", "in 2019". Beats any sign of the present but an
# explicit "now" ("threatened with a knife two years ago, can he still report it?").
_DATED = re.compile(r"\b((\w+ )?(years|months|weeks|days) ago|last (year|month|week|night|"
                    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|"
                    r"a (year|month|week) ago|"
                    r"in the (\d0s|[1-9]\d{2}0s|sixties|seventies|eighties|nineties)|in year \d+|"
                    r"when i was (\d+|a kid|a child|young|little|at school|a teenager)|"
                    r"(in|back in|during) (19[5-9]\d|20[0-2]\d))\b")
# "since last night": a state that started then and is still going on.
_SINCE = re.compile(r"\bsince (last \w+|yesterday|\w+ (days|weeks|months|years) ago)\b")


def _is_dated(t: str) -> bool:
    return bool(_DATED.search(_SINCE.sub(" ", t))) and not _NOW_SAID.search(t)


_HABITUAL = re.compile(r"\b(every (day|night|week|weekend|morning|evening|time)|always|"
                       r"regularly|usually|often|most (days|nights|weekends))\b")
_ABOUT_EMERGENCIES = re.compile(
    r"\b(when|what|should|do|does|can|could|how|is it|is that|which|whats|difference|if i)\b"
    r".{0,40}\b(999|emergency|emergencies|101|silent solution|55)\b"
    r"|\b(999|emergency|emergencies)\b.{0,30}\b(mean|for|number|counts|count|definition|or)\b"
)
# "if someone is following me should I ring 999?": a question about which number to call.
_IF = re.compile(r"\b(if|what if|in case|suppose|supposing)\b")
_WHICH_NUMBER = re.compile(
    r"\b(should|do|would|can|could) (i|we|you|they|people) (call|ring|phone|dial|text|use)\b"
    r".{0,20}\b(999|101|police|emergency)\b|\bis (it|that|this) (a |an )?(999|101|emergency)\b"
    r"|\b(count|counts|class|classed) as (a |an )?(emergency|999)\b"
    r"|\b(what|which) (number|line) (do|should|would|can|could) (i|we|you|people) (call|ring|"
    r"phone|dial|use|text)\b"
    r"|\bwhen (should|do|can|could|would|must) (i|we|you|people) (report|call|ring|phone|"
    r"contact|tell)\b"
)
# "if I see someone carrying a knife, what do I do?": advice asked for, not help.
_IF_QUESTION = re.compile(
    r"\b(if|what if|in case|suppose)\b.{0,80}\b(what (do|should|would|can) (i|we|you)|should "
    r"(i|we)|do (i|we)|can (i|we)|could (i|we)|would (i|we)|would you|will you|am i|are we|"
    r"is it|who do (i|we))\b"
    r"|\bwhat (do|should) (i|we) do if\b")
# Asking for figures: enough on its own ("how many knives were seized?")…
_STATS = re.compile(
    r"\b(how many|how much|number of|no of|amount of|figures?|statistics|stats|in total|"
    r"total (number|of|arrests|seized)|did (they|the police|police|officers)|were (any|there)|"
    r"was (anyone|anybody|there|any))\b"
)
# …or words of the news and operations, when nothing places the writer in the scene.
_NEWS = re.compile(
    r"\b(seized|seizures?|confiscated|recovered|arrests|arrested|operations?|sceptre|"
    r"crackdown|campaign|initiative|released|press|news|article|why (is|are|do|does))\b"
)
_FIRST_PERSON = re.compile(r"\b(i|me|my|we|us|our)\b")
_FOOTAGE = re.compile(r"\b(video|footage|clip|recording|cctv|dashcam|dash cam|photo|photos|"
                      r"picture|pictures|filmed|recorded)\b")
_NO_ONE_HURT = re.compile(r"\b(no one|nobody|noone|not|no) (was |is |got |were )?"
                          r"(hurt|injured|injuries)\b")

# --------------------------------------------------------------------------- danger
# Danger now whatever the tense, unless it is a statistics question: water, entrapment.
_ALWAYS = [re.compile(p) for p in (
    r"\b(gone|went|driven|drove|crashed|fallen|fell|slipped|jumped|fell through|gone through|"
    r"went through|is|are) (into|in|through|under) (the |a )?(river|water|canal|sea|lake|"
    r"reservoir|harbour|estuary|quarry|ice|pond|dock|marina)\b",
    r"\b(drowning|going under|struggling in the water|trapped in|trapped under|people inside|"
    r"someone inside)\b",
    r"\b(in|into) the (sea|river|water|canal|lake|reservoir|estuary)\b.{0,50}\b(waving|"
    r"struggling|cant|cannot|can not|shouting|screaming|help|swept|get back|get out|"
    r"gone under)\b",
    r"\b(swept|dragged|pulled|carried) (out|away|under) (to sea|by the (tide|current|water))\b",
    r"\b(child|kid|baby|toddler|boy|girl|man|woman|person|someone|somebody|people|dog)\b.{0,15}"
    r"\b(in|into) the (canal|river|sea|lake|water|pond|reservoir|quarry|dock)\b",
)]

# Danger now unless the message places it in the past, asks for figures or asks hypothetically.
_STRONG = [re.compile(p) for p in (
    # violence to a person, in progress or just done
    rf"\b(being|getting|just been|just got|has been|have been|is being|are being|been) "
    rf"(\w+ly )?{_HARMED}\b(?! (into|in) (my|our|his|her|the) (car|van|house|shed|flat))",
    r"\b(being|getting) (stolen|nicked|broken into|burgled|robbed|vandalised|smashed up|"
    r"smashed|taken|set on fire)\b",
    rf"\b{_PERSON} (is |are |has been |have been |keeps |kept |started |just |still |now |"
    rf"and )?(\w+ )?{_VIOLENT_ING} {_VICTIM}\b",
    rf"\b(is|are|been|keeps|still|started|now) (\w+ )?{_VIOLENT_ING} {_VICTIM}\b",
    r"\b(stabbed|stabed|knifed|stabbing|shot|shooting|gunshots|gun shots|shots fired|gunfire)"
    r"\b.{0,40}\b(now|outside|here|street|road|just|happening|help|bleeding|dying|park|shop|"
    r"pub|school|station|estate)",
    r"\b(shots fired|gunshots|gun shots|gunfire|shooting) (in|on|at|near|outside|round)\b",
    # a weapon in someone's hands
    rf"\b{_PERSON} ((is|are|has|have|just|still|now|got) ){{0,3}}(got|has|have|with|holding|"
    rf"carrying|"
    rf"waving|pointing|pulled|pulling|brandishing|swinging|wielding|armed with|fighting with|"
    rf"threatening \w+ with|attacking \w+ with|came at \w+ with|coming at \w+ with)"
    rf"( (a|an|the|his|her|their|some|two|big|huge|massive|large|kitchen)){{0,2}} {_W_HELD}\b"
    r"(?! (licence|license|licences|certificate|cabinet|permit|club|collection|shop|amnesty))",
    rf"\b{_W} (is |are )?(being )?(waved|waving|pulled|pointed|pointing|brandished|used|out)\b",
    rf"\b{_W} (to|at|against) (her|his|my|your|their|our|me|us|him|them|people|someone)\b",
    rf"\b(pull|pulls|pulled|pulling) (out )?(a|an|his|her|their|the) {_W} (on|at|out)\b",
    # going out armed, or armed with a threat
    rf"\b(gone|went|left|heading|headed|set off|run|ran|stormed) (out |off |round |over )?"
    rf"with (a |an |his |her |their |the )?{_W}\b",
    rf"\b{_W}\b.{{0,50}}\b(going to|gonna|about to|to|wants to) (sort|do|get|deal with|teach|"
    r"finish|shoot|use it on) (them|him|her|someone|us|me|everyone)\b",
    # hands on a throat, luring children, hiding from someone
    r"\b(hands?|arms?|rope|belt|cord) (round|around|on) (my|her|his|their|our) (neck|throat)\b",
    r"\b(strangling|choking|throttling) (me|her|him|them|us|my)\b",
    r"\b(trying to|tried to|keeps trying to|is|are) (get|lure|entice|grab|take|pull|coax|talk|"
    r"drag|dragging|force|forcing|bundle|bundling|push|pushing|snatch|snatching|grabbing|"
    r"pulling|luring) "
    r"(a |the |some |two |little |young )*(kids?|children|child|girls?|boys?|teenagers?|"
    r"toddlers?)\b.{0,25}\b(into|in|with|to)\b",
    r"\b(i am|im|we are|were|she is|shes|he is|hes|they are|theyre|kids are|been) hiding "
    r"(in|from|under|behind|inside|upstairs|downstairs)\b",
    r"\b(doesnt|does not|dont|do not) know (im|i am|we are|were) (here|texting|messaging|"
    r"on (my|the) phone|hiding)\b",
    # threats to come and do harm
    r"\b(do|kill|hurt|get|stab|shoot|batter|smash|kick) (me|us|her|him) in\b",
    r"\b(coming|come|comin|on (his|her|their|my) way|heading) (round|over|here|to (my|our|the) "
    r"(house|flat|home|work)|for me|back)?\b.{0,40}\b(kill|hurt|stab|shoot|do me|get me|batter|"
    r"finish me|end me)\b",
    r"\b(you|your|youre|u|ur)( are| r)? (dead|finished|getting it|a dead (man|woman))\b",
    # taken child, someone found dead, someone who has fallen and can't get up
    r"\b(took|taken|grabbed|snatched|stolen|has my) (my|our|her|his) (baby|child|son|daughter|"
    r"kid|kids|children|toddler)\b",
    r"\b(there is|theres|found|i found|ive found|we found|just found|is) (a )?(dead )?body\b|"
    r"\b(someone|somebody|a man|a woman|a person|person|man|woman) (is |might be |may be )?"
    r"dead\b",
    r"\b(on the floor|on the ground|fallen|fell|had a fall|collapsed)\b.{0,40}\b(cant|cannot|"
    r"can not|unable to|wont|will not) (get up|move|breathe|stand)\b",
    r"\b(shouting|screaming|crying|calling) (out )?for help\b",
    # someone in the house, climbing in, a child taken, shots heard
    r"\b(someone|somebody|some one|a man|a woman|men|people|an intruder|intruders|a burglar)\b"
    r".{0,25}\b(downstairs|upstairs|in my (house|home|flat|garden|room|kitchen|loft|bedroom)|"
    r"in the (house|garden|loft|kitchen))\b",
    r"\b(climbing|climbed|crawling) (in|into|through)\b|\b(getting|coming) (in|into|"
    r"through) (the|my|our|a) (window|house|flat|door|back door|garden)\b",
    r"\b(grabbed|snatched|took|bundled|pushed|dragged|put|forced) (a|the|my|our|his|her|this|"
    r"that) (child|kid|girl|boy|baby|toddler|daughter|son|little)\b",
    r"\b(can hear|hearing|i hear|just heard) (gunshots|gun shots|gunfire|shots|shooting|"
    r"screaming|screams|someone screaming|a woman screaming|a child screaming|a fight)\b",
    # a hit and run, a beating heard, the suspect still close by
    r"\b(ran|run|knocked|mowed|mown) (someone|somebody|a man|a woman|a child|a kid|a cyclist|"
    r"a pedestrian|him|her|them|a boy|a girl|an old) ?\w* (over|down)\b",
    r"\b(can hear|hear|hearing|heard)\b.{0,25}\b(hitting|beating|attacking|hurting|punching|"
    r"kicking|strangling|smashing|battering)\b",
    r"\b(who|that) (robbed|attacked|assaulted|mugged|stabbed|hit|threatened|burgled|grabbed)"
    r" (me|us|him|her|my|them)\b.{0,40}\b(still|outside|here|nearby|round the corner|"
    r"following|across the road)\b",
    # being followed now
    r"\b(keeps|keep|been|is|are|s|started) (walking|following|driving|running|coming) "
    r"(behind|after) (me|us|her|him|my)\b|\bfollowing (me|us|her) (home|since|from|off)\b",
    r"\b(hostage|at knifepoint|at gunpoint|knife point|gun point)\b",
    r"\b(acid attack|acid thrown|threw acid|throwing acid)\b",
    # threats and self-harm
    r"\b(going to|gonna|threatening to|threatened to|wants to|will|says he will|said he will|"
    r"hell|shell|theyll|about to) (kill|stab|shoot|hurt|harm|attack|beat|burn|strangle) "
    r"(me|us|him|her|them|my|himself|herself|themselves|myself|the kids|the children|"
    r"everyone|the baby|someone)\b",
    r"\b(kill myself|killing myself|end my life|end (his|her|their) (own )?life|take my own "
    r"life|take (his|her|their) (own )?life|suicide|suicidal|jump off|jumping off|end it all|"
    r"hang myself|hang (himself|herself)|want to die|wants to die|self harm|self harming|"
    r"cut myself|cutting (himself|herself|myself)|left a note|suicide note|saying goodbye|"
    r"said goodbye)\b",
    r"\b(going to|gonna|threatening to|about to|wants to|trying to|says (he|she) will) jump\b",
    r"\b(going to|gonna|wants to|want to|about to|plans to|planning to|says (she|he|they) "
    r"will|say (she|he|they) will) end it\b",
    r"\b(dont|do not|doesnt|does not) want to (be here|live|be alive|wake up|go on|carry on)"
    r"( anymore| any more)?\b",
    r"\b(whole|entire|full|all the|all of the|a) (packet|box|bottle|strip|pack|tub) (of )?"
    r"(paracetamol|pills|tablets|meds|medication|painkillers|sleeping pills)\b",
    r"\b(pills|tablets|knife|rope|blade) (in front of|next to|beside) me\b",
    r"\b(take|taking|taken|took|swallowed|swallowing|swallow) (all|loads|a load|a lot|lots|"
    r"a bunch|a handful|a bottle|all of)\b.{0,20}\b(pills|tablets|meds|medication|"
    r"paracetamol|painkillers)\b|\b(take|taking|taken|took) an overdose\b",
    r"\b(edge|ledge|top) of (the|a) (bridge|cliff|roof|building|car park|multi storey|"
    r"platform|flats)\b",
    rf"\b({_PERSON}|child|baby|toddler|kid) (is |are )?(standing |sitting |climbing |walking |"
    r"lying |up )?(on|onto|along) the (roof|ledge|edge|railway|railway line|tracks|train "
    r"tracks|line|motorway|hard shoulder|bridge)\b",
    r"\b(onto|on) the (train )?tracks\b",
    # medical
    r"\b(bleeding|blood everywhere|losing blood|unconscious|uncon\w{0,4}ous|not breathing|"
    r"is not breathing|stopped breathing|cannot breathe|cant breathe|collapsed|not moving|"
    r"overdose|overdosed|od d|having a seizure|having a fit|fitting|passing out|passed out|"
    r"unresponsive|not responding|will not wake up|wont wake up|not waking up|turning blue|"
    rf"{_PERSON} (is |are |was )?(\w+ )?dying|lying in the road|badly hurt|seriously hurt|"
    r"badly injured|seriously injured|"
    r"hit (his|her|their) head|fallen down the stairs|fell down the stairs)\b",
    # a break-in or robbery in progress
    r"\b(breaking in|breaking into|break in|break into|trying to (get in|get into|break in|"
    r"break into|kick|force|open|steal)|trying (car )?doors?( handles)?|trying car door|"
    r"(kicking|smashing|forcing|bashing) (in )?(the|my|our|his|her|their|a)( front| back| "
    r"bedroom| car| shop| kitchen)? (door|doors|window|windows|car|cars|glass|windscreen|lock)|"
    r"smashing (the|my|our|up)|someone (is )?(in|inside) (my|our) (house|home|flat|garden|"
    r"shed|car)|intruder|intruders|burglars? (in|inside|downstairs|upstairs)|"
    r"burglary in progress|robbery in progress|being burgled|being robbed)\b",
    r"\b(is|are) (\w+ )?(robbing|raiding|looting|burgling|breaking into|stealing|nicking|"
    r"snatching|mugging|holding up) (the|a|my|our|his|her|their|people|cars|phones|bikes|"
    r"someone)\b",
    r"\b(hear|heard) (someone|somebody|people|footsteps|voices|noises|a noise|men|a man) "
    r"(downstairs|upstairs|in (my|the|our) (house|flat|home|kitchen|garden|loft|hall|"
    r"bedroom)|trying|breaking|outside (my|the|our) (door|window|bedroom))\b",
    r"\b(throwing|chucking|lobbing) (bricks|stones|rocks|bottles|things|stuff|objects|"
    r"fireworks|paving slabs|missiles) (at|off|onto|over|from|into|through)\b",
    # fire
    r"\b(on fire|set fire|setting fire|set alight|petrol bomb|arson|house fire|car fire|"
    r"fire at|flames|smoke (is )?(coming|pouring|billowing))\b",
    r"\bfire (in|at|on|inside|upstairs|downstairs) (the|a|my|our|his|her|their|next|no|"
    r"number)\b",
    r"\b(house|flat|car|building|shop|bins?|school|block|van) (is |are )?(burning|alight)\b",
    # trapped, held, followed
    rf"\b(locked|locking|barricaded|trapped|shut) (me|us|her|him|them|my {_FAMILY}) (in|inside)"
    r"\b|\b(i am|we are|she is|he is|they are|been|being) (locked|trapped|held|kept) (in|inside|"
    r"against)\b|\b(will not|wont|would not|does not) let (me|us|her|him|them) (out|leave|go)\b",
    r"\b(baby|babies|child|children|kid|kids|toddler|little one) (is |are |been |has been )?"
    r"(locked|left|trapped|shut)( alone)? in (a|the|his|her|their|my)( \w+)? (car|van|vehicle)\b",
    r"\b(is|are|been|keeps|keep|kept|still|started|now|s) (\w+ )?following (me|us|my|her|him|"
    r"them)\b(?! (on|online)\b)",
    r"\b(kidnapped|abducted|snatched|been taken|taken by|bundled into|dragged into|pushed into|"
    r"forced into)\b",
    # can't speak
    r"\b(cant|cannot|can not|unable to) (speak|talk)\b.{0,40}\b(danger|scared|help|hurt|"
    r"attack|he|she|they|someone|listening|hear)",
    # vehicles
    r"\b(drove|driving|driven|ploughed|ploughing|crashed|mounted|mounting|careered|veered|"
    r"swerved) (\w+ )?(into|through|onto) (the |a )?(crowd|people|pedestrians|pavement|kids|"
    r"children|school|bus stop)\b",
    r"\b(knocked down|knocked over|run over|ran over|hit|mown down|mowed down) by (a|the|an) "
    r"(car|van|lorry|bus|truck|motorbike|vehicle|train|taxi|driver)\b",
    r"\b(car|van|lorry|bus|truck|motorbike|vehicle|driver|train|taxi) (has |have |just |has "
    r"just |is )*(hit|knocked down|knocked over|run over|ran over|ploughed into|mown down|"
    r"crashed into) (a|an|the|someone|somebody|people|my|his|her|two|some|pedestrian|"
    r"pedestrians|cyclist)\b",
    r"\b(bomb|explosive|explosion|suspicious package|terror attack|terrorist)\b",
)]

# Calls for help: not when the message asks how 999 works ("does pressing 55 send the
# police?") or says "if it's an emergency".
_PLEA = re.compile(
    r"\b(help me|help us|please help|someone help|send help|send (the )?police|need (the )?"
    r"police (now|urgently|immediately|here|quick)|need help now|need help urgently|call an "
    r"ambulance|need an ambulance|i am in danger|we are in danger|in danger|not safe|unsafe|"
    r"not feel safe|scared for my life|fear for my life|terrified|panic|this is an emergency|"
    r"its an emergency|it is an emergency|emergency help|sos|mayday|someone do something|"
    r"somebody do something|send (someone|somebody|an officer|officers|a car|the police|police|"
    r"an ambulance|a unit))\b"
)
# "what can you help me with?": a question to the bot, not a plea.
_ASKS_BOT = re.compile(r"\b(can|could|will|would|do) you help (me|us) (with|to|find|understand)\b|"
                       r"\bwhat (can|could|do) you help\b|\bhow can you help\b")
_HOW_999_WORKS = re.compile(
    r"\b(does|do|will|would) (pressing|calling|ringing|dialling|texting|it|that|they|55|999|"
    r"silent solution)\b|\bif (its|it is|this is|there is) an emergency\b"
)

# A dangerous driver on the road now; not when it happens "every weekend" (a report).
_DRIVING = [re.compile(p) for p in (
    r"\b(swerving|weaving) (all over|across|about|around|in and out)|\ball over the road\b",
    r"\b(going|driving|heading|travelling|coming) the wrong way (on|down|up|along)\b",
    r"\bwrong way (down|up|on|along) the (m\d+|a\d+|motorway|dual carriageway|road)\b",
    r"\b(drunk|drink|drugged|wasted|hammered|pissed|off (his|her|their) (face|head)|over the "
    r"limit|steaming|legless)\b.{0,40}\b(got|getting|get|gets|just got|about to|is) (in|into|"
    r"behind|drive|driving|drove|off)\b",
    r"\b(drunk|drink|drugged) (driver|driving) (is |are )?(on|down|along|up) the\b",
)]

# These mean danger only with a sign that it is happening now.
_WEAK = [re.compile(p) for p in (
    rf"\b{_W}\b",
    r"\b(fight|fighting|brawl|punch up|scrap|kicking off|kicked off|mass brawl|riot|attack|"
    r"attacking|attacked|assault|assaulting|mugging|robbing|robbery|stealing|snatching|"
    r"nicking|looting|smashing|vandalising|burglar|burglars|burglary|break in|broken into|"
    r"breaking|chasing|following me|followed|following us|threatening|threatened|aggressive|"
    r"violent|violence|screaming|shouting for help|crying for help|gunshot|gunshots|bang|stab|"
    r"stabbed|shot|hit|hurt|injured|injury|injuries|blood|crash|crashed|collision|accident|"
    r"knocked down|hit and run|run over|rta|drunk driver|drink driver|drunk driving|"
    r"drink driving|driving dangerously|dangerous driver|wrong way|domestic|hitting|beating|"
    r"punching|kicking|stolen car|joyriders|cutting off|cutting the|siphoning|"
    r"taking the wheels|jacking up|drugged|spiked|flashing|exposing|sexual|"
    r"grabbed|touched|will not leave|wont leave|refusing to leave|refuses to leave|"
    r"restraining order|non molestation|injunction|bail conditions|stalker|stalking|"
    r"waiting for me|waiting outside)\b",
)]

# A vulnerable person missing: 999 even without "now".
_MISSING = [re.compile(p) for p in (
    rf"\b{_GONE}\b.{{0,40}}\b{_VULNERABLE}\b",
    rf"\b{_VULNERABLE}\b.{{0,60}}\b{_GONE}\b",
    rf"\blost (my|our|his|her|the) (\w+ )?{_VULNERABLE}\b",
)]
# A crash with people hurt: 999 even without "now", unless nobody is hurt.
_CRASH = re.compile(
    r"\b(crash|crashed|collision|collided|accident|pile up|knocked down|run over|head on|"
    r"flipped|overturned|rolled over|on its roof|jackknifed|"
    r"hit by a (car|van|lorry|bus))\b.{0,60}\b(injured|hurt|trapped|bleeding|unconscious|"
    r"ambulance|not moving|casualt\w*|bad|serious|people|someone|man|woman|child|kid|"
    r"on (its|it s|their) (roof|side)|overturned|flipped|rolled|upside down|smoke|fire)\b"
)

_PANIC = re.compile(r"\b(emergency|sos|mayday|help)\b")
_PANIC_WORDS = frozenset("emergency emergencies please help urgent urgently now quick police "
                         "need send its it is an this a real genuine sos mayday me us someone "
                         "i am we are".split())

_CRIME_REPORT = [re.compile(p) for p in (
    r"\b(i want to|i wanna|i wish to|i would like to|i need to|i have to|i must|want to|how do i|"
    r"how can i|how to|can i|could i|where do i|where can i|where to|who do i|i am trying to|"
    r"trying to|i am here to|here to|id like to|i d like to|who should i|who can i)\b.{0,20}"
    r"\b(report|tell\b|inform|grass|snitch|dob|give (you |the police )?information|"
    r"pass on|pass information|send (you )?(footage|video|evidence|photos|pictures|dashcam|"
    r"cctv)|submit|share (footage|video|evidence|information|dashcam|cctv))\b",
    r"\breport(ing)? (a|my|the|an|someone|somebody|some|this|that|him|her|them|drug|drugs|"
    r"crime|theft|burglary|dealer|dealers|dealing|suspicious|anti social|antisocial|"
    r"stolen|missing|fraud|scam|assault|abuse|harassment|incident|neighbour|car|vehicle)\b",
    r"\b(i know who|i think i know who|i know where|i saw|i seen|i have seen|ive seen|"
    r"i witnessed|i have witnessed|i heard|i was a witness|witnessed)\b",
    r"\b(i have|ive|i got|i have got|i took|got some|have some|i filmed|i recorded|"
    r"caught (it|him|her|them) on)\b.{0,20}\b(dashcam|dash cam|cctv|footage|video|videos|"
    r"photos|photo|pictures|evidence|recording|camera)\b",
    r"\bmy (car|bike|van|phone|wallet|bag|purse|house|home|flat|shed|garage|moped|scooter|"
    r"motorbike|laptop|catalytic converter|number plates?|tools|handbag|dog|cat)\b.{0,20}"
    r"\b(was|has been|got|were|have been|been) (stolen|nicked|pinched|snatched|lifted|broken "
    r"into|taken|damaged|smashed|burgled|vandalised|keyed|cut off|robbed|hacked)\b",
    r"\b(never|didnt|did not|havent|have not|not yet) report(ed)?\b|\bi (filmed|recorded|"
    r"videoed|photographed) (it|them|him|her|the|a|some)\b",
    r"\b(i was|i have been|ive been|i got|we were|we have been|weve been) (robbed|mugged|"
    r"stabbed|punched|kicked|hit|beaten|raped|abused|groped|"
    r"assaulted|attacked|burgled|scammed|defrauded|hacked|threatened|harassed|abused|"
    r"stalked|hit|punched|conned)\b",
    r"\b(someone|somebody|some one) (break|broke|broken|smash|steal|take|damage|robbed|"
    r"robbed me|stole|broke into|nicked|took|smashed|damaged|scratched|"
    r"keyed|hacked|scammed|threatened|hit|punched|assaulted|is using|has used|used|cloned)\b",
    r"\bmy (car|van|bike|plates?|number plates?|card|phone) (has been |was |got |is )?cloned\b",
    r"\b(using|used|cloned|hacked|stole|stolen) my (bank|card|cards|account|details|identity|"
    r"password|email|facebook|instagram)\b",
    r"\b(graffiti|vandalism|damage|dumped|fly tipping|flytipping|tipping) (on|to|outside|in|"
    r"near|by) (my|our|the)\b",
    r"\b(driving|drives|driven|drove) (around |about )?(with )?(no|without) (insurance|"
    r"licence|license|tax|mot)\b",
    r"\b(growing|grows|grow) (weed|cannabis|drugs|skunk)|\b(theres|there is|there are|keeps|"
    r"been|parked|dumped|left)\b.{0,20}\b(uninsured|untaxed|abandoned|stolen|burnt out|"
    r"burned out) (car|cars|van|vehicle|motorbike|moped)\b",
    r"\b(i know something|i have information|ive got information|i have info|i got info|"
    r"got some information|have some information|i have a tip|ive got a tip)\b",
    r"\b(is|are|keeps|been|always|openly|constantly) (dealing|selling|supplying|pushing) "
    r"(drugs|weed|cannabis|coke|cocaine|crack|heroin|pills)?\b",
    r"\b(theyre|they are|hes|he is|shes|she is|people are|someone is|somebody is|they re) "
    r"(\w+ )?(dealing|selling|supplying|growing)\b",
    r"\b(coming and going|come and go|comes and goes) (all|at all hours|day and night|late)\b",
    r"\b(shed|garage|car|van|house|flat|home|shop|garden|office|caravan|lockup|lock up) "
    r"(was |got |been |has been |have been )?(broke|broken|busted) into\b",
    r"\b(tools|bike|bikes|phone|wallet|purse|bag|handbag|laptop|jewellery|parcel|parcels|"
    r"plants|catalytic converter)\b.{0,12}\b(gone|taken|stolen|nicked|pinched)\b",
    r"\b(drug dealing|drug dealer|drug dealers|dealing drugs|selling drugs|county lines|"
    r"cuckooing|trap house|crack house|cannabis farm|weed farm)\b",
    r"\b(suspicious (person|people|car|vehicle|van|activity|behaviour|package))\b",
)]


@dataclass(frozen=True)
class Triage:
    """The verdict on one message.

    `danger` is graded: "sure" (the 999 card replaces the answer; `category` is "emergency"),
    "possible" (one 999 line before the normal answer) or None. `situation` picks the card's
    words (ambulance, fire service, Samaritans, Silent Solution); `already_called` says the
    person has called 999 already, so the card is not repeated."""

    category: Category
    reason: str | None = None
    danger: Level | None = None
    situation: danger.Situation = "police"
    already_called: bool = False
    danger_words: bool = False  # words of danger anywhere, whatever cancelled them
    tells_a_scene: bool = False  # tells (doesn't ask) of people and what is going on around them


@dataclass(frozen=True)
class _Context:
    """What the message says about time and intent, read once."""

    now: bool  # an explicit "now", "as we speak", "help me"
    present: bool  # any sign of the present, a place ("outside") included
    past: bool
    statistical: bool  # asks for figures or about operations, with no explicit "now"
    about: bool  # asks about 999 / emergencies / 101
    hypothetical: bool  # "if … should I ring 999?"
    habitual: bool
    footage: bool  # talks of a video or CCTV: a record of something, not a call for help
    long_ago: bool  # long enough ago (or resolved) that a missing person is not missing now
    dated: bool  # dated weeks, months or years back, or in a past year
    no_one_hurt: bool
    asks_how_999_works: bool

    @classmethod
    def read(cls, t: str) -> _Context:
        now = bool(_NOW.search(t))
        return cls(
            now=now,
            present=bool(_PRESENT.search(t)),
            past=bool(_PAST.search(_RECENT.sub(" ", t))),
            statistical=_statistical(t, now=now),
            about=bool(_ABOUT_EMERGENCIES.search(t)),
            hypothetical=bool(_IF.search(t) and _WHICH_NUMBER.search(t)
                              or _IF_QUESTION.search(t)) and not now,
            habitual=bool(_HABITUAL.search(t)),
            footage=bool(_FOOTAGE.search(t)),
            long_ago=bool(_LONG_AGO.search(t)),
            dated=_is_dated(t),
            no_one_hurt=bool(_NO_ONE_HURT.search(t)),
            asks_how_999_works=bool(_HOW_999_WORKS.search(t)),
        )


def _statistical(t: str, *, now: bool) -> bool:
    return not now and (bool(_STATS.search(t)) or bool(
        _NEWS.search(t) and not _PRESENT.search(t) and not _FIRST_PERSON.search(t)))


# Where one clause ends and another begins: punctuation, or the start of a figures question
# ("a man with a knife is outside how many arrests…").
_CLAUSE_END = re.compile(r"[.,;:!?\n]+")
_FIGURES_QUESTION = re.compile(r"(?=\b(?:how many|how much|are there any|any figures|"
                               r"what are the figures)\b)")


def _clauses(message: str) -> list[str]:
    parts = []
    for piece in _CLAUSE_END.split(message[:4000]):
        parts += [c.strip() for c in _FIGURES_QUESTION.split(_prepare(piece)) if c.strip()]
    return parts


def triage(message: str, typed: str | None = None) -> Triage:
    """Classify a message before any matching. `typed` is the message as the person typed
    it, when `message` is a corrected reading of it (markers such as "lol" are looked for
    there)."""
    t = _prepare(message)
    if not t:
        return Triage("none")
    reading = danger.read(t, typed or message)
    ctx = _Context.read(reading.text)
    if ctx.dated:
        ctx = replace(ctx, dated=_dated(typed or message))
    found = _emergency_in(reading.text, message, ctx)
    level = 2 if found else 0
    rule = reading.rule
    if rule and not _blocked(rule, reading, ctx):
        level = max(level, 2 if rule.level == "sure" else 1)
        found = found or rule.id
    elif rule and not _blocked(rule, reading, replace(ctx, past=False, dated=False)):
        # told in the past: the 999 line first all the same, in case it is still going on
        level, found = max(level, 1), found or rule.id
    elif reading.found & _DANGER_CLASSES and not _blocked(None, reading, ctx) and ctx.present:
        level, found = max(level, 1), found or "danger words"
    asks_about_999 = ctx.about and not ctx.now  # "what's the thing where you press 55?"
    # A question about the world lowers the card to the 999 line, where the police are the
    # ones to send; a coded call, a medical or suicide question keeps its card.
    situation = _situation(reading)
    asks = situation == "police" and _asks(reading.text, typed or message)
    lowered = reading.lowered + int(asks)
    if _NOW_SAID.search(reading.text):  # "can I report a man dragging a girl into a van right now"
        lowered -= int(reading.asking) + int(reading.fiction) + int(asks)
    level = max(0, level - lowered - int(asks_about_999))
    if reading.already_called and level:
        level, found = 1, found or "already called 999"
    words = bool(reading.found & _DANGER_CLASSES) or found is not None
    if level == 2:
        return Triage("emergency", found, "sure", situation, danger_words=True)
    category: Category = "none"
    reason = None
    for rx in _CRIME_REPORT:
        if m := rx.search(t):
            category, reason = "crime_report", m.group(0)
            break
    return Triage(category, reason if category != "none" else found,
                  "possible" if level == 1 else None, situation, reading.already_called, words,
                  _tells_a_scene(reading, typed or message))


def _asks(text: str, typed: str) -> bool:
    """A message that is a question ("is attacking someone in self defence allowed?") asks
    about the world: danger in it gets the 999 line, not the card, unless it asks for help now
    ("what do I do", "can you send someone")."""
    sentences = _sentences(typed)
    if len(sentences) > 1:
        # the sentences that tell of danger must be questions themselves ("Can I bring in a
        # knife I found? It's very old.") or danger sits in a sentence of its own
        telling = [s for s in sentences if _danger_in(s)] or sentences[-1:]
        return all(_asks(_prepare(s), s) for s in telling)
    question = _opens_as_question(typed) or typed.rstrip().endswith("?")
    return question and not danger.language().classes["urgent_ask"].search(text)


def _opens_as_question(typed: str) -> bool:
    """Whether the message's first word opens a question ("is", "can", "how", "whats")."""
    first = typed.split(maxsplit=1)[:1]
    return bool(first) and danger.is_word(re.sub(r"[^a-z]", "", first[0].lower()),
                                          "question_open")


_SENTENCE_END = re.compile(r"(?<=[.!?;\n])\s+")


def _sentences(typed: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(typed.strip()) if s.strip()]


_PEOPLE = frozenset({"person", "family", "stranger", "vulnerable"})
_AROUND = frozenset({"progressive", "hazard_place", "water", "vehicle", "in_traffic", "entry",
                     "inside", "now", "unaccompanied"})


def _tells_a_scene(reading: danger.DangerReading, typed: str) -> bool:
    """A message of six words or more that tells rather than asks, of people and what is
    going on around them ("man walking along the central reservation, cars flying past
    him"): whatever the engine makes of it, the 999 line comes first."""
    return len(typed.split()) >= 6 and not is_question(typed) and \
        bool(reading.found & _PEOPLE) and bool(reading.found & _AROUND)


def is_question(typed: str) -> bool:
    """Whether a message asks something (a question mark anywhere, or a sentence that opens
    with a question word), as against telling of something: "theres a man in the park who
    keeps telling me to come see his car" tells ("who" joins a clause, it asks nothing)."""
    return "?" in typed or any(_opens_as_question(s) for s in _sentences(typed))


def _dated(typed: str) -> bool:
    """Whether every sentence that tells of danger is dated in the past ("last month") and
    none says it is happening now: "how many knife seizures last month... actually a lad is
    being jumped outside with a blade" is not."""
    sentences = _sentences(typed)
    telling = [s for s in sentences if _danger_in(s)] or sentences
    return all(_is_dated(_prepare(s)) for s in telling)


@lru_cache(maxsize=256)  # asked by both the question and the date reading of one message
def _danger_in(sentence: str) -> bool:
    reading = danger.read(_prepare(sentence), sentence)
    return bool(reading.found & _DANGER_CLASSES) or _emergency(
        reading.text, _Context.read(reading.text)) is not None


# Classes that are danger on their own, if nothing places them in the past, a question about
# figures, a hypothetical or a story: one 999 line first, then the answer.
_DANGER_CLASSES = frozenset({"weapon", "threat", "violence", "bodily_state", "fire", "self_harm",
                             "water_trouble", "abduction", "hiding", "followed", "stuck",
                             "confined", "trapped", "edge", "in_traffic", "dead"})
_SITUATIONS: list[tuple[danger.Situation, frozenset[str]]] = [
    ("suicide", frozenset({"self_harm"})),
    ("silent", frozenset({"coded_request"})),
    ("medical", frozenset({"bodily_state", "dead", "stuck"})),
    ("fire", frozenset({"fire"})),
]


def _situation(reading: danger.DangerReading) -> danger.Situation:
    if reading.rule and reading.rule.situation != "police":
        return reading.rule.situation
    for situation, classes in _SITUATIONS:
        if reading.found & classes:
            return situation
    return "police"


def _blocked(rule: danger.Rule | None, reading: danger.DangerReading, ctx: _Context) -> bool:
    """Whether time or intent rule the danger out: a figures question, a hypothetical, a
    question about 999, or something placed in the past (unless it is a state still true)."""
    ongoing = rule is not None and rule.ongoing
    if ctx.statistical or ctx.hypothetical or ctx.about or (ctx.dated and not ongoing) or (
            ctx.habitual and not ctx.now):
        return True
    return ctx.past and not ctx.present and not ongoing


def _emergency_in(t: str, message: str, ctx: _Context) -> str | None:
    """The pattern rules: the words that make this an emergency, or None."""
    if found := _emergency(t, ctx):
        return found
    if ctx.statistical:
        # A figures question must not drown danger told in a clause of its own; everything
        # else (past, hypothetical, footage…) is still read from the whole message.
        for clause in _clauses(message):
            clause = danger.without_idioms(clause)
            clause_ctx = replace(ctx, statistical=_statistical(clause, now=ctx.now))
            if clause != t and (found := _emergency(clause, clause_ctx)):
                return found
    return None


def _emergency(t: str, ctx: _Context) -> str | None:
    """The words that make this an emergency, or None."""
    if set(t.split()) <= _PANIC_WORDS and _PANIC.search(t):
        return t  # "help", "emergency!!!", "sos", "help urgent": 999 first, to be safe
    if ctx.statistical or ctx.hypothetical:
        return None
    if m := _first(_ALWAYS, t):
        return m
    placed_in_past = ctx.past and not ctx.present or ctx.dated
    recorded = ctx.footage and not ctx.now
    if not placed_in_past and not recorded:
        if m := _first(_STRONG, t):
            return m
        if not ctx.asks_how_999_works and not _ASKS_BOT.search(t) and (m := _PLEA.search(t)):
            return m.group(0)
        if not ctx.habitual and (m := _first(_DRIVING, t)):
            return m
    weak_ok = ctx.present and not ctx.past and not ctx.about and not ctx.habitual and \
        not ctx.dated
    if weak_ok and (m := _first(_WEAK, t)):
        return m
    if ctx.about or ctx.long_ago or ctx.dated or recorded:
        return None
    if m := _first(_MISSING, t):
        return m
    if not ctx.no_one_hurt and (m := _CRASH.search(t)):
        return m.group(0)
    return None


def _first(patterns: list[re.Pattern[str]], t: str) -> str | None:
    for rx in patterns:
        if m := rx.search(t):
            return m.group(0)
    return None


def vocabulary() -> set[str]:
    """The words triage looks for, so that a misspelling of one can be corrected to it."""
    words: set[str] = danger.words()
    for rx in [*_ALWAYS, *_STRONG, *_WEAK, *_CRIME_REPORT]:
        words.update(w for w in re.findall(r"[a-z]{5,}", rx.pattern))
    # never a correction to an everyday object ("the polis" is not "the poles")
    return words - set(danger.load().classes["improvised"].words)
