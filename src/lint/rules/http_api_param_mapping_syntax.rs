use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::helpers::strip_prefix_ci;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// What an HTTP API mapping key changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    Header(&'a str),
    Query(&'a str),
    Path,
    StatusCode,
}

/// A request mapping key: `append|overwrite|remove:header.NAME`, `...:querystring.NAME` or
/// `overwrite:path`. Err is the reason it is not one.
pub(crate) fn request_key(key: &str) -> Result<Target<'_>, String> {
    // `overwrite.path` is how the 2023 guide wrote the key; API Gateway's reference writes
    // `overwrite:path`. Both are accepted rather than report what AWS may take.
    if key.eq_ignore_ascii_case("overwrite:path") || key.eq_ignore_ascii_case("overwrite.path") {
        return Ok(Target::Path);
    }
    let (action, rest) = action(key)?;
    if let Some(name) = strip_prefix_ci(rest, "header.") {
        return named(name, Target::Header(name), key);
    }
    if let Some(name) = strip_prefix_ci(rest, "querystring.") {
        return named(name, Target::Query(name), key);
    }
    if rest.eq_ignore_ascii_case("path") {
        return Err(format!("`{key}`: the path can only be overwritten (`overwrite:path`), not `{action}`"));
    }
    Err(format!("`{key}` changes `{rest}`; a request mapping changes `header.NAME`, `querystring.NAME` or `path`"))
}

/// A response mapping key: `append|overwrite|remove:header.NAME` or `overwrite:statuscode`.
pub(crate) fn response_key(key: &str) -> Result<Target<'_>, String> {
    if key.eq_ignore_ascii_case("overwrite:statuscode") {
        return Ok(Target::StatusCode);
    }
    let (action, rest) = action(key)?;
    if let Some(name) = strip_prefix_ci(rest, "header.") {
        return named(name, Target::Header(name), key);
    }
    if rest.eq_ignore_ascii_case("statuscode") {
        return Err(format!("`{key}`: the status code can only be overwritten (`overwrite:statuscode`), not `{action}`"));
    }
    Err(format!("`{key}` changes `{rest}`; a response mapping changes `header.NAME` or `statuscode`"))
}

fn action(key: &str) -> Result<(&str, &str), String> {
    let Some((action, rest)) = key.split_once(':') else {
        return Err(format!("`{key}` has no action: write `append:`, `overwrite:` or `remove:` before what it changes"));
    };
    if !["append", "overwrite", "remove"].iter().any(|a| a.eq_ignore_ascii_case(action)) {
        return Err(format!("`{key}`: `{action}` is not an action; use append, overwrite or remove"));
    }
    Ok((action, rest))
}

fn named<'a>(name: &str, target: Target<'a>, key: &str) -> Result<Target<'a>, String> {
    if name.is_empty() {
        Err(format!("`{key}` names no parameter"))
    } else {
        Ok(target)
    }
}

/// The problem with a mapping value that is a `$request.` / `$response.` selection expression
/// naming something HTTP APIs cannot read; None for values that are fine or not expressions.
fn value_problem(value: &str, response: bool) -> Option<String> {
    let (prefix, rest, allowed): (&str, &str, &[&str]) = if let Some(r) = value.strip_prefix("$request.") {
        ("$request.", r, &["header.", "querystring.", "body", "path"])
    } else if let Some(r) = value.strip_prefix("$response.") {
        ("$response.", r, &["header.", "body"])
    } else {
        return None;
    };
    // A request has no response to read; a response mapping may read the request as well
    // (AWS's own table of response values lists `$request.header.name`).
    if !response && prefix == "$response." {
        return Some(format!("`{value}`: a request mapping cannot read the integration's response"));
    }
    let ok = allowed.iter().any(|a| {
        rest.strip_prefix(a).is_some_and(|after| {
            if a.ends_with('.') {
                !after.is_empty()
            } else {
                after.is_empty() || after.starts_with('.')
            }
        })
    });
    (!ok).then(|| format!("`{value}` is not a source HTTP APIs can map from ({prefix}{})", allowed.join(&format!(", {prefix}"))))
}

