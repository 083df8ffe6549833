//! Paths and their operations: parameters, request bodies (Swagger 2.0 body and form parameters too) and responses.

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{
    AuthType, Header, MediaType, Method, Operation, ParamIn, Parameter, PathItem, RequestBody, Response, SchemaKind,
};
use crate::source::{Field, Loc};

use super::fields::{boolean, conditional_branch, kind_of, string, upper_enum};
use super::integration::lower_integration_ref;
use super::security::lower_security;
use super::{Cx, Obj};

fn auth_type(s: &str) -> Option<AuthType> {
    upper_enum(&[("NONE", AuthType::None), ("AWS_IAM", AuthType::AwsIam)])(s)
}

/// Path Item fields that are not operations.
const PATH_ITEM_FIELDS: [&str; 5] = ["parameters", "summary", "description", "servers", "$ref"];

pub(super) fn lower_paths<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value) -> Vec<PathItem> {
    let Some(m) = cx.object(loc, v, "`paths`") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in m {
        if path.starts_with("x-") {
            continue;
        }
        let ploc = loc.child(path);
        let Some((iloc, item, _)) = cx.deref(ploc.clone(), item) else {
            continue;
        };
        let (iloc, item) = conditional_branch(&iloc, item);
        let Value::Object(im) = item else {
            let found = kind_of(item);
            cx.shape(
                &iloc,
                format!("the path item `{path}` must be a mapping of operations, found {found}"),
                "write the path's operations (get, post...) under it",
            );
            continue;
        };
        let path_params: Vec<(Loc, &'s Value)> = match im.field("parameters") {
            Some(p) => {
                let l = iloc.child("parameters");
                cx.array(&l, p, "`parameters`").iter().enumerate().map(|(i, p)| (l.index(i), p)).collect()
            }
            None => Vec::new(),
        };
        let path_servers = server_urls(im);
        let mut operations = Vec::new();
        for (key, op) in im {
            // `any` is SAM's spelling of x-amazon-apigateway-any-method.
            let method = Method::KEYS
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, m)| *m)
                .or_else(|| (key == "any").then_some(Method::Any));
            if let Some(method) = method {
                // SAM writes the method of a function with a Condition as `Fn::If` too.
                let (oloc, op) = conditional_branch(&iloc.child(key), op);
                if let Some(op) = lower_operation(cx, &oloc, op, method, &path_params, &path_servers) {
                    operations.push(op);
                }
            } else if !PATH_ITEM_FIELDS.contains(&key.as_str()) && !key.starts_with("x-") {
                let help = "a path item holds operations (get, put, post, delete, options, head, patch, trace, x-amazon-apigateway-any-method), `parameters`, `summary`, `description` and `servers`";
                if op.is_object() {
                    cx.ignored(&iloc.child(key), format!("`{key}` is not a field of a path item; it is ignored"), help);
                } else {
                    cx.shape(
                        &iloc.child(key),
                        format!("`{key}` is not a field of a path item, and its value is not an operation"),
                        help,
                    );
                }
            }
        }
        out.push(PathItem { path: path.clone(), loc: iloc, operations });
    }
    out
}

