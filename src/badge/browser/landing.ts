// Script of the landing page (GET /): the live estimate form and the snippet's copy button.
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
