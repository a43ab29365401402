"""Facts across articles: entities resolved through the alias list, then claims grouped
by (entity, predicate) and compared. The comparison rules live in `compare.py`."""
from __future__ import annotations

import sqlite_utils

from .entities import clean_entity
from .normalize import fold


def entity_key(name: str) -> str:
    """The form an entity name is compared in: Simplified, descriptors dropped."""
    return clean_entity(fold(name.strip())) if name else ""


def canonical_entity(db: sqlite_utils.Database, name: str) -> str:
    """The canonical entity for a name, through the alias list (掌眾金融 -> 掌众金融)."""
    key = entity_key(name)
    if not key:
        return key
    row = db.execute("SELECT entity FROM aliases WHERE alias = ?", [key]).fetchone()
    return row[0] if row else key
