"""Clean, measure and report the tone and themes of news articles, paragraph by paragraph.

Layers, from text to reports (each module imports only those above it):

- ``helpers.paths``     where things live, derived from this package's location
- ``helpers.text``      bytes -> normalised text (decoding, mojibake, spaces, line ends)
- ``helpers.clean``     text -> paragraphs + an audit of every line (pure)
- ``helpers.sentiment`` paragraphs -> sentence and paragraph sentiment (NLTK's VADER)
- ``helpers.topics``    paragraphs -> topic weights and top terms (TF-IDF + NMF/LDA)
- ``helpers.io``        the only module that reads and writes files
- ``helpers.figures``   plotting functions that draw on a given Axes
- ``helpers.htmlreport``      executed notebook -> self-contained HTML report
- ``helpers.build``     the ``make report`` command: runs the notebooks with papermill
"""

__version__ = "0.1.0"
