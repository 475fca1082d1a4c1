import { describe, expect, it } from 'vitest';
import { accessiblePrimary, contrastRatio, parseHex, toHex } from './contrast.ts';

const ratio = (a: string, b: string) => contrastRatio(parseHex(a)!, parseHex(b)!);

describe('contrast helpers', () => {
  it('parses and prints colours', () => {
    expect(parseHex('#00596b')).toEqual([0, 89, 107]);
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
    expect(toHex([0, 89, 107])).toBe('#00596B');
  });

  it('computes the WCAG ratio', () => {
    expect(ratio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(ratio('#FFFFFF', '#FFFFFF')).toBeCloseTo(1, 5);
    expect(ratio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
  });

  it('keeps a dark enough colour as it is', () => {
    expect(accessiblePrimary('#00596B')).toBe('#00596B');
    expect(accessiblePrimary('#1b3a6b', ['#FFFFFF', '#F4F7F8'])).toBe('#1B3A6B');
  });

  it('darkens a light colour until white text on it reaches 4.5:1, keeping the hue', () => {
    for (const light of ['#FFD700', '#00A0DC', '#E2007A', '#7AB800', '#FFFFFF']) {
      const out = accessiblePrimary(light, ['#FFFFFF', '#F4F7F8'])!;
      expect(ratio(out, '#FFFFFF'), light).toBeGreaterThanOrEqual(4.5);
      expect(ratio(out, '#F4F7F8'), light).toBeGreaterThanOrEqual(4.5);
      // Not darker than needed: a few steps lighter would fail.
      expect(ratio(out, '#FFFFFF'), light).toBeLessThan(5.2);
    }
    const [r, g, b] = parseHex(accessiblePrimary('#00A0DC')!)!;
    expect(r).toBe(0);
    expect(b).toBeGreaterThan(g);
  });

  it('ignores something that is not a colour', () => {
    expect(accessiblePrimary('not-a-colour')).toBeNull();
  });
});
