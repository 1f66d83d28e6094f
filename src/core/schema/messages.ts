/**
 * One small function per ajv keyword: where its problem goes and how it is worded.
 * `required` only collects the missing names; `validateSchema` reports them per map.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from '../suggest';
import type { Problem, ProblemCode, ProblemFix, Span } from '../types';
import { headSpan, type TreeIndex, valueSpan, ZERO } from './locate';
import { capitalise, ENUM_NAMES, fieldName, foundName, isArrowItem, normalise, quote, suggestEnum, thing, typeMessage } from './wording';

type Schema = Record<string, unknown>;

/** One ajv error with what its message needs. */
export interface KeywordError {
  error: ErrorObject;
  keyword: string;
  segments: string[];
  instancePath: string;
  parentSchema: Schema;
  tree: TreeIndex;
  push: (problem: Problem) => void;
  /** Missing keys, grouped by the pointer of the map they are missing from. */
  missing: Map<string, string[]>;
}

export function make(span: Span, code: ProblemCode, message: string, fixes?: ProblemFix[]): Problem {
  const problem: Problem = { start: span.start, end: span.end, code, severity: 'error', message };
  if (fixes !== undefined && fixes.length > 0) problem.fixes = fixes;
  return problem;
}

/** `required`. */
function collectMissing({ error, instancePath, missing }: KeywordError): void {
  const name = (error.params as { missingProperty: string }).missingProperty;
  const list = missing.get(instancePath) ?? [];
  if (!list.includes(name)) list.push(name);
  missing.set(instancePath, list);
}

/** `additionalProperties`. */
function unknownKey({ error, segments, parentSchema, tree, push }: KeywordError): void {
  const key = (error.params as { additionalProperty: string }).additionalProperty;
  const allowed = Object.keys((parentSchema.properties ?? {}) as Schema);
  const span = tree.keyOf(segments, key) ?? headSpan(tree.resolve(segments).chain);
  const { text, suggestion } = didYouMean(key, allowed);
  const rest = suggestion !== undefined ? text : allowed.length > 0 ? `; expected one of: ${allowed.join(', ')}` : '';
  push(
    make(span, 'sysdesign/unknown-key', `Unknown key ${quote(key)} in ${thing(segments)}${rest}`, suggestion !== undefined ? [{ kind: 'replace', text: suggestion }] : undefined),
  );
}

/** `type`. */
function wrongType({ error, segments, tree, push }: KeywordError): void {
  const expected = ([] as string[]).concat((error.params as { type: string | string[] }).type);
  if (segments.length === 0) {
    if (error.data === null || error.data === undefined) {
      push(make(ZERO, 'sysdesign/missing-key', 'The design is empty: it needs "sysdesign: 1" and "name"'));
    } else {
      push(
        make(valueSpan(tree.resolve(segments).chain), 'sysdesign/wrong-type', `A design is a map of sections (sysdesign, name, requirements, ...), found ${foundName(error.data)}`),
      );
    }
    return;
  }
  push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/wrong-type', typeMessage(segments, expected, error.data)));
}

/** `enum`. */
function notInEnum({ error, segments, tree, push }: KeywordError): void {
  const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
  const path = normalise(segments);
  const name = ENUM_NAMES[path] ?? `an allowed value for ${fieldName(segments)}`;
  const data = error.data;
  const suggestion = typeof data === 'string' ? suggestEnum(data, allowed, path) : undefined;
  const mean = suggestion !== undefined ? `; did you mean "${suggestion}"? Expected` : '; expected';
  push(
    make(
      valueSpan(tree.resolve(segments).chain),
      'sysdesign/invalid-value',
      `${quote(data)} is not ${name}${mean} one of: ${allowed.join(', ')}`,
      suggestion !== undefined ? [{ kind: 'replace', text: suggestion }] : undefined,
    ),
  );
}

/** `const`. */
function notConst({ error, segments, tree, push }: KeywordError): void {
  const span = valueSpan(tree.resolve(segments).chain);
  if (segments.length === 1 && segments[0] === 'sysdesign') {
    const message = typeof error.data === 'string' && error.data.trim() === '1' ? 'Write the format version as the number 1, without quotes' : 'Only format version 1 is supported';
    push(make(span, 'sysdesign/invalid-value', message, typeof error.data === 'string' && error.data.trim() === '1' ? [{ kind: 'replace', text: '1' }] : undefined));
  } else {
    const allowed = (error.params as { allowedValue: unknown }).allowedValue;
    push(make(span, 'sysdesign/invalid-value', `Expected ${JSON.stringify(allowed)} here, found ${quote(error.data)}`));
  }
}

/** `pattern`. */
function badPattern({ error, segments, parentSchema, tree, push }: KeywordError): void {
  const custom = parentSchema.patternErrorMessage;
  if (error.propertyName !== undefined) {
    const span = tree.keyOf(segments, error.propertyName) ?? headSpan(tree.resolve(segments).chain);
    const message = typeof custom === 'string' ? custom : `${quote(error.propertyName)} is not a valid key in ${thing(segments)}`;
    push(make(span, 'sysdesign/invalid-value', message));
  } else {
    const message = typeof custom === 'string' ? custom : `${quote(error.data)} does not have the expected form`;
    push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', message));
  }
}

