use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::diag::{edit_distance as distance, Severity};
use crate::ir::{Api, ApiType};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::{Loc, Pointer};

use crate::lint::helpers::extensions::*;
use crate::lint::helpers::is_intrinsic;

/// ## What it checks
/// Every key of every API Gateway extension object, wherever the object is written: the
/// integration (on an operation, in `components.x-amazon-apigateway-integrations`, or reached
/// by `$ref`) with its `responses` entries and `tlsConfig`; the authorizer of a security scheme
/// with its `jwtConfiguration`; `x-amazon-apigateway-auth`; the CORS, documentation (parts and
/// their `location`), endpoint configuration (root or `servers[]`), gateway response and
/// request validator objects. A key that is not one of the documented fields of its object is
/// reported, and so is an `x-amazon-apigateway-*` key that names no documented extension.
///
/// Keys are compared exactly. When a documented key is close (it differs only in case, or by a
/// small typo), the message says which one was meant: `identitysource` is reported with "did
/// you mean `identitySource`?", `x-amazon-apigateway-binary-media-type` with
/// `x-amazon-apigateway-binary-media-types`. A field written one level off (`statusCode` on the
/// integration itself, `issuer` beside `jwtConfiguration`, `application/json` beside
/// `responseTemplates`) is reported with the place it belongs to, and `types` in the endpoint
/// configuration with where the endpoint type is really set.
///
/// Not checked: the inside of open maps (`requestParameters`, `requestTemplates`,
/// `responseParameters`, `responseTemplates`, a documentation part's `properties`) and of
/// `x-amazon-apigateway-policy` (an IAM policy document); keys starting with `x-` other than
/// `x-amazon-apigateway-*` (vendor extensions, `x-gwgen-ignore`); values that are
/// CloudFormation intrinsics (`{Ref: ...}`, `{Fn::Sub: ...}`) or `$ref`s (the target is
/// checked where it is). Besides the documented fields, gwgen accepts what AWS's own tools
/// write: `createdDate` and `description` of `x-amazon-apigateway-documentation` (export writes
/// the documentation version's fields there), a documentation part's `id`, and on an HTTP API
/// the integration's `responseParameters` (the v2 API's per-status response mapping). Which API type an extension belongs to is
/// `extension-api-type-mismatch`'s concern, and where it is placed `endpoint-config-placement`'s:
/// this rule only asks whether the key exists at all.
///
/// ## Why
/// Each extension page of the developer guide lists its object's properties
/// [DG:api-gateway-swagger-extensions-integration], [DG:api-gateway-swagger-extensions-integration-response],
/// [DG:api-gateway-extensions-integration-tls-config], [DG:api-gateway-swagger-extensions-authorizer],
/// [DG:api-gateway-swagger-extensions-endpoint-configuration] (which has `ipAddressType` for
/// HTTP APIs since 2025), [DG:api-gateway-swagger-extensions-cors-configuration] and the others
/// in gwgen's reference (§1); `responseTransferMode` is in the 2025 streaming import example
/// [WEB:https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html],
/// `integrationTarget` and `providerARNs` come from the API model [BOTO1:Integration.integrationTarget],
/// [BOTO1:Authorizer.providerARNs]. The import reads these fields by name and does not report
/// the others: a misspelt key is dropped without a warning, and the setting it was meant to
/// make silently takes its default. It also hides the real check: an out-of-range TTL written
/// as `authorizerResultTTLInSeconds: 86400` is never range-checked, by API Gateway or by
/// `authorizer-ttl-range`, and the authorizer caches for the default 300 seconds instead.
///
/// Names are case-sensitive. JSON object member names are compared as strings (RFC 8259 §8.3),
/// the guide documents one spelling of each, and AWS's own open-source importer (the
/// predecessor of the built-in import) read each field with an exact lookup
/// (`integ.get("passthroughBehavior")`, `response.get("statusCode")`) and ignored the rest
/// [WEB:https://github.com/amazon-archives/aws-apigateway-importer/blob/master/src/com/amazonaws/service/apigateway/importer/impl/sdk/ApiGatewaySdkSwaggerApiImporter.java].
/// Smithy's OpenAPI converter, which wrote `passThroughBehavior`, fixed it as incorrect casing
/// [ISSUE:https://github.com/smithy-lang/smithy/pull/1619]. AWS states neither the case rule nor
/// what happens to unknown fields; gwgen found no import warning for either, so this is a lint
/// finding, not an import one.
///
/// There is no `x-amazon-apigateway-mtls` extension (mutual TLS is set on the custom domain
/// [DG:rest-api-mutual-tls]) and no endpoint-type field: the REST endpoint type is an import
/// parameter, `endpointConfigurationTypes` [BOTO1:ImportRestApiRequest.parameters], or the
/// `EndpointConfiguration` of the CloudFormation resource.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-binary-media-type: ["image/png"]  # -types
/// paths:
///   /pets:
///     get:
///       x-amazon-apigateway-integration:
///         type: http
///         timeoutInMilis: 5000                          # timeoutInMillis
///         passThroughBehavior: when_no_match            # passthroughBehavior
///         responses:
///           default:
///             statuscode: "200"                         # statusCode
/// ```
///
/// ## Fix
/// Rename the key to the documented spelling the message suggests, move it to the object it
/// belongs to, or remove it. To keep private data in an extension object, name the key `x-...`.
pub struct ExtensionUnknownKey;

