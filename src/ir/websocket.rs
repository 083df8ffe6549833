//! A WebSocket API: API Gateway's third API type, which has no OpenAPI form. It lives in a
//! template (`AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET` and the Route, Integration,
//! IntegrationResponse, RouteResponse, Authorizer and Model resources that point at it, or SAM's
//! `AWS::Serverless::WebSocketApi`), and every node here keeps the [`Loc`] of the template node
//! it was read from.
//!
//! Selection expressions (`$request.body.action`, `${request.body.a}/${request.body.b}`,
//! `\$default`) are parsed once, by [`Selection::parse`], into literal text and variables, as
//! the developer guide's "WebSocket selection expressions" page describes them.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::source::Loc;

/// A value and the template node it was read from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placed<T> {
    pub value: T,
    #[serde(rename = "pointer")]
    pub loc: Loc,
}

impl<T> Placed<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Placed { value, loc }
    }
}

/// The whole WebSocket API.
#[derive(Debug, Default, Serialize)]
pub struct WebSocketApi {
    /// The API resource's logical id.
    pub logical_id: String,
    /// `AWS::ApiGatewayV2::Api` or `AWS::Serverless::WebSocketApi`.
    pub resource_type: String,
    /// `/Resources/<id>`.
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub name: Option<Text>,
    pub description: Option<Text>,
    /// `RouteSelectionExpression` (required for WebSocket APIs).
    pub route_selection_expression: Option<Placed<Text>>,
    /// `ApiKeySelectionExpression`.
    pub api_key_selection_expression: Option<Placed<Text>>,
    pub disable_schema_validation: Option<bool>,
    pub disable_execute_api_endpoint: Option<bool>,
    /// In the order the template writes them.
    pub routes: Vec<Route>,
    /// By logical id (SAM's generated ones: `<Api><Route>Integration`, as SAM names them).
    pub integrations: IndexMap<String, WsIntegration>,
    pub authorizers: IndexMap<String, WsAuthorizer>,
    pub models: IndexMap<String, WsModel>,
    /// Route settings of the API's stages (V2 Stage `RouteSettings`, SAM `RouteSettings`).
    pub route_settings: Vec<RouteSetting>,
}

impl WebSocketApi {
    /// The message property the route selection expression reads (`action` for
    /// `$request.body.action`), when it is one top-level property.
    pub fn selection_property(&self) -> Option<String> {
        let text = self.route_selection_expression.as_ref()?.value.as_str()?;
        let selection = Selection::parse(text).ok()?;
        match selection.parts.as_slice() {
            [SelectionPart::Variable(v)] => {
                let name = v.strip_prefix("request.body.")?;
                (!name.is_empty() && !name.contains(['.', '[', '*'])).then(|| name.to_string())
            }
            _ => None,
        }
    }

    /// The integration a route's `Target` names, when the template defines it.
    pub fn integration_of(&self, route: &Route) -> Option<&WsIntegration> {
        self.integrations.get(route.integration.as_ref()?.value.as_str())
    }

    /// The authorizer a route names, when the template defines it.
    pub fn authorizer_of(&self, route: &Route) -> Option<&WsAuthorizer> {
        self.authorizers.get(route.authorizer.as_ref()?.value.as_str())
    }

    pub fn route(&self, key: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.key.value.as_str() == Some(key))
    }
}

/// Authorization of a route (`AuthorizationType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WsAuthorization {
    None,
    AwsIam,
    Custom,
    /// A value WebSocket APIs do not take (`JWT`, or anything else).
    Other,
}

impl WsAuthorization {
    pub fn parse(s: &str) -> Self {
        match s.to_ascii_uppercase().as_str() {
            "NONE" => Self::None,
            "AWS_IAM" => Self::AwsIam,
            "CUSTOM" => Self::Custom,
            _ => Self::Other,
        }
    }
}

