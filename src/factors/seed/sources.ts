import type { SourceRow } from '../store.js';

/** Every source id the seed cites. */
export type SourceId =
  | 'scaleway-footprint-reference-2025'
  | 'gsf-real-time-cloud-2026'
  | 'ccf-coefficients'
  | 'ccf-teads-embodied'
  | 'boavizta-api-data'
  | 'boavizta-server-model'
  | 'specpower-ssj2008-rules'
  | 'ember-via-co2js'
  | 'wri-electricity-water'
  | 'heroku-dyno-types'
  | 'heroku-regions'
  | 'ovhcloud-fleet-averages'
  | 'clever-cloud-zones'
  | 'uptime-institute-2024'
  | 'aws-sustainability-2024'
  | 'intel-ark'
  | 'ampere-datasheets'
  | 'swd-v4'
  | 'swd-v3'
  | 'onebyte'
  | 'co2js'
  | 'http-archive-web-almanac-2024';

/** The installed CO2.js release whose grid intensities the seed ships. */
export interface Co2jsRelease {
  version: string;
  /** The data year its changelog names for `averageIntensity`. */
  dataYear: number;
}

const SWD_PUBLISHER =
  'Sustainable Web Design (Wholegrain Digital, Mightybytes, Footsprint, EcoPing, Green Web Foundation)';

