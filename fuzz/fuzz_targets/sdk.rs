#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gwgen_fuzz::sdk(data));
