import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { FlowController } from './flow.ts';

/** A two-step host: `next()` changes the step the way a QR confirmed on a phone does. */
class FlowHost extends LitElement {
  static properties = { step: { state: true } };
  step = { name: 'first' };
  readonly flow = new FlowController(this, {
    flow: 'login',
    step: () => this.step,
    key: (step) => step.name,
    focus: () => this.renderRoot.querySelector<HTMLElement>('p')?.focus(),
  });
  next(): Promise<boolean> {
    this.step = { name: 'second' };
    return this.updateComplete;
  }
  override render() {
    return html`<button>${this.step.name}</button><p tabindex="-1">${this.step.name}</p>`;
  }
}
customElements.define('flow-test-host', FlowHost);

const focusedIn = (host: FlowHost) => host.shadowRoot!.activeElement;

describe('FlowController focus', () => {
  afterEach(() => (document.activeElement as HTMLElement | null)?.blur());

  it('moves focus into the new step when focus was inside the element', async () => {
    const host = await fixture<FlowHost>(html`<flow-test-host></flow-test-host>`);
    host.shadowRoot!.querySelector('button')!.focus();
    await host.next();
    expect(focusedIn(host)?.localName).to.equal('p');
  });

  it('moves focus when nothing has it and the element is on screen', async () => {
    const host = await fixture<FlowHost>(html`<flow-test-host></flow-test-host>`);
    await host.next();
    expect(focusedIn(host)?.localName).to.equal('p');
  });

  it('leaves focus on another control of the page', async () => {
    const page = await fixture<HTMLElement>(html`<div><input /><flow-test-host></flow-test-host></div>`);
    const host = page.querySelector<FlowHost>('flow-test-host')!;
    page.querySelector('input')!.focus();
    await host.next();
    expect(document.activeElement?.localName).to.equal('input');
    expect(focusedIn(host)?.localName ?? null).to.equal(null);
  });

  it('neither takes focus nor scrolls the page when the element is off screen', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><div style="height: 300vh"></div><flow-test-host></flow-test-host></div>`,
    );
    const host = page.querySelector<FlowHost>('flow-test-host')!;
    scrollTo(0, 0);
    await host.next();
    expect(focusedIn(host)?.localName ?? null).to.equal(null);
    expect(scrollY).to.equal(0);
  });
});
