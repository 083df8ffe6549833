//! WebSocket APIs (both sides templates): the route selection expression, routes by route key,
//! each kept route's authorization, API key flag and whether it answers (two-way).

use indexmap::IndexMap;

use super::mapping::{caller_input, normalized, param_key};
use super::{root, Cx};
use crate::ir::{Api, Placed, Route, Text, WebSocketApi, WsAuthorization, WsIntegration, WsIntegrationResponse};
use crate::source::Loc;

pub fn websocket(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    match (&base.websocket, &rev.websocket) {
        (Some(wb), Some(wr)) => compare(cx, wb, wr),
        (Some(_), None) => {
            cx.add("api-type-changed", root(), root(), format!("the WebSocket API became {}", kind(rev)))
        }
        (None, Some(_)) => {
            cx.add("api-type-changed", root(), root(), format!("the {} became a WebSocket API", kind(base)))
        }
        (None, None) => {}
    }
}

fn kind(api: &Api) -> String {
    format!("{} API", api.api_type.label())
}

fn show(t: Option<&Text>) -> String {
    t.map_or("none".to_string(), Text::display)
}

fn compare(cx: &mut Cx, wb: &WebSocketApi, wr: &WebSocketApi) {
    let (sb, sr) = (&wb.route_selection_expression, &wr.route_selection_expression);
    if sb.as_ref().map(|s| s.value.display()) != sr.as_ref().map(|s| s.value.display()) {
        let at = |w: &WebSocketApi, s: &Option<crate::ir::Placed<Text>>| {
            s.as_ref().map_or_else(|| w.loc.clone(), |s| s.loc.clone())
        };
        cx.add(
            "websocket-route-selection-changed",
            at(wb, sb),
            at(wr, sr),
            format!(
                "the route selection expression {} became {}",
                show(sb.as_ref().map(|s| &s.value)),
                show(sr.as_ref().map(|s| &s.value))
            ),
        );
    }
    let key = |r: &Route| r.key.value.display();
    let routes_at = |w: &WebSocketApi| w.routes.first().map_or_else(|| w.loc.clone(), |r| r.loc.clone());
    // (base, revision, the first route's name, the first route's that answers on both sides).
    let mut compared: Vec<(&WsIntegration, &WsIntegration, String, Option<String>)> = Vec::new();
    for rb in &wb.routes {
        let Some(rr) = wr.routes.iter().find(|r| key(r) == key(rb)) else {
            let k = key(rb);
            match k.as_str() {
                "$connect" => cx.add(
                    "websocket-connect-route-removed",
                    rb.loc.clone(),
                    routes_at(wr),
                    "route $connect was removed: connections are accepted without its integration and authorization"
                        .into(),
                ),
                // Nothing a client sees: the backend is no longer told of disconnections.
                "$disconnect" => {}
                _ => {
                    let then = if k != "$default" && wr.route("$default").is_some() {
                        "now go to $default"
                    } else {
                        "now match no route"
                    };
                    cx.add(
                        "websocket-route-removed",
                        rb.loc.clone(),
                        routes_at(wr),
                        format!("route {k} was removed: messages for it {then}"),
                    );
                }
            }
            continue;
        };
        route(cx, rb, rr);
        route_response(cx, wb, wr, rb, rr);
        // An integration several routes share is compared once, named after the first of them;
        // its integration responses only when a route that uses it answers on both sides (API
        // Gateway passes the backend's response on only through a route response).
        if let (Some(ib), Some(ir)) = (wb.integration_of(rb), wr.integration_of(rr)) {
            let name = format!("route {}", key(rb));
            let answers = (rb.is_two_way() && rr.is_two_way()).then(|| name.clone());
            match compared.iter_mut().find(|e| e.0.id == ib.id && e.1.id == ir.id) {
                Some(entry) => entry.3 = entry.3.take().or(answers),
                None => compared.push((ib, ir, name, answers)),
            }
        }
    }
    for (ib, ir, name, answering) in compared {
        integration(cx, &name, ib, ir);
        if let Some(answering) = answering {
            integration_responses(cx, &answering, ib, ir);
        }
    }
    for rr in &wr.routes {
        if !wb.routes.iter().any(|r| key(r) == key(rr)) {
            cx.add("websocket-route-added", routes_at(wb), rr.loc.clone(), format!("route {} was added", key(rr)));
        }
    }
}

