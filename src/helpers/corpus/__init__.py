"""A corpus of any size on disk: corpus files read in chunks, the stages' work on partitions, their
store of parts, progress, and the aggregates the reports read.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.corpus.files``         corpus files (CSV, TSV, JSON Lines, Parquet; one article a row), streamed
- ``helpers.corpus.inputs``        the raw folder cut into partitions of whole articles (by id hash), duplicates skipped
- ``helpers.corpus.pipeline``      raw entries -> cleaned tables -> measured tables (a batch in memory)
- ``helpers.corpus.store``         the partitions' tables kept by digest; tables published as folders of parts
- ``helpers.corpus.progress``      progress bars of the long stages (console, JupyterLab, quiet in logs)
- ``helpers.corpus.actor_tables``  the corpus-wide actor step: names -> actors, per-partition mentions and summaries
- ``helpers.corpus.partitions``    the stages on disk: partitions of a corpus of any size, resumable, on any workers
- ``helpers.corpus.aggregates``    what the reports need from the parts: DuckDB aggregates, a bounded paragraph sample
"""
