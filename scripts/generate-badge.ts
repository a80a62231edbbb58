import { writeFileSync } from 'node:fs';
import { PROJECT_ROOT, renderBrowserAssets } from './generate-badge-assets.js';

// Regenerates the committed browser-script modules (badge.js, the landing page's script).
for (const [module, content] of await renderBrowserAssets()) {
  writeFileSync(`${PROJECT_ROOT}${module}`, content);
  console.log(`Wrote ${module} (${content.length} characters)`);
}
