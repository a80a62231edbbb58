// The interactive API reference at /docs: Swagger UI from the pinned swagger-ui-dist package,
// served by the API itself (no CDN), booted by a script of this origin (no inline script), so that
// its Content-Security-Policy allows 'self' only.

/** The npm package the reference's scripts and styles come from (a pinned dependency). */
export const DOCS_VENDOR_PACKAGE = 'swagger-ui-dist';

/** Its files that /docs loads, served at `/docs/<file>`, with their content types. */
export const DOCS_VENDOR_FILES = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

export type DocsVendorFile = keyof typeof DOCS_VENDOR_FILES;

export const isDocsVendorFile = (name: string): name is DocsVendorFile =>
  Object.hasOwn(DOCS_VENDOR_FILES, name);

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Empreinte API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header class="empreinte-docs">
<a href="/">Empreinte</a> API reference
<nav><a href="/methodology">Methodology</a> <a href="/openapi.json">openapi.json</a></nav>
</header>
<main id="swagger-ui"></main>
<script src="/docs/swagger-ui-bundle.js" charset="utf-8"></script>
<script src="/docs/docs.js"></script>
</body>
</html>
`;

/**
 * Boots Swagger UI on /openapi.json. The document's \`servers\` name PUBLIC_URL (or the local
 * default): the origin this page is served from is put first, so that "Try it out" calls this
 * server. No validator badge (it would call validator.swagger.io).
 */
export const DOCS_JS = `"use strict";
(async () => {
  const root = document.getElementById("swagger-ui");
  try {
    const res = await fetch("/openapi.json", { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error("GET /openapi.json answered " + res.status);
    const spec = await res.json();
    const here = location.origin;
    const servers = Array.isArray(spec.servers) ? spec.servers : [];
    if (!servers.some((s) => s && s.url === here))
      spec.servers = [{ url: here, description: "This server (where this page is served)." }, ...servers];
    window.ui = SwaggerUIBundle({ spec, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
  } catch (error) {
    root.textContent = "The API reference could not load: " + error.message + ". The document is at /openapi.json.";
  }
})();
`;

export const DOCS_CSS = `.empreinte-docs {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.5rem;
  align-items: baseline;
  justify-content: space-between;
  max-width: 1460px;
  margin: 0 auto;
  padding: 1rem 20px 0;
  font: 600 16px/1.4 sans-serif;
  color: #3b4151;
}
.empreinte-docs a { color: #1f6f43; }
.empreinte-docs nav { display: flex; gap: 1.25rem; font-weight: 400; }
`;
