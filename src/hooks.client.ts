import * as z from 'zod/mini';

// Zod compiles object parsers with `new Function` when it can, and finds out by trying once;
// under our Content Security Policy (no 'unsafe-eval') that try is reported as a violation.
// In the browser the parsers run without compiling: the data they check is small.
z.config({ jitless: true });
