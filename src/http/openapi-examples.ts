// Examples of the OpenAPI document. Each operation's example request is built from the document
// itself (a request body's example, else one composed from its schema's examples; parameters'
// examples), so that what /docs pre-fills is what scripts/capture-examples.ts sends to the real app;
// the answers it captured (openapi-examples.generated.ts) become the response examples.

/** The parts of an OpenAPI 3.1 document these functions read and write. */
interface Schema {
  $ref?: string;
  example?: unknown;
  enum?: unknown[];
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
export interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Captured answers: operationId → status → example body (JSON value, or text for SVG). */
export type ResponseExamples = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Media types whose answers are captured as examples (the others are pages, scripts, styles). */
export const CAPTURED_MEDIA_TYPES = ['application/json', 'image/svg+xml'];

/**
 * A value for `schema` from the examples it carries: its own example, else an object of its
 * properties' examples (those that have one), the first member of a union, the first enum value.
 */
export function exampleFromSchema(doc: Document, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 16) return undefined;
  if (schema.$ref)
    return exampleFromSchema(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], depth + 1);
  if (schema.example !== undefined) return schema.example;
  const union = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (union) return exampleFromSchema(doc, union[0], depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const value = exampleFromSchema(doc, property, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (schema.items) {
    const item = exampleFromSchema(doc, schema.items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

export interface ExampleRequest {
  method: string;
  /** Path and query string, e.g. `/v1/providers/scaleway` or `/v1/sites?url=…`. */
  url: string;
  /** The JSON body, when the operation takes one. */
  body?: unknown;
}

/**
 * The example request of an operation: path parameters from their examples (one missing is an
 * error), query parameters that have an example (or only those of `queryNames`, for parameters
 * that exclude each other), and the request body's example.
 */
export function exampleRequest(
  doc: Document,
  path: string,
  method: string,
  op: Operation,
  queryNames?: readonly string[],
): ExampleRequest {
  let url = path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const value = p.example ?? p.schema?.example;
    if (p.in === 'path') {
      if (value === undefined)
        throw new Error(`${op.operationId}: path parameter '${p.name}' has no example`);
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    } else if (p.in === 'query' && value !== undefined && (!queryNames || queryNames.includes(p.name)))
      query.set(p.name, String(value));
    else if (p.in === 'query' && p.required)
      throw new Error(`${op.operationId}: required query parameter '${p.name}' has no example`);
  }
  const search = query.toString();
  const request: ExampleRequest = { method: method.toUpperCase(), url: search ? `${url}?${search}` : url };
  const json = op.requestBody?.content?.['application/json'];
  if (json) {
    const body = json.example ?? exampleFromSchema(doc, json.schema);
    if (body === undefined && op.requestBody?.required)
      throw new Error(`${op.operationId}: the request body has no example and its schema none to compose`);
    if (body !== undefined) request.body = body;
  }
  return request;
}

/**
 * The document with its examples: every JSON request body gets its example request's body (so
 * /docs pre-fills it), and every captured answer becomes the example of its operation and status.
 */
export function withExamples<D extends object>(given: D, responses: ResponseExamples): D {
  // A copy: the generated document may share objects with the route definitions.
  const doc = structuredClone(given) as Document;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const json = op.requestBody?.content?.['application/json'];
      if (json && json.example === undefined) {
        const body = exampleRequest(doc, path, method, op).body;
        if (body !== undefined) json.example = body;
      }
      const captured = op.operationId ? responses[op.operationId] : undefined;
      if (!captured) continue;
      for (const [status, example] of Object.entries(captured)) {
        const content = op.responses?.[status]?.content;
        const media = CAPTURED_MEDIA_TYPES.map((t) => content?.[t]).find(Boolean);
        if (!media) continue;
        delete media.examples;
        media.example = example;
      }
    }
  }
  return doc as D;
}
