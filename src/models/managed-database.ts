import type { Footprint } from './estimate.js';

/** Database engines a plan can offer. */
export const DATABASE_ENGINES = [
  'postgresql',
  'mysql',
  'mariadb',
  'sqlserver',
  'oracle',
  'redis',
  'mongodb',
] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** One part of a managed database (its nodes, its storage) and its CO2e range. */
export interface DatabasePart extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  operational_co2e_g: number;
  embodied_co2e_g: number;
}

/**
 * Nodes a managed database runs: the plan's own nodes and standbys, plus one standby per node
 * when the caller asks for high availability and the plan includes none.
 *
 * ```
 * standbys = plan.standby_nodes > 0 ? plan.standby_nodes : (high_availability ? plan.nodes : 0)
 * nodes    = plan.nodes + standbys
 * ```
 * @see docs/methodology.md, "Managed databases"
 */
export function databaseNodes(planNodes: number, planStandbys: number, highAvailability: boolean) {
  const standbys = planStandbys > 0 ? planStandbys : highAvailability ? planNodes : 0;
  return { nodes: planNodes + standbys, standbys };
}

/**
 * A managed database's total: its nodes (the server model) plus its storage (the storage model,
 * one copy per node). Ranges add end to end.
 */
export function sumParts(parts: readonly DatabasePart[]) {
  const total = { co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 };
  for (const p of parts) {
    total.co2e_g += p.co2e_g;
    total.co2e_g_low += p.co2e_g_low;
    total.co2e_g_high += p.co2e_g_high;
    total.energy_kwh += p.energy_kwh;
    total.water_l += p.water_l;
  }
  return total;
}