impl Rule for ExtensionUnknownKey {
    const META: RuleMeta = RuleMeta {
        id: "extension-unknown-key",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "extension objects use only documented keys, and extension names exist",
    };

    fn check(api: &Api, out: &mut Findings) {
        let mut walker = Walker { out, seen: HashSet::new(), http: api.api_type == ApiType::Http };
        // The objects the IR points at first: an integration reached by `$ref` may sit anywhere.
        for (_, integration) in crate::lint::helpers::integrations(api) {
            let ptr = &integration.loc.ptr;
            let named = ptr.last().as_deref() == Some(INTEGRATION)
                || ptr.parent().and_then(|p| p.last()).as_deref() == Some(INTEGRATIONS);
            // SAM events make integrations that point at the event, which is no extension object.
            if integration.reference.is_some() || named {
                if let Some(v) = api.sources.value(&integration.loc) {
                    walker.object(Kind::Integration, integration.loc.clone(), v);
                }
            }
        }
        for scheme in api.security_schemes.values() {
            let Some(authorizer) = &scheme.authorizer else { continue };
            // SAM's Auth property makes authorizers that point into the template.
            if authorizer.loc.ptr.last().as_deref() == Some(AUTHORIZER) {
                if let Some(v) = api.sources.value(&authorizer.loc) {
                    walker.object(Kind::Authorizer, authorizer.loc.clone(), v);
                }
            }
        }
        // Then every file of the document, for the rest (and the extension names). The template
        // an API was read from joins its sources last; it is CloudFormation, not a document.
        let template = api.template.as_ref().and_then(|_| api.sources.iter().last().map(|(id, _)| id));
        for (id, source) in api.sources.iter() {
            if Some(id) != template {
                walker.document(Loc::new(id, Pointer::root()), &source.value, "");
            }
        }
    }
}

/// The keys skipped in the document itself: examples are data, not places for extensions.
const DATA_KEYS: [&str; 3] = ["enum", "example", "examples"];
/// Maps whose keys are names the user chose (a property may be called `example`).
const NAME_MAPS: [&str; 4] = ["definitions", "patternProperties", "properties", "schemas"];

struct Walker<'a> {
    out: &'a mut Findings,
    /// Extension objects already checked (one may be reached from the IR and in the walk).
    seen: HashSet<Loc>,
    http: bool,
}

