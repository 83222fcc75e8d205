import { createClass, createVenue } from './classes';
import type { Database } from './storage/database';

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
	const existing = await database.first<{ id: string }>('SELECT id FROM classes LIMIT 1');
	if (existing) return false;
	const hall = await createVenue(
		database,
		{ name: 'みどり町中央公民館 2階 研修室', address: 'みどり県みどり町中央1-2（架空の住所）' },
		now
	);
	const north = await createVenue(
		database,
		{ name: 'みどり町北地区集会所', address: 'みどり県みどり町北3-4（架空の住所）' },
		now
	);
	const classes = [
		{
			title: 'はじめてのスマホ',
			topic: '電源の入れ方、タップとスワイプ、文字の入力',
			venueId: hall,
			days: 7,
			capacity: 12,
			loanerTablets: 6
		},
		{
			title: 'LINEで写真を送ろう',
			topic: 'LINEの始め方、家族に写真とメッセージを送る',
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
			topic: '詐欺のSMS、偽サイトの見分け方、困ったときの相談先',
			venueId: north,
			days: 28,
			capacity: 15,
			loanerTablets: 5
		}
	];
	for (const klass of classes) {
		const startsAt = jstMorning(now, klass.days);
		await createClass(
			database,
			{
				title: klass.title,
				topic: klass.topic,
				venueId: klass.venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: klass.capacity,
				loanerTablets: klass.loanerTablets,
				tutors: 2
			},
			now
		);
	}
	return true;
}
