//! One module per subcommand: each a short sequence of pipeline calls.

pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod lint;
pub(crate) mod output;
pub(crate) mod rules;
pub(crate) mod sdk;

use std::io::Write;

use crate::diag::Error;

/// What a command tells `main` to exit with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Nothing at or above the failure threshold.
    Clean = 0,
    /// Findings at or above the threshold.
    Findings = 1,
    /// gwgen could not do its job.
    Failure = 2,
}

/// Prints load errors to stderr and returns the failure exit.
pub fn fail(errors: &[Error]) -> Exit {
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let _ = write!(stderr, "{}", crate::report::load_error(e));
    }
    Exit::Failure
}

/// `gwgen help [COMMAND]`: the help of gwgen, or of one command.
pub fn help(command: Option<&str>) -> Exit {
    use clap::CommandFactory;
    let mut cli = crate::cli::Cli::command();
    cli.build();
    let text = match command {
        None => cli.render_long_help(),
        Some(name) => match cli.find_subcommand_mut(name) {
            Some(sub) => sub.render_long_help(),
            None => {
                let names: Vec<String> = cli.get_subcommands().map(|c| c.get_name().to_string()).collect();
                return fail(&[crate::diag::Error::new(crate::diag::Failed::Arguments, name, None, "no such command")
                    .help(format!("the commands: {}", names.join(", ")))]);
            }
        },
    };
    print(&text.to_string());
    Exit::Clean
}

/// Writes notes to stderr: what gwgen found and did not read (not a failure).
pub fn note(notes: &[Error]) {
    let mut stderr = std::io::stderr().lock();
    for e in notes {
        let _ = write!(stderr, "{}", crate::report::load_error(e));
    }
}

/// Writes to stdout; a closed pipe (`gwgen ... | head`) is not an error.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush());
}

/// Standard output as a `fmt::Write`, buffered: reports are written as they are rendered
/// rather than gathered first. A closed pipe ends the writing quietly.
pub struct Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl Stdout {
    pub fn new() -> Stdout {
        Stdout(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()))
    }

    /// The underlying writer (for serde_json).
    pub fn io(&mut self) -> &mut impl std::io::Write {
        &mut self.0
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Stdout::new()
    }
}

impl std::fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write_all(s.as_bytes()).map_err(|_| std::fmt::Error)
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        let _ = self.0.flush();
    }
}

/// The benchmark baseline: the YAML event parser alone, over one file.
#[cfg(feature = "bench")]
pub fn parse_events(path: &std::path::Path) -> Exit {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            return fail(&[Error::new(crate::diag::Failed::Read, path, None, format!("cannot read the file: {e}"))])
        }
    };
    match crate::load::yaml::count_events(&text) {
        Ok(n) => {
            print(&format!("{n} events\n"));
            Exit::Clean
        }
        Err(e) => fail(&[Error::new(crate::diag::Failed::Syntax, path, Some(e.pos), e.message)]),
    }
}

/// The API type the user gave: `--api-type` first, then `api_type` in gwgen.yaml.
pub fn given_api_type(
    flag: Option<crate::cli::ApiTypeArg>,
    config: Option<crate::ir::ApiType>,
) -> Option<(crate::ir::ApiType, crate::ir::ApiTypeFrom)> {
    use crate::cli::ApiTypeArg;
    use crate::ir::{ApiType, ApiTypeFrom};
    match (flag, config) {
        (Some(ApiTypeArg::Rest), _) => Some((ApiType::Rest, ApiTypeFrom::Flag)),
        (Some(ApiTypeArg::Http), _) => Some((ApiType::Http, ApiTypeFrom::Flag)),
        (None, Some(t)) => Some((t, ApiTypeFrom::Config)),
        (None, None) => None,
    }
}

/// The configuration (`--config`, else the nearest gwgen.yaml) and the API a document holds.
pub fn load_api(
    spec: &std::path::Path,
    args: &crate::cli::ReadArgs,
) -> Result<(crate::config::Config, crate::ir::Api), Vec<Error>> {
    let config = match &args.config {
        Some(path) => crate::config::load(path),
        None => crate::config::load_for(spec),
    }
    .map_err(|e| vec![e])?;
    let options = crate::load::Options {
        api_type: given_api_type(args.api_type, config.api_type),
        api: args.api.clone(),
        allow_external_refs: args.allow_external_refs,
        parameters: args.parameters.clone(),
    };
    let mut api = crate::load::load(spec, &options)?;
    api.deployment.region = deployment_region(config.region.as_ref(), &args.parameters);
    Ok((config, api))
}

/// The region the API is deployed to: `--parameter AWS::Region=...` when given, else the
/// configuration's `region`.
pub fn deployment_region(configured: Option<&String>, parameters: &[(String, String)]) -> Option<String> {
    let given = parameters.iter().rev().find(|(name, _)| name == "AWS::Region").map(|(_, v)| v.clone());
    given.or_else(|| configured.cloned())
}
