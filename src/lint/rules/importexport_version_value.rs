use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// When an HTTP API document has `x-amazon-apigateway-importexport-version`, its value is
/// `"1.0"`. The number `1.0` is accepted too (YAML reads an unquoted `1.0` as a number). A
/// CloudFormation intrinsic in its place is not checked.
///
/// ## Why
/// The extension names the version of the HTTP API import/export algorithm, and "1.0" is the
/// only valid value [DG:api-gateway-extensions-importexport-version]; its export counterpart
/// `ExportVersion` also has 1.0 as its only value [BOTO2:ExportApiRequest.ExportVersion].
///
/// ## Example
/// ```yaml
/// openapi: 3.0.1
/// x-amazon-apigateway-importexport-version: "2.0"
/// ```
///
/// ## Fix
/// Write `x-amazon-apigateway-importexport-version: "1.0"`.
pub struct ImportexportVersionValue;

impl Rule for ImportexportVersionValue {
    const META: RuleMeta = RuleMeta {
        id: "importexport-version-value",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::HTTP,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "x-amazon-apigateway-importexport-version is \"1.0\"",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(Text::Str(version)) = &api.apigw.importexport_version else { return };
        if version != "1.0" {
            out.report(
                Loc::default().child("x-amazon-apigateway-importexport-version"),
                format!("x-amazon-apigateway-importexport-version is `{version}`; the only valid value is \"1.0\""),
            )
            .help("write `x-amazon-apigateway-importexport-version: \"1.0\"`");
        }
    }
}

#[cfg(test)]
mod tests {
    fn fires(version: &str) -> bool {
        let yaml = format!("openapi: 3.0.1\ninfo: {{title: t, version: \"1\"}}\nx-amazon-apigateway-importexport-version: {version}\npaths: {{}}\n");
        let api = crate::load::test_api(&yaml, None);
        crate::lint::run(&api, crate::lint::Mode::Lint).iter().any(|f| f.rule == "importexport-version-value")
    }

    #[test]
    fn only_one_point_zero_is_valid() {
        assert!(!fires("\"1.0\""));
        assert!(!fires("1.0"));
        assert!(!fires("{\"Fn::Sub\": \"${Version}\"}"));
        assert!(fires("\"2.0\""));
        assert!(fires("1"));
    }
}
