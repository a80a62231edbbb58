"""The errors operations raise: ProblemError for every problem answer, UnexpectedStatus otherwise."""

from typing import TYPE_CHECKING, Any, List, Optional

import httpx

if TYPE_CHECKING:
    from .models.__PROBLEM_MODULE__ import __PROBLEM_CLASS__


class ProblemError(Exception):
    """An RFC 9457 problem answer (`application/problem+json`), raised by `sync` and `asyncio`.

    Attributes:
        status: The HTTP status (400, 404, 413, 415, 422, 429, 503…).
        type: The problem type URI, relative to the API (e.g. `/problems/validation-error`).
        title: A short summary of the problem type.
        detail: What went wrong with this request.
        errors: Every offending field (`path`, `message`), or an empty list.
        problem: The whole problem, as a model.
        headers: The answer's headers (`Retry-After` on a 429 or 503).
    """

    def __init__(self, problem: "__PROBLEM_CLASS__", headers: Optional[httpx.Headers] = None) -> None:
        self.problem = problem
        self.status: int = problem.status
        self.type: str = problem.type
        self.title: str = problem.title
        self.detail: str = problem.detail
        self.errors: List[Any] = list(problem.errors or [])
        self.headers = headers if headers is not None else httpx.Headers()
        super().__init__(f"{problem.status} {problem.title}: {problem.detail}")

    @property
    def retry_after(self) -> Optional[int]:
        """Seconds to wait before retrying (from `Retry-After`), when the answer gives them."""
        value = self.headers.get("retry-after")
        return int(value) if value is not None and value.isdigit() else None


class UnexpectedStatus(Exception):
    """An answer the API does not document (neither a documented status nor a problem)."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}")
