import type { RouteHandler } from '@hono/zod-openapi';
import type { LlmModelInfo, LlmProviderInfo } from '../../../factors/catalog.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { listLlmModelsRoute, listLlmProvidersRoute } from './llm.routes.js';

function modelView(m: LlmModelInfo) {
  const r = m.row;
  return {
    provider: m.provider.id,
    id: m.id,
    architecture: r.architecture === 'moe' ? ('moe' as const) : ('dense' as const),
    total_parameters_b: { min: r.totalBMin, max: r.totalBMax },
    active_parameters_b: { min: r.activeBMin, max: r.activeBMax },
    status: r.status === 'published' ? ('published' as const) : ('estimated' as const),
    self_hostable: r.status === 'published',
    warnings: r.warnings ? r.warnings.split(';') : [],
    source_id: r.sourceId,
  };
}

function providerView(p: LlmProviderInfo, models: number) {
  const r = p.row;
  return {
    id: p.id,
    zone: r.zone,
    pue: { min: r.pueMin, max: r.pueMax },
    wue_l_per_kwh: { min: r.wueMin, max: r.wueMax },
    cloud: r.cloud,
    models_count: models,
    source_id: r.sourceId,
  };
}

export function llmHandlers(deps: AppDeps) {
  const models: RouteHandler<typeof listLlmModelsRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json({ data: catalog.llmProviders.flatMap((p) => catalog.llmModels(p.id).map(modelView)) }, 200);
  };
  const providers: RouteHandler<typeof listLlmProvidersRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(
      { data: catalog.llmProviders.map((p) => providerView(p, catalog.llmModels(p.id).length)) },
      200,
    );
  };
  return { models, providers };
}
