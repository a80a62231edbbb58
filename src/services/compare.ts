import type { Catalog } from '../factors/catalog.js';
import { compareToBaseline } from '../models/comparison.js';
import type { DatabaseEngine } from '../models/managed-database.js';
import type { NetworkDestination } from '../models/network.js';
import { type ApiEstimate, type ApiResourcesRequest, estimateApi } from './api-estimate.js';
import {
  type DatabaseEstimate,
  type DatabaseEstimateRequest,
  estimateDatabase,
} from './database-estimate.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { estimateLlm, type LlmEstimate, type LlmEstimateRequest } from './llm-estimate.js';
import type { HardwareSpec } from './machine.js';
import { gridPublisherWarning, mixedBasisWarning } from './mixed-warnings.js';
import { estimateNetwork, type NetworkEstimate, type NetworkEstimateRequest } from './network-estimate.js';
import type { GridSource } from './placement.js';
import { attempt } from './resolve.js';
import { estimateServer, type ServerEstimate, type ServerEstimateRequest } from './server-estimate.js';
import { estimateStorage, type StorageEstimate, type StorageEstimateRequest } from './storage-estimate.js';

/** A provider/region (and optionally an instance type) to place the workload on. */
export interface CompareCandidate {
  provider: string;
  /** Every kind but `llm` (required there by the request schema). */
  region?: string | undefined;
  instance_type?: string | undefined;
  /** Storage workloads: the candidate's storage service. */
  service?: string | undefined;
  /** Managed database workloads: the candidate's plan (or its `instance_type`). */
  plan?: string | undefined;
  /** LLM workloads: the model, and where a self-hosted one runs or another grid zone. */
  model?: string | undefined;
  hosting?: { provider: string; region: string } | undefined;
  zone?: string | undefined;
}

/** Servers of a shape (an instance type or hardware, unless each candidate names its own). */
export interface CompareServerWorkload {
  kind: 'server';
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  utilization?: number | undefined;
  gpu_utilization?: number | undefined;
  duration_hours: number;
  count?: number | undefined;
}

/** API requests (resources mode: CPU time, memory and bytes per request). */
export interface CompareApiWorkload {
  kind: 'api';
  requests: number;
  cpu_ms_per_request: number;
  memory_mb?: number | undefined;
  bytes_per_request?: number | undefined;
}

/** Stored data: each candidate names its storage service. */
export interface CompareStorageWorkload {
  kind: 'storage';
  size_gb: number;
  duration_hours: number;
}

/** Data transferred out of the region. */
export interface CompareNetworkWorkload {
  kind: 'network';
  gb?: number | undefined;
  bytes?: number | undefined;
  destination?: NetworkDestination | undefined;
}

/** A managed database: each candidate names its plan, or an instance type run with `engine`. */
export interface CompareDatabaseWorkload {
  kind: 'managed_database';
  engine?: DatabaseEngine | undefined;
  storage_gb?: number | undefined;
  high_availability?: boolean | undefined;
  utilization?: number | undefined;
  duration_hours: number;
}

/** LLM calls: the same tokens for every candidate (provider and model). */
export interface CompareLlmWorkload {
  kind: 'llm';
  output_tokens: number;
  input_tokens?: number | undefined;
  requests?: number | undefined;
  latency_s?: number | undefined;
}

export type CompareWorkload =
  | CompareLlmWorkload
  | CompareServerWorkload
  | CompareApiWorkload
  | CompareStorageWorkload
  | CompareNetworkWorkload
  | CompareDatabaseWorkload;

type CompareEstimate =
  | ServerEstimate
  | ApiEstimate
  | StorageEstimate
  | NetworkEstimate
  | DatabaseEstimate
  | LlmEstimate;

/** `POST /v1/compare` (docs/methodology.md, "Compare"). */
export interface CompareRequest {
  workload: CompareWorkload;
  candidates: CompareCandidate[];
  grid_source?: GridSource | undefined;
}

export interface CompareResult {
  candidate: CompareCandidate;
  estimate: CompareEstimate;
  delta_co2e_g: number;
  delta_pct: number | null;
  /** Managed databases: the delta of each part (nodes, storage) against the baseline's. */
  delta_by_part?: { compute_co2e_g: number; storage_co2e_g: number };
}

export interface Comparison {
  results: CompareResult[];
  ranking: number[];
  /** What makes the candidates less comparable (mixed power bases, grid publishers). */
  warnings: string[];
}

/**
 * The direct estimate request of a workload placed on a candidate: the candidate's provider and
 * region, and its instance type when it names one (which replaces the workload's instance type or
 * hardware).
 */
