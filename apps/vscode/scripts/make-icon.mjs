// Draws media/icon.png (128×128): a blue rounded square with four bars whose heights are the
// national framework's root weights 14 / 16 / 40 / 30 and a baseline — the indicator tree at a
// glance. Pure Node (zlib), so the icon is reproducible: `node scripts/make-icon.mjs`.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const size = 128;
const px = new Uint8Array(size * size * 4);
const blue = [31, 95, 168];
const white = [255, 255, 255];

function put(x, y, [r, g, b], a = 255) {
  const i = (y * size + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
}

// Rounded square, radius 22, anti-aliased at the corners by coverage sampling.
const radius = 22;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    let covered = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const fx = x + (sx + 0.5) / 4, fy = y + (sy + 0.5) / 4;
        const cx = Math.min(Math.max(fx, radius), size - radius), cy = Math.min(Math.max(fy, radius), size - radius);
        if ((fx - cx) ** 2 + (fy - cy) ** 2 <= radius ** 2) covered++;
      }
    }
    if (covered) put(x, y, blue, Math.round((covered / 16) * 255));
  }
}

const weights = [14, 16, 40, 30];
const barWidth = 16, gap = 8, left = (size - (4 * barWidth + 3 * gap)) / 2, base = 100, scale = 1.6;
weights.forEach((w, k) => {
  const x0 = left + k * (barWidth + gap);
  for (let y = base - Math.round(w * scale); y < base; y++) for (let x = x0; x < x0 + barWidth; x++) put(x, y, white);
});
for (let y = base + 4; y < base + 8; y++) for (let x = left; x < size - left; x++) put(x, y, white);

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(new URL("../media/icon.png", import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
