import type { Catalog, CpuArchitecture, CpuProfile, ResolvedRegion } from '../factors/catalog.js';
import { meanCpuPowerPerVcpuW } from '../models/cpu-power.js';
import type { Factor, FactorStatus } from '../models/factor.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { attempt, resolveInstanceType } from './resolve.js';

/** A machine described by the caller instead of an instance type. */
export interface HardwareSpec {
  vcpus: number;
  memory_gb: number;
  cpu_family?: string | undefined;
  cpu_architecture?: CpuArchitecture | undefined;
}

/** Shape, CPU, host and lifespan of what a workload runs on, with provenance. */
export interface Machine {
  vcpus: number;
  memoryGb: number;
  cpuProfiles: CpuProfile[];
  cpuStatus: FactorStatus;
  hostEmbodied: Factor;
  hostVcpus: Factor;
  lifespan: Factor;
  warnings: string[];
}

/** `cpu_power_per_vcpu` at utilization `u`: the mean of the machine's CPU profiles. */
export function cpuPowerFactor(machine: Machine, utilization: number): Factor {
  const watts = meanCpuPowerPerVcpuW(
    machine.cpuProfiles.map((p) => p.profile),
    utilization,
  );
  const first = machine.cpuProfiles[0] as CpuProfile;
  return {
    name: 'cpu_power_per_vcpu',
    ...watts,
    unit: 'W',
    source_id: first.sourceId,
    year: null,
    status: machine.cpuStatus,
  };
}

function profileStatus(profiles: CpuProfile[]): FactorStatus {
  if (profiles.length > 1) return 'derived';
  return profiles[0]?.profile.method === 'specpower' ? 'published' : 'derived';
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
  const warnings: string[] = [];

  if (spec.instance_type !== undefined) {
    const info = attempt(issues, () =>
      resolveInstanceType(catalog, region.provider, spec.instance_type as string, at('instance_type')),
    );
    if (!info) throw new UnknownReferenceError(issues);
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
      vcpus: row.vcpus,
      memoryGb,
      cpuProfiles,
      cpuStatus,
      hostEmbodied: info.hostEmbodied,
      hostVcpus: info.hostVcpus,
      lifespan: provider.lifespan,
      warnings,
    };
  }

  const defaults = region.defaultsProvider;
  const hw = spec.hardware;
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
      hw
        ? `No cpu_family given: the '${profile.family}' power profile (${defaults.name} default for ${architecture}) is used.`
        : `No instance type or hardware given: one vCPU of the '${profile.family}' power profile (${defaults.name} default) is used.`,
    );
  }
  const host = catalog.defaultHost[architecture];
  warnings.push(
    `Host embodied emissions are not known for custom hardware: the ${host.label} (${host.embodied.value} kgCO2e over ${host.vcpus} vCPU) is used.`,
  );
  return {
    vcpus: hw?.vcpus ?? 1,
    memoryGb: hw?.memory_gb ?? 0,
    cpuProfiles: [profile],
    cpuStatus,
    hostEmbodied: host.embodied,
    hostVcpus: host.vcpusFactor,
    lifespan: defaults.lifespan,
    warnings,
  };
}
