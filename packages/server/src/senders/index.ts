export * from './types.ts';
export { createOutboxSender, createOutboxSenders } from './outbox.ts';
export { createSmtpEmailSender } from './smtp.ts';
