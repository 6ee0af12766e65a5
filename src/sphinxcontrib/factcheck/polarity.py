"""Polarity and direction: a sentence must not turn its passage round.

Two kinds of word turn a claim round without touching a figure: a negation
("does not produce" for "does produce") and a word of direction ("fell" for
"rose", "weaken" for "strengthen"). Outside its quotations, a cited sentence
must agree with the passage it rests on (:mod:`.align`) on both:

- a word of direction (:data:`DIRECTIONS`) is contradicted when the passage
  holds a word of the opposite direction on the same axis and none of its
  own; a passage with neither says nothing either way;
- a negated word is contradicted when the passage holds the word but never
  negated, and a word the passage only ever negates is contradicted when the
  sentence states it plainly.

The lists are small and curated, each entry with its reason, rather than a
lexical database: the words of direction form a closed class, and a list the
project reads and tests is one its editors can trust.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import snowballstemmer

from .folding import QUOTED
from .language import get_vocabulary
from .sentences import split_sentences

#: Words of direction: (axis, sign) by word form, with the reason for each group.
DIRECTIONS: dict[str, tuple[str, int]] = {
    # A quantity that goes up or down ("seizures rose over 500%").
    **{
        w: ("amount", +1)
        for w in "rise rises rose risen rising increase increased increases "
        "increasing grow grows grew grown growing climb climbed climbing jump jumped surge surged "
        "surging soar soared soaring spike spiked mount mounting higher highest expand expanded "
        "expanding expands boost boosted boosting".split()
    },
    **{
        w: ("amount", -1)
        for w in "fall falls fell fallen falling decrease decreased decreases "
        "decreasing decline declined declines declining drop dropped dropping shrink shrank "
        "shrinking plunge plunged dip dipped lower lowest reduce reduced reduces reducing "
        "reduction".split()
    },
    # A comparison of how many or how much ("more guns", "fewer arrests"); the
    # qualifiers of a figure ("more than 11,000") are the figure's, not these.
    # Going past a mark ("on track to surpass the 14,100 pounds") or not reaching
    # it ("fall short of", read as one word of direction by _located_directions).
    **{
        w: ("comparison", +1)
        for w in "more greater larger bigger surpass surpassed surpasses surpassing exceed "
        "exceeded exceeds exceeding eclipse eclipsed eclipses outpace outpaced".split()
    },
    **{w: ("comparison", -1) for w in "fewer less smaller".split()},
    # A record is a highest: "a record number of seizures" is not "the lowest number".
    "record": ("extreme", +1),
    "highest": ("extreme", +1),
    "lowest": ("extreme", -1),
    # Something that gets better or worse ("cooperation has deteriorated").
    **{
        w: ("quality", +1)
        for w in "improve improved improves improving improvement strengthen "
        "strengthened strengthening strengthens".split()
    },
    **{
        w: ("quality", -1)
        for w in "deteriorate deteriorated deteriorates deteriorating "
        "deterioration worsen worsened worsening weaken weakened weakening weakens".split()
    },
}
#: Words naming the period a figure or an event spans ("the highest monthly total",
#: "in the first week of the operation"): a sentence must name the period its
#: passage names. "Year" is left to the dates, which the figures check.
PERIODS: dict[str, str] = {
    **dict.fromkeys("minute minutes".split(), "minute"),
    **dict.fromkeys("hour hours hourly".split(), "hour"),
    **dict.fromkeys("day days daily".split(), "day"),
    **dict.fromkeys("week weeks weekly".split(), "week"),
    **dict.fromkeys("month months monthly".split(), "month"),
    **dict.fromkeys("annual annually yearly".split(), "year"),
}
#: The forms of a period that are a rate ("weekly"), and the words before a period
#: that make it one span ("the first week", "per day", "two days"), not a loose
#: time ("early in the month").
_PERIOD_ADJECTIVES = frozenset("hourly daily weekly monthly annual annually yearly".split())
_DEFINITE = frozenset("first second third last past per every each".split())
_COUNTS = frozenset(get_vocabulary("en").units) | frozenset(get_vocabulary("en").teens)
#: Words that negate what follows them.
NEGATIONS = frozenset("not never no none neither nor without cannot".split())
#: Verbs of denial: before "that", they negate the clause they introduce ("deny that
#: it is produced" says it is not), so a "not" inside that clause negates twice.
_DENIALS = frozenset("deny denies denied denying".split())
#: Words after "not" that make it emphasis, not negation: "not just responsible ..., but";
#: "not limited to the United States" says "also beyond it".
_EMPHASIS = frozenset("just only merely simply limited".split())
#: Words about what a text says ("the article does not say", "Not stated"): negating them
#: is the handbook speaking of its sources, not of the world.
REPORTING_WORDS = frozenset(
    """say says said saying state states stated give gives given date dates dated name
    names named report reports reported specify specifies specified mention mentions
    mentioned describe describes described identify identifies identified detail details
    detailed quote quotes quoted""".split()
)
#: Words before a noun: a reporting word after one is the noun ("the state", "a date").
_DETERMINERS = frozenset("the a an this that its his her their our your".split())
#: How many of the sentence's words another source sentence must hold to vouch
#: for a negation the aligned passage lacks.
ELSEWHERE_WORDS = 3
#: How many words after a negation it reaches, within its clause ("none of the drug is produced").
NEGATION_REACH = 5
#: Words, and the punctuation that ends a negation's clause.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’']*|[,.;:!?()\[\]“”\"—–]")
_NOT_CONTENT = get_vocabulary("en").not_distinctive
#: Words compared by their Snowball stem ("produced", "producing": "produc"), finer
#: than the four letters contexts are compared by ("production" stays apart).
_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's Snowball stem, lower case.

    >>> stem("Produced"), stem("producing"), stem("production")
    ('produc', 'produc', 'product')
    """
    return _STEMMER.stemWord(word.lower().replace("’", "'"))


