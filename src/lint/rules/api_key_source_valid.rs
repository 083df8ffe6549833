use crate::lint::helpers::is_intrinsic;
use crate::diag::Severity;
use crate::ir::{Api, ApiKeySource, AuthorizerType, Choice};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// `x-amazon-apigateway-api-key-source` is `HEADER` or `AUTHORIZER` (in any case), and
/// `AUTHORIZER` comes with at least one Lambda authorizer (`type: token` or `type: request`)
/// among the security schemes. An authorizer whose type gwgen cannot read (an intrinsic, a
/// misspelling) is given the benefit of the doubt.
///
/// ## Why
/// The API key source has two values, `HEADER` and `AUTHORIZER` [BOTO1:ApiKeySourceType].
/// `HEADER` reads the key from the `X-API-Key` header; `AUTHORIZER` reads it from the
/// `usageIdentifierKey` a Lambda authorizer returns [BOTO1:RestApi.apiKeySource],
/// [DG:api-gateway-swagger-extensions-api-key-source]. Without a Lambda authorizer nothing
/// supplies the key, so every method that requires one is refused.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-api-key-source: AUTHORIZER   # but no token/request authorizer is defined
/// ```
///
/// ## Fix
/// Write `HEADER` (clients send `X-API-Key`), or keep `AUTHORIZER` and add a Lambda authorizer
/// that returns `usageIdentifierKey`.
pub struct ApiKeySourceValid;

const KEY: &str = "x-amazon-apigateway-api-key-source";

impl Rule for ApiKeySourceValid {
    const META: RuleMeta = RuleMeta {
        id: "api-key-source-valid",
        category: Category::Security,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "api-key-source is HEADER or AUTHORIZER (with a Lambda authorizer)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(source) = &api.apigw.api_key_source else { return };
        let loc = Loc::default().child(KEY);
        match source.value {
            None if is_intrinsic(&source.raw) => {}
            None => {
                out.report(
                    loc,
                    format!("`{}` is not an API key source: the values are HEADER and AUTHORIZER", source.raw_text()),
                )
                .help(
                    "write `HEADER` (the X-API-Key header) or `AUTHORIZER` (a Lambda authorizer's usageIdentifierKey)",
                );
            }
            Some(ApiKeySource::Header) => {}
            Some(ApiKeySource::Authorizer) => {
                let lambda = api.security_schemes.values().filter_map(|s| s.authorizer.as_ref()).any(|a| {
                    match a.kind.as_ref().map(Choice::get) {
                        Some(Some(AuthorizerType::CognitoUserPools | AuthorizerType::Jwt)) => false,
                        // token, request, unreadable or missing: maybe a Lambda authorizer.
                        _ => true,
                    }
                });
                if !lambda {
                    out.report(loc, format!("api-key-source is `{}`, but no Lambda authorizer (token or request) is defined to supply the key", source.raw_text()))
                        .help("add a Lambda authorizer that returns usageIdentifierKey, or use `HEADER`");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn fires(extra: &str) -> Vec<String> {
        let yaml = format!("swagger: \"2.0\"\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\n{extra}");
        let api = crate::load::test_api(&yaml, None);
        crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == "api-key-source-valid")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn authorizer_source_needs_a_lambda_authorizer() {
        let lambda = "securityDefinitions:\n  auth:\n    type: apiKey\n    name: Authorization\n    in: header\n    x-amazon-apigateway-authorizer: {type: REQUEST, identitySource: method.request.header.Authorization}\n";
        assert!(fires(&format!("x-amazon-apigateway-api-key-source: authorizer\n{lambda}")).is_empty());
        assert!(fires("x-amazon-apigateway-api-key-source: header\n").is_empty());
        assert!(fires("x-amazon-apigateway-api-key-source: {Ref: KeySource}\n").is_empty());
        assert_eq!(fires("x-amazon-apigateway-api-key-source: AUTHORIZER\n").len(), 1);
        assert_eq!(fires("x-amazon-apigateway-api-key-source: QUERY\n").len(), 1);
    }
}
