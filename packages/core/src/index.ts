export * from './errors.ts';
export * from './presets.ts';
export * from './api.ts';
export * from './client.ts';
