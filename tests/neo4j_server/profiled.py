"""Queries run with ``PROFILE`` through a wrapped driver, their database hits and page-cache
accesses added up: the work of a push, which a shared machine's load does not change.

    work = Work()
    push(cast(neo4j.Driver, Profiled(driver, work)), G, name)
    work.db_hits, work.page_hits
"""

from __future__ import annotations

import neo4j

__all__ = ["Profiled", "ProfiledResult", "Work"]


class Work:
    """Database hits and page-cache accesses of every query a push runs, each run with
    ``PROFILE``: the work of a push, which the machine's load does not change."""

    def __init__(self) -> None:
        self.db_hits = self.page_hits = 0

    def add(self, summary: neo4j.ResultSummary) -> None:
        stack = [summary.profile] if summary.profile else []
        while stack:
            step = stack.pop()
            self.db_hits += step.get("dbHits", 0)
            self.page_hits += step.get("pageCacheHits", 0) + step.get("pageCacheMisses", 0)
            stack.extend(step.get("children", []))


class Profiled:
    """A driver, session or transaction whose queries run with ``PROFILE`` (schema commands
    as they are), adding up their :class:`Work`."""

    def __init__(self, inner, work: Work) -> None:
        self.inner, self.work = inner, work

    def session(self, **kwargs) -> Profiled:
        return Profiled(self.inner.session(**kwargs), self.work)

    def __enter__(self) -> Profiled:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.inner.__exit__(*exc)

    def run(self, query: str, **params) -> ProfiledResult:
        schema = query.startswith(("CREATE CONSTRAINT", "CREATE INDEX"))
        return ProfiledResult(self.inner.run(query if schema else f"PROFILE {query}", **params), self.work)

    def execute_write(self, work, *args):
        return self.inner.execute_write(lambda tx, *a: work(Profiled(tx, self.work), *a), *args)


class ProfiledResult:
    def __init__(self, result: neo4j.Result, work: Work) -> None:
        self.result, self.work = result, work

    def __iter__(self):
        rows = list(self.result)
        self.consume()
        return iter(rows)

    def consume(self) -> None:
        self.work.add(self.result.consume())

    def single(self) -> neo4j.Record | None:
        record = self.result.single()
        self.consume()
        return record

    def value(self, key: str) -> list:
        values = self.result.value(key)
        self.consume()
        return values
