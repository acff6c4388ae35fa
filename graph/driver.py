"""The one Neo4j driver of a process: created at the edge (CLI, API lifespan) and passed in."""

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import DriverError, Neo4jError

from geokg.settings import Settings

# A local or LAN server answers in well under this; a dead one should fail fast, not hang a request.
CONNECTION_TIMEOUT = 10.0
# The driver's default (30 s of retries) suits batch ingestion; callers serving requests pass less.
DEFAULT_RETRY_TIME = 30.0


def create_driver(settings: Settings, *, max_transaction_retry_time: float = DEFAULT_RETRY_TIME) -> Driver:
    """A driver for the configured server; it connects lazily, so this never fails on a dead server."""
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=CONNECTION_TIMEOUT,
        max_transaction_retry_time=max_transaction_retry_time,
        # "Property/label does not exist" warnings are normal in a young graph; the driver would log each.
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )


def check_connection(driver: Driver) -> str | None:
    """The server's version (e.g. "5.26.30") when it answers, None when it does not."""
    try:
        agent = driver.get_server_info().agent
    except (DriverError, Neo4jError, OSError):
        return None
    return agent.split("/", 1)[-1]