fn lower_operation<'s>(
    cx: &mut Cx<'s>,
    loc: &Loc,
    v: &'s Value,
    method: Method,
    path_params: &[(Loc, &'s Value)],
    path_servers: &[String],
) -> Option<Operation> {
    let Value::Object(m) = v else {
        let name = method.as_str().to_ascii_lowercase();
        cx.shape(
            loc,
            format!("the `{name}` operation must be a mapping, found {}", kind_of(v)),
            "write the operation's fields (responses, parameters...) under it",
        );
        return None;
    };
    let mut parameters: Vec<Parameter> = Vec::new();
    let mut body: Option<RequestBody> = None;
    let mut form: Vec<Parameter> = Vec::new();
    let own: Vec<(Loc, &'s Value)> = match m.field("parameters") {
        Some(p) => {
            let l = loc.child("parameters");
            cx.array(&l, p, "`parameters`").iter().enumerate().map(|(i, p)| (l.index(i), p)).collect()
        }
        None => Vec::new(),
    };
    let consumes =
        if cx.sw2() && m.contains_key("consumes") { cx.string_list(loc, m, "consumes") } else { cx.consumes.clone() };
    let produces =
        if cx.sw2() && m.contains_key("produces") { cx.string_list(loc, m, "produces") } else { cx.produces.clone() };
    // Operation parameters override path-level ones with the same name and location.
    for (ploc, p) in path_params.iter().chain(own.iter()) {
        match lower_parameter(cx, ploc, p, &consumes)? {
            Lowered::Param(param) => {
                parameters.retain(|q| !(q.name == param.name && q.location == param.location));
                parameters.push(param);
            }
            Lowered::Body(b) => body = Some(b),
            Lowered::Form(param) => {
                form.retain(|q| q.name != param.name);
                form.push(param);
            }
            Lowered::Skip => {}
        }
    }
    if !form.is_empty() {
        body = Some(form_body(cx, form, &consumes));
    }
    if let Some(rb) = m.field("requestBody") {
        if let Some((bloc, b, _)) = cx.deref(loc.child("requestBody"), rb) {
            if let Some(bm) = cx.object(&bloc, b, "`requestBody`") {
                body = Some(RequestBody {
                    required: boolean(bm.field("required")).unwrap_or(false),
                    description: string(bm, "description"),
                    content: lower_content(cx, &bloc, bm),
                    loc: bloc.clone(),
                });
            }
        }
    }
    let responses = m.field("responses").map(|r| lower_responses(cx, &loc.child("responses"), r, &produces));
    let security = m.field("security").map(|s| lower_security(cx, &loc.child("security"), s));
    let auth = match m.field("x-amazon-apigateway-auth") {
        Some(a) => {
            let aloc = loc.child("x-amazon-apigateway-auth");
            cx.object(&aloc, a, "`x-amazon-apigateway-auth`").and_then(|am| cx.choice(am, "type", auth_type))
        }
        None => None,
    };
    let integration = match m.field("x-amazon-apigateway-integration") {
        Some(i) => lower_integration_ref(cx, &loc.child("x-amazon-apigateway-integration"), i),
        None => None,
    };
    let tags = cx.string_list(loc, m, "tags");
    Some(Operation {
        method,
        operation_id: string(m, "operationId"),
        summary: string(m, "summary"),
        description: string(m, "description"),
        deprecated: boolean(m.field("deprecated")).unwrap_or(false),
        tags,
        parameters,
        request_body: body,
        responses,
        security,
        auth,
        integration,
        request_validator: string(m, "x-amazon-apigateway-request-validator"),
        is_default_route: boolean(m.field("isDefaultRoute")).unwrap_or(false),
        servers: if m.contains_key("servers") { server_urls(m) } else { path_servers.to_vec() },
        loc: loc.clone(),
    })
}

/// The URLs of a path item's or operation's `servers`, each variable's default filled in.
fn server_urls(m: &Obj) -> Vec<String> {
    let Some(list) = m.field("servers").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(Value::as_object)
        .filter_map(|s| {
            let mut url = string(s, "url")?;
            for (name, var) in s.field("variables").and_then(Value::as_object).into_iter().flatten() {
                if let Some(default) = var.as_object().and_then(|v| string(v, "default")) {
                    url = url.replace(&format!("{{{name}}}"), &default);
                }
            }
            Some(url)
        })
        .collect()
}

enum Lowered {
    Param(Parameter),
    Body(RequestBody),
    Form(Parameter),
    Skip,
}

fn lower_parameter<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value, consumes: &[String]) -> Option<Lowered> {
    let Some((ploc, p, _)) = cx.deref(loc.clone(), v) else {
        return Some(Lowered::Skip);
    };
    let Some(pm) = cx.object(&ploc, p, "a parameter") else {
        return Some(Lowered::Skip);
    };
    let name = string(pm, "name").unwrap_or_default();
    let location = string(pm, "in").unwrap_or_default();
    let required = boolean(pm.field("required")).unwrap_or(false);
    let description = string(pm, "description");
    let location = match location.as_str() {
        "path" => ParamIn::Path,
        "query" => ParamIn::Query,
        "header" => ParamIn::Header,
        "cookie" => ParamIn::Cookie,
        "body" if cx.sw2() => {
            let schema = pm.field("schema").map(|s| cx.schema(&ploc.child("schema"), s, 0));
            let types = if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.to_vec() };
            let content = types.into_iter().map(|t| (t, MediaType { schema, encoding: IndexMap::new() })).collect();
            return Some(Lowered::Body(RequestBody { loc: ploc, required, description, content }));
        }
        "formData" if cx.sw2() => {
            let schema = Some(cx.schema(&ploc, p, 0));
            return Some(Lowered::Form(Parameter {
                name,
                location: ParamIn::Query,
                required,
                description,
                deprecated: false,
                schema,
                style: None,
                explode: None,
                media_type: None,
                loc: ploc,
            }));
        }
        other => {
            cx.ignored(
                &ploc.child("in"),
                if name.is_empty() && other.is_empty() {
                    "a parameter without `name` and `in`; it is ignored".to_string()
                } else if other.is_empty() {
                    format!("parameter `{name}` has no `in`; it is ignored")
                } else {
                    format!("parameter `{name}` has `in: {other}`; it is ignored")
                },
                "`in` is one of path, query, header or cookie (Swagger 2.0 also has body and formData)",
            );
            return Some(Lowered::Skip);
        }
    };
    let mut media_type = None;
    let schema = if cx.sw2() {
        // Swagger 2.0 non-body parameters carry their schema inline (type, format, items, enum).
        Some(cx.schema(&ploc, p, 0))
    } else if let Some(s) = pm.field("schema") {
        Some(cx.schema(&ploc.child("schema"), s, 0))
    } else {
        // `content` holds exactly one media type (OpenAPI 3.0.3, Parameter Object).
        pm.field("content").and_then(Value::as_object).and_then(|c| c.iter().next()).and_then(|(mt, media)| {
            media_type = Some(mt.clone());
            media.field("schema").map(|s| cx.schema(&ploc.child("content").child(mt).child("schema"), s, 0))
        })
    };
    let (style, explode) = serialization(cx.sw2(), pm, location);
    Some(Lowered::Param(Parameter {
        name,
        required: required || location == ParamIn::Path,
        location,
        description,
        deprecated: boolean(pm.field("deprecated")).unwrap_or(false),
        schema,
        style,
        explode,
        media_type,
        loc: ploc,
    }))
}

