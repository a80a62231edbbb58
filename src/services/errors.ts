/** One offending field of a request: where it is and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Appends `path` to `prefix` in the `a.b[2].c` notation used by every error. */
export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * A well-formed request that names something the catalog does not know (a provider, region,
 * instance type, CPU family or zone): HTTP answers 422 with these issues.
 */
export class UnknownReferenceError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'UnknownReferenceError';
  }

  /** The same issues, located under `prefix` (a batch item, a candidate, a nested request). */
  under(prefix: string): UnknownReferenceError {
    return new UnknownReferenceError(this.issues.map((i) => ({ ...i, path: joinPath(prefix, i.path) })));
  }
}
