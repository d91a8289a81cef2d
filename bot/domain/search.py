"""Typo-tolerant search over short texts (names, aliases, authors), fast enough for autocomplete.

Everything that does not depend on the query is worked out once when the index is built: each
distinct text in search form (normalised, each word stemmed) once, in order, for look-ups by
their start, with the items it belongs to ("beef" names hundreds of foods); a sorted
vocabulary for prefix look-ups, the texts of each word, and an inverted index of trigrams for
typos. A query then scores each vocabulary word it could match, each text by its words, and
the items of a text by their boost, if given: a prior for what people usually mean among
near-equal matches.

Items are ranked by boost, highest first, and each text lists its items in that order: among
the items of one text only the first ``limit`` (and any tied with the last) can rank, and
texts are ranked by the best their items could score, so scoring stops once no text left could
rank among the first ``limit``. A query of short words finds the texts that start with it,
whose items differ only by their boost: it scores them in that order and stops likewise (a
common start such as "bee" or "chi" starts a thousand texts, of which it scores a few dozen).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
Rank = tuple[float, int, int]
"""An item's rank: its score, then the shorter text, then the first item."""

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
NO_RANK = (-1.0, 0, 0)
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
        self._items: list[T] = []
        item_texts: list[dict[str, None]] = []
        for item, texts in entries:
            self._items.append(item)
            item_texts.append(dict.fromkeys(filter(None, map(prepare, texts))))
        boosts = tuple(boosts) or (0.0,) * len(self._items)
        # Items ranked by boost, highest first (in entry order among equals).
        by_rank = sorted(range(len(self._items)), key=lambda item_no: -boosts[item_no])
        self._rank_item = array("I", by_rank)
        self._rank_boost = array("d", (boosts[item_no] for item_no in by_rank))
        holders: dict[str, list[int]] = defaultdict(list)  # text → the ranks of its items
        for rank, item_no in enumerate(by_rank):
            for text in item_texts[item_no]:
                holders[text].append(rank)
        del item_texts
        self._texts = sorted(holders)
        """Each distinct text once, in order (those starting alike are together)."""
        # Per text, flat: its items' ranks are _entry_rank[_text_start[t] : _text_start[t + 1]]
        # (best first); _entry_text is the text of each entry.
        self._text_start = array("I", [0])
        self._entry_rank = array("I")
        self._entry_text = array("I")
        self._text_words = array("B")
        self._text_boost = array("d")
        """The highest boost among a text's items."""
        texts_by_word: dict[str, list[int]] = defaultdict(list)
        texts_by_own_word: dict[str, list[int]] = defaultdict(list)
        for text_no, text in enumerate(self._texts):
            ranks = holders.pop(text)
            self._text_boost.append(self._rank_boost[ranks[0]])
            self._entry_rank.extend(ranks)
            self._entry_text.extend([text_no] * len(ranks))
            self._text_start.append(len(self._entry_rank))
            words = list(dict.fromkeys(text.split()))
            self._text_words.append(min(len(words), 255))
            for word in words:
                texts_by_own_word[word].append(text_no)
            # Short names run together too ("peanutbutter"); long ones nobody types so.
            joined = [text.replace(" ", "")] if len(words) <= JOINED_WORDS else []
            for word in {*words, *joined}:
                texts_by_word[word].append(text_no)
        self._vocabulary = sorted(texts_by_word)
        """Every word of a text, and a short text's words run together ("peanutbutter")."""
        self._by_word = Postings(self._vocabulary, texts_by_word)
        """Word → the texts containing it, including run together."""
        self._by_own_word = Postings(self._vocabulary, texts_by_own_word)
        """Word → the texts containing it as written."""
        by_gram: dict[str, list[int]] = defaultdict(list)
        for word_no, word in enumerate(self._vocabulary):
            for gram in _trigrams(word):
                by_gram[gram].append(word_no)
        self._by_gram = Postings(sorted(by_gram), by_gram)
        """Trigram → the numbers of the vocabulary words holding it."""
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
        best: dict[int, Rank] = {}  # item → its best rank
        if not long_tokens:  # a letter or two: the texts that start so
            self._prefixed(best, text, limit)
            return self._top(best, limit)
        token_scores = [self._word_scores(token, word) for token, word in long_tokens]
        query_cover, text_cover = self._covers(token_scores, short_tokens)
        self._ranked(best, query_cover, text_cover, text, tokens, limit)
        return self._top(best, limit)

    def _covers(
        self, token_scores: list[dict[str, float]], short_tokens: list[str]
    ) -> tuple[dict[int, float], dict[int, float]]:
        """For each text any token finds: how much of the query it explains (the sum of its
        best per token), and how much of it the query explains (the sum of its words' best)."""
        word_best: dict[str, float] = {}  # word → its best score over the tokens
        for scores in token_scores:
            for word, score in scores.items():
                word_best[word] = max(score, word_best.get(word, 0.0))
        bests = [self._token_best(scores) for scores in token_scores]
        query_cover: dict[int, float] = defaultdict(float, bests[0])
        for token_best in bests[1:]:
            for text_no, score in token_best.items():
                query_cover[text_no] += score
        text_cover: dict[int, float] = defaultdict(float)
        for word, score in word_best.items():
            for text_no in self._by_own_word.get(word):
                text_cover[text_no] += score
        # A short token counts where it is a whole word ("guo"), and where it starts a word of
        # a text the longer tokens found; the start of every word it could be is too many.
        for token in short_tokens:
            exact = set(self._by_own_word.get(token))
            for text_no in exact:
                query_cover[text_no] += EXACT
                text_cover[text_no] += EXACT
            within = f" {token}"  # a word of the text starts with the token
            for text_no in [t for t in query_cover if t not in exact]:
                found_text = self._texts[text_no]
                if found_text.startswith(token) or within in found_text:
                    query_cover[text_no] += PREFIX
                    text_cover[text_no] += PREFIX
        return query_cover, text_cover

    def _token_best(self, scores: dict[str, float]) -> dict[int, float]:
        """Text → the best score of its words for a token (``scores``, by word)."""
        token_best: dict[int, float] = {}
        for level in sorted(set(scores.values()), reverse=True):
            found = set().union(
                *(self._by_word.get(word) for word, s in scores.items() if s == level)
            )
            found.difference_update(token_best)
            token_best.update(dict.fromkeys(found, level))
        return token_best

    def _prefixed(self, best: dict[int, Rank], text: str, limit: int) -> None:
        """Scores the items of the texts that start with ``text``, the highest boost first,
        until the rest could not rank among the first ``limit`` (their boost is all that tells
        them apart)."""
        texts, starts = self._texts, self._text_start
        first, end = self._starting(text)
        if first < end and texts[first] == text:  # the items named so, which score more
            self._rank(best, first, WHOLE_KEY, 1.0, limit)
            first += 1
        at, stop = starts[first], starts[end]
        rest = sorted(zip(self._entry_rank[at:stop], self._entry_text[at:stop], strict=True))
        rank_item, rank_boost = self._rank_item, self._rank_boost
        for chunk_at in range(0, len(rest), CHUNK):
            if self._out_of_reach(best, limit, KEY_PREFIX + rank_boost[rest[chunk_at][0]]):
                break
            for rank, text_no in rest[chunk_at : chunk_at + CHUNK]:
                item_no = rank_item[rank]
                found = (KEY_PREFIX + rank_boost[rank], -len(texts[text_no]), -item_no)
                if found > best.get(item_no, NO_RANK):
                    best[item_no] = found

    def _starting(self, text: str) -> tuple[int, int]:
        """The numbers of the texts that start with ``text``: from the first, to the end."""
        first = bisect.bisect_left(self._texts, text)
        return first, bisect.bisect_left(self._texts, text + AFTER_ALL, lo=first)

    @staticmethod
    def _out_of_reach(best: dict[int, Rank], limit: int, most: float) -> bool:
        """Whether an item scoring at most ``most`` would rank below the first ``limit``."""
        return len(best) >= limit and heapq.nlargest(limit, best.values())[-1][0] > most

    def _ranked(
        self,
        best: dict[int, Rank],
        query_cover: Mapping[int, float],
        text_cover: Mapping[int, float],
        text: str,
        tokens: list[str],
        limit: int,
    ) -> None:
        """Scores texts into ``best`` (item → its best rank): ``query_cover`` holds each
        candidate text with how much of the query it explains (the sum over tokens);
        ``text_cover``, how much of the text the query explains (the sum over its words). A
        text that starts with the query or is made of its words scores by that alone."""
        in_any_order = sorted(tokens)
        n_tokens = len(tokens)
        texts, text_words, top_boost = self._texts, self._text_words, self._text_boost
        first, end = self._starting(text)
        scored: list[tuple[float, float, float, int]] = []  # (its best total, score, share, text)
        for text_no, covered in query_cover.items():
            if first <= text_no < end:  # it starts with the query
                score, share = (WHOLE_KEY if texts[text_no] == text else KEY_PREFIX), 1.0
            elif text_words[text_no] == n_tokens and sorted(texts[text_no].split()) == in_any_order:
                score, share = WHOLE_KEY, 1.0
            else:
                share = covered / n_tokens
                explained = text_cover.get(text_no, 0.0) / text_words[text_no]
                score = QUERY_SHARE * share + (1 - QUERY_SHARE) * explained
                if score < MIN_SCORE:
                    continue
                share = min(share, 1.0)
            # The boost counts in proportion to how much of the query the text explains.
            scored.append((score + top_boost[text_no] * share, score, share, text_no))
        scored.sort(reverse=True)
        for at, (most, score, share, text_no) in enumerate(scored):
            if at % CHUNK == 0 and self._out_of_reach(best, limit, most):
                break
            self._rank(best, text_no, score, share, limit)

    def _rank(
        self,
        best: dict[int, Rank],
        text_no: int,
        score: float,
        share: float,
        limit: int,
    ) -> None:
        """Ranks the items of a text scoring ``score`` plus ``share`` of their boost: the
        highest boost first, only as many as could rank among the first ``limit`` (those
        after the ``limit``-th that score less than it rank below it and it is kept)."""
        length = -len(self._texts[text_no])
        rank_item, rank_boost = self._rank_item, self._rank_boost
        cutoff = NO_RANK[0]
        for seen, rank in enumerate(
            self._entry_rank[self._text_start[text_no] : self._text_start[text_no + 1]]
        ):
            total = score + rank_boost[rank] * share
            if seen >= limit and total < cutoff:
                break
            if seen == limit - 1:
                cutoff = total
            item_no = rank_item[rank]
            found = (total, length, -item_no)
            if found > best.get(item_no, NO_RANK):
                best[item_no] = found

    def _top(self, best: dict[int, Rank], limit: int) -> tuple[T, ...]:
        """The first ``limit`` items by rank."""
        return tuple(self._items[-rank[2]] for rank in heapq.nlargest(limit, best.values()))

    def _word_scores(self, token: str, typed: str) -> dict[str, float]:
        """How well `token` (the stem of `typed`) matches each vocabulary word it could mean
        (others score 0). A word typed in full ("peas") starts no longer words ("peaches") but
        the stem its plural has; one that may be half-typed ("pea") starts them all."""
        scores: dict[str, float] = {token: EXACT} if token in self._by_word else {}
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
        shared = Counter(itertools.chain.from_iterable(map(self._by_gram.get, closed)))
        # Fewer grams in common than this is too few for any word (see the similarity below),
        # which leaves the words that may start with the token's letters swapped.
        fewest = min(MIN_FUZZY * len(opened), MIN_FUZZY / 2 * (len(closed) + 1)) - BOUND_SLACK
        first, letters = token[0], len(token)
        for word_no, count in shared.items():
            word = self._vocabulary[word_no]
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


class Postings:
    """Word → the numbers of the texts holding it (or trigram → of the words, name → of the
    foods), in one flat array (a few thousand small arrays would each cost more than their
    contents)."""

    def __init__(self, vocabulary: list[str], holders: Mapping[str, list[int]]) -> None:
        self._vocabulary = vocabulary
        self._start = array("I", [0])
        self._texts = array("I")
        for word in vocabulary:
            self._texts.extend(holders.get(word, ()))
            self._start.append(len(self._texts))

    def __contains__(self, word: str) -> bool:
        return bool(self.get(word))

    def get(self, word: str) -> Sequence[int]:
        """The texts holding ``word``; none for a word outside the vocabulary."""
        at = bisect.bisect_left(self._vocabulary, word)
        if at == len(self._vocabulary) or self._vocabulary[at] != word:
            return ()
        return self._texts[self._start[at] : self._start[at + 1]]
