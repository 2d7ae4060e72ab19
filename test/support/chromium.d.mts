// Types of chromium.mjs for the TypeScript that imports it.
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: readonly string[];
export function chromiumLaunchOptions(extraArgs?: readonly string[]): {
  executablePath: string;
  headless: true;
  args: string[];
};
export function launchChromium(extraArgs?: readonly string[]): Promise<Browser>;
