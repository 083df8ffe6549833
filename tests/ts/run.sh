#!/usr/bin/env bash
# Type-checks templates/ts/runtime.ts and sigv4.ts (with DOM types, and with Node types only), compiles it
# with tests/ts/runtime.test.ts into OUTDIR and runs the tests. Usage: bash tests/ts/run.sh OUTDIR
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: bash tests/ts/run.sh OUTDIR}"
tsc="$root/.tools/node_modules/.bin/tsc"
[ -x "$tsc" ] || { echo "run.sh: $tsc is missing; run bash .ci/setup" >&2; exit 1; }

strict=(--noEmit --strict --exactOptionalPropertyTypes --noUncheckedIndexedAccess --noUnusedLocals
  --noUnusedParameters --noImplicitOverride --noImplicitReturns --noFallthroughCasesInSwitch
  --verbatimModuleSyntax --isolatedModules --target es2020 --module esnext --moduleResolution bundler)
# DOM types and no @types at all (the type root below does not exist).
"$tsc" "${strict[@]}" --lib es2020,dom --typeRoots "$root/tests/ts/.none" "$root/templates/ts/runtime.ts" "$root/templates/ts/sigv4.ts"
# No DOM: Node's own types only.
"$tsc" "${strict[@]}" --lib es2020 --types node --typeRoots "$root/.tools/node_modules/@types" "$root/templates/ts/runtime.ts" "$root/templates/ts/sigv4.ts"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
"$tsc" -p "$root/tests/ts/tsconfig.json" --outDir "$out"
printf '{"type":"module"}\n' > "$out/package.json"
# The compiled test imports aws4fetch; resolve it from the tools install.
ln -sfn "$root/.tools/node_modules" "$out/node_modules"
node --test --test-reporter=spec "$out/tests/ts/runtime.test.js"
