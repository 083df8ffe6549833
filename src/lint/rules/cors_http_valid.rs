use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::helpers::is_intrinsic;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// An HTTP API's `x-amazon-apigateway-cors`:
///
/// - `maxAge` is a whole number of seconds from -1 to 86400;
/// - `allowCredentials: true` is not combined with an `allowOrigins` entry `*`.
///
/// ## Why
/// The CORS `MaxAge` of an HTTP API is an integer from -1 to 86400
/// [BOTO2:Cors.MaxAge] (shape IntegerWithLengthBetweenMinus1And86400); other values are
/// rejected. The CORS protocol does not allow a credentialed request to be answered with
/// `Access-Control-Allow-Origin: *`
/// [WEB:https://developer.mozilla.org/docs/Web/HTTP/CORS/Errors/CORSNotSupportingCredentials], and
/// API Gateway refuses the combination:
/// "allow-credentials is not supported if 'allow-origin' is * (Service: AmazonApiGatewayV2;
/// Status Code: 400; Error Code: BadRequestException)"
/// [ISSUE:https://github.com/aws/aws-cdk/issues/9076].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-cors:
///   allowOrigins: ["*"]
///   allowCredentials: true
///   maxAge: 172800
/// ```
///
/// ## Fix
/// List the origins that may send credentials (`https://app.example.com`), and keep `maxAge`
/// at most 86400 (one day).
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-model-cors>
/// - <https://github.com/aws/aws-cdk/issues/9076>
pub struct CorsHttpValid;

impl Rule for CorsHttpValid {
    const META: RuleMeta = RuleMeta {
        id: "cors-http-valid",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "HTTP API CORS: maxAge in -1..86400; no credentials with origin *",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(cors) = &api.apigw.cors else { return };
        if let Some(max_age) = &cors.max_age {
            let loc = cors.loc.child("maxAge");
            match max_age.as_i64() {
                Some(s) if (-1..=86_400).contains(&s) => {}
                Some(s) => {
                    out.report(loc, format!("maxAge {s} is outside -1..86400 seconds"))
                        .help("use at most 86400 (one day), or -1 to turn preflight caching off");
                }
                None if !is_intrinsic(&max_age.raw) => {
                    out.report(loc, format!("maxAge `{}` is not a whole number of seconds", max_age.raw))
                        .help("write maxAge as an integer from -1 to 86400");
                }
                None => {}
            }
        }
        if cors.allow_credentials == Some(true) && cors.allow_origins.iter().any(|o| o.trim() == "*") {
            out.report(
                cors.loc.child("allowCredentials"),
                "allowCredentials is true while allowOrigins has `*`: API Gateway refuses credentials for every origin (and so do browsers)",
            )
            .help("list the origins that may send credentials instead of `*`, or turn allowCredentials off");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pointers_of;

    fn doc(cors: &str) -> String {
        format!("openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\nx-amazon-apigateway-importexport-version: '1.0'\nx-amazon-apigateway-cors: {cors}\npaths: {{}}\n")
    }

    #[test]
    fn valid_configurations_pass() {
        for cors in [
            "{allowOrigins: ['https://app.example.com'], allowCredentials: true, maxAge: 86400}",
            "{allowOrigins: ['*'], allowCredentials: false, maxAge: -1}",
            "{allowOrigins: ['*'], maxAge: 0}",
            "{allowOrigins: ['*'], maxAge: {Ref: PreflightMaxAge}}",
        ] {
            assert!(pointers_of("cors-http-valid", &doc(cors), None).is_empty(), "{cors}");
        }
        assert_eq!(pointers_of("cors-http-valid", &doc("{maxAge: -2}"), None), ["/x-amazon-apigateway-cors/maxAge"]);
        assert_eq!(pointers_of("cors-http-valid", &doc("{maxAge: 1.5}"), None), ["/x-amazon-apigateway-cors/maxAge"]);
    }
}
