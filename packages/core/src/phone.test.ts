/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { phoneMetadata as metadata } from './phone-metadata.ts';
import {
  defaultRegionOf,
  formatPhoneAsYouType,
  maskPhone,
  parsePhone,
  regionsOf,
  type MetadataJson,
} from './phone.ts';
import { PRESETS, PROVIDER_IDS, type ProviderId } from './presets/index.ts';

function outcome(
  input: string,
  provider: ProviderId,
  defaultRegion?: Parameters<typeof parsePhone>[3],
): string {
  const r = parsePhone(input, PRESETS[provider].phone, metadata, defaultRegion);
  return r.ok ? r.region : r.code;
}

/** Metadata for only some regions, built the way the browser bundle will get it. */
function metadataFor(regions: string[]): MetadataJson {
  const full = metadata as unknown as {
    countries: Record<string, unknown[]>;
    country_calling_codes: Record<string, string[]>;
  };
  const countries = Object.fromEntries(regions.map((r) => [r, full.countries[r]]));
  const codes: Record<string, string[]> = {};
  for (const [code, list] of Object.entries(full.country_calling_codes)) {
    const kept = list.filter((r) => regions.includes(r));
    if (kept.length) codes[code] = kept;
  }
  return { ...(metadata as object), countries, country_calling_codes: codes } as unknown as MetadataJson;
}

describe('parsePhone per preset', () => {
  test('mainland numbers are accepted everywhere', () => {
    for (const id of PROVIDER_IDS) assert.equal(outcome('+8613800138000', id), 'CN', id);
  });
  test('jdcloud and qingcloud: mainland only', () => {
    for (const id of ['jdcloud', 'qingcloud'] as const) {
      assert.equal(outcome('+85291234567', id), 'phone_region_not_allowed', id);
      assert.equal(outcome('+85361234567', id), 'phone_region_not_allowed', id);
      assert.equal(outcome('+886912345678', id), 'phone_region_not_allowed', id);
      assert.equal(outcome('+14155552671', id), 'phone_region_not_allowed', id);
    }
  });
  test('jdcloud-classic: mainland, Hong Kong, Macao, Taiwan', () => {
    assert.equal(outcome('+85291234567', 'jdcloud-classic'), 'HK');
    assert.equal(outcome('+85361234567', 'jdcloud-classic'), 'MO');
    assert.equal(outcome('+886912345678', 'jdcloud-classic'), 'TW');
    assert.equal(outcome('+14155552671', 'jdcloud-classic'), 'phone_region_not_allowed');
  });
  test('tencentcloud and default: any region', () => {
    for (const id of ['tencentcloud', 'default'] as const) {
      assert.equal(outcome('+14155552671', id), 'US', id);
      assert.equal(outcome('+85291234567', id), 'HK', id);
      assert.equal(outcome('+33612345678', id), 'FR', id);
    }
  });
  test('garbage and invalid numbers are phone_invalid', () => {
    for (const id of PROVIDER_IDS) {
      for (const input of ['garbage', '', '   ', '+86123', '+8613800138000123', '12', '+'.repeat(100)]) {
        assert.equal(outcome(input, id), 'phone_invalid', `${id} ${JSON.stringify(input)}`);
      }
    }
  });
  test('non-geographic numbers (+800…) cannot receive a code: invalid, or outside a region list', () => {
    assert.equal(outcome('+80012345678', 'default'), 'phone_invalid');
    assert.equal(outcome('+80012345678', 'tencentcloud'), 'phone_invalid');
    assert.equal(outcome('+80012345678', 'jdcloud'), 'phone_region_not_allowed');
  });
  test('national input is read in the preset’s first region or the picker’s', () => {
    assert.equal(outcome('13800138000', 'jdcloud'), 'CN');
    assert.equal(outcome('138 0013 8000', 'jdcloud'), 'CN');
    assert.equal(outcome('91234567', 'jdcloud-classic', 'HK'), 'HK');
    // `any` has no default region: national input needs the picker's.
    assert.equal(outcome('13800138000', 'default'), 'phone_invalid');
    assert.equal(outcome('13800138000', 'default', 'CN'), 'CN');
  });
  test('the answer carries E.164 and the national number', () => {
    assert.deepEqual(parsePhone('138 0013 8000', PRESETS.jdcloud.phone, metadata), {
      ok: true,
      e164: '+8613800138000',
      region: 'CN',
      national: '13800138000',
    });
  });
  test('with metadata for the preset’s regions only, answers match the full metadata', () => {
    const cnOnly = metadataFor(['CN']);
    const policy = PRESETS.jdcloud.phone;
    assert.equal(parsePhone('+8613800138000', policy, cnOnly).ok, true);
    assert.deepEqual(parsePhone('+85291234567', policy, cnOnly), {
      ok: false,
      code: 'phone_region_not_allowed',
    });
    assert.deepEqual(parsePhone('+8612', policy, cnOnly), { ok: false, code: 'phone_invalid' });
    // A default region the metadata lacks must not throw.
    assert.deepEqual(parsePhone('91234567', policy, cnOnly, 'HK'), { ok: false, code: 'phone_invalid' });
  });
});

describe('regions', () => {
  test('regionsOf and defaultRegionOf follow each preset’s phone regions', () => {
    assert.deepEqual(regionsOf(PRESETS.jdcloud.phone), ['CN']);
    assert.deepEqual(regionsOf(PRESETS['jdcloud-classic'].phone), ['CN', 'HK', 'MO', 'TW']);
    assert.deepEqual(regionsOf(PRESETS.qingcloud.phone), ['CN']);
    assert.equal(regionsOf(PRESETS.tencentcloud.phone), 'any');
    assert.equal(regionsOf(PRESETS.default.phone), 'any');
    assert.equal(defaultRegionOf(PRESETS['jdcloud-classic'].phone), 'CN');
    assert.equal(defaultRegionOf(PRESETS.default.phone), undefined);
    assert.equal(PRESETS.tencentcloud.phone.steerInternationalToEmail, true);
  });
});

describe('formatPhoneAsYouType', () => {
  test('groups digits as the region writes them', () => {
    assert.equal(formatPhoneAsYouType('13800138000', 'CN', metadata), '138 0013 8000');
    assert.equal(formatPhoneAsYouType('91234567', 'HK', metadata), '9123 4567');
    assert.equal(formatPhoneAsYouType('+8613800138000', undefined, metadata), '+86 138 0013 8000');
  });
  test('never blocks typing when the region is unknown to the metadata', () => {
    assert.equal(formatPhoneAsYouType('91234567', 'HK', metadataFor(['CN'])), '91234567');
  });
});

describe('maskPhone', () => {
  test('mainland: calling code, first 3 and last 4', () => {
    assert.equal(maskPhone('+8613800138000', metadata), '+86 138****8000');
  });
  test('shorter numbers hide at least a third of their digits', () => {
    assert.equal(maskPhone('+85291234567', metadata), '+852 91***567');
    assert.equal(maskPhone('+886912345678', metadata), '+886 912***678');
    assert.equal(maskPhone('+14155552671', metadata), '+1 415****671');
  });
  test('an unreadable value is never echoed whole', () => {
    assert.equal(maskPhone('garbage', metadata), '****');
    assert.equal(maskPhone('12345', metadata), '***45');
  });
});
