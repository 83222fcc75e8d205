import { z } from 'zod';
import { localeIds } from '$lib/domain/locale';
import { practiceKinds } from '$lib/domain/practice';
import { devices, lessonLevels } from './lesson';

/**
 * The zod schemas of a compiled lesson, which the lesson compiler checks each lesson against
 * (server and build only: the player trusts what the build made, so a lesson page does not
 * download zod for them). `lesson.ts` has the types and what the pages use.
 */

/**
 * Text, possibly bold (`**…**`), with its furigana still as markup (`{漢字|かんじ}`): the player
 * splits it when it renders. One string instead of a list of segments keeps each lesson's data
 * (stored twice offline: its page and its `__data.json`) about a third smaller.
 */
const textSchema = z.object({
	type: z.literal('text'),
	text: z.string(),
	strong: z.boolean().optional()
});

/** A link: to another lesson (`lesson:id`) or to a web address (opens outside the app). */
const linkSchema = z.object({
	type: z.literal('link'),
	href: z.string(),
	lessonId: z.string().optional(),
	children: z.array(textSchema)
});

/** One piece of a paragraph. */
export const inlineSchema = z.discriminatedUnion('type', [textSchema, linkSchema]);

/**
 * A picture of the step: an SVG of the lesson's folder, its (mandatory) alt text, and its
 * shape (the SVG's viewBox), so the page keeps the picture's place before it has loaded.
 */
export const pictureSchema = z.object({
	type: z.literal('picture'),
	file: z.string().regex(/^[\w-]+\.svg$/),
	alt: z.string().min(1),
	width: z.number().positive(),
	height: z.number().positive()
});

const paragraphSchema = z.object({ type: z.literal('paragraph'), inlines: z.array(inlineSchema) });

const listSchema = z.object({
	type: z.literal('list'),
	ordered: z.boolean(),
	items: z.array(z.array(inlineSchema))
});

/** What a device block or a practice prompt may hold. */
const simpleBlockSchema = z.discriminatedUnion('type', [
	paragraphSchema,
	listSchema,
	pictureSchema
]);

/** Text for one kind of phone (`::: android` / `::: iphone`). */
const deviceBlockSchema = z.object({
	type: z.literal('device'),
	device: z.enum(devices),
	blocks: z.array(simpleBlockSchema)
});

/** A practice widget (`::: practice kind key=value`) with the prompt shown above it. */
const practiceSchema = z.object({
	type: z.literal('practice'),
	kind: z.enum(practiceKinds),
	params: z.record(z.string(), z.string()),
	prompt: z.array(simpleBlockSchema)
});

/** One block of a step, in the order the author wrote them. */
export const blockSchema = z.discriminatedUnion('type', [
	paragraphSchema,
	listSchema,
	pictureSchema,
	deviceBlockSchema,
	practiceSchema
]);

/** One step: one screen of the player. */
export const stepSchema = z.object({
	/** The step's heading, with furigana markup. */
	title: z.string(),
	blocks: z.array(blockSchema)
});

/** One locale's text of a lesson. */
export const lessonTextSchema = z.object({
	title: z.string().min(1),
	summary: z.string().min(1),
	steps: z.array(stepSchema).min(1)
});

/** A compiled lesson, with the text of every locale (the page picks the learner's). */
export const lessonSchema = z.object({
	id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
	folder: z.string(),
	order: z.number().int().positive(),
	level: z.enum(lessonLevels),
	minutes: z.number().int().positive(),
	related: z.array(z.string()),
	checked: z.string(),
	sources: z.array(z.string()),
	text: z.object(
		Object.fromEntries(localeIds.map((id) => [id, lessonTextSchema])) as {
			[K in (typeof localeIds)[number]]: typeof lessonTextSchema;
		}
	)
});

/** A compiled lesson. */
export type Lesson = z.infer<typeof lessonSchema>;
/** One step of a lesson. */
export type LessonStep = z.infer<typeof stepSchema>;
/** One block of a step. */
export type LessonBlock = z.infer<typeof blockSchema>;
/** One piece of inline text. */
export type LessonInline = z.infer<typeof inlineSchema>;
/** A picture block. */
export type LessonPicture = z.infer<typeof pictureSchema>;
