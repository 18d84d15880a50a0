import { crc32, deflateSync } from 'node:zlib';

/**
 * The one canvas Plot draws at build time: a colour ramp's key, a row of
 * pixels filled one by one (`fillStyle`, `fillRect(i, 0, 1, 1)`) and read
 * back with `toDataURL()` into the legend's <image>. linkedom has no canvas
 * (its stand-in's getContext is null), so this one keeps the pixels and
 * encodes them as a PNG, as the browser's canvas would.
 */
export class RampCanvas {
  width = 0;
  height = 0;
  #pixels = new Uint8Array(0);

  /** A 2-D context that knows fillStyle and fillRect, the calls a ramp makes. */
  getContext(kind: string): { fillStyle: string; fillRect: (x: number, y: number, w: number, h: number) => void } {
    if (kind !== '2d') throw new Error(`RampCanvas has no ${kind} context`);
    this.#pixels = new Uint8Array(this.width * this.height * 4);
    const canvas = this;
    return {
      fillStyle: '#000',
      fillRect(x, y, w, h) {
        const rgba = parseColour(this.fillStyle);
        for (let j = y; j < Math.min(y + h, canvas.height); j++)
          for (let i = x; i < Math.min(x + w, canvas.width); i++) canvas.#pixels.set(rgba, (j * canvas.width + i) * 4);
      },
    };
  }

  /** The pixels as a PNG data URL (8-bit RGBA, straight alpha, as the browser's toDataURL gives). */
  toDataURL(): string {
    return `data:image/png;base64,${png(this.width, this.height, this.#pixels).toString('base64')}`;
  }
}

/** `rgb(r g b / a)`, `rgb(r, g, b)`, `rgba(r, g, b, a)` or `#rrggbb` as four bytes; anything else throws. */
export function parseColour(css: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (hex) {
    const n = Number.parseInt(hex[1] as string, 16);
    return [n >> 16, (n >> 8) & 255, n & 255, 255];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[/,]\s*([\d.]+)(%?))?\s*\)$/.exec(css.trim());
  if (!fn) throw new Error(`RampCanvas cannot read the colour ${css}`);
  const alpha = fn[4] === undefined ? 1 : Number(fn[4]) / (fn[5] ? 100 : 1);
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return [byte(Number(fn[1])), byte(Number(fn[2])), byte(Number(fn[3])), byte(alpha * 255)];
}

function png(width: number, height: number, rgba: Uint8Array): Buffer {
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
