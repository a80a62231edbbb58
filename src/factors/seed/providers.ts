import type { SourceId } from './sources.js';

/** Provider defaults fixed by METHODOLOGY.md (the AWS default WUE is read from cloud-regions.csv). */
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

/** Provider-independent factors (METHODOLOGY.md). */
export const GLOBAL_FACTORS = [
  {
    name: 'memory_power',
    value: 0.000392,
    unit: 'kWh/GB-h',
    year: null,
    sourceId: 'ccf-coefficients' as SourceId,
    note: 'Memory power per GB-hour of provisioned memory.',
  },
  {
    name: 'pue_industry_average',
    value: 1.56,
    unit: 'ratio',
    year: 2024,
    sourceId: 'uptime-institute-2024' as SourceId,
    note: 'Applies to regions whose provider publishes no PUE.',
  },
];
