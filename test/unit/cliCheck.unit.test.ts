import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { sarifLog, type FileReport } from '../../src/cli/check';
import { main } from '../../src/cli/main';
import type { ProblemJson } from '../../src/cli/problems';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml');

/**
 * The official SARIF 2.1.0 schema (OASIS Standard incorporating Approved Errata 01), vendored
 * unchanged from https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
 * (the same file as Schemata/sarif-schema-2.1.0.json in https://github.com/oasis-tcs/sarif-spec at
 * 0a8091f7d4057e57b6d8d9b56129e5f918747b34). © OASIS Open; distributed under the OASIS IPR Policy,
 * whose copyright notice lets the standard's files be copied and published unchanged. No npm
 * package ships it: @microsoft/jest-sarif has a pre-standard draft (rtm.5) and the multitool
 * the SDK's own variant inside a 100 MB binary package. It is JSON Schema draft-04, so it is
 * compiled with ajv-draft-04; ajv-formats checks `uri` and `uri-reference`, which is what
 * catches an unencoded space or `é` in a path.
 */
const SARIF_SCHEMA = path.join(root, 'test', 'fixtures', 'sarif-schema-2.1.0.json');

function run(...argv: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n').split('\n'), err };
}

/** Runs the command from `dir`, as a CI job runs it from its checkout; SARIF paths are relative to it. */
function runIn(dir: string, ...argv: string[]): ReturnType<typeof run> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return run(...argv);
  } finally {
    process.chdir(before);
  }
}

const json = (r: { out: string[] }) => JSON.parse(r.out.join('\n'));

