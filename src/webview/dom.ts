// Building the preview's DOM. Text only ever goes in through `textContent` (never
// `innerHTML`): a label, an error or a number from the design stays text.

type Attributes = Record<string, string | number | boolean | undefined>;

/** `h('button', { class: 'x', 'aria-label': 'Zoom in' }, '+')`: an element with attributes and text or children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** Replaces an element's content with plain text. */
export function setText(element: Element, text: string): void {
  element.textContent = text;
}

export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}
