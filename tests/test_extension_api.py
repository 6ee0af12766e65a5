"""The extension's public API: its version, the getters other code uses instead of
private state, the event a project adjusts findings with, and no side effect
beyond the Sphinx application it runs in."""

from __future__ import annotations

import gc
import importlib.metadata
import os
from collections.abc import Callable

from sphinxcontrib import factcheck
from sphinxcontrib.factcheck import Status, get_corpus, get_findings
from sphinxcontrib.factcheck.domain import FactCheckDomain
from tests.conftest import RootProject

HANDLER = '''
from sphinxcontrib.factcheck import Status


def downgrade(app, finding):
    """A project's own policy: a figure its editors accept as an estimate."""
    if finding.text == "4,300":
        return finding._replace(status=Status.OWN_FIGURE, message="accepted: an estimate")
    return None


def setup(app):
    app.connect("factcheck-process-finding", downgrade)
'''


def test_the_version_comes_from_the_package_metadata():
    assert factcheck.__version__ == importlib.metadata.version("sphinxcontrib-factcheck")


def test_findings_and_corpus_through_the_public_getters(project: Callable[..., RootProject]):
    result = project("incremental").build()
    env = result.app.env
    everything = get_findings(env)
    assert everything == sorted(everything, key=lambda f: (f.docname, f.line, f.kind, f.text))
    assert {f.docname for f in everything} == {"seizures", "trade", "accord"}
    trade = get_findings(env, "trade")
    assert [f.text for f in trade if f.kind == "figure"] == ["$2 billion", "2023"]
    assert [f.status for f in trade if f.kind == "sentence"] == [Status.ALIGNED]
    assert get_findings(env, "no-such-page") == []
    corpus = get_corpus(env)
    assert corpus is not None and sorted(corpus.sources) == [
        "Courier2024trade",
        "Smith2024seizures",
    ]
    assert isinstance(env.get_domain("factcheck"), FactCheckDomain)


def test_a_handler_of_the_finding_event_adjusts_what_is_reported(project):
    p = project("myst")
    p.replace("index.md", "4,200 pounds", "4,300 pounds")
    p.write("conf.py", p.file("conf.py").read_text() + HANDLER)
    result = p.build()
    assert result.warning_lines == [] and result.status == 0
    adjusted = next(f for f in get_findings(result.app.env) if f.text == "4,300")
    assert (adjusted.status, adjusted.message) == (Status.OWN_FIGURE, "accepted: an estimate")


def test_a_build_changes_no_process_wide_state(project):
    environment = dict(os.environ)
    frozen, thresholds = gc.get_freeze_count(), gc.get_threshold()
    result = project("myst").build()
    assert result.status == 0
    assert dict(os.environ) == environment
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    assert gc.get_threshold() == thresholds


def test_what_a_page_could_follow_is_made_again_from_what_the_handlers_give(project):
    """The stems of the sentences that could follow an uncited source are stored with
    a page's findings; where a project's handlers may change the findings, they are
    made again from what the handlers give, and agree with the stored ones when the
    handlers change nothing."""
    plain = project("incremental").build()
    p = project("incremental", target="handled")
    p.write(
        "conf.py",
        p.file("conf.py").read_text()
        + "\ndef setup(app):\n    app.connect('factcheck-process-finding', lambda app, f: None)\n",
    )
    handled = p.build()

    def followers(result):
        documents = result.app.env.get_domain("factcheck").documents
        return {name: record.followers for name, record in documents.items()}

    assert followers(plain) == followers(handled)
    assert any(followers(plain).values())  # the accord page's dated sentence, at least
