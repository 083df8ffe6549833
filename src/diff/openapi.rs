//! Paths, operations, parameters, bodies, responses, and each operation's authorization,
//! integration and validation.

use indexmap::IndexMap;

use super::schema::{self, Dir, Seen};
use super::{root, Cx};
use crate::ir::{Api, AuthKind, Authorization, Method, Operation, ParamIn, Parameter, PathItem};
use crate::source::Loc;

/// A path as API Gateway routes it: parameter names do not matter (`/pets/{id}` and
/// `/pets/{petId}` are one resource), a trailing slash neither.
fn route_key(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            '+' if in_param => out.push('+'),
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

pub fn paths(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let rev_paths: IndexMap<String, &PathItem> = rev.paths.iter().map(|p| (route_key(&p.path), p)).collect();
    let base_paths: IndexMap<String, &PathItem> = base.paths.iter().map(|p| (route_key(&p.path), p)).collect();
    let paths_loc = |api: &Api| if api.paths.is_empty() { root() } else { root().child("paths") };
    let mut seen = Seen::new();
    for (key, pb) in &base_paths {
        let Some(pr) = rev_paths.get(key) else {
            if !pb.operations.is_empty() {
                cx.add("path-removed", pb.loc.clone(), paths_loc(rev), format!("{} was removed", pb.path));
            }
            continue;
        };
        for ob in &pb.operations {
            let name = format!("{} {}", ob.method.as_str(), pr.path);
            let found = pr.operations.iter().find(|o| o.method == ob.method);
            let Some(or) = found else {
                if !pr.operations.iter().any(|o| o.method == Method::Any) {
                    cx.add("operation-removed", ob.loc.clone(), pr.loc.clone(), format!("{name} was removed"));
                }
                continue;
            };
            operation(cx, &mut seen, &name, (&pb.path, ob), (&pr.path, or));
        }
        for or in &pr.operations {
            if !pb.operations.iter().any(|o| o.method == or.method) {
                let name = format!("{} {}", or.method.as_str(), pr.path);
                cx.add("operation-added", pb.loc.clone(), or.loc.clone(), format!("{name} was added"));
            }
        }
    }
    for (key, pr) in &rev_paths {
        if !base_paths.contains_key(key) {
            for or in &pr.operations {
                let name = format!("{} {}", or.method.as_str(), pr.path);
                cx.add("operation-added", paths_loc(base), or.loc.clone(), format!("{name} was added"));
            }
        }
    }
}

fn operation(
    cx: &mut Cx,
    seen: &mut Seen,
    name: &str,
    (path_b, ob): (&str, &Operation),
    (path_r, or): (&str, &Operation),
) {
    if let Some(idb) = &ob.operation_id {
        if or.operation_id.as_ref() != Some(idb) {
            let now = or.operation_id.as_ref().map_or("removed".to_string(), |i| format!("`{i}`"));
            cx.add(
                "operation-id-changed",
                ob.loc.child("operationId"),
                if or.operation_id.is_some() { or.loc.child("operationId") } else { or.loc.clone() },
                format!("{name}: operationId `{idb}` became {now}"),
            );
        }
    }
    parameters(cx, seen, name, (path_b, ob), (path_r, or));
    request_body(cx, seen, name, ob, or);
    responses(cx, seen, name, ob, or);
    authorization(cx, name, ob, or);
    integration(cx, name, ob, or);
    validation(cx, name, ob, or);
}

/// The key a parameter is known by: its location and name (header names ignore case, as HTTP
/// does); a path parameter by its place in the path, as API Gateway routes by position
/// (`/pets/{id}` and `/pets/{petId}` are one resource).
fn param_key(path: &str, p: &Parameter) -> (&'static str, String) {
    let name = match p.location {
        ParamIn::Header => p.name.to_ascii_lowercase(),
        ParamIn::Path => path_position(path, &p.name).map_or_else(|| p.name.clone(), |i| format!("#{i}")),
        _ => p.name.clone(),
    };
    (p.location.as_str(), name)
}

/// Which `{...}` of a path template holds the parameter `name` (`{proxy+}` is `proxy`).
fn path_position(path: &str, name: &str) -> Option<usize> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}')).position(|(p, _)| p.trim_end_matches('+') == name)
}

