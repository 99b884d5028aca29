"""NLTK's VADER analyzer and Punkt sentence splitter, built offline: the only module that imports nltk.

Importing nltk takes over a second (its package imports scipy.stats and scikit-learn), so
:mod:`helpers.measures.sentiment` imports this module only when it first scores or splits text: the
cleaning and report notebooks never pay for it.
"""

from __future__ import annotations

import string
from importlib import resources

from nltk.sentiment import vader as _nltk_vader
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = ["load_analyzer", "load_punkt", "ABBREVIATIONS"]

# Abbreviations after which a full stop does not end a sentence (Punkt's form: lower case, no
# final period). Titles, initialisms common in news, months, corporate suffixes.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "rev",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cmdr",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "pres",
    "amb",
    "hon",
    "messrs",
    "mt",
    "ft",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "u.s.a",
    "d.c",
    "n.y",
    "l.a",
    "n.c",
    "s.c",
    "calif",
    "mass",
    "conn",
    "fla",
    "ill",
    "ky",
    "md",
    "mich",
    "minn",
    "pa",
    "tenn",
    "tex",
    "va",
    "wash",
    "wis",
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "llc",
    "bros",
    "no",
    "nos",
    "vs",
    "v",
    "etc",
    "approx",
    "dept",
    "est",
    "fig",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mln",
    "bln",
    "pct",
    "dlrs",
}
_ASCII_PUNCTUATION = frozenset(string.punctuation)  # what VADER's REGEX_REMOVE_PUNCTUATION removes
_STRIP_PUNCTUATION = str.maketrans("", "", string.punctuation)


class _SentiText(_nltk_vader.SentiText):
    """NLTK's ``SentiText`` with the same tokens found without building a table per sentence.

    NLTK strips a token's leading or trailing punctuation by looking it up in a dict of every
    (punctuation mark x word of the sentence) pair, built anew for each sentence: about 70% of
    VADER's time on news. Since the sentence's words hold no ASCII punctuation, a token is in that
    dict exactly when its whole trailing (or leading) run of punctuation is one of ``PUNC_LIST``
    and the rest is one of those words, which is what this checks. The tokens, hence the scores,
    are NLTK's (``tests/test_sentiment.py`` compares both on real and adversarial sentences).
    """

    def _words_and_emoticons(self):
        # = REGEX_REMOVE_PUNCTUATION.sub("", text) (a character class of string.punctuation),
        # without NLTK's regex wrapper and its per-call timeout set-up
        words = {w for w in self.text.translate(_STRIP_PUNCTUATION).split() if len(w) > 1}
        marks = set(self.PUNC_LIST)
        tokens = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            end = len(token)
            while end and token[end - 1] in _ASCII_PUNCTUATION:
                end -= 1
            start = 0
            while start < len(token) and token[start] in _ASCII_PUNCTUATION:
                start += 1
            if end < len(token) and token[end:] in marks and token[:end] in words:
                token = token[:end]
            elif start and token[:start] in marks and token[start:] in words:
                token = token[start:]
            tokens.append(token)
        return tokens


class _OfflineVader(SentimentIntensityAnalyzer):
    """NLTK's analyzer, with its lexicon read from the installed vaderSentiment package.

    NLTK's own constructor loads the lexicon through ``nltk.data`` (a download); this one takes
    the lexicon text directly and sets the same attributes. Scoring is NLTK's code, with the
    faster, equivalent tokenizer :class:`_SentiText`.
    """

    def __init__(self, lexicon_text: str):  # noqa: D107 - see class docstring
        self.lexicon_file = lexicon_text
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()

    def polarity_scores(self, text):
        """NLTK's ``polarity_scores`` (nltk 3.10), tokenizing with :class:`_SentiText`."""
        sentitext = _SentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        first_index = {}
        for idx, token in enumerate(words_and_emoticons):
            first_index.setdefault(token, idx)
        for item in words_and_emoticons:
            i = first_index[item]
            if (
                i < len(words_and_emoticons) - 1 and item.lower() == "kind" and words_and_emoticons[i + 1].lower() == "of"
            ) or item.lower() in self.constants.BOOSTER_DICT:
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


def load_analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyzer, built offline from the lexicon shipped by ``vaderSentiment``."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    return _OfflineVader(text)


def load_punkt() -> PunktSentenceTokenizer:
    """NLTK's Punkt, untrained, with :data:`ABBREVIATIONS` (no download)."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)
