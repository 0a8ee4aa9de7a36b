"""The geocode stage: an offline gazetteer (SQLite) and toponym recognition and resolution in context.

>>> from sitroom.geocode import Gazetteer, Geocoder  # doctest: +SKIP
>>> geocoder = Geocoder(Gazetteer.open(), nlp)  # doctest: +SKIP
>>> geocoder.find_places("Rockets hit Rumalyn Landing Zone, Syria.")[0].place.kind  # doctest: +SKIP
'site'
"""

from __future__ import annotations

from sitroom.geocode.gazetteer import (
    Candidate,
    Gazetteer,
    build_gazetteer,
    data_version,
    default_gazetteer_path,
)
from sitroom.geocode.geocoder import Geocoder

__all__ = ["Candidate", "Gazetteer", "Geocoder", "build_gazetteer", "data_version", "default_gazetteer_path"]
