import { randomUUID } from 'node:crypto';

/** One generated request: what the fuzz test sends, and a label to tell it by when it fails. */
export type FuzzRequest = {
	/** How the request is broken (the name of the maker below). */
	kind?: string;
	label: string;
	method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	headers: Record<string, string>;
	/** Text or bytes; a function makes a stream, sent chunked with no Content-Length. */
	body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
};

/** A small seeded generator (mulberry32), so that a failing case can be made again. */
export function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
	return { next, int, pick };
}

type Random = ReturnType<typeof random>;

/** The 個人番号 check digit, written here from the ordinance (not imported from the code). */
function checkDigit(first11: string): number {
	let sum = 0;
	for (let n = 1; n <= 11; n += 1) sum += Number(first11[11 - n]) * (n <= 6 ? n + 1 : n - 5);
	return sum % 11 <= 1 ? 0 : 11 - (sum % 11);
}

/** A valid 個人番号, written the ways people write it (spaces, hyphens, full-width digits). */
export function individualNumber(rng: Random): string {
	let digits = '';
	for (let i = 0; i < 11; i += 1) digits += String(rng.int(0, 9));
	digits += String(checkDigit(digits));
	const groups = [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)];
	const written = groups.join(rng.pick(['', ' ', '-', '　', '－', 'ー']));
	return rng.next() < 0.3
		? written.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0))
		: written;
}

/** Text that must be stored as data if it ever is: SQL, HTML, scripts, odd Unicode. */
export const hostileText = [
	"Robert'); DROP TABLE signups; --",
	"' OR '1'='1",
	'1; DELETE FROM classes WHERE 1=1',
	"\"; UPDATE signups SET status = 'confirmed'; --",
	'<script>alert(document.cookie)</script>',
	'<img src=x onerror=alert(1)>',
	'{{constructor.constructor("return process")()}}',
	'${process.exit(1)}',
	'../../../../etc/passwd',
	'%00%27%22',
	'\u202eRTL override',
	'𠮷野家🙂👨‍👩‍👧',
	'ｱｲｳ ｴｵ',
	'$1 $2 ? ?? :name',
	'\\x00\\u0000'
] as const;

/** A sign-up body as sent: the contract's fields, or anything else a test puts in. */
export type SignupBody = { id: string; classId: string; [field: string]: unknown };

let people = 0;

/** A sign-up body that the server would accept. */
export function validBody(classId: string): SignupBody {
	// Each body is another resident (phone and reading): the server refuses the same person twice.
	people += 1;
	const digits = String(people).padStart(4, '0');
	const kana = [...digits].map((digit) => 'わいにさしごろなはく'[Number(digit)]).join('');
	return {
		id: randomUUID(),
		classId,
		name: '佐藤 一郎',
		nameKana: `さとう いちろう ${kana}`,
		phone: `0120-12-${digits}`,
		device: 'iphone',
		needsLoaner: true,
		needs: ['hearing'],
		note: '杖を使っています'
	};
}

const json = { 'content-type': 'application/json' };

function longText(rng: Random, length: number): string {
	const pieces = ['あ', 'a', '漢', '🙂', '<b>', "'", ' ', ...hostileText];
	const characters: string[] = [];
	while (characters.length < length) characters.push(...rng.pick(pieces));
	// Limits count code points (an emoji is one), after trimming: letters at both ends.
	return `x${characters.slice(0, length - 2).join('')}x`;
}

// Values of the wrong type for every field (none of them is valid for that field).
const wrongTypes: Record<string, readonly unknown[]> = {
	id: [null, 42, true, [], {}, '', 'not-a-uuid', "' OR 1=1 --", `${'f'.repeat(36)}`],
	classId: [null, 0, false, [randomUUID()], { id: 1 }, '', '../classes', 'SELECT 1'],
	name: [null, 0, 1e308, true, [], ['山田'], { first: '山田' }, '', '   ', '\u3000\u3000'],
	nameKana: [null, 1, false, ['やまだ'], {}, 'Yamada', '山田', '<b>やまだ</b>', 'やまだ1'],
	phone: [null, 9012345678, true, ['090'], 'abc', '123', '090-1234-5678; DROP TABLE', '<a>'],
	device: [null, 1, true, [], 'ipad', 'Android', ' android', 'iphone ', 'IPHONE', ''],
	needsLoaner: [null, 0, 1, 'true', 'false', 'yes', [], {}],
	needs: [
		null,
		'sight',
		1,
		{},
		['eyes'],
		['sight', 'sight'],
		['sight', 'hearing', 'mobility', 'other', 'sight'],
		[1],
		[null],
		[['sight']]
	],
	note: [null, 0, true, [], { text: 'x' }]
};

