// `npm run sim`: loads the simulator (TypeScript importing the app's `$lib` modules) through
// Vite's module runner, as Vitest does, and runs it with the command line's arguments.
import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The app's aliases only: the SvelteKit and lesson plugins are not needed for server modules
// and the client's sync code, and cost seconds at every start.
const server = await createServer({
	root,
	configFile: false,
	resolve: { alias: { $lib: `${root}src/lib` } },
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error',
	optimizeDeps: { noDiscovery: true, include: [] }
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
try {
	const { main } = await runner.import('/test/sim/cli.ts');
	process.exitCode = await main(process.argv.slice(2));
} finally {
	await runner.close();
	await server.close();
}
