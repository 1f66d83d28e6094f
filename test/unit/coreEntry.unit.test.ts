import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

describe('the library entry `sysdesign/core`', () => {
  it('resolves through package.json exports to the built bundle and analyses synchronously', function () {
    this.timeout(20000);
    assert.ok(existsSync(path.join(root, 'dist', 'core.js')), 'dist/core.js is missing: run `npm run build` first');
    const script = `
      const core = require('sysdesign/core');
      const text = require('fs').readFileSync(${JSON.stringify(path.join(root, 'test', 'fixtures', 'spec-example.sysdesign.yaml'))}, 'utf8');
      const analyzer = core.createAnalyzer();
      const a = analyzer.analyse(text);
      if (typeof a.then === 'function') throw new Error('analyse must be synchronous');
      const b = analyzer.analyse(text.replace('Photo sharing', 'Photo sharing!'));
      console.log(JSON.stringify({ problems: a.problems.length, servers: a.estimate.totals.servers, components: a.design.components.length, renamed: b.design.name.text }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { problems: 0, servers: 6, components: 7, renamed: 'Photo sharing!' });
  });
});
