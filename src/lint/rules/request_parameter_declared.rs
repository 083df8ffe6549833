use std::collections::HashSet;

use crate::diag::Severity;
use crate::ir::{Api, Method, Operation, ParamIn, PathItem};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use super::integrations;
use super::request_parameter_mapping_syntax::{known_text, strip_prefix_ci};

/// ## What it checks
/// Every method request parameter that an integration's `requestParameters` maps from
/// (`method.request.path.X`, `method.request.querystring.X`, `method.request.header.X`, and the
/// `multivaluequerystring` / `multivalueheader` forms) is declared on the operation: as a
/// parameter with that `in` (path-level parameters count), or for a path parameter as `{X}` in
/// the path template. Header names are compared without regard to case.
///
/// An operation whose parameters could not all be read (an unresolved `$ref`, a parameter
/// without a usable `in`) is skipped. `cacheKeyParameters` are checked by
/// `cache-key-params-declared`. Authorizer identity sources are not checked: they belong to the
/// security scheme, not to an operation, and API Gateway reads them from the request for the
/// authorizer without their being method parameters (AWS SAM generates REQUEST authorizers
/// whose header and query string sources no operation declares, e.g. its translator test
/// `api_with_auth_all_maximum`).
///
/// ## Why
/// "The method request parameters must be defined before being referenced"
/// [DG:api-gateway-swagger-extensions-integration-requestParameters]. An undeclared one fails the
/// import with "Invalid mapping expression specified: Validation Result: warnings : [], errors :
/// [Invalid mapping expression parameter specified: method.request.header.Authorization]"
/// (https://github.com/Testlio/lambda-tools/issues/56); the method's own parameters are
/// `method.request.{querystring|path|header}.{name}` [BOTO1:Method.requestParameters].
///
/// ## Example
/// ```yaml
/// /pets:
///   get:
///     x-amazon-apigateway-integration:
///       requestParameters:
///         integration.request.header.X-Tenant: method.request.header.X-Tenant   # not declared
/// ```
///
/// ## Fix
/// Declare the parameter on the operation (or its path item), e.g.
/// `parameters: [{name: X-Tenant, in: header, schema: {type: string}}]`, or map from a
/// parameter that is declared.
pub struct RequestParameterDeclared;

impl Rule for RequestParameterDeclared {
    const META: RuleMeta = RuleMeta {
        id: "request-parameter-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "method.request parameters used in mappings are declared on the operation",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let Some((path, op)) = op else { continue };
            let mut declared: Option<Declared> = None;
            let mut incomplete: Option<bool> = None;
            let params = integration.loc.child("requestParameters");
            for (key, value) in &integration.request_parameters {
                let Some(v) = known_text(value) else { continue };
                let Some((location, name)) = method_request_param(v) else { continue };
                let declared = declared.get_or_insert_with(|| Declared::new(path, op));
                if declared.contains(location, name) || *incomplete.get_or_insert_with(|| params_incomplete(api, path))
                {
                    continue;
                }
                out.report(
                    params.child(key),
                    format!(
                        "`{v}` maps from {} parameter `{name}`, which {} does not declare",
                        location.as_str(),
                        operation_label(path, op)
                    ),
                )
                .help(declare_help(declared, location, name));
            }
        }
    }
}

/// Some parameter of this path item could not be read (an unresolved `$ref`, a parameter without
/// a usable `in`): what it declares is unknown, so nothing is reported as undeclared.
pub(super) fn params_incomplete(api: &Api, path: &PathItem) -> bool {
    api.diagnostics.iter().any(|d| {
        d.loc.file == path.loc.file
            && d.loc.ptr.starts_with(&path.loc.ptr)
            && d.loc.ptr.as_str().contains("/parameters/")
    })
}

/// `GET /pets` (`ANY /pets` for the any-method).
pub(super) fn operation_label(path: &PathItem, op: &Operation) -> String {
    let method = if op.method == Method::Any { "ANY" } else { op.method.as_str() };
    format!("{method} {}", path.path)
}

pub(super) fn declare_help(declared: &Declared, location: ParamIn, name: &str) -> String {
    let mut help = format!("declare it in the operation's `parameters`: `{{name: {name}, in: {}}}`", location.as_str());
    if location == ParamIn::Path {
        help.push_str(&format!(", and put `{{{name}}}` in the path"));
    }
    if let Some(other) = declared.elsewhere(location, name) {
        help = format!(
            "`{name}` is declared as a {} parameter: use `method.request.{}.{name}`, or {help}",
            other.as_str(),
            other.mapping_name()
        );
    }
    help
}

/// The method request parameter a mapping expression names: `method.request.querystring.x` is
/// the query parameter `x`. None for anything else (`method.request.body`, static values...).
pub(super) fn method_request_param(v: &str) -> Option<(ParamIn, &str)> {
    let rest = strip_prefix_ci(v, "method.request.")?;
    let (location, name) = rest.split_once('.')?;
    let location = match location.to_ascii_lowercase().as_str() {
        "path" => ParamIn::Path,
        "querystring" | "multivaluequerystring" => ParamIn::Query,
        "header" | "multivalueheader" => ParamIn::Header,
        _ => return None,
    };
    (!name.is_empty()).then_some((location, name))
}

/// The method request parameters an operation declares: its (and its path item's) parameters
/// and the variables of its path template. Header names are kept lowercased.
pub(super) struct Declared {
    names: HashSet<(u8, String)>,
}

impl Declared {
    pub(super) fn new(path: &PathItem, op: &Operation) -> Self {
        let mut names = HashSet::new();
        for p in &op.parameters {
            names.insert(Self::entry(p.location, &p.name));
        }
        let mut rest = path.path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            let var = &rest[open + 1..open + close];
            names.insert(Self::entry(ParamIn::Path, var.strip_suffix('+').unwrap_or(var)));
            rest = &rest[open + close + 1..];
        }
        Declared { names }
    }

    fn entry(location: ParamIn, name: &str) -> (u8, String) {
        match location {
            ParamIn::Header => (location as u8, name.to_ascii_lowercase()),
            _ => (location as u8, name.to_string()),
        }
    }

    pub(super) fn contains(&self, location: ParamIn, name: &str) -> bool {
        self.names.contains(&Self::entry(location, name))
    }

    /// Another location where `name` is declared, if any.
    pub(super) fn elsewhere(&self, location: ParamIn, name: &str) -> Option<ParamIn> {
        [ParamIn::Path, ParamIn::Query, ParamIn::Header].into_iter().find(|l| *l != location && self.contains(*l, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_request_params() {
        assert_eq!(method_request_param("method.request.path.id"), Some((ParamIn::Path, "id")));
        assert_eq!(method_request_param("method.request.multivalueheader.X"), Some((ParamIn::Header, "X")));
        assert_eq!(method_request_param("method.request.body.a"), None);
        assert_eq!(method_request_param("method.request.header."), None);
        assert_eq!(method_request_param("'static'"), None);
    }
}