/// The entry of `map` for `key`, else one whose key is the same once normalized by `norm`.
fn lookup<'m>(
    map: &'m IndexMap<String, Placed<Text>>,
    key: &str,
    norm: fn(&str) -> String,
) -> Option<(&'m String, &'m Placed<Text>)> {
    map.get_key_value(key).or_else(|| map.iter().find(|(k, _)| norm(k) == norm(key)))
}

/// A kept route's integration: its request parameters (any type) and, for non-proxy
/// integrations, its request templates by template selection key, with the levels REST
/// integrations get (see [`super::mapping`]).
fn integration(cx: &mut Cx, name: &str, ib: &WsIntegration, ir: &WsIntegration) {
    for (key, vb) in &ib.request_parameters {
        let from_b = caller_input(&vb.value);
        let Some((_, vr)) = lookup(&ir.request_parameters, key, param_key) else {
            let (id, text) = match &from_b {
                Some(_) => (
                    "integration-request-parameter-removed",
                    format!("{name}: `{key}` no longer passes `{}` to the backend", vb.value.display()),
                ),
                None => (
                    "integration-request-parameter-changed",
                    format!("{name}: `{key}` (`{}`) is no longer sent to the backend", vb.value.display()),
                ),
            };
            cx.add(id, vb.loc.clone(), ir.loc.clone(), text);
            continue;
        };
        if normalized(&vb.value) == normalized(&vr.value) {
            continue;
        }
        let id = match (&from_b, &caller_input(&vr.value)) {
            (Some(b), Some(r)) if b == r => continue,
            (Some(_), Some(_)) => "integration-request-parameter-source-changed",
            (Some(_), None) => "integration-request-parameter-removed",
            _ => "integration-request-parameter-changed",
        };
        let text = format!("{name}: `{key}` was `{}`, now `{}`", vb.value.display(), vr.value.display());
        cx.add(id, vb.loc.clone(), vr.loc.clone(), text);
    }
    let mapped = |i: &WsIntegration| i.kind().is_some_and(|k| !k.is_proxy());
    if !(mapped(ib) && mapped(ir)) {
        return;
    }
    let unmatched = unmatched(ir);
    let (b, r) = ((&ib.loc, &ib.template_selection_expression), (&ir.loc, &ir.template_selection_expression));
    let selection = format!("{name}: the request template selection expression");
    let then = format!(": a message may be mapped by another template; for one that selects none, {unmatched}");
    expression(cx, "integration-request-template-selection-changed", &selection, b, r, &then);
    let ids = ["integration-request-template-removed", "integration-request-template-changed"];
    templates(cx, ids, &ib.request_templates, &ir.request_templates, &ir.loc, |key, removed| {
        let what = format!("{name}: the request template for selection key `{key}`");
        if removed {
            format!("{what} was removed: {unmatched}")
        } else {
            format!("{what} changed")
        }
    });
}

