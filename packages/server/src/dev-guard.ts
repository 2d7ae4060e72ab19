/**
 * What the CLI says and checks about dev mode before it listens: dev mode hands every code and
 * link to whoever asks, so it runs only on a loopback `HOST`, and says so loudly.
 */
import { isLoopbackHost } from './middleware/dev-host.ts';

/** Why dev mode may not start on `host`, or `undefined` when it may. */
export function devModeRefusal(host: string): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  return [
    `cloud-login: refusing to start in dev mode on HOST=${host}.`,
    '  Dev mode shows every verification code and email link at /api/{provider}/dev/outbox, its simulated',
    '  WeChat, QQ and JD sign in anyone by a typed name, and /dev/legacy-accounts makes accounts for any',
    '  phone: on a reachable address anyone could take over any account.',
    '  Use a loopback HOST (127.0.0.1, ::1 or localhost), or turn dev mode off (DEV_MODE=0) in production.',
  ].join('\n');
}

/** The warning printed under the "listening" line in dev mode. */
export function devModeBanner(): string {
  const bar = '!'.repeat(100);
  return [
    bar,
    '!! DEV MODE — NOT FOR PRODUCTION. The outbox shows every code and link, simulated identity providers',
    '!! sign in anyone, and accounts can be made for any phone. Only loopback requests are answered',
    '!! (other Host headers get 403). Set DEV_MODE=0 to serve real users.',
    bar,
  ].join('\n');
}
