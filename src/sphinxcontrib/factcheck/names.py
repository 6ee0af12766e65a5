"""Names: every proper name a cited sentence uses must stand where its claim does.

A sentence whose figures verify can still name the wrong cartel, country or
department ("the Treasury Department" for "the Justice Department"). Outside
quotation marks, each name word of a cited sentence (a capitalized word past
the start of its sentence or table cell, or a first word the sources write
only as a name) must stand in the passage the sentence is aligned to or
verified against, or near it: the few sentences before it that say whom its
pronouns mean, and the sentences that introduce a person it names (where an
office or an employer is given).

The forms the sources use are allowed: a person's given names where the
passage has the surname and the source the full name ("Kyrsten Sinema" for
"Sinema"); any case ("the Sinaloa cartel" for "the Sinaloa Cartel"); a
possessive; a country's adjective ("Mexican" for "Mexico"); an abbreviation
for the words it stands for and back ("DEA", "Drug Enforcement
Administration"; "U.S.", "United States"). Not checked: the names of the
sources themselves (outlets, authors and attribution names, which
:mod:`.attribution` proves), months and weekdays (proved as figures), titles
("Sen.", "President") and party tags ("R-S.C.").

A name the passage does not hold is reported with where it does stand: in
another passage of a cited source, in a source the sentence does not cite, or
in no source at all. A name it holds must still stand in the role the sources
give it (:mod:`.name_roles`).
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .folding import QUOTED, clean_token, fold
from .furniture import furniture_spans
from .language import Vocabulary, common_words, get_vocabulary
from .name_roles import names_after, names_alone, swapped_names
from .speakers import source_aliases

if TYPE_CHECKING:
    from .corpus import Corpus
    from .index import Source

english = get_vocabulary("en")

#: How many source sentences before a passage may name what its pronouns mean
#: ("She said ...": the name is in an earlier sentence), and after it.
ANTECEDENT_SENTENCES = 3
FOLLOWING_SENTENCES = 1
#: A name this long is also found as the start of a longer word ("congressional").
PREFIX_LETTERS = 6
_TOKEN = re.compile(r"[^\W\d_][\w.’'-]*", re.UNICODE)
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
#: Words and the punctuation that ends a run of names.
_RUN_TOKEN = re.compile(r"[^\W\d_][\w.’'-]*|[,;:()“”\"]", re.UNICODE)
_SMALL_WORDS = frozenset(("of", "and", "the", "for", "on", "de", "del", "la"))
_CELL = " | "


class NameProblem(NamedTuple):
    """A name of the sentence the passage does not hold, and where it does stand."""

    name: str
    #: "elsewhere" (another passage of a cited source), "uncited" (only sources the
    #: sentence does not cite), "nowhere" (no source), "swapped" (the passage gives
    #: another name beside the same words), "alone" (the sources write it only at
    #: the head of a longer name), "after" (the sources write its second word only
    #: after another).
    where: str
    #: The keys of the sources that hold it (for "elsewhere" and "uncited"), the
    #: name the passage gives in its place (for "swapped"), a longer name the
    #: sources write it in (for "alone"), or the word the sources write before its
    #: second word and a name that holds both (for "after").
    keys: tuple[str, ...]


def _without_phrases(text: str, phrases: tuple[str, ...]) -> str:
    """``text`` with each of ``phrases`` (in any case, as whole words) blanked, in turn."""
    lowered = text.lower()
    for phrase, pattern in _phrase_patterns(phrases):
        if phrase in lowered:  # most sentences name no source: no pattern to run
            text = pattern.sub(" ", text)
            lowered = text.lower()
    return text


@functools.lru_cache(maxsize=64)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each phrase in lower case with its compiled pattern, made once for a list."""
    return tuple(
        (phrase.lower(), re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE))
        for phrase in phrases
    )


