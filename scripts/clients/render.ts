import { type OpenApiDocument, renderPythonClient } from './python/render.js';
import { renderTypeScriptTypes, TYPESCRIPT_TYPES_PATH } from './typescript.js';

/** The Python client's folder and import name (its project name is `empreinte-client`). */
export const PYTHON_CLIENT_DIR = 'clients/python';
export const PYTHON_PACKAGE = 'empreinte_client';

/**
 * Every generated file of both clients, by path relative to the repository: the TypeScript
 * client's types, and the Python client's package and pyproject.toml. (Hand-written: the
 * READMEs, the TypeScript client's src/index.ts and package.json.)
 */
export async function renderClients(openapiJson: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set(TYPESCRIPT_TYPES_PATH, await renderTypeScriptTypes(openapiJson));
  const python = renderPythonClient(JSON.parse(openapiJson) as OpenApiDocument, {
    packageName: PYTHON_PACKAGE,
  });
  for (const [path, text] of python) files.set(`${PYTHON_CLIENT_DIR}/${path}`, text);
  return files;
}

/** The folders whose every file is generated (a file there that renderClients does not write is stale). */
export const GENERATED_DIRS = ['clients/typescript/src/generated', `${PYTHON_CLIENT_DIR}/${PYTHON_PACKAGE}`];
