import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema.js';

export type { components, operations, paths };

/** The request and answer schemas of the API (`Schemas['ServerEstimate']`, `Schemas['Problem']`…). */
export type Schemas = components['schemas'];

/**
 * The RFC 9457 problem of every error answer (`application/problem+json`): `type`, `title`,
 * `status`, `detail`, and `errors` listing each offending field (`{ path, message }`).
 */
export type Problem = Schemas['Problem'];

/** The JSON body of `POST path`, from the generated types. */
export type PostBody<P extends keyof paths> = paths[P]['post'] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * A client of the Empreinte API at `baseUrl` (e.g. `http://127.0.0.1:3000`), typed from the types
 * generated from openapi.json. It is an openapi-fetch client (`GET`/`POST` on any path, answering
 * `{ data, error, response }`, `error` being the RFC 9457 problem of a 4xx/5xx answer) plus one
 * method per estimate route whose body is checked exactly: a misspelt optional field is a compile
 * error there, which `POST(path, { body })` does not catch (openapi-typescript issue #1769).
 * `options` go to openapi-fetch (headers, a custom `fetch`…).
 */
export function createEmpreinteClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  const client = createClient<paths>({ ...options, baseUrl });
  return Object.assign(client, {
    estimateServer: (body: PostBody<'/v1/estimates/server'>) => client.POST('/v1/estimates/server', { body }),
    estimateApi: (body: PostBody<'/v1/estimates/api'>) => client.POST('/v1/estimates/api', { body }),
    estimateWebsite: (body: PostBody<'/v1/estimates/website'>) =>
      client.POST('/v1/estimates/website', { body }),
    estimateBatch: (body: PostBody<'/v1/estimates/batch'>) => client.POST('/v1/estimates/batch', { body }),
    compare: (body: PostBody<'/v1/compare'>) => client.POST('/v1/compare', { body }),
  });
}

/** A client made by {@link createEmpreinteClient}. */
export type EmpreinteClient = ReturnType<typeof createEmpreinteClient>;
