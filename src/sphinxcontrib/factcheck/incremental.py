"""Incremental builds that report exactly what a clean build would.

Sphinx re-reads a page when the page changes. The fact check's results also
change when a *source* changes: a bibliography entry (any field: the date
resolves relative time, the attribution names a source, the title is shown
in tooltips), the manifest, or an archived text. So at every build each key's
:class:`KeyState` (a digest of its entry and of its source's verified text)
is compared with the last build's, and the pages whose findings rest on a
changed key are re-read, and no others:

- pages that cite the key (in a sentence or a chart);
- pages that could name it: every word of one of its attribution names, old
  or new, stands in the page's checked sentences;
- pages with a sentence that the key's source could be the one it follows (a
  sentence of dates only, or one its cited passage supports poorly,
  :mod:`.attribution`), where the source holds half its words or more;
- and, always, pages with a failing finding, so that every build reports
  every failure, not only the first after a change.

Pages built from every page's findings (the evidence appendix) are rewritten
whenever what they show changes (:func:`appendix_documents`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .bibliography import Entry
from .corpus import RARE_IN_SOURCES, Corpus
from .domain import DocumentRecord, FactCheckDomain, get_findings


class KeyState(NamedTuple):
    """What one bibliography key's checks rest on."""

    #: A digest of the entry's fields and people and of its source's state.
    digest: str
    #: The names the source is attributed by.
    names: tuple[str, ...]
    #: Whether its source is usable (verified, dated).
    usable: bool


def key_states(corpus: Corpus, entries: Mapping[str, Entry]) -> dict[str, KeyState]:
    """Every key's :class:`KeyState` in this build."""
    states: dict[str, KeyState] = {}
    for key, entry in entries.items():
        usable = key in corpus.sources
        source = corpus.stems_key(key) if usable else corpus.unusable.get(key, "")
        fields = sorted(entry.fields.items())
        people = sorted(
            (role, [str(p) for p in persons]) for role, persons in entry.persons.items()
        )
        digest = hashlib.sha256(repr((fields, people, source)).encode()).hexdigest()
        states[key] = KeyState(digest, corpus.attributions.get(key, ()), usable)
    return states


def _name_words(names: Iterable[str]) -> list[frozenset[str]]:
    import re

    return [frozenset(re.findall(r"\w+", name.lower())) for name in names]


def outdated_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: the pages whose findings rest on what changed since the last build."""
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    corpus = domain.corpus
    if corpus is None:
        return []
    old: dict[str, KeyState] = domain.data["keys"]
    new = key_states(corpus, domain.entries)
    domain.data["keys"] = new
    if not domain.documents:
        return []  # no page was checked before (a first or a fresh build): none to add
    changed_keys = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    names = _name_words(
        name
        for key in changed_keys
        for state in (old.get(key), new.get(key))
        if state
        for name in state.names
    )
    stems = [corpus.stems_of(key) for key in changed_keys if key in corpus.sources]
    usable_changed = {k for k, s in old.items() if s.usable} != {
        k for k, s in new.items() if s.usable
    }
    every_follower = usable_changed and len(corpus.sources) > RARE_IN_SOURCES
    return [
        docname
        for docname, record in domain.documents.items()
        if _affected(record, changed_keys, names, stems, every_follower)
    ]


def _affected(
    record: DocumentRecord,
    changed_keys: set[str],
    names: list[frozenset[str]],
    stems: list[frozenset[str]],
    every_follower: bool,
) -> bool:
    if any(finding.status.failed for finding in record.findings):
        return True
    if record.cited & changed_keys:
        return True
    if any(words and words <= record.words for words in names):
        return True
    if record.followers and every_follower:
        return True
    return any(
        len(sentence & source) * 2 >= len(sentence)
        for sentence in record.followers
        if sentence
        for source in stems
    )


def appendix_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the appendix pages, when what they show has changed."""
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    if not domain.appendix:
        return []
    findings = get_findings(env)
    # Findings hold text, numbers and tuples of them, which JSON writes at once (and
    # anything a handler of factcheck-process-finding put in them, by its repr).
    shown = hashlib.sha256(json.dumps(findings, ensure_ascii=False, default=repr).encode())
    for docname in sorted({finding.docname for finding in findings}):
        title = env.titles.get(docname)
        shown.update(f"{docname}\0{title.astext() if title is not None else ''}\0".encode())
    for key, state in sorted(domain.data["keys"].items()):
        shown.update(f"{key}{state.digest}".encode())
    digest = shown.hexdigest()
    if digest == domain.data["appendix_digest"]:
        return []
    domain.data["appendix_digest"] = digest
    return sorted(domain.appendix)
