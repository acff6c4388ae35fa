"""The API's routers: thin, each a call into graph/reads.py with a response model."""
