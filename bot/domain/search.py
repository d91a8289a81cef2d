"""Typo-tolerant search over short texts (names, aliases, authors), fast enough for autocomplete.

Everything that does not depend on the query is worked out once when the index is built: the
keys in search form (normalised, each word stemmed), a sorted vocabulary for prefix look-ups,
the keys in order for look-ups by their start, and an inverted index of trigrams for typos.
A query then scores each vocabulary word it could match and each key by its words; a boost
per item, if given, ranks what people usually mean first among near-equal matches.

Keys are numbered by their item's boost, highest first. A query of short words finds the keys
that start with it, which differ only by their boost: it scores them in that order and stops
once no key left could rank among the first ``limit`` (a common start such as "bee" or "chi"
starts a thousand keys, of which it scores a few dozen).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 8
EXACT, PREFIX, BEYOND_WORD = 1.0, 0.9, 0.8
FUZZY_BASE, FUZZY_SPAN = 0.45, 0.4
"""A typo scores FUZZY_BASE + FUZZY_SPAN × closeness (1 − edits per letter typed), below a
prefix."""
MIN_FUZZY = 0.4
"""Words sharing fewer trigrams with the token than this are not looked at as typos."""
MIN_CLOSENESS = 0.6
"""More than 4 edits in 10 letters is another word, not a typo."""
NO_RANK = (-1.0, 0)
WORD_LETTERS = 4
"""Tokens shorter than this only narrow what longer ones found, or, alone, find the keys that
start with them: a word of three letters starts too many words to score each of their keys."""
TYPO_LETTERS = 4
"""Tokens shorter than this are matched as typed; a typo needs a few letters to be read."""
FILLER_WORDS = frozenset({"a", "an", "and", "the", "of", "with", "or", "in", "for", "to"})
"""Words that say little about a food; dropped from a query that has others."""
TYPO_MARGIN = 0.06
"""Typo readings scoring this much below a token's best reading are dropped."""
MIN_SCORE = 0.5
SEARCHES_REMEMBERED = 4096
JOINED_WORDS = 3
QUERY_SHARE = 0.7
"""A key's word-match score weighs how much of the query it explains (70 %) and how much of
the key the query explains (30 %), so extra words in either only lower the score."""
WHOLE_KEY, KEY_PREFIX = 2.0, 1.5
"""Key scores for a query equal to a whole key or to its start; word matches score up to 1."""
CHUNK = 32
"""Keys that start with the query scored between two looks at whether the rest could rank."""
BOUND_SLACK = 1e-9
"""Taken off a bound computed otherwise than the values it bounds, against rounding."""
AFTER_ALL = "\x7f"
"""Sorts after every character of a text in search form."""

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces: "Dørup" → "dorup"."""
    if text.isascii():  # most texts: the same result, much faster
        return _NOT_LETTER_OR_DIGIT.sub(" ", text.lower()).strip()
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    kept = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(kept.split())


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word's stem, roughly, so "eggs", "tomatoes", "berries" and "brownie" find "egg",
    "tomato", "berry" and "brownies". Applied alike to what is searched and to the query, so
    rough is enough: it need not be a word."""
    if len(word) < 4 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:  # berries, brownies → berri, browni
        return word[:-2]
    if word.endswith(("oes", "ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        word = word[:-1]
    if word.endswith("ie"):  # brownie → browni
        return word[:-1]
    if word.endswith("y") and word[-2] not in "aeiou":  # berry → berri
        return word[:-1] + "i"
    return word


def search_words(text: str) -> str:
    """``normalise``, each word stemmed: the form keys and queries are compared in."""
    return " ".join(map(stem, normalise(text).split()))


def _trigrams(word: str, *, closed: bool = True) -> frozenset[str]:
    padded = f" {word} " if closed else f" {word}"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


class FuzzyIndex(Generic[T]):
    """Finds items by any of their texts; build once, query many times."""

    def __init__(
        self,
        entries: Iterable[tuple[T, Iterable[str]]],
        boosts: Sequence[float] = (),
        *,
        prepared: bool = False,
    ) -> None:
        """``boosts``, if given, is added to each item's score (in ``entries`` order): a prior
        for what people usually mean among items the text matches about equally. With
        ``prepared``, the texts are in search form already (see ``search_words``)."""
        prepare = (lambda text: text) if prepared else search_words
        self._boosts = tuple(boosts)
        self._items: list[T] = []
        keys: list[tuple[int, str]] = []  # (item, key)
        for item_no, (item, texts) in enumerate(entries):
            self._items.append(item)
            keys.extend((item_no, key) for key in dict.fromkeys(filter(None, map(prepare, texts))))
        if self._boosts:  # highest boost first; in catalogue order among equals
            keys.sort(key=lambda pair: -self._boosts[pair[0]])
        # Per key, in parallel (compact: the table has tens of thousands of keys).
        self._key_item = array("I")
        self._key_text: list[str] = []
        self._key_words = array("B")
        keys_by_word: dict[str, list[int]] = defaultdict(list)
        keys_by_own_word: dict[str, list[int]] = defaultdict(list)
        for key_no, (item_no, key) in enumerate(keys):
            words = list(dict.fromkeys(key.split()))
            self._key_item.append(item_no)
            self._key_text.append(key)
            self._key_words.append(min(len(words), 255))
            for word in words:
                keys_by_own_word[word].append(key_no)
            # Short names run together too ("peanutbutter"); long ones nobody types so.
            joined = [key.replace(" ", "")] if len(words) <= JOINED_WORDS else []
            for word in {*words, *joined}:
                keys_by_word[word].append(key_no)
        self._keys_by_word = {word: array("I", keys) for word, keys in keys_by_word.items()}
        """Word → keys containing it, including a key's words run together ("peanutbutter")."""
        self._keys_by_own_word = {w: array("I", keys) for w, keys in keys_by_own_word.items()}
        """Word → keys containing it as written."""
        self._vocabulary = sorted(self._keys_by_word)
        self._keys_in_order = array(
            "I", sorted(range(len(self._key_text)), key=self._key_text.__getitem__)
        )
        by_gram: dict[str, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            for gram in _trigrams(word):
                by_gram[gram].append(word)
        self._by_gram = {sys.intern(gram): words for gram, words in by_gram.items()}
        # People type the same few prefixes over and over; the index never changes.
        self._remembered = functools.lru_cache(maxsize=SEARCHES_REMEMBERED)(self._search)

    def search(self, query: str, limit: int) -> list[T]:
        """Items best matching `query`, best first; [] for a query with no letters or digits."""
        return list(self._remembered(query, limit))

    def _search(self, query: str, limit: int) -> tuple[T, ...]:
        typed = normalise(query[:MAX_QUERY_CHARS]).split()[:MAX_QUERY_WORDS]
        text = " ".join(map(stem, typed))
        # Whether a token is short is judged as typed: "peas" is a word, though its stem is not.
        pairs = [(stem(word), word) for word in typed if word not in FILLER_WORDS] or [
            (stem(word), word) for word in typed
        ]
        tokens = [token for token, _ in pairs]
        if not tokens:
            return ()
        long_tokens = [(token, word) for token, word in pairs if len(word) >= WORD_LETTERS]
        short_tokens = [token for token, word in pairs if len(word) < WORD_LETTERS]
        best: dict[int, tuple[float, int]] = {}  # item → its best (score, -length of key)
        if not long_tokens:  # a letter or two: the keys that start so
            self._prefixed(best, text, tokens, limit)
            return self._top(best, limit)
        token_scores = [self._word_scores(token, word) for token, word in long_tokens]
        query_cover, key_cover = self._covers(token_scores, short_tokens)
        self._ranked(best, query_cover.items(), text, tokens, key_cover)
        return self._top(best, limit)

    def _covers(
        self, token_scores: list[dict[str, float]], short_tokens: list[str]
    ) -> tuple[dict[int, float], dict[int, float]]:
        """For each key any token finds: how much of the query it explains (the sum of its best
        per token), and how much of it the query explains (the sum of its words' best)."""
        word_best: dict[str, float] = {}  # word → its best score over the tokens
        for scores in token_scores:
            for word, score in scores.items():
                word_best[word] = max(score, word_best.get(word, 0.0))
        query_cover: dict[int, float] = defaultdict(float)
        for scores in token_scores:
            token_best: dict[int, float] = {}  # key → the best score of its words
            for level in sorted(set(scores.values()), reverse=True):
                found = set().union(
                    *(self._keys_by_word.get(word, ()) for word, s in scores.items() if s == level)
                )
                found.difference_update(token_best)
                token_best.update(dict.fromkeys(found, level))
            for key_no, score in token_best.items():
                query_cover[key_no] += score
        key_cover: dict[int, float] = defaultdict(float)
        for word, score in word_best.items():
            for key_no in self._keys_by_own_word.get(word, ()):
                key_cover[key_no] += score
        # A short token counts where it is a whole word ("guo"), and where it starts a word of
        # a key the longer tokens found; the start of every word it could be is too many.
        for token in short_tokens:
            exact = set(self._keys_by_own_word.get(token, ()))
            for key_no in exact:
                query_cover[key_no] += EXACT
                key_cover[key_no] += EXACT
            within = f" {token}"  # a word of the key starts with the token
            for key_no in [k for k in query_cover if k not in exact]:
                key = self._key_text[key_no]
                if key.startswith(token) or within in key:
                    query_cover[key_no] += PREFIX
                    key_cover[key_no] += PREFIX
        return query_cover, key_cover

    def _prefixed(
        self,
        best: dict[int, tuple[float, int]],
        text: str,
        tokens: list[str],
        limit: int,
    ) -> None:
        """Scores the keys that start with ``text``, the highest boost first, until the rest
        could not rank among the first ``limit`` (their boost is all that tells them apart)."""
        order, texts = self._keys_in_order, self._key_text
        start = bisect.bisect_left(order, text, key=texts.__getitem__)
        after_same = bisect.bisect_right(order, text, lo=start, key=texts.__getitem__)
        end = bisect.bisect_left(order, text + AFTER_ALL, lo=after_same, key=texts.__getitem__)

        def score(keys: Iterable[int]) -> None:
            self._ranked(best, ((key_no, 1.0) for key_no in keys), text, tokens)

        score(order[start:after_same])  # the keys equal to it, which score more
        rest = sorted(order[after_same:end])
        for at in range(0, len(rest), CHUNK):
            if self._out_of_reach(best, limit, KEY_PREFIX + self._boost_of(rest[at])):
                break
            score(rest[at : at + CHUNK])

    def _boost_of(self, key_no: int) -> float:
        return self._boosts[self._key_item[key_no]] if self._boosts else 0.0

    @staticmethod
    def _out_of_reach(best: dict[int, tuple[float, int]], limit: int, most: float) -> bool:
        """Whether a key scoring at most ``most`` would rank below the first ``limit`` items."""
        return len(best) >= limit and heapq.nlargest(limit, best.values())[-1][0] > most

    def _ranked(
        self,
        best: dict[int, tuple[float, int]],
        covers: Iterable[tuple[int, float]],
        text: str,
        tokens: list[str],
        key_cover: Mapping[int, float] | None = None,
    ) -> None:
        """Scores keys into ``best`` (item → its best rank): ``covers`` holds each candidate key
        with how much of the query it explains (the sum over tokens); ``key_cover``, how much of
        the key the query explains (the sum over the key's words). A key that starts with the
        query or is made of its words scores by that alone."""
        in_any_order = sorted(tokens)
        n_tokens = len(tokens)
        boosts, explains = self._boosts, key_cover or {}
        key_item, key_text, key_words = self._key_item, self._key_text, self._key_words
        for key_no, covered in covers:
            item_no, key, n_words = key_item[key_no], key_text[key_no], key_words[key_no]
            share = covered / n_tokens
            if key.startswith(text):
                score, share = (WHOLE_KEY if key == text else KEY_PREFIX), 1.0
            elif n_words == n_tokens and sorted(key.split()) == in_any_order:
                score, share = WHOLE_KEY, 1.0
            else:
                explained = explains.get(key_no, 0.0) / n_words
                score = QUERY_SHARE * share + (1 - QUERY_SHARE) * explained
                if score < MIN_SCORE:
                    continue
            if boosts:  # in proportion to how much of the query the key explains
                score += boosts[item_no] * (share if share < 1.0 else 1.0)
            rank = (score, -len(key))
            if rank > best.get(item_no, NO_RANK):
                best[item_no] = rank

    def _top(self, best: dict[int, tuple[float, int]], limit: int) -> tuple[T, ...]:
        """The first ``limit`` items by rank (the first in entry order among equals)."""
        order = heapq.nlargest(limit, best, key=lambda item_no: (best[item_no], -item_no))
        return tuple(self._items[item_no] for item_no in order)

    def _word_scores(self, token: str, typed: str) -> dict[str, float]:
        """How well `token` (the stem of `typed`) matches each vocabulary word it could mean
        (others score 0). A word typed in full ("peas") starts no longer words ("peaches") but
        the stem its plural has; one that may be half-typed ("pea") starts them all."""
        scores: dict[str, float] = {token: EXACT} if token in self._keys_by_word else {}
        start_of = typed if typed != token else token
        start = bisect.bisect_left(self._vocabulary, start_of)
        for word in self._vocabulary[start:]:
            if not word.startswith(start_of):
                break
            scores.setdefault(word, PREFIX)
        if token in scores:  # a whole word as typed: the longer words it starts are less likely
            scores.update((w, BEYOND_WORD) for w, score in scores.items() if score == PREFIX)
        if scores or len(token) < TYPO_LETTERS:
            # Words it starts outscore any typo reading by more than TYPO_MARGIN (see below).
            return scores
        closed, opened = _trigrams(token), _trigrams(token, closed=False)
        shared = Counter(itertools.chain.from_iterable(self._by_gram.get(g, ()) for g in closed))
        # Fewer grams in common than this is too few for any word (see the similarity below),
        # which leaves the words that may start with the token's letters swapped.
        fewest = min(MIN_FUZZY * len(opened), MIN_FUZZY / 2 * (len(closed) + 1)) - BOUND_SLACK
        first, letters = token[0], len(token)
        for word, count in shared.items():
            if count < fewest and (word[0] != first or len(word) < letters):
                continue
            in_prefix = count - word.endswith(token[-2:])  # less the gram of the token's end
            similarity = max(2 * count / (len(closed) + len(word)), in_prefix / len(opened))
            if similarity >= MIN_FUZZY or _is_transposed_prefix(token, word):
                closeness = _closeness(token, word)
                if closeness >= MIN_CLOSENESS:
                    scores[word] = FUZZY_BASE + FUZZY_SPAN * closeness
        # A typo is read as the words it is closest to, not as every word it resembles a bit
        # ("rasberries" is raspberries, not blueberries); words it starts always stay.
        best = max(scores.values(), default=0.0)
        return {
            word: score
            for word, score in scores.items()
            if score >= PREFIX or score >= best - TYPO_MARGIN
        }


def _closeness(token: str, word: str) -> float:
    """1 − edits per letter between ``token`` and ``word``, or the start of ``word`` as long as
    the token (people are mid-way through typing), a whole word counting slightly closer."""
    most = int(len(token) * (1 - MIN_CLOSENESS))  # more edits than this is not close
    edits = float(_edits(token, word, most))
    if len(word) > len(token):
        edits = min(edits, _edits(token, word[: len(token)], most) + 0.5)
    return 1 - edits / len(token)


def _edits(a: str, b: str, most: int) -> int:
    """Letters inserted, deleted, changed or swapped with a neighbour to turn a into b; any
    number above ``most`` once it is certain to be more."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        above, row = row, [i]
        for j, y in enumerate(b, 1):
            cost = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        if min(row) > most:
            return most + 1
        before = above
    return row[-1]


def _is_transposed_prefix(token: str, word: str) -> bool:
    """Whether `token` is the start of `word` with letters swapped: "slamon" → "salmon"."""
    return len(token) >= 4 and token[0] == word[0] and sorted(token) == sorted(word[: len(token)])
