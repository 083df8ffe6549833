//! WebSocket APIs read from a template into [`WebSocketApi`]:
//! - CloudFormation: `AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET`, and the `Route`,
//!   `RouteResponse`, `Integration`, `IntegrationResponse`, `Authorizer`, `Model` and `Stage`
//!   resources whose `ApiId` names it (CDK writes these too);
//! - SAM: `AWS::Serverless::WebSocketApi` (with `Globals.WebSocketApi` merged in), read as SAM's
//!   transform expands it: one `AWS_PROXY` integration per entry of `Routes` (from its
//!   `FunctionArn`, with `IntegrationTimeout` as its timeout), and `Auth` on the `$connect`
//!   route (`CUSTOM` makes a Lambda `REQUEST` authorizer from `AuthArn` and `IdentitySource`).
//!   What SAM refuses (a route without `FunctionArn`, a custom route key that is not
//!   alphanumeric, `RequestParameters` on a route other than `$connect`, `Auth` without a
//!   `$connect` route or with a property its `AuthType` does not take) is an error at the
//!   property, in SAM's words (its WebSocket API generator; the SAM translator's error tests).
//!
//! Every node keeps the place in the template it was read from. What the template writes as an
//! intrinsic CloudFormation resolves at deployment is resolved as far as the template's
//! [`Context`] allows, and otherwise stays an intrinsic.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::resources::{copy, flag, named_after, of_type, pointing_at, referenced, Res};
use super::sam::help;
use super::{number, text, Context, Refused};
use crate::ir::{
    Choice, IntegrationType, Placed, Route, RouteResponse, RouteSetting, Text, WebSocketApi, WsAuthorization,
    WsAuthorizer, WsIntegration, WsIntegrationResponse, WsModel,
};
use crate::source::{FileId, Loc, Pointer, Source};

/// The file the template is in the API's sources.
const FILE: FileId = FileId(0);

fn loc(ptr: &Pointer) -> Loc {
    Loc::new(FILE, ptr.clone())
}

/// A property as text, its intrinsics resolved as far as the template allows.
fn resolved(ctx: &Context, v: &Value) -> Text {
    let mut v = copy(v);
    ctx.resolve(&mut v, 0);
    text(&v)
}

fn placed_text(ctx: &Context, res: &Res, key: &str) -> Option<Placed<Text>> {
    res.get(key).map(|v| Placed::new(resolved(ctx, v), loc(&res.at(key))))
}

/// A mapping property and where it is: a whole map written as `Fn::If` whose condition gwgen
/// cannot evaluate (a decidable one is its branch by now) is its first branch that is a mapping,
/// as gwgen reads other `Fn::If`s.
fn mapping<'v>(v: Option<&'v Value>, ptr: &Pointer) -> Option<(&'v Map<String, Value>, Pointer)> {
    let v = v?;
    let (v, ptr) = match crate::load::lower::first_mapping_branch(v) {
        Some((i, branch)) => (branch, ptr.push("Fn::If").index(i)),
        None => (v, ptr.clone()),
    };
    Some((v.as_object()?, ptr))
}

/// A map of text values (`RequestTemplates`, `RequestModels`...), each where it is written.
fn text_map(ctx: &Context, v: Option<&Value>, ptr: &Pointer) -> IndexMap<String, Placed<Text>> {
    let Some((m, ptr)) = mapping(v, ptr) else { return IndexMap::new() };
    m.iter().map(|(k, v)| (k.clone(), Placed::new(resolved(ctx, v), loc(&ptr.push(k))))).collect()
}

