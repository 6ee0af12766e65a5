"""The corpus: every bibliography entry's verified source, and what the check knows of all.

:func:`load_corpus` verifies the archive (:mod:`.archive`), matches each
bibliography entry to its archived text and date, and reports every problem
at the file and line that causes it. Sources are indexed only when a page
first needs one, from the stored index where there is one (:mod:`.cache`),
so a build that reads one page of a project with a thousand sources indexes
none of the others.

What the check needs of every source at once is small and kept apart: the
names each is attributed by, and which sources each rare word stands in.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from .archive import Problem, path_resolver, verify_archive
from .bibliography import Entry, plain
from .cache import IndexCache, code_digest, digest_of
from .dates import PublicationDate
from .index import Source
from .language import get_vocabulary
from .passages import PASSAGE_SENTENCES
from .speakers import SourceSpeakers, source_speakers, speaker_key
from .words import Words

if TYPE_CHECKING:
    from .names import NameIndex

Table = TypeVar("Table")

#: A word stem in more sources than this says nothing about which one a
#: sentence follows (:attr:`Corpus.distinctive_words`).
RARE_IN_SOURCES = 10


class SourceText(NamedTuple):
    """What a source is indexed from: its verified text, its digest and its date."""

    path: Path
    text: str
    digest: str
    published: PublicationDate


class Sources(Mapping[str, Source]):
    """The usable sources by key, each indexed (or loaded) when first looked up."""

    def __init__(
        self,
        texts: Mapping[str, SourceText],
        cache: IndexCache,
        language: str,
        passage_sentences: int,
    ) -> None:
        self.texts = texts
        self.cache = cache
        self.language = language
        self.passage_sentences = passage_sentences
        self._indexed: dict[str, Source] = {}

    def __getitem__(self, key: str) -> Source:
        if key not in self._indexed:
            found = self.texts[key]
            self._indexed[key] = self.cache.source(
                key,
                found.path,
                found.text,
                found.digest,
                found.published,
                self.language,
                self.passage_sentences,
            )
        return self._indexed[key]

    def __contains__(self, key: object) -> bool:
        return key in self.texts

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, source: Source) -> None:
        """Add an indexed source (for tests and benchmarks that build their own)."""
        self._indexed[source.key] = source
        self.texts = {
            **self.texts,
            source.key: SourceText(source.path, source.text, "", source.published),
        }


@dataclasses.dataclass
class Corpus:
    """The sources by bibliography key, and every problem found loading them."""

    sources: Mapping[str, Source]
    problems: list[Problem]
    #: Keys whose entry exists but whose source could not be used, with why.
    unusable: Mapping[str, str]
    #: The names a sentence attributes a source by ("the Times", "Wayne"), by key,
    #: from each entry's attribution field.
    attributions: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    cache: IndexCache = dataclasses.field(default_factory=lambda: IndexCache(None))
    language: str = "en"
    #: How sentences name the sources themselves (attribution names, outlets,
    #: authors), longest first: not names a passage must hold (:mod:`.names`).
    source_names: tuple[str, ...] = ()

    @functools.cached_property
    def own_names(self) -> tuple[str, ...]:
        """The sources' attribution names and :attr:`source_names`, longest first."""
        names = {n for names in self.attributions.values() for n in names} | set(self.source_names)
        return tuple(sorted(names, key=len, reverse=True))

    @classmethod
    def of(
        cls, sources: list[Source], attributions: Mapping[str, tuple[str, ...]] | None = None
    ) -> Corpus:
        """A corpus of sources indexed in memory (tests, benchmarks)."""
        return cls({s.key: s for s in sources}, [], {}, dict(attributions or {}))

    @functools.cached_property
    def attribution_pattern(self) -> re.Pattern[str] | None:
        """One pattern that finds any source's attribution name in a sentence."""
        names = sorted({n for names in self.attributions.values() for n in names}, key=len)
        if not names:
            return None
        alternatives = "|".join(re.escape(name) for name in reversed(names))
        # A name matches as a name, not as the first word of a longer one: "Smith"
        # is not the Smith of "Smith & Wesson", nor "Times" of "Times Square".
        longer = r"\s*&|\s+(?-i:[A-Z][a-z])"
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)(?!{longer})", re.IGNORECASE)

    def attributed(self, text: str) -> dict[str, str]:
        """The sources ``text`` names, as {key: the name it uses}.

        >>> corpus = Corpus({}, [], {}, {"NYTimes2023ties": ("New York Times", "the Times")})
        >>> corpus.attributed("The Times reports, and so does the Republic.")
        {'NYTimes2023ties': 'The Times'}
        >>> corpus.attributed("Protesters filled Times Square.")
        {}
        """
        if self.attribution_pattern is None:
            return {}
        found: dict[str, str] = {}
        for match in self.attribution_pattern.finditer(text):
            for key, names in self.attributions.items():
                if any(match.group(0).lower() == name.lower() for name in names):
                    found.setdefault(key, match.group(0))
        return found

    @functools.cached_property
    def known_names(self) -> frozenset[str]:
        """The words the sources write as names: capitalized past a sentence's start (folded).

        Read from every source's text, so stored between builds (:meth:`_of_every_text`)."""
        from .names import source_names

        return self._of_every_text(
            "names",
            lambda: frozenset().union(*(source_names(self.text_of(key)) for key in self.sources)),
        )

    @functools.cached_property
    def lower_words(self) -> frozenset[str]:
        """The words the sources write in lower case: common words, not names (stored
        between builds, as :attr:`known_names` is)."""
        from .names import lower_words

        return self._of_every_text(
            "lower",
            lambda: frozenset().union(*(lower_words(self.text_of(key)) for key in self.sources)),
        )

    def name_index(self, key: str) -> NameIndex:
        """The name words of one source's text (:mod:`.names`)."""
        from .names import source_name_index

        return source_name_index(self.text_of(key))

    def speakers(self, key: str) -> SourceSpeakers:
        """Who speaks in one source (:mod:`.speakers`), its own narration credited to
        the outlet its first attribution name gives (else its key)."""
        names = self.attributions.get(key, ())
        return source_speakers(self.text_of(key), names[0] if names else key)

    def speaks_as_outlet(self, key: str, credited: str) -> bool:
        """Whether a name a sentence credits words to is the source itself: one of its
        attribution names ("the Times", or "Wayne" for the author who writes it)."""
        wanted = speaker_key(credited)
        return any(wanted == speaker_key(name) for name in self.attributions.get(key, ()))

    def _unindexed(self, key: str) -> SourceText | Source:
        """What one source's file, text and date are read from without indexing it:
        its archived text while it is not indexed, else its index."""
        sources = self.sources
        if isinstance(sources, Sources) and key not in sources._indexed:
            return sources.texts[key]
        return sources[key]

    def text_of(self, key: str) -> str:
        """One source's archived text, without indexing it."""
        return self._unindexed(key).text

    def stems_of(self, key: str) -> frozenset[str]:
        """The distinctive word stems of one source, without indexing it."""
        found = self._unindexed(key)
        if isinstance(found, Source):
            return found.stems
        return _text_stems(found.text, self.language)

    @functools.cached_property
    def distinctive_words(self) -> Mapping[str, tuple[str, ...]]:
        """The sources each rare word stem occurs in, for words in few sources.

        A stem found in more than :data:`RARE_IN_SOURCES` sources tells no
        source from another and is left out, so looking up a sentence's words
        costs the same however many sources there are. The table is stored
        between builds (:meth:`_of_every_text`).
        """

        def table() -> dict[str, tuple[str, ...]]:
            found: dict[str, list[str]] = defaultdict(list)
            for key in self.sources:
                for word in self.stems_of(key):
                    found[word].append(key)
            return {w: tuple(keys) for w, keys in found.items() if len(keys) <= RARE_IN_SOURCES}

        return self._of_every_text("words", table)

    @functools.cached_property
    def _texts_digest(self) -> str:
        """A digest of every source's key and text, with the language and the check's code."""
        return hashlib.sha256(
            "\0".join(
                [code_digest(), self.language]
                + [f"{key}:{self.stems_key(key)}" for key in sorted(self.sources)]
            ).encode()
        ).hexdigest()

    def _of_every_text(self, name: str, make: Callable[[], Table]) -> Table:
        """A table ``make`` reads from every source's text: stored between builds under
        :attr:`_texts_digest`, so a build that reads one page of a project with a
        thousand sources reads none of their texts for it."""
        stored = self.cache.load(f"{name}-{self._texts_digest}")
        if stored is not None:
            return cast(Table, stored)
        table = make()
        self.cache.store(f"{name}-{self._texts_digest}", table)
        return table

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of everything the check reads of the corpus: each source's key,
        file, text and date, the keys that are unusable and why, the names sources
        are attributed by and the source names (what a page's stored findings are
        looked up by, with its sentences: :meth:`.IndexCache.stored_findings`)."""

        def source(key: str) -> tuple[object, ...]:
            found = self._unindexed(key)
            return key, found.path, self.stems_key(key), found.published

        return digest_of(
            self.language,
            getattr(self.sources, "passage_sentences", None),
            [source(key) for key in sorted(self.sources)],
            self.unusable,
            self.attributions,
            self.source_names,
        )

    def stems_key(self, key: str) -> str:
        """A digest of the text a source's stems are computed from."""
        sources = self.sources
        if isinstance(sources, Sources) and sources.texts[key].digest:
            return sources.texts[key].digest
        return hashlib.sha256(sources[key].text.encode()).hexdigest()


