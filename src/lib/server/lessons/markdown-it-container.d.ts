// markdown-it-container ships no types; markdown-it 15 ships its own, which these reuse.
declare module 'markdown-it-container' {
	import type { MarkdownIt } from 'markdown-it';

	/** Adds a `::: name` block rule to a parser. */
	export default function container(
		md: MarkdownIt,
		name: string,
		options?: { marker?: string; validate?: (params: string) => boolean }
	): void;
}
