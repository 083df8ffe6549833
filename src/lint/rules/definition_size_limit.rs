use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::{FileId, Loc};

/// ## What it checks
/// The document file is at most 6 MB (6 × 1024 × 1024 = 6291456 bytes).
///
/// API Gateway's limit applies to the body of the import request; gwgen measures the file as it
/// is written, which is what `aws apigateway import-rest-api --body fileb://...` sends. Files
/// reached through external `$ref`s are not counted: the import takes one self-contained
/// document, so bundling them in makes it larger still.
///
/// ## Why
/// The body of an `ImportRestApi` or `PutRestApi` request, the API definition, can be at most
/// 6 MB [DG:limits], [BOTO1:ImportRestApiRequest.body]. A larger definition cannot be imported
/// at all, however valid it is.
///
/// ## Example
/// A 7 MB `openapi.json`, typically a generated document with every schema inlined into every
/// operation.
///
/// ## Fix
/// Shrink the document: minify JSON (whitespace counts), move repeated inline schemas to
/// `components.schemas` and `$ref` them, drop `example`s and long descriptions, or split the API
/// into several APIs behind one custom domain (base path mappings).
pub struct DefinitionSizeLimit;

const LIMIT: usize = 6 * 1024 * 1024;

impl Rule for DefinitionSizeLimit {
    const META: RuleMeta = RuleMeta {
        id: "definition-size-limit",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "the definition is at most 6 MB",
    };

    fn check(api: &Api, out: &mut Findings) {
        let size = api.sources.get(FileId(0)).text.len();
        if size > LIMIT {
            let mb = size as f64 / (1024.0 * 1024.0);
            out.report(Loc::default(), format!("the definition is {mb:.1} MB ({size} bytes); API Gateway imports at most 6 MB ({LIMIT} bytes)"))
                .help("shrink it: minify JSON, move repeated inline schemas to components and $ref them, drop examples, or split the API");
        }
    }
}

#[cfg(test)]
mod tests {
    fn findings(size: usize) -> Vec<crate::diag::Finding> {
        let head = r#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1", "description": ""#;
        let tail = r#""}, "x-amazon-apigateway-api-key-source": "HEADER", "paths": {}}"#;
        let mut text = String::with_capacity(size);
        text.push_str(head);
        text.extend(std::iter::repeat_n('a', size - head.len() - tail.len()));
        text.push_str(tail);
        assert_eq!(text.len(), size);
        let api = crate::load::test_api(&text, None);
        crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == "definition-size-limit")
            .collect()
    }

    #[test]
    fn fires_only_above_six_mib() {
        assert!(findings(super::LIMIT).is_empty());
        let over = findings(super::LIMIT + 1);
        assert_eq!(over.len(), 1);
        assert!(over[0].loc.ptr.is_root());
        assert_eq!(
            over[0].message,
            "the definition is 6.0 MB (6291457 bytes); API Gateway imports at most 6 MB (6291456 bytes)"
        );
    }
}
