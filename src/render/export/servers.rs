//! Servers: `host`, `basePath` and `schemes` to `servers` and back.

use serde_json::Value;

use crate::source::Pointer;

use super::{strings, Cx, Obj};

impl Cx {
    /// `host`, `basePath` and `schemes` as `servers` (one per scheme); the root endpoint
    /// configuration moves into the first server, where OpenAPI 3.0 documents carry it.
    pub(super) fn sw2_servers(&mut self, root: &Obj) -> Vec<Value> {
        let base = root.get("basePath").and_then(Value::as_str).unwrap_or("");
        let mut urls = Vec::new();
        match root.get("host") {
            Some(Value::String(host)) => {
                let mut schemes = strings(root.get("schemes"));
                if schemes.is_empty() {
                    schemes.push("https".into());
                }
                for scheme in schemes {
                    urls.push(format!("{scheme}://{host}{base}"));
                }
            }
            Some(_) => {
                self.warn(
                    &Pointer::root().push("host"),
                    "`host` is not a string; the servers of the export hold the base path only",
                    "write the host name as a string",
                );
                urls.push(if base.is_empty() { "/".into() } else { base.to_string() });
            }
            None => urls.push(if base.is_empty() { "/".into() } else { base.to_string() }),
        }
        // `{` starts a server variable in OpenAPI 3.0: a base path holding one is the variable's default.
        let mut variables = None;
        if base.contains('{') {
            for url in &mut urls {
                *url = format!("{}{{basePath}}", url.strip_suffix(base).unwrap_or(url));
            }
            let mut var = Obj::new();
            var.insert("default".into(), Value::String(base.to_string()));
            let mut vars = Obj::new();
            vars.insert("basePath".into(), Value::Object(var));
            variables = Some(Value::Object(vars));
        }
        let endpoint = root.get("x-amazon-apigateway-endpoint-configuration");
        if root.get("host").is_none() && root.get("basePath").is_none() && endpoint.is_none() {
            return Vec::new();
        }
        urls.into_iter()
            .enumerate()
            .map(|(i, url)| {
                let mut s = Obj::new();
                s.insert("url".into(), Value::String(url));
                if let Some(v) = &variables {
                    s.insert("variables".into(), v.clone());
                }
                if let (0, Some(e)) = (i, endpoint) {
                    s.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
                }
                Value::Object(s)
            })
            .collect()
    }

    /// The first server as `host`, `basePath` and `schemes` (variables take their defaults).
    pub(super) fn oas3_servers(&mut self, v: &Value, at: &Pointer, out: &mut Obj) {
        let servers = match v {
            Value::Array(a) => a.clone(),
            Value::Object(_) => vec![v.clone()],
            _ => return,
        };
        let Some(first) = servers.first() else { return };
        if servers.len() > 1 {
            let others: Vec<String> =
                servers[1..].iter().filter_map(|s| s.get("url").and_then(Value::as_str)).map(str::to_string).collect();
            self.warn(
                &at.index(1),
                format!("Swagger 2.0 has one host: only the first server is exported (not {})", others.join(", ")),
                "list the other servers in the description, or export as OpenAPI 3.0",
            );
        }
        let fat = at.index(0);
        let url = first.get("url").and_then(Value::as_str).unwrap_or("/");
        let vars = first.get("variables").and_then(Value::as_object);
        let (url, substituted) = substitute_server_variables(url, vars);
        if !substituted.is_empty() {
            self.warn(
                &fat.push("variables"),
                format!("server variables ({}) are replaced by their defaults", substituted.join(", ")),
                "Swagger 2.0 has no server variables",
            );
        }
        let (scheme, host, mut path) = split_url(&url);
        // As the loader reads it: the `basePath` variable, else the URL's path.
        if let Some(b) = vars.and_then(|v| v.get("basePath")).and_then(|b| b.get("default")).and_then(Value::as_str) {
            path = if b.starts_with('/') { b.to_string() } else { format!("/{b}") };
        }
        if path == "/" {
            path.clear();
        }
        let host = match host {
            Some(h) if h.contains(['{', '}']) => {
                self.warn(
                    &fat.push("url"),
                    format!("the host `{h}` holds a substitution, which a Swagger 2.0 `host` cannot; dropped"),
                    "resolve the substitution before exporting (CloudFormation does at deployment)",
                );
                None
            }
            h => h,
        };
        if let Some(host) = host {
            out.insert("host".into(), Value::String(host));
        }
        if !path.is_empty() {
            out.insert("basePath".into(), Value::String(path));
        }
        if let Some(scheme) = scheme {
            out.insert("schemes".into(), Value::Array(vec![Value::String(scheme)]));
        }
        if let Some(e) = first.get("x-amazon-apigateway-endpoint-configuration") {
            out.insert("x-amazon-apigateway-endpoint-configuration".into(), e.clone());
        }
        if let Some(d) = first.get("description") {
            let _ = d;
            self.warn(&fat.push("description"), "a server description cannot be expressed in Swagger 2.0", "");
        }
    }
}

/// A server URL with its `{variables}` replaced by their defaults; the names replaced.
fn substitute_server_variables(url: &str, vars: Option<&Obj>) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        match vars.and_then(|v| v.get(name)).and_then(|v| v.get("default")).and_then(Value::as_str) {
            Some(d) => {
                // `{basePath}` defaults are written with or without their leading slash.
                if out.ends_with('/') && d.starts_with('/') {
                    out.push_str(&d[1..]);
                } else {
                    out.push_str(d);
                }
                names.push(name.to_string());
            }
            None => out.push_str(&rest[open..open + close + 1]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (out, names)
}

/// `https://host:443/base` -> (scheme, host, path); a relative URL has only a path.
fn split_url(url: &str) -> (Option<String>, Option<String>, String) {
    let Some(i) = url.find("://") else {
        let path = url.trim_end_matches('/');
        return (None, None, if path.is_empty() { String::new() } else { path.to_string() });
    };
    let scheme = url[..i].to_ascii_lowercase();
    let after = &url[i + 3..];
    let (host, path) = match after.find('/') {
        Some(j) => (&after[..j], &after[j..]),
        None => (after, ""),
    };
    let path = path.trim_end_matches('/');
    (Some(scheme), Some(host.to_string()), path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_split_with_variable_defaults() {
        let vars: Obj =
            serde_json::from_str(r#"{"basePath": {"default": "/v1"}, "region": {"default": "eu-west-1"}}"#).unwrap();
        let (url, names) = substitute_server_variables("https://x.{region}.amazonaws.com/{basePath}", Some(&vars));
        assert_eq!(url, "https://x.eu-west-1.amazonaws.com/v1");
        assert_eq!(names, ["region", "basePath"]);
        assert_eq!(split_url(&url), (Some("https".into()), Some("x.eu-west-1.amazonaws.com".into()), "/v1".into()));
        assert_eq!(split_url("/v1/"), (None, None, "/v1".into()));
    }
}
