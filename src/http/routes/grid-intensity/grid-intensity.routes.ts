import { createRoute, z } from '@hono/zod-openapi';
import { GridIntensitySchema, listOf } from '../../schemas/catalog.js';
import { errors } from '../../schemas/common.js';

export const listGridIntensitiesRoute = createRoute({
  method: 'get',
  path: '/v1/grid-intensity',
  tags: ['Catalog'],
  operationId: 'listGridIntensities',
  summary: 'List grid intensities',
  description:
    'Yearly average grid carbon intensity (gCO2e/kWh) of every country and the world (Ember, via CO2.js).',
  responses: {
    200: {
      description: 'Every zone.',
      content: { 'application/json': { schema: listOf(GridIntensitySchema, 'GridIntensityList') } },
    },
    ...errors(429, 503),
  },
});

export const getGridIntensityRoute = createRoute({
  method: 'get',
  path: '/v1/grid-intensity/{zone}',
  tags: ['Catalog'],
  operationId: 'getGridIntensity',
  summary: 'Get a grid intensity',
  description:
    'Grid intensity of one zone: ISO 3166 alpha-2 or alpha-3 in any case (`fr`, `FRA`), or `WORLD`.',
  request: {
    params: z.object({ zone: z.string().openapi({ param: { name: 'zone', in: 'path' }, example: 'FR' }) }),
  },
  responses: {
    200: {
      description: 'The zone.',
      content: {
        'application/json': {
          schema: GridIntensitySchema,
          example: {
            zone: 'FRA',
            country_alpha2: 'FR',
            name: 'France',
            year: 2024,
            grid_intensity_g_per_kwh: 44.18,
            source_id: 'ember-via-co2js',
          },
        },
      },
    },
    ...errors(404, 429, 503),
  },
});
