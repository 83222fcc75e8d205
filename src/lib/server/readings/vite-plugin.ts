import { relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { withReadingsDeep, withTownReadings } from './index.ts';

/**
 * Gives the 日本語 UI strings (`src/lib/i18n/locales/**\/ja.json`) and the town file's `ja` texts
 * their furigana at build time, as the `{漢字|かんじ}` markup the やさしい日本語 strings are
 * written in, from the reviewed readings (./index.ts). The source files stay plain Japanese;
 * `<Ruby>` draws the readings when the furigana switch is on. Runs before Vite's JSON plugin,
 * for the browser only.
 */
export function readingsPlugin(): Plugin {
	let projectRoot = process.cwd();
	return {
		name: 'yorisoi-readings',
		enforce: 'pre',
		configResolved(config) {
			projectRoot = config.root;
		},
		transform(code, id, options) {
			// The server answers in plain Japanese (API messages, files, prerendered pages, where
			// furigana are off): only the browser's strings get readings.
			if (options?.ssr || this.environment?.config.consumer === 'server') return null;
			const file = relative(projectRoot, id.split('?')[0] ?? id)
				.split(sep)
				.join('/');
			if (/^src\/lib\/i18n\/locales\/(?:[\w-]+\/)?ja\.json$/.test(file)) {
				return { code: JSON.stringify(withReadingsDeep(JSON.parse(code))), map: null };
			}
			if (file === 'town.config.json') {
				return { code: JSON.stringify(withTownReadings(JSON.parse(code))), map: null };
			}
			return null;
		}
	};
}
