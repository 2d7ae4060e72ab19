// How every test, script and benchmark here launches Chromium: one executable and one set of
// flags. Plain JavaScript so web-test-runner's config and `npm run size` can import it without a
// build step; chromium.d.mts types it for the TypeScript that does.

/** `CHROME_PATH`, else the Debian package's binary. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * `--no-sandbox`: Chromium refuses to start as root without it. The networking, component-update
 * and sync flags keep it from calling out to the internet, which CI machines close (it would
 * hang or log errors on every launch). GPU and /dev/shm are missing or tiny in containers.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/**
 * Launch options for playwright-core's `chromium.launch()` and web-test-runner's
 * `chromeLauncher({ launchOptions })`; `extraArgs` are appended to the shared flags.
 */
export function chromiumLaunchOptions(extraArgs = []) {
  return { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] };
}

/** Launches headless Chromium through playwright-core (downloading a browser is not needed). */
export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch(chromiumLaunchOptions(extraArgs));
}
