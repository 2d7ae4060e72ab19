// What the Storybook fake's contract suites share (fake-backend*.test.ts): a fake backend of a
// preset with the real core client over it, signed in when asked, and the refusal a call gets.
import assert from 'node:assert/strict';
import { ApiError, type CloudClient, type ProviderId } from '@cloud-login/core';
import { createFakeBackend, type FakeBackend, type FakeOptions } from '../../stories/support/fake-backend.ts';

/** The error `promise` is refused with; fails the test when it is not refused. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to be refused');
}

/** A fresh fake of `provider` (signed in as `accountId` when given) and the client over it. */
export function fakeOf(
  provider: ProviderId,
  { signedInAs, ...options }: Omit<FakeOptions, 'provider'> & { signedInAs?: string } = {},
): { fake: FakeBackend; client: CloudClient } {
  const fake = createFakeBackend({ ...options, provider });
  if (signedInAs) fake.signIn(signedInAs);
  return { fake, client: fake.client() };
}
