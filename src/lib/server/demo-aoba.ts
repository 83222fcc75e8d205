import type { Town } from '$lib/domain/town';

/**
 * The second demo town (YORISOI_DEMO=2), 「あおば村」: made up like みどり町 (`fictional`, made-up
 * addresses and 000 phone numbers), so that two towns can be seen side by side. Never a real
 * village's details.
 */
export const aobaTown: Town = {
	id: 'aoba',
	fictional: true,
	name: { ja: 'あおば村', 'ja-easy': 'あおば{村|むら}', en: 'Aoba Village' },
	office: {
		name: {
			ja: 'あおば村役場',
			'ja-easy': 'あおば{村|むら}{役場|やくば}',
			en: 'Aoba Village Office'
		},
		postalCode: '000-0001',
		address: {
			ja: 'あおば県あおば村本町5-1（架空の住所）',
			'ja-easy':
				'あおば{県|けん}あおば{村|むら}{本町|ほんまち}5-1（{本当|ほんとう}の{住所|じゅうしょ}ではありません）',
			en: '5-1 Honmachi, Aoba Village, Aoba Prefecture (a made-up address)'
		},
		phone: '000-000-1000',
		hours: {
			ja: '平日 午前8時30分〜午後5時（土日祝日・年末年始はお休み）',
			'ja-easy':
				'{月曜日|げつようび}から{金曜日|きんようび} {朝|あさ}8{時|じ}30{分|ぷん}から{夕方|ゆうがた}5{時|じ}まで',
			en: 'Weekdays 8:30 a.m. to 5 p.m. (closed on weekends, holidays and over New Year)'
		}
	},
	myNumberCounter: {
		name: {
			ja: '住民係 マイナンバーカード窓口',
			'ja-easy': '{住民係|じゅうみんがかり} マイナンバーカードの{窓口|まどぐち}',
			en: 'Residents Desk, My Number Card counter'
		},
		place: {
			ja: 'あおば村役場 1階 1番窓口',
			'ja-easy': 'あおば{村|むら}{役場|やくば}の1{階|かい} 1{番|ばん}の{窓口|まどぐち}',
			en: 'Aoba Village Office, ground floor, counter 1'
		},
		hours: {
			ja: '平日 午前8時30分〜午後5時、毎月第4土曜日 午前9時〜正午',
			'ja-easy':
				'{月曜日|げつようび}から{金曜日|きんようび}の{朝|あさ}8{時|じ}30{分|ぷん}から{夕方|ゆうがた}5{時|じ}まで。{毎月|まいつき}4{回目|かいめ}の{土曜日|どようび}の{朝|あさ}9{時|じ}から{昼|ひる}12{時|じ}まで',
			en: 'Weekdays 8:30 a.m. to 5 p.m., and the fourth Saturday of each month 9 a.m. to noon'
		},
		phone: '000-000-1001'
	},
	helpDesk: {
		name: {
			ja: 'スマホよろず相談（デジタル推進委員）',
			'ja-easy': 'スマホの{相談|そうだん}（デジタル{推進|すいしん}{委員|いいん}）',
			en: 'Smartphone help desk (digital volunteers)'
		},
		place: {
			ja: 'あおば村ふれあいセンター 1階',
			'ja-easy': 'あおば{村|むら}ふれあいセンターの1{階|かい}',
			en: 'Aoba Fureai Centre, ground floor'
		},
		hours: {
			ja: '毎週火曜日 午前10時〜正午',
			'ja-easy': '{毎週|まいしゅう}{火曜日|かようび}の{朝|あさ}10{時|じ}から{昼|ひる}12{時|じ}まで',
			en: 'Tuesdays 10 a.m. to noon'
		},
		phone: '000-000-1002'
	},
	outreachDates: [
		{
			date: '2027-02-14',
			place: {
				ja: 'あおば村ふれあいセンター',
				'ja-easy': 'あおば{村|むら}ふれあいセンター',
				en: 'Aoba Fureai Centre'
			}
		}
	],
	colours: { primary: '#1e3a8a', background: '#f4f6fb' }
};

/** The hosts あおば村 answers on in the demo and the tests. */
export const aobaHosts = ['aoba.localhost'];
