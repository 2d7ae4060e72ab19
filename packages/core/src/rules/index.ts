/**
 * The preset's rules as pure functions: account name, password, email, phone shape, verification
 * code, recommendation code. The elements call them on every keystroke (live hints) and the
 * server calls the same ones before it writes anything, so a rule has one implementation and one
 * code (`codes.ts`): the `code` of a `validation_failed` issue and the key of its message.
 *
 * No DOM, no Node APIs: this module runs in the browser and on the server.
 *
 * Browser bundles import this module, so it stays light: the email check is zod's email pattern
 * rather than a zod schema (the schema machinery is most of zod's weight), and nothing here
 * imports the common-password list. `checkPassword` / `passwordChecklist`, which have the list
 * built in, are not re-exported: import them from `./password-checks.ts`
 * (`@cloud-login/core/rules/password-checks`) or the package index.
 */
export * from './codes.ts';
// The helpers the rule modules share (`firstFailure`, `codePoints`, `OK`) stay internal.
export { hintKey, type Check, type ChecklistEntry } from './check.ts';
export * from './account-name.ts';
export * from './password.ts';
export * from './email.ts';
export * from './phone-shape.ts';
export * from './code.ts';
export * from './recommendation-code.ts';
export * from './issues.ts';
