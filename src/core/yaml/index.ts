/** The core's YAML front end, as the later stages use it: text -> `ParsedYaml`. */
export { parseYaml } from './parse';
export { spanOf } from './report';
export type { ParsedYaml } from './types';
