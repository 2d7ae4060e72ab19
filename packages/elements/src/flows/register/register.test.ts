import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../index.ts';
import type { CloudRegister } from './register.ts';
import { apiError, authenticated, deep, fakeClient, settle, typeInto } from '../../test/helpers.ts';

const title = (el: CloudRegister) => deep(el, 'h3').textContent!.trim();
const submit = (el: CloudRegister) => deep<HTMLButtonElement>(el, 'button[type=submit]').click();

async function fillPhoneStep(el: CloudRegister, phone = '13800138000', code = '123456') {
  const input = deep(el, 'cloud-phone-input') as unknown as { ready: Promise<unknown> };
  await input.ready;
  await settle(el);
  typeInto(deep(el, 'cloud-phone-input', 'input'), phone);
  typeInto(deep(el, 'cloud-code-input', 'input'), code);
}

describe('<cloud-register>', () => {
  it('is accessible on the first step of every preset, in both locales and schemes', async function () {
    this.timeout(20000);
    for (const provider of ['jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud', 'default']) {
      for (const [locale, theme] of [
        ['en', 'light'],
        ['zh-CN', 'dark'],
      ]) {
        const el = await fixture<CloudRegister>(
          html`<cloud-register provider=${provider} locale=${locale!} theme=${theme!}></cloud-register>`,
        );
        await settle(el);
        await expect(el, `${provider} ${locale} ${theme}`).to.be.accessible();
      }
    }
  });

  it('follows each preset’s registration order', async () => {
    const first: Record<string, string> = {
      jdcloud: 'Set account name and password',
      'jdcloud-classic': 'Verify your phone',
      qingcloud: 'Verify your phone',
      // No account name in these two: the step is titled by what it asks for.
      tencentcloud: 'Set email and password',
      default: 'Set email and password',
    };
    for (const [provider, heading] of Object.entries(first)) {
      const el = await fixture<CloudRegister>(
        html`<cloud-register provider=${provider} locale="en"></cloud-register>`,
      );
      await settle(el);
      expect(title(el), provider).to.equal(heading);
    }
  });

  it('checks a step with core’s rules before moving on (JD: name and password)', async () => {
    const { client, calls } = fakeClient({});
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#accountName'), '12345');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abc');
    submit(el);
    await settle(el);
    expect(el.step).to.deep.include({ name: 'form', index: 0 });
    expect(deep(el, '#accountName-error').textContent).to.equal('The account name cannot be digits only.');
    expect(deep(el, '#accountName').getAttribute('aria-invalid')).to.equal('true');
    expect(deep(el, 'cloud-password-field', '#error').textContent).to.contain('7–20');
    expect(calls).to.have.length(0);
    // The account-name rules tick as typed, like the password's.
    const rules = [...el.shadowRoot!.querySelectorAll('#accountName-hint li')].map((li) =>
      li.hasAttribute('data-met'),
    );
    expect(rules).to.deep.equal([true, true, false]);
  });

  it('walks JD’s flow to one POST /accounts, then the skippable security email', async () => {
    const { client, calls } = fakeClient({
      'POST /accounts': () => ({ status: 201, body: authenticated }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    const steps: string[] = [];
    el.addEventListener('cloud-step-change', (e) => steps.push(e.detail.step));
    await settle(el);
    const progress = () => deep(el, '[part=progress]').textContent!.trim();
    // Three screens ask something (the security email is the third): the count says so.
    expect(progress()).to.equal('Step 1 of 3');
    typeInto(deep(el, '#accountName'), 'alice_1');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Secret-12');
    submit(el);
    await settle(el);
    expect(title(el)).to.equal('Verify your phone');
    expect(progress()).to.equal('Step 2 of 3');
    await expect(el).to.be.accessible();
    await fillPhoneStep(el);
    submit(el);
    await settle(el);
    expect(deep(el, 'cloud-agreements', '#error').textContent).to.contain('accept the agreements');
    expect(calls).to.have.length(0);
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await oneEvent(el, 'cloud-step-change');
    await settle(el);
    expect(calls.map((c) => c.path)).to.deep.equal(['/accounts']);
    expect(calls[0]!.body).to.deep.equal({
      accountName: 'alice_1',
      password: 'Secret-12',
      phone: '+8613800138000',
      code: '123456',
      agreements: ['service', 'privacy'],
      // The emails the server sends are written in the element's language.
      locale: 'en',
    });
    expect(el.step.name).to.equal('security-email');
    expect(progress()).to.equal('Step 3 of 3');
    await expect(el).to.be.accessible();
    const success = oneEvent(el, 'cloud-register-success');
    deep<HTMLButtonElement>(el, '[part=skip]').click();
    const event = await success;
    expect(event.detail.account.id).to.equal('acc_1');
    expect(event.detail.session.token).to.equal('tok');
    await settle(el);
    // (`credentials` fired on first render, before this listener.)
    expect(steps).to.deep.equal(['phone', 'security-email', 'done']);
  });

  it('puts a server error on the step and field it belongs to (name taken → back to step 1)', async () => {
    const { client } = fakeClient({
      'POST /accounts': () => apiError(409, 'account_name_taken', { field: 'accountName' }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#accountName'), 'alice_1');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'Secret-12');
    submit(el);
    await settle(el);
    await fillPhoneStep(el);
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    const error = oneEvent(el, 'cloud-error');
    submit(el);
    expect((await error).detail).to.deep.include({ code: 'account_name_taken', field: 'accountName' });
    await settle(el);
    expect(el.step).to.deep.include({ name: 'form', index: 0 });
    expect(deep(el, '#accountName-error').textContent).to.equal('该账号名已被占用，请换一个。');
  });

  it('QingCloud: proves the code at its own step, and a wrong one keeps the person there', async () => {
    let verify: { status: number; body: unknown } = apiError(400, 'invalid_code', { field: 'code' });
    const { client, calls } = fakeClient({
      'POST /codes/verify': () => verify,
      'POST /accounts': () => ({ status: 201, body: authenticated }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="qingcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    await fillPhoneStep(el);
    submit(el);
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(el.step).to.deep.include({ name: 'form', index: 0 });
    expect(deep(el, 'cloud-code-input', '#error').textContent).to.equal(
      'The verification code is incorrect.',
    );
    expect(
      el.shadowRoot!.activeElement === deep(el, 'cloud-code-input'),
      'focus on the first field in error',
    ).to.equal(true);
    expect(calls.map((c) => c.path)).to.deep.equal(['/codes/verify']);
    // The right code: on to the password, with a ticket for the code.
    verify = { status: 200, body: { codeTicket: 'ct/1', expiresIn: 600 } };
    typeInto(deep(el, 'cloud-code-input', 'input'), '654321');
    submit(el);
    await settle(el, 5);
    expect(el.step).to.deep.include({ name: 'form', index: 1 });
    expect(calls.at(-1)!.body).to.deep.equal({
      phone: '+8613800138000',
      purpose: 'register',
      code: '654321',
    });
    // Back and forth keeps what was typed, and does not spend the code again.
    deep<HTMLButtonElement>(el, '[part=back]').click();
    await settle(el, 5);
    expect(deep<HTMLInputElement>(el, 'cloud-code-input', 'input').value).to.equal('654321');
    expect(deep<HTMLInputElement>(el, 'cloud-phone-input', 'input').value.replace(/\s/g, '')).to.equal(
      '13800138000',
    );
    submit(el);
    await settle(el, 5);
    expect(el.step).to.deep.include({ name: 'form', index: 1 });
    expect(calls.filter((c) => c.path === '/codes/verify')).to.have.length(2);
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abc12345');
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    const success = oneEvent(el, 'cloud-register-success');
    submit(el);
    await success;
    expect(calls.at(-1)!.body).to.deep.equal({
      phone: '+8613800138000',
      codeTicket: 'ct/1',
      password: 'abc12345',
      agreements: ['service'],
      locale: 'en',
    });
  });

  it('QingCloud: a spent ticket at the end takes the person to the code, which is proven again', async () => {
    const { client } = fakeClient({
      'POST /codes/verify': () => ({ status: 200, body: { codeTicket: 'ct/1', expiresIn: 600 } }),
      'POST /accounts': () => apiError(400, 'code_expired', { field: 'code' }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="qingcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    await fillPhoneStep(el);
    submit(el);
    await settle(el, 5);
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abc12345');
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await oneEvent(el, 'cloud-error');
    await settle(el);
    expect(el.step).to.deep.include({ name: 'form', index: 0 });
    expect(deep(el, 'cloud-code-input', '#error').textContent).to.contain('Get a new one');
  });

  it('prefills JD classic’s contact phone and checks the recommendation code', async () => {
    const { client, calls } = fakeClient({
      'POST /codes/verify': () => ({ status: 200, body: { codeTicket: 'ct/1', expiresIn: 600 } }),
      'POST /accounts': () => ({ status: 201, body: authenticated }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="jdcloud-classic" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    await fillPhoneStep(el);
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await settle(el, 5);
    typeInto(deep(el, '#accountName'), '京东用户');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abcdef');
    submit(el);
    await settle(el, 5);
    expect(title(el)).to.equal('Enable service');
    expect(deep<HTMLInputElement>(el, 'cloud-phone-input', 'input').value.replace(/\s/g, '')).to.equal(
      '13800138000',
    );
    typeInto(deep(el, '#recommendationCode'), 'no spaces!');
    submit(el);
    await settle(el);
    expect(deep(el, '#recommendationCode-error').textContent).to.contain('1–32');
    typeInto(deep(el, '#recommendationCode'), 'SALES-01');
    const success = oneEvent(el, 'cloud-register-success');
    submit(el);
    await success;
    expect(calls.at(-1)!.body).to.deep.include({
      codeTicket: 'ct/1',
      contactPhone: '+8613800138000',
      recommendationCode: 'SALES-01',
      accountName: '京东用户',
    });
  });

  it('Tencent: activation sent, then the industry step picked up from #cl_ticket', async () => {
    const { client, calls } = fakeClient({
      'POST /accounts': () => ({ status: 202, body: { status: 'activation_sent', email: 'a@example.com' } }),
      'POST /continue': () => ({ status: 200, body: authenticated }),
    });
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    typeInto(deep(el, '#email'), 'a@example.com');
    typeInto(deep(el, 'cloud-password-field', 'input'), 'abc123');
    deep<HTMLInputElement>(el, 'cloud-agreements', 'input').click();
    submit(el);
    await oneEvent(el, 'cloud-step-change');
    await settle(el);
    expect(el.step.name).to.equal('activation-sent');
    expect(title(el)).to.equal('Check your mailbox');
    expect((calls[0]!.body as { returnTo: string }).returnTo).to.equal(location.href.split('#')[0]);
    // Only the hash of a secret this browser keeps goes with the registration.
    const kept = JSON.parse(localStorage.getItem('cloud-login:activation:https://auth.test/api/x')!) as {
      secret: string;
    };
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(kept.secret));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect((calls[0]!.body as { flowHash: string }).flowHash).to.equal(hex);
    await expect(el).to.be.accessible();

    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=tick%2F1`);
    const back = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="zh-CN" .config=${{ client }}></cloud-register>`,
    );
    await settle(back);
    expect(location.hash, 'the ticket leaves the address bar').to.equal('');
    expect(back.step.name).to.equal('after-activation');
    expect(title(back)).to.equal('选择所属行业');
    await expect(back).to.be.accessible();
    submit(back);
    await settle(back);
    expect(deep(back, '#industry').getAttribute('aria-invalid')).to.equal('true');
    expect(deep(back, '#industry-error').textContent).to.equal('请选择所属行业。');
    const select = deep<HTMLSelectElement>(back, '#industry');
    select.value = 'gaming';
    select.dispatchEvent(new Event('change'));
    const success = oneEvent(back, 'cloud-register-success');
    submit(back);
    await success;
    expect(calls.at(-1)!.body).to.deep.equal({
      ticket: 'tick/1',
      flowSecret: kept.secret,
      industry: 'gaming',
    });
    expect(
      localStorage.getItem('cloud-login:activation:https://auth.test/api/x'),
      'good for one ticket',
    ).to.equal(null);
  });

  it('Tencent: redeems no #cl_ticket without the secret of a registration made in this browser', async () => {
    const { client, calls } = fakeClient({ 'POST /continue': () => ({ status: 200, body: authenticated }) });
    localStorage.removeItem('cloud-login:activation:https://auth.test/api/x');
    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=someone-elses`);
    const el = await fixture<CloudRegister>(
      html`<cloud-register provider="tencentcloud" locale="en" .config=${{ client }}></cloud-register>`,
    );
    await settle(el);
    expect(location.hash, 'the ticket leaves the address bar').to.equal('');
    expect(el.step.name).to.equal('form');
    expect(calls).to.have.length(0);
  });

  it('offers email or phone for the default preset, as tabs', async () => {
    const el = await fixture<CloudRegister>(html`<cloud-register locale="en"></cloud-register>`);
    await settle(el);
    const tabs = [...el.shadowRoot!.querySelectorAll('[role=tab]')];
    expect(tabs.map((t) => t.textContent!.trim())).to.deep.equal([
      'Register with email',
      'Register with a phone number',
    ]);
    (tabs[1] as HTMLButtonElement).click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('cloud-phone-input')).to.exist;
  });
});
