import { z } from '@hono/zod-openapi';
import { crossFieldRule } from '../validation.js';
import { estimateFields } from './common.js';
import { LIMITS, ProviderIdField, RegionIdField } from './server.js';

const ratio = (description: string) => z.number().min(0).max(1).optional().openapi({ description });
const gridValue = () => z.number().min(0).max(5000).optional();

export const WebsiteModelSchema = z.enum(['swd-v4', 'swd-v3', 'onebyte']).openapi('WebsiteModel');

/** Scalar fields (also the GET query parameters). */
const scalarShape = {
  bytes: z
    .number()
    .int()
    .min(0)
    .max(LIMITS.bytes)
    .openapi({ description: 'Transfer size of one page view, bytes.', example: 2_366_464 }),
  model: WebsiteModelSchema.optional().openapi({ description: 'Default swd-v4.' }),
  green_hosting: z
    .boolean()
    .optional()
    .openapi({ description: 'Hosted on verified green energy. Default false.' }),
  green_hosting_factor: ratio(
    'swd-v4 only: share of data-centre operational emissions removed by green hosting.',
  ),
  visitor_country: z.string().trim().min(1).max(16).optional().openapi({
    description: 'Country of the visitors (ISO alpha-2/alpha-3): network and device intensity.',
    example: 'FR',
  }),
  first_visit_ratio: ratio('SWD: share of first visits (swd-v4 default 1, swd-v3 0.75).'),
  return_visit_ratio: ratio('SWD: share of return visits (swd-v4 default 0, swd-v3 0.25).'),
  data_reload_ratio: ratio('SWD: share of data reloaded on a return visit (swd-v4 default 0, swd-v3 0.02).'),
  page_views: z.number().int().min(0).max(LIMITS.pageViews).optional().openapi({
    description: 'Page views for `total`; the top-level figures are then the total.',
    example: 100_000,
  }),
};

/** Fields a model would ignore are refused rather than silently dropped. */
const refuseIgnored = crossFieldRule((v, ctx) => {
  const model = typeof v.model === 'string' ? v.model : 'swd-v4';
  const refuse = (field: string, why: string) => {
    if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
  };
  if (model !== 'swd-v4')
    refuse('green_hosting_factor', `green_hosting_factor applies to swd-v4 only, not ${model}.`);
  if (model === 'onebyte') {
    const why =
      'onebyte uses fixed intensities and no visit ratios: remove this field or choose an swd model.';
    refuse('grid_intensity', why);
    refuse('first_visit_ratio', why);
    refuse('return_visit_ratio', why);
    refuse('data_reload_ratio', why);
  }
});

export const WebsiteEstimateRequestSchema = z
  .strictObject({
    ...scalarShape,
    hosting: z
      .strictObject({ provider: ProviderIdField(), region: RegionIdField() })
      .optional()
      .openapi({ description: 'Where the site is hosted: data-centre grid intensity and water.' }),
    grid_intensity: z
      .strictObject({ data_center: gridValue(), network: gridValue(), device: gridValue() })
      .optional()
      .openapi({ description: 'gCO2e/kWh per segment; wins over hosting and visitor_country.' }),
  })
  .check(refuseIgnored)
  .openapi('WebsiteEstimateRequest', {
    example: {
      bytes: 2_366_464,
      hosting: { provider: 'scaleway', region: 'fr-par-2' },
      visitor_country: 'FR',
      page_views: 100_000,
    },
  });

/** A query parameter read as a number; an empty value is an error, not zero. */
export const queryNumber = (inner: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), inner);

export const WebsiteEstimateQuerySchema = z
  .object({
    bytes: queryNumber(scalarShape.bytes).openapi({
      param: { name: 'bytes', in: 'query' },
      example: 2_366_464,
    }),
    model: WebsiteModelSchema.optional().openapi({ param: { name: 'model', in: 'query' } }),
    green_hosting: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'))
      .openapi({ param: { name: 'green_hosting', in: 'query' }, type: 'boolean' }),
    green_hosting_factor: queryNumber(z.number().min(0).max(1))
      .optional()
      .openapi({ param: { name: 'green_hosting_factor', in: 'query' } }),
    visitor_country: scalarShape.visitor_country.openapi({ param: { name: 'visitor_country', in: 'query' } }),
    first_visit_ratio: queryNumber(z.number().min(0).max(1))
      .optional()
      .openapi({ param: { name: 'first_visit_ratio', in: 'query' } }),
    return_visit_ratio: queryNumber(z.number().min(0).max(1))
      .optional()
      .openapi({ param: { name: 'return_visit_ratio', in: 'query' } }),
    data_reload_ratio: queryNumber(z.number().min(0).max(1))
      .optional()
      .openapi({ param: { name: 'data_reload_ratio', in: 'query' } }),
    page_views: queryNumber(z.number().int().min(0).max(LIMITS.pageViews))
      .optional()
      .openapi({ param: { name: 'page_views', in: 'query' } }),
  })
  .check(refuseIgnored);

const footprint = z.object({ co2e_g: z.number(), energy_kwh: z.number(), water_l: z.number() });
const segment = z.object({ operational_co2e_g: z.number(), embodied_co2e_g: z.number() });

export const WebsiteEstimateSchema = z
  .object({
    ...estimateFields(
      z
        .object({
          model: WebsiteModelSchema,
          operational_co2e_g: z.number(),
          embodied_co2e_g: z.number(),
          production_energy_kwh: z
            .number()
            .optional()
            .openapi({
              description:
                'swd-v3 only: energy of hardware production for one view (GB · 0.81 · 0.19 · w), not part of ' +
                'per_view.energy_kwh (use-phase energy).',
            }),
        })
        .openapi('WebsiteBreakdown', { description: 'One page view: operational and embodied parts.' }),
    ),
    per_view: footprint.openapi({ description: 'One page view.' }),
    rating: z
      .enum(['A+', 'A', 'B', 'C', 'D', 'E', 'F'])
      .nullable()
      .openapi({ description: 'SWD rating per view; null for onebyte.' }),
    segments: z
      .object({
        data_center: segment,
        network: segment,
        user_device: segment,
        production: segment.optional(),
      })
      .openapi({ description: 'Per view; they add up to per_view.co2e_g (green hosting included).' }),
    total: footprint.optional().openapi({ description: 'per_view × page_views, when page_views is given.' }),
  })
  .openapi('WebsiteEstimate');
