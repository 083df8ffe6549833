//! Every rule against its fixture in specs/lint/: it fires exactly on the lines marked
//! `# expect: <rule-id>`, nowhere else, and its text output is a reviewed snapshot.

use crate::common;

use std::collections::BTreeSet;

use gwgen::lint::{self, Mode, REGISTRY};
use gwgen::load::{self, Options};
use gwgen::report;

#[test]
fn each_rule_fires_exactly_where_its_fixture_says() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    // GWGEN_RULES=a,b limits the run to some rules (while writing them).
    let only: Option<Vec<String>> =
        std::env::var("GWGEN_RULES").ok().map(|v| v.split(',').map(str::to_string).collect());
    for entry in REGISTRY {
        let id = entry.meta.id;
        if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == id)) {
            continue;
        }
        let rel = format!("specs/lint/{id}.yaml");
        let path = common::root().join(&rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let expected: BTreeSet<u32> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(&format!("# expect: {id}")))
            .map(|(i, _)| i as u32 + 1)
            .collect();
        // A rule that cannot fire in a small file (a size limit) says why with `# expect-none:`
        // and is tested where it can fire, in its own file.
        assert!(
            !expected.is_empty() || text.contains("# expect-none:"),
            "{rel} marks no line with `# expect: {id}` (nor says `# expect-none: <why>`)"
        );
        // The API type comes from the fixture itself (its extensions), as for a user.
        // A fixture may fix its API type as a user would on the command line: `# gwgen: --api-type http`.
        let api_type = text
            .lines()
            .find_map(|l| l.split("# gwgen: --api-type ").nth(1))
            .map(|t| (gwgen::ir::ApiType::parse(t.trim()).expect("rest or http"), gwgen::ir::ApiTypeFrom::Flag));
        let api = load::load(std::path::Path::new(&rel), &Options { api_type, api: None, allow_external_refs: false })
            .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        let findings: Vec<_> = lint::run(&api, Mode::Lint).into_iter().filter(|f| f.rule == id).collect();
        let located = report::locate(&findings, &api.sources);
        let actual: BTreeSet<u32> = located.iter().map(|f| f.line).collect();
        assert_eq!(actual, expected, "{id}: findings on lines {actual:?}, fixture expects {expected:?}");
        let mut out = String::new();
        report::text(&findings, &api.sources, &mut out);
        insta::assert_snapshot!(format!("lint-{id}"), out);
    }
}
