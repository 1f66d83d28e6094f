// The tab strip: one tab per diagram plus Estimates (and Changes while the design is
// compared with another version), rebuilt only when the list of tabs
// changes; arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern).
import type { PreviewView } from '../protocol';
import { h } from './dom';

/** The tab of the estimate table (not a diagram). */
export const ESTIMATES_VIEW = 'estimates';

/** What the strip shows: the list of tabs, and the view last scrolled into sight. */
export interface DrawnTabs {
  tabs: string;
  inView: string;
}

/** Brings the strip in `host` up to `views` with `selected` chosen; `drawn` is updated. */
export function drawTabs(
  host: HTMLElement,
  views: PreviewView[],
  selected: string,
  drawn: DrawnTabs,
  select: (view: string) => void,
  extra: ReadonlyArray<{ key: string; title: string }> = [],
): void {
  const tabs = [...views.map((v) => ({ key: v.key, title: v.title })), { key: ESTIMATES_VIEW, title: 'Estimates' }, ...extra];
  const key = JSON.stringify(tabs);
  if (key !== drawn.tabs) {
    drawn.tabs = key;
    host.replaceChildren(
      ...tabs.map((tab) => {
        const button = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${tabs.indexOf(tab)}`, 'data-view': tab.key }, tab.title);
        button.addEventListener('click', () => select(tab.key));
        return button;
      }),
    );
  }
  for (const button of host.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    const isSelected = button.dataset.view === selected;
    button.setAttribute('aria-selected', String(isSelected));
    button.tabIndex = isSelected ? 0 : -1;
  }
  if (selected !== drawn.inView) {
    drawn.inView = selected;
    host.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/** A key on the strip: focuses the tab it moves to and selects its view. */
export function onTabsKey(host: HTMLElement, e: KeyboardEvent, select: (view: string) => void): void {
  const tabs = [...host.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  let next: number;
  if (e.key === 'ArrowRight') next = (at + 1) % tabs.length;
  else if (e.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = tabs.length - 1;
  else return;
  e.preventDefault();
  tabs[next].focus();
  const view = tabs[next].dataset.view;
  if (view) select(view);
}
