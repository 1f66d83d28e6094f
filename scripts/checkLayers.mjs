// Fails when an import crosses a layer boundary (ARCHITECTURE.md "Layers"):
//   core      -> nothing of ours above it; no vscode, no Node built-ins, no DOM libraries
//   protocol  -> no packages; nothing of ours but core types (request descriptors and guards are its own code)
//   server    -> core, protocol
//   cli       -> core
//   extension -> protocol (and vscode); never core, never mermaid
//   webview   -> protocol (and mermaid, its ELK layout)
// The per-folder tsconfigs catch DOM/Node globals; this catches imports.
// It also fails on an import cycle inside src/, through any import: ESLint's
// import-x/no-cycle skips `import type`, but a cycle of types still ties two modules
// together (ARCHITECTURE.md "Lint").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');
const allowed = {
  core: { layers: ['core'], packages: ['yaml', 'ajv'] },
  protocol: { layers: ['protocol', 'core'], packages: [] },
  server: { layers: ['server', 'core', 'protocol'], packages: ['vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-uri', 'node:*'] },
  cli: { layers: ['cli', 'core'], packages: ['node:*'] },
  extension: { layers: ['extension', 'protocol'], packages: ['vscode', 'vscode-languageclient', 'node:*'] },
  webview: { layers: ['webview', 'protocol'], packages: ['mermaid', '@mermaid-js/layout-elk'] },
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const failures = [];
let checked = 0;
/** file -> the files of src/ it imports (types, re-exports and dynamic imports included). */
const graph = new Map();
for (const [layer, rule] of Object.entries(allowed)) {
  let dir;
  try {
    dir = statSync(join(src, layer)).isDirectory() ? join(src, layer) : undefined;
  } catch {
    continue;
  }
  if (!dir) continue;
  for (const file of files(dir)) {
    checked++;
    const text = readFileSync(file, 'utf8');
    const imports = [];
    graph.set(file, imports);
    const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (const m of text.matchAll(re)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${relative(root, file)}:${line}`;
      const typeOnly = /^(?:import|export)\s+type\s/.test(m[0]);
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const rel = relative(src, target);
        const targetLayer = rel.startsWith('..') ? undefined : rel.split(sep)[0];
        const targetFile = [`${target}.ts`, join(target, 'index.ts')].find((f) => existsSync(f));
        if (targetFile) imports.push(targetFile);
        if (targetLayer === undefined) {
          // schemas/*.json and package.json are data, readable from core and server.
          if (!/\/schemas\/|package\.json$/.test(target)) failures.push(`${where}: imports ${spec}, outside src/`);
        } else if (layer === 'protocol' && targetLayer === 'core' && !typeOnly) {
          // The webview and the extension import the protocol: core code must not ride along.
          failures.push(`${where}: protocol may import only types from core (${spec})`);
        } else if (!rule.layers.includes(targetLayer) && !(layer === 'extension' && targetLayer === 'core' && typeOnly)) {
          failures.push(`${where}: ${layer} must not import ${targetLayer} (${spec})`);
        }
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        const ok = rule.packages.some((p) => p === pkg || (p === 'node:*' && spec.startsWith('node:')));
        if (!ok) failures.push(`${where}: ${layer} must not import the package ${spec}`);
      }
    }
  }
}
for (const cycle of cycles(graph)) failures.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(' -> ')}`);
if (failures.length > 0) {
  console.error(`Layer violations:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`layers: ${checked} files, no violations, no import cycle`);

/** One cycle (first file repeated at the end) per strongly connected group of files. */
function cycles(edges) {
  const found = [];
  const state = new Map(); // file -> 'open' while on the path, 'done' after
  const path = [];
  const visit = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}
