//! gwgen's integration tests, one binary: through the library API and through the gwgen binary
//! (exit codes, formats, generated SDKs compiled and called, the shared corpus).

mod common;

mod cfn;
mod corpus;
mod diff;
mod export;
mod fuzz_replay;
mod hostile;
mod import;
mod lint_cli;
mod packaging;
mod pre_commit;
mod sam_auth;
mod sam_oracle;
mod sdk;
mod sdk_prism;
mod sdk_wire;
mod templates;
mod websocket;
