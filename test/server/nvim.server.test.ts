/**
 * Another LSP client than ours: Neovim's built-in client talks to `dist/server.js
 * --stdio` (the `sysdesign-language-server` bin) and gets diagnostics, hover and
 * definition. Skipped when `nvim` is not installed.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SERVER } from './support/lspClient';
import { edited } from '../support/example';
import { positionOf } from './support/lspEdits';

describe('language server in Neovim (a second LSP client)', function () {
  this.timeout(30000);

  it('shows diagnostics, hover and definition', async function () {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      console.log('      (skipped: `nvim` is not installed; `apt-get install neovim` to run this test)');
      this.skip();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'sysdesign-nvim-'));
    try {
      const text = edited('members: [lb, api,', 'members: [lb, apx,');
      const file = path.join(dir, 'photo.sysdesign.yaml');
      const out = path.join(dir, 'out.json');
      writeFileSync(file, text);
      const hover = positionOf(text, '\n  - lb -> api\n', 11);
      const definition = positionOf(text, '\n  - api -> photo-db: SQL', 5);
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'nvim', 'client.lua')}`], {
          env: {
            ...process.env,
            SYSDESIGN_FILE: file,
            SYSDESIGN_OUT: out,
            SYSDESIGN_NODE: process.execPath,
            SYSDESIGN_SERVER: SERVER,
            SYSDESIGN_HOVER_LINE: String(hover.line),
            SYSDESIGN_HOVER_CHAR: String(hover.character),
            SYSDESIGN_DEF_LINE: String(definition.line),
            SYSDESIGN_DEF_CHAR: String(definition.character),
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error('nvim did not finish within 25 s'));
        }, 25000);
        child.once('error', reject);
        child.once('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      assert.equal(code, 0);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      assert.equal(seen.error, undefined, String(seen.error));
      assert.equal(seen.diagnostics, 1);
      assert.equal(seen.message, 'The group member names "apx", but no component has that id; did you mean "api"?');
      assert.deepEqual([seen.line, seen.col], [115, 18]);
      assert.equal(
        seen.hover,
        '**api**: `service` component\n- label: Photo API\n- replicas: 8\n- availability: 99.9%\n- latency: 20ms\n- calls: `photo-db`, `blobs`, `feed-cache`\n- called by: `lb`\n\n**Load at peak**: 10.5k/s (10.4k/s reads, 46.3/s writes)\n- `upload-photo-dry-run`: 46.3/s writes\n- `view-feed-dry-run`: 10.4k/s reads\n\n**Instances**: 8 = 1 shard \u00d7 8 replicas\n**Capacity**: 2k/s per instance, from `estimation.server_capacity` (`2000/s`)\n**Utilisation**: 65.4% = peak / (instances \u00d7 capacity) = 10.5k/s / (8 \u00d7 2k/s)\n**Needs**: 8 instances, the most of requests: peak / (capacity \u00d7 70% target), each rounded up\n**Losing one instance**: the rest stay under 100%\n**Queueing**: 40 workers per instance (capacity \u00d7 latency, Little\'s law); each shard is an M/M/c queue with c = 320: mean wait under 1 \u00b5s (Erlang C)\n\n**Cost**: \u2248 $470/month (30 days)\n- instance: $470 = `$0.0816/h` \u00d7 8 instances \u00d7 a month, the product\'s default (2026): Amazon EC2 On-Demand pricing, https://aws.amazon.com/ec2/pricing/on-demand/ (figure as quoted for us-east-1, June 2026, in "Amazon EC2 On-Demand Pricing (2026)", https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/)',
      );
      assert.deepEqual(seen.definition, { uri: true, line: 96, character: 8 });
      assert.equal(seen.stopped, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
