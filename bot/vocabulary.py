"""Words for the *kinds* of question people ask (when, who led, which forces…).

These are about English, not about any operation, so they live in code; everything about the
operations themselves (names, aliases, metrics, forces, people) comes from the knowledge.
"""

FACETS: dict[str, list[str]] = {
    "when": ["when", "what date", "what dates", "which date", "which dates", "which day",
             "what day", "what days", "dates", "date", "what year", "which year", "what month",
             "which month", "when was that", "when did it happen", "when did this happen",
             "what time", "how recent", "when did it take place"],
    "duration": ["how long", "duration", "how many days", "lasted", "last for", "length",
                 "how long did it last", "how long did it go on", "days long"],
    "where": ["where", "which area", "what area", "areas", "area", "location", "locations",
              "whereabouts", "which places", "what places", "where did it happen",
              "which roads", "which part"],
    "lead": ["led", "lead", "leading", "in charge", "headed", "headed up", "ran it", "run by",
             "ran the", "organised", "organized", "coordinated", "co ordinated", "charge",
             "boss", "head", "commander", "responsible", "who led", "leader", "spearheaded",
             "in command", "lead force", "led by", "who ran", "who was running",
             "in control", "organising", "organizing", "behind it", "who was behind",
             "took the lead", "heading up", "headed it"],
    "forces": ["forces", "which forces", "who took part", "took part", "involved",
               "participated", "partners", "partner", "joined", "teamed up", "worked with",
               "working with", "taking part", "agencies", "participating", "partnered",
               "other forces", "who was involved", "who else", "which police", "constabularies",
               "how many forces", "collaborated", "joint"],
    "units": ["units", "unit", "teams", "team", "departments", "department", "squads", "squad",
              "supported", "support", "supporting", "backed up", "back up", "backup",
              "which teams", "what teams", "what units", "which units", "specialist",
              "send", "sent", "provide", "provided", "contribute", "contributed", "deploy",
              "deployed", "bring", "brought", "backed", "backing"],
    "focus": ["purpose", "aim", "aims", "why", "focus", "focused", "focussed", "target",
              "targeted", "targeting", "targetting", "goal", "goals", "point of", "objective",
              "objectives", "what for", "what was it for", "what is it for", "meant to",
              "designed to", "tackle", "tackling", "crack down", "crackdown on", "about what"],
    "summary": ["tell me about", "explain", "overview", "describe", "summary", "summarise",
                "summarize", "results", "result", "achieve", "achieved", "achievements",
                "outcome", "outcomes", "what happened", "what is", "what was", "what are",
                "breakdown", "rundown", "low down", "lowdown", "all about", "anything about",
                "update", "news on", "how did it go", "success", "successful", "haul",
                "what did they get", "what was seized", "what did they seize", "seized",
                "seizures", "confiscated", "what was found", "stats", "statistics",
                "key figures", "figures", "numbers"],
    "people": ["who", "spokesperson", "spokesman", "spokeswoman", "quote", "quotes", "said",
               "say", "says", "saying", "comment", "comments", "statement", "statements",
               "officers in charge", "senior officer", "words", "message",
               "what did they say", "who spoke", "rank", "job title", "quoted", "quote",
               "who was quoted", "which officers", "officers quoted",
               "what rank", "his job", "her job"],
    "source": ["source", "sources", "where from", "who wrote", "written by", "author", "wrote",
               "who published", "journalist", "newspaper", "paper", "headline", "date of",
               "press release", "release", "article",
               "published", "publication", "reference", "where did you get", "citation",
               "link", "where is that from", "how do you know", "proof", "official"],
    "methods": ["how did they", "methods", "method", "tactics", "anpr", "number plate",
                "number plate recognition", "automatic number plate recognition", "cameras",
                "how was it done", "how did police", "technique", "techniques", "approach",
                "doing about", "what else", "apart from", "other than", "besides", "tech",
                "technology", "equipment", "kit", "gadgets", "what did they use", "tools",
                "how did they catch", "how did they find", "how did they do it",
                "as well as arresting", "prevention", "prevent", "diversion", "divert"],
    "name": ["called", "what is it called", "what was it called", "name of the operation",
             "name of that operation", "what was the operation called", "its name",
             "the operations name", "what was it named"],
    "meaning": ["stand for", "stands for", "short for", "abbreviation", "acronym", "meaning of",
                "what does it mean", "full name"],
    "appeal": ["information", "witness", "witnesses", "footage", "cctv", "dash cam",
               "dashcam", "appeal", "come forward", "get in touch", "ask the public",
               "asked the public", "asking the public", "asked people", "asking people",
               "public to do", "people to do", "want the public", "want people"],
}

# Words that say "all forces together" rather than one force.
SCOPE_ALL = ["all forces", "all the forces", "all ten forces", "all four forces", "in total",
             "altogether", "overall", "combined", "collectively", "all together", "everyone",
             "all of them", "between them", "across all", "across the forces",
             "whole operation", "total", "grand total", "all in all", "across the board"]

# Words about getting information to the police: guidance rather than figures.
REPORTING = ["report", "reporting", "contact", "contact the police", "get in touch",
             "tell the police", "pass on", "pass information", "give information", "tip",
             "tip off", "information", "footage", "cctv", "dash cam", "dashcam", "evidence",
             "video", "speak to someone", "talk to someone", "speak to", "talk to",
             "get hold of", "reach", "phone", "ring", "call", "email", "message"]

# Open-now / opening-hours words for a channel that keeps hours.
HOURS = ["open", "opens", "opening", "opening hours", "opening times", "hours", "times",
         "time", "close", "closes", "closed", "closing", "available", "availability",
         "working", "weekend", "weekends", "saturday", "sunday", "bank holiday",
         "bank holidays", "public holiday", "public holidays", "christmas", "easter",
         "today", "tonight", "tomorrow", "now", "right now", "at the moment", "currently",
         "still", "yet", "on"]

GREETING = {"hi", "hello", "hey", "hiya", "yo", "morning", "afternoon", "evening",
            "good morning", "good afternoon", "good evening", "greetings", "howdy", "alright",
            "sup", "hallo", "helo", "hii", "hey there", "hi there", "hello there"}
THANKS = {"thanks", "thank you", "thank", "cheers", "ta", "great", "brilliant", "perfect",
          "ok", "okay", "cool", "nice one", "lovely", "thank you so much", "many thanks",
          "thanks a lot", "that helps", "helpful", "got it", "fab", "ace", "sound"}
BYE = {"bye", "goodbye", "see you", "see ya", "later", "cya", "good night", "night"}
HELP = {"help", "menu", "commands", "what can you do", "what do you do", "what can i ask",
        "who are you", "what are you", "are you a bot", "are you a robot", "are you human",
        "are you real", "is this a bot", "is this a real person", "start", "options",
        "how does this work", "what is this", "what do you know", "what can you tell me",
        "what can you help with", "instructions"}

FOLLOW_UP_OPENERS = ("and ", "what about ", "how about ", "what of ", "just ", "only ",
                     "and what about ", "and how ", "and the ", "so ", "also ", "ok and ",
                     "okay and ", "then ", "now ", "in the ", "for the ", "in ", "for ",
                     "same for ", "same in ", "what was it in ", "how about in ")

# Channel words too general to switch away from the channel being talked about:
# after Crimestoppers, "and the website?" means Crimestoppers' website.
GENERIC_CHANNEL_WORDS = {"website", "number", "phone number", "contact number", "police number",
                         "number to call"}
