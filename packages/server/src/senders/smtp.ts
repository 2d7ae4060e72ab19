/** Email over SMTP with nodemailer, for deployments (and the SMTP test) instead of the outbox. */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailSender } from './types.ts';

/**
 * `transport` is nodemailer's SMTP options (or a `smtp://` URL); `from` the sender address.
 * `close()` ends pooled connections at shutdown.
 */
export function createSmtpEmailSender(
  transport: SMTPTransport.Options | string,
  from: string,
): EmailSender & { close(): void } {
  const transporter = nodemailer.createTransport(transport);
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject ?? message.purpose,
        text: message.text,
        // Mail clients show it; nothing else is read from it.
        headers: { 'Content-Language': message.locale },
      });
    },
    close() {
      transporter.close();
    },
  };
}
