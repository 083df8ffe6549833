
use crate::lint::helpers::*;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::integrations;
use crate::lint::helpers::known_text;

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
                .help(declare_help(declared, location, name, written_as(api, &op.loc) == Written::Resource));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamIn;

    #[test]
    fn method_request_params() {
        assert_eq!(method_request_param("method.request.path.id"), Some((ParamIn::Path, "id")));
        assert_eq!(method_request_param("method.request.multivalueheader.X"), Some((ParamIn::Header, "X")));
        assert_eq!(method_request_param("method.request.body.a"), None);
        assert_eq!(method_request_param("method.request.header."), None);
        assert_eq!(method_request_param("'static'"), None);
    }
}
