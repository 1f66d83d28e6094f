// Mermaid's `elk` layout, registered in the preview bundle but loaded on first use from
// dist/webview/elk.js (see elk.ts): a script next to preview.js, with preview.js's own
// nonce, so the Content Security Policy (`script-src 'nonce-…'`, no eval) is unchanged.
import type { LayoutLoaderDefinition } from 'mermaid';

type LayoutAlgorithm = Awaited<ReturnType<LayoutLoaderDefinition['loader']>>;

const GLOBAL = 'sysdesignElkLayout';

/**
 * The `elk` loader for `mermaid.registerLayoutLoaders`. `script` is the preview's own
 * script element (`document.currentScript` while preview.js runs): ELK's script is
 * loaded from the same folder with the same nonce.
 */
export function elkLayoutLoader(script: HTMLOrSVGScriptElement | null): LayoutLoaderDefinition {
  let loading: Promise<LayoutAlgorithm> | undefined;
  const load = (): Promise<LayoutAlgorithm> => {
    loading ??= loadScript(script).catch((error: unknown) => {
      loading = undefined; // a later render may try again
      throw error;
    });
    return loading;
  };
  return { name: 'elk', algorithm: 'elk.layered', loader: load };
}

async function loadScript(own: HTMLOrSVGScriptElement | null): Promise<LayoutAlgorithm> {
  if (!(own instanceof HTMLScriptElement) || own.src === '') throw new Error('the ELK layout cannot be loaded: the preview does not know where its scripts are');
  const holder = globalThis as { [GLOBAL]?: LayoutLoaderDefinition };
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = own.nonce ?? '';
    script.src = new URL('elk.js', own.src).href;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('the ELK layout (elk.js) could not be loaded'));
    document.head.append(script);
  });
  const definition = holder[GLOBAL];
  delete holder[GLOBAL];
  if (!definition || definition.name !== 'elk' || typeof definition.loader !== 'function') throw new Error('elk.js did not provide the ELK layout');
  return definition.loader();
}
