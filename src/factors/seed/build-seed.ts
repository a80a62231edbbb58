import type { meta } from '../schema.js';
import type {
  CountryRow,
  CpuProfileRow,
  ElectricityWaterRow,
  GlobalFactorRow,
  GridIntensityRow,
  InstanceTypeRow,
  ProviderRow,
  RegionRow,
  SourceRow,
} from '../store.js';
import { type CsvRecord, parseCsvRecords } from './csv.js';
import { parseDecimal, shiftDecimal, tonnesToKg } from './numbers.js';
import { GLOBAL_FACTORS, PROVIDERS } from './providers.js';
import { type Co2jsRelease, citedSources, type SourceId, sourceIdFor } from './sources.js';

/** The CSV files of `src/factors/data/` the seed is built from. */
export const SEED_CSV_FILES = [
  'aws-ec2-instances.ccf.csv',
  'azure-vm-sizes.ccf.csv',
  'cloud-regions.csv',
  'cpu-power.csv',
  'electricity-water-wri.csv',
  'gcp-machine-types.ccf.csv',
  'heroku-dynos.csv',
  'heroku-regions.csv',
  'other-regions.csv',
  'scaleway-instances.csv',
  'scaleway-zones.csv',
] as const;

export type SeedCsvFile = (typeof SEED_CSV_FILES)[number];

/**
 * The data year of `averageIntensity` per CO2.js release, as its changelog names it. A new
 * release must be added here after reading its changelog (the generator refuses unknown ones).
 */
export const CO2JS_DATA_YEARS: Record<string, number> = { '0.19.0': 2024 };

export interface CountryInput {
  alpha2: string;
  alpha3: string;
  name: string;
}

export interface SeedInputs {
  /** Text of every seed CSV file. */
  csv: Record<SeedCsvFile, string>;
  /** CO2.js `averageIntensity.data`: gCO2e/kWh by ISO alpha-3, aggregates and `WORLD`. */
  averageIntensity: Record<string, number>;
  co2jsVersion: string;
  countries: CountryInput[];
  /** Version of the package the country table comes from (named in the SQL header). */
  countriesPackage: string;
}

export type MetaRow = typeof meta.$inferSelect;

/** Every row of the seed, each table sorted by its primary key. */
export interface SeedRows {
  sources: SourceRow[];
  countries: CountryRow[];
  providers: ProviderRow[];
  regions: RegionRow[];
  cpuProfiles: CpuProfileRow[];
  instanceTypes: InstanceTypeRow[];
  gridIntensities: GridIntensityRow[];
  electricityWater: ElectricityWaterRow[];
  globalFactors: GlobalFactorRow[];
}

type FactorStatus = 'published' | 'derived' | 'proxy' | 'estimated' | 'default';
type Architecture = 'x86_64' | 'arm64';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey =
  <T>(...keys: ((row: T) => string | number)[]) =>
  (a: T, b: T) => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x !== y)
        return typeof x === 'number' && typeof y === 'number' ? x - y : compare(String(x), String(y));
    }
    return 0;
  };

/** Reads one CSV file's records, checking its header has the columns the seed reads. */
function records(inputs: SeedInputs, file: SeedCsvFile, columns: string[]): Row[] {
  const { header, records } = parseCsvRecords(inputs.csv[file], file);
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return records.map((record, index) => new Row(file, index + 2, record));
}

