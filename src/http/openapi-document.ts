import type { OpenAPIHono as App, OpenAPIHono } from '@hono/zod-openapi';
import { RESPONSE_EXAMPLES } from './openapi-examples.generated.js';
import { withExamples } from './openapi-examples.js';

type OpenApiConfig = Parameters<App['getOpenAPI31Document']>[0];

/** The `servers` entry of the checked-in openapi.json: `npm start`'s default address. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';

export const OPENAPI_CONFIG: OpenApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Empreinte API',
    version: '1.0.0',
    description:
      'Carbon footprint (gCO2e), energy (kWh) and water (L) of servers, API requests and websites, from a ' +
      'store of cited emission factors. Every estimate lists the factors it used with their range and source. ' +
      'Errors are RFC 9457 problem+json documents listing every offending field. How every number is computed ' +
      '(formulas, factors, ranges, fallbacks, warnings): [the methodology](/methodology) (`GET /methodology`).',
    license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
  },
  // No authentication: every operation is public (rate-limited per client address).
  security: [],
  tags: [
    { name: 'Estimates', description: 'Footprints of servers, API requests and websites.' },
    { name: 'Catalog', description: 'Providers, regions, instance types, grid intensities and sources.' },
    { name: 'Sites', description: 'Measured page weights and how they rank (cleaner_than).' },
    { name: 'Badge', description: 'The website widget (badge.js) and the SVG badge.' },
    { name: 'System', description: 'Health and the API description.' },
  ],
};

export interface OpenApiDocumentOptions {
  /** The API's public address (PUBLIC_URL), the document's `servers` entry. Default DEFAULT_PUBLIC_URL. */
  publicUrl?: string;
}

/**
 * The OpenAPI 3.1 document of an app's routes (what `npm run openapi` writes to openapi.json), with
 * the examples captured from real answers (scripts/capture-examples.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: any app's env
export function openApiDocument(app: OpenAPIHono<any, any, any>, options: OpenApiDocumentOptions = {}) {
  const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
  const servers = [
    {
      url: publicUrl,
      description: options.publicUrl
        ? 'This server.'
        : 'A local server (`npm start`); set PUBLIC_URL to publish another.',
    },
  ];
  return withExamples(app.getOpenAPI31Document({ ...OPENAPI_CONFIG, servers }), RESPONSE_EXAMPLES);
}

/**
 * PUBLIC_URL as a `servers` entry: an absolute http(s) URL, without a trailing slash; undefined
 * when empty. Anything else throws (the entries refuse it rather than publish a broken address).
 */
export function parsePublicUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got '${value}'`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username)
    throw new Error(
      `PUBLIC_URL must be an absolute http(s) URL without query, fragment or user, got '${value}'`,
    );
  return url.href.replace(/\/+$/, '');
}