export function placeWorkload(
  workload: CompareWorkload,
  candidate: CompareCandidate,
  gridSource?: GridSource,
):
  | { kind: 'server'; request: ServerEstimateRequest }
  | { kind: 'api'; request: ApiResourcesRequest }
  | { kind: 'storage'; request: StorageEstimateRequest }
  | { kind: 'network'; request: NetworkEstimateRequest }
  | { kind: 'managed_database'; request: DatabaseEstimateRequest }
  | { kind: 'llm'; request: LlmEstimateRequest } {
  if (workload.kind === 'llm') {
    const { kind: _, ...rest } = workload;
    return {
      kind: 'llm',
      request: {
        provider: candidate.provider,
        model: candidate.model ?? '',
        hosting: candidate.hosting,
        zone: candidate.zone,
        ...rest,
      },
    };
  }
  const own = candidate.instance_type !== undefined;
  const region = candidate.region ?? '';
  const at = { provider: candidate.provider, region, grid_source: gridSource };
  if (workload.kind === 'storage') {
    const { kind: _, ...rest } = workload;
    return { kind: 'storage', request: { ...at, service: candidate.service ?? '', ...rest } };
  }
  if (workload.kind === 'network') {
    const { kind: _, ...rest } = workload;
    return { kind: 'network', request: { ...at, ...rest } };
  }
  if (workload.kind === 'managed_database') {
    const { kind: _, ...rest } = workload;
    return {
      kind: 'managed_database',
      request: { ...at, plan: candidate.plan, instance_type: candidate.instance_type, ...rest },
    };
  }
  if (workload.kind === 'server') {
    return {
      kind: 'server',
      request: {
        provider: candidate.provider,
        region,
        instance_type: own ? candidate.instance_type : workload.instance_type,
        hardware: own ? undefined : workload.hardware,
        utilization: workload.utilization,
        gpu_utilization: workload.gpu_utilization,
        duration_hours: workload.duration_hours,
        count: workload.count,
        grid_source: gridSource,
      },
    };
  }
  return {
    kind: 'api',
    request: {
      provider: candidate.provider,
      region,
      instance_type: candidate.instance_type,
      requests: workload.requests,
      cpu_ms_per_request: workload.cpu_ms_per_request,
      memory_mb: workload.memory_mb,
      bytes_per_request: workload.bytes_per_request,
      grid_source: gridSource,
    },
  };
}

/** The estimate of a placed workload, by its kind. */
function estimatePlaced(
  catalog: Catalog,
  placed: ReturnType<typeof placeWorkload>,
  prefix: string,
): CompareEstimate {
  switch (placed.kind) {
    case 'server':
      return estimateServer(catalog, placed.request, prefix);
    case 'api':
      return estimateApi(catalog, placed.request, prefix);
    case 'storage':
      return estimateStorage(catalog, placed.request, prefix);
    case 'network':
      return estimateNetwork(catalog, placed.request, prefix);
    case 'managed_database':
      return estimateDatabase(catalog, placed.request, prefix);
    case 'llm':
      return estimateLlm(catalog, placed.request, prefix);
  }
}

/**
 * Issues of one candidate, located where the fix goes: a workload instance type unknown at this
 * provider stays on `candidates[i].instance_type` (give the candidate its own), a workload
 * `hardware` problem moves to `workload.hardware…` (it is the same for every candidate).
 */
function locate(issues: FieldIssue[], prefix: string, candidate: CompareCandidate): FieldIssue[] {
  return issues.map((issue) => {
    if (issue.path.startsWith(`${prefix}.hardware`)) {
      return { ...issue, path: `workload${issue.path.slice(prefix.length)}` };
    }
    if (issue.path === `${prefix}.instance_type` && candidate.instance_type === undefined) {
      return {
        ...issue,
        message: `${issue.message} (The instance type comes from the workload: give this candidate its own instance_type.)`,
      };
    }
    return issue;
  });
}

/**
 * Estimates the workload on every candidate (each result equals the direct estimate of that
 * placement), with deltas against the first candidate and the ranking, lowest CO2e first. Any
 * candidate that cannot be estimated makes the whole comparison a 422 naming `candidates[i]`.
 */
export function compareWorkload(catalog: Catalog, req: CompareRequest): Comparison {
  const w = req.workload;
  if (w.kind === 'server' && w.instance_type === undefined && w.hardware === undefined) {
    const bare = req.candidates.findIndex((c) => c.instance_type === undefined);
    // The request schema answers this with a 400; reaching it here is a caller bug.
    if (bare >= 0) throw new TypeError(`candidates[${bare}] has no instance_type and the workload no shape`);
  }
  const issues: FieldIssue[] = [];
  const estimates = req.candidates.map((candidate, i) => {
    const prefix = `candidates[${i}]`;
    const placed = placeWorkload(req.workload, candidate, req.grid_source);
    const own: FieldIssue[] = [];
    const estimate = attempt(own, () => estimatePlaced(catalog, placed, prefix));
    issues.push(...locate(own, prefix, candidate));
    return estimate;
  });
  if (issues.length) {
    const seen = new Set<string>();
    throw new UnknownReferenceError(
      issues.filter((i) => {
        const k = `${i.path}\u0000${i.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }),
    );
  }
  const done = estimates as CompareEstimate[];
  const { deltas, ranking } = compareToBaseline(done.map((e) => e.co2e_g));
  const warnings = [mixedBasisWarning(done, 'candidates'), gridPublisherWarning(catalog, done)].filter(
    (w): w is string => w !== null,
  );
  const parts = (e: CompareEstimate) => (e as DatabaseEstimate).breakdown;
  const base = req.workload.kind === 'managed_database' ? parts(done[0] as DatabaseEstimate) : null;
  return {
    results: done.map((estimate, i) => ({
      candidate: req.candidates[i] as CompareCandidate,
      estimate,
      ...(deltas[i] as { delta_co2e_g: number; delta_pct: number | null }),
      ...(base
        ? {
            delta_by_part: {
              compute_co2e_g: parts(estimate).compute.co2e_g - base.compute.co2e_g,
              storage_co2e_g: parts(estimate).storage.co2e_g - base.storage.co2e_g,
            },
          }
        : {}),
    })),
    ranking,
    warnings,
  };
}