/// How an array (or object) parameter is written, as OpenAPI 3 says it: the effective `style`
/// and `explode`, with Swagger 2.0's `collectionFormat` translated. None for other parameters
/// that write neither.
fn serialization(sw2: bool, pm: &Obj, location: ParamIn) -> (Option<String>, Option<bool>) {
    let simple = matches!(location, ParamIn::Path | ParamIn::Header);
    if sw2 {
        if pm.field("type").and_then(Value::as_str) != Some("array") {
            return (None, None);
        }
        // A format OpenAPI 3.0 cannot express (`tsv`, `multi` in a header) has no style: the
        // export says so, and a client falls back to the location's default.
        return match crate::ir::collection_format_style(string(pm, "collectionFormat").as_deref(), location.as_str()) {
            Some((style, explode)) => (Some(style.to_string()), Some(explode)),
            None => (None, None),
        };
    }
    // A style written is kept whatever the schema (an `anyOf` of an object and a number, a
    // `$ref`): the value sent may be an object.
    let ty = pm.field("schema").and_then(|s| s.field("type")).and_then(Value::as_str);
    let written = pm.contains_key("style") || pm.contains_key("explode");
    if !written && !matches!(ty, Some("array" | "object")) {
        return (None, None);
    }
    let style = string(pm, "style").unwrap_or_else(|| if simple { "simple" } else { "form" }.to_string());
    let explode = boolean(pm.field("explode")).unwrap_or(style == "form");
    (Some(style), Some(explode))
}

