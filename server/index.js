// The production server: `node build` runs this file (scripts/finish-build.mjs copies it to
// build/index.js). It serves SvelteKit's handler (adapter-node's handler.js) like adapter-node's
// own entry did, with one promise more: no request can stop the process. adapter-node's static
// file server lists the built files once at start; a file that vanished later (a build made in
// place, a disk error) made its read stream emit an error nobody listened to, and Node exited.
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

// V8's heap limits, set before anything else loads: without them V8 let the heap grow to
// 339 MB under a burst of sign-ups where 150 MB does (BENCHMARKS.md, memory), over the server's
// 200 MB budget. They can only be given when Node starts, so a plain `node build` starts again
// with them in the same process (process.execve: same PID for systemd, nothing left behind).
// Flags the operator gave (on the command line or in NODE_OPTIONS) are kept as they are.
// V8's helper threads (its garbage collector's and compiler's) are one fewer than the cores, at
// most Node's own 4: on two cores, four of them took the second core from the main thread, and
// a sign-up rush got slower answers (BENCHMARKS.md, sign-up endpoint).
const helperThreads = Math.min(4, Math.max(1, availableParallelism() - 1));
const heapFlags = [
	'--max-semi-space-size=8',
	'--max-old-space-size=160',
	`--v8-pool-size=${helperThreads}`
];
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
if (!given.some((flag) => flag.startsWith('--max-old-space-size')) && process.execve) {
	process.execve(
		process.execPath,
		[process.execPath, ...heapFlags, ...process.execArgv, ...process.argv.slice(1)],
		process.env
	);
}

// Loaded after the check above, so that a restart does not load the app twice.
const { handler } = await import('./handler.js');

const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
let stopping = false;

/** One JSON line on stderr (no personal data: paths of built files and error codes only). */
function log(level, message, fields = {}) {
	console.error(JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields }));
}

/** Every file the static handler knows, as URL paths, keyed by the folder it is served from. */
function builtFiles(folder) {
	const root = join(here, folder);
	const files = new Set();
	const walk = (directory) => {
		let entries;
		try {
			entries = readdirSync(directory, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const path = join(directory, entry.name);
			if (entry.isDirectory()) walk(path);
			else files.add('/' + relative(root, path).split(sep).join('/'));
		}
	};
	walk(root);
	return { root, files };
}

const served = [builtFiles('client'), builtFiles('prerendered')];
const encodings = [
	['br', '.br'],
	['gzip', '.gz']
];

function exists(path) {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/**
 * Checks a request for a built file against the disk. Answers 'vanished' when the file was there
 * at start and is not now (the static handler would still try to send it); otherwise drops from
 * Accept-Encoding the compressed copies that are gone, so the handler picks one that is there.
 */
function checkBuiltFile(request) {
	if (request.method !== 'GET' && request.method !== 'HEAD') return 'ok';
	let path;
	try {
		path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
	} catch {
		return 'ok';
	}
	// What the static handlers look for: the file itself, or a prerendered page's .html.
	for (const { root, files } of served) {
		for (const candidate of [path, `${path}.html`, `${path.replace(/\/$/, '')}/index.html`]) {
			if (!files.has(candidate)) continue;
			if (!exists(join(root, candidate))) return 'vanished';
			const accepted = request.headers['accept-encoding'];
			if (typeof accepted === 'string') {
				const gone = encodings.filter(
					([name, suffix]) =>
						accepted.includes(name) &&
						files.has(candidate + suffix) &&
						!exists(join(root, candidate + suffix))
				);
				if (gone.length > 0) {
					request.headers['accept-encoding'] = accepted
						.split(',')
						.filter((part) => !gone.some(([name]) => part.trim().startsWith(name)))
						.join(',');
				}
			}
			return 'ok';
		}
	}
	return 'ok';
}

function answer(response, status, text) {
	if (response.headersSent) {
		// Part of the answer is out: all that is left is to cut it, so the browser sees a failure.
		response.destroy();
		return;
	}
	response.writeHead(status, {
		'content-type': 'text/plain; charset=utf-8',
		'cache-control': 'no-store'
	});
	response.end(text);
}

const server = createServer((request, response) => {
	// While shutting down, a connection is closed as soon as its last answer is out.
	response.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
	// A file read that fails after the answer started (a file removed or unreadable mid-way):
	// the static handler pipes it without listening for errors.
	response.on('pipe', (source) => {
		source.once('error', (error) => {
			log('error', 'static file read failed', { path: request.url, code: error.code });
			answer(response, 500, 'Internal Server Error');
		});
	});
	if (checkBuiltFile(request) === 'vanished') {
		log('warn', 'built file gone since start', { path: request.url });
		answer(response, 404, 'Not Found');
		return;
	}
	const notFound = () => answer(response, 404, 'Not Found');
	try {
		Promise.resolve(handler(request, response, notFound)).catch((error) => {
			log('error', 'request failed', { path: request.url, error: String(error) });
			answer(response, 500, 'Internal Server Error');
		});
	} catch (error) {
		log('error', 'request failed', { path: request.url, error: String(error) });
		answer(response, 500, 'Internal Server Error');
	}
});

server.listen(port, host, () => {
	console.log(`Listening on http://${host}:${port}`);
});

/** Stops taking requests, lets running ones finish (at most SHUTDOWN_TIMEOUT s), then closes. */
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	const timer = setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000);
	server.close(() => {
		clearTimeout(timer);
		// hooks.server.ts closes the database on this event, as with adapter-node's entry.
		process.emit('sveltekit:shutdown', reason);
	});
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

export { server };
