/**
 * Tencent Cloud (docs/presets.md#tencentcloud): email registration activated by a link, then the industry; phones from
 * any region, up to five accounts each.
 */
import { PRESET_DEFAULTS, SECURE_CODES } from './defaults.ts';
import type { Preset } from './schema.ts';

const tencentcloud: Preset = {
  ...PRESET_DEFAULTS,
  id: 'tencentcloud',
  name: { en: 'Tencent Cloud', 'zh-CN': '腾讯云', 'zh-TW': '騰訊雲' },
  theme: { brand: '#0052d9', brandContrast: '#ffffff', radius: '3px', shadow: '0 4px 16px rgb(0 0 0/.1)' },
  defaultLocale: 'zh-CN',
  accountName: null,
  password: {
    min: 6,
    max: 20,
    requiredClasses: [],
    minClasses: 2,
    minClassesEnforced: true,
    asciiOnly: true,
    notEqualAccountName: false,
    rejectCommon: false,
  },
  phone: { regions: 'any', steerInternationalToEmail: true },
  maxAccountsPerPhone: 5,
  emailUnique: true,
  passwordLogin: { identifiers: ['email'], shared: 'first-owner' },
  methods: {
    login: ['password', 'wechat', 'wechat-mp', 'qq'],
    register: ['email', 'wechat', 'wechat-mp', 'qq'],
  },
  registration: {
    email: {
      steps: [{ id: 'credentials', fields: ['email', 'password', 'agreements'] }],
      activation: 'email-link',
      afterActivation: [{ id: 'industry', fields: ['industry'] }],
      offerSecurityEmail: false,
    },
  },
  agreements: [
    {
      id: 'service',
      label: { en: 'Service Agreement', 'zh-CN': '服务协议', 'zh-TW': '服務協議' },
      href: 'https://cloud.tencent.com/document/product/301/1967',
    },
  ],
  industries: [
    ['internet', 'Internet', '互联网', '網際網路'],
    ['gaming', 'Gaming', '游戏', '遊戲'],
    ['ecommerce', 'E-commerce and retail', '电商零售', '電商零售'],
    ['finance', 'Finance', '金融', '金融'],
    ['education', 'Education', '教育', '教育'],
    ['healthcare', 'Healthcare', '医疗健康', '醫療健康'],
    ['media', 'Media and entertainment', '文娱传媒', '文化娛樂傳媒'],
    ['manufacturing', 'Manufacturing', '工业制造', '工業製造'],
    ['government', 'Government and public services', '政务', '政府與公共服務'],
    ['transport', 'Transport and logistics', '交通物流', '交通物流'],
    ['other', 'Other', '其他', '其他'],
  ].map(([id, en, zh, tw]) => ({ id: id!, label: { en: en!, 'zh-CN': zh!, 'zh-TW': tw! } })),
  code: SECURE_CODES,
  advice: ['enterprise'],
  // 004: always a new account; WeChat gives no email, so it asks for one.
  firstLogin: {
    phone: 'create',
    askEmail: ['wechat'],
    create: { id: 'industry', fields: ['industry', 'agreements'] },
  },
};

export default tencentcloud;