/// Reads the WebSocket API `id` of the template: from its resources, or as SAM expands it.
pub fn read(template: &Source, id: &str, ctx: &Context) -> Result<WebSocketApi, Vec<Refused>> {
    let kind = super::resources::type_of(&template.value, id).unwrap_or_default().to_string();
    let api_res = of_type(&template.value, &kind).into_iter().find(|r| r.id == id);
    let Some(api_res) = api_res else {
        return Err(vec![Refused::new(
            format!("the template has no resource `{id}`"),
            "name with --api an AWS::Serverless::WebSocketApi, or an AWS::ApiGatewayV2::Api with `ProtocolType: WEBSOCKET`, of the template",
            Pointer::root().push("Resources"),
        )]);
    };
    let mut api = WebSocketApi {
        logical_id: id.to_string(),
        resource_type: kind.clone(),
        loc: loc(&api_res.resource_ptr()),
        // SAM names the API after its logical id when `Name` is absent.
        name: api_res
            .get("Name")
            .map(|v| resolved(ctx, v))
            .or_else(|| (kind == "AWS::Serverless::WebSocketApi").then(|| Text::Str(id.to_string()))),
        description: api_res.get("Description").map(|v| resolved(ctx, v)),
        route_selection_expression: placed_text(ctx, &api_res, "RouteSelectionExpression"),
        api_key_selection_expression: placed_text(ctx, &api_res, "ApiKeySelectionExpression"),
        disable_schema_validation: flag(api_res.get("DisableSchemaValidation")),
        disable_execute_api_endpoint: flag(api_res.get("DisableExecuteApiEndpoint")),
        ..Default::default()
    };
    if kind == "AWS::Serverless::WebSocketApi" {
        read_sam(&mut api, &api_res, ctx)?;
        // Route responses a template adds to the routes SAM makes (`<Api><Route>Route`).
        let responses = of_type(&template.value, "AWS::ApiGatewayV2::RouteResponse");
        for route in &mut api.routes {
            route.responses = route_responses(&responses, &route.id, ctx);
        }
        route_settings(&mut api, &api_res, stage_name_of_sam(&api_res, ctx), ctx);
    } else {
        read_resources(&mut api, &template.value, id, ctx);
    }
    for stage in pointing_at(&template.value, "AWS::ApiGatewayV2::Stage", "ApiId", id) {
        let name = super::resources::plain(ctx, stage.get("StageName")).unwrap_or_else(|| stage.id.to_string());
        route_settings(&mut api, &stage, name, ctx);
    }
    Ok(api)
}

/// The stage SAM makes for a WebSocketApi: `StageName`, else `default`.
fn stage_name_of_sam(api: &Res, ctx: &Context) -> String {
    super::resources::plain(ctx, api.get("StageName")).unwrap_or_else(|| "default".into())
}

/// A stage's `DefaultRouteSettings` and `RouteSettings`.
fn route_settings(api: &mut WebSocketApi, res: &Res, stage: String, ctx: &Context) {
    let one = |key: Option<String>, v: &Value, ptr: Pointer| RouteSetting {
        stage: stage.clone(),
        route_key: key,
        loc: loc(&ptr),
        logging_level: v.get("LoggingLevel").map(|l| resolved(ctx, l)),
        data_trace_enabled: flag(v.get("DataTraceEnabled")),
        detailed_metrics_enabled: flag(v.get("DetailedMetricsEnabled")),
    };
    if let Some(d) = res.get("DefaultRouteSettings") {
        api.route_settings.push(one(None, d, res.at("DefaultRouteSettings")));
    }
    if let Some(Value::Object(m)) = res.get("RouteSettings") {
        for (k, v) in m {
            api.route_settings.push(one(Some(k.clone()), v, res.at("RouteSettings").push(k)));
        }
    }
}

/// The logical id a `Target` (`integrations/<id>`, as `Fn::Join`, `Fn::Sub` or text) names, or
/// the text written when it names no resource of the template.
fn target_id(v: &Value) -> Option<String> {
    let copied = copy(v);
    match named_after(&copied, "integrations/")? {
        Ok(id) => Some(id),
        Err(literal) => Some(literal),
    }
}

