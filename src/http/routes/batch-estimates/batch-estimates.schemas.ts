import { z } from '@hono/zod-openapi';
import { BATCH_ITEM_TYPES, BATCH_MAX_ITEMS } from '../../../services/batch-estimate.js';
import {
  ApiAllocationRequestSchema,
  ApiEstimateSchema,
  ApiResourcesRequestSchema,
} from '../../schemas/api.js';
import {
  DatabaseEstimateRequestSchema,
  DatabaseEstimateSchema,
  NetworkEstimateRequestSchema,
  NetworkEstimateSchema,
  StorageEstimateRequestSchema,
  StorageEstimateSchema,
} from '../../schemas/beyond-vms.js';
import { ProblemSchema } from '../../schemas/common.js';
import { LlmEstimateSchema, llmRequestShape } from '../../schemas/llm.js';
import { GridSourceSchema, ServerEstimateRequestSchema, ServerEstimateSchema } from '../../schemas/server.js';
import { WebsiteEstimateRequestSchema, WebsiteEstimateSchema } from '../../schemas/website.js';

export const BATCH_ID_MAX_LENGTH = 128;

/** Component names of the documented item kinds (referenced by the lenient `items` below). */
export const BATCH_ITEM_SCHEMA_NAMES = {
  server: 'BatchServerItem',
  api: 'BatchApiItem',
  website: 'BatchWebsiteItem',
  storage: 'BatchStorageItem',
  network: 'BatchNetworkItem',
  managed_database: 'BatchManagedDatabaseItem',
  llm: 'BatchLlmItem',
} as const;

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const itemKeys = <T extends (typeof BATCH_ITEM_TYPES)[number]>(type: T) => ({
  type: z.literal(type).openapi({ description: 'The estimate this item asks for.' }),
  id: z.string().min(1).max(BATCH_ID_MAX_LENGTH).optional().openapi({
    description: 'Your reference for the item, echoed in its result (not part of the estimate body).',
    example: 'web-1',
  }),
});

/** One yearly inventory, as the README's example: two servers, a partner API, the website. */
const EXAMPLE_ITEMS = {
  server: {
    type: 'server',
    id: 'app-servers',
    provider: 'scaleway',
    region: 'fr-par-2',
    instance_type: 'COPARM1-8C-32G',
    duration_hours: 8760,
    count: 2,
  },
  api: {
    type: 'api',
    id: 'partner-api',
    provider: 'scaleway',
    region: 'fr-par-2',
    instance_type: 'COPARM1-8C-32G',
    requests: 50_000_000,
    cpu_ms_per_request: 15,
    bytes_per_request: 8192,
    network_zone: 'FR',
  },
  website: { type: 'website', id: 'site', bytes: 2_300_000, visitor_country: 'FR', page_views: 1_200_000 },
  storage: {
    type: 'storage',
    id: 'backups',
    provider: 'scaleway',
    region: 'fr-par-2',
    service: 'object-standard',
    size_gb: 2000,
    duration_hours: 8760,
  },
  network: { type: 'network', id: 'egress', provider: 'scaleway', region: 'fr-par-2', gb: 5000 },
  managed_database: {
    type: 'managed_database',
    id: 'database',
    provider: 'clever-cloud',
    region: 'par',
    plan: 's_sml',
    duration_hours: 8760,
  },
  llm: {
    type: 'llm',
    id: 'assistant',
    provider: 'mistral',
    model: 'mistral-small-latest',
    output_tokens: 500,
    requests: 100_000,
  },
};

// Documentation-only: the body is validated item by item (see the handlers), never with these, so
// that one bad item is answered in place. Each is its route's request plus `type` and `id`.

