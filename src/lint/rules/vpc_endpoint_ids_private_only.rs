use serde_json::Value;

use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::{FileId, Loc};

/// ## What it checks
/// Each literal entry of `vpcEndpointIds`, in every
/// `x-amazon-apigateway-endpoint-configuration` of the document (root or `servers[]`), is a VPC
/// endpoint ID: `vpce-` followed by lowercase hexadecimal digits. CloudFormation intrinsics
/// and strings holding a `${...}` placeholder (filled in by a template tool) are not checked.
///
/// The endpoint type (EDGE, REGIONAL or PRIVATE) is an import parameter, not part of the
/// document, so this rule cannot tell whether the API will be private; it checks the IDs only.
///
/// ## Why
/// `vpcEndpointIds` lists the interface VPC endpoints (`vpce-…`) of a PRIVATE REST API, for which
/// API Gateway creates Route 53 alias records
/// [DG:api-gateway-swagger-extensions-endpoint-configuration]. A value that is not a VPC
/// endpoint ID (a VPC ID `vpc-…`, an endpoint's DNS name, an ARN, upper-case hex) names no
/// endpoint, and the import fails.
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-endpoint-configuration:
///   vpcEndpointIds: [vpc-0a1b2c3d]     # a VPC, not a VPC endpoint
/// ```
///
/// ## Fix
/// Use the endpoint's ID as the VPC console or `aws ec2 describe-vpc-endpoints` shows it, such
/// as `vpce-0123456789abcdef0`.
pub struct VpcEndpointIdsPrivateOnly;

const KEY: &str = "x-amazon-apigateway-endpoint-configuration";

impl Rule for VpcEndpointIdsPrivateOnly {
    const META: RuleMeta = RuleMeta {
        id: "vpc-endpoint-ids-private-only",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "vpcEndpointIds are vpce- ids, for private APIs",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Value::Object(root) = &api.sources.get(FileId(0)).value else { return };
        let top = Loc::default();
        let mut configs: Vec<(Loc, &Value)> = Vec::new();
        if let Some(c) = root.get(KEY) {
            configs.push((top.child(KEY), c));
        }
        match root.get("servers") {
            Some(Value::Array(servers)) => {
                for (i, s) in servers.iter().enumerate() {
                    if let Some(c) = s.get(KEY) {
                        configs.push((top.child("servers").index(i).child(KEY), c));
                    }
                }
            }
            Some(s @ Value::Object(_)) => {
                if let Some(c) = s.get(KEY) {
                    configs.push((top.child("servers").child(KEY), c));
                }
            }
            _ => {}
        }
        for (loc, config) in configs {
            let loc = loc.child("vpcEndpointIds");
            match config.get("vpcEndpointIds") {
                Some(Value::Array(ids)) => {
                    for (i, id) in ids.iter().enumerate() {
                        check_id(id, loc.index(i), out);
                    }
                }
                Some(id) => check_id(id, loc, out),
                None => {}
            }
        }
    }
}

fn check_id(id: &Value, loc: Loc, out: &mut Findings) {
    let text = match id {
        Value::String(s) if s.contains("${") => return,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        // Intrinsics, nulls and misshapen values are other rules' business.
        _ => return,
    };
    if is_vpce_id(&text) {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let hint = if is_vpce_id(&lower) {
        format!("VPC endpoint IDs are lower case: write `{lower}`")
    } else if text.starts_with("vpc-") {
        "that is a VPC ID; list the IDs of the VPC's execute-api interface endpoints (`vpce-…`)".to_string()
    } else {
        "use the VPC endpoint's ID, such as `vpce-0123456789abcdef0`".to_string()
    };
    out.report(loc, format!("`{text}` is not a VPC endpoint ID (`vpce-` followed by hexadecimal digits)"))
        .help(hint);
}

/// `vpce-[0-9a-f]+`.
fn is_vpce_id(s: &str) -> bool {
    s.strip_prefix("vpce-")
        .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}
