/**
 * The behaviour every `Store` must have, as a test suite a store's own test file runs (exported
 * as `@cloud-login/server/conformance`):
 * `storeConformance('postgres', () => openPostgresStore(…))`. The atomic rules (create-if-absent,
 * consume-once, limits under parallel calls) and the expiry rules; the store's clock must read
 * `T0` (the suite passes times explicitly where the interface takes them).
 */
import { describe } from 'node:test';
import type { Store } from './types.ts';
import { accountsConformance } from './conformance/accounts.ts';
import { codesConformance } from './conformance/codes.ts';
import { T0 } from './conformance/fixtures.ts';
import { grantsConformance } from './conformance/grants.ts';
import { passkeysConformance } from './conformance/passkeys.ts';
import { qrConformance } from './conformance/qr.ts';
import { sessionsConformance } from './conformance/sessions.ts';
import { sharedConformance } from './conformance/shared.ts';
import { tokensConformance } from './conformance/tokens.ts';

export {
  account,
  code,
  iso,
  link,
  noLimits,
  qr,
  T0,
  ticket,
  type OpenStore,
} from './conformance/fixtures.ts';

/** Runs the suite on stores made by `open`: a new, empty store per test, on the clock given (default `T0`). */
export function storeConformance(name: string, openAt: (now: () => number) => Promise<Store>): void {
  const open = (now: () => number = () => T0) => openAt(now);
  describe(`store conformance (${name})`, () => {
    accountsConformance(open);
    codesConformance(open);
    tokensConformance(open);
    sessionsConformance(open);
    qrConformance(open);
    grantsConformance(open);
    sharedConformance(open);
    passkeysConformance(open);
  });
}
