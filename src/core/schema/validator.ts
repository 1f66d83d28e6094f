/**
 * Ajv, compiled once per process, lazily, and only ever on the bundled schema (never on
 * one named by a document).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../../schemas/sysdesign.schema.json';

/** Keywords of VS Code / yaml-language-server that ajv must accept as annotations. */
const ANNOTATION_KEYWORDS = [
  'patternErrorMessage',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'errorMessage',
  'deprecationMessage',
  'doNotSuggest',
  'suggestSortText',
  'defaultSnippets',
] as const;

let validator: ValidateFunction | undefined;

export function getValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      messages: false,
      strict: true,
      // `required` inside `if` (the arrow forms) names properties defined in the `then` branch.
      strictRequired: false,
      // Quantities are `["string", "number"]`.
      allowUnionTypes: true,
      unicodeRegExp: true,
    });
    for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
    validator = ajv.compile(schema as object);
  }
  return validator;
}
