/**
 * The Mermaid line shapes our generators may produce, and the label payloads of
 * RELIABILITY.md, for the diagram tests (through `test/unit/diagram.helpers.ts`) and the
 * fuzz worker. Kept free of fast-check: diagram.helpers.ts builds arbitraries over all of
 * Unicode at load (about 90 MB and seconds), too much for every child the fuzz runner starts.
 */
import { KIND_LOOKS } from '../../src/core/diagram';

/** Labels that break Mermaid (or the page) when written raw. RELIABILITY.md, "Mermaid generation". */
export const PAYLOADS = [
  'a"] --> evil["x',
  '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
  '%%{ initialize: { "flowchart": { "htmlLabels": true } } }%%',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '`backticks` and ``double``',
  '"`markdown string`"',
  '# hash ; semicolon #35; &#60; &lt;',
  '%% a comment',
  '{} {{x}} [y] (z) >w] [/v\\]',
  'a | b |"x"| c',
  'end',
  'click n0 call alert()',
  'style n0 fill:#f00',
  'classDef x fill:#f00;',
  'subgraph evil',
  '📷 🏳️‍🌈 👩🏽‍💻 é ü 中文 𝔘',
  'line1\nline2\r\nline3',
  'tab\there',
  'sep\u2028para\u2029end',
  'nul\u0000bell\u0007del\u007fc1\u0085\u009b',
  'bidi \u202eevil\u202c zero\u200bwidth',
  'lone \ud800 surrogate',
  '  padded  ',
  '-->',
  ';',
  '\\',
  'participant x as y',
  'n0 --> n1',
  'e0 ||--o{ e1 : "x"',
  'wrap:yes',
  ':nowrap: x',
  'accTitle: x',
  '---\ntitle: x\n---',
  '[link](javascript:alert(1)) **bold** _em_ ~~s~~ $x$ @user #1',
  '1. not a list',
];

// The only line shapes the generators may produce. User text can only ever appear as
// ENC: letters, marks and digits of any script, spaces, `. , - _ / ( ) ? ! ' + = * ×` and
// `#NNN;` (the encoder's plain set, written out here independently).
export const ENC = "(?:[\\p{L}\\p{M}\\p{N} .,\\-_/()?!'+=*×]|#\\d+;)*";
const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A component's node has a second line (tech, replicas); a collapsed group's (overview) and the focused component's more.
const shapes = [...new Set([...Object.values(KIND_LOOKS).map((l) => l.shape), { open: '[', close: ']' }].map((s) => `${re(s.open)}"${ENC}(?:<br/>${ENC})*"${re(s.close)}`))];

/** A component `n<i>`, or a group `g<i>` drawn as one node (the overview). */
export const FLOWCHART_NODE = new RegExp(`^  [ng]\\d+(?:${shapes.join('|')})$`, 'u');
export const FLOWCHART_EDGE = new RegExp(`^  [ng]\\d+ (?:-->|-\\.->)(?:\\|"${ENC}"\\|)? [ng]\\d+$`, 'u');
export const FLOWCHART_LINES = [
  /^flowchart (?:LR|TB)$/,
  new RegExp(`^  accTitle: ${ENC}$`, 'u'),
  FLOWCHART_NODE,
  FLOWCHART_EDGE,
  new RegExp(`^  subgraph g\\d+\\["${ENC}"\\]$`, 'u'),
  /^ {4}n\d+$/,
  /^ {2}end$/,
  /^ {2}classDef sd[A-Z][a-z]+ fill:#[0-9a-f]{8},stroke:#[0-9a-f]{6}(?:,stroke-dasharray:5 3)?$/,
  /^ {2}classDef sdFocus stroke-width:3px$/,
  /^ {2}class [ng]\d+(?:,[ng]\d+)* sd[A-Z][a-z]+$/,
];

export const SEQUENCE_MESSAGE = new RegExp(`^  p\\d+(?:->>|-->>|-\\)|--\\))p\\d+:(?: ${ENC})?$`, 'u');
export const SEQUENCE_LINES = [
  /^sequenceDiagram$/,
  new RegExp(`^  accTitle: ${ENC}$`, 'u'),
  /^ {2}autonumber$/,
  new RegExp(`^  participant p\\d+ as ${ENC}$`, 'u'),
  SEQUENCE_MESSAGE,
];

const WORD = '[A-Za-z_][A-Za-z0-9_()\\[\\]-]*';
export const ER_ATTRIBUTE = new RegExp(`^ {4}${WORD} ${WORD}(?: (?:PK|FK|UK)(?:, (?:PK|FK|UK))*)?(?: "${ENC}")?$`, 'u');
export const ER_RELATIONSHIP = new RegExp(`^  e\\d+ \\|\\|--o[|{] e\\d+ : "${ENC}"$`, 'u');
export const ER_LINES = [/^erDiagram$/, new RegExp(`^  accTitle: ${ENC}$`, 'u'), new RegExp(`^  e\\d+\\["${ENC}"\\](?: \\{)?$`, 'u'), ER_ATTRIBUTE, /^ {2}\}$/, ER_RELATIONSHIP];