fn read_resources(api: &mut WebSocketApi, template: &Value, id: &str, ctx: &Context) {
    for r in pointing_at(template, "AWS::ApiGatewayV2::Integration", "ApiId", id) {
        let mut integration = integration_of(&r, ctx);
        for ir in of_type(template, "AWS::ApiGatewayV2::IntegrationResponse")
            .into_iter()
            .filter(|x| x.get("IntegrationId").is_some_and(|v| super::resources::names(v, r.id)))
        {
            integration.responses.push(WsIntegrationResponse {
                id: ir.id.to_string(),
                loc: loc(&ir.resource_ptr()),
                key: placed_text(ctx, &ir, "IntegrationResponseKey")
                    .unwrap_or_else(|| Placed::new(Text::Str(String::new()), loc(&ir.ptr))),
                template_selection_expression: placed_text(ctx, &ir, "TemplateSelectionExpression"),
                response_templates: text_map(ctx, ir.get("ResponseTemplates"), &ir.at("ResponseTemplates")),
                content_handling: placed_text(ctx, &ir, "ContentHandlingStrategy"),
            });
        }
        api.integrations.insert(r.id.to_string(), integration);
    }
    for r in pointing_at(template, "AWS::ApiGatewayV2::Authorizer", "ApiId", id) {
        api.authorizers.insert(r.id.to_string(), authorizer_of(&r, ctx));
    }
    for r in pointing_at(template, "AWS::ApiGatewayV2::Model", "ApiId", id) {
        let schema = r.get("Schema").map(|s| match s {
            Value::String(text) => serde_json::from_str(text).unwrap_or_else(|_| s.clone()),
            other => other.clone(),
        });
        api.models.insert(
            r.id.to_string(),
            WsModel {
                id: r.id.to_string(),
                loc: loc(&r.resource_ptr()),
                name: r.get("Name").map(|v| resolved(ctx, v)),
                content_type: r.get("ContentType").map(|v| resolved(ctx, v)),
                schema,
            },
        );
    }
    let responses = of_type(template, "AWS::ApiGatewayV2::RouteResponse");
    for r in pointing_at(template, "AWS::ApiGatewayV2::Route", "ApiId", id) {
        let authorization_raw = super::resources::plain(ctx, r.get("AuthorizationType"));
        let mut route = Route {
            id: r.id.to_string(),
            loc: loc(&r.resource_ptr()),
            key: placed_text(ctx, &r, "RouteKey").unwrap_or_else(|| Placed::new(Text::Str(String::new()), loc(&r.ptr))),
            authorization: authorization_raw
                .as_deref()
                .map(|a| Placed::new(WsAuthorization::parse(a), loc(&r.at("AuthorizationType")))),
            authorization_raw,
            authorizer: r.get("AuthorizerId").map(|v| {
                let id = referenced(v).map(|(id, _)| id.to_string()).unwrap_or_else(|| resolved_string(ctx, v));
                Placed::new(id, loc(&r.at("AuthorizerId")))
            }),
            api_key_required: flag(r.get("ApiKeyRequired")).map(|b| Placed::new(b, loc(&r.at("ApiKeyRequired")))),
            model_selection_expression: placed_text(ctx, &r, "ModelSelectionExpression"),
            request_models: text_map(ctx, r.get("RequestModels"), &r.at("RequestModels")),
            request_parameters: request_parameters(r.get("RequestParameters"), &r.at("RequestParameters")),
            route_response_selection_expression: placed_text(ctx, &r, "RouteResponseSelectionExpression"),
            responses: Vec::new(),
            integration: r.get("Target").and_then(target_id).map(|t| Placed::new(t, loc(&r.at("Target")))),
            operation_name: r.get("OperationName").map(|v| resolved(ctx, v)),
        };
        route.responses = route_responses(&responses, r.id, ctx);
        api.routes.push(route);
    }
}

/// The `AWS::ApiGatewayV2::RouteResponse` resources of the route `route_id`.
fn route_responses(all: &[Res], route_id: &str, ctx: &Context) -> Vec<RouteResponse> {
    all.iter()
        .filter(|x| x.get("RouteId").is_some_and(|v| super::resources::names(v, route_id)))
        .map(|rr| RouteResponse {
            id: rr.id.to_string(),
            loc: loc(&rr.resource_ptr()),
            key: placed_text(ctx, rr, "RouteResponseKey")
                .unwrap_or_else(|| Placed::new(Text::Str(String::new()), loc(&rr.ptr))),
            model_selection_expression: placed_text(ctx, rr, "ModelSelectionExpression"),
            response_models: text_map(ctx, rr.get("ResponseModels"), &rr.at("ResponseModels")),
        })
        .collect()
}

