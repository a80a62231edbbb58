/** One access-log record, handed to `AppDeps.onRequest` once the answer is built. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** ms since the epoch, when the request arrived. */
  time: number;
}
