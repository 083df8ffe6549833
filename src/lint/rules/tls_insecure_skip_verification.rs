use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// TODO
///
/// ## Why
/// TODO
///
/// ## Example
/// TODO
///
/// ## Fix
/// TODO
pub struct TlsInsecureSkipVerification;

impl Rule for TlsInsecureSkipVerification {
    const META: RuleMeta = RuleMeta {
        id: "tls-insecure-skip-verification",
        category: Category::Security,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        import: None,
        generic: false,
        summary: "tlsConfig.insecureSkipVerification is not turned on",
    };

    fn check(_api: &Api, _out: &mut Findings) {}
}
