import type { Ranged } from './factor.js';

/**
 * Factor values every compute model reads from where a workload runs: CPU power per vCPU (at the
 * load the model uses), PUE, grid intensity, host embodied emissions shared over host vCPUs and
 * lifespan, on-site (WUE) and off-site (EWIF) water.
 */
export interface ComputeFactorValues {
  cpuPowerPerVcpuW: Ranged;
  pue: Ranged;
  gridGPerKwh: Ranged;
  hostEmbodiedKg: Ranged;
  hostVcpus: number;
  lifespanHours: number;
  wueLPerKwh: Ranged;
  ewifLPerKwh: Ranged;
}
