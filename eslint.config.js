import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Domain code is pure (no DOM, no database, nothing of ours); server code never reaches the
// browser; the service worker imports no client or component code.
const layerRules = [
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/*', '$app/*', 'dexie', 'pg', 'node:*'],
							message:
								'src/lib/domain is pure TypeScript: import only zod and other domain modules.'
						}
					]
				}
			]
		}
	},
	{
		files: [
			'src/lib/client/**',
			'src/lib/components/**',
			'src/routes/**/*.svelte',
			'src/lib/sw/**',
			'src/service-worker.ts'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '$lib/town',
							message:
								"Pages show the host's town: hostTown from $lib/host-town.svelte (town.config.json is only its seed)."
						}
					],
					patterns: [
						{
							group: ['$lib/server/*', '**/server/*'],
							message: 'Server code must not reach the browser.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/sw/**', 'src/service-worker.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							// Background Sync sends the outbox with no page open: the database and the
							// sync engine (no DOM in either) are the exceptions.
							group: [
								'$lib/client/*',
								'!$lib/client/db',
								'!$lib/client/sync-engine',
								'!$lib/client/sync-lock',
								'$lib/components/*',
								'$lib/server/*'
							],
							message:
								'The service worker imports only src/lib/sw, domain code and the sync engine.'
						}
					]
				}
			]
		}
	},
	{
		// Bundled into the service worker (and, for the outbox, into every page): zod/mini only.
		// The mutation kinds' declarations hold classic zod schemas, so only their types come in.
		files: [
			'src/lib/client/answers.ts',
			'src/lib/client/db.ts',
			'src/lib/client/outbox.ts',
			'src/lib/client/sync-engine.ts',
			'src/lib/client/sync-lock.ts',
			'src/lib/sw/**',
			'src/service-worker.ts'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'zod', allowTypeImports: true, message: 'Use zod/mini here.' }],
					patterns: [
						{
							group: [
								'$lib/domain/mutations',
								'$lib/domain/mutations/*',
								'$lib/domain/sync',
								'$lib/domain/signup',
								'$lib/domain/class',
								'$lib/domain/attendance'
							],
							allowTypeImports: true,
							message:
								'Import only types from here: its zod schemas would double the service worker. Values the device reads are in $lib/domain/sync-answers (zod/mini).'
						}
					]
				}
			]
		}
	}
];

export default ts.config(
	{
		ignores: [
			'build/',
			'releases/',
			'.svelte-kit/',
			'.tools/',
			'node_modules/',
			'.test-out/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names better than ESLint can (svelte-check runs in npm test).
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['playwright.config.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		// The worker is type-checked with webworker types (tsconfig.sw.json), not the DOM's.
		files: ['src/service-worker.ts'],
		languageOptions: { parserOptions: { projectService: false, project: './tsconfig.sw.json' } }
	},
	...layerRules,
	{
		files: ['static/**/*.js'],
		languageOptions: { ecmaVersion: 5, sourceType: 'script' },
		rules: {
			'no-var': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }]
		}
	}
);
