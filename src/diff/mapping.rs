//! What a method's integration maps: request templates and request parameters (what the backend
//! receives), integration responses (which backend outcome becomes which status code, headers
//! and body for the caller), and an HTTP API's response mappings (the headers and status code
//! API Gateway changes, by the backend's status code).
//!
//! The levels follow who sees the change. A caller sees the method request and the method
//! response; the integration request is the backend's side. So a request template or a static
//! request parameter that changes is the backend's business (info), while a template removed
//! for a content type callers send (415, or an unmapped body), a mapping that now reads another
//! caller input, or an integration response that selects another status, header or body is the
//! caller's (breaking or warn).

use indexmap::IndexMap;

use super::Cx;
use crate::ir::mapping::strip_prefix_ci;
use crate::ir::{
    ApiType, Integration, IntegrationResponse, PassthroughBehavior, ResponseMappingKey, ResponseMappings, Text,
};
use crate::source::Loc;

/// Compares the mappings of an operation's integration on both sides.
pub fn integration(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    request_parameters(cx, name, ib, ir);
    // `responseParameters` on the integration itself is an HTTP API's response mapping; a REST
    // import ignores it (REST maps responses under `responses`).
    if cx.base.api_type == ApiType::Http && cx.rev.api_type == ApiType::Http {
        response_mappings(cx, name, ib, ir);
    }
    // Proxy integrations pass the request and the response through: templates and integration
    // responses are not applied (a proxy integration becoming non-proxy is
    // `integration-proxy-removed`).
    let mapped = |i: &Integration| i.kind().is_some_and(|k| !k.is_proxy());
    if mapped(ib) && mapped(ir) {
        passthrough(cx, name, ib, ir);
        request_templates(cx, name, ib, ir);
        responses(cx, name, ib, ir);
    }
}

/// A template or expression as compared: trailing spaces on each line and trailing blank lines
/// do not count (YAML block scalars and exports add or drop them).
pub(super) fn normalized(t: &Text) -> String {
    match t {
        Text::Str(s) => s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_string(),
        Text::Intrinsic(_) => t.display(),
    }
}

/// The entry of `map` for `key`: the same key, else one equal once both are normalized by `norm`
/// (a document may hold two keys that differ only in case; each matches its own).
fn lookup<'m>(map: &'m IndexMap<String, Text>, key: &str, norm: fn(&str) -> String) -> Option<(&'m String, &'m Text)> {
    map.get_key_value(key).or_else(|| map.iter().find(|(k, _)| norm(k) == norm(key)))
}

/// A content type as API Gateway matches it: without case.
fn media_key(media: &str) -> String {
    media.trim().to_ascii_lowercase()
}

/// The node for `key` in the map `field` at `loc`, or `loc` when the map is empty on that side.
fn entry_or(loc: &Loc, field: &str, key: Option<&str>, map_len: usize) -> Loc {
    match key {
        Some(k) => loc.child(field).child(k),
        None if map_len > 0 => loc.child(field),
        None => loc.clone(),
    }
}

fn passthrough_of(i: &Integration) -> PassthroughBehavior {
    i.passthrough_behavior.as_ref().and_then(|c| c.get()).unwrap_or(PassthroughBehavior::WhenNoMatch)
}

/// Whether a request whose Content-Type has no template reaches the backend (unmapped) rather
/// than being refused with 415: WHEN_NO_MATCH always, WHEN_NO_TEMPLATES while the integration has
/// no template at all, NEVER never.
fn passes_unmapped(i: &Integration) -> bool {
    match passthrough_of(i) {
        PassthroughBehavior::WhenNoMatch => true,
        PassthroughBehavior::WhenNoTemplates => i.request_templates.is_empty(),
        PassthroughBehavior::Never => false,
    }
}

