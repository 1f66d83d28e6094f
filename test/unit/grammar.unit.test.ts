// The TextMate grammar syntaxes/sysdesign.tmLanguage.json, run by the same engine VS Code
// uses (vscode-textmate + vscode-oniguruma). Twice: on top of VS Code's own YAML grammar
// (`include: source.yaml`, taken from the code-server that `npm run setup:vscode`
// installs; skipped with a message when it is not there) and standalone (no source.yaml,
// as in an editor without it). The design's scopes must be the same both ways.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { BIT_RATE_UNITS, BIT_UNITS, MAGNITUDES, RATE_UNITS, SIZE_UNITS, TIME_UNITS } from '../../src/core/quantity/dimension';
import schema from '../../schemas/sysdesign.schema.json';

const ROOT = join(__dirname, '..', '..');
const GRAMMAR = join(ROOT, 'syntaxes', 'sysdesign.tmLanguage.json');
const YAML_SYNTAXES = join(ROOT, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes');
/** The scopes of VS Code's YAML extension and their files (its package.json `contributes.grammars`). */
const YAML_GRAMMARS: Record<string, string> = {
  'source.yaml': 'yaml.tmLanguage.json',
  'source.yaml.1.3': 'yaml-1.3.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json',
  'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.0': 'yaml-1.0.tmLanguage.json',
  'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};
const haveYaml = existsSync(join(YAML_SYNTAXES, YAML_GRAMMARS['source.yaml']));

const KINDS = (schema as unknown as { properties: { components: { items: { properties: { kind: { enum: string[] } } } } } }).properties.components.items.properties.kind.enum;
const SECTIONS = ['requirements', 'estimation', 'apis', 'data_models', 'components', 'groups', 'connections', 'flows', 'scenarios'];
const EXAMPLE = join(ROOT, 'examples', 'photo-sharing.sysdesign.yaml');

const SECTION = 'keyword.other.section.sysdesign';
const KIND = 'support.type.component-kind.sysdesign';
const COMPONENT = 'variable.other.component.sysdesign';
const ARROW = 'keyword.operator.arrow.sysdesign';
const NUMBER = 'constant.numeric.sysdesign';
const UNIT = 'keyword.other.unit.sysdesign';

let onigLib: Promise<textmate.IOnigLib> | undefined;
function loadOniguruma(): Promise<textmate.IOnigLib> {
  // loadWASM may run once per process.
  onigLib ??= oniguruma.loadWASM(readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer as ArrayBuffer).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  return onigLib;
}

/** A registry with our grammar and (optionally) VS Code's YAML grammars; `plain` is source.yaml alone, for comparison. */
async function loadGrammar(options: { yaml: boolean; plain?: boolean }): Promise<textmate.IGrammar> {
  const registry = new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.sysdesign') {
        const text = options.plain ? JSON.stringify({ scopeName, patterns: [{ include: 'source.yaml' }] }) : readFileSync(GRAMMAR, 'utf8');
        return textmate.parseRawGrammar(text, GRAMMAR);
      }
      const file = options.yaml ? YAML_GRAMMARS[scopeName] : undefined;
      return file ? textmate.parseRawGrammar(readFileSync(join(YAML_SYNTAXES, file), 'utf8'), join(YAML_SYNTAXES, file)) : null;
    },
  });
  const grammar = await registry.loadGrammar('source.sysdesign');
  assert.ok(grammar, 'the grammar loads');
  return grammar;
}

interface Token {
  text: string;
  start: number;
  scopes: string[];
}

/** Tokens per line, as the editor would see them (state carried from line to line). */
function tokenize(grammar: textmate.IGrammar, text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)), start: t.startIndex, scopes: t.scopes }));
  });
}

/** Where `text` stands on the line as a whole word (the `nth` such place). */
function find(lines: Token[][], line: number, text: string, nth: number): number {
  const source = lines[line].map((t) => t.text).join('');
  // Not part of a longer number or word: `10` in `10M` counts, `0` in `10` or `M` in `MB` does not.
  const kind = (c: string | undefined) => (c === undefined ? 'none' : /[0-9]/.test(c) ? 'digit' : /[A-Za-z_]/.test(c) ? 'letter' : 'other');
  let found = -1;
  for (let at = source.indexOf(text), n = 0; at >= 0; at = source.indexOf(text, at + 1)) {
    const joinsBefore = kind(source[at - 1]) === kind(text[0]) && kind(text[0]) !== 'other';
    const joinsAfter = kind(source[at + text.length]) === kind(text[text.length - 1]) && kind(text[text.length - 1]) !== 'other';
    if (joinsBefore || joinsAfter) continue;
    if (n++ === nth) {
      found = at;
      break;
    }
  }
  assert.ok(found >= 0, `"${text}" on line ${line + 1}: ${JSON.stringify(source)}`);
  return found;
}

