"""The fact check's configuration: every value with its type, default and meaning.

Each field of :class:`FactCheckConfig` is one ``factcheck_<name>`` value of
``conf.py``, registered with Sphinx with its type and description
(:func:`add_config_values`) and validated when the configuration is read
(:func:`validate_config`): a wrong type, a missing manifest or an unknown
language stops the build with a :class:`~sphinx.errors.ConfigError` that
names the value. Code reads the values through one getter, :func:`get_config`.

>>> [field.name for field in dataclasses.fields(FactCheckConfig)][:3]
['manifest', 'skip_pages', 'evidence_page']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

from .corpus import FieldNames
from .language import known_languages
from .passages import PASSAGE_SENTENCES

_ROLE_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")


def _setting(
    default: Any,
    description: str,
    types: tuple[type, ...],
    check: Callable[[Any], str] | None = None,
) -> Any:
    return dataclasses.field(
        default=default,
        metadata={"description": description, "types": types, "check": check},
    )


def _positive(value: int) -> str:
    return "" if value >= 1 else "must be 1 or more"


def _language(value: str) -> str:
    known = known_languages()
    return "" if value in known else f"unknown language {value!r} (known: {', '.join(known)})"


def _role_name(value: str) -> str:
    return "" if _ROLE_NAME.fullmatch(value) else f"{value!r} is not a valid role name"


def _field_name(value: str) -> str:
    return "" if re.fullmatch(r"[A-Za-z][\w-]*", value) else f"{value!r} is not a BibTeX field name"


def _patterns(value: list[str] | tuple[str, ...]) -> str:
    bad = [item for item in value if not isinstance(item, str)]
    return f"holds {bad[0]!r}, not a page pattern (a string)" if bad else ""


@dataclasses.dataclass(frozen=True)
class FactCheckConfig:
    """The ``factcheck_*`` values of ``conf.py``."""

    manifest: str = _setting(
        "",
        "The SHA-256 manifest of the archived sources (sha256sum format), relative to "
        "conf.py. Required.",
        (str,),
    )
    skip_pages: tuple[str, ...] | list[str] = _setting(
        (),
        "Pages not checked, as glob patterns of document names ('changelog', 'about/*').",
        (list, tuple),
        _patterns,
    )
    evidence_page: str = _setting(
        "",
        "The document that holds the evidence-index directive; verified claims link to "
        "their passage there. Empty: claims show their passage in a tooltip only.",
        (str,),
    )
    own_role: str = _setting(
        "own-figure",
        "The name of the role that marks a figure as the project's own, with a reason.",
        (str,),
        _role_name,
    )
    own_statement_role: str = _setting(
        "own-statement",
        "The name of the role that marks a sentence as the project's own statement about "
        "its sources, with a reason: its names and wording are not checked against a passage.",
        (str,),
        _role_name,
    )
    file_field: str = _setting(
        "file",
        "The bibliography field naming an entry's archived text, relative to its .bib file.",
        (str,),
        _field_name,
    )
    date_field: str = _setting(
        "date",
        "The bibliography field giving an entry's publication date (ISO 8601, as precise "
        "as is known), which resolves the source's relative time.",
        (str,),
        _field_name,
    )
    attribution_field: str = _setting(
        "attribution",
        "The bibliography field listing the names a sentence attributes the source by, "
        "separated by semicolons ('the Times; New York Times').",
        (str,),
        _field_name,
    )
    passage_sentences: int = _setting(
        PASSAGE_SENTENCES,
        "How many consecutive source sentences one passage may span: all figures of a "
        "sentence must stand in one passage, and so must the pieces of a cut quotation.",
        (int,),
        _positive,
    )
    language: str = _setting(
        "en",
        "The language of the sources and pages, which names the vocabulary the check "
        "reads figures by (months, number words, qualifiers, stop words).",
        (str,),
        _language,
    )
    cache_dir: str = _setting(
        "",
        "Where source indexes are kept between builds, relative to conf.py. Empty: a "
        "'factcheck' folder beside the build's doctrees.",
        (str,),
    )
    background: bool = _setting(
        True,
        "Whether a serial build checks the pages it reads in worker processes, beside "
        "the reading, where the system forks safely (Linux); False: each page is checked "
        "as it is read. The findings are the same either way.",
        (bool,),
    )
    enabled: bool = _setting(
        True,
        "Whether pages are checked at all; for measuring what the check costs.",
        (bool,),
    )

    @property
    def fields(self) -> FieldNames:
        return FieldNames(self.file_field, self.date_field, self.attribution_field)

    def manifest_path(self, confdir: str | Path) -> Path:
        return (Path(confdir) / self.manifest).resolve()


def add_config_values(app: Sphinx) -> None:
    """Register every ``factcheck_*`` value with its type and description."""
    for field in dataclasses.fields(FactCheckConfig):
        app.add_config_value(
            f"factcheck_{field.name}",
            field.default,
            "env",
            types=frozenset(field.metadata["types"]),
            description=field.metadata["description"],
        )


def get_config(source: Config | BuildEnvironment | Sphinx) -> FactCheckConfig:
    """The fact check's configuration, from a Sphinx config, environment or application."""
    config = source if isinstance(source, Config) else source.config
    return FactCheckConfig(
        **{
            field.name: getattr(config, f"factcheck_{field.name}")
            for field in dataclasses.fields(FactCheckConfig)
        }
    )


def validate_config(app: Sphinx, config: Config) -> None:
    """Check every value's type and meaning; raise a ConfigError naming the first bad one."""
    where = Path(app.confdir, "conf.py")
    for field in dataclasses.fields(FactCheckConfig):
        name = f"factcheck_{field.name}"
        value = getattr(config, name)
        types = field.metadata["types"]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            expected = " or ".join(t.__name__ for t in types)
            raise ConfigError(
                f"{where}: {name} must be {expected}, not {type(value).__name__} ({value!r})"
            )
        check = field.metadata["check"]
        problem = check(value) if check else ""
        if problem:
            raise ConfigError(f"{where}: {name}: {problem}")
    if not config.factcheck_manifest:
        raise ConfigError(
            f"{where}: factcheck_manifest is not set: name the SHA-256 manifest of the "
            "archived sources"
        )
    manifest = get_config(config).manifest_path(app.confdir)
    if not manifest.is_file():
        raise ConfigError(f"{where}: factcheck_manifest: no such file {manifest}")
    if not config.bibtex_bibfiles:
        raise ConfigError(
            f"{where}: bibtex_bibfiles is not set: the fact check reads its sources "
            "from the bibliography"
        )
