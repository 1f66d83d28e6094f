// package.json against what the extension really does once active in VS Code: the
// `sysdesign.*` commands it registers are exactly the ones it declares, and what the
// manifest shows people (titles, categories, settings) follows the house rules. A
// command added to the code but not to the manifest (or the other way round) fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/ids';
import { ourExtension, repoFile } from './helpers';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string | { light: string; dark: string };
  enablement?: string;
}

interface SettingSchema {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, SettingSchema>;
}

interface Manifest {
  main: string;
  browser?: string;
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited' };
  };
  contributes: {
    commands?: CommandContribution[];
    configuration?: { title?: string; properties: Record<string, SettingSchema> } | Array<{ title?: string; properties: Record<string, SettingSchema> }>;
    views?: Record<string, Array<{ id: string }>>;
    menus?: Record<string, Array<{ command?: string; submenu?: string }>>;
    keybindings?: Array<{ command: string }>;
    walkthroughs?: Array<{ steps: Array<{ description: string; completionEvents?: string[] }> }>;
    grammars?: Array<{ path: string }>;
    snippets?: Array<{ path: string }>;
    languages?: Array<{ configuration?: string }>;
  };
}

/** Words a Title Case title keeps in lower case (unless first). */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'vs', 'with']);

function titleCaseProblems(title: string): string[] {
  const words = title.replace(/\.\.\.$|…$/, '').split(/\s+/);
  return words.flatMap((word, i) => {
    const bare = word.replace(/^[("'`]+|[)"'`:,.]+$/g, '');
    if (!bare || /^\$\(/.test(bare) || /^[^A-Za-z]/.test(bare)) return [];
    if (i > 0 && SMALL_WORDS.has(bare)) return [];
    return /^[A-Z]/.test(bare) ? [] : [`"${word}" in "${title}"`];
  });
}

/** Commands VS Code itself registers for every contributed view (`<view id>.<suffix>`). */
const VIEW_COMMANDS = ['focus', 'open', 'resetViewLocation', 'toggleVisibility', 'removeView'];

describe('manifest', () => {
  let manifest: Manifest;

  before(async () => {
    const extension = ourExtension();
    await extension.activate();
    manifest = extension.packageJSON as Manifest;
  });

  const declaredCommands = () => manifest.contributes.commands ?? [];
  const viewIds = () => Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((v) => v.id));

  it('declares exactly the sysdesign.* commands the extension registers', async () => {
    // VS Code registers `<view id>.focus` and the like for every contributed view itself.
    const viewCommands = new Set(viewIds().flatMap((view) => VIEW_COMMANDS.map((suffix) => `${view}.${suffix}`)));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('sysdesign.') && !viewCommands.has(id));
    const declared = declaredCommands().map((c) => c.command);
    assert.deepEqual([...new Set(declared)].sort(), [...declared].sort(), 'no command is declared twice');
    assert.deepEqual(
      [...registered].sort(),
      [...declared].sort(),
      'registered (left) and declared (right) differ: add the command to package.json contributes.commands, or register it in the extension',
    );
    assert.deepEqual([...registered].sort(), Object.values(COMMANDS).sort(), 'every registered command takes its id from src/extension/ids.ts');
  });

  it('gives every command the System Design category, a Title Case title and a codicon icon', () => {
    for (const command of declaredCommands()) {
      assert.match(command.command, /^sysdesign\.[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/, `${command.command}: sysdesign.<camelCase>`);
      assert.equal(command.category, 'System Design', `${command.command} has the category "System Design"`);
      assert.ok(command.title && command.title.trim() === command.title, `${command.command} has a title`);
      assert.ok(!command.title.startsWith('System Design'), `${command.command}: the category already says "System Design"`);
      assert.deepEqual(titleCaseProblems(command.title), [], `${command.command}: Title Case`);
      if (command.icon !== undefined) assert.match(String(command.icon), /^\$\([a-z0-9-]+(~[a-z]+)?\)$/, `${command.command}: icons are codicons, $(name)`);
    }
  });

  it('refers only to declared commands from menus, keybindings and walkthroughs', () => {
    const known = new Set([...declaredCommands().map((c) => c.command), ...viewIds().flatMap((v) => VIEW_COMMANDS.map((suffix) => `${v}.${suffix}`))]);
    const referred: Array<[string, string]> = [];
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) for (const item of items) if (item.command) referred.push([item.command, `menus.${menu}`]);
    for (const binding of manifest.contributes.keybindings ?? []) referred.push([binding.command, 'keybindings']);
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) {
        for (const m of step.description.matchAll(/\(command:(?:toSide:)?([\w.-]+)/g)) referred.push([m[1], 'a walkthrough link']);
        for (const event of step.completionEvents ?? []) if (event.startsWith('onCommand:')) referred.push([event.slice('onCommand:'.length), 'a walkthrough completion event']);
      }
    }
    const unknown = referred.filter(([id]) => id.startsWith('sysdesign.') && !known.has(id)).map(([id, where]) => `${id} (${where})`);
    assert.deepEqual(unknown, [], 'commands referred to but not declared');
  });

  it('describes every setting, named sysdesign.<area>.<name>', () => {
    const sections = Array.isArray(manifest.contributes.configuration)
      ? manifest.contributes.configuration
      : manifest.contributes.configuration
        ? [manifest.contributes.configuration]
        : [];
    const settings = sections.flatMap((s) => Object.entries(s.properties));
    assert.ok(settings.length >= 3, `${settings.length} settings`);
    const check = (name: string, schema: SettingSchema) => {
      assert.ok((schema.description ?? schema.markdownDescription ?? '').length > 10, `${name} has a description`);
      assert.ok(schema.type !== undefined, `${name} has a type`);
      if (schema.enum) {
        const docs = schema.enumDescriptions ?? schema.markdownEnumDescriptions;
        assert.equal(docs?.length, schema.enum.length, `${name}: every enum value is described`);
      }
      for (const [key, nested] of Object.entries(schema.properties ?? {})) check(`${name}.${key}`, nested);
    };
    for (const [name, schema] of settings) {
      assert.match(name, /^sysdesign\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, `${name}: sysdesign.<area>.<name>`);
      check(name, schema);
    }
  });

  it('supports restricted mode and virtual workspaces', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted && (untrusted.supported === true || untrusted.supported === 'limited'), 'capabilities.untrustedWorkspaces');
    if (untrusted.supported === 'limited') assert.ok(untrusted.restrictedConfigurations?.length, 'limited support names the settings it restricts');
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual === true || (typeof virtual === 'object' && virtual.supported !== false), 'capabilities.virtualWorkspaces');
  });

  it('points at files that exist: both entries, grammars, snippets and the language configuration', async () => {
    const paths = [
      manifest.main,
      manifest.browser,
      ...(manifest.contributes.grammars ?? []).map((g) => g.path),
      ...(manifest.contributes.snippets ?? []).map((s) => s.path),
      ...(manifest.contributes.languages ?? []).flatMap((l) => (l.configuration ? [l.configuration] : [])),
    ];
    assert.ok(manifest.browser, 'a "browser" entry for VS Code for the Web');
    for (const path of paths) {
      const segments = path!.replace(/^\.\//, '').split('/');
      const stat = await vscode.workspace.fs.stat(repoFile(...segments)).then(
        (s) => s,
        () => undefined,
      );
      assert.equal(stat?.type, vscode.FileType.File, `${path} exists`);
    }
  });
});