/** The innermost scope of `text`, which must be exactly one token. */
function scopeOf(lines: Token[][], line: number, text: string, nth = 0): string {
  const start = find(lines, line, text, nth);
  const tokens = lines[line].filter((t) => t.start < start + text.length && t.start + t.text.length > start);
  assert.deepEqual(
    tokens.map((t) => [t.start, t.text]),
    [[start, text]],
    `"${text}" is one token on line ${line + 1}; tokens: ${JSON.stringify(lines[line].map((t) => [t.text, t.scopes[t.scopes.length - 1]]))}`,
  );
  return tokens[0].scopes[tokens[0].scopes.length - 1];
}

/** Every scope of every token that overlaps `text`. */
function scopesOf(lines: Token[][], line: number, text: string, nth = 0): string[] {
  const start = find(lines, line, text, nth);
  return lines[line].filter((t) => t.start < start + text.length && t.start + t.text.length > start).flatMap((t) => t.scopes);
}

const ours = (scope: string) => scope.endsWith('.sysdesign') && scope !== 'source.sysdesign';

/** Every token whose innermost scope is ours, as `line:column text scope`. */
function designTokens(lines: Token[][]): string[] {
  return lines.flatMap((tokens, line) => tokens.filter((t) => ours(t.scopes[t.scopes.length - 1])).map((t) => `${line + 1}:${t.start} ${t.text} ${t.scopes[t.scopes.length - 1]}`));
}