fn passthrough(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    if !passes_unmapped(ib) || passes_unmapped(ir) {
        return;
    }
    let at = |i: &Integration| {
        if i.passthrough_behavior.is_some() {
            i.loc.child("passthroughBehavior")
        } else {
            i.loc.clone()
        }
    };
    let show = |i: &Integration| match passthrough_of(i) {
        PassthroughBehavior::WhenNoMatch => "WHEN_NO_MATCH",
        PassthroughBehavior::WhenNoTemplates => "WHEN_NO_TEMPLATES",
        PassthroughBehavior::Never => "NEVER",
    };
    cx.add(
        "integration-passthrough-narrowed",
        at(ib),
        at(ir),
        format!(
            "{name}: requests with a Content-Type that has no template are now refused with 415 (passthroughBehavior {} with {} template(s) became {} with {})",
            show(ib),
            ib.request_templates.len(),
            show(ir),
            ir.request_templates.len()
        ),
    );
}

fn request_templates(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    let passthrough =
        ir.passthrough_behavior.as_ref().and_then(|c| c.get()).unwrap_or(PassthroughBehavior::WhenNoMatch);
    for (media, tb) in &ib.request_templates {
        let at_b = ib.loc.child("requestTemplates").child(media);
        match lookup(&ir.request_templates, media, media_key) {
            None => {
                // What API Gateway does with a request of this Content-Type now
                // (`passthroughBehavior`, [DG:integration-passthrough-behaviors]).
                let now = match passthrough {
                    PassthroughBehavior::Never => "API Gateway answers 415 Unsupported Media Type",
                    PassthroughBehavior::WhenNoTemplates if !ir.request_templates.is_empty() => {
                        "API Gateway answers 415 Unsupported Media Type (WHEN_NO_TEMPLATES with other templates)"
                    }
                    _ => "the body reaches the backend unmapped (passthrough)",
                };
                let at_r = entry_or(&ir.loc, "requestTemplates", None, ir.request_templates.len());
                cx.add(
                    "integration-request-template-removed",
                    at_b,
                    at_r,
                    format!("{name}: the request template for `{media}` was removed: {now}"),
                );
            }
            Some((key_r, tr)) if normalized(tb) != normalized(tr) => cx.add(
                "integration-request-template-changed",
                at_b,
                ir.loc.child("requestTemplates").child(key_r),
                format!("{name}: the request template for `{media}` changed"),
            ),
            Some(_) => {}
        }
    }
}

/// A mapping key as API Gateway matches it: header names without case
/// (`integration.request.header.X-Id`, an HTTP API's `append:header.X-Id`).
pub(super) fn param_key(key: &str) -> String {
    if key.to_ascii_lowercase().contains("header.") {
        key.to_ascii_lowercase()
    } else {
        key.to_string()
    }
}

/// The caller input a mapping expression reads: `method.request.{path,querystring,header,body}...`
/// (REST), `route.request.{querystring,header,body}...` (WebSocket) or `$request.{path,querystring,header,body}...` (HTTP APIs), header names without case.
/// None for static values, context and stage variables.
pub(super) fn caller_input(value: &Text) -> Option<String> {
    let v = value.as_str()?.trim();
    let rest = match strip_prefix_ci(v, "method.request.").or_else(|| strip_prefix_ci(v, "route.request.")) {
        Some(r) => r,
        None => {
            let at = v.find("$request.")?;
            let r = &v[at + "$request.".len()..];
            let end =
                r.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '$'))).unwrap_or(r.len());
            &r[..end]
        }
    };
    let low = rest.to_ascii_lowercase();
    let (location, name) = low.split_once('.').unwrap_or((low.as_str(), ""));
    let keep = &rest[rest.len() - name.len()..];
    Some(match location {
        "header" | "multivalueheader" => format!("{location}.{name}"),
        _ => format!("{location}.{keep}").trim_end_matches('.').to_string(),
    })
}