/// OpenAPI 3's default serialization for a parameter location: `form` with explode in queries
/// and cookies, `simple` without it in paths and headers.
fn style_of(p: &Parameter) -> (String, bool) {
    let default = match p.location {
        ParamIn::Query | ParamIn::Cookie => "form",
        ParamIn::Path | ParamIn::Header => "simple",
    };
    let style = p.style.clone().unwrap_or_else(|| default.to_string());
    let explode = p.explode.unwrap_or(style == "form");
    (style, explode)
}

fn is_array_or_object(api: &Api, p: &Parameter) -> bool {
    p.schema.is_some_and(|s| matches!(schema::shape(&api.schemas, s), "array" | "object"))
}

fn parameters(
    cx: &mut Cx,
    seen: &mut Seen,
    name: &str,
    (path_b, ob): (&str, &Operation),
    (path_r, or): (&str, &Operation),
) {
    let (base, rev) = (cx.base, cx.rev);
    let key_r = |p: &Parameter| param_key(path_r, p);
    let key_b = |p: &Parameter| param_key(path_b, p);
    let rev_keys: IndexMap<(&str, String), &Parameter> = or.parameters.iter().map(|p| (key_r(p), p)).collect();
    let base_keys: IndexMap<(&str, String), &Parameter> = ob.parameters.iter().map(|p| (key_b(p), p)).collect();
    let mut moved = Vec::new();
    for (key, pb) in &base_keys {
        let Some(pr) = rev_keys.get(key) else {
            let elsewhere = or.parameters.iter().find(|p| {
                p.name.eq_ignore_ascii_case(&pb.name) && p.location != pb.location && !base_keys.contains_key(&key_r(p))
            });
            match elsewhere {
                Some(pr) => {
                    moved.push(key_r(pr));
                    cx.add(
                        "parameter-location-changed",
                        pb.loc.clone(),
                        pr.loc.clone(),
                        format!(
                            "{name}: parameter `{}` moved from {} to {}",
                            pb.name,
                            pb.location.as_str(),
                            pr.location.as_str()
                        ),
                    );
                }
                None => cx.add(
                    "parameter-removed",
                    pb.loc.clone(),
                    or.loc.clone(),
                    format!("{name}: {} parameter `{}` was removed", pb.location.as_str(), pb.name),
                ),
            }
            continue;
        };
        let what = format!("{name}: {} parameter `{}`", pb.location.as_str(), pb.name);
        if !pb.required && pr.required {
            cx.add("parameter-became-required", pb.loc.clone(), pr.loc.clone(), format!("{what} became required"));
        }
        if (is_array_or_object(base, pb) || is_array_or_object(rev, pr)) && style_of(pb) != style_of(pr) {
            let ((sb, eb), (sr, er)) = (style_of(pb), style_of(pr));
            cx.add(
                "parameter-style-changed",
                pb.loc.clone(),
                pr.loc.clone(),
                format!("{what}: style {sb} (explode {eb}) became {sr} (explode {er})"),
            );
        }
        let (Some(idb), Some(idr)) = (pb.schema, pr.schema) else { continue };
        let (kb, kr) = (schema::shape(&base.schemas, idb), schema::shape(&rev.schemas, idr));
        let known = |k: &str| !matches!(k, "any" | "unresolved" | "allOf");
        if kb != kr && known(kb) && known(kr) && !(kb == "integer" && kr == "number") {
            cx.add(
                "parameter-type-changed",
                base.schemas.get(idb).loc.clone(),
                rev.schemas.get(idr).loc.clone(),
                format!("{what}: type {kb} became {kr}"),
            );
            continue;
        }
        schema::compare_as(cx, seen, Dir::Request, idb, idr, &what, "parameter-format-changed");
    }
    for (key, pr) in &rev_keys {
        if !base_keys.contains_key(key) && !moved.contains(key) && pr.required {
            cx.add(
                "required-parameter-added",
                ob.loc.clone(),
                pr.loc.clone(),
                format!("{name}: required {} parameter `{}` was added", pr.location.as_str(), pr.name),
            );
        }
    }
}

