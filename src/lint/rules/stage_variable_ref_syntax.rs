use indexmap::IndexMap;

use crate::diag::Severity;
use crate::ir::{Api, ApiType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

use crate::lint::helpers::integrations;
use crate::lint::helpers::{passes_response_through, strip_prefix_ci};

/// ## What it checks
/// Stage variable references use the syntax of the place they are written in, and a valid name:
///
/// - in an integration's `uri`, `credentials` and `connectionId` and in an authorizer's
///   `authorizerUri`, a reference is `${stageVariables.NAME}`; `$stageVariables.NAME` (no
///   braces) is reported;
/// - in a REST parameter mapping value (integration `requestParameters` and integration
///   responses' `responseParameters`), a reference is the whole value `stageVariables.NAME`;
///   `${stageVariables.NAME}` is reported, whole or embedded in a longer value;
/// - NAME uses only letters, digits and underscores.
///
/// `$stageVariables.NAME` as a whole mapping value is accepted: the requestParameters page of
/// the guide lists it, even though the stage variables reference writes it without `$`. Text
/// such as `stageVariables.x` without any `$` inside a URI is left alone. In `Fn::Sub` templates
/// (`!Sub`), a reference must be escaped, `${!stageVariables.NAME}`, which CloudFormation turns
/// into `${stageVariables.NAME}`; the unescaped form is reported there.
///
/// ## Why
/// The stage variables reference gives the forms: `${stageVariables.<name>}` in HTTP and AWS
/// integration URIs, Lambda function names, credentials ARNs and VPC link IDs, and
/// `stageVariables.<name>` "without the `$` and the enclosing `{...}`" and "without any partial
/// substitution" in parameter mapping expressions [DG:aws-api-gateway-stage-variables-reference].
/// A reference in the wrong form is passed on literally, or rejected as an invalid mapping
/// expression. Stage variable names "can have alphanumeric and underscore characters"
/// [BOTO1:CreateStageRequest.variables], so `${stageVariables.my-var}` can never be defined.
/// In an `Fn::Sub` string CloudFormation reads every `${A.B}` as attribute `B` of resource `A`
/// and `${!Literal}` as the literal `${Literal}` [WEB:https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html],
/// so an unescaped stage variable reference names a resource `stageVariables` that does not
/// exist, and the template is rejected.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   uri: https://$stageVariables.host/pets          # not substituted
///   connectionId: ${stageVariables.vpc-link}        # `-` is not allowed in a name
///   requestParameters:
///     integration.request.header.X-Env: ${stageVariables.env}   # mapping form has no ${}
/// ```
///
/// ## Fix
/// Write `${stageVariables.host}` in URIs, credentials and connection IDs,
/// `stageVariables.env` as a mapping value, and rename variables to letters, digits and `_`.
pub struct StageVariableRefSyntax;

impl Rule for StageVariableRefSyntax {
    const META: RuleMeta = RuleMeta {
        id: "stage-variable-ref-syntax",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "stage variable references use the syntax of their place and a valid name",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let at = &integration.loc;
            check_template(at, "uri", integration.uri.as_ref(), out);
            check_template(at, "credentials", integration.credentials.as_ref(), out);
            check_template(at, "connectionId", integration.connection_id.as_ref(), out);
            if api.api_type == ApiType::Rest && op.is_some() {
                check_mappings(&at.child("requestParameters"), &integration.request_parameters, out);
                let responses = integration.responses.values().filter(|_| !passes_response_through(integration));
                for response in responses {
                    check_mappings(&response.loc.child("responseParameters"), &response.response_parameters, out);
                }
            }
        }
        for scheme in api.security_schemes.values() {
            if let Some(authorizer) = &scheme.authorizer {
                check_template(&authorizer.loc, "authorizerUri", authorizer.authorizer_uri.as_ref(), out);
            }
        }
    }
}

const PREFIX: &str = "stageVariables.";

/// The text and whether it is an `Fn::Sub` template; None when its shape is unknown.
fn text(t: &Text) -> Option<(&str, bool)> {
    match t {
        Text::Str(s) => Some((s, false)),
        Text::Intrinsic(_) => t.pattern().map(|p| (p, true)),
    }
}

