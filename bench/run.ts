/**
 * `npm run bench`: throughput and latency of the real Node server against the framework floor, on
 * loopback, plus the 1,000-item batch latency, RSS over a long run, the Worker bundle size and the
 * first request after `wrangler dev` is ready. Not part of `npm test`.
 *
 * Fairness on 2 cores: every server runs in its own child process (its own core), autocannon in this
 * one; they still compete, so only RATIOS measured in the same run mean anything. Targets are
 * measured in short rounds, interleaving the floor with the project routes (in turns: the floor
 * first in odd rounds, last in even ones), and each ratio uses the floor of the same round; the
 * summary gives the median of those paired ratios, since this host's speed changes within minutes.
 * Latency percentiles come from every response's own time (autocannon's histogram keeps whole
 * milliseconds, too coarse for a p99 of 2 to 5 ms).
 *
 *   npm run bench                 everything (about 11 minutes)
 *   npm run bench -- --quick      shorter runs, no RSS/wrangler parts (about 1 minute)
 *   npm run bench -- --variants   also the project server with its edge features switched off
 *   npm run bench -- --only=throughput,batch,abuse,rss,bundle,cold,wrangler
 *   npm run bench -- --only=bisect   where the time goes, step by step (bench/bisect-server.ts)
 *   npm run bench -- --only=sites    site reads and measurements at 1 and 200,000 pages (bench/sites.ts)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { sitesBench } from './sites.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const variants = args.includes('--variants');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (part: string) =>
  !only ? part !== 'bisect' || args.includes('--bisect') : only.includes(part);
const ROOT = new URL('..', import.meta.url).pathname;
const DURATION_S = quick ? 4 : Number(process.env.BENCH_DURATION_S ?? 6);
const WARMUP_S = quick ? 1 : 3;
/** Warm-up before each later run of a server already warmed on the same target. */
const REWARM_S = 1;
const ROUNDS = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RSS_RUN_S = Number(process.env.BENCH_RSS_S ?? 60);

const tmp = mkdtempSync(join(tmpdir(), 'empreinte-bench-'));
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

// ---- requests ---------------------------------------------------------------------------------

const SERVER_BODY = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};
const WEBSITE_BODY = { bytes: 2_366_464, page_views: 100_000, visitor_country: 'FR' };

function batchBody(n: number) {
  const items: Record<string, unknown>[] = [];
  const kinds = [
    { type: 'server', provider: 'aws', region: 'eu-west-3', instance_type: 'm5.large', duration_hours: 730 },
    { type: 'server', ...SERVER_BODY },
    {
      type: 'api',
      provider: 'scaleway',
      region: 'fr-par-2',
      requests: 1_000_000,
      cpu_ms_per_request: 12,
      bytes_per_request: 4_000,
    },
    { type: 'website', bytes: 1_500_000, page_views: 10_000 },
    {
      type: 'server',
      provider: 'gcp',
      region: 'europe-west9',
      instance_type: 'e2-standard-4',
      duration_hours: 24,
    },
  ];
  for (let i = 0; i < n; i++) items.push({ id: `item-${i}`, ...kinds[i % kinds.length] });
  return { items };
}

interface Target {
  name: string;
  path: string;
  body: string;
}

