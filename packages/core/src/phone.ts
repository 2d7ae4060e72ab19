/**
 * Phone numbers through `libphonenumber-js/core`: every function takes the metadata as an
 * argument, so the browser can load metadata for only the preset's regions (a few KB instead of
 * about 35 KB gzip for all of them) while the server passes the full set from
 * `phone-metadata.ts`. Nothing here imports metadata itself.
 */
import {
  AsYouType,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import type { PhonePolicy } from './presets/schema.ts';
import type { PhoneRule } from './rules/codes.ts';

export type { CountryCode, MetadataJson };

export type ParsedPhone =
  | {
      ok: true;
      /** `+8613800138000` */ e164: string;
      region: CountryCode;
      /** national significant number, digits only */ national: string;
    }
  | { ok: false; code: PhoneRule };

/** Regions the preset accepts, first the picker's default; `any` for every region. */
export function regionsOf(policy: PhonePolicy): CountryCode[] | 'any' {
  // The preset schema checks the two-letter shape; libphonenumber's union type can't know that.
  return policy.regions === 'any' ? 'any' : (policy.regions as CountryCode[]);
}

/** The region a number without `+` is read in: the preset's first, or none for `any`. */
export function defaultRegionOf(policy: PhonePolicy): CountryCode | undefined {
  const regions = regionsOf(policy);
  return regions === 'any' ? undefined : regions[0];
}

// Far longer than any phone number; keeps pathological input away from the parser.
const MAX_INPUT = 64;

/**
 * Reads `input` (E.164 from the API, or what a user typed with `defaultRegion` from the picker)
 * and checks it against the preset's regions. `phone_invalid` when libphonenumber-js says the
 * number is not valid; `phone_region_not_allowed` when it is valid but outside the preset.
 *
 * A calling code the metadata doesn't cover is still answered as "region not allowed" when it
 * is none of the preset's, so the browser (metadata for the preset's regions only) gives the same
 * answer as the server (all regions).
 */
export function parsePhone(
  input: string,
  policy: PhonePolicy,
  metadata: MetadataJson,
  defaultRegion?: CountryCode,
): ParsedPhone {
  const text = input.trim();
  if (text === '' || text.length > MAX_INPUT) return { ok: false, code: 'phone_invalid' };
  const regions = regionsOf(policy);
  const fallback = defaultRegion ?? (regions === 'any' ? undefined : regions[0]);

  let number: PhoneNumber | undefined;
  try {
    number = parsePhoneNumberFromString(text, fallback ? { defaultCountry: fallback } : {}, metadata);
  } catch {
    // A default region missing from the metadata throws; treat it as an unreadable number.
    number = undefined;
  }

  if (!number || !number.isValid() || !number.country) {
    // Non-geographic numbers (+800, +882…) have no region and cannot receive SMS: invalid too.
    if (
      regions !== 'any' &&
      isInternational(text) &&
      !startsWithAllowedCallingCode(text, regions, metadata)
    ) {
      return { ok: false, code: 'phone_region_not_allowed' };
    }
    return { ok: false, code: 'phone_invalid' };
  }
  if (regions !== 'any' && !regions.includes(number.country))
    return { ok: false, code: 'phone_region_not_allowed' };
  return { ok: true, e164: number.number, region: number.country, national: number.nationalNumber };
}

function isInternational(text: string): boolean {
  return /^(\+|00)/.test(text);
}

function startsWithAllowedCallingCode(text: string, regions: CountryCode[], metadata: MetadataJson): boolean {
  const digits = text.replace(/^00/, '').replace(/\D/g, '');
  return regions.some((region) => {
    try {
      return digits.startsWith(getCountryCallingCode(region, metadata));
    } catch {
      return false; // region absent from this metadata
    }
  });
}

/**
 * Formats partial input for display while typing (`13800138` → `138 0013 8`). Returns the input
 * unchanged when the region is unknown to the metadata, so typing is never blocked.
 */
export function formatPhoneAsYouType(
  input: string,
  region: CountryCode | undefined,
  metadata: MetadataJson,
): string {
  try {
    return new AsYouType(region, metadata).input(input);
  } catch {
    return input;
  }
}

/**
 * The masked form the API shows (`+86 138****8000`): calling code, first 3 and last 4 national
 * digits. Numbers shorter than mainland's 11 digits hide at least a third of their digits, so a
 * Hong Kong number does not give away 7 of its 8 (`+852 91***567`).
 */
export function maskPhone(e164: string, metadata: MetadataJson): string {
  let number: PhoneNumber | undefined;
  try {
    number = parsePhoneNumberFromString(e164, metadata);
  } catch {
    number = undefined;
  }
  if (!number) {
    // Never echo an unreadable number back whole: keep only its last 2 digits.
    const digits = e164.replace(/\D/g, '');
    return digits.length > 2 ? `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}` : '****';
  }
  const national = number.nationalNumber as string;
  const n = national.length;
  const hidden = Math.max(n - 7, Math.ceil(n / 3));
  const visible = n - hidden;
  const tail = Math.min(4, Math.ceil(visible / 2));
  const head = visible - tail;
  return `+${number.countryCallingCode} ${national.slice(0, head)}${'*'.repeat(hidden)}${national.slice(n - tail)}`;
}