/// One route (`AWS::ApiGatewayV2::Route`, or an entry of SAM's `Routes`).
#[derive(Debug, Serialize)]
pub struct Route {
    /// The Route resource's logical id, or the key under SAM's `Routes`.
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `RouteKey`: `$connect`, `$disconnect`, `$default` or a custom key.
    pub key: Placed<Text>,
    pub authorization: Option<Placed<WsAuthorization>>,
    /// The raw `AuthorizationType`, as written.
    pub authorization_raw: Option<String>,
    /// The logical id of the Authorizer resource `AuthorizerId` refers to (or the text written).
    pub authorizer: Option<Placed<String>>,
    pub api_key_required: Option<Placed<bool>>,
    pub model_selection_expression: Option<Placed<Text>>,
    /// `RequestModels`: selection key to model name.
    pub request_models: IndexMap<String, Placed<Text>>,
    /// `RequestParameters`: `route.request.header.X` / `route.request.querystring.X`, and
    /// whether each is required.
    pub request_parameters: IndexMap<String, Placed<Option<bool>>>,
    pub route_response_selection_expression: Option<Placed<Text>>,
    pub responses: Vec<RouteResponse>,
    /// The logical id of the integration `Target` names (`integrations/<id>`).
    pub integration: Option<Placed<String>>,
    pub operation_name: Option<Text>,
}

impl Route {
    pub fn key_str(&self) -> Option<&str> {
        self.key.value.as_str()
    }

    /// `$connect`, `$disconnect` or `$default`.
    pub fn is_predefined(&self) -> bool {
        matches!(self.key_str(), Some("$connect" | "$disconnect" | "$default"))
    }

    /// A route with a route response: API Gateway returns the integration's response to the
    /// client ("If a route has a route response, it is configured for two-way communication.
    /// Otherwise, it is configured for one-way communication", developer guide, route responses).
    pub fn is_two_way(&self) -> bool {
        !self.responses.is_empty()
    }
}

/// `AWS::ApiGatewayV2::RouteResponse`.
#[derive(Debug, Serialize)]
pub struct RouteResponse {
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub key: Placed<Text>,
    pub model_selection_expression: Option<Placed<Text>>,
    pub response_models: IndexMap<String, Placed<Text>>,
}

/// `AWS::ApiGatewayV2::Integration` of a WebSocket API.
#[derive(Debug, Serialize)]
pub struct WsIntegration {
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `IntegrationType`, parsed (AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK).
    pub kind: Option<Placed<Choice<IntegrationType>>>,
    pub uri: Option<Placed<Text>>,
    pub method: Option<Text>,
    pub credentials: Option<Placed<Text>>,
    pub connection_type: Option<Text>,
    pub timeout: Option<Placed<Num>>,
    pub request_templates: IndexMap<String, Placed<Text>>,
    pub template_selection_expression: Option<Placed<Text>>,
    pub content_handling: Option<Placed<Text>>,
    pub passthrough_behavior: Option<Placed<Text>>,
    pub request_parameters: IndexMap<String, Placed<Text>>,
    pub integration_response_selection_expression: Option<Placed<Text>>,
    pub responses: Vec<WsIntegrationResponse>,
    /// Made by SAM's transform from a route's `FunctionArn`.
    pub from_sam: bool,
}

impl WsIntegration {
    pub fn kind(&self) -> Option<IntegrationType> {
        self.kind.as_ref().and_then(|k| k.value.get())
    }

    /// A Lambda invocation URI (`...:lambda:path/2015-03-31/functions/.../invocations`), or a
    /// function's `Fn::GetAtt [F, Arn]`.
    pub fn is_lambda_uri(&self) -> bool {
        let Some(uri) = &self.uri else { return false };
        if let Text::Intrinsic(v) = &uri.value {
            let getatt = v.get("Fn::GetAtt");
            if getatt.is_some_and(|a| {
                a.get(1).and_then(Value::as_str) == Some("Arn") || a.as_str().is_some_and(|s| s.ends_with(".Arn"))
            }) {
                return true;
            }
        }
        let pattern = uri.value.pattern().unwrap_or("");
        pattern.contains(":lambda:path/") || FunctionArn::is_function(pattern)
    }
}