fn request_body(cx: &mut Cx, seen: &mut Seen, name: &str, ob: &Operation, or: &Operation) {
    let Some(br) = &or.request_body else { return };
    let Some(bb) = &ob.request_body else {
        if br.required {
            cx.add(
                "request-body-became-required",
                ob.loc.clone(),
                br.loc.clone(),
                format!("{name}: a required request body was added"),
            );
        }
        return;
    };
    if !bb.required && br.required {
        cx.add(
            "request-body-became-required",
            bb.loc.clone(),
            br.loc.clone(),
            format!("{name}: the request body became required"),
        );
    }
    for (media, mb) in &bb.content {
        let Some(mr) = br.content.get(media) else {
            cx.add(
                "request-media-type-removed",
                bb.loc.child("content").child(media),
                br.loc.clone(),
                format!("{name}: request body `{media}` is no longer accepted"),
            );
            continue;
        };
        if let (Some(sb), Some(sr)) = (mb.schema, mr.schema) {
            schema::compare(cx, seen, Dir::Request, sb, sr, &format!("{name} request body ({media})"));
        }
    }
}

fn responses(cx: &mut Cx, seen: &mut Seen, name: &str, ob: &Operation, or: &Operation) {
    let (Some(rb), Some(rr)) = (&ob.responses, &or.responses) else { return };
    for b in rb {
        let Some(r) = rr.iter().find(|r| r.status.eq_ignore_ascii_case(&b.status)) else {
            cx.add(
                "response-status-removed",
                b.loc.clone(),
                or.loc.child("responses"),
                format!("{name}: response {} was removed", b.status),
            );
            continue;
        };
        for name_b in b.headers.keys() {
            if !r.headers.keys().any(|h| h.eq_ignore_ascii_case(name_b)) {
                cx.add(
                    "response-header-removed",
                    b.loc.child("headers").child(name_b),
                    r.loc.clone(),
                    format!("{name}: response {} no longer has the header `{name_b}`", b.status),
                );
            }
        }
        for (media, mb) in &b.content {
            let Some(mr) = r.content.get(media) else {
                cx.add(
                    "response-media-type-removed",
                    b.loc.child("content").child(media),
                    r.loc.clone(),
                    format!("{name}: response {} `{media}` is no longer produced", b.status),
                );
                continue;
            };
            if let (Some(sb), Some(sr)) = (mb.schema, mr.schema) {
                let what = format!("{name} response {} ({media})", b.status);
                schema::compare(cx, seen, Dir::Response, sb, sr, &what);
            }
        }
    }
}

/// Where an operation's authorization is written: its `security`, else the root's, else the
/// operation.
fn auth_loc(api: &Api, op: &Operation) -> Loc {
    match (&op.security, &api.security) {
        (Some(s), _) => s.first().map_or_else(|| op.loc.child("security"), |r| r.loc.parent_or_self()),
        (None, Some(s)) if !s.is_empty() => s[0].loc.parent_or_self(),
        _ => op.loc.clone(),
    }
}

fn describe(a: &Authorization) -> String {
    match &a.kind {
        AuthKind::None => "NONE".into(),
        AuthKind::Iam => "AWS_IAM".into(),
        AuthKind::Cognito { authorizer, .. } => format!("COGNITO_USER_POOLS `{authorizer}`"),
        AuthKind::Lambda { authorizer } => format!("CUSTOM (Lambda) `{authorizer}`"),
        AuthKind::Jwt { authorizer, .. } => format!("JWT `{authorizer}`"),
    }
}

