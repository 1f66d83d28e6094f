import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText } from '../../src/core/analyse';
import { approx } from '../support/approx';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');

function estimateOf(yaml: string) {
  const analysis = analyseText(yaml);
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'the design should have no errors');
  return analysis.estimate;
}

describe('estimate: the example design of SPEC section 2, computed by hand', () => {
  const analysis = analyseText(fixture('spec-example.sysdesign.yaml'));
  const e = analysis.estimate;
  const day = 86400;

  it('analyses with no problems at all', () => {
    assert.deepEqual(analysis.problems, []);
  });

  it('upload-photo: 10M DAU x 2/day x 10% = 2M writes a day of 2MB + 200 bytes', () => {
    const t = e.traffic.find((x) => x.id === 'upload-photo')!;
    assert.equal(t.kind, 'write');
    approx(t.per_day, 2e6);
    approx(t.per_second, 2e6 / day);
    approx(t.peak_per_second, (2 * 2e6) / day);
    assert.equal(t.size_bytes, 2_000_200);
    approx(t.bytes_per_second, (2e6 / day) * 2_000_200);
    approx(t.storage_bytes_per_day, 2e6 * 2_000_200);
    approx(t.records_total, 2e6 * 3650);
  });

  it('view-feed: 30/day per DAU of 20 x 200KB with its own peak factor 3', () => {
    const t = e.traffic.find((x) => x.id === 'view-feed')!;
    assert.equal(t.kind, 'read');
    approx(t.per_day, 300e6);
    approx(t.per_second, 300e6 / day);
    approx(t.peak_per_second, (3 * 300e6) / day);
    assert.equal(t.size_bytes, 4e6);
    assert.equal(t.storage_bytes_per_day, null);
    assert.equal(t.records_total, null);
  });

  it('totals', () => {
    const t = e.totals;
    approx(t.read_per_second, 300e6 / day);
    approx(t.write_per_second, 2e6 / day);
    approx(t.peak_read_per_second, 900e6 / day);
    approx(t.peak_write_per_second, 4e6 / day);
    approx(t.read_write_ratio, 150);
    approx(t.ingress_bytes_per_second, (2e6 / day) * 2_000_200);
    approx(t.egress_bytes_per_second, (300e6 / day) * 4e6);
    approx(t.storage_bytes_per_day, 4.0004e12);
    approx(t.storage_bytes_per_month, 4.0004e12 * 30);
    approx(t.storage_bytes_per_year, 4.0004e12 * 365);
    approx(t.storage_bytes_retained, 4.0004e12 * 3650, 1e-9, 'one copy over ten years');
    approx(t.storage_bytes_total, 4.0004e12 * 3650 * 3);
    approx(t.cache_bytes, 0.2 * 300e6 * 4e6);
    assert.equal(t.servers, Math.ceil((900e6 / day + 4e6 / day) / 2000));
    assert.equal(t.servers, 6);
  });

  it('values in base units', () => {
    approx(e.values.photos_per_user, 2 / day);
    assert.equal(e.values.caption, 200);
  });

  it('downtime budget of 99.99%', () => {
    const a = e.availability;
    approx(a.target, 0.9999);
    approx(a.downtime_seconds_per_year, 3153.6);
    approx(a.downtime_seconds_per_month, 259.2);
    approx(a.downtime_seconds_per_week, 60.48);
    approx(a.downtime_seconds_per_day, 8.64);
  });

  it('dry runs: hops, composite availability with replicas, latency against the target', () => {
    const [upload, feed] = e.flows;
    assert.equal(upload.id, 'upload-photo-dry-run');
    assert.equal(upload.hops, 6);
    approx(upload.availability, 1 - Math.pow(0.001, 8));
    approx(upload.latency_seconds, 0.02);
    approx(upload.latency_target_seconds, 0.5, 1e-9, 'default target');
    assert.equal(feed.id, 'view-feed-dry-run');
    approx(feed.latency_target_seconds, 0.2, 1e-9, 'view-feed target');
  });
});

