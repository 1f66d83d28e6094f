// `npm run test:electron`: the integration suite (test/integration/suite) in a desktop
// VS Code (Electron) through @vscode/test-electron, for people who have one.
//
// NOT run in CI or by `npm test`: without VSCODE_EXECUTABLE, @vscode/test-electron
// downloads VS Code 1.99.3 into .vscode-test/ from Microsoft's servers, which the CI
// machines cannot reach. CI runs the same suite in code-server instead
// (`npm run test:integration`). Here:
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   # use an installed VS Code
//   npm run test:electron                                   # download 1.99.3 (needs network)
// On Linux without a display, run it under `xvfb-run -a`.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIntegrationSuite, integrationEntry } from '../../scripts/lib/buildTests.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildIntegrationSuite();

// A throw-away profile: no settings or extensions of the person running the tests.
const profile = mkdtempSync(join(tmpdir(), 'sysdesign-electron-'));
let code = 0;
try {
  await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: '1.99.3' }),
    extensionDevelopmentPath: root,
    extensionTestsPath: integrationEntry,
    launchArgs: [
      join(root, 'examples'),
      '--disable-extensions', // other installed extensions; built-in ones (YAML) stay
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(profile, 'user-data')}`,
      `--extensions-dir=${join(profile, 'extensions')}`,
    ],
  });
} catch (error) {
  console.error(`[test:electron] FAILED: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
