// Serves the production build (what `./yorisoi start` runs after `npm run build`).
// In production, `node build` does the same; this only adds the friendly address line.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const buildDir = resolve(process.env.YORISOI_OUT ?? 'build');
if (!existsSync(`${buildDir}/index.js`)) {
	console.error(`No build in ${buildDir}: run "npm run build" first.`);
	process.exit(1);
}
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// adapter-node assumes https unless told; on a local machine the app is plain http. Behind a
// TLS proxy set ORIGIN=https://your.town.example (or PROTOCOL_HEADER and HOST_HEADER).
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

await import(pathToFileURL(`${buildDir}/index.js`).href);
console.log(`\nよりそい is running: http://localhost:${process.env.PORT}\n(Ctrl+C to stop)`);
