// One seeded run of the sync protocol (issue 14, part 3): 10–40 devices running the real
// SyncEngine and Outbox on Dexie over fake-indexeddb, the real server modules on SQLite, a
// network that loses, repeats and delays, a server that crashes mid-transaction, tabs closed
// mid-flush and clocks a day off. Every kind of the registry is made: sign-ups (on classes,
// course sessions and 相談会 slots) and cancels, class and series edits that conflict, courses,
// 相談会 blocks, attendance and 「連絡済み」 from two tablets, questionnaire answers sent twice.
// When the faults stop and every device has synced, the invariants of DESIGN.md ("Rules users
// should never have to think about") are checked.
import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
	applyMineAgain,
	dismissRejection,
	enterAsAnotherPerson,
	queueCancelOnBehalf,
	queueClassCancel,
	queueClassEdit,
	queueNewClass,
	queueSignupOnBehalf,
	queueVenue,
	queueVenueEdit,
	queueVenueRetire,
	refusedDuplicate,
	refusedEdit
} from '$lib/client/class-desk';
import { queueAttendance, queueWalkIn } from '$lib/client/attendance';
import { queueContact } from '$lib/client/contacts';
import { queueConsultation } from '$lib/client/consultation-desk';
import { queueAnswer } from '$lib/client/questionnaire';
import { queueNewSeries, queueSeriesEdit } from '$lib/client/series-desk';
import { consultationSlots, type NewConsultation } from '$lib/domain/consultation';
import type { QuestionnaireAnswer } from '$lib/domain/questionnaire';
import { YorisoiDatabase, type OutboxRow } from '$lib/client/db';
import { Outbox, type QueueOptions } from '$lib/client/outbox';
import { queueCancel, queueSignup, SyncEngine, type FlushResult } from '$lib/client/sync-engine';
import { withSyncLock } from '$lib/client/sync-lock';
import { nextSyncDelay, syncSchedule } from '$lib/client/sync-schedule';
import type { MutationKind, QueuedArgs } from '$lib/domain/mutations';
import {
	readAnswer,
	rosterClassSchema,
	type MutationAnswer,
	type RosterClassData
} from '$lib/domain/sync';
import { personKeys, samePerson } from '$lib/domain/person-match';
import type { SignupRequest } from '$lib/domain/signup';
import {
	classesEndingAfter,
	createClass,
	createVenue,
	rosters,
	withRosters
} from '$lib/server/classes';
import { createConsultationIn } from '$lib/server/consultations';
import { courseProgress, createSeriesIn, withSeriesRosters } from '$lib/server/series';
import {
	cancelTokenFor,
	createSignup,
	listUpcomingClasses,
	SignupError,
	waitlistPositions
} from '$lib/server/signups';
import { SimServer, type SimBackend, type SimRequest } from './server';
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
	/**
	 * Where the server keeps its data: SQLite (the default) or PostgreSQL. On SQLite a seed is
	 * one run, event for event (the trace hash is the same every time). On PostgreSQL it has
	 * been too: seeds 1–20 gave the hashes they give on SQLite, run after run, because the
	 * clock fires one event at a time and each request's queries end before the next event.
	 * But nothing enforces it: PostgreSQL may return rows of a query without ORDER BY in
	 * another order, and two requests woken by one event would interleave by real I/O.
	 */
	db?: SimBackend;
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
	/** How the server first answered, per kind and outcome (`series.patch conflict`…). */
	outcomes: Record<string, number>;
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

/**
 * The residents the simulation signs up. The same one picked twice for a class is a duplicate
 * attempt; 山田 花子 and 山田 太郎 share a phone (a couple, never a duplicate); some give no
 * phone or no reading.
 */