describe('estimate: published worked examples', () => {
  it('system-design-primer, Pastebin: 4 writes/s, 40 reads/s, 12.7 GB/month, ~450 GB and 360M shortlinks in 3 years', () => {
    // Source: donnemartin/system-design-primer, solutions/system_design/pastebin/README.md,
    // "Calculate usage". The primer rounds a month to 2.5 million seconds (we use 30 x 86,400).
    const e = estimateOf(`
sysdesign: 1
name: Pastebin
estimation:
  values:
    paste: 1KB + 7 bytes + 4 bytes + 5 bytes + 255 bytes   # content, shortlink, expiration, created_at, paste_path
  traffic:
    - id: create-paste
      kind: write
      rate: 10M/month
      size: paste
    - id: read-paste
      kind: read
      rate: 100M/month
      size: paste
  retention: 3 years
`);
    const write = e.traffic[0];
    approx(write.size_bytes, 1271, 0, 'size per paste (~1.27 KB)');
    approx(write.per_second, 4, 0.05, 'paste writes per second');
    approx(e.traffic[1].per_second, 40, 0.05, 'read requests per second');
    approx(e.totals.storage_bytes_per_month, 12.7e9, 0.005, 'new paste content per month');
    approx(e.totals.storage_bytes_total, 450e9, 0.05, 'new paste content in 3 years');
    approx(write.records_total, 360e6, 0.05, 'shortlinks in 3 years');
    approx(e.totals.read_write_ratio, 10, 1e-9, 'read to write ratio');
  });

  it('system-design-primer, Twitter: 6,000 tweets/s, 100k reads/s, 4,000 searches/s, 150 TB/month, 5.4 PB in 3 years', () => {
    // Source: donnemartin/system-design-primer, solutions/system_design/twitter/README.md, "Calculate usage".
    const e = estimateOf(`
sysdesign: 1
name: Twitter timeline and search
estimation:
  users: 100M
  traffic:
    - id: post-tweet
      kind: write
      rate: 500M/day
      size: 10KB
    - id: read-timeline
      kind: read
      rate: 250 billion per month
    - id: search
      kind: read
      rate: 10B/month
  retention: 3y
`);
    approx(e.traffic[0].per_second, 6000, 0.05, 'tweets per second');
    approx(e.traffic[1].per_second, 100e3, 0.05, 'read requests per second');
    approx(e.traffic[2].per_second, 4000, 0.05, 'search requests per second');
    approx(e.totals.storage_bytes_per_month, 150e12, 1e-9, 'new tweet content per month');
    approx(e.totals.storage_bytes_total, 5.4e15, 0.05, 'new tweet content in 3 years');
  });

  it('System Design Interview (Alex Xu), ch. 2: Twitter QPS ~3,500, peak ~7,000, 30 TB media a day, ~55 PB in 5 years', () => {
    // Source: Alex Xu, "System Design Interview - An Insider's Guide", ch. 2 "Back-of-the-envelope
    // estimation", example "Estimate Twitter QPS and storage requirements".
    const e = estimateOf(`
sysdesign: 1
name: Twitter (Xu)
estimation:
  users: 300M                    # monthly active users
  dau: users * 50%
  traffic:
    - id: post-tweet
      kind: write
      per_user: 2/day
      size: 10% * 1MB            # 10% of tweets carry 1 MB of media
  retention: 5 years
`);
    approx(e.totals.write_per_second, 3500, 0.01, 'tweets QPS');
    approx(e.totals.peak_write_per_second, 7000, 0.01, 'peak QPS');
    approx(e.totals.storage_bytes_per_day, 30e12, 1e-9, 'media storage per day');
    approx(e.totals.storage_bytes_total, 55e15, 0.01, '5-year media storage');
  });

  // Source: Alex Xu, "System Design Interview - An Insider's Guide", ch. 8 "Design a URL shortener",
  // "Back of the envelope estimation".
  const urlShortener = `
sysdesign: 1
name: URL shortener
estimation:
  traffic:
    - id: shorten
      kind: write
      rate: 100 million per day
      size: 100 bytes
    - id: redirect
      kind: read
      rate: 10 * 100M/day        # read:write is 10:1
  retention: 10 years
`;

  it('System Design Interview (Alex Xu), ch. 8: URL shortener 1,160 writes/s, 11,600 reads/s, 365 billion records, 36.5 TB', () => {
    const e = estimateOf(urlShortener);
    approx(e.totals.write_per_second, 1160, 0.01, 'write QPS');
    approx(e.totals.read_per_second, 11600, 0.01, 'read QPS');
    approx(e.traffic[0].records_total, 365e9, 1e-9, 'records in 10 years');
    approx(e.totals.storage_bytes_total, 36.5e12, 1e-9, 'storage in 10 years');
  });

  it('published storage is one copy: storage_bytes_retained keeps the 36.5 TB when the design replicates it three times (issue #15)', () => {
    const e = estimateOf(`${urlShortener}  replication: 3\n`);
    approx(e.totals.storage_bytes_retained, 36.5e12, 1e-9, 'one copy over 10 years, as published');
    approx(e.totals.storage_bytes_total, 3 * 36.5e12, 1e-9, 'three copies');
  });

  it('the interview rule of thumb: seconds_per_day 100k makes QPS = DAU x requests / 100k', () => {
    const e = estimateOf(`
sysdesign: 1
name: Rule of thumb
estimation:
  conventions:
    seconds_per_day: 100000
  dau: 10M
  traffic:
    - id: read
      kind: read
      per_user: 5/day
`);
    approx(e.totals.read_per_second, 500);
    approx(e.totals.peak_read_per_second, 1000);
  });
});

