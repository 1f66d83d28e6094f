/**
 * Deterministic designs of a given size, for benchmarks and robustness tests. The same
 * `lines` always gives the same text; the design is valid and cross-referenced, so a
 * benchmark measures the whole pipeline, not an early exit.
 */
export function generateDesign(lines: number): string {
  const services = Math.max(2, Math.round((lines - 40) / 27));
  const dbs = Math.min(4, services);
  const out: string[] = [
    'sysdesign: 1',
    `name: Generated design of about ${lines} lines`,
    'requirements:',
    '  functional:',
  ];
  for (let i = 0; i < services; i++) {
    out.push(`    - id: req-${i}`, `      text: Users do thing ${i}`, `      op: ${i % 2 === 0 ? 'create' : 'read'}`);
  }
  out.push('  out_of_scope:', '    - Billing', '  non_functional:', '    availability: 99.9%', '    latency:', '      default: 500ms');
  out.push('estimation:', '  dau: 10M', '  values:');
  for (let i = 0; i < services; i++) out.push(`    size_${i}: ${1 + (i % 7)}KB`);
  out.push('  traffic:');
  for (let i = 0; i < services; i++) {
    out.push(`    - id: req-${i}`, `      kind: ${i % 2 === 0 ? 'write' : 'read'}`, `      per_user: ${1 + (i % 5)}/day`, `      size: size_${i} * 2`);
  }
  out.push('  retention: 5y', '  replication: 3', '  cache_hot_ratio: 20%', '  server_capacity: 1000/s');
  out.push('apis:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: api-${i}`, `    method: ${i % 2 === 0 ? 'POST' : 'GET'}`, `    path: /v1/things${i}`, `    requirement: req-${i}`);
  }
  out.push('data_models:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: table_${i}`, `    store: db-${i % dbs}`, '    fields:', `      id_${i}: uuid pk`, '      created_at: timestamp index');
  }
  out.push('components:', '  - id: client', '    kind: client', '  - id: lb', '    kind: load-balancer');
  for (let i = 0; i < dbs; i++) out.push(`  - id: db-${i}`, '    kind: sql-database', '    replicas: 2', '    availability: 99.95%');
  for (let i = 0; i < services; i++) out.push(`  - id: svc-${i}`, '    kind: service', '    latency: 10ms');
  out.push('connections:', '  - client -> lb: HTTPS');
  for (let i = 0; i < services; i++) out.push(`  - lb -> svc-${i}`, `  - svc-${i} -> db-${i % dbs}: SQL`);
  out.push('flows:');
  for (let i = 0; i < services; i++) {
    out.push(`  - id: flow-${i}`, `    requirement: req-${i}`, '    steps:', '      - client -> lb', `      - lb -> svc-${i}`, `      - svc-${i} -> db-${i % dbs}: query`);
  }
  return `${out.join('\n')}\n`;
}
