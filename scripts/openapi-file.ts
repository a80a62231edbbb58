import type { CatalogCache } from '../src/factors/catalog-cache.js';
import { createApp } from '../src/http/app.js';
import { openApiDocument } from '../src/http/openapi-document.js';

const noCatalog: CatalogCache = {
  get: () => Promise.reject(new Error('no catalog: the OpenAPI document needs none')),
  current: () => undefined,
};

/** openapi.json as checked in: the routes' document, pretty-printed, newline-terminated. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(openApiDocument(createApp({ catalog: noCatalog })), null, 2)}\n`;
}