def name_words(
    text: str,
    known_names: frozenset[str],
    vocabulary: Vocabulary,
    skip: Iterable[str] = (),
    common: Container[str] = frozenset(),
) -> list[str]:
    """The name words of a sentence outside its quotations and the phrases in ``skip``.

    A word past the start of its sentence or cell is a name if capitalized. The first
    word is a name if the sources write it only as one (``known_names``), or, given
    the ``common`` words (the language's word list, and the words the sources and the
    page write in lower case), if it is none of them nor a function word ("Oaxaca
    traces ..." names a place; "Whether ..." does not). With no word list, only the
    first words the sources write as names are names.

    >>> name_words("The Justice Department charged Sinaloa leaders in March.", frozenset(), english)
    ['Justice', 'Department', 'Sinaloa']
    """
    text = _without_phrases(QUOTED.sub(" ", text), tuple(skip))
    calendar = {fold(w) for w in (*vocabulary.months, *vocabulary.weekdays)}
    found = []
    for cell in text.split(_CELL):
        for index, token in enumerate(_TOKEN.findall(cell)):
            for part in _parts(clean_token(token)):
                bare = part.rstrip(".")
                if not bare or not bare[0].isupper() or _PARTY_TAG.match(part):
                    continue
                if any(c.isdigit() for c in part):
                    continue  # "FY2019": a figure's label, proved as a figure
                if bare in vocabulary.titles or fold(part) in calendar:
                    continue
                if (
                    index == 0
                    and fold(part) not in known_names
                    and (
                        not common
                        or fold(part) in common
                        or fold(part) in vocabulary.not_distinctive
                    )
                ):
                    continue  # the sentence's first word: a common word, capitalized
                found.append(part)
    return found


#: A nickname quoted between two name words: one to three capitalized words.
_NICKNAME = re.compile(
    r"(?<=[^\W\d_])\s+[“\"](?P<words>[A-ZÁÉÍÓÚÑ][\w’'-]*(?:\s[A-ZÁÉÍÓÚÑ][\w’'-]*){0,2})[”\"]"
    r"(?=\s+[A-ZÁÉÍÓÚÑ])"
)


def name_pairs(text: str, names: Iterable[str], skip: Iterable[str] = ()) -> list[str]:
    """The name words of a sentence that stand side by side, as written ("Manuel
    López"), outside its quotations and the phrases in ``skip``; ``names`` are its
    name words (:func:`name_words`).

    >>> name_pairs("President Andrés Manuel López Obrador met Biden, Trudeau.",
    ...            ["Andrés", "Manuel", "López", "Obrador", "Biden", "Trudeau"])
    ['Andrés Manuel', 'Manuel López', 'López Obrador']
    >>> name_pairs("Guzmán “the kingpin” Biden", ["Guzmán", "Biden"])
    []

    A nickname quoted inside a name is part of it ("Joaquín “El Chapo” Guzmán").

    >>> name_pairs("Joaquín “El Chapo” Guzmán", ["Joaquín", "Guzmán"])
    ['Joaquín El', 'El Chapo', 'Chapo Guzmán']
    """
    names = set(names)
    for nickname in _NICKNAME.finditer(text):
        names.update(nickname["words"].split())
    text = _NICKNAME.sub(lambda m: f" {m['words']} ", text)
    text = QUOTED.sub(" ; ", text)  # a quotation parts the names around it
    text = _without_phrases(text, tuple(skip))
    pairs = []
    for cell in text.split(_CELL):
        tokens = list(_TOKEN.finditer(cell))
        for one, two in zip(tokens, tokens[1:], strict=False):
            first, second = clean_token(one.group()), clean_token(two.group())
            if (
                first in names
                and second in names
                and not cell[one.end() : two.start()].strip()
                and first == one.group().rstrip("’'")  # no full stop or dash between
            ):
                pairs.append(f"{first} {second}")
    return pairs


def _as_written(run: Sequence[str], nicknames: Mapping[str, str]) -> str:
    """A run of name words as the sentence writes it, a nickname in its quotation marks.

    >>> _as_written(["Alcohol", "El"], {"El": "El Chapo", "Chapo": "El Chapo"})
    'Alcohol “El Chapo”'
    """
    words: list[str] = []
    for word in run:
        nickname = nicknames.get(word)
        if nickname is None:
            words.append(word)
        elif f"“{nickname}”" not in words:
            words.append(f"“{nickname}”")
    return " ".join(words)


