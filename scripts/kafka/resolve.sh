#!/usr/bin/env bash
# Resolves the test broker's jars from Maven Central into
# .cache/kafka/<version>/libs (or $DNSLEDGER_KAFKA_CACHE/<version>/libs), compiles
# TestBrokerSetup.java into a jar there too, and prints the version's folder.
# Finished steps are marked with stamp files, so later runs cost nothing; a run that died
# half-way leaves no stamp and that step is redone from scratch.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="${DNSLEDGER_KAFKA_VERSION:-4.4.0}"
cache="${DNSLEDGER_KAFKA_CACHE:-$repo/.cache/kafka}"
dest="$cache/$version"
libs="$dest/libs"
setup_jar="$libs/dnsledger-test-setup.jar"
# Stamps carry hashes of their inputs, so editing the pom or the Java source redoes the step.
pom_hash="$(sha256sum "$here/pom.xml" | cut -c1-16)"
libs_stamp="$dest/.resolved-$pom_hash"
src_hash="$(cat "$here/TestBrokerSetup.java" "$here/pom.xml" | sha256sum | cut -c1-16)"
classes_stamp="$dest/.compiled-$src_hash"

if [[ -f "$libs_stamp" && -f "$classes_stamp" && -f "$setup_jar" ]]; then
  echo "$dest"
  exit 0
fi

need() { command -v "$1" >/dev/null || { echo "resolve.sh: $1 not found ($2)" >&2; exit 1; }; }
need mvn "apt-get install maven"
need javac "a JDK 17+ is needed, e.g. apt-get install openjdk-17-jdk-headless"

mkdir -p "$dest"
# Serialise concurrent first runs (tap runs test files in parallel) on one lock per version.
exec 9>"$dest/.lock"
flock 9

if [[ ! -f "$libs_stamp" ]]; then
  echo "resolve.sh: resolving Apache Kafka $version jars with Maven into $libs" \
    "(first run only; may take a few minutes)" >&2
  tmp="$dest/libs.tmp.$$"
  # A class-data archive (see broker.sh) is only valid for the jars it was made from.
  rm -rf "$tmp" "$dest"/.resolved-* "$dest"/.compiled-* "$dest"/cds-*.jsa
  log="$dest/mvn.log"
  if ! mvn -B -q -f "$here/pom.xml" \
      -Dkafka.version="$version" \
      -DincludeScope=runtime \
      -DoutputDirectory="$tmp" \
      dependency:copy-dependencies >"$log" 2>&1; then
    echo "resolve.sh: Maven failed, last lines of $log:" >&2
    tail -n 30 "$log" >&2
    rm -rf "$tmp"
    exit 1
  fi
  rm -rf "$libs"
  mv "$tmp" "$libs"
  touch "$libs_stamp"
  echo "resolve.sh: $(find "$libs" -name '*.jar' | wc -l) jars in $libs" >&2
fi

if [[ ! -f "$classes_stamp" || ! -f "$setup_jar" ]]; then
  rm -rf "$dest"/.compiled-* "$dest"/cds-*.jsa "$setup_jar"
  # A jar, not a classes folder: class-data archives refuse non-empty folders on the class path.
  classes="$(mktemp -d)"
  javac -nowarn -d "$classes" -cp "$libs/*" "$here/TestBrokerSetup.java"
  jar cf "$setup_jar.tmp" -C "$classes" .
  mv "$setup_jar.tmp" "$setup_jar"
  rm -rf "$classes"
  touch "$classes_stamp"
fi
echo "$dest"
