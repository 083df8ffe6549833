use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// No YAML mapping writes the same key twice: in a document, in the files it references, and in
/// a SAM / CloudFormation template anywhere (an API's properties, a function's), reported once
/// per template.
///
/// ## Why
/// YAML forbids repeated keys, and tools that accept them disagree on which value wins: some
/// keep the first, others the last. A repeated `uri`, `responses` or `Handler` silently changes
/// what API Gateway (or CloudFormation) receives depending on which parser reads the file. gwgen
/// keeps the first value and reports the repeat. CloudFormation rejects a template that repeats a
/// key ("Template format error: ... duplicate"), as cfn-lint's E0000 does. (JSON documents are read the way serde_json reads
/// them, where the last repeat wins; they are not checked.)
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   uri: https://old.example.com
///   uri: https://new.example.com
/// ```
///
/// ## Fix
/// Keep one of the two keys.
pub struct DuplicateKey;

impl Rule for DuplicateKey {
    const META: RuleMeta = RuleMeta {
        id: "duplicate-key",
        category: Category::Generic,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Never,
        generic: true,
        summary: "no YAML mapping writes the same key twice",
    };

    fn check(api: &Api, out: &mut Findings) {
        crate::lint::helpers::forward_diagnostics(api, Self::META.id, out);
    }
}