def holds_pair(index: NameIndex, pair: str, initials: frozenset[str]) -> bool:
    """Whether a text writes two name words side by side, in any case ("the US
    congress" for "the U.S. Congress") or in a run of names ("Bureau of Alcohol"
    for "Bureau Alcohol"), or the abbreviation of a stretch of the sentence's run
    that holds them."""
    folded = f" {' '.join(fold(w) for w in pair.split())} "
    if folded in index.sequence or folded in index.runs.replace(" | ", "  "):
        return True
    return any(letters in index.abbreviations for letters in initials)


def _parts(token: str) -> list[str]:
    """The names in a hyphenated word ("U.S.-Mexico"), or the word itself ("Felbab-Brown")."""
    if "-" not in token:
        return [token]
    pieces = [p for p in token.split("-") if p]
    if len(pieces) > 1 and all(p[:1].isupper() for p in pieces) and "." not in token:
        return [token]  # a hyphenated name: Felbab-Brown, Sherwood-Randall
    return [p for p in pieces if p[:1].isupper()]


def without_names(text: str, vocabulary: Vocabulary) -> str:
    """The sentence with its capitalized words past the first blanked out: what its
    passage is found by when the names are what is being proved.

    >>> without_names("The Treasury Department revealed charges against Sinaloa leaders.", english)
    'The ________ __________ revealed charges against _______ leaders.'
    """

    def blank(match: re.Match[str]) -> str:
        word = match.group()
        if match.start() == 0 or not word[:1].isupper() or word.rstrip(".") in vocabulary.titles:
            return word
        return "_" * len(word)  # not a space: no new clause breaks ("Advisor ... and")

    return _TOKEN.sub(blank, text)


class _AnyOf:
    """The words of several sets, looked up in each rather than joined (the word
    list alone holds some hundred thousand)."""

    def __init__(self, *sets: frozenset[str]) -> None:
        self.sets = sets

    def __contains__(self, word: object) -> bool:
        return any(word in words for words in self.sets)

    def __bool__(self) -> bool:
        return any(self.sets)


class NameIndex:
    """The name words of a text, folded, and the initials of its runs of names."""

    def __init__(self, text: str) -> None:
        words = [clean_token(w) for w in _TOKEN.findall(text)]
        self.words = frozenset(fold(w) for w in words) | frozenset(
            fold(p) for w in words for p in w.split("-") if p
        )
        self.initials = frozenset(_initials(words))
        #: The abbreviations the text writes ("DEA", "U.S."), folded.
        self.abbreviations = frozenset(
            fold(w) for w in words if len(w.replace(".", "")) >= 2 and w.replace(".", "").isupper()
        )
        #: The runs of names, folded and joined by spaces (" kyrsten sinema ").
        self.runs = " " + " | ".join(" ".join(fold(w) for w in run) for run in _runs(words)) + " "
        #: Every word, folded, in order (" some in the us congress ").
        self.sequence = " " + " ".join(fold(w) for w in words) + " "

    @classmethod
    def joined(cls, parts: Sequence[NameIndex]) -> NameIndex:
        """The index of several texts (sentences) together: no run of names, and
        no two words side by side, across two of them."""
        return _JoinedNameIndex(parts)


class _JoinedNameIndex(NameIndex):
    """:meth:`NameIndex.joined`: each field joined from the parts' when first read
    (most checks of a name read the words alone)."""

    def __init__(self, parts: Sequence[NameIndex]) -> None:  # not NameIndex's: no text
        self.parts = tuple(parts)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(part.words for part in self.parts))

    @functools.cached_property
    def initials(self) -> frozenset[str]:
        return frozenset().union(*(part.initials for part in self.parts))

    @functools.cached_property
    def abbreviations(self) -> frozenset[str]:
        return frozenset().union(*(part.abbreviations for part in self.parts))

    @functools.cached_property
    def runs(self) -> str:
        return " " + " | ".join(r for part in self.parts if (r := part.runs.strip())) + " "

    @functools.cached_property
    def sequence(self) -> str:
        return " " + "  ".join(part.sequence.strip() for part in self.parts) + " "


