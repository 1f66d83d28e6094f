/**
 * The sized figures of a component (capacity, storage per instance, connections per
 * instance) and where each comes from, in the order a person expects to win: the
 * component's own field, the design's `estimation.defaults.<kind>`, for services, workers
 * and functions the design's `server_capacity`, then the product's table of defaults.
 */
import type { ComponentFigures, Figures } from '../quantities';
import type { Component, FigureOrigin, KindDefaultField } from '../types';
import { KIND_DEFAULTS } from './defaults';

const SERVER_KINDS = new Set(['service', 'worker', 'function']);

export interface Sized {
  value: number;
  origin: FigureOrigin;
}

/** The component's own field for each sized figure: the same name in the model and in its figures. */
const OWN_FIELD: Record<KindDefaultField, keyof ComponentFigures & keyof Component> = {
  capacity: 'capacity',
  storage_capacity: 'storageCapacity',
  max_connections: 'maxConnections',
};

export function sizedFigure(component: Component, field: KindDefaultField, figures: Figures, serverCapacityText?: string): Sized | null {
  const own = figures.components.get(component)?.[OWN_FIELD[field]];
  const written = component[OWN_FIELD[field]];
  if (written) return own === null || own === undefined ? null : { value: own, origin: { from: 'component', shown: written.text } };
  const kind = component.kind;
  if (!kind) return null;
  const design = figures.kindDefaults.get(kind)?.get(field);
  if (design) return { value: design.value, origin: { from: 'design', shown: design.shown } };
  if (field === 'capacity' && SERVER_KINDS.has(kind) && figures.serverCapacity !== null && figures.serverCapacity > 0) {
    return { value: figures.serverCapacity, origin: { from: 'server_capacity', shown: serverCapacityText ?? `${figures.serverCapacity}/s` } };
  }
  const builtIn = KIND_DEFAULTS[kind]?.[field];
  if (!builtIn) return null;
  return { value: builtIn.value, origin: { from: 'built-in', shown: builtIn.shown, source: builtIn.source, year: builtIn.year, assumption: builtIn.assumption } };
}
