/**
 * Deterministic designs of a given size, for benchmarks and robustness tests. The same
 * `lines` always gives the same text; the design is valid and cross-referenced, so a
 * benchmark measures the whole pipeline, not an early exit.
 *
 * The load model (SPEC 5.1, 5.2) is exercised the way a real design exercises it: every
 * flow runs at the rate of the traffic line whose id is its requirement (every fifth also
 * names it with `traffic:`), some steps carry `calls:` (an index read on 10 % of writes,
 * a fan-out of 3 reads), `size:` and `kind:`, and every component that takes load says
 * its `capacity`, `replicas` and (databases) `shards` and `storage_capacity`. Those are
 * sized here, from the same traffic, at 50 % utilisation with one instance to spare, so
 * the design has no capacity problems at any size: a benchmark times the figures, not
 * the messages of an under-provisioned design.
 */
export function generateDesign(lines: number): string {
  const services = Math.max(2, Math.round((lines - FIXED_LINES) / LINES_PER_SERVICE));
  const dbs = Math.min(4, services);
  const design = sizing(services, dbs);
  const out: string[] = ['sysdesign: 1', `name: Generated design of about ${lines} lines`, 'requirements:', '  functional:'];
  for (let i = 0; i < services; i++) {
    out.push(`    - id: req-${i}`, `      text: Users do thing ${i}`, `      op: ${isWrite(i) ? 'create' : 'read'}`);
  }
  out.push('  out_of_scope:', '    - Billing', '  non_functional:', '    availability: 99.9%', '    latency:', '      default: 500ms');
  out.push('estimation:', `  dau: ${DAU / 1e6}M`, '  values:');
  for (let i = 0; i < services; i++) out.push(`    size_${i}: ${sizeKB(i)}KB`);
  out.push('  traffic:');
  for (let i = 0; i < services; i++) {
    out.push(`    - id: req-${i}`, `      kind: ${isWrite(i) ? 'write' : 'read'}`, `      per_user: ${perUser(i)}/day`, `      size: size_${i} * 2`);
  }
  out.push('  retention: 5y', '  replication: 3', '  cache_hot_ratio: 20%', `  server_capacity: ${SERVER_CAPACITY}/s`);
  out.push('apis:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: api-${i}`, `    method: ${isWrite(i) ? 'POST' : 'GET'}`, `    path: /v1/things${i}`, `    requirement: req-${i}`);
  }
  out.push('data_models:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: table_${i}`, `    store: db-${i % dbs}`, '    fields:', `      id_${i}: uuid pk`, '      created_at: timestamp index');
  }
  out.push(
    'components:',
    '  - id: client',
    '    kind: client',
    '  - id: lb',
    '    kind: load-balancer',
    `    capacity: ${LB_CAPACITY / 1000}k/s`,
    `    replicas: ${design.lbReplicas}`,
  );
  for (let j = 0; j < dbs; j++) {
    out.push(
      `  - id: db-${j}`,
      '    kind: sql-database',
      `    capacity: ${DB_CAPACITY / 1000}k/s`,
      `    replicas: ${DB_REPLICAS}`,
      `    shards: ${design.dbShards[j]}`,
      `    storage_capacity: ${DB_STORAGE_TB}TB`,
      '    availability: 99.95%',
    );
  }
  for (let i = 0; i < services; i++) {
    out.push(`  - id: svc-${i}`, '    kind: service', '    latency: 10ms');
    if (i % 2 === 0) out.push(`    capacity: ${SERVICE_CAPACITY / 1000}k/s`);
    out.push(`    replicas: ${design.serviceReplicas[i]}`);
  }
  out.push('connections:', '  - client -> lb: HTTPS');
  for (let i = 0; i < services; i++) out.push(`  - lb -> svc-${i}`, `  - svc-${i} -> db-${i % dbs}: SQL`);
  out.push('flows:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: flow-${i}`, `    requirement: req-${i}`);
    if (i % 5 === 0) out.push(`    traffic: req-${i}`);
    out.push('    steps:', '      - client -> lb');
    // The request's own size on every fourth route; the others take the traffic line's.
    out.push(i % 4 === 1 ? `      - lb -> svc-${i}: { label: route, size: size_${i} }` : `      - lb -> svc-${i}`);
    const db = `db-${i % dbs}`;
    if (extraStep(i) === 'index') out.push(`      - svc-${i} -> ${db}: { label: check index, calls: ${INDEX_CALLS * 100}%, kind: read, size: 200 bytes }`);
    if (extraStep(i) === 'fan-out') out.push(`      - svc-${i} -> ${db}: { label: related rows, calls: ${FAN_OUT}, size: 1KB }`);
    out.push(`      - svc-${i} -> ${db}: query`);
  }
  return `${out.join('\n')}\n`;
}

