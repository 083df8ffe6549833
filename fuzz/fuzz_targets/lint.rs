#![no_main]

use gwgen::ir::ApiTypeFrom;
use gwgen::lint::{self, Mode};
use gwgen::report;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for mut api in gwgen_fuzz::load(data, "api.yaml") {
        // As `gwgen lint` runs it, with the text report (code frames through the locator).
        let findings = lint::run(&api, Mode::Lint);
        let mut out = String::new();
        report::text(&findings, &api.sources, &mut out);
        let _ = report::locate(&findings, &api.sources);
        // As `gwgen import` runs it.
        let _ = report::locate(&lint::run(&api, Mode::Import), &api.sources);
        // A document without API Gateway extensions skips most rules: run them all, as
        // `--api-type` with the detected type would.
        if !lint::targets_api_gateway(&api) {
            api.api_type_from = ApiTypeFrom::Flag;
            let _ = report::locate(&lint::run(&api, Mode::Lint), &api.sources);
        }
    }
});