/// `AWS::ApiGatewayV2::IntegrationResponse`.
#[derive(Debug, Serialize)]
pub struct WsIntegrationResponse {
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub key: Placed<Text>,
    pub template_selection_expression: Option<Placed<Text>>,
    pub response_templates: IndexMap<String, Placed<Text>>,
    pub content_handling: Option<Placed<Text>>,
}

/// `AWS::ApiGatewayV2::Authorizer` of a WebSocket API (Lambda REQUEST only).
#[derive(Debug, Serialize)]
pub struct WsAuthorizer {
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub name: Option<Text>,
    /// `AuthorizerType` as written (upper-cased).
    pub kind: Option<Placed<String>>,
    pub uri: Option<Placed<Text>>,
    pub credentials: Option<Placed<Text>>,
    /// `IdentitySource` entries, each where it is written.
    pub identity_sources: Vec<Placed<Text>>,
}

impl WsAuthorizer {
    /// The identity sources a client must send, parsed.
    pub fn identity(&self) -> Vec<WsIdentitySource> {
        self.identity_sources.iter().filter_map(|s| s.value.as_str()).map(WsIdentitySource::parse).collect()
    }
}

/// One identity source of a WebSocket authorizer, in the syntax WebSocket APIs take
/// (`route.request.header.Auth`, `route.request.querystring.token`, `stageVariables.x`,
/// `context.x`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "in", content = "name", rename_all = "lowercase")]
pub enum WsIdentitySource {
    Header(String),
    Query(String),
    StageVariable(String),
    Context(String),
    /// Anything else, as written (an HTTP API's `$request.header.X`, a REST API's
    /// `method.request.header.X`...).
    Other(String),
}

impl WsIdentitySource {
    pub fn parse(entry: &str) -> Self {
        let entry = entry.trim();
        if let Some(r) = entry.strip_prefix("route.request.") {
            if let Some(h) = r.strip_prefix("header.").filter(|h| !h.is_empty()) {
                return Self::Header(h.to_string());
            }
            if let Some(q) = r.strip_prefix("querystring.").filter(|q| !q.is_empty()) {
                return Self::Query(q.to_string());
            }
        }
        if let Some(v) = entry.strip_prefix("stageVariables.").filter(|v| !v.is_empty()) {
            return Self::StageVariable(v.to_string());
        }
        if let Some(c) = entry.strip_prefix("context.").filter(|c| !c.is_empty()) {
            return Self::Context(c.to_string());
        }
        Self::Other(entry.to_string())
    }
}

/// `AWS::ApiGatewayV2::Model`.
#[derive(Debug, Serialize)]
pub struct WsModel {
    pub id: String,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// `Name`: what routes' `RequestModels` name.
    pub name: Option<Text>,
    pub content_type: Option<Text>,
    /// The JSON schema (draft 4), as written (a string is parsed).
    pub schema: Option<Value>,
}

/// One route's entry of a stage's `RouteSettings` (or `DefaultRouteSettings`, with no key).
#[derive(Debug, Serialize)]
pub struct RouteSetting {
    pub stage: String,
    /// None for `DefaultRouteSettings`.
    pub route_key: Option<String>,
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub logging_level: Option<Text>,
    pub data_trace_enabled: Option<bool>,
    pub detailed_metrics_enabled: Option<bool>,
}

/// A part of a selection expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SelectionPart {
    /// Text taken as it is (`\$` written as `$`).
    Literal(String),
    /// `$request.body.action` or `${request.body.action}`: the variable's path, without `$`.
    Variable(String),
}

/// A parsed selection expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Selection {
    pub parts: Vec<SelectionPart>,
}

