/**
 * The built language server (`node dist/server.js --stdio`) over a real LSP connection:
 * every feature asserted with exact positions and texts on the spec example and variants.
 */
import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { AnalysisRequest, type AnalysisResult, type PreviewDiagrams } from '../../src/protocol';
import { TestClient } from './support/lspClient';
import { edited, example } from '../support/example';
import { applyEdit, editsOf, positionOf, slice } from './support/lspEdits';

const COMPONENT_KINDS = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'service',
  'worker',
  'function',
  'cache',
  'sql-database',
  'nosql-database',
  'object-store',
  'queue',
  'stream',
  'search',
  'external',
];

describe('language server over LSP (dist/server.js --stdio)', function () {
  this.timeout(20000);
  let client: TestClient;
  let n = 0;
  const uri = () => `file:///work/design-${++n}.sysdesign.yaml`;

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, 'the server exits cleanly after shutdown + exit');
  });
  afterEach(() => {
    assert.deepEqual(
      client.logs.filter((l) => /failed/.test(l)),
      [],
      'no handler failed',
    );
  });

  /** Opens `text` under a fresh URI; returns the URI and its first diagnostics. */
  async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const u = uri();
    const published = await client.open(u, text);
    return { uri: u, diagnostics: published.diagnostics };
  }
  const td = (u: string) => ({ textDocument: { uri: u } });
  async function completionLabels(text: string, position: Position): Promise<CompletionItem[]> {
    const { uri: u } = await open(text);
    const r = (await client.connection.sendRequest(CompletionRequest.type, { ...td(u), position })) as CompletionItem[] | CompletionList | null;
    return Array.isArray(r) ? r : (r?.items ?? []);
  }
  async function hoverText(u: string, position: Position): Promise<string | undefined> {
    const h = await client.connection.sendRequest(HoverRequest.type, { ...td(u), position });
    return h ? (h.contents as MarkupContent).value : undefined;
  }

  it('initializes with every feature the extension relies on', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(client.initializeResult.serverInfo?.name, 'sysdesign-language-server');
    assert.equal(caps.textDocumentSync, 2);
    for (const key of [
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'documentSymbolProvider',
      'codeActionProvider',
      'codeLensProvider',
      'inlayHintProvider',
      'completionProvider',
      'renameProvider',
    ] as const) {
      assert.ok(caps[key], `${key} is advertised`);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  });

  describe('diagnostics', () => {
    it('the spec example has none', async () => {
      const { diagnostics } = await open(example);
      assert.deepEqual(diagnostics, []);
    });

    it('arrive on open on the exact characters, with code, source and severity; a fix clears them', async () => {
      const broken = edited('  - api -> photo-db: SQL', '  - api -> photo-dbb: SQL');
      const { uri: u, diagnostics } = await open(broken);
      // The misspelt id; `photo-db` is now connected to nothing; two flow steps no longer follow a connection.
      assert.deepEqual(
        diagnostics.map((x) => [x.code, slice(broken, x.range)]),
        [
          ['sysdesign/unconnected-component', 'photo-db'],
          ['sysdesign/unknown-component', 'photo-dbb'],
          ['sysdesign/step-without-connection', 'api -> photo-db'],
          ['sysdesign/step-without-connection', 'api -> photo-db'],
        ],
      );
      const d = diagnostics[1];
      assert.deepEqual(d.range, { start: { line: 121, character: 11 }, end: { line: 121, character: 20 } });
      assert.equal(slice(broken, d.range), 'photo-dbb');
      assert.equal(d.code, 'sysdesign/unknown-component');
      assert.equal(d.source, 'sysdesign');
      assert.equal(d.severity, 1);
      assert.equal(d.message, 'The connection names "photo-dbb", but no component has that id; did you mean "photo-db"?');

      const cleared = client.nextDiagnostics(u);
      await client.change(u, example, 2);
      const after = await cleared;
      assert.equal(after.version, 2);
      assert.deepEqual(after.diagnostics, []);
    });

    it('are debounced while typing: a burst of edits gives one result, for the last version', async () => {
      const { uri: u } = await open(example);
      const next = client.nextDiagnostics(u);
      const before = client.published.length;
      // Five quick edits; only the last one is valid YAML-wise different (a typo).
      for (let v = 2; v <= 5; v++) await client.change(u, edited('members: [lb, api,', `members: [lb, ap${'i'.repeat(v)},`), v);
      await client.change(u, edited('members: [lb, api,', 'members: [lb, apx,'), 6);
      const published = await next;
      assert.equal(published.version, 6, 'results for older versions are dropped');
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['sysdesign/unknown-component'],
      );
      assert.equal(client.published.length - before, 1);
    });

    it('are cleared when the document closes', async () => {
      const { uri: u, diagnostics } = await open(edited('members: [lb, api,', 'members: [lb, apx,'));
      assert.equal(diagnostics.length, 1);
      const cleared = client.nextDiagnostics(u);
      await client.close(u);
      assert.deepEqual((await cleared).diagnostics, []);
    });

    it('YAML 1.1 booleans are warnings with a quick fix', async () => {
      const text = edited('      important: false', '      important: no');
      const { uri: u, diagnostics } = await open(text);
      const d = diagnostics.find((x) => x.code === 'sysdesign/yaml-1.1-boolean')!;
      assert.equal(d.severity, 2);
      assert.equal(slice(text, d.range), 'no');
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { ...td(u), range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Write false')!;
      assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(applyEdit(text, u, fix.edit!), example);
    });
  });

  describe('completion', () => {
    it('lists the component kinds, in schema order with their docs, after `kind: `', async () => {
      const text = edited('    kind: cache\n', '    kind: \n');
      const items = await completionLabels(text, { line: 110, character: 10 });
      assert.deepEqual(
        items.map((i) => i.label),
        COMPONENT_KINDS,
      );
      const cache = items.find((i) => i.label === 'cache')!;
      assert.equal((cache.documentation as MarkupContent).value, '**In-memory key-value store** for hot data (e.g. Redis, Memcached).');
      assert.deepEqual(cache.textEdit, { range: { start: { line: 110, character: 10 }, end: { line: 110, character: 10 } }, newText: 'cache' });
    });

    it('adds the missing space right after `kind:`', async () => {
      const items = await completionLabels(edited('    kind: cache\n', '    kind:\n'), { line: 110, character: 9 });
      assert.equal(items.find((i) => i.label === 'queue')?.textEdit?.newText, ' queue');
    });

    it('other enums: op, method, consistency and traffic kind', async () => {
      // The cursor goes at the end of `to`, before its line break.
      const labels = async (from: string, to: string) => {
        const text = edited(from, to);
        return (await completionLabels(text, positionOf(text, to, to.endsWith('\n') ? to.length - 1 : to.length))).map((i) => i.label);
      };
      assert.deepEqual(await labels('      op: update\n', '      op: \n'), ['create', 'read', 'update', 'delete', 'search', 'other']);
      assert.deepEqual(await labels('    method: PATCH\n', '    method: \n'), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      assert.deepEqual(await labels('consistency: eventual', 'consistency: '), ['strong', 'eventual', 'causal', 'read-your-writes']);
      assert.deepEqual(await labels('      kind: read\n', '      kind: \n'), ['read', 'write']);
    });

    it('offers component ids after `->` in connections and flow steps, and at the start of an arrow', async () => {
      const ids = ['client', 'cdn', 'lb', 'api', 'photo-db', 'blobs', 'feed-cache'];
      const t1 = edited('  - api -> feed-cache\n', '  - api -> \n');
      assert.deepEqual((await completionLabels(t1, { line: 123, character: 11 })).map((i) => i.label).sort(), [...ids].sort());
      const t2 = edited('      - api -> feed-cache: newest photo ids\n', '      - api -> f\n');
      const items = await completionLabels(t2, positionOf(t2, '      - api -> f\n', 16));
      assert.deepEqual(items.map((i) => i.label).sort(), [...ids].sort());
      // Replaces the typed `f`; components already connected to `api` sort first.
      assert.deepEqual((items.find((i) => i.label === 'feed-cache')?.textEdit as TextEdit).range, { start: { line: 145, character: 15 }, end: { line: 145, character: 16 } });
      assert.ok(items.find((i) => i.label === 'feed-cache')!.sortText! < items.find((i) => i.label === 'client')!.sortText!);
      const t3 = edited('  - api -> feed-cache\n', '  - \n');
      assert.deepEqual((await completionLabels(t3, { line: 123, character: 4 })).map((i) => i.label).sort(), [...ids].sort());
    });

    it('offers ids in `store:`, `members: [...]`, `requirement:` and latency targets', async () => {
      const store = edited('  - id: users\n    store: photo-db\n', '  - id: users\n    store: \n');
      assert.deepEqual(
        (await completionLabels(store, positionOf(store, '    store: \n', 11))).map((i) => i.label),
        ['client', 'cdn', 'lb', 'api', 'photo-db', 'blobs', 'feed-cache'],
      );
      const members = edited('members: [lb, api, photo-db, blobs, feed-cache]', 'members: [lb, ]');
      const m = await completionLabels(members, positionOf(members, 'members: [lb, ]', 14));
      assert.equal(m.length, 7);
      assert.equal(m.find((i) => i.label === 'api')?.detail, 'service · Photo API');
      const req = edited('    requirement: view-feed\n    steps:', '    requirement: \n    steps:');
      const r = await completionLabels(req, positionOf(req, '    requirement: \n', 17));
      assert.deepEqual(
        r.map((i) => [i.label, i.detail]),
        [
          ['upload-photo', 'create · A user uploads a photo with a caption'],
          ['view-feed', 'read · A user sees the newest photos of people they follow'],
          ['edit-caption', 'update · A user edits a caption'],
        ],
      );
      const latency = edited('      default: 500ms\n', '      \n');
      assert.deepEqual(
        (await completionLabels(latency, positionOf(latency, '\n      \n    consistency', 7))).map((i) => i.label),
        ['upload-photo', 'edit-caption', 'upload-photo-dry-run', 'view-feed-dry-run', 'default'],
      );
      // The same for availability written as a map of targets.
      const availability = edited('    availability: 99.99%\n', '    availability:\n      view-feed: 99.99%\n      \n');
      const keyed = await completionLabels(availability, positionOf(availability, '\n      \n    latency', 7));
      assert.deepEqual(
        keyed.map((i) => i.label),
        ['upload-photo', 'edit-caption', 'upload-photo-dry-run', 'view-feed-dry-run', 'default'],
      );
      assert.equal(keyed.at(-1)?.detail, 'availability target for everything else');
    });

    it('offers the keys a component may still have, with their docs', async () => {
      const text = edited('    tech: Redis\n', '    tech: Redis\n    \n');
      const items = await completionLabels(text, { line: 112, character: 4 });
      assert.deepEqual(
        items.map((i) => i.label),
        [
          'label',
          'description',
          'replicas',
          'shards',
          'capacity',
          'storage_capacity',
          'connections',
          'max_connections',
          'availability',
          'latency',
          'cost',
          'source',
          'sources',
          'stage',
        ],
      );
      const replicas = items.find((i) => i.label === 'replicas')!;
      assert.equal(replicas.textEdit?.newText, 'replicas: ');
      assert.match((replicas.documentation as MarkupContent).value, /1 - \(1 - a\)\^n/);
      const fresh = edited('    tech: Redis\n', '    tech: Redis\n  - \n');
      assert.deepEqual((await completionLabels(fresh, { line: 112, character: 4 })).map((i) => i.label).slice(0, 2), ['id', 'kind']);
    });

    it('offers the sections a design does not have yet', async () => {
      const text = 'sysdesign: 1\nname: Chat\n\n';
      const items = await completionLabels(text, { line: 2, character: 0 });
      assert.deepEqual(
        items.map((i) => i.label),
        ['description', 'requirements', 'estimation', 'apis', 'data_models', 'components', 'groups', 'connections', 'flows', 'scenarios'],
      );
      assert.equal(items.find((i) => i.label === 'components')?.textEdit?.newText, 'components:');
    });

    it('offers names from `values`, `users` and `dau` inside estimation expressions', async () => {
      const text = edited('size: 2MB + caption', 'size: 2MB + ca');
      const items = await completionLabels(text, positionOf(text, '2MB + ca', 8));
      assert.deepEqual(
        items.map((i) => [i.label, i.detail]),
        [
          ['photos_per_user', '2/day = 2/day'],
          ['caption', '200 bytes = 200 bytes'],
          ['users', 'total users = 50M'],
          ['dau', 'daily active users = 10M'],
        ],
      );
      assert.deepEqual((items[1].textEdit as TextEdit).range, { start: { line: 46, character: 18 }, end: { line: 46, character: 20 } });
      // Not while a number is being typed.
      const number = edited('size: 2MB + caption', 'size: 2');
      assert.deepEqual(await completionLabels(number, positionOf(number, 'size: 2 ', 7)), []);
    });

    it('offers nothing inside a comment', async () => {
      assert.deepEqual(await completionLabels(example, positionOf(example, '# step 5: dry runs', 7)), []);
    });
  });

  describe('hover', () => {
    let u: string;
    before(async () => {
      u = (await open(example)).uri;
    });

    it('a count: `dau: 10M`', async () => {
      assert.equal(await hoverText(u, positionOf(example, 'dau: 10M', 6)), '`dau` = **10M**\n\n- in base units: 10,000,000\n- dimension: count');
    });

    it('an expression with a name: `2MB + caption`', async () => {
      assert.equal(
        await hoverText(u, positionOf(example, '2MB + caption', 1)),
        '`size` = **2 MB**\n\n- in base units: 2,000,200 bytes\n- dimension: bytes\n- uses `caption` = 200 bytes',
      );
    });

    it('a rate in a longer period, and how each `B` was read', async () => {
      const text = edited('      per_user: 30/day\n', '      rate: 10M/month\n').replace('  dau: 10M ', '  dau: 1B  ').replace('size: 20 * 200KB', 'size: 20 * 2B   ');
      const { uri: v } = await open(text);
      assert.equal(await hoverText(v, positionOf(text, '10M/month', 2)), '`rate` = **3.86/s**\n\n- in base units: 3.85802 /s\n- dimension: rate (count per time)');
      assert.equal(
        await hoverText(v, positionOf(text, 'dau: 1B', 5)),
        '`dau` = **1B**\n\n- in base units: 1,000,000,000\n- dimension: count\n- `B` in `1B` is read as **billion** (write `bytes` or `GB` for a size)',
      );
      assert.equal(
        await hoverText(v, positionOf(text, '20 * 2B', 0)),
        '`size` = **40 bytes**\n\n- in base units: 40 bytes\n- dimension: bytes\n- `B` in `20 * 2B` is read as **bytes** (this field is a size)',
      );
    });

    it('a sourced figure names its source: a value in its long form, a traffic line, a component', async () => {
      const text = edited('    caption: 200 bytes\n', "    caption: { value: 200 bytes, source: 'Instagram, 2023' }\n").replace(
        '      per_user: 30/day\n',
        '      per_user: 30/day\n      sources: [App analytics, "Interview notes"]\n',
      );
      const { uri: v, diagnostics } = await open(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(
        await hoverText(v, positionOf(text, '200 bytes, source', 1)),
        '`values.caption` = **200 bytes**\n\n- in base units: 200 bytes\n- dimension: bytes\n- source: Instagram, 2023',
      );
      assert.match((await hoverText(v, positionOf(text, '2MB + caption', 1))) ?? '', /- uses `caption` = 200 bytes$/);
      assert.match((await hoverText(v, positionOf(text, 'per_user: 30/day', 11))) ?? '', /\n- source: App analytics\n- source: Interview notes$/);
    });

    it('an id says what it is', async () => {
      assert.equal(
        await hoverText(u, positionOf(example, '\n  - lb -> api\n', 11)),
        '**api**: `service` component\n- label: Photo API\n- replicas: 8\n- availability: 99.9%\n- latency: 20ms\n- calls: `photo-db`, `blobs`, `feed-cache`\n- called by: `lb`\n\n**Load at peak**: 10.5k/s (10.4k/s reads, 46.3/s writes)\n- `upload-photo-dry-run`: 46.3/s writes\n- `view-feed-dry-run`: 10.4k/s reads\n\n**Instances**: 8 = 1 shard \u00d7 8 replicas\n**Capacity**: 2k/s per instance, from `estimation.server_capacity` (`2000/s`)\n**Utilisation**: 65.4% = peak / (instances \u00d7 capacity) = 10.5k/s / (8 \u00d7 2k/s)\n**Needs**: 8 instances, the most of requests: peak / (capacity \u00d7 70% target), each rounded up\n**Losing one instance**: the rest stay under 100%\n**Queueing**: 40 workers per instance (capacity \u00d7 latency, Little\'s law); each shard is an M/M/c queue with c = 320: mean wait under 1 \u00b5s (Erlang C)\n\n**Cost**: \u2248 $470/month (30 days)\n- instance: $470 = `$0.0816/h` \u00d7 8 instances \u00d7 a month, the product\'s default (2026): Amazon EC2 On-Demand pricing, https://aws.amazon.com/ec2/pricing/on-demand/ (figure as quoted for us-east-1, June 2026, in "Amazon EC2 On-Demand Pricing (2026)", https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/)',
      );
      assert.equal(
        await hoverText(u, positionOf(example, '  - id: photo-db', 8)),
        '**photo-db**: `sql-database` component\n- tech: PostgreSQL\n- replicas: 3\n- called by: `api`\n\n**Load at peak**: 1.09k/s (1.04k/s reads, 46.3/s writes)\n- `upload-photo-dry-run`: 46.3/s writes\n- `view-feed-dry-run`: 1.04k/s reads\n\n**Instances**: 3 = 1 shard \u00d7 3 replicas\n**Capacity**: 1k/s per instance, the product\'s default (1k/s, 2026, an assumption): Assumption: there is no authoritative throughput figure for PostgreSQL; it depends on the queries, indexes, hardware and the working set fitting in memory. 1,000 writes/s (transactions that each touch a few rows) and ~10,000 simple indexed reads/s per node are typical interview figures for one relational primary.\n**Utilisation**: 39.4% = (reads / instances + writes / shards) / capacity = (1.04k/s / 3 + 46.3/s / 1) / 1k/s\n**Stored**: 7.3 TB (one copy) = bytes written per second \u00d7 retention\n- 70.4 TB per instance, the product\'s default (64 TiB, 2026): Amazon RDS User Guide, Increasing DB instance storage capacity: "Every DB instance has a primary storage volume with a maximum capacity of 64 TiB", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html\n**Needs**: 1 shard of 3 (3 instances), the most of requests: (reads / replicas + writes) / (capacity \u00d7 70%); data: stored / storage per instance, each rounded up\n**Losing one instance**: the rest stay under 100%\n\n**Cost**: \u2248 $2.9k/month (30 days)\n- instance: $384 = `$0.178/h` \u00d7 3 instances \u00d7 a month, the product\'s default (2026, an assumption): Assumption: the RDS for PostgreSQL on-demand list price of db.m5.large, Single-AZ, us-east-1 as recalled ($0.178/h), https://aws.amazon.com/rds/postgresql/pricing/; not found in the stored copies of the page.\n- storage: $2.52k = `$0.115/GB/month` \u00d7 7.3 TB \u00d7 3 copies (one per replica) \u00d7 a month, the product\'s default (2026): Amazon RDS pricing, https://aws.amazon.com/rds/pricing/ (gp3 storage $0.115 per GB-month in us-east-1, as quoted in "RDS pricing calculator", https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/)',
      );
      assert.equal(
        await hoverText(u, positionOf(example, '    requirement: view-feed\n    steps', 18)),
        '**view-feed**: functional requirement (`read`)\n\nA user sees the newest photos of people they follow\n\n- API: `GET /v1/feed?cursor={cursor}`\n- dry run: `view-feed-dry-run`',
      );
    });

    it('a key shows its schema docs, an enum value its meaning', async () => {
      assert.equal(
        await hoverText(u, positionOf(example, '  server_capacity', 3)),
        '**server_capacity**\n\nRequests per second one server handles, e.g. 2000/s; gives the number of servers needed.',
      );
      assert.equal(await hoverText(u, positionOf(example, 'kind: object-store', 9)), '`object-store`: **Blob storage** for large files by key (e.g. S3, GCS).');
    });
  });

  describe('definition, references, rename', () => {
    let u: string;
    before(async () => {
      u = (await open(example)).uri;
    });

    it('definition of an id in a connection is the component', async () => {
      const loc = (await client.connection.sendRequest(DefinitionRequest.type, { ...td(u), position: { line: 120, character: 10 } })) as Location;
      assert.deepEqual(loc, { uri: u, range: { start: { line: 96, character: 8 }, end: { line: 96, character: 11 } } });
      const value = (await client.connection.sendRequest(DefinitionRequest.type, { ...td(u), position: positionOf(example, '2MB + caption', 8) })) as Location;
      assert.equal(slice(example, value.range), 'caption');
      assert.equal(value.range.start.line, 41);
    });

    it('references of `api`: 13 uses and the definition', async () => {
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
        ...td(u),
        position: { line: 96, character: 9 },
        context: { includeDeclaration: true },
      })) as Location[];
      assert.equal(refs.length, 14);
      assert.ok(refs.every((r) => slice(example, r.range) === 'api'));
      assert.deepEqual(
        refs.map((r) => r.range.start.line + 1),
        [97, 116, 121, 122, 123, 124, 136, 137, 138, 139, 145, 146, 147, 148],
      );
      const withoutDecl = (await client.connection.sendRequest(ReferencesRequest.type, {
        ...td(u),
        position: { line: 120, character: 10 },
        context: { includeDeclaration: false },
      })) as Location[];
      assert.equal(withoutDecl.length, 13);
    });

    it('prepareRename gives the id range; rename edits exactly every span', async () => {
      const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { ...td(u), position: { line: 120, character: 11 } });
      assert.deepEqual(prepared, { range: { start: { line: 120, character: 10 }, end: { line: 120, character: 13 } }, placeholder: 'api' });
      const edit = (await client.connection.sendRequest(RenameRequest.type, { ...td(u), position: { line: 120, character: 11 }, newName: 'photo-api' })) as WorkspaceEdit;
      assert.equal(edit.documentChanges?.length, 1, 'a versioned edit');
      assert.deepEqual((edit.documentChanges![0] as { textDocument: unknown }).textDocument, { uri: u, version: 1 });
      const edits = editsOf(u, edit);
      assert.equal(edits.length, 14);
      assert.ok(edits.every((e) => slice(example, e.range) === 'api' && e.newText === 'photo-api'));
      const renamed = applyEdit(example, u, edit);
      const lines = new Set([97, 116, 121, 122, 123, 124, 136, 137, 138, 139, 145, 146, 147, 148]);
      const expected = example
        .split('\n')
        .map((line, i) => (lines.has(i + 1) ? line.replace(/(?<![\w/-])api(?![\w-])/, 'photo-api') : line))
        .join('\n');
      assert.equal(renamed, expected);
      const { diagnostics } = await open(renamed);
      assert.deepEqual(diagnostics, [], 'the renamed design is still valid');
    });

    it('renames a value name in its expressions', async () => {
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        ...td(u),
        position: positionOf(example, '    caption: 200 bytes', 5),
        newName: 'caption_bytes',
      })) as WorkspaceEdit;
      const renamed = applyEdit(example, u, edit);
      assert.equal(renamed, example.replace('    caption: 200 bytes', '    caption_bytes: 200 bytes').replace('2MB + caption', '2MB + caption_bytes'));
    });

    it('refuses a taken name, an invalid id and a value name with `-`', async () => {
      const refusal = async (position: Position, newName: string) => {
        try {
          await client.connection.sendRequest(RenameRequest.type, { ...td(u), position, newName });
        } catch (error) {
          assert.ok(error instanceof ResponseError);
          return error.message;
        }
        assert.fail('the rename was not refused');
      };
      assert.equal(await refusal({ line: 120, character: 11 }, 'lb'), 'A component named "lb" already exists (line 95); choose another name.');
      assert.equal(await refusal({ line: 120, character: 11 }, 'photo api'), '"photo api" is not a valid id: use letters, digits, "-" and "_", starting with a letter or "_".');
      assert.match(await refusal(positionOf(example, '    caption: 200 bytes', 5), 'cap-tion'), /not a valid value name/);
      assert.match(await refusal(positionOf(example, '    caption: 200 bytes', 5), 'dau'), /reserved/);
      assert.match(await refusal(positionOf(example, '# step 5: dry runs', 3), 'x'), /Only ids can be renamed/);
    });
  });

  it('document symbols: the outline by step', async () => {
    const { uri: u } = await open(example);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, td(u))) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.range.start.line, s.range.end.line]),
      [
        ['Requirements', 'step 1', 4, 29],
        ['Estimation', 'step 2', 31, 55],
        ['API', 'step 3', 57, 72],
        ['Data Model', 'step 4', 74, 86],
        ['Design', 'step 5', 88, 148],
      ],
    );
    const design = symbols[4];
    assert.deepEqual(
      design.children!.map((c) => [c.name, c.children!.map((x) => x.name)]),
      [
        ['Components', ['client', 'cdn', 'lb', 'api', 'photo-db', 'blobs', 'feed-cache']],
        ['Groups', ['backend']],
        ['Connections', ['client -> cdn', 'client -> lb', 'lb -> api', 'api -> photo-db', 'api -> blobs', 'api -> feed-cache', 'blobs -> cdn']],
        ['Flows', ['upload-photo-dry-run', 'view-feed-dry-run']],
      ],
    );
    const api = design.children![0].children![3];
    assert.deepEqual(api.selectionRange, { start: { line: 96, character: 8 }, end: { line: 96, character: 11 } });
    assert.equal(api.detail, 'service');
    assert.deepEqual(
      symbols[1].children!.map((c) => c.name),
      ['photos_per_user', 'caption', 'upload-photo', 'view-feed'],
    );
    assert.deepEqual(
      symbols[3].children!.map((c) => [c.name, c.children!.map((f) => f.name)]),
      [
        ['photos', ['photo_id', 'user_id', 'caption', 'created_at']],
        ['users', ['user_id', 'name']],
      ],
    );
  });

  describe('quick fixes', () => {
    async function actionsFor(text: string, code: string): Promise<{ uri: string; actions: CodeAction[] }> {
      const { uri: u, diagnostics } = await open(text);
      const d = diagnostics.find((x) => x.code === code);
      assert.ok(d, `a ${code} diagnostic among ${diagnostics.map((x) => x.code).join(', ')}`);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { ...td(u), range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      for (const a of actions) assert.deepEqual(a.diagnostics, [d], 'each fix names its diagnostic');
      return { uri: u, actions };
    }

    it('creates a missing component at the end of `components:` in the document’s indentation', async () => {
      const text = edited('  - api -> feed-cache\n', '  - api -> feed-cache\n  - api -> queue\n');
      const { uri: u, actions } = await actionsFor(text, 'sysdesign/unknown-component');
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Create component "queue"'],
      );
      const fixed = applyEdit(text, u, actions[0].edit!);
      assert.equal(fixed, edited('    tech: Redis\n', '    tech: Redis\n  - id: queue\n    kind: service\n', text));
      const { diagnostics } = await open(fixed);
      assert.deepEqual(diagnostics, []);
    });

    it('keeps CRLF line endings and touches nothing else', async () => {
      const text = edited('  - api -> feed-cache\n', '  - api -> feed-cache\n  - api -> queue\n').replace(/\n/g, '\r\n');
      const { uri: u, actions } = await actionsFor(text, 'sysdesign/unknown-component');
      const edits = editsOf(u, actions[0].edit!);
      assert.equal(edits.length, 1);
      assert.equal(edits[0].newText, '\r\n  - id: queue\r\n    kind: service');
      assert.deepEqual(edits[0].range, { start: { line: 111, character: 15 }, end: { line: 111, character: 15 } });
      assert.equal(applyEdit(text, u, actions[0].edit!), edited('    tech: Redis\r\n', '    tech: Redis\r\n  - id: queue\r\n    kind: service\r\n', text));
    });

    it('did you mean: replaces exactly the misspelt id, and can create it instead', async () => {
      const text = edited('  - api -> photo-db: SQL', '  - api -> photo-dbb: SQL');
      const { uri: u, actions } = await actionsFor(text, 'sysdesign/unknown-component');
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [
          ['Change to "photo-db"', true],
          ['Create component "photo-dbb"', undefined],
        ],
      );
      assert.equal(applyEdit(text, u, actions[0].edit!), example);
    });

    it('creates the connection a flow step needs', async () => {
      const text = edited('      - api -> feed-cache: newest photo ids\n', '      - api -> cdn: newest photo ids\n');
      const { uri: u, actions } = await actionsFor(text, 'sysdesign/step-without-connection');
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Add connection "api -> cdn"'],
      );
      assert.equal(applyEdit(text, u, actions[0].edit!), edited('    latency: 5ms\n', '    latency: 5ms\n  - api -> cdn\n', text));
    });

    it('creates a missing requirement, and a missing section', async () => {
      const text = edited('    requirement: view-feed\n    steps:', '    requirement: share-photo\n    steps:');
      const { uri: u, actions } = await actionsFor(text, 'sysdesign/unknown-requirement');
      const create = actions.find((a) => a.title === 'Create requirement "share-photo"')!;
      assert.ok(create, actions.map((a) => a.title).join(', '));
      assert.equal(
        applyEdit(text, u, create.edit!),
        edited(
          '      important: false              # default true: important ones need a dry run\n',
          '      important: false              # default true: important ones need a dry run\n    - id: share-photo\n      text: TODO describe share-photo\n',
          text,
        ),
      );

      const bare = 'sysdesign: 1\nname: Chat\nconnections:\n  - client -> api\n';
      const b = await actionsFor(bare, 'sysdesign/unknown-component');
      assert.deepEqual(
        b.actions.map((a) => a.title),
        ['Create component "client"'],
      );
      assert.equal(applyEdit(bare, b.uri, b.actions[0].edit!), 'sysdesign: 1\nname: Chat\ncomponents:\n  - id: client\n    kind: service\n\nconnections:\n  - client -> api\n');
    });
  });

  it('inlay hints: computed values at the end of estimation lines', async () => {
    const { uri: u } = await open(example);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { ...td(u), range: { start: { line: 0, character: 0 }, end: { line: 149, character: 0 } } });
    assert.deepEqual(
      hints!.map((h) => [h.position.line + 1, example.split('\n')[h.position.line].slice(0, h.position.character).trim(), h.label]),
      [
        [46, 'per_user: photos_per_user * 10%', '= 6/month × dau = 23.1/s'],
        [47, 'size: 2MB + caption', '= 2 MB → 4 TB/day'],
        [50, 'per_user: 30/day', '× dau = 3.47k/s'],
        [51, 'size: 20 * 200KB', '= 4 MB → 13.9 GB/s'],
        [53, 'retention: 10y', '= 10 years → 43.8 PB stored'],
        [55, 'cache_hot_ratio: 20%', '→ cache 240 TB'],
        [56, 'server_capacity: 2000/s', '= 2k/s → 6 servers'],
        [100, 'replicas: 8', '→ 65.4% at peak'],
        [106, 'replicas: 3', '→ 39.4% at peak'],
      ],
    );
    const only = await client.connection.sendRequest(InlayHintRequest.type, { ...td(u), range: { start: { line: 49, character: 0 }, end: { line: 49, character: 40 } } });
    assert.deepEqual(
      only!.map((h) => h.label),
      ['× dau = 3.47k/s'],
    );
    // A rate reads in the period it was written: per second only where the source says the rest (issue #15).
    const periods = ['sysdesign: 1', 'name: Periods', 'estimation:', '  values:', '    uploads: 1M/min', '    doubled: uploads * 2', '    mixed: uploads + 10/s', ''].join('\n');
    const { uri: p } = await open(periods);
    const periodHints = await client.connection.sendRequest(InlayHintRequest.type, { ...td(p), range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } });
    assert.deepEqual(
      periodHints!.map((h) => [h.position.line + 1, h.label]),
      [
        [5, '= 16.7k/s'],
        [6, '= 2M/min (33.3k/s)'],
        [7, '= 16.7k/s'],
      ],
    );
  });

  it('code lenses: totals, traffic lines, downtime budget and flows', async () => {
    const { uri: u } = await open(example);
    const all = (await client.connection.sendRequest(CodeLensRequest.type, td(u)))!;
    // Each component also has *Focus* (issue #17): the client's focus view of that component.
    const focus = all.filter((l) => l.command?.title === 'Focus');
    assert.deepEqual(
      focus.map((l) => [l.range.start.line + 1, l.command?.command, l.command?.arguments]),
      ['client', 'cdn', 'lb', 'api', 'photo-db', 'blobs', 'feed-cache'].map((id) => [
        example.split('\n').findIndex((line) => line === `  - id: ${id}`) + 1,
        'sysdesign.focusComponent',
        [u, id],
      ]),
    );
    const lenses = all.filter((l) => l.command?.title !== 'Focus');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line + 1, l.command?.title]),
      [
        [32, 'Reads 3.47k/s (peak 10.4k/s) · Writes 23.1/s (peak 46.3/s) · 150:1 read:write'],
        [32, 'Storage 4 TB/day · 120 TB/month · 1.46 PB/year · 43.8 PB total'],
        [32, 'In 46.3 MB/s · Out 13.9 GB/s · Cache 240 TB · Servers 6'],
        [44, '23.1/s avg · 46.3/s peak · 46.3 MB/s in · 4 TB/day stored'],
        [48, '3.47k/s avg · 10.4k/s peak · 13.9 GB/s out'],
        [23, 'Downtime budget 52.6 min/year · 4.32 min/month · 1.01 min/week · 8.64 s/day'],
        // 99.9% with 8 replicas: 1 - 0.001^8 is 1 to double precision
        [132, '6 hops · availability 100% ✓ (target 99.99%) · latency 20 ms ✓ (target 500 ms) · 46.3/s at peak · single points of failure: lb, blobs'],
        [141, '6 hops · availability 100% ✓ (target 99.99%) · latency 20 ms ✓ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache'],
        // the cost a month (SPEC 5.4): the lb sends the feed's 13.9 GB/s to the clients at $0.09/GB
        [89, 'Cost ≈ $3.58M/month · $0.395 per 1,000 requests · $0.358 per DAU per month'],
        // each component's load at peak (SPEC 5.2): peak, instances × capacity, utilisation, stored; its cost
        [95, 'peak 10.5k/s · 1 × 100k/s · 10.5% · ≈ $3.24M/month'],
        [97, 'peak 10.5k/s · 8 × 2k/s · 65.4% · ≈ $470/month'],
        [103, 'peak 1.09k/s · 3 × 1k/s · 39.4% · 7.3 TB stored · ≈ $2.9k/month'],
        [107, 'peak 46.3/s · 1 × 3.5k/s · 1.32% · 14.6 PB stored · ≈ $336k/month'],
        [110, 'peak 10.4k/s · 1 × 81k/s · 12.9% · ≈ $158/month'],
      ],
    );
    assert.ok(
      lenses.every((l) => l.command?.command === ''),
      'lenses run nothing',
    );
    const slow = edited('    latency: 20ms\n', '    latency: 250ms\n');
    const { uri: s } = await open(slow);
    const titles = (await client.connection.sendRequest(CodeLensRequest.type, td(s)))!.map((l) => l.command?.title).filter((t) => t !== 'Focus');
    assert.equal(titles[7], '6 hops · availability 100% ✓ (target 99.99%) · latency 250 ms ✗ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache');
    // Availability by requirement: each target has its budget, the dry runs theirs (issue #15).
    const byRequirement = edited('    availability: 99.99%\n', '    availability:\n      upload-photo: 99.9%\n      default: 99.999%\n');
    const { uri: m } = await open(byRequirement);
    const mapped = (await client.connection.sendRequest(CodeLensRequest.type, td(m)))!.map((l) => [l.range.start.line + 1, l.command?.title]);
    assert.deepEqual(
      mapped.filter(([, title]) => /Downtime budget|hops/.test(String(title))),
      [
        [24, 'Downtime budget 8.76 h/year · 43.2 min/month · 10.1 min/week · 1.44 min/day'],
        [25, 'Downtime budget 5.26 min/year · 25.9 s/month · 6.05 s/week · 864 ms/day'],
        [134, '6 hops · availability 100% ✓ (target 99.9%) · latency 20 ms ✓ (target 500 ms) · 46.3/s at peak · single points of failure: lb, blobs'],
        [143, '6 hops · availability 100% ✓ (target 99.999%) · latency 20 ms ✓ (target 200 ms) · 10.4k/s at peak · single points of failure: lb, feed-cache'],
      ],
    );
  });

  it('scenarios: a lens with each headline; the one shown drives lenses, hovers, inlay hints, steps and diagrams (issue #16)', async () => {
    const text = `${example.trimEnd()}\n\nscenarios:\n  - id: launch-day\n    label: Launch day\n    set:\n      dau: 100M\n  - id: cache-down\n    fail: [feed-cache]\n`;
    const { uri: u } = await open(text);
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    const lensesAt = async (l: number) =>
      (await client.connection.sendRequest(CodeLensRequest.type, td(u)))!
        .filter((x) => x.range.start.line === l)
        .map((x) => [x.command?.title, x.command?.command, x.command?.arguments]);
    assert.deepEqual(await lensesAt(line('id: launch-day')), [
      ['peak 105k/s · 98 instances needed · ≈ $35.8M/month · over capacity: lb, api, photo-db, feed-cache', '', undefined],
      ['Show in the editor', 'sysdesign.selectScenario', [u, 'launch-day']],
    ]);
    // The scenario's hover traces its lens: what it sets, and each headline figure beside the base's.
    const scenarioHover = (await hoverText(u, { line: line('id: launch-day'), character: 10 })) ?? '';
    assert.match(scenarioHover, /^\*\*launch-day\*\*: scenario\n- label: Launch day\n- sets `dau` to `100M` = \*\*100M\*\*\n/);
    assert.match(scenarioHover, /\n- Peak requests: 105k\/s \(\+94\.2k\/s, ×10\), base 10\.5k\/s\n/);
    assert.match(scenarioHover, /\n- Instances needed: 98 \(\+84, ×7\), base 14\n/);
    assert.deepEqual((await lensesAt(line('id: cache-down')))[0], ['peak 10.5k/s · 14 instances needed · ≈ $3.58M/month · down: feed-cache · broken: view-feed', '', undefined]);
    const scenarioRequest = (params: object) =>
      client.connection.sendRequest('sysdesign/scenario', { uri: u, ...params }) as Promise<{ active: string | null; scenarios: Array<{ id: string; headline: string }> } | null>;
    assert.deepEqual((await scenarioRequest({}))?.active, null);
    assert.deepEqual((await scenarioRequest({ scenario: 'no-such' }))?.active, null, 'an unknown scenario shows the base');
    const shown = await scenarioRequest({ scenario: 'launch-day' });
    assert.equal(shown?.active, 'launch-day');
    assert.deepEqual(
      shown?.scenarios.map((s) => s.id),
      ['launch-day', 'cache-down'],
    );
    // The figures are the scenario's: the traffic lens, the inlay hint, the hover on a value that uses dau, the steps.
    const estimation = line('estimation:');
    assert.equal((await lensesAt(estimation))[0][0], 'Showing scenario "Launch day": show the base design');
    assert.deepEqual((await lensesAt(estimation))[0][2], [u, null]);
    assert.match(String((await lensesAt(line('    - id: view-feed\n      kind: read')))[0][0]), /^34\.7k\/s avg · 104k\/s peak/);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      ...td(u),
      range: { start: { line: line('per_user: 30/day'), character: 0 }, end: { line: line('per_user: 30/day'), character: 40 } },
    });
    assert.deepEqual(
      hints!.map((h) => h.label),
      ['× dau = 34.7k/s'],
    );
    const summary = (await client.connection.sendRequest(AnalysisRequest.method, { uri: u })) as AnalysisResult;
    assert.deepEqual(summary?.scenario, { id: 'launch-day', label: 'Launch day' });
    const apiHover = await hoverText(u, { line: line('  - id: api'), character: 9 });
    assert.match(apiHover ?? '', /^_Scenario `launch-day`_\n\n\*\*api\*\*/);
    assert.match(apiHover ?? '', /\*\*Load at peak\*\*: 105k\/s/);
    // The preview's diagrams: the picker's choices and what the shown scenario fails and breaks.
    await scenarioRequest({ scenario: 'cache-down' });
    const diagrams = (await client.connection.sendRequest('sysdesign/diagrams', { uri: u })) as PreviewDiagrams;
    assert.deepEqual(diagrams.scenarios?.choices, [
      { id: 'launch-day', label: 'Launch day' },
      { id: 'cache-down', label: 'cache-down' },
    ]);
    assert.deepEqual(diagrams.scenarios?.active?.failed, ['feed-cache']);
    assert.deepEqual(diagrams.scenarios?.active?.brokenFlows, ['view-feed-dry-run']);
    const cacheNode = diagrams.views[0].nodes.find((n) => n.id === 'feed-cache')?.nodeId;
    assert.deepEqual(diagrams.scenarios?.active?.failedNodes, [cacheNode]);
    assert.equal(diagrams.load?.components.find((c) => c.id === 'feed-cache')?.failed, true);
    assert.equal(diagrams.views.find((v) => v.key === 'flow:view-feed-dry-run')?.title, 'Dry run: view-feed-dry-run (broken)');
    // The numbers view has the base and every scenario side by side, the base as written whatever is shown.
    const compared = diagrams.estimates.find((s) => s.title === 'Base and scenarios');
    assert.deepEqual(compared?.rows[0], { label: 'Peak requests', value: 'Base: 10.5k/s · Launch day: 105k/s (+94.2k/s, ×10) · cache-down: 10.5k/s' });
    // Back to the base.
    assert.equal((await scenarioRequest({ scenario: null }))?.active, null);
    assert.match(String((await lensesAt(line('    - id: view-feed\n      kind: read')))[0][0]), /^3\.47k\/s avg/);
  });

  it('sysdesign/analysis: the five steps with items and ranges', async () => {
    const { uri: u } = await open(edited('members: [lb, api,', 'members: [lb, apx,'));
    const summary = (await client.connection.sendRequest(AnalysisRequest.method, { uri: u })) as AnalysisResult;
    assert.ok(summary);
    assert.equal(summary.version, 1);
    assert.equal(summary.name, 'Photo sharing');
    assert.deepEqual(summary.problems, { errors: 1, warnings: 0, infos: 0 });
    assert.deepEqual(
      summary.steps.map((s) => [s.key, s.number, s.title, s.status]),
      [
        ['requirements', 1, 'Requirements', 'done'],
        ['estimation', 2, 'Estimation', 'done'],
        ['api', 3, 'API', 'done'],
        ['data-model', 4, 'Data Model', 'done'],
        ['design', 5, 'Design', 'problems'],
      ],
    );
    const components = summary.steps[4].items.find((i) => i.key === 'folder:components')!;
    assert.deepEqual(components.children![3].range, { start: { line: 96, character: 4 }, end: { line: 102, character: 0 } });
    assert.equal(await client.connection.sendRequest(AnalysisRequest.method, { uri: 'file:///not/open.sysdesign.yaml' }), null);
  });
});

