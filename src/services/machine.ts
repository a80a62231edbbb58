import type {
  Catalog,
  CpuArchitecture,
  CpuProfile,
  GpuModelInfo,
  InstanceTypeInfo,
  MethodologyVersion,
  ResolvedRegion,
} from '../factors/catalog.js';
import { meanCpuPowerPerVcpuW, tdpCurvePerThreadW } from '../models/cpu-power.js';
import { exact, type Factor, type FactorStatus } from '../models/factor.js';
import { type MemoryHost, type PowerBasis, specpowerMemoryGbCounted } from '../models/server.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { attempt, resolveInstanceType } from './resolve.js';
import { sharedFactor, sharedText } from './shared-factors.js';

/** A machine described by the caller instead of an instance type. */
export interface HardwareSpec {
  vcpus: number;
  memory_gb: number;
  cpu_family?: string | undefined;
  cpu_architecture?: CpuArchitecture | undefined;
}

/** Shape, CPU, host and lifespan of what a workload runs on, with provenance. */
export interface Machine {
  /** The methodology of the catalog the machine comes from (v2 and v3 differ in statuses). */
  methodology: MethodologyVersion;
  vcpus: number;
  memoryGb: number;
  cpuProfiles: CpuProfile[];
  cpuStatus: FactorStatus;
  /** What the CPU profiles measure (every profile of a machine has the same method). */
  powerBasis: PowerBasis;
  hostEmbodied: Factor;
  hostVcpus: Factor;
  /**
   * The host's memory and chips, for CCF's memory rule (null when its memory is unknown);
   * `chipsSourceId`: where the chip count comes from (null in the v2 set).
   */
  hostMemory: { memory: Factor; chips: number; chipsSourceId: string | null } | null;
  lifespan: Factor;
  /** Its GPUs (instance types of GPU families); null without. */
  gpu: { model: GpuModelInfo; count: number; sourceId: string } | null;
  warnings: string[];
}

/** The machine's memory model: GB counted and the factors that count them. */
export interface MachineMemory {
  gbCounted: number;
  factors: Factor[];
}

/**
 * Memory the server model adds to the CPU profile (docs/methodology.md, "Servers"): all of it for
 * a TDP-curve profile (methodology 2); for a SPECpower profile only what exceeds the memory per
 * chip its watts already include (CCF's rule), using the mean reference of the machine's profiles.
 * `memoryGb`: the memory to count (the machine's own by default; a request's `memory_mb` in the
 * API's busy-time mode, methodology 3).
 */
export function machineMemory(machine: Machine, memoryGb = machine.memoryGb): MachineMemory {
  if (machine.powerBasis === 'tdp-curve' || memoryGb === 0) {
    return { gbCounted: memoryGb, factors: [] };
  }
  if (!machine.hostMemory) return { gbCounted: 0, factors: [] };
  const references = machine.cpuProfiles.map((p) => p.memoryGbPerChip ?? 0);
  const reference = references.reduce((a, b) => a + b, 0) / references.length;
  const host: MemoryHost = { memoryGb: machine.hostMemory.memory.value, chips: machine.hostMemory.chips };
  const first = machine.cpuProfiles[0] as CpuProfile;
  const memory = machine.hostMemory.memory;
  const chips = machine.hostMemory.chips;
  const v3 = machine.methodology === '3';
  // v3: the reference's own status (a proxy says so), and the chip count as what it is: CCF's
  // heuristic (estimated), or the sockets the host's own source gives (that source's status).
  const referenceStatus: FactorStatus = v3 ? memoryReferenceStatus(machine) : machine.cpuStatus;
  const chipsSource = (v3 && machine.hostMemory.chipsSourceId) || first.memorySourceId;
  const chipsFromHost = chipsSource === memory.source_id;
  let chipsStatus: FactorStatus = v3 ? 'estimated' : 'derived';
  if (memory.status === 'default') chipsStatus = 'default';
  else if (v3 && chipsFromHost) chipsStatus = memory.status;
  return {
    gbCounted: specpowerMemoryGbCounted(memoryGb, host, reference),
    factors: [
      sharedFactor(memory, `reference|${reference}|${first.memorySourceId}|${referenceStatus}`, () => ({
        name: 'memory_reference_per_chip',
        ...exact(reference),
        unit: 'GB',
        source_id: first.memorySourceId,
        year: null,
        status: referenceStatus,
      })),
      memory,
      sharedFactor(memory, `chips|${chips}|${chipsSource}|${chipsStatus}`, () => ({
        name: 'host_chips',
        ...exact(chips),
        unit: 'chip',
        source_id: chipsSource,
        year: null,
        status: chipsStatus,
      })),
    ],
  };
}

/** v3: `proxy` when any of the machine's profiles borrows its memory reference, `default` for a fallback. */
function memoryReferenceStatus(machine: Machine): FactorStatus {
  if (machine.cpuStatus === 'default') return 'default';
  return machine.cpuProfiles.some((p) => p.memoryStatus === 'proxy') ? 'proxy' : 'published';
}

