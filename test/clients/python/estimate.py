"""Run by test/clients/python/client.test.ts with the installed empreinte_client against a running
server (its URL is argv[1]): estimates a server, a website and a batch (sync and asyncio), reads the
catalog, and meets a problem. Prints one JSON object of what it saw."""

import asyncio
import json
import sys

from empreinte_client import Client, ProblemError
from empreinte_client.api.catalog import get_provider
from empreinte_client.api.estimates import estimate_batch, estimate_server, estimate_website
from empreinte_client.models import (
    BatchServerItem,
    BatchWebsiteItem,
    ServerEstimateRequest,
    WebsiteEstimateRequest,
)

SCALEWAY = ServerEstimateRequest(
    provider="scaleway", region="fr-par-2", instance_type="COPARM1-4C-16G", duration_hours=730
)


async def website(client: Client) -> dict:
    async with client:
        estimate = await estimate_website.asyncio(
            client=client, body=WebsiteEstimateRequest(bytes=1_000_000, page_views=1000)
        )
    return {
        "per_view_co2e_g": estimate.per_view.co2e_g,
        "total_co2e_g": estimate.total.co2e_g if estimate.total else None,
        "rating": estimate.rating,
        "methodology": estimate.methodology.to_dict(),
    }


def main(base_url: str) -> None:
    seen: dict = {}
    with Client(base_url=base_url) as client:
        server = estimate_server.sync(client=client, body=SCALEWAY)
        seen["server"] = {
            "co2e_g": server.co2e_g,
            "embodied_co2e_g": server.breakdown.embodied_co2e_g,
            "factors": [f.name for f in server.factors],
            "methodology": server.methodology.to_dict(),
            "class": type(server).__name__,
        }

        batch = estimate_batch.sync(
            client=client,
            body={
                "items": [
                    BatchServerItem(id="servers", **SCALEWAY.to_dict()).to_dict(),
                    BatchWebsiteItem(id="site", bytes=1_000_000),
                    {"type": "server", "id": "bad", "provider": "scaleway", "region": "fr-par-9",
                     "instance_type": "x", "duration_hours": 1},
                ]
            },
        )
        seen["batch"] = {
            "errors": batch.errors,
            "items": [[type(i).__name__, i.id, i.status] for i in batch.items],
            "total_co2e_g": batch.total.co2e_g,
            "bad_paths": [e.path for e in batch.items[2].error.errors or []],
        }

        seen["provider"] = get_provider.sync("scaleway", client=client).name

        try:
            estimate_server.sync(client=client, body={**SCALEWAY.to_dict(), "utilisation": 0.5})
        except ProblemError as problem:
            seen["problem"] = {
                "status": problem.status,
                "type": problem.type,
                "errors": [[e.path, e.message] for e in problem.errors],
            }
        detailed = estimate_server.sync_detailed(client=client, body={**SCALEWAY.to_dict(), "region": "fr-par-9"})
        seen["detailed"] = {"status": detailed.status_code, "parsed": type(detailed.parsed).__name__}

    seen["website"] = asyncio.run(website(Client(base_url=base_url)))
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
