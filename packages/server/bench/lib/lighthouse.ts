/**
 * Lighthouse on the demo's page per preset: its default mobile profile (a mid-range phone, slow
 * 4G and a 4× slower CPU, simulated), performance and accessibility. The demo is served as
 * `npm start` serves it (dev mode, the demo folder, the built bundle), on loopback.
 *
 * Lighthouse drives the same Debian Chromium as the other measurements, through the DevTools
 * port of a browser launched with the repository's flags (test/support/chromium.mjs).
 */
import lighthouse from 'lighthouse';
import { launchChromium } from '../../../../test/support/chromium.mjs';
import { freePort } from './servers.ts';

export interface LighthouseFigure {
  page: string;
  performance: number;
  accessibility: number;
  /** Milliseconds, simulated on the mobile profile. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Lighthouse's measure of this machine's speed (a fast desktop: 1500–2500). */
  benchmarkIndex: number;
  /** Audits that cost points (score under 0.9), by id, with their savings where Lighthouse says. */
  flagged: string[];
}

/** The audits whose figures the report names (first paint, largest paint, blocking, shift). */
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
} as const;

export const LIGHTHOUSE_VERSION = (await import('lighthouse/package.json', { with: { type: 'json' } }))
  .default.version as string;

export async function measureLighthouse(
  baseUrl: string,
  pages: readonly { name: string; path: string }[],
): Promise<LighthouseFigure[]> {
  const port = await freePort();
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  try {
    const out: LighthouseFigure[] = [];
    for (const page of pages) {
      const result = await lighthouse(baseUrl + page.path, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse: no result for ${page.path}`);
      if (lhr.runtimeError) throw new Error(`lighthouse: ${page.path}: ${lhr.runtimeError.message}`);
      const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      const flagged = Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            (a.scoreDisplayMode === 'numeric' ||
              a.scoreDisplayMode === 'binary' ||
              a.scoreDisplayMode === 'metricSavings'),
        )
        .map((a) => a.id);
      out.push({
        page: page.name,
        performance: lhr.categories.performance?.score ?? Number.NaN,
        accessibility: lhr.categories.accessibility?.score ?? Number.NaN,
        fcp: metric(METRICS.fcp),
        lcp: metric(METRICS.lcp),
        tbt: metric(METRICS.tbt),
        cls: metric(METRICS.cls),
        benchmarkIndex: lhr.environment.benchmarkIndex,
        flagged,
      });
    }
    return out;
  } finally {
    await browser.close();
  }
}
