//! `x-amazon-apigateway-integration` and the stage variables it refers to.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::source::Loc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IntegrationType {
    Aws,
    AwsProxy,
    Http,
    HttpProxy,
    Mock,
}

impl IntegrationType {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "aws" => Some(Self::Aws),
            "aws_proxy" => Some(Self::AwsProxy),
            "http" => Some(Self::Http),
            "http_proxy" => Some(Self::HttpProxy),
            "mock" => Some(Self::Mock),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aws => "aws",
            Self::AwsProxy => "aws_proxy",
            Self::Http => "http",
            Self::HttpProxy => "http_proxy",
            Self::Mock => "mock",
        }
    }

    pub fn is_proxy(self) -> bool {
        matches!(self, Self::AwsProxy | Self::HttpProxy)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionType {
    Internet,
    VpcLink,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PassthroughBehavior {
    WhenNoMatch,
    WhenNoTemplates,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentHandling {
    ConvertToBinary,
    ConvertToText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResponseTransferMode {
    Buffered,
    Stream,
}

/// `x-amazon-apigateway-integration` on an operation (or one of
/// `components.x-amazon-apigateway-integrations`, referenced by `$ref`).
#[derive(Debug, Serialize)]
pub struct Integration {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    /// The name in `components.x-amazon-apigateway-integrations`, when reached by `$ref`.
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<Choice<IntegrationType>>,
    pub http_method: Option<Text>,
    pub uri: Option<Text>,
    pub credentials: Option<Text>,
    pub connection_type: Option<Choice<ConnectionType>>,
    pub connection_id: Option<Text>,
    pub request_parameters: IndexMap<String, Text>,
    pub request_templates: IndexMap<String, Text>,
    pub passthrough_behavior: Option<Choice<PassthroughBehavior>>,
    pub content_handling: Option<Choice<ContentHandling>>,
    pub timeout_in_millis: Option<Num>,
    pub cache_key_parameters: Vec<Text>,
    pub cache_namespace: Option<Text>,
    pub responses: IndexMap<String, IntegrationResponse>,
    /// An HTTP API's response mappings (`responseParameters`): by the backend's status code
    /// (`"404"`), what API Gateway changes in the response before the client gets it. REST
    /// integrations map responses under `responses` instead.
    pub response_parameters: IndexMap<String, ResponseMappings>,
    pub tls_config: Option<TlsConfig>,
    pub payload_format_version: Option<Text>,
    pub integration_subtype: Option<Text>,
    pub response_transfer_mode: Option<Choice<ResponseTransferMode>>,
    pub integration_target: Option<Text>,
}

impl Integration {
    pub fn kind(&self) -> Option<IntegrationType> {
        self.kind.as_ref().and_then(Choice::get)
    }

    /// A Lambda invocation: `aws_proxy` with an `apigateway:...:lambda:path/` URI, a function ARN
    /// (HTTP APIs) or `Fn::GetAtt Function.Arn`; or `aws` with a `.../invocations` URI (an `aws`
    /// call to Lambda's own API, like `GET .../functions/{arn}`, is not an invocation).
    pub fn is_lambda(&self) -> bool {
        let Some(uri) = self.uri.as_ref() else { return false };
        let getatt_arn = matches!(uri, Text::Intrinsic(v) if v.get("Fn::GetAtt").is_some_and(|a| {
            a.get(1).and_then(Value::as_str) == Some("Arn") || a.as_str().is_some_and(|s| s.ends_with(".Arn"))
        }));
        let pattern = uri.pattern().unwrap_or("");
        let function_arn = FunctionArn::is_function(pattern);
        match self.kind() {
            Some(IntegrationType::AwsProxy) => {
                self.integration_subtype.is_none() && (pattern.contains(":lambda:path/") || function_arn || getatt_arn)
            }
            Some(IntegrationType::Aws) => {
                pattern.contains(":lambda:path/") && (pattern.ends_with("invocations") || pattern.ends_with('}'))
            }
            _ => false,
        }
    }

    pub fn is_vpc_link(&self) -> bool {
        self.connection_type.as_ref().is_some_and(|c| c.is(ConnectionType::VpcLink))
    }
}

#[derive(Debug, Serialize)]
pub struct IntegrationResponse {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub status_code: Option<Text>,
    pub response_parameters: IndexMap<String, Text>,
    pub response_templates: IndexMap<String, Text>,
    pub content_handling: Option<Choice<ContentHandling>>,
}

/// One status code's entry of an HTTP API integration's `responseParameters`: keys
/// `append|overwrite|remove:header.NAME` or `overwrite:statuscode`, each with its value (a
/// static value, `$response.header.x`, `$response.body.x`, `$context.x`, `$stageVariables.x`)
/// and where it is written.
#[derive(Debug, Serialize)]
pub struct ResponseMappings {
    #[serde(rename = "pointer")]
    pub loc: Loc,
    pub parameters: IndexMap<String, Placed<Text>>,
}

/// What a response mapping key changes in the response a client gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseMappingKey {
    /// `append:header.NAME` (`append` true) or `overwrite:header.NAME`: the client gets the header.
    SetHeader { name: String, append: bool },
    /// `remove:header.NAME`: the client does not get the backend's header.
    RemoveHeader(String),
    /// `overwrite:statuscode`: the client gets another status code.
    StatusCode,
}

impl ResponseMappingKey {
    /// Parses a key as API Gateway reads it: action and location without regard to case; None
    /// for keys HTTP APIs do not take (the `http-api-param-mapping-syntax` rule reports those).
    pub fn parse(key: &str) -> Option<Self> {
        let (action, target) = key.trim().split_once(':')?;
        let action = action.to_ascii_lowercase();
        if target.eq_ignore_ascii_case("statuscode") {
            return (action == "overwrite").then_some(Self::StatusCode);
        }
        let name = target.get(..7).filter(|p| p.eq_ignore_ascii_case("header.")).map(|_| &target[7..])?;
        if name.is_empty() {
            return None;
        }
        match action.as_str() {
            "append" => Some(Self::SetHeader { name: name.to_string(), append: true }),
            "overwrite" => Some(Self::SetHeader { name: name.to_string(), append: false }),
            "remove" => Some(Self::RemoveHeader(name.to_string())),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TlsConfig {
    pub insecure_skip_verification: Option<bool>,
    pub server_name_to_verify: Option<Text>,
}

/// A stage variable name: letters, digits and underscores ("Variable names can have
/// alphanumeric and underscore characters", [DG:stage-variables]).
pub fn is_stage_variable_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The stage variable name at the start of `text` (what follows `stageVariables.`): the longest
/// run of name characters, possibly empty.
pub fn stage_variable_name_at(text: &str) -> &str {
    let len = text.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    &text[..len]
}

/// An API Gateway service URI, as integrations and authorizers write it:
/// `arn:{partition}:apigateway:{region}:{service}:{action|path}/{rest}`. Parsed from text that
/// may hold placeholders; the parts are slices of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceUri<'a> {
    /// `arn` when well formed.
    pub scheme: &'a str,
    pub partition: &'a str,
    pub region: &'a str,
    pub service: &'a str,
    /// `action/...`, `path/...`, or whatever stands there.
    pub rest: &'a str,
}

impl<'a> ServiceUri<'a> {
    /// The six `:`-separated fields with `apigateway` third; None for anything else.
    pub fn parse(text: &'a str) -> Option<ServiceUri<'a>> {
        let mut f = arn_fields(text, 6).into_iter();
        let (scheme, partition, gateway, region, service, rest) =
            (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        (gateway == "apigateway").then_some(ServiceUri { scheme, partition, region, service, rest })
    }

    /// The action of an `action/{Action}&...` URI.
    pub fn action(&self) -> Option<&'a str> {
        self.rest.strip_prefix("action/")
    }

    /// The path of a `path/{path}` URI.
    pub fn path(&self) -> Option<&'a str> {
        self.rest.strip_prefix("path/")
    }

    /// For a Lambda path URI, what follows `/functions/`: the function ARN and the rest of the path.
    pub fn function_and_after(&self) -> Option<&'a str> {
        let path = self.path()?;
        (self.scheme == "arn" && self.service == "lambda").then_some(())?;
        Some(&path[path.find("/functions/")? + "/functions/".len()..])
    }
}

/// The first `n - 1` `:`-separated fields of an ARN and the rest, as `splitn` would give them,
/// except that a `:` inside a `${...}` placeholder (`${AWS::Region}`) separates nothing.
fn arn_fields(text: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::with_capacity(n);
    let (mut start, mut depth) = (0, 0usize);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 && out.len() + 1 < n => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// A Lambda function ARN, `arn:{partition}:lambda:{region}:{account}:function:{name}...`, as
/// the leading fields of a text (what follows stays in `rest`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionArn<'a> {
    pub partition: &'a str,
    pub region: &'a str,
    /// `{account}:function:{name}...`
    pub rest: &'a str,
}

impl<'a> FunctionArn<'a> {
    pub fn parse(text: &'a str) -> Option<FunctionArn<'a>> {
        let mut f = arn_fields(text, 5).into_iter();
        let (scheme, partition, service, region, rest) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        (scheme == "arn" && service == "lambda").then_some(FunctionArn { partition, region, rest })
    }

    /// A whole function ARN written out (with its `:function:` part).
    pub fn is_function(text: &str) -> bool {
        let mut f = arn_fields(text, 4).into_iter();
        f.next() == Some("arn") && f.nth(1) == Some("lambda") && text.contains(":function:")
    }
}

#[cfg(test)]
mod response_mapping_tests {
    use super::ResponseMappingKey::{self, *};

    /// The keys of "Transforming API responses" (HTTP APIs): `append|overwrite|remove:header.NAME`
    /// and `overwrite:statuscode`, actions and locations without case.
    #[test]
    fn keys_as_http_apis_read_them() {
        let p = ResponseMappingKey::parse;
        assert_eq!(p("append:header.X-Id"), Some(SetHeader { name: "X-Id".into(), append: true }));
        assert_eq!(p("Overwrite:Header.x-id"), Some(SetHeader { name: "x-id".into(), append: false }));
        assert_eq!(p("remove:header.Server"), Some(RemoveHeader("Server".into())));
        assert_eq!(p("overwrite:statuscode"), Some(StatusCode));
        assert_eq!(p("OVERWRITE:StatusCode"), Some(StatusCode));
        // Not response mappings: the status code is only overwritten, query strings and paths
        // are request locations, a header needs a name, an action is one of three.
        for key in [
            "append:statuscode",
            "remove:statuscode",
            "overwrite:querystring.q",
            "overwrite:path",
            "overwrite:header.",
            "set:header.x",
            "header.x",
            "method.response.header.X",
        ] {
            assert_eq!(p(key), None, "{key}");
        }
    }
}

#[cfg(test)]
mod arn_tests {
    use super::{FunctionArn, ServiceUri};

    #[test]
    fn placeholders_with_colons_are_one_field() {
        let uri = ServiceUri::parse("arn:aws:apigateway:${AWS::Region}:dynamodb:action/PutItem").unwrap();
        assert_eq!((uri.region, uri.service, uri.action()), ("${AWS::Region}", "dynamodb", Some("PutItem")));
        let f = FunctionArn::parse("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f").unwrap();
        assert_eq!(
            (f.partition, f.region, f.rest),
            ("${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}:function:f")
        );
        assert!(FunctionArn::is_function("arn:aws:lambda:us-east-1:1:function:f"));
    }
}
