import type { SourceId } from './sources.js';

/** Provider defaults fixed by docs/methodology.md (the AWS default WUE is read from cloud-regions.csv). */
export interface ProviderDefaults {
  id: string;
  name: string;
  url: string;
  defaultPue: { value: number; year: number | null; sourceId: SourceId } | null;
  cpuProfileX86: string;
  cpuProfileArm64: string;
  lifespanHours: number;
  lifespanSourceId: SourceId;
}

const CCF_LIFESPAN_HOURS = 35_040;
const AWS_AVERAGE_CPU = 'AWS average (unknown CPU)';
const GRAVITON2 = 'AWS Graviton2';

export const PROVIDERS: ProviderDefaults[] = [
  {
    id: 'aws',
    name: 'Amazon Web Services',
    url: 'https://aws.amazon.com',
    defaultPue: { value: 1.15, year: 2024, sourceId: 'aws-sustainability-2024' },
    cpuProfileX86: AWS_AVERAGE_CPU,
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'azure',
    name: 'Microsoft Azure',
    url: 'https://azure.microsoft.com',
    defaultPue: { value: 1.185, year: null, sourceId: 'ccf-coefficients' },
    cpuProfileX86: 'Azure average (unknown CPU)',
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'clever-cloud',
    name: 'Clever Cloud',
    url: 'https://www.clever-cloud.com',
    defaultPue: null,
    cpuProfileX86: AWS_AVERAGE_CPU,
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'gcp',
    name: 'Google Cloud',
    url: 'https://cloud.google.com',
    defaultPue: { value: 1.1, year: null, sourceId: 'ccf-coefficients' },
    cpuProfileX86: 'GCP median (unknown CPU)',
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'heroku',
    name: 'Heroku',
    url: 'https://www.heroku.com',
    defaultPue: null,
    cpuProfileX86: AWS_AVERAGE_CPU,
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'hetzner',
    name: 'Hetzner',
    url: 'https://www.hetzner.com/cloud',
    defaultPue: null,
    cpuProfileX86: AWS_AVERAGE_CPU,
    cpuProfileArm64: 'Ampere Altra Q80-30',
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'ovhcloud',
    name: 'OVHcloud',
    url: 'https://www.ovhcloud.com',
    defaultPue: null,
    cpuProfileX86: AWS_AVERAGE_CPU,
    cpuProfileArm64: GRAVITON2,
    lifespanHours: CCF_LIFESPAN_HOURS,
    lifespanSourceId: 'ccf-coefficients',
  },
  {
    id: 'scaleway',
    name: 'Scaleway',
    url: 'https://www.scaleway.com',
    defaultPue: null,
    cpuProfileX86: 'AMD EPYC 7543',
    cpuProfileArm64: 'Ampere Altra Max M128-30',
    lifespanHours: 52_560,
    lifespanSourceId: 'scaleway-footprint-reference-2025',
  },
];

/**
 * Provider-independent factors (docs/methodology.md, "Factors and their ranges"). `low`/`high`:
 * the range the sources support (null: the default rule of the factor).
 */
export const GLOBAL_FACTORS = [
  {
    name: 'memory_power',
    value: 0.000392,
    // Low: Boavizta's 0.284 W/GB (RAM consumption profile, averaged stress-test data), the lowest
    // published per-GB figure found; high: +20% (no source gives more for DDR4/DDR5 server memory).
    low: 0.000284,
    high: 0.0004704,
    unit: 'kWh/GB-h',
    year: null,
    sourceId: 'ccf-coefficients' as SourceId,
    note:
      'Memory power per GB-hour (CCF: mean of Crucial 0.375 W/GB and Micron TN-40-07 0.408 W/GB, DDR4). ' +
      "Range 0.284 W/GB (Boavizta's RAM profile) to +20%. Counted only above SPECpower's reference for SPECpower profiles.",
  },
  {
    name: 'network_energy',
    value: 0.001,
    low: null,
    high: null,
    unit: 'kWh/GB',
    year: null,
    sourceId: 'ccf-coefficients' as SourceId,
    note:
      "Energy of a cloud's network per GB transferred out of a region (CCF NETWORKING_COEFFICIENT). " +
      'The cloud segment only: end-user delivery is counted by the website and API models.',
  },
  {
    name: 'pue_industry_average',
    value: 1.56,
    low: null,
    high: null,
    unit: 'ratio',
    year: 2024,
    sourceId: 'uptime-institute-2024' as SourceId,
    note: 'Applies to regions whose provider publishes no PUE.',
  },
  {
    name: 'storage_power_hdd',
    value: 0.00065,
    low: null,
    high: null,
    unit: 'kWh/TB-h',
    year: null,
    sourceId: 'ccf-coefficients' as SourceId,
    note: 'Power of HDD storage per TB stored (CCF HDDCOEFFICIENT, 0.65 Wh per TB-hour).',
  },
  {
    name: 'storage_power_ssd',
    value: 0.0012,
    low: null,
    high: null,
    unit: 'kWh/TB-h',
    year: null,
    sourceId: 'ccf-coefficients' as SourceId,
    note: 'Power of SSD storage per TB stored (CCF SSDCOEFFICIENT, 1.2 Wh per TB-hour).',
  },
  {
    name: 'rest_of_server_ratio',
    value: 0.33,
    low: 0.2,
    high: 0.6,
    unit: 'ratio',
    year: null,
    sourceId: 'boavizta-server-model' as SourceId,
    note:
      "Power of a server's components other than CPU and RAM, relative to CPU + RAM power: Boavizta's " +
      'other_consumption_ratio (default 0.33, min 0.2, max 0.6). Added to TDP-curve profiles only, read as ' +
      'everything between CPU + RAM and the wall (SPECpower profiles already measure the whole server there).',
  },
];
