"""sitroom: news reports of armed violence into a sourced, geocoded, deduplicated incident record."""

from __future__ import annotations

__version__ = "0.1.0"


import sys as _sys
import types as _types
from typing import Any as _Any


class _CallableStagePackage(_types.ModuleType):
    """The `sitroom.extract` package, also callable: `sitroom.extract(text, "2023-12-04")`."""

    def __call__(self, *args: _Any, **kwargs: _Any) -> _Any:
        """Run `sitroom.pipeline.extract` (imported on first call, so `import sitroom` stays light)."""
        from sitroom.pipeline import extract

        return extract(*args, **kwargs)


class _Package(_types.ModuleType):
    """This package: binding the `extract` subpackage makes it callable instead of hiding the function."""

    def __setattr__(self, name: str, value: _Any) -> None:
        if name == "extract" and isinstance(value, _types.ModuleType):
            value.__class__ = _CallableStagePackage
        super().__setattr__(name, value)

    def __getattr__(self, name: str) -> _Any:
        if name == "extract":
            import importlib

            return importlib.import_module("sitroom.extract")
        raise AttributeError(f"module 'sitroom' has no attribute {name!r}")


_sys.modules[__name__].__class__ = _Package
