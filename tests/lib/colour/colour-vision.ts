/**
 * Colour science for the palette tests: sRGB ↔ linear RGB, CIELAB (D65),
 * CIEDE2000 and colour-vision-deficiency simulation. The formulas are the
 * standard ones, written out because the only colour library in
 * node_modules (d3-color, pulled in by Plot) is untyped here and has no
 * ΔE2000; palette-cvd.test.ts checks each against published reference values.
 */

/** An sRGB colour, channels 0..1. */
export type Rgb = readonly [number, number, number];
/** A CIELAB colour (L* 0..100). */
export type Lab = readonly [number, number, number];

/** Parses `#rrggbb`. */
export function hex(text: string): Rgb {
  const m = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(text.trim());
  if (m === null) throw new Error(`not a #rrggbb colour: ${text}`);
  return [m[1], m[2], m[3]].map((h) => Number.parseInt(h ?? '0', 16) / 255) as unknown as Rgb;
}

/** sRGB transfer function, encoded → linear (IEC 61966-2-1). */
export const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
/** sRGB transfer function, linear → encoded. */
export const fromLinear = (c: number): number => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** `color-mix(in srgb, a share, b)`: the channel-wise mix of the encoded values, as browsers compute it. */
export function mix(a: Rgb, b: Rgb, share: number): Rgb {
  return [0, 1, 2].map((k) => (a[k] ?? 0) * share + (b[k] ?? 0) * (1 - share)) as unknown as Rgb;
}

const D65 = [0.95047, 1, 1.08883] as const;

/** CIELAB (D65) of an sRGB colour. */
export function lab(c: Rgb): Lab {
  const [r, g, b] = c.map(toLinear) as [number, number, number];
  const xyz = [
    0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    0.0193339 * r + 0.119192 * g + 0.9503041 * b,
  ];
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const [fx, fy, fz] = xyz.map((v, k) => f(v / (D65[k] ?? 1))) as [number, number, number];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1. */
export function deltaE2000(x: Lab, y: Lab): number {
  const [L1, a1, b1] = x;
  const [L2, a2, b2] = y;
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lbarp = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbarp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbarp = (h1p + h2p) / 2;
    else hbarp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hbarp - 30) * rad) +
    0.24 * Math.cos(2 * hbarp * rad) +
    0.32 * Math.cos((3 * hbarp + 6) * rad) -
    0.2 * Math.cos((4 * hbarp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbarp - 50) ** 2) / Math.sqrt(20 + (Lbarp - 50) ** 2);
  const Sc = 1 + 0.045 * Cbarp;
  const Sh = 1 + 0.015 * Cbarp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

type Matrix = readonly [Rgb, Rgb, Rgb];

/**
 * Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
 * Simulation of Color Vision Deficiency", IEEE TVCG 15(6):1291–1298: the
 * matrices for severity 1.0 (dichromacy), applied to linear RGB.
 */
export const machado: Readonly<Record<'protanopia' | 'deuteranopia' | 'tritanopia', Matrix>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** How a colour looks with the deficiency (or unchanged for 'normal'): simulated in linear RGB, clipped to the gamut. */
export function simulate(c: Rgb, vision: keyof typeof machado | 'normal'): Rgb {
  if (vision === 'normal') return c;
  const lin = c.map(toLinear);
  return machado[vision].map((row) => {
    const v = row.reduce((s, m, k) => s + m * (lin[k] ?? 0), 0);
    return fromLinear(Math.min(1, Math.max(0, v)));
  }) as unknown as Rgb;
}

/** Every vision the palette tests check. */
export const visions = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'] as const;
