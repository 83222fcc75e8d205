// One seeded run of the sync protocol (issue 14, part 3): 10–40 devices running the real
// SyncEngine and Outbox on Dexie over fake-indexeddb, the real server modules on SQLite, a
// network that loses, repeats and delays, a server that crashes mid-transaction, tabs closed
// mid-flush and clocks a day off. When the faults stop and every device has synced, the
// invariants of DESIGN.md ("Rules users should never have to think about") are checked.
import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
	applyMineAgain,
	dismissRejection,
	queueCancelOnBehalf,
	queueClassCancel,
	queueClassEdit,
	queueNewClass,
	queueSignupOnBehalf,
	queueVenue,
	queueVenueEdit,
	queueVenueRetire,
	refusedEdit
} from '$lib/client/class-desk';
import { queueAttendance, queueWalkIn } from '$lib/client/attendance';
import { queueContact } from '$lib/client/contacts';
import { YorisoiDatabase, type OutboxRow } from '$lib/client/db';
import { Outbox, type QueueOptions } from '$lib/client/outbox';
import { queueCancel, queueSignup, SyncEngine, type FlushResult } from '$lib/client/sync-engine';
import { withSyncLock } from '$lib/client/sync-lock';
import { nextSyncDelay, syncSchedule } from '$lib/client/sync-schedule';
import type { MutationKind, QueuedArgs } from '$lib/domain/mutations';
import { rosterClassSchema, type MutationAnswer, type RosterClassData } from '$lib/domain/sync';
import type { SignupRequest } from '$lib/domain/signup';
import { classesEndingAfter, createClass, createVenue, withRosters } from '$lib/server/classes';
import { cancelTokenFor, listUpcomingClasses, waitlistPositions } from '$lib/server/signups';
import { SimServer, type SimRequest } from './server';
import { bindProcessChance, Clock, HangError, Random } from './world';

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
/** The virtual clock's zero. */
const epoch = Date.parse('2026-06-01T00:00:00.000Z');
/** How long the faults last; then the network heals and every device syncs. */
const faultWindow = 4 * minute;
const origin = 'http://sim.invalid';

/** What a run may be told: the seed, and smaller worlds when a violation is being shrunk. */
export type RunOptions = {
	seed: number;
	/** At most this many devices (10–40 otherwise, from the seed). */
	devices?: number;
	/** Multiplies the actions each device takes (1 by default). */
	actions?: number;
	/**
	 * Only these devices (by number) take part; the others are never switched on. Each device
	 * draws from random streams of its own, so leaving one out changes little of the rest:
	 * this is how a violation is shrunk.
	 */
	keep?: readonly number[];
};

export type RunResult = {
	seed: number;
	devices: number;
	/** The actions scale it ran with. */
	actions: number;
	/** The devices that took part (all, unless `keep` was given). */
	kept: number[];
	mutations: number;
	faults: number;
	kinds: Partial<Record<MutationKind, number>>;
	violations: string[];
	/** The whole event trace, one line per event. */
	trace: string[];
	/** sha256 of the trace. */
	hash: string;
};

type Role = 'resident' | 'volunteer';

type Tab = {
	name: string;
	/** What the network does to this tab's requests, and its backoff's spread. */
	random: Random;
	device: Device;
	database: YorisoiDatabase;
	engine: SyncEngine;
	outbox: Outbox;
	open: boolean;
	syncing: boolean;
	again: boolean;
	failures: number;
	timer: number;
	/** Requests of this tab still on their way: a closed tab's are broken off. */
	inFlight: Set<(error: unknown) => void>;
};

type Device = {
	name: string;
	/** What this device's person does, and when. */
	random: Random;
	/** False for a device left out (`keep`): it never opens a tab. */
	present: boolean;
	role: Role;
	volunteerId: string | null;
	factory: IDBFactory;
	databaseName: string;
	skewMs: number;
	tabs: Tab[];
	tabCount: number;
	lock: SimLocks;
	offlineUntil: number;
};

/** The Web Lock of one device, shared by its tabs (what `navigator.locks` is per origin). */
class SimLocks {
	held = false;

	async request<T>(
		_name: string,
		_options: { ifAvailable: true },
		callback: (lock: object | null) => Promise<T>
	): Promise<T> {
		if (this.held) return callback(null);
		this.held = true;
		try {
			return await callback({});
		} finally {
			this.held = false;
		}
	}
}

