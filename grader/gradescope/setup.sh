#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (network allowed then,
# never while grading). It installs Node 20 and the pinned packages, and builds sim-core.
set -euo pipefail
cd "$(dirname "$0")"

node_ok() {
  command -v node >/dev/null && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y --no-install-recommends nodejs
fi
# The OS sandbox around learner code: bubblewrap, and setpriv and prlimit from util-linux.
command -v bwrap >/dev/null || { apt-get update && apt-get install -y --no-install-recommends bubblewrap; }
command -v setpriv >/dev/null && command -v prlimit >/dev/null || apt-get install -y --no-install-recommends util-linux
npm ci --no-audit --no-fund
node scripts/setup.mjs
# Learner code runs as an unprivileged user in the sandbox: it must be able to read the grader's
# runner and packages (this folder only; nothing outside it changes).
chmod -R a+rX .
