import { Draft } from '$lib/client/drafts.svelte';
import type { FieldError } from '$lib/domain/signup';
import type { SignupFields } from './signup-request';

const fieldNames = ['name', 'nameKana', 'phone', 'device', 'loaner', 'needs', 'note'] as const;

/**
 * The sign-up form's fields, each a draft saved as it is typed, so a reload, an update or a
 * closed tab loses nothing. The drafts are shared by every class: the person is the same.
 */
export class SignupForm {
	readonly drafts = Object.fromEntries(
		fieldNames.map((name) => [name, new Draft(`classes.signup.${name}`)])
	) as Record<(typeof fieldNames)[number], Draft>;
	errors = $state<Record<string, FieldError>>({});

	/** The needs ticked, as a list (the draft keeps them comma-separated). */
	get needs(): string[] {
		return this.drafts.needs.value.split(',').filter(Boolean);
	}

	set needs(list: string[]) {
		this.drafts.needs.value = list.join(',');
	}

	/** Every field as typed. */
	get fields(): SignupFields {
		return Object.fromEntries(
			fieldNames.map((name) => [name, this.drafts[name].value])
		) as SignupFields;
	}

	/** Loads what was typed before. */
	async restore(): Promise<void> {
		await Promise.all(fieldNames.map((name) => this.drafts[name].restore()));
	}

	/** Resolves when everything typed has been saved (before an update reloads the page). */
	async flushed(): Promise<void> {
		await Promise.all(fieldNames.map((name) => this.drafts[name].flushed()));
	}

	/** Forgets the form once it has been sent. */
	async clear(): Promise<void> {
		this.errors = {};
		await Promise.all(fieldNames.map((name) => this.drafts[name].clear()));
	}
}
