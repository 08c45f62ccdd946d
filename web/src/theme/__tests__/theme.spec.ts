import { describe, expect, it } from 'vitest';
import { brandColors, PAGE_BACKGROUND } from '../colors';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Every component's source, by path. */
const components = import.meta.glob<string>('../../**/*.vue', { query: '?raw', import: 'default', eager: true });

/** Quasar's palette hues; greys are neutral, not a meaning. */
const HUES = 'red|pink|purple|deep-purple|indigo|blue|light-blue|cyan|teal|green|light-green|lime|yellow|amber|orange|deep-orange|brown';
/** A color prop or a notify/badge `color:` given a hue instead of a meaning. */
const HUE_AS_COLOR = new RegExp(`(?:\\b(?:color|text-color|done-color|active-color)="|color: ')(?:${HUES})(?:-\\d+)?['"]`, 'g');

describe('brand colors', () => {
  it('are five distinct meanings beside the primary, menu and identity colors', () => {
    const { primary, negative, warning, positive, info } = brandColors;
    expect(new Set([primary, negative, warning, positive, info]).size).toBe(5);
    expect(primary).not.toBe(brandColors.accent);
  });

  it('carry white text and read as text on white and on the page background', () => {
    for (const [name, color] of Object.entries(brandColors)) {
      expect(contrast(color, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, PAGE_BACKGROUND), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('are what components name: no palette hue stands for a meaning', () => {
    expect(Object.keys(components).length).toBeGreaterThan(20);
    const misuses = Object.entries(components).flatMap(([file, source]) => [...source.matchAll(HUE_AS_COLOR)].map((m) => `${file}: ${m[0]}`));
    expect(misuses).toEqual([]);
  });
});
