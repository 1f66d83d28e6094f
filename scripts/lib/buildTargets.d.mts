import type { BuildOptions } from 'esbuild';

export declare const EXTENSION_HOST_BUNDLES: string[];
export declare function buildOptions(options?: { production?: boolean }): BuildOptions[];
