use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::*;

use crate::lint::helpers::integrations;

/// ## What it checks
/// The keys and values of a REST integration's `requestParameters`, and of the
/// `responseParameters` of its integration responses, are well-formed mapping expressions:
///
/// - request keys: `integration.request.{querystring|path|header|multivaluequerystring|multivalueheader}.NAME`
/// - request values: `method.request.{querystring|path|header|multivaluequerystring|multivalueheader}.NAME`,
///   `method.request.body`, `method.request.body.JSONPATH` or `context.NAME`
/// - response keys: `method.response.header.NAME`
/// - response values: `integration.response.header.NAME`, `integration.response.multivalueheader.NAME`,
///   `integration.response.body`, `integration.response.body.JSONPATH` or `context.NAME`
///
/// - a CloudFormation `AWS::ApiGateway::Method`'s own `RequestParameters` keys (its method
///   request parameters): `method.request.{querystring|path|header}.NAME`
///
/// NAME may use letters, digits and `. _ $ - :`. Keywords are compared without regard to case.
/// Two neighbours own the rest: a value that is not an expression at all (a static value
/// without single quotes) is reported by `static-mapping-quoted`, and any stage variable
/// reference (`stageVariables.x`, `${stageVariables.x}`) by `stage-variable-ref-syntax`.
/// Values built with `Fn::Sub` placeholders are skipped, and so are the integration responses of
/// proxy integrations (`aws_proxy`, `http_proxy`), which API Gateway does not use.
///
/// ## Why
/// API Gateway validates every mapping when it creates the integration and rejects the import
/// with "Invalid mapping expression specified: Validation Result: warnings : [], errors :
/// [Invalid mapping identifier specified]" for a malformed key or value
/// (https://github.com/amazon-archives/aws-apigateway-importer/issues/56,
/// https://github.com/amazon-archives/aws-apigateway-importer/issues/104). The accepted forms
/// are listed in [BOTO1:Integration.requestParameters],
/// [BOTO1:IntegrationResponse.responseParameters] and [DG:request-response-data-mappings];
/// parameter names must match `^[a-zA-Z0-9:._$-]+$`
/// (https://github.com/api-platform/api-platform/issues/2150). A method's request parameters are
/// keyed "matching the pattern of method.request.{location}.{name}, where location is
/// querystring, path, or header" [BOTO1:PutMethodRequest.requestParameters]; a Method resource
/// hands its `RequestParameters` to PutMethod as they are, and gwgen could not read a parameter
/// out of any other key.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   requestParameters:
///     method.request.header.X-Id: integration.request.header.X-Id   # key and value swapped
///     integration.request.cookie.session: method.request.header.Cookie  # no such location
///     integration.request.querystring.q: $request.querystring.q     # HTTP API syntax
/// ```
///
/// ## Fix
/// Put the integration parameter on the left and its source on the right, for example
/// `integration.request.header.X-Id: method.request.header.X-Id`, and use the REST forms
/// listed above (`method.request.querystring.q`, not `$request.querystring.q`).
pub struct RequestParameterMappingSyntax;

impl Rule for RequestParameterMappingSyntax {
    const META: RuleMeta = RuleMeta {
        id: "request-parameter-mapping-syntax",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "integration requestParameters keys and values use API Gateway's mapping syntax",
    };

    fn check(api: &Api, out: &mut Findings) {
        // A Method resource's RequestParameters keys, checked as its API is built.
        forward_diagnostics(api, Self::META.id, out);
        for (op, integration) in integrations(api) {
            if op.is_none() {
                // components.x-amazon-apigateway-integrations exist only in HTTP APIs
                continue;
            }
            let params = integration.loc.child("requestParameters");
            for (key, value) in &integration.request_parameters {
                let loc = params.child(key);
                if let Err((message, help)) = request_key(key) {
                    out.report(loc.clone(), format!("key {message}")).help(help);
                    if strip_prefix_ci(key, "method.request.").is_some() {
                        continue; // swapped: the value is reported with the key
                    }
                }
                if let Some(v) = owned_value(value) {
                    if let Err((message, help)) = request_value(v) {
                        out.report(loc, format!("value {message}")).help(help);
                    }
                }
            }
            if passes_response_through(integration) {
                continue;
            }
            for response in integration.responses.values() {
                let params = response.loc.child("responseParameters");
                for (key, value) in &response.response_parameters {
                    let loc = params.child(key);
                    if let Err((message, help)) = response_key(key) {
                        out.report(loc.clone(), format!("key {message}")).help(help);
                        if strip_prefix_ci(key, "integration.response.").is_some() {
                            continue; // swapped: the value is reported with the key
                        }
                    }
                    if let Some(v) = owned_value(value) {
                        if let Err((message, help)) = response_value(v) {
                            out.report(loc, format!("value {message}")).help(help);
                        }
                    }
                }
            }
        }
    }
}