const required = ['id', 'classId', 'name', 'device', 'needsLoaner'] as const;
const optionalText = ['name', 'nameKana', 'phone', 'note'] as const;
const limits: Record<string, number> = { name: 60, nameKana: 60, phone: 20, note: 500 };

/** Decorates a body's free text with hostile content (keeping it within length limits). */
function decorate(rng: Random, body: SignupBody): void {
	if (rng.next() < 0.5) body.name = rng.pick(hostileText).slice(0, 60);
	if (rng.next() < 0.3) body.note = rng.pick(hostileText);
}

/** Each maker breaks a request in one way that makes it invalid whatever else it holds. */
const makers: Array<(rng: Random, classId: string) => FuzzRequest> = [
	function wrongType(rng, classId): FuzzRequest {
		const body = validBody(classId);
		decorate(rng, body);
		const field = rng.pick(Object.keys(wrongTypes));
		body[field] = rng.pick(wrongTypes[field]!);
		return {
			label: `wrong type ${field}=${JSON.stringify(body[field])}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function missingField(rng, classId): FuzzRequest {
		const body = validBody(classId);
		decorate(rng, body);
		const field = rng.pick(required);
		delete body[field];
		return {
			label: `missing ${field}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function unknownField(rng, classId): FuzzRequest {
		const body = validBody(classId);
		decorate(rng, body);
		const field = rng.pick([
			'extra',
			'status',
			'waitlistPosition',
			'cancelToken',
			'isAdmin',
			'role',
			'Name',
			'name ',
			'',
			'constructor',
			'toString'
		]);
		body[field] = rng.pick([true, 'confirmed', 1, null, { $gt: '' }, hostileText[0]]);
		return {
			label: `unknown field ${JSON.stringify(field)}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function prototypeKey(rng, classId): FuzzRequest {
		// JSON.parse makes "__proto__" an own key: it must be refused, not merged.
		const body = JSON.stringify(validBody(classId)).slice(0, -1);
		const payload = rng.pick(['{"isAdmin":true}', '{"status":"confirmed"}', 'null', '1']);
		return {
			label: `__proto__ key ${payload}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: `${body},"__proto__":${payload}}`
		};
	},
	function tooLong(rng, classId): FuzzRequest {
		const body = validBody(classId);
		const field = rng.pick(optionalText);
		const max = limits[field]!;
		body[field] = longText(rng, rng.pick([max + 1, max + rng.int(2, 200), rng.int(1_000, 5_000)]));
		return {
			label: `too long ${field} (${[...String(body[field])].length} code points)`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function myNumber(rng, classId): FuzzRequest {
		const body = validBody(classId);
		const field = rng.pick(['name', 'note', 'phone', 'nameKana'] as const);
		const number = individualNumber(rng);
		body[field] =
			field === 'phone' || field === 'nameKana'
				? number
				: rng.pick([number, `番号は${number}です`, `${number} 山田`]);
		return {
			label: `個人番号 in ${field}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function notAnObject(rng, classId): FuzzRequest {
		const body = rng.pick([
			'null',
			'0',
			'-1',
			'1e999',
			'"signup"',
			'true',
			'[]',
			`[${JSON.stringify(validBody(classId))}]`,
			'{}',
			`${'['.repeat(4_000)}${']'.repeat(4_000)}`,
			`${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}`
		]);
		return {
			label: `not an object ${body.slice(0, 30)}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body
		};
	},
	function brokenJson(rng, classId): FuzzRequest {
		const valid = JSON.stringify(validBody(classId));
		const body = rng.pick([
			valid.slice(0, rng.int(0, valid.length - 1)),
			`${valid.slice(0, -1)},}`,
			valid.replace(/"/g, "'"),
			`${valid}${valid}`,
			`/* comment */${valid}`,
			valid.replace('true', 'NaN'),
			valid.replace('true', 'undefined'),
			valid.replace(/:/, '='),
			'',
			' ',
			'{"id":}'
		]);
		return {
			label: `broken JSON ${body.slice(0, 30)}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body
		};
	},
	function brokenUtf8(rng, classId): FuzzRequest {
		const bad = rng.pick([
			[0xff],
			[0xfe, 0xff],
			[0xc0, 0xaf],
			[0xed, 0xa0, 0x80],
			[0xe3, 0x81],
			[0x80],
			[0xf8, 0x88, 0x80, 0x80, 0x80],
			[0xf4, 0x90, 0x80, 0x80]
		]);
		const [before, after] = JSON.stringify({ ...validBody(classId), name: '@@' }).split('@@');
		const bytes = new Uint8Array([
			...new TextEncoder().encode(before),
			...bad,
			...new TextEncoder().encode(after)
		]);
		return {
			label: `broken UTF-8 ${bad.map((byte) => byte.toString(16)).join(' ')}`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: bytes
		};
	},
	function wrongContentType(rng, classId): FuzzRequest {
		const type = rng.pick([
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/xml',
			'text/html',
			'text/json',
			'application/jsonx',
			'application/json-patch+json',
			'application/x-json',
			'json',
			'*/*',
			''
		]);
		const body = JSON.stringify(validBody(classId));
		return {
			label: `content type ${JSON.stringify(type)}`,
			method: 'POST',
			path: '/api/signups',
			headers: type ? { 'content-type': type } : {},
			// Bytes, so that fetch adds no content type of its own.
			body: new TextEncoder().encode(body)
		};
	},
	function tooLarge(rng, classId): FuzzRequest {
		const body = JSON.stringify({
			...validBody(classId),
			note: longText(rng, rng.int(17_000, 40_000))
		});
		const chunked = rng.next() < 0.5;
		const bytes = new TextEncoder().encode(body);
		return {
			label: `too large (${bytes.length} bytes${chunked ? ', chunked' : ''})`,
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: chunked
				? () =>
						new ReadableStream<Uint8Array>({
							start(controller) {
								for (let at = 0; at < bytes.length; at += 4_096) {
									controller.enqueue(bytes.slice(at, at + 4_096));
								}
								controller.close();
							}
						})
				: bytes
		};
	},
	function unknownClass(rng): FuzzRequest {
		const body = validBody(randomUUID());
		decorate(rng, body);
		return {
			label: 'unknown class',
			method: 'POST',
			path: '/api/signups',
			headers: json,
			body: JSON.stringify(body)
		};
	},
	function wrongMethod(rng, classId): FuzzRequest {
		const method = rng.pick(['GET', 'PUT', 'PATCH', 'DELETE'] as const);
		return {
			label: `${method} /api/signups`,
			method,
			path: '/api/signups',
			headers: json,
			body: method === 'GET' ? undefined : JSON.stringify(validBody(classId))
		};
	},
	function hostileCancel(rng): FuzzRequest {
		const id = rng.pick([
			randomUUID(),
			"' OR '1'='1",
			'..%2F..%2Fclasses',
			'%00',
			'<script>',
			'1'.repeat(300)
		]);
		const token = rng.pick(['', 'x', "' OR 1=1 --", 'a'.repeat(5_000), randomUUID()]);
		return {
			label: `DELETE ${id.slice(0, 20)} token ${token.slice(0, 10)}`,
			method: 'DELETE',
			path: `/api/signups/${encodeURIComponent(id)}`,
			headers: token ? { 'x-cancel-token': token } : {}
		};
	}
];

/** `count` hostile requests, each certain to be refused; the same seed gives the same list. */
export function fuzzRequests(options: { classId: string; count: number; seed: number }) {
	const rng = random(options.seed);
	const requests: FuzzRequest[] = [];
	for (let i = 0; i < options.count; i += 1) {
		// Every kind of breakage in turn, each with its own random details.
		const maker = makers[i % makers.length]!;
		const request = maker(rng, options.classId);
		const language = rng.pick([undefined, 'en', 'ja', 'ja-easy', 'xx', '*', ';;;', 'en;q=abc']);
		if (language) request.headers = { ...request.headers, 'accept-language': language };
		requests.push({ ...request, kind: maker.name, label: `#${i} ${request.label}` });
	}
	return requests;
}
