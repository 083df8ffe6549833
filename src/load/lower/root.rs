//! The root object: info, tags, servers, the root-level extensions and the resource policy, and the walk over the rest.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{
    ApiKeySource, Cors, Documentation, DocumentationPart, EndpointAccessMode, EndpointConfiguration, GatewayResponse,
    Info, Policy, PolicyStatement, RequestValidator, RootExtensions, SchemaId, SchemaStore, Server, ServerVariable,
    SpecVersion, TagInfo,
};
use crate::source::{Field, FileId, Loc, Pointer};

use super::fields::{boolean, kind_of, num, string, upper_enum};
use super::integration::lower_integration;
use super::paths::lower_paths;
use super::security::{lower_security, lower_security_schemes};
use super::{ApiParts, Cx, Obj};

fn api_key_source(s: &str) -> Option<ApiKeySource> {
    upper_enum(&[("HEADER", ApiKeySource::Header), ("AUTHORIZER", ApiKeySource::Authorizer)])(s)
}
fn access_mode(s: &str) -> Option<EndpointAccessMode> {
    upper_enum(&[("BASIC", EndpointAccessMode::Basic), ("STRICT", EndpointAccessMode::Strict)])(s)
}

/// A required top-level field that is missing: at the key that looks like a misspelling of it,
/// or at the document's root.
fn required_missing(cx: &mut Cx<'_>, root_loc: &Loc, root: &Obj, field: &str) {
    let what = "the API's resources and methods";
    let near = root.keys().find(|k| crate::diag::edit_distance(&k.to_ascii_lowercase(), field) <= 2 && k.len() > 2);
    match near {
        Some(key) => cx.note(
            &root_loc.child(key),
            format!("'{field}' is a required property, and the document has none: `{key}` is not `{field}`"),
            format!("did you mean `{field}`? Rename `{key}`: it holds {what}"),
        ),
        None => cx.note(
            root_loc,
            format!("'{field}' is a required property, and the document has none"),
            format!("add `{field}` at the top level: it holds {what}"),
        ),
    }
}

/// Everything but the named schemas.
pub(super) fn lower_rest<'s>(
    cx: &mut Cx<'s>,
    root: &'s Obj,
    version: SpecVersion,
    version_text: String,
    named: IndexMap<String, SchemaId>,
) -> ApiParts {
    let root_loc = &Loc::new(FileId(0), Pointer::root());
    let info = match root.field("info") {
        Some(v) => match cx.object(&root_loc.child("info"), v, "`info`") {
            Some(m) => {
                let loc = root_loc.child("info");
                Info {
                    title: cx.field(&loc, m, "title"),
                    version: cx.field(&loc, m, "version"),
                    description: string(m, "description"),
                }
            }
            None => Info::default(),
        },
        None => Info::default(),
    };

    let mut apigw = RootExtensions::default();
    let (servers, base_path) = lower_servers(cx, root_loc, root, &mut apigw);
    lower_root_extensions(cx, root_loc, root, &mut apigw);

    let security_schemes = lower_security_schemes(cx, root_loc, root);
    let security = root.field("security").map(|v| lower_security(cx, &root_loc.child("security"), v));

    let tags = match root.field("tags") {
        Some(v) => {
            let loc = root_loc.child("tags");
            let items = cx.array(&loc, v, "`tags`");
            let mut out = Vec::new();
            for (i, t) in items.iter().enumerate() {
                let tloc = loc.index(i);
                if let Some(m) = cx.object(&tloc, t, "a tag") {
                    out.push(TagInfo {
                        name: string(m, "name").unwrap_or_default(),
                        description: string(m, "description"),
                        value: cx.field(&tloc, m, "x-amazon-apigateway-tag-value"),
                    });
                }
            }
            out
        }
        None => Vec::new(),
    };

    // `paths` is required by both versions, and the import rejects a document without it.
    // `info` is too, by the specification, but API Gateway deploys bodies without it (SAM
    // templates in the corpus do), so it is not reported.
    if root.field("paths").is_none() {
        required_missing(cx, root_loc, root, "paths");
    }
    let paths = match root.field("paths") {
        Some(v) => lower_paths(cx, &root_loc.child("paths"), v),
        None => Vec::new(),
    };

    ApiParts {
        version,
        version_text,
        info,
        servers,
        base_path,
        paths,
        security_schemes,
        security,
        schemas: SchemaStore { schemas: Vec::new(), named },
        tags,
        apigw,
    }
}

