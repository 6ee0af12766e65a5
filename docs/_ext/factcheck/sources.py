"""The archive of source texts: the manifest, its hashes, and each text indexed.

``sources/SHA256SUMS`` lists every archived text with its SHA-256, in the
format of ``sha256sum``. Every build verifies it: a text that is missing, not
UTF-8, or altered is a problem naming the file and the manifest's line, and a
bibliography entry whose ``file`` is not in the manifest is a problem naming
the key. The fact check reads only verified texts.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from .figures import Figure, PublicationDate, extract_figures, stem, word_stems
from .quotations import PASSAGE_SENTENCES, Passages
from .sentences import split_sentences

_MANIFEST_LINE = re.compile(r"(?P<digest>[0-9a-f]{64}) [ *](?P<name>\S.*)")


class Problem(NamedTuple):
    """Something wrong with the archive: where (``file:line``) and what."""

    location: str
    message: str


class ManifestEntry(NamedTuple):
    path: Path
    digest: str
    line: int


def read_manifest(manifest: Path) -> tuple[dict[Path, ManifestEntry], list[Problem]]:
    """Read a ``sha256sum`` manifest; paths in it are relative to its folder.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "SHA256SUMS").write_text("not a hash line\\n")
    >>> read_manifest(folder / "SHA256SUMS")[1][0].message
    'malformed manifest line (expected "<sha256>  <file name>")'
    """
    entries: dict[Path, ManifestEntry] = {}
    problems: list[Problem] = []
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(str(manifest), f"cannot read the source manifest: {error}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _MANIFEST_LINE.fullmatch(line.strip())
        if not match:
            problems.append(
                Problem(
                    f"{manifest}:{number}",
                    'malformed manifest line (expected "<sha256>  <file name>")',
                )
            )
            continue
        path = (manifest.parent / match["name"]).resolve()
        entries[path] = ManifestEntry(path, match["digest"], number)
    return entries, problems


def verify_archive(manifest: Path) -> tuple[dict[Path, str], list[Problem]]:
    """Check every text in the manifest; return the verified texts and the problems."""
    entries, problems = read_manifest(manifest)
    texts: dict[Path, str] = {}
    for entry in entries.values():
        where = f"{manifest}:{entry.line}"
        try:
            data = entry.path.read_bytes()
        except OSError:
            problems.append(Problem(where, f"archived source {entry.path.name} is missing"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.digest:
            problems.append(
                Problem(
                    where,
                    f"archived source {entry.path.name} has been altered "
                    f"(SHA-256 {digest[:12]}…, manifest says {entry.digest[:12]}…)",
                )
            )
            continue
        try:
            texts[entry.path] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    where, f"archived source {entry.path.name} is not UTF-8 (byte {error.start})"
                )
            )
    listed = set(entries)
    for path in sorted(manifest.parent.glob("*.txt")):
        if path.resolve() not in listed:
            problems.append(
                Problem(
                    str(path),
                    f"{path.name} is in {manifest.parent.name}/ but not listed in {manifest.name}",
                )
            )
    return texts, problems


class Occurrence(NamedTuple):
    """A figure in a source, with the sentence it stands in."""

    sentence: int
    figure: Figure


class Source:
    """One archived text, split into sentences and indexed by its figures."""

    def __init__(self, key: str, path: Path, text: str, published: PublicationDate) -> None:
        self.key = key
        self.path = path
        self.text = text
        self.published = published
        self.sentences = split_sentences(text, hard_breaks=True)
        self._starts = [start for start, _ in self.sentences]
        self.passages = Passages(text)
        self.figures: dict[tuple[object, object], list[Occurrence]] = defaultdict(list)
        sentence_words = [word_stems(text[s:e]) for s, e in self.sentences]
        #: The figures of each sentence, in order.
        self.sentence_figures: list[list[Figure]] = [[] for _ in self.sentences]
        #: The figures that count each thing ("representatives"), with their sentence.
        self.unit_figures: dict[str, list[tuple[int, Figure]]] = defaultdict(list)
        for figure in extract_figures(text, published):
            # A source figure's context: the words near it and its whole sentence.
            sentence = self.sentence_at(figure.start)
            figure = figure._replace(context=figure.near | sentence_words[sentence])
            self.figures[figure.key].append(Occurrence(sentence, figure))
            self.sentence_figures[sentence].append(figure)
            if figure.unit:
                self.unit_figures[figure.unit].append((sentence, figure))
        #: Word stems too frequent in this source to tell one context from another.
        self.common = _common_stems(text, self.sentences)

    @functools.cached_property
    def stems(self) -> frozenset[str]:
        """The stems of the distinctive words of the whole text."""
        return word_stems(self.text)

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def passage(self, first: int, last: int | None = None) -> tuple[int, int]:
        """The character span of sentences ``first`` to ``last`` (inclusive)."""
        last = first if last is None else last
        last = min(last, len(self.sentences) - 1)
        return self.sentences[first][0], self.sentences[last][1]

    def window(self, sentence: int) -> range:
        """The sentences that may share a passage with ``sentence``."""
        return range(
            max(0, sentence - PASSAGE_SENTENCES + 1),
            min(len(self.sentences), sentence + PASSAGE_SENTENCES),
        )


def _common_stems(text: str, sentences: list[tuple[int, int]]) -> frozenset[str]:
    """Stems found in more than a quarter of a source's sentences."""
    counts: dict[str, int] = defaultdict(int)
    for start, end in sentences:
        for word in {stem(w) for w in text[start:end].split()}:
            counts[word] += 1
    threshold = max(2, len(sentences) // 4)
    return frozenset(word for word, count in counts.items() if count > threshold)


#: A word stem in more sources than this says nothing about which one a
#: sentence follows (:attr:`Corpus.distinctive_words`).
RARE_IN_SOURCES = 10


@dataclasses.dataclass
class Corpus:
    """The sources by bibliography key, and every problem found loading them."""

    sources: Mapping[str, Source]
    problems: list[Problem]
    #: Keys whose entry exists but whose source could not be used, with why.
    unusable: Mapping[str, str]
    #: The names a sentence attributes a source by ("the Times", "Wayne"), by key,
    #: from each entry's ``attribution`` field.
    attributions: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def attribution_pattern(self) -> re.Pattern[str] | None:
        """One pattern that finds any source's attribution name in a sentence."""
        names = sorted({n for names in self.attributions.values() for n in names}, key=len)
        if not names:
            return None
        alternatives = "|".join(re.escape(name) for name in reversed(names))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    @functools.cached_property
    def distinctive_words(self) -> Mapping[str, tuple[str, ...]]:
        """The sources each rare word stem occurs in, for words in few sources.

        A stem found in more than :data:`RARE_IN_SOURCES` sources tells no
        source from another and is left out, so looking up a sentence's words
        costs the same however many sources there are.
        """
        found: dict[str, list[str]] = defaultdict(list)
        for key, source in self.sources.items():
            for word in source.stems:
                found[word].append(key)
        return {word: tuple(keys) for word, keys in found.items() if len(keys) <= RARE_IN_SOURCES}

    def attributed(self, text: str) -> dict[str, str]:
        """The sources ``text`` names, as {key: the name it uses}.

        >>> corpus = Corpus({}, [], {}, {"NYTimes2023ties": ("New York Times", "the Times")})
        >>> corpus.attributed("The Times reports, and so does the Republic.")
        {'NYTimes2023ties': 'The Times'}
        """
        if self.attribution_pattern is None:
            return {}
        found: dict[str, str] = {}
        for match in self.attribution_pattern.finditer(text):
            for key, names in self.attributions.items():
                if any(match.group(0).lower() == name.lower() for name in names):
                    found.setdefault(key, match.group(0))
        return found


def load_corpus(
    manifest: Path, bibfile: Path, entries: Iterable[tuple[str, Mapping[str, str]]]
) -> Corpus:
    """Verify the archive and index the source of every bibliography entry.

    ``entries`` are ``(key, fields)`` pairs as pybtex parsed them; ``file`` is
    relative to ``bibfile``'s folder and ``date`` is ISO 8601.
    """
    texts, problems = verify_archive(manifest)
    bib_lines = _entry_lines(bibfile)
    sources: dict[str, Source] = {}
    unusable: dict[str, str] = {}
    entries_seen = list(entries)
    for key, fields in entries_seen:
        where = f"{bibfile}:{bib_lines.get(key, 1)}"
        if "file" not in fields:
            unusable[key] = "its bibliography entry has no `file` field"
            problems.append(Problem(where, f"{key}: no `file` field naming its archived source"))
            continue
        path = (bibfile.parent / fields["file"]).resolve()
        if path not in texts:
            unusable[key] = f"its archived source {fields['file']} is missing, altered or unlisted"
            if not path.exists():
                problems.append(
                    Problem(where, f"{key}: archived source {fields['file']} does not exist")
                )
            elif all(
                p.location.split(":")[0] != str(manifest) or path.name not in p.message
                for p in problems
            ):
                problems.append(
                    Problem(where, f"{key}: {fields['file']} is not listed in {manifest.name}")
                )
            continue
        try:
            published = PublicationDate.parse(fields.get("date", fields.get("year", "")))
        except ValueError as error:
            unusable[key] = "its bibliography entry has no valid `date`"
            problems.append(Problem(where, f"{key}: `date` field: {error}"))
            continue
        sources[key] = Source(key, path, texts[path], published)
    attributions = {
        key: tuple(name.strip() for name in fields["attribution"].split(";") if name.strip())
        for key, fields in entries_seen
        if fields.get("attribution")
    }
    return Corpus(sources, problems, unusable, attributions)


def _entry_lines(bibfile: Path) -> dict[str, int]:
    """The line on which each entry of a BibTeX file starts, by key."""
    try:
        text = bibfile.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {
        match["key"]: text.count("\n", 0, match.start()) + 1
        for match in re.finditer(r"^\s*@\w+\s*\{\s*(?P<key>[^,\s]+)\s*,", text, re.MULTILINE)
    }
