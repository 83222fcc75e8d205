import { describe, expect, it } from 'vitest';
import { practiceWidgets } from '$lib/components/practice';
import { loadPracticeWidget } from '$lib/components/practice/load';
import { practiceKinds } from '$lib/domain/practice';

describe('loadPracticeWidget', () => {
	it('loads, for every kind, the widget the practice page shows', async () => {
		for (const kind of practiceKinds) {
			expect(await loadPracticeWidget(kind), kind).toBe(practiceWidgets[kind] ?? null);
		}
	});
});
