"""Candidate generation with a proven bound.

The paragraphs that can score are split into streams, each read best first with a bound on
the score of anything it has not yet given:

- for each set S of query words (all of them first), the paragraphs holding the words of S
  and none of the others, read in BM25 order; split again, when the query asks for a figure
  ("identified"), into those that state one and those that do not. A unit's score is at most
  `Scorer.bound(S, answering, rank)`, and the rank only grows along a stream;
- the paragraphs that carry a topic tag the query names without holding any of its words,
  in corpus order.

Search reads the stream with the best bound until the k-th best score found is above every
stream's bound: the result is the same as scoring every matching paragraph. A query of more
than MAX_STAGED_GROUPS words is one stream in BM25 order (2^n sets would be too many).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

from tipcli.index.lookup import Answers, Scope, SearchIndex
from tipcli.search.forms import Forms
from tipcli.search.query import Query
from tipcli.search.scoring import Scorer

MAX_STAGED_GROUPS = 6
Position = tuple[int, int]
UNKNOWN: Position = (-1, -1)  # before every position: the stream's order says nothing of it


class Plan:
    """One stream: the groups its paragraphs may hold, whether they answer the query
    (None: either), and its FTS5 expression (empty: the tagged paragraphs)."""

    __slots__ = ("answering", "expression", "held")

    def __init__(self, held: tuple[int, ...], answering: bool | None, expression: str) -> None:
        self.held = held
        self.answering = answering
        self.expression = expression


class Stream:
    """A stream being read: its bound and how far it has been read."""

    __slots__ = ("after", "batches", "bound", "plan")

    def __init__(self, plan: Plan, bound: float) -> None:
        self.plan = plan
        self.bound = bound
        self.batches: Iterator[list[tuple[int, float | None]]] | None = None
        self.after: Position = UNKNOWN  # corpus-ordered streams: what is left comes after this

    def floor(self) -> tuple[float, Position, float]:
        """The best sort key anything left in the stream can have."""
        return (-self.bound, self.after, math.inf if self.after != UNKNOWN else -math.inf)


def any_expression(index: SearchIndex, forms: Sequence[Forms], query: Query) -> str:
    """The expression of every paragraph holding any query word (and the quoted phrases)."""
    return index.any_of([list(f) for f in forms if f], query.phrases)


def plans(index: SearchIndex, forms: Sequence[Forms], query: Query, answers: Answers) -> list[Plan]:
    """The streams of a query, best bound first is the caller's business."""
    present = [g for g, f in enumerate(forms) if f]
    splits: tuple[bool | None, ...] = (True, False) if answers.measures else (None,)
    out: list[Plan] = []
    if len(present) > MAX_STAGED_GROUPS:
        expression = any_expression(index, forms, query)
        out += [Plan(tuple(present), a, expression) for a in splits]
    else:
        for size in range(len(present), 0, -1):
            for held in itertools.combinations(present, size):
                need = [list(forms[g]) for g in held]
                avoid = [list(forms[g]) for g in present if g not in held]
                expression = index.expression(need, avoid, query.phrases)
                out += [Plan(held, a, expression) for a in splits]
    if answers.tags and not query.phrases:
        out.append(Plan((), None, ""))
    return out


def open_stream(
    index: SearchIndex, plan: Plan, scope: Scope, answers: Answers, everything: str
) -> Iterator[list[tuple[int, float | None]]]:
    """The stream's batches of (row id, BM25 rank or None)."""
    if plan.expression:
        for ranked in index.ranked(plan.expression, scope, answers, plan.answering):
            yield [(rowid, rank) for rowid, rank in ranked]
    else:
        for rowids in index.tagged_without(everything, scope, answers):
            yield [(rowid, None) for rowid in rowids]


def initial_streams(
    scorer: Scorer, index: SearchIndex, forms: Sequence[Forms], answers: Answers
) -> list[Stream]:
    """Unopened streams with their bounds."""
    return [
        # A tagged paragraph without the query's words has no BM25 (rank 0: no salience).
        Stream(plan, scorer.bound(plan.held, plan.answering, None if plan.expression else 0.0))
        for plan in plans(index, forms, scorer.query, answers)
    ]
