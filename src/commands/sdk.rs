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
    let files = match typescript::render(&api, &typescript::Options { name: args.name.clone() }) {
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
    std::mem::forget(api);
    Exit::Clean
}
