import { DATABASE_ENGINES } from '../../../models/managed-database.js';
import type { DatabasePlanRow, InstanceTypeRow, StorageServiceRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';

/**
 * `database-plans.csv`: managed database plans. A plan's nodes run as a seeded instance type
 * (`instance_type`, of the plan's provider unless written `provider/type`) or as `vcpus`/`memory_gb`
 * on the provider's defaults. A row whose plan ends in `.*` (`db.m5.*`, instance type `m5.*`) stands
 * for every seeded type of that family (`db.m5.large` → `m5.large`, AWS RDS classes): it is stored as
 * one row, which the catalog expands.
 */
export function databasePlans(
  inputs: SeedInputs,
  instanceTypes: readonly InstanceTypeRow[],
  storage: readonly StorageServiceRow[],
): DatabasePlanRow[] {
  const out: DatabasePlanRow[] = [];
  for (const row of records(inputs, 'database-plans.csv', [
    'provider',
    'plan',
    'engines',
    'vcpus',
    'vcpus_status',
    'memory_gb',
    'storage_gb',
    'storage_service',
    'nodes',
    'standby_nodes',
    'instance_type',
    'regions',
    'source',
    'note',
  ])) {
    const providerId = row.text('provider');
    const engines = row
      .text('engines')
      .split(';')
      .map((e) => e.trim());
    for (const e of engines)
      if (!(DATABASE_ENGINES as readonly string[]).includes(e)) throw row.error(`unknown engine ${e}`);
    const storageServiceId = row.optText('storage_service');
    if (storageServiceId && !storage.some((s) => s.providerId === providerId && s.id === storageServiceId))
      throw row.error(`storage_service ${storageServiceId} is not a ${providerId} storage service`);
    const nodes = row.int('nodes');
    if (nodes < 1) throw row.error('nodes must be at least 1');
    const regions = row.text('regions');
    const base = {
      providerId,
      engines: engines.join(';'),
      storageGb: row.optNum('storage_gb'),
      storageServiceId,
      nodes,
      standbyNodes: row.int('standby_nodes'),
      regions: regions === '*' ? null : regions,
      sourceId: row.sourceId(),
      note: row.optText('note'),
    };
    const plan = row.text('plan');
    const typeText = row.optText('instance_type');
    const [instanceProviderId, instanceTypeId] = typeText?.includes('/')
      ? (typeText.split('/', 2) as [string, string])
      : [providerId, typeText];
    if (instanceTypeId) {
      // The instance type gives the shape: vCPUs and memory are not repeated here.
      const family = plan.endsWith('.*') ? instanceTypeId.slice(0, -2) : null;
      if (plan.endsWith('.*') !== instanceTypeId.endsWith('.*'))
        throw row.error('a family plan (x.*) maps to a family of instance types (y.*)');
      const known = instanceTypes.some(
        (t) =>
          t.providerId === instanceProviderId &&
          (family === null ? t.id === instanceTypeId : t.family === family),
      );
      if (!known) throw row.error(`instance_type ${instanceProviderId}/${instanceTypeId} is not seeded`);
      out.push({
        ...base,
        id: plan,
        vcpus: null,
        vcpusStatus: null,
        memoryGb: null,
        instanceProviderId,
        instanceTypeId,
      });
      continue;
    }
    // Without an instance type, the plan's shape runs on the provider's default CPU profile and host.
    out.push({
      ...base,
      id: plan,
      vcpus: row.int('vcpus'),
      vcpusStatus: row.oneOf('vcpus_status', ['published', 'estimated'] as const),
      memoryGb: row.num('memory_gb'),
      instanceProviderId: null,
      instanceTypeId: null,
    });
  }
  return out;
}
