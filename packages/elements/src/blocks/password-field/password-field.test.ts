import { expect, fixture, html } from '@open-wc/testing';
import './cloud-password-field.ts';
import type { CloudPasswordField } from './password-field.ts';
import { typeInto } from '../../test/helpers.ts';

const rules = (el: CloudPasswordField) =>
  [...el.shadowRoot!.querySelectorAll('li[data-rule]')].map((li) => ({
    rule: li.getAttribute('data-rule'),
    met: li.hasAttribute('data-met'),
    recommended: li.hasAttribute('data-recommended'),
  }));

async function typed(el: CloudPasswordField, value: string) {
  typeInto(el.shadowRoot!.querySelector('input')!, value);
  await el.updateComplete;
}

describe('<cloud-password-field>', () => {
  it('is accessible', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="jdcloud" mode="new" locale="en"></cloud-password-field>`,
    );
    await expect(el).to.be.accessible();
  });

  it('ties the checklist and the error to the input', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="jdcloud" mode="new" locale="en"></cloud-password-field>`,
    );
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.getAttribute('aria-describedby')).to.equal('checklist error');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.getElementById('error')!.getAttribute('role')).to.equal('alert');
    await typed(el, 'x');
    expect(input.getAttribute('aria-invalid'), 'editing clears the error').to.equal('false');
  });

  it('ticks JD’s rules as they are met (letter, digit, symbol, not the account name)', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="jdcloud" mode="new" account-name="alice-1" locale="en"></cloud-password-field>`,
    );
    expect(
      rules(el).every((r) => !r.met),
      'nothing ticked before typing',
    ).to.equal(true);
    await typed(el, 'abc');
    expect(
      rules(el)
        .filter((r) => r.met)
        .map((r) => r.rule),
    ).to.deep.equal(['password_chars', 'password_letter', 'password_account_name']);
    await typed(el, 'Alice-1');
    const same = rules(el).find((r) => r.rule === 'password_account_name')!;
    expect(same.met, 'equal to the account name, case-folded').to.equal(false);
    expect(el.validate()).to.equal(false);
    await typed(el, 'abc-1234');
    expect(rules(el).every((r) => r.met)).to.equal(true);
    expect(el.validate()).to.equal(true);
  });

  it('shows JD classic’s “two kinds” as a recommendation that never blocks', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="jdcloud-classic" mode="new" locale="en"></cloud-password-field>`,
    );
    await typed(el, 'abcdef');
    const kinds = rules(el).find((r) => r.rule === 'password_kinds')!;
    expect(kinds).to.deep.include({ met: false, recommended: true });
    expect(el.shadowRoot!.querySelector('[data-rule=password_kinds]')!.textContent).to.contain('Recommended');
    expect(el.validate()).to.equal(true);
  });

  it('enforces QingCloud’s and Tencent’s two kinds, and default’s common-password list', async () => {
    for (const provider of ['qingcloud', 'tencentcloud']) {
      const el = await fixture<CloudPasswordField>(
        html`<cloud-password-field provider=${provider} mode="new"></cloud-password-field>`,
      );
      await typed(el, 'abcdefgh');
      expect(el.validate(), provider).to.equal(false);
      await typed(el, 'abcdefg1');
      expect(el.validate(), provider).to.equal(true);
    }
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="default" mode="new" locale="en"></cloud-password-field>`,
    );
    await typed(el, 'password');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById('error')!.textContent).to.contain('too common');
  });

  it('shows and hides the password', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field locale="en"></cloud-password-field>`,
    );
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!;
    // An icon inside the field: one name, the state in aria-pressed.
    expect(toggle.getAttribute('aria-label')).to.equal('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(el.shadowRoot!.querySelector('.control')!.contains(toggle)).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.type).to.equal('text');
    expect(toggle.getAttribute('aria-label')).to.equal('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.type).to.equal('password');
  });

  it('has no checklist when signing in', async () => {
    const el = await fixture<CloudPasswordField>(
      html`<cloud-password-field provider="jdcloud" mode="current"></cloud-password-field>`,
    );
    expect(el.shadowRoot!.querySelector('[part=checklist]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('input')!.autocomplete).to.equal('current-password');
  });

  it('takes part in a form', async () => {
    // Not fixture(): for a non-Lit root it waits for an animation frame.
    const form = document.createElement('form');
    form.innerHTML = '<cloud-password-field name="pw" required></cloud-password-field>';
    document.body.append(form);
    const el = form.querySelector('cloud-password-field')!;
    await el.updateComplete;
    await typed(el, 'hunter2');
    expect(new FormData(form).get('pw')).to.equal('hunter2');
    form.remove();
  });
});
