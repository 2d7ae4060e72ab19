/**
 * Turns a preset's brand colours into the private tokens the styles read. A preset's colour is
 * not always AA-safe (QingCloud's green under white text is 3:1), so colours that carry text are
 * nudged darker or lighter until they reach 4.5:1 — the brand stays recognisable, the text stays
 * readable. Sites that set `--cloud-*` themselves take over that responsibility.
 */
import type { Preset } from '@cloud-login/core';

type Rgb = [number, number, number];

function parseHex(value: string): Rgb | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two hex colours (1–21); 1 when either cannot be parsed. */
export function contrast(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((m, n) => n - m) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes `colour` towards `target` in small steps until it reaches `ratio` against `against`. */
export function ensureContrast(colour: string, against: string, ratio = 4.5, target = '#000000'): string {
  const from = parseHex(colour);
  const to = parseHex(target);
  if (!from || !to) return colour;
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const mixed = toHex(from.map((c, i) => c + (to[i]! - c) * t) as Rgb);
    if (contrast(mixed, against) >= ratio) return mixed;
  }
  return target;
}

export const SURFACE_LIGHT = '#ffffff';
export const SURFACE_DARK = '#17181c';

/** Private custom properties for one preset; each element sets them on its host through the CSSOM. */
export function brandTokens(theme: Preset['theme']): Record<string, string> {
  const fg = theme.brandContrast;
  // Darken a light-on-brand button (or lighten a dark-on-brand one) until its label passes AA.
  const towards = luminance(parseHex(fg) ?? [255, 255, 255]) > 0.5 ? '#000000' : '#ffffff';
  const button = ensureContrast(theme.brand, fg, 4.5, towards);
  return {
    // A red brand's focus ring would read as an error: such a preset names its own colour, one
    // that keeps 3:1 (a ring, not text) on the light and the dark surface. '' removes a token.
    '--_preset-focus': theme.focus ?? '',
    '--_preset-shadow': theme.shadow ?? '',
    '--_preset-brand': button,
    '--_preset-brand-contrast': fg,
    '--_preset-brand-text': ensureContrast(theme.brand, SURFACE_LIGHT, 4.5, '#000000'),
    '--_preset-brand-text-dark': ensureContrast(theme.brand, SURFACE_DARK, 4.5, '#ffffff'),
    '--_preset-radius': theme.radius,
  };
}
