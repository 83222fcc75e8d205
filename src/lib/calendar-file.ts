import ical, { ICalAlarmType } from 'ical-generator';

/** One event of a calendar file: a whole day, or a time with an optional reminder. */
export type CalendarEvent = {
	/** Stable across downloads, so importing again updates the event instead of doubling it. */
	id: string;
	summary: string;
	description: string;
	location?: { title: string; address: string };
} & (
	| { allDay: true; date: { year: number; month: number; day: number } }
	| {
			allDay?: false;
			start: Date;
			end: Date;
			/** Seconds before the start when the calendar app should remind. */
			remindBefore?: number;
	  }
);

/**
 * An iCalendar file (.ics) made with ical-generator in the browser (no network), for any
 * calendar app to import. All-day events take the date at UTC midnight, so no time zone can
 * move the day; timed events are exact instants.
 */
export function calendarFile(options: {
	name: string;
	product: string;
	events: CalendarEvent[];
}): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'yorisoi', product: options.product }
	});
	for (const event of options.events) {
		const common = {
			id: `${event.id}@yorisoi`,
			summary: event.summary,
			description: event.description,
			...(event.location ? { location: event.location } : {})
		};
		if (event.allDay) {
			const { year, month, day } = event.date;
			calendar.createEvent({
				...common,
				start: new Date(Date.UTC(year, month - 1, day)),
				allDay: true
			});
		} else {
			calendar.createEvent({
				...common,
				start: event.start,
				end: event.end,
				alarms:
					event.remindBefore === undefined
						? []
						: [
								{
									type: ICalAlarmType.display,
									trigger: event.remindBefore,
									description: event.summary
								}
							]
			});
		}
	}
	return calendar.toString();
}

/** One part of an event's description: a line, or a list under its heading. */
export type DescriptionPart = string | { heading: string; items: readonly string[] };

/**
 * An event's description, one line per part and one line per list item, each item marked by
 * `bullet` (「・{{item}}」, `- {{item}}`). Items are never joined into one sentence: a list
 * mixes whole sentences (「タブレットをお貸しします。」) with bare words (「眼鏡」), and no joiner
 * reads right between both. Empty parts and lists are left out.
 */
export function eventDescription(options: {
	parts: ReadonlyArray<DescriptionPart | null | undefined>;
	bullet: (item: string) => string;
}): string {
	const lines: string[] = [];
	for (const part of options.parts) {
		if (!part) continue;
		if (typeof part === 'string') {
			if (part.trim() !== '') lines.push(part.trim());
			continue;
		}
		const items = part.items.map((item) => item.trim()).filter((item) => item !== '');
		if (items.length === 0) continue;
		lines.push(part.heading, ...items.map((item) => options.bullet(item)));
	}
	return lines.join('\n');
}

/** Saves text as a file through the browser's download (nothing leaves the device). */
export function downloadText(options: { text: string; fileName: string; type: string }): void {
	const url = URL.createObjectURL(new Blob([options.text], { type: options.type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = options.fileName;
	link.click();
	// The download has started from the link; the URL is not needed any more.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