/// Swagger 2.0 `formData` parameters become one form body with an object schema.
fn form_body(cx: &mut Cx<'_>, params: Vec<Parameter>, consumes: &[String]) -> RequestBody {
    let multipart = consumes.iter().any(|c| c.starts_with("multipart/"))
        || params
            .iter()
            .any(|p| p.schema.and_then(|s| cx.own(s)).is_some_and(|s| matches!(s.kind, SchemaKind::Binary)));
    let media = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
    let loc = params[0].loc.clone();
    let id = cx.alloc_schema(loc.clone(), None, false);
    let required = params.iter().filter(|p| p.required).map(|p| p.name.clone()).collect();
    let properties = params.iter().filter_map(|p| p.schema.map(|s| (p.name.clone(), s))).collect();
    cx.slot(id).kind = SchemaKind::Object { properties, required, additional: None };
    RequestBody {
        loc,
        required: params.iter().any(|p| p.required),
        description: None,
        content: IndexMap::from([(media.to_string(), MediaType { schema: Some(id), encoding: IndexMap::new() })]),
    }
}

fn lower_content<'s>(cx: &mut Cx<'s>, loc: &Loc, m: &'s Obj) -> IndexMap<String, MediaType> {
    let mut out = IndexMap::new();
    let Some(c) = m.field("content") else {
        return out;
    };
    let cloc = loc.child("content");
    let Some(cm) = cx.object(&cloc, c, "`content`") else {
        return out;
    };
    for (mt, media) in cm {
        let mloc = cloc.child(mt);
        let schema =
            media.as_object().and_then(|mm| mm.field("schema")).map(|s| cx.schema(&mloc.child("schema"), s, 0));
        let mut encoding = IndexMap::new();
        if let Some(em) = media.as_object().and_then(|mm| mm.field("encoding")).and_then(Value::as_object) {
            for (name, e) in em {
                let Some(e) = e.as_object() else { continue };
                let (content_type, style) = (string(e, "contentType"), string(e, "style"));
                encoding.insert(
                    name.clone(),
                    crate::ir::Encoding { content_type, style, explode: boolean(e.field("explode")) },
                );
            }
        }
        out.insert(mt.clone(), MediaType { schema, encoding });
    }
    out
}

fn lower_responses<'s>(cx: &mut Cx<'s>, loc: &Loc, v: &'s Value, produces: &[String]) -> Vec<Response> {
    let Some(m) = cx.object(loc, v, "`responses`") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (status, r) in m {
        if status.starts_with("x-") {
            continue;
        }
        let rloc0 = loc.child(status);
        let Some((rloc, r, reference)) = cx.deref(rloc0.clone(), r) else {
            out.push(Response {
                status: status.clone(),
                loc: rloc0,
                reference: r.field("$ref").and_then(Value::as_str).map(str::to_string),
                description: None,
                headers: IndexMap::new(),
                content: IndexMap::new(),
            });
            continue;
        };
        let Some(rm) = cx.object(&rloc, r, &format!("response `{status}`")) else {
            continue;
        };
        let mut headers = IndexMap::new();
        if let Some(h) = rm.field("headers") {
            let hloc = rloc.child("headers");
            if let Some(hm) = cx.object(&hloc, h, "response `headers`") {
                for (name, hv) in hm {
                    let Some((hl, hv, _)) = cx.deref(hloc.child(name), hv) else {
                        continue;
                    };
                    let Some(hvm) = cx.object(&hl, hv, "a header") else {
                        continue;
                    };
                    let schema = if cx.sw2() {
                        Some(cx.schema(&hl, hv, 0))
                    } else {
                        hvm.field("schema").map(|s| cx.schema(&hl.child("schema"), s, 0))
                    };
                    headers.insert(name.clone(), Header { description: string(hvm, "description"), schema });
                }
            }
        }
        let content = if cx.sw2() {
            match rm.field("schema") {
                Some(s) => {
                    let schema = Some(cx.schema(&rloc.child("schema"), s, 0));
                    let types =
                        if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
                    types.into_iter().map(|t| (t, MediaType { schema, encoding: IndexMap::new() })).collect()
                }
                None => IndexMap::new(),
            }
        } else {
            lower_content(cx, &rloc, rm)
        };
        out.push(Response {
            status: status.clone(),
            loc: rloc,
            reference,
            description: string(rm, "description"),
            headers,
            content,
        });
    }
    out
}
