import type { LocalizedText, Town } from './town';

/** What the operator types for a new town; the rest of its details are `newTownDetails`'. */
export type NewTownBasics = {
	id: string;
	name: LocalizedText;
	office: { name: LocalizedText; phone: string };
	colours: Town['colours'];
	/** A made-up town (a demo, a training town): its pages then say so. */
	fictional: boolean;
};

/** The same text in every locale's words, given each one. */
const text = (ja: string, easy: string, en: string): LocalizedText => ({
	ja,
	'ja-easy': easy,
	en
});

/** `a` followed by `b` in every locale. */
function joined(a: LocalizedText, b: LocalizedText, separator = ' '): LocalizedText {
	return {
		ja: `${a.ja}${separator}${b.ja}`,
		'ja-easy': `${a['ja-easy']}${separator}${b['ja-easy']}`,
		en: `${a.en}${separator}${b.en}`
	};
}

/**
 * A new town's full details (the town.config.json shape) from what the operator typed: the
 * rest says "ask the town office" rather than invent anything — the counters are the town
 * office's, at its phone; no 出張申請 dates; the address and postal code are to be filled
 * in. The town's admins correct all of it later (「町の情報」 on the desk).
 */
export function newTownDetails(basics: NewTownBasics): Town {
	const office = basics.office.name;
	const askOffice = text(
		'役場にお問い合わせください',
		'{役場|やくば}に {聞|き}いて ください',
		'Please ask the town office'
	);
	const weekdays = text(
		'平日 午前8時30分〜午後5時15分',
		'{月曜日|げつようび}から {金曜日|きんようび}の {朝|あさ}8{時|じ}30{分|ぷん}から {夕方|ゆうがた}5{時|じ}15{分|ふん}まで',
		'Weekdays 8:30 a.m. to 5:15 p.m.'
	);
	return {
		id: basics.id,
		fictional: basics.fictional,
		name: basics.name,
		office: {
			name: office,
			postalCode: '000-0000',
			address: joined(
				office,
				text(
					'（住所は準備中です）',
					'（{住所|じゅうしょ}は じゅんびちゅう）',
					'(address to follow)'
				)
			),
			phone: basics.office.phone,
			hours: weekdays
		},
		myNumberCounter: {
			name: text(
				'マイナンバーカード窓口',
				'マイナンバーカードの {窓口|まどぐち}',
				'My Number Card counter'
			),
			place: office,
			hours: weekdays,
			phone: basics.office.phone
		},
		helpDesk: {
			name: text('スマホ相談窓口', 'スマホの {相談|そうだん}', 'Smartphone help desk'),
			place: askOffice,
			hours: askOffice,
			phone: basics.office.phone
		},
		outreachDates: [],
		colours: basics.colours
	};
}
