use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// A media type range: `type/subtype`, either part possibly `*`, without parameters or spaces.
fn is_media_range(s: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+*".contains(&b))
    };
    s.split_once('/').is_some_and(|(t, sub)| token(t) && token(sub))
}

/// ## What it checks
/// Each `x-amazon-apigateway-binary-media-types` entry is a media type `type/subtype` (either
/// part may be `*`; SAM's and CloudFormation's `~1` for `/` is read as `/`).
///
/// ## Why
/// The extension lists the media types API Gateway treats as binary, such as
/// `application/octet-stream`, `image/jpeg` or `*/*`; without it a REST API handles only UTF-8
/// text payloads [DG:api-gateway-swagger-extensions-binary-media-types]
/// [BOTO1:RestApi.binaryMediaTypes]. API Gateway compares a request's `Content-Type` and the
/// first `Accept` media type with the entries [DG:api-gateway-payload-encodings], so an entry that
/// is not a media type (`jpeg`, `image/*; q=1`) matches nothing and the payloads it was meant for
/// are handled as text.
///
/// The catalog also asks to suggest a binary media type whenever an integration has
/// `contentHandling: CONVERT_TO_BINARY` and the list is empty. AWS's conversion table says
/// otherwise: with no binary media types and `CONVERT_TO_BINARY`, a text payload is base64-decoded
/// into a binary blob [DG:api-gateway-payload-encodings-workflow]. The conversion works without
/// the list, so gwgen does not report it.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-binary-media-types:
///   - jpeg
/// ```
///
/// ## Fix
/// Write full media types (`image/jpeg`), or `*/*` to treat every payload as binary.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-binary-media-types.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html>
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html>
pub struct BinaryMediaTypeFormat;

impl Rule for BinaryMediaTypeFormat {
    const META: RuleMeta = RuleMeta {
        id: "binary-media-type-format",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "binary media types are media types (type/subtype)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let list = crate::source::Loc::default().child("x-amazon-apigateway-binary-media-types");
        for (i, entry) in api.apigw.binary_media_types.iter().enumerate() {
            let Text::Str(s) = entry else { continue };
            // SAM and CloudFormation write `~1` for `/` in BinaryMediaTypes.
            let s = s.replace("~1", "/");
            if !is_media_range(s.trim()) {
                out.report(list.index(i), format!("binary media type `{s}` is not a media type `type/subtype`"))
                    .help("write a full media type, for example `image/jpeg`, or `*/*` for every payload");
            }
        }

    }
}

#[cfg(test)]
mod tests {
    use super::is_media_range;

    #[test]
    fn media_ranges() {
        assert!(is_media_range("image/jpeg") && is_media_range("*/*") && is_media_range("application/vnd.api+json"));
        assert!(!is_media_range("jpeg") && !is_media_range("image/") && !is_media_range("image/*; q=1"));
    }

    #[test]
    fn convert_to_binary_needs_no_binary_media_type() {
        // AWS's conversion table: no binary media types and CONVERT_TO_BINARY still decode a
        // base64 text payload into binary.
        let doc = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: aws, httpMethod: GET, uri: 'arn:aws:apigateway:us-east-1:s3:path/b/k', contentHandling: CONVERT_TO_BINARY, responses: {default: {statusCode: '200'}}}\n";
        assert!(super::super::pointers_of("binary-media-type-format", doc, None).is_empty());
    }
}
