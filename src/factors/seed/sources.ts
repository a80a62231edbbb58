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
  | 'teads-ec2-dataset'
  | 'sci-specification'
  | 'ampere-power-measurement'
  | 'servethehome-cobalt-100'
  | 'phoronix-axion-c4a'
  | 'ampere-datasheets'
  | 'swd-v4'
  | 'swd-v3'
  | 'onebyte'
  | 'co2js'
  | 'http-archive-web-almanac-2024'
  | 'aws-ec2-general-purpose-specs'
  | 'aws-ec2-compute-optimized-specs'
  | 'aws-ec2-memory-optimized-specs'
  | 'gcp-general-purpose-machines'
  | 'azure-dpsv5-series'
  | 'azure-dplsv5-series'
  | 'azure-epsv5-series'
  | 'azure-dpsv6-series'
  | 'azure-dplsv6-series'
  | 'azure-epsv6-series'
  | 'clever-cloud-flavors'
  | 'hetzner-types-wadofan'
  | 'hetzner-types-kennycallado'
  | 'hetzner-types-cnap'
  | 'hetzner-types-vdhome'
  | 'aws-rds-instance-classes'
  | 'azure-pg-flexible-compute'
  | 'heroku-postgres-plans-render'
  | 'gcp-cloud-sql-tiers'
  | 'clever-cloud-addon-plans'
  | 'scaleway-managed-database-footprint'
  | 'ecologits'
  | 'ecologits-a100-embodied'
  | 'nvidia-h100-pcie-brief'
  | 'gpublog-h100'
  | 'aiwiki-nvidia-l4'
  | 'mullet-nvidia-l40s'
  | 'winenfood-rtx-3070'
  | 'azure-gpu-sizes'
  | 'scaleway-gpu-types'
  | 'torchx-aws';

