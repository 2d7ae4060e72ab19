import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cloud-account-security.ts';
import type { CloudAccountSecurity } from './account-security.ts';
import type { CloudTotpSettings } from './totp.ts';
import { twoStepMessages } from '../two-step/messages.ts';
import { account, apiError, fakeClient, settle, typeInto, type FakeRoute } from '../../test/helpers.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 6000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

const off: Record<string, unknown> = { ...account, provider: 'default', twoStep: { totp: false } };
const on: Record<string, unknown> = {
  ...account,
  provider: 'default',
  twoStep: { totp: true, recoveryCodesLeft: 10 },
};
const setup = {
  ticket: 'setup-1',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  manualKey: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  uri: 'otpauth://totp/x:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qr: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
  expiresIn: 600,
};
const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efghj`);

async function security(routes: Record<string, FakeRoute>, locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudAccountSecurity>(
    html`<cloud-account-security provider="default" locale=${locale} .config=${{ client: fake.client }}></cloud-account-security>`,
  );
  await until(() => !!el.shadowRoot!.querySelector('cloud-totp-settings')?.shadowRoot, 'the section');
  await settle(el);
  const section = el.shadowRoot!.querySelector<CloudTotpSettings>('cloud-totp-settings')!;
  return { el, section, ...fake };
}

const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const button = (el: Element, label: string) => {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent!.trim() === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

describe('<cloud-account-security> two-step verification', () => {
  it('is not shown when the server does not offer it', async function () {
    this.timeout(15000);
    const fake = fakeClient({ 'GET /session': () => ({ status: 200, body: { account } }) });
    const el = await fixture<CloudAccountSecurity>(
      html`<cloud-account-security provider="default" .config=${{ client: fake.client }}></cloud-account-security>`,
    );
    await until(() => el.step.name === 'overview', 'the overview');
    await settle(el);
    expect(el.shadowRoot!.querySelector('cloud-totp-settings')).to.equal(null);
  });

  it('turn on: proof, QR and key, the first code, then the recovery codes once', async function () {
    this.timeout(20000);
    let current = off;
    let confirm: { status: number; body: unknown } = apiError(400, 'invalid_code', {
      field: 'code',
      message: 'The code is not correct.',
    });
    const { el, section, calls } = await security({
      'GET /session': () => ({ status: 200, body: { account: current } }),
      'POST /account/totp/setup': (call) =>
        (call.body as { currentPassword?: string })?.currentPassword
          ? { status: 200, body: setup }
          : apiError(403, 'reauth_required', { field: 'currentPassword' }),
      'POST /account/totp/confirm': () => confirm,
    });
    const t = twoStepMessages.en;
    expect(text(section)).to.contain(t['twoStep.off']);
    await expect(section).to.be.accessible();

    button(section, t['twoStep.enable']).click();
    await until(() => section.state.name === 'start', 'the proof');
    await settle(el);
    const password = section.shadowRoot!.querySelector('cloud-password-field')!;
    expect(password).to.not.equal(null);
    await expect(section).to.be.accessible();
    typeInto(password.shadowRoot!.querySelector('input')!, 'secret-12');
    await settle(el);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => section.state.name === 'setup', 'the secret');
    await settle(el);
    expect(section.shadowRoot!.querySelector<HTMLImageElement>('[part=qr]')!.src).to.equal(setup.qr);
    expect(section.shadowRoot!.querySelector('[part=manual-key]')!.textContent).to.equal(setup.manualKey);
    await expect(section).to.be.accessible();

    const input = section.shadowRoot!.querySelector<HTMLInputElement>('#totp')!;
    typeInto(input, '000000');
    await settle(el);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => section.shadowRoot!.querySelector('#totp-error')!.textContent !== '', 'the refusal');
    expect(section.state.name).to.equal('setup');

    confirm = { status: 200, body: { recoveryCodes: codes } };
    typeInto(section.shadowRoot!.querySelector<HTMLInputElement>('#totp')!, '123456');
    await settle(el);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => section.state.name === 'codes', 'the codes');
    await settle(el);
    expect(
      calls.find((c) => c.path === '/account/totp/confirm' && (c.body as { code: string }).code === '123456'),
    ).to.deep.include({ body: { ticket: 'setup-1', code: '123456' } });
    const listed = [...section.shadowRoot!.querySelectorAll('[part=recovery-codes] li')].map(
      (li) => li.textContent,
    );
    expect(listed).to.deep.equal(codes);
    await expect(section).to.be.accessible();

    current = on;
    const changed = oneEvent(el, 'cloud-account-change');
    button(section, t['twoStep.saved']).click();
    const event = await changed;
    expect(event.detail.change).to.equal('two-step');
    await settle(el);
    expect(text(el)).to.contain(t['twoStep.enabledNotice']);
    expect(text(section)).to.contain(t['twoStep.on']);
    expect(text(section)).to.not.contain(codes[0]!);
  });

  it('turn off with the proof; new recovery codes', async function () {
    this.timeout(20000);
    let current = on;
    const { el, section } = await security(
      {
        'GET /session': () => ({ status: 200, body: { account: current } }),
        'POST /account/totp/disable': (call) =>
          (call.body as { currentPassword?: string })?.currentPassword
            ? { status: 204, body: undefined }
            : apiError(403, 'reauth_required', { field: 'currentPassword' }),
        'POST /account/totp/recovery-codes': () => ({ status: 200, body: { recoveryCodes: codes } }),
      },
      'zh-CN',
    );
    const t = twoStepMessages['zh-CN'];
    expect(text(section)).to.contain('剩余 10 个恢复码');

    button(section, t['twoStep.regenerate']).click();
    await settle(el);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => section.state.name === 'codes', 'the new codes');
    button(section, t['twoStep.saved']).click();
    await until(() => section.state.name === 'idle', 'back');
    await settle(el);

    button(section, t['twoStep.disable']).click();
    await settle(el);
    expect(text(section)).to.contain(t['twoStep.disableTitle']);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => !!section.shadowRoot!.querySelector('cloud-password-field'), 'the proof');
    await settle(el);
    await expect(section).to.be.accessible();
    typeInto(
      section.shadowRoot!.querySelector('cloud-password-field')!.shadowRoot!.querySelector('input')!,
      'pw-1234',
    );
    await settle(el);
    current = off;
    const changed = oneEvent(el, 'cloud-account-change');
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await changed;
    await settle(el);
    expect(text(el)).to.contain(t['twoStep.disabledNotice']);
    expect(text(section)).to.contain(t['twoStep.off']);
  });

  it('says how many recovery codes are left; at two or fewer, warns and offers new ones', async function () {
    this.timeout(20000);
    const withLeft = (left: number) => ({ ...on, twoStep: { totp: true, recoveryCodesLeft: left } });
    let current = withLeft(3);
    const { el, section } = await security({
      'GET /session': () => ({ status: 200, body: { account: current } }),
      'POST /account/totp/recovery-codes': () => ({ status: 200, body: { recoveryCodes: codes } }),
    });
    const t = twoStepMessages.en;
    const warning = () => section.shadowRoot!.querySelector('[part~="warning"]');
    const left = () => section.shadowRoot!.querySelector('[part~="codes-left"]')!.textContent!.trim();
    expect(left()).to.equal('3 recovery codes left');
    expect(warning()).to.equal(null);

    const show = async (count: number) => {
      current = withLeft(count);
      section.account = current as never;
      await settle(el);
    };
    await show(2);
    expect(left()).to.equal('2 recovery codes left');
    expect(warning()!.textContent).to.contain(t['twoStep.codesFew']);
    // One offer of new codes: the warning's button, not a second one in the row.
    const offers = [...section.shadowRoot!.querySelectorAll('button')].filter(
      (b) => b.textContent!.trim() === t['twoStep.regenerate'],
    );
    expect(offers).to.have.length(1);
    expect(warning()!.contains(offers[0]!)).to.equal(true);
    await expect(section).to.be.accessible();
    await show(1);
    expect(left()).to.equal('1 recovery code left');
    await show(0);
    expect(left()).to.equal('0 recovery codes left');
    expect(warning()!.textContent).to.contain(t['twoStep.codesNone']);

    button(section, t['twoStep.regenerate']).click();
    await settle(el);
    expect(section.state.name).to.equal('regenerate');
    expect(warning(), 'not while the step is open').to.equal(null);
    section.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => section.state.name === 'codes', 'the new codes');
    current = withLeft(10);
    button(section, t['twoStep.saved']).click();
    await until(() => section.state.name === 'idle', 'back');
    await until(() => left() === '10 recovery codes left', 'the account read again');
    expect(warning()).to.equal(null);
  });

  it('the warning in zh-TW', async () => {
    const { section } = await security(
      {
        'GET /session': () => ({
          status: 200,
          body: { account: { ...on, twoStep: { totp: true, recoveryCodesLeft: 1 } } },
        }),
      },
      'zh-TW',
    );
    expect(text(section)).to.contain('剩餘 1 組復原碼');
    expect(text(section)).to.contain(twoStepMessages['zh-TW']['twoStep.codesFew']);
  });
});