function grammarCases(load: () => Promise<textmate.IGrammar>): void {
  let grammar: textmate.IGrammar;
  before(async () => {
    grammar = await load();
  });
  const doc = (text: string) => tokenize(grammar, text);

  it('marks the section keys at the top level, and only there', () => {
    const lines = doc([...SECTIONS.map((s) => `${s}:`), 'name: x', 'requirements:  # step 1', 'estimation:', '  components: 1', '  apis:', '# flows:'].join('\n'));
    SECTIONS.forEach((s, i) => assert.equal(scopeOf(lines, i, s), SECTION, s));
    assert.ok(scopesOf(lines, 0, SECTIONS[0]).includes('markup.heading.section.sysdesign'), 'drawn as a heading (bold)');
    assert.equal(scopeOf(lines, SECTIONS.length + 1, 'requirements'), SECTION, 'a comment after the colon');
    assert.notEqual(scopeOf(lines, SECTIONS.length, 'name'), SECTION);
    assert.notEqual(scopeOf(lines, SECTIONS.length + 3, 'components'), SECTION, 'an indented key is no section');
    assert.notEqual(scopeOf(lines, SECTIONS.length + 4, 'apis'), SECTION);
    assert.ok(!scopesOf(lines, SECTIONS.length + 5, '# flows:').includes(SECTION), 'nor one in a comment');
  });

  it('marks every component kind after `kind:`, and nothing else there', () => {
    const text = ['components:', ...KINDS.flatMap((k, i) => [`  - id: c${i}`, `    kind: ${k}`]), '  - id: odd', '    kind: servic', '    label: service', '  # kind: cache'].join(
      '\n',
    );
    const lines = doc(text);
    KINDS.forEach((k, i) => assert.equal(scopeOf(lines, 2 + 2 * i, k), KIND, k));
    const after = 1 + 2 * KINDS.length;
    assert.notEqual(scopeOf(lines, after + 1, 'servic'), KIND, 'a misspelt kind is not a kind');
    assert.notEqual(scopeOf(lines, after + 2, 'service'), KIND, 'a kind word in a label is not a kind');
    assert.ok(!scopesOf(lines, after + 3, '# kind: cache').includes(KIND), 'nor one in a comment');
    const traffic = doc('estimation:\n  traffic:\n    - id: t\n      kind: write\n');
    assert.notEqual(scopeOf(traffic, 3, 'write'), KIND, 'a traffic kind is no component kind');
  });

  it('marks both ids and the arrow of `a -> b: label`, `- a -> b` and the quoted form', () => {
    const lines = doc(
      ['connections:', '  - client -> lb: HTTPS', '  - lb -> api', '  - "api -> photo-db: SQL"', '  - from: blobs', '    to: cdn', '  - label: a -> b is text'].join('\n'),
    );
    assert.equal(scopeOf(lines, 1, 'client'), COMPONENT);
    assert.equal(scopeOf(lines, 1, '->'), ARROW);
    assert.equal(scopeOf(lines, 1, 'lb'), COMPONENT);
    assert.notEqual(scopeOf(lines, 1, 'HTTPS'), COMPONENT, 'the label stays text');
    assert.equal(scopeOf(lines, 2, 'lb'), COMPONENT);
    assert.equal(scopeOf(lines, 2, '->'), ARROW);
    assert.equal(scopeOf(lines, 2, 'api'), COMPONENT);
    assert.equal(scopeOf(lines, 3, 'api'), COMPONENT);
    assert.equal(scopeOf(lines, 3, '->'), ARROW);
    assert.equal(scopeOf(lines, 3, 'photo-db'), COMPONENT);
    assert.equal(scopeOf(lines, 4, 'blobs'), COMPONENT, 'the long form: from');
    assert.equal(scopeOf(lines, 5, 'cdn'), COMPONENT, 'the long form: to');
    assert.equal(designTokens(lines.slice(6)).length, 0, 'an arrow inside a label is text');
    const flow = doc('flows:\n  - id: f\n    steps:\n      - client -> lb: POST /v1/photos\n');
    assert.equal(scopeOf(flow, 3, 'client'), COMPONENT);
    assert.equal(scopeOf(flow, 3, '->'), ARROW);
    assert.equal(scopeOf(flow, 3, 'lb'), COMPONENT);
  });

  it('marks quantities: the number and its units (`2MB`, `10M/month`, `99.99%`, `200ms`)', () => {
    const lines = doc(
      [
        'estimation:',
        '  dau: 10M',
        '  values:',
        '    caption: 200 bytes',
        '  traffic:',
        '    - id: upload',
        '      kind: write',
        '      rate: 10M/month',
        '      size: 2MB + caption',
        '      per_user: 2/day * 10%',
        '  retention: 10y',
        '  server_capacity: 1,000 per second',
        'requirements:',
        '  non_functional:',
        '    availability: 99.99%',
        '    latency:',
        '      default: 200ms',
      ].join('\n'),
    );
    const expect = (line: number, pairs: Array<[string, string]>) => {
      for (const [text, scope] of pairs) assert.equal(scopeOf(lines, line, text), scope, `${text} on line ${line + 1}`);
    };
    expect(1, [
      ['10', NUMBER],
      ['M', UNIT],
    ]);
    expect(3, [
      ['200', NUMBER],
      ['bytes', UNIT],
    ]);
    expect(7, [
      ['10', NUMBER],
      ['M', UNIT],
      ['/month', UNIT],
    ]);
    expect(8, [
      ['2', NUMBER],
      ['MB', UNIT],
    ]);
    assert.ok(!scopesOf(lines, 8, 'caption').includes(UNIT), 'a value name is no unit');
    expect(9, [
      ['2', NUMBER],
      ['/day', UNIT],
      ['10', NUMBER],
      ['%', UNIT],
    ]);
    expect(10, [
      ['10', NUMBER],
      ['y', UNIT],
    ]);
    expect(11, [
      ['1,000', NUMBER],
      ['per second', UNIT],
    ]);
    expect(14, [
      ['99.99', NUMBER],
      ['%', UNIT],
    ]);
    expect(16, [
      ['200', NUMBER],
      ['ms', UNIT],
    ]);
  });

  it('knows every unit and magnitude word of the quantity language', () => {
    const words = [...new Set([...MAGNITUDES.keys(), ...SIZE_UNITS.keys(), ...TIME_UNITS.keys(), ...RATE_UNITS, ...BIT_UNITS.keys(), ...BIT_RATE_UNITS.keys()])];
    const lines = doc(['estimation:', '  values:', ...words.map((w, i) => `    value_${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''}: 3 ${w}`)].join('\n'));
    words.forEach((w, i) => {
      assert.equal(scopeOf(lines, 2 + i, '3'), NUMBER, w);
      assert.equal(scopeOf(lines, 2 + i, w), UNIT, w);
    });
  });

  it('leaves digits inside words, keys and comments alone', () => {
    const lines = doc(
      ['groups:', '  - id: backend', '    label: us-east-1 v2 3rd', 'apis:', '  - id: a', '    path: /v1/photos', '    latency: 5ms # 300ms was too slow', '"404": x'].join('\n'),
    );
    assert.deepEqual(designTokens([lines[2], lines[5]]), [], 'us-east-1, v2, 3rd and /v1 are text');
    assert.equal(scopeOf(lines, 6, '5'), NUMBER);
    assert.ok(!scopesOf(lines, 6, '# 300ms was too slow').some(ours), 'a comment');
  });
}

