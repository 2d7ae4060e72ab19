// Types of size.mjs for the TypeScript that imports it (test/size); the script itself stays
// plain JavaScript so `npm run size` needs no build step.
export type Element = 'cloud-login' | 'cloud-register';

/** Minified, gzip and brotli bytes of a set of files. */
export interface Weight {
  files: number;
  min: number;
  gzip: number;
  brotli: number;
}

/** What one element in one preset loaded until it was complete, in its heaviest locale. */
export interface Page extends Weight {
  element: Element;
  preset: string;
  locale: string;
  /** What it fetched after it was complete (decoration: the providers' marks). */
  later: Weight & { paths: string[] };
  rendered: boolean;
  errors: string[];
  /** Files relative to the build folder: `cloud-login.js`, `chunks/…`. */
  paths: string[];
}

export interface Report {
  total: Weight & { paths: string[] };
  pages: Page[];
}

export const PRESET_IDS: readonly string[];
export const ELEMENTS: readonly Element[];
export const LOCALES: readonly string[];
export const BUDGETS: Readonly<Partial<Record<Element, number>>> & { readonly 'cloud-login': number };
export const GOALS: Readonly<Partial<Record<Element, number>>> & { readonly 'cloud-login': number };
export const CEILINGS: Readonly<Record<Element, number>>;

export function weigh(paths: readonly string[]): Weight;
export function serve(dir: string): Promise<{ origin: string; close: () => Promise<void> }>;
export function measure(options?: {
  outdir?: string;
  presets?: readonly string[];
  elements?: readonly Element[];
}): Promise<Report>;
export function formatReport(report: Report, options?: { files?: boolean }): string;
