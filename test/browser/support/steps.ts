/** A flow's public events and steps, and waiting for a step. */
import { deepAll, normalise, settle, until } from './dom.ts';

export interface Recorder {
  steps: string[];
  errors: { code: string; message: string; field?: string }[];
  success?: {
    account: Record<string, unknown> & { id: string };
    session: { token: string; expiresAt: string };
  };
}

/** Records the public events of a flow element. */
export function record(el: Element): Recorder {
  const rec: Recorder = { steps: [], errors: [] };
  el.addEventListener('cloud-step-change', (e) => rec.steps.push((e as CustomEvent).detail.step));
  el.addEventListener('cloud-error', (e) => rec.errors.push((e as CustomEvent).detail));
  const onSuccess = (e: Event) => {
    rec.success = (e as CustomEvent).detail;
    // Tests check what a site gets; no navigation unless a test asks for one.
    if (!(el as HTMLElement).hasAttribute('return-to')) e.preventDefault();
  };
  el.addEventListener('cloud-login-success', onSuccess);
  el.addEventListener('cloud-register-success', onSuccess);
  return rec;
}

/** Whether anything below `host` is busy (a request in flight). */
export const busy = (host: Element): boolean => deepAll(host, '[aria-busy="true"]').length > 0;

/** Waits for the flow to reach `step` (its `cloud-step-change`) and settle. */
export async function waitForStep(
  host: Element,
  rec: Recorder,
  step: string,
  timeout = 10_000,
): Promise<void> {
  await until(
    () => rec.steps.at(-1) === step && !busy(host),
    () =>
      `expected step "${step}", steps so far: ${JSON.stringify(rec.steps)}, errors: ${JSON.stringify(rec.errors)}, ` +
      `busy: ${busy(host)}, shown: "${normalise(host.shadowRoot?.textContent).slice(0, 300)}"`,
    timeout,
  );
  await settle(host);
}
