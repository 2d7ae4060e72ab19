/**
 * The preset a site gets without naming one: NIST SP 800-63B passwords, email or phone.
 */
import { PRESET_DEFAULTS, SECURE_CODES } from './defaults.ts';
import type { Preset } from './schema.ts';

const defaultPreset: Preset = {
  ...PRESET_DEFAULTS,
  id: 'default',
  name: { en: 'Sign in', 'zh-CN': '登录', 'zh-TW': '登入' },
  theme: { brand: '#2855c8', brandContrast: '#ffffff', radius: '8px', shadow: '0 2px 16px rgb(0 0 0/.08)' },
  defaultLocale: 'en',
  accountName: null,
  // NIST SP 800-63B: length over composition rules, and a blocklist of common passwords.
  password: {
    min: 8,
    max: 64,
    requiredClasses: [],
    minClasses: 0,
    minClassesEnforced: false,
    asciiOnly: false,
    notEqualAccountName: false,
    rejectCommon: true,
  },
  phone: { regions: 'any', steerInternationalToEmail: false },
  maxAccountsPerPhone: 1,
  emailUnique: true,
  passwordLogin: { identifiers: ['email', 'phone'], shared: 'first-owner' },
  methods: { login: ['password', 'sms', 'passkeys'], register: ['email', 'phone'], twoStep: ['totp'] },
  registration: {
    email: {
      steps: [{ id: 'credentials', fields: ['email', 'password'] }],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code'] },
        { id: 'password', fields: ['password'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [],
  code: SECURE_CODES,
};

export default defaultPreset;