fn resolved_string(ctx: &Context, v: &Value) -> String {
    match resolved(ctx, v) {
        Text::Str(s) => s,
        Text::Intrinsic(v) => v.to_string(),
    }
}

/// `RequestParameters` of a route: `{name: {Required: bool}}` (CloudFormation), or a name with
/// any other value (what SAM passes through).
fn request_parameters(v: Option<&Value>, ptr: &Pointer) -> IndexMap<String, Placed<Option<bool>>> {
    let Some((m, ptr)) = mapping(v, ptr) else { return IndexMap::new() };
    m.iter().map(|(k, v)| (k.clone(), Placed::new(flag(v.get("Required")), loc(&ptr.push(k))))).collect()
}

fn integration_of(r: &Res, ctx: &Context) -> WsIntegration {
    WsIntegration {
        id: r.id.to_string(),
        loc: loc(&r.resource_ptr()),
        kind: r.get("IntegrationType").map(|v| {
            let choice = Choice { raw: v.clone(), value: v.as_str().and_then(IntegrationType::parse) };
            Placed::new(choice, loc(&r.at("IntegrationType")))
        }),
        uri: placed_text(ctx, r, "IntegrationUri"),
        method: r.get("IntegrationMethod").map(|v| resolved(ctx, v)),
        credentials: placed_text(ctx, r, "CredentialsArn"),
        connection_type: r.get("ConnectionType").map(|v| resolved(ctx, v)),
        timeout: r
            .get("TimeoutInMillis")
            .and_then(|v| number(Some(v)))
            .map(|n| Placed::new(n, loc(&r.at("TimeoutInMillis")))),
        request_templates: text_map(ctx, r.get("RequestTemplates"), &r.at("RequestTemplates")),
        template_selection_expression: placed_text(ctx, r, "TemplateSelectionExpression"),
        content_handling: placed_text(ctx, r, "ContentHandlingStrategy"),
        passthrough_behavior: placed_text(ctx, r, "PassthroughBehavior"),
        request_parameters: text_map(ctx, r.get("RequestParameters"), &r.at("RequestParameters")),
        integration_response_selection_expression: placed_text(ctx, r, "IntegrationResponseSelectionExpression"),
        responses: Vec::new(),
        from_sam: false,
    }
}

fn authorizer_of(r: &Res, ctx: &Context) -> WsAuthorizer {
    let sources = match r.get("IdentitySource") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| Placed::new(resolved(ctx, v), loc(&r.at("IdentitySource").index(i))))
            .collect(),
        Some(v) => vec![Placed::new(resolved(ctx, v), loc(&r.at("IdentitySource")))],
        None => Vec::new(),
    };
    WsAuthorizer {
        id: r.id.to_string(),
        loc: loc(&r.resource_ptr()),
        name: r.get("Name").map(|v| resolved(ctx, v)),
        kind: super::resources::plain(ctx, r.get("AuthorizerType"))
            .map(|k| Placed::new(k.to_ascii_uppercase(), loc(&r.at("AuthorizerType")))),
        uri: placed_text(ctx, r, "AuthorizerUri"),
        credentials: placed_text(ctx, r, "AuthorizerCredentialsArn"),
        identity_sources: sources,
    }
}

/// How to write an `AWS::Serverless::WebSocketApi`'s `Routes`.
const ROUTES_HELP: &str = "write `Routes` as a mapping of route keys (`$connect`, `$disconnect`, `$default` or a custom key such as `sendMessage`), each with a `FunctionArn`";

/// How to write a WebSocket API's custom domain base path.
const BASE_PATH_HELP: &str =
    "write `Domain.BasePath` as a string or a list of strings (an intrinsic function is not accepted in the list)";

/// SAM's logical id part for a route key: `$connect` is `Connect`, `sendMessage` is
/// `Sendmessage` (Python's `capitalize`); SAM refuses any other key that is not alphanumeric.
fn sam_route_name(key: &str) -> Result<String, String> {
    let capitalize = |k: &str| {
        let mut chars = k.chars();
        chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect())
    };
    match key {
        "$connect" | "$disconnect" | "$default" => Ok(capitalize(&key[1..])),
        _ if !key.is_empty() && key.chars().all(char::is_alphanumeric) => Ok(capitalize(key)),
        _ => Err(format!(
            "Route key '{key}' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported."
        )),
    }
}

