//! The rules, one file each, and the registry that lists them.

use crate::ir::Api;

use super::{Rule, RuleEntry};

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every rule gwgen has, in catalog order.
        pub static REGISTRY: &[RuleEntry] = &[
            $(RuleEntry {
                meta: &<$module::$rule as Rule>::META,
                check: <$module::$rule as Rule>::check,
                source: include_str!(concat!(stringify!($module), ".rs")),
            },)*
        ];
    };
}

registry! {
    integration_missing::IntegrationMissing,
    path_segment_charset::PathSegmentCharset,
    greedy_path_last::GreedyPathLast,
    sibling_variable_conflict::SiblingVariableConflict,
    model_name_alphanumeric::ModelNameAlphanumeric,
    model_unsupported_keyword::ModelUnsupportedKeyword,
    number_int_format::NumberIntFormat,
    response_schema_primitive::ResponseSchemaPrimitive,
    root_response_ref::RootResponseRef,
    operation_responses_missing::OperationResponsesMissing,
    http_api_openapi3_only::HttpApiOpenapi3Only,
    http_api_integration_type::HttpApiIntegrationType,
    operation_single_security::OperationSingleSecurity,
    http_api_ignored_validation::HttpApiIgnoredValidation,
    unresolved_intrinsic::UnresolvedIntrinsic,
    unresolved_ref::UnresolvedRef,
    openapi_31::Openapi31,
    openapi_structure::OpenapiStructure,
}

/// Repeats the loader's findings of one rule (the loader finds them; the rule documents them).
pub(crate) fn forward_diagnostics(api: &Api, rule: &str, out: &mut super::Findings) {
    for d in api.diagnostics.iter().filter(|d| d.rule == rule) {
        let f = out.report(d.loc.clone(), d.message.clone());
        f.help = d.help.clone();
    }
}

/// The segments of a path (`/a/{b}/c` -> `a`, `{b}`, `c`).
pub(crate) fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The variable name of a `{name}` or `{name+}` segment, with the `+` kept.
pub(crate) fn variable(segment: &str) -> Option<&str> {
    segment.strip_prefix('{')?.strip_suffix('}')
}
