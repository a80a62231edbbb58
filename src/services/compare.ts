import type { Catalog } from '../factors/catalog.js';
import { compareToBaseline } from '../models/comparison.js';
import { type ApiEstimate, type ApiResourcesRequest, estimateApi } from './api-estimate.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import type { HardwareSpec } from './machine.js';
import { gridPublisherWarning, mixedBasisWarning } from './mixed-warnings.js';
import type { GridSource } from './placement.js';
import { attempt } from './resolve.js';
import { estimateServer, type ServerEstimate, type ServerEstimateRequest } from './server-estimate.js';

/** A provider/region (and optionally an instance type) to place the workload on. */
export interface CompareCandidate {
  provider: string;
  region: string;
  instance_type?: string | undefined;
}

/** Servers of a shape (an instance type or hardware, unless each candidate names its own). */
export interface CompareServerWorkload {
  kind: 'server';
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  utilization?: number | undefined;
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

export type CompareWorkload = CompareServerWorkload | CompareApiWorkload;

/** `POST /v1/compare` (docs/methodology.md, "Compare"). */
export interface CompareRequest {
  workload: CompareWorkload;
  candidates: CompareCandidate[];
  grid_source?: GridSource | undefined;
}

export interface CompareResult {
  candidate: CompareCandidate;
  estimate: ServerEstimate | ApiEstimate;
  delta_co2e_g: number;
  delta_pct: number | null;
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
): { kind: 'server'; request: ServerEstimateRequest } | { kind: 'api'; request: ApiResourcesRequest } {
  const own = candidate.instance_type !== undefined;
  if (workload.kind === 'server') {
    return {
      kind: 'server',
      request: {
        provider: candidate.provider,
        region: candidate.region,
        instance_type: own ? candidate.instance_type : workload.instance_type,
        hardware: own ? undefined : workload.hardware,
        utilization: workload.utilization,
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
      region: candidate.region,
      instance_type: candidate.instance_type,
      requests: workload.requests,
      cpu_ms_per_request: workload.cpu_ms_per_request,
      memory_mb: workload.memory_mb,
      bytes_per_request: workload.bytes_per_request,
      grid_source: gridSource,
    },
  };
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
    const estimate = attempt(own, () =>
      placed.kind === 'server'
        ? estimateServer(catalog, placed.request, prefix)
        : estimateApi(catalog, placed.request, prefix),
    );
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
  const done = estimates as (ServerEstimate | ApiEstimate)[];
  const { deltas, ranking } = compareToBaseline(done.map((e) => e.co2e_g));
  const warnings = [mixedBasisWarning(done, 'candidates'), gridPublisherWarning(catalog, done)].filter(
    (w): w is string => w !== null,
  );
  return {
    results: done.map((estimate, i) => ({
      candidate: req.candidates[i] as CompareCandidate,
      estimate,
      ...(deltas[i] as { delta_co2e_g: number; delta_pct: number | null }),
    })),
    ranking,
    warnings,
  };
}
