"""Plotting functions that draw on a given Axes and return what they drew.

The notebook owns the figure (layout, saving; its size from ``sizes``); nothing here reads or writes files. Colours
are colour-blind safe; long tick labels are wrapped, truncated, rotated or thinned to fit.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.figures.sizes``       figure sizes that grow with the rows a figure shows, above a floor
- ``helpers.figures.ticks``       tick labels fitted to the axes: wrapped, truncated, rotated, shrunk or thinned
- ``helpers.figures.base``        the colours, the checks of the tables drawn, the topic-weight matrix
- ``helpers.figures.article``     the article report's figures: sentiment arc, topic weights, top terms, sentiment by topic
- ``helpers.figures.comparison``  the comparison report's figures: distributions, mean arcs, topic shares by group, word shift
- ``helpers.figures.corpus``      the corpus report's figures: article sentiment, topic prevalence, time bins, groups
- ``helpers.figures.actors``      the actors' figures of the three reports: tone per actor and side, by time bin or group, co-occurrence
- ``helpers.figures.validation``  the validation notebook's figure: correlations with the human ratings
"""