/**
 * v3: the warning of a memory reference that stands in for a CPU CCF has none for, once per
 * profile list (null when every reference is CCF's own for that CPU).
 */
export function memoryReferenceWarning(machine: Machine): string | null {
  if (machine.methodology !== '3' || machine.powerBasis !== 'specpower') return null;
  const proxies = machine.cpuProfiles.filter((p) => p.memoryStatus === 'proxy');
  if (proxies.length === 0) return null;
  const first = proxies[0] as CpuProfile;
  let key = 'memory-reference';
  for (const p of proxies) key += `|${p.family}`;
  return sharedText(first, key, () => {
    const named = proxies.map((p) => `'${p.family}' (${p.memoryGbPerChip} GB)`).join(', ');
    return (
      `Cloud Carbon Footprint publishes no SPECpower memory reference per chip for ${named}: ` +
      "another CPU's or an average value stands in (status proxy), so the memory counted above it is an estimate."
    );
  });
}

/** `cpu_power_per_vcpu` at utilization `u`: the mean of the machine's CPU profiles. */
export function cpuPowerFactor(machine: Machine, utilization: number): Factor {
  const profiles = machine.cpuProfiles;
  const first = profiles[0] as CpuProfile;
  // Kept under the first profile; the key names the others (a machine of several families).
  let key = `${utilization}|${machine.cpuStatus}`;
  for (let i = 1; i < profiles.length; i++) key += `|${(profiles[i] as CpuProfile).family}`;
  return sharedFactor(first, key, () => ({
    name: 'cpu_power_per_vcpu',
    ...meanCpuPowerPerVcpuW(
      profiles.map((p) => p.profile),
      utilization,
    ),
    unit: 'W',
    source_id: first.sourceId,
    year: null,
    status: machine.cpuStatus,
  }));
}

/**
 * v3: the other basis of the range, `cpu_power_per_vcpu_tdp_curve`: the mean over the machine's
 * profiles of the TDP curve at `u` (the CPU alone); null when a profile has no TDP.
 */
export function tdpCurveFactor(machine: Machine, utilization: number): Factor | null {
  if (machine.methodology !== '3') return null;
  const profiles = machine.cpuProfiles;
  let sum = 0;
  for (const p of profiles) {
    if (!p.tdpCurve) return null;
    sum += tdpCurvePerThreadW(p.tdpCurve.tdpW, p.tdpCurve.threads, utilization);
  }
  const first = profiles[0] as CpuProfile;
  const curve = first.tdpCurve as NonNullable<CpuProfile['tdpCurve']>;
  let key = `tdp|${utilization}|${machine.cpuStatus}`;
  for (let i = 1; i < profiles.length; i++) key += `|${(profiles[i] as CpuProfile).family}`;
  // A TDP that is itself an estimate (Graviton, Axion, Cobalt) makes the curve's figure one too.
  const status: FactorStatus =
    machine.cpuStatus === 'default'
      ? 'default'
      : profiles.some((p) => p.status === 'estimated')
        ? 'estimated'
        : 'derived';
  return sharedFactor(first, key, () => ({
    name: 'cpu_power_per_vcpu_tdp_curve',
    ...exact(sum / profiles.length),
    unit: 'W',
    source_id: curve.sourceId,
    year: null,
    status,
  }));
}

function profileStatus(profiles: CpuProfile[]): FactorStatus {
  if (profiles.length > 1) return 'derived';
  const only = profiles[0];
  if (only?.status) return only.status;
  return only?.profile.method === 'specpower' ? 'published' : 'derived';
}

/**
 * The machine of a server or API request: an instance type of the request's provider, or
 * `hardware` with the region's provider defaults (CPU profile, lifespan) and the default host.
 * Neither given: a 1 vCPU machine of the provider's default profile (API requests only).
 */
export function resolveMachine(
  catalog: Catalog,
  region: ResolvedRegion,
  spec: { instance_type?: string | undefined; hardware?: HardwareSpec | undefined },
  prefix = '',
): Machine {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const issues: FieldIssue[] = [];

  if (spec.instance_type !== undefined) {
    const info = attempt(issues, () =>
      resolveInstanceType(catalog, region.provider, spec.instance_type as string, at('instance_type')),
    );
    if (!info) throw new UnknownReferenceError(issues);
    return instanceMachine(catalog, info);
  }
  return hardwareMachine(catalog, region, spec.hardware, at);
}

/**
 * The machine of a catalog entry that publishes vCPUs and memory but no CPU or host (a database
 * plan): the region's provider defaults, with warnings that name `subject`.
 */
export function shapeMachine(
  catalog: Catalog,
  region: ResolvedRegion,
  shape: { vcpus: number; memory_gb: number },
  subject: string,
): Machine {
  return hardwareMachine(catalog, region, shape, (field) => field, subject);
}

