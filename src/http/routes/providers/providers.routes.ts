import { createRoute, z } from '@hono/zod-openapi';
import {
  DatabasePlanSchema,
  InstanceTypeSchema,
  listOf,
  ProviderSchema,
  RegionSchema,
  StorageServiceSchema,
} from '../../schemas/catalog.js';
import { errors } from '../../schemas/common.js';

const ProviderParam = z.object({
  provider: z.string().openapi({ param: { name: 'provider', in: 'path' }, example: 'scaleway' }),
});

export const listProvidersRoute = createRoute({
  method: 'get',
  path: '/v1/providers',
  tags: ['Catalog'],
  operationId: 'listProviders',
  summary: 'List providers',
  description: 'Every provider with the defaults used where a region or instance type lacks data.',
  responses: {
    200: {
      description: 'All providers.',
      content: { 'application/json': { schema: listOf(ProviderSchema, 'ProviderList') } },
    },
    ...errors(429, 503),
  },
});

export const getProviderRoute = createRoute({
  method: 'get',
  path: '/v1/providers/{provider}',
  tags: ['Catalog'],
  operationId: 'getProvider',
  summary: 'Get a provider',
  description: 'One provider and its defaults.',
  request: { params: ProviderParam },
  responses: {
    200: { description: 'The provider.', content: { 'application/json': { schema: ProviderSchema } } },
    ...errors(404, 429, 503),
  },
});

export const listRegionsRoute = createRoute({
  method: 'get',
  path: '/v1/providers/{provider}/regions',
  tags: ['Catalog'],
  operationId: 'listRegions',
  summary: "List a provider's regions",
  description:
    'Regions with country, grid zone, PUE, WUE, grid intensity and electricity water, each resolved through ' +
    'its fallbacks (region value, provider default, industry average / country grid) and listed as factors ' +
    'with range, status and source.',
  request: { params: ProviderParam },
  responses: {
    200: {
      description: 'The regions.',
      content: { 'application/json': { schema: listOf(RegionSchema, 'RegionList') } },
    },
    ...errors(404, 429, 503),
  },
});

export const listInstanceTypesRoute = createRoute({
  method: 'get',
  path: '/v1/providers/{provider}/instance-types',
  tags: ['Catalog'],
  operationId: 'listInstanceTypes',
  summary: "List a provider's instance types",
  description:
    'Instance shapes: vCPUs, memory, CPU family and architecture, and the host they share (vCPUs, embodied ' +
    'emissions). A provider without published shapes lists none: estimate its machines with `hardware`.',
  request: { params: ProviderParam },
  responses: {
    200: {
      description: 'The instance types.',
      content: { 'application/json': { schema: listOf(InstanceTypeSchema, 'InstanceTypeList') } },
    },
    ...errors(404, 429, 503),
  },
});

export const listStorageServicesRoute = createRoute({
  method: 'get',
  path: '/v1/providers/{provider}/storage-services',
  tags: ['Catalog'],
  operationId: 'listStorageServices',
  summary: "List a provider's storage services",
  description:
    'Storage products (block, object, file, archive) with the medium their bytes sit on and the copies the ' +
    'provider keeps (replication factor, with its status and source): the `service` of POST /v1/estimates/storage.',
  request: { params: ProviderParam },
  responses: {
    200: {
      description: 'The storage services.',
      content: { 'application/json': { schema: listOf(StorageServiceSchema, 'StorageServiceList') } },
    },
    ...errors(404, 429, 503),
  },
});

export const listDatabasePlansRoute = createRoute({
  method: 'get',
  path: '/v1/providers/{provider}/database-plans',
  tags: ['Catalog'],
  operationId: 'listDatabasePlans',
  summary: "List a provider's managed database plans",
  description:
    'Managed database plans: engines, the shape of each node (an instance type, or vCPUs and memory), included ' +
    'storage and its service, nodes and standbys, and the regions each is sold in: the `plan` of POST ' +
    '/v1/estimates/managed-database.',
  request: { params: ProviderParam },
  responses: {
    200: {
      description: 'The database plans.',
      content: { 'application/json': { schema: listOf(DatabasePlanSchema, 'DatabasePlanList') } },
    },
    ...errors(404, 429, 503),
  },
});
