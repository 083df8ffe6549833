use serde_json::Value;

use crate::lint::helpers::{is_everyone, is_intrinsic, resource_policies, written_as, Written};
use crate::diag::Severity;
use crate::ir::{Api, ApiType, AuthKind, AuthType, Method, Operation, SecurityRequirement};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// Operations that anyone can call: API Gateway applies no IAM, Lambda, Cognito or JWT
/// authorizer to them and (REST) requires no API key. The authorization is worked out as API
/// Gateway does it, for both API types: from the operation's `security`, or else the root's;
/// `x-amazon-apigateway-auth: {type: AWS_IAM}` counts as IAM.
///
/// Root-level `security` applies. The evidence: recorded REST imports of OpenAPI 3.0 documents
/// gave a method without `security` the root requirement's Cognito authorizer with its scope, and
/// another gave every such method the root's Lambda authorizer (CUSTOM). For Swagger 2.0 there is
/// no recorded import here; LocalStack's import, whose API Gateway behaviour is checked against
/// AWS, applies the root requirement's authorizer in both versions, and gwgen follows it. The
/// developer guide's known-issues page [DG:api-gateway-known-issues] and a 2017 answer on the
/// retired standalone importer (aws-apigateway-importer#204) say root-level security is ignored;
/// the recorded imports contradict that, so gwgen follows the recordings.
///
/// These operations are not reported:
/// - `options` operations (CORS preflight requests carry no credentials);
/// - on an HTTP API with `x-amazon-apigateway-cors`, the `$default` route (with CORS
///   configured, API Gateway answers preflight requests itself);
/// - operations that say they are public on purpose: `x-amazon-apigateway-auth: {type: NONE}`,
///   an explicit `security: []`, a list of empty requirements (`- {}`), or SAM's
///   `- NONE: []` when no scheme is called `NONE`;
/// - on a REST API, operations whose first security requirement enforces nothing but a later
///   one names an API key, IAM or authorizer scheme (SAM writes
///   `[{NONE: []}, {api_key: []}]` for "no authorizer, API key required");
/// - every operation of a REST API whose resource policy restricts callers: a statement with
///   `Effect: Allow` and a `Condition`, an `Allow` to specific principals rather than `"*"`, or
///   a `Deny` whose `Condition` denies everyone but some callers (a negated operator such as
///   `NotIpAddress` or `StringNotEquals` on `aws:SourceVpce`, or `Null: {key: "true"}`). A `Deny`
///   with a positive condition (`IpAddress`: AWS's IP block-list example) keeps out only the
///   callers it names, and everyone else is still let in, so it exempts nothing. The policy is the
///   document's `x-amazon-apigateway-policy` (where SAM's transform writes an Api's
///   `Auth.ResourcePolicy`, from the resource or `Globals.Api`) or the template's `Policy`
///   property of the API resource (RestApi or SAM Api, a mapping or a JSON string): an IP
///   allow-list in either exempts the API. The rule does not work out which resources a
///   statement covers, so one such statement exempts the whole API; a policy whose statements
///   gwgen cannot read (intrinsics) does too.
///
/// For a SAM API, what SAM's transform writes into the document counts as if written there:
/// `Auth.DefaultAuthorizer` and `Auth.ApiKeyRequired` (on the Api or in `Globals.Api`) become
/// each operation's `security`.
///
/// HTTP APIs have no API keys, so a plain `apiKey` scheme protects nothing there.
///
/// A REST method that requires an API key and nothing else is not reported: API Gateway refuses
/// calls without a valid key, so it is not open to anyone. It is not authorization either: AWS
/// says "don't use API keys for authentication or authorization to control access to your APIs"
/// and to use IAM, a Lambda authorizer or a Cognito user pool for that, since keys are meant to
/// identify clients for usage plans [DG:api-gateway-api-usage-plans]. Treat such methods as
/// metered, not protected.
///
/// ## Why
/// A method whose authorization type is `NONE` and that has `apiKeyRequired: false` is open to
/// the internet [BOTO1:Method.authorizationType]. It is easy to get there by accident: an
/// operation with no `security` of its own in a document with none at the root, or a scheme name
/// that does not match a defined scheme, which simply adds nothing. For CORS, API Gateway answers preflight
/// requests for an HTTP API itself when CORS is configured [DG:http-api-cors], and a REST
/// preflight `OPTIONS` method must stay unauthenticated.
///
/// ## Example
/// ```yaml
/// paths:
///   /orders:
///     post:                      # no security, no x-amazon-apigateway-auth
///       x-amazon-apigateway-integration: {...}
/// ```
///
/// ## Fix
/// Add a `security` requirement naming an authorizer, an IAM (`awsSigv4`) scheme or an API key
/// scheme. If the operation is meant to be public, say so with
/// `x-amazon-apigateway-auth: {type: NONE}` (or `security: []`).
///
/// Where the operation is written in a template, the finding says what to change there: a SAM
/// function event takes `Auth: {Authorizer: ...}` (or `Auth.ApiKeyRequired`, or the API's
/// `Auth.DefaultAuthorizer`), and `Auth: {Authorizer: NONE}` when it is public on purpose; a
/// CloudFormation `AWS::ApiGateway::Method` or `AWS::ApiGatewayV2::Route` takes an
/// `AuthorizationType` (and `AuthorizerId`) or `ApiKeyRequired`; a quick-create HTTP API (an
/// `AWS::ApiGatewayV2::Api` with a `Target`) has no authorization to set, so its route has to be a
/// Route resource of its own. An explicit `AuthorizationType: NONE` on a Method is still reported:
/// the CDK writes it on every method without an authorizer, so it does not say "public on
/// purpose".
pub struct OperationUnauthenticated;

