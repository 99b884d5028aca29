"""Clean, measure and report the tone and themes of news articles, paragraph by paragraph.

Layers, from text to reports (each module imports only those above it):

- ``helpers.paths``     where things live, derived from this package's location
- ``helpers.text``      bytes -> normalised text (decoding, mojibake, spaces, line ends)
- ``helpers.page``      a whole page's text -> which blocks are the article, and why not (pure)
- ``helpers.clean``     text -> paragraphs + an audit of every line (pure; uses ``page``)
- ``helpers.webpage``   an HTML page -> its article text and metadata (trafilatura; pure)
- ``helpers.audit``     the audit -> removed lines as runs, for the reports (pure)
- ``helpers.sentiment`` paragraphs -> sentence and paragraph sentiment (NLTK's VADER)
- ``helpers.topics``    paragraphs -> topic weights and top terms (TF-IDF + NMF/LDA)
- ``helpers.io``        the only module that reads and writes files
- ``helpers.cleaning_eval``  scoring the cleaner on web pages (validation and benchmark scripts)
- ``helpers.figures``   plotting functions that draw on a given Axes
- ``helpers.htmlreport``      executed notebook -> self-contained HTML report
- ``helpers.build``     the ``make report`` command: runs the notebooks with papermill
"""

__version__ = "0.1.0"