export const BatchServerItemSchema = z
  .strictObject({ ...itemKeys('server'), ...ServerEstimateRequestSchema.shape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.server, {
    description: 'A server estimate (the body of POST /v1/estimates/server) with `type: "server"`.',
    example: EXAMPLE_ITEMS.server,
  });

export const BatchApiItemSchema = z
  .union([
    z
      .strictObject({ ...itemKeys('api'), ...ApiAllocationRequestSchema.shape })
      .openapi('BatchApiAllocationItem', { description: 'An API estimate in allocation mode.' }),
    z
      .strictObject({ ...itemKeys('api'), ...ApiResourcesRequestSchema.shape })
      .openapi('BatchApiResourcesItem', { description: 'An API estimate in resources mode.' }),
  ])
  .openapi(BATCH_ITEM_SCHEMA_NAMES.api, {
    description: 'An API estimate (the body of POST /v1/estimates/api) with `type: "api"`.',
    example: EXAMPLE_ITEMS.api,
  });

export const BatchWebsiteItemSchema = z
  .strictObject({ ...itemKeys('website'), ...WebsiteEstimateRequestSchema.shape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.website, {
    description:
      'A website estimate (the body of POST /v1/estimates/website) with `type: "website"`; it counts its ' +
      '`total` when `page_views` is given, else one view.',
    example: EXAMPLE_ITEMS.website,
  });

export const BatchStorageItemSchema = z
  .strictObject({ ...itemKeys('storage'), ...StorageEstimateRequestSchema.shape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.storage, {
    description: 'A storage estimate (the body of POST /v1/estimates/storage) with `type: "storage"`.',
    example: EXAMPLE_ITEMS.storage,
  });

export const BatchNetworkItemSchema = z
  .strictObject({ ...itemKeys('network'), ...NetworkEstimateRequestSchema.shape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.network, {
    description: 'A network egress estimate (the body of POST /v1/estimates/network) with `type: "network"`.',
    example: EXAMPLE_ITEMS.network,
  });

export const BatchManagedDatabaseItemSchema = z
  .strictObject({ ...itemKeys('managed_database'), ...DatabaseEstimateRequestSchema.shape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.managed_database, {
    description:
      'A managed database estimate (the body of POST /v1/estimates/managed-database) with `type: "managed_database"`.',
    example: EXAMPLE_ITEMS.managed_database,
  });

export const BatchLlmItemSchema = z
  .strictObject({ ...itemKeys('llm'), ...llmRequestShape })
  .openapi(BATCH_ITEM_SCHEMA_NAMES.llm, {
    description: 'LLM calls (the body of POST /v1/estimates/llm) with `type: "llm"`.',
    example: EXAMPLE_ITEMS.llm,
  });

/**
 * The body as validated: only `items` (1 to 1000 of anything); each item is then checked on its
 * own. The OpenAPI document describes the items as a oneOf of the three kinds.
 */
export const BatchEstimateRequestSchema = z
  .strictObject({
    items: z
      .array(z.unknown())
      .min(1)
      .max(BATCH_MAX_ITEMS)
      .openapi({
        description: `1 to ${BATCH_MAX_ITEMS} items, each \`{type, id?, …}\` with the fields of that estimate.`,
        items: {
          oneOf: [
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.server),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.api),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.website),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.storage),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.network),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.managed_database),
            schemaRef(BATCH_ITEM_SCHEMA_NAMES.llm),
          ],
        },
      }),
    grid_source: GridSourceSchema.optional().openapi({
      description:
        'Default grid source of the server and API items that set none of their own (GridSource). Default regional.',
    }),
  })
  .openapi('BatchEstimateRequest', {
    example: {
      items: [
        EXAMPLE_ITEMS.server,
        EXAMPLE_ITEMS.api,
        EXAMPLE_ITEMS.website,
        EXAMPLE_ITEMS.storage,
        EXAMPLE_ITEMS.network,
        EXAMPLE_ITEMS.managed_database,
        EXAMPLE_ITEMS.llm,
      ],
    },
  });

export const BatchTotalSchema = z
  .object({
    co2e_g: z.number(),
    co2e_g_low: z.number(),
    co2e_g_high: z.number(),
    energy_kwh: z.number(),
    water_l: z.number(),
  })
  .openapi('BatchTotal', { description: 'Sum of the top-level figures of the items answered ok.' });

const resultId = z.string().nullable().openapi({ description: 'The item’s `id`; null when it gave none.' });

export const BatchErrorResultSchema = z
  .object({
    id: resultId,
    type: z
      .enum(BATCH_ITEM_TYPES)
      .nullable()
      .openapi({ description: 'null when the item has no valid `type`.' }),
    status: z.literal('error'),
    error: ProblemSchema.openapi({
      description:
        'The problem its own route would answer: 400 validation (paths relative to the item) or 422 unknown reference.',
    }),
  })
  .openapi('BatchErrorResult');

export const BatchEstimateSchema = z
  .object({
    items: z
      .array(
        z.union([
          z
            .object({
              id: resultId,
              type: z.literal('server'),
              status: z.literal('ok'),
              estimate: ServerEstimateSchema,
            })
            .openapi('BatchServerResult'),
          z
            .object({
              id: resultId,
              type: z.literal('api'),
              status: z.literal('ok'),
              estimate: ApiEstimateSchema,
            })
            .openapi('BatchApiResult'),
          z
            .object({
              id: resultId,
              type: z.literal('website'),
              status: z.literal('ok'),
              estimate: WebsiteEstimateSchema,
            })
            .openapi('BatchWebsiteResult'),
          z
            .object({
              id: resultId,
              type: z.literal('storage'),
              status: z.literal('ok'),
              estimate: StorageEstimateSchema,
            })
            .openapi('BatchStorageResult'),
          z
            .object({
              id: resultId,
              type: z.literal('network'),
              status: z.literal('ok'),
              estimate: NetworkEstimateSchema,
            })
            .openapi('BatchNetworkResult'),
          z
            .object({
              id: resultId,
              type: z.literal('managed_database'),
              status: z.literal('ok'),
              estimate: DatabaseEstimateSchema,
            })
            .openapi('BatchManagedDatabaseResult'),
          z
            .object({
              id: resultId,
              type: z.literal('llm'),
              status: z.literal('ok'),
              estimate: LlmEstimateSchema,
            })
            .openapi('BatchLlmResult'),
          BatchErrorResultSchema,
        ]),
      )
      .openapi({ description: 'One result per item, in request order.' }),
    total: BatchTotalSchema,
    by_type: z
      .object({
        server: BatchTotalSchema.optional(),
        api: BatchTotalSchema.optional(),
        website: BatchTotalSchema.optional(),
        storage: BatchTotalSchema.optional(),
        network: BatchTotalSchema.optional(),
        managed_database: BatchTotalSchema.optional(),
        llm: BatchTotalSchema.optional(),
      })
      .openapi({ description: 'The same totals per item type present in the batch.' }),
    errors: z.number().int().openapi({ description: 'Number of items answered with status error.' }),
    warnings: z.array(z.string()).openapi({
      description: 'About the totals: items that mix CPU power bases. Empty when none.',
    }),
  })
  .openapi('BatchEstimate');
