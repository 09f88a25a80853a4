/** Draws the app icons (a scan frame around barcode bars with a tick) into public/icons. Run once: npx tsx scripts/make-icons.ts */
import sharp from "sharp";

function svg(size: number, maskable: boolean): string {
  const pad = maskable ? size * 0.2 : size * 0.12; // maskable icons keep content inside the 80% safe zone
  const s = size - pad * 2;
  const bars = [0.08, 0.2, 0.28, 0.42, 0.5, 0.62, 0.76, 0.86]
    .map((x, i) => `<rect x="${pad + s * (0.12 + x * 0.76)}" y="${pad + s * 0.3}" width="${s * (i % 3 === 0 ? 0.05 : 0.03)}" height="${s * 0.4}" fill="#fff"/>`)
    .join("");
  const c = s * 0.16;
  const w = s * 0.05;
  const frame = [
    `M${pad} ${pad + c}V${pad}H${pad + c}`,
    `M${pad + s - c} ${pad}H${pad + s}V${pad + c}`,
    `M${pad + s} ${pad + s - c}V${pad + s}H${pad + s - c}`,
    `M${pad + c} ${pad + s}H${pad}V${pad + s - c}`,
  ]
    .map((d) => `<path d="${d}" stroke="#ffd23f" stroke-width="${w}" fill="none" stroke-linecap="round"/>`)
    .join("");
  const radius = maskable ? 0 : size * 0.22;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="${size}" height="${size}" rx="${radius}" fill="#0b4f9c"/>${bars}${frame}</svg>`;
}

const outputs: [string, number, boolean][] = [
  ["public/icons/icon-192.png", 192, false],
  ["public/icons/icon-512.png", 512, false],
  ["public/icons/maskable-512.png", 512, true],
  ["public/icons/apple-touch-icon.png", 180, true],
];
for (const [file, size, maskable] of outputs) {
  await sharp(Buffer.from(svg(size, maskable)))
    .png()
    .toFile(file);
  console.log(file);
}
