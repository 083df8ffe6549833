//! gwgen: an OpenAPI toolchain for AWS API Gateway.
//!
//! The pipeline: `load` reads a document into the typed [`ir::Api`]; `lint` checks it;
//! `plan` describes what API Gateway would build; `report` turns findings into output.
//! Imports run one way: `source`/`diag` <- `ir` <- `load`, `lint`, `plan` <- `report` <- `commands`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod discover;
pub mod ir;
pub mod lint;
pub mod load;
pub mod plan;
pub mod render;
pub mod report;
pub mod source;

pub use commands::Exit;

/// Runs one command line.
pub fn run(cli: cli::Cli) -> Exit {
    match &cli.command {
        cli::Command::Import(args) => commands::import::run(args),
        cli::Command::Lint(args) => commands::lint::run(args),
        cli::Command::Rules(args) => commands::rules::run(args),
        cli::Command::Export(args) => commands::export::run(args),
        cli::Command::Sdk(args) => commands::sdk::run(args),
        cli::Command::ParseEvents { file } => commands::parse_events(file),
    }
}
