import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { runnerImport, type Plugin, type ViteDevServer } from 'vite';
import type { BuiltLessons } from './build';

/**
 * Compiles the lessons at build time (./build.ts, with the compiler in ./compile.ts) and gives
 * the app the result as modules, so that a device stores each lesson once:
 *
 * - `virtual:yorisoi-lessons`: `lessonModules`, each lesson's id → an `import()` of its module,
 *   and `lessonFiles`, each lesson's id → its module's file in the browser build. The lesson
 *   page's universal load (+page.ts) uses them. SvelteKit does not write a universal load's
 *   result into the prerendered page (the browser runs the load again to hydrate), and the page
 *   has no server load, so no __data.json: a lesson is its HTML, and its data in one hashed,
 *   immutable module that the service worker precaches with the app's build files. The page
 *   preloads that module (`lessonFiles`), so it arrives with the app's own scripts instead of
 *   after them: the browser build names it `_app/immutable/chunks/lesson-<id>.<hash>.js`, with
 *   the hash of its content, which the prerendered page knows before that build has run.
 * - `virtual:yorisoi-lesson/<id>`: one lesson and the summaries of its related lessons.
 * - `virtual:yorisoi-lessons/server`: every lesson and picture, for $lib/server/lessons only.
 *
 * The modules are data: nothing Markdown-related reaches the browser. A broken lesson fails the
 * build with every problem listed.
 */

const indexId = 'virtual:yorisoi-lessons';
const serverId = 'virtual:yorisoi-lessons/server';
const lessonPrefix = 'virtual:yorisoi-lesson/';
/** Where the browser build puts a lesson's module: SvelteKit's folder for hashed chunks. */
const chunkFolder = '_app/immutable/chunks';
const isOurs = (id: string) => id.startsWith(`\0${indexId}`) || id.startsWith(`\0${lessonPrefix}`);

/** The lesson folders the app is built with: `lessons/`, and the test lessons when asked. */
function lessonRoots(): string[] {
	// Two small lessons the end-to-end tests walk through; built in only with
	// YORISOI_FIXTURE_LESSONS=1 (the test command sets it), never in a town's deployment.
	return process.env.YORISOI_FIXTURE_LESSONS === '1'
		? ['lessons', 'test/fixtures/lessons/player']
		: ['lessons'];
}

/** Compiles every lesson; the compiler is TypeScript with `$lib` imports, so Vite runs it. */
async function compile(projectRoot: string): Promise<BuiltLessons> {
	const { module } = await runnerImport<typeof import('./build')>(
		'/src/lib/server/lessons/build.ts',
		{
			root: projectRoot,
			logLevel: 'error',
			resolve: { alias: { $lib: resolve(projectRoot, 'src/lib') } }
		}
	);
	return module.buildLessons(projectRoot, lessonRoots());
}

/** Data as a module: the browser parses a JSON string faster than an object literal. */
const dataExport = (name: string, value: unknown) =>
	`export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;

type Generated = { lessons: BuiltLessons; modules: Map<string, { code: string; file: string }> };

/** Each lesson's module, and the file the browser build gives it. */
function generate(lessons: BuiltLessons): Generated {
	const modules = new Map(
		Object.entries(lessons.pages).map(([id, page]) => {
			const code = dataExport('lesson', page.lesson) + dataExport('related', page.related);
			const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
			return [id, { code, file: `${chunkFolder}/lesson-${id}.${hash}.js` }];
		})
	);
	return { lessons, modules };
}

export function lessonsPlugin(): Plugin {
	let projectRoot = process.cwd();
	let building = false;
	let built: Promise<Generated> | null = null;
	// Each lesson's file in the browser build, once compiled (chunkFileNames is synchronous).
	let files = new Map<string, string>();
	const lessons = () =>
		(built ??= compile(projectRoot)
			.then(generate)
			.then((generated) => {
				files = new Map([...generated.modules].map(([id, { file }]) => [id, file]));
				return generated;
			}));

	/** In `vite dev`, an edited lesson is compiled again and open pages reload. */
	function watch(server: ViteDevServer) {
		const onChange = (file: string) => {
			const roots = lessonRoots().map((root) => resolve(projectRoot, root));
			if (!roots.some((root) => !relative(root, file).startsWith('..'))) return;
			built = null;
			for (const environment of Object.values(server.environments)) {
				for (const [id, module] of environment.moduleGraph.idToModuleMap) {
					if (isOurs(id)) environment.moduleGraph.invalidateModule(module);
				}
			}
			server.ws.send({ type: 'full-reload' });
		};
		for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onChange);
	}

	return {
		name: 'yorisoi-lessons',
		configResolved(config) {
			projectRoot = config.root;
			building = config.command === 'build';
		},
		configureServer: watch,
		resolveId(id) {
			if (id === indexId || id === serverId || id.startsWith(lessonPrefix)) return `\0${id}`;
		},
		async load(id) {
			if (!id.startsWith('\0virtual:yorisoi-')) return;
			const name = id.slice(1);
			const { lessons: built, modules } = await lessons();
			if (name === indexId) {
				const entries = (line: (id: string) => string) =>
					`{\n${built.lessons.map(({ id }) => `\t${JSON.stringify(id)}: ${line(id)}`).join(',\n')}\n}`;
				const imports = entries((id) => `() => import(${JSON.stringify(lessonPrefix + id)})`);
				// `vite dev` serves modules by their source, so there is no file to preload.
				const file = (id: string) => (building ? `/${modules.get(id)?.file}` : null);
				const preloads = entries((id) => JSON.stringify(file(id)));
				return `export const lessonModules = ${imports};\nexport const lessonFiles = ${preloads};\n`;
			}
			if (name === serverId) {
				return dataExport('lessons', built.lessons) + dataExport('pictures', built.pictures);
			}
			return modules.get(name.slice(lessonPrefix.length))?.code;
		},
		// The browser build names each lesson's module as `lessonFiles` says.
		outputOptions(options) {
			const original = options.chunkFileNames;
			if (typeof original !== 'string' || !original.includes('/immutable/chunks/')) return;
			if (!original.startsWith(`${chunkFolder}/`)) {
				throw new Error(
					`lessons: the browser build's chunks are not in ${chunkFolder} (kit.appDir)`
				);
			}
			return {
				...options,
				chunkFileNames: (chunk) => {
					const lessonId = chunk.facadeModuleId?.startsWith(`\0${lessonPrefix}`)
						? chunk.facadeModuleId.slice(lessonPrefix.length + 1)
						: undefined;
					return (lessonId && files.get(lessonId)) || original;
				}
			};
		}
	};
}
