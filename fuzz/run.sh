#!/usr/bin/env bash
# Seeds each fuzz target and runs the targets one after another, or minimizes their corpora.
#
#   fuzz/run.sh [SECONDS] [TARGET...]    fuzz each TARGET for SECONDS (default 60)
#   fuzz/run.sh cmin [TARGET...]         fold the seeds into fuzz/corpus/TARGET and minimize it
#                                        (dropping inputs of KEEP_MAX_BYTES or more, default 65536,
#                                        except the large seeds)
#
# TARGETs default to all. SANITIZER=none skips AddressSanitizer. MAX_LEN is libFuzzer's -max_len
# (default 524288: past the loader's 256 KiB threshold for its threaded paths). Extra libFuzzer
# flags can be given in FUZZ_ARGS (e.g. FUZZ_ARGS="-rss_limit_mb=4096").
#
# fuzz/corpus/TARGET is committed (the replay test in tests/it/fuzz_replay.rs runs it on a stable
# toolchain); new inputs land there as the fuzzer finds them. The seeds (specs/ and a few large
# generated documents) are written to fuzz/seeds/TARGET, which is not committed, and given to
# the fuzzer as a second corpus.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mode=run
if [ "${1:-}" = cmin ]; then
    mode=cmin
    shift
else
    seconds="${1:-60}"
    shift || true
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(load_yaml load_json lint sdk)
fi
sanitizer="${SANITIZER:-address}"
max_len="${MAX_LEN:-524288}"

# Large documents, a little past the loader's 256 KiB threshold (the pipelined YAML parser, the
# line index on a second thread, named schemas lowered on a second thread): the fuzzer's
# mutations seldom grow a small input that far, but they do shrink and change these.
large_oas3_yaml() {
    local n=$1 i
    printf 'openapi: 3.0.3\ninfo:\n  title: Large\n  version: "1.0"\nx-amazon-apigateway-api-key-source: HEADER\npaths:\n'
    for ((i = 0; i < n; i++)); do
        printf '  /items%d/{id}:\n    get:\n      operationId: getItem%d\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "#/components/schemas/Item%d"}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f%d/invocations\n' "$i" "$i" "$i" "$i"
    done
    printf 'components:\n  schemas:\n'
    for ((i = 0; i < n; i++)); do
        printf '    Item%d:\n      type: object\n      required: [id]\n      properties:\n        id: {type: string, maxLength: 64}\n        n: {type: integer, format: int32}\n        next: {$ref: "#/components/schemas/Item%d"}\n        tags: {type: array, items: {type: string}}\n' "$i" "$(((i + 1) % n))"
    done
}
large_swagger2_json() {
    local n=$1 i sep
    printf '{"swagger": "2.0", "info": {"title": "Large", "version": "1.0"}, "basePath": "/v1",\n "paths": {\n'
    for ((i = 0; i < n; i++)); do
        sep=','
        ((i == n - 1)) && sep=''
        printf '  "/items%d": {"post": {"operationId": "postItem%d", "consumes": ["application/json"], "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Item%d"}}], "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Item%d"}}}, "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "POST", "uri": "https://example.com/items/%d", "responses": {"default": {"statusCode": "200"}}}}}%s\n' "$i" "$i" "$i" "$i" "$i" "$sep"
    done
    printf ' },\n "definitions": {\n'
    for ((i = 0; i < n; i++)); do
        sep=','
        ((i == n - 1)) && sep=''
        printf '  "Item%d": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer", "format": "int64"}, "next": {"$ref": "#/definitions/Item%d"}}}%s\n' "$i" "$(((i + 1) % n))" "$sep"
    done
    printf ' }\n}\n'
}
large_sam_yaml() {
    local n=$1 i
    printf 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      DefinitionBody:\n        openapi: 3.0.3\n        info: {title: Large, version: "1.0"}\n        paths:\n'
    for ((i = 0; i < n; i++)); do
        printf '          /things%d:\n            get:\n              responses:\n                "200":\n                  description: ok\n                  content:\n                    application/json:\n                      schema: {$ref: "#/components/schemas/Thing%d"}\n              x-amazon-apigateway-integration:\n                type: aws_proxy\n                httpMethod: POST\n                uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn%d.Arn}/invocations"\n' "$i" "$i" "$i"
    done
    printf '        components:\n          schemas:\n'
    for ((i = 0; i < n; i++)); do
        printf '            Thing%d:\n              type: object\n              properties:\n                id: {type: string}\n                size: {type: number}\n' "$i"
    done
}

# Seeds: small documents of every kind (OpenAPI 3, Swagger 2, SAM/CloudFormation templates),
# and the large ones.
seed() {
    local dir="$here/seeds/$1" yaml=$2
    shift 2
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/$(basename "$f")"
    done
    large_swagger2_json 420 >"$dir/large.swagger2.json"
    if [ "$yaml" = yes ]; then
        large_oas3_yaml 340 >"$dir/large.oas30.yaml"
        large_sam_yaml 420 >"$dir/large-sam.template.yaml"
    fi
    return 0
}

yaml_seeds=("$root"/specs/import/*.yaml "$root"/specs/sdk/*.yaml "$root"/specs/lint/*.yaml)
json_seeds=("$root"/specs/import/*.json)

# cargo-fuzz passes nightly-only flags to rustc: RUSTC_BOOTSTRAP lets a stable toolchain take them.
export RUSTC_BOOTSTRAP=1
cd "$root"
for t in "${targets[@]}"; do
    case "$t" in
        load_yaml) seed "$t" yes "${yaml_seeds[@]}" "${json_seeds[@]}" ;;
        load_json) seed "$t" no "${json_seeds[@]}" ;;
        lint) seed "$t" yes "${yaml_seeds[@]}" "${json_seeds[@]}" ;;
        sdk) seed "$t" yes "$root"/specs/sdk/*.yaml "$root"/specs/import/*.yaml "${json_seeds[@]}" ;;
        *) echo "unknown target: $t" >&2; exit 2 ;;
    esac
    corpus="$here/corpus/$t"
    mkdir -p "$corpus"
    if [ "$mode" = cmin ]; then
        # Inputs of KEEP_MAX_BYTES or more (the fuzzer's variants of the large seeds) are dropped:
        # kept, they would make the committed corpus tens of MB and its replay slow. The large
        # seeds themselves stay in the running. Then the seeds join the corpus, so that those
        # that add coverage are kept, and the corpus is minimized by edge coverage
        # (-use_counters=0: hit counts would keep many near-copies of the same input).
        find "$corpus" -type f -size +"$((${KEEP_MAX_BYTES:-65536} - 1))"c -delete
        cp "$here/seeds/$t"/* "$corpus/"
        echo "== $t: cmin ($(ls "$corpus" | wc -l) files)"
        cargo fuzz cmin --sanitizer "$sanitizer" "$t" "$corpus" -- \
            -max_len="$max_len" -timeout=10 -use_counters=0 ${FUZZ_ARGS:-}
        echo "== $t: $(ls "$corpus" | wc -l) files, $(du -sb "$corpus" | cut -f1) bytes"
        continue
    fi
    echo "== $t: ${seconds}s"
    cargo fuzz run --sanitizer "$sanitizer" "$t" "$corpus" "$here/seeds/$t" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -print_final_stats=1 ${FUZZ_ARGS:-}
done