/// SAM's checks of a WebSocketApi's `Auth` (its `_validate_auth`): the reason it refuses it, and
/// how to fix it.
fn sam_auth_refused(auth: &Value, ctx: &Context) -> Option<(String, String)> {
    let types = || help::accepted("Auth.AuthType", &["AWS_IAM", "CUSTOM", "NONE"]);
    let Some(t) = super::resources::plain(ctx, auth.get("AuthType")) else {
        return Some(("AuthType must be specified for additional auth configurations.".into(), types()));
    };
    let keys = auth.as_object().map_or(0, Map::len);
    let alone = |t: &str| {
        let message = format!("No additional configurations supported for AuthType {t}.");
        Some((message, format!("remove the other keys of `Auth`: `AuthType: {t}` takes no settings")))
    };
    match t.to_ascii_uppercase().as_str() {
        "CUSTOM" if auth.get("AuthArn").is_none() => Some((
            "AuthArn must be specified if AuthType is CUSTOM.".into(),
            "add `Auth.AuthArn`: the ARN of the Lambda authorizer function, such as `!GetAtt AuthFunction.Arn`".into(),
        )),
        "AWS_IAM" if keys > 1 => alone("AWS_IAM"),
        "NONE" if keys > 1 => alone("NONE"),
        "CUSTOM" | "AWS_IAM" | "NONE" => None,
        _ => Some(("AuthType is not one of AWS_IAM, CUSTOM or NONE.".into(), types())),
    }
}

