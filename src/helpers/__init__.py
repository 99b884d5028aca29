"""Clean, measure and report the tone and themes of news articles, paragraph by paragraph.

Layers, from text to reports. A module imports only the layers listed above its own (checked by
``tests/test_layers.py``; each subpackage's docstring orders its own modules the same way); see
``docs/architecture.md`` for the data flow.

- ``helpers.paths``      where things live, derived from this package's location
- ``helpers.io``         the project's files: raw entries, tables, figures, JSON, rating sets
- ``helpers.executor``   batches of work on local processes or a Dask cluster
- ``helpers.text``       decoding, the page finder, cleaning, HTML pages, quotes, the audit
- ``helpers.measures``   sentiment (VADER, the news scorer), smoothing, topics, actors and the tone towards them
- ``helpers.actors``     the public face of actors: ``tone_of_mentions``, ``find_mentions``, ``parse_actor_list``
- ``helpers.analysis``   parameters, statistics (bootstrap, permutation tests, FDR), metadata, groups and time, validation
- ``helpers.corpus``     corpus files, partitions on disk (resumable, on any workers), the store, aggregates
- ``helpers.figures``    plotting functions that draw on a given Axes
- ``helpers.report``     what the report notebooks load and show, and the HTML pages
- ``helpers.build``      ``python -m helpers.build`` (``make report``): papermill runs, digests, the index

Pure modules (text in, tables out) do no I/O; files are read and written by ``io`` (and by
``corpus``, ``analysis.cleaning_eval``, ``report.html`` and ``build``, which read and write their own).
"""

__version__ = "0.1.0"
