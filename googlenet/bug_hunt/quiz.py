"""The quiz's bookkeeping: which lines a student checked for each listing, and what that scores."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .listings import BY_KEY, PUZZLES


@dataclass(frozen=True)
class Score:
    found: int            # listings where one of the checked lines was the bug
    first_try: int        # ... and the first line checked was it
    revealed_unfound: int  # listings whose fix was revealed before the bug was found
    total: int


def found(key: str, picks: Sequence[int]) -> bool:
    return any(BY_KEY[key].is_bug(line) for line in picks)


def score(picks: Mapping[str, Sequence[int]], revealed: Mapping[str, bool] | None = None) -> Score:
    """`picks`: listing key -> the lines checked, in order; `revealed`: listing key -> fix shown (before finding)."""
    revealed = revealed or {}
    n_found = sum(found(p.key, picks.get(p.key, ())) for p in PUZZLES)
    n_first = sum(bool(picks.get(p.key)) and p.is_bug(picks[p.key][0]) for p in PUZZLES)
    n_given = sum(bool(revealed.get(p.key)) and not found(p.key, picks.get(p.key, ())) for p in PUZZLES)
    return Score(n_found, n_first, n_given, len(PUZZLES))
