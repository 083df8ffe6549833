//! Security schemes, security requirements, and the authorizers of `x-amazon-apigateway-authorizer`.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::ir::{Authorizer, AuthorizerType, JwtConfiguration, SecurityRequirement, SecurityScheme, Text};
use crate::source::{Field, Loc};

use super::fields::{boolean, kind_of, num, string};
use super::{Cx, Obj};

pub(super) fn lower_security_schemes<'s>(
    cx: &mut Cx<'s>,
    root_loc: &Loc,
    root: &'s Obj,
) -> IndexMap<String, SecurityScheme> {
    let mut out = IndexMap::new();
    let (loc, v) = if cx.sw2() {
        (root_loc.child("securityDefinitions"), root.field("securityDefinitions"))
    } else {
        (
            root_loc.child("components").child("securitySchemes"),
            root.field("components").and_then(|c| c.field("securitySchemes")),
        )
    };
    let Some(v) = v else { return out };
    let Some(m) = cx.object(&loc, v, "the security schemes") else {
        return out;
    };
    for (name, s) in m {
        let Some((sloc, s, _)) = cx.deref(loc.child(name), s) else {
            continue;
        };
        let Some(sm) = cx.object(&sloc, s, "a security scheme") else {
            continue;
        };
        let authorizer = sm
            .field("x-amazon-apigateway-authorizer")
            .and_then(|a| lower_authorizer(cx, &sloc.child("x-amazon-apigateway-authorizer"), a));
        let flows = if cx.sw2() {
            let mut f = Map::new();
            for k in ["flow", "authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = sm.get(k) {
                    f.insert(k.to_string(), v.clone());
                }
            }
            (!f.is_empty()).then_some(Value::Object(f))
        } else {
            sm.field("flows").cloned()
        };
        out.insert(
            name.clone(),
            SecurityScheme {
                kind: string(sm, "type").unwrap_or_default(),
                param_name: string(sm, "name"),
                param_in: string(sm, "in"),
                scheme: string(sm, "scheme"),
                open_id_connect_url: string(sm, "openIdConnectUrl"),
                flows,
                authtype: string(sm, "x-amazon-apigateway-authtype"),
                authorizer,
                loc: sloc,
            },
        );
    }
    out
}

fn lower_authorizer<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Option<Authorizer> {
    let m = cx.object(loc, v, "`x-amazon-apigateway-authorizer`")?;
    let jwt_configuration = match m.field("jwtConfiguration") {
        Some(j) => {
            let jloc = loc.child("jwtConfiguration");
            cx.object(&jloc, j, "`jwtConfiguration`").map(|jm| JwtConfiguration {
                issuer: cx.field(&jloc, jm, "issuer"),
                audience: cx.text_list(&jloc, jm, "audience"),
            })
        }
        None => None,
    };
    Some(Authorizer {
        kind: cx.choice(m, "type", AuthorizerType::parse),
        authorizer_uri: cx.field(loc, m, "authorizerUri"),
        authorizer_credentials: cx.field(loc, m, "authorizerCredentials"),
        identity_source: match m.field("identitySource") {
            // SAM writes an HTTP API Lambda authorizer's sources as a list.
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
                Some(Text::Str(list.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")))
            }
            _ => cx.field(loc, m, "identitySource"),
        },
        identity_validation_expression: string(m, "identityValidationExpression"),
        result_ttl_in_seconds: num(m.field("authorizerResultTtlInSeconds")),
        provider_arns: cx.text_list(loc, m, "providerARNs"),
        payload_format_version: cx.field(loc, m, "authorizerPayloadFormatVersion"),
        enable_simple_responses: boolean(m.field("enableSimpleResponses")),
        jwt_configuration,
        loc: loc.clone(),
    })
}

pub(super) fn lower_security<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Vec<SecurityRequirement> {
    // API Gateway builds authorization from these: a misshapen list stops the load.
    let items: &[Value] = match v {
        Value::Array(a) => a,
        Value::Null => &[],
        other => {
            cx.shape(
                loc,
                format!("`security` must be a list of requirements, found {}", kind_of(other)),
                "write `security:` followed by `- SchemeName: []` lines",
            );
            &[]
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let rloc = loc.index(i);
        let Value::Object(m) = item else {
            cx.shape(
                &rloc,
                format!("each `security` entry must be a mapping from scheme name to scopes, found {}", kind_of(item)),
                "write `- SchemeName: []` instead of `- SchemeName`",
            );
            continue;
        };
        let mut schemes = IndexMap::new();
        for (name, scopes) in m {
            let scopes = match scopes {
                Value::Array(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                Value::Null => Vec::new(),
                other => {
                    cx.shape(
                        &rloc.child(name),
                        format!("the scopes of `{name}` must be a list, found {}", kind_of(other)),
                        "write `[]` for no scopes",
                    );
                    Vec::new()
                }
            };
            schemes.insert(name.clone(), scopes);
        }
        out.push(SecurityRequirement { loc: rloc, schemes });
    }
    out
}
