import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '$lib/domain/volunteer';
import { AuthError, createVolunteer, resetPassword } from './auth';
import { createClassIn, createVenue, type NewClass } from './classes';
import type { Database } from './storage/database';
import { aobaHosts, aobaTown } from './demo-aoba';
import { defaultTownId, ensureTown } from './towns';

/** The second demo town's id (YORISOI_DEMO=2). */
export const aobaTownId = aobaTown.id;

const day = 24 * 60 * 60 * 1000;

/** 10:00 (Japan time) on the day `days` after `now`, as an instant. */
function jstMorning(now: Date, days: number, hour = 10): Date {
	const jst = new Date(now.getTime() + 9 * 60 * 60 * 1000 + days * day);
	return new Date(
		Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), hour - 9, 0, 0)
	);
}

/**
 * Seeds the fictional demo town 「みどり町」 on an empty database: two venues and four upcoming
 * classes with free seats, dated from today so the demo never goes stale. Does nothing when
 * any class exists.
 */
export async function seedDemoTown(database: Database, now: Date): Promise<boolean> {
	// One transaction under a lock: servers starting together must not seed twice.
	return database.transaction(async (tx) => {
		if (tx.dialect === 'postgres') await tx.first('SELECT pg_advisory_xact_lock(?)', [seedLock]);
		return seedInto(tx, now);
	});
}

// Any number, the same in every process: PostgreSQL's advisory lock for seeding.
const seedLock = 7_421_002;

/**
 * YORISOI_DEMO=2: the second fictional town 「あおば村」 at `aoba.localhost`, with a venue and
 * two upcoming classes of its own. Does nothing when it has any class.
 */
export async function seedSecondDemoTown(database: Database, now: Date): Promise<boolean> {
	await ensureTown(database, { details: aobaTown, hosts: aobaHosts, now });
	return database.transaction(async (tx) => {
		if (tx.dialect === 'postgres') await tx.first('SELECT pg_advisory_xact_lock(?)', [seedLock]);
		const existing = await tx.first('SELECT id FROM classes WHERE town_id = ? LIMIT 1', [
			aobaTownId
		]);
		if (existing) return false;
		const hall = await createVenue(
			tx,
			{
				name: 'あおば村ふれあいセンター 2階 会議室',
				nameReadings: [
					['村', 'むら'],
					['2階', 'にかい'],
					['会議室', 'かいぎしつ']
				],
				address: 'あおば県あおば村本町5-3（架空の住所）'
			},
			now,
			randomUUID(),
			aobaTownId
		);
		const classes = [
			{ title: 'スマホで電話とメール', days: 5, capacity: 8 },
			{ title: 'マイナンバーカードで健康保険証', days: 12, capacity: 6 }
		];
		for (const klass of classes) {
			const startsAt = jstMorning(now, klass.days, 13);
			await createClassIn(tx, {
				klass: {
					title: klass.title,
					topic: 'あおば村の デモ教室（架空）',
					topicReadings: [
						['村', 'むら'],
						['教室', 'きょうしつ'],
						['架空', 'かくう']
					],
					venueId: hall,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
					capacity: klass.capacity,
					loanerTablets: 2,
					tutors: 1
				},
				now,
				id: randomUUID()
			});
		}
		return true;
	});
}

