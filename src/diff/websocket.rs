//! WebSocket APIs (both sides templates): the route selection expression, routes by route key,
//! each kept route's authorization, API key flag and whether it answers (two-way).

use super::{root, Cx};
use crate::ir::{Api, Route, Text, WebSocketApi, WsAuthorization};
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
    }
    for rr in &wr.routes {
        if !wb.routes.iter().any(|r| key(r) == key(rr)) {
            cx.add("websocket-route-added", routes_at(wb), rr.loc.clone(), format!("route {} was added", key(rr)));
        }
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
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/diff/websocket-route-removed/base.yaml");
        let text = std::fs::read_to_string(&base).unwrap();
        assert!(text.contains(from), "{from}");
        let dir = std::env::temp_dir().join(format!("gwgen-diff-ws-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, text.replace(from, to)).unwrap();
        path
    }

    fn ids(from: &str, to: &str) -> Vec<&'static str> {
        let load = |p: &Path| crate::load::load(p, &crate::load::Options::default()).unwrap();
        let (b, r) = (load(&variant("base", from, from)), load(&variant("rev", from, to)));
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

    /// A WebSocket API and a REST API are other API types, reported once.
    #[test]
    fn websocket_to_rest_is_an_api_type_change() {
        let ws = crate::load::load(&variant("ws", "x", "x"), &crate::load::Options::default()).unwrap();
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
