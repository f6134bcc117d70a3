#!/usr/bin/env bash
# Prints the path of a real Pulumi CLI, building a pinned one from the Go module proxy when none is given.
# Used by `npm run test:engine` and `npm run bench`.
#
#   PULUMI_CLI=/path/to/pulumi   use that CLI
#   a `pulumi` on PATH           used as it is, with the language host beside it or on PATH
#                                (set TRAILWATCH_BUILD_PULUMI=1 to build the pinned one anyway)
#   otherwise                    build v$VERSION into $TRAILWATCH_PULUMI_CACHE (default ~/.cache/trailwatch),
#                                reused when present
#
# Packs in a directory start through the Node.js language host, `pulumi-language-nodejs`, which must sit beside the
# CLI (an installed Pulumi has it). CLI v3.274.1 has no other way: its NewPolicyAnalyzer (pkg/resource/plugin)
# dropped the old `pulumi-analyzer-policy-nodejs` fallback. The host's module
# (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the module proxy this was
# written against (403 for its version list and for every pseudo-version tried), so the script builds it from
# its sources when given them:
#
#   TRAILWATCH_NODEJS_HOST_SOURCE=<dir>   sdk/nodejs/cmd/pulumi-language-nodejs of a pulumi/pulumi checkout at
#   TRAILWATCH_NODEJS_HOST_VERSION=<X>    tag sdk/vX: built against pkg/v3 and sdk/v3 vX from the proxy
#
# and otherwise stops with one line saying what it needs.
#
# Why a wrapper module: the CLI's module go.mod `replace`s sibling directories of the pulumi/pulumi repository,
# so `go install module@version` refuses it. The wrapper requires the same versions and copies only the
# non-relative replaces (the relative ones point into the repository at the same commit, which the pinned
# versions already are). CGO_ENABLED=0 and version.Version set through -ldflags, since a CLI without a version
# checks for updates over the network.
set -euo pipefail

VERSION=3.274.1
# The non-relative replaces of github.com/pulumi/pulumi/pkg/v3@v3.274.1's go.mod.
REPLACES=(
  "github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e"
)

die() { echo "trailwatch: $*" >&2; exit 2; }

has_host() { [ -x "$(dirname "$1")/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; }

if [ -n "${PULUMI_CLI:-}" ]; then
  [ -x "$PULUMI_CLI" ] || die "PULUMI_CLI=$PULUMI_CLI is not an executable; point it at a pulumi binary or unset it to build one"
  has_host "$PULUMI_CLI" || die "no pulumi-language-nodejs beside $PULUMI_CLI or on PATH; install the full Pulumi CLI or unset PULUMI_CLI to build one"
  echo "$PULUMI_CLI"; exit 0
fi
if [ "${TRAILWATCH_BUILD_PULUMI:-}" != "1" ] && onpath="$(command -v pulumi 2>/dev/null)" && has_host "$onpath"; then
  echo "$onpath"; exit 0
fi

cache="${TRAILWATCH_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trailwatch}/pulumi-v$VERSION"
bin="$cache/bin"
if [ ! -x "$bin/pulumi" ]; then
  command -v go >/dev/null 2>&1 \
    || die "the engine tests need a Pulumi CLI: set PULUMI_CLI, put pulumi on PATH, or install Go (1.25 or later) to build v$VERSION"
  work="$cache/wrapper"
  rm -rf "$work"; mkdir -p "$work" "$bin"
  (
    cd "$work"
    export GOFLAGS=-mod=mod CGO_ENABLED=0
    go mod init trailwatch.local/pulumi-cli >/dev/null 2>&1
    for r in "${REPLACES[@]}"; do go mod edit -replace "$r"; done
    go mod edit -require "github.com/pulumi/pulumi/pkg/v3@v$VERSION" -require "github.com/pulumi/pulumi/sdk/v3@v$VERSION"
    echo "trailwatch: building Pulumi CLI v$VERSION into $bin (once; minutes cold)" >&2
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
      -o "$bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  )
  # Renamed last, so an interrupted build is never taken for a finished one.
  mv "$bin/pulumi.tmp" "$bin/pulumi"
fi
if [ ! -x "$bin/pulumi-language-nodejs" ] && [ -n "${TRAILWATCH_NODEJS_HOST_SOURCE:-}" ]; then
  hv="${TRAILWATCH_NODEJS_HOST_VERSION:?set TRAILWATCH_NODEJS_HOST_VERSION to the sdk/vX tag the sources are from}"
  [ -f "$TRAILWATCH_NODEJS_HOST_SOURCE/main.go" ] \
    || die "TRAILWATCH_NODEJS_HOST_SOURCE=$TRAILWATCH_NODEJS_HOST_SOURCE holds no main.go; point it at sdk/nodejs/cmd/pulumi-language-nodejs of a pulumi/pulumi checkout"
  src="$cache/host-src"
  rm -rf "$src"; mkdir -p "$src"
  cp "$TRAILWATCH_NODEJS_HOST_SOURCE"/*.go "$TRAILWATCH_NODEJS_HOST_SOURCE/go.mod" "$TRAILWATCH_NODEJS_HOST_SOURCE/go.sum" "$src/"
  rm -f "$src"/*_test.go
  (
    cd "$src"
    export GOFLAGS=-mod=mod CGO_ENABLED=0
    # The relative replaces point into the checkout; the proxy's modules at the same tag take their place.
    go mod edit -dropreplace github.com/pulumi/pulumi/pkg/v3 -dropreplace github.com/pulumi/pulumi/sdk/v3 \
      -require "github.com/pulumi/pulumi/pkg/v3@v$hv" -require "github.com/pulumi/pulumi/sdk/v3@v$hv"
    echo "trailwatch: building pulumi-language-nodejs v$hv into $bin (once)" >&2
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$hv" \
      -o "$bin/pulumi-language-nodejs.tmp" . >&2
  )
  mv "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
fi
[ -x "$bin/pulumi-language-nodejs" ] \
  || die "the engine tests need pulumi-language-nodejs beside $bin/pulumi: copy it there from a Pulumi install, or set TRAILWATCH_NODEJS_HOST_SOURCE and TRAILWATCH_NODEJS_HOST_VERSION to build it (see scripts/pulumi-cli.sh)"
echo "$bin/pulumi"
