import { buildCatalog, type Catalog } from './catalog.js';
import type { CatalogData } from './store.js';

/**
 * The factor tables of one data version, built into the Worker bundle
 * (catalog-snapshot.generated.ts, from the migrations) so that a new isolate need not read them
 * from D1: the catalog cache uses it only when the store reports this very version.
 */
export interface CatalogSnapshot {
  dataVersion: string;
  /** The catalog of these tables (decoded and built once). */
  catalog(): Catalog;
}

type Table = Exclude<keyof CatalogData, 'dataVersion' | 'methodology'>;
/** Each table as its column names and its rows of values: a third of the size of row objects. */
type Encoded = { dataVersion: string; methodology?: string } & Record<
  Table,
  { columns: string[]; rows: unknown[][] }
>;

/**
 * Tables whose `note` no answer serves (only the catalog's own bookkeeping): the snapshot carries
 * them as null, which keeps the Worker bundle under its size limit. Served notes (sources, storage
 * services, database plans) are kept.
 */
export const SNAPSHOT_UNSERVED_NOTES: readonly Table[] = [
  'regions',
  'cpuProfiles',
  'instanceTypes',
  'globalFactors',
  'gpuModels',
  'llmProviders',
  'llmModels',
];

/** The tables as the snapshot keeps them: unserved notes null. */
export function snapshotView(data: CatalogData): CatalogData {
  const out = { ...data };
  for (const table of SNAPSHOT_UNSERVED_NOTES) {
    (out as Record<string, unknown>)[table] = (data[table] as { note: string | null }[]).map((row) => ({
      ...row,
      note: null,
    }));
  }
  return out;
}

export function encodeCatalogSnapshot(data: CatalogData): string {
  data = snapshotView(data);
  const out: Record<string, unknown> = { dataVersion: data.dataVersion };
  if (data.methodology) out.methodology = data.methodology;
  for (const [table, rows] of Object.entries(data)) {
    if (table === 'dataVersion' || table === 'methodology') continue;
    const list = rows as Record<string, unknown>[];
    const columns = Object.keys(list[0] ?? {});
    out[table] = { columns, rows: list.map((row) => columns.map((c) => row[c])) };
  }
  return JSON.stringify(out);
}

export function decodeCatalogSnapshot(json: string): CatalogData {
  const encoded = JSON.parse(json) as Encoded;
  const out: Record<string, unknown> = { dataVersion: encoded.dataVersion };
  if (encoded.methodology) out.methodology = encoded.methodology;
  for (const [table, value] of Object.entries(encoded)) {
    if (table === 'dataVersion' || table === 'methodology') continue;
    const { columns, rows } = value as Encoded[Table];
    out[table] = rows.map((row) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) o[columns[i] as string] = row[i];
      return o;
    });
  }
  return out as unknown as CatalogData;
}

/**
 * A snapshot over a generated module's two constants. `eager`: decode and build now (~30 ms of
 * CPU), for a Worker that does it while its isolate starts rather than in its first request.
 */
export function catalogSnapshot(dataVersion: string, json: string, eager = false): CatalogSnapshot {
  let built: Catalog | undefined;
  const catalog = () => {
    built ??= buildCatalog(decodeCatalogSnapshot(json));
    return built;
  };
  if (eager) catalog();
  return { dataVersion, catalog };
}