impl Walker<'_> {
    /// A node of the document outside extension objects: looks for extensions in it.
    fn document(&mut self, loc: Loc, v: &Value, parent: &str) {
        match v {
            Value::Object(m) => {
                for (key, value) in m {
                    if looks_like_extension(key) {
                        if let Some(holds) = self.extension(&loc, key) {
                            self.holds(holds, loc.child(key), value);
                        }
                    } else if is_vendor(key) || (DATA_KEYS.contains(&key.as_str()) && !NAME_MAPS.contains(&parent)) {
                        continue;
                    } else {
                        self.document(loc.child(key), value, key);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.document(loc.index(i), item, "");
                }
            }
            _ => {}
        }
    }

    /// What a documented extension holds; an unknown one is reported.
    fn extension(&mut self, loc: &Loc, key: &str) -> Option<Holds> {
        match EXTENSIONS.binary_search_by(|(name, _)| (*name).cmp(key)) {
            Ok(i) => Some(EXTENSIONS[i].1),
            Err(_) => {
                self.unknown_extension(loc.child(key), key);
                None
            }
        }
    }

    fn holds(&mut self, holds: Holds, loc: Loc, v: &Value) {
        match holds {
            Holds::Value => {}
            Holds::Operation => self.document(loc, v, ""),
            Holds::Object(kind) => self.object(kind, loc, v),
            Holds::MapOf(kind) => {
                let Some(m) = checkable(v) else { return };
                for (key, entry) in m {
                    if !is_vendor(key) && !looks_like_extension(key) {
                        self.object(kind, loc.child(key), entry);
                    }
                }
            }
            Holds::ListOf(kind) => {
                if let Value::Array(items) = v {
                    for (i, item) in items.iter().enumerate() {
                        self.object(kind, loc.index(i), item);
                    }
                }
            }
        }
    }

    /// One extension object: each key is a documented field, a vendor extension or reported.
    fn object(&mut self, kind: Kind, loc: Loc, v: &Value) {
        let Some(m) = checkable(v) else { return };
        if !self.seen.insert(loc.clone()) {
            return;
        }
        for (key, value) in m {
            if looks_like_extension(key) {
                // A documented extension out of place is another rule's concern.
                let _ = self.extension(&loc, key);
            } else if is_vendor(key) {
                continue;
            } else if kind.fields().binary_search(&key.as_str()).is_ok() {
                if let Some((_, holds)) = kind.nested().iter().find(|(field, _)| field == key) {
                    self.holds(*holds, loc.child(key), value);
                }
            } else if !(self.http && kind == Kind::Integration && INTEGRATION_HTTP_FIELDS.contains(&key.as_str())) {
                self.unknown_field(kind, &loc, key, m);
            }
        }
    }

    fn unknown_field(&mut self, kind: Kind, loc: &Loc, key: &str, siblings: &Map<String, Value>) {
        let what = kind.describe(loc);
        let base = format!("`{key}` is not a field of {what}");
        let lower = key.to_ascii_lowercase();
        // A field of this object in another case first, then one of an object nested in it
        // written a level up, then a near miss.
        let meant = nearest(key, kind.fields().iter().map(|f| (*f, *f)));
        let (message, help) = if kind == Kind::EndpointConfiguration && ENDPOINT_TYPE_KEYS.contains(&lower.as_str()) {
            (
                format!("{base}: {ENDPOINT_TYPE}"),
                format!("{ENDPOINT_TYPE_HELP}; this extension takes only {}", list(ENDPOINT_CONFIGURATION_FIELDS)),
            )
        } else if let Some(meant) = meant.filter(|m| m.eq_ignore_ascii_case(key)) {
            let help = if siblings.contains_key(meant) {
                format!("`{meant}` is set beside it: remove `{key}`, which API Gateway ignores")
            } else {
                format!("field names are case-sensitive and API Gateway ignores `{key}` without a warning: rename it to `{meant}`")
            };
            (format!("{base}: did you mean `{meant}`?"), help)
        } else if let Some((field, place)) = belongs_in(kind, key) {
            (
                format!("{base}: `{field}` belongs in {place}"),
                "move it there; here API Gateway ignores it without a warning".to_string(),
            )
        } else if let Some(place) = entry_of(kind, key) {
            (
                format!("{base}: it looks like an entry of {place}"),
                "move it there; here API Gateway ignores it without a warning".to_string(),
            )
        } else if kind == Kind::Authorizer && key == "openIdConnectUrl" {
            (
                format!("{base}: it is a field of the security scheme, beside `{AUTHORIZER}`"),
                "move it up a level, to the security scheme of type openIdConnect, where the import reads it to discover the issuer".to_string(),
            )
        } else if let Some(meant) = meant {
            let help = if siblings.contains_key(meant) {
                format!("`{meant}` is set beside it: remove `{key}`, which API Gateway ignores")
            } else {
                format!("API Gateway ignores fields it does not know, without a warning: rename it to `{meant}`")
            };
            (format!("{base}: did you mean `{meant}`?"), help)
        } else {
            (
                base,
                format!(
                    "API Gateway ignores fields it does not know, without a warning; {what} takes {}. Remove it, or name it `x-...` to keep it as a vendor extension",
                    list(kind.fields())
                ),
            )
        };
        self.out.report(loc.child(key), message).help(help);
    }

    fn unknown_extension(&mut self, loc: Loc, key: &str) {
        let lower = key.to_ascii_lowercase();
        let base = format!("`{key}` is not an API Gateway extension");
        let (message, help) = if lower.contains("mtls") || lower.contains("mutual") {
            (
                format!("{base}: mutual TLS is configured on a custom domain name, not in the OpenAPI document"),
                "set the truststore on the custom domain (its MutualTlsAuthentication) and remove this key".to_string(),
            )
        } else if lower.contains("endpoint-type") {
            (
                format!("{base}: {ENDPOINT_TYPE}"),
                ENDPOINT_TYPE_HELP.to_string(),
            )
        } else if let Some(meant) = nearest_extension(key) {
            let help = if meant.eq_ignore_ascii_case(key) {
                format!("extension names are case-sensitive and API Gateway ignores `{key}` without a warning: rename it to `{meant}`")
            } else {
                format!("API Gateway ignores extensions it does not know, without a warning: rename it to `{meant}`")
            };
            (format!("{base}: did you mean `{meant}`?"), help)
        } else {
            (
                base,
                "API Gateway ignores extensions it does not know, without a warning: remove it, or use one of the documented `x-amazon-apigateway-*` names".to_string(),
            )
        };
        self.out.report(loc, message).help(help);
    }
}

