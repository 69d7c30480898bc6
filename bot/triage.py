"""Triage before matching: is someone in danger now (999 first), or reporting a crime?

Rules over normalised text, biased towards safety: a message that describes danger now is an
emergency even when it is phrased as a question. Questions *about* emergencies ("when should I
call 999?") and statistics questions that merely contain such words ("how many knives were
seized in the knife crime operation?") are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.text import normalise

Category = Literal["emergency", "crime_report", "none"]

_W = r"(?:knife|knifes|knives|gun|guns|machete|machetes|blade|blades|weapon|weapons|firearm|" \
     r"firearms|pistol|rifle|shotgun|axe|hammer|sword|crossbow|baseball bat|bat|acid)"
_WHO = r"(?:someone|somebody|some one|a man|a woman|a guy|a bloke|a lad|a boy|a girl|man|woman|" \
       r"guy|bloke|lad|men|people|they|he|she|gang|group|boys|youths|kids|teenagers|neighbour|" \
       r"my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|mum|father|mother|son|brother|" \
       r"sister|stepdad|step dad|flatmate))"
_PRESENT = re.compile(
    r"\b(now|right now|currently|at the moment|happening|as we speak|just now|just happened|"
    r"theres a|there is a|there are|trying to|"
    r"outside|next door|downstairs|upstairs|in my (house|home|flat|street|garden|room|car)|"
    r"in the street|on the street|here|quick|quickly|urgent|urgently|hurry|asap|live|still|"
    r"is on fire|are on fire|tonight|this minute|ongoing|in progress|currently|immediately)\b"
)
_PAST = re.compile(r"\b(yesterday|last (night|week|month|year|weekend)|ago|earlier today|"
                   r"was (stolen|taken|broken|damaged|burgled)|were (stolen|taken)|got (stolen|"
                   r"nicked)|back in|in (january|february|march|april|may|june|july|august|"
                   r"september|october|november|december)|on (monday|tuesday|wednesday|"
                   r"thursday|friday|saturday|sunday))\b")

# Each pattern alone means danger now, whatever else the message says.
_ALWAYS = [re.compile(p) for p in (
    r"\b(gone|went|driven|drove|crashed|fallen|fell|slipped|jumped) into (the |a )?(river|water|"
    r"canal|sea|lake|reservoir|harbour|estuary|quarry)|\b(drowning|trapped in|trapped under|"
    r"stuck in the water|people inside|someone inside)\b",
)]

# Each pattern means danger now unless the message places it in the past.
_STRONG = [re.compile(p) for p in (
    r"\b(being|getting|been|just been|just got|i am being|im being|we are being|is being|are "
    r"being) (stolen|nicked|broken into|attacked|attaked|atacked|stabbed|stabed|beaten|beat up|battered|punched|kicked|"
    r"assaulted|mugged|robbed|raped|shot|strangled|choked|kidnapped|abducted|dragged|chased|"
    r"threatened|held hostage|held at knifepoint|held at gunpoint|hit|hurt|followed|stalked|"
    r"run over)\b",
    rf"\b{_WHO} (is |are |s |has |have |got |with |carrying |waving |holding |pulled |pulling |"
    rf"brandishing |swinging |pointing )(a |an |the |his |her |their |some |)(big |huge |)?{_W}",
    rf"\b{_W} (is |are )?(being )?(waved|waving|pulled|pointed|pointing|brandished|used|out)\b",
    r"\b(stabbed|stabed|stabbing|shot|shooting|gunshots|gun shots|shots fired|gunfire)\b.{0,40}"
    r"\b(now|outside|here|street|road|just|happening|help|bleeding|dying|park|shop|pub|school)",
    r"\b(bleeding|blood everywhere|losing blood|unconscious|not breathing|isnt breathing|"
    r"is not breathing|stopped breathing|cant breathe|cannot breathe|collapsed|not moving|"
    r"overdose|overdosed|od d|having a seizure|dying|lying in the road|badly hurt|seriously "
    r"hurt|badly injured|seriously injured)\b",
    r"\b(going to|gonna|threatening to|threatened to|wants to|will) (kill|stab|shoot|hurt|harm|"
    r"attack|beat|burn) (me|us|him|her|them|my|himself|herself|themselves|myself|the kids|"
    r"the children|everyone)\b",
    r"\b(kill myself|end my life|take my own life|suicide|suicidal|jump off|jumping off|"
    r"on the bridge|end it all|hang myself|want to die)\b",
    rf"\b{_WHO} (is |keeps |just |started |s |has started )?(hitting|beating|attacking|"
    r"strangling|choking|punching|kicking|hurting|threatening|stabbing|raping) (me|us|my|her|"
    r"him|them|someone|somebody|a|the|his|their)\b",
    r"\b(breaking in|breaking into|trying to (get in|get into|break in|break into|kick|force|"
    r"open|steal)|trying (car )?doors?( handles)?|trying car door|"
    r"kicking (the|my|our) door|smashing (the|my|our|up)|someone (is )?(in|inside) (my|our) "
    r"(house|home|flat|garden|shed|car)|intruder|intruders|burglars? (in|inside|downstairs|"
    r"upstairs)|burglary in progress|robbery in progress|being burgled|being robbed)\b",
    r"\b(on fire|set fire|setting fire|petrol bomb|arson|house fire|car fire|fire at)\b",
    r"\b(help me|help us|please help|someone help|send help|send (the )?police|need (the )?"
    r"police (now|urgently|immediately|here|quick)|need help now|need help urgently|call an "
    r"ambulance|need an ambulance|i am in danger|we are in danger|in danger|not safe|unsafe|"
    r"scared for my life|fear for my life|terrified|panic|this is an emergency|its an "
    r"emergency|emergency help|sos|mayday)\b",
    r"\b(kidnapped|abducted|snatched|been taken|taken by|bundled into|dragged into)\b",
    r"\b(cant|cannot|can not|unable to) (speak|talk)\b.{0,40}\b(danger|scared|help|hurt|"
    r"attack|he|she|they|someone|listening|hear)",
    r"\b(bomb|explosive|explosion|suspicious package|terror attack|terrorist)\b",
    r"\b(hostage|at knifepoint|at gunpoint)\b",
)]

# These mean danger only with a sign that it is happening now.
_WEAK = [re.compile(p) for p in (
    rf"\b{_W}\b",
    r"\b(fight|fighting|brawl|punch up|scrap|kicking off|kicked off|mass brawl|riot|attack|"
    r"attacking|attacked|assault|assaulting|mugging|robbing|robbery|stealing|smashing|"
    r"vandalising|burglar|burglars|burglary|break in|broken into|breaking|chasing|following "
    r"me|followed|following us|threatening|threatened|aggressive|violent|violence|"
    r"screaming|shouting for help|crying for help|gunshot|gunshots|bang|stab|stabbed|"
    r"shot|hit|hurt|injured|injury|injuries|blood|crash|crashed|collision|accident|"
    r"knocked down|hit and run|run over|rta|drunk driver|drink driver|drunk driving|"
    r"drink driving|driving dangerously|dangerous driver|wrong way|domestic|hitting|beating|"
    r"dealing|stolen car|joyriders|drugged|spiked|flashing|exposing|sexual|grabbed|touched)\b",
    r"\b(missing|cant find|cannot find|can not find|lost|ran away|run away|runaway|not come "
    r"home|hasnt come home|has not come home|not came home|wandered off|went missing|gone "
    r"missing)\b.{0,40}\b(child|son|daughter|kid|baby|toddler|boy|girl|mum|dad|mother|father|"
    r"nan|grandad|grandma|granddad|dementia|vulnerable|autistic|elderly|teenager|partner|"
    r"husband|wife|friend|sister|brother)\b",
    r"\b(child|son|daughter|kid|baby|toddler|boy|girl|dementia|vulnerable|autistic|elderly|"
    r"teenager|year old)\b.{0,40}\b(missing|gone|disappeared|vanished|cant find|cannot find|"
    r"not come home|hasnt come home|wandered off|ran off|run off)\b",
    r"\b(crash|collision|accident|knocked down|run over|hit by a (car|van|lorry|bus))\b.{0,60}"
    r"\b(injured|hurt|trapped|bleeding|unconscious|ambulance|not moving|casualt|bad|serious|"
    r"people|someone|man|woman|child|kid)\b",
)]

_ABOUT_EMERGENCIES = re.compile(
    r"\b(when|what|should|do|does|can|could|how|is it|is that|which|whats|difference|if i)\b"
    r".{0,40}\b(999|emergency|emergencies|101|silent solution|55)\b"
    r"|\b(999|emergency|emergencies)\b.{0,30}\b(mean|for|number|counts|count|definition|or)\b"
)
_STATS = re.compile(
    r"\b(how many|how much|number of|no of|amount of|figures?|statistics|stats|total|seized|"
    r"seizures?|confiscated|recovered|arrests|arrested|operations?|sceptre|crackdown|campaign|"
    r"initiative|released|release|report said|press|news|article)\b"
)
_FIRST_PERSON_NOW = re.compile(r"\b(i am|im|we are|my|me|us)\b.{0,30}\b(now|right now|help)\b")

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
    r"\b(i was|i have been|ive been|i got|we were|we have been|weve been) (robbed|mugged|"
    r"assaulted|attacked|burgled|scammed|defrauded|hacked|threatened|harassed|abused|"
    r"stalked|hit|punched|conned)\b",
    r"\b(someone|somebody|some one) (stole|broke into|nicked|took|smashed|damaged|scratched|"
    r"keyed|hacked|scammed|threatened|hit|punched|assaulted|is using|has used|used|cloned)\b",
    r"\b(using|used|cloned|hacked|stole|stolen) my (bank|card|cards|account|details|identity|"
    r"password|email|facebook|instagram)\b",
    r"\b(graffiti|vandalism|damage|dumped|fly tipping|flytipping|tipping) (on|to|outside|in|"
    r"near|by) (my|our|the)\b",
    r"\b(growing|grows|grow) (weed|cannabis|drugs|skunk)|\b(theres|there is|there are|keeps|"
    r"been|parked|dumped|left)\b.{0,20}\b(uninsured|untaxed|abandoned|stolen|burnt out|"
    r"burned out) (car|cars|van|vehicle|motorbike|moped)\b",
    r"\b(i know something|i have information|ive got information|i have info|i got info|"
    r"got some information|have some information|i have a tip|ive got a tip)\b",
    r"\b(is|are|keeps|been|always|openly|constantly) (dealing|selling|supplying|pushing) "
    r"(drugs|weed|cannabis|coke|cocaine|crack|heroin|pills)?\b",
    r"\b(drug dealing|drug dealer|drug dealers|dealing drugs|selling drugs|county lines|"
    r"cuckooing|trap house|crack house|cannabis farm|weed farm)\b",
    r"\b(suspicious (person|people|car|vehicle|van|activity|behaviour|package))\b",
)]


@dataclass(frozen=True)
class Triage:
    category: Category
    reason: str | None = None


def triage(message: str) -> Triage:
    """Classify a message before any matching."""
    t = normalise(message)
    if not t:
        return Triage("none")
    present = bool(_PRESENT.search(t))
    past = bool(_PAST.search(t))
    about = bool(_ABOUT_EMERGENCIES.search(t))
    stats = bool(_STATS.search(t)) and not _FIRST_PERSON_NOW.search(t)
    for rx in _ALWAYS:
        m = rx.search(t)
        if m and not (stats and not present and not _first_person(t)):
            return Triage("emergency", m.group(0))
    for rx in _STRONG:
        m = rx.search(t)
        if m:
            # "what should I do if I'm being followed?" still gets 999 first: safer.
            if past and not present:
                break
            if stats and not present and not _first_person(t):
                break
            return Triage("emergency", m.group(0))
    if present and not past and not stats and not about:
        for rx in _WEAK:
            m = rx.search(t)
            if m:
                return Triage("emergency", m.group(0))
    for rx in _WEAK[2:]:  # a missing child or a crash with people hurt: 999 even without "now"
        m = rx.search(t)
        if m and not stats and not about and not past:
            return Triage("emergency", m.group(0))
    for rx in _CRIME_REPORT:
        m = rx.search(t)
        if m:
            return Triage("crime_report", m.group(0))
    return Triage("none")


def _first_person(t: str) -> bool:
    return bool(re.search(r"\b(i|im|me|my|we|us|our)\b", t))
