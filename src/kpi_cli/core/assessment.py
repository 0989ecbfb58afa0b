"""The suggested assessment of a project: a documented rule from its KPIs' ratings at the review year.

The rule reads the assessment words by position (best first, worst last), so that it also
works with a plan's own vocabulary:

- every rated KPI 達成 or 順調 → the first word (default 概ね順調に展開);
- any KPI 悪化, or more than half 遅れ → the last word (default 遅れなどがあり改善が必要);
- otherwise → the middle word (default 課題等はあるが引き続き推進);
- no KPI rated for that year → no suggestion.

It is shown beside the assessment people write, never instead of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.core.trajectory import Rating


def suggested(ratings: Sequence[Rating], words: int) -> int | None:
    """The index of the suggested word among ``words`` assessments (None: nothing rated)."""
    rated = [r for r in ratings if r is not Rating.no_data]
    if not rated or words < 1:
        return None
    if all(r in (Rating.achieved, Rating.on_track) for r in rated):
        return 0
    behind = sum(1 for r in rated if r is Rating.behind)
    if any(r is Rating.worse for r in rated) or behind * 2 > len(rated):
        return words - 1
    return words // 2
