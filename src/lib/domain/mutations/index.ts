import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { attendanceSet } from './attendance-set';
import { classCancel } from './class-cancel';
import { classCreate } from './class-create';
import { classPatch } from './class-patch';
import { consultationCreate } from './consultation-create';
import { contactMark } from './contact-mark';
import { seriesCreate } from './series-create';
import { seriesPatch } from './series-patch';
import { questionnaireAnswer } from './questionnaire-answer';
import { signupCancel } from './signup-cancel';
import { signupCancelOnBehalf } from './signup-cancel-on-behalf';
import { signupCreate } from './signup-create';
import { signupCreateOnBehalf } from './signup-create-on-behalf';
import { venueCreate } from './venue-create';
import { venuePatch } from './venue-patch';
import { venueRetire } from './venue-retire';

export { mutationHeaderSchema, type Sender } from './define';

/**
 * Every mutation kind of the sync protocol (DESIGN.md: sync), each declared once in its own
 * file: its arguments, who may send it and its result. The types below, the server's handlers
 * (`$lib/server/mutations.ts`) and the device's answer handlers (`$lib/client/answers.ts`)
 * all follow this list; adding a kind here makes the compiler ask for both handlers.
 */
export const mutationKinds = [
	signupCreate,
	signupCancel,
	signupCreateOnBehalf,
	signupCancelOnBehalf,
	venueCreate,
	venuePatch,
	venueRetire,
	classCreate,
	classPatch,
	classCancel,
	attendanceSet,
	contactMark,
	seriesCreate,
	seriesPatch,
	questionnaireAnswer,
	consultationCreate
] as const;

type Declaration = (typeof mutationKinds)[number];
type DeclarationOf<K extends MutationKind> = Extract<Declaration, { kind: K }>;

/** The kinds whose log entries must not tie their records to a device (`anonymous`). */
export const anonymousMutationKinds: ReadonlySet<string> = new Set<string>(
	mutationKinds.filter((declaration) => 'anonymous' in declaration).map(({ kind }) => kind)
);

/** A mutation's kind, such as `signup.create`. */
export type MutationKind = Declaration['kind'];

/** A kind's arguments as the server reads them (after zod: trimmed, checked). */
export type MutationArgs<K extends MutationKind> = z.output<DeclarationOf<K>['args']>;

/** A kind's arguments as a device sends them. */
export type MutationInput<K extends MutationKind> = z.input<DeclarationOf<K>['args']>;

/** The arguments a device adds only when it sends a kind (`never` for most kinds). */
export type FilledWhenSent<K extends MutationKind> = K extends MutationKind
	? DeclarationOf<K> extends { filledWhenSent?: readonly (infer Name)[] }
		? Name & string
		: never
	: never;

/** A kind's arguments as a device queues them: without those it fills in when sending. */
export type QueuedArgs<K extends MutationKind> = K extends MutationKind
	? Omit<MutationInput<K>, FilledWhenSent<K>>
	: never;

/** The kinds whose arguments a device completes when it sends them (see `filledWhenSent`). */
export type CompletedWhenSent = {
	[K in MutationKind]: [FilledWhenSent<K>] extends [never] ? never : K;
}[MutationKind];

/** What the server answers when it has applied a kind. */
export type MutationResult<K extends MutationKind> = core.output<DeclarationOf<K>['result']>;

/** What a refusal of kind K carries besides its code (`undefined` for most kinds). */
export type MutationCurrent<K extends MutationKind> = K extends MutationKind
	? DeclarationOf<K> extends { current?: infer Schema extends core.$ZodType }
		? core.output<Schema>
		: undefined
	: never;

/** Why the server refused a mutation: a code, its message in the device's language, fields. */
export type AnswerError = { code: string; message: string; fields: Record<string, unknown> };

/**
 * The server's answer to one mutation of kind K as a device reads it (`readAnswer`): applied
 * with the kind's result, or rejected with why and, for some kinds, the record as it now is.
 */
export type Answer<K extends MutationKind = MutationKind> =
	| { id: string; seq: number; status: 'applied'; result: MutationResult<K> }
	| {
			id: string;
			seq: number;
			status: 'rejected';
			error: AnswerError;
			current?: MutationCurrent<K>;
	  };

/** One validated mutation of kind K (or of any kind). */
export type Mutation<K extends MutationKind = MutationKind> = {
	[Kind in K]: z.output<DeclarationOf<Kind>['schema']>;
}[K];

/** The kinds only a logged-in volunteer may push. */
export const volunteerMutationKinds: ReadonlySet<string> = new Set<MutationKind>(
	mutationKinds.filter((declaration) => declaration.sender === 'volunteer').map(({ kind }) => kind)
);

/**
 * Reads one pushed mutation with its kind's declaration: header, kind and arguments. An
 * unknown kind is refused on the field `kind` (`invalid_choice`, or `required` when missing).
 */
export function parseMutation(
	raw: unknown
): { success: true; data: Mutation } | { success: false; error: z.ZodError } {
	const kind = raw !== null && typeof raw === 'object' && 'kind' in raw ? raw.kind : undefined;
	const declaration = mutationKinds.find((candidate) => candidate.kind === kind);
	if (declaration) return declaration.schema.safeParse(raw);
	const message = kind === undefined ? 'required' : 'invalid_choice';
	return {
		success: false,
		error: new z.ZodError([{ code: 'custom', path: ['kind'], message, input: kind }])
	};
}