type Problem = (String, String);

const REQUEST_TARGETS: [&str; 5] = ["querystring", "path", "header", "multivaluequerystring", "multivalueheader"];
const RESPONSE_SOURCES: [&str; 2] = ["header", "multivalueheader"];
const REQUEST_VALUE_FORMS: &str = "`method.request.{querystring|path|header}.NAME`, `method.request.body[.JSONPATH]`, `context.NAME`, `stageVariables.NAME` or a static value in single quotes";
const RESPONSE_VALUE_FORMS: &str = "`integration.response.header.NAME`, `integration.response.body[.JSONPATH]`, `context.NAME`, `stageVariables.NAME` or a static value in single quotes";

/// The value when this rule owns it: a plain (or placeholder-free `Fn::Sub`) expression that is
/// not a stage variable reference. Static values and stage variables have their own rules.
fn owned_value(value: &Text) -> Option<&str> {
    let v = known_text(value)?;
    (is_expression(v) && !mentions_stage_variable(v)).then_some(v)
}

fn request_key(key: &str) -> Result<(), Problem> {
    match strip_prefix_ci(key, "integration.request.") {
        Some(rest) => location_and_name(key, rest, &REQUEST_TARGETS),
        None => {
            let swapped = strip_prefix_ci(key, "method.request.").is_some();
            Err((
                if swapped {
                    format!("`{key}` is a method request source, not an integration request parameter: key and value look swapped")
                } else {
                    format!("`{key}` is not an integration request parameter")
                },
                "keys name what the integration receives, `integration.request.{querystring|path|header}.NAME`; the value names its source, e.g. `integration.request.header.X-Id: method.request.header.X-Id`".into(),
            ))
        }
    }
}

fn response_key(key: &str) -> Result<(), Problem> {
    match strip_prefix_ci(key, "method.response.") {
        Some(rest) => location_and_name(key, rest, &["header"]),
        None => {
            let swapped = strip_prefix_ci(key, "integration.response.").is_some();
            Err((
                if swapped {
                    format!("`{key}` is an integration response source, not a method response header: key and value look swapped")
                } else {
                    format!("`{key}` is not a method response header")
                },
                "integration responses map to `method.response.header.NAME`, e.g. `method.response.header.Location: integration.response.header.Location`".into(),
            ))
        }
    }
}

fn request_value(v: &str) -> Result<(), Problem> {
    if let Some(rest) = strip_prefix_ci(v, "method.request.") {
        if let Some(r) = body(v, rest) {
            return r;
        }
        return location_and_name(v, rest, &REQUEST_TARGETS);
    }
    if let Some(r) = context(v) {
        return r;
    }
    if let Some(rest) = v.strip_prefix('$') {
        return Err(dollar(v, rest, "method.request.", REQUEST_VALUE_FORMS));
    }
    let what = if strip_prefix_ci(v, "integration.").is_some() {
        format!("`{v}` is an integration parameter, not a source a request parameter can map from")
    } else {
        format!("`{v}` is not a source a request parameter can map from")
    };
    Err((what, format!("map from {REQUEST_VALUE_FORMS}")))
}

fn response_value(v: &str) -> Result<(), Problem> {
    if let Some(rest) = strip_prefix_ci(v, "integration.response.") {
        if let Some(r) = body(v, rest) {
            return r;
        }
        return location_and_name(v, rest, &RESPONSE_SOURCES);
    }
    if strip_prefix_ci(v, "method.request.").is_some() {
        return request_value(v);
    }
    if let Some(r) = context(v) {
        return r;
    }
    if let Some(rest) = v.strip_prefix('$') {
        return Err(dollar(v, rest, "integration.response.", RESPONSE_VALUE_FORMS));
    }
    Err((
        format!("`{v}` is not a source an integration response can map from"),
        format!("map from {RESPONSE_VALUE_FORMS}"),
    ))
}

