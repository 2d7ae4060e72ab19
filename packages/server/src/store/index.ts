export * from './types.ts';
export { createLowdbStore, createMemoryStore, DATA_FILE, DurableJsonFile, StoreFileError } from './lowdb.ts';
export { createQrChanges } from './qr-changes.ts';
export type { CompactionStep, LowdbStoreOptions, StoreOptions } from './lowdb.ts';
