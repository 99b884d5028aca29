"""Texts to topics: TF-IDF smoothed by word co-occurrence, factorised by NMF (or counts + LDA), see ``docs/topics.md``.

The model is fitted on whole articles, the headline as their first line, when the corpus holds at
least :data:`MIN_ARTICLE_UNITS` articles, and on body paragraphs below that (:func:`topic_documents`);
it then weighs articles and paragraphs alike. Each text's TF-IDF vector (sublinear term frequency,
news stop words, words of two or more letters) is smoothed by word co-occurrence
(:func:`cooccurrence_smoother`, :func:`smooth`: each term lends weight to the 100 terms that keep it
company in the ``context`` given to ``fit``, the corpus's paragraphs and headlines in the measuring
stage, so that short texts sharing few words still share topics), then factorised by a Frobenius NMF
(coordinate descent, deterministic ``nndsvda`` start). A corpus of more than 5,000 texts is fitted on
a fixed random sample of them. The generalised Kullback-Leibler NMF of earlier versions is
``beta_loss="kullback-leibler", smoothing=0``; LDA (``method="lda"``) works on plain counts.

The automatic topic count (``n_topics=0``) is chosen without labels on the plain TF-IDF
(:func:`select_n_topics`): for each candidate k (2 to at most 10) a quick NMF gives each document its
dominant topic, each topic is described by the top terms of the documents it takes, and the k's
coherence is the mean NPMI of those terms' pairs within the documents; the smallest k within 10% of
the best coherence wins. Each topic's stability (:func:`topic_stability`) is the mean Jaccard
overlap of its top 10 terms with its match in 3 refits on 80% samples; below :data:`UNSTABLE` the
reports mark it unstable.

:class:`TopicModel` follows scikit-learn's estimator contract: ``__init__`` stores parameters,
``fit`` learns (attributes ending in ``_``) and returns ``self``, randomness comes from
``random_state`` so the same texts give the same topics.

Topic weights are each text's non-negative least-squares weights on the topics (:func:`nnls_rows`,
solved row by row, so a text's weights do not depend on the texts transformed beside it; the model's
own ``transform`` for KL-NMF and LDA), scaled to sum to 1. A text with no term of the vocabulary
(only stop words, numbers or words seen nowhere else) has nothing to weigh: its weights are all NaN
and its dominant topic is missing, rather than a made-up uniform split.

>>> model = TopicModel(n_topics=2).fit(["oil prices rose", "oil output fell", "team won match",
...                                     "team lost match"])
>>> model.transform(["oil prices"]).argmax(axis=1).tolist() == model.transform(["oil output"]).argmax(axis=1).tolist()
True

Modules, in layer order (each imports only the ones above it):

- ``helpers.measures.topics.vocabulary``    news stop words, the token pattern, each topic's heaviest terms
- ``helpers.measures.topics.documents``     the texts fitted (articles with headlines, or paragraphs), weights per article
- ``helpers.measures.topics.cooccurrence``  word co-occurrence smoothing, in blocks of terms and of rows
- ``helpers.measures.topics.count``         the automatic topic count by the coherence of the documents each topic takes
- ``helpers.measures.topics.stability``     each topic's stability over refits on 80% samples
- ``helpers.measures.topics.tables``        the top-terms table read for the reports: labels, stability, one row per topic
- ``helpers.measures.topics.estimator``     :class:`TopicModel` and the exact per-row weights it applies
"""

from helpers.measures.topics.cooccurrence import SMOOTHED_TERMS, cooccurrence_smoother, smooth
from helpers.measures.topics.count import candidate_n_topics, select_n_topics, topic_coherence
from helpers.measures.topics.documents import MIN_ARTICLE_UNITS, article_weights, fit_inputs, topic_columns, topic_documents
from helpers.measures.topics.estimator import TopicModel, nnls_rows
from helpers.measures.topics.stability import STABILITY_REFITS, STABILITY_TERMS, refit_top_terms, topic_stability
from helpers.measures.topics.tables import UNSTABLE, per_topic, top_terms_table, topic_labels
from helpers.measures.topics.vocabulary import NEWS_STOP_WORDS, TOKENS, top_indices

__all__ = [
    "TopicModel",
    "candidate_n_topics",
    "select_n_topics",
    "topic_coherence",
    "article_weights",
    "cooccurrence_smoother",
    "smooth",
    "SMOOTHED_TERMS",
    "topic_documents",
    "fit_inputs",
    "MIN_ARTICLE_UNITS",
    "NEWS_STOP_WORDS",
    "topic_columns",
    "topic_labels",
    "per_topic",
    "top_indices",
    "top_terms_table",
    "topic_stability",
    "refit_top_terms",
    "STABILITY_REFITS",
    "UNSTABLE",
    "STABILITY_TERMS",
    "TOKENS",
    "nnls_rows",
]
