"""Connecting to Neo4j with the official driver, with one-line errors for the usual failures."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

T = TypeVar("T")

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_TIMEOUT = 10.0


class StoreError(Exception):
    """A Neo4j problem said in one line (server down, wrong credentials, timeout, refused query)."""


@dataclass(frozen=True)
class Settings:
    uri: str = DEFAULT_URI
    username: str = "neo4j"
    password: str = ""
    database: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        username: str | None = None,
        database: str | None = None,
        timeout: float | None = None,
    ) -> Settings:
        """Options win over the environment (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).

        The password comes only from the environment, never from the command line.
        """
        return cls(
            uri=uri or os.environ.get("NEO4J_URI", DEFAULT_URI),
            username=username or os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
            timeout=timeout or DEFAULT_TIMEOUT,
        )


def describe(exc: Exception, settings: Settings) -> str:
    """One line that says what went wrong and what to check."""
    if isinstance(exc, AuthError):
        return f"Neo4j at {settings.uri} refused user '{settings.username}': check NEO4J_USERNAME and NEO4J_PASSWORD"
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return f"cannot reach Neo4j at {settings.uri} (is the server running? check NEO4J_URI)"
    if isinstance(exc, TimeoutError):
        return f"Neo4j at {settings.uri} did not answer within {settings.timeout:g} s"
    if isinstance(exc, ClientError) and "Writing in read access mode" in (exc.message or ""):
        return "the query writes, but `pathways neo4j query` only reads; writes are refused"
    if isinstance(exc, Neo4jError):
        return f"Neo4j refused the request: {exc.code}: {(exc.message or '').splitlines()[0] if exc.message else ''}"
    if isinstance(exc, (DriverError, OSError, ValueError)):
        return f"Neo4j at {settings.uri}: {exc}"
    return f"Neo4j at {settings.uri}: {type(exc).__name__}: {exc}"


@contextmanager
def connect(settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver; any failure to connect becomes a :class:`StoreError`."""
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=settings.timeout,
            connection_acquisition_timeout=settings.timeout,
            max_transaction_retry_time=settings.timeout,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ValueError, DriverError) as exc:
        raise StoreError(describe(exc, settings)) from None
    try:
        try:
            driver.verify_connectivity()
        except Exception as exc:
            raise StoreError(describe(exc, settings)) from None
        yield driver
    finally:
        driver.close()


def guarded(settings: Settings, work: Callable[[], T]) -> T:
    """Run ``work``; a driver or server error becomes a :class:`StoreError`."""
    try:
        return work()
    except StoreError:
        raise
    except (Neo4jError, DriverError, OSError, TimeoutError) as exc:
        raise StoreError(describe(exc, settings)) from None