/** About how many lines a design has besides its services, and per service (requirement, traffic, API, table, component, connections, flow). */
const FIXED_LINES = 58;
const LINES_PER_SERVICE = 30;

/** The `lines` to ask for to get a design of `services` services (and `services + 6` components). */
export function designLinesFor(services: number): number {
  return FIXED_LINES + LINES_PER_SERVICE * services;
}

const DAU = 10e6;
const PEAK_FACTOR = 2; // the conventions' default
const SERVER_CAPACITY = 1000; // estimation.server_capacity: the default capacity of a service
const SERVICE_CAPACITY = 1500; // every other service says its own
const LB_CAPACITY = 100_000;
const DB_CAPACITY = 5000;
const DB_REPLICAS = 3;
const DB_STORAGE_TB = 64;
const RETENTION_SECONDS = 5 * 365.25 * 86400; // 5y, rounded up
const TARGET = 0.5; // under the conventions' 70 % target, with room to spare
const INDEX_CALLS = 0.1;
const FAN_OUT = 3;

const isWrite = (i: number): boolean => i % 2 === 0;
const perUser = (i: number): number => 1 + (i % 5);
const sizeKB = (i: number): number => 1 + (i % 7);
/** Write flows read an index on 10 % of their requests; every third read flow fans out. */
function extraStep(i: number): 'index' | 'fan-out' | null {
  if (i % 3 !== 0) return null;
  return isWrite(i) ? 'index' : 'fan-out';
}

/** Replicas and shards for the traffic, computed as the load model does (SPEC 5.2) with margin. */
function sizing(services: number, dbs: number): { lbReplicas: number; serviceReplicas: number[]; dbShards: number[] } {
  const reads = new Array<number>(dbs).fill(0);
  const writes = new Array<number>(dbs).fill(0);
  const written = new Array<number>(dbs).fill(0); // bytes per second, average
  let lb = 0;
  const serviceReplicas: number[] = [];
  for (let i = 0; i < services; i++) {
    const avg = (DAU * perUser(i)) / 86400;
    const peak = avg * PEAK_FACTOR;
    lb += peak;
    const capacity = i % 2 === 0 ? SERVICE_CAPACITY : SERVER_CAPACITY;
    serviceReplicas.push(spared(peak / (capacity * TARGET)));
    const j = i % dbs;
    if (isWrite(i)) {
      writes[j] += peak;
      written[j] += avg * sizeKB(i) * 2 * 1024; // KiB: more than KB, to be safe
    } else reads[j] += peak;
    if (extraStep(i) === 'index') reads[j] += peak * INDEX_CALLS;
    if (extraStep(i) === 'fan-out') reads[j] += peak * FAN_OUT;
  }
  const dbShards = reads.map((r, j) => {
    const byLoad = (r / DB_REPLICAS + writes[j]) / (DB_CAPACITY * TARGET);
    const byData = (written[j] * RETENTION_SECONDS * 1.1) / (DB_STORAGE_TB * 1e12);
    return Math.max(1, Math.ceil(Math.max(byLoad, byData)));
  });
  return { lbReplicas: spared(lb / (LB_CAPACITY * TARGET)), serviceReplicas, dbShards };
}

/** Instances for a load of `needed` instances at the target, plus one to lose: at least 2. */
function spared(needed: number): number {
  return Math.max(2, Math.ceil(needed) + 1);
}
