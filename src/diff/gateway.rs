//! The API Gateway side of an API: its type, authorizers, endpoint, resource policy, gateway
//! responses, binary media types, CORS, and what a template deploys (stages, throttles, quotas,
//! caches, domains).

use serde_json::Value;

use super::{root, Cx};
use crate::ir::{Api, ApiKeySource, ApiType, AuthorizerType, Choice, IdentitySource, Num, SecurityScheme, Text};
use crate::source::Loc;

pub fn api_type(cx: &mut Cx) {
    let (b, r) = (cx.base.api_type, cx.rev.api_type);
    // A WebSocket API on either side: [`super::websocket`] says what it became.
    if b != r && cx.base.websocket.is_none() && cx.rev.websocket.is_none() {
        cx.add("api-type-changed", root(), root(), format!("the API type {} became {}", b.label(), r.label()));
    }
}

/// Root-level extensions and security schemes.
pub fn extensions(cx: &mut Cx) {
    authorizers(cx);
    schemes(cx);
    api_key_source(cx);
    endpoint_configuration(cx);
    policy(cx);
    binary_media_types(cx);
    gateway_responses(cx);
    cors(cx);
}

fn authorizers(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    for (name, sb) in &base.security_schemes {
        let (Some(ab), Some(sr)) = (&sb.authorizer, rev.security_schemes.get(name)) else { continue };
        let Some(ar) = &sr.authorizer else { continue };
        let kind = |c: &Option<Choice<AuthorizerType>>| c.as_ref().map_or("none".to_string(), Choice::raw_text);
        let (kb, kr) = (ab.kind.as_ref().and_then(Choice::get), ar.kind.as_ref().and_then(Choice::get));
        if kb != kr {
            cx.add(
                "authorizer-type-changed",
                ab.loc.child("type"),
                ar.loc.child("type"),
                format!("authorizer `{name}`: type {} became {}", kind(&ab.kind), kind(&ar.kind)),
            );
            continue;
        }
        if let (Some(jb), Some(jr)) = (&ab.jwt_configuration, &ar.jwt_configuration) {
            let show = |t: &Option<Text>| t.as_ref().map_or("none".to_string(), Text::display);
            let mut what = Vec::new();
            if jb.issuer != jr.issuer {
                what.push(format!("issuer {} became {}", show(&jb.issuer), show(&jr.issuer)));
            }
            let gone: Vec<String> =
                jb.audience.iter().filter(|a| !jr.audience.contains(a)).map(Text::display).collect();
            if !gone.is_empty() {
                what.push(format!("audience no longer accepts {}", gone.join(", ")));
            }
            if !what.is_empty() {
                cx.add(
                    "jwt-configuration-narrowed",
                    ab.loc.child("jwtConfiguration"),
                    ar.loc.child("jwtConfiguration"),
                    format!("authorizer `{name}`: {}", what.join("; ")),
                );
            }
        }
        let (ib, ir) = (sb.identity_sources(), sr.identity_sources());
        let contains = |list: &[IdentitySource], s: &IdentitySource| {
            list.iter().any(|x| match (x, s) {
                (IdentitySource::Header(a), IdentitySource::Header(b)) => a.eq_ignore_ascii_case(b),
                _ => x == s,
            })
        };
        let same = ib.len() == ir.len() && ib.iter().all(|s| contains(&ir, s));
        if !same {
            let show = |s: &crate::ir::SecurityScheme| s.identity_source_text().unwrap_or_else(|| "none".into());
            cx.add(
                "authorizer-identity-source-changed",
                ab.loc.clone(),
                ar.loc.clone(),
                format!("authorizer `{name}`: identity source {} became {}", show(sb), show(sr)),
            );
        }
    }
}

/// Whether any `security` requirement (the root's or an operation's) names the scheme.
fn scheme_used(api: &Api, name: &str) -> bool {
    let named = |list: &Option<Vec<crate::ir::SecurityRequirement>>| {
        list.iter().flatten().any(|r| r.schemes.contains_key(name))
    };
    named(&api.security) || api.operations().any(|(_, o)| named(&o.security))
}

