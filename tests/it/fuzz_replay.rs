//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) through the fuzz targets' own
//! entry points (`fuzz/src/lib.rs`, included here as a module), so that an input the fuzzer once
//! found interesting and that now panics, or has become slow, fails `cargo test` on a stable
//! toolchain, without cargo-fuzz.

use crate::common;

#[path = "../../fuzz/src/lib.rs"]
mod gwgen_fuzz;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The most one input may take (in a debug build); the slowest in the corpora take well under 1 s.
const LIMIT: Duration = Duration::from_secs(10);

/// Runs `entry` on every file of `fuzz/corpus/<target>/`, in name order. Fails on a corpus with
/// fewer than `at_least` files (an emptied or misplaced corpus), and names every input that
/// panicked or took longer than [`LIMIT`].
fn replay(target: &str, entry: fn(&[u8]), at_least: usize) {
    let dir = common::root().join("fuzz/corpus").join(target);
    let files = common::files_in(&dir);
    assert!(
        files.len() >= at_least,
        "{}: {} files, expected at least {at_least} (the committed corpus)",
        dir.display(),
        files.len()
    );
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| entry(&data)));
        let took = start.elapsed();
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".into());
            failures.push(format!("{name}: panicked: {message}"));
        }
        if took > LIMIT {
            failures.push(format!("{name}: took {took:.2?} (the limit is {LIMIT:?})"));
        }
        if took > slowest.0 {
            slowest = (took, name);
        }
    }
    let summary = format!(
        "{target}: {} inputs in {:.2?}, the slowest {} in {:.2?}",
        files.len(),
        started.elapsed(),
        slowest.1,
        slowest.0
    );
    eprintln!("{summary}");
    assert!(
        failures.is_empty(),
        "{summary}; {} failed (replay one with `RUSTC_BOOTSTRAP=1 cargo fuzz run {target} fuzz/corpus/{target}/NAME`):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// The file counts are those of the corpora as committed (`fuzz/run.sh cmin`): a commit that
// minimizes a corpus again states its new count here.

#[test]
fn fuzz_replay_load_yaml() {
    replay("load_yaml", gwgen_fuzz::load_yaml, 475);
}

#[test]
fn fuzz_replay_load_json() {
    replay("load_json", gwgen_fuzz::load_json, 149);
}

#[test]
fn fuzz_replay_lint() {
    replay("lint", gwgen_fuzz::lint, 856);
}

#[test]
fn fuzz_replay_sdk() {
    replay("sdk", gwgen_fuzz::sdk, 354);
}
