/**
 * What the `<cloud-account-security>` story files share (account-security*.stories.ts,
 * passkeys.stories.ts): the element as a story renders it, and a fake signed in as an account.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { backend, clientFor, themeOf, type CommonArgs, type Ctx } from './story.ts';
import type { FakeBackend } from './fake-backend.ts';

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