/** JSON with sorted keys, so that equal records compare equal. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(
					Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
				)
			: inner
	);
}

const short = (id: string) => id.slice(0, 8);

export async function runSeed(options: RunOptions): Promise<RunResult> {
	const { seed } = options;
	const world = new Random(seed, 1);
	const faults = new Random(seed, 2);
	const chance = new Random(seed, 3);
	const clock = new Clock();
	const trace: string[] = [];
	const violations: string[] = [];
	const kinds: Partial<Record<MutationKind, number>> = {};
	let faultCount = 0;
	let deviceTotal = 0;
	const kept: number[] = [];
	let faultsOn = true;
	const log = (line: string) => trace.push(`${String(clock.now).padStart(7)} ${line}`);
	const fault = (line: string) => {
		faultCount += 1;
		log(`FAULT ${line}`);
	};
	const restore = bindProcessChance(chance, () => epoch + clock.now);
	const serverNow = () => new Date(epoch + clock.now);
	const server = await SimServer.start(serverNow, world.uuid() + world.uuid());
	/** Every mutation a device queued (id → row as queued), and every answer that reached one. */
	const queued = new Map<string, { device: Device; row: OutboxRow }>();
	const delivered = new Map<string, MutationAnswer[]>();

	try {
		// The town at the start: venues (one with no class, so it can be retired) and classes
		// three to nine days ahead with few seats, so that waiting lists form.
		const venues = [world.uuid(), world.uuid(), world.uuid()];
		for (const [index, id] of venues.entries()) {
			await createVenue(
				server.direct,
				{ name: `会場${index + 1}`, address: `みどり町${index + 1}-1（架空）` },
				serverNow(),
				id
			);
		}
		const classCount = world.int(3, 6);
		for (let index = 0; index < classCount; index += 1) {
			const startsAt = epoch + world.int(3 * 24, 9 * 24) * hour;
			await createClass(
				server.direct,
				{
					title: `スマホ教室${index + 1}`,
					topic: '',
					venueId: venues[index % 2]!,
					startsAt: new Date(startsAt).toISOString(),
					endsAt: new Date(startsAt + 2 * hour).toISOString(),
					capacity: world.int(1, 4)
				},
				serverNow(),
				world.uuid()
			);
		}

		// The devices: phones of residents and tablets of volunteers; some have two tabs open.
		const deviceCount = Math.min(options.devices ?? 40, world.int(10, 40));
		const devices: Device[] = [];
		deviceTotal = deviceCount;
		for (let index = 0; index < deviceCount; index += 1) {
			const role: Role = world.chance(0.35) ? 'volunteer' : 'resident';
			const device: Device = {
				name: `${role === 'volunteer' ? 'v' : 'r'}${index}`,
				random: new Random(seed, 1000 + index),
				present: options.keep === undefined || options.keep.includes(index),
				role,
				volunteerId: role === 'volunteer' ? world.uuid() : null,
				factory: new IDBFactory(),
				databaseName: 'yorisoi',
				skewMs: world.chance(0.5) ? world.int(-day, day) : 0,
				tabs: [],
				tabCount: 0,
				lock: new SimLocks(),
				offlineUntil: 0
			};
			devices.push(device);
			const tabs = world.chance(0.25) ? 2 : 1;
			if (!device.present) continue;
			kept.push(index);
			for (let tab = 0; tab < tabs; tab += 1) {
				const opened = openTab(device);
				clock.at(device.random.int(0, 30 * second), () => wake(opened, 'page load'));
			}
		}

		function openTab(device: Device): Tab {
			const database = new YorisoiDatabase(device.databaseName, {
				indexedDB: device.factory,
				IDBKeyRange
			});
			device.tabCount += 1;
			const tab: Tab = {
				name: `${device.name}.${device.tabCount}`,
				random: new Random(seed, 5000 + devices.indexOf(device) * 64 + device.tabCount),
				device,
				database,
				engine: undefined as unknown as SyncEngine,
				outbox: undefined as unknown as Outbox,
				open: true,
				syncing: false,
				again: false,
				failures: 0,
				timer: 0,
				inFlight: new Set()
			};
			tab.engine = new SyncEngine({
				database,
				baseUrl: origin,
				fetch: networkFor(tab),
				now: () => new Date(epoch + clock.now + device.skewMs)
			});
			tab.outbox = new RecordingOutbox(
				database,
				() => wake(tab, 'queued'),
				(row) => {
					queued.set(row.id, { device, row });
					kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
					const about =
						row.kind === 'signup.create' || row.kind === 'signup.createOnBehalf'
							? ` signup ${short(row.args.id)}`
							: 'signupId' in row.args
								? ` signup ${short(row.args.signupId)}`
								: '';
					log(`${tab.name} queue #${row.seq} ${row.kind} ${short(row.id)}${about}`);
				}
			);
			device.tabs.push(tab);
			return tab;
		}

		/** What a page's sync state does (`sync.svelte.ts`): flush under the lock, then a timer. */
		function wake(tab: Tab, why: string): void {
			if (!tab.open) return;
			if (tab.syncing) {
				tab.again = true;
				return;
			}
			clock.spawn(`${tab.name} sync`, async () => {
				tab.syncing = true;
				tab.again = false;
				let result: FlushResult | null;
				try {
					result = await withSyncLock(
						() => tab.engine.flush(),
						tab.device.lock as unknown as LockManager
					);
				} catch (error) {
					// A closed tab's flush ends with its database; anything else is reported.
					if (tab.open) throw error;
					result = null;
					log(`${tab.name} flush ended by the tab closing (${(error as Error).name})`);
				}
				tab.syncing = false;
				if (!tab.open) return;
				log(`${tab.name} flush (${why}) → ${result ? `${result.outcome} ${result.sent}` : 'busy'}`);
				if (result === null || result.outcome === 'busy') {
					schedule(tab, syncSchedule.lockBusyRetryMs);
					return;
				}
				if (result.outcome === 'done') {
					tab.failures = 0;
					schedule(tab, nextSyncDelay(0));
					if (tab.again) wake(tab, 'again');
				} else {
					tab.failures += 1;
					schedule(
						tab,
						nextSyncDelay(tab.failures, () => tab.random.next())
					);
				}
			});
		}

		function schedule(tab: Tab, ms: number): void {
			const timer = ++tab.timer;
			clock.at(clock.now + ms, () => {
				if (faultsOn && tab.open && tab.timer === timer) wake(tab, 'timer');
			});
		}

		/** The fetch one tab's engine uses: a network that may lose, repeat or hold requests. */
		function networkFor(tab: Tab): typeof fetch {
			return async (input, init) => {
				const url = new URL(String(input));
				const request: SimRequest = {
					method: (init?.method ?? 'GET') as 'GET' | 'POST',
					path: url.pathname,
					query: url.searchParams,
					body: typeof init?.body === 'string' ? init.body : null,
					volunteerId: tab.device.volunteerId
				};
				const what = describe(request);
				const parked = clock.park<Response>();
				tab.inFlight.add(parked.reject);
				const broken = (reason: string, after: number) =>
					clock.at(clock.now + after, () => {
						log(`${tab.name} ${what} ✗ ${reason}`);
						parked.reject(new TypeError(`network: ${reason}`));
					});
				const latency = () =>
					faultsOn && tab.random.chance(0.05)
						? tab.random.int(2, 20) * second
						: tab.random.int(5, 400);
				if (faultsOn && tab.device.offlineUntil > clock.now) {
					broken('offline', 20);
				} else if (faultsOn && tab.random.chance(0.04)) {
					fault(`${tab.name} ${what} request lost`);
					broken('timeout', tab.random.int(5, 30) * second);
				} else {
					const copies = faultsOn && tab.random.chance(0.04) ? 2 : 1;
					if (copies === 2) fault(`${tab.name} ${what} sent twice`);
					let answered = false;
					for (let copy = 0; copy < copies; copy += 1) {
						clock.at(clock.now + latency(), () =>
							clock.spawn(`server ${what}`, async () => {
								const response = await server.handle(request);
								if (response === null) {
									log(`${tab.name} ${what} → connection reset (server down)`);
									if (!answered) broken('reset', 10);
									answered = true;
									return;
								}
								if (response.status === 200 && request.path.endsWith('/push')) {
									const answers = (response.body as { answers: MutationAnswer[] }).answers;
									log(`${tab.name} ${what} ⇒ ${answers.map(answerWord).join(' ')}`);
								} else {
									log(`${tab.name} ${what} ⇒ ${response.status}`);
								}
								if (response.status >= 400 && response.status !== 401) {
									violations.push(`${tab.name}: ${what} answered ${response.status}`);
								}
								if (answered) return;
								answered = true;
								if (faultsOn && tab.random.chance(0.05)) {
									fault(`${tab.name} ${what} answer lost after the server committed`);
									broken('answer lost', tab.random.int(5, 30) * second);
									return;
								}
								clock.at(clock.now + latency(), () => {
									if (!tab.open) return;
									if (response.status === 200 && request.path.endsWith('/push')) {
										for (const answer of (response.body as { answers: MutationAnswer[] }).answers) {
											const list = delivered.get(answer.id) ?? [];
											list.push(answer);
											delivered.set(answer.id, list);
										}
									}
									parked.resolve(
										new Response(JSON.stringify(response.body), {
											status: response.status,
											headers: { 'content-type': 'application/json' }
										})
									);
								});
							})
						);
					}
				}
				try {
					return await parked.promise;
				} finally {
					tab.inFlight.delete(parked.reject);
				}
			};
		}

		function describe(request: SimRequest): string {
			if (request.path.endsWith('/pull')) return `pull@${request.query.get('cursor')}`;
			const body = JSON.parse(request.body ?? '{}') as { mutations?: Array<{ seq: number }> };
			const seqs = (body.mutations ?? []).map((mutation) => mutation.seq);
			return `push#${seqs[0]}..${seqs[seqs.length - 1]}`;
		}

		// What people do, at random times while the faults last.
		const actionScale = options.actions ?? 1;
		for (const device of devices.filter((candidate) => candidate.present)) {
			const { random } = device;
			const count = Math.round(random.int(1, device.role === 'volunteer' ? 6 : 4) * actionScale);
			for (let index = 0; index < count; index += 1) {
				const at = random.int(20 * second, faultWindow);
				const pick = random.next();
				clock.at(at, () =>
					clock.spawn(`${device.name} acts`, async () => {
						const tab =
							device.tabs.find((candidate) => candidate.open && random.chance(0.7)) ??
							device.tabs.find((candidate) => candidate.open);
						if (!tab) return;
						try {
							await act(tab, pick);
						} catch (error) {
							// A tab closed while the person was using it: what they did there is lost
							// with it (nothing was acknowledged).
							if (tab.open) throw error;
							log(`${tab.name} action broken off by the tab closing`);
						}
					})
				);
			}
		}

		async function act(tab: Tab, pick: number): Promise<void> {
			const { database, outbox, device } = tab;
			const { random } = device;
			const deviceNow = () => new Date(epoch + clock.now + device.skewMs);
			if (device.role === 'resident') {
				const mine = await database.mySignups.toArray();
				const open = mine.filter((row) => row.status !== 'cancelled' && row.status !== 'rejected');
				if (pick < 0.3 && open.length > 0) {
					const signup = random.pick(open)!;
					await queueCancel(outbox, signup.id);
					return;
				}
				const classes = await database.classes.toArray();
				const klass = random.pick(classes);
				if (!klass) return;
				await queueSignup(outbox, signupRequest(klass.id, random));
				return;
			}
			const rosterRows = (await database.rosters.toArray())
				.map((row) => rosterClassSchema.safeParse(row))
				.flatMap((parsed) => (parsed.success ? [parsed.data] : []));
			const scheduled = rosterRows.filter((row) => row.status === 'scheduled');
			const klass = random.pick(scheduled);
			const venuesHere = await database.venues.toArray();
			const entries = klass?.roster.filter((entry) => entry.status !== 'cancelled') ?? [];
			const choice = Math.floor(pick * 15);
			switch (choice) {
				case 0:
				case 1: {
					if (!klass) return;
					const signup: Partial<SignupRequest> = signupRequest(klass.id, random);
					delete signup.classId;
					await queueSignupOnBehalf(outbox, {
						classId: klass.id,
						signup: signup as Omit<SignupRequest, 'classId'>
					});
					return;
				}
				case 2: {
					const entry = random.pick(entries);
					if (!klass || !entry) return;
					await queueCancelOnBehalf(outbox, { classId: klass.id, signupId: entry.id });
					return;
				}
				case 3:
				case 4: {
					// Capacity up (the waiting list moves up) or down (maybe below the confirmed).
					if (!klass) return;
					const capacity = Math.max(0, klass.capacity + random.int(-2, 3));
					await queueClassEdit(outbox, {
						classId: klass.id,
						baseVersion: klass.version,
						changes: random.chance(0.3) ? { capacity, title: `${klass.title}!` } : { capacity }
					});
					return;
				}
				case 5: {
					// A new time: two volunteers doing this to one class conflict.
					if (!klass) return;
					const startsAt = epoch + random.int(3 * 24, 9 * 24) * hour;
					await queueClassEdit(outbox, {
						classId: klass.id,
						baseVersion: klass.version,
						changes: random.chance(0.5)
							? {
									startsAt: new Date(startsAt).toISOString(),
									endsAt: new Date(startsAt + 2 * hour).toISOString()
								}
							: { topic: `話題${random.int(1, 9)}` }
					});
					return;
				}
				case 6: {
					const venue = random.pick(venuesHere);
					if (!venue) return;
					const startsAt = epoch + random.int(3 * 24, 9 * 24) * hour;
					await queueNewClass(outbox, {
						id: random.uuid(),
						klass: {
							title: `新しい教室${random.int(1, 99)}`,
							topic: '',
							lessonIds: [],
							venueId: venue.id,
							startsAt: new Date(startsAt).toISOString(),
							endsAt: new Date(startsAt + 2 * hour).toISOString(),
							capacity: random.int(1, 3),
							loanerTablets: 0,
							tutors: 1
						}
					});
					return;
				}
				case 7: {
					if (random.chance(0.5)) {
						await queueVenue(outbox, {
							id: random.uuid(),
							name: `新会場${random.int(1, 99)}`,
							address: `みどり町${random.int(1, 99)}（架空）`
						});
						return;
					}
					const venue = random.pick(venuesHere);
					if (!venue) return;
					if (random.chance(0.5)) {
						await queueVenueEdit(outbox, {
							venueId: venue.id,
							changes: { name: `${venue.name}・改` }
						});
					} else {
						await queueVenueRetire(outbox, venue.id);
					}
					return;
				}
				case 8:
				case 9: {
					// Attendance from the hall's tablets: two of them may mark the same person.
					const entry = random.pick(entries);
					if (!klass || !entry) return;
					await queueAttendance(outbox, {
						klass,
						entry,
						status: random.chance(0.6) ? 'present' : 'absent',
						now: deviceNow()
					});
					return;
				}
				case 10: {
					if (!klass) return;
					const person: Partial<SignupRequest> = signupRequest(klass.id, random);
					delete person.id;
					delete person.classId;
					await queueWalkIn(outbox, {
						klass,
						person: person as Omit<SignupRequest, 'id' | 'classId'>,
						now: deviceNow()
					});
					return;
				}
				case 11: {
					// The volunteer deals with a refusal: their own values again, or let it go.
					const rejection = random.pick(await database.rejections.toArray());
					if (!rejection) return;
					const edit = refusedEdit(rejection);
					if (edit && random.chance(0.6)) await applyMineAgain(outbox, edit);
					else await dismissRejection(database, rejection.mutationId);
					return;
				}
				case 13:
				case 14: {
					// 「連絡済み」 from the call list, on any class (a cancelled one's people are called
					// too): two tablets may tick and untick the same person, offline, clocks off.
					const withPeople = rosterRows.filter((row) => row.roster.length > 0);
					const called = random.pick(withPeople);
					const person = called && random.pick(called.roster);
					if (!called || !person) return;
					await queueContact(outbox, {
						klass: called,
						entry: person,
						done: random.chance(0.7),
						volunteerId: device.volunteerId ?? '',
						now: deviceNow()
					});
					return;
				}
				default: {
					if (!klass || !random.chance(0.3)) return;
					await queueClassCancel(outbox, klass.id);
				}
			}
		}

		function signupRequest(classId: string, random: Random): SignupRequest {
			return {
				id: random.uuid(),
				classId,
				name: random.pick(['山田 花子', '佐藤 一郎', '鈴木 ハル', '田中 みどり'])!,
				nameKana: 'やまだ はなこ',
				phone: '090-1234-5678',
				device: random.pick(['android', 'iphone', 'none'] as const)!,
				needsLoaner: random.chance(0.3),
				needs: [],
				note: ''
			};
		}

		// The faults of this run, at random times in the window.
		for (let index = faults.int(0, 2); index > 0; index -= 1) {
			clock.at(faults.int(0, faultWindow), () => {
				if (server.crashArmed || !server.up) return;
				const after = faults.int(1, 14);
				fault(`server will crash at statement ${after} of a transaction`);
				server.armCrash(after);
				watchCrash();
			});
		}
		/** A supervisor that restarts the server a few seconds after it died. */
		function watchCrash(): void {
			clock.at(clock.now + 500, () => {
				if (server.up) {
					if (server.crashArmed) watchCrash();
					return;
				}
				log('server crashed; restarting from its file');
				clock.spawn('restart', async () => {
					await clock.sleep(faults.int(1, 8) * second);
					await server.restart();
					log('server up again');
				});
			});
		}
		for (let index = faults.int(1, 3); index > 0; index -= 1) {
			clock.at(faults.int(0, faultWindow), () => {
				// A device chosen by number (a device left out by shrinking is a no-op), and its tab
				// that is flushing right now if there is one.
				const device = devices[faults.int(0, devices.length - 1)];
				const open = device?.tabs.filter((candidate) => candidate.open) ?? [];
				const tab = open.find((candidate) => candidate.syncing) ?? open[0];
				if (!tab) return;
				fault(`${tab.name} closed${tab.syncing ? ' mid-flush' : ''}`);
				closeTab(tab);
				clock.at(clock.now + faults.int(1, 60) * second, () => {
					const reopened = openTab(tab.device);
					log(`${reopened.name} opened`);
					wake(reopened, 'page load');
				});
			});
		}
		for (let index = faults.int(1, 4); index > 0; index -= 1) {
			clock.at(faults.int(0, faultWindow), () => {
				const device = faults.pick(devices);
				if (!device?.present) return;
				device.offlineUntil = clock.now + faults.int(10, 180) * second;
				fault(`${device.name} offline until ${device.offlineUntil}`);
			});
		}
		for (const device of devices) if (device.present && device.skewMs !== 0) faultCount += 1;

		function closeTab(tab: Tab): void {
			tab.open = false;
			tab.timer += 1;
			for (const reject of [...tab.inFlight]) reject(new TypeError('the tab was closed'));
			tab.database.close();
		}

		await clock.run(faultWindow);
		faultsOn = false;
		server.disarmCrash();
		log('faults stop');
		for (const device of devices) device.offlineUntil = 0;
		// Let what is in flight land (held requests, a restart), then sync to quiescence.
		await clock.run(clock.now + 2 * minute);
		if (!server.up) await server.restart();
		clock.clear();
		// A device whose tabs were all closed is opened again, as its owner would.
		const present = devices.filter((device) => device.present);
		for (const device of present) if (!device.tabs.some((tab) => tab.open)) openTab(device);
		let quiet = false;
		for (let round = 0; round < 12 && !quiet; round += 1) {
			const before = canonical(await server.direct.first('SELECT value FROM change_clock'));
			const results: Array<FlushResult | null> = [];
			// One tab per device: its tabs share the database (the others would find the lock taken).
			for (const tab of present.map((device) => device.tabs.find((candidate) => candidate.open)!)) {
				clock.spawn(`${tab.name} final sync`, async () => {
					const result = await withSyncLock(
						() => tab.engine.flush(),
						tab.device.lock as unknown as LockManager
					);
					results.push(result);
				});
			}
			await clock.run();
			const after = canonical(await server.direct.first('SELECT value FROM change_clock'));
			let waiting = 0;
			for (const device of present)
				waiting += await device.tabs.find((tab) => tab.open)!.database.outbox.count();
			// Quiet: nothing was sent and nothing changed while every device pulled. (Not every
			// change moves the change clock: venues are pulled whole each time.)
			quiet =
				before === after &&
				waiting === 0 &&
				results.every((result) => result?.outcome === 'done' && result.sent === 0);
			log(`quiescence round ${round}: ${waiting} waiting, clock ${after}`);
		}
		if (!quiet) violations.push('the devices did not reach quiescence in 12 rounds');

		await check({ devices: present, server, queued, delivered, violations });
	} catch (error) {
		if (error instanceof HangError) violations.push(`the run hung: ${error.message}`);
		else violations.push(`the simulator failed: ${(error as Error).stack ?? String(error)}`);
	} finally {
		restore();
		await server.close();
	}
	violations.push(...clock.errors.map((error) => `a task failed: ${error}`));
	const hash = createHash('sha256').update(trace.join('\n')).digest('hex');
	return {
		seed,
		devices: deviceTotal,
		actions: options.actions ?? 1,
		kept,
		mutations: queued.size,
		faults: faultCount,
		kinds,
		violations,
		trace,
		hash
	};
}