fn request_parameters(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    for (key, vb) in &ib.request_parameters {
        let at_b = ib.loc.child("requestParameters").child(key);
        let from_b = caller_input(vb);
        let Some((key_r, vr)) = lookup(&ir.request_parameters, key, param_key) else {
            let at_r = entry_or(&ir.loc, "requestParameters", None, ir.request_parameters.len());
            let (id, text) = match &from_b {
                Some(_) => (
                    "integration-request-parameter-removed",
                    format!("{name}: `{key}` no longer passes `{}` to the backend", vb.display()),
                ),
                None => (
                    "integration-request-parameter-changed",
                    format!("{name}: `{key}` (`{}`) is no longer sent to the backend", vb.display()),
                ),
            };
            cx.add(id, at_b, at_r, text);
            continue;
        };
        if normalized(vb) == normalized(vr) {
            continue;
        }
        let at_r = ir.loc.child("requestParameters").child(key_r);
        let from_r = caller_input(vr);
        let id = match (&from_b, &from_r) {
            (Some(b), Some(r)) if b != r => "integration-request-parameter-source-changed",
            (Some(b), Some(r)) if b == r => continue,
            (Some(_), None) => "integration-request-parameter-removed",
            _ => "integration-request-parameter-changed",
        };
        cx.add(id, at_b, at_r, format!("{name}: `{key}` was `{}`, now `{}`", vb.display(), vr.display()));
    }
}

fn status(r: &IntegrationResponse) -> String {
    r.status_code.as_ref().map_or("none".to_string(), Text::display)
}

/// Integration responses, keyed by selection pattern (`default` for the one that matches when no
/// other does): a pattern gone, a status selected by another pattern, a pattern returning another
/// status, a new pattern; then each kept response's headers and templates.
fn responses(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    let at = |i: &Integration| entry_or(&i.loc, "responses", None, i.responses.len());
    let mut matched: Vec<&str> = Vec::new();
    for (pattern, rb) in &ib.responses {
        if let Some(rr) = ir.responses.get(pattern) {
            matched.push(pattern);
            if status(rb) != status(rr) {
                cx.add(
                    "integration-response-status-changed",
                    rb.loc.child("statusCode"),
                    rr.loc.child("statusCode"),
                    format!(
                        "{name}: backend responses matching `{pattern}` now return {} instead of {}",
                        status(rr),
                        status(rb)
                    ),
                );
            }
            response(cx, name, pattern, rb, rr);
            continue;
        }
        // The same status, now selected by a pattern the base did not have.
        let moved = ir
            .responses
            .iter()
            .find(|(p, r)| status(r) == status(rb) && !ib.responses.contains_key(*p) && !matched.contains(&p.as_str()));
        match moved {
            Some((pattern_r, rr)) => {
                matched.push(pattern_r);
                cx.add(
                    "integration-response-pattern-changed",
                    rb.loc.clone(),
                    rr.loc.clone(),
                    format!("{name}: status {} is selected by `{pattern_r}` instead of `{pattern}`", status(rb)),
                );
                response(cx, name, pattern, rb, rr);
            }
            None => cx.add(
                "integration-response-removed",
                rb.loc.clone(),
                at(ir),
                format!(
                    "{name}: the integration response `{pattern}` (status {}) was removed: those backend responses now get {}",
                    status(rb),
                    if ir.responses.contains_key("default") { "the default response" } else { "500 Internal Server Error when no other pattern matches" }
                ),
            ),
        }
    }
    for (pattern, rr) in &ir.responses {
        if !matched.contains(&pattern.as_str()) && !ib.responses.contains_key(pattern) {
            cx.add(
                "integration-response-added",
                at(ib),
                rr.loc.clone(),
                format!("{name}: backend responses matching `{pattern}` now return status {}", status(rr)),
            );
        }
    }
}

/// One integration response kept on both sides: its header mappings and body templates.
fn response(cx: &mut Cx, name: &str, pattern: &str, rb: &IntegrationResponse, rr: &IntegrationResponse) {
    let what = format!("{name}: integration response `{pattern}`");
    for (key, vb) in &rb.response_parameters {
        let at_b = rb.loc.child("responseParameters").child(key);
        match lookup(&rr.response_parameters, key, param_key) {
            None => cx.add(
                "integration-response-header-removed",
                at_b,
                entry_or(&rr.loc, "responseParameters", None, rr.response_parameters.len()),
                format!("{what}: `{key}` is no longer mapped: callers no longer get it"),
            ),
            Some((key_r, vr)) if normalized(vb) != normalized(vr) => cx.add(
                "integration-response-header-changed",
                at_b,
                rr.loc.child("responseParameters").child(key_r),
                format!("{what}: `{key}` was `{}`, now `{}`", vb.display(), vr.display()),
            ),
            Some(_) => {}
        }
    }
    for (media, tb) in &rb.response_templates {
        let at_b = rb.loc.child("responseTemplates").child(media);
        match lookup(&rr.response_templates, media, media_key) {
            None => cx.add(
                "integration-response-template-removed",
                at_b,
                entry_or(&rr.loc, "responseTemplates", None, rr.response_templates.len()),
                format!("{what}: the `{media}` template was removed: callers get the backend's body as it is"),
            ),
            Some((key_r, tr)) if normalized(tb) != normalized(tr) => cx.add(
                "integration-response-template-changed",
                at_b,
                rr.loc.child("responseTemplates").child(key_r),
                format!("{what}: the `{media}` template changed: the body callers get is built differently"),
            ),
            Some(_) => {}
        }
    }
}

