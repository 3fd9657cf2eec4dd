"""A small per-process cache of expensive read results, valid for one state of the database.

What it holds (see `newsevents.api.queries`): for event filters that are costly to evaluate (a text
query, an actor), the ordered keys (date, event id) of every matching event — so the next pages of
that list and its exact total cost a slice and a primary-key lookup instead of re-running the
full-text join or the actor scan; the ranking of an article search (the next page only builds its
snippets); story views. A first request still does all the work.

Why it is correct under concurrent writes: every entry is stored with the database's data version,
read from a dedicated SQLite connection that never writes (`PRAGMA data_version` changes on it
whenever *any* other connection — an ingest in this process, another worker, the CLI — commits).
An entry is only served while the version it was computed at is still current. A reader that checks
the version just before a commit may store rows newer than its version; the version has moved by
then, so that entry is never served. Nothing is cached for PostgreSQL or in-memory SQLite (no
cheap, reliable version there), and `NEWSEVENTS_API_CACHE=0` turns the cache off (measurements).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from newsevents.store import Store

MAX_ENTRIES = 512
MAX_ITEMS = 200_000
"""Keys held across all entries (about 150 bytes each: ~30 MB at most); a larger result is not kept."""


class _Watcher:
    """A read-only connection that only asks SQLite whether anyone committed since last time."""

    _serials = itertools.count(1)

    def __init__(self, path: str) -> None:
        self.serial = next(self._serials)  # versions of two databases (or two openings) never compare equal
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                           check_same_thread=False)
        self._lock = threading.Lock()

    def version(self) -> tuple[int, int]:
        with self._lock:
            return self.serial, int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._connection.close()


Version = tuple[int, int]
"""(which opening of which database, its SQLite data version)."""

_watchers: weakref.WeakKeyDictionary[Store, _Watcher | None] = weakref.WeakKeyDictionary()
_watchers_lock = threading.Lock()


def enabled() -> bool:
    return os.environ.get("NEWSEVENTS_API_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


def data_version(store: Store) -> Version | None:
    """The current version of `store`'s data, or None when it cannot be known cheaply (no caching)."""
    if not enabled():
        return None
    with _watchers_lock:
        if store not in _watchers:
            _watchers[store] = _open_watcher(store)
        watcher = _watchers[store]
    if watcher is None:
        return None
    try:
        return watcher.version()
    except sqlite3.Error:
        return None


def _open_watcher(store: Store) -> _Watcher | None:
    url = store.engine.url
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    try:
        return _Watcher(os.path.abspath(path))
    except sqlite3.Error:
        return None


def forget(store: Store) -> None:
    """Close the version watcher of a store being closed, and drop its entries."""
    with _watchers_lock:
        watcher = _watchers.pop(store, None)
    if watcher is not None:
        watcher.close()
    RESULTS.clear()


class ResultCache:
    """A thread-safe LRU of (key, version) → value, bounded in entries and in total items."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_items: int = MAX_ITEMS) -> None:
        self.max_entries = max_entries
        self.max_items = max_items
        self._entries: OrderedDict[Hashable, tuple[Version, Any, int]] = OrderedDict()
        self._items = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Version) -> Any | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] != version:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, version: Version, value: Any, *, size: int) -> None:
        """Keep `value` (of `size` items) for `version`; too large a value is not kept."""
        if size > self.max_items:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._items -= old[2]
            self._entries[key] = (version, value, size)
            self._items += size
            while self._entries and (len(self._entries) > self.max_entries or self._items > self.max_items):
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self._items -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._items = 0


RESULTS = ResultCache()
