#!/usr/bin/env bash
# Every check of the project: lint, type-check, build, unit + integration (vitest), end-to-end (Playwright in
# Debian's Chromium). First installs the system packages it needs on Debian/Ubuntu when they are missing.
set -uo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

step() { printf '\n==> %s\n' "$*"; }

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libsecret-1-dev >/dev/null 2>&1 || need+=(libsecret-1-dev)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
if [ ${#need[@]} -gt 0 ]; then
  step "Installing system packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "Could not install ${need[*]}"; exit 1; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

set -e
step "Lint";            npm run -s lint
step "Type-check";      npm run -s typecheck
step "Build web UI";    npm run -s build:web
step "Build Electron";  npm run -s build:electron
set +e

mkdir -p reports
step "Unit and integration tests (vitest, under a private D-Bus with gnome-keyring for keychain tests)"
TEST_HOME=$(mktemp -d)
HOME="$TEST_HOME" dbus-run-session -- sh -c \
  'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK; npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json'
vitest_rc=$?
rm -rf "$TEST_HOME"

step "End-to-end tests (Playwright, Chromium)"
npx playwright test
e2e_rc=$?

node tests/summarise-results.mjs reports/vitest.json reports/e2e.json
summary_rc=$?
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
