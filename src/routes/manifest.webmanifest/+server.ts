import { stripFurigana } from '$lib/domain/furigana';
import { town } from '$lib/town';

// Built once at build time from the town file, so each town's app carries its own name.
export const prerender = true;

/** The web app manifest: what a phone needs to install the app on its home screen. */
export function GET(): Response {
	const townName = stripFurigana(town.name.ja);
	const manifest = {
		id: '/',
		name: `よりそい ${townName} — スマホのおてつだい`,
		short_name: 'よりそい',
		description: `${townName}のスマホ練習、マイナンバーカードの手引き、スマホ教室の申し込み`,
		lang: 'ja',
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		orientation: 'any',
		theme_color: town.colours.primary,
		background_color: town.colours.background,
		categories: ['education', 'government', 'utilities'],
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{
				src: '/icons/icon-maskable-512.png',
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			},
			{ src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }
		]
	};
	return new Response(JSON.stringify(manifest, null, '\t'), {
		headers: { 'content-type': 'application/manifest+json; charset=utf-8' }
	});
}
