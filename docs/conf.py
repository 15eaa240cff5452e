"""Sphinx configuration of the yilian documentation site (built by scripts/docs.sh).

Sphinx with myst-nb: the pages are the Markdown files of docs/ (MyST), the Python API
reference comes from the docstrings of the installed package (autodoc), and the notebooks
are rendered with the outputs of the test run that executed them (nb_execution_mode "off":
scripts/docs.sh copies the executed notebooks into notebooks/ of the staged source, so
nothing runs twice). The crate's rustdoc is copied beside the HTML as rust/.
"""

project = "yilian"
author = "the yilian authors"
copyright = "the yilian authors, MIT licence"

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.mathjax"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "conf.py", "*.json", "README.md"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
nb_execution_mode = "off"
nb_merge_streams = True

# The Rust docstrings write `code` in single backticks (Markdown): render it as code.
default_role = "code"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_typehints = "signature"
napoleon_google_docstring = False

html_theme = "furo"
html_title = "yilian 医联"
html_static_path = []
html_extra_path = []
# the rustdoc tree (rust/) and the scenario schema are linked by URL, not documents
suppress_warnings = []
