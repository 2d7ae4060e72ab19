/** Lets `@cloud-login/core/messages` resolve (the package maps `./*` to `src/*.ts`). */
export * from './messages/index.ts';
