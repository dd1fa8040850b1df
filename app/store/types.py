"""Column types that behave the same on SQLite and PostgreSQL, and values for JSON columns.

SQLite keeps no time zone: every timestamp is stored as naive UTC and handed back
as an aware UTC datetime, so the domain never sees a naive time.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def json_safe(values: dict[str, Any]) -> dict[str, Any]:
    """A dict a JSON column takes: dates in ISO form, amounts and other objects as text."""
    return {key: _json_value(value) for key, value in values.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return json_safe(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return str(value)       # Decimal, enums, paths
