import type { LocalizedText } from '$lib/domain/town';
import { compareDates, parseIsoDate, subtractMonths } from '$lib/domain/calendar-date';

/**
 * Where each fact on the My Number pages comes from (see shared FACTS.md), and the day each
 * source was last checked. A town's page speaks for that town only, so facts from one carry
 * the note 「市区町村により異なる場合があります」.
 */
export type Source = {
	name: LocalizedText;
	/** The page's address, when it is known exactly. */
	url?: string;
	/** `national`: J-LIS or a ministry; `town`: a municipality; `press`: a news article. */
	kind: 'national' | 'town' | 'press';
	/** The day the facts taken from it were last checked against it, `YYYY-MM-DD`. */
	checked: string;
};

const same = (ja: string, en: string): LocalizedText => ({ ja, 'ja-easy': ja, en });

// The two days sources were checked on so far: the first pass, and the 2026-12 re-check.
const firstPass = '2026-11-24';
const recheck = '2026-12-06';

/** Every source the My Number pages cite, by id. */
export const sources = {
	jlis: {
		name: same(
			'マイナンバーカード総合サイト（J-LIS）',
			'My Number Card website (J-LIS, kojinbango-card.go.jp)'
		),
		url: 'https://www.kojinbango-card.go.jp/',
		checked: firstPass,
		kind: 'national'
	},
	jlisPickUp: {
		name: same(
			'マイナンバーカード総合サイト（J-LIS）「受け取り」',
			'My Number Card website (J-LIS), “Receiving”'
		),
		url: 'https://www.kojinbango-card.go.jp/uketori/',
		checked: firstPass,
		kind: 'national'
	},
	digitalAgencySupport: {
		name: same(
			'デジタル庁 サポートサイト（support.aas.digital.go.jp）',
			'Digital Agency support site (support.aas.digital.go.jp)'
		),
		checked: firstPass,
		kind: 'national'
	},
	digitalAgencyAccount: {
		name: same(
			'デジタル庁「公金受取口座登録制度」',
			'Digital Agency, “Public benefit account registration”'
		),
		url: 'https://www.digital.go.jp/policies/account_registration/',
		checked: firstPass,
		kind: 'national'
	},
	dime: {
		name: same('＠DIME（dime.jp/genre/1406492）', '@DIME (dime.jp/genre/1406492)'),
		url: 'https://dime.jp/genre/1406492/',
		checked: firstPass,
		kind: 'press'
	},
	mynavi: {
		name: same('マイナビニュース（2021年7月11日）', 'Mynavi News (11 July 2021)'),
		url: 'https://news.mynavi.jp/article/20210711-1905728/',
		checked: firstPass,
		kind: 'press'
	},
	kiki25: {
		name: same('kiki25.com（2020年10月1日）', 'kiki25.com (1 October 2020)'),
		checked: firstPass,
		kind: 'press'
	},
	abhp: {
		name: same('abhp.net（証明写真の決まり）', 'abhp.net (ID photo rules)'),
		checked: firstPass,
		kind: 'press'
	},
	nagoya: {
		name: same('名古屋市 よくある質問（ID 3457）', 'Nagoya City FAQ (ID 3457)'),
		checked: firstPass,
		kind: 'town'
	},
	towada: {
		name: same('十和田市「特急発行」', 'Towada City, “Express issuance”'),
		checked: firstPass,
		kind: 'town'
	},
	kazo: {
		name: same('加須市（city.kazo.lg.jp）', 'Kazo City (city.kazo.lg.jp)'),
		checked: firstPass,
		kind: 'town'
	},
	// Renewal dates and what to do (/mynumber/renewal), checked on 2026-12-06.
	koshigaya: {
		// 電子証明書: renew at the counter from the day after the date 3 months before expiry.
		name: same(
			'越谷市「有効期限通知書が届いたら」（2024年5月22日）',
			'Koshigaya City, “When the expiry notice arrives” (22 May 2024)'
		),
		url: 'https://www.city.koshigaya.saitama.jp/kurashi_shisei/kurashi/todokede/mynumbercard/yukoukigentuchisyo.html',
		kind: 'town',
		checked: recheck
	},
	tokorozawa: {
		// The card: apply for a new one from the day after the date 3 months before expiry,
		// online or by mail with the 交付申請書 in the blue envelope of the 有効期限通知書.
		name: same(
			'所沢市「有効期限通知書について」（2023年12月1日）',
			'Tokorozawa City, “The expiry notice” (1 December 2023)'
		),
		url: 'https://www.city.tokorozawa.saitama.jp/kurashi/mynumber/mynumbercard/simin20190912card_kousin.html',
		kind: 'town',
		checked: recheck
	},
	fujinomiya: {
		// 電子証明書: the 5th birthday after issue or the card's expiry, whichever is earlier;
		// the card is renewed by smartphone, PC or photo booth with the notice's 申請書ID / QR code.
		name: same('富士宮市「電子証明書の更新」', 'Fujinomiya City, “Renewing the certificates”'),
		url: 'https://www.city.fujinomiya.lg.jp/1023200000/p000274.html',
		kind: 'town',
		checked: recheck
	},
	matsudo: {
		// The expiry is printed on the card's front; the 発行日 is the day J-LIS made the card,
		// not the day of applying; under 18 (under 20 for applications before April 2022): 5 years.
		name: same(
			'松戸市「マイナンバーカード・電子証明書の更新手続き」（2024年12月10日）',
			'Matsudo City, “Renewing the card and certificates” (10 December 2024)'
		),
		url: 'https://www.city.matsudo.chiba.jp/kurashi/todokede/jyuuki_net/denshishomeisho.html',
		kind: 'town',
		checked: recheck
	},
	himeji: {
		// The 20 → 18 change goes by the day J-LIS received the application (2022-04-01).
		name: same(
			'姫路市「成年年齢引き下げに伴うマイナンバーカード有効期間の変更」',
			'Himeji City, “Card validity after the age of majority changed”'
		),
		url: 'https://www.city.himeji.lg.jp/bousai/0000020234.html',
		kind: 'town',
		checked: recheck
	},
	kobe: {
		// 18 or 19 when applying on or before 2022-03-31: 5th birthday; from 2022-04-01: 10th.
		name: same(
			'神戸市 よくある質問「マイナンバーカードに有効期限はありますか」',
			'Kobe City FAQ, “Does the My Number card expire?”'
		),
		url: 'https://help.city.kobe.lg.jp/hc/ja/articles/4488216315151',
		kind: 'town',
		checked: recheck
	},
	jpkiPeriod: {
		// Read in a 2019 archive copy: renewed before expiry, a certificate runs to the 6th
		// birthday after its issue.
		name: same(
			'J-LIS 公的個人認証サービス「電子証明書の有効期間と失効」（2019年の保存版）',
			'J-LIS public certification service, “Validity and revocation” (2019 archive copy)'
		),
		url: 'https://www.jpki.go.jp/procedure/period.html',
		kind: 'national',
		checked: recheck
	},
	higashimurayama: {
		// The 5th birthday after issue (the 6th when renewed with under 3 months left), or the
		// card's expiry if earlier.
		name: same(
			'東村山市 よくある質問「電子証明書の有効期間」',
			'Higashimurayama City FAQ, “How long the certificates last”'
		),
		url: 'https://www.city.higashimurayama.tokyo.jp/faq/kurashi/koseki/juki/jnet_q_005.html',
		kind: 'town',
		checked: recheck
	},
	nonoichi: {
		// The certificate's expiry is handwritten on the card's front when it is issued; some
		// cards have none written.
		name: same('野々市市「電子証明書の更新」', 'Nonoichi City, “Renewing the certificates”'),
		url: 'https://www.city.nonoichi.lg.jp/soshiki/6/23782.html',
		kind: 'town',
		checked: recheck
	},
	shiraoka: {
		// An expired certificate can be issued again at the counter, free of charge.
		name: same(
			'白岡市「電子証明書の更新手続」（2024年12月11日）',
			'Shiraoka City, “Renewing the certificates” (11 December 2024)'
		),
		url: 'https://www.city.shiraoka.lg.jp/kurashi_tetsuzuki/koseki_juminnotetsuzuki/2/tetuzuki/2521.html',
		kind: 'town',
		checked: recheck
	},
	izumo: {
		// After the certificate expires, the card still works as a health insurance card until
		// the end of the 3rd month after the expiry date.
		name: same(
			'出雲市「マイナンバーカードの有効期限と更新手続」',
			'Izumo City, “Card expiry and renewal”'
		),
		url: 'https://www.city.izumo.shimane.jp/www/contents/1747984132904/index.html',
		kind: 'town',
		checked: recheck
	},
	sabae: {
		// Cards were first issued in January 2016 and reach 10 years now; the expiry is printed
		// on the front, to the right of the birth date.
		name: same('鯖江市「広報さばえ」2025年5月号', 'Sabae City newsletter, May 2025'),
		url: 'https://mykoho.jp/article/182079/9316794/9437981',
		kind: 'town',
		checked: recheck
	},
	hagi: {
		name: same('萩市（h20051）', 'Hagi City (h20051)'),
		checked: firstPass,
		kind: 'town'
	},
	kitakyushu: {
		name: same('北九州市（14900214）', 'Kitakyushu City (14900214)'),
		checked: firstPass,
		kind: 'town'
	},
	yokohama: {
		name: same('横浜市「暗証番号」', 'Yokohama City, “PINs”'),
		checked: firstPass,
		kind: 'town'
	},
	fukuoka: {
		name: same('福岡県「公的個人認証の暗証番号」', 'Fukuoka Prefecture, “Public certificate PINs”'),
		checked: firstPass,
		kind: 'town'
	},
	yonago: {
		name: same('米子市（37694・1148）', 'Yonago City (pages 37694 and 1148)'),
		url: 'https://www.city.yonago.lg.jp/37694.htm',
		checked: firstPass,
		kind: 'town'
	},
	nakano: {
		name: same('中野市（city.nakano.nagano.jp）', 'Nakano City (city.nakano.nagano.jp)'),
		checked: firstPass,
		kind: 'town'
	},
	ama: {
		name: same('あま市（city.ama.aichi.jp）', 'Ama City (city.ama.aichi.jp)'),
		checked: firstPass,
		kind: 'town'
	},
	tanagura: {
		name: same('棚倉町「マイナ保険証」', 'Tanagura Town, “Myna health insurance card”'),
		url: 'https://www.town.tanagura.fukushima.jp/jumin/page002805.html',
		checked: firstPass,
		kind: 'town'
	},
	naruto: {
		name: same('鳴門市「コンビニ交付」', 'Naruto City, “Convenience-store certificates”'),
		url: 'https://www.city.naruto.tokushima.jp/kurashi/todokede/koseki/conveni.html',
		checked: firstPass,
		kind: 'town'
	},
	otake: {
		name: same('大竹市「公金受取口座登録制度」', 'Otake City, “Public benefit account”'),
		checked: firstPass,
		kind: 'town'
	},
	haebaru: {
		name: same('南風原町「マイナ保険証」', 'Haebaru Town, “Myna health insurance card”'),
		checked: firstPass,
		kind: 'town'
	},
	naha: {
		name: same(
			'那覇市「コンビニで電子証明書の暗証番号の再設定」（2024年9月20日）',
			'Naha City, “Resetting certificate PINs at convenience stores” (20 September 2024)'
		),
		url: 'https://www.city.naha.okinawa.jp/kurasitetuduki/todoke/mynumber/konbinisyomei.html',
		checked: recheck,
		kind: 'town'
	},
	hioki: {
		name: same(
			'日置市「電子証明書の暗証番号初期化・再設定」（2025年6月30日）',
			'Hioki City, “Resetting certificate PINs” (30 June 2025)'
		),
		url: 'http://www.city.hioki.lg.jp/shimin/kurashi/mynumber_syokika/mynumber_index.html',
		checked: recheck,
		kind: 'town'
	},
	amagasaki: {
		name: same(
			'尼崎市 よくある質問（ID 2570）「本人確認書類」',
			'Amagasaki City FAQ (ID 2570), “Identity documents”'
		),
		url: 'https://faq.city.amagasaki.hyogo.jp/faq/detail.aspx?id=2570',
		checked: recheck,
		kind: 'town'
	},
	kanie: {
		name: same('蟹江町「マイナンバーカード申請・交付方法」', 'Kanie Town, “Applying for the card”'),
		url: 'https://www.town.kanie.aichi.jp/soshiki/7/20150903kojinnbangou.html',
		checked: recheck,
		kind: 'town'
	},
	noda: {
		name: same('野田村「個人番号カードの申請」', 'Noda Village, “Applying for the card”'),
		url: 'http://vill.noda.iwate.jp/munumber/220.html',
		checked: recheck,
		kind: 'town'
	},
	aizuwakamatsu: {
		name: same(
			'会津若松市「マイナンバーカードについて」',
			'Aizuwakamatsu City, “About the My Number card”'
		),
		url: 'https://www.city.aizuwakamatsu.fukushima.jp/docs/2015112300038/',
		checked: recheck,
		kind: 'town'
	},
	kagoshima: {
		name: same(
			'鹿児島市「紙の保険証の廃止（令和7年12月1日）以降の受診方法」（2025年12月10日）',
			'Kagoshima City, “Seeing a doctor after the paper cards ended on 1 December 2025” (10 December 2025)'
		),
		url: 'https://www.city.kagoshima.lg.jp/shimin/shiminbunka/kokuho/hokennsyohaisi.html',
		checked: recheck,
		kind: 'town'
	},
	uonuma: {
		name: same(
			'魚沼市「資格確認書について（後期高齢者医療制度）」（2026年1月15日）',
			'Uonuma City, “Eligibility certificates for people 75 and over” (15 January 2026)'
		),
		url: 'https://www.city.uonuma.lg.jp/page/1027242.html',
		checked: recheck,
		kind: 'town'
	},
	mitane: {
		name: same(
			'三種町「資格確認書について」（2026年3月6日）',
			'Mitane Town, “Eligibility certificates” (6 March 2026)'
		),
		url: 'https://www.town.mitane.akita.jp/soshikikarasagasu/kenkosuishinka/1/580.html',
		checked: recheck,
		kind: 'town'
	},
	phoneInsurance: {
		name: same(
			'ライブドアニュース「スマートフォンでのマイナ保険証」（2025年10月1日）',
			'livedoor News, “The smartphone as health insurance card” (1 October 2025)'
		),
		url: 'https://news.livedoor.com/article/detail/29681264/',
		checked: recheck,
		kind: 'press'
	},
	phoneAndroid: {
		name: same(
			'Impress Watch「スマホ用電子証明書搭載サービス」（2023年5月）',
			'Impress Watch, “Certificates on Android phones” (May 2023)'
		),
		url: 'https://www.watch.impress.co.jp/docs/topic/1499103.html',
		checked: recheck,
		kind: 'press'
	},
	phoneIphone: {
		name: same(
			'Impress Watch「iPhoneのマイナンバーカード」（2025年6月24日）',
			'Impress Watch, “The My Number card on iPhone” (24 June 2025)'
		),
		url: 'https://www.watch.impress.co.jp/docs/news/2025064.html',
		checked: recheck,
		kind: 'press'
	},
	phoneLimits: {
		name: same('マイナビニュース（2026年1月18日）', 'Mynavi News (18 January 2026)'),
		url: 'https://news.mynavi.jp/article/20260118-iphone_why/',
		checked: recheck,
		kind: 'press'
	}
} satisfies Record<string, Source>;

/** The id of a cited source, such as `jlis`. */
export type SourceId = keyof typeof sources;

/** Every source id, in the order above. */
export const sourceIds = Object.keys(sources) as SourceId[];

/**
 * The sources last checked more than 12 months before `today` (`YYYY-MM-DD`), oldest first:
 * their facts must be checked again before the pages can be trusted.
 */
export function staleSources(today: string): SourceId[] {
	const now = parseIsoDate(today);
	if (!now) throw new Error(`staleSources: "${today}" is not a YYYY-MM-DD date`);
	const limit = subtractMonths(now, 12);
	const checkedOf = (id: SourceId) => parseIsoDate(sources[id].checked);
	return sourceIds
		.filter((id) => {
			const checked = checkedOf(id);
			return !checked || compareDates(checked, limit) < 0;
		})
		.sort((a, b) => sources[a].checked.localeCompare(sources[b].checked));
}
