// The web entry of the extension (package.json "browser", built to dist/extension.browser.js):
// VS Code for the Web (vscode.dev, github.dev) loads it in a web-worker extension host.
//
// It runs the very same composition root as the desktop (extension.ts), so every part
// added there (commands, views, the preview) exists on the web too, with one difference:
// the language server runs in a web worker (browserClient.ts) instead of a Node process
// (client.ts). scripts/build.mjs bundles this entry with `./client` resolved to
// `./browserClient`, so no Node code reaches the web bundle, and a part that needs Node
// fails that build rather than failing on vscode.dev.
import type { startLanguageClient as startDesktopClient } from './client';
import { startLanguageClient as startWebClient } from './browserClient';

export { activate, deactivate } from './extension';

// The two must be interchangeable for the substitution to be sound: same parameters,
// same handle (`client` typed as the common BaseLanguageClient).
void (startWebClient satisfies typeof startDesktopClient);
