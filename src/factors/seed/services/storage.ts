import { DATA_FACTOR_STATUSES } from '../../../models/factor.js';
import { STORAGE_KINDS, STORAGE_MEDIA } from '../../../models/storage.js';
import type { StorageServiceRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';

/**
 * `storage-services.csv`: each provider's storage products, the medium their bytes sit on and the
 * copies the provider keeps (CCF's per-service replication factors mapped onto the product ids,
 * or the provider's own statement).
 */
export function storageServices(inputs: SeedInputs): StorageServiceRow[] {
  return records(inputs, 'storage-services.csv', [
    'provider',
    'service',
    'name',
    'kind',
    'medium',
    'replication_factor',
    'replication_status',
    'source',
    'note',
  ]).map((row) => {
    const replicationFactor = row.num('replication_factor');
    if (replicationFactor < 1) throw row.error('replication_factor must be at least 1');
    return {
      providerId: row.text('provider'),
      id: row.text('service'),
      name: row.text('name'),
      kind: row.oneOf('kind', STORAGE_KINDS),
      medium: row.oneOf('medium', STORAGE_MEDIA),
      replicationFactor,
      replicationStatus: row.oneOf('replication_status', DATA_FACTOR_STATUSES),
      sourceId: row.sourceId(),
      note: row.optText('note'),
    };
  });
}
