/**
 * What the `<cloud-account-security>` story files share (account-security*.stories.ts,
 * passkeys.stories.ts): the element as a story renders it, a fake signed in as an account, and the
 * answer to `reauth_required` (the fake's password).
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { backend, clientFor, themeOf, type CommonArgs, type Ctx } from './story.ts';
import { deep, fill, waitFor } from './play.ts';
import { submit } from './flows.ts';
import { FAKE_PASSWORD, type FakeBackend } from './fake-backend.ts';

export const renderSecurity = (args: CommonArgs, context: Ctx) => html`<cloud-account-security
  provider=${ifDefined(args.provider)}
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(themeOf(context))}
  .config=${{ client: clientFor(context) }}
></cloud-account-security>`;

/** The story starts signed in as `accountId` (the fake's session cookie), `more` arranged after. */
export const signedInAs = (accountId: string, more?: (fake: FakeBackend) => void) =>
  backend({
    setup: (fake) => {
      fake.signIn(accountId);
      more?.(fake);
    },
  });

/** Answers `reauth_required`: the current password in the refused form, submitted again. */
export async function proveAgain(root: ShadowRoot): Promise<void> {
  await waitFor(() => deep(root, '[part~="reauth"]'), 'the current password asked for');
  await fill(root, 'cloud-password-field[data-field="reauth"]', FAKE_PASSWORD);
  await submit(root);
}