/** A CSV record with typed, error-reporting accessors. */
class Row {
  constructor(
    readonly file: SeedCsvFile,
    readonly line: number,
    readonly record: CsvRecord,
  ) {}
  private where(column: string) {
    return `${this.file} line ${this.line}, ${column}`;
  }
  raw(column: string): string {
    return (this.record[column] ?? '').trim();
  }
  text(column: string): string {
    const v = this.raw(column);
    if (!v) throw new Error(`${this.where(column)}: required value is blank`);
    return v;
  }
  optText(column: string): string | null {
    return this.raw(column) || null;
  }
  num(column: string): number {
    return parseDecimal(this.text(column), this.where(column));
  }
  optNum(column: string): number | null {
    const v = this.raw(column);
    return v ? parseDecimal(v, this.where(column)) : null;
  }
  int(column: string): number {
    const n = this.num(column);
    if (!Number.isInteger(n)) throw new Error(`${this.where(column)}: ${n} is not an integer`);
    return n;
  }
  optInt(column: string): number | null {
    return this.raw(column) ? this.int(column) : null;
  }
  kg(column: string): number {
    return tonnesToKg(this.text(column), this.where(column));
  }
  sourceId(column = 'source'): SourceId {
    return sourceIdFor(this.file, this.text(column));
  }
  error(message: string): Error {
    return new Error(`${this.file} line ${this.line}: ${message}`);
  }
  fail(message: string): never {
    throw this.error(message);
  }
}

