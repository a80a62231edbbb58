import { escapeXml } from '../../../badge/svg.js';
import { PAGE_WEIGHT_MEDIAN_BYTES } from '../../../models/cleaner-than.js';

/** Styles of the landing page (GET /assets/landing.css: the page's CSP allows no inline style). */
export const LANDING_CSS = `body{max-width:46rem;margin:2rem auto;padding:0 1rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}a{color:#8cc8ff}pre,input,select{background:#222;color:#eee}}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem}
pre{padding:.8rem;overflow-x:auto;border:1px solid #8884;border-radius:6px;background:#f6f8fa}
form{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;align-items:center}
input,select{font:inherit;padding:.25rem .4rem}button{font:inherit;padding:.3rem .9rem;cursor:pointer}
output{display:block;margin-top:1rem;min-height:3rem}output p{margin:.2rem 0}
`;

/**
 * The landing page (GET /) for an API served at `origin`: what Empreinte is, the live estimate
 * form (its script is /assets/landing.js, its styles /assets/landing.css: nothing inline), the badge snippet and the badge.
 */
export function renderLandingPage(origin: string): string {
  const snippet = escapeXml(
    `<script src="${origin}/badge.js" async></script>\n<empreinte-badge></empreinte-badge>`,
  );
  const svgSnippet = escapeXml(`![CO₂e per view](${origin}/v1/badge.svg?url=https://www.example.org/)`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Empreinte — carbon footprint API</title>
<meta name="description" content="Honest CO2e, energy and water estimates for servers, API requests and websites, with the source of every factor.">
<link rel="stylesheet" href="/assets/landing.css">
<link rel="icon" href="data:,">
</head>
<body>
<header>
<h1>Empreinte</h1>
<p>A public, open carbon-footprint API: greenhouse-gas emissions (g CO₂e), energy (kWh) and water (L) of
<strong>servers</strong>, <strong>API requests</strong> and <strong>websites</strong>, from cited emission factors
(grid intensity per zone, PUE and WUE per datacenter, CPU power, embodied emissions). Every answer lists the
factors it used with their range and source.</p>
<p><a href="/docs">Interactive API reference</a> · <a href="/openapi.json">OpenAPI 3.1</a> · <a href="/methodology">Methodology</a></p>
</header>
<main>
<section>
<h2>Estimate a web page</h2>
<form id="estimate">
<label for="bytes">Page weight (bytes)</label>
<input id="bytes" name="bytes" type="number" min="0" step="1" required value="${PAGE_WEIGHT_MEDIAN_BYTES}">
<label for="model">Model</label>
<select id="model" name="model"><option value="swd-v4">Sustainable Web Design v4</option><option value="swd-v3">Sustainable Web Design v3</option><option value="onebyte">OneByte</option></select>
<label for="visitor_country">Visitors' country</label>
<input id="visitor_country" name="visitor_country" placeholder="FR (optional)" maxlength="16">
<label for="page_views">Page views</label>
<input id="page_views" name="page_views" type="number" min="0" step="1" placeholder="100000 (optional)">
<span></span><button type="submit">Estimate</button>
</form>
<output id="estimate-result" for="bytes model visitor_country page_views" aria-live="polite"></output>
</section>
<section>
<h2>Test a page by its URL</h2>
<p>Empreinte loads the page in a headless browser (cold cache, desktop screen), scrolls to the bottom,
waits until the network is quiet and counts every byte it transferred.</p>
<form id="lab-test">
<label for="lab-url">Page URL</label>
<input id="lab-url" name="url" type="url" required placeholder="https://www.example.org/" maxlength="2048">
<span></span><button type="submit">Test</button>
</form>
<output id="lab-result" for="lab-url" aria-live="polite"></output>
<div id="lab-badge" hidden>
<p>Show it in a README (the badge of this page):</p>
<pre><code id="lab-snippet"></code></pre>
<p id="lab-badge-preview"></p>
</div>
</section>
<section>
<h2>Show it on your site</h2>
<p>Paste this where the badge should appear. After your page has loaded, the badge measures what it
transferred, records it and shows the footprint of one view (cached for a day in the visitor's browser):</p>
<pre><code id="snippet" data-origin="${escapeXml(origin)}">${snippet}</code></pre>
<p><button id="copy-snippet" type="button">Copy</button> Attributes: <code>theme="light|dark"</code>,
<code>url="…"</code> to show another measured page, <code>api="…"</code> for another Empreinte server.</p>
<p>This page, measured by the badge:</p>
<p><empreinte-badge></empreinte-badge></p>
<p>Or an image for a README, by measured URL or by weight:</p>
<pre><code>${svgSnippet}</code></pre>
<p><img src="/v1/badge.svg?bytes=${PAGE_WEIGHT_MEDIAN_BYTES}" alt="CO₂e per view of a median web page (${PAGE_WEIGHT_MEDIAN_BYTES} bytes)"></p>
</section>
<section id="methodology">
<h2>How it is computed</h2>
<p>Websites follow the <a href="https://sustainablewebdesign.org/estimating-digital-emissions/">Sustainable Web Design model</a>
exactly as <a href="https://developers.thegreenwebfoundation.org/co2js/overview/">CO2.js</a> computes it: energy per
gigabyte transferred in the data centre, the network and the visitor's device, times the grid intensity of
each (the hosting region's, the visitors' country's, or the global average), plus embodied emissions.
Ratings use the SWD digital carbon rating scale.</p>
<p>"Cleaner than" blends the pages measured with this API and the HTTP Archive's page-weight distribution
(log-normal, median 2,311 KiB): the more pages are stored, the more weight they get.</p>
<p>Servers and API requests combine CPU power profiles (SPECpower or TDP-based), memory, datacenter PUE and
WUE, the grid intensity of the region and the embodied emissions of the host. Every formula, factor, range
and fallback is in the <a href="/methodology">methodology</a>; every request field in the
<a href="/docs">API reference</a>.</p>
</section>
</main>
<script src="/badge.js" async></script>
<script src="/assets/landing.js" defer></script>
</body>
</html>
`;
}
