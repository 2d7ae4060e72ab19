/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigSchema } from './api.ts';
import { publicConfig } from './config.ts';
import { PRESETS, PROVIDER_IDS, resolvePreset } from './presets/index.ts';

describe('publicConfig', () => {
  test('matches ConfigSchema for all five presets, without losing a field to stripping', () => {
    for (const id of PROVIDER_IDS) {
      const config = publicConfig(PRESETS[id]);
      // Parsing strips unknown keys: equality proves we send only what the contract names.
      assert.deepEqual(ConfigSchema.parse(config), config, id);
      assert.equal(config.provider, id);
    }
  });
  test('carries the policies the elements need', () => {
    const tencent = publicConfig(PRESETS.tencentcloud);
    assert.equal(tencent.policies.maxAccountsPerPhone, 5);
    assert.equal(tencent.policies.phone.steerInternationalToEmail, true);
    assert.ok(tencent.industries && tencent.industries.length > 0);
    const jd = publicConfig(PRESETS.jdcloud);
    assert.ok(!('maxAccountsPerPhone' in jd.policies), 'no limit is sent as absent');
    assert.ok(!('industries' in jd), 'no industry step, no list');
    assert.deepEqual(jd.policies.code, { length: 6, ttl: 300, resendAfter: 60, channels: ['sms', 'voice'] });
    assert.equal(jd.policies.emailLinkTtl, 7200);
    assert.deepEqual(jd.methods.login, ['qr', 'password', 'jd', 'wechat']);
  });
  test('keeps abuse limits private', () => {
    const code = publicConfig(PRESETS.default).policies.code as Record<string, unknown>;
    assert.equal(code.maxAttempts, undefined);
    assert.equal(code.dailyPerPhone, undefined);
  });
  test('reflects site overrides and cannot be used to mutate the shared preset', () => {
    const config = publicConfig(resolvePreset('qingcloud', { methods: { login: ['password', 'sms'] } }));
    assert.deepEqual(config.methods.login, ['password', 'sms']);
    const plain = publicConfig(PRESETS.qingcloud);
    plain.methods.login.push('qq');
    plain.policies.password.requiredClasses.push('symbol');
    assert.ok(!PRESETS.qingcloud.methods.login.includes('qq'));
    assert.deepEqual(PRESETS.qingcloud.password.requiredClasses, []);
  });
});