impl Rule for OperationUnauthenticated {
    const META: RuleMeta = RuleMeta {
        id: "operation-unauthenticated",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: false,
        summary: "operations require some authorization",
    };

    fn check(api: &Api, out: &mut Findings) {
        let rest = api.api_type == ApiType::Rest;
        if rest && resource_policies(api).iter().any(|p| restricts_callers(p.document)) {
            return;
        }
        let cors = api.apigw.cors.is_some();
        for (path, op) in api.operations() {
            if op.method == Method::Options || explicitly_public(api, op) {
                continue;
            }
            if !rest && cors && (op.is_default_route || path.path == "$default") {
                continue;
            }
            let auth = api.authorization(op);
            if auth.kind != AuthKind::None || auth.api_key || rest && later_requirement_enforces(api, op) {
                continue;
            }
            let own = op.security.as_ref().or(api.security.as_ref());
            let written = written_as(api, &op.loc);
            let why = match written {
                Written::SamEvent => "neither its event's `Auth` nor its API's `Auth` requires authorization",
                Written::Resource if rest => "its `AuthorizationType` is NONE (or not set) and it requires no API key",
                Written::Resource => "its `AuthorizationType` is NONE (or not set)",
                Written::QuickCreate => "quick create's route has no authorization",
                Written::Document | Written::SamCors if op.security.is_none() && own.is_some_and(|s| !s.is_empty()) => {
                    "the root-level `security` names no scheme API Gateway enforces"
                }
                Written::Document | Written::SamCors if own.is_some_and(|s| !s.is_empty()) => {
                    "its `security` names no scheme API Gateway enforces"
                }
                Written::Document | Written::SamCors => "it has no `security` and no `x-amazon-apigateway-auth`",
            };
            out.report(
                op.loc.clone(),
                format!("{} {} is open to anyone: {why}", op.method.as_str(), path.path),
            )
            .help(match (written, rest) {
                (Written::SamEvent, true) => "give the event `Auth: {Authorizer: <an authorizer of the Api>}` (or `AWS_IAM`), `Auth: {ApiKeyRequired: true}`, or the Api an `Auth.DefaultAuthorizer`; if it is public on purpose, write `Auth: {Authorizer: NONE}` on the event",
                (Written::SamEvent, false) => "give the event `Auth: {Authorizer: <an authorizer of the HttpApi>}` (or `AWS_IAM`), or the HttpApi an `Auth.DefaultAuthorizer`; if it is public on purpose, write `Auth: {Authorizer: NONE}` on the event",
                (Written::Resource, true) => "set the Method's `AuthorizationType` (AWS_IAM, or CUSTOM / COGNITO_USER_POOLS with an `AuthorizerId`) or `ApiKeyRequired: true`",
                (Written::Resource, false) => "set the Route's `AuthorizationType` (AWS_IAM, or JWT / CUSTOM with an `AuthorizerId`)",
                (Written::QuickCreate, _) => "the Api's `Target` (quick create) makes a route without authorization: define the route as an `AWS::ApiGatewayV2::Route` with an `AuthorizationType` instead",
                (Written::Document | Written::SamCors, true) => "add `security` naming a Lambda or Cognito authorizer, an IAM (awsSigv4) scheme or an API key scheme; if it is public on purpose, write `x-amazon-apigateway-auth: {type: NONE}`",
                (Written::Document | Written::SamCors, false) => "add `security` naming a JWT or Lambda authorizer or an IAM (awsSigv4) scheme; if it is public on purpose, write `security: []`",
            });
        }
    }
}

/// `x-amazon-apigateway-auth: {type: NONE}`, `security: []`, `security: [{}]`, or SAM's
/// `security: [{NONE: []}]` (when no scheme is called `NONE`).
fn explicitly_public(api: &Api, op: &Operation) -> bool {
    let none = |r: &SecurityRequirement| {
        r.schemes.is_empty()
            || r.schemes.len() == 1 && r.schemes.contains_key("NONE") && !api.security_schemes.contains_key("NONE")
    };
    let security = op.security.as_ref().or(api.security.as_ref());
    op.auth.as_ref().is_some_and(|a| a.is(AuthType::None)) || security.is_some_and(|s| s.iter().all(none))
}

