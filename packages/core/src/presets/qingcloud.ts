/**
 * QingCloud (docs/presets.md#qingcloud): no account names, phone or email with the password (the password picks
 * among accounts sharing them), sub-accounts and IAM login.
 */
import { PRESET_DEFAULTS, SECURE_CODES } from './defaults.ts';
import type { Preset } from './schema.ts';

const qingcloud: Preset = {
  ...PRESET_DEFAULTS,
  id: 'qingcloud',
  name: { en: 'QingCloud', 'zh-CN': '青云QingCloud', 'zh-TW': '青雲QingCloud' },
  theme: { brand: '#00a971', brandContrast: '#ffffff', radius: '4px', shadow: '0 4px 16px rgb(0 0 0/.08)' },
  defaultLocale: 'zh-CN',
  accountName: null,
  password: {
    min: 8,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: ['CN'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: true,
  passwordLogin: { identifiers: ['phone', 'email'], shared: 'password-picks' },
  methods: { login: ['password', 'sms', 'wechat', 'subaccount', 'iam'], register: ['phone'] },
  registration: {
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code'] },
        { id: 'password', fields: ['password', 'agreements'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [
    {
      id: 'service',
      label: { en: 'Service Agreement', 'zh-CN': '服务协议', 'zh-TW': '服務協議' },
      href: 'https://www.qingcloud.com/agreement',
    },
  ],
  code: SECURE_CODES,
  subaccounts: true,
  // 003: the account login's top-right corner switches to the WeChat QR.
  cornerLogin: 'wechat',
  // Ours: 003 offers IAM user login from the console's login page; a site points it at its own.
  iamLoginUrl: 'https://console.qingcloud.com/login/iam',
  // 003: only an existing account (by its phone) can bind WeChat.
  firstLogin: { phone: 'bind', askEmail: [], create: { id: 'credentials', fields: [] } },
};

export default qingcloud;