/// Whether the `stageVariables.` at byte `i` is written `${stageVariables.` (or `${!` in `Fn::Sub`).
fn braced(s: &str, i: usize, sub: bool) -> bool {
    let before = &s[..i];
    before.ends_with("${") || sub && before.ends_with("${!")
}

/// A URI-like field: every reference is `${stageVariables.NAME}`.
fn check_template(at: &Loc, field: &str, value: Option<&Text>, out: &mut Findings) {
    let Some((s, sub)) = value.and_then(text) else { return };
    for (i, _) in s.match_indices(PREFIX) {
        let after = &s[i + PREFIX.len()..];
        if sub && s[..i].ends_with("${") {
            let name = crate::ir::stage_variable_name_at(after);
            out.report(
                at.child(field),
                format!("`${{stageVariables.{name}}}` in an `Fn::Sub`: CloudFormation reads it as an attribute of a resource named `stageVariables` and rejects the template"),
            )
            .help(format!("escape it for Fn::Sub: `${{!stageVariables.{name}}}` (API Gateway then sees `${{stageVariables.{name}}}`)"));
            continue;
        }
        if braced(s, i, sub) {
            match after.find('}') {
                None => {
                    let name = crate::ir::stage_variable_name_at(after);
                    out.report(
                        at.child(field),
                        format!("`${{stageVariables.{name}` in `{field}` is never closed with `}}`"),
                    )
                    .help("write the reference as `${stageVariables.NAME}`");
                }
                Some(end) if !crate::ir::is_stage_variable_name(&after[..end]) => {
                    let name = &after[..end];
                    out.report(
                        at.child(field),
                        format!(
                            "`${{stageVariables.{name}}}` in `{field}`: `{name}` is not a valid stage variable name"
                        ),
                    )
                    .help("stage variable names use only letters, digits and underscores; rename the variable");
                }
                Some(_) => {}
            }
        } else if s[..i].ends_with('$') {
            let name = crate::ir::stage_variable_name_at(after);
            out.report(
                at.child(field),
                format!("`$stageVariables.{name}` in `{field}` is not substituted: references there need braces"),
            )
            .help(format!("write `${{stageVariables.{name}}}`"));
        }
    }
}

/// REST parameter mapping values: a reference is the whole value `stageVariables.NAME`.
fn check_mappings(at: &Loc, map: &IndexMap<String, Text>, out: &mut Findings) {
    for (key, value) in map {
        let Some((s, sub)) = text(value) else { continue };
        let loc = at.child(key);
        if let Some((i, _)) = s.match_indices(PREFIX).find(|(i, _)| braced(s, *i, sub)) {
            let start = if s[..i].ends_with("${!") { i - 3 } else { i - 2 };
            let after = &s[i + PREFIX.len()..];
            let whole = start == 0 && after.find('}').is_some_and(|end| end + 1 == after.len());
            if whole {
                let name = &after[..after.len() - 1];
                out.report(
                    loc,
                    format!("`{s}` is URI syntax; a parameter mapping names a stage variable without `$` and braces"),
                )
                .help(format!("write `stageVariables.{name}`"));
            } else {
                out.report(loc, format!("`{s}`: stage variables are not substituted inside a mapping value"))
                    .help("a mapping value is either exactly `stageVariables.NAME` or a static value; build combined values in a mapping template or in the backend");
            }
            continue;
        }
        let name = strip_prefix_ci(s, PREFIX).or_else(|| strip_prefix_ci(s, "$stageVariables."));
        if let Some(name) = name {
            if sub && name.contains("${") {
                continue;
            }
            if !crate::ir::is_stage_variable_name(name) {
                out.report(loc, format!("`{s}`: `{name}` is not a valid stage variable name"))
                    .help("stage variable names use only letters, digits and underscores; rename the variable");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;
    use crate::ir::ApiType;

    #[test]
    fn http_api_uris_are_checked_and_mappings_are_not() {
        let doc = r#"
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /a:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://$stageVariables.host/a
        payloadFormatVersion: "1.0"
        requestParameters:
          overwrite:header.x: $stageVariables.x
  /b:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://${stageVariables.host}/b
        payloadFormatVersion: "1.0"
"#;
        let found = pointers_of("stage-variable-ref-syntax", doc, Some(ApiType::Http));
        assert_eq!(found, ["/paths/~1a/get/x-amazon-apigateway-integration/uri"]);
    }
}
