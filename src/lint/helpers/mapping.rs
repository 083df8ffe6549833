//! What the mapping rules need beside the IR's mapping expressions: the text of a value whose
//! shape is known, and whether an integration passes responses through.

pub(crate) use crate::ir::mapping::*;

use crate::ir::{Integration, IntegrationType, Text};

/// The text of a mapping value when its shape is known: a string, or an `Fn::Sub` template
/// without placeholders.
pub(crate) fn known_text(t: &Text) -> Option<&str> {
    match t {
        Text::Str(s) => Some(s),
        Text::Intrinsic(_) => t.pattern().filter(|p| !p.contains("${")),
    }
}

/// A proxy integration: API Gateway passes the backend's response through and does not use
/// its integration responses (no status mapping, no response parameter mapping).
pub(crate) fn passes_response_through(integration: &Integration) -> bool {
    integration.kind().is_some_and(IntegrationType::is_proxy)
}
