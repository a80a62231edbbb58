/**
 * `npm run bench -- --bisect`: one step of the project's stack per server, to see where the time
 * goes between the floor and the real app (POST /v1/estimates/website). BISECT_STEP picks it:
 *   floor         bare Hono: parse the body, answer the captured bytes
 *   raw-floor     node:http without Hono doing the same: what the framework itself costs the floor
 *   lean          bare Hono doing the work and nothing else: read the body, JSON.parse, the route's
 *                 zod schema (safeParse), the estimate, its JSON: the least the app can cost on Hono
 *   raw-min       node:http without Hono doing the work and answering only Content-Type, as the
 *                 floor does: no edge work, no header of the API's own (the least the answer costs)
 *   raw           the same with the app's five answer headers: the least any implementation of the
 *                 contract costs
 *   validator     + OpenAPIHono and the route's zod validator, answering the same captured bytes
 *   serialize     + `c.json()` of the captured answer object (JSON.stringify per request)
 *   handler       + the real handler (catalog lookup, estimate): the route as the app mounts it
 *   edge          + the hardening middleware (no limiter, no log hook)
 *   app           the full createApp() with the Node edge (limiter and log hook, no log writes)
 * Prints `listening <url>` when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { createApp } from '../src/http/app.js';
import { edge } from '../src/http/edge/middleware.js';
import { createMemoryRateLimiter } from '../src/http/edge/rate-limit.js';
import { toJson } from '../src/http/json.js';
import { websiteEstimateRoutes } from '../src/http/routes/website-estimates/website-estimates.index.js';
import { estimateWebsiteRoute } from '../src/http/routes/website-estimates/website-estimates.routes.js';
import { WebsiteEstimateRequestSchema } from '../src/http/schemas/website.js';
import { validationHook } from '../src/http/validation.js';
import { estimateWebsite } from '../src/services/website-estimate.js';
import { memoryCatalog } from '../test/helpers/edge-app.js';

const catalog = await memoryCatalog();
const step = process.env.BISECT_STEP ?? 'floor';
const path = '/v1/estimates/website';
const handlerApp = () => {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.route('/', websiteEstimateRoutes({ catalog }));
  return app;
};
const answer = await (
  await handlerApp().request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: process.env.BISECT_BODY,
  })
).text();
const answerObject = JSON.parse(answer);

/** A node:http server answering every POST with `answer(body text)`, and GET /healthz. */
interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}
function rawServer(answer: (text: string) => RawAnswer) {
  const raw = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ok');
      return;
    }
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      const a = answer(text);
      res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
      res.end(a.body);
    });
  });
  raw.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening http://127.0.0.1:${(raw.address() as AddressInfo).port}`);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: any Hono app
let app: { fetch: any } | undefined;
if (step === 'raw-floor') {
  rawServer((text) => {
    JSON.parse(text);
    return { status: 200, body: answer, headers: { 'content-type': 'application/json' } };
  });
} else if (step === 'raw' || step === 'raw-min') {
  const loaded = await catalog.get();
  rawServer((text): RawAnswer => {
    const parsed = WebsiteEstimateRequestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return { status: 400, body: '{}', headers: { 'content-type': 'application/json' } };
    return {
      status: 200,
      body: toJson(estimateWebsite(loaded, parsed.data)),
      // raw-min: only Content-Type, as the floor. raw: what the app sends a POST without an Origin
      // (not a browser's): no CORS, no nosniff.
      headers:
        step === 'raw-min'
          ? { 'content-type': 'application/json' }
          : {
              'x-request-id': crypto.randomUUID(),
              'ratelimit-limit': '600',
              'ratelimit-remaining': '599',
              'ratelimit-reset': '1',
              'content-type': 'application/json',
            },
    };
  });
} else if (step === 'floor') {
  const h = new Hono();
  h.post(path, async (c) => {
    await c.req.json();
    return c.body(answer, 200, { 'content-type': 'application/json' });
  });
  app = h;
} else if (step === 'lean') {
  const loaded = await catalog.get();
  const h = new Hono();
  h.post(path, async (c) => {
    const parsed = WebsiteEstimateRequestSchema.safeParse(JSON.parse(await c.req.text()));
    if (!parsed.success) return c.body('{}', 400, { 'content-type': 'application/json' });
    return c.body(toJson(estimateWebsite(loaded, parsed.data)), 200, { 'content-type': 'application/json' });
  });
  app = h;
} else if (step === 'validator' || step === 'serialize') {
  const h = new OpenAPIHono({ defaultHook: validationHook });
  // biome-ignore lint/suspicious/noExplicitAny: the route's typed answer is not this one
  h.openapi(estimateWebsiteRoute, ((c: any) => {
    c.req.valid('json');
    return step === 'validator'
      ? c.body(answer, 200, { 'content-type': 'application/json' })
      : c.json(answerObject, 200);
  }) as never);
  app = h;
} else if (step === 'handler') {
  app = handlerApp();
} else if (step === 'edge') {
  const h = new OpenAPIHono({ defaultHook: validationHook });
  h.use('*', edge({ catalog }));
  h.route('/', websiteEstimateRoutes({ catalog }));
  app = h;
} else {
  app = createApp({
    catalog,
    rateLimiter: createMemoryRateLimiter({ perMinute: 1e12 }),
    clientIp: () => '127.0.0.1',
    onRequest: () => {},
    closeUnreadBodies: true,
  });
}
if (app) {
  const server = serve(
    { fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' },
    () => {
      console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    },
  );
}
