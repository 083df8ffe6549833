//! Mapping expressions (`method.request.header.x`, `'static'`, `stageVariables.x`) as the rules
//! read them.

use crate::ir::{Integration, IntegrationType, Text};

/// The text of a mapping value when its shape is known: a string, or an `Fn::Sub` template
/// without placeholders.
pub(crate) fn known_text(t: &Text) -> Option<&str> {
    match t {
        Text::Str(s) => Some(s),
        Text::Intrinsic(_) => t.pattern().filter(|p| !p.contains("${")),
    }
}

/// `s` without `prefix`, compared ignoring ASCII case.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// A mapping expression rather than a static value: it starts with `method.`, `integration.`,
/// `context.`, `stageVariables.` or `$`.
pub(crate) fn is_expression(v: &str) -> bool {
    v.starts_with('$')
        || ["method.", "integration.", "context.", "stageVariables."].iter().any(|p| strip_prefix_ci(v, p).is_some())
}

/// A value that references a stage variable (`stage-variable-ref-syntax` checks those).
pub(crate) fn mentions_stage_variable(v: &str) -> bool {
    strip_prefix_ci(v, "stageVariables.").is_some()
        || strip_prefix_ci(v, "$stageVariables.").is_some()
        || v.contains("${stageVariables.")
}

/// A proxy integration: API Gateway passes the backend's response through and does not use
/// its integration responses (no status mapping, no response parameter mapping).
pub(crate) fn passes_response_through(integration: &Integration) -> bool {
    integration.kind().is_some_and(IntegrationType::is_proxy)
}

/// A parameter name API Gateway accepts in a mapping expression.
pub(crate) fn valid_param_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'$' | b'-' | b':'))
}
