import type { Context } from 'hono';
import { problemResponse, problems } from '../problem.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** The request announces a body (HTTP/1.1: a non-zero Content-Length, or Transfer-Encoding). */
export function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return length === undefined ? c.req.header('transfer-encoding') !== undefined : length !== '0';
}

/**
 * Reads a body that came without Content-Length (chunked) as text, stopping at `maxBytes`:
 * undefined when it is larger.
 */
export async function readBoundedText(c: Context, maxBytes: number): Promise<string | undefined> {
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Before routing, from the headers alone (the body is never read here, so node-server keeps its
 * direct read path): a declared Content-Length over `maxBytes` (the largest limit of any route;
 * each JSON route then applies its own), and the media type of `/v1/` POST bodies. Undefined
 * when the request may pass.
 */
export function guardBody(c: Context, method: string, maxBytes: number): Response | undefined {
  if (Number(c.req.header('content-length')) > maxBytes)
    return problemResponse(problems.payloadTooLarge(maxBytes));
  if (
    method === 'POST' &&
    c.req.path.startsWith('/v1/') &&
    !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')
  )
    return problemResponse(problems.unsupportedMediaType());
  return undefined;
}
