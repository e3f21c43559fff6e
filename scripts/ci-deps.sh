#!/usr/bin/env bash
# Installs on a fresh Debian machine what the Kafka test broker (scripts/kafka) needs, then
# resolves the broker's jars into .cache/kafka. Idempotent: it installs only what is missing
# and reuses a resolved cache, so running it again costs a second or two.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() {
  java -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

missing=()
# kcat is the test suite's independent producer (broker.sh falls back to Java without it).
command -v kcat >/dev/null || missing+=(kcat)
# Kafka 4 brokers need Java 17+; javac compiles the setup helper and `jar` packs it.
if ! command -v javac >/dev/null || ! command -v jar >/dev/null ||
  [[ "$(java_major)" -lt 17 ]]; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null || missing+=(maven)
# flock and setsid (util-linux) are in every Debian base system; checked for clearer errors.
for tool in flock setsid sha256sum base64; do
  command -v "$tool" >/dev/null || { echo "ci-deps.sh: $tool is missing" >&2; exit 1; }
done

if ((${#missing[@]} > 0)); then
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  echo "ci-deps.sh: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
fi

"$repo/scripts/kafka/resolve.sh" >/dev/null
echo "ci-deps.sh: kcat $(kcat -V 2>/dev/null | sed -n 's/^Version \([^ ]*\).*/\1/p')," \
  "Java $(java_major), Kafka jars in $repo/.cache/kafka" >&2