describe('TextMate grammar (syntaxes/sysdesign.tmLanguage.json)', function () {
  this.timeout(20000);

  it('is registered for the language in package.json, with the scope name it declares', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ language?: string; scopeName: string; path: string; embeddedLanguages?: unknown }> };
    };
    const raw = JSON.parse(readFileSync(GRAMMAR, 'utf8')) as { scopeName: string; patterns: Array<{ include?: string }> };
    const entry = pkg.contributes.grammars.find((g) => g.language === 'sysdesign');
    assert.ok(entry, 'contributes.grammars has the sysdesign language');
    assert.equal(entry.scopeName, 'source.sysdesign');
    assert.equal(raw.scopeName, 'source.sysdesign');
    assert.equal(join(ROOT, entry.path), GRAMMAR);
    assert.equal(raw.patterns[0].include, 'source.yaml', 'builds on VS Code’s YAML grammar');
    // Tokens stay in the sysdesign language (a mapping to yaml would hide our snippets there).
    assert.equal(entry.embeddedLanguages, undefined);
  });

  describe('on top of VS Code’s YAML grammar (source.yaml)', function () {
    before(function () {
      if (!haveYaml) {
        console.log(`      skipped: VS Code's YAML grammar is not at ${YAML_SYNTAXES} (run \`npm run setup:vscode\`)`);
        this.skip();
      }
    });
    grammarCases(() => loadGrammar({ yaml: true }));

    it('adds scopes without changing the YAML structure of any example or template', async () => {
      const withDesign = await loadGrammar({ yaml: true });
      const plain = await loadGrammar({ yaml: true, plain: true });
      // Per character: YAML's scopes with ours and numbers' own scopes left out.
      const yamlScopes = (lines: Token[][]) =>
        lines.map((tokens) => tokens.flatMap((t) => Array.from(t.text, () => t.scopes.filter((s) => !ours(s) && !s.startsWith('constant.numeric.')).join(' '))));
      const files = [
        ...readdirSync(join(ROOT, 'examples'))
          .filter((f) => f.endsWith('.sysdesign.yaml'))
          .map((f) => join(ROOT, 'examples', f)),
        ...readdirSync(join(ROOT, 'templates'))
          .filter((f) => f.endsWith('.sysdesign.yaml'))
          .map((f) => join(ROOT, 'templates', f)),
      ];
      assert.ok(files.length >= 4, files.join(', '));
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const a = yamlScopes(tokenize(withDesign, text));
        const b = yamlScopes(tokenize(plain, text));
        a.forEach((line, i) => assert.deepEqual(line, b[i], `${file}:${i + 1}`));
        assert.ok(designTokens(tokenize(withDesign, text)).length > 50, `${file} gets design scopes`);
      }
    });

    it('gives the example the same design scopes as the standalone grammar', async () => {
      const text = readFileSync(EXAMPLE, 'utf8');
      const withYaml = designTokens(tokenize(await loadGrammar({ yaml: true }), text));
      const standalone = designTokens(tokenize(await loadGrammar({ yaml: false }), text));
      assert.ok(withYaml.length > 100, `${withYaml.length} design tokens`);
      assert.deepEqual(standalone, withYaml);
    });
  });

  describe('standalone (no source.yaml)', () => {
    grammarCases(() => loadGrammar({ yaml: false }));

    it('still highlights the YAML: keys, comments, strings and list items', async () => {
      const lines = tokenize(await loadGrammar({ yaml: false }), 'name: "Photo sharing"  # the name\ncomponents:\n  - id: api\n    tech: { lang: Go }\n');
      assert.equal(scopeOf(lines, 0, 'name'), 'entity.name.tag.yaml');
      assert.ok(scopesOf(lines, 0, 'Photo sharing').includes('string.quoted.double.yaml'));
      assert.equal(scopeOf(lines, 0, ' the name'), 'comment.line.number-sign.yaml');
      assert.equal(scopeOf(lines, 2, '-'), 'punctuation.definition.block.sequence.item.yaml');
      assert.equal(scopeOf(lines, 2, 'id'), 'entity.name.tag.yaml');
      assert.equal(scopeOf(lines, 3, 'lang'), 'entity.name.tag.yaml');
      assert.equal(scopeOf(lines, 3, 'Go'), 'string.unquoted.plain.in.yaml');
    });
  });
});