/// What one status code's response mappings do to a header the client gets.
#[derive(Clone, Debug, PartialEq, Eq)]
enum HeaderEffect {
    /// No mapping names it: the client gets whatever the backend sends.
    Untouched,
    /// `remove:header.NAME`: the client does not get the backend's header.
    Removed,
    /// `append:` / `overwrite:header.NAME`: the client gets it, from these values (append?, value).
    Set(Vec<(bool, String)>),
}

/// One status code's response mappings as their effect on the response: by header (names
/// without case, as HTTP compares them) the header as written, its effect and where it is
/// mapped; and the status code `overwrite:statuscode` gives, with where.
#[derive(Default)]
struct Effects {
    headers: IndexMap<String, (String, HeaderEffect, Option<Loc>)>,
    status: Option<(String, Loc)>,
}

fn effects(m: Option<&ResponseMappings>) -> Effects {
    let mut out = Effects::default();
    let Some(m) = m else { return out };
    for (key, value) in &m.parameters {
        let text = normalized(&value.value);
        match ResponseMappingKey::parse(key) {
            Some(ResponseMappingKey::StatusCode) => out.status = Some((text, value.loc.clone())),
            Some(ResponseMappingKey::SetHeader { name, append }) => {
                let entry =
                    out.headers.entry(name.to_ascii_lowercase()).or_insert((name, HeaderEffect::Untouched, None));
                match &mut entry.1 {
                    HeaderEffect::Set(values) => values.push((append, text)),
                    // A header both set and removed: what the client gets is the set value.
                    _ => entry.1 = HeaderEffect::Set(vec![(append, text)]),
                }
                entry.2 = Some(value.loc.clone());
            }
            Some(ResponseMappingKey::RemoveHeader(name)) => {
                let entry =
                    out.headers.entry(name.to_ascii_lowercase()).or_insert((name, HeaderEffect::Untouched, None));
                if entry.1 == HeaderEffect::Untouched {
                    entry.1 = HeaderEffect::Removed;
                    entry.2 = Some(value.loc.clone());
                }
            }
            // Keys HTTP APIs do not take are the lint's (`http-api-param-mapping-syntax`).
            None => {}
        }
    }
    for (_, effect, _) in out.headers.values_mut() {
        if let HeaderEffect::Set(values) = effect {
            values.sort();
        }
    }
    out
}

