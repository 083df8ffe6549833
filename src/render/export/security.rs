//! Security schemes: Swagger 2.0 `securityDefinitions` to OpenAPI 3.0 `securitySchemes` and back.

use serde_json::Value;

use crate::source::Pointer;

use super::{Cx, Obj};

impl Cx {
    pub(super) fn sw2_security_scheme(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        let mut flow = Obj::new();
        for (k, v) in m {
            match (kind, k.as_str()) {
                ("basic", "type") => {
                    out.insert("type".into(), "http".into());
                    out.insert("scheme".into(), "basic".into());
                }
                ("oauth2", "flow") => {
                    out.entry("flows").or_insert(Value::Null);
                }
                ("oauth2", "authorizationUrl" | "tokenUrl" | "scopes") => {
                    out.entry("flows").or_insert(Value::Null);
                    flow.insert(k.clone(), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if kind == "oauth2" {
            let name = match m.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    self.warn(
                        &at.push("flow"),
                        format!("OAuth2 flow {other:?} has no OpenAPI 3.0 equivalent; exported as `implicit`"),
                        "use one of implicit, password, application, accessCode",
                    );
                    "implicit"
                }
            };
            flow.entry("scopes").or_insert(Value::Object(Obj::new()));
            let mut flows = Obj::new();
            flows.insert(name.into(), Value::Object(flow));
            out.insert("flows".into(), Value::Object(flows));
        }
        Value::Object(out)
    }

    pub(super) fn oas3_security_scheme(&mut self, v: &Value, at: &Pointer) -> Value {
        let Value::Object(m) = v else { return v.clone() };
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("");
        let scheme = m.get("scheme").and_then(Value::as_str).unwrap_or("");
        let mut out = Obj::new();
        for (k, v) in m {
            match (kind, k.as_str()) {
                ("http", "type") if scheme.eq_ignore_ascii_case("basic") => {
                    out.insert("type".into(), "basic".into());
                }
                ("http", "scheme") => {}
                ("http" | "openIdConnect", "type") => {
                    self.warn(
                        at,
                        format!(
                            "a `{}` security scheme cannot be expressed in Swagger 2.0; exported as an `Authorization` header API key",
                            if kind == "http" { format!("http {scheme}") } else { kind.to_string() }
                        ),
                        "Swagger 2.0 has basic, apiKey and oauth2 schemes",
                    );
                    out.insert("type".into(), "apiKey".into());
                    out.insert("name".into(), "Authorization".into());
                    out.insert("in".into(), "header".into());
                }
                ("http", "bearerFormat") | ("openIdConnect", "openIdConnectUrl") => {}
                ("oauth2", "flows") => {
                    let Some(flows) = v.as_object() else { continue };
                    if flows.len() > 1 {
                        self.warn(
                            &at.push("flows"),
                            "Swagger 2.0 has one flow per OAuth2 scheme: only the first is exported",
                            "declare one scheme per flow",
                        );
                    }
                    if let Some((name, flow)) = flows.iter().next() {
                        let flow_name = match name.as_str() {
                            "clientCredentials" => "application",
                            "authorizationCode" => "accessCode",
                            other => other,
                        };
                        out.insert("flow".into(), Value::String(flow_name.into()));
                        for (fk, fv) in flow.as_object().into_iter().flatten() {
                            if fk == "refreshUrl" {
                                self.warn(
                                    &at.push("flows").push(name).push(fk),
                                    "`refreshUrl` cannot be expressed in Swagger 2.0",
                                    "",
                                );
                            } else {
                                out.insert(fk.clone(), fv.clone());
                            }
                        }
                    }
                }
                ("apiKey", "in") if v == "cookie" => {
                    self.warn(
                        &at.push("in"),
                        "cookie API keys cannot be expressed in Swagger 2.0; exported as a header",
                        "",
                    );
                    out.insert("in".into(), "header".into());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(out)
    }
}
