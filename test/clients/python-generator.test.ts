import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OpenApiDocument, renderPythonClient } from '../../scripts/clients/python/render.js';
import { describeRun, run } from '../helpers/run.js';

// The Python generator on shapes openapi.json does not use yet (other branches may add them):
// Python keywords as field names, const, nullable enums, unions of primitives, maps, a
// discriminator, nested inline objects, path parameters that need escaping, and refusals that
// name the schema. The generated files compile (`python3 -m py_compile`) when Python is there.

const doc: OpenApiDocument = {
  info: { title: 'Shapes API', version: '2.0.0' },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
        },
        required: ['type', 'title', 'status', 'detail'],
      },
      Cat: {
        type: 'object',
        properties: { kind: { type: 'string', const: 'cat' }, lives: { type: 'integer' } },
        required: ['kind'],
      },
      Dog: { type: 'object', properties: { kind: { type: 'string', enum: ['dog'] } }, required: ['kind'] },
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: {
          propertyName: 'kind',
          mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
        },
      },
      Shape: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { type: 'string', description: 'A keyword.' },
          class: { type: ['string', 'null'], enum: ['a', 'b', null] },
          'first-view': { type: 'boolean' },
          size: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
          tags: { type: 'object', additionalProperties: { type: 'number' } },
          nested: {
            type: 'object',
            properties: { deeper: { type: 'object', properties: { x: { type: 'number' } } } },
          },
          pet: { $ref: '#/components/schemas/Pet' },
        },
        required: ['from', 'class'],
      },
    },
  },
  paths: {
    '/v1/shapes/{shape id}': {
      get: {
        operationId: 'getShape',
        tags: ['Shapes'],
        parameters: [
          { name: 'shape id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'client', in: 'query', schema: { type: 'boolean' } },
        ],
        responses: {
          200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Shape' } } } },
          404: {
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
  },
};

describe('the Python generator', () => {
  const files = renderPythonClient(doc, { packageName: 'shapes_client' });
  const shape = files.get('shapes_client/models/shape.py') ?? '';

  it('names fields as Python can (keywords get a trailing _, dashes become _) and keeps their JSON names', () => {
    expect(shape).toContain('    from_: str\n');
    expect(shape).toContain('    class_: Optional[Literal["a", "b"]]\n');
    expect(shape).toContain('    first_view: Union[Unset, bool] = UNSET\n');
    expect(shape).toContain('out["from"] = to_json(self.from_)');
    expect(shape).toContain('_first_view = d.pop("first-view", UNSET)');
    expect(shape).toContain('check_no_extra("Shape", d)'); // additionalProperties: false
  });

  it('types unions, maps, constants, discriminators and nested inline objects', () => {
    expect(shape).toContain('size: Union[Unset, Union[int, str]] = UNSET');
    expect(shape).toContain('tags: Union[Unset, Dict[str, float]] = UNSET');
    expect(shape).toContain('nested: Union[Unset, ShapeNested] = UNSET');
    expect(files.get('shapes_client/models/shape_nested.py')).toContain(
      'deeper: Union[Unset, ShapeNestedDeeper] = UNSET',
    );
    expect(files.get('shapes_client/models/cat.py')).toContain('kind: Literal["cat"] = "cat"');
    expect(files.get('shapes_client/models/pet.py')).toContain('parse_discriminated(data, "kind", {"cat": ');
  });

  it('quotes path parameters and keeps parameter names clear of client and body', () => {
    const op = files.get('shapes_client/api/shapes/get_shape.py') ?? '';
    expect(op).toContain(`"url": f"/v1/shapes/{quote(str(shape_id), safe='')}",`);
    expect(op).toContain(
      'def sync(shape_id: str, *, client: Client, client_: Union[Unset, bool] = UNSET) -> Shape:',
    );
    expect(op).toContain('params["client"] = to_json(client_)');
    expect(files.get('pyproject.toml')).toContain('name = "shapes-client"');
    expect(files.get('pyproject.toml')).toContain('version = "2.0.0"');
  });

  it('refuses what it cannot express, naming where', () => {
    const bad = structuredClone(doc);
    (bad.components?.schemas as Record<string, unknown>).Both = {
      allOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
    };
    expect(() => renderPythonClient(bad, { packageName: 'x' })).toThrow(
      /Both: allOf is supported with one shaped member only/,
    );
    const noId = structuredClone(doc);
    delete noId.paths['/v1/shapes/{shape id}']?.get?.operationId;
    expect(() => renderPythonClient(noId, { packageName: 'x' })).toThrow(
      /GET \/v1\/shapes\/\{shape id\} has no operationId/,
    );
  });

  it('writes Python that compiles', async () => {
    const probe = await run(process.env.PYTHON ?? 'python3', ['--version'], {
      cwd: tmpdir(),
      timeoutMs: 20_000,
    });
    if (probe.code !== 0) {
      if (process.env.CI) throw new Error(`CI is set but there is no python3: ${describeRun(probe)}`);
      console.warn('Skipping the compile check of the generated Python: no python3.');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-pygen-'));
    try {
      for (const [path, text] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const check = await run(
        process.env.PYTHON ?? 'python3',
        [
          '-c',
          'import compileall, sys; sys.exit(0 if compileall.compile_dir("shapes_client", quiet=1) else 1)',
        ],
        { cwd: dir },
      );
      expect(check.code, describeRun(check)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
