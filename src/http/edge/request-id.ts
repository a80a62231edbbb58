/** An incoming X-Request-Id is echoed when it is short and plain (UUID, ULID, hex trace id, cf-ray…). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The request's own id when it is sane, else a new UUID. */
export function requestIdOf(given: string | undefined): string {
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