const TARGETS: Target[] = [
  { name: 'POST /v1/estimates/server', path: '/v1/estimates/server', body: JSON.stringify(SERVER_BODY) },
  { name: 'POST /v1/estimates/website', path: '/v1/estimates/website', body: JSON.stringify(WEBSITE_BODY) },
  {
    name: 'POST /v1/estimates/batch (100 items)',
    path: '/v1/estimates/batch',
    body: JSON.stringify(batchBody(100)),
  },
  // Issue 21's estimates: each should cost no more than the server estimate (same ratio to the floor).
  {
    name: 'POST /v1/estimates/storage',
    path: '/v1/estimates/storage',
    body: JSON.stringify({
      provider: 'aws',
      region: 'eu-west-3',
      service: 's3-standard',
      size_gb: 2000,
      duration_hours: 8760,
    }),
  },
  {
    name: 'POST /v1/estimates/network',
    path: '/v1/estimates/network',
    body: JSON.stringify({ provider: 'aws', region: 'eu-west-3', gb: 1000 }),
  },
  {
    name: 'POST /v1/estimates/managed-database',
    path: '/v1/estimates/managed-database',
    body: JSON.stringify({ provider: 'heroku', region: 'eu', plan: 'standard-0', duration_hours: 8760 }),
  },
  // Issue 22: an LLM estimate (EcoLogits' method, four runs per answer).
  {
    name: 'POST /v1/estimates/llm',
    path: '/v1/estimates/llm',
    body: JSON.stringify({ provider: 'openai', model: 'gpt-4o', output_tokens: 1000, requests: 1000 }),
  },
];

// ---- processes --------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Bundles a server entry as `npm start` does (esbuild, no tsx at run time), so the project and the
 * floor run the same way.
 */
function bundleServer(entry: string): string {
  // Inside the project: the server finds drizzle/ by walking up from its own location.
  const out = join(ROOT, 'dist/bench', `${entry.replace(/[^\w]+/g, '-')}.mjs`);
  execFileSync(
    join(ROOT, 'node_modules/.bin/esbuild'),
    [
      entry,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      `--outfile=${out}`,
      '--log-level=warning',
    ],
    { cwd: ROOT },
  );
  return out;
}

/**
 * Node flags of `npm start` (package.json), given to every server here, the floor too: a 32 MiB
 * young generation instead of Node's 16 (docs/performance.md, "Changed because of measurements").
 */
const NODE_FLAGS = ['--max-semi-space-size=32'];

