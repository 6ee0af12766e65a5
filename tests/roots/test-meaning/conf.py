extensions = ["myst_parser", "sphinxcontrib.factcheck"]
bibtex_bibfiles = ["refs.bib"]
factcheck_manifest = "sources/SHA256SUMS"