class Contradiction(NamedTuple):
    """A word of the sentence its passage turns round, and how."""

    word: str
    message: str


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words (as written) and clause punctuation of a text, read once."""
    # The same tokens as each one's apostrophes made straight: both are word letters.
    return tuple(_TOKEN.findall(text.replace("’", "'")))


def _lowered_tokens(tokens: Sequence[str]) -> list[str]:
    """Each token in lower case, read once, and "" after the last: what follows it.

    >>> _lowered_tokens(("Seizures", "rose"))
    ['seizures', 'rose', '']
    """
    lowered = list(map(str.lower, tokens))
    lowered.append("")
    return lowered


class _Negations(NamedTuple):
    """The stems of a text's content words, by how a negation reaches them."""

    #: The first content word after each negation: the word it negates.
    negated: frozenset[str]
    #: Every content word a negation reaches, within its clause.
    reached: frozenset[str]
    #: The content words that stand at least once where no negation reaches.
    plain: frozenset[str]
    #: The content words a second negation reaches in the clause of a first
    #: ("none of the drug is not produced"): negated twice over.
    doubled: frozenset[str] = frozenset()


def _negations(tokens: Sequence[str]) -> _Negations:
    """How the negations of a text reach its words ("not just" is emphasis).

    >>> found = _negations(_words("none of the drug is produced in his country, he said"))
    >>> sorted(found.negated), sorted(found.reached), sorted(found.plain)
    (['drug'], ['countri', 'drug', 'produc'], [])
    >>> sorted(_negations(_words("none of the drug is not produced, he said")).doubled)
    ['produc']
    >>> sorted(_negations(_words("neither guns nor drugs")).doubled)
    []

    A verb of denial before "that" negates its clause: "deny that it is not
    produced" negates twice over.

    >>> sorted(_negations(_words("they deny that it is produced")).negated)
    ['produc']
    >>> sorted(_negations(_words("they deny that it is not produced")).doubled)
    ['produc']

    Right after a reporting word, a negation is about what is said ("says
    nothing of the drug"); a word later, about the world ("a drug they say is
    not made here").

    >>> texts = ("they say nothing of the drug", "a drug they say is not made here")
    >>> [sorted(_negations(_words(text)).negated) for text in texts]
    [[], ['made']]
    """
    negated: set[str] = set()
    reached: set[str] = set()
    plain: set[str] = set()
    doubled: set[str] = set()
    reach, first, reporting, double = 0, False, -9, False
    since: list[str] = []  # the words the current negation reached
    lowered = _lowered_tokens(tokens)
    for index, written in enumerate(tokens):
        token = lowered[index]
        if not token[0].isalpha():
            reach, double = 0, False  # a clause ends
            continue
        following = lowered[index + 1]
        negation = token in NEGATIONS or token.endswith("n't")
        if (negation or (token in _DENIALS and following == "that")) and following not in _EMPHASIS:
            # "quotes no one", "says nothing": about what a text says, not the world
            if index - reporting > 1:
                double = reach > 0 and token != "nor"  # "neither ... nor" is one negation
                reach, first, since = NEGATION_REACH, True, []
            continue
        previous = lowered[index - 1] if index else ""
        if token in REPORTING_WORDS and written[0].islower() and previous not in _DETERMINERS:
            # "does not say ...", "neither source says": the negation is the report's
            # (not after a determiner: "made in the state", "a date" are nouns)
            if reach:
                negated.difference_update(since)
                reached.difference_update(since)
            reach, reporting = 0, index
            continue
        if len(token) < 4 or token in _NOT_CONTENT:
            continue
        word = stem(token)
        if reach:
            since.append(word)
            reached.add(word)
            if first:
                negated.add(word)
            if double:
                doubled.add(word)
            reach, first = reach - 1, False
            double = double and reach > 0
        else:
            plain.add(word)
    return _Negations(frozenset(negated), frozenset(reached), frozenset(plain), frozenset(doubled))


