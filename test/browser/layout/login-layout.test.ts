/**
 * Layout facts of `<cloud-login>` (every preset, every tab) and `<cloud-register>`'s first step
 * at 320, 390 and 1280 px, light and dark, English and Chinese (a CJK font is installed by
 * .ci/run): no tab row wraps or needs scrolling, every text field keeps 200 px at 320 px, nothing is drawn over
 * anything else, no label or button cuts its text, nothing scrolls sideways. Axe checks each
 * state at 320 px. One element per preset, resized and switched between the checks.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '@cloud-login/elements';
import { apiUrl, busy, deepAll, settle, until, type Provider } from '../support/e2e.ts';
import { layoutProblems } from './facts.ts';

const PRESETS: Provider[] = ['default', 'jdcloud', 'jdcloud-classic', 'qingcloud', 'tencentcloud'];
const WIDTHS = [320, 390, 1280] as const;
const LOCALES = ['en', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;
/** The narrowest phone: every text field keeps at least this width there. */
const MIN_INPUT = 200;

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function ready(el: Element): Promise<void> {
  await until(
    () => el.matches(':state(ready)') && !busy(el) && !el.shadowRoot?.querySelector('[part~=loading]'),
    'ready',
  );
  await settle(el);
  await frame();
}

const tabsOf = (el: Element) =>
  deepAll<HTMLButtonElement>(el, '[role=tab]').filter((t) => t.checkVisibility());

/** Calls `check` with each tab selected in turn (once when there are none), then goes back to the first. */
async function eachTab(el: Element, check: (tab: string) => Promise<void>): Promise<void> {
  const count = tabsOf(el).length;
  for (let i = 0; i < Math.max(count, 1); i++) {
    const tab = tabsOf(el)[i];
    if (tab && tab.getAttribute('aria-selected') !== 'true') {
      tab.click();
      await until(() => tab.getAttribute('aria-selected') === 'true', 'tab selected');
      await ready(el);
    }
    await check(tab?.id ?? 'form');
  }
  if (count) {
    tabsOf(el)[0]!.click();
    await ready(el);
  }
}

/** The region picker of the shown panel, if it has one: open, then with a search nothing matches. */
async function regionPicker(el: Element, where: string, problems: string[]): Promise<void> {
  const picker = deepAll<HTMLButtonElement>(el, 'button#region').find((b) => b.checkVisibility());
  if (!picker) return;
  picker.click();
  await until(() => deepAll(el, 'cloud-region-list').length > 0, 'the region list');
  await settle(el);
  await frame();
  const list = deepAll(el, 'cloud-region-list')[0]!;
  const dialog = list.shadowRoot!.querySelector('[role=dialog]')!.getBoundingClientRect();
  if (dialog.left < 0 || dialog.right > document.documentElement.clientWidth)
    problems.push(`${where} region list: outside the page (${dialog.left}–${dialog.right})`);
  problems.push(...layoutProblems(el, `${where} region list open`, MIN_INPUT));
  await expect(el, `${where} region list open`).to.be.accessible();
  const search = list.shadowRoot!.querySelector('input')!;
  search.value = 'zzzz';
  search.dispatchEvent(new InputEvent('input'));
  await settle(el);
  expect(list.shadowRoot!.querySelector('[role=status]'), `${where}: the empty result said`).to.not.equal(
    null,
  );
  problems.push(...layoutProblems(el, `${where} region list, nothing found`, MIN_INPUT));
  await expect(el, `${where} region list, nothing found`).to.be.accessible();
  search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
  await until(() => deepAll(el, 'cloud-region-list').length === 0, 'the region list closed');
  await settle(el);
}

/** Every width, theme and locale of `el`, every tab; axe and the region picker at 320 px. */
async function checkEverywhere(el: HTMLElement, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    el.setAttribute('locale', locale);
    for (const theme of THEMES) {
      el.setAttribute('theme', theme);
      for (const width of WIDTHS) {
        await setViewport({ width, height: 900 });
        await ready(el);
        await eachTab(el, async (tab) => {
          const where = `${label} ${locale} ${theme} ${width}px ${tab}`;
          problems.push(...layoutProblems(el, where, width === 320 ? MIN_INPUT : undefined, true));
          if (width === 320) {
            await expect(el, where).to.be.accessible();
            await regionPicker(el, where, problems);
          }
        });
      }
    }
  }
  return problems;
}

describe('layout facts at 320 / 390 / 1280 px, light and dark, en and zh-CN', function () {
  // Five presets × 12 combinations × their tabs, each with Lit updates and axe.
  this.timeout(240_000);

  before(() => {
    // A phone page: the card spans the screen.
    document.body.style.margin = '0';
  });
  after(() => setViewport({ width: 800, height: 600 }));

  for (const preset of PRESETS) {
    it(`<cloud-login provider="${preset}">`, async () => {
      const el = await fixture<HTMLElement>(
        html`<cloud-login provider=${preset} api=${apiUrl(preset)} locale="en"></cloud-login>`,
      );
      const problems = await checkEverywhere(el, `login ${preset}`);
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it(`<cloud-register provider="${preset}">, first step`, async () => {
      const el = await fixture<HTMLElement>(
        html`<cloud-register provider=${preset} api=${apiUrl(preset)} locale="en"></cloud-register>`,
      );
      const problems = await checkEverywhere(el, `register ${preset}`);
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }
});
