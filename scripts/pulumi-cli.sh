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
# written against (403 for its version list and for every pseudo-version tried), so beside a CLI built here the
# script builds scripts/policy-launcher instead: it answers RunPlugin for policy packs only, starting the pack's
# run-policy-pack behind the SDK's own PolicyProxy as the Node.js host does (see its main.go). A host already
# beside the CLI (copied from a Pulumi install) is kept and used.
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
    || die "the engine tests need a Pulumi CLI: set PULUMI_CLI, put pulumi on PATH, or install Go (1.26.6 or later, what pulumi v3.274.1 requires) to build v$VERSION"
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
if [ ! -x "$bin/pulumi-language-nodejs" ]; then
  launcher="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/policy-launcher"
  echo "trailwatch: building the policy launcher (pulumi-language-nodejs's place, packs only) into $bin" >&2
  (
    cd "$launcher"
    CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w -X main.version=$VERSION" \
      -o "$bin/pulumi-language-nodejs.tmp" . >&2
  )
  mv "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
fi
echo "$bin/pulumi"
