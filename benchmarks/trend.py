"""The trend of a series of timings: the least-squares slope per step in per cent of their
mean, with its standard error, so that growth can be told from the scatter of a shared machine."""

from __future__ import annotations

import statistics

__all__ = ["trend", "trend_error"]


def trend(times: list[float]) -> float | None:
    """The least-squares slope of the times, per push, in per cent of their mean: whether
    pushes grow slower one after the other, apart from the scatter of a shared machine."""
    if len(times) < 2 or not statistics.fmean(times):
        return None
    slope = statistics.linear_regression(range(len(times)), times).slope
    return round(100 * slope / statistics.fmean(times), 1)


def trend_error(times: list[float]) -> float | None:
    """The standard error of :func:`trend`, in the same per cent: a trend within two of
    these of zero is the scatter, not growth."""
    n = len(times)
    if n < 3 or not statistics.fmean(times):
        return None
    fit = statistics.linear_regression(range(n), times)
    residuals = sum((t - fit.intercept - fit.slope * x) ** 2 for x, t in enumerate(times))
    spread = sum((x - (n - 1) / 2) ** 2 for x in range(n))
    return round(100 * (residuals / (n - 2) / spread) ** 0.5 / statistics.fmean(times), 1)