describe('cli check --format, --max-warnings', () => {
  let dir: string;
  let validateSarif: (log: unknown) => void;
  let bad: string;
  let warn: string;
  let spaced: string;
  const missing = () => path.join(dir, 'missing.sysdesign.yaml');

  before(() => {
    // The real path: the working directory the command sees has its links resolved (macOS's /tmp).
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sysdesign-check-')));
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    validateSarif = (log) => assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));
    // An unknown component (error, 8:12-15) and a YAML 1.1 boolean (warning, 3:14-16).
    bad = write('bad.sysdesign.yaml', 'sysdesign: 1\nname: Bad\ndescription: no\ncomponents:\n  - id: api\n    kind: service\nconnections:\n  - api -> dbb\n');
    warn = write('warn.sysdesign.yaml', 'sysdesign: 1\nname: Warn\ndescription: no\n');
    spaced = write(path.join('sub dir', 'design é #1.sysdesign.yaml'), readFileSync(bad, 'utf8'));
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  function sarif(r: { out: string[] }) {
    const log = json(r);
    validateSarif(log);
    return log;
  }

  it('--format text is the default output, line for line', () => {
    const plain = run('check', bad, example);
    assert.deepEqual(run('check', bad, example, '--format', 'text'), plain);
    assert.deepEqual(plain.out, [
      `${bad}:3:14: warning sysdesign/yaml-1.1-boolean "no" is the text "no" in YAML 1.2, not a boolean; write false, or quote it if you mean the text.`,
      `${bad}:8:12: error sysdesign/unknown-component The connection names "dbb", but no component has that id.`,
    ]);
  });

  it('--format json: one object with every file, its problems with start and end, and the counts', () => {
    const r = run('check', bad, example, '--format', 'json');
    assert.equal(r.status, 1);
    assert.deepEqual(r.err, []);
    const doc = json(r);
    assert.deepEqual(Object.keys(doc), ['files', 'errors', 'warnings', 'infos']);
    assert.deepEqual(doc.files, [
      {
        file: bad,
        problems: [
          {
            severity: 'warning',
            code: 'sysdesign/yaml-1.1-boolean',
            message: '"no" is the text "no" in YAML 1.2, not a boolean; write false, or quote it if you mean the text.',
            line: 3,
            column: 14,
            end_line: 3,
            end_column: 16,
          },
          {
            severity: 'error',
            code: 'sysdesign/unknown-component',
            message: 'The connection names "dbb", but no component has that id.',
            line: 8,
            column: 12,
            end_line: 8,
            end_column: 15,
          },
        ],
      },
      { file: example, problems: [] },
    ]);
    assert.deepEqual([doc.errors, doc.warnings, doc.infos], [1, 1, 0]);
  });

  it('--format json: an unreadable file is listed with its error, the document is printed whole, exit 2', () => {
    const r = run('check', warn, missing(), '--format=json');
    assert.equal(r.status, 2);
    assert.deepEqual(r.err, [`sysdesign: ${missing()}: no such file`]);
    const doc = json(r);
    assert.deepEqual(doc.files[1], { file: missing(), error: `${missing()}: no such file` });
    assert.equal(doc.files[0].problems.length, 1);
    assert.deepEqual([doc.errors, doc.warnings, doc.infos], [0, 1, 0]);
  });

  it('--format sarif: a valid SARIF 2.1.0 log with a rule per code, levels, regions and paths relative to the working directory', () => {
    const r = runIn(dir, 'check', 'bad.sysdesign.yaml', '--format', 'sarif');
    assert.equal(r.status, 1);
    assert.deepEqual(r.err, []);
    const log = sarif(r);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [run0] = log.runs;
    const { driver } = run0.tool;
    assert.equal(driver.name, 'sysdesign');
    assert.equal(driver.version, 'dev');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(driver.informationUri, pkg.repository.url.replace(/\.git$/, ''));
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      ['sysdesign/yaml-1.1-boolean', 'sysdesign/unknown-component'],
    );
    assert.equal(driver.rules[1].shortDescription.text, 'A reference to a component that does not exist.');
    // The only documentation of each code is the README's table, under this heading.
    assert.equal(driver.rules[0].helpUri, `${driver.informationUri}#problem-codes`);
    assert.match(readFileSync(path.join(root, 'README.md'), 'utf8'), /^### Problem codes$/m);

    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run0.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    assert.deepEqual(
      run0.results.map((result: { ruleId: string; ruleIndex: number; level: string }) => [result.ruleId, driver.rules[result.ruleIndex].id, result.level]),
      [
        ['sysdesign/yaml-1.1-boolean', 'sysdesign/yaml-1.1-boolean', 'warning'],
        ['sysdesign/unknown-component', 'sysdesign/unknown-component', 'error'],
      ],
    );
    assert.deepEqual(run0.results[1].message, { text: 'The connection names "dbb", but no component has that id.' });
    assert.deepEqual(run0.results[1].locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'bad.sysdesign.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 8, startColumn: 12, endLine: 8, endColumn: 15 },
        },
      },
    ]);
    assert.deepEqual(run0.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('--format sarif: an info problem is a note (sysdesign/yaml-bom, which the CLI never sees: reading a file drops the mark)', () => {
    const reports: FileReport[] = json(run('check', bad, '--format', 'json')).files;
    const bom: ProblemJson = { severity: 'info', code: 'sysdesign/yaml-bom', message: 'The file starts with a byte-order mark.', line: 1, column: 1, end_line: 1, end_column: 2 };
    const log = sarifLog([{ file: bad, problems: [...(reports[0] as { problems: ProblemJson[] }).problems, bom] }], dir);
    validateSarif(log);
    const { results } = (log as { runs: { results: { level: string; ruleId: string }[] }[] }).runs[0];
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.level]),
      [
        ['sysdesign/yaml-1.1-boolean', 'warning'],
        ['sysdesign/unknown-component', 'error'],
        ['sysdesign/yaml-bom', 'note'],
      ],
    );
  });

  it('--format sarif: paths with a space and é are percent-encoded, relative under the working directory and file: URLs outside it', () => {
    const file = spaced;
    const inside = sarif(runIn(dir, 'check', path.join('sub dir', 'design é #1.sysdesign.yaml'), '--format', 'sarif')).runs[0];
    const location = inside.results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: 'sub%20dir/design%20%C3%A9%20%231.sysdesign.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(fileURLToPath(new URL(location.uri, inside.originalUriBaseIds['%SRCROOT%'].uri)), file);

    const elsewhere = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sysdesign-elsewhere-')));
    const outside = sarif(runIn(elsewhere, 'check', file, '--format', 'sarif')).runs[0];
    const absolute = outside.results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(absolute, { uri: pathToFileURL(file).href });
    assert.match(absolute.uri, /^file:\/\/\/.*\/sub%20dir\/design%20%C3%A9%20%231\.sysdesign\.yaml$/);
    assert.equal(fileURLToPath(absolute.uri), file);
  });

  it('--format sarif: an unreadable file is an error notification, executionSuccessful false, the log printed whole, exit 2', () => {
    const r = runIn(dir, 'check', 'warn.sysdesign.yaml', 'missing.sysdesign.yaml', 'sub dir', '--format', 'sarif');
    assert.equal(r.status, 2);
    assert.deepEqual(r.err, ['sysdesign: missing.sysdesign.yaml: no such file', 'sysdesign: sub dir: is a directory, not a design file']);
    const [run0] = sarif(r).runs;
    assert.equal(run0.results.length, 1);
    assert.deepEqual(run0.invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'missing.sysdesign.yaml: no such file' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.sysdesign.yaml', uriBaseId: '%SRCROOT%' } } }],
          },
          {
            level: 'error',
            message: { text: 'sub dir: is a directory, not a design file' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'sub%20dir', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
  });

  it('the schema check fails on an invalid log: a result without a message, a path that is not a URI', () => {
    const valid = sarif(runIn(dir, 'check', 'bad.sysdesign.yaml', '--format', 'sarif'));
    const noMessage = structuredClone(valid);
    delete noMessage.runs[0].results[0].message;
    assert.throws(() => validateSarif(noMessage), /must have required property 'message'/);
    const rawPath = structuredClone(valid);
    rawPath.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'sub dir/design é.sysdesign.yaml';
    assert.throws(() => validateSarif(rawPath), /must match format "uri-reference"/);
  });

  it('every code the core can report has a rule description', () => {
    const codes = new Set<string>();
    const visit = (folder: string): void => {
      for (const name of readdirSync(folder)) {
        const file = path.join(folder, name);
        if (statSync(file).isDirectory()) visit(file);
        else if (name.endsWith('.ts')) for (const [, code] of readFileSync(file, 'utf8').matchAll(/'(sysdesign\/[a-z0-9.-]+)'/g)) codes.add(code);
      }
    };
    visit(path.join(root, 'src', 'core'));
    assert.ok(codes.size >= 50, `${codes.size} codes found`);
    const problems = [...codes].map((code) => ({ severity: 'error', code, message: 'm', line: 1, column: 1, end_line: 1, end_column: 1 }) as ProblemJson);
    const log = sarifLog([{ file: 'a.sysdesign.yaml', problems }], dir) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    const undescribed = log.runs[0].tool.driver.rules.filter((rule) => rule.shortDescription.text === rule.id).map((rule) => rule.id);
    assert.deepEqual(undescribed, []);
    validateSarif(log);
  });

  it('--max-warnings N: exit 1 with one line on stderr when the warnings exceed N, in every format', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const atLimit = run('check', warn, '--format', format, '--max-warnings', '1');
      assert.equal(atLimit.status, 0, format);
      assert.deepEqual(atLimit.err, [], format);
      const over = run('check', warn, '--format', format, '--max-warnings=0');
      assert.equal(over.status, 1, format);
      assert.deepEqual(over.err, ['sysdesign: 1 warning (more than --max-warnings 0)'], format);
      assert.equal(over.out.join('\n'), atLimit.out.join('\n'), `${format}: the output is the same`);
    }
    const two = run('check', warn, warn, '--max-warnings', '1');
    assert.equal(two.status, 1);
    assert.deepEqual(two.err, ['sysdesign: 2 warnings (more than --max-warnings 1)']);
    assert.equal(run('check', warn, warn, '--max-warnings', '2').status, 0);
    assert.equal(run('check', warn).status, 0, 'warnings alone pass without --max-warnings');
  });

  it('--max-warnings with errors and unreadable files: every reason said, the worst status wins', () => {
    const errors = run('check', bad, '--max-warnings', '0');
    assert.equal(errors.status, 1);
    assert.deepEqual(errors.err, ['sysdesign: 1 warning (more than --max-warnings 0)']);
    const unreadable = run('check', warn, missing(), '--max-warnings', '0', '--format', 'sarif');
    assert.equal(unreadable.status, 2);
    assert.deepEqual(unreadable.err, [`sysdesign: ${missing()}: no such file`, 'sysdesign: 1 warning (more than --max-warnings 0)']);
  });

  it('usage errors exit 2 before any output: bad --max-warnings values, unknown formats and options', () => {
    for (const [argv, message] of [
      [['--max-warnings', '-1'], "--max-warnings needs a non-negative integer, not '-1'"],
      [['--max-warnings=1.5'], "--max-warnings needs a non-negative integer, not '1.5'"],
      [['--max-warnings', '1e3'], "--max-warnings needs a non-negative integer, not '1e3'"],
      [['--max-warnings', 'many'], "--max-warnings needs a non-negative integer, not 'many'"],
      [['--max-warnings='], '--max-warnings needs a value'],
      [['--max-warnings'], '--max-warnings needs a value'],
      [['--format', 'xml'], "unknown format 'xml' (use text, json or sarif)"],
      [['--format=SARIF'], "unknown format 'SARIF' (use text, json or sarif)"],
      [['--format'], '--format needs a value'],
      [['--json'], "unknown option '--json'"],
    ] as const) {
      const r = run('check', warn, ...argv);
      assert.equal(r.status, 2, argv.join(' '));
      assert.equal(r.err[0], `sysdesign: ${message}`, argv.join(' '));
      assert.equal(r.out.join(''), '', argv.join(' '));
    }
    assert.equal(run('check', '--format', 'json').err[0], 'sysdesign: check needs at least one FILE');
  });

  it('--format=sarif and --format sarif print the same log', () => {
    assert.deepEqual(runIn(dir, 'check', 'bad.sysdesign.yaml', '--format=sarif'), runIn(dir, 'check', '--format', 'sarif', 'bad.sysdesign.yaml'));
  });
});
