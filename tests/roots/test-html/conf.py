extensions = ["myst_parser", "sphinxcontrib.factcheck"]
bibtex_bibfiles = ["refs.bib"]
factcheck_manifest = "sources/SHA256SUMS"
factcheck_evidence_page = "evidence"
html_baseurl = "https://handbook.example.org/en/latest/"