#: The :class:`NameIndex` of each sentence of a source, made once.
_SENTENCE_INDEXES: weakref.WeakKeyDictionary[Source, dict[int, NameIndex]] = (
    weakref.WeakKeyDictionary()
)


def sentence_name_index(source: Source, index: int) -> NameIndex:
    """The :class:`NameIndex` of one sentence of a source."""
    made = _SENTENCE_INDEXES.setdefault(source, {})
    found = made.get(index)
    if found is None:
        start, end = source.sentences[index]
        found = made[index] = NameIndex(source.text[start:end])
    return found


def _runs(words: Sequence[str]) -> list[list[str]]:
    """The runs of two or more capitalized words, small words inside a run skipped
    ("Bureau of Alcohol, Tobacco, Firearms and Explosives" is one run)."""
    runs: list[list[str]] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word[:1].isupper() and not (not run and word in ("The", "A", "An")):
            run.append(word)
        elif word.lower() in _SMALL_WORDS and run:
            continue
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    return runs


def _initials(words: Sequence[str]) -> Iterable[str]:
    """The initials of every stretch of two or more words of each run of names.

    >>> sorted(_initials("the Drug Enforcement Administration said".split()))
    ['de', 'dea', 'ea']
    """
    for run in _runs(words):
        letters = [w[0].lower() for w in run]
        for first in range(len(letters)):
            for last in range(first + 2, len(letters) + 1):
                yield "".join(letters[first:last])


class _Said:
    """What the sentence says around one name: the runs of names it stands in."""

    def __init__(self, text: str) -> None:
        self.words = [clean_token(w) for w in _TOKEN.findall(QUOTED.sub(" ", text))]
        self.runs = _runs(self.words)
        #: Each run's words folded, read once for every name the sentence uses.
        self.folded_runs = [[fold(w) for w in run] for run in self.runs]
        self._initials: dict[str, frozenset[str]] = {}

    def initials_with(self, name: str) -> frozenset[str]:
        """The initials of the stretches of the runs that hold ``name`` (made once for
        each name: a name is asked for alone and in each pair it stands in).

        >>> sorted(_Said("the Drug Enforcement Administration said").initials_with("Drug"))
        ['de', 'dea']
        """
        folded = fold(name)
        found = self._initials.get(folded)
        if found is None:
            found = self._initials[folded] = self._stretch_initials(folded)
        return found

    def _stretch_initials(self, folded: str) -> frozenset[str]:
        found = set()
        for run, folded_run in zip(self.runs, self.folded_runs, strict=True):
            if folded not in folded_run:
                continue  # no stretch of this run holds the name
            # The first position of the name at or after each word of the run.
            next_held: list[int | None] = [None] * len(run)
            held: int | None = None
            for index in range(len(run) - 1, -1, -1):
                if folded_run[index] == folded:
                    held = index
                next_held[index] = held
            letters = [w[0].lower() for w in run]
            for first, held in enumerate(next_held):
                if held is None:
                    break  # no stretch from here on holds the name
                for last in range(max(first + 2, held + 1), len(run) + 1):
                    found.add("".join(letters[first:last]))
        return frozenset(found)

    def runs_with(self, name: str) -> list[list[str]]:
        folded = fold(name)
        return [
            run
            for run, folded_run in zip(self.runs, self.folded_runs, strict=True)
            if folded in folded_run
        ]


