/**
 * The bundled JSON schema, walked along a YAML path for completion and hover: which keys
 * a map may have, what each means, which values an enum allows and what they mean.
 * `$ref`s are followed and `if/then/else` branches merged (an arrow may be written in
 * three forms, so its keys are the union of the forms).
 */
import schemaJson from '../../schemas/sysdesign.schema.json';
import type { YamlPath } from './yamlContext';

interface RawSchema {
  $ref?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, RawSchema>;
  additionalProperties?: RawSchema | boolean;
  items?: RawSchema;
  required?: string[];
  if?: RawSchema;
  then?: RawSchema;
  else?: RawSchema;
  definitions?: Record<string, RawSchema>;
}

export interface SchemaNode {
  description?: string;
  /** Markdown documentation: `markdownDescription`, else `description`. */
  documentation?: string;
  types: string[];
  enum?: unknown[];
  /** Markdown per enum value, in the order of `enum`. */
  enumDocs: Array<string | undefined>;
  default?: unknown;
  properties: Map<string, RawSchema>;
  /** The schema of keys not listed in `properties` (named values, latency targets, fields). */
  additional?: RawSchema;
  items?: RawSchema;
  required: string[];
  /** A quantity expression (`10M`, `2MB + caption`). */
  quantity: boolean;
  /** An id (`#/definitions/id`). */
  id: boolean;
}

const root = schemaJson as unknown as RawSchema;
const definitions: Record<string, RawSchema> = root.definitions ?? {};
const cache = new Map<string, SchemaNode | null>();

/** The schema of the node at `path`, or undefined where the schema says nothing. */
export function schemaAt(path: YamlPath): SchemaNode | undefined {
  const key = path.join('\u0000');
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let node: SchemaNode | undefined = resolve(root);
  for (const segment of path) {
    if (!node) break;
    const raw: RawSchema | undefined = segment === '[]' ? node.items : (node.properties.get(segment) ?? node.additional);
    node = raw ? resolve(raw) : undefined;
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, node ?? null);
  return node;
}

/** The documentation of a property of the node at `path`, e.g. `schemaAt(['components', '[]'])` + `kind`. */
export function propertyDocs(node: SchemaNode): Array<{ name: string; schema: SchemaNode }> {
  return [...node.properties.entries()].map(([name, raw]) => ({ name, schema: resolve(raw) }));
}

function resolve(raw: RawSchema): SchemaNode {
  const node: SchemaNode = { types: [], enumDocs: [], properties: new Map(), required: [], quantity: false, id: false };
  merge(node, raw, 0);
  node.documentation = node.documentation ?? node.description;
  return node;
}

function merge(node: SchemaNode, raw: RawSchema | undefined, depth: number): void {
  if (!raw || depth > 12) return;
  // The referring node's own words come first: `id` of a component says more than `id` in general.
  node.description ??= raw.description;
  node.documentation ??= raw.markdownDescription;
  if (raw.$ref) {
    const name = raw.$ref.replace(/^#\/definitions\//, '');
    if (name === 'quantity' || name === 'positiveQuantity') node.quantity = true;
    if (name === 'id') node.id = true;
    merge(node, Object.hasOwn(definitions, name) ? definitions[name] : undefined, depth + 1);
  }
  if (raw.type !== undefined) for (const t of Array.isArray(raw.type) ? raw.type : [raw.type]) if (!node.types.includes(t)) node.types.push(t);
  if (raw.enum && !node.enum) {
    node.enum = raw.enum;
    node.enumDocs = raw.enum.map((_, i) => raw.markdownEnumDescriptions?.[i] ?? raw.enumDescriptions?.[i]);
  }
  if (raw.const !== undefined && !node.enum) {
    node.enum = [raw.const];
    node.enumDocs = [undefined];
  }
  if (raw.default !== undefined && node.default === undefined) node.default = raw.default;
  for (const [name, value] of Object.entries(raw.properties ?? {})) if (!node.properties.has(name)) node.properties.set(name, value);
  if (typeof raw.additionalProperties === 'object' && !node.additional) node.additional = raw.additionalProperties;
  if (raw.items && !node.items) node.items = raw.items;
  for (const r of raw.required ?? []) if (!node.required.includes(r)) node.required.push(r);
  merge(node, raw.then, depth + 1);
  merge(node, raw.else, depth + 1);
}
