"""Word co-occurrence smoothing (after SeaNMF): each term lends its weight to the terms it keeps company with.

The smoother and the smoothing are computed in blocks of terms and of rows (:data:`_TERM_BLOCK`,
:data:`_ROW_BLOCK`), which bounds their memory and gives the same matrices as all at once.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["cooccurrence_smoother", "smooth", "SMOOTHED_TERMS"]

_TERM_BLOCK = 2000
"""Terms whose co-occurrence counts :func:`cooccurrence_smoother` holds at once (bounds its memory)."""

SMOOTHED_TERMS = 1000
"""Terms a smoothed text keeps (its heaviest): a short text's smoothed vector holds a few hundred,
a long article's would hold thousands, which slow the fit tenfold for no better topics."""


_ROW_BLOCK = 500
"""Rows :func:`smooth` computes at once (bounds its memory)."""


def cooccurrence_smoother(matrix: sp.spmatrix, n_neighbours: int = 100) -> sp.csr_matrix:
    """Each term's nearest terms by co-occurrence: a row-stochastic matrix of shape (n_terms, n_terms).

    The positive pointwise mutual information of two terms occurring in the same row of
    ``matrix`` (a paragraph) is kept for each term's ``n_neighbours`` strongest partners, and each
    row is scaled to sum to 1 (a row with no partner stays empty). Multiplying a document-term
    matrix by it spreads each document's weight onto the words its words keep company with: the
    word co-occurrence that SeaNMF (Shi et al., WWW 2018) adds to NMF so that short texts, which
    share few words, still share topics.

    >>> m = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    >>> cooccurrence_smoother(m).toarray().round(2).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    present = (sp.csc_matrix(matrix) != 0).astype(np.float32)
    n_rows, n_terms = present.shape
    df = np.asarray(present.sum(axis=0)).ravel()
    kept = []
    # Terms in blocks: the co-occurrence counts of a block's terms with every term are built,
    # reduced to each term's strongest partners and freed before the next block.
    for first in range(0, n_terms, _TERM_BLOCK):
        joint = (present[:, first : first + _TERM_BLOCK].T @ present).tocoo()
        rows, cols, counts = joint.row + first, joint.col, joint.data
        off = rows != cols
        rows, cols, counts = rows[off], cols[off], counts[off]
        pmi = np.log(counts * n_rows / (df[rows] * df[cols]))
        positive = pmi > 0
        rows, cols, pmi = rows[positive], cols[positive], pmi[positive]
        # The n_neighbours largest per row: sort by row, then by decreasing PMI, keep the first ranks.
        order = np.lexsort((-pmi, rows))
        rows, cols, pmi = rows[order], cols[order], pmi[order]
        starts = np.searchsorted(rows, rows, side="left")
        keep = (np.arange(len(rows)) - starts) < n_neighbours
        kept.append((pmi[keep], rows[keep], cols[keep]))
    values, rows, cols = (np.concatenate(parts) for parts in zip(*kept)) if kept else ([], [], [])
    smoother = sp.csr_matrix((values, (rows, cols)), shape=(n_terms, n_terms))
    totals = np.asarray(smoother.sum(axis=1)).ravel()
    return sp.diags(np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)) @ smoother


def smooth(matrix: sp.spmatrix, smoother: sp.spmatrix, strength: float = 1.0, max_terms: int = SMOOTHED_TERMS) -> sp.csr_matrix:
    """``matrix + strength * matrix @ smoother``, each row cut to its ``max_terms`` heaviest terms
    and scaled to unit length (zero rows stay zero).

    >>> m = sp.csr_matrix([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> s = sp.csr_matrix([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    >>> smooth(m, s).toarray().round(3).tolist()
    [[0.707, 0.707, 0.0], [0.0, 0.0, 0.0]]
    """
    from sklearn.preprocessing import normalize

    matrix = sp.csr_matrix(matrix)
    blocks = []
    # Rows in blocks: a long article's row is dense before it is cut, so the uncut product of a
    # whole corpus would hold hundreds of megabytes at once.
    for first in range(0, matrix.shape[0], _ROW_BLOCK):
        rows = matrix[first : first + _ROW_BLOCK]
        out = sp.csr_matrix(rows + strength * (rows @ smoother))
        lengths = np.diff(out.indptr)
        if (lengths > max_terms).any():
            keep = np.ones(out.nnz, dtype=bool)
            for row in np.flatnonzero(lengths > max_terms):
                start, end = out.indptr[row], out.indptr[row + 1]
                lightest = np.argpartition(-out.data[start:end], max_terms)[max_terms:]
                keep[start + lightest] = False
            out.data[~keep] = 0
            out.eliminate_zeros()
        blocks.append(out)
    return normalize(sp.vstack(blocks, format="csr") if blocks else matrix)
