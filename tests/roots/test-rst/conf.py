extensions = ["sphinxcontrib.factcheck"]
bibtex_bibfiles = ["refs.bib"]
factcheck_manifest = "sources/SHA256SUMS"
