// WCAG 2.1 contrast of the organisation's colour: white text on it must stay readable (AA, 4.5:1), so a colour that is
// too light is darkened until it is. Pure functions, unit-tested.

export const AA_NORMAL_TEXT = 4.5;

type Rgb = [number, number, number];

/** '#rrggbb' or '#rgb' → [r, g, b] (0–255); null for anything else. */
export function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** Relative luminance (WCAG 2.1 definition). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/**
 * The colour to use as primary: `hex` itself when `against` (white text, and the light page background on which the
 * colour is used for text) all reach `minRatio`; else `hex` darkened step by step (keeping its hue) until they do.
 * Null when `hex` is not a colour.
 */
export function accessiblePrimary(
  hex: string,
  against: readonly string[] = ['#FFFFFF'],
  minRatio: number = AA_NORMAL_TEXT,
): string | null {
  const base = parseHex(hex);
  if (!base) return null;
  const others = against.map(parseHex).filter((c): c is Rgb => c !== null);
  const ok = (c: Rgb) => others.every((o) => contrastRatio(c, o) >= minRatio);
  for (let factor = 1; factor > 0; factor -= 0.02) {
    const c = base.map((v) => Math.floor(v * factor)) as Rgb;
    if (ok(c)) return toHex(c);
  }
  return '#000000';
}
