use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

use crate::lint::helpers::integrations;
use crate::lint::helpers::{
    declare_help, method_request_param, operation_label, params_incomplete, Declared,
};
use crate::lint::helpers::known_text;
use crate::lint::helpers::{written_as, Written};

/// ## What it checks
/// Every `method.request.{path|querystring|header}.X` entry of an integration's
/// `cacheKeyParameters` is a parameter the operation declares: a parameter with that `in`
/// (path-level parameters count), or for a path parameter `{X}` in the path template. Header
/// names are compared without regard to case; the `multivaluequerystring` and
/// `multivalueheader` forms need the query or header parameter of that name.
///
/// Entries in another form (for example `integration.request.header.X`), `Fn::Sub` values with
/// placeholders, and operations whose parameters could not all be read (an unresolved `$ref`)
/// are not checked.
///
/// ## Why
/// Cache key parameters "must also be specified for Method requestParameters"
/// [BOTO1:Integration.cacheKeyParameters], and API Gateway rejects an integration whose cache
/// keys are not (the CloudFormation guide added this warning after a support case:
/// https://github.com/awsdocs/aws-cloudformation-user-guide/pull/177). On import, the
/// operation's parameters are what become the method's request parameters.
///
/// ## Example
/// ```yaml
/// /pets:
///   get:
///     x-amazon-apigateway-integration:
///       cacheKeyParameters:
///         - method.request.querystring.page   # no `page` query parameter declared
/// ```
///
/// ## Fix
/// Declare the parameter on the operation, e.g.
/// `parameters: [{name: page, in: query, schema: {type: string}}]`, or remove it from
/// `cacheKeyParameters`.
pub struct CacheKeyParamsDeclared;

impl Rule for CacheKeyParamsDeclared {
    const META: RuleMeta = RuleMeta {
        id: "cache-key-params-declared",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "cacheKeyParameters are declared method request parameters",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let Some((path, op)) = op else { continue };
            if integration.cache_key_parameters.is_empty() {
                continue;
            }
            let declared = Declared::new(path, op);
            let mut incomplete: Option<bool> = None;
            let at = integration.loc.child("cacheKeyParameters");
            for (i, entry) in integration.cache_key_parameters.iter().enumerate() {
                let Some(v) = known_text(entry) else { continue };
                let Some((location, name)) = method_request_param(v) else { continue };
                if declared.contains(location, name) || *incomplete.get_or_insert_with(|| params_incomplete(api, path))
                {
                    continue;
                }
                out.report(
                    at.index(i),
                    format!(
                        "cache key `{v}` is not a declared {} parameter of {}",
                        location.as_str(),
                        operation_label(path, op)
                    ),
                )
                .help(format!(
                    "{}; or drop it from `cacheKeyParameters`",
                    declare_help(&declared, location, name, written_as(api, &op.loc) == Written::Resource)
                ));
            }
        }
    }
}
