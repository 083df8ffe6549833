//! `x-amazon-apigateway-integration`: an operation's integration (or a reference to a shared one) and its responses.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{
    is_intrinsic, ConnectionType, ContentHandling, Integration, IntegrationResponse, IntegrationType,
    PassthroughBehavior, Placed, ResponseMappings, ResponseTransferMode, Text, TlsConfig,
};
use crate::source::{Field, Loc};

use super::fields::{boolean, num, upper_enum};
use super::Cx;

fn connection_type(s: &str) -> Option<ConnectionType> {
    upper_enum(&[("INTERNET", ConnectionType::Internet), ("VPC_LINK", ConnectionType::VpcLink)])(s)
}
fn passthrough(s: &str) -> Option<PassthroughBehavior> {
    upper_enum(&[
        ("WHEN_NO_MATCH", PassthroughBehavior::WhenNoMatch),
        ("WHEN_NO_TEMPLATES", PassthroughBehavior::WhenNoTemplates),
        ("NEVER", PassthroughBehavior::Never),
    ])(s)
}
fn content_handling(s: &str) -> Option<ContentHandling> {
    upper_enum(&[
        ("CONVERT_TO_BINARY", ContentHandling::ConvertToBinary),
        ("CONVERT_TO_TEXT", ContentHandling::ConvertToText),
    ])(s)
}
fn transfer_mode(s: &str) -> Option<ResponseTransferMode> {
    upper_enum(&[("BUFFERED", ResponseTransferMode::Buffered), ("STREAM", ResponseTransferMode::Stream)])(s)
}

pub(super) fn lower_integration_ref<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Integration> {
    let reference = v.field("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()).map(str::to_string);
    let (iloc, iv, _) = cx.deref(loc.clone(), v)?;
    lower_integration(cx, &iloc, iv, reference)
}

pub(super) fn lower_integration<'s>(
    cx: &mut Cx<'s>,
    loc: &Loc,
    v: &'s Value,
    reference: Option<String>,
) -> Option<Integration> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-integration`")?;
    let mut responses = IndexMap::new();
    if let Some(r) = m.field("responses") {
        let rloc = loc.child("responses");
        if let Some(rm) = cx.object(&rloc, r, "integration `responses`") {
            for (pattern, resp) in rm {
                let ploc = rloc.child(pattern);
                let Some(pm) = cx.object(&ploc, resp, "an integration response") else {
                    continue;
                };
                responses.insert(
                    pattern.clone(),
                    IntegrationResponse {
                        status_code: cx.field(&ploc, pm, "statusCode"),
                        response_parameters: cx.text_map(&ploc, pm, "responseParameters"),
                        response_templates: cx.text_map(&ploc, pm, "responseTemplates"),
                        content_handling: cx.choice(pm, "contentHandling", content_handling),
                        loc: ploc,
                    },
                );
            }
        }
    }
    let tls_config = match m.field("tlsConfig") {
        Some(t) => {
            let tloc = loc.child("tlsConfig");
            cx.object(&tloc, t, "`tlsConfig`").map(|tm| TlsConfig {
                insecure_skip_verification: boolean(tm.field("insecureSkipVerification")),
                server_name_to_verify: cx.field(&tloc, tm, "serverNameToVerify"),
            })
        }
        None => None,
    };
    Some(Integration {
        reference,
        kind: cx.choice(m, "type", IntegrationType::parse),
        http_method: cx.field(loc, m, "httpMethod"),
        uri: cx.field(loc, m, "uri"),
        credentials: cx.field(loc, m, "credentials"),
        connection_type: cx.choice(m, "connectionType", connection_type),
        connection_id: cx.field(loc, m, "connectionId"),
        request_parameters: cx.text_map(loc, m, "requestParameters"),
        request_templates: cx.text_map(loc, m, "requestTemplates"),
        passthrough_behavior: cx.choice(m, "passthroughBehavior", passthrough),
        content_handling: cx.choice(m, "contentHandling", content_handling),
        timeout_in_millis: num(m.field("timeoutInMillis")),
        cache_key_parameters: cx.text_list(loc, m, "cacheKeyParameters"),
        cache_namespace: cx.field(loc, m, "cacheNamespace"),
        responses,
        response_parameters: response_mappings(&loc.child("responseParameters"), m.field("responseParameters")),
        tls_config,
        payload_format_version: cx.field(loc, m, "payloadFormatVersion"),
        integration_subtype: cx.field(loc, m, "integrationSubtype"),
        response_transfer_mode: cx.choice(m, "responseTransferMode", transfer_mode),
        integration_target: cx.field(loc, m, "integrationTarget"),
        loc: loc.clone(),
    })
}

/// An HTTP API integration's `responseParameters`, by status code: the OpenAPI form
/// (`{"404": {"overwrite:statuscode": "410"}}`) and CloudFormation's, which a document may carry
/// (`{"404": {"ResponseParameters": [{"Destination": "overwrite:statuscode", "Source": "410"}]}}`).
/// Read leniently: entries of another shape, or written as an intrinsic gwgen cannot evaluate,
/// are left out here and reported by the lint rules that check these mappings.
fn response_mappings(at: &Loc, v: Option<&Value>) -> IndexMap<String, ResponseMappings> {
    let mut out = IndexMap::new();
    let Some(Value::Object(by_status)) = v else { return out };
    if is_intrinsic(by_status) {
        return out;
    }
    for (status, mappings) in by_status {
        let sloc = at.child(status);
        let Value::Object(m) = mappings else { continue };
        if is_intrinsic(m) {
            continue;
        }
        let mut parameters = IndexMap::new();
        match m.get("ResponseParameters") {
            Some(Value::Array(list)) => {
                for (i, entry) in list.iter().enumerate() {
                    let Some(key) = entry.get("Destination").and_then(Value::as_str) else { continue };
                    let Some(value) = plain_text(entry.get("Source")) else { continue };
                    let loc = sloc.child("ResponseParameters").index(i);
                    parameters.insert(key.to_string(), Placed::new(value, loc));
                }
            }
            _ => {
                for (key, value) in m {
                    if let Some(value) = plain_text(Some(value)) {
                        parameters.insert(key.clone(), Placed::new(value, sloc.child(key)));
                    }
                }
            }
        }
        out.insert(status.clone(), ResponseMappings { loc: sloc, parameters });
    }
    out
}

/// A mapping value as text (numbers and booleans written out, intrinsics kept), without
/// reporting values of another shape.
fn plain_text(v: Option<&Value>) -> Option<Text> {
    match v? {
        Value::String(s) => Some(Text::Str(s.clone())),
        Value::Number(n) => Some(Text::Str(n.to_string())),
        Value::Bool(b) => Some(Text::Str(b.to_string())),
        Value::Object(m) if is_intrinsic(m) => Some(Text::Intrinsic(Value::Object(m.clone()))),
        _ => None,
    }
}
