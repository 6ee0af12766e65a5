"""Shared fixtures.

Two kinds of project are built in-process with :mod:`sphinx.testing`:

- the extension's test roots (``tests/roots/test-*``), tiny projects with a
  three-line ``conf.py``, a bibliography and sources of their own, copied to a
  temporary folder by :func:`project` so a test can break one input and
  assert what the build says (the ``sphinx.testing`` ``app`` fixture builds
  them as they stand);
- a copy of the real handbook's skeleton (configuration, bibliography,
  archived sources) with one chapter written by the test (:func:`build`),
  for the integration tests (``test_handbook_*``).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)
#: The test roots are projects to build, not modules to collect.
collect_ignore_glob = ["roots/*"]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its projects."""
    return ROOTS


@dataclass
class BuildResult:
    """What a fixture build printed and produced."""

    warnings: str
    status: int
    outdir: Path
    app: SphinxTestApp
    #: What the build printed on its status stream ("reading sources... seizures").
    log: str = ""

    @property
    def read_documents(self) -> set[str]:
        """The documents this build read (re-read, in an incremental build)."""
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.log)
        return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", plain))

    @property
    def warning_lines(self) -> list[str]:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.warnings)
        return [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line]


def run_sphinx(
    srcdir: Path,
    builddir: Path,
    builder: str = "html",
    fresh: bool = False,
    parallel: int = 0,
    **confoverrides: object,
) -> BuildResult:
    """Build one project in-process and return what it printed and produced."""
    warnings, status = io.StringIO(), io.StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=fresh,
        status=status,
        warning=warnings,
        confoverrides={"nitpicky": True, **confoverrides},
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return BuildResult(
        warnings.getvalue(), app.statuscode, Path(app.outdir), app, status.getvalue()
    )


class RootProject:
    """A copy of one test root, to edit and build."""

    def __init__(self, path: Path, srcdir: Path | None = None) -> None:
        self.path = path
        self.srcdir = srcdir or path

    def file(self, name: str) -> Path:
        return self.path / name

    def write(self, name: str, text: str | bytes) -> Path:
        """Write a file, with a modification time clearly after the last build."""
        path = self.file(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.stat().st_mtime_ns if path.exists() else 0
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        # Whole seconds later than both the last write and now, as an editor's save is.
        later = (max(before, path.stat().st_mtime_ns) // 10**9 + 5) * 10**9
        os.utime(path, ns=(later, later))
        return path

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.file(name).read_text(encoding="utf-8")
        assert old in text, (name, old)
        self.write(name, text.replace(old, new))

    def build(
        self, builder: str = "html", fresh: bool = False, parallel: int = 0, **conf: object
    ) -> BuildResult:
        return run_sphinx(self.srcdir, self.path / "_build", builder, fresh, parallel, **conf)


def calls_by_page(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """The docnames ``module.name`` is called for in this process, as it is called
    (its first argument); calls in a worker process are not seen."""
    checked: list[str] = []
    function = getattr(module, name)

    def counted(docname, *args, **kwargs):
        checked.append(docname)
        return function(docname, *args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return checked


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., RootProject]:
    """Copy a test root (``project("myst")``) into a temporary folder."""

    def copy(name: str, srcdir: str = "", target: str = "") -> RootProject:
        path = tmp_path / (target or name)
        shutil.copytree(ROOTS / f"test-{name}", path)
        return RootProject(path, path / srcdir if srcdir else None)

    return copy


# -- The real handbook (integration tests) -----------------------------------


@pytest.fixture
def handbook_project(tmp_path: Path) -> Path:
    """A copy of the handbook's project skeleton, without its chapters."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copy(ROOT / "CITATION.cff", project / "CITATION.cff")  # conf.py reads it
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
    """Build the handbook skeleton with ``chapter`` as its only page."""

    def run(chapter: str, builder: str = "factcheck") -> BuildResult:
        docs = handbook_project / "docs"
        text = textwrap.dedent(chapter) + "\n```{bibliography}\n:all:\n```\n"
        (docs / "index.md").write_text(text, encoding="utf-8")
        commit(handbook_project)
        return run_sphinx(docs, docs / "_build", builder, fresh=True)

    return run