/// Keys meant to give the endpoint type, which the endpoint configuration does not take.
const ENDPOINT_TYPE_KEYS: [&str; 6] =
    ["endpointconfigurationtypes", "endpointtype", "endpointtypes", "type", "types", "endpointconfiguration"];
const ENDPOINT_TYPE: &str = "the endpoint type is not a document field but an import parameter \
     (`endpointConfigurationTypes`) or, in CloudFormation, the API's `EndpointConfiguration`";
const ENDPOINT_TYPE_HELP: &str = "remove it, and give the type (EDGE, REGIONAL or PRIVATE) when importing \
     (`--parameters endpointConfigurationTypes=PRIVATE`) or in the template's API resource";

/// An object this rule looks inside: not an intrinsic standing for one, not a `$ref`.
fn checkable(v: &Value) -> Option<&Map<String, Value>> {
    let m = v.as_object()?;
    (!is_intrinsic(v) && !m.contains_key("$ref")).then_some(m)
}

/// `x-...`: a vendor extension (or `x-gwgen-ignore`), free for anyone's use.
fn is_vendor(key: &str) -> bool {
    key.len() >= 2 && key.as_bytes()[..2].eq_ignore_ascii_case(b"x-")
}

/// An `x-amazon-apigateway-*` key in any case, or an `x-amazon*` key close to one.
fn looks_like_extension(key: &str) -> bool {
    let bytes = key.as_bytes();
    if bytes.len() < 8 || !bytes[..8].eq_ignore_ascii_case(b"x-amazon") {
        return false;
    }
    (bytes.len() >= PREFIX.len() && bytes[..PREFIX.len()].eq_ignore_ascii_case(PREFIX.as_bytes()))
        || nearest_extension(key).is_some()
}

/// The documented extension an unknown name was probably meant to be.
fn nearest_extension(key: &str) -> Option<&'static str> {
    let names = EXTENSIONS.iter().map(|(name, _)| *name);
    match key.get(..PREFIX.len()) {
        // Same family: compare what follows the prefix, so that the shared prefix does not make
        // every short name look close to every other.
        Some(head) if head.eq_ignore_ascii_case(PREFIX) => {
            nearest(&key[PREFIX.len()..], names.map(|name| (name, &name[PREFIX.len()..])))
        }
        _ => {
            let lower = key.to_ascii_lowercase();
            names.map(|name| (distance(&lower, name), name)).filter(|(d, _)| *d <= 3).min().map(|(_, name)| name)
        }
    }
}

/// The candidate closest to `key`, compared case-insensitively: one differing only in case,
/// one within `max(2, len / 3)` edits (1 for keys shorter than 6 characters, where 2 edits
/// would turn `name` into `type`), or one that starts or ends with the key (or the key with it)
/// when the shorter has at least 4 characters (`method` for `httpMethod`). Candidates are `(name, text compared)`; ties go to the first.
fn nearest<'c>(key: &str, candidates: impl Iterator<Item = (&'static str, &'c str)>) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    let len = key.chars().count();
    let limit = if len < 6 { 1 } else { (len / 3).max(2) };
    let mut best: Option<(usize, &'static str)> = None;
    for (name, text) in candidates {
        let text = text.to_ascii_lowercase();
        let d = distance(&key, &text);
        let (short, long) = if key.len() <= text.len() { (&key, &text) } else { (&text, &key) };
        let contained = short.len() >= 4 && (long.starts_with(short.as_str()) || long.ends_with(short.as_str()));
        if (d <= limit || contained) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, name));
        }
    }
    best.map(|(_, name)| name)
}