/// How a caller presents a scheme's credentials: its type, an http scheme's `scheme`, where an
/// apiKey scheme is sent (`in` and `name`, the name without case for a header).
fn credentials(s: &SecurityScheme) -> String {
    let kind = s.kind.to_ascii_lowercase();
    match kind.as_str() {
        "apikey" => {
            let place = s.param_in.as_deref().unwrap_or("?").to_ascii_lowercase();
            let name = s.param_name.clone().unwrap_or_default();
            let name = if place == "header" { name.to_ascii_lowercase() } else { name };
            format!("apiKey in {place} `{name}`")
        }
        "http" => format!("http {}", s.scheme.as_deref().unwrap_or("?").to_ascii_lowercase()),
        // Swagger 2.0's `basic` is OpenAPI 3's http basic.
        "basic" => "http basic".into(),
        _ => s.kind.clone(),
    }
}

/// Security schemes without an authorizer or IAM (an API key, http, OAuth2, OpenID Connect
/// scheme the document declares) whose type or credentials changed under the same name, while
/// an operation still uses it. Authorizers are [`authorizers`]'s.
fn schemes(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let plain = |s: &SecurityScheme| s.authorizer.is_none() && !s.is_iam();
    for (name, sb) in &base.security_schemes {
        let Some(sr) = rev.security_schemes.get(name) else { continue };
        if !plain(sb) || !plain(sr) || !scheme_used(rev, name) {
            continue;
        }
        let (cb, cr) = (credentials(sb), credentials(sr));
        if cb != cr {
            cx.add(
                "security-scheme-changed",
                sb.loc.clone(),
                sr.loc.clone(),
                format!("security scheme `{name}`: callers presented {cb}, now {cr}"),
            );
        }
    }
}

/// Where a REST API reads the API key of methods that require one: `HEADER` (`x-api-key`, the
/// default) or `AUTHORIZER` (the `usageIdentifierKey` a Lambda authorizer returns). Reported
/// when a method of the revision requires a key.
fn api_key_source(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    if rev.api_type != ApiType::Rest {
        return;
    }
    let source = |api: &Api| api.apigw.api_key_source.as_ref().and_then(Choice::get).unwrap_or(ApiKeySource::Header);
    let (sb, sr) = (source(base), source(rev));
    if sb == sr || !rev.operations().any(|(_, o)| rev.authorization(o).api_key) {
        return;
    }
    let at = |api: &Api| {
        if api.apigw.api_key_source.is_some() {
            root().child("x-amazon-apigateway-api-key-source")
        } else {
            root()
        }
    };
    let show = |s: ApiKeySource| match s {
        ApiKeySource::Header => "HEADER (the x-api-key header)",
        ApiKeySource::Authorizer => "AUTHORIZER (the Lambda authorizer's usageIdentifierKey)",
    };
    cx.add(
        "api-key-source-changed",
        at(base),
        at(rev),
        format!("API keys were read from {}, now from {}", show(sb), show(sr)),
    );
}

fn endpoint_configuration(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let disabled = |api: &Api| {
        api.apigw.endpoint_configuration.as_ref().and_then(|e| e.disable_execute_api_endpoint).unwrap_or(false)
    };
    let at = |api: &Api| api.apigw.endpoint_configuration.as_ref().map_or_else(root, |e| e.loc.clone());
    if !disabled(base) && disabled(rev) {
        cx.add(
            "execute-api-endpoint-disabled",
            at(base),
            at(rev),
            "the default execute-api endpoint was disabled".into(),
        );
    }
}

/// The resource policy the API gets: the template's `Policy` property, else the document's
/// `x-amazon-apigateway-policy`; as its statements, and where it is written.
fn policy_of(api: &Api) -> Option<(Vec<Value>, Loc)> {
    let (doc, loc) = match (&api.deployment.policy, &api.apigw.policy) {
        (Some(p), _) => (&p.document, p.loc.clone()),
        (None, Some(p)) => (&p.document, p.loc.clone()),
        _ => return None,
    };
    let statements = match doc.get("Statement") {
        Some(Value::Array(a)) => a.clone(),
        Some(v @ Value::Object(_)) => vec![v.clone()],
        _ => Vec::new(),
    };
    Some((statements, loc))
}

