import { liveQuery, type Subscription } from 'dexie';
import { z } from 'zod';
import { roles } from '$lib/domain/volunteer';
import {
	rosterClassSchema,
	townVolunteerSchema,
	type RosterClassData,
	type TownVolunteer
} from '$lib/domain/sync';
import { db, townVolunteersKey, type RejectionRow, type VenueRow } from './db';
import { pwa } from './pwa.svelte';
import { clearVolunteerData } from './class-desk';
import { sync } from './sync.svelte';

/** Who is logged in, as `/api/volunteer/me` says and the device remembers for offline use. */
export const volunteerSchema = z.object({
	id: z.string(),
	name: z.string(),
	role: z.enum(roles)
});

/** The logged-in volunteer. */
export type Volunteer = z.infer<typeof volunteerSchema>;

const rememberedKey = 'volunteer';

/**
 * The volunteer pages' session and data. The pages are prerendered shells (so they open at a
 * hall with no Wi-Fi); what they show comes from the device's copy of the rosters, which exists
 * only while a volunteer is logged in:
 * - online, the server says who is logged in; a `401` removes the device's copy and sends the
 *   visitor to the login page;
 * - offline, the volunteer remembered at the last check is trusted until logout.
 */
class VolunteerState {
	/** `checking` until known; `in` with a volunteer; `out` means go to the login page. */
	status = $state<'checking' | 'in' | 'out' | 'offline-unknown'>('checking');
	volunteer = $state<Volunteer | null>(null);
	/** True when the session was taken from the device because the server could not be asked. */
	offline = $state(false);
	/** Upcoming classes with their rosters, soonest first (validated). */
	classes = $state<RosterClassData[]>([]);
	/** False until the device's copy of the classes has been read once (no "not found" flash). */
	classesLoaded = $state(false);
	venues = $state<VenueRow[]>([]);
	/** The town's volunteers, to assign as tutors (as the last pull listed them). */
	townVolunteers = $state<TownVolunteer[]>([]);
	/** Changes the server refused, newest first: conflicts to resolve, refusals to read. */
	rejections = $state<RejectionRow[]>([]);

	#subscriptions: Subscription[] = [];

	/** Asks the server who is logged in (or remembers, offline) and starts watching the data. */
	async check(fetcher: typeof fetch = fetch): Promise<void> {
		this.#watch();
		const response = await fetcher('/api/volunteer/me', { credentials: 'same-origin' }).catch(
			() => null
		);
		if (response?.status === 401) {
			// The session ended (expired, or logged out elsewhere): the rosters go, but changes
			// not yet sent (attendance taken offline) stay, and go out after the next login.
			await this.forget({ keepUnsent: true });
			this.status = 'out';
			return;
		}
		// The operator paused this town: a sync learns whom to call and the status says it.
		if (response?.status === 503) void sync.syncNow();
		if (response?.ok) {
			const parsed = z
				.object({ volunteer: volunteerSchema })
				.safeParse(await response.json().catch(() => null));
			if (parsed.success) {
				this.volunteer = parsed.data.volunteer;
				this.offline = false;
				this.status = 'in';
				await db.transaction('rw', db.syncState, async () => {
					const before = volunteerSchema.safeParse((await db.syncState.get(rememberedKey))?.value);
					await db.syncState.put({ key: rememberedKey, value: parsed.data.volunteer });
					// Pulls made before this login (a resident's, or another volunteer's) brought no
					// rosters for this volunteer: the next one starts from the beginning.
					if (!before.success || before.data.id !== parsed.data.volunteer.id) {
						await db.syncState.put({ key: 'cursor', value: 0 });
					}
				});
				// A sync now brings the rosters (the pull's volunteer part needs the session).
				void sync.syncNow();
				// A volunteer works on this device: it keeps the desk's pages for when the Wi-Fi drops.
				void pwa.keepVolunteerPages();
				return;
			}
		}
		// No answer (offline, server down): trust the volunteer this device last saw logged in.
		const remembered = volunteerSchema.safeParse((await db.syncState.get(rememberedKey))?.value);
		this.offline = true;
		if (remembered.success) {
			this.volunteer = remembered.data;
			this.status = 'in';
		} else {
			this.status = 'offline-unknown';
		}
	}

	/** Logs out on the server (when reachable) and removes every volunteer record here. */
	async logOut(fetcher: typeof fetch = fetch): Promise<void> {
		try {
			await fetcher('/api/volunteer/logout', { method: 'POST', credentials: 'same-origin' });
		} catch {
			// Offline: the device's copy goes anyway; the server session ends at its expiry.
		}
		await this.forget();
		this.status = 'out';
	}

	/**
	 * Removes the rosters, venues, refusals and the remembered login, and — unless
	 * `keepUnsent` — the volunteer changes not yet sent (an explicit logout on a shared tablet).
	 */
	async forget(options: { keepUnsent?: boolean } = {}): Promise<void> {
		await clearVolunteerData(db, options);
		await db.syncState.delete(rememberedKey);
		this.volunteer = null;
	}

	#watch(): void {
		if (this.#subscriptions.length > 0) return;
		this.#subscriptions.push(
			liveQuery(() => db.rosters.orderBy('startsAt').toArray()).subscribe({
				next: (rows) => {
					this.classes = rows.flatMap((row) => {
						const parsed = rosterClassSchema.safeParse(row);
						return parsed.success ? [parsed.data] : [];
					});
					this.classesLoaded = true;
				}
			}),
			liveQuery(() => db.venues.toArray()).subscribe({
				next: (rows) => (this.venues = rows.sort((a, b) => a.name.localeCompare(b.name, 'ja')))
			}),
			liveQuery(() => db.rejections.orderBy('at').reverse().toArray()).subscribe({
				next: (rows) => (this.rejections = rows)
			}),
			liveQuery(() => db.syncState.get(townVolunteersKey)).subscribe({
				next: (row) => {
					const parsed = z.array(townVolunteerSchema).safeParse(row?.value);
					this.townVolunteers = parsed.success ? parsed.data : [];
				}
			})
		);
	}
}

/** The volunteer pages' one state. */
export const volunteer = new VolunteerState();
