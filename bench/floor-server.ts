/**
 * The framework floor for `npm run bench`: a bare Hono app on the same @hono/node-server, with one
 * JSON POST route per benchmarked path that parses the request body and answers the project's own
 * answer to that request (captured once by the runner, passed in BENCH_FLOOR_FILE). No middleware.
 * Prints `listening <url>` when ready.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const answers = JSON.parse(readFileSync(process.env.BENCH_FLOOR_FILE as string, 'utf8')) as Record<
  string,
  string
>;
const app = new Hono();
for (const [path, body] of Object.entries(answers)) {
  app.post(path, async (c) => {
    await c.req.json();
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
}
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
