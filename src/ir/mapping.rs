//! Mapping expressions (`method.request.header.x`, `integration.response.body`, `'static'`,
//! `stageVariables.x`), read the one way the rules and export read them.

use super::ParamIn;

/// `s` without `prefix`, compared ignoring ASCII case.
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// A mapping expression rather than a static value: it starts with `method.`, `integration.`,
/// `context.`, `stageVariables.` or `$`.
pub fn is_expression(v: &str) -> bool {
    v.starts_with('$')
        || ["method.", "integration.", "context.", "stageVariables."].iter().any(|p| strip_prefix_ci(v, p).is_some())
}

/// A value that references a stage variable (`stage-variable-ref-syntax` checks those).
pub fn mentions_stage_variable(v: &str) -> bool {
    strip_prefix_ci(v, "stageVariables.").is_some()
        || strip_prefix_ci(v, "$stageVariables.").is_some()
        || v.contains("${stageVariables.")
}

/// A parameter name API Gateway accepts in a mapping expression.
pub fn valid_param_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'$' | b'-' | b':'))
}

/// The method request parameter a mapping expression names: `method.request.querystring.x` is
/// the query parameter `x`. None for anything else (`method.request.body`, static values...).
pub fn method_request_param(v: &str) -> Option<(ParamIn, &str)> {
    let rest = strip_prefix_ci(v, "method.request.")?;
    let (location, name) = rest.split_once('.')?;
    let location = match location.to_ascii_lowercase().as_str() {
        "path" => ParamIn::Path,
        "querystring" | "multivaluequerystring" => ParamIn::Query,
        "header" | "multivalueheader" => ParamIn::Header,
        _ => return None,
    };
    (!name.is_empty()).then_some((location, name))
}

/// The stage variable a mapping value is, written `stageVariables.NAME` (what `--stage` export
/// substitutes); None for anything else.
pub fn mapping_stage_variable(v: &str) -> Option<&str> {
    v.strip_prefix("stageVariables.").filter(|name| super::is_stage_variable_name(name))
}
