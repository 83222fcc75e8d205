/** The new town form's fields (the admin's password is never sent back). */
export const newTownFields = [
	'id',
	'hosts',
	'nameJa',
	'nameEasy',
	'nameEn',
	'officeJa',
	'officeEasy',
	'officeEn',
	'phone',
	'primary',
	'background',
	'adminEmail',
	'adminName'
] as const;

/** One field of the new town form. */
export type NewTownField = (typeof newTownFields)[number] | 'adminPassword';
