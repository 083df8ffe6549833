use crate::diag::Severity;
use crate::ir::{Api, ContentHandling, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// A media type range: `type/subtype`, either part possibly `*`, without parameters or spaces.
fn is_media_range(s: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+*".contains(&b))
    };
    s.split_once('/').is_some_and(|(t, sub)| token(t) && token(sub))
}

/// The API resource of the template the API comes from, as written, and the SAM `Globals`
/// section for its type (`Api` or `HttpApi`), if any.
pub(crate) fn template_resource(api: &Api) -> Option<(crate::source::Loc, &serde_json::Value, Option<&serde_json::Value>)> {
    let t = api.template.as_ref()?;
    api.sources.iter().find_map(|(id, s)| {
        let resource = s.value.get("Resources")?.get(&t.logical_id)?;
        let section = match t.resource_type.as_str() {
            "AWS::Serverless::Api" => Some("Api"),
            "AWS::Serverless::HttpApi" => Some("HttpApi"),
            _ => None,
        };
        let globals = section.and_then(|k| s.value.get("Globals")?.get(k));
        let ptr = crate::source::Pointer::root().push("Resources").push(&t.logical_id);
        Some((crate::source::Loc::new(id, ptr), resource, globals))
    })
}

/// The template gives the API binary media types outside its document (`BinaryMediaTypes` on the
/// resource, or in SAM's `Globals`).
fn template_lists_binary_types(api: &Api) -> bool {
    let Some((_, resource, globals)) = template_resource(api) else { return false };
    let listed = |v: Option<&serde_json::Value>| v.and_then(|v| v.get("BinaryMediaTypes")).is_some_and(|b| !b.is_null());
    listed(resource.get("Properties")) || listed(globals)
}

/// ## What it checks
/// Each `x-amazon-apigateway-binary-media-types` entry is a media type `type/subtype` (either
/// part may be `*`), and an API whose integrations convert payloads to binary
/// (`contentHandling: CONVERT_TO_BINARY`) lists at least one binary media type.
///
/// ## Why
/// The extension lists the media types API Gateway treats as binary, such as
/// `application/octet-stream`, `image/jpeg` or `*/*`; without it a REST API handles only UTF-8
/// text payloads [DG:api-gateway-swagger-extensions-binary-media-types]
/// [BOTO1:RestApi.binaryMediaTypes]. An entry that is not a media type (`jpeg`, `image/*; q=1`)
/// matches no request, and content handling to binary applies only to payloads whose type is in
/// the list [DG:api-gateway-payload-encodings], so a `CONVERT_TO_BINARY` integration with an empty
/// list never converts anything. Binary media types a template sets outside the document
/// (`BinaryMediaTypes` on the API resource or in SAM's `Globals`) count.
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
pub struct BinaryMediaTypeFormat;

impl Rule for BinaryMediaTypeFormat {
    const META: RuleMeta = RuleMeta {
        id: "binary-media-type-format",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Runtime,
        generic: false,
        summary: "binary media types are type/subtype; CONVERT_TO_BINARY needs some",
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
        if !api.apigw.binary_media_types.is_empty() || template_lists_binary_types(api) {
            return;
        }
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let converts = integration.content_handling.as_ref().is_some_and(|c| c.is(ContentHandling::ConvertToBinary));
            if converts {
                out.report(
                    integration.loc.child("contentHandling"),
                    "contentHandling CONVERT_TO_BINARY, but the API lists no binary media types: nothing is converted",
                )
                .help("add the payload's media type to `x-amazon-apigateway-binary-media-types`");
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
    fn convert_to_binary_needs_a_binary_media_type() {
        let doc = |types: &str| {
            format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\n{types}paths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n      x-amazon-apigateway-integration: {{type: aws, httpMethod: GET, uri: 'arn:aws:apigateway:us-east-1:s3:path/b/k', contentHandling: CONVERT_TO_BINARY, responses: {{default: {{statusCode: '200'}}}}}}\n")
        };
        assert_eq!(
            super::super::pointers_of("binary-media-type-format", &doc(""), None),
            ["/paths/~1a/get/x-amazon-apigateway-integration/contentHandling"]
        );
        let listed = doc("x-amazon-apigateway-binary-media-types: [image/png]\n");
        assert!(super::super::pointers_of("binary-media-type-format", &listed, None).is_empty());
    }
}