#: How many words on each side of a word of direction place it in the passage.
LOCAL_WORDS = 5


def _content_stem(token: str) -> str | None:
    """The stem of a token if it is a content word, else None."""
    if token[0].isalpha() and len(token) >= 4:
        lowered = token.lower()
        if lowered not in _NOT_CONTENT and lowered not in DIRECTIONS:
            return stem(token)
    return None


def _content(tokens: Sequence[str]) -> set[str]:
    """The stems of the content words among some tokens."""
    return {found for found in map(_content_stem, tokens) if found is not None}


@functools.lru_cache(maxsize=4096)
def _text_content(text: str) -> frozenset[str]:
    """The stems of a source text's content words, read once."""
    return frozenset(_content(_words(text)))


@functools.lru_cache(maxsize=4096)
def _text_negations(text: str) -> _Negations:
    """How the negations of a source text reach its words, read once."""
    return _negations(_words(text))


def _located_directions(tokens: Sequence[str]) -> Iterable[tuple[int, tuple[str, str, int]]]:
    """The words of direction among tokens, with their index, qualifiers of figures
    skipped ("more than 11,000") and "fall short" read as not reaching a mark."""
    lowered = _lowered_tokens(tokens)
    for index, token in enumerate(tokens):
        word = lowered[index]
        following = lowered[index + 1]
        if following == "short" and DIRECTIONS.get(word) == ("amount", -1):
            yield index, (f"{token} short", "comparison", -1)
        elif word in DIRECTIONS and not (word in ("more", "less", "fewer") and following == "than"):
            yield index, (token, *DIRECTIONS[word])


def directions(text: str) -> Iterable[tuple[str, str, int]]:
    """The words of direction of a text outside a figure's qualifier: (word, axis, sign).

    >>> list(directions("Seizures rose more than 500% as cooperation deteriorated"))
    [('rose', 'amount', 1), ('deteriorated', 'quality', -1)]
    >>> list(directions("on track to fall short of the 14,100 pounds"))
    [('fall short', 'comparison', -1)]
    """
    for _, direction in _located_directions(_words(text)):
        yield direction


