// Runs after `vite build` (npm run build): puts the app's own server entry (server/index.js)
// in place of adapter-node's, so that `node build` starts it.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(process.env.YORISOI_OUT ?? 'build');
if (!existsSync(`${out}/handler.js`)) {
	console.error(`finish-build: ${out}/handler.js is missing; did vite build run?`);
	process.exit(1);
}
copyFileSync(resolve('server/index.js'), `${out}/index.js`);
// adapter-node's map described the file this replaces.
rmSync(`${out}/index.js.map`, { force: true });