/// Templates by selection key, base against revision: each one removed (located in the revision
/// at `gone_at`) or changed, reported under `ids` (removed, changed) with the message `say` gives
/// for its key (and whether it was removed).
fn templates(
    cx: &mut Cx,
    [removed, changed]: [&'static str; 2],
    base: &IndexMap<String, Placed<Text>>,
    revision: &IndexMap<String, Placed<Text>>,
    gone_at: &Loc,
    say: impl Fn(&str, bool) -> String,
) {
    for (key, tb) in base {
        match revision.get(key) {
            None => cx.add(removed, tb.loc.clone(), gone_at.clone(), say(key, true)),
            Some(tr) if normalized(&tb.value) != normalized(&tr.value) => {
                cx.add(changed, tb.loc.clone(), tr.loc.clone(), say(key, false))
            }
            Some(_) => {}
        }
    }
}

/// What API Gateway does with a message for which the integration `i` has no request template
/// (`PassthroughBehavior`).
fn unmatched(i: &WsIntegration) -> &'static str {
    match i.passthrough_behavior.as_ref().and_then(|p| p.value.as_str()).map(str::to_ascii_uppercase).as_deref() {
        Some("NEVER") => "API Gateway refuses the message (NEVER)",
        Some("WHEN_NO_TEMPLATES") if !i.request_templates.is_empty() => {
            "API Gateway refuses the message (WHEN_NO_TEMPLATES with other templates)"
        }
        _ => "the message reaches the backend unmapped (passthrough)",
    }
}

/// A selection expression on both sides (each with the node that holds it, where it is absent):
/// reported as `id` when it differs beyond trailing spaces, as "`what` X became Y`then`".
fn expression(
    cx: &mut Cx,
    id: &'static str,
    what: &str,
    (lb, sb): (&Loc, &Option<Placed<Text>>),
    (lr, sr): (&Loc, &Option<Placed<Text>>),
    then: &str,
) {
    if sb.as_ref().map(|s| normalized(&s.value)) == sr.as_ref().map(|s| normalized(&s.value)) {
        return;
    }
    let at = |l: &Loc, s: &Option<Placed<Text>>| s.as_ref().map_or_else(|| l.clone(), |s| s.loc.clone());
    let text =
        format!("{what} {} became {}{then}", show(sb.as_ref().map(|s| &s.value)), show(sr.as_ref().map(|s| &s.value)));
    cx.add(id, at(lb, sb), at(lr, sr), text);
}

/// A kept non-proxy integration's responses, by integration response key (`$default`, `/4\d\d/`),
/// for a route that answers: which template builds the client's reply (the template selection
/// expression), and each template by selection key.
fn integration_responses(cx: &mut Cx, name: &str, ib: &WsIntegration, ir: &WsIntegration) {
    let mapped = |i: &WsIntegration| i.kind().is_some_and(|k| !k.is_proxy());
    if !(mapped(ib) && mapped(ir)) {
        return;
    }
    let key = |r: &WsIntegrationResponse| r.key.value.display();
    for rb in &ib.responses {
        let what = format!("{name}: integration response `{}`", key(rb));
        let Some(rr) = ir.responses.iter().find(|r| key(r) == key(rb)) else {
            if rb.response_templates.is_empty() {
                // It passed the backend's response through: what it matched is now answered by
                // `$default`, or has no output mapping.
                let after = if key(rb) != "$default" && ir.responses.iter().any(|r| key(r) == "$default") {
                    "`$default` builds their reply"
                } else {
                    "API Gateway finds no output mapping for them"
                };
                cx.add(
                    "integration-response-removed",
                    rb.loc.clone(),
                    ir.loc.clone(),
                    format!(
                        "{what} was removed: the backend responses it matched were passed to the client; now {after}"
                    ),
                );
            }
            // Gone with the integration response: its templates no longer build the reply.
            for (selection, tb) in &rb.response_templates {
                cx.add(
                    "integration-response-template-removed",
                    tb.loc.clone(),
                    ir.loc.clone(),
                    format!("{what} was removed, with its template for selection key `{selection}`: the reply is no longer built by it"),
                );
            }
            continue;
        };
        let (b, r) = ((&rb.loc, &rb.template_selection_expression), (&rr.loc, &rr.template_selection_expression));
        let selection = format!("{what}: the template selection expression");
        expression(cx, "integration-response-template-selection-changed", &selection, b, r, "");
        let ids = ["integration-response-template-removed", "integration-response-template-changed"];
        templates(cx, ids, &rb.response_templates, &rr.response_templates, &rr.loc, |selection, removed| {
            let how = if removed {
                "was removed: the reply is no longer built by it"
            } else {
                "changed: the reply is built differently"
            };
            format!("{what}: the template for selection key `{selection}` {how}")
        });
    }
    // A key the base did not have: the backend responses it matches are now answered through it.
    let has_default = |i: &WsIntegration| i.responses.iter().any(|r| key(r) == "$default");
    let before = if has_default(ib) { "`$default`" } else { "none: API Gateway found no output mapping for them" };
    let at_b = ib.responses.first().map_or_else(|| ib.loc.clone(), |r| r.loc.clone());
    for rr in &ir.responses {
        if ib.responses.iter().any(|r| key(r) == key(rr)) {
            continue;
        }
        let k = key(rr);
        let matched = if k == "$default" {
            "backend responses no other key matches".to_string()
        } else {
            format!("backend responses matching `{k}`")
        };
        let before = if k == "$default" { "none: API Gateway found no output mapping for them" } else { before };
        cx.add(
            "integration-response-added",
            at_b.clone(),
            rr.loc.clone(),
            format!("{name}: integration response `{k}` was added: {matched} now get the reply it builds (before: {before})"),
        );
    }
}