def contradictions(
    sentence: str,
    passage: str,
    elsewhere: Iterable[str] = (),
    pieces: Sequence[str] | None = None,
) -> list[Contradiction]:
    """The words of ``sentence`` (outside its quotations) that ``passage`` turns round.

    ``pieces`` are the passage's sentences, where the caller has them (else the
    passage is split here).

    ``elsewhere`` are other sentences of the cited sources: a word the sentence
    negates is not contradicted if one of them negates it too among the
    sentence's words (the passage it is aligned to may be another).

    >>> contradictions("Seizures fell over 500%", "Seizures rose over 500% between FY 2019-22.")
    [Contradiction(word='fell', message="the sentence says 'fell' where the passage says 'rose'")]
    >>> contradictions("Mexico does produce fentanyl", "“Here, we do not produce fentanyl,” he said.")
    [Contradiction(word='produce', message="the passage negates 'produce'; the sentence does not")]
    >>> contradictions("Cooperation was not strained", "Cooperation was strained.")
    [Contradiction(word='strained', message="the sentence negates 'strained'; the passage does not")]
    >>> contradictions("The highest weekly total of arrests", "The highest monthly total of arrests.")
    [Contradiction(word='weekly', message="the sentence says 'weekly' where the passage says 'monthly'")]

    "The day of" is one span, as "the first day" is: compared even where the
    sentence names the passage's period elsewhere ("the week before").

    >>> contradictions("The administration sanctioned people in the day of its report, and "
    ...                "others the week before", "The administration this week sanctioned 28 "
    ...                "people. Others came the week before.")
    [Contradiction(word='day', message="the sentence says 'day' where the passage says 'week'")]
    """
    said = QUOTED.sub(" ", sentence)
    found: list[Contradiction] = []
    held = list(directions(passage))
    if pieces is None:
        pieces = [passage[a:b] for a, b in split_sentences(passage, hard_breaks=True)]
    tokens = _words(said)
    # Each token's stem if it is a content word (else None), read once.
    stems = [_content_stem(token) for token in tokens]
    whole = {found for found in stems if found is not None}
    # Where each content word stands among the tokens: "near" counts words, not commas.
    content_at = [i for i, found in enumerate(stems) if found is not None]

    def nearest_piece(index: int) -> str:
        """The passage sentence sharing most of the content words around
        ``tokens[index]`` (at least two), the nearest counting most, or ""."""
        place = bisect.bisect_left(content_at, index)
        around = content_at[max(0, place - LOCAL_WORDS) : place + LOCAL_WORDS + 1]
        # Each nearby word weighs by its nearness: "the first day of Operation Blue
        # Lotus" rests on the sentence of "the first week", not of the Operation.
        weights: dict[str, float] = {}
        for i in around:
            # (``around`` holds only content words: the test tells a type checker so)
            if i != index and (word := stems[i]) is not None:
                weights[word] = max(weights.get(word, 0.0), 1 / abs(i - index))
        scored = [
            (len(weights.keys() & held) >= 2, sum(weights[w] for w in weights.keys() & held),
             len(whole & held), piece)
            for piece in pieces
            for held in (_text_content(piece),)
        ]  # fmt: skip
        # A tie on the nearby words goes to the sentence sharing more of the whole.
        enough, _, _, piece = max(scored, key=lambda item: item[:3], default=(False, 0, 0, ""))
        return piece if enough else ""

    for index, (word, axis, sign) in _located_directions(tokens):
        # Compared with the passage sentence that shares most of the words around
        # it, if that sentence speaks of the same axis; else with the passage.
        nearest = [d for d in directions(nearest_piece(index)) if d[1] == axis]
        compared = nearest or held
        same = [w for w, a, s in compared if a == axis and s == sign]
        opposite = [w for w, a, s in compared if a == axis and s != sign]
        if opposite and not same:
            found.append(
                Contradiction(
                    word, f"the sentence says {word!r} where the passage says {opposite[0]!r}"
                )
            )
    own_periods = {PERIODS[t.lower()] for t in tokens if t.lower() in PERIODS}
    for index, token in enumerate(tokens):
        # A period is compared only with the nearest passage sentence ("this week"
        # elsewhere in a passage says nothing of "early in the month"); a loose one
        # only if the sentence names none of its periods ("early in the month, the
        # week of"), a definite one always ("the first day", "two days", "weekly").
        period = PERIODS.get(token.lower())
        if period is None:
            continue
        named = [w for w in _words(nearest_piece(index)) if w.lower() in PERIODS]
        before = tokens[index - 1].lower() if index else ""
        after = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
        # "the week of its explainer" is one span, as "the first week" is
        definite = (
            token.lower() in _PERIOD_ADJECTIVES
            or before in _DEFINITE
            or before in _COUNTS
            or (before == "the" and after == "of")
        )
        theirs = {PERIODS[w.lower()] for w in named}
        if theirs and period not in theirs and (definite or not own_periods & theirs):
            found.append(
                Contradiction(
                    token, f"the sentence says {token!r} where the passage says {named[0]!r}"
                )
            )
    claim_words = _words(said)
    claim = _negations(claim_words)
    held = _text_negations(passage)
    order = {stem(w): w for w in reversed(claim_words) if w[0].isalpha()}
    # Strong evidence either way, one finding each, at the sentence's first such word:
    # the sentence negates a word the passage states and never negates, or states a
    # word the passage negates wherever it stands.
    added = [w for w in order if w in claim.negated and w in held.plain and w not in held.reached]
    # Or negates twice over what the passage negates once ("none of it is not produced").
    twice = [
        w
        for w in order
        if w in claim.doubled & claim.negated and w in held.reached and w not in held.doubled
    ]
    if added or twice:
        content = {stem(w) for w in claim_words if len(w) >= 4 and w.lower() not in _NOT_CONTENT}
        for text in elsewhere:
            negations = _text_negations(text)
            if len(content & (negations.plain | negations.reached)) >= ELSEWHERE_WORDS:
                added = [w for w in added if w not in negations.reached]
                twice = [w for w in twice if w not in negations.doubled]
    added += twice
    dropped = [
        w
        for w in order
        if w in claim.plain and w not in claim.reached and w in held.negated and w not in held.plain
    ]
    if added:
        word = order[added[0]]
        found.append(Contradiction(word, f"the sentence negates {word!r}; the passage does not"))
    if dropped:
        word = order[dropped[0]]
        found.append(Contradiction(word, f"the passage negates {word!r}; the sentence does not"))
    return found
