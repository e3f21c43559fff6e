#!/usr/bin/env bash
# Installs the real third-party clients that test/compat/ drives against dnsledger: Debian's
# dnsdbq (the DNSDB API v2 client), and in a venv under .cache/compat-venv PyPDNS (the CIRCL
# passive DNS client) and Schemathesis (property-based runs of the API from its OpenAPI
# document). Idempotent: it installs only what is missing, so a second run costs about a
# second. Call it from .ci/run before npm test.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.cache/compat-venv"

sudo=()
[[ "$(id -u)" == 0 ]] || sudo=(sudo)

apt_install() {
  echo "compat-deps.sh: installing $*" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$@"
}

command -v dnsdbq >/dev/null || apt_install dnsdbq

python=$(command -v python3 || true)
[[ -n "$python" ]] || { apt_install python3 python3-venv; python=$(command -v python3); }

if [[ ! -x "$venv/bin/python" ]]; then
  # Debian's own python3 has venv (ensurepip) in a separate package.
  "$python" -m venv "$venv" 2>/dev/null || {
    rm -rf "$venv"
    apt_install python3-venv
    "$python" -m venv "$venv"
  }
fi

"$venv/bin/python" -c 'import pypdns' 2>/dev/null ||
  "$venv/bin/python" -m pip install -q --disable-pip-version-check 'pypdns>=2.3,<3'

# Tested with 4.32; 4.x keeps the `st run` options that test/compat/schemathesis.test.ts passes.
[[ -x "$venv/bin/st" ]] ||
  "$venv/bin/python" -m pip install -q --disable-pip-version-check 'schemathesis>=4.32,<5'

version() { "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))"; }
echo "compat-deps.sh: $(dnsdbq -v 2>&1 | head -n 1 || true);" \
  "pypdns $(version pypdns), schemathesis $(version schemathesis) in $venv" >&2
