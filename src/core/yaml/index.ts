/** The core's YAML front end, as the later stages use it: text -> `ParsedYaml`. */
export { createIncrementalParser, type IncrementalStats } from './incremental';
export { parseYaml } from './parse';
export { spanOf } from './report';
export type { ParsedYaml } from './types';
