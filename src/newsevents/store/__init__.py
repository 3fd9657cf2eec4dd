"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) through the same code."""

from newsevents.store.repository import EventQuery, Store, WriteResult, database_url

__all__ = ["EventQuery", "Store", "WriteResult", "database_url"]
