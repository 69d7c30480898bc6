"""The English the bot reads, as data: word classes, cues and everyday words.

Loaded and validated once; the matching machinery elsewhere holds no words of its own.
"""