/** `maxLength`, `minLength`. */
function badLength({ error, keyword, segments, tree, push }: KeywordError): void {
  const limit = (error.params as { limit: number }).limit;
  const more = keyword === 'maxLength';
  if (error.propertyName !== undefined) {
    const span = tree.keyOf(segments, error.propertyName) ?? headSpan(tree.resolve(segments).chain);
    const length = [...error.propertyName].length;
    push(
      make(
        span,
        'sysdesign/invalid-value',
        more ? `This key is too long: ${length} characters, at most ${limit}` : `This key is too short: ${length} characters, at least ${limit}`,
      ),
    );
  } else {
    // Ajv counts code points, not UTF-16 units.
    const length = typeof error.data === 'string' ? [...error.data].length : 0;
    push(
      make(
        valueSpan(tree.resolve(segments).chain),
        'sysdesign/invalid-value',
        more
          ? `${capitalise(fieldName(segments))} is too long: ${length} characters, at most ${limit}`
          : `${capitalise(fieldName(segments))} is too short: ${length} characters, at least ${limit}`,
      ),
    );
  }
}

/** `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`. */
function outOfRange({ error, keyword, segments, tree, push }: KeywordError): void {
  const limit = (error.params as { limit: number }).limit;
  const name = capitalise(fieldName(segments));
  const message =
    keyword === 'minimum'
      ? limit === 0
        ? `${name} cannot be negative`
        : `${name} must be at least ${limit}`
      : keyword === 'maximum'
        ? `${name} must be at most ${limit}`
        : keyword === 'exclusiveMinimum'
          ? `${name} must be greater than ${limit}`
          : `${name} must be less than ${limit}`;
  push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', message));
}

/** `maxItems`, `maxProperties`. */
function tooMany({ error, keyword, segments, tree, push }: KeywordError): void {
  const limit = (error.params as { limit: number }).limit;
  const { chain } = tree.resolve(segments);
  const arrow = isArrowItem(segments);
  if (keyword === 'maxProperties' && arrow !== undefined) {
    // `a -> b: label` with more keys: point at the first extra key.
    const span = tree.nthKey(segments, 1) ?? headSpan(chain);
    const more = arrow === 'connection' ? 'from, to, label, async, latency, protocol' : 'from, to, label, calls, async, size, kind';
    push(
      make(
        span,
        'sysdesign/invalid-value',
        arrow === 'connection'
          ? `An arrow written "a -> b: label" has exactly one key; for more fields use the long form (${more})`
          : `An arrow written "a -> b: label" has exactly one key; for more fields write "a -> b: { label: ..., calls: ... }" or use the long form (${more})`,
      ),
    );
    return;
  }
  if (keyword === 'maxItems' && limit === 1 && /^apis\/\*\/(request|response)\//.test(normalise(segments))) {
    push(make(valueSpan(chain), 'sysdesign/invalid-value', 'A list type has one item, the type of its elements, e.g. [string]'));
    return;
  }
  const count = Array.isArray(error.data) ? error.data.length : error.data && typeof error.data === 'object' ? Object.keys(error.data).length : 0;
  const noun = keyword === 'maxItems' ? 'items' : 'entries';
  push(make(headSpan(chain), 'sysdesign/too-many-items', `Too many ${noun} in ${thing(segments)}: ${count}, at most ${limit}`));
}

/** `minProperties`. */
function emptyMap({ segments, tree, push }: KeywordError): void {
  const { chain } = tree.resolve(segments);
  if (isArrowItem(segments) !== undefined) {
    push(make(valueSpan(chain), 'sysdesign/invalid-value', 'An empty map is not an arrow; write "a -> b" or "a -> b: label"'));
  } else {
    push(make(valueSpan(chain), 'sysdesign/invalid-value', `${capitalise(fieldName(segments))} cannot be empty`));
  }
}

/** Any other keyword. */
function invalidValue({ keyword, segments, tree, push }: KeywordError): void {
  push(make(valueSpan(tree.resolve(segments).chain), 'sysdesign/invalid-value', `${capitalise(fieldName(segments))} is not valid here (${keyword})`));
}

const MESSAGES: Record<string, (error: KeywordError) => void> = {
  required: collectMissing,
  additionalProperties: unknownKey,
  type: wrongType,
  enum: notInEnum,
  const: notConst,
  pattern: badPattern,
  maxLength: badLength,
  minLength: badLength,
  minimum: outOfRange,
  maximum: outOfRange,
  exclusiveMinimum: outOfRange,
  exclusiveMaximum: outOfRange,
  maxItems: tooMany,
  maxProperties: tooMany,
  minProperties: emptyMap,
};

/** Reports (or, for `required`, collects) the problem of one ajv error. */
export function reportKeyword(error: KeywordError): void {
  (Object.prototype.hasOwnProperty.call(MESSAGES, error.keyword) ? MESSAGES[error.keyword] : invalidValue)(error);
}
