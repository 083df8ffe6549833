use crate::diag::Severity;
use crate::ir::Api;
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every key of a WebSocket API stage's `RouteSettings` (an `AWS::ApiGatewayV2::Stage` whose
/// `ApiId` names the API, or the `RouteSettings` of a SAM `AWS::Serverless::WebSocketApi`) is
/// the route key of one of the API's routes, written exactly as the route writes it
/// (`$connect`, `sendmessage`). The check is skipped when a route key of the template is not
/// plain text (an intrinsic gwgen cannot resolve), or when the template defines no route of the
/// API (its routes are made elsewhere).
///
/// ## Why
/// A stage's route settings are "Route settings for the stage, by routeKey"
/// [BOTO2:CreateStageRequest.RouteSettings]: each key must name a route of the API. API
/// Gateway's CreateStage and UpdateStage answer a key no route has with `NotFoundException:
/// Unable to find Route by key GET /some-route within the provided RouteSettings`
/// [ISSUE:https://github.com/terraform-aws-modules/terraform-aws-apigateway-v2/pull/80],
/// [ISSUE:https://github.com/DianaIonita/serverless-api-gateway-throttling/pull/34] (the same
/// v2 Stage operations serve WebSocket and HTTP APIs), so CloudFormation fails to create or
/// update the stage. The same happens when the route exists in the template but is created after
/// the stage: CloudFormation orders the stage after the route only when the stage depends on it.
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
/// Key the settings by the route's `RouteKey`, exactly as written (route keys are compared as
/// they are, case included), or remove the entry of a route that no longer exists. For a
/// `Stage` resource, add `DependsOn` on the `Route` resources it names, so that CloudFormation
/// creates them first.
///
/// ## References
/// - <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html>
/// - <https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html>
pub struct WebsocketRouteSettingsKey;

impl Rule for WebsocketRouteSettingsKey {
    const META: RuleMeta = RuleMeta {
        id: "websocket-route-settings-key",
        category: Category::Endpoint,
        severity: Severity::Error,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Deploy,
        generic: false,
        summary: "a WebSocket stage's RouteSettings are keyed by route keys the API has",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        if ws.routes.is_empty() || ws.routes.iter().any(|r| r.key_str().is_none()) {
            return;
        }
        let keys: Vec<&str> = ws.routes.iter().filter_map(|r| r.key_str()).collect();
        for setting in &ws.route_settings {
            let Some(key) = setting.route_key.as_deref() else { continue };
            if keys.contains(&key) {
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

/// The route keys, quoted, for a message.
fn list(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}
