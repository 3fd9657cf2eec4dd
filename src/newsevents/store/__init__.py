"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) through the same code."""

from newsevents.store.repository import Batch, EventQuery, Store, StoredCluster, WriteResult, database_url

__all__ = ["Batch", "EventQuery", "Store", "StoredCluster", "WriteResult", "database_url"]
