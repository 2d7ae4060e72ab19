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

  it('tells two phone-only accounts apart, and keeps "create a new account" a row of its own', async () => {
    const twins = [
      {
        id: 'acc-qc-7f3a',
        label: '+86 138****0003',
        createdAt: '2026-12-04T02:05:00.000Z',
        lastSignInAt: '2026-12-05T01:00:00.000Z',
      },
      { id: 'acc-qc-c91e', label: '+86 138****0003', createdAt: '2026-12-04T06:30:00.000Z' },
    ];
    const el = await fixture<CloudAccountChooser>(
      html`<cloud-account-chooser locale="en" .accounts=${twins} allow-create></cloud-account-chooser>`,
    );
    const [first, second] = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=account]')];
    const name = (b: HTMLElement) => b.textContent!.replace(/\s+/g, ' ').trim();
    expect(name(first!)).to.not.equal(name(second!));
    expect(name(first!)).to.contain('ID ending 7f3a');
    expect(name(second!)).to.contain('ID ending c91e');
    const when = (iso: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    expect(name(first!)).to.contain(`Created ${when(twins[0]!.createdAt)}`);
    expect(name(first!)).to.contain(`Last signed in ${when(twins[0]!.lastSignInAt!)}`);
    expect(name(second!)).to.not.contain('Last signed in');
    // A person glyph, not the label's first character ("+", which reads as "add").
    expect(first!.querySelector('[part=avatar] svg')).to.not.equal(null);
    expect(first!.querySelector('[part=avatar]')!.textContent!.trim()).to.equal('');
    const create = el.shadowRoot!.querySelector('[part=create]')!;
    expect(create.closest('ul')).to.equal(null);
    expect(name(create as HTMLElement)).to.equal('Create a new account');
    await expect(el).to.be.accessible();
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
