"""Add a source to the handbook: ``factcheck-add-source`` with the handbook's root.

A thin command over the installed package (sphinxcontrib.factcheck.tools.add_source):
it archives the text in sources/, records its SHA-256 in sources/SHA256SUMS and
writes its references.bib entry, or does nothing. See ``--help``.
"""

import sys
from pathlib import Path

from sphinxcontrib.factcheck.tools.add_source import main

if __name__ == "__main__":
    handbook = Path(__file__).resolve().parent.parent
    sys.exit(main(["--root", str(handbook), *sys.argv[1:]]))
