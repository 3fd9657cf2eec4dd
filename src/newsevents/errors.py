"""Exceptions raised by newsevents.

Every exception the library raises on purpose derives from `NewsEventsError` and carries a code
naming its subsystem, so that a user can search for it and a caller can catch one family::

    NewsEventsError
    ├── InputError      (I…)  an input file or record cannot be read as an article
    ├── ConfigError     (C…)  a setting, option or backend name is wrong
    ├── ExtractError    (X…)  a pipeline stage failed on an article
    └── StoreError      (S…)  the database cannot be opened, read or written
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class; `code` names the subsystem and the case, `message` says what to do."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class InputError(NewsEventsError):
    """An input cannot become an article. `origin` names the file (or file:line) at fault."""

    code = "I000"

    def __init__(self, origin: str, reason: str, *, code: str | None = None) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}", code=code)


class ConfigError(NewsEventsError):
    code = "C000"


class ExtractError(NewsEventsError):
    code = "X000"


class StoreError(NewsEventsError):
    code = "S000"
