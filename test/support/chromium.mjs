// How every test tier starts Chromium: Debian's Chromium (never a downloaded browser),
// headless, no lookups of outside hosts. Plain ESM (typed by chromium.d.mts) so that both
// the rig in scripts/lib/rig.mjs (integration, e2e) and the webview tests' harness use
// these flags, which live in this one place.

export const chromiumPath = process.env.SYSDESIGN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];
