/**
 * Site pages in iframes (the demo and test pages), and accessibility checks that run in an
 * element's own window, at every step of a flow.
 */
import { expect } from '@open-wc/testing';
import { LANE } from './lane.ts';
import { settle, until } from './dom.ts';

/** The frame's location when it shows a page of ours, else undefined (cross-origin or loading). */
export function frameLocation(frame: HTMLIFrameElement): Location | undefined {
  try {
    const loc = frame.contentWindow?.location;
    return loc && loc.origin === location.origin ? loc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens `src` in a fresh iframe of this page (removed by `closeFrames`). Our test pages get this
 * page's lane (`?lane=`), so the element in them talks to the same data.
 */
export async function openFrame(src: string): Promise<HTMLIFrameElement> {
  if (src.startsWith('/__cloud-login/pages/') && !/[?&]lane=/.test(src))
    src += `${src.includes('?') ? '&' : '?'}lane=${LANE}`;
  const frame = document.createElement('iframe');
  frame.title = 'site page';
  frame.dataset.e2e = '';
  frame.style.cssText = 'width: 520px; height: 1000px; border: 0;';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return frame;
}

export function closeFrames(): void {
  document.querySelectorAll('iframe[data-e2e]').forEach((f) => f.remove());
}

/** The upgraded, rendered `tag` element of the page in `frame`. */
export async function frameElement<T extends HTMLElement = HTMLElement>(
  frame: HTMLIFrameElement,
  tag: string,
): Promise<T> {
  let el: T | null = null;
  await until(() => {
    const doc = frameLocation(frame) && frame.contentDocument;
    el = doc ? doc.querySelector<T>(tag) : null;
    return !!(
      el &&
      el.shadowRoot &&
      doc!.defaultView!.customElements.get(tag) &&
      el.shadowRoot.childElementCount > 0
    );
  }, `<${tag}> rendered in ${frame.src}`);
  await settle(el!);
  return el!;
}

/**
 * `expect(el).to.be.accessible()` for an element in a frame: axe must run in the element's own
 * window, so the host page loads axe-core and this runs it there.
 */
export async function expectAccessibleInFrame(el: Element): Promise<void> {
  const win = el.ownerDocument.defaultView as
    | (Window & {
        axe?: {
          run(context: Element): Promise<{
            violations: { id: string; help: string; nodes: { html: string; target: unknown }[] }[];
          }>;
        };
      })
    | null;
  if (!win?.axe) throw new Error('axe-core is not loaded in the frame (host.html loads it)');
  const { violations } = await win.axe.run(el);
  const report = violations.map(
    (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${String(n.target)} ${n.html}`).join('\n')}`,
  );
  expect(violations.length, `Accessibility violations\n${report.join('\n')}`).to.equal(0);
}

// --- accessibility on every step -------------------------------------------------------------------

/**
 * Runs `expect(el).to.be.accessible()` at each step of a flow and keeps going when it fails, so
 * one violation does not hide whether the rest of the flow works; `assert()` at the end of the
 * test fails with every violation, by step.
 */
export class StepAudit {
  private readonly failures = new Map<string, string[]>();

  async check(el: Element, step: string): Promise<void> {
    try {
      if (el.ownerDocument === document) await expect(el).to.be.accessible();
      else await expectAccessibleInFrame(el);
    } catch (error) {
      const report = (error as Error).message;
      const steps = this.failures.get(report) ?? [];
      steps.push(step);
      this.failures.set(report, steps);
    }
  }

  assert(): void {
    const lines = [...this.failures].map(([report, steps]) => `at step(s) ${steps.join(', ')}:\n${report}`);
    expect(lines.length, `accessibility violations\n${lines.join('\n\n')}`).to.equal(0);
  }
}
