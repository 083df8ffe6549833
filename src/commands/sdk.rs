//! `gwgen sdk --lang ts SPEC -o DIR`: a client package for the API, written as
//! [`super::output`] describes.

use crate::cli::SdkArgs;
use crate::diag::{Error, Failed};
use crate::render::typescript;

use super::output::write_package;
use super::{fail, Exit};

pub fn run(args: &SdkArgs) -> Exit {
    let loaded = super::load_api(&args.spec, &args.read);
    let api = match loaded {
        Ok((_, api)) => api,
        Err(errors) => return fail(&errors),
    };
    let options = typescript::Options { name: args.name.clone() };
    let rendered = match &api.websocket {
        Some(ws) => typescript::render_websocket(&api, ws, &options),
        None => typescript::render(&api, &options),
    };
    let files = match rendered {
        Ok(f) => f,
        Err(message) => {
            return fail(&[Error::new(Failed::Render, &args.spec, None, message)
                .help("pass a valid `--name`, or report the document that gwgen cannot render")])
        }
    };
    if let Err(e) = write_package(&args.output, &files, args.force) {
        return fail(&[e]);
    }
    eprintln!("wrote {} files to {}", files.len(), args.output.display());
    // A client for an API that AWS would not import is worth a word.
    let rejected = crate::lint::run(&api, crate::lint::Mode::Import)
        .iter()
        .filter(|f| f.severity == crate::diag::Severity::Error)
        .count();
    if rejected > 0 {
        let findings = if rejected == 1 { "1 error" } else { &format!("{rejected} errors") };
        let api_flag = args.read.api.as_ref().map(|id| format!(" --api {id}")).unwrap_or_default();
        let what = if crate::lint::built_from_resources(&api) {
            "CloudFormation would fail to deploy this API"
        } else {
            "API Gateway's import would reject this API"
        };
        eprintln!(
            "note: {what} ({findings}); `gwgen import {}{api_flag}` shows where",
            crate::report::display_path(&args.spec)
        );
    }
    std::mem::forget(api);
    Exit::Clean
}
