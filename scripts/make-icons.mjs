// Renders the app icons (PNG) from static/icons/icon.svg with Debian's Chromium.
// Run after changing the SVG: `npm run icons`; the PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const svg = await readFile('static/icons/icon.svg', 'utf8');
// The maskable icon is cropped to a circle by Android: a full-bleed background, motif in the
// central 80% safe zone.
const maskable = svg
	.replace('rx="112"', 'rx="0"')
	.replace(
		/(<title>.*<\/title>\s*<rect[^>]*\/>)/s,
		'$1<g transform="translate(51.2 51.2) scale(0.8)">'
	)
	.replace('</svg>', '</g></svg>');
// iOS adds its own rounded corners and shows transparency as black.
const square = svg.replace('rx="112"', 'rx="0"');

const outputs = [
	{ file: 'static/icons/icon-192.png', size: 192, source: svg },
	{ file: 'static/icons/icon-512.png', size: 512, source: svg },
	{ file: 'static/icons/icon-maskable-512.png', size: 512, source: maskable },
	{ file: 'static/icons/apple-touch-icon.png', size: 180, source: square }
];

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
for (const { file, size, source } of outputs) {
	await page.setViewportSize({ width: size, height: size });
	const sized = source.replace('width="512" height="512"', `width="${size}" height="${size}"`);
	await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`, {
		waitUntil: 'load'
	});
	await writeFile(file, await page.screenshot({ omitBackground: true }));
	console.log(`wrote ${file}`);
}
await browser.close();
