import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { fieldErrors } from '$lib/domain/signup';
import { periodSchema, reportCells, reportColumns, type Period } from '$lib/domain/town-stats';
import type { TownStats } from '$lib/domain/town-stats';
import { errorResponse, requestLocale } from './http';

/** The report's headers as towns write them for デジタル活用支援 (always Japanese: it is filed). */
const headers: Record<(typeof reportColumns)[number], string> = {
	date: '実施日',
	venue: '会場',
	topic: '講座内容',
	applicants: '申込者数',
	attendees: '参加者数',
	tutors: '講師・補助者数',
	clarity: '平均わかりやすさ（5段階）',
	satisfaction: '平均満足度（5段階）',
	answers: 'アンケート回答数'
};

// A cell starting like a formula is shown as text by Excel, not run (CSV injection).
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The period's classes as the report's CSV, one row per class: UTF-8 with a BOM and CRLF so
 * Excel in Japan opens it as it is.
 */
export function townReportCsv(stats: TownStats): string {
	const rows = stats.classes.map((row) => {
		const cells = reportCells(row);
		return reportColumns.map((column) => safe(cells[column]));
	});
	return stringify([reportColumns.map((column) => headers[column]), ...rows], {
		bom: true,
		record_delimiter: 'windows'
	});
}

/** Reads `?from=&to=` with the period's schema: the period, or the contract's 400 answer. */
export function periodFromQuery(
	request: Request,
	url: URL
): { period: Period } | { response: Response } {
	const raw = Object.fromEntries(url.searchParams);
	// `lang` chooses the error's language, as on every endpoint.
	delete raw.lang;
	const parsed = periodSchema.safeParse(raw);
	if (parsed.success) return { period: parsed.data };
	return {
		response: errorResponse({
			status: 400,
			code: 'invalid_input',
			locale: requestLocale(request, url),
			fields: fieldErrors(parsed.error as z.ZodError, raw)
		})
	};
}
