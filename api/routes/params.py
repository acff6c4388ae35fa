"""Query parameters that several routers share, and the 422 for checks that span parameters."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator

from schemas.ontology import RelationType

ActorId = Annotated[str, Path(description="The actor's graph id.", examples=["person:masoud-pezeshkian"])]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def require_iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD, as the schema's `format: date` says: pydantic alone also takes "0" or a datetime."""
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("must be a day as YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(require_iso_day)]
RelationTypes = Annotated[
    list[RelationType] | None, Query(alias="type", description="Only these relation types (repeatable).")
]
Since = Annotated[
    Day | None,
    Query(description="Only relations on or after this day (the relation's date, else its article's).",
          examples=["2024-11-01"]),
]
Until = Annotated[
    Day | None,
    Query(description="Only relations on or before this day (the relation's date, else its article's).",
          examples=["2024-11-30"]),
]


def invalid_parameter(name: str, message: str, value: Any) -> RequestValidationError:
    """The same 422 problem as a parameter that fails validation, for checks across parameters."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": message, "input": value}])


def require_different(first_name: str, first: str, second_name: str, second: str) -> None:
    if first == second:
        raise invalid_parameter(second_name, f"must name another actor than `{first_name}`", second)


@dataclass(frozen=True)
class DateRange:
    since: dt.date | None
    until: dt.date | None


def date_range(since: Since = None, until: Until = None) -> DateRange:
    if since is not None and until is not None and since > until:
        raise invalid_parameter("until", "must not be before `since`", until.isoformat())
    return DateRange(since=since, until=until)


DateRangeDep = Annotated[DateRange, Depends(date_range)]
