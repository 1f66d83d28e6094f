/**
 * The load figures in words, for every surface (code lens, hover, inlay hint, CLI table):
 * each figure with the formula and the inputs it came from, and a default with its
 * source. One module, so a lens and its hover can never disagree.
 */
import { formatBytes, formatCount, formatDuration, formatMoney, formatPercent, formatRate } from '../quantity';
import { STATEFUL_KINDS, type ComponentLoad, type Conventions, type CostField, type FigureOrigin } from '../types';

/** `2 × 3` for shards × replicas, `3` otherwise. */
export function instancesText(load: ComponentLoad): string {
  return load.shards > 1 ? `${load.shards} shards × ${load.replicas}` : String(load.instances);
}

/**
 * "needs 19" / "needs 4 shards" when the design has fewer than its load needs, "26 would do"
 * when it has more (a saving to look at); nothing when it has exactly that.
 */
export function neededText(load: ComponentLoad): string | undefined {
  const shards = load.shards_needed !== null;
  const needed = shards ? load.shards_needed : load.instances_needed;
  const have = shards ? load.shards : load.instances;
  if (needed === null || needed === have) return undefined;
  const what = shards ? ` shard${needed === 1 ? '' : 's'}` : '';
  return needed > have ? `needs ${needed}${what}` : `${needed}${what} would do`;
}

/** A hover's Markdown: the load and its breakdown, each sized figure with formula, inputs and origin. */
export function explainComponentLoad(load: ComponentLoad, conventions: Conventions): string[] {
  const rate = (x: number) => formatRate(x, conventions);
  const lines: string[] = [];
  const stateful = load.kind !== null && STATEFUL_KINDS.has(load.kind);
  const target = conventions.target_utilisation;
  if (load.peak_per_second === null) {
    lines.push('**Load**: none: no dry run with a rate sends it requests (give a flow `traffic:` or `rate:`).');
  } else {
    lines.push(`**Load at peak**: ${rate(load.peak_per_second)} (${rate(load.peak_reads_per_second ?? 0)} reads, ${rate(load.peak_writes_per_second ?? 0)} writes)`);
    for (const share of load.by_flow) lines.push(`- ${code(share.flow)}: ${rate(share.peak_per_second)} ${share.kind}s`);
  }
  lines.push('');
  lines.push(`**Instances**: ${load.instances} = ${load.shards} shard${load.shards === 1 ? '' : 's'} × ${load.replicas} replica${load.replicas === 1 ? '' : 's'}`);
  if (load.capacity_per_second !== null) lines.push(`**Capacity**: ${rate(load.capacity_per_second)} per instance, ${originText(load.origins.capacity)}`);
  if (load.utilisation !== null && load.capacity_per_second !== null && load.peak_reads_per_second !== null && load.peak_writes_per_second !== null) {
    const c = rate(load.capacity_per_second);
    const formula = stateful
      ? `(reads / instances + writes / shards) / capacity = (${rate(load.peak_reads_per_second)} / ${load.instances} + ${rate(load.peak_writes_per_second)} / ${load.shards}) / ${c}`
      : `peak / (instances × capacity) = ${rate(load.peak_per_second ?? 0)} / (${load.instances} × ${c})`;
    lines.push(`**Utilisation**: ${formatPercent(load.utilisation)} = ${formula}`);
  }
  if (load.stored_bytes !== null) {
    lines.push(`**Stored**: ${formatBytes(load.stored_bytes)} (one copy) = bytes written per second × retention`);
    if (load.storage_capacity_bytes !== null) lines.push(`- ${formatBytes(load.storage_capacity_bytes)} per instance, ${originText(load.origins.storage_capacity)}`);
  }
  if (load.connections !== null) {
    lines.push(
      `**Connections**: ${formatCount(load.connections)} open at peak${load.max_connections !== null ? `; ${formatCount(load.max_connections)} per instance, ${originText(load.origins.max_connections)}` : ''}`,
    );
  }
  if (load.instances_needed !== null) {
    const parts: string[] = [];
    if (load.capacity_per_second !== null && load.peak_reads_per_second !== null && load.peak_writes_per_second !== null) {
      parts.push(stateful ? `requests: (reads / replicas + writes) / (capacity × ${formatPercent(target)})` : `requests: peak / (capacity × ${formatPercent(target)} target)`);
    }
    if (load.connections !== null && load.max_connections !== null) parts.push('connections: open / max per instance');
    if (load.stored_bytes !== null && load.storage_capacity_bytes !== null) parts.push('data: stored / storage per instance');
    const what =
      load.shards_needed !== null
        ? `${load.shards_needed} shard${load.shards_needed === 1 ? '' : 's'} of ${load.replicas} (${load.instances_needed} instances)`
        : `${load.instances_needed} instance${load.instances_needed === 1 ? '' : 's'}`;
    lines.push(`**Needs**: ${what}, the most of ${parts.join('; ')}, each rounded up`);
  }
  if (load.survives_instance_loss !== null)
    lines.push(`**Losing one instance**: ${load.survives_instance_loss ? 'the rest stay under 100%' : 'the rest go past 100% (or nothing is left)'}`);
  if (load.workers !== null) {
    const wait = load.queue_wait_seconds;
    lines.push(
      `**Queueing**: ${load.workers} worker${load.workers === 1 ? '' : 's'} per instance (capacity × latency, Little's law); each shard is an M/M/c queue with c = ${load.replicas * load.workers}` +
        (wait === null
          ? load.utilisation !== null && load.utilisation >= 1
            ? ': saturated, the queue grows without bound'
            : ''
          : `: mean wait ${wait < 1e-6 ? 'under 1 µs' : formatDuration(wait, conventions)} (Erlang C)`),
    );
  }
  return lines;
}

