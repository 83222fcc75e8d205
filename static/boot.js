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
	// Read-aloud buttons are in the prerendered pages; they show only where the browser speaks.
	if ('speechSynthesis' in window) root.setAttribute('data-speech', '');
	// Chromium fires this once, often before the app has started; keep it for /install.
	window.addEventListener('beforeinstallprompt', function (event) {
		event.preventDefault();
		window.__yorisoiInstallPrompt = event;
	});
})();
