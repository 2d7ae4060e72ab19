/** The operation table, continued: app QR login, third-party connections and the dev routes. */
import { AUTH_ERRORS, BODY_ERRORS, type OperationSpec } from './openapi-components.ts';

export const QR_CONNECTION_AND_DEV_OPERATIONS: OperationSpec[] = [
  {
    method: 'post',
    path: '/qr',
    summary: 'Create an app QR ticket: 2 minutes; keep the secret, show the image',
    success: [{ status: 201, description: 'Created', schemas: ['QrCreated'] }],
    errors: ['method_disabled', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/qr/{id}',
    summary:
      'Poll a QR ticket with its secret (query or X-QR-Secret header); the first poll after confirmation carries the session',
    query: [
      { name: 'secret', required: false, description: 'The ticket secret (or send the X-QR-Secret header)' },
    ],
    success: [{ status: 200, description: 'The state', schemas: ['QrPoll'] }],
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/qr/{id}/events',
    summary:
      'The QR ticket’s state pushed as server-sent events (`event: status`, `data: {"status": …}`): at once, then at every change; ' +
      'a comment line every 15 s; closed after confirmed, denied or expired. Confirmed carries no session: poll GET /qr/{id} once for it',
    query: [
      { name: 'secret', required: false, description: 'The ticket secret (or send the X-QR-Secret header)' },
    ],
    success: [{ status: 200, description: 'The event stream', media: 'text/event-stream' }],
    errors: ['not_found', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/qr/{id}.svg',
    summary: 'The QR image (SVG)',
    success: [{ status: 200, description: 'QR code', media: 'image/svg+xml' }],
    errors: ['not_found', 'qr_expired'],
  },
  ...(['scan', 'confirm', 'deny'] as const).map((action): OperationSpec => ({
    method: 'post',
    path: `/qr/{id}/${action}`,
    summary: `The mobile app ${action === 'scan' ? 'scanned' : action === 'confirm' ? 'confirms' : 'denies'} the QR login (its session; the scanning account is the one signed in)`,
    auth: true,
    success: [{ status: 200, description: 'The new state and who is asking', schemas: ['QrMove'] }],
    errors: [...AUTH_ERRORS, 'not_found', 'qr_expired', 'method_disabled'],
  })),
  {
    method: 'get',
    path: '/connections/{idp}/authorize',
    summary: 'Start third-party login: redirect to the identity provider, state bound to this browser',
    query: [
      {
        name: 'returnTo',
        required: false,
        description:
          'Where to come back (redirect mode) and whose origin the popup posts to; a path here or a URL on an allowed origin',
      },
      {
        name: 'mode',
        required: false,
        description:
          'popup (default), redirect, or bind: a popup whose ticket only POST /account/connections takes (a signed-in account adds this login)',
      },
      {
        name: 'flowHash',
        required: false,
        description:
          'SHA-256 (hex) of a secret the tab keeps; required in redirect mode. The ticket is then bound to it: POST /continue presents the secret as flowSecret',
      },
    ],
    success: [{ status: 302, description: 'To the identity provider (WeChat OA: to the QR page)' }],
    errors: ['validation_failed', 'not_found', 'method_disabled', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/connections/{idp}/callback',
    summary: 'Back from the identity provider: hands {ticket} (or an error code) to the element',
    query: [
      {
        name: 'code',
        required: false,
        description: 'From the identity provider (none when the user refused)',
      },
      { name: 'state', required: true, description: 'From authorize' },
    ],
    success: [
      {
        status: 200,
        description:
          'Popup: a page that posts {type: "cloud-login:connection", ticket} to the opener at the allowed origin',
        html: true,
      },
      {
        status: 302,
        description:
          'Redirect mode: to returnTo#cl_ticket=… (or #cl_error=<code>); the ticket is bound to the flowHash',
      },
      {
        status: 400,
        description:
          'A page: the identity provider refused (posted as error), or the sign-in was not started in this browser',
        html: true,
      },
      { status: 410, description: 'A page: the state expired or was used', html: true },
    ],
    errors: [],
  },
  {
    method: 'get',
    path: '/connections/handoff.js',
    summary: 'The script of the popup hand-off page (no inline script anywhere)',
    success: [{ status: 200, description: 'Script', media: 'text/javascript' }],
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/connections/wechat-mp/scan',
    summary: 'WeChat Official Account: the page showing the temporary QR until it is scanned',
    query: [{ name: 'state', required: true, description: 'From authorize' }],
    success: [
      { status: 200, description: 'The QR page (reloads itself)', html: true },
      { status: 302, description: 'Scanned: on to the callback' },
      { status: 410, description: 'Expired', html: true },
    ],
    errors: ['method_disabled'],
  },
  {
    method: 'get',
    path: '/connections/wechat-mp/events',
    summary: 'WeChat Official Account: the server-URL check (echoes echostr when signed with the token)',
    query: [
      { name: 'signature', required: true, description: 'sha1 of the sorted token, timestamp and nonce' },
      { name: 'timestamp', required: true, description: 'Seconds' },
      { name: 'nonce', required: true, description: 'Random' },
      { name: 'echostr', required: true, description: 'Echoed back' },
    ],
    success: [{ status: 200, description: 'echostr', media: 'text/plain' }],
    errors: ['method_disabled'],
  },
  {
    method: 'post',
    path: '/connections/wechat-mp/events',
    summary: 'WeChat Official Account: pushed subscribe / SCAN events (XML, signed)',
    query: [
      { name: 'signature', required: true, description: 'sha1 of the sorted token, timestamp and nonce' },
      { name: 'timestamp', required: true, description: 'Seconds' },
      { name: 'nonce', required: true, description: 'Random' },
    ],
    success: [{ status: 200, description: '"success"', media: 'text/plain' }],
    errors: ['method_disabled'],
  },
  {
    method: 'get',
    path: '/dev/outbox',
    summary: 'Dev mode: messages “sent”, newest first (404 outside dev mode)',
    dev: true,
    query: [{ name: 'to', required: false, description: 'Only messages to this phone (E.164) or email' }],
    success: [{ status: 200, description: 'Messages', schemas: ['Outbox'] }],
    errors: ['not_found'],
  },
  {
    method: 'post',
    path: '/dev/challenge',
    summary:
      'Dev mode with the simulated slider challenge (CHALLENGE=slider): a token for POST /codes’ challengeToken (404 otherwise)',
    dev: true,
    success: [{ status: 201, description: 'A token, 2 minutes, single use', schemas: ['ChallengeToken'] }],
    errors: ['not_found'],
  },
  {
    method: 'post',
    path: '/dev/legacy-accounts',
    summary: 'Dev mode: create a legacy (pre-2019) JD account for the demo',
    dev: true,
    body: 'LegacyAccountRequest',
    success: [{ status: 201, description: 'Created', schemas: ['AccountEnvelope'] }],
    errors: [...BODY_ERRORS, 'method_disabled', 'email_taken', 'phone_account_limit', 'not_found'],
  },
];