async function startNode(script: string, env: Record<string, string>, name: string): Promise<Started> {
  const port = await freePort();
  const logFile = join(tmp, `${name}.log`);
  const out = (await import('node:fs')).openSync(logFile, 'w');
  const args = [...NODE_FLAGS, ...(script.endsWith('.mjs') ? [script] : ['--import', 'tsx', script])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', out, out],
  });
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`);
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          children.delete(child);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The project's Node server (src/entries/node/main.ts, bundled as `npm start` runs it) on a fresh database file. */
function startProject(name: string, env: Record<string, string> = {}) {
  return startNode(
    bundleServer('src/entries/node/main.ts'),
    {
      DATABASE_URL: `file:${join(tmp, `${name}.db`)}`,
      // One client address for all load: the limiter runs (its cost is measured) but never refuses.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      LOG_REQUESTS: 'true',
      ...env,
    },
    name,
  );
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

// ---- measuring --------------------------------------------------------------------------------

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time (user + system) per answered request, µs: robust to other load on the machine. */
  cpuUs: number;
}

/** utime + stime of a process, µs (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuTimeUs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
const quantile = (sorted: Float64Array, q: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);

async function load(url: string, t: Target, seconds: number, pid?: number): Promise<Measure> {
  const cpu0 = cpuTimeUs(pid);
  // Without a callback, autocannon answers its run's event emitter made thenable (lib/init.js).
  const run = autocannon({
    url: url + t.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: t.body,
    connections: CONNECTIONS,
    duration: seconds,
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  // Each 2xx answer's own time (ms, fractional): autocannon's histogram rounds to whole ms.
  let times = new Float64Array(1 << 16);
  let n = 0;
  run.on('response', (_client: unknown, status: number | string, _bytes: number, ms: number) => {
    const code = Number(status);
    if (code < 200 || code >= 300) return;
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = ms;
  });
  const result = await run;
  const cpuUs = (cpuTimeUs(pid) - cpu0) / Math.max(1, result.requests.total);
  const sorted = times.subarray(0, n).sort();
  return {
    rps: result.requests.average,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    errors: result.errors + result.timeouts + result.non2xx,
    cpuUs,
  };
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function table(rows: string[][]) {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows)
    console.log(
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    );
}

async function throughput() {
  console.log(
    `\n## Throughput: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per run, ${ROUNDS} round(s)`,
  );
  const project = await startProject('project');
  const available: Target[] = [];
  const answers: Record<string, string> = {};
  for (const t of TARGETS) {
    const res = await fetch(project.url + t.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: t.body,
    });
    const text = await res.text();
    if (res.status !== 200) {
      console.log(`(skipping ${t.name}: the project answers ${res.status} ${text.slice(0, 120)})`);
      continue;
    }
    answers[t.path] = text;
    available.push(t);
  }
  const floorFile = join(tmp, 'floor.json');
  writeFileSync(floorFile, JSON.stringify(answers));
  const floor = await startNode(
    bundleServer('bench/floor-server.ts'),
    { BENCH_FLOOR_FILE: floorFile },
    'floor',
  );

  const servers: { label: string; url: string; pid?: number }[] = [
    { label: 'project', url: project.url, pid: project.child.pid },
  ];
  const extra: Started[] = [];
  if (variants) {
    const quiet = await startProject('project-nolog', { LOG_REQUESTS: 'false' });
    const bare = await startProject('project-noedge', { LOG_REQUESTS: 'false', RATE_LIMIT_PER_MINUTE: '0' });
    extra.push(quiet, bare);
    servers.push(
      { label: 'project, no access log', url: quiet.url, pid: quiet.child.pid },
      { label: 'project, no log, no limiter', url: bare.url, pid: bare.child.pid },
    );
  }

  const rows: string[][] = [
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'p99/floor', 'cpu µs/req', 'cpu ratio', 'errors'],
  ];
  const sums = new Map<string, { ratio: number[]; p99x: number[]; cpu: number[] }>();
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const median = (a: number[]) => {
    const s = [...a].sort((x, y) => x - y);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  };
  const span = (a: number[], d: number) => `${fmt(Math.min(...a), d)}–${fmt(Math.max(...a), d)}`;
  // Each server and target is warmed once at length, then briefly before each later run.
  const warmed = new Set<string>();
  const measure = async (url: string, t: Target, pid: number | undefined) => {
    const key = `${url} ${t.path}`;
    await load(url, t, warmed.has(key) ? REWARM_S : WARMUP_S);
    warmed.add(key);
    return load(url, t, DURATION_S, pid);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of available) {
      // In turns, so that a drift of the host's speed within a round favours neither side.
      const floorFirst = round % 2 === 1;
      const measured: Measure[] = [];
      if (!floorFirst) for (const s of servers) measured.push(await measure(s.url, t, s.pid));
      const f = await measure(floor.url, t, floor.child.pid);
      if (floorFirst) for (const s of servers) measured.push(await measure(s.url, t, s.pid));
      rows.push([
        `floor ${t.path} (round ${round})`,
        fmt(f.rps),
        fmt(f.p50, 2),
        fmt(f.p99, 2),
        '1.00',
        '1.00',
        fmt(f.cpuUs, 0),
        '1.00',
        String(f.errors),
      ]);
      for (const [i, s] of servers.entries()) {
        const m = measured[i] as Measure;
        const ratio = m.rps / f.rps;
        const p99x = m.p99 / f.p99;
        const cpu = f.cpuUs / m.cpuUs;
        const key = `${s.label}: ${t.name}`;
        const acc = sums.get(key) ?? { ratio: [], p99x: [], cpu: [] };
        acc.ratio.push(ratio);
        acc.p99x.push(p99x);
        acc.cpu.push(cpu);
        sums.set(key, acc);
        rows.push([
          `${s.label}: ${t.name} (round ${round})`,
          fmt(m.rps),
          fmt(m.p50, 2),
          fmt(m.p99, 2),
          fmt(ratio, 2),
          fmt(p99x, 2),
          fmt(m.cpuUs, 0),
          fmt(cpu, 2),
          String(m.errors),
        ]);
      }
    }
  }
  table(rows);
  console.log(
    '\nMedian over rounds [range; mean]. ratio = req/s ÷ floor req/s of the same round (target ≥ 0.75 ' +
      'for server and website); p99 ÷ floor p99 of the same round (target ≤ 1.5); cpu ratio = floor ' +
      'server-CPU per request ÷ project server-CPU per request (the same ratio, less sensitive to ' +
      'other load on the machine):',
  );
  for (const [k, v] of sums)
    console.log(
      `  ${k}: ratio ${fmt(median(v.ratio), 2)} [${span(v.ratio, 2)}; ${fmt(mean(v.ratio), 2)}], ` +
        `p99 ${fmt(median(v.p99x), 2)}× floor [${span(v.p99x, 2)}; ${fmt(mean(v.p99x), 2)}], ` +
        `cpu ratio ${fmt(median(v.cpu), 2)} [${span(v.cpu, 2)}; ${fmt(mean(v.cpu), 2)}]`,
    );
  for (const s of [project, floor, ...extra]) await s.stop();
}

