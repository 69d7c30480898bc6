"""Deciding what to answer, on a message already read (bot.analysis: slots; bot.reading:
cues; bot.matching: the question's words against the knowledge's). One module per kind of
answer; each holds a part of bot.engine.Engine as a mixin, sharing what Engine.__init__ builds
(`k`, `ops`, `analyser`, `lexicon`, `passages`, the quote and suggestion indexes). No regular
expression and no word list lives here (tests/test_reading_split.py checks it).
"""

THRESHOLD = 0.45  # below this confidence an answer is given up for an honest refusal
