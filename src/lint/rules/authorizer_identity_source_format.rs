use crate::diag::Severity;
use crate::ir::{Api, ApiType, AuthorizerType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::strip_prefix_ci;

/// ## What it checks
/// An authorizer's `identitySource` is a comma-separated list written in the syntax of the API
/// type:
///
/// - REST: `method.request.header.NAME`, `method.request.querystring.NAME`,
///   `stageVariables.NAME` or `context.NAME`. A `token` or `cognito_user_pools` authorizer takes
///   exactly one `method.request.header.NAME`.
/// - HTTP: `$request.header.NAME`, `$request.querystring.NAME`, `$context.NAME` or
///   `$stageVariables.NAME`. A `jwt` authorizer takes exactly one header or query string.
///
/// Keywords are compared without regard to case. A missing or empty `identitySource` is not
/// reported here (see `authorizer-cache-needs-identity`), and entries built from `Fn::Sub`
/// placeholders are skipped.
///
/// ## Why
/// For REST, a TOKEN or Cognito authorizer's identity source is a single header mapping
/// expression, and a REQUEST authorizer's a comma-separated list of header, query string,
/// stage variable and context expressions [BOTO1:Authorizer.identitySource]. HTTP APIs use
/// selection expressions instead: `$request.header.X`, `$request.querystring.X`, `$context.X`,
/// `$stageVariables.X`, and a JWT authorizer reads a single header or query string
/// [BOTO2:Authorizer.IdentitySource], [DG:api-gateway-swagger-extensions-authorizer]. An
/// expression of the other API type, or a source such as a path parameter, is rejected.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-authorizer:          # in a REST API
///   type: token
///   identitySource: $request.header.Authorization   # HTTP API syntax
/// ```
///
/// ## Fix
/// Write the expressions of the API type: `method.request.header.Authorization` in a REST
/// API, `$request.header.Authorization` in an HTTP API; give a token, Cognito or JWT
/// authorizer exactly one header.
pub struct AuthorizerIdentitySourceFormat;

impl Rule for AuthorizerIdentitySourceFormat {
    const META: RuleMeta = RuleMeta {
        id: "authorizer-identity-source-format",
        category: Category::Authorizer,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "identitySource uses the expression syntax of the API type",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (name, scheme) in &api.security_schemes {
            let Some(authorizer) = &scheme.authorizer else { continue };
            let Some(source) = &authorizer.identity_source else { continue };
            let text = match source {
                Text::Str(s) => s.as_str(),
                Text::Intrinsic(_) => match source.pattern() {
                    Some(p) => p,
                    None => continue,
                },
            };
            if text.trim().is_empty() {
                continue;
            }
            let kind = authorizer.kind.as_ref().and_then(|k| k.value);
            let loc = authorizer.loc.child("identitySource");
            let entries: Vec<&str> = text.split(',').map(str::trim).collect();
            let mut parsed = Vec::with_capacity(entries.len());
            for entry in &entries {
                if entry.contains("${") {
                    parsed.push(None);
                    continue;
                }
                match parse(api.api_type, entry) {
                    Ok(source) => parsed.push(Some(source)),
                    Err((message, help)) => {
                        out.report(loc.clone(), format!("identitySource of security scheme `{name}`: {message}"))
                            .help(help);
                        parsed.push(None);
                    }
                }
            }
            // Authorizers that read exactly one token.
            let single = match (api.api_type, kind) {
                (ApiType::Rest, Some(AuthorizerType::Token)) => {
                    Some(("token", "a single `method.request.header.NAME`"))
                }
                (ApiType::Rest, Some(AuthorizerType::CognitoUserPools)) => {
                    Some(("cognito_user_pools", "a single `method.request.header.NAME`"))
                }
                (ApiType::Http, Some(AuthorizerType::Jwt)) => {
                    Some(("jwt", "a single `$request.header.NAME` or `$request.querystring.NAME`"))
                }
                _ => None,
            };
            let Some((kind, wanted)) = single else { continue };
            if entries.len() > 1 {
                out.report(
                    loc.clone(),
                    format!("the {kind} authorizer of security scheme `{name}` lists {} identity sources; it reads exactly one", entries.len()),
                )
                .help(format!("keep {wanted}; only `request` authorizers combine several sources"));
                continue;
            }
            let fits = match parsed.first().copied().flatten() {
                Some(Source::Header) => true,
                Some(Source::Query) => api.api_type == ApiType::Http,
                Some(_) => false,
                None => true, // already reported, or unknown
            };
            if !fits {
                out.report(
                    loc,
                    format!(
                        "the {kind} authorizer of security scheme `{name}` must read its token from {wanted}, not `{}`",
                        entries[0]
                    ),
                )
                .help(format!("use {wanted}"));
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    Header,
    Query,
    Other,
}

type Problem = (String, String);

fn parse(api_type: ApiType, entry: &str) -> Result<Source, Problem> {
    if entry.is_empty() {
        return Err(("an empty entry (a stray comma?)".into(), "separate the sources with single commas".into()));
    }
    match api_type {
        ApiType::Rest => rest(entry),
        ApiType::Http => http(entry),
    }
}

fn named(entry: &str, name: &str, source: Source, form: &str) -> Result<Source, Problem> {
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        Err((format!("`{entry}` names no {form}"), format!("write the name after the dot: `{entry}NAME`")))
    } else {
        Ok(source)
    }
}

fn rest(entry: &str) -> Result<Source, Problem> {
    if let Some(rest) = strip_prefix_ci(entry, "method.request.") {
        if let Some(name) = strip_prefix_ci(rest, "header.") {
            return named(entry, name, Source::Header, "header");
        }
        if let Some(name) = strip_prefix_ci(rest, "querystring.") {
            return named(entry, name, Source::Query, "query string parameter");
        }
        return Err((
            format!("`{entry}` is not a source a REST authorizer can read"),
            "REST authorizers read `method.request.header.NAME`, `method.request.querystring.NAME`, `stageVariables.NAME` and `context.NAME`".into(),
        ));
    }
    if let Some(name) = strip_prefix_ci(entry, "stageVariables.") {
        return named(entry, name, Source::Other, "stage variable");
    }
    if let Some(name) = strip_prefix_ci(entry, "context.") {
        return named(entry, name, Source::Other, "context variable");
    }
    if let Some(rest) = entry.strip_prefix('$') {
        let fixed = match strip_prefix_ci(rest, "request.") {
            Some(r) => format!("method.request.{r}"),
            None => rest.to_string(),
        };
        return Err((
            format!("`{entry}` is HTTP API syntax; REST authorizers do not understand it"),
            format!("write `{fixed}`"),
        ));
    }
    Err((
        format!("`{entry}` is not an identity source expression"),
        "REST identity sources are `method.request.header.NAME`, `method.request.querystring.NAME`, `stageVariables.NAME` or `context.NAME`".into(),
    ))
}

fn http(entry: &str) -> Result<Source, Problem> {
    if let Some(rest) = strip_prefix_ci(entry, "$request.") {
        if let Some(name) = strip_prefix_ci(rest, "header.") {
            return named(entry, name, Source::Header, "header");
        }
        if let Some(name) = strip_prefix_ci(rest, "querystring.") {
            return named(entry, name, Source::Query, "query string parameter");
        }
        return Err((
            format!("`{entry}` is not a source an HTTP API authorizer can read"),
            "HTTP API identity sources are `$request.header.NAME`, `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME`".into(),
        ));
    }
    if let Some(name) = strip_prefix_ci(entry, "$context.") {
        return named(entry, name, Source::Other, "context variable");
    }
    if let Some(name) = strip_prefix_ci(entry, "$stageVariables.") {
        return named(entry, name, Source::Other, "stage variable");
    }
    let fixed = if let Some(r) = strip_prefix_ci(entry, "method.request.") {
        Some(format!("$request.{r}"))
    } else if strip_prefix_ci(entry, "context.").is_some() || strip_prefix_ci(entry, "stageVariables.").is_some() {
        Some(format!("${entry}"))
    } else {
        None
    };
    match fixed {
        Some(fixed) => Err((
            format!("`{entry}` is REST API syntax; HTTP API identity sources start with `$`"),
            format!("write `{fixed}`"),
        )),
        None => Err((
            format!("`{entry}` is not an identity source expression"),
            "HTTP API identity sources are `$request.header.NAME`, `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME`".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;
    use super::*;

    #[test]
    fn entries() {
        assert_eq!(parse(ApiType::Rest, "method.request.header.Auth"), Ok(Source::Header));
        assert_eq!(parse(ApiType::Rest, "context.identity.sourceIp"), Ok(Source::Other));
        assert!(parse(ApiType::Rest, "method.request.path.id").is_err());
        assert!(parse(ApiType::Rest, "$request.header.Auth").is_err());
        assert_eq!(parse(ApiType::Http, "$request.querystring.q"), Ok(Source::Query));
        assert_eq!(parse(ApiType::Http, "$stageVariables.v"), Ok(Source::Other));
        assert!(parse(ApiType::Http, "method.request.header.Auth").is_err());
        assert!(parse(ApiType::Http, "$request.header.").is_err());
    }

    #[test]
    fn http_api_forms() {
        let doc = r#"
openapi: 3.0.1
info: {title: t, version: "1"}
paths: {}
components:
  securitySchemes:
    JwtOk:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
    JwtTwo:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization, $request.querystring.token
    JwtContext:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $context.identity.sourceIp
    LambdaOk:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: $request.header.X-Key, $request.querystring.k, $context.routeKey, $stageVariables.v
    LambdaRest:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: method.request.header.X-Key
"#;
        let found = pointers_of("authorizer-identity-source-format", doc, Some(ApiType::Http));
        assert_eq!(
            found,
            [
                "/components/securitySchemes/JwtContext/x-amazon-apigateway-authorizer/identitySource",
                "/components/securitySchemes/JwtTwo/x-amazon-apigateway-authorizer/identitySource",
                "/components/securitySchemes/LambdaRest/x-amazon-apigateway-authorizer/identitySource",
            ]
        );
    }
}
