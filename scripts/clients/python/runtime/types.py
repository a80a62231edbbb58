"""Shared types: UNSET (a field or parameter left out) and Response (an answer with its parsed body)."""

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

import httpx


class Unset:
    """The type of UNSET: a field or parameter that is not sent (distinct from None, sent as null)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

T = TypeVar("T")


@dataclass
class Response(Generic[T]):
    """An answer: its status, raw body and headers, and `parsed`, the body as a model.

    `parsed` is the success model, the `Problem` of an error answer, or None for an answer the API
    does not document.
    """

    status_code: int
    content: bytes
    headers: httpx.Headers
    parsed: T