def holds(index: NameIndex, name: str, initials: frozenset[str], vocabulary: Vocabulary) -> bool:
    """Whether a text (its :class:`NameIndex`) holds a name word in a form the sources use:
    the word itself, its country for an adjective, the words an abbreviation stands for,
    or the abbreviation of the words it is part of (``initials``)."""
    folded = fold(name)
    if folded in index.words:
        return True
    if len(folded) >= PREFIX_LETTERS and any(w.startswith(folded) for w in index.words):
        return True  # "Congress" for "congressional", "Republican" for "Republicans"
    country = vocabulary.demonyms.get(re.sub(r"[’']s?$", "", name))
    if country and all(fold(w) in index.words for w in country.split()):
        return True  # "Mexican" for "Mexico"
    if any(
        fold(demonym) in index.words
        for demonym, of in vocabulary.demonyms.items()
        if fold(of) == folded
    ):
        return True  # "Canada" for "the Canadian government"
    bare = re.sub(r"[’']s?$", "", name).replace(".", "")
    if bare.isupper() and len(folded) >= 2 and folded in index.initials:
        return True  # "DEA" for "Drug Enforcement Administration"
    return any(letters in index.abbreviations for letters in initials)  # "Drug ..." for "DEA"


@functools.lru_cache(maxsize=4096)
def source_name_index(text: str) -> NameIndex:
    """The :class:`NameIndex` of a whole source, made once (a sentence's scope is
    joined from its sentences' own, :func:`sentence_name_index`)."""
    return NameIndex(text)


@functools.lru_cache(maxsize=4096)
def source_names(text: str) -> frozenset[str]:
    """The words a source writes only as names: capitalized past the start of a
    sentence outside page furniture, and never in lower case (folded).

    >>> sorted(source_names("The agency said. Officials in Sinaloa met the DEA and the agency."))
    ['dea', 'sinaloa']
    """
    for start, end in reversed(furniture_spans(text)):
        text = text[:start] + text[end:]
    capitalized, lower = set(), set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        tokens = [clean_token(t) for t in _TOKEN.findall(sentence)]
        capitalized.update(fold(t) for t in tokens[1:] if t[:1].isupper())
        lower.update(t for t in tokens if t[:1].islower())
    return frozenset(capitalized - lower)


