"""The question's words against the knowledge's own words: which figures a word describes,
which quote holds the question's words. Text matching the deciding modules (bot/deciding/)
ask for rather than do themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot import sentence_index
from bot.compiled import compiled
from bot.knowledge import Knowledge
from bot.knowledge.models import Figure, Operation
from bot.language.english import is_everyday
from bot.retrieval import FRAME_WORDS, content_stems, stem
from bot.text import COMMON, STOP, SUBJECT_WORDS, normalise, singular
from bot.vocabulary import DERIVED, FACETS

if TYPE_CHECKING:
    from bot.analysis import Query

# stems of words that say who counted, not what was counted
SCOPE_STEMS = {"offic", "polic", "force", "peopl", "toget", "const", "team", "unit"}
# who a release may say spoke, beside the people it names ("a police spokesperson")
_SPEAKING_FOR = {"police", "they", "release", "force", "forces", "officers", "officer",
                 "spokesman", "spokesperson", "spokeswoman", "report", "article", "statement"}


def described(cands: list[Operation], words: list[str], fields: tuple[str, ...]) -> list[str]:
    """Metrics of the figures whose own words (`what` and/or `detail`) mention one of
    `words`; words that only say who counted ('officers', 'forces') never count."""
    stems = {singular(w)[:5] for w in words if len(w) > 3} - SCOPE_STEMS
    out = []
    for op in cands:
        for f in op.figures:
            text = " ".join(getattr(f, name) or "" for name in fields)
            if stems & {singular(w)[:5] for w in normalise(text).split()}:
                out.append(f.metric)
    return list(dict.fromkeys(out))


def names_a_kind(k: Knowledge, fig: Figure) -> bool:
    """Whether a figure's own words name a kind of thing counted ('stolen caravan'), i.e.
    one of its metric's terms that its generic label lacks."""
    metric = k.metric(fig.metric)
    label = {singular(w) for w in normalise(metric.label).split()}
    kinds = {singular(w) for t in metric.terms for w in normalise(t).split()} - label - STOP
    return bool(kinds & {singular(w) for w in normalise(fig.what or "").split()})


def described_figures(figs: list[Figure], unexplained: list[str],
                      metric_words: set[str]) -> list[Figure]:
    """'cars with no insurance': the figures whose own description holds a word the question
    left unexplained (not the metric's own words: not "seize" for cash)."""
    own = {w[:5] for w in metric_words}
    # never a word that names the operation or the period ("the sceptre july op")
    stems = {w[:5] for w in unexplained if len(w) > 3 and w not in FRAME_WORDS} - own
    return [f for f in figs if stems & {w[:5] for w in normalise(
        f"{f.what or ''} {f.detail or ''}").split() if len(w) > 3}]


def quote_stems(words: list[str], last_resort: bool, force_words: set[str]) -> set[str]:
    """The stems a quote must share; as a last resort only distinctive words ('cuckooing',
    'farmers'), not forces' names or words of who counted."""
    if last_resort:
        return {w[:5] for w in words if len(w) > 3 and w not in COMMON
                and w not in force_words} - SCOPE_STEMS
    return {w[:5] for w in words if len(w) > 3}


def best_quote(quotes: sentence_index.Quotes, words: list[str], stems: set[str],
               people_first: float, summaries: bool
               ) -> tuple[float, Operation, int | None, str] | None:
    """The quote (score, operation, person index or None, text) that best holds `words`."""
    query = " ".join(words)
    best: tuple[float, Operation, int | None, str] | None = None
    for quote, text in quotes.search(stems, summaries=summaries):
        overlap = 100 * len(stems & sentence_index.stems(text.split())) / max(len(stems), 1)
        similar = fuzz.token_set_ratio(query, text)
        score = max(overlap, similar) + similar / 1000  # tie-break
        if quote.person is not None:
            score += people_first  # "who said…" asks for a person
        if best is None or score > best[0]:
            best = (score, quote.op, quote.person, quote.text)
    return best


def name_stems(k: Knowledge) -> frozenset[str]:
    """Stems of the words that name an operation, a force or a person: they narrow a search
    of the knowledge's sentences, never match one."""
    names = [n for op in k.operations for n in (op.name, *op.aliases)]
    names += [n for f in k.forces.values() for n in (f.name, f.short, *f.aliases) if n]
    names += [p.name for op in k.operations for p in op.people]
    return frozenset(compiled("name stems", lambda: sorted(
        {s for n in names for s in content_stems(n)})))


def force_words(k: Knowledge) -> set[str]:
    return {w for f in k.forces.values() for n in (f.name, f.short, *f.aliases) if n
            for w in normalise(n).split()}


def speaker_words(k: Knowledge) -> set[str]:
    """Words that can name someone the releases quote: people, ranks, roles, forces, units."""
    speakers = [p.name for op in k.operations for p in op.people]
    speakers += [x for op in k.operations for p in op.people for x in (p.rank, p.role) if x]
    speakers += [n for f in k.forces.values() for n in (f.name, f.short, *f.aliases) if n]
    speakers += [u.name for op in k.operations for u in op.units]
    return {w for n in speakers for w in normalise(n).split()} | _SPEAKING_FOR


