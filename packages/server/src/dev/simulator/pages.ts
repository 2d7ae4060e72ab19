/**
 * HTML of the simulated identity providers' pages: plain forms, no script, every variable
 * escaped, a CSP that allows only the page's own stylesheet, images from this server, and form
 * posts to this server (plus the app's redirect origin, since a form's redirect counts too).
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../flows/pages.ts';

export { escapeHtml };

export interface Brand {
  /** Shown in the header bar. */
  name: string;
  /** CSS class carrying the brand colour (inline styles would need a weaker CSP). */
  cls: 'wechat' | 'qq' | 'jd';
}

export const BRANDS = {
  wechat: { name: '微信 WeChat', cls: 'wechat' },
  'wechat-mp': { name: '微信公众平台 WeChat Official Accounts', cls: 'wechat' },
  qq: { name: 'QQ互联 QQ Connect', cls: 'qq' },
  jd: { name: '京东 JD.COM', cls: 'jd' },
} satisfies Record<string, Brand>;

const STYLE = [
  'body{margin:0;font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f2f3f5}',
  'header{padding:.8rem 1.2rem;color:#fff;font-weight:600;font-size:1.05rem}',
  'main{max-width:24rem;margin:2rem auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}',
  'h1{font-size:1.25rem;margin:0 0 .25rem}p{margin:.5rem 0}.sub{color:#666;font-size:.9rem}',
  'label{display:block;margin:.8rem 0 .25rem;font-weight:500}',
  'input{box-sizing:border-box;width:100%;padding:.55rem .6rem;font:inherit;border:1px solid #c9ccd1;border-radius:4px}',
  '.row{display:flex;gap:.6rem;margin-top:1.2rem}button{flex:1;padding:.6rem;font:inherit;border-radius:4px;border:1px solid #c9ccd1;background:#fff;cursor:pointer}',
  'button.primary{color:#fff;border-color:transparent}',
  '.wechat{background:#07c160}.qq{background:#12b7f5}.jd{background:#e1251b}',
  '.qr{display:block;width:12rem;height:12rem;margin:1rem auto;border:1px solid #e5e6eb}.qr svg{width:100%;height:100%}',
  '.dev{margin-top:1.4rem;padding-top:1rem;border-top:1px dashed #c9ccd1}.dev h2{font-size:.95rem;margin:0;color:#8a5a00}',
  '.error{color:#c5221f;font-weight:500}.note{color:#666;font-size:.85rem}',
  ':focus-visible{outline:3px solid #1a73e8;outline-offset:2px}',
  '@media (prefers-color-scheme:dark){body{background:#17181a;color:#e6e6e6}main{background:#222326}.sub,.note{color:#aaa}input,button{background:#2b2c30;color:#e6e6e6;border-color:#4a4b50}}',
].join('');
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * The simulated providers' page policy. A page whose form leads into the sign-in callback gets
 * no `form-action`: Chromium applies that directive to every redirect a submission causes, and
 * the callback ends on the embedding site (`returnTo#cl_ticket=…`, any allowed origin), which
 * the simulated provider does not know — just as a real provider's page would not restrict it.
 */
export function pageCsp(formTargets: readonly string[] = []): string {
  const forms = formTargets.length > 0 ? '' : " form-action 'self';";
  return `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self' data:;${forms} base-uri 'none'; frame-ancestors 'none'`;
}

export interface PageOptions {
  brand: Brand;
  title: string;
  /** Trusted HTML (built with `escapeHtml` by the caller). */
  body: string;
}

export function renderIdpPage({ brand, title, body }: PageOptions): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(title)} · ${escapeHtml(brand.name)}</title><style>${STYLE}</style></head>` +
    `<body><header class="${brand.cls}">${escapeHtml(brand.name)}</header><main>${body}</main></body></html>`
  );
}

/** Hidden fields carrying the authorize request through the form post. */
export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

export function button(label: string, name: string, value: string, brand?: Brand): string {
  const cls = brand ? ` class="primary ${brand.cls}"` : '';
  return `<button type="submit" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${cls}>${escapeHtml(label)}</button>`;
}
