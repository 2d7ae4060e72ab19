import { expect, fixture, html } from '@open-wc/testing';
import './cloud-agreements.ts';
import type { CloudAgreements } from './agreements.ts';

describe('<cloud-agreements>', () => {
  it('is accessible', async () => {
    const el = await fixture<CloudAgreements>(
      html`<cloud-agreements provider="jdcloud-classic" locale="en"></cloud-agreements>`,
    );
    await expect(el).to.be.accessible();
  });

  it('links the preset’s agreements, opening in a new tab without an opener', async () => {
    const el = await fixture<CloudAgreements>(
      html`<cloud-agreements provider="jdcloud-classic" locale="en"></cloud-agreements>`,
    );
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.replace('(opens in a new tab)', '').trim())).to.deep.equal([
      'JD Registration Agreement',
      'Privacy Policy',
      'JD Cloud Service Agreement',
    ]);
    // English grammar: "agree to the …, the … and the …".
    expect(
      el
        .shadowRoot!.querySelector('label')!
        .textContent!.replace(/\(opens in a new tab\)/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ).to.equal(
      'I have read and agree to the JD Registration Agreement, the Privacy Policy and the JD Cloud Service Agreement',
    );
    for (const a of links) {
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.contain('noopener');
    }
    const zh = await fixture<CloudAgreements>(
      html`<cloud-agreements provider="jdcloud" locale="zh-CN"></cloud-agreements>`,
    );
    expect(
      zh.shadowRoot!.querySelector('label')!.textContent!.replace(/\s+|（在新标签页打开）/g, ''),
    ).to.contain('《京东云用户服务协议》和《隐私政策》');
  });

  it('takes a site’s own agreement links, and never a javascript: URL', async () => {
    const overrides = {
      agreements: [
        { id: 'terms', label: { en: 'Our terms', 'zh-CN': '条款' }, href: 'https://example.com/terms' },
        { id: 'bad', label: { en: 'Bad', 'zh-CN': '坏' }, href: 'javascript:alert(1)' },
      ],
    };
    const el = await fixture<CloudAgreements>(
      html`<cloud-agreements locale="en" .config=${{ overrides }}></cloud-agreements>`,
    );
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links[0]!.href).to.equal('https://example.com/terms');
    expect(links[1]!.getAttribute('href')).to.equal('#');
  });

  it('requires the box, announces why, and reports the accepted ids', async () => {
    const el = await fixture<CloudAgreements>(
      html`<cloud-agreements provider="jdcloud" locale="en"></cloud-agreements>`,
    );
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector('input')!;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(box.getAttribute('aria-describedby')).to.equal('error');
    expect(el.shadowRoot!.getElementById('error')!.getAttribute('role')).to.equal('alert');
    box.click();
    await el.updateComplete;
    expect(el.checked).to.equal(true);
    expect(el.validate()).to.equal(true);
    expect(el.value).to.deep.equal(['service', 'privacy']);
  });

  it('renders nothing and is satisfied when the preset has no agreements', async () => {
    const el = await fixture<CloudAgreements>(html`<cloud-agreements provider="default"></cloud-agreements>`);
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
    expect(el.validate()).to.equal(true);
  });
});
