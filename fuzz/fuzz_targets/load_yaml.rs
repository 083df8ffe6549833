#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwgen_fuzz::load_yaml(data));