fn scopes(a: &Authorization) -> Option<(&str, &[String])> {
    match &a.kind {
        AuthKind::Cognito { authorizer, scopes } | AuthKind::Jwt { authorizer, scopes } => Some((authorizer, scopes)),
        _ => None,
    }
}

/// A requirement as a set: scheme names and their scopes, each sorted.
type Requirement = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;

/// The requirements that apply to an operation (its own `security`, else the root's).
fn requirements(api: &Api, op: &Operation) -> Vec<Requirement> {
    let list = op.security.as_ref().or(api.security.as_ref());
    list.into_iter()
        .flatten()
        .map(|r| r.schemes.iter().map(|(k, v)| (k.clone(), v.iter().cloned().collect())).collect())
        .collect()
}

/// Authorization as OpenAPI defines it, for documents not written for API Gateway: `security` is
/// a list of alternatives, each naming schemes that must all be satisfied, each with the scopes
/// it requires (all of them); an empty list or an empty alternative lets anonymous callers in.
fn openapi_security(cx: &mut Cx, name: &str, ob: &Operation, or: &Operation) {
    let (base, rev) = (cx.base, cx.rev);
    let (qb, qr) = (requirements(base, ob), requirements(rev, or));
    let (lb, lr) = (auth_loc(base, ob), auth_loc(rev, or));
    let open = |q: &[Requirement]| q.is_empty() || q.iter().any(|r| r.is_empty());
    let show = |r: &Requirement| {
        r.iter()
            .map(|(k, v)| {
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k} [{}]", v.iter().cloned().collect::<Vec<_>>().join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    match (open(&qb), open(&qr)) {
        (true, false) => {
            let what = qr.iter().map(show).collect::<Vec<_>>().join(" or ");
            cx.add("authorization-added", lb, lr, format!("{name}: authorization added: callers now need {what}"));
            return;
        }
        (false, true) => {
            cx.add(
                "authorization-removed",
                lb,
                lr,
                format!("{name}: authorization removed: anonymous callers are let in"),
            );
            return;
        }
        (true, true) => return,
        (false, false) => {}
    }
    for b in &qb {
        if qr.contains(b) {
            continue;
        }
        // The same schemes with other scopes: more scopes required narrow, fewer widen.
        let same_schemes = qr.iter().find(|r| r.keys().eq(b.keys()));
        match same_schemes {
            Some(r) if r.iter().all(|(k, v)| v.is_subset(&b[k])) => cx.add(
                "authorization-scopes-widened",
                lb.clone(),
                lr.clone(),
                format!("{name}: {} became {}", show(b), show(r)),
            ),
            Some(r) => cx.add(
                "authorization-scopes-narrowed",
                lb.clone(),
                lr.clone(),
                format!("{name}: {} became {} (OpenAPI requires every scope listed)", show(b), show(r)),
            ),
            None => cx.add(
                "authorization-changed",
                lb.clone(),
                lr.clone(),
                format!("{name}: callers authorized by {} are no longer accepted", show(b)),
            ),
        }
    }
    for r in &qr {
        if !qb.iter().any(|b| b.keys().eq(r.keys())) {
            cx.add(
                "security-alternative-added",
                lb.clone(),
                lr.clone(),
                format!("{name}: callers may now also authorize with {}", show(r)),
            );
        }
    }
}

fn authorization(cx: &mut Cx, name: &str, ob: &Operation, or: &Operation) {
    let (base, rev) = (cx.base, cx.rev);
    let for_gateway = base.uses_extensions || rev.uses_extensions || base.template.is_some() || rev.template.is_some();
    if !for_gateway {
        openapi_security(cx, name, ob, or);
        return;
    }
    let (ab, ar) = (base.authorization(ob), rev.authorization(or));
    let (lb, lr) = (auth_loc(base, ob), auth_loc(rev, or));
    let same_kind = std::mem::discriminant(&ab.kind) == std::mem::discriminant(&ar.kind);
    let message = |what: &str| format!("{name}: authorization {what}: {} became {}", describe(&ab), describe(&ar));
    match (&ab.kind, &ar.kind) {
        (AuthKind::None, AuthKind::None) => {}
        (AuthKind::None, _) => cx.add("authorization-added", lb.clone(), lr.clone(), message("added")),
        (_, AuthKind::None) => cx.add("authorization-removed", lb.clone(), lr.clone(), message("removed")),
        _ if !same_kind || describe(&ab) != describe(&ar) => {
            cx.add("authorization-changed", lb.clone(), lr.clone(), message("changed"))
        }
        _ => {
            if let (Some((_, sb)), Some((_, sr))) = (scopes(&ab), scopes(&ar)) {
                // A token passes with any one of the scopes; no scopes: no scope check.
                let removed: Vec<&String> = sb.iter().filter(|s| !sr.contains(s)).collect();
                let added: Vec<&String> = sr.iter().filter(|s| !sb.contains(s)).collect();
                let narrowed = (sb.is_empty() && !sr.is_empty()) || (!sr.is_empty() && !removed.is_empty());
                let widened = (!sb.is_empty() && sr.is_empty()) || (!sb.is_empty() && !added.is_empty());
                let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
                let text = format!("{name}: scopes [{}] became [{}]", list(sb), list(sr));
                if narrowed {
                    cx.add("authorization-scopes-narrowed", lb.clone(), lr.clone(), text);
                } else if widened {
                    cx.add("authorization-scopes-widened", lb.clone(), lr.clone(), text);
                }
            }
        }
    }
    plain_scopes(cx, name, (&lb, ob), (&lr, or));
    match (ab.api_key, ar.api_key) {
        (false, true) => cx.add("api-key-required", lb, lr, format!("{name}: an API key is now required")),
        (true, false) => {
            cx.add("api-key-no-longer-required", lb, lr, format!("{name}: an API key is no longer required"))
        }
        _ => {}
    }
}

/// The scopes a REST operation lists for OAuth2 / OpenID Connect schemes that have no
/// authorizer, by scheme. API Gateway does not check them (a REST method checks scopes only with
/// a Cognito authorizer); a backend that checks the token it receives requires, as OpenAPI
/// says, every scope listed. (An HTTP API turns such a scheme into a JWT authorizer: its scopes
/// are compared with the method's authorization.)
fn unchecked_scopes(api: &Api, op: &Operation) -> Requirement {
    let mut out = Requirement::new();
    if api.api_type != crate::ir::ApiType::Rest {
        return out;
    }
    for requirement in requirements(api, op) {
        for (scheme, scopes) in requirement {
            let Some(s) = api.security_schemes.get(&scheme) else { continue };
            let oauth = s.kind.eq_ignore_ascii_case("oauth2") || s.kind.eq_ignore_ascii_case("openIdConnect");
            if oauth && s.authorizer.is_none() && !s.is_iam() {
                out.entry(scheme).or_default().extend(scopes);
            }
        }
    }
    out
}

fn plain_scopes(cx: &mut Cx, name: &str, (lb, ob): (&Loc, &Operation), (lr, or): (&Loc, &Operation)) {
    let (sb, sr) = (unchecked_scopes(cx.base, ob), unchecked_scopes(cx.rev, or));
    let list = |v: &std::collections::BTreeSet<String>| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter().cloned().collect::<Vec<_>>().join(", ")
        }
    };
    for (scheme, b) in &sb {
        let Some(r) = sr.get(scheme) else { continue };
        let id = if !r.is_subset(b) {
            "authorization-scopes-narrowed"
        } else if r != b {
            "authorization-scopes-widened"
        } else {
            continue;
        };
        cx.add(
            id,
            lb.clone(),
            lr.clone(),
            format!(
                "{name}: `{scheme}` scopes [{}] became [{}] (no authorizer: API Gateway checks none; a backend that checks them requires every scope listed)",
                list(b),
                list(r)
            ),
        );
    }
}

