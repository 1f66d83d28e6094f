import { capacity } from './capacity';
import type { Check } from './check';
import { dataModelStore } from './dataModelStore';
import { duplicateIds } from './duplicateIds';
import { flowTargets } from './flowTargets';
import { magnitudes } from './magnitudes';
import { missingDryRun } from './missingDryRun';
import { requirementWithoutApi } from './requirementWithoutApi';
import { stepWithoutConnection } from './stepWithoutConnection';
import { trafficInputs } from './trafficInputs';
import { unconnectedComponent } from './unconnectedComponent';
import { unknownReferences } from './unknownReferences';

export type { Check, CheckContext } from './check';

/** Every semantic check, in the order their problems read best. */
export const CHECKS: readonly Check[] = [
  duplicateIds,
  unknownReferences,
  dataModelStore,
  stepWithoutConnection,
  missingDryRun,
  requirementWithoutApi,
  unconnectedComponent,
  trafficInputs,
  magnitudes,
  flowTargets,
  capacity,
];
