/**
 * Validation of a document against the bundled JSON schema (`schemas/sysdesign.schema.json`),
 * with every error mapped to the smallest range of the YAML tree and worded for people:
 * `validator.ts` (ajv), `locate.ts` (pointer to span), `wording.ts` (names of things),
 * `messages.ts` (one function per keyword).
 */
import type { ErrorObject } from 'ajv';
import type { Node as YamlNode } from 'yaml';
import type { Problem } from '../types';
import { decodePointer, getByPointer, headSpan, TreeIndex } from './locate';
import { make, reportKeyword } from './messages';
import { getValidator } from './validator';
import { arrowItemPath, capitalise, joinNames, thing } from './wording';

/** Most problems reported for one document; past this the rest are noise. */
const MAX_PROBLEMS = 1000;

/** The one-key arrow maps: of connections, and of flow steps (whose value may be a map of fields). */
const ARROW_MAPS = ['#/definitions/arrowMap', '#/definitions/stepArrowMap'];

/** Keys of the long arrow forms: an object with one of these is a long form missing from/to. */
const LONG_ARROW_KEYS = new Set(['from', 'to', 'label', 'async', 'latency', 'protocol', 'calls', 'size', 'kind']);

/**
 * Validate the plain-JSON value of a document; map each error to the smallest range in the
 * YAML tree. Ajv compiled once per process (lazily, on first use).
 */
export function validateSchema(value: unknown, root: YamlNode | null): Problem[] {
  const validate = getValidator();
  let errors: ErrorObject[];
  try {
    errors = validate(value) ? [] : [...(validate.errors ?? [])];
  } catch (e) {
    // A value that is not plain JSON (cyclic, too deep) makes ajv throw: say so, once.
    const reason = e instanceof Error && e.message ? `: ${e.message.slice(0, 200)}` : '';
    return [make(headSpan([{ node: root ?? undefined, item: false }]), 'sysdesign/invalid-value', `The document could not be checked against the schema${reason}`)];
  } finally {
    validate.errors = null;
  }
  if (errors.length === 0) return [];

  const tree = new TreeIndex(root);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const push = (problem: Problem): void => {
    const id = `${problem.start}:${problem.end}:${problem.code}:${problem.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push(problem);
  };

  // Paths with a type error: other complaints about the same value are noise.
  const wrongType = new Set<string>();
  for (const error of errors) if (error.keyword === 'type') wrongType.add(error.instancePath);

  // Errors of the one-key-map arrow branch (`a -> b: label`), by item. Two shapes get one
  // message instead of that branch's errors: an arrow key with more keys ("exactly one key"),
  // and a long form without from/to ("needs from and to").
  const arrowWithExtras = new Set<string>();
  const longFormsWithoutEnds = new Set<string>();
  for (const error of errors) {
    if (!ARROW_MAPS.some((p) => error.schemaPath.startsWith(p))) continue;
    const path = arrowItemPath(error.instancePath);
    const item = getByPointer(value, decodePointer(path));
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const keys = Object.keys(item);
    if (keys.some((k) => k.includes('->'))) {
      if (keys.length > 1) arrowWithExtras.add(path);
    } else if (keys.some((k) => LONG_ARROW_KEYS.has(k))) {
      longFormsWithoutEnds.add(path);
    }
  }

  // Missing keys, grouped by the map they are missing from.
  const missing = new Map<string, string[]>();

  for (const error of errors) {
    // Past the cap nothing more is kept (see the end), so do not word 15,000 unknown keys.
    if (problems.length >= MAX_PROBLEMS) break;
    const { keyword, instancePath } = error;
    if (keyword === 'if' || keyword === 'propertyNames' || keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'not' || keyword === '$ref') continue;
    const segments = decodePointer(instancePath);
    const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;

    if (ARROW_MAPS.some((p) => error.schemaPath.startsWith(p))) {
      const itemPath = arrowItemPath(instancePath);
      if (arrowWithExtras.has(itemPath) && keyword !== 'maxProperties') continue;
      if (longFormsWithoutEnds.has(itemPath)) {
        const list = missing.get(itemPath) ?? [];
        for (const k of ['from', 'to']) if (!list.includes(k)) list.push(k);
        missing.set(itemPath, list);
        continue;
      }
    }

    if (keyword !== 'type' && keyword !== 'required' && keyword !== 'additionalProperties' && error.propertyName === undefined && wrongType.has(instancePath)) {
      continue;
    }

    reportKeyword({ error, keyword, segments, instancePath, parentSchema, tree, push, missing });
  }

  for (const [pointer, names] of missing) {
    const segments = decodePointer(pointer);
    // The first key of the item, or the key that holds the map; the deepest existing node if
    // the tree and the value disagree.
    const span = headSpan(tree.resolve(segments).chain);
    push(make(span, 'sysdesign/missing-key', `${capitalise(thing(segments))} needs ${joinNames(names)}`));
  }

  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS) : problems;
}
