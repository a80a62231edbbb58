/** The GPU columns of an instance type without GPUs (gpu-instances.csv adds them where it has some). */
export const NO_GPU = { gpuModel: null, gpuCount: null, gpuSourceId: null } as const;
