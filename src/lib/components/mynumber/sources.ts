import type { LocalizedText } from '$lib/domain/town';

/**
 * Where each fact on the My Number pages comes from (see shared FACTS.md), checked on
 * `checkedOn`. A town's page speaks for that town only, so facts from one carry the note
 * 「市区町村により異なる場合があります」.
 */
export type Source = {
	name: LocalizedText;
	/** The page's address, when it is known exactly. */
	url?: string;
	/** `national`: J-LIS or a ministry; `town`: a municipality; `press`: a news article. */
	kind: 'national' | 'town' | 'press';
};

/** The day the facts were last checked against their sources. */
export const checkedOn = { year: 2026, month: 11, day: 24 } as const;

const same = (ja: string, en: string): LocalizedText => ({ ja, 'ja-easy': ja, en });

/** Every source the My Number pages cite, by id. */
export const sources = {
	jlis: {
		name: same('J-LIS 個人番号カード総合サイト', 'J-LIS My Number Card website'),
		url: 'https://www.kojinbango-card.go.jp/',
		kind: 'national'
	},
	jlisPickUp: {
		name: same(
			'J-LIS 個人番号カード総合サイト「受け取り」',
			'J-LIS My Number Card website, “Receiving”'
		),
		url: 'https://www.kojinbango-card.go.jp/uketori/',
		kind: 'national'
	},
	digitalAgencySupport: {
		name: same(
			'デジタル庁 サポートサイト（support.aas.digital.go.jp）',
			'Digital Agency support site (support.aas.digital.go.jp)'
		),
		kind: 'national'
	},
	digitalAgencyAccount: {
		name: same(
			'デジタル庁「公金受取口座登録制度」',
			'Digital Agency, “Public benefit account registration”'
		),
		url: 'https://www.digital.go.jp/policies/account_registration/',
		kind: 'national'
	},
	dime: {
		name: same('＠DIME（dime.jp/genre/1406492）', '@DIME (dime.jp/genre/1406492)'),
		url: 'https://dime.jp/genre/1406492/',
		kind: 'press'
	},
	mynavi: {
		name: same('マイナビニュース（2021年7月11日）', 'Mynavi News (11 July 2021)'),
		url: 'https://news.mynavi.jp/article/20210711-1905728/',
		kind: 'press'
	},
	kiki25: {
		name: same('kiki25.com（2020年10月1日）', 'kiki25.com (1 October 2020)'),
		kind: 'press'
	},
	abhp: {
		name: same('abhp.net（証明写真の決まり）', 'abhp.net (ID photo rules)'),
		kind: 'press'
	},
	nagoya: {
		name: same('名古屋市 よくある質問（ID 3457）', 'Nagoya City FAQ (ID 3457)'),
		kind: 'town'
	},
	towada: {
		name: same('十和田市「特急発行」', 'Towada City, “Express issuance”'),
		kind: 'town'
	},
	kazo: {
		name: same('加須市（city.kazo.lg.jp）', 'Kazo City (city.kazo.lg.jp)'),
		kind: 'town'
	},
	hagi: {
		name: same('萩市（h20051）', 'Hagi City (h20051)'),
		kind: 'town'
	},
	kitakyushu: {
		name: same('北九州市（14900214）', 'Kitakyushu City (14900214)'),
		kind: 'town'
	},
	yokohama: {
		name: same('横浜市「暗証番号」', 'Yokohama City, “PINs”'),
		kind: 'town'
	},
	fukuoka: {
		name: same('福岡県「公的個人認証の暗証番号」', 'Fukuoka Prefecture, “Public certificate PINs”'),
		kind: 'town'
	},
	yonago: {
		name: same('米子市（37694・1148）', 'Yonago City (pages 37694 and 1148)'),
		url: 'https://www.city.yonago.lg.jp/37694.htm',
		kind: 'town'
	},
	nakano: {
		name: same('中野市（city.nakano.nagano.jp）', 'Nakano City (city.nakano.nagano.jp)'),
		kind: 'town'
	},
	ama: {
		name: same('あま市（city.ama.aichi.jp）', 'Ama City (city.ama.aichi.jp)'),
		kind: 'town'
	},
	tanagura: {
		name: same('棚倉町「マイナ保険証」', 'Tanagura Town, “Myna health insurance card”'),
		url: 'https://www.town.tanagura.fukushima.jp/jumin/page002805.html',
		kind: 'town'
	},
	naruto: {
		name: same('鳴門市「コンビニ交付」', 'Naruto City, “Convenience-store certificates”'),
		url: 'https://www.city.naruto.tokushima.jp/kurashi/todokede/koseki/conveni.html',
		kind: 'town'
	},
	otake: {
		name: same('大竹市「公金受取口座登録制度」', 'Otake City, “Public benefit account”'),
		kind: 'town'
	},
	haebaru: {
		name: same('南風原町「マイナ保険証」', 'Haebaru Town, “Myna health insurance card”'),
		kind: 'town'
	}
} satisfies Record<string, Source>;

/** The id of a cited source, such as `jlis`. */
export type SourceId = keyof typeof sources;
