import type { Context } from 'hono';
import { problemResponse, problems } from '../problem.js';

export const DEFAULT_MAX_BODY_BYTES = 1_048_576; // 1 MiB

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** The request announces a body (HTTP/1.1: a non-zero Content-Length, or Transfer-Encoding). */
export function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return length === undefined ? c.req.header('transfer-encoding') !== undefined : length !== '0';
}

/**
 * Reads a body that came without Content-Length (chunked), stopping at the limit. The text is
 * left in Hono's body cache, where the JSON validator reads it. Undefined when it fits.
 */
async function readBounded(c: Context, maxBytes: number): Promise<Response | undefined> {
  const body = c.req.raw.body;
  if (!body) return undefined;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return problemResponse(problems.payloadTooLarge(maxBytes));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  // Hono keeps body promises in bodyCache (its type says values): `c.req.json()` reads `text`.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(new TextDecoder().decode(bytes));
  return undefined;
}

/**
 * Body limit and media type, from the headers alone when Content-Length is given (the body is
 * never read then, so node-server keeps its direct read path). Undefined when the body may pass.
 */
export async function guardBody(c: Context, method: string, maxBytes: number): Promise<Response | undefined> {
  const length = c.req.header('content-length');
  const declared = length === undefined ? Number.NaN : Number(length);
  if (declared > maxBytes) return problemResponse(problems.payloadTooLarge(maxBytes));
  if (
    method === 'POST' &&
    c.req.path.startsWith('/v1/') &&
    !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')
  )
    return problemResponse(problems.unsupportedMediaType());
  if (Number.isNaN(declared)) return readBounded(c, maxBytes);
  return undefined;
}
