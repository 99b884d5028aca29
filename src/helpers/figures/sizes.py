"""Figure sizes that grow with what a figure shows: a height per row, above a floor.

The notebooks own their figures; these give them the size, in inches, for ``plt.subplots(figsize=...)``.

>>> heatmap_size(4)
(8, 3)
"""

__all__ = [
    "rows_size",
    "heatmap_size",
    "topic_prevalence_size",
    "topics_over_time_size",
    "forest_size",
    "topic_shares_size",
    "actor_tone_size",
    "actor_matrix_size",
    "panel_grid_size",
]


def rows_size(n_rows, *, width, per_row, margin, minimum):
    """``(width, height)`` with ``height = per_row * n_rows + margin``, at least ``minimum``."""
    return width, max(minimum, per_row * n_rows + margin)


def heatmap_size(n_paragraphs):
    """The article report's topic heatmap (:func:`helpers.figures.article.topic_heatmap`): a row a paragraph."""
    return rows_size(n_paragraphs, width=8, per_row=0.28, margin=1.5, minimum=3)


def topic_prevalence_size(n_topics):
    """The corpus report's topic prevalence (:func:`helpers.figures.corpus.topic_prevalence`): a bar a topic."""
    return rows_size(n_topics, width=8, per_row=0.45, margin=1, minimum=2.5)


def topics_over_time_size(n_topics):
    """Topic shares over time (:func:`helpers.figures.corpus.topics_over_time`): a row a topic."""
    return rows_size(n_topics, width=9, per_row=0.32, margin=1.6, minimum=2.8)


def forest_size(n_rows):
    """A forest plot (:func:`helpers.figures.corpus.group_means`, ``pairwise_differences``): a row a group or pair."""
    return rows_size(n_rows, width=8, per_row=0.26, margin=1.4, minimum=2.5)


def topic_shares_size(n_groups):
    """Topic shares by group (:func:`helpers.figures.comparison.topic_shares_by_group`): a row a group."""
    return rows_size(n_groups, width=9, per_row=0.26, margin=2.2, minimum=3)


def actor_tone_size(n_actors):
    """Tone towards each actor (:func:`helpers.figures.actors.actor_tone`, ``actor_tone_by_side``): a row an actor."""
    return rows_size(n_actors, width=8, per_row=0.3, margin=1.6, minimum=2.8)


def actor_matrix_size(n_actors, n_columns):
    """An actors x bins, groups or actors heatmap (:func:`helpers.figures.actors.tone_matrix`, ``cooccurrence``).

    >>> actor_matrix_size(10, 10)
    (8.3, 5.3)
    """
    return round(min(14.0, max(6.0, 2.8 + 0.55 * n_columns)), 2), round(max(3.0, 0.35 * n_actors + 1.8), 2)


def cooccurrence_size(n_actors):
    """The actors' co-occurrence (:func:`helpers.figures.actors.cooccurrence`): a square of cells.

    >>> cooccurrence_size(10)
    (7.5, 6.5)
    """
    return max(5.0, 2.5 + 0.5 * n_actors), max(4.0, 2.0 + 0.45 * n_actors)


def panel_grid_size(n_columns, n_rows):
    """A grid of small square panels (the confusion matrices of make validate), 4.2 x 3.4 inches each."""
    return 4.2 * n_columns, 3.4 * n_rows
