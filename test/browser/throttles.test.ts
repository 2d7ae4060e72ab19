/**
 * The throttles as a person meets them, in English and Chinese, against the real server (lanes
 * from `support/auth-server.ts`): the code step of a password sign-in to an account under attack
 * (docs/codes.md, "Sign-in and registration limits"), and dev mode's slider challenge when
 * `POST /codes` asks for one (packages/server/README.md "Challenges").
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import {
  API_ORIGIN,
  LANE,
  LOCALES,
  button,
  chooseMethod,
  deepAll,
  field,
  fill,
  newAccountName,
  newPhone,
  part,
  record,
  settle,
  text,
  until,
  waitForStep,
  type Locale,
} from './support/e2e.ts';

const PASSWORD = 'Jd@2024cloud';
const attackApi = `${API_ORIGIN}/lanes/attack-${LANE}/api/jdcloud`;
const challengeApi = `${API_ORIGIN}/lanes/challenge-${LANE}/api/qingcloud`;

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The newest code to `to` once there are more than `seen` messages. */
async function codeTo(base: string, to: string, seen: number): Promise<string> {
  let code: string | undefined;
  await until(async () => {
    const { body } = await call(base, 'GET', `/dev/outbox?to=${encodeURIComponent(to)}`);
    if (body.messages.length > seen) code = body.messages[0].code;
    return code !== undefined;
  }, `a new code for ${to}`);
  return code!;
}

const count = async (base: string, to: string) =>
  (await call(base, 'GET', `/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages.length as number;

const identifierLabel = (locale: Locale) =>
  ['accountName', 'phone', 'email']
    .map((k) => text(locale, `identifier.${k}` as 'identifier.phone'))
    .join(text(locale, 'identifier.join'));

for (const locale of LOCALES) {
  const t = (key: Parameters<typeof text>[1]) => text(locale, key);

  describe(`throttles (${locale})`, function () {
    this.timeout(60_000);

    it('an account under attack: the right password asks for the code sent to the phone, then signs in', async () => {
      const phone = newPhone();
      const name = newAccountName('attacked');
      expect(
        (await call(attackApi, 'POST', '/codes', { phone: phone.e164, channel: 'sms', purpose: 'register' }))
          .status,
      ).to.equal(202);
      const agreements = (await call(attackApi, 'GET', '/config')).body.agreements.map(
        (a: { id: string }) => a.id,
      );
      const created = await call(attackApi, 'POST', '/accounts', {
        accountName: name,
        password: PASSWORD,
        phone: phone.e164,
        code: await codeTo(attackApi, phone.e164, 0),
        agreements,
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      // Someone guesses: 3 failures fill this lane's window.
      for (let i = 0; i < 3; i++)
        await call(attackApi, 'POST', '/sessions', { identifier: name, password: `Wrong-${i}x!` });
      const seen = await count(attackApi, phone.e164);

      const el = await fixture<HTMLElement>(
        html`<cloud-login provider="jdcloud" api=${attackApi} locale=${locale}></cloud-login>`,
      );
      const rec = record(el);
      await settle(el);
      await chooseMethod(el, t('method.password'));
      fill(field(el, identifierLabel(locale)), name);
      fill(field(el, t('label.password')), PASSWORD);
      button(el, t('action.login')).click();

      await waitForStep(el, rec, 'profile');
      await until(
        () =>
          el
            .shadowRoot!.querySelector('cloud-profile-form')
            ?.shadowRoot?.textContent?.includes(t('profile.codeTitle')),
        'the code step',
      );
      const form = el.shadowRoot!.querySelector('cloud-profile-form')!;
      expect(form.shadowRoot!.textContent).to.include(t('profile.codeIntro'));
      expect(() => button(el, t('action.getCode')), 'the code was sent with the answer').to.throw();
      await expect(form).to.be.accessible();

      fill(field(el, t('label.code')), await codeTo(attackApi, phone.e164, seen));
      button(el, t('action.next')).click();
      await waitForStep(el, rec, 'done');
      expect(rec.success!.account.accountName).to.equal(name);
    });

    it('asks for the dev slider before sending a code, then sends it', async () => {
      const phone = newPhone();
      const el = await fixture<HTMLElement>(
        html`<cloud-login provider="qingcloud" api=${challengeApi} locale=${locale}></cloud-login>`,
      );
      const rec = record(el);
      await settle(el);
      await chooseMethod(el, t('method.sms'));
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();

      await until(() => {
        try {
          return part(el, 'challenge');
        } catch {
          return false;
        }
      }, 'the slider challenge');
      const dialog = part<HTMLDialogElement>(el, 'challenge');
      expect(dialog.open).to.equal(true);
      expect(dialog.textContent).to.include(t('challenge.title'));
      expect(await count(challengeApi, phone.e164), 'nothing sent before the challenge').to.equal(0);
      const slider = part<HTMLInputElement>(el, 'challenge-slider');
      expect(slider.getAttribute('aria-label')).to.equal(t('challenge.slider'));
      slider.value = '100';
      slider.dispatchEvent(new Event('change', { bubbles: true }));

      const code = await codeTo(challengeApi, phone.e164, 0);
      expect(code).to.match(/^\d{6}$/);
      await until(() => !dialog.isConnected, 'the challenge closed');
      expect(rec.errors, 'no error').to.deep.equal([]);
    });

    it('giving up the slider leaves the code unsent and says why', async () => {
      const phone = newPhone();
      const el = await fixture<HTMLElement>(
        html`<cloud-login provider="qingcloud" api=${challengeApi} locale=${locale}></cloud-login>`,
      );
      await settle(el);
      await chooseMethod(el, t('method.sms'));
      fill(field(el, t('label.phone')), phone.national);
      button(el, t('action.getCode')).click();
      await until(() => {
        try {
          return part(el, 'challenge-cancel');
        } catch {
          return false;
        }
      }, 'the slider challenge');
      part(el, 'challenge-cancel').click();
      const input = deepAll(el, 'cloud-code-input')[0]!;
      await until(
        () => input.shadowRoot!.textContent!.includes(text(locale, 'challenge_required')),
        'the refusal shown',
      );
      expect(await count(challengeApi, phone.e164)).to.equal(0);
    });
  });
}
