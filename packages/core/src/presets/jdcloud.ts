/**
 * JD Cloud (docs/presets.md#jdcloud): account names with CJK, a password with letter, digit and symbol, app QR
 * login first, and parent accounts for those created before 2019-07-18.
 */
import { PRESET_DEFAULTS, SECURE_CODES } from './defaults.ts';
import type { Preset } from './schema.ts';

const jdcloud: Preset = {
  ...PRESET_DEFAULTS,
  id: 'jdcloud',
  name: { en: 'JD Cloud', 'zh-CN': '京东云', 'zh-TW': '京東雲' },
  theme: {
    brand: '#e1251b',
    brandContrast: '#ffffff',
    radius: '4px',
    focus: '#2f6fde',
    shadow: '0 2px 12px rgb(0 0 0/.08)',
  },
  defaultLocale: 'zh-CN',
  accountName: { min: 4, max: 20, allowCjk: true, forbidDigitsOnly: true },
  password: {
    min: 7,
    max: 20,
    requiredClasses: ['letter', 'digit', 'symbol'],
    minClasses: 3,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: true,
    rejectCommon: false,
  },
  phone: { regions: ['CN'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: false,
  passwordLogin: { identifiers: ['accountName', 'phone', 'email'], shared: 'first-owner' },
  methods: { login: ['qr', 'password', 'jd', 'wechat'], register: ['account'] },
  registration: {
    account: {
      steps: [
        { id: 'credentials', fields: ['accountName', 'password'] },
        { id: 'phone', fields: ['phone', 'code', 'agreements'] },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: true,
    },
  },
  agreements: [
    {
      id: 'service',
      label: {
        en: 'JD Cloud User Service Agreement',
        'zh-CN': '京东云用户服务协议',
        'zh-TW': '京東雲用戶服務協議',
      },
      href: 'https://www.jdcloud.com/cn/agreements/service',
    },
    {
      id: 'privacy',
      label: { en: 'Privacy Policy', 'zh-CN': '隐私政策', 'zh-TW': '隱私權政策' },
      href: 'https://www.jdcloud.com/cn/agreements/privacy',
    },
  ],
  code: SECURE_CODES,
  legacyCutoff: '2019-07-18',
  appDownloadUrl: 'https://console.jdcloud.com/download',
  advice: ['secondary-number'],
  // 002: "输入你的手机号，系统会查询你已注册的京东云账号，或为你自动创建一个京东云账号" — the phone's
  // accounts to bind, or one created at once (a generated name, no password; both set later).
  firstLogin: {
    phone: 'bind-or-create',
    phoneStep: ['agreements'],
    askEmail: [],
    create: { id: 'credentials', fields: [] },
  },
};

export default jdcloud;