async function seedInto(database: Database, now: Date): Promise<boolean> {
	const existing = await database.first<{ id: string }>(
		'SELECT id FROM classes WHERE town_id = ? LIMIT 1',
		[defaultTownId]
	);
	if (existing) return false;
	// The readings are what a volunteer would confirm on the class form: the form's proposal
	// from the reviewed list, with the kanji it does not know (偽, 研修室) filled in.
	const hall = await createVenue(
		database,
		{
			name: 'みどり町中央公民館 2階 研修室',
			nameReadings: [
				['町', 'ちょう'],
				['中央', 'ちゅうおう'],
				['公民館', 'こうみんかん'],
				['2階', 'にかい'],
				['研修室', 'けんしゅうしつ']
			],
			address: 'みどり県みどり町中央1-2（架空の住所）'
		},
		now
	);
	const north = await createVenue(
		database,
		{
			name: 'みどり町北地区集会所',
			nameReadings: [
				['町', 'ちょう'],
				['北地区', 'きたちく'],
				['集会所', 'しゅうかいしょ']
			],
			address: 'みどり県みどり町北3-4（架空の住所）'
		},
		now
	);
	const classes: Array<
		Pick<NewClass, 'title' | 'titleReadings' | 'topic' | 'topicReadings' | 'capacity'> & {
			venueId: string;
			days: number;
			loanerTablets: number;
		}
	> = [
		{
			title: 'はじめてのスマホ',
			topic: '電源の入れ方、タップとスワイプ、文字の入力',
			topicReadings: [
				['電源', 'でんげん'],
				['入', 'い'],
				['方', 'かた'],
				['文字', 'もじ'],
				['入力', 'にゅうりょく']
			],
			venueId: hall,
			days: 7,
			capacity: 12,
			loanerTablets: 6
		},
		{
			title: 'LINEで写真を送ろう',
			titleReadings: [
				['写真', 'しゃしん'],
				['送', 'おく']
			],
			topic: 'LINEの始め方、家族に写真とメッセージを送る',
			topicReadings: [
				['始', 'はじ'],
				['方', 'かた'],
				['家族', 'かぞく'],
				['写真', 'しゃしん'],
				['送', 'おく']
			],
			venueId: hall,
			days: 14,
			capacity: 10,
			loanerTablets: 4
		},
		{
			title: 'マイナンバーカードとマイナポータル',
			topic: 'カードでできること、マイナポータルへのログイン',
			venueId: north,
			days: 21,
			capacity: 8,
			loanerTablets: 4
		},
		{
			title: 'あやしいメッセージに気をつけよう',
			titleReadings: [['気', 'き']],
			topic: '詐欺のSMS、偽サイトの見分け方、困ったときの相談先',
			topicReadings: [
				['詐欺', 'さぎ'],
				['偽', 'にせ'],
				['見分', 'みわ'],
				['方', 'かた'],
				['困', 'こま'],
				['相談先', 'そうだんさき']
			],
			venueId: north,
			days: 28,
			capacity: 15,
			loanerTablets: 5
		}
	];
	for (const klass of classes) {
		const startsAt = jstMorning(now, klass.days);
		await createClassIn(database, {
			klass: {
				title: klass.title,
				titleReadings: klass.titleReadings,
				topic: klass.topic,
				topicReadings: klass.topicReadings,
				venueId: klass.venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: klass.capacity,
				loanerTablets: klass.loanerTablets,
				tutors: 2
			},
			now,
			id: randomUUID()
		});
	}
	return true;
}

type DemoAccount = { email: string; name: string; role: Role };

/** The demo town's volunteer login: runs classes. */
export const demoVolunteer: DemoAccount = {
	email: 'demo@midori.example',
	name: 'デモ ボランティア',
	role: 'volunteer'
};

/** The demo town's admin login: also manages volunteers. */
export const demoAdmin: DemoAccount = {
	email: 'demo-admin@midori.example',
	name: 'デモ 管理者',
	role: 'admin'
};

/** One demo login as printed at start. */
export type DemoLogin = { email: string; role: Role; password: string };

/**
 * Gives the demo town a volunteer login and an admin login, each with a new random password
 * at every start, active and in its role again (whatever was tried in the demo before), so the
 * printed logins always work and no fixed password exists. Both at once: each password costs
 * a scrypt hash, and the server answers only once they are made.
 */
export async function ensureDemoLogins(
	database: Database,
	now: Date,
	townIds: readonly string[] = [defaultTownId]
): Promise<DemoLogin[]> {
	return Promise.all(
		townIds.flatMap((townId) =>
			[demoVolunteer, demoAdmin].map((account) =>
				ensureDemoAccount(database, townAccount(account, townId), now)
			)
		)
	);
}

/** A demo login of another town than みどり町: its own e-mail (`demo@aoba.example`). */
function townAccount(account: DemoAccount, townId: string): DemoAccount & { townId: string } {
	if (townId === defaultTownId) return { ...account, townId };
	return { ...account, email: account.email.replace('@midori.', `@${townId}.`), townId };
}

async function ensureDemoAccount(
	database: Database,
	account: DemoAccount & { townId: string },
	now: Date
): Promise<DemoLogin> {
	const password = randomBytes(9).toString('base64url');
	const existing = await database.first<{ id: string }>(
		'SELECT id FROM volunteers WHERE email = ? AND town_id = ?',
		[account.email, account.townId]
	);
	if (!existing) {
		try {
			await createVolunteer(database, { ...account, password }, now);
			return { email: account.email, role: account.role, password };
		} catch (error) {
			// Another server starting at the same moment created it: set our password instead.
			if (!(error instanceof AuthError && error.code === 'email_taken')) throw error;
		}
	}
	const volunteer = await database.first<{ id: string }>(
		'SELECT id FROM volunteers WHERE email = ? AND town_id = ?',
		[account.email, account.townId]
	);
	if (!volunteer) throw new Error(`the demo login ${account.email} vanished`);
	// Put back as the demo made it, before the server takes requests (so the rule that an
	// active admin remains, which holds once both accounts are back, need not be asked here).
	await database.run(
		'UPDATE volunteers SET name = ?, role = ?, disabled = 0, updated_at = ? WHERE id = ?',
		[account.name, account.role, now.toISOString(), volunteer.id]
	);
	await resetPassword(database, { volunteerId: volunteer.id, password, now });
	return { email: account.email, role: account.role, password };
}