fn effect(s: &Value) -> &str {
    s.get("Effect").and_then(Value::as_str).unwrap_or("")
}

fn policy(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    match (policy_of(base), policy_of(rev)) {
        (None, Some((_, lr))) => cx.add("resource-policy-added", root(), lr, "a resource policy was added".into()),
        (Some((_, lb)), None) => {
            cx.add("resource-policy-removed", lb, root(), "the resource policy was removed".into())
        }
        (Some((sb, lb)), Some((sr, lr))) => {
            let gone: Vec<&Value> = sb.iter().filter(|s| !sr.contains(s)).collect();
            let new: Vec<&Value> = sr.iter().filter(|s| !sb.contains(s)).collect();
            let allow = |v: &[&Value]| v.iter().filter(|s| effect(s).eq_ignore_ascii_case("Allow")).count();
            let deny = |v: &[&Value]| v.iter().filter(|s| effect(s).eq_ignore_ascii_case("Deny")).count();
            // A changed statement is both gone and new: it may widen and narrow at once.
            if allow(&new) > 0 || deny(&gone) > 0 {
                let text = format!(
                    "the resource policy allows more: {} Allow statement(s) added or changed, {} Deny statement(s) removed or changed",
                    allow(&new),
                    deny(&gone)
                );
                cx.add("resource-policy-widened", lb.clone(), lr.clone(), text);
            }
            if allow(&gone) > 0 || deny(&new) > 0 {
                let text = format!(
                    "the resource policy allows less: {} Allow statement(s) removed or changed, {} Deny statement(s) added or changed",
                    allow(&gone),
                    deny(&new)
                );
                cx.add("resource-policy-narrowed", lb, lr, text);
            }
        }
        (None, None) => {}
    }
}

fn binary_media_types(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let key = |t: &Text| t.display().to_ascii_lowercase();
    let at = |api: &Api| {
        if api.apigw.binary_media_types.is_empty() {
            root()
        } else {
            root().child("x-amazon-apigateway-binary-media-types")
        }
    };
    for (i, t) in base.apigw.binary_media_types.iter().enumerate() {
        if !rev.apigw.binary_media_types.iter().any(|r| key(r) == key(t)) {
            cx.add(
                "binary-media-type-removed",
                root().child("x-amazon-apigateway-binary-media-types").index(i),
                at(rev),
                format!("binary media type `{}` was removed", t.display()),
            );
        }
    }
}

fn gateway_responses(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let at = |api: &Api| {
        if api.apigw.gateway_responses.is_empty() {
            root()
        } else {
            root().child("x-amazon-apigateway-gateway-responses")
        }
    };
    for (name, gb) in &base.apigw.gateway_responses {
        match rev.apigw.gateway_responses.get(name) {
            None => cx.add(
                "gateway-response-changed",
                gb.loc.clone(),
                at(rev),
                format!("gateway response {name} was removed (API Gateway's default applies)"),
            ),
            Some(gr) => {
                let mut what = Vec::new();
                if gb.status_code != gr.status_code {
                    let show = |s: &Option<Text>| s.as_ref().map_or("default".into(), Text::display);
                    what.push(format!("status {} became {}", show(&gb.status_code), show(&gr.status_code)));
                }
                if gb.response_parameters != gr.response_parameters {
                    what.push("its headers changed".into());
                }
                if gb.response_templates != gr.response_templates {
                    what.push("its templates changed".into());
                }
                if !what.is_empty() {
                    cx.add(
                        "gateway-response-changed",
                        gb.loc.clone(),
                        gr.loc.clone(),
                        format!("gateway response {name}: {}", what.join(", ")),
                    );
                }
            }
        }
    }
    for (name, gr) in &rev.apigw.gateway_responses {
        if !base.apigw.gateway_responses.contains_key(name) {
            cx.add("gateway-response-changed", at(base), gr.loc.clone(), format!("gateway response {name} was added"));
        }
    }
}

/// What CORS allows: origins, methods and headers (lower-cased; `*` stands for all), and where
/// it is written. From an HTTP API's `x-amazon-apigateway-cors`, or SAM's `Cors` property.
struct CorsView {
    origins: Vec<String>,
    methods: Vec<String>,
    headers: Vec<String>,
    loc: Loc,
}