/// The route response of a route that answers on both sides (API Gateway takes only `$default`
/// as a route response key, so a route has one; its removal is `websocket-route-became-one-way`):
/// the models it declares for the reply, by selection key, and the model selection expression.
/// A model is compared by name and by the schema the API's Model of that name holds.
fn route_response(cx: &mut Cx, wb: &WebSocketApi, wr: &WebSocketApi, rb: &Route, rr: &Route) {
    let (Some(pb), Some(pr)) = (rb.responses.first(), rr.responses.first()) else { return };
    let name = format!("route {}", rb.key.value.display());
    let (b, r) = ((&pb.loc, &pb.model_selection_expression), (&pr.loc, &pr.model_selection_expression));
    let selection = format!("{name}: the route response's model selection expression");
    expression(cx, "websocket-route-response-model-changed", &selection, b, r, "");
    let schema = |w: &'_ WebSocketApi, model: &Text| -> Option<serde_json::Value> {
        let model = model.as_str()?;
        w.models.values().find(|m| m.name.as_ref().and_then(Text::as_str) == Some(model))?.schema.clone()
    };
    for (selection, mb) in &pb.response_models {
        let text = match pr.response_models.get(selection) {
            None => format!(
                "{name}: the route response no longer declares a model for `{selection}` (was `{}`)",
                mb.value.display()
            ),
            Some(mr) if normalized(&mb.value) != normalized(&mr.value) => format!(
                "{name}: the route response's model for `{selection}` was `{}`, now `{}`",
                mb.value.display(),
                mr.value.display()
            ),
            Some(mr) if schema(wb, &mb.value) != schema(wr, &mr.value) => {
                format!("{name}: the route response's model `{}` has another schema", mb.value.display())
            }
            Some(_) => continue,
        };
        let at_r = pr.response_models.get(selection).map_or_else(|| pr.loc.clone(), |m| m.loc.clone());
        cx.add("websocket-route-response-model-changed", mb.loc.clone(), at_r, text);
    }
}

/// A route's authorization as API Gateway applies it (NONE when absent), with the authorizer's
/// logical id for CUSTOM.
fn auth(r: &Route) -> (WsAuthorization, Option<String>) {
    let kind = r.authorization.as_ref().map_or(WsAuthorization::None, |a| a.value);
    let authorizer =
        (kind == WsAuthorization::Custom).then(|| r.authorizer.as_ref().map(|a| a.value.clone())).flatten();
    (kind, authorizer)
}

fn describe((kind, authorizer): &(WsAuthorization, Option<String>)) -> String {
    match kind {
        WsAuthorization::None => "NONE".into(),
        WsAuthorization::AwsIam => "AWS_IAM".into(),
        WsAuthorization::Custom => format!("CUSTOM `{}`", authorizer.as_deref().unwrap_or("?")),
        WsAuthorization::Other => "an unsupported type".into(),
    }
}

