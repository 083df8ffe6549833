#![no_main]

use gwgen::render::typescript::{render, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for api in gwgen_fuzz::load(data, "api.yaml") {
        // An error is an answer; only a panic is a bug.
        let _ = render(&api, &Options { name: None });
    }
});
