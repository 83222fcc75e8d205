// Runs before the first paint (a blocking script in <head>): applies the text size, contrast,
// furigana and language saved by the app, so large text never flashes small. IndexedDB holds
// the settings; this reads the copy the app mirrors to localStorage, and ignores bad values.
(function () {
	var root = document.documentElement;
	// Scripts run: parts that only work with the app (choosing a learner) may show.
	root.setAttribute('data-js', '');
	try {
		var saved = JSON.parse(localStorage.getItem('yorisoi.settings') || 'null');
		if (saved && typeof saved === 'object') {
			if ([100, 125, 150, 200].indexOf(saved.textSize) >= 0) {
				root.setAttribute('data-text-size', String(saved.textSize));
			}
			if (typeof saved.highContrast === 'boolean') {
				root.setAttribute('data-contrast', saved.highContrast ? 'high' : 'normal');
			}
			if (typeof saved.furigana === 'boolean') {
				root.setAttribute('data-furigana', saved.furigana ? 'on' : 'off');
			}
			if (saved.locale === 'en') root.lang = 'en';
			// Pages are prerendered in Japanese; hide other-language text until the app has
			// swapped it (style.css shows it again after a moment even if the app never starts).
			if (saved.locale === 'en' || saved.locale === 'ja-easy') {
				root.setAttribute('data-locale-pending', '');
			}
		}
	} catch (_) {
		// No storage (private mode) or a broken value: the page uses the defaults.
	}
	// A lesson the learner practising now left unfinished opens at their step, not at step 1:
	// the lesson page keeps its step hidden until it has read where they were (resume-mirror.ts).
	try {
		var resume = JSON.parse(localStorage.getItem('yorisoi.resume') || 'null');
		var lesson = /\/lessons\/([a-z0-9-]+)\/?$/.exec(location.pathname);
		var places = resume && resume.places && resume.current && resume.places[resume.current];
		if (lesson && places && places[lesson[1]] > 0) root.setAttribute('data-resuming', '');
	} catch (_) {
		// No storage or a broken value: step 1 shows first, then the learner's step.
	}
	// The step stays hidden for as long as the app takes to start, however slow the phone (its
	// scripts come from the service worker's cache, as the learner has been here before); if a
	// script fails to load or run before the app is ready, it never will, so step 1 shows now.
	function appFailed(event) {
		var source = event.target;
		var script = source && (source.nodeName === 'SCRIPT' || source.nodeName === 'LINK');
		if ((source === window || script) && !root.hasAttribute('data-app-ready')) {
			root.removeAttribute('data-resuming');
		}
	}
	if (root.hasAttribute('data-resuming')) {
		window.addEventListener('error', appFailed, true);
		window.addEventListener('unhandledrejection', appFailed);
	}
	// The host's town (issue 17): /town.js, the next script, calls this with the town the server
	// (or the service worker's copy of it) has for this host. Pages were prerendered with the
	// town of town.config.json; another town's colours, paused state and texts are put in here,
	// before the first paint, so nothing changes size or colour when the app starts.
	window.__yorisoiApplyTown = function (served) {
		var town = served && served.town;
		if (!town || typeof town !== 'object') return;
		// The app starts with this town (src/lib/host-town.svelte.ts).
		window.__yorisoiServedTown = served;
		var colours = town.colours || {};
		var colour = /^#[0-9a-f]{6}$/i;
		if (colour.test(colours.primary)) root.style.setProperty('--town-primary', colours.primary);
		if (colour.test(colours.background)) {
			root.style.setProperty('--town-background', colours.background);
		}
		if (served.suspended === true) root.setAttribute('data-town-suspended', '');
		if (served.prerendered === true) return;
		// A town text by its path (`office.phone`), in Japanese (the language pages are
		// prerendered in; another language waits for the app, above), without furigana markup.
		function textAt(path) {
			var value = town;
			var keys = String(path).split('.');
			for (var i = 0; i < keys.length && value; i++) value = value[keys[i]];
			if (value && typeof value === 'object') value = value.ja;
			return typeof value === 'string' ? value.replace(/\{([^{}|]*)\|[^{}]*\}/g, '$1') : null;
		}
		// Fills an element marked data-town="path": its one text (Svelte's hydration markers
		// around it stay), a tel: link's number; data-town-shown="path" shows it when true.
		function fill(element) {
			var shown = element.getAttribute('data-town-shown');
			if (shown) element.hidden = !town[shown];
			var path = element.getAttribute('data-town');
			var text = path ? textAt(path) : null;
			if (text === null) return;
			if (/^tel:/.test(element.getAttribute('href') || '')) {
				element.setAttribute('href', 'tel:' + text);
			}
			var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
			for (var node = walker.nextNode(); node; node = walker.nextNode()) {
				if (node.nodeValue.trim()) {
					if (node.nodeValue !== text) node.nodeValue = text;
					return;
				}
			}
		}
		var marks = '[data-town],[data-town-shown]';
		// The marked element around a node that changed, and (for an added one) those inside.
		function fillAround(node, added) {
			var element = node.nodeType === 1 ? node : node.parentElement;
			var marked = element && element.closest(marks);
			if (marked) fill(marked);
			if (added && node.nodeType === 1) node.querySelectorAll(marks).forEach(fill);
		}
		// Mutation records are handled before the browser paints what the parser added.
		var observer = new MutationObserver(function (records) {
			records.forEach(function (record) {
				fillAround(record.target, false);
				record.addedNodes.forEach(function (node) {
					fillAround(node, true);
				});
			});
		});
		observer.observe(root, { childList: true, subtree: true, characterData: true });
		document.addEventListener('DOMContentLoaded', function () {
			fillAround(root, true);
			observer.disconnect();
		});
	};
	// Read-aloud buttons are in the prerendered pages; they show only where the browser speaks.
	if ('speechSynthesis' in window) root.setAttribute('data-speech', '');
	// Chromium fires this once, often before the app has started; keep it for /install.
	window.addEventListener('beforeinstallprompt', function (event) {
		event.preventDefault();
		window.__yorisoiInstallPrompt = event;
	});
})();