/// The mappings of one status code of an HTTP integration's `responseParameters`: the key, its
/// value when it is a string, and where it is written. Reads the OpenAPI form
/// (`{"append:header.x": "$context.requestId"}`) and CloudFormation's
/// (`{"ResponseParameters": [{"Destination": "append:header.x", "Source": "..."}]}`).
pub(crate) fn response_mappings<'v>(at: &Loc, mappings: &'v Value) -> Vec<(Loc, &'v str, Option<&'v str>)> {
    let Value::Object(m) = mappings else { return Vec::new() };
    if crate::ir::is_intrinsic(m) {
        return Vec::new();
    }
    if let Some(Value::Array(list)) = m.get("ResponseParameters") {
        return list
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let key = e.get("Destination")?.as_str()?;
                let loc = at.child("ResponseParameters").index(i).child("Destination");
                Some((loc, key, e.get("Source").and_then(Value::as_str)))
            })
            .collect();
    }
    m.iter().map(|(k, v)| (at.child(k), k.as_str(), v.as_str())).collect()
}

/// REST-style mapping keys written on an HTTP API (`integration.request.header.x`).
fn rest_style(key: &str) -> bool {
    strip_prefix_ci(key, "integration.").is_some() || strip_prefix_ci(key, "method.").is_some()
}

/// ## What it checks
/// The parameter mappings of an HTTP API integration are written in the HTTP API syntax:
///
/// - `requestParameters` keys are `append|overwrite|remove:header.NAME`,
///   `append|overwrite|remove:querystring.NAME` or `overwrite:path` (for an integration without
///   `integrationSubtype`; with one, the keys are the service action's parameters and are not
///   checked here);
/// - `responseParameters` maps status codes 200 to 599 to keys `append|overwrite|remove:header.NAME`
///   or `overwrite:statuscode`;
/// - a value that is a `$request.` expression reads `header.NAME`, `querystring.NAME`, `body`,
///   `body.PATH`, `path` or `path.NAME`; a `$response.` expression (in a response mapping only)
///   reads `header.NAME` or `body`.
///
/// Static values, `$context.` and `$stageVariables.` values are accepted as written. Keys of
/// actions and locations are compared without regard to case.
///
/// ## Why
/// HTTP APIs transform requests and responses with this key syntax and these value sources
/// [DG:http-api-parameter-mapping]; a response mapping is keyed by a status code from 200 to 599
/// [BOTO2:Integration.ResponseParameters]. The 2023 guide wrote the path key `overwrite.path`, and
/// listed `$request.header.name` among response values; gwgen accepts both rather than report what
/// AWS may take. REST mapping expressions
/// (`integration.request.header.x`, `method.request.header.x`) mean nothing to an HTTP API, and
/// API Gateway rejects keys it cannot read: a response mapping keyed `append:overwrite.static`
/// failed with "BadRequestException: Invalid mapping expression specified: Validation Result:
/// warnings : [], errors : [Invalid Response Actioned Parame[ter]..."
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/pull/17997].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: http_proxy
///   requestParameters:
///     integration.request.header.x-user: $request.header.x-user   # REST syntax
/// ```
///
/// ## Fix
/// Write `append:header.x-user` (or `overwrite:` / `remove:`) as the key, and `$request.header.x-user`
/// as the value.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html>
/// - <https://github.com/hashicorp/terraform-provider-aws/pull/17997>
pub struct HttpApiParamMappingSyntax;