async function batchLatency() {
  console.log('\n## 1,000-item batch latency (one client, sequential; target ≤ 100 ms)');
  const project = await startProject('batch');
  const body = JSON.stringify(batchBody(1000));
  const times: number[] = [];
  let status = 0;
  let size = 0;
  for (let i = 0; i < 30 + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${project.url}/v1/estimates/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    status = res.status;
    size = text.length;
    if (i >= 5) times.push(ms); // 5 warm-up requests
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
  console.log(
    `  status ${status}, request ${fmt(body.length / 1024, 0)} KiB, answer ${fmt(size / 1024, 0)} KiB: ` +
      `median ${fmt(q(0.5), 1)} ms, p90 ${fmt(q(0.9), 1)} ms, max ${fmt(q(1), 1)} ms (first cold request excluded)`,
  );
  await project.stop();
}

async function rss() {
  console.log(
    `\n## RSS over a ${RSS_RUN_S} s run (mixed estimates, ${CONNECTIONS} connections; target within +10%)`,
  );
  const project = await startProject('rss');
  const pid = project.child.pid as number;
  const mixed = [TARGETS[0], TARGETS[1]] as Target[];
  for (const t of mixed) await load(project.url, t, 5); // warm up: JIT, catalog, buffers
  const start = rssKb(pid);
  const samples: number[] = [start];
  const timer = setInterval(() => samples.push(rssKb(pid)), 5_000);
  const per = RSS_RUN_S / mixed.length;
  let requests = 0;
  for (const t of mixed) requests += (await load(project.url, t, per)).rps * per;
  clearInterval(timer);
  const end = rssKb(pid);
  samples.push(end);
  console.log(
    `  ${fmt(requests)} requests; RSS start ${fmt(start / 1024, 1)} MiB, end ${fmt(end / 1024, 1)} MiB ` +
      `(${end >= start ? '+' : ''}${fmt(((end - start) / start) * 100, 1)}%), max ${fmt(Math.max(...samples) / 1024, 1)} MiB`,
  );
  await project.stop();
}

/** `{"k0":0,…}` with 90,000 unknown keys: just under 1 MiB (the issue's attack body). */
function floodBody(): string {
  const o: Record<string, number> = {};
  for (let i = 0; i < 90_000; i++) o[`k${i}`] = 0;
  return JSON.stringify(o);
}

/** `{"items":[{},{},…]}` filling 2 MiB, the largest body any route takes (~699,000 items). */
function emptyObjectsBody(): string {
  const items = Math.floor((2 * 1024 * 1024 - '{"items":[]}'.length + 1) / 3);
  return `{"items":[${'{},'.repeat(items - 1)}{}]}`;
}

interface Flood {
  what: string;
  body: string;
  paths: string[];
  /** Bodies sent per second. */
  perSecond: number;
}

async function abuse() {
  const seconds = quick ? 5 : 15;
  const floods: Flood[] = [
    {
      what: 'bodies of 90,000 unknown keys',
      body: floodBody(),
      paths: ['/v1/estimates/server', '/v1/estimates/batch'],
      perSecond: 63 / 15,
    },
    {
      // As many as the default limit (600 per minute) lets one client send if each cost one token.
      what: 'bodies of ~699,000 empty objects (2 MiB)',
      body: emptyObjectsBody(),
      paths: ['/v1/estimates/batch'],
      perSecond: 10,
    },
  ];
  console.log(
    `\n## Abuse: p50 of an unrelated request (sequential server estimates) while one client floods ` +
      `the server in ${seconds} s (within its rate limit)`,
  );
  const project = await startProject('abuse');
  const post = (path: string, body: string) =>
    fetch(project.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const victim = async (ms: number) => {
    const times: number[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await post(TARGETS[0]?.path as string, TARGETS[0]?.body as string);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
    return { n: times.length, p50: q(0.5), p99: q(0.99) };
  };
  await victim(2_000); // warm-up
  const quiet = await victim(seconds * 1000);
  console.log(
    `  no flood: ${fmt(quiet.n)} requests, p50 ${fmt(quiet.p50, 1)} ms, p99 ${fmt(quiet.p99, 1)} ms`,
  );
  for (const flood of floods)
    for (const path of flood.paths) {
      const count = Math.round(flood.perSecond * seconds);
      const answers: { status: number; bytes: number; ms: number }[] = [];
      const attacker = (async () => {
        const start = performance.now();
        const sent: Promise<void>[] = [];
        for (let i = 0; i < count; i++) {
          const wait = start + (i * seconds * 1000) / count - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          sent.push(
            (async () => {
              const t0 = performance.now();
              try {
                const res = await post(path, flood.body);
                const bytes = (await res.arrayBuffer()).byteLength;
                answers.push({ status: res.status, bytes, ms: performance.now() - t0 });
              } catch {
                answers.push({ status: 0, bytes: 0, ms: performance.now() - t0 }); // closed early
              }
            })(),
          );
        }
        await Promise.all(sent);
      })();
      const loaded = await victim(seconds * 1000);
      await attacker;
      const statuses = [...new Set(answers.map((a) => a.status))].join('/');
      const maxBytes = Math.max(...answers.map((a) => a.bytes));
      const medianMs = answers.map((a) => a.ms).sort((a, b) => a - b)[Math.floor(answers.length / 2)] ?? 0;
      const bound = 3 * quiet.p50 + 2;
      console.log(
        `  ${count} ${flood.what} on ${path}: victim p50 ${fmt(loaded.p50, 1)} ms ` +
          `(target ≤ 3 × idle + 2 = ${fmt(bound, 1)} ms: ${loaded.p50 <= bound ? 'met' : 'MISSED'}), ` +
          `p99 ${fmt(loaded.p99, 1)} ms (${fmt(loaded.n)} requests); flood answered ${statuses}, ` +
          `largest answer ${fmt(maxBytes)} B, median ${fmt(medianMs, 1)} ms each`,
      );
    }
  await project.stop();
}

function bundle(): string {
  console.log('\n## Worker bundle (npm run build:worker; target ≤ 300 KB gzipped)');
  const outdir = join(tmp, 'dist');
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  for (const f of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
    const raw = readFileSync(join(outdir, f));
    console.log(
      `  ${f}: ${fmt(statSync(join(outdir, f)).size / 1024, 1)} KiB raw, ${fmt(gzipSync(raw, { level: 9 }).length / 1024, 1)} KiB gzipped`,
    );
  }
  return join(outdir, 'main.js');
}

/** A D1 state folder with the migrations applied (what `wrangler dev` and Miniflare read). */
function migratedD1(persist: string) {
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'empreinte', '--local', '--persist-to', persist],
    {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        CI: 'true',
      },
    },
  );
}

