import { type CsvRecord, parseCsvRecords } from './csv.js';
import type { SeedCsvFile, SeedInputs } from './inputs.js';
import { parseDecimal, tonnesToKg } from './numbers.js';
import { type SourceId, sourceIdFor } from './sources.js';

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A comparator over several keys (numbers numerically, the rest as strings, code-point order). */
export const byKey =
  <T>(...keys: ((row: T) => string | number)[]) =>
  (a: T, b: T) => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x !== y)
        return typeof x === 'number' && typeof y === 'number' ? x - y : compare(String(x), String(y));
    }
    return 0;
  };

/** A CSV record with typed, error-reporting accessors. */
export class Row {
  constructor(
    readonly file: SeedCsvFile,
    readonly line: number,
    readonly record: CsvRecord,
  ) {}
  private where(column: string) {
    return `${this.file} line ${this.line}, ${column}`;
  }
  raw(column: string): string {
    return (this.record[column] ?? '').trim();
  }
  text(column: string): string {
    const v = this.raw(column);
    if (!v) throw new Error(`${this.where(column)}: required value is blank`);
    return v;
  }
  optText(column: string): string | null {
    return this.raw(column) || null;
  }
  num(column: string): number {
    return parseDecimal(this.text(column), this.where(column));
  }
  optNum(column: string): number | null {
    const v = this.raw(column);
    return v ? parseDecimal(v, this.where(column)) : null;
  }
  int(column: string): number {
    const n = this.num(column);
    if (!Number.isInteger(n)) throw new Error(`${this.where(column)}: ${n} is not an integer`);
    return n;
  }
  optInt(column: string): number | null {
    return this.raw(column) ? this.int(column) : null;
  }
  kg(column: string): number {
    return tonnesToKg(this.text(column), this.where(column));
  }
  sourceId(column = 'source'): SourceId {
    return sourceIdFor(this.file, this.text(column));
  }
  /** A value that must be one of `allowed`. */
  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const v = this.text(column);
    if (!(allowed as readonly string[]).includes(v))
      throw this.error(`${column} ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
    return v as T;
  }
  error(message: string): Error {
    return new Error(`${this.file} line ${this.line}: ${message}`);
  }
  fail(message: string): never {
    throw this.error(message);
  }
}

/** Reads one CSV file's records, checking its header has the columns the seed reads. */
export function records(inputs: SeedInputs, file: SeedCsvFile, columns: string[]): Row[] {
  const { header, records } = parseCsvRecords(inputs.csv[file], file);
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return records.map((record, index) => new Row(file, index + 2, record));
}
