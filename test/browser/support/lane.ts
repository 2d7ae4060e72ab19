/**
 * This page's place on the end-to-end test server: the provider ids, the locales, and the lane
 * (see auth-server.ts) the page's providers are mounted under.
 */
import { API_ORIGIN } from '/__cloud-login/env.js';

export { API_ORIGIN };
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export type Provider = 'jdcloud' | 'jdcloud-classic' | 'qingcloud' | 'tencentcloud' | 'default';

/**
 * This page's lane on the test server: its own app instance, data and clock (see
 * auth-server.ts), so test files running in parallel never see each other's clock moves.
 */
export const LANE = `p${Math.random().toString(36).slice(2, 10)}`;
/** Where this page's providers are mounted: `${API_BASE}/api/{provider}`. */
export const API_BASE = `${API_ORIGIN}/lanes/${LANE}`;

export const apiUrl = (provider: Provider): string => `${API_BASE}/api/${provider}`;