@functools.lru_cache(maxsize=4096)
def lower_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case.

    >>> sorted(lower_words("Whether Mexico acts, whether it waits"))
    ['acts', 'it', 'waits', 'whether']
    """
    return frozenset(w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if w[0].islower())


def check_names(
    text: str,
    passages: Sequence[tuple[Source, int, int]],
    cited: Sequence[Source],
    corpus: Corpus,
    vocabulary: Vocabulary,
    page_words: frozenset[str] = frozenset(),
) -> list[NameProblem]:
    """The names of ``text`` that its passages (source, first, last sentence) do not hold.

    ``page_words`` are the words its page writes in lower case: with the sources',
    they tell a capitalized first word that is a common word from a name."""
    dictionary = common_words(vocabulary)
    common = _AnyOf(corpus.lower_words, page_words, dictionary) if dictionary else frozenset()
    words = name_words(text, corpus.known_names, vocabulary, corpus.own_names, common)
    if not words:
        return []
    said = _Said(text)
    here = scope_index(passages, text, vocabulary)
    cited_keys = {s.key for s in cited}
    # The other names the cited sources give people, to each person's surname.
    aliases = {alias: fold(key) for s in cited for alias, key in source_aliases(s.text).items()}
    problems: list[NameProblem] = []
    for name in dict.fromkeys(words):
        initials = said.initials_with(name)
        if holds(here, name, initials, vocabulary) or _given_name(name, said, here, cited):
            continue
        if aliases.get(fold(name)) in here.words:
            continue  # "AMLO", where the source says "López Obrador, also known as AMLO"
        elsewhere = tuple(
            s.key for s in cited if holds(source_name_index(s.text), name, initials, vocabulary)
        )
        if elsewhere:
            problems.append(NameProblem(name, "elsewhere", elsewhere))
            continue
        uncited = tuple(
            key
            for key in corpus.sources
            if key not in cited_keys and holds(corpus.name_index(key), name, initials, vocabulary)
        )
        problems.append(NameProblem(name, "uncited" if uncited else "nowhere", uncited))
    # Name words side by side must stand side by side in a source: each can be
    # right alone and the name they make wrong ("Alejandro Blinken"). Failing
    # pairs that share a word are one name ("State Alejandro Blinken").
    reported = {fold(problem.name) for problem in problems}
    failing: list[list[str]] = []
    for pair in dict.fromkeys(name_pairs(text, words, corpus.own_names)):
        first, second = pair.split()
        if reported & {fold(first), fold(second)}:
            continue
        initials = said.initials_with(first) & said.initials_with(second)
        if any(holds_pair(source_name_index(s.text), pair, initials) for s in cited):
            continue
        if failing and failing[-1][-1] == first:
            failing[-1].append(second)
        else:
            failing.append([first, second])
    nicknames = {w: m["words"] for m in _NICKNAME.finditer(text) for w in m["words"].split()}
    for run in failing:
        name = _as_written(run, nicknames)
        pairs = [f"{a} {b}" for a, b in zip(run, run[1:], strict=False)]
        uncited = tuple(
            key
            for key in corpus.sources
            if key not in cited_keys
            and all(holds_pair(corpus.name_index(key), pair, frozenset()) for pair in pairs)
        )
        problems.append(NameProblem(name, "uncited" if uncited else "nowhere", uncited))
    # Where the sentence puts a name against where its sources do (:mod:`.name_roles`).
    reported = {fold(w) for problem in problems for w in problem.name.split()}
    cited_texts = tuple(source.text for source in cited)
    for word, longer in names_alone(text, cited_texts, words, vocabulary, common):
        if fold(word) not in reported:
            problems.append(NameProblem(word, "alone", (longer,)))
            reported.add(fold(word))
    for name, fixed in names_after(text, cited_texts, vocabulary):
        if not reported & {fold(w) for w in name.split()}:
            problems.append(NameProblem(name, "after", fixed))
            reported |= {fold(w) for w in name.split()}
    texts = [source.passage_text(first, last) for source, first, last in passages]
    for name, rival in swapped_names(text, texts, words, vocabulary, aliases, common):
        if not reported & {fold(w) for w in name.split()}:  # one finding a name
            problems.append(NameProblem(name, "swapped", (rival,)))
            reported |= {fold(w) for w in name.split()}
    return problems


def scope(passages: Sequence[tuple[Source, int, int]], text: str, vocabulary: Vocabulary) -> str:
    """The text a sentence's names must stand in: its passages, the sentences just
    before (and after) them, and the sentences that introduce a person both the
    passages and the sentence name. (Not the source's lede: a name it gives is
    the scene of the whole report, but swapped into another sentence it goes
    unnoticed.)"""
    return "\n".join(
        source.passage_text(first, last)
        for source, first, last in _scope_spans(passages, text, vocabulary)
    )


def scope_index(
    passages: Sequence[tuple[Source, int, int]], text: str, vocabulary: Vocabulary
) -> NameIndex:
    """The :class:`NameIndex` of the :func:`scope`, joined from its sentences' own."""
    return _joined_index(_scope_spans(passages, text, vocabulary))


def _joined_index(spans: Iterable[tuple[Source, int, int]]) -> NameIndex:
    # Each sentence once: spans overlap, and a sentence twice adds nothing.
    sentences = dict.fromkeys(
        (source, index) for source, first, last in spans for index in range(first, last + 1)
    )
    return NameIndex.joined([sentence_name_index(source, index) for source, index in sentences])


