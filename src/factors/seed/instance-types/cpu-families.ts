import type { CpuProfileRow } from '../../store.js';
import type { Architecture, Row } from '../rows.js';

export type CpuFamiliesOf = (
  row: Row,
  column: string,
) => { cpuFamilies: string | null; architecture: Architecture };

/**
 * Reads a `;`-separated list of CPU families (rows of `cpu-power.csv`) from a column; blank or
 * `Unknown` → null (the provider default applies, x86_64). A list must not mix architectures.
 */
export function cpuFamiliesReader(profiles: readonly CpuProfileRow[]): CpuFamiliesOf {
  const architectureOf = new Map(profiles.map((p) => [p.family, p.architecture as Architecture]));
  return (row, column) => {
    const raw = row.raw(column);
    if (!raw || raw.toLowerCase() === 'unknown') return { cpuFamilies: null, architecture: 'x86_64' };
    const list = raw.split(';').map((f) => f.trim());
    const archs = new Set(
      list.map(
        (f) =>
          architectureOf.get(f) ?? row.fail(`CPU family ${JSON.stringify(f)} is not a row of cpu-power.csv`),
      ),
    );
    if (archs.size !== 1) throw row.error(`CPU families ${raw} mix architectures`);
    return { cpuFamilies: list.join(';'), architecture: [...archs][0] as Architecture };
  };
}
