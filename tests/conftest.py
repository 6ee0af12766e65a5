"""Shared fixtures: small Sphinx projects built in-process with sphinx.testing.

A fixture project is a copy of the handbook's configuration, bibliography and
archived sources with one chapter written by the test, so each test states a
deliberate mistake in a few lines and asserts what the build says about it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@dataclass
class BuildResult:
    """What a fixture build printed and produced."""

    warnings: str
    status: int
    outdir: Path
    app: SphinxTestApp

    @property
    def warning_lines(self) -> list[str]:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.warnings)
        return [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture
def handbook_project(tmp_path: Path) -> Path:
    """A copy of the handbook's project skeleton, without its chapters."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copy(DOCS / "conf.py", project / "docs" / "conf.py")
    shutil.copytree(
        DOCS / "_ext", project / "docs" / "_ext", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(DOCS / "_static", project / "docs" / "_static")
    git(project, "init", "-q")
    commit(project)
    return project


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def commit(project: Path) -> None:
    """Commit the project as it stands, as a clone of the handbook would be."""
    git(project, "add", "-A")
    git(
        project,
        "-c",
        "user.name=Fixture",
        "-c",
        "user.email=fixture@example.org",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "fixture",
    )


@pytest.fixture
def build(handbook_project: Path) -> Callable[..., BuildResult]:
    """Build the fixture project with ``chapter`` as its only page."""

    def run(chapter: str, builder: str = "factcheck") -> BuildResult:
        docs = handbook_project / "docs"
        text = textwrap.dedent(chapter) + "\n```{bibliography}\n:all:\n```\n"
        (docs / "index.md").write_text(text, encoding="utf-8")
        commit(handbook_project)
        warnings = io.StringIO()
        app = SphinxTestApp(
            builder,
            srcdir=docs,
            builddir=docs / "_build",
            freshenv=True,
            status=io.StringIO(),
            warning=warnings,
            confoverrides={"nitpicky": True},
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return BuildResult(warnings.getvalue(), app.statuscode, Path(app.outdir), app)

    return run