/**
 * A new isolate's first estimate, in a fresh workerd each time (Miniflare, the bundle that
 * `npm run build:worker` writes, the migrated local D1). A "hello" Worker in the same workerd
 * answers first, so that the connection set-up of the harness (~50 ms on its first request,
 * whatever the Worker) is not counted; what remains is the API's own cold path.
 */
async function coldStart(script: string) {
  const runs = quick ? 2 : 5;
  console.log(
    `\n## Cold Worker: first POST /v1/estimates/server of a fresh workerd (Miniflare), ${runs} runs`,
  );
  const { Miniflare } = await import('miniflare');
  const persist = join(tmp, 'cold-d1');
  migratedD1(persist);
  const body = JSON.stringify(SERVER_BODY);
  const firsts: number[] = [];
  const lines: string[] = [];
  for (let run = 0; run < runs; run++) {
    const mf = new Miniflare({
      workers: [
        {
          name: 'hello',
          modules: true,
          script: 'export default { fetch() { return new Response("hi"); } }',
          compatibilityDate: '2026-04-01',
          routes: ['hello.local/*'],
        },
        {
          name: 'api',
          scriptPath: script,
          modulesRoot: join(script, '..'),
          modules: true,
          compatibilityDate: '2026-04-01',
          routes: ['api.local/*'],
          d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
          bindings: { RATE_LIMIT_PER_MINUTE: '600' },
        },
      ],
      d1Persist: join(persist, 'v3', 'd1'),
    });
    await mf.ready;
    for (let i = 0; i < 3; i++) await (await mf.dispatchFetch('http://hello.local/')).text();
    const timed = async () => {
      const t0 = performance.now();
      const res = await mf.dispatchFetch('http://api.local/v1/estimates/server', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.text();
      return { ms: performance.now() - t0, status: res.status };
    };
    const first = await timed();
    const second = await timed();
    const hello = performance.now();
    await (await mf.dispatchFetch('http://hello.local/')).text();
    firsts.push(first.ms);
    lines.push(
      `first ${fmt(first.ms, 1)} ms (${first.status}), second ${fmt(second.ms, 1)} ms, hello ${fmt(performance.now() - hello, 1)} ms`,
    );
    await mf.dispose();
  }
  for (const l of lines) console.log(`  ${l}`);
  firsts.sort((a, b) => a - b);
  console.log(
    `  median first POST ${fmt(firsts[Math.floor(firsts.length / 2)] as number, 1)} ms (target ≤ 40 ms)`,
  );
}

async function wranglerDev() {
  console.log('\n## wrangler dev: first requests after "Ready" (local D1, migrated)');
  const persist = join(tmp, 'wrangler-state');
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    CI: 'true',
  };
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'empreinte', '--local', '--persist-to', persist],
    {
      cwd: ROOT,
      stdio: 'ignore',
      env,
    },
  );
  const port = await freePort();
  const child = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      persist,
      '--inspector-port',
      '0',
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  children.add(child);
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('wrangler dev was not ready in 60 s')), 60_000);
    const onData = (d: Buffer) => {
      if (/Ready on/i.test(d.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  const ready = performance.now() - t0;
  const url = `http://127.0.0.1:${port}`;
  const timed = async (path: string, init?: RequestInit) => {
    const s = performance.now();
    const res = await fetch(url + path, init);
    await res.arrayBuffer();
    return { ms: performance.now() - s, status: res.status };
  };
  const first = await timed('/v1/estimates/server', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SERVER_BODY),
  });
  const second = await timed('/v1/estimates/server', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SERVER_BODY),
  });
  const health = await timed('/healthz');
  console.log(
    `  ready after ${fmt(ready / 1000, 1)} s; first POST /v1/estimates/server ${fmt(first.ms, 1)} ms (status ${first.status}, ` +
      `builds the app and loads the catalog from D1), second ${fmt(second.ms, 1)} ms, GET /healthz ${fmt(health.ms, 1)} ms`,
  );
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  children.delete(child);
}