fn cors_of(api: &Api) -> Option<CorsView> {
    if let Some(c) = &api.apigw.cors {
        let low = |v: &[String]| v.iter().map(|s| s.trim().to_ascii_lowercase()).collect();
        return Some(CorsView {
            origins: low(&c.allow_origins),
            methods: low(&c.allow_methods),
            headers: low(&c.allow_headers),
            loc: c.loc.clone(),
        });
    }
    let sam = api.deployment.cors.as_ref()?;
    // SAM writes the values as quoted strings (`"'*'"`), comma-separated.
    let list = |v: Option<&Value>| -> Vec<String> {
        let text = match v {
            Some(Value::String(s)) => s.clone(),
            _ => return Vec::new(),
        };
        text.trim_matches(|c| c == '\'' || c == '"')
            .split(',')
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let loc = api.deployment.stages.first().map_or_else(root, |s| s.loc.clone());
    Some(match sam {
        Value::String(_) => CorsView { origins: list(Some(sam)), methods: Vec::new(), headers: Vec::new(), loc },
        _ => CorsView {
            origins: list(sam.get("AllowOrigin")),
            methods: list(sam.get("AllowMethods")),
            headers: list(sam.get("AllowHeaders")),
            loc,
        },
    })
}

fn cors(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    let Some(cb) = cors_of(base) else { return };
    let Some(cr) = cors_of(rev) else {
        cx.add("cors-narrowed", cb.loc, root(), "CORS was removed: browsers block cross-origin calls".into());
        return;
    };
    let mut lost = Vec::new();
    for (what, b, r) in [
        ("origins", &cb.origins, &cr.origins),
        ("methods", &cb.methods, &cr.methods),
        ("headers", &cb.headers, &cr.headers),
    ] {
        if r.iter().any(|x| x == "*") {
            continue;
        }
        let gone: Vec<&String> = b.iter().filter(|x| !r.contains(x)).collect();
        if !gone.is_empty() {
            lost.push(format!("{what} {}", gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
    }
    if !lost.is_empty() {
        cx.add("cors-narrowed", cb.loc, cr.loc, format!("CORS no longer allows {}", lost.join("; ")));
    }
}

/// What a template deploys (compared only when both sides are templates: a bare document says
/// nothing about stages, throttles or domains).
pub fn deployment(cx: &mut Cx) {
    let (base, rev) = (cx.base, cx.rev);
    if base.template.is_none() || rev.template.is_none() {
        return;
    }
    let (db, dr) = (&base.deployment, &rev.deployment);
    // Endpoint type: REST defaults to EDGE, HTTP APIs are REGIONAL.
    let endpoint = |api: &Api| {
        let mut t = api.deployment.endpoint_types.clone();
        if t.is_empty() {
            t.push(if api.api_type == ApiType::Http { "REGIONAL" } else { "EDGE" }.into());
        }
        t.sort();
        t
    };
    if endpoint(base) != endpoint(rev) {
        let at = |api: &Api| api.deployment.endpoint_loc.clone().unwrap_or_else(root);
        cx.add(
            "endpoint-type-changed",
            at(base),
            at(rev),
            format!("endpoint type {} became {}", endpoint(base).join(", "), endpoint(rev).join(", ")),
        );
    }
    let num = |n: &Option<Num>| n.as_ref().and_then(|n| n.value);
    for tb in &db.throttles {
        let tr = dr.throttles.iter().find(|t| t.place == tb.place);
        let Some(tr) = tr else { continue };
        for (what, vb, vr, lb, lr) in [
            ("rate", num(&tb.rate), num(&tr.rate), &tb.rate_loc, &tr.rate_loc),
            ("burst", num(&tb.burst), num(&tr.burst), &tb.burst_loc, &tr.burst_loc),
        ] {
            let lowered = match (vb, vr) {
                (Some(x), Some(y)) => y < x,
                (None, Some(_)) => true,
                _ => false,
            };
            if lowered {
                let show = |v: Option<f64>| v.map_or("unset".to_string(), |v| v.to_string());
                cx.add(
                    "throttle-lowered",
                    lb.clone(),
                    lr.clone(),
                    format!("{}: {what} limit {} became {}", tb.place, show(vb), show(vr)),
                );
            }
        }
    }
    for tr in &dr.throttles {
        if !db.throttles.iter().any(|t| t.place == tr.place) {
            let at = db.stages.first().map_or_else(root, |s| s.loc.clone());
            cx.add("throttle-lowered", at, tr.loc.clone(), format!("{}: a throttle was added", tr.place));
        }
    }
    for qb in &db.quotas {
        let Some(qr) = dr.quotas.iter().find(|q| q.period == qb.period) else { continue };
        if let (Some(x), Some(y)) = (num(&qb.limit), num(&qr.limit)) {
            if y < x {
                let period = qb.period.as_deref().unwrap_or("period");
                cx.add(
                    "quota-lowered",
                    qb.loc.clone(),
                    qr.loc.clone(),
                    format!("usage plan quota {x} per {period} became {y}"),
                );
            }
        }
    }
    let rev_refs = rev.stage_variable_refs();
    for sb in &db.stages {
        let Some(sr) = dr.stages.iter().find(|s| s.name == sb.name) else {
            let at = dr.stages.first().map_or_else(root, |s| s.loc.clone());
            cx.add("stage-removed", sb.loc.clone(), at, format!("stage {} was removed", sb.name));
            continue;
        };
        for var in sb.variables.keys() {
            if sr.variables.contains_key(var) {
                continue;
            }
            if let Some((_, used)) = rev_refs.iter().find(|(n, _)| n == var) {
                let at = sr.variables_loc.clone().unwrap_or_else(|| sr.loc.clone());
                let vars = sb.variables_loc.clone().unwrap_or_else(|| sb.loc.clone());
                let used_at = rev.sources.get(used.file).file_pointer(&used.ptr);
                cx.add(
                    "stage-variable-removed",
                    vars.child(var),
                    at,
                    format!("stage {}: variable `{var}` was removed, but {used_at} still uses it", sb.name),
                );
            }
        }
        if sb.cache_cluster_enabled == Some(true) && sr.cache_cluster_enabled != Some(true) {
            cx.add(
                "cache-disabled",
                sb.loc.clone(),
                sr.loc.clone(),
                format!("stage {}: the cache cluster was turned off", sb.name),
            );
        }
        for mb in &sb.method_settings {
            let found = sr
                .method_settings
                .iter()
                .find(|m| m.resource_path == mb.resource_path && m.http_method == mb.http_method);
            if mb.caching_enabled == Some(true) && found.and_then(|m| m.caching_enabled) != Some(true) {
                let at = found.map_or_else(|| sr.loc.clone(), |m| m.loc.clone());
                cx.add(
                    "cache-disabled",
                    mb.loc.clone(),
                    at,
                    format!("stage {}: caching of {} {} was turned off", sb.name, mb.http_method, mb.resource_path),
                );
            }
        }
    }
    let name = |d: &crate::ir::Domain| d.name.as_ref().map_or("?".to_string(), Text::display);
    for domain in &db.domains {
        let Some(kept) = dr.domains.iter().find(|d| name(d) == name(domain)) else {
            let at = dr.domains.first().map_or_else(root, |d| d.loc.clone());
            cx.add(
                "domain-removed",
                domain.loc.clone(),
                at,
                format!("custom domain {} no longer serves the API", name(domain)),
            );
            continue;
        };
        // The domain stays, but a base path that put the API on it is gone (v1 retired beside v2).
        for bp in domain.base_paths.iter().filter(|b| !kept.base_paths.iter().any(|k| k.path == b.path)) {
            let at = kept.base_paths.first().map_or_else(|| kept.loc.clone(), |k| k.loc.clone());
            let shown = if bp.path.is_empty() { "the root".to_string() } else { format!("/{}", bp.path) };
            cx.add(
                "base-path-mapping-removed",
                bp.loc.clone(),
                at,
                format!("custom domain {}: the API is no longer mapped at {shown}", name(domain)),
            );
        }
    }
}