function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const v = row.text(column);
  if (!(allowed as readonly string[]).includes(v))
    throw row.error(`${column} ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
  return v as T;
}

const ARCHITECTURES = ['x86_64', 'arm64'] as const;
const FACTOR_STATUSES = ['published', 'derived', 'proxy', 'estimated', 'default'] as const;

function buildCpuProfiles(inputs: SeedInputs): CpuProfileRow[] {
  const cols = [
    'cpu_family',
    'cpu_architecture',
    'method',
    'min_w_per_vcpu',
    'max_w_per_vcpu',
    'tdp_w',
    'threads',
    'source',
  ];
  return records(inputs, 'cpu-power.csv', cols).map((row) => {
    const method = oneOf(row, 'method', ['specpower', 'tdp-curve'] as const);
    const specpower = method === 'specpower';
    const profile: CpuProfileRow = {
      family: row.text('cpu_family'),
      architecture: oneOf(row, 'cpu_architecture', ARCHITECTURES),
      method,
      minWPerVcpu: specpower ? row.num('min_w_per_vcpu') : null,
      maxWPerVcpu: specpower ? row.num('max_w_per_vcpu') : null,
      tdpW: specpower ? null : row.num('tdp_w'),
      threads: specpower ? null : row.int('threads'),
      sourceId: row.sourceId(),
      note: row.text('source'),
    };
    const stray = specpower ? ['tdp_w', 'threads'] : ['min_w_per_vcpu', 'max_w_per_vcpu'];
    for (const c of stray) if (row.raw(c)) throw row.error(`${c} must be blank for method ${method}`);
    return profile;
  });
}

interface RegionsResult {
  regions: RegionRow[];
  awsFleetWue: { value: number; year: number };
}

function emptyFactors() {
  return {
    datacenter: null,
    pue: null,
    pueYear: null,
    pueStatus: null,
    wueLPerKwh: null,
    wueYear: null,
    wueStatus: null,
    gridGPerKwh: null,
    gridYear: null,
    gridStatus: null,
    ccfGridGPerKwh: null,
    runsOnProvider: null,
    runsOnRegion: null,
  } satisfies Partial<RegionRow>;
}

/** `other-regions.csv` statuses: fleet or industry averages stand in for a region's own value. */
const OTHER_REGION_STATUSES: Record<string, FactorStatus | null> = {
  'provider-average': 'default',
  'industry-average': 'default',
  unknown: null,
  '': null,
};

function buildRegions(inputs: SeedInputs, sourceYears: Map<string, number | null>): RegionsResult {
  const regions: RegionRow[] = [];

  for (const row of records(inputs, 'scaleway-zones.csv', [
    'provider',
    'region',
    'datacenter',
    'city',
    'country_iso2',
    'grid_zone',
    'pue',
    'wue_l_per_kwh',
    'provider_grid_kgco2e_per_kwh',
    'reference_date',
    'source',
  ])) {
    if (row.text('provider') !== 'scaleway') throw row.error('provider must be scaleway');
    const date = /^(\d{4})-\d{2}-\d{2}$/.exec(row.text('reference_date'));
    if (!date) throw row.error('reference_date must be YYYY-MM-DD');
    const year = Number(date[1]);
    const wue = row.optNum('wue_l_per_kwh');
    regions.push({
      ...emptyFactors(),
      providerId: 'scaleway',
      id: row.text('region'),
      name: row.text('city'),
      datacenter: row.optText('datacenter'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue: row.num('pue'),
      pueYear: year,
      pueStatus: 'published',
      wueLPerKwh: wue,
      wueYear: wue === null ? null : year,
      wueStatus: wue === null ? null : 'published',
      gridGPerKwh: shiftDecimal(row.text('provider_grid_kgco2e_per_kwh'), 3, 'provider_grid_kgco2e_per_kwh'),
      gridYear: year,
      gridStatus: 'published',
      sourceId: row.sourceId(),
      note: row.text('source'),
    });
  }

  const fleetWue: { value: number; year: number }[] = [];
  for (const row of records(inputs, 'cloud-regions.csv', [
    'provider',
    'region',
    'location',
    'country_iso2',
    'grid_zone',
    'pue',
    'pue_year',
    'wue_l_per_kwh',
    'wue_year',
    'grid_intensity_g_per_kwh',
    'grid_year',
    'ccf_grid_g_per_kwh',
    'source',
  ])) {
    const provider = oneOf(row, 'provider', ['aws', 'gcp', 'azure'] as const);
    const source = row.text('source');
    // Statuses the source text states: AWS fleet-wide WUE stands in for a per-region value;
    // a GSF row built from another place's data is a proxy for this region.
    const fleetWide = /\bwue 2023 is AWS fleet-wide\b/.test(source);
    const gridProxy = /\bis a proxy\b/.test(source);
    const allProxy = /\bGSF row is Microsoft Washington data\b/.test(source);
    if (fleetWide && provider !== 'aws') throw row.error('only AWS rows can carry the AWS fleet-wide WUE');
    const pue = row.optNum('pue');
    const wue = row.optNum('wue_l_per_kwh');
    const grid = row.optNum('grid_intensity_g_per_kwh');
    const status = (value: number | null, proxy: boolean, other: FactorStatus = 'published') =>
      value === null ? null : proxy ? 'proxy' : other;
    const yearOf = (value: number | null, column: string) => {
      const year = row.optInt(column);
      if ((value === null) !== (year === null))
        throw row.error(`${column} must be given exactly when its value is`);
      return year;
    };
    const wueYear = yearOf(wue, 'wue_year');
    if (fleetWide) {
      if (wue === null || wueYear === null) throw row.error('fleet-wide WUE row without a WUE');
      fleetWue.push({ value: wue, year: wueYear });
    }
    regions.push({
      ...emptyFactors(),
      providerId: provider,
      id: row.text('region'),
      name: row.text('location'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue,
      pueYear: yearOf(pue, 'pue_year'),
      pueStatus: status(pue, allProxy),
      wueLPerKwh: wue,
      wueYear,
      wueStatus: status(wue, allProxy, fleetWide ? 'default' : 'published'),
      gridGPerKwh: grid,
      gridYear: yearOf(grid, 'grid_year'),
      gridStatus: status(grid, allProxy || gridProxy),
      ccfGridGPerKwh: row.optNum('ccf_grid_g_per_kwh'),
      sourceId: row.sourceId(),
      note: source,
    });
  }
  const [firstFleet] = fleetWue;
  if (!firstFleet || fleetWue.some((w) => w.value !== firstFleet.value || w.year !== firstFleet.year)) {
    throw new Error('cloud-regions.csv: the AWS fleet-wide WUE rows must all carry the same value and year');
  }

  const otherStatus = (row: Row, valueColumn: string, statusColumn: string) => {
    const value = row.optNum(valueColumn);
    const status = OTHER_REGION_STATUSES[row.raw(statusColumn)];
    if (status === undefined)
      throw row.error(`unknown ${statusColumn} ${JSON.stringify(row.raw(statusColumn))}`);
    if ((value === null) !== (status === null))
      throw row.error(`${valueColumn} and ${statusColumn} disagree`);
    return { value, status };
  };
  for (const row of records(inputs, 'other-regions.csv', [
    'provider',
    'region',
    'name',
    'country_iso2',
    'grid_zone',
    'pue',
    'pue_status',
    'wue_l_per_kwh',
    'wue_status',
    'runs_on_provider',
    'runs_on_region',
    'source',
  ])) {
    const pue = otherStatus(row, 'pue', 'pue_status');
    const wue = otherStatus(row, 'wue_l_per_kwh', 'wue_status');
    const sourceId = row.sourceId();
    // The file has no year columns: a value takes the year of its source, when the source has one.
    const sourceYear = sourceYears.get(sourceId) ?? null;
    const runsOnProvider = row.optText('runs_on_provider');
    const runsOnRegion = row.optText('runs_on_region');
    if ((runsOnProvider === null) !== (runsOnRegion === null))
      throw row.error('runs_on_provider and runs_on_region go together');
    if (runsOnProvider && (pue.value !== null || wue.value !== null))
      throw row.error('a runs_on region takes its host factors');
    regions.push({
      ...emptyFactors(),
      providerId: oneOf(row, 'provider', ['ovhcloud', 'clever-cloud'] as const),
      id: row.text('region'),
      name: row.text('name'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue: pue.value,
      pueYear: pue.value === null ? null : sourceYear,
      pueStatus: pue.status,
      wueLPerKwh: wue.value,
      wueYear: wue.value === null ? null : sourceYear,
      wueStatus: wue.status,
      runsOnProvider,
      runsOnRegion,
      sourceId,
      note: row.text('source'),
    });
  }

  const regionKey = (provider: string, id: string) => `${provider}/${id}`;
  const own = new Map(regions.map((r) => [regionKey(r.providerId, r.id), r]));
  for (const row of records(inputs, 'heroku-regions.csv', [
    'provider',
    'region',
    'runs_on_provider',
    'runs_on_region',
    'source',
  ])) {
    if (row.text('provider') !== 'heroku') throw row.error('provider must be heroku');
    const host = own.get(regionKey(row.text('runs_on_provider'), row.text('runs_on_region')));
    if (!host) throw row.error('runs_on region is not seeded');
    regions.push({
      ...emptyFactors(),
      providerId: 'heroku',
      id: row.text('region'),
      name: host.name,
      country: host.country,
      gridZone: host.gridZone,
      runsOnProvider: host.providerId,
      runsOnRegion: host.id,
      sourceId: row.sourceId(),
      note: row.text('source'),
    });
  }

  const seen = new Set<string>();
  for (const r of regions) {
    const k = regionKey(r.providerId, r.id);
    if (seen.has(k)) throw new Error(`duplicate region ${k}`);
    seen.add(k);
    if (r.runsOnProvider && r.runsOnRegion) {
      const host = own.get(regionKey(r.runsOnProvider, r.runsOnRegion));
      if (!host || host.runsOnProvider)
        throw new Error(
          `region ${k} runs on ${r.runsOnProvider}/${r.runsOnRegion}, which is not a seeded host region`,
        );
    }
  }
  return {
    regions: regions.sort(
      byKey(
        (r) => r.providerId,
        (r) => r.id,
      ),
    ),
    awsFleetWue: firstFleet,
  };
}

function buildInstanceTypes(inputs: SeedInputs, profiles: CpuProfileRow[]): InstanceTypeRow[] {
  const architectureOf = new Map(profiles.map((p) => [p.family, p.architecture as Architecture]));
  /** `;`-separated CPU families; blank or `Unknown` → null (the provider default applies). */
  const families = (row: Row, column: string): { cpuFamilies: string | null; architecture: Architecture } => {
    const raw = row.raw(column);
    if (!raw || raw.toLowerCase() === 'unknown') return { cpuFamilies: null, architecture: 'x86_64' };
    const list = raw.split(';').map((f) => f.trim());
    const archs = new Set(
      list.map(
        (f) =>
          architectureOf.get(f) ?? row.fail(`CPU family ${JSON.stringify(f)} is not a row of cpu-power.csv`),
      ),
    );
    if (archs.size !== 1) throw row.error(`CPU families ${raw} mix architectures`);
    return { cpuFamilies: list.join(';'), architecture: [...archs][0] as Architecture };
  };
  const rows: InstanceTypeRow[] = [];

  const ccf = (
    file: 'aws-ec2-instances.ccf.csv' | 'gcp-machine-types.ccf.csv' | 'azure-vm-sizes.ccf.csv',
    providerId: string,
    cols: { id: string; family: string; largest: string; note?: (row: Row) => string | null },
  ) => {
    for (const row of records(inputs, file, [
      cols.id,
      cols.family,
      'vcpus',
      'memory_gb',
      'host_embodied_tco2e',
      cols.largest,
      'processors',
    ])) {
      const f = families(row, 'processors');
      rows.push({
        providerId,
        id: row.text(cols.id),
        family: row.optText(cols.family),
        vcpus: row.int('vcpus'),
        vcpusStatus: 'published',
        memoryGb: row.optNum('memory_gb'),
        cpuFamilies: f.cpuFamilies,
        cpuArchitecture: f.architecture,
        hostVcpus: row.int(cols.largest),
        hostEmbodiedKg: row.kg('host_embodied_tco2e'),
        embodiedStatus: 'published',
        sourceId: 'ccf-teads-embodied',
        hostSourceId: 'ccf-teads-embodied',
        embodiedSourceId: 'ccf-teads-embodied',
        note: cols.note ? cols.note(row) : null,
      });
    }
  };
  ccf('aws-ec2-instances.ccf.csv', 'aws', {
    id: 'instance_type',
    family: 'family',
    largest: 'family_largest_vcpus',
    note: (row) => {
      const source = row.text('processors_source');
      return source === 'CCF INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING' ? null : `processors: ${source}`;
    },
  });
  ccf('gcp-machine-types.ccf.csv', 'gcp', {
    id: 'machine_type',
    family: 'family',
    largest: 'family_largest_vcpus',
    note: (row) => `memory: ${row.text('memory_rule')}`,
  });
  ccf('azure-vm-sizes.ccf.csv', 'azure', {
    id: 'vm_size',
    family: 'series',
    largest: 'series_largest_vcpus',
  });

  for (const row of records(inputs, 'scaleway-instances.csv', [
    'instance_type',
    'vcpus',
    'memory_gb',
    'platform',
    'cpu_family',
    'cpu_architecture',
    'host_vcpus',
    'host_embodied_tco2e',
    'embodied_status',
    'note',
    'source',
  ])) {
    const f = families(row, 'cpu_family');
    if (f.cpuFamilies === null) throw row.error('a Scaleway instance must name its CPU family');
    if (row.text('cpu_architecture') !== f.architecture)
      throw row.error(`cpu_architecture disagrees with cpu-power.csv (${f.architecture})`);
    rows.push({
      providerId: 'scaleway',
      id: row.text('instance_type'),
      family: row.optText('platform'),
      vcpus: row.int('vcpus'),
      vcpusStatus: 'published',
      memoryGb: row.optNum('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: f.architecture,
      hostVcpus: row.int('host_vcpus'),
      hostEmbodiedKg: row.kg('host_embodied_tco2e'),
      embodiedStatus: oneOf(row, 'embodied_status', FACTOR_STATUSES),
      sourceId: row.sourceId(),
      // Host shapes come from Boavizta; embodied values are CCF/Teads AWS hosts used as proxies.
      hostSourceId: row.sourceId(),
      embodiedSourceId: 'ccf-teads-embodied',
      note: row.optText('note'),
    });
  }

  const m5 = rows.find((r) => r.providerId === 'aws' && r.id === 'm5.large');
  if (!m5) throw new Error('aws-ec2-instances.ccf.csv: m5.large (the Heroku host) is missing');
  const herokuCpu = PROVIDERS.find((p) => p.id === 'heroku')?.cpuProfileX86 ?? '';
  if (architectureOf.get(herokuCpu) !== 'x86_64')
    throw new Error(`Heroku CPU profile ${herokuCpu} is not an x86_64 row of cpu-power.csv`);
  for (const row of records(inputs, 'heroku-dynos.csv', [
    'dyno_type',
    'memory_gb',
    'vcpus',
    'tenancy',
    'vcpus_status',
    'note',
  ])) {
    rows.push({
      providerId: 'heroku',
      id: row.text('dyno_type'),
      family: null,
      vcpus: row.int('vcpus'),
      vcpusStatus: oneOf(row, 'vcpus_status', FACTOR_STATUSES),
      memoryGb: row.num('memory_gb'),
      cpuFamilies: herokuCpu,
      cpuArchitecture: 'x86_64',
      hostVcpus: m5.hostVcpus,
      hostEmbodiedKg: m5.hostEmbodiedKg,
      embodiedStatus: 'proxy',
      sourceId: 'heroku-dyno-types',
      hostSourceId: m5.hostSourceId,
      embodiedSourceId: m5.embodiedSourceId,
      note: `${row.text('note')}; host: AWS m5 (m5.large, CCF/Teads) as proxy`,
    });
  }

  const seen = new Set<string>();
  for (const r of rows) {
    const k = `${r.providerId}/${r.id}`;
    if (seen.has(k)) throw new Error(`duplicate instance type ${k}`);
    seen.add(k);
    if (r.vcpus < 1 || r.hostVcpus < r.vcpus)
      throw new Error(`instance type ${k}: vcpus ${r.vcpus} / host ${r.hostVcpus}`);
  }
  return rows.sort(
    byKey(
      (r) => r.providerId,
      (r) => r.id,
    ),
  );
}

/**
 * Builds every seed row from the project's CSV texts, CO2.js grid intensities and the ISO
 * country table. Pure; throws on any row it cannot map (unknown source text, CPU family, region…).
 */
export function buildSeedRows(inputs: SeedInputs): SeedRows {
  const dataYear = CO2JS_DATA_YEARS[inputs.co2jsVersion];
  if (dataYear === undefined) {
    throw new Error(
      `CO2.js ${inputs.co2jsVersion}: unknown averageIntensity data year; read its changelog and add it to CO2JS_DATA_YEARS`,
    );
  }
  const co2js: Co2jsRelease = { version: inputs.co2jsVersion, dataYear };
  const sources = citedSources(co2js);
  const sourceIds = new Set(sources.map((s) => s.id));

  const countries: CountryRow[] = inputs.countries
    .map((c) => ({ alpha2: c.alpha2, alpha3: c.alpha3, name: c.name }))
    .sort(byKey((c) => c.alpha2));
  for (const c of countries) {
    if (!/^[A-Z]{2}$/.test(c.alpha2) || !/^[A-Z]{3}$/.test(c.alpha3) || !c.name) {
      throw new Error(`invalid country ${JSON.stringify(c)}`);
    }
  }
  const alpha2s = new Set(countries.map((c) => c.alpha2));
  const alpha3s = new Set(countries.map((c) => c.alpha3));

  const cpuProfiles = buildCpuProfiles(inputs).sort(byKey((p) => p.family));
  const families = new Set(cpuProfiles.map((p) => p.family));
  const { regions, awsFleetWue } = buildRegions(inputs, new Map(sources.map((s) => [s.id, s.year])));
  for (const r of regions) {
    if (!alpha2s.has(r.country))
      throw new Error(`region ${r.providerId}/${r.id}: unknown country ${r.country}`);
  }

  const providers: ProviderRow[] = PROVIDERS.map((p) => {
    for (const family of [p.cpuProfileX86, p.cpuProfileArm64]) {
      if (!families.has(family))
        throw new Error(`provider ${p.id}: CPU profile ${family} is not a row of cpu-power.csv`);
    }
    const aws = p.id === 'aws';
    return {
      id: p.id,
      name: p.name,
      url: p.url,
      defaultPue: p.defaultPue?.value ?? null,
      defaultPueYear: p.defaultPue?.year ?? null,
      defaultPueSourceId: p.defaultPue?.sourceId ?? null,
      defaultWueLPerKwh: aws ? awsFleetWue.value : null,
      defaultWueYear: aws ? awsFleetWue.year : null,
      defaultWueSourceId: aws ? 'gsf-real-time-cloud-2026' : null,
      cpuProfileX86: p.cpuProfileX86,
      cpuProfileArm64: p.cpuProfileArm64,
      lifespanHours: p.lifespanHours,
      lifespanSourceId: p.lifespanSourceId,
    };
  }).sort(byKey((p) => p.id));
  const providerIds = new Set(providers.map((p) => p.id));
  for (const r of regions) {
    if (!providerIds.has(r.providerId)) throw new Error(`region ${r.providerId}/${r.id}: unknown provider`);
  }

  const instanceTypes = buildInstanceTypes(inputs, cpuProfiles);

  const gridIntensities: GridIntensityRow[] = Object.entries(inputs.averageIntensity)
    .filter(([zone]) => zone === 'WORLD' || alpha3s.has(zone))
    .map(([zone, gPerKwh]) => {
      if (typeof gPerKwh !== 'number' || !Number.isFinite(gPerKwh))
        throw new Error(`CO2.js ${zone}: not a number`);
      return { zone, year: dataYear, gPerKwh, sourceId: 'ember-via-co2js' };
    })
    .sort(
      byKey(
        (g) => g.zone,
        (g) => g.year,
      ),
    );
  if (!gridIntensities.some((g) => g.zone === 'WORLD'))
    throw new Error('CO2.js averageIntensity has no WORLD value');

  const electricityWater: ElectricityWaterRow[] = records(inputs, 'electricity-water-wri.csv', [
    'zone_iso3',
    'water_l_per_kwh',
    'source_url',
  ])
    .map((row) => {
      const zone = row.text('zone_iso3');
      if (!alpha3s.has(zone)) throw row.error(`zone ${zone} is not an ISO alpha-3 country`);
      return { zone, lPerKwh: row.num('water_l_per_kwh'), sourceId: row.sourceId('source_url') };
    })
    .sort(byKey((w) => w.zone));

  const globalFactors: GlobalFactorRow[] = GLOBAL_FACTORS.map((g) => ({ ...g })).sort(byKey((g) => g.name));

  const rows: SeedRows = {
    sources,
    countries,
    providers,
    regions,
    cpuProfiles,
    instanceTypes,
    gridIntensities,
    electricityWater,
    globalFactors,
  };
  const cited = [
    ...providers.flatMap((p) => [p.defaultPueSourceId, p.defaultWueSourceId, p.lifespanSourceId]),
    ...regions.map((r) => r.sourceId),
    ...cpuProfiles.map((p) => p.sourceId),
    ...instanceTypes.flatMap((i) => [i.sourceId, i.hostSourceId, i.embodiedSourceId]),
    ...gridIntensities.map((g) => g.sourceId),
    ...electricityWater.map((w) => w.sourceId),
    ...globalFactors.map((g) => g.sourceId),
  ];
  for (const id of cited)
    if (id !== null && !sourceIds.has(id)) throw new Error(`source ${id} is cited but not listed`);
  return rows;
}
