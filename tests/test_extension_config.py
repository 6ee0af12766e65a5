"""Configuration as Sphinx extensions declare it: every value typed and described,
validated when the configuration is read (a ConfigError naming the value), and
every configurable name honoured."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections.abc import Callable

import pytest
from sphinx.errors import ConfigError

from sphinxcontrib.factcheck import Status, get_findings
from sphinxcontrib.factcheck.config import FactCheckConfig
from tests.conftest import RootProject


def test_every_value_has_a_type_and_a_description(project: Callable[..., RootProject]):
    app = project("myst").build().app
    for field in dataclasses.fields(FactCheckConfig):
        value = app.config._options[f"factcheck_{field.name}"]
        assert value.description and len(value.description) > 20, field.name
        assert value.valid_types, field.name


BAD_VALUES = [
    ("factcheck_manifest", 3, r"factcheck_manifest must be str, not int"),
    ("factcheck_manifest", "", r"factcheck_manifest is not set"),
    ("factcheck_manifest", "sources/NONE", r"factcheck_manifest: no such file .*sources/NONE"),
    ("factcheck_skip_pages", "changelog", r"factcheck_skip_pages must be list or tuple, not str"),
    ("factcheck_skip_pages", ["a", 2], r"factcheck_skip_pages: holds 2, not a page pattern"),
    ("factcheck_passage_sentences", 0, r"factcheck_passage_sentences: must be 1 or more"),
    ("factcheck_passage_sentences", True, r"factcheck_passage_sentences must be int, not bool"),
    ("factcheck_language", "xx", r"factcheck_language: unknown language 'xx' \(known: en\)"),
    (
        "factcheck_own_role",
        "Own Figure",
        r"factcheck_own_role: 'Own Figure' is not a valid role name",
    ),
    ("factcheck_file_field", "", r"factcheck_file_field: '' is not a BibTeX field name"),
    ("factcheck_enabled", "yes", r"factcheck_enabled must be bool, not str"),
    ("bibtex_bibfiles", [], r"bibtex_bibfiles is not set"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES)
def test_a_bad_value_is_a_config_error_naming_it(project, name, value, message):
    p = project("myst")
    p.write("conf.py", p.file("conf.py").read_text() + f"{name} = {value!r}\n")
    with pytest.raises(ConfigError, match=message) as error:
        p.build()
    assert str(p.srcdir / "conf.py") in str(error.value)
    assert "\n" not in str(error.value)


def test_a_config_error_reaches_the_command_line_as_one_named_line(project):
    p = project("myst")
    p.write("conf.py", p.file("conf.py").read_text() + "factcheck_passage_sentences = 0\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(p.srcdir), str(p.path / "_out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback (most recent call last)" not in result.stderr
    assert re.search(r"conf\.py: factcheck_passage_sentences: must be 1 or more", result.stderr)


def test_field_names_are_configurable(project):
    p = project("myst")
    bib = p.file("refs.bib").read_text()
    p.write(
        "refs.bib",
        bib.replace("  file  ", "  archive")
        .replace("  date  ", "  issued")
        .replace("  attribution", "  speaksfor  "),
    )
    p.replace("index.md", "Officers at", "The Gazette reports that officers at")
    result = p.build(
        factcheck_file_field="archive",
        factcheck_date_field="issued",
        factcheck_attribution_field="speaksfor",
    )
    assert result.warning_lines == [] and result.status == 0
    assert {f.status for f in get_findings(result.app.env)} == {Status.VERIFIED, Status.ALIGNED}
    # And the default names no longer find them.
    assert any("no `file` field" in line for line in p.build(fresh=True).warning_lines)


def test_the_own_figure_role_is_named_by_the_project(project):
    p = project("myst")
    p.replace("index.md", "seized 4,200", "seized {mine}`4,200 <a test>`")
    result = p.build(factcheck_own_role="mine")
    assert [f.status for f in get_findings(result.app.env) if f.text.startswith("4,200")] == [
        Status.OWN_FIGURE
    ]


def test_the_passage_size_is_configurable(project):
    p = project("myst")
    # The seizure (source sentence 3) and the quotation's day (sentence 5) stand
    # in one passage of three sentences, not of two.
    p.replace("index.md", "fentanyl in 2023", "fentanyl in 2023, and Smith spoke on March 14, 2024")
    assert p.build().status == 0
    narrow = p.build(fresh=True, factcheck_passage_sentences=2)
    assert any("[unsupported] figure 'March 14, 2024'" in line for line in narrow.warning_lines)
