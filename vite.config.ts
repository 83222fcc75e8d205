import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { lessonsPlugin } from './src/lib/server/lessons/vite-plugin.ts';
import { readingsPlugin } from './src/lib/server/readings/vite-plugin.ts';

export default defineConfig({
	plugins: [readingsPlugin(), lessonsPlugin(), sveltekit()],
	// rrule's package has no `exports` and an ES-module build only under `module`: Node would load
	// its UMD file, which names no exports, so the server bundle takes it in.
	ssr: { noExternal: ['rrule'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['test/unit/**/*.test.ts'],
					setupFiles: ['test/unit/setup.ts'],
					// One module graph per worker: the setup's strings of every language are loaded
					// once, not once per file (51 s against 12 s for the 71 files). The files pass
					// in any order (checked with --sequence.shuffle).
					isolate: false
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					environment: 'node',
					include: ['test/server/**/*.test.ts'],
					// The simulator is its own project: the test command runs it beside these.
					exclude: ['test/server/sim.test.ts'],
					// Real databases and real server processes: slow tests, one file at a time so
					// that they do not fight over the machine's two cores.
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false,
					// Cheap password hashes (src/lib/server/passwords.ts), here and in the servers
					// these tests start: OWASP's cost is checked by a unit test.
					env: { YORISOI_PASSWORD_COST: 'test' }
				}
			},
			{
				extends: true,
				test: {
					// The seeded sync simulator (test/sim): one process busy on one core for minutes.
					name: 'sim',
					environment: 'node',
					include: ['test/server/sim.test.ts'],
					// It runs beside the server tests, so its short test may wait for a core.
					testTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					// Byte budgets read the production build, so they run after it (npm test).
					name: 'budgets',
					environment: 'node',
					include: ['test/budgets/**/*.test.ts']
				}
			}
		]
	}
});