/** Every cited source, sorted by id. Only the CO2.js rows depend on the installed package. */
export function citedSources(co2js: Co2jsRelease): SourceRow[] {
  const rows: (SourceRow & { id: SourceId })[] = [
    {
      id: 'scaleway-footprint-reference-2025',
      title: 'Environmental Footprint: calculation reference values',
      publisher: 'Scaleway',
      url: 'https://www.scaleway.com/en/docs/environmental-footprint/additional-content/calculation-values-reference/',
      year: 2025,
      version: 'validated 2025-06-09',
      note:
        'PUE, WUE and electricity emission factor per datacenter (the energy mix is Ember 2024 country data, ' +
        'rounded; the page states no data year for PUE and WUE); 6-year (52,560 h) server lifespan.',
    },
    {
      id: 'gsf-real-time-cloud-2026',
      title: 'Real Time Cloud: Cloud_Region_Metadata.csv',
      publisher: 'Green Software Foundation',
      url: 'https://github.com/Green-Software-Foundation/real-time-cloud',
      year: 2026,
      version: '2026-03',
      note:
        'PUE, WUE and average grid carbon intensity (Electricity Maps) per AWS, GCP and Azure region and year, ' +
        "compiled from the providers' reports; each region row carries its own data year.",
    },
    {
      id: 'ccf-coefficients',
      title: 'Cloud Carbon Footprint methodology (energy coefficients)',
      publisher: 'Cloud Carbon Footprint (Thoughtworks)',
      url: 'https://www.cloudcarbonfootprint.org/docs/methodology/',
      year: null,
      version: null,
      note:
        'SPECpower-derived min/max watts per vCPU by microarchitecture, provider PUE (GCP 1.1, Azure 1.185), ' +
        'memory 0.000392 kWh per GB-hour counted above the SPECpower memory per chip (MEMORY_BY_COMPUTE_PROCESSOR, ' +
        'calculateGigabyteHours in packages/core/src/memory/helpers.ts), 4-year hardware lifespan, older per-region ' +
        'grid factors (reference only).',
    },
    {
      id: 'ccf-teads-embodied',
      title: 'Cloud Carbon Footprint embodied emissions (Teads EC2 dataset)',
      publisher: 'Cloud Carbon Footprint (Thoughtworks); Teads',
      url: 'https://www.cloudcarbonfootprint.org/docs/embodied-emissions/',
      year: null,
      version: null,
      note:
        "Host embodied tCO2e and largest vCPU count per AWS, GCP and Azure instance family, after Teads' " +
        '"Building an AWS EC2 Carbon Emissions Dataset" (Benjamin Davy).',
    },
    {
      id: 'boavizta-api-data',
      title: 'Boavizta API data: archetypes/cloud/scaleway.csv, server.csv, cpu_specs.csv',
      publisher: 'Boavizta',
      url: 'https://github.com/Boavizta/boaviztapi',
      year: null,
      version: null,
      note: 'Scaleway instance shapes and host CPUs; CPU TDP and thread counts.',
    },
    {
      id: 'boavizta-server-model',
      title: 'Boavizta API documentation: server and cloud instance consumption profiles',
      publisher: 'Boavizta',
      url: 'https://doc.api.boavizta.org/Explanations/devices/server/',
      year: null,
      version: 'boaviztapi 2.4',
      note:
        'Server power = (CPU + RAM) x (1 + other_consumption_ratio), ratio default 0.33, min 0.2, max 0.6 ' +
        '(every server archetype, Scaleway platforms included); RAM 0.284 W per GB (averaged stress-test data).',
    },
    {
      id: 'specpower-ssj2008-rules',
      title: 'SPECpower_ssj2008 Run and Reporting Rules',
      publisher: 'Standard Performance Evaluation Corporation (SPEC)',
      url: 'https://www.spec.org/power/docs/SPECpower_ssj2008-Run_Reporting_Rules.html',
      year: null,
      version: null,
      note: 'Power is measured by a power analyzer at the AC input of the whole system under test, memory included.',
    },
    {
      id: 'ember-via-co2js',
      title: 'Yearly average grid carbon intensity by country (Ember), CO2.js averageIntensity',
      publisher: 'Ember; The Green Web Foundation (CO2.js)',
      url: 'https://developers.thegreenwebfoundation.org/co2js/data/',
      year: co2js.dataYear,
      version: co2js.version,
      note: 'ISO alpha-3 countries and WORLD; regional aggregates (EU, G20…) are not seeded.',
    },
    {
      id: 'wri-electricity-water',
      title: 'Guidance for Calculating Water Use Embedded in Purchased Electricity (dataset)',
      publisher: 'World Resources Institute',
      url: 'https://www.wri.org/data/dataset-guidance-calculating-water-use-embedded-purchased-electricity',
      year: 2020,
      version: null,
      note: 'Consumptive water of electricity generation per country (via Boavizta factors), m3/kWh converted to L/kWh.',
    },
    {
      id: 'heroku-dyno-types',
      title: 'Dyno Types',
      publisher: 'Heroku (Salesforce)',
      url: 'https://devcenter.heroku.com/articles/dyno-types',
      year: null,
      version: null,
      note: 'Dyno memory. Heroku publishes compute multipliers, not vCPU counts: seeded vCPUs are estimates.',
    },
    {
      id: 'heroku-regions',
      title: 'Regions (Heroku Dev Center; Platform API /regions)',
      publisher: 'Heroku (Salesforce)',
      url: 'https://devcenter.heroku.com/articles/regions',
      year: null,
      version: null,
      note: 'Common Runtime regions us (AWS us-east-1) and eu (AWS eu-west-1).',
    },
    {
      id: 'ovhcloud-fleet-averages',
      title: 'OVHcloud fleet averages: PUE 1.28, WUE 0.17–0.20 L/kWh (FY2021)',
      publisher: 'OVHcloud, as reported by channelnews.fr and silicon.fr',
      url: 'https://www.channelnews.fr/ovhcloud-lance-une-calculatrice-carbone-128249',
      year: null,
      version: null,
      note:
        'PUE 1.28 from channelnews.fr; WUE from https://www.silicon.fr/6-indicateurs-empreinte-environnementale-ovhcloud-453367.html. ' +
        'Fleet averages, not per-datacenter values.',
    },
    {
      id: 'clever-cloud-zones',
      title: 'Clever Tools documentation: applications management (deployment zones)',
      publisher: 'Clever Cloud',
      url: 'https://github.com/CleverCloud/clever-tools/blob/master/docs/applications-management.md',
      year: null,
      version: null,
      note: 'Zones that run on Scaleway (scw) and OVHcloud (rbx, gra, mtl, wsw) datacenters.',
    },
    {
      id: 'uptime-institute-2024',
      title: 'Uptime Institute Global Data Center Survey 2024',
      publisher: 'Uptime Institute',
      url: 'https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2024',
      year: 2024,
      version: null,
      note: 'Industry average annual PUE 1.56.',
    },
    {
      id: 'aws-sustainability-2024',
      title: 'AWS sustainable infrastructure: data center efficiency',
      publisher: 'Amazon Web Services',
      url: 'https://aws.amazon.com/sustainability/data-centers/',
      year: 2024,
      version: null,
      note: 'AWS data centers reported a global PUE of 1.15 in 2024.',
    },
    {
      id: 'intel-ark',
      title: 'Intel Xeon Platinum 8380 Processor specifications (Intel ARK)',
      publisher: 'Intel',
      url: 'https://www.intel.com/content/www/us/en/products/sku/212287/intel-xeon-platinum-8380-processor-60m-cache-2-30-ghz/specifications.html',
      year: null,
      version: null,
      note: 'Ice Lake-SP: 40 cores, 80 threads, 270 W TDP.',
    },
    {
      id: 'ampere-datasheets',
      title: 'Ampere Altra family product brief',
      publisher: 'Ampere Computing',
      url: 'https://amperecomputing.com/briefs/ampere-altra-family-product-brief',
      year: null,
      version: null,
      note: 'TDP and core counts of Altra and Altra Max processors (single-threaded cores, no SMT).',
    },
    {
      id: 'swd-v4',
      title: 'Sustainable Web Design Model, version 4: Estimating Digital Emissions',
      publisher: SWD_PUBLISHER,
      url: 'https://sustainablewebdesign.org/estimating-digital-emissions/',
      year: 2024,
      version: '4',
      note: 'kWh per GB per segment (data centre, network, user device), operational and embodied; 494 g/kWh global grid intensity.',
    },
    {
      id: 'swd-v3',
      title: 'Sustainable Web Design Model, version 3 (as implemented in CO2.js)',
      publisher: SWD_PUBLISHER,
      url: 'https://developers.thegreenwebfoundation.org/co2js/explainer/methodologies-for-calculating-website-carbon/',
      year: null,
      version: '3',
      note: '0.81 kWh per GB split across data centre, network, user device and production.',
    },
    {
      id: 'onebyte',
      title: 'Lean ICT: the 1byte model (via CO2.js)',
      publisher: 'The Shift Project',
      url: 'https://theshiftproject.org/en/lean-ict-2/',
      year: null,
      version: null,
      note: 'Energy per byte of data transfer for data centres and networks.',
    },
    {
      id: 'co2js',
      title: 'CO2.js',
      publisher: 'The Green Web Foundation',
      url: 'https://developers.thegreenwebfoundation.org/co2js/overview/',
      year: null,
      version: co2js.version,
      note: 'Reference implementation of the Sustainable Web Design (v3, v4) and OneByte models.',
    },
    {
      id: 'http-archive-web-almanac-2024',
      title: 'Web Almanac 2024: Page Weight',
      publisher: 'HTTP Archive',
      url: 'https://almanac.httparchive.org/en/2024/page-weight',
      year: 2024,
      version: null,
      note: 'Median mobile page weight 2,311 KB, the reference distribution of cleaner_than.',
    },
  ];
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A rule mapping the free-text `source` of a CSV row to a cited source. */
interface SourceRule {
  pattern: RegExp;
  sourceId: SourceId;
}

/**
 * The explicit mapping from each CSV file's `source` texts to source ids. Patterns are anchored
 * at the start of the text; a text that matches no rule of its file is an error.
 */
export const SOURCE_RULES: Record<string, SourceRule[]> = {
  'scaleway-zones.csv': [
    {
      pattern: /^Scaleway docs: environmental-footprint calculation reference values\b/,
      sourceId: 'scaleway-footprint-reference-2025',
    },
  ],
  'scaleway-instances.csv': [
    {
      pattern: /^Boavizta boaviztapi data\/archetypes\/cloud\/scaleway\.csv\b/,
      sourceId: 'boavizta-api-data',
    },
  ],
  'cloud-regions.csv': [
    { pattern: /^GSF Cloud_Region_Metadata 20\d\d\b/, sourceId: 'gsf-real-time-cloud-2026' },
    { pattern: /^CCF (Aws|Gcp|Azure)FootprintEstimationConstants\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^CCF region list \(no factor\)$/, sourceId: 'ccf-coefficients' },
  ],
  'cpu-power.csv': [
    { pattern: /^Cloud Carbon Footprint\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^TDP from Boavizta cpu_specs\.csv \/ Ampere datasheet\b/, sourceId: 'ampere-datasheets' },
    { pattern: /^Ampere Altra datasheet\b/, sourceId: 'ampere-datasheets' },
    { pattern: /^Boavizta cpu_specs\.csv\b/, sourceId: 'boavizta-api-data' },
    { pattern: /^Intel Xeon Platinum 8380 \(.*Intel ARK\)/, sourceId: 'intel-ark' },
  ],
  'heroku-regions.csv': [{ pattern: /^Heroku Platform API \/regions\b/, sourceId: 'heroku-regions' }],
  'other-regions.csv': [
    { pattern: /^OVHcloud (published )?fleet averages\b/, sourceId: 'ovhcloud-fleet-averages' },
    { pattern: /^No PUE published by Clever Cloud; Uptime Institute\b/, sourceId: 'uptime-institute-2024' },
    { pattern: /^Clever Cloud zones\b/, sourceId: 'clever-cloud-zones' },
  ],
  'electricity-water-wri.csv': [
    {
      pattern:
        /^https:\/\/www\.wri\.org\/data\/dataset-guidance-calculating-water-use-embedded-purchased-electricity$/,
      sourceId: 'wri-electricity-water',
    },
  ],
};

/** The source id a CSV row's `source` text maps to; throws when no rule of that file matches. */
export function sourceIdFor(fileName: string, sourceText: string): SourceId {
  const rules = SOURCE_RULES[fileName];
  if (!rules) throw new Error(`No source mapping for ${fileName}`);
  const rule = rules.find((r) => r.pattern.test(sourceText));
  if (!rule) throw new Error(`${fileName}: unmapped source text ${JSON.stringify(sourceText)}`);
  return rule.sourceId;
}
