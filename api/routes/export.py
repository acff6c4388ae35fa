from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import DriverDep, SettingsDep
from api.errors import problem_responses
from graph.exports import FILE_NAMES, MEDIA_TYPES, start_export
from schemas.io import ExportFormat

router = APIRouter(prefix="/export", tags=["export"])

FORMAT_HELP = (
    "graphml: GraphML for Gephi and networkx; cytoscape: Cytoscape.js elements JSON; "
    "csv: a zip of nodes.csv and edges.csv; plover: one PLOVER JSON event per line."
)


CYTOSCAPE_SCHEMA = {
    "type": "object",
    "required": ["elements"],
    "properties": {
        "elements": {
            "type": "object",
            "required": ["nodes", "edges"],
            "properties": {"nodes": {"type": "array"}, "edges": {"type": "array"}},
        }
    },
}
BINARY_SCHEMA = {"type": "string", "format": "binary"}


def export_responses() -> dict[int | str, dict]:
    content = {
        media_type: {"schema": CYTOSCAPE_SCHEMA if export_format is ExportFormat.CYTOSCAPE else BINARY_SCHEMA}
        for export_format, media_type in MEDIA_TYPES.items()
    }
    return {200: {"description": "The export, streamed.", "content": content}, **problem_responses(422, 503)}


@router.get("", response_class=StreamingResponse, responses=export_responses())
def export(
    driver: DriverDep,
    settings: SettingsDep,
    export_format: Annotated[ExportFormat, Query(alias="format", description=FORMAT_HELP)] = ExportFormat.GRAPHML,
) -> StreamingResponse:
    """The actor graph (actors and their relations with evidence) as a file for other tools.

    Lists (aliases) are joined with `|` in GraphML and CSV. The PLOVER export holds the event
    relations (not the affiliations), oldest first.
    """
    chunks = start_export(driver, export_format, database=settings.neo4j_database)
    headers = {"Content-Disposition": f'attachment; filename="{FILE_NAMES[export_format]}"'}
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[export_format], headers=headers)