/// `Routes`, `Auth` of an `AWS::Serverless::WebSocketApi`, as SAM's transform expands them; what
/// SAM refuses is an error at the property, with SAM's reason.
fn read_sam(api: &mut WebSocketApi, res: &Res, ctx: &Context) -> Result<(), Vec<Refused>> {
    let mut errors = Vec::new();
    let routes_ptr = res.at("Routes");
    let empty = Map::new();
    let routes = match res.get("Routes") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            errors.push(Refused::new("Property 'Routes' should be a map.", ROUTES_HELP, routes_ptr.clone()));
            &empty
        }
        None => &empty,
    };
    if routes.is_empty() {
        errors.push(Refused::new("WebSocket API must have at least one route.", ROUTES_HELP, res.resource_ptr()));
    }
    if res.get("IpAddressType").and_then(Value::as_str).is_some_and(|t| !matches!(t, "ipv4" | "dualstack")) {
        errors.push(Refused::new(
            "IpAddressType must be 'ipv4' or 'dualstack'.",
            help::accepted("IpAddressType", &["ipv4", "dualstack"]),
            res.at("IpAddressType"),
        ));
    }
    if let Some(domain) = res.get("Domain") {
        if domain.get("MutualTlsAuthentication").is_some() {
            errors.push(Refused::new(
                "Mutual TLS domain name association is not supported for Websocket APIs.",
                "remove `Domain.MutualTlsAuthentication`: API Gateway supports mutual TLS on the custom domains of REST and HTTP APIs only",
                res.at("Domain").push("MutualTlsAuthentication"),
            ));
        }
        // A base path is a string, or a list of strings (an intrinsic in the list is refused).
        let paths = res.at("Domain").push("BasePath");
        match domain.get("BasePath") {
            Some(Value::Array(items)) => {
                if let Some(i) = items.iter().position(|p| !p.is_string()) {
                    errors.push(Refused::new("Basepath must be a string.", BASE_PATH_HELP, paths.index(i)));
                }
            }
            Some(Value::String(_)) | None => {}
            Some(_) => errors.push(Refused::new("Basepath must be a string.", BASE_PATH_HELP, paths)),
        }
    }
    if super::resources::plain(ctx, res.get("StageName")).as_deref() == Some("$default") {
        errors.push(Refused::new(
            "Stages cannot be named $default for WebSocket APIs.",
            "give `StageName` another name, such as `prod`: only HTTP APIs have a `$default` stage",
            res.at("StageName"),
        ));
    }
    if res.get("RouteSettings").is_some_and(|v| !v.is_object()) {
        errors.push(Refused::new(
            "Property 'RouteSettings' should be a map.",
            help::route_settings(),
            res.at("RouteSettings"),
        ));
    }
    for (key, route) in routes {
        let ptr = routes_ptr.push(key);
        let Some(props) = route.as_object() else {
            errors.push(Refused::new(
                format!("route `{key}` must be a mapping with a FunctionArn"),
                format!(
                    "write route `{key}` as a mapping with `FunctionArn`, such as `FunctionArn: !GetAtt Handler.Arn`"
                ),
                ptr.clone(),
            ));
            continue;
        };
        let Some(function) = props.get("FunctionArn") else {
            errors.push(Refused::new(
                "Route must have associated function.",
                format!("add `FunctionArn` to route `{key}`: the ARN of the function that handles it, such as `!GetAtt Handler.Arn`"),
                ptr.clone(),
            ));
            continue;
        };
        let parameters = props
            .get("RequestParameters")
            .filter(|p| !matches!(p, Value::Null | Value::Bool(false)) && p.as_object().is_none_or(|m| !m.is_empty()));
        if parameters.is_some() && key != "$connect" {
            errors.push(Refused::new(
                "Request parameters are only supported for the $connect route in WebSocket APIs.",
                format!("move `RequestParameters` to the `$connect` route, or remove it from `{key}`"),
                ptr.push("RequestParameters"),
            ));
        }
        let r = Res { id: key, props, ptr: ptr.clone() };
        let name = match sam_route_name(key) {
            Ok(name) => name,
            Err(why) => {
                let help = "rename the route key to letters and digits only (such as `sendMessage`), or use `$connect`, `$disconnect` or `$default`";
                errors.push(Refused::new(why, help, ptr.clone()));
                continue;
            }
        };
        let integration_id = format!("{}{name}Integration", api.logical_id);
        // The URI SAM writes: the function's invocation path.
        let mut uri = serde_json::json!({"Fn::Sub": ["arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations", {"FunctionArn": function}]});
        uri = copy(&uri);
        ctx.resolve(&mut uri, 0);
        api.integrations.insert(
            integration_id.clone(),
            WsIntegration {
                id: integration_id.clone(),
                loc: loc(&ptr),
                kind: Some(Placed::new(
                    Choice { raw: Value::String("AWS_PROXY".into()), value: Some(IntegrationType::AwsProxy) },
                    loc(&ptr),
                )),
                uri: Some(Placed::new(text(&uri), loc(&r.at("FunctionArn")))),
                method: None,
                credentials: None,
                connection_type: None,
                timeout: props
                    .get("IntegrationTimeout")
                    .and_then(|v| number(Some(v)))
                    .map(|n| Placed::new(n, loc(&r.at("IntegrationTimeout")))),
                request_templates: IndexMap::new(),
                template_selection_expression: None,
                content_handling: None,
                passthrough_behavior: None,
                request_parameters: IndexMap::new(),
                integration_response_selection_expression: None,
                responses: Vec::new(),
                from_sam: true,
            },
        );
        api.routes.push(Route {
            id: format!("{}{name}Route", api.logical_id),
            loc: loc(&ptr),
            key: Placed::new(Text::Str(key.clone()), loc(&ptr)),
            authorization: None,
            authorization_raw: None,
            authorizer: None,
            api_key_required: flag(props.get("ApiKeyRequired")).map(|b| Placed::new(b, loc(&r.at("ApiKeyRequired")))),
            model_selection_expression: placed_text(ctx, &r, "ModelSelectionExpression"),
            request_models: text_map(ctx, props.get("RequestModels"), &r.at("RequestModels")),
            request_parameters: request_parameters(props.get("RequestParameters"), &r.at("RequestParameters")),
            route_response_selection_expression: placed_text(ctx, &r, "RouteResponseSelectionExpression"),
            responses: Vec::new(),
            integration: Some(Placed::new(integration_id, loc(&r.at("FunctionArn")))),
            operation_name: props.get("OperationName").map(|v| resolved(ctx, v)),
        });
    }
    // `Auth` applies to `$connect`, the route every connection passes.
    if let Some(auth) = res.get("Auth") {
        let auth_ptr = res.at("Auth");
        let auth_type = super::resources::plain(ctx, auth.get("AuthType"));
        let refused = sam_auth_refused(auth, ctx);
        match api.routes.iter_mut().find(|r| r.key.value.as_str() == Some("$connect")) {
            None if !routes.contains_key("$connect") => {
                errors.push(Refused::new(
                    "Authorization is only available if there is a $connect route.",
                    "add a `$connect` route to `Routes` (API Gateway authorizes a WebSocket client when it connects), or remove `Auth`",
                    auth_ptr,
                ))
            }
            None => {}
            Some(_) if refused.is_some() => {
                let (message, help) = refused.unwrap_or_default();
                errors.push(Refused::new(message, help, auth_ptr))
            }
            Some(connect) => {
                if let Some(t) = &auth_type {
                    let kind = WsAuthorization::parse(t);
                    connect.authorization = Some(Placed::new(kind, loc(&auth_ptr.push("AuthType"))));
                    connect.authorization_raw = Some(t.clone());
                    if kind == WsAuthorization::Custom {
                        let authorizer_id = format!("{}ConnectAuthorizer", api.logical_id);
                        let auth_res = Res {
                            id: &authorizer_id,
                            props: auth.as_object().unwrap_or(&empty),
                            ptr: auth_ptr.clone(),
                        };
                        let uri = auth.get("AuthArn").map(|arn| {
                            let mut uri = serde_json::json!({"Fn::Sub": ["arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthArn}/invocations", {"AuthArn": arn}]});
                            uri = copy(&uri);
                            ctx.resolve(&mut uri, 0);
                            Placed::new(text(&uri), loc(&auth_ptr.push("AuthArn")))
                        });
                        let mut authorizer = authorizer_of(&auth_res, ctx);
                        authorizer.loc = loc(&auth_ptr);
                        authorizer.kind = Some(Placed::new("REQUEST".into(), loc(&auth_ptr.push("AuthType"))));
                        authorizer.uri = uri;
                        authorizer.credentials = placed_text(ctx, &auth_res, "InvokeRole");
                        // SAM names the authorizer after its logical id when `Auth.Name` is absent.
                        authorizer.name = authorizer.name.or_else(|| Some(Text::Str(authorizer_id.clone())));
                        connect.authorizer = Some(Placed::new(authorizer_id.clone(), loc(&auth_ptr)));
                        api.authorizers.insert(authorizer_id, authorizer);
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sam_names_routes_as_its_generator_does() {
        // SAM's `_sanitize_route_key`: special keys lose `$` and are capitalized; other keys must be
        // alphanumeric and are capitalized (Python's `capitalize` lowers the rest).
        assert_eq!(sam_route_name("$connect").as_deref(), Ok("Connect"));
        assert_eq!(sam_route_name("$default").as_deref(), Ok("Default"));
        assert_eq!(sam_route_name("sendMessage").as_deref(), Ok("Sendmessage"));
        assert!(sam_route_name("send-message")
            .unwrap_err()
            .starts_with("Route key 'send-message' must be alphanumeric"));
        assert!(sam_route_name("$sauce").is_err());
    }

    #[test]
    fn targets_name_their_integration() {
        let join = serde_json::json!({"Fn::Join": ["/", ["integrations", {"Ref": "Handler"}]]});
        assert_eq!(target_id(&join).as_deref(), Some("Handler"));
        let cdk = serde_json::json!({"Fn::Join": ["", ["integrations/", {"Ref": "Handler"}]]});
        assert_eq!(target_id(&cdk).as_deref(), Some("Handler"));
        assert_eq!(target_id(&serde_json::json!({"Fn::Sub": "integrations/${Handler}"})).as_deref(), Some("Handler"));
        assert_eq!(target_id(&serde_json::json!("integrations/abc123")).as_deref(), Some("abc123"));
        assert_eq!(target_id(&serde_json::json!("elsewhere")), None);
    }
}
