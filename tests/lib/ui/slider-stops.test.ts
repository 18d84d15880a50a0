import { describe, expect, it } from 'vitest';
import { logStops, nearestStop, stepFrom } from '~lib/ui/slider-stops.ts';

describe('slider stops over decades', () => {
  const stops = logStops(1, 100_000);

  it('logStops(1, 100000) runs 1, 2, 3, 4, 5, 6, 8, 10, 12, 15 … 80000, 100000, ten per decade from 10', () => {
    expect(stops.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 8, 10, 12, 15]);
    expect(stops.slice(-4)).toEqual([50_000, 60_000, 80_000, 100_000]);
    expect(stops.filter((s) => s >= 1000 && s < 10_000)).toEqual([
      1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000,
    ]);
    for (let k = 1; k < stops.length; k++) {
      const ratio = (stops[k] ?? 0) / (stops[k - 1] ?? 1);
      expect(ratio, `${stops[k - 1]} → ${stops[k]}`).toBeGreaterThan(1.19);
      expect(ratio).toBeLessThanOrEqual(2);
    }
  });

  it('logStops(min, max) keeps both ends even when they are not round', () => {
    expect(logStops(3, 700)).toEqual([
      3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500, 600, 700,
    ]);
  });

  it('nearestStop(stops, v) picks the closest stop on a log scale', () => {
    expect(stops[nearestStop(stops, 1024)]).toBe(1000);
    expect(stops[nearestStop(stops, 1100)]).toBe(1200);
    expect(stops[nearestStop(stops, 1)]).toBe(1);
    expect(stops[nearestStop(stops, 100_000)]).toBe(100_000);
  });

  it('stepFrom(stops, v, ±k) counts from the value itself, so a value between stops reaches both neighbours', () => {
    expect(stepFrom(stops, 1024, -1)).toBe(1000);
    expect(stepFrom(stops, 1024, 1)).toBe(1200);
    expect(stepFrom(stops, 1000, 1)).toBe(1200);
    expect(stepFrom(stops, 1000, -1)).toBe(800);
    expect(stepFrom(stops, 1000, 10)).toBe(10_000);
    expect(stepFrom(stops, 1500, -10)).toBe(150);
  });

  it('stepFrom stops at the ends', () => {
    expect(stepFrom(stops, 1, -1)).toBe(1);
    expect(stepFrom(stops, 100_000, 1)).toBe(100_000);
    expect(stepFrom(stops, 3, -10)).toBe(1);
    expect(stepFrom(stops, 60_000, 10)).toBe(100_000);
  });
});
