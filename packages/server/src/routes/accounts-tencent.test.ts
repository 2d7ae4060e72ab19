/**
 * `POST /accounts` for Tencent Cloud end to end: the activation email and its link, the industry
 * step, `returnTo`, resending, and the link's expiry; codes and links read from the dev outbox.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import { createHarness, followEmailLink, signIn, spendEmailLink, tokenOf } from '../testing.ts';

/** The secret a registering tab keeps; its hash goes with the registration. */
const FLOW_SECRET = 'registering-tab-secret';

describe('register, Tencent Cloud', () => {
  test('email + password → activation email → link → industry → signed in and returned to returnTo', async () => {
    const h = await createHarness();
    try {
      const email = 'Dev@Example.com';
      const answer = await h.post('/api/tencentcloud/accounts', {
        email,
        password: 'pass-1234',
        agreements: true,
        returnTo: '/console?tab=1',
      });
      assert.equal(answer.status, 202, answer.text);
      assert.deepEqual(answer.body, { status: 'activation_sent', email: 'dev@example.com' });
      assert.equal(answer.headers.get('set-cookie'), null);

      // Not active yet: password login says this email cannot log in.
      const early = await signIn(h, 'tencentcloud', email, 'pass-1234');
      assert.equal(early.status, 403);
      assert.equal(early.body.error.code, 'identifier_not_loginable');

      const [mail] = await h.outbox('tencentcloud', 'dev@example.com');
      assert.equal(mail!.channel, 'email');
      assert.equal(mail!.purpose, 'activate');
      const verified = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(verified.status, 200, verified.text);
      assert.equal(verified.body.status, 'needs_profile');
      assert.deepEqual(verified.body.required, ['industry']);

      const bad = await h.post('/api/tencentcloud/continue', {
        ticket: verified.body.ticket,
        industry: 'piracy',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.issues[0].path, 'industry');
      const done = await h.post('/api/tencentcloud/continue', {
        ticket: verified.body.ticket,
        industry: 'gaming',
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'authenticated');
      assert.equal(done.body.returnTo, '/console?tab=1');
      assert.equal(done.body.account.industry, 'gaming');
      assert.equal(done.body.account.emailVerified, true);
      assert.deepEqual(done.body.account.loginIdentifiers, ['email']);

      const login = await signIn(h, 'tencentcloud', 'dev@example.com', 'pass-1234');
      assert.equal(login.status, 200);
      assert.equal(login.body.status, 'authenticated');
      // The link worked once.
      const reused = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(reused.status, 410);
      assert.equal(reused.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('a browser following the link is redirected to returnTo with the ticket in the fragment', async () => {
    const h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
    try {
      const returnTo = 'https://console.example.com/welcome';
      assert.equal(
        (
          await h.post('/api/tencentcloud/accounts', {
            email: 'a@example.com',
            password: 'pass-1234',
            agreements: true,
            returnTo,
            flowHash: hashSecret(FLOW_SECRET),
          })
        ).status,
        202,
      );
      const [mail] = await h.outbox('tencentcloud', 'a@example.com');
      const browser = await followEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(browser.status, 303);
      const location = browser.headers.get('location')!;
      assert.ok(location.startsWith(`${returnTo}#cl_ticket=`), location);
      const ticket = decodeURIComponent(location.split('#cl_ticket=')[1]!);
      const done = await h.post('/api/tencentcloud/continue', {
        ticket,
        industry: 'finance',
        flowSecret: FLOW_SECRET,
      });
      assert.equal(done.body.returnTo, returnTo);
      // An account that skipped the step is asked again at its next sign-in.
    } finally {
      await h.close();
    }
  });

  test('a returnTo outside the allowed origins is refused (no open redirect)', async () => {
    const h = await createHarness();
    try {
      for (const returnTo of [
        'https://evil.example/',
        '//evil.example/x',
        '/\\evil.example',
        'javascript:alert(1)',
      ]) {
        const answer = await h.post('/api/tencentcloud/accounts', {
          email: 'b@example.com',
          password: 'pass-1234',
          agreements: true,
          returnTo,
        });
        assert.equal(answer.status, 400, returnTo);
        assert.equal(answer.body.error.issues[0].path, 'returnTo');
      }
    } finally {
      await h.close();
    }
  });

  test('skipping the industry step: password login answers NeedsProfile until it is given', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'c@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'c@example.com');
      await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      const login = await signIn(h, 'tencentcloud', 'c@example.com', 'pass-1234');
      assert.equal(login.status, 200);
      assert.equal(login.body.status, 'needs_profile');
      const done = await h.post('/api/tencentcloud/continue', {
        ticket: login.body.ticket,
        industry: 'other',
      });
      assert.equal(done.body.status, 'authenticated');
    } finally {
      await h.close();
    }
  });

  test('resend: same password → new link after the cooldown; another password → a registration of its own; the first link followed wins', async () => {
    const h = await createHarness();
    try {
      const body = { email: 'd@example.com', password: 'pass-1234', agreements: true };
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).status, 202);
      const early = await h.post('/api/tencentcloud/accounts', body);
      assert.equal(early.status, 429);
      assert.equal(early.body.error.code, 'code_cooldown');
      assert.equal(early.body.error.field, 'email', 'an activation email, not a code');
      assert.ok(Number(early.headers.get('retry-after')) > 0);
      h.clock.advance(61);
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).status, 202);
      assert.equal((await h.outbox('tencentcloud', 'd@example.com')).length, 2);
      const [squatterMail] = await h.outbox('tencentcloud', 'd@example.com');

      // Another password: the unverified claim keeps nobody out — a registration of its own.
      const mine = await h.post('/api/tencentcloud/accounts', { ...body, password: 'mine-5678' });
      assert.equal(mine.status, 202, mine.text);
      const [mail] = await h.outbox('tencentcloud', 'd@example.com');
      const verified = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(verified.body.status, 'needs_profile');
      await h.post('/api/tencentcloud/continue', { ticket: verified.body.ticket, industry: 'other' });
      assert.equal((await signIn(h, 'tencentcloud', 'd@example.com', 'mine-5678')).status, 200);
      assert.equal((await signIn(h, 'tencentcloud', 'd@example.com', 'pass-1234')).status, 401);
      // The other registration lost the address: its link activates nothing.
      const late = await spendEmailLink(h, 'tencentcloud', tokenOf(squatterMail));
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'email_taken');
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).body.error.code, 'email_taken');
    } finally {
      await h.close();
    }
  });

  test('an activation link expires after 2 hours → link_expired (JSON) or a 410 page (browser)', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'e@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'e@example.com');
      h.clock.advance(7201);
      const page = await followEmailLink(h, 'tencentcloud', tokenOf(mail), { 'Accept-Language': 'en' });
      assert.equal(page.status, 410);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.text, /Link expired/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const json = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(json.status, 410);
      assert.equal(json.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('an already active email is email_taken', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'f@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'f@example.com');
      await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      const again = await h.post('/api/tencentcloud/accounts', {
        email: 'F@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'email_taken');
    } finally {
      await h.close();
    }
  });
});
