/**
 * The full `min` metadata of libphonenumber-js (all regions, about 35 KB gzip), for the server
 * and for tests. The browser must not import this file: it loads metadata for only the
 * preset's regions and passes that to the functions of `phone.ts`. That is also why this module
 * is not re-exported from `index.ts`; import it as `@cloud-login/core/phone-metadata`.
 */
import metadata from 'libphonenumber-js/min/metadata';
import type { MetadataJson } from 'libphonenumber-js/core';

export const phoneMetadata: MetadataJson = metadata;
export default phoneMetadata;
