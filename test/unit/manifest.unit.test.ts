// package.json against src/extension/ids.ts, without VS Code: the manifest declares
// exactly the command ids the code takes from there, and its language is LANGUAGE_ID.
// The integration manifest test checks the same ids against what VS Code registers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, LANGUAGE_ID } from '../../src/extension/ids';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: Array<{ command: string }>; languages: Array<{ id: string }> };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('manifest and src/extension/ids.ts', () => {
  it('declares exactly the command ids of COMMANDS', () => {
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.deepEqual([...declared].sort(), Object.values(COMMANDS).sort());
  });

  it('declares the language LANGUAGE_ID and activates on it', () => {
    assert.deepEqual(
      manifest.contributes.languages.map((l) => l.id),
      [LANGUAGE_ID],
    );
    assert.ok(manifest.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
  });
});