/// A field of an object nested in `kind`, written on `kind` itself: the field's right name
/// (its case may differ) and where it belongs.
fn belongs_in(kind: Kind, key: &str) -> Option<(&'static str, String)> {
    kind.nested().iter().find_map(|(field, holds)| {
        let (inner, place) = match holds {
            Holds::Object(inner) => (*inner, format!("`{field}`")),
            Holds::MapOf(Kind::IntegrationResponse) => {
                (Kind::IntegrationResponse, format!("an integration response, under `{field}`"))
            }
            Holds::MapOf(inner) | Holds::ListOf(inner) => (*inner, format!("an entry of `{field}`")),
            Holds::Value | Holds::Operation => return None,
        };
        inner.fields().iter().find(|f| f.eq_ignore_ascii_case(key)).map(|f| (*f, place))
    })
}

/// The open map a key written on `kind` itself looks like an entry of: a media type is a
/// mapping template's key, `integration.request.*` and `method.response.*` are parameter mappings.
fn entry_of(kind: Kind, key: &str) -> Option<&'static str> {
    let media_type = key
        .split_once('/')
        .is_some_and(|(t, s)| !t.is_empty() && !s.is_empty() && !key.contains(char::is_whitespace));
    match kind {
        Kind::Integration if media_type => Some("`requestTemplates`"),
        Kind::Integration if key.starts_with("integration.request.") => Some("`requestParameters`"),
        Kind::IntegrationResponse | Kind::GatewayResponse if media_type => Some("`responseTemplates`"),
        Kind::IntegrationResponse if key.starts_with("method.response.") => Some("`responseParameters`"),
        Kind::GatewayResponse if key.starts_with("gatewayresponse.") => Some("`responseParameters`"),
        _ => None,
    }
}