function answerWord(answer: MutationAnswer): string {
	return `#${answer.seq}:${answer.status === 'applied' ? 'ok' : (answer.error?.code ?? 'rejected')}`;
}

/** The outbox of the app, telling the simulator what it stored (for the ledger). */
class RecordingOutbox extends Outbox {
	readonly #stored: (row: OutboxRow) => void;

	constructor(database: YorisoiDatabase, wake: () => void, stored: (row: OutboxRow) => void) {
		super(database, wake);
		this.#stored = stored;
	}

	override async queue<K extends MutationKind>(
		kind: K,
		args: QueuedArgs<K>,
		options?: QueueOptions
	): Promise<OutboxRow<K>> {
		const row = await super.queue(kind, args, options);
		this.#stored(row as OutboxRow);
		return row;
	}
}

/** Two answers to one mutation must be equal in every field, the message included (one locale). */
const answerKey = (answer: MutationAnswer) => canonical(answer);

async function check(context: {
	devices: Device[];
	server: SimServer;
	queued: Map<string, { device: Device; row: OutboxRow }>;
	delivered: Map<string, MutationAnswer[]>;
	violations: string[];
}): Promise<void> {
	const { devices, server, queued, delivered, violations } = context;
	const database = server.direct;
	const now = server.now();
	const fail = (message: string) => violations.push(message);

	// The mutation log: every queued mutation answered once, nothing else.
	const logged = new Map(
		(
			await database.all<{ id: string; kind: string; answer: string }>(
				'SELECT id, kind, answer FROM mutations'
			)
		).map((row) => [row.id, row])
	);
	for (const [id, { device, row }] of queued) {
		if (!logged.has(id))
			fail(`${device.name}: mutation #${row.seq} ${row.kind} ${short(id)} was never applied`);
	}
	for (const id of logged.keys()) {
		if (!queued.has(id)) fail(`the server logged a mutation no device made: ${short(id)}`);
	}
	// Acknowledged: an answer reached a device. It is in the log, and every answer the server
	// gave for that mutation (first, replays, lost ones) is the first one, as logged.
	for (const id of delivered.keys()) {
		if (!logged.has(id)) fail(`acknowledged mutation ${short(id)} is lost`);
	}
	for (const [id, answers] of server.produced) {
		const first = answerKey(answers[0]!);
		if (answers.some((answer) => answerKey(answer) !== first)) {
			fail(
				`mutation ${short(id)} got different answers: ${answers.map((answer) => canonical(answer)).join(' ≠ ')}`
			);
		}
		const entry = logged.get(id);
		const answer = answers[0]!;
		if (entry) {
			const stored = JSON.parse(entry.answer) as {
				status: string;
				result?: Record<string, unknown>;
				error?: { code: string };
				current?: unknown;
			};
			const result = answer.result as Record<string, unknown> | undefined;
			const { cancelToken, ...rest } = result ?? {};
			const sameResult =
				canonical(result === undefined ? undefined : rest) === canonical(stored.result) &&
				(cancelToken === undefined ||
					cancelToken === cancelTokenFor(server.key, String(result?.id)));
			if (
				stored.status !== answer.status ||
				stored.error?.code !== answer.error?.code ||
				canonical(stored.current) !== canonical(answer.current) ||
				!sameResult
			) {
				fail(
					`mutation ${short(id)} was answered ${canonical(answer)}, but its first answer is ${entry.answer}`
				);
			}
		}
		for (const given of answers) {
			const code = given.error?.code;
			if (code === 'sequence_reused' || code === 'id_conflict' || code === 'invalid_input') {
				fail(`mutation ${short(id)} refused as ${code}: an honest device's change was blocked`);
			}
		}
	}

	// Seats and waiting lists.
	const classes = await database.all<{
		id: string;
		capacity: number;
		status: string;
		version: number;
		ends_at: string;
	}>('SELECT id, capacity, status, version, ends_at FROM classes');
	const signups = await database.all<{
		id: string;
		class_id: string;
		status: string;
		waitlist_order: number | null;
	}>('SELECT id, class_id, status, waitlist_order FROM signups');
	const positions = await waitlistPositions(
		database,
		classes.map((klass) => klass.id)
	);
	for (const klass of classes) {
		const mine = signups.filter((signup) => signup.class_id === klass.id);
		const confirmed = mine.filter((signup) => signup.status === 'confirmed').length;
		const waiting = mine.filter((signup) => signup.status === 'waitlisted');
		if (confirmed > klass.capacity) {
			fail(
				`class ${short(klass.id)} is overbooked: ${confirmed} confirmed for ${klass.capacity} seats`
			);
		}
		const places = waiting
			.map((signup) => positions.get(signup.id))
			.sort((a, b) => (a ?? 0) - (b ?? 0));
		if (places.some((place, index) => place !== index + 1)) {
			fail(`class ${short(klass.id)}'s waiting list is numbered ${places.join(',')}`);
		}
		if (klass.status === 'scheduled' && confirmed < klass.capacity && waiting.length > 0) {
			fail(
				`class ${short(klass.id)} has ${klass.capacity - confirmed} free seats and ${waiting.length} waiting`
			);
		}
	}

	// Nothing doubled: the audit log names each effect once; versions count the applied edits.
	const audits = await database.all<{ action: string; record_id: string; n: number }>(
		'SELECT action, record_id, CAST(COUNT(*) AS INTEGER) AS n FROM audit_log GROUP BY action, record_id'
	);
	const auditCount = (action: string, id: string) =>
		audits
			.filter(
				(row) =>
					row.record_id === id && (row.action === action || row.action.startsWith(`${action}:`))
			)
			.reduce((sum, row) => sum + Number(row.n), 0);
	for (const signup of signups) {
		const made =
			auditCount('signup.confirmed', signup.id) + auditCount('signup.waitlisted', signup.id);
		const cancelled = auditCount('signup.cancelled', signup.id);
		const promoted = auditCount('signup.promoted', signup.id);
		if (
			made !== 1 ||
			cancelled > 1 ||
			promoted > 1 ||
			(signup.status === 'cancelled') !== (cancelled === 1)
		) {
			fail(
				`sign-up ${short(signup.id)} (${signup.status}) was made ${made}×, cancelled ${cancelled}×, promoted ${promoted}×`
			);
		}
	}
	const appliedOf = (kind: MutationKind) =>
		[...queued.values()].filter(
			({ row }) =>
				row.kind === kind &&
				(JSON.parse(logged.get(row.id)?.answer ?? '{}') as { status?: string }).status === 'applied'
		);
	for (const klass of classes) {
		const patches = appliedOf('class.patch').filter(
			({ row }) => row.kind === 'class.patch' && row.args.classId === klass.id
		).length;
		const expected = 1 + patches + (klass.status === 'cancelled' ? 1 : 0);
		if (Number(klass.version) !== expected || auditCount('class.cancel', klass.id) > 1) {
			fail(
				`class ${short(klass.id)} is at version ${klass.version}; ${patches} applied edits make ${expected}`
			);
		}
	}
	for (const { row } of [...appliedOf('signup.cancel'), ...appliedOf('signup.cancelOnBehalf')]) {
		const signupId = 'signupId' in row.args ? row.args.signupId : '';
		const signup = signups.find((candidate) => candidate.id === signupId);
		if (signup?.status !== 'cancelled') fail(`acknowledged cancel of ${short(signupId)} is lost`);
	}
	for (const { row } of [...appliedOf('signup.create'), ...appliedOf('signup.createOnBehalf')]) {
		const signupId = 'id' in row.args ? String(row.args.id) : '';
		if (!signups.some((candidate) => candidate.id === signupId))
			fail(`acknowledged sign-up ${short(signupId)} is lost`);
	}
	for (const { row } of appliedOf('venue.retire')) {
		const venueId = row.kind === 'venue.retire' ? row.args.venueId : '';
		const venue = await database.first<{ retired_at: string | null }>(
			'SELECT retired_at FROM venues WHERE id = ?',
			[venueId]
		);
		if (!venue?.retired_at) fail(`acknowledged retirement of venue ${short(venueId)} is lost`);
	}
	for (const { row } of appliedOf('class.cancel')) {
		const classId = row.kind === 'class.cancel' ? row.args.classId : '';
		if (classes.find((klass) => klass.id === classId)?.status !== 'cancelled') {
			fail(`acknowledged cancellation of class ${short(classId)} is lost`);
		}
	}

	// 「連絡済み」: the tick that stands on the server is the latest one that ever stood (each
	// applied answer names the tick standing then), and every volunteer device shows it.
	const ticks = new Map(
		(
			await database.all<{ signup_id: string; done: number; marked_at: string; marked_by: string }>(
				'SELECT signup_id, done, marked_at, marked_by FROM contact_marks'
			)
		).map((row) => [
			row.signup_id,
			{ done: Number(row.done) === 1, markedAt: row.marked_at, markedBy: row.marked_by }
		])
	);
	const latestStood = new Map<string, { done: boolean; markedAt: string; markedBy: string }>();
	for (const { row } of appliedOf('contact.mark')) {
		const stood = JSON.parse(logged.get(row.id)!.answer) as {
			result: { signupId: string; done: boolean; markedAt: string; markedBy: string };
		};
		const { signupId, done, markedAt, markedBy } = stood.result;
		const before = latestStood.get(signupId);
		if (!before || before.markedAt < markedAt)
			latestStood.set(signupId, { done, markedAt, markedBy });
	}
	for (const [signupId, latest] of latestStood) {
		if (canonical(ticks.get(signupId)) !== canonical(latest)) {
			fail(
				`sign-up ${short(signupId)}'s tick is ${canonical(ticks.get(signupId))}, but ${canonical(latest)} stood later`
			);
		}
	}
	for (const device of devices.filter((candidate) => candidate.role === 'volunteer')) {
		const tab = device.tabs.find((candidate) => candidate.open);
		if (!tab) continue;
		for (const stored of await tab.database.rosters.toArray()) {
			const parsed = rosterClassSchema.safeParse(stored);
			for (const entry of parsed.success ? parsed.data.roster : []) {
				if (canonical(entry.contact ?? null) !== canonical(ticks.get(entry.id) ?? null)) {
					fail(
						`${device.name}: sign-up ${short(entry.id)} shows the tick ${canonical(entry.contact)}, the server ${canonical(ticks.get(entry.id))}`
					);
				}
			}
		}
	}

	// Each device shows what the server says, for what it may see; nothing waits.
	const upcoming = await listUpcomingClasses(database, now);
	const volunteerClasses = await classesEndingAfter(database, new Date(now.getTime() - day));
	const expectedRosters: RosterClassData[] = await withRosters(database, volunteerClasses);
	const openVenues = await database.all(
		'SELECT id, name, address FROM venues WHERE retired_at IS NULL'
	);
	const sameSet = (name: string, device: Device, local: unknown[], remote: unknown[]) => {
		const a = local.map(canonical).sort();
		const b = remote.map(canonical).sort();
		if (a.join('\n') !== b.join('\n')) {
			const missing = b.filter((row) => !a.includes(row)).slice(0, 2);
			const extra = a.filter((row) => !b.includes(row)).slice(0, 2);
			fail(
				`${device.name}: its ${name} differ from the server's (server has ${missing.join(' ') || '–'}; device has ${extra.join(' ') || '–'})`
			);
		}
	};
	for (const device of devices) {
		const tab = device.tabs.find((candidate) => candidate.open);
		if (!tab) continue;
		const local = tab.database;
		const waiting = await local.outbox.toArray();
		if (waiting.length > 0) fail(`${device.name}: ${waiting.length} mutations still in its outbox`);
		sameSet('classes', device, await local.classes.toArray(), upcoming);
		for (const mine of await local.mySignups.toArray()) {
			const remote = signups.find((signup) => signup.id === mine.id);
			const status = String(mine.status);
			if (status === 'rejected') {
				if (remote)
					fail(
						`${device.name}: sign-up ${short(mine.id)} shows as refused but the server has it (${remote.status})`
					);
				continue;
			}
			if (!remote) {
				fail(
					`${device.name}: sign-up ${short(mine.id)} shows as ${status} but the server has none`
				);
				continue;
			}
			const place = positions.get(remote.id) ?? null;
			if (status !== remote.status || (mine.waitlistPosition ?? null) !== place) {
				fail(
					`${device.name}: sign-up ${short(mine.id)} shows ${status}/${String(mine.waitlistPosition)}, the server says ${remote.status}/${place}`
				);
			}
		}
		if (device.role === 'volunteer') {
			sameSet('rosters', device, await local.rosters.toArray(), expectedRosters);
			sameSet('venues', device, await local.venues.toArray(), openVenues);
		}
	}

	// The database file itself.
	const integrity = await database.all<{ integrity_check: string }>('PRAGMA integrity_check');
	if (integrity.map((row) => row.integrity_check).join() !== 'ok') {
		fail(`integrity_check: ${canonical(integrity)}`);
	}
	const keys = await database.all('PRAGMA foreign_key_check');
	if (keys.length > 0) fail(`foreign_key_check: ${canonical(keys.slice(0, 3))}`);
}
