"""geokg: a knowledge graph of geopolitical actors and events built from news."""

__version__ = "0.1.0"