fn list(fields: &[&str]) -> String {
    fields.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ApiType;

    const RULE: &str = "extension-unknown-key";

    fn pointers(yaml: &str, api_type: Option<ApiType>) -> Vec<String> {
        super::super::pointers_of(RULE, yaml, api_type)
    }

    /// The findings' pointers and messages.
    fn findings(yaml: &str, api_type: Option<ApiType>) -> Vec<(String, String)> {
        super::super::findings_of(RULE, yaml, api_type)
            .into_iter()
            .map(|f| (f.loc.ptr.as_str().to_string(), f.message))
            .collect()
    }

    fn message_at<'f>(found: &'f [(String, String)], ptr: &str) -> &'f str {
        found.iter().find(|(p, _)| p == ptr).map(|(_, m)| m.as_str()).unwrap_or_else(|| panic!("nothing at {ptr}: {found:?}"))
    }

    #[test]
    fn tables_are_sorted_and_known() {
        assert!(EXTENSIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EXTENSIONS.iter().all(|(name, _)| name.starts_with(PREFIX)));
        let kinds = [
            Kind::Integration,
            Kind::IntegrationResponse,
            Kind::TlsConfig,
            Kind::Authorizer,
            Kind::JwtConfiguration,
            Kind::Auth,
            Kind::Cors,
            Kind::Documentation,
            Kind::DocumentationPart,
            Kind::DocumentationLocation,
            Kind::EndpointConfiguration,
            Kind::GatewayResponse,
            Kind::RequestValidator,
        ];
        for kind in kinds {
            assert!(kind.fields().windows(2).all(|w| w[0] < w[1]), "{kind:?} fields unsorted");
            for (field, _) in kind.nested() {
                assert!(kind.fields().contains(field), "{kind:?}.{field} nested but not a field");
            }
        }
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("timeoutinmilis", "timeoutinmillis"), 1);
        assert_eq!(distance("payloadformatverison", "payloadformatversion"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(nearest("url", INTEGRATION_FIELDS.iter().map(|f| (*f, *f))), Some("uri"));
        assert_eq!(nearest("method", INTEGRATION_FIELDS.iter().map(|f| (*f, *f))), Some("httpMethod"));
        assert_eq!(nearest("foo", INTEGRATION_FIELDS.iter().map(|f| (*f, *f))), None);
        assert_eq!(nearest_extension("x-amazon-apigateway-foo"), None);
        assert_eq!(nearest_extension("x-amazon-api-gateway-integration"), Some(INTEGRATION));
        assert!(!looks_like_extension("x-amazon-something-else-entirely"));
    }

    const REAL_MISTAKES: &str = r##"
swagger: "2.0"
info: {title: t, version: "1"}
x-amazon-apigateway-binary-media-type: [image/png]
x-amazon-apigateway-endpoint-configuration:
  types: [PRIVATE]
  disableExecuteApiEndpiont: true
securityDefinitions:
  Auth:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authtype: custom
    x-amazon-apigateway-authorizer:
      type: request
      authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
      identitysource: method.request.header.Authorization
      authorizerResultTTLInSeconds: 86400
paths:
  /pets:
    get:
      responses: {"200": {description: ok}}
      security: [{Auth: []}]
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com/pets
        timeoutInMilis: 5000
        passThroughBehavior: when_no_match
        payloadFormatVerison: "1.0"
        responses:
          default:
            statuscode: "200"
"##;

    #[test]
    fn real_mistakes_are_reported_with_the_meant_key() {
        let found = findings(REAL_MISTAKES, None);
        let integration = "/paths/~1pets/get/x-amazon-apigateway-integration";
        let authorizer = "/securityDefinitions/Auth/x-amazon-apigateway-authorizer";
        let cases = [
            ("/x-amazon-apigateway-binary-media-type".to_string(), "`x-amazon-apigateway-binary-media-types`"),
            (format!("{authorizer}/identitysource"), "did you mean `identitySource`?"),
            (format!("{authorizer}/authorizerResultTTLInSeconds"), "did you mean `authorizerResultTtlInSeconds`?"),
            (format!("{integration}/timeoutInMilis"), "did you mean `timeoutInMillis`?"),
            (format!("{integration}/passThroughBehavior"), "did you mean `passthroughBehavior`?"),
            (format!("{integration}/payloadFormatVerison"), "did you mean `payloadFormatVersion`?"),
            (format!("{integration}/responses/default/statuscode"), "did you mean `statusCode`?"),
            (
                "/x-amazon-apigateway-endpoint-configuration/disableExecuteApiEndpiont".to_string(),
                "did you mean `disableExecuteApiEndpoint`?",
            ),
            ("/x-amazon-apigateway-endpoint-configuration/types".to_string(), "endpoint type"),
        ];
        for (ptr, says) in &cases {
            let message = message_at(&found, ptr);
            assert!(message.contains(says), "{ptr}: {message}");
        }
        assert_eq!(found.len(), cases.len(), "{found:#?}");
        assert!(message_at(&found, "/x-amazon-apigateway-endpoint-configuration/types")
            .contains("`types` is not a field of `x-amazon-apigateway-endpoint-configuration`"));
        assert!(message_at(&found, &format!("{integration}/responses/default/statuscode"))
            .contains("integration response `default`"));
    }

    #[test]
    fn every_documented_field_is_clean() {
        let rest = r##"
swagger: "2.0"
info: {title: t, version: "1"}
x-amazon-apigateway-api-key-source: HEADER
x-amazon-apigateway-binary-media-types: ["*/*"]
x-amazon-apigateway-minimum-compression-size: 0
x-amazon-apigateway-security-policy: TLS_1_2
x-amazon-apigateway-endpoint-access-mode: BASIC
x-amazon-apigateway-request-validator: all
x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true, vpcEndpointIds: [vpce-0123], ipAddressType: dualstack}
x-amazon-apigateway-request-validators:
  all: {validateRequestBody: true, validateRequestParameters: true}
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX: {statusCode: "400", responseParameters: {gatewayresponse.header.X: "'y'"}, responseTemplates: {application/json: "{}"}}
x-amazon-apigateway-documentation:
  version: "1"
  documentationParts:
    - location: {type: METHOD, path: /pets, method: GET, statusCode: "200", name: x}
      properties: {description: anything, whatever: {goes: here}}
x-amazon-apigateway-policy:
  Version: "2012-10-17"
  Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*", Condition: {StringEquals: {aws:SourceVpce: vpce-0123}}}]
securityDefinitions:
  Token:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authtype: custom
    x-amazon-apigateway-authorizer:
      type: token
      authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
      authorizerCredentials: arn:aws:iam::123456789012:role/invoke
      identitySource: method.request.header.Authorization
      identityValidationExpression: "^Bearer .+"
      authorizerResultTtlInSeconds: 300
  Pool:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authtype: cognito_user_pools
    x-amazon-apigateway-authorizer:
      type: cognito_user_pools
      providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
paths:
  /pets:
    x-amazon-apigateway-any-method:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-auth: {type: NONE}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: https://example.com
        responseTransferMode: STREAM
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-request-validator: all
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
        credentials: arn:aws:iam::123456789012:role/invoke
        connectionType: INTERNET
        connectionId: abc
        integrationTarget: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/b/c
        requestParameters: {integration.request.header.X: method.request.header.X}
        requestTemplates: {application/json: "{}"}
        passthroughBehavior: when_no_templates
        contentHandling: CONVERT_TO_TEXT
        timeoutInMillis: 29000
        cacheNamespace: pets
        cacheKeyParameters: [method.request.header.X]
        tlsConfig: {insecureSkipVerification: false}
        responses:
          default:
            statusCode: "200"
            responseParameters: {method.response.header.X: "'y'"}
            responseTemplates: {application/json: "{}"}
            contentHandling: CONVERT_TO_TEXT
        x-gwgen-ignore: [integration-timeout-range]
        x-mine: {anything: 1}
"##;
        assert_eq!(pointers(rest, None), Vec::<String>::new());
        let http = r##"
openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-importexport-version: "1.0"
x-amazon-apigateway-cors: {allowOrigins: ["*"], allowCredentials: false, exposeHeaders: [x], maxAge: 60, allowMethods: [GET], allowHeaders: [x]}
servers:
  - url: https://api.example.com
    x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true, ipAddressType: dualstack}
