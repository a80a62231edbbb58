import type { OpenAPIHono as App, OpenAPIHono } from '@hono/zod-openapi';

type OpenApiConfig = Parameters<App['getOpenAPI31Document']>[0];

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
  tags: [
    { name: 'Estimates', description: 'Footprints of servers, API requests and websites.' },
    { name: 'Catalog', description: 'Providers, regions, instance types, grid intensities and sources.' },
    { name: 'Sites', description: 'Measured page weights and how they rank (cleaner_than).' },
    { name: 'Badge', description: 'The website widget (badge.js) and the SVG badge.' },
    { name: 'System', description: 'Health and the API description.' },
  ],
};

/** The OpenAPI 3.1 document of an app's routes (what `npm run openapi` writes to openapi.json). */
// biome-ignore lint/suspicious/noExplicitAny: any app's env
export function openApiDocument(app: OpenAPIHono<any, any, any>) {
  return app.getOpenAPI31Document(OPENAPI_CONFIG);
}
