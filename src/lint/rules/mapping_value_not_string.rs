use indexmap::IndexMap;
use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};
use crate::source::Loc;

use crate::lint::helpers::integrations;
use crate::lint::helpers::{in_resource_property, passes_response_through};

/// ## What it checks
/// A parameter mapping value that is not a string: a YAML boolean (`true`, `false`, and in YAML
/// 1.1 also `yes` / `no` / `on` / `off`) or a number, where API Gateway expects a mapping
/// expression or a quoted static value. Checked in integration `requestParameters`, in the
/// `responseParameters` of integration responses and in the `responseParameters` of
/// `x-amazon-apigateway-gateway-responses`.
///
/// ## Why
/// The import does not reject the document: it imports it with the warning "Invalid format for
/// 'requestParameters'. Expected type string for property '<key>' of resource '<path>' and
/// method '<method>' but got 'true'" and leaves the mapping out, so the header or parameter is
/// never sent. Recorded imports with `failonwarnings=true` fail on it; without that flag the
/// mapping is lost in silence. The value most likely meant is the static string `'true'`.
///
/// ## Example
/// ```yaml
/// requestParameters:
///   integration.request.header.X-Debug: true     # a YAML boolean, not the text 'true'
/// ```
///
/// ## Fix
/// Write the static value as a quoted string: `"'true'"` (single quotes inside the string, as
/// every static mapping value needs them).
pub struct MappingValueNotString;

impl Rule for MappingValueNotString {
    const META: RuleMeta = RuleMeta {
        id: "mapping-value-not-string",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::REST,
        fails: Fails::Import(Severity::Warn),
        generic: false,
        summary: "parameter mapping values are strings, not YAML booleans or numbers",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (op, integration) in integrations(api) {
            let Some((path, op)) = op else { continue };
            let place = format!("of resource '{}' and method '{}'", path.path, op.method.as_str());
            let at = integration.loc.child("requestParameters");
            check_map(api, "requestParameters", &place, &at, &integration.request_parameters, out);
            if passes_response_through(integration) {
                continue;
            }
            for response in integration.responses.values() {
                let at = response.loc.child("responseParameters");
                check_map(api, "responseParameters", &place, &at, &response.response_parameters, out);
            }
        }
        for (kind, response) in &api.apigw.gateway_responses {
            let place = format!("of gateway response '{kind}'");
            let at = response.loc.child("responseParameters");
            check_map(api, "responseParameters", &place, &at, &response.response_parameters, out);
        }
    }
}

fn check_map(api: &Api, field: &str, place: &str, at: &Loc, map: &IndexMap<String, Text>, out: &mut Findings) {
    for key in map.keys() {
        let loc = at.child(key);
        if in_resource_property(api, &loc) {
            continue; // CloudFormation sends its text: static-mapping-quoted owns it
        }
        let got = match api.sources.value(&loc) {
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        out.report(
            loc,
            format!(
                "Invalid format for '{field}'. Expected type string for property '{key}' {place} but got '{got}': the import drops this mapping"
            ),
        )
        .help(format!("write the static value as a quoted string: \"'{got}'\""));
    }
}
