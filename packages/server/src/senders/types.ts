/**
 * Where codes and links go out. One small interface per channel, so a deployment plugs in its
 * SMS or voice gateway (or its own mail service) without touching the routes.
 */
import type { Locale, ProviderId } from '@cloud-login/core';

export interface OutgoingMessage {
  /** E.164 phone for sms and voice, an address for email. */
  to: string;
  /** What the message is for (`register`, `login`, `bind`, `verify`, `activate`…), for logs and templates. */
  purpose: string;
  /** The verification code, for gateways that fill their own approved template. */
  code?: string;
  /** The link to follow (email verification and activation). */
  link?: string;
  /** The complete message, already localised. */
  text: string;
  /** Email subject. */
  subject?: string;
  locale: Locale;
  provider?: ProviderId;
}

export interface SmsSender {
  send(message: OutgoingMessage): Promise<void>;
}

export interface VoiceSender {
  send(message: OutgoingMessage): Promise<void>;
}

export interface EmailSender {
  send(message: OutgoingMessage): Promise<void>;
}

export interface Senders {
  sms: SmsSender;
  voice: VoiceSender;
  email: EmailSender;
}