/** A hover's Markdown for what a component costs a month: each price with its formula and origin; nothing when it costs nothing known. */
export function explainComponentCost(load: ComponentLoad, conventions: Conventions): string[] {
  if (load.cost_per_month === null) return [];
  const formulas: Record<CostField, string> = {
    instance: `${load.instances} instance${load.instances === 1 ? '' : 's'} × a month`,
    storage: `${load.stored_bytes === null ? 'bytes stored' : formatBytes(load.stored_bytes)} × ${load.replicas} cop${load.replicas === 1 ? 'y' : 'ies'} (one per replica) × a month`,
    transfer: 'bytes sent to clients and external systems on reads in a month',
    requests: 'requests received in a month (average rate)',
    fixed: 'a month',
  };
  const lines = [`**Cost**: ≈ ${formatMoney(load.cost_per_month)}/month (${formatCount(conventions.days_per_month)} days)`];
  for (const field of Object.keys(formulas) as CostField[]) {
    const cost = load.cost_breakdown[field];
    const origin = load.cost_origins[field];
    if (cost === null || !origin) continue;
    lines.push(`- ${field}: ${formatMoney(cost)} = ${code(origin.shown)} × ${formulas[field]}, ${priceOrigin(origin)}`);
  }
  return lines;
}

/** `originText` without the price it follows. */
function priceOrigin(origin: FigureOrigin): string {
  switch (origin.from) {
    case 'component':
      return 'as written';
    case 'built-in':
      return `the product's default${origin.year ? ` (${origin.year}${origin.assumption ? ', an assumption' : ''})` : ''}: ${origin.source ?? ''}`;
    default:
      return "from the design's `estimation.defaults`";
  }
}

/** Where a sized figure came from, for hovers: the field, the design's default, or the product's table with its source. */
export function originText(origin: FigureOrigin | undefined): string {
  if (!origin) return 'from nowhere';
  switch (origin.from) {
    case 'component':
      return `as written (${code(origin.shown)})`;
    case 'design':
      return `from the design's \`estimation.defaults\` (${code(origin.shown)})`;
    case 'server_capacity':
      return `from \`estimation.server_capacity\` (${code(origin.shown)})`;
    case 'built-in':
      return `the product's default (${origin.shown}${origin.year ? `, ${origin.year}` : ''}${origin.assumption ? ', an assumption' : ''}): ${origin.source ?? ''}`;
  }
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
