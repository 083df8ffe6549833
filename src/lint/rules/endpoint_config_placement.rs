use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, SpecVersion};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::{FileId, Loc};

/// ## What it checks
/// `x-amazon-apigateway-endpoint-configuration` is where the document's version puts it: inside
/// a `servers[]` entry in OpenAPI 3, at the root in Swagger 2.0. An OpenAPI 3 document with the
/// extension at the root is reported there (also when a server carries one too); a Swagger 2.0
/// document with it inside `servers[]` entries, which Swagger 2.0 does not have, is reported at
/// each of them.
///
/// ## Why
/// The developer guide places the endpoint configuration at the root of a Swagger 2.0 document
/// and inside a Server object of an OpenAPI 3.0 document
/// [DG:api-gateway-swagger-extensions-endpoint-configuration]. Anywhere else is not where the
/// import looks for it, so `disableExecuteApiEndpoint` and `vpcEndpointIds` written there do
/// not take effect.
///
/// ## Example
/// ```yaml
/// openapi: 3.0.1
/// x-amazon-apigateway-endpoint-configuration:    # Swagger 2.0's place
///   disableExecuteApiEndpoint: true
/// ```
///
/// ## Fix
/// In OpenAPI 3, move it under the server:
/// `servers: [{url: "https://api.example.com", x-amazon-apigateway-endpoint-configuration: {...}}]`.
/// In Swagger 2.0, move it to the top level of the document.
pub struct EndpointConfigPlacement;

const KEY: &str = "x-amazon-apigateway-endpoint-configuration";

impl Rule for EndpointConfigPlacement {
    const META: RuleMeta = RuleMeta {
        id: "endpoint-config-placement",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Runtime,
        generic: false,
        summary: "endpoint configuration sits at the root (Swagger 2.0) or in servers[] (OpenAPI 3)",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Value::Object(root) = &api.sources.get(FileId(0)).value else { return };
        let top = Loc::default();
        if api.version == SpecVersion::Swagger2 {
            let servers: Vec<(Loc, &Value)> = match root.get("servers") {
                Some(Value::Array(a)) => {
                    a.iter().enumerate().map(|(i, s)| (top.child("servers").index(i), s)).collect()
                }
                Some(s @ Value::Object(_)) => vec![(top.child("servers"), s)],
                _ => Vec::new(),
            };
            for (loc, server) in servers {
                if server.get(KEY).is_some() {
                    out.report(
                        loc.child(KEY),
                        "Swagger 2.0 has no `servers`: API Gateway does not read the endpoint configuration here",
                    )
                    .help("move `x-amazon-apigateway-endpoint-configuration` to the top level of the document");
                }
            }
            return;
        }
        if root.contains_key(KEY) {
            let in_server = api
                .apigw
                .endpoint_configuration
                .as_ref()
                .is_some_and(|e| !e.loc.ptr.as_str().starts_with(&format!("/{KEY}")));
            let help = if in_server {
                "a `servers[]` entry already has one, which is the one API Gateway reads: merge this one into it and remove it here"
            } else {
                "move it into the server entry: `servers: [{url: ..., x-amazon-apigateway-endpoint-configuration: {...}}]`"
            };
            out.report(
                top.child(KEY),
                format!("{}: `x-amazon-apigateway-endpoint-configuration` belongs in a `servers[]` entry, not at the root (Swagger 2.0's place)", api.version.label()),
            )
            .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    fn pointers(yaml: &str) -> Vec<String> {
        super::super::pointers_of("endpoint-config-placement", yaml, None)
    }

    #[test]
    fn swagger2_keeps_it_at_the_root() {
        let root = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-amazon-apigateway-endpoint-configuration: {vpcEndpointIds: [vpce-01234567]}\n";
        assert!(pointers(root).is_empty());
        let server = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\nservers:\n  - url: https://x.example.com\n    x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}\n";
        assert_eq!(pointers(server), vec!["/servers/0/x-amazon-apigateway-endpoint-configuration"]);
        let oas3 = "openapi: 3.0.1\ninfo: {title: t, version: \"1\"}\npaths: {}\nservers:\n  - url: https://x.example.com\n    x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}\n";
        assert!(pointers(oas3).is_empty());
    }
}