fn lower_servers<'s>(
    cx: &mut Cx<'s>,
    root_loc: &Loc,
    root: &'s Obj,
    apigw: &mut RootExtensions,
) -> (Vec<Server>, Option<String>) {
    let mut servers = Vec::new();
    let mut base_path = None;
    if cx.sw2() {
        let host = string(root, "host");
        base_path = string(root, "basePath").filter(|b| b != "/");
        if let Some(host) = host {
            let scheme = cx
                .string_list(root_loc, root, "schemes")
                .into_iter()
                .find(|s| s == "https")
                .unwrap_or_else(|| "https".into());
            let url = format!("{scheme}://{host}{}", base_path.as_deref().unwrap_or(""));
            servers.push(Server { loc: root_loc.child("host"), url, description: None, variables: IndexMap::new() });
        }
        return (servers, base_path);
    }
    let Some(v) = root.field("servers") else {
        return (servers, None);
    };
    let loc = root_loc.child("servers");
    let items: Vec<(Loc, &'s Value)> = match v {
        // A single server written without the list: read it, and say so.
        Value::Object(_) => {
            cx.note(
                &loc,
                "`servers` must be a list, found a mapping; it is read as one server",
                "write `servers:` followed by `- url: ...` entries",
            );
            vec![(loc.clone(), v)]
        }
        _ => cx.array(&loc, v, "`servers`").iter().enumerate().map(|(i, s)| (loc.index(i), s)).collect(),
    };
    for (sloc, s) in items {
        let Some(m) = cx.object(&sloc, s, "a server") else {
            continue;
        };
        let mut variables = IndexMap::new();
        if let Some(vars) = m.field("variables") {
            let vloc = sloc.child("variables");
            if let Some(vm) = cx.object(&vloc, vars, "server `variables`") {
                for (name, var) in vm {
                    let Some(var) = cx.object(&vloc.child(name), var, "a server variable") else {
                        continue;
                    };
                    let values = cx.string_list(&vloc.child(name), var, "enum");
                    variables.insert(name.clone(), ServerVariable { default: string(var, "default"), values });
                }
            }
        }
        if let Some(ec) = m.field("x-amazon-apigateway-endpoint-configuration") {
            if apigw.endpoint_configuration.is_none() {
                apigw.endpoint_configuration =
                    lower_endpoint_config(cx, &sloc.child("x-amazon-apigateway-endpoint-configuration"), ec);
            }
        }
        let url = string(m, "url").unwrap_or_default();
        servers.push(Server { loc: sloc, url, description: string(m, "description"), variables });
    }
    if let Some(first) = servers.first() {
        base_path = match first.variables.get("basePath").and_then(|v| v.default.clone()) {
            Some(b) => Some(if b.starts_with('/') { b } else { format!("/{b}") }),
            None => url_path(&first.url),
        }
        .filter(|b| b != "/" && !b.is_empty());
    }
    (servers, base_path)
}

/// The path part of a server URL (`https://x.example.com/v1` -> `/v1`; `/v1` -> `/v1`).
fn url_path(url: &str) -> Option<String> {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            &after[after.find('/').unwrap_or(after.len())..]
        }
        None => url,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
    (!path.is_empty() && !path.contains('{')).then(|| path.to_string())
}