fn integration(cx: &mut Cx, name: &str, ob: &Operation, or: &Operation) {
    let (Some(ib), Some(ir)) = (&ob.integration, &or.integration) else { return };
    let (tb, tr) = (ib.kind(), ir.kind());
    if tb != tr {
        let show = |t: Option<crate::ir::IntegrationType>| t.map_or("none", |t| t.as_str());
        let proxy_lost = tb.is_some_and(|t| t.is_proxy()) && tr.is_some_and(|t| !t.is_proxy());
        let id = if proxy_lost { "integration-proxy-removed" } else { "integration-type-changed" };
        cx.add(
            id,
            ib.loc.child("type"),
            ir.loc.child("type"),
            format!("{name}: integration type {} became {}", show(tb), show(tr)),
        );
    }
    if ib.uri != ir.uri {
        let show = |t: &Option<crate::ir::Text>| t.as_ref().map_or("none".to_string(), |t| t.display());
        cx.add(
            "integration-target-changed",
            ib.loc.child("uri"),
            ir.loc.child("uri"),
            format!("{name}: integration uri {} became {}", show(&ib.uri), show(&ir.uri)),
        );
    }
    let keys = |i: &crate::ir::Integration| {
        let mut k: Vec<String> = i.cache_key_parameters.iter().map(|t| t.display()).collect();
        k.sort();
        k
    };
    if keys(ib) != keys(ir) {
        let (kb, kr) = (keys(ib), keys(ir));
        cx.add(
            "cache-key-changed",
            ib.loc.clone(),
            ir.loc.clone(),
            format!("{name}: cache key parameters [{}] became [{}]", kb.join(", "), kr.join(", ")),
        );
    }
    super::mapping::integration(cx, name, ib, ir);
}

