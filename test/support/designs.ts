/** Designs and file shapes that more than one test tier uses, written once. */

/**
 * The steps view's starting design in the integration and e2e tiers: steps 1 and 3 have
 * problems (a warning and an error: `post-notee`), 2, 4 and 5 are not started.
 */
export const INCOMPLETE_NOTES = [
  'sysdesign: 1',
  'name: Notes',
  'requirements:',
  '  functional:',
  '    - id: post-note',
  '      text: A user posts a note',
  '      op: create',
  'apis:',
  '  - id: post-note',
  '    method: POST',
  '    path: /v1/notes',
  '    requirement: post-notee',
  '',
].join('\n');

/** An entry of templates/index.json. */
export interface TemplateEntry {
  id: string;
  label: string;
  description: string;
  file: string;
}
