//! `gwgen export`: the document as Swagger 2.0 or OpenAPI 3.0, with a chosen set of API Gateway
//! extensions, optionally for one stage.
//!
//! The conversion works on the document's raw values, not on the IR (which keeps only the schema
//! keywords gwgen reasons about): every keyword, example and extension the user wrote survives.
//! `$ref`s into other files are inlined, so the export is one self-contained document; `$ref`s
//! inside the document are kept as written (rewritten to the target version's component paths).
//! The IR is used for decisions only: the API type and which operations are CORS mock `OPTIONS`
//! methods. Output order follows the document.
//!
//! Constructs the target version cannot express are reported as `export-not-representable`
//! warnings at their place in the source; schema keywords Swagger 2.0 lacks are kept as `x-`
//! extensions (`nullable` becomes `x-nullable`, `oneOf` becomes `x-oneOf`) so nothing is lost.

mod extensions;
mod from_oas31;
mod from_swagger2;
mod inline;
mod parameters;
mod schema;
mod security;
mod servers;
mod stage;
mod to_swagger2;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diag::{Error, Failed, Finding, Report, Severity};
use crate::ir::{Api, SpecVersion};
use crate::source::{FileId, Loc, Pointer};

use extensions::{canonical_integrations, cors_mock_options};
use inline::inline_external;
use stage::apply_stage;

/// The rule-like id of export warnings (they are not lint rules).
pub const NOT_REPRESENTABLE: &str = "export-not-representable";
/// A `$ref` into another file that could not be inlined.
pub const UNRESOLVED_REF: &str = "export-unresolved-ref";

type Obj = Map<String, Value>;

/// The specification version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Oas30,
    Swagger2,
}

/// Which `x-amazon-apigateway-*` extensions the export keeps (as `aws apigateway get-export`'s
/// `extensions` parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionSet {
    /// Everything.
    Apigateway,
    /// Only `x-amazon-apigateway-integration(s)`.
    Integrations,
    /// Only `x-amazon-apigateway-authorizer` and `x-amazon-apigateway-authtype`.
    Authorizers,
    /// A clean public document: no API Gateway extension, no CORS mock `OPTIONS` methods, no
    /// `x-gwgen-ignore`.
    None,
}

/// One deployment stage: its variables, and optionally the custom domain that serves it.
#[derive(Clone, Debug, Default)]
pub struct Stage {
    pub name: String,
    pub variables: IndexMap<String, String>,
    pub domain: Option<String>,
    pub base_path: Option<String>,
    /// The configuration file that declares the stage (named in errors).
    pub config: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    pub extensions: ExtensionSet,
    pub stage: Option<Stage>,
}

/// The exported document and what could not be carried over.
#[derive(Debug)]
pub struct Export {
    pub document: Value,
    pub warnings: Vec<Finding>,
}

/// Converts the API's document. Errors are what makes the export impossible (an HTTP API to
/// Swagger 2.0, a stage variable the stage does not define).
pub fn export(api: &Api, options: &Options) -> Result<Export, Vec<Error>> {
    let path = &api.sources.get(FileId(0)).path;
    if options.target == Target::Swagger2 && api.api_type == crate::ir::ApiType::Http {
        return Err(vec![Error::new(Failed::Arguments, path, None, "HTTP APIs export as OpenAPI 3.0 only")
            .help("use `--to oas30` (API Gateway imports HTTP APIs from OpenAPI 3.0 documents only)")]);
    }
    let mut cx = Cx { warnings: Vec::new(), root: Value::Null };
    cx.root = inline_external(api, &mut cx.warnings);
    let root = std::mem::take(&mut cx.root);
    let Value::Object(root_map) = &root else {
        return Ok(Export { document: root.clone(), warnings: cx.warnings });
    };
    cx.root = root.clone();
    let source_is_sw2 = api.version == SpecVersion::Swagger2;
    let mut doc = match (source_is_sw2, options.target) {
        (true, Target::Oas30) => cx.sw2_to_oas3(root_map),
        (false, Target::Swagger2) => cx.oas3_to_sw2(root_map),
        (true, Target::Swagger2) => root_map.clone(),
        (false, Target::Oas30) => cx.oas3_to_oas30(root_map, api.version == SpecVersion::OpenApi31),
    };
    if api.version == SpecVersion::OpenApi31 {
        cx.clear_non_oauth_scopes(api, &mut doc);
        cx.require_responses(&mut doc);
    }
    // The version key leads, as in every OpenAPI document (the rest keeps the document's order).
    let version_key = if options.target == Target::Oas30 { "openapi" } else { "swagger" };
    if let Some(v) = doc.shift_remove(version_key) {
        let rest = std::mem::take(&mut doc);
        doc.insert(version_key.into(), v);
        doc.extend(rest);
    }
    let cors_mocks = cors_mock_options(api);
    cx.apply_extension_set(&mut doc, options.extensions, &cors_mocks);
    canonical_integrations(&mut doc);
    if let Some(stage) = &options.stage {
        apply_stage(api, &mut doc, stage, options.target)?;
    }
    Ok(Export { document: Value::Object(doc), warnings: cx.warnings })
}

struct Cx {
    /// The document with other files' `$ref`s inlined.
    root: Value,
    warnings: Vec<Finding>,
}

fn at_root(ptr: &Pointer) -> Loc {
    Loc::new(FileId(0), ptr.clone())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

const METHODS: [&str; 10] =
    ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method", "any"];

fn is_method(key: &str) -> bool {
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(key))
}

impl Cx {
    fn warn(&mut self, at: &Pointer, message: impl Into<String>, help: impl Into<String>) {
        let finding = self.warnings.report(NOT_REPRESENTABLE, Severity::Warn, at_root(at), message);
        let help = help.into();
        if !help.is_empty() {
            finding.help(help);
        }
    }

    /// A local `$ref`'s target in the (inlined) document.
    fn local(&self, reference: &str) -> Option<&Value> {
        if !reference.starts_with('#') {
            return None;
        }
        Pointer::parse(reference).ok()?.resolve(&self.root)
    }

    /// Follows local `$ref`s (a few hops) to the object they name.
    fn deref<'v>(&'v self, v: &'v Value) -> &'v Value {
        let mut v = v;
        for _ in 0..8 {
            match v.get("$ref").and_then(Value::as_str).and_then(|r| self.local(r)) {
                Some(t) => v = t,
                None => break,
            }
        }
        v
    }

    fn map_values(
        &mut self,
        v: &Value,
        at: &Pointer,
        skip_ext: bool,
        mut f: impl FnMut(&mut Self, &Value, &Pointer) -> Value,
    ) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let converted =
                            if skip_ext && k.starts_with("x-") { v.clone() } else { f(self, v, &at.push(k)) };
                        (k.clone(), converted)
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// A local `$ref` rewritten to the target version's component paths.
fn rewrite_ref(r: &str, target: Target) -> String {
    let pairs: [(&str, &str); 4] = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
        ("#/securityDefinitions/", "#/components/securitySchemes/"),
    ];
    for (sw2, oas3) in pairs {
        let (from, to) = match target {
            Target::Oas30 => (sw2, oas3),
            Target::Swagger2 => (oas3, sw2),
        };
        if let Some(rest) = r.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    r.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_rewritten_both_ways() {
        assert_eq!(rewrite_ref("#/definitions/Pet", Target::Oas30), "#/components/schemas/Pet");
        assert_eq!(rewrite_ref("#/components/responses/E", Target::Swagger2), "#/responses/E");
        assert_eq!(rewrite_ref("other.yaml#/x", Target::Swagger2), "other.yaml#/x");
    }
}
