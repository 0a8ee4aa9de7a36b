"""The REST API and the dashboard it serves: `create_app(store)` is the whole library surface."""

from __future__ import annotations

from sitroom.api.app import ApiSettings, create_app, find_node_modules

__all__ = ["ApiSettings", "create_app", "find_node_modules"]
