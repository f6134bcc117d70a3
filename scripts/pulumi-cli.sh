#!/usr/bin/env bash
# Prints the path of a real Pulumi CLI whose directory also holds `pulumi-language-nodejs`, building a pinned
# one from the Go module proxy when none is given. Used by `npm run test:engine` and `npm run bench`.
#
#   PULUMI_CLI=/path/to/pulumi   use that CLI (its directory must hold pulumi-language-nodejs, as an install does)
#   a `pulumi` on PATH           used as it is, likewise
#   otherwise                    build v$VERSION into $TRAILWATCH_PULUMI_CACHE (default ~/.cache/trailwatch),
#                                reused when present
#
# Why a wrapper module: both main packages live in modules whose go.mod `replace`s sibling directories of the
# pulumi/pulumi repository, so `go install module@version` refuses them. The wrapper requires the same
# versions and copies only the non-relative replaces (the relative ones point into the repository and mean
# "the same commit", which the pinned versions already are).
set -euo pipefail

# v3.259.0 is the newest release whose `sdk/v3.X` tag commit is pinned here; the language host has no tags of
# its own, so it is taken as the pseudo-version of that commit (committed 2026-08-19 16:51:55 UTC).
VERSION=3.259.0
HOST_COMMIT=0ac56e876614aedf12771d73ef7e80959b8a6fd4
HOST_PSEUDO=v3.0.0-20260819165155-${HOST_COMMIT:0:12}
# The one non-relative replace both modules' go.mod carry at that commit.
REPLACES=(
  "github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e"
)

die() { echo "trailwatch: $*" >&2; exit 2; }

has_host() { [ -x "$(dirname "$1")/pulumi-language-nodejs" ]; }

if [ -n "${PULUMI_CLI:-}" ]; then
  [ -x "$PULUMI_CLI" ] || die "PULUMI_CLI=$PULUMI_CLI is not an executable; point it at a pulumi binary or unset it to build one"
  has_host "$PULUMI_CLI" || die "no pulumi-language-nodejs beside $PULUMI_CLI; install the full Pulumi CLI or unset PULUMI_CLI to build one"
  echo "$PULUMI_CLI"; exit 0
fi
if [ "${TRAILWATCH_BUILD_PULUMI:-}" != "1" ] && onpath="$(command -v pulumi 2>/dev/null)" && has_host "$onpath"; then
  echo "$onpath"; exit 0
fi

cache="${TRAILWATCH_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trailwatch}/pulumi-v$VERSION"
if [ -x "$cache/bin/pulumi" ] && [ -x "$cache/bin/pulumi-language-nodejs" ]; then
  echo "$cache/bin/pulumi"; exit 0
fi

command -v go >/dev/null 2>&1 \
  || die "the engine tests need a Pulumi CLI: set PULUMI_CLI, put pulumi on PATH, or install Go (1.25 or later) to build v$VERSION"

work="$cache/wrapper"
rm -rf "$work"; mkdir -p "$work" "$cache/bin"
cd "$work"
export GOFLAGS=-mod=mod CGO_ENABLED=0
go mod init trailwatch.local/pulumi-cli >/dev/null 2>&1
for r in "${REPLACES[@]}"; do go mod edit -replace "$r"; done
go mod edit \
  -require "github.com/pulumi/pulumi/pkg/v3@v$VERSION" \
  -require "github.com/pulumi/pulumi/sdk/v3@v$VERSION" \
  -require "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$HOST_PSEUDO"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION"
echo "trailwatch: building Pulumi CLI v$VERSION and pulumi-language-nodejs into $cache/bin (once; several minutes)" >&2
go build -trimpath -ldflags "$ldflags" -o "$cache/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
go build -trimpath -ldflags "$ldflags" -o "$cache/bin/pulumi-language-nodejs.tmp" \
  github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 >&2
# Renamed last, so an interrupted build is never taken for a finished one.
mv "$cache/bin/pulumi-language-nodejs.tmp" "$cache/bin/pulumi-language-nodejs"
mv "$cache/bin/pulumi.tmp" "$cache/bin/pulumi"
echo "$cache/bin/pulumi"