tags:
  - name: team
    x-amazon-apigateway-tag-value: payments
components:
  securitySchemes:
    Jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration: {issuer: "https://issuer.example.com", audience: [a]}
    Lambda:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: $request.header.Authorization
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
        authorizerPayloadFormatVersion: "2.0"
        enableSimpleResponses: true
        authorizerResultTtlInSeconds: 0
  x-amazon-apigateway-integrations:
    queue:
      type: aws_proxy
      integrationSubtype: SQS-SendMessage
      credentials: arn:aws:iam::123456789012:role/sqs
      payloadFormatVersion: "1.0"
      requestParameters: {QueueUrl: $request.header.queue, MessageBody: $request.body}
      responseParameters: {"500": {"overwrite:statuscode": "503"}}
      timeoutInMillis: 30000
      connectionType: VPC_LINK
      connectionId: abc
      tlsConfig: {serverNameToVerify: example.com}
paths:
  /q:
    post:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {$ref: "#/components/x-amazon-apigateway-integrations/queue"}
"##;
        assert_eq!(pointers(http, Some(ApiType::Http)), Vec::<String>::new());
    }

    #[test]
    fn open_maps_and_intrinsics_are_not_looked_into() {
        let yaml = r##"
swagger: "2.0"
info: {title: t, version: "1"}
x-amazon-apigateway-request-validators:
  AnyName_I_Like: {validateRequestBody: true}
x-amazon-apigateway-gateway-responses:
  NOT_A_TYPE_BUT_NOT_OURS: {statusCode: "400"}
x-amazon-apigateway-endpoint-configuration: {Ref: EndpointConfig}
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: {Fn::Sub: "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations"}
        requestParameters: {whatever.Key: 'x', x-amazon-apigateway-not-a-thing: 'y'}
        requestTemplates: {application/json: "{}", strangeKey: "{}"}
        tlsConfig: {Fn::If: [Cond, {insecureSkipVerification: true}, {Ref: AWS::NoValue}]}
        responses:
          "2\\d{2}":
            statusCode: "200"
            responseParameters: {notAMapping: x}
            responseTemplates: {text/plain: anything}
          "5\\d{2}": {Fn::If: [Cond, {statusCode: "500"}, {Ref: AWS::NoValue}]}
      parameters:
        - name: x
          in: body
          schema:
            type: object
            example: {x-amazon-apigateway-made-up: 1}
            properties:
              example: {type: string}
"##;
        assert_eq!(pointers(yaml, None), Vec::<String>::new());
    }

    #[test]
    fn case_only_differences_are_reported() {
        let yaml = r##"
openapi: 3.0.1
info: {title: t, version: "1"}
X-Amazon-Apigateway-Binary-Media-Types: [image/png]
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        Type: mock
        HttpMethod: GET
        type: mock
"##;
        let found = findings(yaml, None);
        assert_eq!(
            found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            vec![
                "/X-Amazon-Apigateway-Binary-Media-Types",
                "/paths/~1a/get/x-amazon-apigateway-integration/HttpMethod",
                "/paths/~1a/get/x-amazon-apigateway-integration/Type",
            ]
        );
        assert!(found[0].1.contains("did you mean `x-amazon-apigateway-binary-media-types`?"));
        assert!(found[1].1.contains("did you mean `httpMethod`?"));
        assert!(found[2].1.contains("did you mean `type`?"));
    }

    #[test]
    fn misplaced_and_unknown_fields_and_names() {
        let yaml = r##"
openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-mtls: {truststoreUri: s3://bucket/key}
x-amazon-apigateway-somethingelse: true
components:
  securitySchemes:
    Jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        issuer: https://issuer.example.com
        jwtConfiguration: {audience: [a], scopes: [b]}
        openIdConnectUrl: https://issuer.example.com/.well-known/openid-configuration
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com
        statusCode: "200"
        responseParameters: {method.response.header.X: "'y'"}
        name: nothing-like-it
        application/json: "{}"
        responses:
          default:
            statusCode: "200"
            text/html: "<p/>"
            method.response.header.X: "'y'"
"##;
        let found = findings(yaml, Some(ApiType::Rest));
        let integration = "/paths/~1a/get/x-amazon-apigateway-integration";
        let authorizer = "/components/securitySchemes/Jwt/x-amazon-apigateway-authorizer";
        assert!(message_at(&found, "/x-amazon-apigateway-mtls").contains("mutual TLS"));
        assert_eq!(
            message_at(&found, "/x-amazon-apigateway-somethingelse"),
            "`x-amazon-apigateway-somethingelse` is not an API Gateway extension"
        );
        assert!(message_at(&found, &format!("{authorizer}/issuer")).contains("belongs in `jwtConfiguration`"));
        assert!(message_at(&found, &format!("{authorizer}/openIdConnectUrl")).contains("field of the security scheme"));
        assert!(message_at(&found, &format!("{authorizer}/jwtConfiguration/scopes"))
            .contains("is not a field of the authorizer's `jwtConfiguration`"));
        assert!(message_at(&found, &format!("{integration}/statusCode")).contains("under `responses`"));
        assert!(message_at(&found, &format!("{integration}/responseParameters")).contains("under `responses`"));
        assert_eq!(message_at(&found, &format!("{integration}/name")), "`name` is not a field of `x-amazon-apigateway-integration`");
        assert!(message_at(&found, &format!("{integration}/application~1json")).contains("entry of `requestTemplates`"));
        let default = format!("{integration}/responses/default");
        assert!(message_at(&found, &format!("{default}/text~1html")).contains("entry of `responseTemplates`"));
        assert!(message_at(&found, &format!("{default}/method.response.header.X")).contains("entry of `responseParameters`"));
        assert_eq!(found.len(), 11, "{found:#?}");
        // On an HTTP API, the integration's own responseParameters is the v2 response mapping.
        let http = pointers(yaml, Some(ApiType::Http));
        assert!(!http.contains(&format!("{integration}/responseParameters")), "{http:?}");
    }

    #[test]
    fn a_shared_integration_is_checked_once_where_it_is_written() {
        let yaml = r##"
openapi: 3.0.1
info: {title: t, version: "1"}
components:
  x-amazon-apigateway-integrations:
    shared: {type: http_proxy, httpMethod: ANY, uri: "https://example.com", payloadFormatVersion: "1.0", timeout: 3000}
x-shared:
  elsewhere: {type: http_proxy, httpMethod: ANY, uri: "https://example.com", payloadFormatVersion: "1.0", httpMetod: GET}
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {$ref: "#/components/x-amazon-apigateway-integrations/shared"}
    post:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {$ref: "#/components/x-amazon-apigateway-integrations/shared"}
    put:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration: {$ref: "#/x-shared/elsewhere"}
"##;
        let found = findings(yaml, Some(ApiType::Http));
        assert_eq!(
            found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            vec!["/components/x-amazon-apigateway-integrations/shared/timeout", "/x-shared/elsewhere/httpMetod"]
        );
        assert!(found[0].1.starts_with("`timeout` is not a field of integration `shared`: did you mean `timeoutInMillis`?"));
        assert!(found[1].1.contains("did you mean `httpMethod`?"));
    }
}