impl Rule for HttpApiParamMappingSyntax {
    const META: RuleMeta = RuleMeta {
        id: "http-api-param-mapping-syntax",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP API parameter mappings use (append|overwrite|remove):header/querystring keys and $request/$response values",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let requests = integration.loc.child("requestParameters");
            if integration.integration_subtype.is_none() {
                for (key, value) in &integration.request_parameters {
                    if let Err(problem) = request_key(key) {
                        let help = if rest_style(key) {
                            "this is REST API syntax; HTTP APIs write `overwrite:header.NAME`, `append:querystring.NAME` or `overwrite:path`"
                        } else {
                            "write `append|overwrite|remove:header.NAME`, `append|overwrite|remove:querystring.NAME` or `overwrite:path`"
                        };
                        out.report(requests.child(key), format!("request mapping key {problem}")).help(help);
                        continue;
                    }
                    if let Text::Str(v) = value {
                        if let Some(problem) = value_problem(v, false) {
                            out.report(requests.child(key), format!("request mapping value {problem}"))
                                .help("map from `$request.header.NAME`, `$request.querystring.NAME`, `$request.body.PATH`, `$request.path.NAME`, `$context.NAME`, `$stageVariables.NAME` or a static value");
                        }
                    }
                }
            }
            let responses_loc = integration.loc.child("responseParameters");
            let Some(Value::Object(by_status)) = api.sources.value(&responses_loc) else { continue };
            if crate::ir::is_intrinsic(by_status) {
                continue;
            }
            for (status, mappings) in by_status {
                let sloc = responses_loc.child(status);
                let code_ok = status.len() == 3 && status.parse::<u16>().is_ok_and(|c| (200..=599).contains(&c));
                if !code_ok && !status.contains("${") {
                    out.report(sloc.clone(), format!("responseParameters key `{status}` is not a status code from 200 to 599"))
                        .help("key response mappings by the integration's status code, for example `\"500\"`");
                    continue;
                }
                for (loc, key, value) in response_mappings(&sloc, mappings) {
                    if let Err(problem) = response_key(key) {
                        out.report(loc, format!("response mapping key {problem}"))
                            .help("write `append|overwrite|remove:header.NAME` or `overwrite:statuscode`");
                        continue;
                    }
                    if let Some(problem) = value.and_then(|v| value_problem(v, true)) {
                        out.report(loc, format!("response mapping value {problem}"))
                            .help("map from `$response.header.NAME`, `$response.body.PATH`, `$context.NAME`, `$stageVariables.NAME` or a static value");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(request_key("append:header.x"), Ok(Target::Header("x")));
        assert_eq!(request_key("remove:querystring.q"), Ok(Target::Query("q")));
        assert_eq!(request_key("overwrite:path"), Ok(Target::Path));
        assert!(request_key("append:path").is_err());
        assert!(request_key("header.x").is_err());
        assert!(request_key("add:header.x").is_err());
        assert!(request_key("overwrite:header.").is_err());
        assert_eq!(response_key("overwrite:statuscode"), Ok(Target::StatusCode));
        assert!(response_key("overwrite:querystring.q").is_err());
    }

    #[test]
    fn cloudformation_response_parameters() {
        let paths = r#"
  /a:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://example.com
        payloadFormatVersion: "1.0"
        responseParameters:
          "404":
            ResponseParameters:
              - {Destination: "overwrite:statuscode", Source: "410"}
              - {Destination: "overwrite:path", Source: "/x"}
          "500": {"Fn::If": [Cond, {"overwrite:statuscode": "503"}, {"Ref": "AWS::NoValue"}]}
"#;
        assert_eq!(
            super::super::http_findings("http-api-param-mapping-syntax", paths),
            ["/paths/~1a/get/x-amazon-apigateway-integration/responseParameters/404/ResponseParameters/1/Destination"]
        );
    }

    #[test]
    fn values() {
        assert_eq!(value_problem("$request.header.x", false), None);
        assert_eq!(value_problem("$request.body", false), None);
        assert_eq!(value_problem("$request.body.a.b", false), None);
        assert_eq!(value_problem("$request.path", false), None);
        assert_eq!(value_problem("static", false), None);
        assert!(value_problem("$request.cookie.x", false).is_some());
        assert!(value_problem("$request.bodyx", false).is_some());
        assert!(value_problem("$response.header.x", false).is_some());
        assert_eq!(value_problem("$response.body.error", true), None);
        assert_eq!(value_problem("$request.header.x", true), None);
        assert!(value_problem("$response.path", true).is_some());
    }
}