async function bisect() {
  const steps = [
    'floor',
    'raw-floor',
    'lean',
    'raw-min',
    'raw',
    'validator',
    'serialize',
    'handler',
    'edge',
    'app',
  ];
  const bounds = new Set(['raw-floor', 'lean', 'raw-min', 'raw']);
  const t = TARGETS[1] as Target;
  const rounds = Number(process.env.BENCH_BISECT_ROUNDS ?? 5);
  const amount = Number(process.env.BENCH_BISECT_REQUESTS ?? 20_000);
  console.log(
    `\n## Bisect: server CPU per request (µs) of ${t.name}, one step of the stack added at a time ` +
      `(${rounds} rounds × ${fmt(amount)} requests, ${CONNECTIONS} connections; median and min)`,
  );
  const servers: (Started & { step: string })[] = [];
  for (const step of steps)
    servers.push({
      step,
      ...(await startNode(
        bundleServer('bench/bisect-server.ts'),
        { BISECT_STEP: step, BISECT_BODY: t.body },
        `bisect-${step}`,
      )),
    });
  const cpu = new Map<string, number[]>();
  const run = (url: string, extra: { duration?: number; amount?: number }) =>
    autocannon({
      url: url + t.path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: t.body,
      connections: CONNECTIONS,
      ...extra,
    });
  for (const s of servers) await run(s.url, { duration: WARMUP_S });
  for (let r = 0; r < rounds; r++)
    for (const s of servers) {
      const c0 = cpuTimeUs(s.child.pid);
      const out = await run(s.url, { amount });
      const list = cpu.get(s.step) ?? [];
      list.push((cpuTimeUs(s.child.pid) - c0) / out.requests.total);
      cpu.set(s.step, list);
    }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] as number;
  const floor = median(cpu.get('floor') as number[]);
  let previous = floor;
  // `raw-floor`, `lean`, `raw-min` and `raw` are no layers of the stack but bounds: each layer adds to the
  // floor, then to the layer before it.
  // The ratio of the fastest rounds too: this host's speed changes within minutes, and a server's
  // fastest round is the one least slowed by it.
  const floorMin = Math.min(...(cpu.get('floor') as number[]));
  const rows = [['step', 'median µs/req', 'min µs/req', 'added', 'ratio to floor', 'ratio of mins']];
  for (const step of steps) {
    const m = median(cpu.get(step) as number[]);
    rows.push([
      step,
      fmt(m),
      fmt(Math.min(...(cpu.get(step) as number[]))),
      step === 'floor' ? '' : `${m >= previous ? '+' : ''}${fmt(m - previous)}`,
      fmt(floor / m, 2),
      fmt(floorMin / Math.min(...(cpu.get(step) as number[])), 2),
    ]);
    if (!bounds.has(step)) previous = m;
  }
  table(rows);
  for (const s of servers) await s.stop();
}

console.log(
  `Empreinte benchmark — Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, loopback`,
);
if (wants('throughput')) await throughput();
if (wants('bisect')) await bisect();
if (wants('batch')) await batchLatency();
if (wants('sites'))
  await sitesBench({
    tmp,
    startProject: (name) => startProject(name),
    connections: Number(process.env.BENCH_SITES_CONNECTIONS ?? 8),
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    fmt,
    table,
  });
if (wants('abuse')) await abuse();
if (!quick && wants('rss')) await rss();
if (wants('bundle') || wants('cold')) {
  const script = bundle();
  if (wants('cold')) await coldStart(script);
}
if (!quick && wants('wrangler')) await wranglerDev();
process.exit(0);
