"""What every operation does with an answer: recognise a problem, wrap the answer, raise."""

from typing import Any, Optional

import httpx

from .types import Response

PROBLEM_CONTENT_TYPE = "application/problem+json"


def is_problem(response: httpx.Response) -> bool:
    """Whether an answer is an RFC 9457 problem (`application/problem+json`), whatever its status."""
    content_type: str = response.headers.get("content-type", "")
    return content_type.split(";")[0].strip().lower() == PROBLEM_CONTENT_TYPE


def build_response(response: httpx.Response, parsed: Optional[Any]) -> Response[Any]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )
