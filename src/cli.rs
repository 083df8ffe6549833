//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gwgen",
    version,
    about = "OpenAPI toolchain for AWS API Gateway: import plan, lint, SDK, export",
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what API Gateway would build from a document, and what its import would report.
    Import(ImportArgs),
    /// Check documents against API Gateway's rules (and generic OpenAPI ones).
    Lint(LintArgs),
    /// List the rules, or print one rule's documentation.
    Rules(RulesArgs),
    /// Write the document as Swagger 2.0 or OpenAPI 3.0, with a chosen set of API Gateway extensions.
    Export(ExportArgs),
    /// Generate a typed client SDK package for the API.
    Sdk(SdkArgs),
    /// Compare two versions of an API: what breaks its callers, what weakens its gate.
    Diff(DiffArgs),
    /// Print this message, or the help of the given command.
    Help {
        /// The command whose help to print.
        command: Option<String>,
    },
    /// Runs only the YAML event parser over a file and prints the event count (a benchmark baseline).
    /// The benchmark baseline: the YAML event parser alone, over one file.
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    ParseEvents { file: PathBuf },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ApiTypeArg {
    Rest,
    Http,
}

/// How to read the API: the flags every command that reads documents shares.
#[derive(Debug, Default, clap::Args)]
pub struct ReadArgs {
    /// Read as a REST API (API Gateway v1) or an HTTP API (v2); default: from gwgen.yaml, else
    /// from the constructs the document uses, else REST.
    #[arg(long, value_enum)]
    pub api_type: Option<ApiTypeArg>,
    /// Use this configuration file instead of the nearest gwgen.yaml / .gwgen.yaml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// In a SAM / CloudFormation template with several APIs, the logical id of the one to read.
    #[arg(long)]
    pub api: Option<String>,
    /// Follow `$ref`s to files outside the document's folder (refused by default).
    #[arg(long)]
    pub allow_external_refs: bool,
    /// A template parameter's value (repeatable), as `sam deploy --parameter-overrides` gives it:
    /// it replaces the parameter's Default where gwgen resolves `Ref`s and evaluates Conditions.
    #[arg(long = "parameter", value_name = "NAME=VALUE", value_parser = parameter)]
    pub parameters: Vec<(String, String)>,
}

fn parameter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_string(), value.to_string())),
        _ => Err(format!("`{s}` is not NAME=VALUE (a template parameter and its value)")),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// The plan and the import's findings, for people.
    Text,
    /// The IR and the findings as JSON.
    Json,
    /// A picture of the API as a Mermaid flowchart (findings on stderr).
    Mermaid,
    /// A picture of the API as a Graphviz digraph, for `dot -Tsvg` (findings on stderr).
    Dot,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The OpenAPI (Swagger 2.0 / OpenAPI 3.0) document, YAML or JSON, or a SAM /
    /// CloudFormation / CDK template that defines the API (choose one of several with --api).
    pub spec: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Output format: a readable plan, the IR and findings as JSON, or a picture of the API.
    #[arg(long, value_enum, default_value = "text")]
    pub format: PlanFormat,
    /// Exit 1 on warnings too, as `failonwarnings=true` makes the import roll back.
    #[arg(long)]
    pub fail_on_warnings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// Code frames with file:line:column (for people).
    Text,
    /// One JSON object with every finding (documented in README).
    Json,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warn,
    Info,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files and folders to lint (folders are searched for OpenAPI documents and for templates
    /// that define APIs). Default: `.`
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: LintFormat,
    /// The lowest severity that makes gwgen exit 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Skip named files that are not OpenAPI documents instead of failing on them (for hooks
    /// that pass every YAML and JSON file).
    #[arg(long)]
    pub only_openapi: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// A rule id: print its documentation.
    pub id: Option<String>,
    /// Output format: a table (or one rule's page), or JSON with every rule's metadata and
    /// documentation.
    #[arg(long, value_enum, default_value = "text")]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// OpenAPI 3.0.
    Oas30,
    /// Swagger 2.0 (REST APIs only).
    Swagger2,
    /// AsyncAPI 3.0 (WebSocket APIs only).
    Asyncapi,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportExtensions {
    /// Every `x-amazon-apigateway-*` extension.
    Apigateway,
    /// Only `x-amazon-apigateway-integration(s)`.
    Integrations,
    /// Only `x-amazon-apigateway-authorizer` and `-authtype`.
    Authorizers,
    /// A clean public document: no API Gateway extensions and no CORS mock OPTIONS methods.
    None,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The OpenAPI (Swagger 2.0 / OpenAPI 3.0) document, YAML or JSON, or a SAM /
    /// CloudFormation / CDK template that defines the API (choose one of several with --api).
    pub spec: PathBuf,
    /// The specification version to write; default: the document's own (Swagger 2.0 stays 2.0,
    /// OpenAPI 3.x is written as 3.0).
    #[arg(long, value_enum)]
    pub to: Option<ExportTarget>,
    /// Output syntax; default: from the `-o` file's extension, else the input's syntax.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Which API Gateway extensions to keep (as `aws apigateway get-export`).
    #[arg(long, value_enum, default_value = "apigateway")]
    pub extensions: ExportExtensions,
    /// A stage declared in gwgen.yaml: substitute its stage variables and point the servers at it.
    #[arg(long)]
    pub stage: Option<String>,
    /// Write here (atomically) instead of to stdout.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Replace an existing `-o` file that gwgen did not write (it is not in its folder's
    /// `.gwgen-manifest.json`).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SdkLang {
    /// TypeScript: a zero-dependency package (fetch + WebCrypto) with ESM and CommonJS builds.
    Ts,
}

#[derive(Debug, clap::Args)]
pub struct SdkArgs {
    /// The OpenAPI document, or a SAM / CloudFormation / CDK template that defines the API
    /// (choose one of several with --api).
    pub spec: PathBuf,
    /// The language of the SDK.
    #[arg(long, value_enum, default_value = "ts")]
    pub lang: SdkLang,
    /// The folder to write the package to. An existing folder must be empty or hold an earlier
    /// gwgen output (its `.gwgen-manifest.json`); files gwgen did not write are left alone.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// The package name (default: from the API's title).
    #[arg(long)]
    pub name: Option<String>,
    /// Write into a non-empty folder gwgen did not create (files of the same names are replaced).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Each change with code frames from both sides (for people).
    Text,
    /// One JSON object with every change (documented in README).
    Json,
    /// A short summary for a pull-request comment, breaking changes first.
    Markdown,
    /// GitHub Actions workflow annotations on the revision.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffLevel {
    Breaking,
    Warn,
    Info,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The base version: a document, a template (choose one of several APIs with --api), or
    /// `git:REF:PATH` (read with `git show` in the repository holding PATH).
    #[arg(required_unless_present = "explain")]
    pub base: Option<String>,
    /// The revision, in the same forms.
    #[arg(required_unless_present = "explain")]
    pub revision: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// The lowest level of change that makes gwgen exit 1.
    #[arg(long, value_enum, default_value = "breaking")]
    pub fail_on: DiffLevel,
    /// Print the documentation of a change id and exit.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}