/** The machine of a catalog instance type (its provider's defaults where its CPU is not published). */
export function instanceMachine(catalog: Catalog, info: InstanceTypeInfo): Machine {
  const warnings: string[] = [];
  const { row, provider } = info;
  const label = `${provider.id} ${row.id}`;
  let cpuProfiles = info.cpuProfiles;
  let cpuStatus = profileStatus(cpuProfiles);
  if (cpuProfiles.length === 0) {
    const fallback = info.architecture === 'arm64' ? provider.cpuProfileArm64 : provider.cpuProfileX86;
    cpuProfiles = [fallback];
    cpuStatus = 'default';
    warnings.push(`The CPU of ${label} is not published: the '${fallback.family}' power profile is used.`);
  }
  let memoryGb = row.memoryGb;
  if (memoryGb == null) {
    memoryGb = 0;
    warnings.push(`The memory of ${label} is not known: its memory energy is counted as 0.`);
  }
  if (row.vcpusStatus === 'estimated') {
    warnings.push(
      `${provider.name} does not publish vCPU counts: ${row.id} is modelled as ${row.vcpus} vCPU (estimated).`,
    );
  }
  return {
    methodology: catalog.methodology,
    vcpus: row.vcpus,
    memoryGb,
    cpuProfiles,
    cpuStatus,
    powerBasis: powerBasisOf(cpuProfiles),
    hostEmbodied: info.hostEmbodied,
    hostVcpus: info.hostVcpus,
    hostMemory:
      info.hostMemory && info.hostChips !== null
        ? { memory: info.hostMemory, chips: info.hostChips, chipsSourceId: info.hostChipsSourceId }
        : null,
    lifespan: provider.lifespan,
    gpu: info.gpu,
    warnings,
  };
}

/** A machine described by `hardware` (or one default vCPU) on the region's provider defaults. */
function hardwareMachine(
  catalog: Catalog,
  region: ResolvedRegion,
  hw: HardwareSpec | undefined,
  at: (field: string) => string,
  subject?: string,
): Machine {
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];
  const defaults = region.defaultsProvider;
  let profile: CpuProfile | undefined;
  let architecture: CpuArchitecture = hw?.cpu_architecture ?? 'x86_64';
  let cpuStatus: FactorStatus = 'published';
  if (hw?.cpu_family !== undefined) {
    profile = catalog.cpuProfile(hw.cpu_family);
    if (!profile) {
      issues.push({
        path: at('hardware.cpu_family'),
        message: `Unknown CPU family '${hw.cpu_family}'. Valid families: ${catalog.cpuProfiles.map((p) => p.family).join(', ')}.`,
      });
    } else if (hw.cpu_architecture !== undefined && hw.cpu_architecture !== profile.architecture) {
      issues.push({
        path: at('hardware.cpu_architecture'),
        message: `CPU family '${profile.family}' is ${profile.architecture}, not ${hw.cpu_architecture}.`,
      });
    } else {
      architecture = profile.architecture;
      cpuStatus = profileStatus([profile]);
    }
  }
  if (issues.length) throw new UnknownReferenceError(issues);
  if (!profile) {
    profile = architecture === 'arm64' ? defaults.cpuProfileArm64 : defaults.cpuProfileX86;
    cpuStatus = 'default';
    warnings.push(
      subject
        ? `The CPU of ${subject} is not published: the '${profile.family}' power profile (${defaults.name} default for ${architecture}) is used.`
        : hw
          ? `No cpu_family given: the '${profile.family}' power profile (${defaults.name} default for ${architecture}) is used.`
          : `No instance type or hardware given: one vCPU of the '${profile.family}' power profile (${defaults.name} default) is used.`,
    );
  }
  const host = catalog.defaultHost[architecture];
  const stands = `the ${host.label} (${host.embodied.value} kgCO2e over ${host.vcpus} vCPU) is used.`;
  warnings.push(
    subject
      ? `The host of ${subject} is not published: for its embodied emissions ${stands}`
      : `Host embodied emissions are not known for custom hardware: ${stands}`,
  );
  return {
    methodology: catalog.methodology,
    vcpus: hw?.vcpus ?? 1,
    memoryGb: hw?.memory_gb ?? 0,
    cpuProfiles: [profile],
    cpuStatus,
    powerBasis: powerBasisOf([profile]),
    hostEmbodied: host.embodied,
    hostVcpus: host.vcpusFactor,
    hostMemory: { memory: host.memory, chips: host.chips, chipsSourceId: host.chipsSourceId },
    lifespan: defaults.lifespan,
    gpu: null,
    warnings,
  };
}

/** The power basis of a machine's CPU profiles (the seed refuses lists that mix methods). */
function powerBasisOf(cpuProfiles: CpuProfile[]): PowerBasis {
  return cpuProfiles[0]?.profile.method === 'tdp-curve' ? 'tdp-curve' : 'specpower';
}
