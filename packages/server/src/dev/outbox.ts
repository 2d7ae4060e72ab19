/**
 * The dev outbox: "sending" stores the message, and `GET /dev/outbox` and the demo show it. The
 * default in dev mode for all three channels, so every flow runs on one laptop.
 */
import type { Store } from '../store/types.ts';
import type { OutgoingMessage, Senders } from '../senders/types.ts';
import { devStoreOf, type OutboxRecord } from './store.ts';

export function createOutboxSender(
  store: Store,
  channel: OutboxRecord['channel'],
): { send(message: OutgoingMessage): Promise<void> } {
  return {
    async send(message) {
      await devStoreOf(store).outbox.add({
        channel,
        to: message.to,
        purpose: message.purpose,
        text: message.text,
        sentAt: new Date().toISOString(),
        ...(message.provider !== undefined && { provider: message.provider }),
        ...(message.code !== undefined && { code: message.code }),
        ...(message.link !== undefined && { link: message.link }),
        ...(message.subject !== undefined && { subject: message.subject }),
      });
    },
  };
}

/** Outbox senders for sms, voice and email. */
export function createOutboxSenders(store: Store): Senders {
  return {
    sms: createOutboxSender(store, 'sms'),
    voice: createOutboxSender(store, 'voice'),
    email: createOutboxSender(store, 'email'),
  };
}
