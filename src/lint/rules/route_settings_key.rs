use crate::diag::Severity;
use crate::ir::{Api, Method};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every key of a stage's `RouteSettings` (an `AWS::ApiGatewayV2::Stage` whose `ApiId` names
/// the API, or the `RouteSettings` of a SAM `AWS::Serverless::HttpApi` or
/// `AWS::Serverless::WebSocketApi`) is the route key of one of the API's routes, written exactly
/// as API Gateway keys the route: `GET /pets/{id}`, `ANY /{proxy+}` or `$default` in an HTTP
/// API, `$connect` or `sendmessage` in a WebSocket API. An `ANY` route is keyed `ANY /path`: it
/// gives no key to `GET /path`. The routes are those of the API's document (its `Body`, the
/// document SAM writes, or the one gwgen builds from `Route` resources) and of the `Route`
/// resources that name the API. The check is skipped for an API whose template defines no
/// route (its routes are made elsewhere), and when a route key is an intrinsic gwgen cannot
/// resolve.
///
/// ## Why
/// A stage's route settings are "Route settings for the stage, by routeKey"
/// [BOTO2:CreateStageRequest.RouteSettings]: each key must name a route of the API. API
/// Gateway's CreateStage and UpdateStage answer a key no route has with `NotFoundException:
/// Unable to find Route by key GET /some-route within the provided RouteSettings`
/// [ISSUE:https://github.com/terraform-aws-modules/terraform-aws-apigateway-v2/pull/80]; with
/// only an `ANY /{proxy+}` route, the key `DELETE /{proxy+}` fails the same way
/// [ISSUE:https://github.com/DianaIonita/serverless-api-gateway-throttling/pull/34]. WebSocket
/// APIs share these v2 Stage operations. CloudFormation then fails to create or update the
/// stage. The same happens when the route exists in the template but is created after the
/// stage: CloudFormation orders the stage after the route only when the stage depends on it.
///
/// ## Example
/// ```yaml
/// ProdStage:
///   Type: AWS::ApiGatewayV2::Stage
///   Properties:
///     ApiId: !Ref Chat
///     StageName: prod
///     RouteSettings:
///       sendMessage:              # the route key is `sendmessage`
///         DetailedMetricsEnabled: true
/// ```
///
/// ## Fix
/// Key the settings by the route's key, exactly as written (route keys are compared as they
/// are, case included), or remove the entry of a route that no longer exists. For a `Stage`
/// resource, add `DependsOn` on the `Route` resources it names, so that CloudFormation creates
/// them first.
///
/// ## References
/// - <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html>
pub struct RouteSettingsKey;

impl Rule for RouteSettingsKey {
    const META: RuleMeta = RuleMeta {
        id: "route-settings-key",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes { rest: false, http: true, websocket: true },
        fails: Fails::Deploy,
        generic: false,
        summary: "a stage's RouteSettings are keyed by route keys the API has (HTTP, WebSocket)",
    };

    fn check(api: &Api, out: &mut Findings) {
        if api.deployment.route_settings.is_empty() {
            return;
        }
        let Some(keys) = route_keys(api) else { return };
        if keys.is_empty() {
            return;
        }
        for setting in &api.deployment.route_settings {
            let key = setting.route_key.as_str();
            if keys.iter().any(|k| k == key) {
                continue;
            }
            let near = keys.iter().find(|k| k.eq_ignore_ascii_case(key));
            let f = out.report(
                setting.loc.clone(),
                format!("stage `{}` has route settings for `{key}`, which is no route of the API", setting.stage),
            );
            match near {
                Some(k) => f.help(format!("route keys are compared exactly: write `{k}`")),
                None => f.help(format!("key the settings by one of the route keys: {}", list(&keys))),
            };
        }
    }
}

/// The API's route keys, as API Gateway keys them; None when they cannot all be known.
fn route_keys(api: &Api) -> Option<Vec<String>> {
    if let Some(ws) = &api.websocket {
        return ws.routes.iter().map(|r| r.key_str().map(str::to_string)).collect();
    }
    let mut keys: Vec<String> = api
        .operations()
        .map(|(path, op)| {
            let default = op.is_default_route || path.path == "/$default" || path.path == "$default";
            if default && op.method == Method::Any {
                "$default".to_string()
            } else {
                format!("{} {}", op.method.as_str(), path.path)
            }
        })
        .collect();
    // Route resources add routes to an API whose document is its `Body` too.
    for key in &api.deployment.route_resources {
        let key = key.as_str()?;
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }
    Some(keys)
}

/// The route keys, quoted, for a message (the first ten).
fn list(keys: &[String]) -> String {
    let mut s = keys.iter().take(10).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    if keys.len() > 10 {
        s.push_str(&format!(" and {} more", keys.len() - 10));
    }
    s
}