fn auth_loc(r: &Route) -> Loc {
    r.authorization.as_ref().map_or_else(|| r.loc.clone(), |a| a.loc.clone())
}

fn route(cx: &mut Cx, rb: &Route, rr: &Route) {
    let name = format!("route {}", rb.key.value.display());
    let (ab, ar) = (auth(rb), auth(rr));
    let (lb, lr) = (auth_loc(rb), auth_loc(rr));
    let text = |what: &str| format!("{name}: authorization {what}: {} became {}", describe(&ab), describe(&ar));
    match (ab.0, ar.0) {
        (WsAuthorization::None, WsAuthorization::None) => {}
        (WsAuthorization::None, _) => cx.add("authorization-added", lb.clone(), lr.clone(), text("added")),
        (_, WsAuthorization::None) => cx.add("authorization-removed", lb.clone(), lr.clone(), text("removed")),
        _ if ab != ar => cx.add("authorization-changed", lb.clone(), lr.clone(), text("changed")),
        _ => {}
    }
    let key_required = |r: &Route| r.api_key_required.as_ref().is_some_and(|k| k.value);
    let key_loc = |r: &Route| r.api_key_required.as_ref().map_or_else(|| r.loc.clone(), |k| k.loc.clone());
    match (key_required(rb), key_required(rr)) {
        (false, true) => {
            cx.add("api-key-required", key_loc(rb), key_loc(rr), format!("{name}: an API key is now required"))
        }
        (true, false) => cx.add(
            "api-key-no-longer-required",
            key_loc(rb),
            key_loc(rr),
            format!("{name}: an API key is no longer required"),
        ),
        _ => {}
    }
    if rb.is_two_way() && !rr.is_two_way() {
        let at = rb.responses.first().map_or_else(|| rb.loc.clone(), |r| r.loc.clone());
        cx.add(
            "websocket-route-became-one-way",
            at,
            rr.loc.clone(),
            format!("{name}: no route response any more: clients get no reply to its messages"),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::diff::diff;

    /// The `websocket-route-removed` base (a `$connect` route with a CUSTOM authorizer), with
    /// `from` replaced by `to`, written where the loader reads it.
    fn variant(name: &str, from: &str, to: &str) -> PathBuf {
        variant_of("websocket-route-removed", name, &[(from, to)])
    }

    /// The base of fixture `id`, with each (from, to) of `edits` applied, written where the
    /// loader reads it.
    fn variant_of(id: &str, name: &str, edits: &[(&str, &str)]) -> PathBuf {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("specs/diff/{id}/base.yaml"));
        let mut text = std::fs::read_to_string(&base).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replace(from, to);
        }
        // Each call its own files: the tests run in parallel.
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("gwgen-diff-ws-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, text).unwrap();
        path
    }

    /// [`variant`], loaded (its file removed again).
    fn load_variant(from: &str, to: &str) -> crate::ir::Api {
        let path = variant("api", from, to);
        let api = crate::load::load(&path, &crate::load::Options::default()).unwrap();
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        api
    }

    fn ids(from: &str, to: &str) -> Vec<&'static str> {
        let (b, r) = (load_variant(from, from), load_variant(from, to));
        diff(&b, &r).iter().map(|c| c.id).collect()
    }

    /// A WebSocket API authorizes on `$connect` only: its route's authorization and API key flag
    /// are compared as a REST method's are.
    #[test]
    fn connect_authorization_and_api_keys() {
        let custom = "      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Auth\n";
        assert_eq!(ids(custom, ""), ["authorization-removed"]);
        assert_eq!(ids(custom, "      AuthorizationType: AWS_IAM\n"), ["authorization-changed"]);
        assert_eq!(ids(custom, &format!("{custom}      ApiKeyRequired: true\n")), ["api-key-required"]);
        // The same authorizer written another way is no change.
        assert_eq!(ids(custom, "      AuthorizerId: !Ref Auth\n      AuthorizationType: custom\n"), Vec::<&str>::new());
    }

    /// A kept route's non-proxy integration: its request parameters and templates by selection
    /// key, with the levels of a REST integration's.
    #[test]
    fn integration_mappings_of_routes() {
        let proxy = "      IntegrationType: AWS_PROXY\n";
        let aws = |template: &str, param: &str| {
            format!(
                "      IntegrationType: AWS\n      PassthroughBehavior: NEVER\n      RequestTemplates:\n        $default: '{template}'\n        other: '{{}}'\n      RequestParameters:\n        integration.request.header.X-Room: {param}\n"
            )
        };
        let base = aws("{\"a\": 1}", "route.request.querystring.room");
        assert_eq!(
            ids(proxy, &base),
            Vec::<&str>::new(),
            "AWS_PROXY to AWS is integration-type-changed's, not compared here"
        );
        let with = |to: &str| {
            let (b, r) = (load_variant(proxy, &base), load_variant(proxy, to));
            diff(&b, &r).iter().map(|c| c.id).collect::<Vec<_>>()
        };
        assert_eq!(with(&base), Vec::<&str>::new());
        assert_eq!(
            with(&aws("{\"a\": 2}", "route.request.querystring.room")),
            ["integration-request-template-changed"]
        );
        assert_eq!(
            with(&aws("{\"a\": 1}", "route.request.header.Room")),
            ["integration-request-parameter-source-changed"]
        );
        assert_eq!(with(&base.replace("        other: '{}'\n", "")), ["integration-request-template-removed"]);
    }

    /// The `websocket-route-response-model-changed` base (a `send` route that answers, with a
    /// route response model `Sent`, and an AWS integration with an integration response), with
    /// each (from, to) of `edits` applied, loaded.
    fn answering(edits: &[(&str, &str)]) -> crate::ir::Api {
        let path = variant_of("websocket-route-response-model-changed", "api", edits);
        let api = crate::load::load(&path, &crate::load::Options::default()).unwrap();
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        api
    }

    /// The changes, in id order, between the base with `base` edits and with `revision` edits.
    fn answering_ids(base: &[(&str, &str)], revision: &[(&str, &str)]) -> Vec<&'static str> {
        let mut ids: Vec<&str> = diff(&answering(base), &answering(revision)).iter().map(|c| c.id).collect();
        ids.sort();
        ids
    }

    /// A two-way route's route response: the model it names for the reply, that model's schema and
    /// the model selection expression are compared; a schema written another way is no change,
    /// and a route that stops answering is `websocket-route-became-one-way` alone.
    #[test]
    fn route_response_models() {
        let changed = ["websocket-route-response-model-changed"];
        assert_eq!(answering_ids(&[], &[("        $default: Sent\n", "        $default: Message\n")]), changed);
        assert_eq!(answering_ids(&[], &[("      ResponseModels:\n        $default: Sent\n", "")]), changed);
        let selection =
            ("      ModelSelectionExpression: \\$default\n", "      ModelSelectionExpression: $request.body.kind\n");
        assert_eq!(answering_ids(&[], &[selection]), changed);
        let reformatted = ("          sent: {type: string}\n", "          sent:\n            type: string\n");
        assert_eq!(answering_ids(&[], &[reformatted]), Vec::<&str>::new());
        // The route response moved to the one-way `$default` route: `send` no longer answers.
        let moved = ("      RouteId: !Ref Send\n", "      RouteId: !Ref Default\n");
        let schema = ("          sent: {type: string}\n", "          sent: {type: integer}\n");
        assert_eq!(answering_ids(&[], &[moved, schema]), ["websocket-route-became-one-way"]);
    }

    /// The integration responses of a non-proxy integration behind a route that answers: each
    /// template by selection key (removed breaking, changed a warning) and the template selection
    /// expression; a proxy integration, or a route that no longer answers, compares none of them.
    #[test]
    fn integration_responses_of_routes_that_answer() {
        let template = "        $default: '{\"sent\": $input.json(''$.id'')}'\n";
        let changed = (template, "        $default: '{\"sent\": $input.json(''$.messageId'')}'\n");
        assert_eq!(answering_ids(&[], &[changed]), ["integration-response-template-changed"]);
        let removed = (template, "        other: '{\"sent\": $input.json(''$.id'')}'\n");
        assert_eq!(answering_ids(&[], &[removed]), ["integration-response-template-removed"]);
        // The integration response gone (here, keyed for another backend outcome) takes its
        // templates with it.
        let rekeyed = ("      IntegrationResponseKey: $default\n", "      IntegrationResponseKey: /4\\d\\d/\n");
        assert_eq!(
            answering_ids(&[], &[rekeyed]),
            ["integration-response-added", "integration-response-template-removed"]
        );
        let moved = ("      RouteId: !Ref Send\n", "      RouteId: !Ref Default\n");
        assert_eq!(answering_ids(&[], &[moved, removed]), ["websocket-route-became-one-way"]);
        let proxy = ("      IntegrationType: AWS\n", "      IntegrationType: AWS_PROXY\n");
        assert_eq!(answering_ids(&[proxy], &[proxy, removed]), Vec::<&str>::new());
    }

    /// The messages of the changes between the base with `base` edits and with `revision` edits.
    fn answering_messages(base: &[(&str, &str)], revision: &[(&str, &str)]) -> Vec<String> {
        diff(&answering(base), &answering(revision)).iter().map(|c| format!("{} {}", c.id, c.message)).collect()
    }

    /// A new integration response key behind a route that answers: the backend responses it
    /// matches were answered through `$default`, or, with no `$default`, had no output mapping
    /// (the developer guide's integration responses page: a key is a `/regex/`, `$default` the
    /// catch-all). Only where a route answers, and not for a proxy integration (no integration
    /// responses are applied).
    #[test]
    fn integration_response_keys_added() {
        let second = "  Errors:\n    Type: AWS::ApiGatewayV2::IntegrationResponse\n    Properties:\n      ApiId: !Ref Chat\n      IntegrationId: !Ref Backend\n      IntegrationResponseKey: /4\\d\\d/\n      ResponseTemplates:\n        $default: '{\"error\": true}'\n  Default:\n";
        let add = ("  Default:\n", second);
        let got = answering_messages(&[], &[add]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("integration-response-added route send: integration response `/4\\d\\d/` was added"),
            "{got:?}"
        );
        assert!(got[0].contains("(before: `$default`)"), "{got:?}");
        // `$default` added where only a pattern was: what the pattern missed had no output mapping.
        let only_errors = ("      IntegrationResponseKey: $default\n", "      IntegrationResponseKey: /4\\d\\d/\n");
        let got = answering_messages(&[only_errors], &[]);
        assert!(
            got.iter().any(|m| m.starts_with("integration-response-added")
                && m.contains("`$default` was added")
                && m.contains("no output mapping")),
            "{got:?}"
        );
        // Removing a key is not an addition.
        assert!(!answering_ids(&[add], &[]).contains(&"integration-response-added"));
        // Removing one without templates: what it passed through now goes to `$default`.
        let bare = "  Errors:\n    Type: AWS::ApiGatewayV2::IntegrationResponse\n    Properties:\n      ApiId: !Ref Chat\n      IntegrationId: !Ref Backend\n      IntegrationResponseKey: /5\\d\\d/\n  Default:\n";
        let got = answering_messages(&[("  Default:\n", bare)], &[]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("integration-response-removed route send: integration response `/5\\d\\d/` was removed")
                && got[0].ends_with("now `$default` builds their reply"),
            "{got:?}"
        );
        let moved = ("      RouteId: !Ref Send\n", "      RouteId: !Ref Default\n");
        assert_eq!(answering_ids(&[], &[moved, add]), ["websocket-route-became-one-way"]);
        let proxy = ("      IntegrationType: AWS\n", "      IntegrationType: AWS_PROXY\n");
        assert_eq!(answering_ids(&[proxy], &[proxy, add]), Vec::<&str>::new());
    }

    /// The integration's own template selection expression, which picks the request template
    /// for each message: compared for non-proxy integrations, saying what a message that selects
    /// no template meets under the revision's `PassthroughBehavior`.
    #[test]
    fn request_template_selection() {
        let written = "      TemplateSelectionExpression: \\$default\n      RequestTemplates:\n";
        let by_version = (
            "      TemplateSelectionExpression: \\$default\n      RequestTemplates:\n",
            "      TemplateSelectionExpression: ${request.body.version}\n      RequestTemplates:\n",
        );
        assert_eq!(answering_ids(&[], &[by_version]), ["integration-request-template-selection-changed"]);
        let got = answering_messages(&[], &[by_version]);
        assert!(got[0].contains("\\$default became ${request.body.version}") && got[0].contains("unmapped"), "{got:?}");
        let never = (written, "      PassthroughBehavior: NEVER\n      TemplateSelectionExpression: ${request.body.version}\n      RequestTemplates:\n");
        let got = answering_messages(&[], &[never]);
        assert!(got.len() == 1 && got[0].contains("refuses the message (NEVER)"), "{got:?}");
        // Gone: API Gateway no longer selects by the expression.
        let gone = (written, "      RequestTemplates:\n");
        assert_eq!(answering_ids(&[], &[gone]), ["integration-request-template-selection-changed"]);
        // Trailing spaces are no change; a proxy integration applies no templates.
        let spaced = (written, "      TemplateSelectionExpression: '\\$default  '\n      RequestTemplates:\n");
        assert_eq!(answering_ids(&[], &[spaced]), Vec::<&str>::new());
        let proxy = ("      IntegrationType: AWS\n", "      IntegrationType: AWS_PROXY\n");
        assert_eq!(answering_ids(&[proxy], &[proxy, by_version]), Vec::<&str>::new());
    }

    /// An integration response's `ResponseTemplates` written as a whole-map `Fn::If` on a
    /// condition gwgen cannot evaluate (`Env` has no Default) is read through its first branch:
    /// a change there is found, one in the other branch is not.
    #[test]
    fn conditional_response_templates() {
        let conditions = (
            "Resources:\n",
            "Parameters:\n  Env: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n",
        );
        let written = "      ResponseTemplates:\n        $default: '{\"sent\": $input.json(''$.id'')}'\n";
        let conditional = |first: &str, second: &str| {
            format!("      ResponseTemplates: !If\n        - IsProd\n        - $default: '{first}'\n        - $default: '{second}'\n")
        };
        let base = conditional("{\"sent\": 1}", "{\"sent\": 2}");
        let ids = |revision: &str| answering_ids(&[conditions, (written, &base)], &[conditions, (written, revision)]);
        assert_eq!(ids(&base), Vec::<&str>::new());
        assert_eq!(ids(&conditional("{\"sent\": 3}", "{\"sent\": 2}")), ["integration-response-template-changed"]);
        assert_eq!(ids(&conditional("{\"sent\": 1}", "{\"sent\": 3}")), Vec::<&str>::new());
        let located = answering(&[conditions, (written, &base)]);
        let response = &located.websocket.as_ref().unwrap().integrations["Backend"].responses[0];
        let at = response.response_templates["$default"].loc.ptr.as_str().to_string();
        assert!(at.ends_with("/ResponseTemplates/Fn::If/1/$default"), "{at}");
    }

    /// A WebSocket API and a REST API are other API types, reported once.
    #[test]
    fn websocket_to_rest_is_an_api_type_change() {
        let ws = load_variant("x", "x");
        let rest = crate::load::test_api(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n",
            Some(crate::ir::ApiType::Rest),
        );
        let ids = |b: &crate::ir::Api, r: &crate::ir::Api| diff(b, r).iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(&ws, &rest), ["api-type-changed", "operation-added"]);
        assert_eq!(ids(&rest, &ws)[0], "api-type-changed");
        assert_eq!(ids(&rest, &ws).iter().filter(|i| **i == "api-type-changed").count(), 1);
    }
}