fn lower_endpoint_config<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<EndpointConfiguration> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-endpoint-configuration`")?;
    Some(EndpointConfiguration {
        loc: loc.clone(),
        disable_execute_api_endpoint: boolean(m.field("disableExecuteApiEndpoint")),
        vpc_endpoint_ids: cx.text_list(loc, m, "vpcEndpointIds"),
    })
}

fn lower_root_extensions<'s>(cx: &mut Cx<'s>, root_loc: &Loc, root: &'s Obj, apigw: &mut RootExtensions) {
    apigw.api_key_source = cx.choice(root, "x-amazon-apigateway-api-key-source", api_key_source);
    apigw.binary_media_types = cx.text_list(root_loc, root, "x-amazon-apigateway-binary-media-types");
    apigw.importexport_version = cx.field(root_loc, root, "x-amazon-apigateway-importexport-version");
    apigw.minimum_compression_size = num(root.field("x-amazon-apigateway-minimum-compression-size"));
    apigw.security_policy = cx.field(root_loc, root, "x-amazon-apigateway-security-policy");
    apigw.endpoint_access_mode = cx.choice(root, "x-amazon-apigateway-endpoint-access-mode", access_mode);
    apigw.request_validator = string(root, "x-amazon-apigateway-request-validator");
    if let Some(v) = root.field("x-amazon-apigateway-endpoint-configuration") {
        // Swagger 2.0's place; an OpenAPI 3 document that puts it here is flagged by a rule.
        let ec = lower_endpoint_config(cx, &root_loc.child("x-amazon-apigateway-endpoint-configuration"), v);
        if apigw.endpoint_configuration.is_none() {
            apigw.endpoint_configuration = ec;
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-cors") {
        let loc = root_loc.child("x-amazon-apigateway-cors");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-cors`") {
            apigw.cors = Some(Cors {
                allow_origins: cx.string_list(&loc, m, "allowOrigins"),
                allow_credentials: boolean(m.field("allowCredentials")),
                expose_headers: cx.string_list(&loc, m, "exposeHeaders"),
                max_age: num(m.field("maxAge")),
                allow_methods: cx.string_list(&loc, m, "allowMethods"),
                allow_headers: cx.string_list(&loc, m, "allowHeaders"),
                loc,
            });
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-documentation") {
        let loc = root_loc.child("x-amazon-apigateway-documentation");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-documentation`") {
            let parts_loc = loc.child("documentationParts");
            let parts = match m.field("documentationParts") {
                Some(p) => cx
                    .array(&parts_loc, p, "`documentationParts`")
                    .iter()
                    .map(|part| DocumentationPart {
                        location_type: part
                            .field("location")
                            .and_then(|l| l.field("type"))
                            .and_then(Value::as_str)
                            .map(str::to_string),
                        location: part.field("location").cloned().unwrap_or(Value::Null),
                        properties: part.field("properties").cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
                None => Vec::new(),
            };
            apigw.documentation = Some(Documentation { version: cx.field(&loc, m, "version"), parts, loc });
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-gateway-responses") {
        let loc = root_loc.child("x-amazon-apigateway-gateway-responses");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-gateway-responses`") {
            for (kind, r) in m {
                let rloc = loc.child(kind);
                let Some(rm) = cx.object(&rloc, r, "a gateway response") else {
                    continue;
                };
                let gr = GatewayResponse {
                    status_code: cx.field(&rloc, rm, "statusCode"),
                    response_parameters: cx.text_map(&rloc, rm, "responseParameters"),
                    response_templates: cx.text_map(&rloc, rm, "responseTemplates"),
                    loc: rloc,
                };
                apigw.gateway_responses.insert(kind.clone(), gr);
            }
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-request-validators") {
        let loc = root_loc.child("x-amazon-apigateway-request-validators");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-request-validators`") {
            for (name, r) in m {
                let rloc = loc.child(name);
                let Some(rm) = cx.object(&rloc, r, "a request validator") else {
                    continue;
                };
                apigw.request_validators.insert(
                    name.clone(),
                    RequestValidator {
                        validate_request_body: boolean(rm.field("validateRequestBody")).unwrap_or(false),
                        validate_request_parameters: boolean(rm.field("validateRequestParameters")).unwrap_or(false),
                        loc: rloc,
                    },
                );
            }
        }
    }
    if let Some(v) = root.field("x-amazon-apigateway-policy") {
        apigw.policy = lower_policy(cx, &root_loc.child("x-amazon-apigateway-policy"), v);
    }
    if let Some(v) = root.field("components").and_then(|c| c.field("x-amazon-apigateway-integrations")) {
        let loc = root_loc.child("components").child("x-amazon-apigateway-integrations");
        if let Some(m) = cx.object(&loc, v, "`x-amazon-apigateway-integrations`") {
            for (name, i) in m {
                if let Some(integration) = lower_integration(cx, &loc.child(name), i, None) {
                    apigw.integrations.insert(name.clone(), integration);
                }
            }
        }
    }
}

fn lower_policy<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Policy> {
    let document = match v {
        // Some documents carry the policy as a JSON string.
        Value::String(s) => serde_json::from_str::<Value>(s).unwrap_or(Value::String(s.clone())),
        other => other.clone(),
    };
    let m = match v {
        Value::Object(m) => m,
        Value::String(_) => return Some(Policy { loc: loc.clone(), statements: Vec::new(), document }),
        other => {
            cx.shape(
                loc,
                format!("`x-amazon-apigateway-policy` must be an IAM policy document, found {}", kind_of(other)),
                "write the policy as a mapping with `Version` and `Statement`",
            );
            return None;
        }
    };
    let mut statements = Vec::new();
    let sloc = loc.child("Statement");
    let list: Vec<(Loc, &'s Value)> = match m.field("Statement") {
        Some(Value::Array(a)) => a.iter().enumerate().map(|(i, s)| (sloc.index(i), s)).collect(),
        Some(s @ Value::Object(_)) => vec![(sloc.clone(), s)],
        _ => Vec::new(),
    };
    for (l, s) in list {
        let Some(sm) = s.as_object() else { continue };
        let action = match sm.field("Action") {
            Some(Value::String(a)) => vec![a.clone()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let resource = match sm.field("Resource") {
            Some(Value::Array(a)) => {
                a.iter().enumerate().filter_map(|(i, r)| cx.text(&l.child("Resource").index(i), Some(r))).collect()
            }
            Some(r) => cx.text(&l.child("Resource"), Some(r)).into_iter().collect(),
            None => Vec::new(),
        };
        statements.push(PolicyStatement {
            effect: string(sm, "Effect"),
            principal: sm.field("Principal").cloned(),
            action,
            resource,
            condition: sm.field("Condition").cloned(),
            loc: l,
        });
    }
    Some(Policy { loc: loc.clone(), statements, document })
}
