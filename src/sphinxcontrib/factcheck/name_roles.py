"""Roles: a name must stand where its sources put it, not only somewhere in them.

:mod:`.names` proves that each name of a sentence stands in the passage its
claim rests on. A name can stand there in another role: "raw materials sent
from Guatemala" where the passage sends them from China and names Guatemala
for something else. So a run of names (:func:`_name_positions`) is also read
with the words beside it, and fails

- where the passage gives another name beside the same words
  (:func:`swapped_names`: "the Treasury Department revealed charges" where the
  Justice Department did);
- alone, where the cited sources write it only at the head of a person's longer
  name (:func:`names_alone`: "Andrés" of "Andrés Manuel López Obrador");
- after another word than the one the sources always write before it
  (:func:`names_after`: "Manuel" only after "Andrés").

The forms the sources use still pass: a pronoun, an abbreviation, a person's
other name, a country's adjective before a noun, names listed together, a
word without its accents.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from .folding import QUOTED, fold
from .language import Vocabulary, get_vocabulary
from .speakers import ORGANISATION_WORDS

english = get_vocabulary("en")
#: No other names for anyone (a read-only default).
_NO_ALIASES: Mapping[str, str] = MappingProxyType({})


def names_alone(
    text: str,
    cited_texts: tuple[str, ...],
    words: Sequence[str],
    vocabulary: Vocabulary,
    common: Container[str] = frozenset(),
) -> list[tuple[str, str]]:
    """The name words of ``text`` (among ``words``) that stand alone where the cited
    sources write them only at the head of a longer name: (word, that name). A
    common word after an article is not one: a short form ("the House", "a House
    hearing", "the Treasury"); without one, it stands for no name ("Whether
    Advisory will cooperate", where the source writes "Advisory Board").

    >>> names_alone("Andrés spoke.", ("Andrés Manuel López Obrador spoke.",), ["Andrés"], english)
    [('Andrés', 'Andrés Manuel López Obrador')]
    >>> [names_alone(text, ("The Advisory Board met.",), ["Advisory"], english, {"advisory"})
    ...  for text in ("Whether Advisory will act.", "The Advisory met.")]
    [[('Advisory', 'Advisory Board')], []]
    """
    heads = _heads_only(cited_texts, vocabulary)
    articles = {*vocabulary.articles, *vocabulary.definite_articles}
    found = []
    for position in _said_positions(text, vocabulary):
        word = position.run[0]
        if len(position.run) == 1 and word in words and fold(word) in heads:
            if fold(word) not in common or not _after_article(text, word, articles):
                found.append((word, heads[fold(word)]))
    return found


def _after_article(text: str, word: str, articles: Container[str]) -> bool:
    """Whether ``word`` stands right after an article somewhere in ``text``."""
    for match in re.finditer(rf"(\w+)\s+{re.escape(word)}(?!\w)", text):
        if match[1].lower() in articles:
            return True
    return False


def names_after(
    text: str, cited_texts: tuple[str, ...], vocabulary: Vocabulary
) -> list[tuple[str, tuple[str, str]]]:
    """The pairs of name words of ``text`` whose second the cited sources write only
    after another word: ("Affairs Manuel", (the word they write before it, a name
    that holds both)). Not after a title, nor an organisation's word ("AL DÍA
    News" where a source names NBC News: another outlet).

    >>> names_after("Affairs Manuel López met.", ("Andrés Manuel López spoke.",), english)
    [('Affairs Manuel', ('andrés', 'Andrés Manuel'))]
    """
    after = _fixed_predecessors(cited_texts, vocabulary)
    titles = {fold(t) for t in vocabulary.titles}
    found = []
    for position in _said_positions(text, vocabulary):
        for before, word in zip(position.run, position.run[1:], strict=False):
            fixed = after.get(fold(word))
            if fixed is None or fold(before) in titles or fold(before) == fixed[0]:
                continue
            if word not in ORGANISATION_WORDS:
                found.append((f"{before} {word}", fixed))
    return found


@functools.lru_cache(maxsize=256)
def _heads_only(texts: tuple[str, ...], vocabulary: Vocabulary) -> dict[str, str]:
    """The name words that ``texts`` write only before another name word, never
    alone nor last ("Andrés" of "Andrés Manuel López Obrador"), folded, each with
    the first longer name that holds it.

    >>> _heads_only(("Sen. Kyrsten Sinema spoke. Sinema left the Justice Department.",), english)
    {'kyrsten': 'Kyrsten Sinema'}
    """
    heads: dict[str, str] = {}
    ends: set[str] = set()
    for text in texts:
        for position in _name_positions(text, vocabulary):
            ends.add(fold(position.run[-1]))
            if position.run[-1] in ORGANISATION_WORDS:
                continue  # "the Biden administration": Biden may stand alone
            for word in position.run[:-1]:
                heads.setdefault(fold(word), " ".join(position.run))
    return {word: name for word, name in heads.items() if word not in ends}


@functools.lru_cache(maxsize=256)
def _fixed_predecessors(
    texts: tuple[str, ...], vocabulary: Vocabulary
) -> dict[str, tuple[str, str]]:
    """The name words that ``texts`` write only right after one other name word
    (not a title), never first nor alone, folded: each with that word and the
    first name that holds both.

    >>> text = "President Andrés Manuel López Obrador spoke. López Obrador left."
    >>> _fixed_predecessors((text,), english)
    {'manuel': ('andrés', 'Andrés Manuel'), 'obrador': ('lópez', 'López Obrador')}
    """
    titles = {fold(t) for t in vocabulary.titles}
    before: dict[str, set[str]] = {}
    examples: dict[str, str] = {}
    starts: set[str] = set()
    for text in texts:
        for position in _name_positions(text, vocabulary):
            run = list(position.run)
            while run and fold(run[0]) in titles:
                run = run[1:]
            if run:
                starts.add(fold(run[0]))
            for first, second in zip(run, run[1:], strict=False):
                before.setdefault(fold(second), set()).add(fold(first))
                examples.setdefault(fold(second), f"{first} {second}")
    return {
        word: (next(iter(found)), examples[word])
        for word, found in before.items()
        if len(found) == 1 and word not in starts
    }


#: Words, figures and each mark of punctuation, for reading what stands beside a name.
_CONTEXT_TOKEN = re.compile(r"[^\W\d_][\w.’'-]*|\d[\d,.]*|[^\w\s]", re.UNICODE)


@functools.lru_cache(maxsize=16)
def _not_names(vocabulary: Vocabulary) -> frozenset[str]:
    """Capitalized words that are no names: a sentence's first word, a pronoun."""
    return (
        vocabulary.not_distinctive
        | vocabulary.function_words
        | vocabulary.pronouns
        | vocabulary.auxiliaries
        | vocabulary.conjunctions
    )


class _NamePosition(NamedTuple):
    """A run of names in a text and the three tokens on each side of it, nearest
    first."""

    run: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    #: Runs listed together (by commas, "and", "or") share a group.
    group: int = 0


def _said_positions(text: str, vocabulary: Vocabulary) -> tuple[_NamePosition, ...]:
    """The runs of names a sentence uses itself, outside its quotations."""
    return _name_positions(QUOTED.sub(" | ", text), vocabulary)


@functools.lru_cache(maxsize=4096)
def _name_positions(text: str, vocabulary: Vocabulary) -> tuple[_NamePosition, ...]:
    """Each run of capitalized words of a text (an article, a pronoun or another
    sentence-initial word before it left out), with the three tokens before it
    (past an article) and the three after it, nearest first, the vocabulary's
    auxiliaries and "also" passed over, and the group of names it is listed with.

    >>> found = _name_positions("He met the U.S. envoy and Mexico, then left.", english)
    >>> [(" ".join(p.run), p.before, p.after, p.group) for p in found]
    [('U.S.', ('met', 'He'), ('envoy', 'and', 'Mexico'), 1), ('Mexico', ('and', 'envoy', 'U.S.'), (',', 'left', '.'), 2)]
    """
    tokens: list[str] = []
    for token in _CONTEXT_TOKEN.findall(text):
        if token.endswith(".") and len(token) > 1 and "." not in token[:-1]:
            tokens += [token[:-1], "."]  # a sentence's end, not an abbreviation's dots
        else:
            tokens.append(token)
    not_names, passed = _not_names(vocabulary), vocabulary.auxiliaries
    listing = vocabulary.list_joiners | {","}
    articles = {*vocabulary.articles, *vocabulary.definite_articles}
    found: list[_NamePosition] = []
    index, previous_end, group = 0, -1, 0
    while index < len(tokens):
        if not tokens[index][:1].isupper():
            index += 1
            continue
        start = index
        while index < len(tokens) and tokens[index][:1].isupper():
            index += 1
        run = tokens[start:index]
        while run and run[0].lower() in not_names:
            run, start = run[1:], start + 1
        if not run:
            continue
        left = start - 1 if start and tokens[start - 1].lower() in articles else start
        # Names listed together ("Afghanistan, Argentina, and Mexico") share a role.
        if not (found and all(t.lower() in listing for t in tokens[previous_end:left])):
            group += 1
        previous_end = index
        before = [t for t in tokens[max(0, left - 6) : left] if t.lower() not in passed]
        after = [t for t in tokens[index : index + 6] if t.lower() not in passed]
        found.append(
            _NamePosition(tuple(run), tuple(reversed(before[-3:])), tuple(after[:3]), group)
        )
    return tuple(found)


def _telling(
    nearest: tuple[str, ...],
    vocabulary: Vocabulary,
    common: Container[str],
    sizes: tuple[int, ...] = (2, 3),
) -> tuple[str, ...] | None:
    """The words beside a name that say what it does, lower case, nearest first: the
    two nearest, or three if the two are words of no content ("end up in"), all of
    them words (a capitalized one only if it is a common word: "Killings in") and
    one a content word ("revealed charges", "sent from"; not "of the")."""
    for size in sizes:
        words = nearest[:size]
        if len(words) < size or not all(
            w.isalpha() and (w[:1].islower() or w.lower() in common) for w in words
        ):
            return None
        if any(len(w) >= 3 and w.lower() not in _not_names(vocabulary) for w in words):
            return tuple(w.lower() for w in words)
    return None


def _same_name(
    ours: tuple[str, ...],
    theirs: tuple[str, ...],
    vocabulary: Vocabulary,
    aliases: Mapping[str, str] = _NO_ALIASES,
) -> bool:
    """Whether two runs of names may name one thing: the words of one among the
    other's ("Biden", "President Joe Biden"; not "Treasury Department", "Justice
    Department"; accents aside, hyphens apart), an abbreviation and the words it
    stands for ("DEA", "U.S. Drug Enforcement Administration"; "CBP", "Border
    Protection"), or a name the source gives a person and the person's
    (``aliases``: "AMLO", "López Obrador").

    >>> _same_name(("CBP",), ("Border", "Protection"), english)
    True
    """
    titles = _plain_titles(vocabulary)
    mine = {w for word in ours for w in _plain(word).split("-") if w} - titles
    other = {w for word in theirs for w in _plain(word).split("-") if w} - titles
    mine |= {_plain(aliases[w]) for w in mine if w in aliases}
    if mine <= other or other <= mine or mine & other & {_plain(a) for a in aliases.values()}:
        return True
    for words, letters in ((mine, _letters(theirs)), (other, _letters(ours))):
        if any(len(w) >= 2 and len(letters) >= 2 and (w in letters or letters in w) for w in words):
            return True
    return False


def _letters(run: tuple[str, ...]) -> str:
    return "".join(_plain(w)[:1] for w in run)


def _is_demonym(run: tuple[str, ...], vocabulary: Vocabulary) -> bool:
    """Whether a run is a country's adjective ("Mexican", not "Mexicans"): it says
    what the next word is, where a name says who ("the Mexican border state of
    Tamaulipas")."""
    word = re.sub(r"[’']s?$", "", run[0])
    return len(run) == 1 and word in vocabulary.demonyms and not word.endswith("s")


@functools.lru_cache(maxsize=16)
def _plain_titles(vocabulary: Vocabulary) -> frozenset[str]:
    return frozenset(_plain(title) for title in vocabulary.titles)


@functools.lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """A name word folded and without accents ("López", "Lopez": "lopez")."""
    decomposed = unicodedata.normalize("NFKD", fold(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _lowered(position: _NamePosition) -> dict[str, tuple[str, ...]]:
    """The words before and after a run of names, lower case, made once."""
    return {
        "before": tuple(w.lower() for w in position.before),
        "after": tuple(w.lower() for w in position.after),
    }


def swapped_names(
    text: str,
    passages: Iterable[str],
    words: Sequence[str],
    vocabulary: Vocabulary,
    aliases: Mapping[str, str] = _NO_ALIASES,
    common: Container[str] = frozenset(),
) -> list[tuple[str, str]]:
    """The runs of names of ``text`` where its passages give another name, beside the
    same words: (the sentence's name, the passage's). A name can stand in a passage
    in another role ("from raw materials sent from Guatemala" where the passage
    sends them from China and names Guatemala elsewhere). ``aliases`` are the
    other names the sources give people (:func:`.speakers.source_aliases`);
    ``common``, the words of the language (a table cell's "Killings in").

    >>> passage = "The Justice Department revealed charges. Sanctions hit firms in Guatemala."
    >>> swapped_names("The Treasury Department revealed charges against Guatemala's firms.",
    ...               [passage], ["Treasury", "Department", "Guatemala"], english)
    [('Treasury Department', 'Justice Department')]
    """
    checked = {fold(w) for w in words}
    ours = [p for p in _said_positions(text, vocabulary) if checked & {fold(w) for w in p.run}]
    if not ours:
        return []
    theirs = [
        (number, position, _lowered(position))
        for number, passage in enumerate(dict.fromkeys(passages))
        for position in _name_positions(passage, vocabulary)
    ]
    named = {fold(w) for position in _name_positions(text, vocabulary) for w in position.run}
    found = []
    for position in ours:
        for side in ("before", "after"):
            # Three words only before a name ("end up in"): after it, the third
            # reaches into what the name did ("for their alleged roles").
            sizes = (2, 3) if side == "before" else (2,)
            context = _telling(getattr(position, side), vocabulary, common, sizes)
            if context is None:
                continue
            size = len(context)
            groups = {
                (number, p.group)
                for number, p, lowered in theirs
                if lowered[side][:size] == context
            }
            there = [p.run for number, p, _ in theirs if (number, p.group) in groups]
            if not there or any(
                _same_name(position.run, run, vocabulary, aliases) for run in there
            ):
                continue
            mine = {fold(w) for w in position.run}
            # A country's adjective before the words a name stands before says what
            # they are, not who ("crossing into the Mexican state of Tamaulipas");
            # after them, it is in the name's role ("the Canadian government joined").
            rivals = [
                run
                for run in there
                if not named & ({fold(w) for w in run} - mine)
                and not (
                    side == "before"
                    and _is_demonym(run, vocabulary)
                    and not _is_demonym(position.run, vocabulary)
                )
            ]
            if rivals:
                found.append((" ".join(position.run), " ".join(rivals[0])))
                break
    return found
