export * from './types.ts';
export { createOutboxSender, createOutboxSenders } from '../dev/outbox.ts';
export { createSmtpEmailSender } from './smtp.ts';
