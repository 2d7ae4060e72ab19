/**
 * The pages, measured in Chromium: cumulative layout shift of the demo's page per preset and of a
 * plain page that follows the README's embed snippet (lib/layout.ts), and Lighthouse's mobile
 * performance and accessibility scores of the demo's pages (lib/lighthouse.ts). Against the
 * server as `npm start` runs it, started here.
 */
import { PROVIDER_IDS } from '@cloud-login/core';
import { measureCls, plainEmbedPage, type ClsFigure } from './layout.ts';
import type { LighthouseFigure } from './lighthouse.ts';
import { startDemoServer, tempDir } from './servers.ts';

export interface WebResult {
  cls: ClsFigure[];
  lighthouse: { version: string; pages: LighthouseFigure[] } | { pending: string };
}

/** Goals: CLS ≤ 0.05 on the demo, ≤ 0.01 for the plain embed; Lighthouse ≥ 0.95 and 1.00. */
const GOALS = { demoCls: 0.05, plainCls: 0.01, performance: 0.95, accessibility: 1 };

export async function measureWeb(options: { runs: number; lighthouse: boolean }): Promise<WebResult> {
  const server = await startDemoServer(tempDir('demo'));
  try {
    const pages = [
      ...PROVIDER_IDS.map((p) => ({ name: `demo ${p}`, path: `/?provider=${p}&locale=en` })),
      ...PROVIDER_IDS.map((p) => ({
        name: `plain embed ${p}`,
        path: `/__bench/plain-${p}.html`,
        html: plainEmbedPage(p),
      })),
    ];
    const cls = await measureCls(server.url, pages, options.runs);
    let lighthouse: WebResult['lighthouse'] = { pending: 'skipped (--no-lighthouse)' };
    if (options.lighthouse) {
      // Loaded here, so runs without it do not need the package.
      const lh = await import('./lighthouse.ts').catch((error: Error) => error);
      lighthouse =
        lh instanceof Error
          ? { pending: `lighthouse does not load: ${lh.message}` }
          : {
              version: lh.LIGHTHOUSE_VERSION,
              pages: await lh.measureLighthouse(
                server.url,
                PROVIDER_IDS.map((p) => ({ name: p, path: `/?provider=${p}&locale=en` })),
              ),
            };
    }
    return { cls, lighthouse };
  } finally {
    await server.stop();
  }
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export function webLines(result: WebResult | { pending: string }): string[] {
  if ('pending' in result) return [`pages: pending — ${result.pending}`];
  const lines = [
    `cumulative layout shift (largest session window, cold cache, median of ${result.cls[0]?.runs ?? 0}; goal ≤ ${GOALS.demoCls} demo, ≤ ${GOALS.plainCls} plain embed):`,
  ];
  for (const f of result.cls) {
    const goal = f.page.startsWith('demo') ? GOALS.demoCls : GOALS.plainCls;
    lines.push(
      `  ${f.page.padEnd(30)} ${f.viewport.padEnd(13)} ${f.cls.toFixed(4)} (max ${f.max.toFixed(4)})  ${verdict(f.cls <= goal)}`,
    );
  }
  const lh = result.lighthouse;
  if ('pending' in lh) {
    lines.push(`lighthouse: pending — ${lh.pending}`);
    return lines;
  }
  lines.push(
    `lighthouse ${lh.version}, mobile profile (simulated slow 4G, 4× CPU slowdown), demo page per preset; goal performance ≥ ${GOALS.performance}, accessibility ${GOALS.accessibility.toFixed(2)}:`,
  );
  for (const p of lh.pages) {
    const ok = p.performance >= GOALS.performance && p.accessibility >= GOALS.accessibility;
    lines.push(
      `  ${p.page.padEnd(16)} (machine index ${Math.round(p.benchmarkIndex)}) performance ${p.performance.toFixed(2)}  accessibility ${p.accessibility.toFixed(2)}  ` +
        `FCP ${Math.round(p.fcp)} ms  LCP ${Math.round(p.lcp)} ms  TBT ${Math.round(p.tbt)} ms  CLS ${p.cls.toFixed(3)}  ${verdict(ok)}` +
        (p.flagged.length > 0 ? `\n    audits under 0.9: ${p.flagged.join(', ')}` : ''),
    );
  }
  return lines;
}
