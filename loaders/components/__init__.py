"""spaCy components of the geokg pipeline, registered with @Language.factory on import."""

from loaders.components import actors, relations  # noqa: F401  (registers the factories)
