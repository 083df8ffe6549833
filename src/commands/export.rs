//! `gwgen export SPEC --to oas30|swagger2`: the document in the other (or the same) version, with
//! a chosen set of API Gateway extensions, optionally for one stage; `--to asyncapi`: a WebSocket
//! API as AsyncAPI 3.0.

use std::io::Write;
use std::path::Path;

use crate::cli::{ExportArgs, ExportExtensions, ExportFormat, ExportTarget};
use crate::diag::{Error, Failed};
use crate::render::export::{self, ExtensionSet, Stage, Target};
use crate::source::{FileId, Syntax};
use crate::{render, report};

use super::{fail, print, Exit};

pub fn run(args: &ExportArgs) -> Exit {
    let loaded = super::load_api(&args.spec, &args.read);
    let (config, api) = match loaded {
        Ok(loaded) => loaded,
        Err(errors) => return fail(&errors),
    };
    // A WebSocket API has no OpenAPI form: AsyncAPI describes it.
    match (&api.websocket, args.to) {
        (Some(ws), Some(ExportTarget::Asyncapi)) => {
            let document = crate::render::asyncapi::export(&api, ws);
            return write_export(args, &api, &document, &[]);
        }
        (Some(ws), _) => {
            return fail(&[Error::new(
                Failed::Arguments,
                &args.spec,
                None,
                format!("`{}` is a WebSocket API, which has no OpenAPI form", ws.logical_id),
            )
            .help("export it with `--to asyncapi` (AsyncAPI 3.0)")])
        }
        (None, Some(ExportTarget::Asyncapi)) => {
            return fail(&[Error::new(
                Failed::Arguments,
                &args.spec,
                None,
                "AsyncAPI describes WebSocket APIs; this is a REST or HTTP API",
            )
            .help("export it with `--to oas30` or `--to swagger2`")])
        }
        (None, _) => {}
    }
    // A stage from gwgen.yaml, else one the template deploys (its Variables).
    let stage = match &args.stage {
        None => None,
        Some(name) => match config.stages.get(name) {
            Some(s) => Some(Stage {
                name: name.clone(),
                variables: s.variables.clone(),
                domain: s.domain.clone(),
                base_path: s.base_path.clone(),
                config: config.path.clone(),
            }),
            None => match api.deployment.stages.iter().find(|s| &s.name == name) {
                Some(s) => Some(Stage {
                    name: name.clone(),
                    variables: s
                        .variables
                        .iter()
                        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                        .collect(),
                    domain: None,
                    base_path: None,
                    config: Some(api.sources.get(s.loc.file).path.clone()),
                }),
                None => {
                    let mut known: Vec<String> = config.stages.keys().cloned().collect();
                    known.extend(api.deployment.stages.iter().map(|s| s.name.clone()));
                    let (path, help) = match &config.path {
                        Some(p) if !known.is_empty() => {
                            (p.clone(), format!("the stages declared are: {}", known.join(", ")))
                        }
                        _ if !known.is_empty() => {
                            (args.spec.clone(), format!("the template's stages are: {}", known.join(", ")))
                        }
                        Some(p) => (p.clone(), "declare it: `stages: {NAME: {variables: {...}}}`".to_string()),
                        None => (
                            args.spec.clone(),
                            "declare stages in a gwgen.yaml beside the document: `stages: {NAME: {variables: {...}}}`"
                                .into(),
                        ),
                    };
                    return fail(&[
                        Error::new(Failed::Arguments, path, None, format!("unknown stage `{name}`")).help(help)
                    ]);
                }
            },
        },
    };
    let options = export::Options {
        target: match args.to {
            Some(ExportTarget::Oas30) => Target::Oas30,
            Some(ExportTarget::Swagger2) => Target::Swagger2,
            Some(ExportTarget::Asyncapi) => unreachable!("answered above"),
            None if api.version == crate::ir::SpecVersion::Swagger2 => Target::Swagger2,
            None => Target::Oas30,
        },
        extensions: match args.extensions {
            ExportExtensions::Apigateway => ExtensionSet::Apigateway,
            ExportExtensions::Integrations => ExtensionSet::Integrations,
            ExportExtensions::Authorizers => ExtensionSet::Authorizers,
            ExportExtensions::None => ExtensionSet::None,
        },
        stage,
    };
    let export = match export::export(&api, &options) {
        Ok(e) => e,
        Err(errors) => return fail(&errors),
    };
    let exit = write_export(args, &api, &export.document, &export.warnings);
    // The process ends soon: freeing a large document node by node would only cost time.
    std::mem::forget(api);
    exit
}

/// Writes an exported document (to `-o` or stdout) in the format asked for, and its warnings
/// to stderr.
fn write_export(
    args: &ExportArgs,
    api: &crate::ir::Api,
    document: &serde_json::Value,
    warnings: &[crate::diag::Finding],
) -> Exit {
    let format = args.format.unwrap_or_else(|| {
        let by_name =
            args.output.as_deref().and_then(Path::extension).and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
        match by_name.as_deref() {
            Some("json") => ExportFormat::Json,
            Some("yaml" | "yml") => ExportFormat::Yaml,
            _ if api.sources.get(FileId(0)).syntax == Syntax::Json => ExportFormat::Json,
            _ => ExportFormat::Yaml,
        }
    });
    let text = match format {
        ExportFormat::Json => render::to_json(document),
        ExportFormat::Yaml => render::to_yaml(document),
    };
    if !warnings.is_empty() {
        let mut out = String::new();
        report::text(warnings, &api.sources, &mut out);
        let _ = std::io::stderr().lock().write_all(out.as_bytes());
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = super::output::check_file(path, args.force) {
                return fail(&[e]);
            }
            if let Err(e) = super::output::write_atomically(path, text.as_bytes()) {
                return fail(&[Error::new(Failed::Write, path, None, format!("cannot write the export: {e}"))
                    .help("check that the folder exists and is writable")]);
            }
            if let Err(e) = super::output::record_file(path) {
                return fail(&[e]);
            }
        }
        None => print(&text),
    }
    Exit::Clean
}
