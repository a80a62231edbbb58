// Script of the landing page (GET /): the live estimate form, the lab test form and the snippet's copy button.
// Browser code without imports, bundled by `npm run build:badge` into ../landing.generated.ts
// (served at GET /assets/landing.js: the page has no inline script).

interface WebsiteEstimate {
  per_view: { co2e_g: number; energy_kwh: number; water_l: number };
  total?: { co2e_g: number; energy_kwh: number; water_l: number };
  rating: string | null;
  co2e_g_low: number;
  co2e_g_high: number;
}

interface Problem {
  detail?: string;
  errors?: { path: string; message: string }[];
}

const number = (value: number, digits = 3) =>
  value.toLocaleString('en', { maximumSignificantDigits: digits });

function show(output: HTMLElement, lines: string[]): void {
  output.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
}

async function estimate(form: HTMLFormElement, output: HTMLElement): Promise<void> {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') query.set(name, value.trim());
  }
  show(output, ['Estimating…']);
  try {
    const res = await fetch(`/v1/estimates/website?${query}`);
    const body = (await res.json()) as WebsiteEstimate & Problem;
    if (!res.ok) {
      const fields = (body.errors ?? []).map((e) => `${e.path}: ${e.message}`);
      show(output, [body.detail ?? `HTTP ${res.status}`, ...fields]);
      return;
    }
    const v = body.per_view;
    const lines = [
      `${number(v.co2e_g)} g CO₂e per page view${body.rating ? ` — rating ${body.rating}` : ''}`,
      `Energy ${number(v.energy_kwh)} kWh · water ${number(v.water_l)} L per view`,
    ];
    if (body.total) {
      lines.push(
        `Total: ${number(body.total.co2e_g / 1000)} kg CO₂e (range ${number(body.co2e_g_low / 1000)}–${number(body.co2e_g_high / 1000)} kg)`,
      );
    }
    show(output, lines);
  } catch {
    show(output, ['The API did not answer. Retry later.']);
  }
}

const form = document.querySelector<HTMLFormElement>('#estimate');
const output = document.querySelector<HTMLElement>('#estimate-result');
if (form && output) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void estimate(form, output);
  });
}

const copy = document.querySelector<HTMLButtonElement>('#copy-snippet');
const snippet = document.querySelector<HTMLElement>('#snippet');
// The server wrote the origin it was reached at; behind a proxy the browser knows better.
const served = snippet?.dataset.origin;
if (snippet && served && served !== location.origin) {
  snippet.textContent = (snippet.textContent ?? '').replaceAll(served, location.origin);
}
if (copy && snippet) {
  copy.addEventListener('click', () => {
    navigator.clipboard?.writeText(snippet.textContent ?? '').then(
      () => {
        copy.textContent = 'Copied';
      },
      () => undefined,
    );
  });
}

// Lab test of a page by its URL: POST /v1/sites/tests, poll the test until it is done or failed,
// then show the result and the badge snippet of that page.

interface SiteTest {
  id: string;
  url: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  result?: {
    bytes: number;
    requests: number;
    third_party_bytes: number;
    co2e_g: number;
    rating: string | null;
    duration_ms: number;
  };
  error?: { type: string; detail: string };
}

/** Polling interval and the longest wait for a test (the queue may hold 100 tests), ms. */
const POLL_MS = 1_000;
const MAX_WAIT_MS = 15 * 60_000;

const bytesText = (bytes: number) =>
  bytes >= 1e6 ? `${number(bytes / 1e6)} MB` : `${number(bytes / 1e3)} kB`;

function showBadge(test: SiteTest): void {
  const box = document.querySelector<HTMLElement>('#lab-badge');
  const code = document.querySelector<HTMLElement>('#lab-snippet');
  const preview = document.querySelector<HTMLElement>('#lab-badge-preview');
  if (!box || !code || !preview || !test.result) return;
  const badge = `${location.origin}/v1/badge.svg?url=${encodeURIComponent(test.url)}`;
  code.textContent = `![CO₂e per view](${badge})`;
  // The preview is the page's badge itself (a finished test is already the page's lab figure);
  // should it fail to load, the badge of the measured weight.
  const image = document.createElement('img');
  image.id = 'lab-badge-image';
  image.alt = 'CO₂e per view of the tested page';
  const bytes = test.result.bytes;
  image.addEventListener('error', () => (image.src = `/v1/badge.svg?bytes=${bytes}`), { once: true });
  image.src = `/v1/badge.svg?url=${encodeURIComponent(test.url)}`;
  preview.replaceChildren(image);
  box.hidden = false;
}

function showTest(output: HTMLElement, test: SiteTest, waitedMs: number): void {
  const seconds = Math.round(waitedMs / 1000);
  if (test.status === 'queued') show(output, [`Queued… (${seconds} s)`]);
  else if (test.status === 'running')
    show(output, [`Loading ${test.url} in a headless browser… (${seconds} s)`]);
  else if (test.status === 'failed')
    show(output, [`The test failed: ${test.error?.detail ?? 'unknown error'}`]);
  else if (test.result) {
    const r = test.result;
    const share = r.bytes > 0 ? Math.round((100 * r.third_party_bytes) / r.bytes) : 0;
    show(output, [
      `${number(r.co2e_g)} g CO₂e per page view${r.rating ? ` — rating ${r.rating}` : ''}`,
      `${bytesText(r.bytes)} transferred in ${r.requests} requests (${share} % from other hosts), measured in ${number(r.duration_ms / 1000, 2)} s`,
      `Page: ${test.url}`,
    ]);
    showBadge(test);
  }
}

async function labTest(form: HTMLFormElement, output: HTMLElement): Promise<void> {
  const url = new FormData(form).get('url');
  const box = document.querySelector<HTMLElement>('#lab-badge');
  if (box) box.hidden = true;
  show(output, ['Sending…']);
  const started = Date.now();
  try {
    const res = await fetch('/v1/sites/tests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    const body = (await res.json()) as SiteTest & Problem;
    if (!res.ok) {
      const fields = (body.errors ?? []).map((e) => `${e.path}: ${e.message}`);
      show(output, [body.detail ?? `HTTP ${res.status}`, ...fields]);
      return;
    }
    let test: SiteTest = body;
    const where = res.headers.get('location') ?? `/v1/sites/tests/${encodeURIComponent(test.id)}`;
    while (test.status === 'queued' || test.status === 'running') {
      showTest(output, test, Date.now() - started);
      if (Date.now() - started > MAX_WAIT_MS) {
        show(output, [`Still ${test.status} after ${MAX_WAIT_MS / 60_000} minutes: ${where}`]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const next = await fetch(where);
      if (!next.ok) {
        show(output, [`The test could not be read (HTTP ${next.status}).`]);
        return;
      }
      test = (await next.json()) as SiteTest;
    }
    showTest(output, test, Date.now() - started);
  } catch {
    show(output, ['The API did not answer. Retry later.']);
  }
}

const labForm = document.querySelector<HTMLFormElement>('#lab-test');
const labOutput = document.querySelector<HTMLElement>('#lab-result');
if (labForm && labOutput) {
  labForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void labTest(labForm, labOutput);
  });
}
