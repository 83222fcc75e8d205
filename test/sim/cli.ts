// `npm run sim -- --seeds N` (seeds 1..N), `--seed S` (one seed), `--from S` (first seed),
// `--trace` (print each seed's trace hash; with --seed, the whole trace too), `--db postgres`
// (the server on the machine's PostgreSQL, a database per seed), `--outcomes` (how the server
// answered, per kind and refusal).
import { mutationKinds } from '$lib/domain/mutations';
import { dropSimTemplates, postgresUnavailable, type SimBackend } from './server';
import { runSeed, type RunResult } from './simulate';

/** A violation without its ids, numbers and records, to recognise it in another run. */
const kindOf = (violation: string) =>
	violation
		.split(/[{(]/)[0]!
		.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, 'UUID')
		.replace(/\b[rv]\d+\b/g, 'D')
		.replace(/\b[0-9a-f]{8}\b/g, 'ID')
		.replace(/\d+/g, 'N');

/**
 * The smallest run of the same seed that still shows the violation: devices are left out one at
 * a time while it persists (each draws from its own random streams, so the rest of the run
 * changes little), then fewer actions are tried. Bounded, so a report comes in minutes.
 */
export async function shrink(
	failed: RunResult,
	db: SimBackend = 'sqlite',
	budget = 80
): Promise<RunResult> {
	const kinds = new Set(failed.violations.map(kindOf));
	const still = (result: RunResult) =>
		result.violations.some((violation) => kinds.has(kindOf(violation)));
	let best = failed;
	let runs = 0;
	for (const device of [...failed.kept]) {
		if (runs >= budget) break;
		const keep = best.kept.filter((other) => other !== device);
		if (keep.length === 0) continue;
		runs += 1;
		const result = await runSeed({ seed: failed.seed, keep, db });
		if (still(result)) best = result;
	}
	for (const actions of [0.25, 0.5]) {
		if (runs >= budget) break;
		runs += 1;
		const result = await runSeed({ seed: failed.seed, keep: best.kept, actions, db });
		if (still(result) && result.trace.length < best.trace.length) {
			best = result;
			break;
		}
	}
	return best;
}

function printViolation(result: RunResult, shrunk: RunResult, db: SimBackend): void {
	console.log(`\nVIOLATION in seed ${result.seed} (${result.kept.length} devices):`);
	for (const violation of result.violations.slice(0, 10)) console.log(`  - ${violation}`);
	console.log(
		`shortest run found: seed ${shrunk.seed} with ${shrunk.kept.length} of its devices, ${shrunk.trace.length} events` +
			` (replay: npm run sim -- --seed ${shrunk.seed}${db === 'postgres' ? ' --db postgres' : ''} --keep ${shrunk.kept.join(',')} --actions ${shrunk.actions} --trace)`
	);
	for (const violation of shrunk.violations.slice(0, 5)) console.log(`  - ${violation}`);
	const lines = shrunk.trace;
	const shown =
		lines.length > 150
			? [...lines.slice(0, 30), `  … ${lines.length - 130} events …`, ...lines.slice(-100)]
			: lines;
	for (const line of shown) console.log(`  ${line}`);
}

export async function main(argv: readonly string[]): Promise<number> {
	const value = (name: string) => {
		const index = argv.indexOf(name);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const one = value('--seed');
	const count = Number(value('--seeds') ?? (one === undefined ? 100 : 1));
	const from = Number(one ?? value('--from') ?? 1);
	const showTrace = argv.includes('--trace');
	// A shrunk run again: `--seed S --devices D --actions A`, as a violation's report prints it.
	const devices = value('--devices') === undefined ? undefined : Number(value('--devices'));
	const actions = value('--actions') === undefined ? undefined : Number(value('--actions'));
	const keep = value('--keep')?.split(',').map(Number);
	const quiet = argv.includes('--quiet');
	const db = value('--db') ?? 'sqlite';
	if (db !== 'sqlite' && db !== 'postgres') {
		console.error('--db is sqlite (the default) or postgres');
		return 2;
	}
	if (db === 'postgres') {
		const why = await postgresUnavailable();
		if (why) {
			console.error(`PostgreSQL: ${why}`);
			return 2;
		}
	}
	if (!Number.isInteger(count) || count < 1 || !Number.isInteger(from)) {
		console.error(
			'usage: npm run sim -- [--seeds N] [--from S] [--seed S] [--trace] [--db sqlite|postgres] [--outcomes]'
		);
		return 2;
	}
	const started = performance.now();
	let mutations = 0;
	let faults = 0;
	let violations = 0;
	let ran = 0;
	const kinds = new Map<string, number>();
	const outcomes = new Map<string, number>();
	for (let seed = from; seed < from + count; seed += 1) {
		const result = await runSeed({ seed, devices, actions, keep, db });
		ran += 1;
		mutations += result.mutations;
		faults += result.faults;
		for (const [kind, n] of Object.entries(result.kinds))
			kinds.set(kind, (kinds.get(kind) ?? 0) + n);
		for (const [outcome, n] of Object.entries(result.outcomes))
			outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
		if (showTrace) {
			if (one !== undefined) for (const line of result.trace) console.log(line);
			console.log(
				`seed ${seed}: ${result.devices} devices, ${result.mutations} mutations, ${result.faults} faults, trace ${result.hash}`
			);
		}
		if (result.violations.length > 0) {
			violations += 1;
			printViolation(
				result,
				devices === undefined && actions === undefined && keep === undefined
					? await shrink(result, db)
					: result,
				db
			);
			break;
		}
		if (!quiet && !showTrace && (seed - from + 1) % 50 === 0) {
			const seconds = (performance.now() - started) / 1000;
			console.log(`… ${seed - from + 1} seeds in ${seconds.toFixed(0)} s`);
		}
	}
	if (argv.includes('--outcomes')) {
		for (const [outcome, n] of [...outcomes].sort()) console.log(`  ${outcome}: ${n}`);
	}
	// Every kind of the registry must be exercised: a kind the simulator never makes is unproven.
	const missing = mutationKinds.map(({ kind }) => kind).filter((kind) => !kinds.has(kind));
	if (missing.length > 0 && ran >= 10) console.log(`kinds never generated: ${missing.join(', ')}`);
	const seconds = (performance.now() - started) / 1000;
	const stopped = violations > 0 ? ' (stopped at the first violation)' : '';
	console.log(
		`kinds: ${[...kinds]
			.sort()
			.map(([kind, n]) => `${kind} ${n}`)
			.join(', ')}; ${seconds.toFixed(1)} s, ${(ran / seconds).toFixed(2)} seeds/s${stopped}`
	);
	console.log(
		`sim: ${ran} seeds, ${mutations} mutations, ${faults} faults, ${violations} violations`
	);
	await dropSimTemplates();
	return violations > 0 ? 1 : 0;
}
