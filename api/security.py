"""The API key that write endpoints (and the Cypher endpoint) require when `settings.api_key` is set."""

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Security
from fastapi.security import APIKeyHeader

from api.deps import SettingsDep

API_KEY_HEADER = "X-API-Key"

api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="Required by write endpoints when the server is configured with GEOKG_API_KEY.",
)


def require_api_key(settings: SettingsDep, key: Annotated[str | None, Security(api_key_header)]) -> None:
    """401 without a key, 403 with a wrong one; nothing is asked when no key is configured.

    A blank configured key counts as none, as an empty environment variable usually means "unset".
    """
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        return
    if not key:
        raise HTTPException(
            status_code=401,
            detail=f"This endpoint needs an API key in the {API_KEY_HEADER} header.",
            headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'},
        )
    # Constant time, so that response times do not tell how much of a guess was right.
    if not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="The API key is not valid.")


RequireApiKey = Depends(require_api_key)