/** The installed CO2.js release whose grid intensities the seed ships. */
export interface Co2jsRelease {
  version: string;
  /** The repository tag and commit whose `data/output/average-intensities.json` gives the years. */
  tag: string;
  commit: string;
  /** The newest of the per-country data years seeded (each country keeps its own year). */
  newestDataYear: number;
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
        'PUE, WUE and electricity emission factor per datacenter (the emission factors equal Ember country values, ' +
        'rounded; the page states no data year for them, nor for PUE and WUE); 6-year (52,560 h) server lifespan.',
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
      year: co2js.newestDataYear,
      version: co2js.version,
      note:
        `ISO alpha-3 countries and WORLD; regional aggregates (EU, G20…) are not seeded. Values: @tgwf/co2 ${co2js.version} ` +
        `averageIntensity. Data year per country (Ember's latest year for that country; the year of this row is ` +
        `the newest): github.com/thegreenwebfoundation/co2.js data/output/average-intensities.json at tag ` +
        `${co2js.tag} (commit ${co2js.commit}), copied into src/factors/data/ember-country-years.csv.`,
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
      url: 'https://github.com/CleverCloud/documentation/blob/1957d9f587bcbe5401153890742a7fd89d397a5e/content/doc/cli/applications/_index.md',
      year: 2026,
      version: 'CleverCloud/documentation @1957d9f (content/doc/cli/applications/_index.md lines 67-79)',
      note:
        'Deployment zones: par and parhds (Clever Cloud, Paris), scw (Scaleway DC5), rbx, rbxhds, grahds, mtl, wsw, ' +
        'sgp, syd (OVHcloud), ldn (Ionos); earlier in clever-tools docs/applications-management.md.',
    },
    {
      id: 'clever-cloud-flavors',
      title: 'Clever Cloud clever-components: runtime plans fixture (scaler flavors)',
      publisher: 'Clever Cloud',
      url: 'https://github.com/CleverCloud/clever-components/blob/afa0ed65f890e67f0acb2e849500bdaa10607bfe/src/stories/fixtures/runtime-plans.js',
      year: 2025,
      version: 'afa0ed6',
      note:
        "Flavors pico to 3XL (memory MiB, vCPUs) as Clever Cloud's own console components record them; XS 1 GB and " +
        '3XL 16 vCPU / 32 GiB confirmed by CleverCloud/documentation @1957d9f (administrate/scalability.md).',
    },
    {
      id: 'hetzner-types-wadofan',
      title: 'Hetzner Cloud locations and server types (comments of a Terraform variables file)',
      publisher: 'wadofan (third party)',
      url: 'https://github.com/wadofan/mage-tf-config/blob/21131bd81e95adc069e4033b18376871741011c0/variables.tf',
      year: 2024,
      version: '21131bd',
      note:
        "Third-party transcription of Hetzner's lists: locations fsn1, nbg1, hel1, ash, hil, sin; CX22-CX52 and " +
        "CPX11-CPX51 vCPUs and memory. Hetzner's own pages were not readable here.",
    },
    {
      id: 'hetzner-types-kennycallado',
      title: 'Hetzner Cloud catalogue (Nix module)',
      publisher: 'kennycallado (third party)',
      url: 'https://github.com/kennycallado/nix-server_new/blob/b4fa650d456c2dd0b2540771248e3acd1d39fc74/modules/providers/hetzner.nix',
      year: null,
      version: 'b4fa650',
      note: 'Third-party transcription: CAX11-CAX41 (Ampere, aarch64) and CPX vCPUs and memory.',
    },
    {
      id: 'hetzner-types-cnap',
      title: 'CNAP docs: Compute providers, Hetzner',
      publisher: 'CNAP (third party)',
      url: 'https://docs.cnap.tech/compute/providers/hetzner',
      year: null,
      version: null,
      note: 'Third-party page: current CX23/CX33/CX43 and CAX shapes, Hetzner regions.',
    },
    {
      id: 'hetzner-types-vdhome',
      title: 'vdhome docs: Architecture, Infrastructure',
      publisher: 'vdhome (third party)',
      url: 'https://docs.vdhome.be/architecture/infrastructure/',
      year: 2026,
      version: null,
      note: 'Third-party page: CX23, CX33, CX53 shapes (shared x86_64 vCPU).',
    },
    {
      id: 'aws-rds-instance-classes',
      title: 'Amazon RDS User Guide: DB instance classes',
      publisher: 'Amazon Web Services (awsdocs GitHub copy)',
      url: 'https://github.com/awsdocs/amazon-rds-user-guide/blob/0219b24f7008c50d897f2da74ea812fb55487c09/doc_source/Concepts.DBInstanceClass.md',
      year: 2022,
      version: '0219b24',
      note:
        'RDS classes are EC2 instance types (db.m5.large runs as m5.large: same vCPUs and memory) and the engines each ' +
        'class supports; Multi-AZ instance deployments keep one standby. The archived copy predates m7g/r7g.',
    },
    {
      id: 'azure-pg-flexible-compute',
      title: 'Compute options in Azure Database for PostgreSQL flexible server',
      publisher: 'Microsoft',
      url: 'https://github.com/MicrosoftDocs/azure-databases-docs/blob/02732bed99e6500fe924d7ee7ed8ef8da5ecf2aa/articles/postgresql/flexible-server/concepts-compute.md',
      year: 2024,
      version: '02732be',
      note: 'SKUs of the Burstable, General Purpose and Memory Optimized tiers with vCores and memory.',
    },
    {
      id: 'heroku-postgres-plans-render',
      title: 'Heroku to Render service mapping (Heroku Postgres plans)',
      publisher: 'Render (third party)',
      url: 'https://github.com/render-oss/skills',
      year: 2025,
      version: 'skills/render-migrate-from-heroku/references/service-mapping.md',
      note:
        'Heroku Postgres standard and premium plans: RAM and storage, as transcribed by Render; premium plans keep an HA ' +
        'standby (Heroku Dev Center, Choosing the Right Heroku Postgres Plan). No vCPU counts are published.',
    },
    {
      id: 'gcp-cloud-sql-tiers',
      title: 'Cloud Composer API: DatabaseConfig.machine_type (Cloud SQL tiers)',
      publisher: 'Google',
      url: 'https://cloud.google.com/python/docs/reference/composer/1.4.3/google.cloud.orchestration.airflow.service_v1beta1.types.DatabaseConfig',
      year: 2024,
      version: '1.4.3',
      note: 'Names the Cloud SQL tiers db-n1-standard-2/4/8/16, which run as the Compute Engine n1-standard types.',
    },
    {
      id: 'clever-cloud-addon-plans',
      title: 'Clever Cloud clever-components: add-on plans fixture (PostgreSQL, MySQL)',
      publisher: 'Clever Cloud',
      url: 'https://github.com/CleverCloud/clever-components/blob/afa0ed65f890e67f0acb2e849500bdaa10607bfe/src/stories/fixtures/addon-plans.js',
      year: 2025,
      version: 'afa0ed6',
      note:
        "Plan features (vCPUs, memory, max database size, zones) as Clever Cloud's console components record its API " +
        'answer (/v2/products/addonproviders); the xxs_sml PostgreSQL plan also from a public dump of that API answer (2022).',
    },
    {
      id: 'ecologits',
      title: 'EcoLogits: estimating the environmental impacts of generative AI model inference',
      publisher: 'GenAI Impact',
      url: 'https://github.com/genai-impact/ecologits/tree/2d0a1c76358a1aad0c530d47794e37465ad029e8',
      year: 2025,
      version: '0.9.1 (2d0a1c7)',
      note:
        'Per-request LLM inference method (ecologits/impacts/llm.py), model registry (ecologits/data/models.json: total and ' +
        'active parameters), provider datacenter assumptions (ecologits/tracers/utils.py), H100 80GB embodied 164 kgCO2e ' +
        "from NVIDIA's HGX H100 product carbon footprint summary (docs/methodology/llm_inference.md).",
    },
    {
      id: 'ecologits-a100-embodied',
      title: 'EcoLogits methodology: NVIDIA A100 80GB embodied impacts (computed by Boavizta)',
      publisher: 'GenAI Impact, Boavizta',
      url: 'https://github.com/genai-impact/ecologits/blob/ad8a563a63feea7921d0a4395cbd76a14682a534/docs/methodology/llm_inference.md',
      year: 2024,
      version: 'ad8a563',
      note: 'A100 80GB: 143 kgCO2e per GPU (Boavizta, boaviztapi issue #65); later EcoLogits releases use the H100.',
    },
    {
      id: 'nvidia-h100-pcie-brief',
      title: 'NVIDIA H100 PCIe GPU Product Brief PB-11133-001_v02',
      publisher: 'NVIDIA (copy on manuals.plus)',
      url: 'https://manuals.plus/m/d4b5dc21484df3ba8fbe84918338461cc074a3fcebcc13423eadc2b10ac3bda4',
      year: 2022,
      version: 'v02',
      note: 'Maximum thermal design power 350 W.',
    },
    {
      id: 'gpublog-h100',
      title: 'gpu.blog: NVIDIA H100 SXM and H100 NVL specifications',
      publisher: 'gpu.blog (third party)',
      url: 'https://gpu.blog/gpus/nvidia-h100-sxm',
      year: null,
      version: null,
      note: "H100 SXM up to 700 W, H100 NVL 350-400 W, quoting NVIDIA's figures (NVIDIA's own datasheet not read here).",
    },
    {
      id: 'aiwiki-nvidia-l4',
      title: 'AI Wiki: NVIDIA L4',
      publisher: 'aiwiki.ai (third party)',
      url: 'https://aiwiki.ai/wiki/nvidia_l4',
      year: 2026,
      version: null,
      note: "A 72 W power envelope (NVIDIA's figure, GTC 2023).",
    },
    {
      id: 'mullet-nvidia-l40s',
      title: 'NVIDIA L40/L40S datasheet table',
      publisher: 'mullet.se (reseller, third party)',
      url: 'https://www.mullet.se/product.html?product_id=355414',
      year: null,
      version: null,
      note: "Max power consumption L40 300 W, L40S 350 W, as NVIDIA's datasheet gives them.",
    },
    {
      id: 'winenfood-rtx-3070',
      title: 'A breakdown of all RTX 3070 specifications',
      publisher: 'winenfood.com (third party)',
      url: 'https://winenfood.com/a-breakdown-of-all-rtx-3070-specifications',
      year: 2026,
      version: null,
      note: 'Total graphics power 220 W.',
    },
    {
      id: 'azure-gpu-sizes',
      title: 'Azure GPU-accelerated VM sizes (NC, ND, NV series)',
      publisher: 'Microsoft',
      url: 'https://github.com/MicrosoftDocs/azure-compute-docs/tree/main/articles/virtual-machines/sizes/gpu-accelerated',
      year: 2025,
      version: null,
      note: 'vCPUs, memory and accelerators (model, count) per size.',
    },
    {
      id: 'scaleway-gpu-types',
      title: 'Choosing the right GPU Instance type',
      publisher: 'Scaleway',
      url: 'https://github.com/scaleway/docs-content/blob/06dae9d52d4d0ae51a392c2aa192eacd4ddfbd5a/pages/gpu/reference-content/choosing-gpu-instance-type.mdx',
      year: 2025,
      version: '06dae9d (validated 2025-04-22)',
      note: 'GPU Instances (RENDER-S, L4, L40S, H100, H100-SXM): vCPUs, memory, GPU model and count.',
    },
    {
      id: 'torchx-aws',
      title: 'torchx named_resources_aws.py (p5e, p5en)',
      publisher: 'Meta (third party)',
      url: 'https://github.com/meta-pytorch/torchx/pull/1098',
      year: 2025,
      version: 'PRs 995, 1098',
      note: 'p5e/p5en: 192 vCPU, 2,048 GiB, 8 GPUs (the GPU model is not stated there).',
    },
    {
      id: 'scaleway-managed-database-footprint',
      title: 'Environmental footprint: Managed Databases calculation',
      publisher: 'Scaleway',
      url: 'https://github.com/scaleway/docs-content/blob/195ad87/pages/environmental-footprint/additional-content/managed-databases-env-footprint.mdx',
      year: 2025,
      version: '195ad87',
      note:
        'Each database node runs as the Scaleway Instance of the same name (db-dev1-l on a DEV1-L); high availability ' +
        'runs a primary and a standby.',
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
      id: 'teads-ec2-dataset',
      title: 'Building an AWS EC2 Carbon Emissions Dataset',
      publisher: 'Teads Engineering (Benjamin Davy)',
      url: 'https://medium.com/teads-engineering/building-an-aws-ec2-carbon-emissions-dataset-3f0fd76c98ac',
      year: 2021,
      version: null,
      note: "The CPU power curve as a share of TDP (0 %: 12 %, 10 %: 32 %, 50 %: 75 %, 100 %: 102 %), measured on Intel Xeon hosts; the methodology's cross-check basis. The TDPs of AWS's custom parts come from Teads' dataset through Boavizta's cpu_specs.csv.",
    },
    {
      id: 'sci-specification',
      title: 'Software Carbon Intensity (SCI) Specification',
      publisher: 'Green Software Foundation',
      url: 'https://sci.greensoftware.foundation/',
      year: null,
      version: null,
      note: "SCI = ((E · I) + M) per R: the API estimate's functional unit R is one request. SCI's boundary includes idle capacity, so resources mode's busy time is an SCI component, not an SCI score.",
    },
    {
      id: 'ampere-power-measurement',
      title: 'Roadmap 2024 Footnotes',
      publisher: 'Ampere Computing',
      url: 'https://amperecomputing.com/home/roadmap-2024-footnotes',
      year: 2024,
      version: null,
      note: 'Processor power draw under load of an Ampere Altra Max M128-30 measured by Ampere at 140 W (TDP 250 W): the measured anchor the fitted ARM figures are checked against.',
    },
    {
      id: 'servethehome-cobalt-100',
      title: 'Microsoft Azure Cobalt 100 128 Core Arm Neoverse N2 CPU Launched',
      publisher: 'ServeTheHome',
      url: 'https://servethehome.com/?p=74181',
      year: 2023,
      version: null,
      note: 'Cobalt 100: 128 Arm Neoverse N2 cores. Microsoft publishes no TDP: the power profile is estimated from Ampere Altra Max (128 Neoverse N1 cores, 250 W).',
    },
    {
      id: 'phoronix-axion-c4a',
      title: 'Google Axion C4A review',
      publisher: 'Phoronix',
      url: 'https://www.phoronix.com/review/google-axion-c4a',
      year: 2024,
      version: null,
      note: 'Google Axion: 72 Arm Neoverse V2 cores (as cited by Boavizta cpu_specs.csv). Google publishes no TDP: the power profile is estimated from Graviton4 (96 Neoverse V2 cores, 300 W in Boavizta, an estimate).',
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
    {
      id: 'aws-ec2-general-purpose-specs',
      title: 'Specifications for Amazon EC2 general purpose instances (Amazon EC2 Instance Types Guide)',
      publisher: 'Amazon Web Services',
      url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html',
      year: null,
      version: null,
      note:
        'vCPUs and memory (GiB) of the M7g, M7gd (Graviton3) and M8g (Graviton4) sizes, as transcribed in Boavizta ' +
        'boaviztapi/data/archetypes/cloud/aws.csv at commit 15878f045bf06bc6ed685c7266c39f7e8498ab94.',
    },
    {
      id: 'aws-ec2-compute-optimized-specs',
      title: 'Specifications for Amazon EC2 compute optimized instances (Amazon EC2 Instance Types Guide)',
      publisher: 'Amazon Web Services',
      url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html',
      year: null,
      version: null,
      note:
        'vCPUs and memory (GiB) of the C7g, C7gd, C7gn (Graviton3) and C8g (Graviton4) sizes, as transcribed in ' +
        'Boavizta boaviztapi/data/archetypes/cloud/aws.csv at commit 15878f045bf06bc6ed685c7266c39f7e8498ab94.',
    },
    {
      id: 'aws-ec2-memory-optimized-specs',
      title: 'Specifications for Amazon EC2 memory optimized instances (Amazon EC2 Instance Types Guide)',
      publisher: 'Amazon Web Services',
      url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html',
      year: null,
      version: null,
      note:
        'vCPUs and memory (GiB) of the R7g, R7gd (Graviton3) and R8g (Graviton4) sizes, as transcribed in Boavizta ' +
        'boaviztapi/data/archetypes/cloud/aws.csv at commit 15878f045bf06bc6ed685c7266c39f7e8498ab94.',
    },
    {
      id: 'gcp-general-purpose-machines',
      title: 'General-purpose machine family for Compute Engine',
      publisher: 'Google Cloud',
      url: 'https://cloud.google.com/compute/docs/general-purpose-machines',
      year: null,
      version: null,
      note:
        'Tau T2A (Ampere Altra) and C4A (Google Axion) machine types: vCPUs and memory (GB), as transcribed with ' +
        'this page as their source in Boavizta boaviztapi/data/archetypes/cloud/gcp.csv at commit ' +
        '15878f045bf06bc6ed685c7266c39f7e8498ab94.',
    },
    {
      id: 'azure-dpsv5-series',
      title: 'Dpsv5 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dpsv5-series',
      year: null,
      version: null,
      note:
        'vCPUs and memory per size; Ampere Altra at 3.0 GHz, one physical core per vCPU (the Dpsv5/Dpdsv5 overview ' +
        'calls it the 80-core Ampere Altra). Read from MicrosoftDocs/azure-docs.',
    },
    {
      id: 'azure-dplsv5-series',
      title: 'Dplsv5 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dplsv5-series',
      year: null,
      version: null,
      note: 'vCPUs and memory per size (Ampere Altra, 2 GiB per vCPU). Read from MicrosoftDocs/azure-docs.',
    },
    {
      id: 'azure-epsv5-series',
      title: 'Epsv5 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/memory-optimized/epsv5-series',
      year: null,
      version: null,
      note: 'vCPUs and memory per size (Ampere Altra, memory optimized). Read from MicrosoftDocs/azure-docs.',
    },
    {
      id: 'azure-dpsv6-series',
      title: 'Dpsv6 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dpsv6-series',
      year: null,
      version: null,
      note:
        'vCPUs and memory per size; Azure Cobalt 100 at 3.4 GHz, one physical core per vCPU. Read from ' +
        'MicrosoftDocs/azure-docs.',
    },
    {
      id: 'azure-dplsv6-series',
      title: 'Dplsv6 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dplsv6-series',
      year: null,
      version: null,
      note: 'vCPUs and memory per size (Azure Cobalt 100, 2 GiB per vCPU). Read from MicrosoftDocs/azure-docs.',
    },
    {
      id: 'azure-epsv6-series',
      title: 'Epsv6 sizes series',
      publisher: 'Microsoft (Azure documentation)',
      url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/memory-optimized/epsv6-series',
      year: null,
      version: null,
      note:
        'vCPUs and memory per size (Microsoft Cobalt 100, memory optimized; the E96ps_v6 has 672 GiB). Read from ' +
        'MicrosoftDocs/azure-docs.',
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
    { pattern: /^Ampere Altra Max product brief\b/, sourceId: 'ampere-datasheets' },
    { pattern: /^Boavizta cpu_specs\.csv\b/, sourceId: 'boavizta-api-data' },
    { pattern: /^Estimated: Phoronix Google Axion C4A review\b/, sourceId: 'phoronix-axion-c4a' },
    {
      pattern: /^CCF (AWS|Azure|AWS\/Azure) (MEMORY_BY_COMPUTE_PROCESSOR|MEMORY_AVG)\b/,
      sourceId: 'ccf-coefficients',
    },
    { pattern: /^Estimated: ServeTheHome Cobalt 100 launch\b/, sourceId: 'servethehome-cobalt-100' },
  ],
  'arm-instances.csv': [
    {
      pattern: /^AWS EC2 Instance Types Guide: general purpose instance specifications$/,
      sourceId: 'aws-ec2-general-purpose-specs',
    },
    {
      pattern: /^AWS EC2 Instance Types Guide: compute optimized instance specifications$/,
      sourceId: 'aws-ec2-compute-optimized-specs',
    },
    {
      pattern: /^AWS EC2 Instance Types Guide: memory optimized instance specifications$/,
      sourceId: 'aws-ec2-memory-optimized-specs',
    },
    {
      pattern: /^GCP docs: General-purpose machine family \((Tau T2A|C4A) machine types\)$/,
      sourceId: 'gcp-general-purpose-machines',
    },
    { pattern: /^Azure docs: Dpsv5 sizes series$/, sourceId: 'azure-dpsv5-series' },
    { pattern: /^Azure docs: Dplsv5 sizes series$/, sourceId: 'azure-dplsv5-series' },
    { pattern: /^Azure docs: Epsv5 sizes series$/, sourceId: 'azure-epsv5-series' },
    { pattern: /^Azure docs: Dpsv6 sizes series$/, sourceId: 'azure-dpsv6-series' },
    { pattern: /^Azure docs: Dplsv6 sizes series$/, sourceId: 'azure-dplsv6-series' },
    { pattern: /^Azure docs: Epsv6 sizes series$/, sourceId: 'azure-epsv6-series' },
  ],
  'provider-instances.csv': [
    {
      pattern: /^Boavizta boaviztapi data\/archetypes\/cloud\/ovhcloud\.csv @15878f0\b/,
      sourceId: 'boavizta-api-data',
    },
    {
      pattern: /^Clever Cloud clever-components src\/stories\/fixtures\/runtime-plans\.js @afa0ed6\b/,
      sourceId: 'clever-cloud-flavors',
    },
    {
      pattern: /^Third-party transcription: wadofan\/mage-tf-config variables\.tf @21131bd\b/,
      sourceId: 'hetzner-types-wadofan',
    },
    {
      pattern:
        /^Third-party transcription: kennycallado\/nix-server_new modules\/providers\/hetzner\.nix @b4fa650\b/,
      sourceId: 'hetzner-types-kennycallado',
    },
    { pattern: /^Third-party page: docs\.cnap\.tech Hetzner provider\b/, sourceId: 'hetzner-types-cnap' },
    { pattern: /^Third-party page: docs\.vdhome\.be infrastructure\b/, sourceId: 'hetzner-types-vdhome' },
  ],
  'storage-services.csv': [
    { pattern: /^Cloud Carbon Footprint storage constants\b/, sourceId: 'ccf-coefficients' },
    {
      pattern: /^Estimated: no provider statement read; proxy from Cloud Carbon Footprint\b/,
      sourceId: 'ccf-coefficients',
    },
  ],
  'database-plans.csv': [
    {
      pattern: /^render-oss\/skills Heroku-to-Render service mapping\b/,
      sourceId: 'heroku-postgres-plans-render',
    },
    { pattern: /^AWS RDS User Guide: DB instance classes\b/, sourceId: 'aws-rds-instance-classes' },
    {
      pattern: /^Azure docs: Azure Database for PostgreSQL flexible server compute options\b/,
      sourceId: 'azure-pg-flexible-compute',
    },
    {
      pattern: /^Google Cloud Composer API reference: DatabaseConfig\.machine_type\b/,
      sourceId: 'gcp-cloud-sql-tiers',
    },
    {
      pattern: /^Clever Cloud API product response for postgresql-addon\b/,
      sourceId: 'clever-cloud-addon-plans',
    },
    {
      pattern: /^Clever Cloud clever-components src\/stories\/fixtures\/addon-plans\.js @afa0ed6\b/,
      sourceId: 'clever-cloud-addon-plans',
    },
    {
      pattern: /^Scaleway docs: Managed Database footprint calculation\b/,
      sourceId: 'scaleway-managed-database-footprint',
    },
  ],
  'gpu-models.csv': [
    { pattern: /^CCF Methodology Appendix III\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^CCF idle\/max ratio\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^derived( from|:) CCF\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^estimated: CCF\b/, sourceId: 'ccf-coefficients' },
    {
      pattern: /^estimated: AWS publishes no chip power; proxy NVIDIA \S+ \(CCF\b/,
      sourceId: 'ccf-coefficients',
    },
    { pattern: /^EcoLogits ecologits\/impacts\/llm\.py L19\b/, sourceId: 'ecologits' },
    {
      pattern: /^EcoLogits docs\/methodology\/llm_inference\.md L297-305 @ad8a563\b/,
      sourceId: 'ecologits-a100-embodied',
    },
    { pattern: /^NVIDIA H100 PCIe Product Brief\b/, sourceId: 'nvidia-h100-pcie-brief' },
    { pattern: /^(estimated: H100 SXM5 figure \()?Third-party: gpu\.blog\b/, sourceId: 'gpublog-h100' },
    { pattern: /^estimated: H100 SXM5 figure \(same SXM5 power class\b/, sourceId: 'gpublog-h100' },
    { pattern: /^Third-party: aiwiki\.ai NVIDIA L4\b/, sourceId: 'aiwiki-nvidia-l4' },
    { pattern: /^Third-party: mullet\.se\b/, sourceId: 'mullet-nvidia-l40s' },
    { pattern: /^Third-party: winenfood\.com\b/, sourceId: 'winenfood-rtx-3070' },
  ],
  'gpu-instances.csv': [
    { pattern: /^Boavizta boaviztapi data\/archetypes\/cloud @15878f0\b/, sourceId: 'boavizta-api-data' },
    { pattern: /^CCF GPU instance lists @b7a049c\b/, sourceId: 'ccf-coefficients' },
    { pattern: /^Microsoft azure-compute-docs gpu-accelerated size pages\b/, sourceId: 'azure-gpu-sizes' },
    {
      pattern: /^Scaleway docs-content choosing-gpu-instance-type\.mdx @06dae9d\b/,
      sourceId: 'scaleway-gpu-types',
    },
    { pattern: /^Third-party: meta-pytorch\/torchx\b/, sourceId: 'torchx-aws' },
  ],
  'llm-models.csv': [
    { pattern: /^EcoLogits 0\.9\.1 ecologits\/data\/models\.json @2d0a1c7$/, sourceId: 'ecologits' },
  ],
  'llm-providers.csv': [
    { pattern: /^EcoLogits 0\.9\.1 ecologits\/tracers\/utils\.py @2d0a1c7$/, sourceId: 'ecologits' },
  ],
  'heroku-regions.csv': [{ pattern: /^Heroku Platform API \/regions\b/, sourceId: 'heroku-regions' }],
  'other-regions.csv': [
    { pattern: /^OVHcloud (published )?fleet averages\b/, sourceId: 'ovhcloud-fleet-averages' },
    { pattern: /^No PUE published by Clever Cloud; Uptime Institute\b/, sourceId: 'uptime-institute-2024' },
    { pattern: /^Clever Cloud zones\b/, sourceId: 'clever-cloud-zones' },
    {
      pattern: /^Third-party transcription: wadofan\/mage-tf-config variables\.tf @21131bd\b/,
      sourceId: 'hetzner-types-wadofan',
    },
  ],
  'ember-country-years.csv': [
    {
      pattern: /^CO2\.js v\d+\.\d+\.\d+\S* \([0-9a-f]{40}\) data\/output\/average-intensities\.json$/,
      sourceId: 'ember-via-co2js',
    },
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
