/**
 * JD Cloud's older flow (docs/presets.md#jdcloud-classic): phone first, then name and password, then the service's
 * contact details; JD login leads.
 */
import { PRESET_DEFAULTS, SECURE_CODES } from './defaults.ts';
import type { Preset } from './schema.ts';

const jdcloudClassic: Preset = {
  ...PRESET_DEFAULTS,
  id: 'jdcloud-classic',
  name: { en: 'JD Cloud (classic)', 'zh-CN': '京东云（经典）', 'zh-TW': '京東雲（經典）' },
  theme: {
    brand: '#c9151e',
    brandContrast: '#ffffff',
    radius: '2px',
    focus: '#2f6fde',
    shadow: '0 1px 4px rgb(0 0 0/.12)',
  },
  defaultLocale: 'zh-CN',
  accountName: { min: 4, max: 20, allowCjk: true, forbidDigitsOnly: false },
  // 001: "User Name and Password Setting".
  accountNameLabel: 'userName',
  password: {
    min: 6,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: false,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: ['CN', 'HK', 'MO', 'TW'], steerInternationalToEmail: false },
  maxAccountsPerPhone: null,
  emailUnique: false,
  // 001 lists only JD login; password login with the chosen user name is ours, so an account
  // registered here can come back without a JD account.
  passwordLogin: { identifiers: ['accountName'], shared: 'first-owner' },
  methods: { login: ['jd', 'password'], register: ['phone'] },
  registration: {
    phone: {
      steps: [
        { id: 'phone', fields: ['phone', 'code', 'agreements'] },
        { id: 'credentials', fields: ['accountName', 'password'] },
        {
          id: 'enable-service',
          fields: ['contactPhone', 'contactEmail', 'recommendationCode'],
          optional: ['contactEmail', 'recommendationCode'],
        },
      ],
      activation: 'none',
      afterActivation: [],
      offerSecurityEmail: false,
    },
  },
  agreements: [
    {
      id: 'jd-registration',
      label: { en: 'JD Registration Agreement', 'zh-CN': '京东用户注册协议', 'zh-TW': '京東用戶註冊協議' },
      href: 'https://in.m.jd.com/help/app/register_info.html',
    },
    {
      id: 'privacy',
      label: { en: 'Privacy Policy', 'zh-CN': '隐私政策', 'zh-TW': '隱私權政策' },
      href: 'https://in.m.jd.com/help/app/private_policy.html',
    },
    {
      id: 'service',
      label: { en: 'JD Cloud Service Agreement', 'zh-CN': '京东云服务协议', 'zh-TW': '京東雲服務協議' },
      href: 'https://www.jdcloud.com/cn/agreements/service',
    },
  ],
  code: SECURE_CODES,
  // 001: the JD account enables the service (a new account here).
  firstLogin: {
    phone: null,
    askEmail: [],
    create: {
      id: 'enable-service',
      fields: ['agreements', 'contactPhone', 'contactEmail', 'recommendationCode'],
      optional: ['contactEmail', 'recommendationCode'],
    },
  },
};

export default jdcloudClassic;
