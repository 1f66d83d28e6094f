// The scenario picker and the line under the toolbar that says what the shown scenario
// does (SPEC 5.3). The picker posts the choice; the extension sets it for the document
// (the editor's lenses, hovers and steps follow) and sends the scenario's diagrams back.
import type { PreviewScenarios } from '../protocol';
import { h, setText, show } from './dom';
import type { Elements } from './elements';

export function drawScenarios(el: Pick<Elements, 'scenarioTools' | 'scenario' | 'scenarioLine'>, scenarios: PreviewScenarios | undefined): void {
  show(el.scenarioTools, scenarios !== undefined);
  if (!scenarios) {
    show(el.scenarioLine, false);
    return;
  }
  const active = scenarios.active?.id ?? '';
  const options = [{ id: '', label: 'Base design' }, ...scenarios.choices];
  const key = JSON.stringify(options);
  // Rebuilt only when the choices change, so an open picker is not reset by an update.
  if (el.scenario.dataset.choices !== key) {
    el.scenario.replaceChildren(...options.map((o) => h('option', { value: o.id }, o.label)));
    el.scenario.dataset.choices = key;
  }
  if (el.scenario.value !== active) el.scenario.value = active;
  const shown = scenarios.active;
  show(el.scenarioLine, shown !== undefined);
  if (!shown) return;
  // The headline names the broken requirements; their dry runs' tabs say "(broken)".
  setText(el.scenarioLine, `Scenario "${shown.label}": ${shown.headline}`);
  el.scenarioLine.dataset.scenario = shown.id;
}