const townPeople = [
	{ name: '山田 花子', nameKana: 'やまだ はなこ', phone: '090-1234-5678' },
	{ name: '山田 太郎', nameKana: 'やまだ たろう', phone: '090-1234-5678' },
	{ name: '佐藤 一郎', nameKana: 'さとう いちろう', phone: '080-2222-3333' },
	{ name: '鈴木 ハル', nameKana: 'すずき はる', phone: '' },
	{ name: '田中 みどり', nameKana: 'たなか みどり', phone: '070-4444-5555' },
	{ name: '高橋 トメ', nameKana: '', phone: '090-6666-7777' },
	{ name: '伊藤 進', nameKana: 'いとう すすむ', phone: '080-8888-9999' },
	{ name: '渡辺 清', nameKana: '', phone: '' },
	{ name: '小林 幸子', nameKana: 'こばやし さちこ', phone: '090-1212-3434' },
	{ name: '加藤 茂', nameKana: 'かとう しげる', phone: '080-5656-7878' }
] as const;

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
	const clock = new Clock(options.db === 'postgres');
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
	const server = await SimServer.start(serverNow, world.uuid() + world.uuid(), options.db);
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

		// Today's class in the hall: begun an hour ago, with people seated, so that its
		// questionnaire can be answered (a class takes answers once it has begun).
		const todayClass = world.uuid();
		await createClass(
			server.direct,
			{
				title: '今日のスマホ教室',
				topic: '',
				lessonIds: ['01-power-screen', '02-touch'],
				venueId: venues[0]!,
				startsAt: new Date(epoch - hour).toISOString(),
				endsAt: new Date(epoch + 2 * hour).toISOString(),
				capacity: 4
			},
			serverNow(),
			todayClass
		);
		for (let index = world.int(1, 3); index > 0; index -= 1) {
			const person = world.pick(townPeople)!;
			await createSignup(
				server.direct,
				{
					id: world.uuid(),
					classId: todayClass,
					name: person.name,
					nameKana: person.nameKana,
					phone: person.phone,
					device: 'android',
					needsLoaner: false,
					needs: [],
					note: '',
					walkIn: true,
					confirmDuplicate: true
				},
				{ now: serverNow(), key: server.key }
			).catch((error: unknown) => {
				if (!(error instanceof SignupError)) throw error;
			});
		}
		// A course (講座: one sign-up holds a seat in every session, kept by its first one) and a
		// 相談会 block whose slots take a waiting list or refuse a full slot, from the seed.
		const courseStart = epoch + world.int(3 * 24, 5 * 24) * hour;
		const courseSessions = world.int(2, 4);
		await server.direct.transaction((tx) =>
			createSeriesIn(tx, {
				id: world.uuid(),
				series: {
					kind: 'course',
					klass: {
						title: 'はじめてのLINE講座',
						topic: '',
						venueId: venues[1]!,
						startsAt: new Date(courseStart).toISOString(),
						endsAt: new Date(courseStart + 2 * hour).toISOString(),
						capacity: world.int(1, 3)
					},
					sessions: Array.from({ length: courseSessions }, (_, index) => ({
						id: world.uuid(),
						startsAt: new Date(courseStart + index * 7 * day).toISOString(),
						endsAt: new Date(courseStart + index * 7 * day + 2 * hour).toISOString()
					}))
				},
				actor: 'setup',
				now: serverNow()
			})
		);
		await server.direct.transaction(async (tx) => {
			const block = consultationBlock(world, venues[0]!);
			return createConsultationIn(tx, {
				block: {
					...block,
					id: world.uuid(),
					slotIds: consultationSlots(block).map(() => world.uuid())
				},
				actor: 'setup',
				now: serverNow()
			});
		});

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
				if (pick >= 0.88) {
					// The questionnaire after today's class, on the resident's own phone.
					await answerQuestionnaire(tab, todayClass);
					return;
				}
				const classes = await database.classes.toArray();
				const klass = random.pick(classes);
				if (!klass) return;
				const request = signupRequest(klass.id, random);
				// A 相談会 slot asks what they want help with (optional).
				if (klass.consultation && random.chance(0.6)) {
					request.helpTopics = random.chance(0.5) ? ['line'] : ['photos', 'mynumber'];
				}
				await queueSignup(outbox, request);
				return;
			}
			const rosterRows = (await database.rosters.toArray())
				.map((row) => rosterClassSchema.safeParse(row))
				.flatMap((parsed) => (parsed.success ? [parsed.data] : []));
			const scheduled = rosterRows.filter((row) => row.status === 'scheduled');
			const klass = random.pick(scheduled);
			const venuesHere = await database.venues.toArray();
			const entries = klass?.roster.filter((entry) => entry.status !== 'cancelled') ?? [];
			const choice = Math.floor(pick * 21);
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
					// A second sign-up of the same name: sometimes really another person (a couple).
					const refused = refusedDuplicate(rejection);
					if (edit && random.chance(0.6)) await applyMineAgain(outbox, edit);
					else if (refused && random.chance(0.5))
						await enterAsAnotherPerson(outbox, refused, deviceNow());
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
				case 15:
				case 16: {
					// A repeating class or a course, published from the class form.
					const venue = random.pick(venuesHere);
					if (!venue) return;
					const first = epoch + random.int(3 * 24, 9 * 24) * hour;
					const sessions = Array.from({ length: random.int(2, 4) }, (_, index) => ({
						id: random.uuid(),
						startsAt: new Date(first + index * 7 * day).toISOString(),
						endsAt: new Date(first + index * 7 * day + 2 * hour).toISOString()
					}));
					await queueNewSeries(outbox, {
						id: random.uuid(),
						kind: random.chance(0.6) ? 'course' : 'repeat',
						klass: {
							title: `連続講座${random.int(1, 99)}`,
							topic: '',
							lessonIds: [],
							venueId: venue.id,
							startsAt: sessions[0]!.startsAt,
							endsAt: sessions[0]!.endsAt,
							capacity: random.int(1, 3),
							loanerTablets: 0,
							tutors: 1
						},
						sessions
					});
					return;
				}
				case 17:
				case 18: {
					// 「この回から後すべて」: new times or venue from a session on, based on the
					// versions this tablet holds (stale when another tablet moved one meanwhile).
					const sessions = scheduled.filter((row) => row.series);
					const from = random.pick(sessions);
					if (!from?.series) return;
					const startHour = random.int(9, 15);
					const venue = random.pick(venuesHere);
					const times = {
						startTime: `${String(startHour).padStart(2, '0')}:00`,
						endTime: `${String(startHour + random.int(1, 2)).padStart(2, '0')}:30`
					};
					await queueSeriesEdit(outbox, {
						seriesId: from.series.id,
						fromClassId: from.id,
						changes:
							venue && random.chance(0.3)
								? random.chance(0.5)
									? { venueId: venue.id }
									: { ...times, venueId: venue.id }
								: times
					});
					return;
				}
				case 19: {
					const venue = random.pick(venuesHere);
					if (!venue) return;
					await queueConsultation(outbox, consultationBlock(random, venue.id));
					return;
				}
				case 20: {
					// The hall's tablet handed round after a class that has begun.
					const begun = rosterRows.filter(
						(row) => Date.parse(row.startsAt) <= deviceNow().getTime()
					);
					const answered = random.pick(begun);
					await answerQuestionnaire(tab, answered?.id ?? todayClass);
					return;
				}
				default: {
					if (!klass || !random.chance(0.3)) return;
					await queueClassCancel(outbox, klass.id);
				}
			}
		}

		/**
		 * One person's questionnaire answer. Now and then the same answer is sent again under a
		 * new mutation (the page reloaded before it showed 「送りました」): kept once.
		 */
		async function answerQuestionnaire(tab: Tab, classId: string): Promise<void> {
			const { random } = tab.device;
			const answer: QuestionnaireAnswer = {
				answerId: random.uuid(),
				classId,
				clarity: random.int(1, 5),
				satisfaction: random.int(1, 5),
				canDo: random.chance(0.5) ? ['01-power-screen'] : [],
				wantNext: random.chance(0.5) ? ['07-wifi', 'other'] : [],
				...(random.chance(0.3) ? { comment: random.pick(['よくわかりました', '字が小さい'])! } : {})
			};
			const klass = { title: 'アンケート', startsAt: new Date(epoch).toISOString() };
			await queueAnswer(tab.outbox, { answer, klass });
			if (random.chance(0.25)) await queueAnswer(tab.outbox, { answer, klass });
		}

		/**
		 * Someone of the town, written as people type: the same person comes back now and then
		 * (a duplicate attempt), spelled with a full-width space, full-width digits or katakana.
		 */
		function signupRequest(classId: string, random: Random): SignupRequest {
			const person = random.pick(townPeople)!;
			const wide = (text: string) =>
				text.replace(/[0-9-]/g, (char) =>
					char === '-' ? '－' : String.fromCharCode(char.charCodeAt(0) + 0xfee0)
				);
			const katakana = (text: string) =>
				text.replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
			return {
				id: random.uuid(),
				classId,
				name: random.chance(0.3) ? person.name.replace(' ', '\u3000') : person.name,
				nameKana: random.chance(0.3) ? katakana(person.nameKana) : person.nameKana,
				phone: random.chance(0.3) ? wide(person.phone) : person.phone,
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
	const outcomes: Record<string, number> = {};
	for (const [id, answers] of server.produced) {
		const kind = queued.get(id)?.row.kind ?? 'unknown';
		const outcome = `${kind} ${answers[0]?.error?.code ?? 'ok'}`;
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
	}
	const hash = createHash('sha256').update(trace.join('\n')).digest('hex');
	return {
		seed,
		devices: deviceTotal,
		actions: options.actions ?? 1,
		kept,
		mutations: queued.size,
		faults: faultCount,
		kinds,
		outcomes,
		violations,
		trace,
		hash
	};
}

/** A 相談会 block on an afternoon three to nine days ahead: an hour of 15–30 minute slots. */
function consultationBlock(random: Random, venueId: string): NewConsultation {
	const startsAt = epoch + random.int(3, 9) * day + 4 * hour;
	return {
		title: `スマホ相談会${random.int(1, 9)}`,
		venueId,
		startsAt: new Date(startsAt).toISOString(),
		endsAt: new Date(startsAt + hour).toISOString(),
		slotMinutes: random.pick([15, 20, 30] as const)!,
		helpers: random.int(1, 2),
		waitlist: random.chance(0.5)
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

type SignupRecord = { id: string; class_id: string; status: string };

/**
 * Courses and 相談会 slots: a course's sign-ups are all held by its first session (whose
 * capacity is the course's, so the seat checks above count them there), every session lists
 * the course's seats and waiting list, attendance on any session marks a sign-up of the course;
 * a slot of a block without a waiting list never has anyone waiting, and only such slots
 * refuse a sign-up as full.
 */
async function checkSeriesAndSlots(context: {
	database: SimServer['direct'];
	classes: ReadonlyArray<{ id: string; capacity: number }>;
	signups: readonly SignupRecord[];
	server: SimServer;
	queued: Map<string, { device: Device; row: OutboxRow }>;
	fail: (message: string) => void;
}): Promise<void> {
	const { database, classes, signups, server, queued, fail } = context;
	const rows = await database.all<{
		id: string;
		series_id: string | null;
		series_position: number | null;
		kind: string | null;
		consultation_id: string | null;
		waitlist: number | null;
	}>(
		`SELECT c.id, c.series_id, c.series_position, s.kind, c.consultation_id, k.waitlist
		FROM classes c
		LEFT JOIN class_series s ON s.id = c.series_id
		LEFT JOIN consultations k ON k.id = c.consultation_id`
	);
	const seatOf = new Map<string, string>();
	for (const row of rows) {
		if (row.kind !== 'course') continue;
		const first = rows.find(
			(other) => other.series_id === row.series_id && Number(other.series_position) === 1
		);
		if (!first) {
			fail(`course ${short(row.series_id ?? '')} has no first session`);
			continue;
		}
		seatOf.set(row.id, first.id);
		if (first.id !== row.id) {
			const held = signups.filter((signup) => signup.class_id === row.id);
			if (held.length > 0) {
				fail(
					`course session ${short(row.id)} holds ${held.length} sign-ups of its own (the course's first session holds them)`
				);
			}
		}
	}
	const upcoming = await listUpcomingClasses(database, server.now());
	for (const listed of upcoming) {
		const seat = seatOf.get(listed.id);
		if (!seat) continue;
		const capacity = classes.find((klass) => klass.id === seat)?.capacity ?? -1;
		const mine = signups.filter((signup) => signup.class_id === seat);
		const confirmed = mine.filter((signup) => signup.status === 'confirmed').length;
		const waiting = mine.filter((signup) => signup.status === 'waitlisted').length;
		const expected = {
			capacity: Number(capacity),
			seatsLeft: Math.max(0, Number(capacity) - confirmed),
			waitlistLength: waiting
		};
		const shown = {
			capacity: listed.capacity,
			seatsLeft: listed.seatsLeft,
			waitlistLength: listed.waitlistLength
		};
		if (canonical(shown) !== canonical(expected)) {
			fail(
				`course session ${short(listed.id)} is listed with ${canonical(shown)}, the course has ${canonical(expected)}`
			);
		}
	}
	const marks = await database.all<{ class_id: string; signup_id: string }>(
		'SELECT class_id, signup_id FROM attendance'
	);
	for (const mark of marks) {
		const signup = signups.find((candidate) => candidate.id === mark.signup_id);
		const holder = seatOf.get(mark.class_id) ?? mark.class_id;
		if (signup && signup.class_id !== holder) {
			fail(
				`attendance on ${short(mark.class_id)} marks ${short(mark.signup_id)}, a sign-up of another class`
			);
		}
	}
	const closed = new Set(
		rows.filter((row) => row.consultation_id && Number(row.waitlist) === 0).map((row) => row.id)
	);
	for (const signup of signups) {
		if (closed.has(signup.class_id) && signup.status === 'waitlisted') {
			fail(
				`sign-up ${short(signup.id)} waits for slot ${short(signup.class_id)}, whose 相談会 has no waiting list`
			);
		}
	}
	for (const [id, answers] of server.produced) {
		if (answers[0]?.error?.code !== 'class_full') continue;
		const row = queued.get(id)?.row;
		const classId = row && 'classId' in row.args ? String(row.args.classId) : '';
		if (!closed.has(classId)) {
			fail(
				`mutation ${short(id)} was refused as full on ${short(classId)}, which takes a waiting list`
			);
		}
	}
}

/** The columns an answer may have: nothing that names a person, a device or a time. */
const answerColumns = 'answer_id,can_do,clarity,class_id,comment,satisfaction,want_next';

/**
 * Questionnaire answers: each one a device sent is kept exactly once (however often its
 * mutation was retried, duplicated or sent again), only if accepted, and tied to nothing:
 * no sign-up, no device, no mutation of the log.
 */
async function checkQuestionnaires(context: {
	database: SimServer['direct'];
	logged: Map<string, { id: string; kind: string; answer: string }>;
	queued: Map<string, { device: Device; row: OutboxRow }>;
	signups: readonly SignupRecord[];
	fail: (message: string) => void;
}): Promise<void> {
	const { database, logged, queued, signups, fail } = context;
	const stored = await database.all<Record<string, unknown>>('SELECT * FROM questionnaire_answers');
	const count = new Map<string, number>();
	for (const row of stored) {
		const key = `${String(row.class_id)} ${String(row.answer_id)}`;
		count.set(key, (count.get(key) ?? 0) + 1);
		const columns = Object.keys(row).sort().join(',');
		if (columns !== answerColumns) fail(`a questionnaire answer is stored with ${columns}`);
	}
	const accepted = new Set<string>();
	const sent = new Set<string>();
	for (const { row } of queued.values()) {
		if (row.kind !== 'questionnaire.answer') continue;
		const key = `${row.args.classId} ${row.args.answerId}`;
		sent.add(key);
		const entry = logged.get(row.id);
		if (!entry) continue;
		const answer = JSON.parse(entry.answer) as { status: string };
		if (answer.status === 'applied') accepted.add(key);
		// The log keeps the mutation's id, device and time, and nothing of the answer.
		if (entry.answer.includes(row.args.answerId) || entry.answer.includes(row.args.classId)) {
			fail(`the mutation log ties answer ${short(row.args.answerId)} to mutation ${short(row.id)}`);
		}
	}
	for (const key of accepted) {
		if (count.get(key) !== 1) fail(`accepted answer ${key} is stored ${count.get(key) ?? 0}×`);
	}
	for (const [key, n] of count) {
		if (!accepted.has(key)) {
			fail(
				`answer ${key} is stored ${n}× but ${sent.has(key) ? 'was refused' : 'no device sent it'}`
			);
		}
	}
	const answerIds = new Set(stored.map((row) => String(row.answer_id)));
	for (const signup of signups) {
		if (answerIds.has(signup.id)) fail(`answer ${short(signup.id)} has a sign-up's id`);
	}
	for (const id of logged.keys()) {
		if (answerIds.has(id)) fail(`answer ${short(id)} has the id of a logged mutation`);
	}
	if (answerIds.size > 0) {
		const ids = [...answerIds];
		const audited = await database.all<{ record_id: string }>(
			`SELECT record_id FROM audit_log WHERE record_id IN (${ids.map(() => '?').join(', ')})`,
			ids
		);
		for (const { record_id } of audited) fail(`the audit log names answer ${short(record_id)}`);
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
		walk_in: number;
		name: string;
		name_kana: string | null;
		phone: string | null;
	}>('SELECT id, class_id, status, waitlist_order, walk_in, name, name_kana, phone FROM signups');
	const positions = await waitlistPositions(
		database,
		classes.map((klass) => klass.id)
	);
	for (const klass of classes) {
		const mine = signups.filter((signup) => signup.class_id === klass.id);
		const confirmed = mine.filter((signup) => signup.status === 'confirmed').length;
		const waiting = mine.filter((signup) => signup.status === 'waitlisted');
		// People standing in the hall (walk-ins) are seated over capacity; sign-ups never are.
		const booked = mine.filter(
			(signup) => signup.status === 'confirmed' && Number(signup.walk_in) === 0
		).length;
		if (booked > klass.capacity) {
			fail(
				`class ${short(klass.id)} is overbooked: ${booked} sign-ups for ${klass.capacity} seats`
			);
		}
		for (const signup of mine) {
			if (Number(signup.walk_in) === 1 && signup.status === 'waitlisted') {
				fail(`walk-in ${short(signup.id)} of class ${short(klass.id)} was put on the waiting list`);
			}
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

	// The same person never holds two places in a class unless a volunteer said it is another
	// person; and a sign-up refused as a duplicate was refused for a real one.
	const volunteerRosters = await rosters(
		database,
		classes.map((klass) => klass.id)
	);
	for (const [classId, entries] of volunteerRosters) {
		for (const entry of entries.filter((candidate) => candidate.possibleDuplicateOf)) {
			fail(
				`class ${short(classId)}: ${short(entry.id)} repeats ${short(entry.possibleDuplicateOf!)} without a volunteer's confirmation`
			);
		}
	}
	// A course's sign-ups are held by its first session, whichever session they were made on.
	const seatOf = new Map(
		(
			await database.all<{ id: string; seat: string }>(
				`SELECT c.id, first.id AS seat FROM classes c
				JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
				JOIN classes first ON first.series_id = c.series_id AND first.series_position = 1`
			)
		).map((row) => [row.id, row.seat])
	);
	for (const [id, answers] of server.produced) {
		const answer = answers[0]!;
		const refusedAs = answer.error?.code;
		if (refusedAs !== 'possible_duplicate' && refusedAs !== 'already_signed_up') continue;
		const row = queued.get(id)?.row;
		const args =
			row?.kind === 'signup.create' || row?.kind === 'signup.createOnBehalf' ? row.args : undefined;
		// A volunteer is told which sign-up it repeats (a resident only how it stands).
		const read = row?.kind === 'signup.createOnBehalf' ? readAnswer(row.kind, answer) : null;
		const earlierId = read?.status === 'rejected' ? read.current?.id : undefined;
		const earlier = signups.find((signup) => signup.id === earlierId);
		const seat = args?.classId && (seatOf.get(args.classId) ?? args.classId);
		const sameClassPerson = signups.some(
			(signup) =>
				signup.class_id === seat &&
				args &&
				samePerson(
					personKeys({ name: signup.name, nameKana: signup.name_kana, phone: signup.phone }),
					personKeys({ name: args.name ?? '', nameKana: args.nameKana, phone: args.phone })
				)
		);
		if (!args || !sameClassPerson || (refusedAs === 'possible_duplicate' && !earlier)) {
			fail(`mutation ${short(id)} was refused as ${refusedAs} without an earlier same person`);
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
	// A series edit moves each session it names in its answer (all or none of them).
	const seriesMoves = new Map<string, number>();
	for (const { row } of appliedOf('series.patch')) {
		const stood = JSON.parse(logged.get(row.id)!.answer) as {
			result: { classes: { id: string }[] };
		};
		for (const { id } of stood.result.classes) seriesMoves.set(id, (seriesMoves.get(id) ?? 0) + 1);
	}
	for (const klass of classes) {
		const patches =
			appliedOf('class.patch').filter(
				({ row }) => row.kind === 'class.patch' && row.args.classId === klass.id
			).length + (seriesMoves.get(klass.id) ?? 0);
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

	await checkSeriesAndSlots({ database, classes, signups, server, queued, fail });
	await checkQuestionnaires({ database, logged, queued, signups, fail });

	// 「連絡済み」: the tick that stands on the server for a class's list is the latest one that
	// ever stood there (each applied answer names the tick standing then), and every volunteer
	// device shows it on that class's list. Keyed `class sign-up`.
	const ticks = new Map(
		(
			await database.all<{
				class_id: string;
				signup_id: string;
				done: number;
				marked_at: string;
				marked_by: string;
			}>('SELECT class_id, signup_id, done, marked_at, marked_by FROM contact_marks')
		).map((row) => [
			`${row.class_id} ${row.signup_id}`,
			{ done: Number(row.done) === 1, markedAt: row.marked_at, markedBy: row.marked_by }
		])
	);
	const latestStood = new Map<string, { done: boolean; markedAt: string; markedBy: string }>();
	for (const { row } of appliedOf('contact.mark')) {
		const stood = JSON.parse(logged.get(row.id)!.answer) as {
			result: {
				classId: string;
				signupId: string;
				done: boolean;
				markedAt: string;
				markedBy: string;
			};
		};
		const { classId, signupId, done, markedAt, markedBy } = stood.result;
		const key = `${classId} ${signupId}`;
		const before = latestStood.get(key);
		if (!before || before.markedAt < markedAt) latestStood.set(key, { done, markedAt, markedBy });
	}
	for (const [key, latest] of latestStood) {
		if (canonical(ticks.get(key)) !== canonical(latest)) {
			fail(
				`sign-up ${short(key.split(' ')[1]!)}'s tick is ${canonical(ticks.get(key))}, but ${canonical(latest)} stood later`
			);
		}
	}
	for (const device of devices.filter((candidate) => candidate.role === 'volunteer')) {
		const tab = device.tabs.find((candidate) => candidate.open);
		if (!tab) continue;
		for (const stored of await tab.database.rosters.toArray()) {
			const parsed = rosterClassSchema.safeParse(stored);
			for (const entry of parsed.success ? parsed.data.roster : []) {
				const key = `${parsed.success ? parsed.data.id : ''} ${entry.id}`;
				if (canonical(entry.contact ?? null) !== canonical(ticks.get(key) ?? null)) {
					fail(
						`${device.name}: sign-up ${short(entry.id)} shows the tick ${canonical(entry.contact)}, the server ${canonical(ticks.get(key))}`
					);
				}
			}
		}
	}

	// Each device shows what the server says, for what it may see; nothing waits.
	const upcoming = await listUpcomingClasses(database, now);
	const volunteerClasses = await classesEndingAfter(database, new Date(now.getTime() - day));
	// As a pull sends them: a course's later sessions list its sign-ups with their attendance.
	const expectedRosters: RosterClassData[] = await withSeriesRosters(
		database,
		await withRosters(database, volunteerClasses)
	);
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
	const progress = await courseProgress(
		database,
		signups.map((signup) => signup.id)
	);
	for (const device of devices) {
		const tab = device.tabs.find((candidate) => candidate.open);
		if (!tab) continue;
		const local = tab.database;
		const waiting = await local.outbox.toArray();
		if (waiting.length > 0) fail(`${device.name}: ${waiting.length} mutations still in its outbox`);
		// A pull drops the classes that have begun by the device's clock (today's class).
		const pulledAt = (await local.syncState.get('pulledAt'))?.value;
		const since = new Date(typeof pulledAt === 'number' ? pulledAt : 0).toISOString();
		sameSet(
			'classes',
			device,
			await local.classes.toArray(),
			upcoming.filter((klass) => klass.startsAt >= since)
		);
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
			// A course sign-up: 「全4回（2回目まで出席）」 as the server counts it.
			const course = progress.get(remote.id);
			if (status !== 'cancelled' && canonical(mine.course ?? null) !== canonical(course ?? null)) {
				fail(
					`${device.name}: course sign-up ${short(mine.id)} shows ${canonical(mine.course ?? null)}, the server ${canonical(course ?? null)}`
				);
			}
		}
		if (device.role === 'volunteer') {
			sameSet('rosters', device, await local.rosters.toArray(), expectedRosters);
			sameSet('venues', device, await local.venues.toArray(), openVenues);
		}
	}

	// The database file itself (PostgreSQL checks its keys at every statement).
	if (database.dialect === 'postgres') return;
	const integrity = await database.all<{ integrity_check: string }>('PRAGMA integrity_check');
	if (integrity.map((row) => row.integrity_check).join() !== 'ok') {
		fail(`integrity_check: ${canonical(integrity)}`);
	}
	const keys = await database.all('PRAGMA foreign_key_check');
	if (keys.length > 0) fail(`foreign_key_check: ${canonical(keys.slice(0, 3))}`);
}
