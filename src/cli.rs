//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "gwgen", version, about = "OpenAPI toolchain for AWS API Gateway: import plan, lint, SDK, export")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what API Gateway would build from a document, and what its import would report.
    Import(ImportArgs),
    /// Runs only the YAML event parser over a file and prints the event count (a benchmark baseline).
    #[command(hide = true)]
    ParseEvents { file: PathBuf },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ApiTypeArg {
    Rest,
    Http,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The OpenAPI (Swagger 2.0 / OpenAPI 3.0) document, YAML or JSON.
    pub spec: PathBuf,
    /// Import as a REST API (API Gateway v1) or an HTTP API (v2); default: from gwgen.yaml, else
    /// from the extensions the document uses, else REST.
    #[arg(long, value_enum)]
    pub api_type: Option<ApiTypeArg>,
    /// Output format: a readable plan, or the IR and findings as JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: PlanFormat,
    /// Exit 1 on warnings too, as `failonwarnings=true` makes the import roll back.
    #[arg(long)]
    pub fail_on_warnings: bool,
}