fn show_set(values: &[(bool, String)]) -> String {
    values
        .iter()
        .map(|(append, v)| format!("{} `{v}`", if *append { "append" } else { "overwrite" }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An HTTP API integration's `responseParameters`, status code by status code: what the client
/// gets in each header, and the status code, before and after. A header a client read that is
/// gone, or a status code changed, is breaking; a header's value changed a warning; a new header
/// information.
fn response_mappings(cx: &mut Cx, name: &str, ib: &Integration, ir: &Integration) {
    let mut statuses: Vec<&String> = ib.response_parameters.keys().collect();
    statuses.extend(ir.response_parameters.keys().filter(|k| !ib.response_parameters.contains_key(*k)));
    // Where a status code's mappings are, or the nearest enclosing node on a side without them.
    let at = |i: &Integration, status: &str| match i.response_parameters.get(status) {
        Some(m) => m.loc.clone(),
        None => entry_or(&i.loc, "responseParameters", None, i.response_parameters.len()),
    };
    for status in statuses {
        let (eb, er) = (effects(ib.response_parameters.get(status)), effects(ir.response_parameters.get(status)));
        let what = format!("{name}: backend responses with status {status}");
        let mut headers: Vec<&String> = eb.headers.keys().collect();
        headers.extend(er.headers.keys().filter(|k| !eb.headers.contains_key(*k)));
        for header in headers {
            let untouched = (String::new(), HeaderEffect::Untouched, None);
            let (shown, hb, lb) = eb.headers.get(header).unwrap_or(&untouched);
            let (shown_r, hr, lr) = er.headers.get(header).unwrap_or(&untouched);
            let shown = if shown.is_empty() { shown_r } else { shown };
            let lb = lb.clone().unwrap_or_else(|| at(ib, status));
            let lr = lr.clone().unwrap_or_else(|| at(ir, status));
            let (id, text) = match (hb, hr) {
                (a, b) if a == b => continue,
                (HeaderEffect::Set(v), HeaderEffect::Untouched) => (
                    "response-mapping-header-removed",
                    format!(
                        "{what}: `{shown}` is no longer mapped ({}): clients get only what the backend sends",
                        show_set(v)
                    ),
                ),
                (HeaderEffect::Set(v), HeaderEffect::Removed) => (
                    "response-mapping-header-removed",
                    format!("{what}: `{shown}` is now removed (was {}): clients no longer get it", show_set(v)),
                ),
                (HeaderEffect::Untouched, HeaderEffect::Removed) => (
                    "response-mapping-header-removed",
                    format!("{what}: the backend's `{shown}` header is now removed: clients no longer get it"),
                ),
                (HeaderEffect::Set(a), HeaderEffect::Set(b)) => (
                    "response-mapping-header-changed",
                    format!("{what}: `{shown}` was {}, now {}", show_set(a), show_set(b)),
                ),
                (HeaderEffect::Removed, HeaderEffect::Untouched) => (
                    "response-mapping-header-added",
                    format!("{what}: the backend's `{shown}` header is no longer removed: clients now get it"),
                ),
                (_, HeaderEffect::Set(v)) => {
                    ("response-mapping-header-added", format!("{what}: clients now get `{shown}` ({})", show_set(v)))
                }
                // (Untouched, Untouched) and (Removed, Removed) are equal.
                _ => continue,
            };
            cx.add(id, lb, lr, text);
        }
        let code = |e: &Effects| e.status.as_ref().map(|(c, _)| c.clone());
        if code(&eb) != code(&er) {
            let show = |e: &Effects| code(e).map_or_else(|| format!("{status} (the backend's)"), |c| c.to_string());
            let lb = eb.status.as_ref().map_or_else(|| at(ib, status), |(_, l)| l.clone());
            let lr = er.status.as_ref().map_or_else(|| at(ir, status), |(_, l)| l.clone());
            cx.add(
                "response-mapping-status-changed",
                lb,
                lr,
                format!("{what}: clients now get status {} instead of {}", show(&er), show(&eb)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff;

    /// A GET /a whose integration is `kind`, with `extra` lines under it.
    fn api(kind: &str, extra: &str) -> crate::ir::Api {
        crate::load::test_api(
            &format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n      x-amazon-apigateway-integration:\n        type: {kind}\n        httpMethod: POST\n        uri: 'https://example.com/a'\n{extra}"
            ),
            None,
        )
    }

    fn messages(b: &crate::ir::Api, r: &crate::ir::Api) -> Vec<String> {
        diff(b, r).iter().map(|c| format!("{} {}", c.id, c.message)).collect()
    }

    /// What a request of a content type whose template is gone meets depends on the revision's
    /// `passthroughBehavior`: 415 with NEVER, or WHEN_NO_TEMPLATES while other templates remain;
    /// the unmapped body otherwise.
    #[test]
    fn removed_templates_say_what_api_gateway_does_now() {
        let both = "        requestTemplates: {application/json: '{}', application/xml: '<a/>'}\n";
        let json = |behavior: &str| {
            format!("        passthroughBehavior: {behavior}\n        requestTemplates: {{application/json: '{{}}'}}\n")
        };
        let none = |behavior: &str| format!("        passthroughBehavior: {behavior}\n");
        let base = api("http", both);
        for (extra, expect) in [
            (json("NEVER"), "415"),
            (json("WHEN_NO_TEMPLATES"), "415"),
            (json("WHEN_NO_MATCH"), "unmapped"),
            (none("WHEN_NO_TEMPLATES"), "unmapped"),
        ] {
            let got = messages(&base, &api("http", &extra));
            let removed: Vec<&String> =
                got.iter().filter(|m| m.starts_with("integration-request-template-removed")).collect();
            assert!(!removed.is_empty() && removed.iter().all(|m| m.contains(expect)), "{extra}: {got:?}");
        }
        // Content types match without case.
        let upper = api("http", "        requestTemplates: {Application/JSON: '{}', application/xml: '<a/>'}\n");
        assert_eq!(messages(&base, &upper), Vec::<String>::new());
    }

    /// A proxy integration applies no templates and no integration responses: changing them is no
    /// change; its request parameters still are.
    #[test]
    fn proxy_integrations_compare_request_parameters_only() {
        let b = api(
            "http_proxy",
            "        requestTemplates: {application/json: '{}'}\n        requestParameters: {integration.request.header.x: method.request.querystring.y}\n        responses: {default: {statusCode: '200'}}\n",
        );
        let r = api(
            "http_proxy",
            "        requestParameters: {integration.request.header.x: method.request.querystring.z}\n",
        );
        let got = messages(&b, &r);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("integration-request-parameter-source-changed"), "{got:?}");
    }

    /// A mapping that stops reading the caller's input for a static value is the caller's value
    /// lost (warn); a static value that becomes a caller input changes the backend only (info);
    /// a header name in another case is the same mapping.
    #[test]
    fn request_parameter_levels_follow_the_caller_input() {
        let map =
            |v: &str| api("aws", &format!("        requestParameters: {{integration.request.header.x: \"{v}\"}}\n"));
        let id = |b: &str, r: &str| diff(&map(b), &map(r)).iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(id("method.request.querystring.y", "'fixed'"), ["integration-request-parameter-removed"]);
        assert_eq!(id("'fixed'", "method.request.querystring.y"), ["integration-request-parameter-changed"]);
        assert_eq!(id("method.request.header.X-Y", "method.request.header.x-y"), Vec::<&str>::new());
        assert_eq!(
            id("method.request.querystring.y", "method.request.querystring.Y"),
            ["integration-request-parameter-source-changed"]
        );
    }

    #[test]
    fn caller_inputs_of_both_api_types() {
        let t = |s: &str| caller_input(&Text::Str(s.into()));
        assert_eq!(t("method.request.querystring.petId").as_deref(), Some("querystring.petId"));
        assert_eq!(t("method.request.header.X-Tenant"), t("method.request.header.x-tenant"));
        assert_eq!(t("method.request.body.user.id").as_deref(), Some("body.user.id"));
        assert_eq!(t("method.request.body").as_deref(), Some("body"));
        assert_eq!(t("$request.header.Auth").as_deref(), Some("header.auth"));
        assert_eq!(t("route.request.querystring.room").as_deref(), Some("querystring.room"));
        assert_eq!(t("'static'"), None);
        assert_eq!(t("context.requestId"), None);
        assert_eq!(t("stageVariables.host"), None);
    }

    /// GET /a of an API of `api_type` whose Lambda proxy integration has these response mappings
    /// (YAML lines under `responseParameters:`).
    fn mapped(api_type: crate::ir::ApiType, mappings: &str) -> crate::ir::Api {
        crate::load::test_api(
            &format!(
                "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri: arn:aws:lambda:us-east-1:123456789012:function:f\n        payloadFormatVersion: '2.0'\n        responseParameters:\n{mappings}"
            ),
            Some(api_type),
        )
    }

    fn http_ids(base: &str, revision: &str) -> Vec<&'static str> {
        let http = crate::ir::ApiType::Http;
        diff(&mapped(http, base), &mapped(http, revision)).iter().map(|c| c.id).collect()
    }

    /// Each header a client gets for a backend status code: gone (its mapping removed, or a
    /// `remove:` added) is breaking, another value a warning, a new one information; the status
    /// code `overwrite:statuscode` gives, added, removed or changed, is breaking.
    #[test]
    fn http_response_mappings_by_what_clients_get() {
        let set = "          '200': {overwrite:header.Location: $response.body.url}\n";
        let none = "          '200': {}\n";
        let removes = "          '200': {remove:header.Location: \"''\"}\n";
        assert_eq!(http_ids(set, none), ["response-mapping-header-removed"]);
        assert_eq!(http_ids(none, removes), ["response-mapping-header-removed"]);
        assert_eq!(http_ids(set, removes), ["response-mapping-header-removed"]);
        assert_eq!(http_ids(none, set), ["response-mapping-header-added"]);
        assert_eq!(http_ids(removes, none), ["response-mapping-header-added"]);
        assert_eq!(http_ids(removes, set), ["response-mapping-header-added"]);
        // Appending where it overwrote: the client may now get the backend's value too.
        assert_eq!(
            http_ids(set, "          '200': {append:header.Location: $response.body.url}\n"),
            ["response-mapping-header-changed"]
        );
        assert_eq!(
            http_ids(set, "          '200': {overwrite:header.Location: $response.header.Location}\n"),
            ["response-mapping-header-changed"]
        );
        // Header names, actions and locations are read without case; YAML quoting is no change.
        assert_eq!(
            http_ids(set, "          '200': {Overwrite:Header.location: '$response.body.url'}\n"),
            Vec::<&str>::new()
        );
        // A whole status code's mappings gone: each header and the status code it gave.
        let both = "          '404': {overwrite:statuscode: '410', append:header.X-Gone: 'true'}\n";
        let mut gone = http_ids(both, none);
        gone.sort();
        assert_eq!(gone, ["response-mapping-header-removed", "response-mapping-status-changed"]);
        assert_eq!(http_ids(none, both).iter().filter(|i| **i == "response-mapping-status-changed").count(), 1);
        assert_eq!(
            http_ids(both, "          '404': {overwrite:statuscode: '404', append:header.X-Gone: 'true'}\n"),
            ["response-mapping-status-changed"]
        );
        // The same mappings under another status code are other responses.
        let mut moved = http_ids(set, "          '201': {overwrite:header.Location: $response.body.url}\n");
        moved.sort();
        assert_eq!(moved, ["response-mapping-header-added", "response-mapping-header-removed"]);
    }

    /// A REST import ignores `responseParameters` on the integration itself (REST maps responses
    /// under `responses`): nothing to compare.
    #[test]
    fn rest_apis_have_no_integration_response_mappings() {
        let rest = crate::ir::ApiType::Rest;
        let (b, r) = (
            mapped(rest, "          '200': {overwrite:header.Location: $response.body.url}\n"),
            mapped(rest, "          '200': {}\n"),
        );
        assert_eq!(diff(&b, &r), []);
    }

    /// CloudFormation's form, which a document may carry (`{"ResponseParameters": [{Destination,
    /// Source}]}`), is read as the OpenAPI form is, each mapping located at its list entry.
    #[test]
    fn cloudformation_form_in_a_document() {
        let cfn = "          '200':\n            ResponseParameters:\n              - {Destination: overwrite:header.Location, Source: $response.body.url}\n";
        let api = mapped(crate::ir::ApiType::Http, cfn);
        let op = &api.paths[0].operations[0];
        let i = op.integration.as_ref().unwrap();
        let m = &i.response_parameters["200"].parameters["overwrite:header.Location"];
        assert_eq!(m.value.as_str(), Some("$response.body.url"));
        assert!(m.loc.ptr.as_str().ends_with("/responseParameters/200/ResponseParameters/0"), "{:?}", m.loc);
        assert_eq!(
            http_ids(cfn, "          '200': {overwrite:header.Location: $response.body.url}\n"),
            Vec::<&str>::new()
        );
        assert_eq!(http_ids(cfn, "          '200': {}\n"), ["response-mapping-header-removed"]);
    }
}
