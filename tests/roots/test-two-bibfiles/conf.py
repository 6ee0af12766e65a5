extensions = ["myst_parser", "sphinxcontrib.factcheck"]
bibtex_bibfiles = ["bib/gazette.bib", "other/courier.bib"]
factcheck_manifest = "sources/SHA256SUMS"
