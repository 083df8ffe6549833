use crate::diag::Severity;
use crate::ir::{Api, SchemaKind};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};

/// ## What it checks
/// No model schema says `type: number` with `format: int32` or `int64`, and none uses
/// `format: decimal`.
///
/// ## Why
/// API Gateway's models do not support these combinations (API Gateway developer guide, known
/// issues: "Int32 and Int64 ... type number format int32 is unsupported", "format decimal is
/// unsupported").
///
/// ## Example
/// ```yaml
/// count: {type: number, format: int32}
/// ```
///
/// ## Fix
/// Use `type: integer` (with `format: int32` if you like) for whole numbers, and plain
/// `type: number` for decimals.
pub struct NumberIntFormat;

impl Rule for NumberIntFormat {
    const META: RuleMeta = RuleMeta {
        id: "number-int-format",
        category: Category::Model,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "no type number with format int32/int64, and no format decimal",
    };

    fn check(api: &Api, out: &mut Findings) {
        for s in api.models() {
            let Some(format) = s.format.as_deref() else { continue };
            let bad =
                format == "decimal" || (matches!(s.kind, SchemaKind::Number) && matches!(format, "int32" | "int64"));
            if bad {
                out.report(
                    s.loc.child("format"),
                    format!("`format: {format}` is not supported in API Gateway models here"),
                )
                .help("use `type: integer` for whole numbers, or drop the format");
            }
        }
    }
}
