"""Deciding what to answer, on a message already read (bot.analysis: slots; bot.reading:
cues). One module per kind of answer; each holds a part of bot.engine.Engine. No regular
expression and no word list lives here (tests/test_reading_split.py checks it).
"""

THRESHOLD = 0.45  # below this confidence an answer is given up for an honest refusal
