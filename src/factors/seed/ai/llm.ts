import type { LlmModelRow, LlmProviderRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';

/** `llm-providers.csv`: each hosted LLM provider's datacenter assumption, as EcoLogits has it. */
export function llmProviders(inputs: SeedInputs): LlmProviderRow[] {
  return records(inputs, 'llm-providers.csv', [
    'provider',
    'ecologits_provider',
    'zone',
    'pue_min',
    'pue_max',
    'wue_min',
    'wue_max',
    'cloud',
    'source',
    'note',
  ]).map((row) => {
    const pueMin = row.num('pue_min');
    const pueMax = row.num('pue_max');
    const wueMin = row.num('wue_min');
    const wueMax = row.num('wue_max');
    if (pueMin < 1 || pueMax < pueMin || wueMin < 0 || wueMax < wueMin) throw row.error('bad PUE/WUE range');
    return {
      id: row.text('provider'),
      name: row.text('ecologits_provider'),
      zone: row.text('zone'),
      pueMin,
      pueMax,
      wueMin,
      wueMax,
      cloud: row.optText('cloud'),
      sourceId: row.sourceId(),
      note: row.optText('note'),
    };
  });
}

/** `llm-models.csv`: models with total and active parameters (billions), as EcoLogits' registry has them. */
export function llmModels(inputs: SeedInputs, providers: readonly LlmProviderRow[]): LlmModelRow[] {
  const ids = new Set(providers.map((p) => p.id));
  return records(inputs, 'llm-models.csv', [
    'provider',
    'model',
    'architecture',
    'total_b_min',
    'total_b_max',
    'active_b_min',
    'active_b_max',
    'status',
    'warnings',
    'source',
    'note',
  ]).map((row) => {
    const providerId = row.text('provider');
    if (!ids.has(providerId)) throw row.error(`provider ${providerId} is not in llm-providers.csv`);
    const r: LlmModelRow = {
      providerId,
      id: row.text('model'),
      architecture: row.oneOf('architecture', ['dense', 'moe'] as const),
      totalBMin: row.num('total_b_min'),
      totalBMax: row.num('total_b_max'),
      activeBMin: row.num('active_b_min'),
      activeBMax: row.num('active_b_max'),
      status: row.oneOf('status', ['published', 'estimated'] as const),
      warnings: row.optText('warnings'),
      sourceId: row.sourceId(),
      note: row.optText('note'),
    };
    if (r.totalBMin <= 0 || r.totalBMax < r.totalBMin || r.activeBMin <= 0 || r.activeBMax < r.activeBMin)
      throw row.error('bad parameter range');
    if (r.activeBMax > r.totalBMax) throw row.error('active parameters above total');
    return r;
  });
}