/// What a method's request validator checks: (body, parameters).
fn validates(api: &Api, op: &Operation) -> (bool, bool, Loc) {
    let Some(name) = api.validator_for(op) else { return (false, false, op.loc.clone()) };
    match api.apigw.request_validators.get(name) {
        Some(v) => (v.validate_request_body, v.validate_request_parameters, v.loc.clone()),
        None => (false, false, op.loc.clone()),
    }
}

fn validation(cx: &mut Cx, name: &str, ob: &Operation, or: &Operation) {
    let (base, rev) = (cx.base, cx.rev);
    let (bb, pb, lb) = validates(base, ob);
    let (br, pr, lr) = validates(rev, or);
    let mut more = Vec::new();
    if br && !bb {
        more.push("the request body");
    }
    if pr && !pb {
        more.push("request parameters");
    }
    if !more.is_empty() {
        let lr =
            if or.request_validator.is_some() { or.loc.child("x-amazon-apigateway-request-validator") } else { lr };
        cx.add("request-validation-added", lb, lr, format!("{name}: API Gateway now validates {}", more.join(" and ")));
    }
}

#[cfg(test)]
mod tests {
    use super::route_key;

    #[test]
    fn path_parameters_by_position() {
        assert_eq!(super::path_position("/pets/{id}/toys/{toy}", "toy"), Some(1));
        assert_eq!(super::path_position("/files/{proxy+}", "proxy"), Some(0));
        assert_eq!(super::path_position("/pets", "id"), None);
    }

    #[test]
    fn routes_ignore_parameter_names() {
        assert_eq!(route_key("/pets/{id}"), route_key("/pets/{petId}"));
        assert_eq!(route_key("/pets/"), "/pets");
        assert_ne!(route_key("/pets/{id}"), route_key("/pets/{id+}"));
        assert_eq!(route_key("/"), "/");
    }
}
