# The fact check's minimal contract: sphinxcontrib-bibtex's bibliography files,
# and the SHA-256 manifest of the archived sources they name.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinxcontrib.factcheck"]
bibtex_bibfiles = ["refs.bib"]
factcheck_manifest = "sources/SHA256SUMS"
