"""Run by test/clients/python/client.test.ts: every JSON example of openapi.json (real answers of the
API, captured by scripts/capture-examples.ts) parsed by its operation's module, then written back
with to_dict, must give the example again. argv[1] is openapi.json. Prints one JSON object."""

import importlib
import json
import re
import sys

import httpx

from empreinte_client import Client
from empreinte_client._serde import to_json
from empreinte_client.models import Problem


def snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def main(path: str) -> None:
    doc = json.load(open(path, encoding="utf-8"))
    client = Client(base_url="http://127.0.0.1:1")
    checked, mismatches = [], []
    for item in doc["paths"].values():
        for op in item.values():
            module = importlib.import_module(
                f"empreinte_client.api.{snake(op['tags'][0])}.{snake(op['operationId'])}"
            )
            for status, response in op["responses"].items():
                for media_type, media in response.get("content", {}).items():
                    if "json" not in media_type or "example" not in media:
                        continue
                    example = media["example"]
                    answer = httpx.Response(
                        int(status), json=example, headers={"content-type": media_type}
                    )
                    parsed = module._parse_response(client=client, response=answer)
                    kind = type(parsed).__name__
                    if media_type == "application/problem+json" and not isinstance(parsed, Problem):
                        mismatches.append([op["operationId"], status, f"parsed as {kind}"])
                    elif to_json(parsed) != example:
                        mismatches.append([op["operationId"], status, kind])
                    checked.append([op["operationId"], status, kind])
    print(json.dumps({"checked": checked, "mismatches": mismatches}))


if __name__ == "__main__":
    main(sys.argv[1])
