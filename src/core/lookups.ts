/**
 * Lookups over a design that several stages need. Where an id is defined twice (a
 * `sysdesign/duplicate-id` problem), the first definition is the one every stage uses.
 */
import type { Component, Design } from './types';

/** The components by id, the first definition of each id winning. */
export function componentsById(design: Design): Map<string, Component> {
  const byId = new Map<string, Component>();
  for (const c of design.components) if (!byId.has(c.id.name)) byId.set(c.id.name, c);
  return byId;
}