@functools.lru_cache(maxsize=4096)
def _text_stems(text: str, language: str) -> frozenset[str]:
    return Words(text, get_vocabulary(language)).all()


class FieldNames(NamedTuple):
    """The bibliography fields the check reads (``factcheck_*_field``)."""

    file: str = "file"
    date: str = "date"
    attribution: str = "attribution"


def load_corpus(
    manifest: Path,
    entries: Mapping[str, Entry],
    fields: FieldNames | None = None,
    cache: IndexCache | None = None,
    language: str = "en",
    passage_sentences: int = PASSAGE_SENTENCES,
) -> Corpus:
    """Verify the archive and match every bibliography entry to its source.

    An entry's file field is relative to the bibliography file that holds the
    entry; its date field is ISO 8601, as precise as is known.
    """
    fields = fields or FieldNames()
    texts, problems = verify_archive(manifest)
    usable: dict[str, SourceText] = {}
    unusable: dict[str, str] = {}
    altered = {p.message for p in problems if p.location.startswith(f"{manifest}:")}
    resolve = path_resolver()
    for key, entry in entries.items():
        where = entry.location
        name = entry.fields.get(fields.file)
        if not name:
            unusable[key] = f"its bibliography entry has no `{fields.file}` field"
            problems.append(
                Problem(where, f"{key}: no `{fields.file}` field naming its archived source")
            )
            continue
        path = resolve(entry.bibfile.parent / name)
        if path not in texts:
            unusable[key] = f"its archived source {name} is missing, altered or unlisted"
            if not path.exists():
                problems.append(Problem(where, f"{key}: archived source {name} does not exist"))
            elif not any(path.name in message for message in altered):
                problems.append(Problem(where, f"{key}: {name} is not listed in {manifest.name}"))
            continue
        try:
            published = PublicationDate.parse(
                entry.fields.get(fields.date) or entry.fields.get("year", "")
            )
        except ValueError as error:
            unusable[key] = f"its bibliography entry has no valid `{fields.date}`"
            problems.append(Problem(where, f"{key}: `{fields.date}` field: {error}"))
            continue
        usable[key] = SourceText(path, texts[path].text, texts[path].digest, published)
    attributions = {
        key: tuple(
            name.strip() for name in entry.fields[fields.attribution].split(";") if name.strip()
        )
        for key, entry in entries.items()
        if entry.fields.get(fields.attribution)
    }
    cache = cache or IndexCache(None)
    sources = Sources(usable, cache, language, passage_sentences)
    return Corpus(
        sources, problems, unusable, attributions, cache, language, _source_names(entries)
    )


def _source_names(entries: Mapping[str, Entry]) -> tuple[str, ...]:
    """How the bibliography names each source's publisher and authors."""
    names: set[str] = set()
    for entry in entries.values():
        for field in ("organization", "howpublished", "journaltitle", "journal", "publisher",
                      "institution"):  # fmt: skip
            value = plain(entry.fields.get(field, ""))
            names.update(part.strip() for part in re.split(r"[(),]", value) if part.strip())
        for person in entry.persons.get("author", ()):
            full = " ".join([*person.first_names, *person.middle_names, *person.last_names])
            names.update({plain(full), plain(" ".join(person.last_names))})
    names.discard("")
    return tuple(sorted(names))
