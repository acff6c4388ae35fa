"""User-written Cypher, read-only: a pre-check of the text, then a READ transaction with a timeout.

Two guards, each enough on its own against writes: `check_read_only` rejects a statement that
has a write, procedure, file, schema or admin keyword outside strings, comments and
backtick-quoted names; and the query runs in a read transaction, where Neo4j itself refuses
to write. The pre-check also keeps out what a read transaction would allow: procedures
(`CALL dbms.components()`), `SHOW DATABASES`, `USE system` and `LOAD CSV`.
"""

import base64
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, Transaction
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from schemas.io import CypherResult

# A keyword anywhere outside strings and comments rejects the query, even where Cypher would read
# it as a name (`{set: 1}`, a variable `start`): a false alarm costs a rename or backticks.
FORBIDDEN_KEYWORDS = frozenset(
    {
        # writes
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT",
        # procedures, subqueries, batched transactions
        "CALL", "PERIODIC", "TRANSACTIONS",
        # files
        "LOAD",
        # schema and administration (CREATE, too); USE would reach other databases
        "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "SHOW", "START", "STOP", "USE",
        "TERMINATE", "ENABLE", "DEALLOCATE", "REALLOCATE",
    }
)
# Namespaces of procedures and of plugin functions that may have side effects.
FORBIDDEN_NAMESPACES = frozenset({"APOC", "DBMS", "GDS"})

TOKENS = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>//[^\r\n]*|/\*.*?\*/)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<quoted>`(?:[^`]|``)*`)
    | (?P<unterminated>/\*|['"`])
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
IGNORED = frozenset({"space", "comment"})
# A word right after one of these (no space between) is a property key, parameter, label or type.
NAME_PREFIXES = frozenset(".$:")

TIMEOUT_CODES = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    }
)
ACCESS_MODE_CODE = "Neo.ClientError.Statement.AccessMode"


class CypherRejectedError(ValueError):
    """The query is not one read-only statement (found by the pre-check, or by Neo4j)."""


class CypherTimeoutError(RuntimeError):
    """Neo4j ended the query at its timeout."""


class CypherQueryError(ValueError):
    """Neo4j refused the query: a syntax error, a missing parameter, a failing function, ..."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokenize(query: str) -> list[Token]:
    """The query's tokens without whitespace and comments; strings and quoted names are one token."""
    tokens = (Token(match.lastgroup or "other", match.group(), match.start()) for match in TOKENS.finditer(query))
    return [token for token in tokens if token.kind not in IGNORED]


def describe(token: Token) -> str:
    return f"{token.text!r} at character {token.start}"


def is_name(token: Token, query: str) -> bool:
    return token.start > 0 and query[token.start - 1] in NAME_PREFIXES


def check_word(token: Token, query: str) -> None:
    if is_name(token, query):
        return
    word = token.text.upper()
    if word in FORBIDDEN_KEYWORDS:
        raise CypherRejectedError(f"Only read queries are allowed: {describe(token)} is not.")
    if word in FORBIDDEN_NAMESPACES:
        raise CypherRejectedError(f"Procedures and plugin functions are not allowed: {describe(token)}.")


def check_read_only(query: str) -> None:
    """Raise CypherRejectedError unless the query is one statement with only reading clauses."""
    tokens = tokenize(query)
    if not tokens:
        raise CypherRejectedError("The query is empty.")
    if tokens[0].text == ":":
        raise CypherRejectedError("Client commands (':param', ':use', ...) are not Cypher.")
    for index, token in enumerate(tokens):
        if token.kind == "unterminated":
            raise CypherRejectedError(f"Unterminated string, quoted name or comment: {describe(token)}.")
        if token.text == ";" and index < len(tokens) - 1:
            raise CypherRejectedError(f"Only one statement is allowed: {describe(token)}.")
        if token.kind == "word":
            check_word(token, query)


def to_json_value(value: Any) -> Any:
    """A JSON value for anything the driver returns (graph types, temporal and spatial values)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; Cypher's own spelling of them stays readable.
        return value if math.isfinite(value) else str(value).replace("inf", "Infinity").replace("nan", "NaN")
    if isinstance(value, Node):
        return node_json(value)
    if isinstance(value, Relationship):
        return relationship_json(value)
    if isinstance(value, Path):
        return {
            "nodes": [node_json(node) for node in value.nodes],
            "relationships": [relationship_json(rel) for rel in value.relationships],
        }
    if isinstance(value, (Date, DateTime, Time, Duration)):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Point):
        return point_json(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(item) for item in value]
    return str(value)


def node_json(node: Node) -> dict[str, Any]:
    return {
        "id": node.element_id,
        "labels": sorted(node.labels),
        "properties": {key: to_json_value(value) for key, value in node.items()},
    }


def relationship_json(rel: Relationship) -> dict[str, Any]:
    return {
        "id": rel.element_id,
        "type": rel.type,
        "start": rel.start_node.element_id if rel.start_node is not None else None,
        "end": rel.end_node.element_id if rel.end_node is not None else None,
        "properties": {key: to_json_value(value) for key, value in rel.items()},
    }


def point_json(point: Point) -> dict[str, Any]:
    coordinates = dict(zip(("x", "y", "z"), point, strict=False))
    return {"srid": point.srid, **{key: to_json_value(value) for key, value in coordinates.items()}}


def fetch_rows(
    tx: Transaction, query: str, parameters: dict[str, Any], limit: int
) -> tuple[list[str], list[dict[str, Any]]]:
    result = tx.run(query, parameters)
    records = result.fetch(limit)
    return list(result.keys()), [{key: to_json_value(value) for key, value in record.items()} for record in records]


def translate_error(error: ClientError) -> Exception:
    message = error.message or str(error)
    if error.code in TIMEOUT_CODES:
        return CypherTimeoutError(message)
    if error.code == ACCESS_MODE_CODE:
        return CypherRejectedError(f"Only read queries are allowed; Neo4j refused: {message}")
    return CypherQueryError(message, error.code)


def read_rows(
    driver: Driver,
    query: str,
    parameters: dict[str, Any],
    *,
    timeout: float,
    row_cap: int,
    database: str | None = None,
) -> CypherResult:
    """Run the query in a READ transaction that Neo4j ends after `timeout` seconds.

    No pre-check here: see `run_read_only`. At most `row_cap` rows come back; `truncated` says
    whether there were more. Unlike `execute_read`, a failing query is not retried: a user's
    query that ran out of memory or time would most likely fail again, at the same cost.
    """
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS, fetch_size=row_cap + 1) as session:
            with session.begin_transaction(timeout=timeout) as tx:
                columns, rows = fetch_rows(tx, query, parameters, row_cap + 1)
    except ClientError as error:
        raise translate_error(error) from error
    except OverflowError as error:
        # An integer parameter beyond 64 bits: JSON has them, Bolt does not.
        raise CypherQueryError(f"Invalid parameter: {error}") from error
    kept = rows[:row_cap]
    return CypherResult(columns=columns, rows=kept, row_count=len(kept), truncated=len(rows) > row_cap, row_cap=row_cap)


def run_read_only(
    driver: Driver,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout: float,
    row_cap: int,
    database: str | None = None,
) -> CypherResult:
    """Check that the query only reads, then run it in a read transaction with a timeout and a row cap."""
    check_read_only(query)
    return read_rows(driver, query, parameters or {}, timeout=timeout, row_cap=row_cap, database=database)
