/**
 * The elements' own UI strings (English) that a login page shows: the base every element has.
 * Error codes, rule hints, field labels and the common actions come from `@cloud-login/core`'s
 * messages; this catalogue holds only what the elements add on top. The strings of other flows
 * load with their code (`ChunkKeys` in `index.ts`): `flows/register/messages.ts`, `account-messages.ts`,
 * `password-messages.ts`, `flows/profile/messages.ts`, `flows/account-security/messages.ts`,
 * `blocks/qr-panel/messages.ts`. `zh-CN.ts` must have the same keys and placeholders (see `i18n.test.ts`).
 */
export const en = {
  'login.heading': 'Log in',
  'login.methods': 'Log-in methods',
  'login.otherMethods': 'Other ways to log in',
  'login.signedIn': 'Logged in as {name}.',
  'login.subaccountHint': 'The main account’s email also works here.',
  'login.noMethods': 'No log-in method is available here.',
  'login.back': 'Back to log in',
  'login.forgot': 'Forgot password?',
  'login.registerNow': 'Register now',
  'login.connecting': 'Continue in the {method} window that opened. This page carries on by itself.',

  'identifier.accountName': 'Account name',
  'identifier.phone': 'Phone number',
  'identifier.email': 'Email',
  'identifier.join': ' / ',

  'phone.loading': 'Loading phone formats…',
  'region.CN': 'Mainland China',
  'region.HK': 'Hong Kong, China',
  'region.MO': 'Macao, China',
  'region.TW': 'Taiwan, China',

  'code.sentTo': 'A code has been sent to {phone}.',
  'code.callingTo': 'We are calling {phone} to read the code out.',

  'common.busy': 'Please wait…',
  'common.required': 'required',
} as const;

export type UiKey = keyof typeof en;
export type UiMessages = { readonly [K in UiKey]: string };