describe('estimate: totals add what can be added, null only when nothing can', () => {
  it('a write line without size adds nothing to storage but still counts in QPS', () => {
    const analysis = analyseText(`
sysdesign: 1
name: Partial
estimation:
  dau: 1M
  traffic:
    - id: a
      kind: write
      per_user: 1/day
      size: 1KB
    - id: b
      kind: write
      per_user: 1/day
  retention: 1y
`);
    const e = analysis.estimate;
    approx(e.totals.storage_bytes_per_day, 1e6 * 1000);
    approx(e.totals.write_per_second, 2e6 / 86400);
    assert.equal(e.totals.read_per_second, null);
    assert.equal(e.totals.egress_bytes_per_second, null);
    assert.equal(e.totals.cache_bytes, null);
    assert.equal(e.totals.servers, null);
    assert.equal(e.totals.read_write_ratio, null);
    assert.ok(analysis.problems.some((p) => p.code === 'sysdesign/write-without-size'));
  });

  it('everything is null for an empty design', () => {
    const e = analyseText('sysdesign: 1\nname: Empty\n').estimate;
    for (const [key, value] of Object.entries(e.totals)) assert.equal(value, null, key);
    assert.equal(e.availability.target, null);
    assert.equal(e.availability.downtime_seconds_per_year, null);
    assert.deepEqual(e.traffic, []);
    assert.deepEqual(e.flows, []);
  });

  it('downtime budgets follow days_per_month and days_per_year, not seconds_per_day', () => {
    const e = analyseText(`
sysdesign: 1
name: Budget
requirements:
  non_functional:
    availability: 99.9%
estimation:
  conventions:
    seconds_per_day: 100000
    days_per_year: 360
`).estimate;
    approx(e.availability.downtime_seconds_per_year, 0.001 * 360 * 86400);
    approx(e.availability.downtime_seconds_per_month, 0.001 * 30 * 86400);
    approx(e.availability.downtime_seconds_per_day, 86.4);
  });
});
