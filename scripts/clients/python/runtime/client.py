"""The HTTP client every operation takes: base URL, headers, timeout, and the httpx clients."""

import ssl
from dataclasses import dataclass, field, replace
from typing import Any, Dict, Optional, Union

import httpx


@dataclass
class Client:
    """A client of the API at `base_url` (e.g. `Client(base_url="http://127.0.0.1:3000")`).

    Attributes:
        base_url: The API's address; every operation's path is appended to it.
        headers: Headers sent with every request.
        timeout: Seconds (or an `httpx.Timeout`) before a request is abandoned.
        verify_ssl: Whether to verify the server's TLS certificate (or a CA bundle path, or an
            `ssl.SSLContext`).
        follow_redirects: Whether to follow redirects.
        httpx_args: Further arguments for `httpx.Client` / `httpx.AsyncClient`.
        raise_on_unexpected_status: With True, `*_detailed` functions raise `UnexpectedStatus` on
            an answer the API does not document, instead of returning it with `parsed=None`.

    Use it as a context manager (`with Client(...) as client:`, or `async with`) to close its
    connections when done.
    """

    base_url: str
    headers: Dict[str, str] = field(default_factory=dict)
    timeout: Union[float, httpx.Timeout, None] = 10.0
    verify_ssl: Union[str, bool, ssl.SSLContext] = True
    follow_redirects: bool = False
    httpx_args: Dict[str, Any] = field(default_factory=dict)
    raise_on_unexpected_status: bool = False
    _client: Optional[httpx.Client] = field(default=None, init=False, repr=False)
    _async_client: Optional[httpx.AsyncClient] = field(default=None, init=False, repr=False)

    def with_headers(self, headers: Dict[str, str]) -> "Client":
        """A new client with these headers added."""
        return replace(self, headers={**self.headers, **headers})

    def with_timeout(self, timeout: Union[float, httpx.Timeout, None]) -> "Client":
        """A new client with this timeout."""
        return replace(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> "Client":
        """Use this `httpx.Client` for synchronous calls (its own base URL and settings apply)."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The `httpx.Client` of synchronous calls, created on first use."""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.base_url,
                headers=self.headers,
                timeout=self.timeout,
                verify=self.verify_ssl,
                follow_redirects=self.follow_redirects,
                **self.httpx_args,
            )
        return self._client

    def __enter__(self) -> "Client":
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> "Client":
        """Use this `httpx.AsyncClient` for asynchronous calls."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The `httpx.AsyncClient` of asynchronous calls, created on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self.base_url,
                headers=self.headers,
                timeout=self.timeout,
                verify=self.verify_ssl,
                follow_redirects=self.follow_redirects,
                **self.httpx_args,
            )
        return self._async_client

    async def __aenter__(self) -> "Client":
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
