/**
 * The heights packages/elements/README.md ("No layout shift") tells a page to reserve, with
 * `cloud-login:not(:state(ready)) { display: block; min-height: … }`, are the elements' own:
 * for every preset, locale and both documented widths, the element holds the reserved height
 * until it is ready, and its height once ready is the reserved one within a few pixels. A layout
 * fact, measured once each element is ready; nothing here is timed.
 */
import { expect } from '@open-wc/testing';
import { apiUrl, closeFrames, openFrame, until, type Provider } from './support/e2e.ts';

/** How far (CSS px) the element may end from what the README says: sub-pixel text metrics. */
const TOLERANCE = 3;

interface Row {
  tag: string;
  preset: Provider;
  locale: 'en' | 'zh-CN';
  width: number;
  height: number;
}

/** The README's table (under its `reserved-heights` comment), one row per element and preset. */
async function documented(): Promise<Row[]> {
  const readme = await (await fetch('/packages/elements/README.md')).text();
  const table = readme.slice(readme.indexOf('<!-- reserved-heights:'));
  const rows: Row[] = [];
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    const cells = line.split('|').map((c) => c.trim().replace(/[`<>]/g, ''));
    if (!/^cloud-/.test(cells[1]!)) continue;
    const [tag, preset, ...heights] = cells.slice(1, 7) as [string, Provider, ...string[]];
    const columns = [
      ['en', 390],
      ['en', 416],
      ['zh-CN', 390],
      ['zh-CN', 416],
    ] as const;
    columns.forEach(([locale, width], i) =>
      rows.push({ tag, preset, locale, width, height: Number(heights[i]) }),
    );
  }
  return rows;
}

describe('reserved sizes (packages/elements/README.md, "No layout shift")', function () {
  this.timeout(120_000);
  afterEach(closeFrames);

  it('each preset, locale and width: reserved before ready, the same height once ready', async () => {
    const rows = await documented();
    expect(rows.length, 'rows in the README table').to.equal(40);
    const frame = await openFrame('/__cloud-login/pages/reserve.html');
    frame.style.width = '480px';
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as Window & typeof globalThis;
    const style = doc.createElement('style');
    style.textContent = [
      'body { margin: 0 }',
      ...rows.map((r, i) => `#e${i}:not(:state(ready)) { display: block; min-height: ${r.height}px; }`),
      ...rows.map((r, i) => `#box${i} { width: ${r.width}px }`),
    ].join('\n');
    doc.head.append(style);
    const elements = rows.map((r, i) => {
      const box = doc.createElement('div');
      box.id = `box${i}`;
      const el = doc.createElement(r.tag);
      el.id = `e${i}`;
      el.setAttribute('provider', r.preset);
      el.setAttribute('locale', r.locale);
      el.setAttribute('api', apiUrl(r.preset));
      box.append(el);
      doc.body.append(box);
      return el;
    });
    const what = (r: Row) => `<${r.tag} provider=${r.preset} locale=${r.locale}> ${r.width} px wide`;
    // The rule is in force before the element is ready (its code may not even be there yet).
    elements.forEach((el, i) => {
      if (!el.matches(':state(ready)'))
        expect(el.getBoundingClientRect().height, what(rows[i]!)).to.equal(rows[i]!.height);
    });
    await until(
      () => elements.every((el) => el.matches(':state(ready)')),
      () =>
        `ready: ${elements
          .filter((el) => !el.matches(':state(ready)'))
          .map((el) => what(rows[elements.indexOf(el)]!))
          .join(', ')}`,
      90_000,
    );
    expect(win.customElements.get('cloud-login')).to.not.equal(undefined);
    const off = rows
      .map((r, i) => ({
        what: what(r),
        reserved: r.height,
        ready: elements[i]!.getBoundingClientRect().height,
      }))
      .filter((m) => Math.abs(m.ready - m.reserved) > TOLERANCE);
    expect(off, 'heights that differ from the README table').to.deep.equal([]);
  });
});
