import type { MessageKey } from '$lib/i18n';
import type { Direction } from './gestures';

/** The word for each direction, as in 「右へ」. */
export const directionNames: Record<Direction, MessageKey> = {
	left: 'practice.direction.left',
	right: 'practice.direction.right',
	up: 'practice.direction.up',
	down: 'practice.direction.down'
};

/** The arrow drawn for each direction. */
export const directionArrows: Record<Direction, string> = {
	left: '←',
	right: '→',
	up: '↑',
	down: '↓'
};
