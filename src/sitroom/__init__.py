"""sitroom: news reports of armed violence into a sourced, geocoded, deduplicated incident record."""

from __future__ import annotations

__version__ = "0.1.0"
