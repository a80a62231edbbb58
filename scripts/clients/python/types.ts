// The Python types of an OpenAPI 3.1 document's schemas: every object schema becomes a dataclass
// (named components keep their name; inline objects are named after where they sit, as
// openapi-python-client does: `Provider.defaults` → `ProviderDefaults`), everything else a type
// expression (Literal, Union, List, Dict, Optional).

/** A JSON Schema (the subset zod-openapi writes). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  description?: string;
  default?: unknown;
}

export type PyType =
  | { kind: 'str' | 'int' | 'float' | 'bool' | 'none' | 'any' }
  | { kind: 'literal'; values: (string | number | boolean)[] }
  | { kind: 'list'; item: PyType }
  | { kind: 'dict'; value: PyType }
  | { kind: 'optional'; inner: PyType }
  | { kind: 'union'; members: PyType[]; discriminator?: { prop: string; mapping: Record<string, PyType> } }
  /** A dataclass, by class name. */
  | { kind: 'model'; name: string }
  /** A named component that is not an object (an enum, a union): `CpuArchitecture = Literal[…]`. */
  | { kind: 'alias'; name: string; target: PyType };

export interface PyField {
  /** The JSON name. */
  json: string;
  /** The Python attribute name. */
  py: string;
  type: PyType;
  required: boolean;
  description?: string;
}

export interface PyModel {
  name: string;
  description?: string;
  fields: PyField[];
  /** additionalProperties: false (requests): unknown fields are an error, not kept. */
  closed: boolean;
}

export interface PyAlias {
  name: string;
  description?: string;
  target: PyType;
}

const PY_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** A valid Python identifier in snake_case: keywords get a trailing `_`, as openapi-python-client does. */
export function pyIdentifier(name: string): string {
  let id = snakeCase(name).replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return PY_KEYWORDS.has(id) ? `${id}_` : id;
}

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s.]+/g, '_')
    .toLowerCase();
}

export function pascalCase(name: string): string {
  return snakeCase(name)
    .split('_')
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

const refName = (ref: string): string => {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m?.[1]) throw new Error(`Only local component references are supported, got ${ref}`);
  return m[1];
};

/** Keys that say nothing about the shape of a value. */
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'title', 'default', 'deprecated']);
const isAnnotationOnly = (s: Schema) => Object.keys(s).every((k) => ANNOTATIONS.has(k));

/** Every model and alias of a document's components, and a converter for the schemas of its operations. */
export class PythonTypes {
  readonly models = new Map<string, PyModel>();
  readonly aliases = new Map<string, PyAlias>();
  private readonly components: Record<string, Schema>;

  constructor(components: Record<string, Schema>) {
    this.components = components;
    for (const name of Object.keys(components)) this.component(name);
  }

  /** The Python type of a component by name (a model or an alias). */
  component(name: string): PyType {
    if (this.models.has(name)) return { kind: 'model', name };
    const alias = this.aliases.get(name);
    if (alias) return { kind: 'alias', name, target: alias.target };
    const schema = this.components[name];
    if (!schema) throw new Error(`Unknown component ${name}`);
    if (isObjectSchema(schema)) return this.model(name, schema);
    // Register the alias before converting its target: a union may name itself further down.
    const placeholder: PyAlias = { name, description: schema.description, target: { kind: 'any' } };
    this.aliases.set(name, placeholder);
    placeholder.target = this.convert(schema, name);
    return { kind: 'alias', name, target: placeholder.target };
  }

  /** The Python type of a schema found at `where` (the name inline objects are given). */
  convert(schema: Schema, where: string): PyType {
    if (schema.$ref) return this.component(refName(schema.$ref));
    if (schema.allOf) {
      const shaped = schema.allOf.filter((s) => !isAnnotationOnly(s));
      if (shaped.length !== 1)
        throw new Error(`${where}: allOf is supported with one shaped member only (found ${shaped.length})`);
      return this.convert(shaped[0] as Schema, where);
    }
    const union = schema.oneOf ?? schema.anyOf;
    if (union) {
      const members = union.map((s, i) => this.convert(s, `${where}Type${i}`));
      const d = schema.discriminator;
      if (d?.mapping) {
        const mapping: Record<string, PyType> = {};
        for (const [value, ref] of Object.entries(d.mapping)) mapping[value] = this.component(refName(ref));
        return { kind: 'union', members, discriminator: { prop: d.propertyName, mapping } };
      }
      return simplifyUnion(members);
    }
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const nullable = types.includes('null') || (schema.enum?.includes(null) ?? false);
    const base = this.base(
      schema,
      types.filter((t) => t !== 'null'),
      where,
    );
    return nullable && base.kind !== 'none' ? { kind: 'optional', inner: base } : base;
  }

  private base(schema: Schema, types: string[], where: string): PyType {
    if (schema.const !== undefined) return { kind: 'literal', values: [schema.const as string] };
    if (schema.enum) {
      const values = schema.enum.filter((v) => v !== null) as (string | number | boolean)[];
      return values.length ? { kind: 'literal', values } : { kind: 'none' };
    }
    if (types.length > 1)
      return simplifyUnion(types.map((t) => this.base({ ...schema, type: t }, [t], where)));
    switch (types[0]) {
      case 'string':
        return { kind: 'str' };
      case 'integer':
        return { kind: 'int' };
      case 'number':
        return { kind: 'float' };
      case 'boolean':
        return { kind: 'bool' };
      case 'null':
        return { kind: 'none' };
      case 'array':
        return {
          kind: 'list',
          item: schema.items ? this.convert(schema.items, `${where}Item`) : { kind: 'any' },
        };
      case 'object':
      case undefined:
        if (schema.properties) return this.model(this.freeName(where), schema);
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
          return { kind: 'dict', value: this.convert(schema.additionalProperties, `${where}Value`) };
        return types[0] === 'object' ? { kind: 'dict', value: { kind: 'any' } } : { kind: 'any' };
      default:
        throw new Error(`${where}: unsupported type ${types[0]}`);
    }
  }

  private freeName(where: string): string {
    const name = pascalCase(where);
    if (this.models.has(name) || this.aliases.has(name) || name in this.components)
      throw new Error(`The inline schema at ${where} would be named ${name}, which is taken`);
    return name;
  }

  private model(name: string, schema: Schema): PyType {
    const model: PyModel = {
      name,
      description: schema.description,
      fields: [],
      closed: schema.additionalProperties === false,
    };
    this.models.set(name, model); // before the fields: a field may refer back to this model
    const required = new Set(schema.required ?? []);
    const taken = new Set<string>(['additional_properties']);
    for (const [json, prop] of Object.entries(schema.properties ?? {})) {
      let py = pyIdentifier(json);
      while (taken.has(py)) py = `${py}_`;
      taken.add(py);
      model.fields.push({
        json,
        py,
        type: this.convert(prop, `${name}${pascalCase(json)}`),
        required: required.has(json),
        description: prop.description,
      });
    }
    return { kind: 'model', name };
  }
}

function isObjectSchema(s: Schema): boolean {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.includes('object') && !types.includes('null') && s.properties !== undefined;
}

/** Optional[...] for a union with null; one member → that member. */
function simplifyUnion(members: PyType[]): PyType {
  const nonNull = members.filter((m) => m.kind !== 'none');
  const inner: PyType = nonNull.length === 1 ? (nonNull[0] as PyType) : { kind: 'union', members: nonNull };
  return nonNull.length < members.length ? { kind: 'optional', inner } : inner;
}
