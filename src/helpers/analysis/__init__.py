"""Parameters, statistics, metadata, comparisons between groups and over time, and validation against labels.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.analysis.params``           the notebooks' parameters: declared, converted and checked
- ``helpers.analysis.stats``            bootstrap intervals (also over clusters), permutation tests, Benjamini-Hochberg
- ``helpers.analysis.cleaning_eval``    scoring the cleaner on web pages (validation and benchmark scripts)
- ``helpers.analysis.validation``       correlation with human ratings; topic recovery of known labels
- ``helpers.analysis.actor_validation``  actor mentions found and the tone towards them, against NewsMTSC's dev splits
- ``helpers.analysis.validation_report``  the validation notebook's sections, each a function returning its tables
- ``helpers.analysis.metadata``         metadata checked, typed and joined to the articles; report parameters
- ``helpers.analysis.groups``           time bins, groups, differences with intervals and p-values, word shifts
"""