/// A REST operation whose first security requirement enforces nothing but a later one names an
/// API key, IAM or authorizer scheme (SAM writes `[{NONE: []}, {api_key: []}]`).
fn later_requirement_enforces(api: &Api, op: &Operation) -> bool {
    op.security.as_ref().or(api.security.as_ref()).into_iter().flatten().skip(1).flat_map(|r| r.schemes.keys()).any(|name| {
        api.security_schemes.get(name).is_some_and(|s| s.is_api_key() || s.is_iam() || s.authorizer.is_some())
    })
}

/// Does some statement of the resource policy limit who can call the API?
fn restricts_callers(document: &Value) -> bool {
    let statements: Vec<&Value> = match document.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        // A policy whose statements gwgen cannot read (an intrinsic, a string): assume it does.
        Some(_) => return true,
        None => return !document.is_object() || is_intrinsic(document),
    };
    statements.into_iter().any(|s| {
        let Some(m) = s.as_object() else { return true };
        if is_intrinsic(s) {
            return true;
        }
        let effect = m.get("Effect").and_then(Value::as_str).unwrap_or("");
        let conditional = m.get("Condition").is_some_and(|c| !matches!(c, Value::Object(o) if o.is_empty()));
        if effect.eq_ignore_ascii_case("Deny") {
            // "Deny unless ..." keeps everyone else out; "Deny these" keeps everyone else in.
            return conditional && m.get("Condition").is_some_and(denies_all_but_some);
        }
        if !effect.eq_ignore_ascii_case("Allow") {
            // An intrinsic or misspelled effect: gwgen cannot tell.
            return !matches!(m.get("Effect"), Some(Value::String(_)));
        }
        conditional || m.get("Principal").is_some_and(|p| !is_everyone(p))
    })
}

/// Whether a Deny statement's `Condition` denies everyone but some callers: a negated operator
/// (`NotIpAddress`, `StringNotEquals` on `aws:SourceVpce`...), or `Null: {key: "true"}` (deny
/// where the key is absent). A positive one (`IpAddress`) denies only the callers it names. An
/// intrinsic gwgen cannot read counts as restricting.
fn denies_all_but_some(condition: &Value) -> bool {
    let Value::Object(operators) = condition else { return true };
    if is_intrinsic(condition) {
        return true;
    }
    operators.iter().any(|(op, keys)| {
        let op = op.trim_start_matches("ForAllValues:").trim_start_matches("ForAnyValue:");
        let op = op.strip_suffix("IfExists").unwrap_or(op);
        if op == "Null" {
            return keys.as_object().is_some_and(|k| k.values().any(|v| v == "true" || v == true));
        }
        op.contains("Not")
    })
}

#[cfg(test)]
mod tests {
    use crate::ir::ApiType;

    fn pointers(yaml: &str, api_type: Option<ApiType>) -> Vec<String> {
        let api = crate::load::test_api(yaml, api_type);
        crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == "operation-unauthenticated")
            .map(|f| f.loc.ptr.as_str().to_string())
            .collect()
    }

    const HTTP: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
x-amazon-apigateway-cors: {allowOrigins: ["*"]}
security:
  - jwt: []
paths:
  /inherits:
    get: {responses: {"200": {description: ok}}}
  /open:
    get:
      security: [{apiKey: []}]
      responses: {"200": {description: ok}}
  /public:
    get:
      security: []
      responses: {"200": {description: ok}}
  $default:
    x-amazon-apigateway-any-method:
      isDefaultRoute: true
      security: [{apiKey: []}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    apiKey: {type: apiKey, name: x-api-key, in: header}
    jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        jwtConfiguration: {issuer: "https://issuer.example.com", audience: [api]}
"#;

    #[test]
    fn http_inherits_root_security_and_exempts_default_route_with_cors() {
        // API keys do not exist on HTTP APIs: `/open` is open; `$default` is exempt under CORS.
        assert_eq!(pointers(HTTP, Some(ApiType::Http)), vec!["/paths/~1open/get"]);
        let no_cors = HTTP.replace("x-amazon-apigateway-cors: {allowOrigins: [\"*\"]}\n", "");
        assert_eq!(
            pointers(&no_cors, Some(ApiType::Http)),
            vec!["/paths/$default/x-amazon-apigateway-any-method", "/paths/~1open/get"]
        );
    }

    #[test]
    fn rest_policy_that_restricts_callers_exempts_the_api() {
        let open = r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get: {responses: {"200": {description: ok}}}
x-amazon-apigateway-policy:
  Version: "2012-10-17"
  Statement:
    - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*"}
"#;
        assert_eq!(pointers(open, None), vec!["/paths/~1a/get"]);
        let denied = format!(
            "{open}    - {{Effect: Deny, Principal: \"*\", Action: execute-api:Invoke, Resource: \"execute-api:/*\", Condition: {{NotIpAddress: {{aws:SourceIp: [10.0.0.0/8]}}}}}}\n"
        );
        assert!(pointers(&denied, None).is_empty());
        let principal = open.replace("Principal: \"*\"", "Principal: {AWS: \"arn:aws:iam::123456789012:root\"}");
        assert!(pointers(&principal, None).is_empty());
    }
}
