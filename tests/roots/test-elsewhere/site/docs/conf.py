extensions = ["sphinxcontrib.factcheck"]
bibtex_bibfiles = ["../../data/refs.bib"]
factcheck_manifest = "../../archive/SHA256SUMS"
