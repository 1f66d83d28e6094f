// The integration suite's entry: VS Code loads this module in the extension host
// (`extensionTestsPath`) and awaits `run()`. Works the same under code-server
// (scripts/integration.mjs) and under desktop VS Code (test/electron/runTest.mjs).
// Bundled by esbuild into out/test/integration/suite/; mocha is loaded from node_modules.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  // Stack traces of failed tests point into the .ts sources (the bundles carry source maps).
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous: the first test pays for the extension's activation in a cold host.
    timeout: 60_000,
    // `spec` ends with "N passing / N failing", which scripts/test.mjs counts.
    reporter: 'spec',
  });
  const grep = process.env.SYSDESIGN_TEST_GREP;
  if (grep) mocha.grep(grep);

  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.integration.test.js'))
    // The language suite runs first: it checks that nothing activated the extension before a
    // design was opened, which only holds at the start of the run.
    .sort((a, b) => Number(b.startsWith('language.')) - Number(a.startsWith('language.')) || a.localeCompare(b));
  if (files.length === 0) throw new Error(`no *.integration.test.js next to ${__filename}`);
  for (const name of files) mocha.addFile(join(__dirname, name));
  // scripts/integration.mjs starts echoing the host's console at this line.
  console.log(`sysdesign integration suite: ${files.length} file(s), VS Code ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}`);

  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
