/**
 * Layout facts about an element as laid out now, read from the boxes the browser computed (no
 * pixels compared): each returns the problems it finds, described for a failure message.
 */
import { deepAll, normalise } from '../support/e2e.ts';

/** What a person sees of it: laid out, not hidden, not the visually-hidden 1×1 px text. */
function shown(el: Element): boolean {
  if (!el.checkVisibility({ visibilityProperty: true })) return false;
  const box = el.getBoundingClientRect();
  return box.width > 1 && box.height > 1;
}

function name(el: Element): string {
  const text = normalise(el.getAttribute('aria-label') ?? el.textContent).slice(0, 40);
  const id = el.id ? `#${el.id}` : '';
  const part = el.getAttribute('part');
  return `<${el.localName}${id}${part ? ` part="${part}"` : ''}>${text ? ` "${text}"` : ''}`;
}

/**
 * Every tab of a visible tab row sits on one line; a row longer than its box scrolls (a phone),
 * and with `fit` it is not longer (a desktop).
 */
export function wrappedTabRows(host: Element, fit = false): string[] {
  return deepAll(host, '[role=tablist]')
    .filter(shown)
    .flatMap((list) => {
      const tops = new Set(
        [...list.querySelectorAll('[role=tab]')]
          .filter(shown)
          .map((tab) => Math.round(tab.getBoundingClientRect().top)),
      );
      const problems = tops.size > 1 ? [`tab row wraps onto ${tops.size} lines: ${name(list)}`] : [];
      if (list.scrollWidth > list.clientWidth + 1) {
        if (fit) problems.push(`tab row does not fit: ${list.scrollWidth} px in ${list.clientWidth} px`);
        else if (!/auto|scroll/.test(getComputedStyle(list).overflowX))
          problems.push(`tab row overflows without scrolling: ${name(list)}`);
      }
      return problems;
    });
}

const TYPED = 'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea';

/** The width of every visible text field. */
export function inputWidths(host: Element): { name: string; width: number }[] {
  return deepAll(host, TYPED)
    .filter(shown)
    .map((input) => ({ name: name(input), width: input.getBoundingClientRect().width }));
}

export function narrowInputs(host: Element, min: number): string[] {
  return inputWidths(host)
    .filter((input) => input.width < min)
    .map((input) => `${input.name} is ${input.width.toFixed(0)} px wide (< ${min})`);
}

/** Text that does not fit its box: cut off or scrolled away. */
export function clippedText(host: Element): string[] {
  return deepAll(host, 'label, button, [role=tab], legend, a, h2, h3, [role=option], .name, .meta span')
    .filter(shown)
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
    .map((el) => `${name(el)} clips its text (${el.scrollWidth} > ${el.clientWidth})`);
}

/** The element is no wider than its box, and the page does not scroll sideways. */
export function sidewaysOverflow(host: Element): string[] {
  const problems: string[] = [];
  const base = host.shadowRoot?.querySelector<HTMLElement>('[part~=base]');
  if (base && base.scrollWidth > base.clientWidth + 1)
    problems.push(`the card's content is ${base.scrollWidth} px wide in ${base.clientWidth} px`);
  const page = host.ownerDocument.documentElement;
  if (page.scrollWidth > page.clientWidth + 1)
    problems.push(`the page scrolls sideways (${page.scrollWidth} px)`);
  return problems;
}

/** Controls and text that a person reads or presses; drawn-over boxes among them are defects. */
const BOXES =
  'input:not([type=hidden]), select, button, a, label, [role=tab], legend, h2, h3, p:not(:empty), [role=option]';

function intersect(a: DOMRect, b: DOMRect): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 1 && h > 1 ? w * h : 0;
}

/** Whether `inner` is `outer` or below it, across shadow roots. */
function within(inner: Node, outer: Node): boolean {
  for (let node: Node | null = inner; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === outer) return true;
  }
  return false;
}

/**
 * Two boxes drawn over each other. A box may hold another (a label its checkbox), the password's
 * eye sits inside its input by design, and an open popup (the region list) lies over the form.
 */
export function overlaps(host: Element): string[] {
  const popups = deepAll(host, 'cloud-region-list');
  const boxes = deepAll(host, BOXES)
    .filter(shown)
    .filter((el) => !popups.some((popup) => within(el, popup)));
  // An inline box that wraps is one rectangle per line: its bounding box would hold its neighbours.
  const rects = boxes.map((el) => [...el.getClientRects()]);
  const problems: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (within(a, b) || within(b, a)) continue;
      const eye = (x: Element, y: Element) =>
        x.matches('[part~=toggle]') && y.localName === 'input' && x.parentNode === y.parentNode;
      if (eye(a, b) || eye(b, a)) continue;
      // A label wraps its own control's text in some blocks (agreements): held, not drawn over.
      if (
        (a.localName === 'label' && (a as HTMLLabelElement).control === b) ||
        (b.localName === 'label' && (b as HTMLLabelElement).control === a)
      )
        continue;
      if (rects[i]!.some((r) => rects[j]!.some((q) => intersect(r, q) > 0)))
        problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return problems;
}

/** Every fact at once, each problem prefixed with where it was seen. */
export function layoutProblems(host: Element, where: string, minInput?: number, fitTabs = false): string[] {
  return [
    ...wrappedTabRows(host, fitTabs),
    ...(minInput ? narrowInputs(host, minInput) : []),
    ...clippedText(host),
    ...sidewaysOverflow(host),
    ...overlaps(host),
  ].map((problem) => `${where}: ${problem}`);
}
