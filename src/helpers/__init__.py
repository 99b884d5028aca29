"""Clean, measure and report the tone and themes of news articles, paragraph by paragraph.

Layers, from text to reports. Each module imports only modules listed above it (checked by
``tests/test_layers.py``); see ``docs/architecture.md`` for the data flow.

- ``helpers.paths``          where things live, derived from this package's location
- ``helpers.text``           bytes -> normalised text (decoding, mojibake, spaces, line ends)
- ``helpers.page``           a whole page's text -> which blocks are the article, and why not
- ``helpers.clean``          text -> paragraphs + an audit of every line (uses ``page``)
- ``helpers.webpage``        an HTML page -> its article text and metadata (trafilatura)
- ``helpers.quotes``         paragraphs -> quoted speech and narration, with speakers
- ``helpers.audit``          the audit -> removed lines as runs and counts, for the reports
- ``helpers.vader``          NLTK's VADER with its lexicon from the vaderSentiment package
- ``helpers.sentiment``      paragraphs -> sentence and paragraph sentiment, article summaries
- ``helpers.smoothing``      a series -> its rolling mean and DCT low-pass curve
- ``helpers.topics``         paragraphs -> topic weights and top terms (TF-IDF + NMF/LDA)
- ``helpers.executor``       batches of work on local processes or a Dask cluster
- ``helpers.io``             the project's files: raw entries, tables, figures, JSON, rating sets
- ``helpers.corpusfiles``    corpus files (CSV, TSV, JSON Lines, Parquet; one article a row), streamed
- ``helpers.newsscore``      an optional sentence scorer trained on the human-rated sets
- ``helpers.pipeline``       raw entries -> cleaned tables -> measured tables (the stages' work)
- ``helpers.store``          the partitions' tables kept by digest; tables published as folders of parts
- ``helpers.progress``       progress bars of the long stages (console, JupyterLab, quiet in logs)
- ``helpers.partitions``     the stages on disk: partitions of a corpus of any size, resumable, on any workers
- ``helpers.aggregates``     what the reports need from the parts: DuckDB aggregates, a bounded paragraph sample
- ``helpers.cleaning_eval``  scoring the cleaner on web pages (validation and benchmark scripts)
- ``helpers.params``         the notebooks' parameters: declared, converted and checked
- ``helpers.validation``     correlation with human ratings; topic recovery of known labels
- ``helpers.metadata``       metadata.csv checked, typed and joined to the articles; report parameters
- ``helpers.compare``        time bins, groups, differences with intervals and p-values, word shifts
- ``helpers.figures``        plotting functions that draw on a given Axes
- ``helpers.reports``        the build: notebooks run with papermill, HTML pages, the index
- ``helpers.reportparts``    pieces of the report pages: figures, tables, notes, links (Jinja2)
- ``helpers.reportdata``     the report notebooks' set-up: parameters checked, tables loaded
- ``helpers.build``          ``python -m helpers.build``, the ``make report`` command

Pure modules (text in, tables out) do no I/O; files are read and written by ``io`` (and by
``corpusfiles``, ``store``, ``partitions``, ``aggregates``, ``cleaning_eval`` and ``reports``, which read and write their own).
"""

__version__ = "0.1.0"