describe('language server settings', function () {
  this.timeout(20000);

  it('sysdesign.codeLens.enabled, inlayHints.enabled and estimation.defaultConventions', async () => {
    const client = await TestClient.start({
      settings: { codeLens: { enabled: false }, inlayHints: { enabled: false }, estimation: { defaultConventions: { seconds_per_day: 100000 } } },
    });
    try {
      const uri = 'file:///settings.sysdesign.yaml';
      const text = example.replace('    seconds_per_day: 86400          # 100k reproduces the "DAU / 100k" rule of thumb\n', '');
      await client.open(uri, text);
      await client.lensRefreshed(1);
      assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
      assert.deepEqual(
        await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }),
        [],
      );

      await client.changeSettings({ estimation: { defaultConventions: { seconds_per_day: 100000 } } });
      // The server pulls the new settings, applies them, then asks the client to refresh its lenses.
      await client.lensRefreshed(2);
      const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!;
      // DAU / 100k: 10M x 30/day / 100,000 s = 3,000/s.
      assert.equal(lenses.find((l) => l.range.start.line === 46)?.command?.title, '3k/s avg · 9k/s peak · 12 GB/s out');
    } finally {
      await client.stop();
    }
  });

  it('a client without workspace/configuration or versioned edits still works', async () => {
    const client = await TestClient.start({ plain: true });
    try {
      const uri = 'file:///plain.sysdesign.yaml';
      await client.open(uri, example);
      const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line: 96, character: 9 }, newName: 'core' }))!;
      assert.equal(edit.documentChanges, undefined);
      assert.equal(edit.changes![uri].length, 14);
    } finally {
      await client.stop();
    }
  });
});
