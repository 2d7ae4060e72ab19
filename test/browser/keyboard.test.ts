/**
 * A complete JD Cloud registration with the keyboard only (real key presses through the
 * browser, `sendKeys`): Tab to each control, type, Enter/Space to act. Checks along the way that
 * focus lands on the first field of each new step and that every focused control shows a focus
 * indicator.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@cloud-login/elements';
import {
  agreementIds,
  apiUrl,
  codeFor,
  codesSent,
  createAccount,
  deepActiveElement,
  newAccountName,
  newPhone,
  outboxCode,
  record,
  sessionAccount,
  settle,
  StepAudit,
  text,
  until,
  waitForStep,
} from './support/e2e.ts';

const provider = 'jdcloud';
const t = (key: Parameters<typeof text>[1]) => text('en', key);

const describeActive = () => {
  const el = deepActiveElement();
  if (!el) return 'nothing';
  const label = el.id
    ? (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`)?.textContent?.trim()
    : undefined;
  return `<${el.localName}${el.id ? `#${el.id}` : ''}> ${label ?? el.textContent?.trim().slice(0, 40) ?? ''}`;
};

/** Whether the focused control shows a focus indicator (outline or ring). */
function showsFocus(el: Element): boolean {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
}

describe('keyboard only (jdcloud, en)', function () {
  this.timeout(60_000);

  const visited: string[] = [];
  const withoutRing: string[] = [];
  /** Where the run is, reported if the test times out as a whole. */
  let phase = 'start';

  afterEach(function (this: TestContext & { currentTest?: { state?: string } }) {
    if (this.currentTest?.state === 'failed')
      console.log(
        `keyboard run stopped in phase "${phase}"; focus on ${describeActive()}; visited ${visited.join(' → ')}`,
      );
  });

  async function press(key: string) {
    await sendKeys({ press: key });
  }

  /** Presses Tab until focus is on a control matching `is`. */
  async function tabTo(is: (el: Element) => boolean, what: string, max = 25) {
    phase = `Tab to ${what}`;
    for (let i = 0; i < max; i++) {
      await press('Tab');
      const el = deepActiveElement();
      if (!el) continue;
      visited.push(describeActive());
      if (!showsFocus(el)) withoutRing.push(describeActive());
      if (is(el)) return el;
    }
    throw new Error(`Tab never reached ${what}; visited: ${visited.slice(-max).join(' → ')}`);
  }

  const byId = (id: string) => (el: Element) => el.id === id;
  const byText = (label: string) => (el: Element) =>
    el.localName === 'button' && el.textContent!.replace(/\s+/g, ' ').trim() === label;

  it('registers, from the first field to the last step, without a pointer', async () => {
    const audit = new StepAudit();
    // The element itself as the fixture: a wrapper would make fixture() wait for an animation
    // frame, which a page running in the background may not get.
    const register = await fixture<HTMLElement>(
      html`<cloud-register provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-register>`,
    );
    const rec = record(register);
    await settle(register);
    (document.activeElement as HTMLElement | null)?.blur();

    const name = newAccountName('kbd');
    await tabTo(byId('accountName'), 'the account name');
    await sendKeys({ type: name });
    await tabTo(byId('password'), 'the password');
    await sendKeys({ type: 'Kbd@2024only' });
    await audit.check(register, 'credentials');
    await press('Enter'); // submits the step from the field

    phase = 'waiting for the phone step';
    await waitForStep(register, rec, 'phone');
    await audit.check(register, 'phone');
    expect(deepActiveElement()?.id, `focus on the new step's first field, not ${describeActive()}`).to.equal(
      'number',
    );
    const phone = newPhone();
    await sendKeys({ type: phone.national });
    await tabTo(byText(t('action.getCode')), '"Get code"');
    await press('Enter');
    phase = 'waiting for the code';
    const code = await outboxCode(provider, phone.e164);
    // The pressed button is disabled while it counts down; focus moves on to the code field.
    await until(
      () => deepActiveElement()?.id === 'code',
      () => `after "Get code", focus goes to the code field (it is on ${describeActive()})`,
      5000,
    );
    await sendKeys({ type: code });
    await tabTo(byId('accept'), 'the agreements checkbox');
    await press('Space');
    await tabTo(byText(t('action.register')), '"Register"');
    await audit.check(register, 'phone (filled)');
    await press('Enter');

    phase = 'waiting for the security-email step';
    await waitForStep(register, rec, 'security-email');
    await audit.check(register, 'security-email');
    expect(deepActiveElement()?.id, `focus on the security email field, not ${describeActive()}`).to.equal(
      'email',
    );
    await tabTo(byText(t('action.skip')), '"Skip"');
    await press('Enter');

    phase = 'waiting for the done step';
    await waitForStep(register, rec, 'done');
    await audit.check(register, 'done');
    expect(deepActiveElement()?.localName, `focus on the done message, not ${describeActive()}`).to.equal(
      'h3',
    );
    expect((await sessionAccount(provider, rec.success!.session.token)).accountName).to.equal(name);
    expect(
      withoutRing,
      `controls focused without a visible focus indicator (visited: ${visited.join(' → ')})`,
    ).to.deep.equal([]);
    audit.assert();
  });
  it('resets a forgotten password, from "Forgot password?" to signed in, without a pointer', async () => {
    const phone = newPhone();
    const name = newAccountName('kbr');
    await createAccount(provider, {
      accountName: name,
      password: 'Kbd@2024only',
      phone: phone.e164,
      code: await codeFor(provider, phone.e164, 'register'),
      agreements: await agreementIds(provider),
    });
    const login = await fixture<HTMLElement>(
      html`<cloud-login provider=${provider} api=${apiUrl(provider)} locale="en"></cloud-login>`,
    );
    const rec = record(login);
    await settle(login);
    (document.activeElement as HTMLElement | null)?.blur();

    // The tabs are one stop (roving tabindex): Tab reaches the current one, arrows move along.
    await tabTo(byId('tab-qr'), 'the first tab');
    await press('ArrowRight');
    expect(deepActiveElement()?.id, `arrow to the password tab, not ${describeActive()}`).to.equal(
      'tab-password',
    );
    await press('Enter');
    await tabTo((el) => el.getAttribute('part') === 'forgot', '"Forgot password?"');
    await press('Enter');
    phase = 'waiting for the identifier step';
    await waitForStep(login, rec, 'reset-identifier');
    expect(deepActiveElement()?.id, `focus on the identifier, not ${describeActive()}`).to.equal(
      'identifier',
    );
    const seen = await codesSent(provider, phone.e164);
    await sendKeys({ type: name });
    await press('Enter');

    phase = 'waiting for the code step';
    await waitForStep(login, rec, 'reset-code');
    const code = await outboxCode(provider, phone.e164, seen);
    await tabTo(
      (el) => el.localName === 'input' && el.getAttribute('autocomplete') === 'one-time-code',
      'the code',
    );
    await sendKeys({ type: code });
    await press('Enter');

    phase = 'waiting for the new-password step';
    await waitForStep(login, rec, 'reset-password');
    await tabTo(
      (el) => el.localName === 'input' && el.getAttribute('type') === 'password',
      'the new password',
    );
    await sendKeys({ type: 'Kbd@2025reset' });
    await press('Enter');

    phase = 'waiting for the sign-in';
    await until(() => rec.success, 'cloud-login-success');
    expect((await sessionAccount(provider, rec.success!.session.token)).accountName).to.equal(name);
    expect(
      withoutRing,
      `controls focused without a visible focus indicator (visited: ${visited.join(' → ')})`,
    ).to.deep.equal([]);
  });
});
