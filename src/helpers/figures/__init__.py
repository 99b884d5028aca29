"""Plotting functions that draw on a given Axes and return what they drew.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.figures.plots``    the figures of the article, corpus and comparison reports
"""