def topic_words(topic_index: dict[str, tuple[str, int]]) -> dict[str, set[str]]:
    """Operation id → the words only its own text uses."""
    out: dict[str, set[str]] = {}
    for word, (op_id, _) in topic_index.items():
        out.setdefault(op_id, set()).add(word)
    return out


# ------------------------------------------------------------------ the question's own words
# the stems of the words that ask for each facet ('working with' asks for the forces)
_FACET_STEMS = {f: frozenset(stem(w) for phrase in words for w in phrase.split())
                for f, words in FACETS.items()}
_WHAT_IS = {"what is", "what was", "what are"}  # ask nothing beyond the operation itself
_FIGURE_WORDS = {"figures", "numbers", "stats", "statistics", "results"}
_UNIT_WORDS = ("unit", "team", "group")


def facet_stems(facets: list[str]) -> set[str]:
    return {s for f in facets for s in _FACET_STEMS.get(f, ())}


def unpublished_detail(tokens: list[str]) -> set[str]:
    """The stems of a detail releases usually leave out ('roads', 'reward')."""
    return {stem(w) for w in tokens if w not in STOP} & _FACET_STEMS["unpublished"]


def asked_stems(words: list[str], name_stems: frozenset[str]) -> set[str]:
    """The content stems of the question, less those that name an operation, force or person."""
    return set(content_stems(" ".join(words))) - name_stems


def stems_of(words: Iterable[str]) -> set[str]:
    return {stem(w) for w in words}


def distinctive_unexplained(unexplained: list[str]) -> set[str]:
    """Stems of the unexplained words that are not ordinary short English."""
    return {stem(w) for w in unexplained if w not in COMMON or len(w) > 4}


def asks_beyond_what_is(summary_words: set[str]) -> bool:
    return bool(summary_words - _WHAT_IS)


def vague(unexplained: list[str]) -> list[str]:
    """Unexplained words that are not everyday English (or are common): left unexplained,
    the question isn't about every operation."""
    return [w for w in unexplained if not is_everyday(w) or w in COMMON]


def said_singulars(q: Query) -> set[str]:
    """The words the question used for its metrics, singular."""
    return {singular(q.fixed[at]) for at, _ in q.metric_at if at < len(q.fixed)}


def focus_words(cands: list[Operation], topic_words: dict[str, set[str]]) -> set[str]:
    """The words of the operations' focus, and the words only their own text uses."""
    words = {singular(w) for op in cands for f in op.focus for w in normalise(f).split()}
    return words | {w for op in cands for w in topic_words.get(op.id, ())}


def outside(words: list[str], known: set[str]) -> list[str]:
    return [w for w in words if singular(w) not in known]


def counted_by(noun: str, metric_words: set[str]) -> bool:
    return singular(noun) in metric_words


def closest(pool: list, labels: sentence_index.SentenceIndex[int], text: str,
            tokens: list[str], n: int) -> list[tuple[str, str]] | None:
    """The (label, query) suggestions nearest to what was asked, or None when none shares a
    word with it."""
    near = labels.search(sentence_index.stems(tokens))  # those sharing words
    if not near:
        return None
    found = process.extract(text, [label for _, label in near],
                            scorer=fuzz.token_set_ratio, limit=n * 3)
    out: dict[tuple[str, str], None] = {}  # (label, query), each once, in order
    for _label, _, at in found:
        out[tuple(pool[near[at][0]])] = None
    return list(out)[:n]


def asks_for_figures(summary_words: set[str]) -> bool:
    return bool(summary_words & _FIGURE_WORDS)


def unit_words(names: list[str]) -> list[str]:
    """The words of units' names that say more than 'unit' or 'team'."""
    return [w for n in names for w in normalise(n).split() if w not in _UNIT_WORDS]


def distinctive(words: list[str]) -> list[str]:
    """The words that say what was asked: not ordinary English, unless a subject."""
    return [w for w in words if w not in COMMON or w in SUBJECT_WORDS]


# ------------------------------------------------------------------ arithmetic (bot.derived)
_KINDS = ("share", "rest", "others", "combined")  # the first cue found decides


def arithmetic_cue(q: Query, raw: str = "") -> str | None:
    """The kind of arithmetic the wording asks for ('Essex's share', 'the other forces',
    'both added up'), from the `derived` cues of bot/language/cues.yaml; a '%' asks a share."""
    kind = next((k for k in _KINDS if _cued(q, k)), None)
    return "share" if kind is None and "%" in raw else kind


def _cued(q: Query, kind: str) -> bool:
    """A cue of `kind` in the message; "apart from arresting people" takes away a kind of
    figure, not a force, so a cue followed at once by a metric's word is no cue to the rest."""
    for tokens in (q.text.split(), q.fixed):
        padded = f" {' '.join(tokens)} "
        for phrase in DERIVED.get(kind, ()):
            at = padded.find(f" {phrase} ")
            if at < 0:
                continue
            end = padded[:at].count(" ") + len(phrase.split())
            if kind != "rest" or all(pos != end for pos, _ in q.metric_at):
                return True
    return False
