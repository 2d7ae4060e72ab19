import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-account-chooser.ts';
import type { CloudAccountChooser } from './account-chooser.ts';

const accounts = [
  { id: 'a1', label: 'al***e' },
  { id: 'a2', label: '<img src=x onerror=alert(1)>' },
];

describe('<cloud-account-chooser>', () => {
  it('is accessible', async () => {
    const el = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser locale="en" .accounts=${accounts} allow-create></cloud-account-chooser>`,
    );
    await expect(el).to.be.accessible();
  });

  it('fires cloud-account-select with the pick, or createNew', async () => {
    const el = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser .accounts=${accounts} allow-create></cloud-account-chooser>`,
    );
    const buttons = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=account]');
    let event = oneEvent(el, 'cloud-account-select');
    buttons[0]!.click();
    expect((await event).detail).to.deep.equal({ accountId: 'a1' });
    event = oneEvent(el, 'cloud-account-select');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=create]')!.click();
    const created = await event;
    expect(created.detail).to.deep.equal({ createNew: true });
    expect(created.bubbles && created.composed).to.equal(true);
  });

  it('renders server labels as text, never as HTML', async () => {
    const el = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser .accounts=${accounts}></cloud-account-chooser>`,
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[part=account]')[1]!.textContent).to.contain('<img src=x');
  });

  it('is reachable by keyboard and focuses its first account', async () => {
    const el = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser .accounts=${accounts}></cloud-account-chooser>`,
    );
    el.focus();
    expect(el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part=account]')).to.equal(true);
  });
});
