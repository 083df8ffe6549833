use serde_json::Value;

use crate::lint::helpers::is_intrinsic;
use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// `x-amazon-apigateway-minimum-compression-size` is a whole number of bytes from 0 to
/// 10485760 (10 MiB), inclusive. A number written as a string (`"1024"`) is accepted; a
/// CloudFormation intrinsic is not checked.
///
/// ## Why
/// The REST API's `minimumCompressionSize` is an integer between 0 and 10485760 bytes: 0
/// compresses every payload, and leaving it out disables compression
/// [BOTO1:RestApi.minimumCompressionSize], [DG:api-gateway-openapi-minimum-compression-size].
/// API Gateway refuses any other value.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-minimum-compression-size: 20971520   # 20 MiB: above the maximum
/// ```
///
/// ## Fix
/// Use a whole number from 0 to 10485760, or remove the extension to turn compression off.
pub struct MinCompressionSizeRange;

const KEY: &str = "x-amazon-apigateway-minimum-compression-size";
const MAX: i64 = 10_485_760;

impl Rule for MinCompressionSizeRange {
    const META: RuleMeta = RuleMeta {
        id: "min-compression-size-range",
        category: Category::Import,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "minimum-compression-size is an integer 0..10485760",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(size) = &api.apigw.minimum_compression_size else { return };
        let raw = match &size.raw {
            Value::String(s) => s.clone(),
            v if is_intrinsic(v) => return,
            v => v.to_string(),
        };
        let loc = Loc::default().child(KEY);
        let help = "write a whole number of bytes from 0 (compress everything) to 10485760, or remove it to disable compression";
        match (size.value, size.as_i64()) {
            (None, _) => {
                out.report(loc, format!("minimum compression size `{raw}` is not a number")).help(help);
            }
            (Some(_), None) => {
                out.report(loc, format!("minimum compression size `{raw}` is not a whole number of bytes"))
                    .help(help);
            }
            (Some(_), Some(n)) if !(0..=MAX).contains(&n) => {
                out.report(loc, format!("minimum compression size `{raw}` is outside 0..10485760 bytes"))
                    .help(help);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    fn fires(value: &str) -> bool {
        let yaml = format!("swagger: \"2.0\"\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\nx-amazon-apigateway-minimum-compression-size: {value}\n");
        let api = crate::load::test_api(&yaml, None);
        crate::lint::run(&api, crate::lint::Mode::Lint).iter().any(|f| f.rule == "min-compression-size-range")
    }

    #[test]
    fn bounds_are_inclusive() {
        for ok in ["0", "10485760", "\"1024\"", "{Ref: Size}"] {
            assert!(!fires(ok), "{ok}");
        }
        for bad in ["-1", "10485761", "1.5", "big", "true"] {
            assert!(fires(bad), "{bad}");
        }
    }
}
