//! `gwgen sdk --lang ts`: a TypeScript client package for an API.
//!
//! Everything that decides something happens here, in view models: one naming pass over models,
//! operations and their types (collision-checked against TypeScript's reserved words, the globals
//! generated code uses and the runtime's exports: `names`), the schema-to-type mapping (with
//! request and response shapes of the models that have readOnly / writeOnly properties: `types`),
//! body and response kinds (`operations`), and API Gateway's authorization per operation (`auth`).
//! `views` holds what the templates print and `package` which file each template prints. The
//! templates in `templates/ts/` only print what they are given. The package they make is ready to
//! use as written: ES modules beside their declarations (`lib/`), no build step; the runtime is
//! copied as the pinned `tsc` built it from `templates/ts/runtime.ts` (`templates/ts/lib/`).

mod auth;
mod names;
mod operations;
mod package;
mod types;
mod views;
mod websocket;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::ir::Api;
use names::{is_ident, lit};
use package::{PackageJsonView, COPIED, TEMPLATES};
use types::Types;
pub use websocket::render as render_websocket;

/// What `gwgen sdk` was asked for.
pub struct Options {
    /// The npm package name (`--name`); None: from the API's title.
    pub name: Option<String>,
}

/// One file of the package, its path relative to the output folder.
#[derive(Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Renders the package.
pub fn render(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let mut type_names = names::type_namer();
    let mut value_names = names::value_namer();
    let binary: Vec<String> =
        api.apigw.binary_media_types.iter().filter_map(|t| t.as_str()).map(str::to_ascii_lowercase).collect();

    // Models: one per named schema, in document order.
    let types = Types::new(api, &mut type_names, &mut value_names);
    let models = views::models(&types);

    // Operations (importing only the models they name).
    types.used.borrow_mut().clear();
    let operations::OperationViews { operations, authorizers, common_errors } =
        operations::operations(&types, &binary, &mut type_names, &mut value_names);

    let environments = views::environments(api);
    let mut stages: Vec<String> = api.deployment.stages.iter().map(|s| lit(&s.name)).collect();
    stages.dedup();
    let package = package::package_name(api, options)?;
    let title = api.info.title.as_ref().and_then(|t| t.as_str()).unwrap_or("API").to_string();

    let used_models: Vec<String> = types.used.borrow().iter().cloned().collect();
    // What operations.js takes from the runtime, and what operations.d.ts and client.d.ts name.
    let mut runtime_values: Vec<&str> = Vec::new();
    let mut runtime_types: Vec<&str> = Vec::new();
    if !operations.is_empty() {
        runtime_values.extend(["call", "ApiError"]);
        if operations.iter().any(|o| !o.auth.is_empty()) {
            runtime_values.push("authorization");
        }
        for part in ["encodeBody", "encodeForm", "encodeMultipart", "buildQuery", "operationServer"] {
            if operations.iter().any(|o| o.carried.contains(part)) {
                runtime_values.push(part);
            }
        }
        if operations.iter().any(|o| o.json_keys.is_some()) {
            runtime_values.push("jsonValues");
        }
        runtime_types.extend(["ApiError", "ApiResult", "Client"]);
        let mut unions = operations.iter().map(|o| &o.error_union).chain(common_errors.iter().map(|c| &c.union));
        if unions.any(|u| u.contains("ErrorResult<")) {
            runtime_types.push("ErrorResult");
        }
        runtime_types.push("GatewayError");
        if operations.iter().any(|o| o.fields.iter().any(|f| f.ty == "RawValue")) {
            runtime_types.push("RawValue");
        }
        runtime_types.extend(["RequestOptions", "UndeclaredError"]);
    }
    let mut client_types = Vec::new();
    if !operations.is_empty() {
        client_types.push("Client");
    }
    client_types.push("ClientOptions");
    if !authorizers.is_empty() {
        client_types.push("Provider");
    }
    let uses = |kind: &str| operations.iter().any(|o| o.auth.iter().flatten().any(|a| a["type"] == kind));
    let (any_iam, any_api_key) = (uses("sigv4"), uses("apiKey"));
    // The README's example calls an operation whose required parameters are plain values.
    let sample = |ty: &str| match ty {
        "string" | "string | Date" => Some("\"example\""),
        "number" => Some("1"),
        "boolean" => Some("true"),
        _ => None,
    };
    let example = operations
        .iter()
        .find(|o| o.params_optional)
        .or_else(|| operations.iter().find(|o| o.fields.iter().all(|f| f.optional || sample(&f.ty).is_some())));
    let example_args = match example {
        Some(o) if o.params_optional => String::new(),
        Some(o) => format!(
            "{{ {} }}",
            o.fields
                .iter()
                .filter(|f| !f.optional)
                .map(|f| format!("{}: {}", f.key, sample(&f.ty).unwrap_or("undefined")))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => String::new(),
    };
    let example_region = environments
        .iter()
        .find_map(|e| e.url.split(".execute-api.").nth(1).and_then(|r| r.split('.').next()).map(str::to_string))
        .unwrap_or_else(|| "us-east-1".into());
    let title_md: String = title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let package_json = PackageJsonView::new(api, &package, &title_md);

    let env = environment()?;
    let ctx = minijinja::context! {
        package => package,
        package_json => minijinja::Value::from(minijinja::value::Serde(&package_json)),
        title_md => title_md,
        api_type => api.api_type.label(),
        models => minijinja::Value::from(minijinja::value::Serde(&models)),
        example => example.map(|o| o.name.clone()),
        example_args => example_args,
        operations => minijinja::Value::from(minijinja::value::Serde(&operations)),
        common_errors => minijinja::Value::from(minijinja::value::Serde(&common_errors)),
        used_models => used_models,
        runtime_values => runtime_values,
        runtime_types => runtime_types,
        client_types => client_types,
        authorizers => minijinja::Value::from(minijinja::value::Serde(authorizers.into_values().collect::<Vec<_>>())),
        first_environment => environments.first().map(|e| if is_ident(&e.key) { e.key.clone() } else { format!("[{}]", e.key) }),
        environments => minijinja::Value::from(minijinja::value::Serde(&environments)),
        stages => stages,
        any_iam => any_iam,
        example_region => example_region,
        any_api_key => any_api_key,
    };
    let mut files = render_all(&env, &ctx, TEMPLATES.iter().map(|(t, path, _)| (*t, *path)))?;
    for (path, contents) in COPIED {
        files.push(GeneratedFile { path: path.to_string(), contents: contents.to_string() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The templates, printing without escaping (the view models hold escaped text) and failing on
/// any undefined value.
fn environment() -> Result<Environment<'static>, String> {
    let mut env = base_environment()?;
    for (name, _, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(env)
}

/// Renders each template to its file, ending with one newline.
fn render_all<'a>(
    env: &Environment<'_>,
    ctx: &minijinja::Value,
    templates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<GeneratedFile>, String> {
    let mut files = Vec::new();
    for (template, path) in templates {
        let contents = env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| format!("rendering {template}: {e:#}"))?;
        let mut contents = contents.trim_end().to_string();
        contents.push('\n');
        files.push(GeneratedFile { path: path.to_string(), contents });
    }
    Ok(files)
}

/// An environment with the settings and filters every package's templates use, and no templates.
fn base_environment() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| format!("template syntax: {e}"))?;
    env.set_syntax(syntax);
    env.add_filter("comment", names::comment);
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_values_are_errors() {
        let env = environment().unwrap();
        for source in ["{{ missing }}", "{% if missing %}x{% endif %}", "{% for x in missing %}{% endfor %}"] {
            assert!(env.render_str(source, minijinja::context! {}).is_err(), "{source}");
        }
    }
}
