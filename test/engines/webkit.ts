import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';
import { freePort } from '../server/app-server.ts';
import { EngineUnavailable, phone, type Engine, type Launcher } from './engine.ts';

// Debian's webkit2gtk-driver and the MiniBrowser of libwebkit2gtk-4.1 (scripts/env.sh installs
// them), on a virtual X display of its own (xvfb).
const driverPath = '/usr/bin/WebKitWebDriver';
const browserPath = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const xvfbPath = '/usr/bin/Xvfb';

// MiniBrowser's window is never narrower than its toolbar (447 px here). WebKitGTK zooms pages
// by GDK_DPI_SCALE, so at 1.25 a window of 488 px holds a viewport of 390 CSS px: a phone's
// (launch checks it; devicePixelRatio stays 1).
const dpiScale = 1.25;

/** Starts Xvfb on a free display; answers the process and the display (":N"). */
async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
	const xvfb = spawn(
		xvfbPath,
		['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
		{
			stdio: ['ignore', 'ignore', 'pipe', 'pipe']
		}
	);
	let log = '';
	xvfb.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const number = await new Promise<string>((done, fail) => {
		let seen = '';
		xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			if (seen.includes('\n')) done(seen.trim());
		});
		xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}: ${log}`)));
		const timer = setTimeout(
			() => fail(new Error(`Xvfb did not start within 10 s: ${log}`)),
			10_000
		);
		xvfb.stdio[3]?.once('data', () => clearTimeout(timer));
	});
	return { process: xvfb, display: `:${number}` };
}

/** Waits until the driver answers its status. */
async function waitForDriver(url: string, driver: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${log()}`);
		try {
			if ((await fetch(`${url}/status`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error(`WebKitWebDriver did not answer within 15 s: ${log()}`);
}

/** Stops a child process and waits for it. */
async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once('exit', done));
	child.kill('SIGTERM');
	await exited;
}

/**
 * Collects console errors and uncaught exceptions in the page, from when it is installed.
 * WebKitWebDriver reports no console (no WebDriver BiDi in Debian's build, and MiniBrowser in
 * automation mode ignores its console-to-stdout setting), so errors thrown while a page is
 * loading, before this runs, are not seen in WebKit; those after the load event are.
 */
function installErrorCapture(): void {
	const target = window as unknown as { __engineErrors?: string[] };
	if (target.__engineErrors) return;
	const errors: string[] = [];
	target.__engineErrors = errors;
	const original = console.error.bind(console);
	console.error = (...values: unknown[]) => {
		errors.push(`console.error: ${values.map(String).join(' ')}`);
		original(...values);
	};
	window.addEventListener('error', (event) => errors.push(`uncaught: ${event.message}`));
	window.addEventListener('unhandledrejection', (event) =>
		errors.push(`unhandled rejection: ${String(event.reason)}`)
	);
}

/** WebKit (WebKitGTK's MiniBrowser) driven by selenium-webdriver over WebKitWebDriver. */
export const webkit: Launcher = {
	name: 'WebKit',
	async launch(): Promise<Engine> {
		const missing = [
			[driverPath, 'webkit2gtk-driver'],
			[browserPath, 'libwebkit2gtk-4.1-0'],
			[xvfbPath, 'xvfb']
		].filter(([path]) => !existsSync(path!));
		if (missing.length > 0) {
			throw new EngineUnavailable(
				`${missing.map(([path]) => path).join(', ')} missing (apt-get install ${missing.map(([, name]) => name).join(' ')})`
			);
		}
		const xvfb = await startXvfb();
		const port = await freePort();
		let driverLog = '';
		const driverProcess = spawn(driverPath, [`--port=${port}`], {
			env: { ...process.env, DISPLAY: xvfb.display, GDK_DPI_SCALE: String(dpiScale) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		driverProcess.stdout?.on('data', (chunk: Buffer) => (driverLog += chunk.toString()));
		driverProcess.stderr?.on('data', (chunk: Buffer) => (driverLog += chunk.toString()));
		const stopAll = async () => {
			await stop(driverProcess);
			await stop(xvfb.process);
		};

		let driver: WebDriver;
		try {
			const url = `http://127.0.0.1:${port}`;
			await waitForDriver(url, driverProcess, () => driverLog);
			driver = await new Builder()
				.usingServer(url)
				.withCapabilities({
					browserName: 'MiniBrowser',
					'webkitgtk:browserOptions': { binary: browserPath, args: ['--automation'] }
				})
				.build();
			await driver.manage().setTimeouts({ script: 60_000, pageLoad: 30_000 });
			await driver
				.manage()
				.window()
				.setRect({
					width: Math.round(phone.width * dpiScale),
					height: Math.round(phone.height * dpiScale)
				});
			await driver.get('about:blank');
			const width = await driver.executeScript<number>(
				'return document.documentElement.clientWidth'
			);
			if (width !== phone.width) {
				throw new Error(`WebKit's viewport is ${width} px wide, not ${phone.width}`);
			}
		} catch (error) {
			await stopAll();
			throw error;
		}

		/** Runs a function in the page with executeAsyncScript, awaiting what it answers. */
		async function evaluate<T, A extends unknown[]>(
			fn: (...args: A) => T | Promise<T>,
			...args: A
		): Promise<T> {
			const script = `const done = arguments[arguments.length - 1];
				const args = Array.prototype.slice.call(arguments, 0, -1);
				Promise.resolve().then(() => (${fn.toString()})(...args)).then(
					(value) => done({ value: value === undefined ? null : value }),
					(error) => done({ error: String((error && error.stack) || error) })
				);`;
			const answer = await driver.executeAsyncScript<{ value?: T; error?: string }>(
				script,
				...args
			);
			if (answer.error !== undefined) throw new Error(`in WebKit's page: ${answer.error}`);
			return answer.value as T;
		}

		return {
			name: webkit.name,
			async open(url) {
				await driver.get(url);
				await evaluate(installErrorCapture);
			},
			evaluate,
			async fill(selector, text) {
				const field = await driver.findElement(By.css(selector));
				await field.clear();
				await field.sendKeys(text);
			},
			// WebKitWebDriver places its pointer in unscaled window pixels, which miss under the
			// DPI scale above; the keyboard reaches the control instead (Space checks a radio button
			// and presses a button), as it does for a person who uses one.
			async click(selector) {
				await driver.findElement(By.css(selector)).sendKeys(Key.SPACE);
			},
			async screenshot() {
				return Buffer.from(await driver.takeScreenshot(), 'base64');
			},
			async takeErrors() {
				return evaluate(() => {
					const target = window as unknown as { __engineErrors?: string[] };
					return (target.__engineErrors ?? []).splice(0);
				});
			},
			async close() {
				await driver.quit();
				await stopAll();
			}
		};
	}
};