/// `body` or `body.JSONPATH` after `method.request.` / `integration.response.`; None when `rest`
/// is about something else.
fn body(v: &str, rest: &str) -> Option<Result<(), Problem>> {
    let after = strip_prefix_ci(rest, "body")?;
    if after.is_empty() {
        return Some(Ok(()));
    }
    let path = after.strip_prefix('.')?;
    Some(if path.is_empty() {
        Err((
            format!("`{v}` ends with a dot: the JSONPath after `body.` is empty"),
            format!("drop the dot (`{}`) to map the whole body, or name a field: `{v}name`", v.trim_end_matches('.')),
        ))
    } else {
        Ok(())
    })
}

/// `context.NAME` or `$context.NAME`; None when `v` is not a context variable.
fn context(v: &str) -> Option<Result<(), Problem>> {
    let name = strip_prefix_ci(v, "context.").or_else(|| strip_prefix_ci(v, "$context."))?;
    Some(if name.is_empty() {
        Err((format!("`{v}` names no context variable"), "write the variable's name, e.g. `context.requestId`".into()))
    } else {
        Ok(())
    })
}

/// A `$`-prefixed value that is neither `$context.` nor a stage variable.
fn dollar(v: &str, rest: &str, own_prefix: &str, forms: &str) -> Problem {
    if let Some(r) = strip_prefix_ci(rest, "request.") {
        return (
            format!("`{v}` is HTTP API mapping syntax; REST APIs do not understand it"),
            format!("write `method.request.{r}`"),
        );
    }
    if strip_prefix_ci(rest, own_prefix).is_some() || strip_prefix_ci(rest, "method.").is_some() {
        return (
            format!("`{v}` starts with `$`: mapping expressions are not template variables"),
            format!("drop the `$`: `{rest}`"),
        );
    }
    (
        format!("`{v}` looks like a mapping-template variable; parameter mappings do not evaluate templates"),
        format!("map from {forms}; use a mapping template (`requestTemplates`/`responseTemplates`) for anything else"),
    )
}

/// Checks the `LOCATION.NAME` part of an expression (`rest`, after its fixed prefix).
fn location_and_name(whole: &str, rest: &str, locations: &[&str]) -> Result<(), Problem> {
    let options = match locations {
        [only] => format!("`{only}`, the only location here"),
        _ => format!("one of {}", locations.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")),
    };
    let (location, name) = match rest.split_once('.') {
        Some((l, n)) => (l, Some(n)),
        None => (rest, None),
    };
    if location.is_empty() {
        return Err((
            format!("`{whole}` is incomplete: it names no location"),
            format!("continue it with {options}, and a name"),
        ));
    }
    if !locations.iter().any(|l| l.eq_ignore_ascii_case(location)) {
        return Err((
            format!("`{whole}`: `{location}` is not a location this mapping can use"),
            format!("use {options}"),
        ));
    }
    match name {
        None | Some("") => Err((
            format!("`{whole}` names no parameter after `{location}`"),
            format!("add the parameter name: `{}.NAME`", whole.trim_end_matches('.')),
        )),
        Some(n) if !valid_param_name(n) => Err((
            format!("`{whole}`: the name `{n}` has characters API Gateway rejects"),
            "parameter names may use only letters, digits and `. _ $ - :`".into(),
        )),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_values() {
        for ok in [
            "method.request.header.X-Id",
            "method.request.querystring.q",
            "method.request.multivalueheader.a",
            "method.request.body",
            "method.request.body.a.b",
            "context.requestId",
            "$context.requestId",
            "Method.Request.Header.x",
        ] {
            assert!(request_value(ok).is_ok(), "{ok}");
        }
        for bad in [
            "method.request.cookie.x",
            "method.request.header",
            "method.request.header.",
            "method.request.body.",
            "method.response.header.x",
            "integration.request.header.x",
            "$request.header.x",
            "$method.request.header.x",
            "$input.params('x')",
            "method.request.querystring.a[b]",
            "context.",
        ] {
            assert!(request_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys() {
        assert!(request_key("integration.request.path.id").is_ok());
        assert!(request_key("integration.request.body.x").is_err());
        assert!(request_key("method.request.header.x").is_err());
        assert!(response_key("method.response.header.Location").is_ok());
        assert!(response_key("method.response.body").is_err());
        assert!(response_value("integration.response.body.a").is_ok());
        assert!(response_value("integration.response.querystring.a").is_err());
    }
}