impl Selection {
    /// Parses a selection expression by the rules of the developer guide: a variable is
    /// prefixed with `$` (`$request.body.action`, running to the first character that cannot be
    /// in a JSON path), or wrapped in `${...}`; `\$` is a literal dollar sign. Errors say what
    /// is wrong, for the syntax rule.
    pub fn parse(text: &str) -> Result<Selection, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && chars.get(i + 1) == Some(&'$') {
                literal.push('$');
                i += 2;
                continue;
            }
            if c != '$' {
                literal.push(c);
                i += 1;
                continue;
            }
            // A variable.
            let name: String;
            if chars.get(i + 1) == Some(&'{') {
                let Some(end) = chars[i + 2..].iter().position(|c| *c == '}') else {
                    return Err(format!("`${{` at character {} is never closed with `}}`", i + 1));
                };
                name = chars[i + 2..i + 2 + end].iter().collect();
                i += end + 3;
            } else {
                let len = chars[i + 1..].iter().take_while(|c| is_path_char(**c)).count();
                name = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 1;
            }
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(
                    "a `$` with no variable after it (write `\\$` for a literal dollar sign, as in `\\$default`)"
                        .to_string(),
                );
            }
            if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
                return Err(format!("`{name}` is not a variable: its path has an empty step"));
            }
            if !literal.is_empty() {
                parts.push(SelectionPart::Literal(std::mem::take(&mut literal)));
            }
            parts.push(SelectionPart::Variable(name));
        }
        if !literal.is_empty() {
            parts.push(SelectionPart::Literal(literal));
        }
        Ok(Selection { parts })
    }

    /// The expression is one literal (it always evaluates to that text).
    pub fn constant(&self) -> Option<String> {
        match self.parts.as_slice() {
            [] => Some(String::new()),
            [SelectionPart::Literal(s)] => Some(s.clone()),
            _ => None,
        }
    }

    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            SelectionPart::Variable(v) => Some(v.as_str()),
            SelectionPart::Literal(_) => None,
        })
    }
}

/// Characters of an unwrapped variable: a dotted JSON path (`request.body.items[0].kind`).
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']' | '*' | '\'' | '@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_expressions_as_the_developer_guide_evaluates_them() {
        use SelectionPart::*;
        // The examples of "Route selection expressions".
        let p = |s: &str| Selection::parse(s).unwrap().parts;
        assert_eq!(p("$request.body.action"), [Variable("request.body.action".into())]);
        assert_eq!(p("${request.body.action}"), [Variable("request.body.action".into())]);
        assert_eq!(
            p("${request.body.service}/${request.body.action}"),
            [Variable("request.body.service".into()), Literal("/".into()), Variable("request.body.action".into())]
        );
        assert_eq!(p("action"), [Literal("action".into())]);
        assert_eq!(Selection::parse("\\$default").unwrap().constant().as_deref(), Some("$default"));
        assert_eq!(Selection::parse("$default").unwrap().variables().collect::<Vec<_>>(), ["default"]);
        assert!(Selection::parse("${request.body.action").is_err());
        assert!(Selection::parse("$").is_err());
        assert!(Selection::parse("$request..body").is_err());
    }

    #[test]
    fn identity_sources_in_websocket_syntax() {
        assert_eq!(WsIdentitySource::parse("route.request.header.Auth"), WsIdentitySource::Header("Auth".into()));
        assert_eq!(WsIdentitySource::parse("route.request.querystring.t"), WsIdentitySource::Query("t".into()));
        assert_eq!(WsIdentitySource::parse("stageVariables.v"), WsIdentitySource::StageVariable("v".into()));
        assert_eq!(
            WsIdentitySource::parse("$request.header.Auth"),
            WsIdentitySource::Other("$request.header.Auth".into())
        );
        assert_eq!(
            WsIdentitySource::parse("method.request.header.Auth"),
            WsIdentitySource::Other("method.request.header.Auth".into())
        );
    }
}