def _scope_spans(
    passages: Sequence[tuple[Source, int, int]], text: str, vocabulary: Vocabulary
) -> list[tuple[Source, int, int]]:
    """The sentences of the :func:`scope`, as (source, first, last sentence)."""
    said = _Said(text)
    spans = [
        (
            source,
            max(0, first - ANTECEDENT_SENTENCES),
            min(len(source.sentences) - 1, last + FOLLOWING_SENTENCES),
        )
        for source, first, last in passages
    ]
    near = _joined_index(spans)
    named = {fold(w) for w in said.words if w[:1].isupper() and fold(w) in near.words}
    named -= {fold(w) for w in vocabulary.titles}
    countries = _country_words(vocabulary)
    for source in dict.fromkeys(source for source, _, _ in passages):
        first_named = _first_named(source, countries)
        introductions: dict[int, set[str]] = {}
        for person in named & first_named.keys():
            introductions.setdefault(first_named[person], set()).add(person)
        for index, introduced in sorted(introductions.items()):
            # A person's first mention by name (not "the Biden administration")
            # introduces them: office, employer, party, in that sentence or the
            # next two that go on about them ("She's a senior fellow at ...").
            last = index
            while last + 1 < min(len(source.sentences), index + 3):
                start, end = source.sentences[last + 1]
                following = source.text[start:end]
                if not (_PRONOUN_START.match(following) or introduced & _words_of(following)):
                    break
                last += 1
            spans.append((source, index, last))
    return spans


#: Each person a source names, folded, to the sentence that first names them in full.
_FIRST_NAMED: weakref.WeakKeyDictionary[Source, dict[frozenset[str], dict[str, int]]] = (
    weakref.WeakKeyDictionary()
)


def _first_named(source: Source, countries: frozenset[str]) -> dict[str, int]:
    """The sentence (not page furniture) that first names each of a source's people
    in full (:func:`_people_of`), read once."""
    made = _FIRST_NAMED.setdefault(source, {})
    if countries not in made:
        found: dict[str, int] = {}
        for index, (start, end) in enumerate(source.sentences):
            if index not in source.furniture:
                for person in _people_of(source.text[start:end], countries):
                    found.setdefault(person, index)
        made[countries] = found
    return made[countries]


@functools.lru_cache(maxsize=4096)
def _people_of(text: str, countries: frozenset[str]) -> frozenset[str]:
    """The last words of the unbroken runs of names of a text: the surnames it uses
    and the last words of organisations' names, folded; not ``countries`` ("López
    Obrador of Mexico" introduces López Obrador, not Mexico).

    >>> sorted(_people_of("Todd Robinson of Mexico and the Justice Department", frozenset()))
    ['department', 'robinson']
    """
    found: set[str] = set()
    run: list[str] = []
    for token in [*_RUN_TOKEN.findall(text), ""]:
        if token[:1].isupper():
            run.append(clean_token(token))
            if not token.endswith(".") or "." in token.rstrip("."):
                continue  # a run ends at punctuation, but not in "U.S. Border Patrol"
        if len(run) > 1:
            found.add(fold(run[-1]))
        run = []
    return frozenset(found - countries)


@functools.lru_cache(maxsize=16)
def _country_words(vocabulary: Vocabulary) -> frozenset[str]:
    """The words of the countries a vocabulary names, and their adjectives, folded."""
    return frozenset(
        fold(word)
        for demonym, country in vocabulary.demonyms.items()
        for word in (demonym, *country.split())
    )


#: A sentence that goes on about the person the one before introduced.
_PRONOUN_START = re.compile(r"\W*(?:He|She|His|Her|They|Their)\b")


@functools.lru_cache(maxsize=4096)
def _words_of(text: str) -> frozenset[str]:
    return frozenset(fold(clean_token(t)) for t in _TOKEN.findall(text))


def _given_name(name: str, said: _Said, here: NameIndex, cited: Sequence[Source]) -> bool:
    """Whether ``name`` is a given name of a person whose surname the passage holds and
    whose full name, as the sentence writes it, stands in a cited source."""
    for run in said.runs_with(name):
        position = next(i for i, w in enumerate(run) if fold(w) == fold(name))
        tail = [fold(w) for w in run[position:]]
        if len(tail) < 2 or tail[-1] not in here.words:
            continue
        needle = " " + " ".join(tail) + " "
        if any(needle in source_name_index(s.text).runs for s in cited):
            return True
    return False
