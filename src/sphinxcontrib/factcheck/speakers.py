"""Speakers: a quotation must be credited to whoever the source says spoke it.

A verbatim quotation credited to the wrong person ("Sinema said" before
Graham's words) passes a check of the words alone. So each source's speech
tags are read ("..., Graham said", "Sinema said ...", "she said", "told The
Arizona Republic", "the White House said in a statement", "according to X"),
pronouns resolved to the last person named, and every quotation of the source
is given to its speaker, or to the outlet where it is the outlet's narration.
A sentence that credits a quotation to someone ("X said", "according to X",
"X told", "X argued that", "X writes", "in X's words") must credit the
source's speaker; words the source prints as its own narration must not be
credited to a person. A statement reported without quotation marks ("Sinema
said U.S. lawmakers ...") must be credited to the speaker the source's own
tag gives the sentence it rests on ("Ebrard said Mexico will seek ...").

People are compared by surname, with the aliases the sources themselves give
("López Obrador, also known by his initials AMLO"; "Mexican President Andrés
Manuel López Obrador" makes him "the Mexican president"; "Mr. Robinson").
A tag the reader cannot resolve gives no speaker, and no finding: the check
speaks only where the source does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from .sentences import clause_span

#: Verbs that tag speech or writing.
SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|wrote|writes|argued|argues|asked|asks|testified|"
    "explained|explains|noted|notes|stated|states|warned|warns|continued|contends|contended|"
    "stressed|stresses|insisted|insists|acknowledged|acknowledges|declared|declares|"
    "replied|mentioned|mentions|responded|recalled|calls|called"
)
#: Words that make a run of capitalized words an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    """Department House Administration Agency Cartel Congress Center Centre Institute Bureau
    Office Commission Committee Court Government Times News Post Republic Security
    Enforcement Patrol Protection Service Services Ministry Council Senate Party Forces
    Division Group Network Foundation University States Nations Union""".split()
)
_TITLE = (
    r"(?:Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Dr|Mr|Mrs|Ms)\.|President|Secretary|Senator|"
    r"Attorney\s+General|Ambassador|Minister|Administrator|Director|Consul"
)
_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][\w’'.-]*"
#: A person or organisation as a speech tag names it.
_NAMED = (
    rf"(?:(?:the\s+)?(?:[A-Z][\w.]*\s+)?(?:{_TITLE})\s+)?"
    rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}|(?:de|del|la)\b))*"
    r"(?:,\s+[RDI]-[A-Z][\w.-]*,)?"
    # "Vanda Felbab-Brown of the Brookings Institute": the person, not the institute
    rf"(?:\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and))*)?"
)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_GROUP = (
    r"(?:(?:the\s+)?(?:U\.S\.|Mexican|American|Chinese|federal|senior|top|Biden|Several|several)\s+)?"
    r"(?:officials|lawmakers|sources\s+familiar\s+with\s+the\s+negotiations|sources)"
)
_SPEAKER = rf"(?<![\w.’'-])(?P<who>{_PRONOUN}|{_GROUP}|the\s+[A-Z][\w ]*?{_NAME_WORD}|{_NAMED})"
#: A description between a speaker and the verb: ", a senior fellow at the Brookings Institute,".
_APPOSITIVE = r"(?:,\s+[^,“”\"]{2,90}?,)?"
#: A run of two or more names that may be a person ("Kyrsten Sinema").
_PERSON = re.compile(
    rf"(?<![\w.’'-])(?:(?:{_TITLE})\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|(?:de|del|la)\b))+"
)
#: A tag after a quotation: ``,” Graham said`` / ``,” said Graham`` / ``,” she told ...``.
_AFTER = re.compile(
    rf"[\s,.:;]*(?:{_SPEAKER}{_APPOSITIVE}\s+(?:also\s+)?(?:{SPEECH_VERBS})\b"
    rf"|(?:{SPEECH_VERBS})\s+{_SPEAKER.replace('who', 'who2')})"
)
#: A tag before a quotation: ``Graham said: “`` / ``according to Graham, “``.
_BEFORE = re.compile(
    rf"(?:{_SPEAKER}(?:{_APPOSITIVE}|,\s+who)\s+(?:also\s+)?(?:{SPEECH_VERBS})(?:\s+[^“\".]{{0,140}}?)?[,:]?"
    rf"|[Aa]ccording\s+to\s+{_SPEAKER.replace('who', 'who2')},?"
    rf"|[Ii]n\s+{_SPEAKER.replace('who', 'who3')}['’]s?\s+words,?"
    rf"|quotes\s+{_SPEAKER.replace('who', 'who4')}(?:\s+[^“\"]{{0,80}}?)?[,:]?)\s*$"
)
#: A reported statement: ``Sinema said U.S. lawmakers ...`` / ``according to X``.
_REPORTED = re.compile(
    rf"(?:^|[,;]\s+|\bthat\s+){_SPEAKER}{_APPOSITIVE}\s+(?:also\s+)?(?:{SPEECH_VERBS})\b"
    rf"|[Aa]ccording\s+to\s+{_SPEAKER.replace('who', 'who2')}"
)
#: A tag at the end of a reported statement: ``..., U.S. officials said.``
_TAG_AT_END = re.compile(
    rf",\s+{_SPEAKER}{_APPOSITIVE}\s+(?:also\s+)?(?:{SPEECH_VERBS})\b[^,;]{{0,40}}[.!?]?\s*$"
)
_ALIAS = re.compile(
    rf"(?P<name>{_NAMED}),\s+also\s+known\s+(?:as|by\s+(?:his|her|their)\s+initials)\s+"
    rf"(?P<alias>[A-Z][\w.]+)"
)
_TITLED = re.compile(
    rf"\b(?P<adjective>Mexican|U\.S\.|American|Chinese)\s+(?P<title>President|Secretary|"
    rf"Ambassador|Minister)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})*)"
)
#: Words before a run of names that make it a place, not a person ("in Los Angeles").
_PLACE_WORDS = frozenset("in at to from for of near across into on by toward towards".split())
_PARTY = re.compile(r",\s+[RDI]-[A-Z][\w.-]*,")
#: A person and the office an apposition gives them.
_OFFICE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})+),\s+(?:the\s+)?(?P<office>(?:Secretary|Minister|"
    rf"Ambassador|Administrator|Director|Consul|Undersecretary)\s+(?:of|for)\s+[A-Z][\w ]*?)(?=,)"
)
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """The quotations of a paragraph, marks included, as a reader pairs them: a curly
    mark closes its curly opening, a straight one closes at the next mark of either
    kind ("significant ... companies.” opened straight, closed curly). A mark that
    never closes is skipped.

    >>> quotation_spans('He said "it is done.” Then “more.”')
    [(8, 21), (27, 34)]
    """
    spans = []
    position = 0
    while True:
        opening = min(
            (i for i in (text.find("“", position), text.find('"', position)) if i >= 0), default=-1
        )
        if opening < 0:
            return spans
        closes = "”" if text[opening] == "“" else '"”'
        closing = min(
            (i for i in (text.find(c, opening + 1) for c in closes) if i >= 0), default=-1
        )
        if closing < 0:
            position = opening + 1
            continue
        spans.append((opening, closing + 1))
        position = closing + 1


class Speaker(NamedTuple):
    """Who a quotation or statement belongs to: a person, a group, or the outlet."""

    #: How the source names them (its fullest form), or the outlet's name.
    name: str
    #: What two names are compared by: a person's surname, folded; or a group's words.
    key: str
    #: True where the words are the outlet's own narration.
    narration: bool = False


class Quoted(NamedTuple):
    """A quotation of a source and its speaker (None: the tag could not be resolved)."""

    start: int
    end: int
    speaker: Speaker | None


def _fold(word: str) -> str:
    return re.sub(r"[’']s?$", "", word).replace(".", "").lower()


def speaker_key(name: str) -> str:
    """What a name is compared by: a person's surname, a group's or organisation's words.

    >>> speaker_key("Sen. Kyrsten Sinema, I-Ariz."), speaker_key("Mr. López Obrador"), speaker_key("the White House")
    ('sinema', 'obrador', 'white house')
    >>> speaker_key("Secretary of State Antony Blinken"), speaker_key("Vanda Felbab-Brown of the Brookings Institute")
    ('blinken', 'felbab-brown')
    """
    name = re.sub(r",\s+[RDI]-.*$", "", name.strip())
    head, of, tail = name.partition(" of ")
    if of and re.search(rf"(?:{_TITLE})\s*$", head) and tail.split():
        return _fold(tail.split()[-1])  # "Secretary of State Antony Blinken"
    if of:
        name = head  # "Felbab-Brown of the Brookings Institute"
    words = [w for w in re.findall(r"[\w’'.-]+", name) if w.lower() not in ("the", "a", "an")]
    words = [
        w
        for w in words
        if not re.fullmatch(_TITLE, w)
        and not re.fullmatch(r"(?:Sen|Sens|Rep|Gov|Mr|Mrs|Ms|Dr|Gen)\.?", w)
    ]
    if not words:
        return ""
    if any(w in ORGANISATION_WORDS for w in words) or not words[0][:1].isupper():
        return " ".join(_fold(w) for w in words)
    return _fold(words[-1])


class SourceSpeakers:
    """Every quotation of one source text with its speaker, and its aliases."""

    def __init__(self, text: str, outlet: str) -> None:
        self.text = text
        self.outlet = Speaker(outlet, outlet.lower(), narration=True)
        self.aliases: dict[str, str] = dict(source_aliases(text))
        for match in _TITLED.finditer(text):
            alias = f"{match['adjective']} {match['title']}".lower()
            self.aliases[_fold(alias)] = speaker_key(match["name"])
        #: Offices the source gives a person in an apposition ("Marcelo Ebrard,
        #: Secretary of Foreign Relations of Mexico,"), to the person's key.
        self.offices: dict[str, str] = {}
        for match in _OFFICE.finditer(text):
            office = re.sub(r"\s+of\s+(?:Mexico|the\s+United\s+States)$", "", match["office"])
            self.offices[" ".join(_fold(w) for w in office.split())] = speaker_key(match["name"])
        self.quotations = list(self._read())
        #: The people the source quotes, by key.
        self.people = {
            q.speaker.key: q.speaker
            for q in self.quotations
            if q.speaker and not q.speaker.narration and " " not in q.speaker.key
        }

    def _read(self) -> Iterator[Quoted]:
        last_person: Speaker | None = None
        position = 0
        block: Speaker | None = None  # who speaks the paragraph printed as a block
        for paragraph in self.text.split("\n"):
            start_of = position
            position += len(paragraph) + 1
            if not paragraph.strip():
                continue
            if block is not None and not quotation_spans(paragraph):
                # A statement printed as a block, without quotation marks.
                yield Quoted(start_of, start_of + len(paragraph), block)
                block = None
                continue
            block = None
            introduces = re.search(
                rf"{_SPEAKER}{_APPOSITIVE}\s+(?:{SPEECH_VERBS})\b[^“\"]*:\s*$", paragraph
            )
            if introduces:
                block = self._resolve(introduces["who"], last_person)
            previous: Speaker | None = None
            spans = quotation_spans(paragraph)
            speakers: list[Speaker | None] = []
            for start, end in spans:
                after = _AFTER.match(paragraph, end)
                before = _BEFORE.search(paragraph[max(0, start - 160) : start])
                who = None
                if after:
                    who = after["who"] or after["who2"]
                elif before:
                    who = next(
                        g
                        for g in (before["who"], before["who2"], before["who3"], before["who4"])
                        if g
                    )
                # A pronoun means the last person named before it, in this
                # paragraph ("Mr. Robinson acknowledged ... “...,” he said") or before.
                before_quote = self._last_person(paragraph[:start], last_person)
                speaker = self._resolve(who, before_quote) if who else None
                speakers.append(speaker)
                if speaker and not speaker.narration and " " not in speaker.key:
                    last_person = speaker
            # A quotation with no tag of its own continues its paragraph's speaker.
            for index, (start, end) in enumerate(spans):
                speaker = (
                    speakers[index] or previous or next((s for s in speakers[index:] if s), None)
                )
                previous = speakers[index] or previous
                yield Quoted(start_of + start, start_of + end, speaker)
            last_person = self._last_person(paragraph, last_person)

    def _last_person(self, paragraph: str, last: Speaker | None) -> Speaker | None:
        """The last person a paragraph (or its start) names, for the pronouns after it: a speaker of
        reported speech ("Felbab-Brown said ..."), or a run of names that is not a
        place ("in Los Angeles") nor an organisation."""
        said = _QUOTE.sub(lambda m: " " * len(m.group()), paragraph)
        mentions: list[tuple[int, Speaker]] = []
        for match in _REPORTED.finditer(said):
            who = match["who"] or match["who2"]
            speaker = self._resolve(who, last) if who else None
            if speaker and not speaker.narration and " " not in speaker.key:
                mentions.append((match.start(), speaker))
        for match in _PERSON.finditer(said):
            key = speaker_key(match.group())
            before = said[: match.start()].split()[-1:]
            if key and " " not in key and not (before and before[0].lower() in _PLACE_WORDS):
                mentions.append((match.start(), Speaker(match.group(), self.aliases.get(key, key))))
        return max(mentions, key=lambda m: m[0])[1] if mentions else last

    def _resolve(self, who: str, last_person: Speaker | None) -> Speaker | None:
        who = who.strip()
        if re.fullmatch(_PRONOUN, who):
            return last_person
        key = speaker_key(who)
        key = self.aliases.get(key, key)
        return Speaker(who, key) if key else None

    def speaker_of(self, start: int, end: int) -> Speaker | None:
        """The speaker of the source's words at ``start:end``: the quotation they stand
        in, or the outlet if they stand in none."""
        for quoted in self.quotations:
            if quoted.start <= start and end <= quoted.end:
                return quoted.speaker
        return self.outlet

    def reporter_of(self, start: int, end: int) -> Speaker | None:
        """Whose statement the source's sentence at ``start:end`` reports, outside
        quotation marks ("Mr. Robinson said that ...", "In a video, Ebrard said ...",
        "..., U.S. officials said."): the one speaker its tags give, or None where
        it has none, or several, or a pronoun the paragraph does not resolve."""
        said = _QUOTE.sub(lambda m: " " * len(m.group()), self.text[start:end])
        tags = [m["who"] or m["who2"] for m in _REPORTED.finditer(said)]
        tags += [m["who"] for m in _TAG_AT_END.finditer(said)]
        speakers = []
        for who in tags:
            if who is None:
                continue
            speaker = self._resolve(who, self._last_named(start))
            if speaker is None:
                return None
            speakers.append(speaker)
        if len({s.key for s in speakers}) != 1:
            return None
        return speakers[0]  # the first tag's name: the same in every build

    def _last_named(self, start: int) -> Speaker | None:
        """The person a pronoun at ``start`` stands for: the last one named in its
        paragraph before it, or else in the paragraph before; a surname alone
        counts where the source quotes that person ("Sinema had similar
        takeaways ... She told")."""
        people = self.people
        end = start
        for _ in range(2):
            paragraph_start = self.text.rfind("\n", 0, max(0, end - 1)) + 1
            paragraph = self.text[paragraph_start:end]
            mentions = []
            named = self._last_person(paragraph, None)
            if named is not None:
                mentions.append((paragraph.rfind(named.name.split()[-1]), named))
            said = _QUOTE.sub(lambda m: " " * len(m.group()), paragraph)
            for match in re.finditer(_NAME_WORD, said):
                key = _fold(match.group())
                if key in people:
                    mentions.append((match.start(), people[key]))
            if mentions:
                return max(mentions, key=lambda m: m[0])[1]
            if paragraph_start == 0:
                return None
            end = paragraph_start
        return None

    def same(self, credited: str, speaker: Speaker) -> bool:
        """Whether a name a sentence credits is the source's speaker: the same surname
        or group, by the aliases the source gives; a compound surname may be cut
        ("Jorge Mendoza" for "Jorge Mendoza Yescas")."""
        key = speaker_key(credited)
        key = self.aliases.get(key, self.aliases.get(_fold(credited.removeprefix("the ")), key))
        folded = " ".join(_fold(w) for w in credited.split())
        for office, person in self.offices.items():
            if office in folded:  # "Mexico's Secretary of Foreign Relations"
                key = person
        if not key:
            return False
        if key == speaker.key or key in speaker.key.split() or speaker.key in key.split():
            return True
        return key in {_fold(w) for w in re.findall(r"[\w’'.-]+", speaker.name)}


@functools.lru_cache(maxsize=256)
def source_speakers(text: str, outlet: str) -> SourceSpeakers:
    """The speakers of one source's text, read once."""
    return SourceSpeakers(text, outlet)


@functools.lru_cache(maxsize=256)
def source_aliases(text: str) -> dict[str, str]:
    """The other names a source says a person is known by, folded, to the person's key.

    >>> source_aliases("López Obrador, also known by his initials AMLO, snubbed Biden.")
    {'amlo': 'obrador'}
    """
    return {_fold(m["alias"]): speaker_key(m["name"]) for m in _ALIAS.finditer(text)}


def reported_statements(sentence: str) -> list[tuple[str, int, int]]:
    """Whom a sentence credits a statement it reports outside quotation marks to, and
    where the reported words stand (to the end of the clause): one (name, start,
    end) per ``X said ...``; pronouns and statements that quote are left out (the
    speaker of a quotation is checked on its own).

    >>> text = "In a video, Ebrard said Mexico will act; the Times reports more."
    >>> [(who, text[a:b]) for who, a, b in reported_statements(text)]
    [('Ebrard', ' Mexico will act')]
    """
    said = _PARTY.sub(lambda m: " " * len(m.group()), sentence)
    found = []
    for match in _REPORTED.finditer(said):
        who = match["who"]
        if who is None or re.fullmatch(_PRONOUN, who.strip()):
            continue
        end = clause_span(said, match.end(), match.end())[1]
        if _QUOTE.search(said, match.end(), end) or "“" in said[match.end() : end]:
            continue
        found.append((who.strip(), match.end(), end))
    return found


def credited_speaker(sentence: str, start: int, end: int) -> str | None:
    """Whom a sentence credits the quotation at ``start:end`` (its marks included) to.

    >>> text = "Graham said on March 22 that “we're going to take different action”."
    >>> credited_speaker(text, 29, 68)
    'Graham'
    >>> credited_speaker("“It is a shared responsibility,” Ruiz said.", 0, 32)
    'Ruiz'
    >>> credited_speaker("The Times calls it “a step backward”.", 19, 36)
    'The Times'

    """
    # ", R-S.C.," says a party, not who speaks: blank it, keeping offsets
    sentence = _PARTY.sub(lambda m: " " * len(m.group()), sentence)
    after = _AFTER.match(sentence, end)
    if after:
        who = after["who"] or after["who2"]
    else:
        cell = sentence.rfind(" | ", 0, start)  # a tag in another table cell is another claim's
        floor = cell + 3 if cell >= 0 else 0
        before_text = _QUOTE.sub(" ", sentence[max(floor, start - 200) : start])
        before = _BEFORE.search(before_text) or _REPORTED.search(before_text)
        if not before:
            return None
        who = next((g for g in before.groupdict().values() if g), None)
    if who is None or re.fullmatch(_PRONOUN, who.strip()):
        return None
    return who.strip()
