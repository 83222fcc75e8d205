import { stringify } from 'csv-stringify/sync';
import { getClass, roster } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The class's date in Japan (a 9:00 class is still that day in UTC only after 9:00). */
const japanDate = (instant: string) =>
	new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(instant));

const statusNames = { confirmed: '参加', waitlisted: 'キャンセル待ち', cancelled: '取り消し' };
const attendanceNames = { present: '出席', absent: '欠席' };
const deviceNames: Record<string, string> = {
	android: 'Android',
	iphone: 'iPhone',
	other: 'その他',
	none: '持っていない'
};
const needNames: Record<string, string> = {
	sight: '見えにくい',
	hearing: '聞こえにくい',
	mobility: '車いす',
	other: 'その他'
};

/**
 * The roster as CSV for Excel in Japan: UTF-8 with a BOM, CRLF line ends, Japanese headers.
 * Cells that start like a formula are quoted with a leading apostrophe (CSV injection).
 */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const { database } = await serverContext();
	const klass = await getClass(database, params.id);
	if (!klass)
		return errorResponse({
			status: 404,
			code: 'class_not_found',
			locale: requestLocale(request, url)
		});
	const safe = (text: string | null) =>
		text && /^[=+\-@\t\r]/.test(text) ? `'${text}` : (text ?? '');
	const rows = (await roster(database, klass.id)).map((entry) => [
		statusNames[entry.status],
		entry.waitlistPosition ?? '',
		safe(entry.name),
		safe(entry.nameKana),
		safe(entry.phone),
		deviceNames[entry.device] ?? entry.device,
		entry.needsLoaner ? '必要' : '',
		entry.needs.map((need) => needNames[need] ?? need).join('・'),
		safe(entry.note),
		entry.attendance ? attendanceNames[entry.attendance] : ''
	]);
	const csv = stringify(
		[
			['状況', '待ち順', '名前', 'ふりがな', '電話', 'スマホ', '貸出端末', '配慮', 'メモ', '出欠'],
			...rows
		],
		{ bom: true, record_delimiter: 'windows' }
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="roster-${japanDate(klass.startsAt)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
