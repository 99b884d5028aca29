"""Paragraphs in, measures out: sentiment (VADER, the optional news scorer), smoothing, topics, actors and the tone towards them.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.measures.vader``        NLTK's VADER with its lexicon from the vaderSentiment package
- ``helpers.measures.sentiment``    paragraphs -> sentence and paragraph sentiment, article summaries
- ``helpers.measures.smoothing``    a series -> its rolling mean and DCT low-pass curve
- ``helpers.measures.topics``       texts -> topic weights and top terms (co-occurrence-smoothed TF-IDF + NMF; a subpackage)
- ``helpers.measures.newsscore``    an optional sentence scorer trained on the human-rated sets
- ``helpers.measures.mention_tone`` a mention in its sentence -> the tone towards it (a model trained on NewsMTSC)
- ``helpers.measures.actors``       sentences -> mentions with tone; names -> actors across the corpus; per-article summaries
"""
