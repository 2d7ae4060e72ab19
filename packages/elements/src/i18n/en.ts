/**
 * The elements' own UI strings (English). Error codes, rule hints, field labels and the common
 * actions come from `@cloud-login/core`'s messages; this catalogue holds only what the elements
 * add on top. `zh-CN.ts` must have the same keys and placeholders (see `i18n.test.ts`).
 */
export const en = {
  'login.heading': 'Log in',
  'login.methods': 'Log-in methods',
  'login.otherMethods': 'Other ways to log in',
  'login.signedIn': 'Logged in as {name}.',
  'login.subaccountHint': 'The main account’s email also works here.',
  'login.noMethods': 'No log-in method is available here.',
  'login.back': 'Back to log in',
  'login.connecting': 'Continue in the {method} window that opened. This page carries on by itself.',

  'identifier.accountName': 'Account name',
  'identifier.phone': 'Phone number',
  'identifier.email': 'Email',
  'identifier.join': ' / ',

  'register.heading': 'Sign up',
  'register.methods': 'Ways to sign up',
  'register.progress': 'Step {current} of {total}',
  'register.noMethods': 'No way to sign up is available here.',
  'register.checkMailbox': 'Check your mailbox',
  'register.activationHelp': 'Didn’t get it? Check your spam folder, or send it again.',
  'register.activationResent': 'The activation email has been sent again.',
  'register.resendEmailIn': 'Resend email in {seconds} s',
  'register.useAnotherEmail': 'Use a different email',
  'register.enableServiceIntro': 'Complete the information below to enable {name} service.',
  'register.securityEmailSentHeading': 'Verify your email',
  'register.done': 'Continue',
  'register.redirecting': 'Taking you back…',
  'register.selectIndustry': 'Select your industry',
  'register.signedInAs': 'Signed in as {name}.',
  'register.recommendationCodeFormat': 'A recommendation code is 1–32 letters, digits, “-” or “_”.',
  'register.emailSentTo': 'Sent to {email}.',

  'phone.regionOption': '{name} +{code}',
  'phone.loading': 'Loading phone formats…',
  'region.CN': 'Mainland China',
  'region.HK': 'Hong Kong, China',
  'region.MO': 'Macao, China',
  'region.TW': 'Taiwan, China',

  'code.sentTo': 'A code has been sent to {phone}.',
  'code.callingTo': 'We are calling {phone} to read the code out.',

  'password.requirements': 'Password requirements',
  'password.met': 'met',
  'password.unmet': 'not met',
  'password.recommended': 'recommended',

  'agreements.link': '{name}',
  'agreements.comma': ', ',
  'agreements.and': ' and ',
  'agreements.newTab': '(opens in a new tab)',

  'common.busy': 'Please wait…',
  'common.required': 'required',
} as const;

export type UiKey = keyof typeof en;
export type UiMessages = { readonly [K in UiKey]: string };
