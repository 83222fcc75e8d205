import { defaultLocale, type Locale } from '$lib/domain/locale';
import { stripFurigana } from '$lib/domain/furigana';
import type { TOptions } from 'i18next';
import { loadLocale, translate, type MessageKey } from './index';

/** The current UI language; reading `t` inside markup re-renders when the locale changes. */
class I18nState {
	locale = $state<Locale>(defaultLocale);

	/** Plain text for a key (furigana removed): for attributes, titles and speech. */
	t = (key: MessageKey, options?: TOptions): string => stripFurigana(this.rich(key, options));

	/** Text for a key with furigana markup, for `<T>` and `<Ruby>`. */
	rich = (key: MessageKey, options?: TOptions): string => translate(this.locale, key, options);

	/**
	 * Loads a language's strings (for every feature this tab has shown), then switches to it.
	 * If they cannot be loaded, it switches anyway: missing words fall back to Japanese.
	 */
	switchTo = async (locale: Locale): Promise<void> => {
		await loadLocale(locale).catch(() => undefined);
		this.locale = locale;
	};
}

/** The app's one i18n state. */
export const i18n = new I18nState();
