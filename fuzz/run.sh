#!/usr/bin/env bash
# Seeds each fuzz target's corpus from specs/ and runs the targets one after another.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs default to all. SANITIZER=none skips AddressSanitizer.
# Extra libFuzzer flags can be given in FUZZ_ARGS (e.g. FUZZ_ARGS="-rss_limit_mb=4096").
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(load_yaml load_json lint sdk)
fi
sanitizer="${SANITIZER:-address}"

# Seeds: small documents of every kind (OpenAPI 3, Swagger 2, SAM/CloudFormation templates).
seed() {
    local dir="$here/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp -n "$f" "$dir/$(basename "$f")"
    done
    return 0
}

yaml_seeds=("$root"/specs/import/*.yaml "$root"/specs/sdk/*.yaml "$root"/specs/lint/*.yaml)
json_seeds=("$root"/specs/import/*.json)

cd "$root"
for t in "${targets[@]}"; do
    case "$t" in
        load_yaml) seed "$t" "${yaml_seeds[@]}" "${json_seeds[@]}" ;;
        load_json) seed "$t" "${json_seeds[@]}" ;;
        lint) seed "$t" "${yaml_seeds[@]}" "${json_seeds[@]}" ;;
        sdk) seed "$t" "$root"/specs/sdk/*.yaml "$root"/specs/import/*.yaml "${json_seeds[@]}" ;;
        *) echo "unknown target: $t" >&2; exit 2 ;;
    esac
    echo "== $t: ${seconds}s"
    # cargo-fuzz passes nightly-only flags to rustc: RUSTC_BOOTSTRAP lets a stable toolchain take them.
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "$sanitizer" "$t" "$here/corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 ${FUZZ_ARGS:-}
done
