//! Findings in a template's resource properties, worded in CloudFormation's names.
//!
//! Rules name what they check by the OpenAPI extension's fields (`httpMethod`, `authorizerUri`,
//! `timeoutInMillis`), since every API reaches them as one document. A finding on an
//! `AWS::ApiGateway::Method` or `AWS::ApiGatewayV2::Integration` resource is fixed in that
//! resource's properties, which CloudFormation spells differently (`IntegrationHttpMethod`,
//! `AuthorizerUri`, `TimeoutInMillis`; and `IntegrationUri` on an HTTP API). Once a finding is
//! located in its template, its message and help are reworded here for the resource it is in.
//! Text in double quotes is left as it is: it quotes AWS.

use crate::diag::Finding;
use crate::source::{Loc, Sources};

/// A field's name in the extension, its name as the resource's property, and whether the word
/// is common enough in prose that only a code span starting with it names the field.
type Rename = (&'static str, &'static str, bool);

/// `x-amazon-apigateway-integration` as a Method's `Integration`.
const REST_INTEGRATION: &[Rename] = &[
    ("httpMethod", "IntegrationHttpMethod", false),
    ("uri", "Uri", true),
    ("type", "Type", true),
    ("credentials", "Credentials", true),
    ("contentHandling", "ContentHandling", false),
    ("passthroughBehavior", "PassthroughBehavior", false),
    ("requestParameters", "RequestParameters", false),
    ("requestTemplates", "RequestTemplates", false),
    ("responses", "IntegrationResponses", true),
    ("statusCode", "StatusCode", false),
    ("selectionPattern", "SelectionPattern", false),
    ("responseParameters", "ResponseParameters", false),
    ("responseTemplates", "ResponseTemplates", false),
    ("timeoutInMillis", "TimeoutInMillis", false),
    ("cacheKeyParameters", "CacheKeyParameters", false),
    ("cacheNamespace", "CacheNamespace", false),
    ("connectionType", "ConnectionType", false),
    ("connectionId", "ConnectionId", false),
    ("tlsConfig", "TlsConfig", false),
    ("insecureSkipVerification", "InsecureSkipVerification", false),
    ("responseTransferMode", "ResponseTransferMode", false),
    // Values: CloudFormation's enumerations are upper case.
    ("aws_proxy", "AWS_PROXY", true),
    ("aws", "AWS", true),
    ("http_proxy", "HTTP_PROXY", true),
    ("http", "HTTP", true),
    ("mock", "MOCK", true),
    ("when_no_match", "WHEN_NO_MATCH", true),
    ("when_no_templates", "WHEN_NO_TEMPLATES", true),
    ("never", "NEVER", true),
];

/// `x-amazon-apigateway-integration` as an `AWS::ApiGatewayV2::Integration`.
const HTTP_INTEGRATION: &[Rename] = &[
    ("httpMethod", "IntegrationMethod", false),
    ("uri", "IntegrationUri", true),
    ("type", "IntegrationType", true),
    ("credentials", "CredentialsArn", true),
    ("payloadFormatVersion", "PayloadFormatVersion", false),
    ("timeoutInMillis", "TimeoutInMillis", false),
    ("requestParameters", "RequestParameters", false),
    ("responseParameters", "ResponseParameters", false),
    ("connectionType", "ConnectionType", false),
    ("connectionId", "ConnectionId", false),
    ("integrationSubtype", "IntegrationSubtype", false),
    ("tlsConfig", "TlsConfig", false),
    ("serverNameToVerify", "ServerNameToVerify", false),
    ("aws_proxy", "AWS_PROXY", true),
    ("http_proxy", "HTTP_PROXY", true),
    // A WebSocket API's integrations are these resources too.
    ("aws", "AWS", true),
    ("http", "HTTP", true),
    ("mock", "MOCK", true),
];

/// An operation as an `AWS::ApiGateway::Method` or `AWS::ApiGatewayV2::Route` (outside a
/// Method's `Integration`).
const OPERATION: &[Rename] = &[("operationId", "OperationName", false)];

/// `x-amazon-apigateway-authorizer` as an `AWS::ApiGateway::Authorizer`.
const REST_AUTHORIZER: &[Rename] = &[
    ("authorizerUri", "AuthorizerUri", false),
    ("authorizerCredentials", "AuthorizerCredentials", false),
    ("authorizerResultTtlInSeconds", "AuthorizerResultTtlInSeconds", false),
    ("identitySource", "IdentitySource", false),
    ("identityValidationExpression", "IdentityValidationExpression", false),
    ("providerARNs", "ProviderARNs", false),
    ("type", "Type", true),
    ("token", "TOKEN", true),
    ("request", "REQUEST", true),
    ("cognito_user_pools", "COGNITO_USER_POOLS", true),
];

/// `x-amazon-apigateway-authorizer` as an `AWS::ApiGatewayV2::Authorizer`.
const HTTP_AUTHORIZER: &[Rename] = &[
    ("authorizerUri", "AuthorizerUri", false),
    ("authorizerCredentials", "AuthorizerCredentialsArn", false),
    ("authorizerResultTtlInSeconds", "AuthorizerResultTtlInSeconds", false),
    ("authorizerPayloadFormatVersion", "AuthorizerPayloadFormatVersion", false),
    ("enableSimpleResponses", "EnableSimpleResponses", false),
    ("identitySource", "IdentitySource", false),
    ("jwtConfiguration", "JwtConfiguration", false),
    ("issuer", "Issuer", true),
    ("audience", "Audience", true),
    ("type", "AuthorizerType", true),
    ("jwt", "JWT", true),
    ("request", "REQUEST", true),
];

/// Rewords `f` for the template resource property it is located in, if it is in one.
pub(crate) fn reword(sources: &Sources, f: &mut Finding) {
    let Some(renames) = renames_at(sources, &f.loc) else { return };
    f.message = rename(&f.message, renames);
    if let Some(help) = &f.help {
        f.help = Some(rename(help, renames));
    }
    // The authorizer is a resource here, not a security scheme of a document.
    if std::ptr::eq(renames, REST_AUTHORIZER) || std::ptr::eq(renames, HTTP_AUTHORIZER) {
        for text in std::iter::once(&mut f.message).chain(f.help.as_mut()) {
            *text =
                text.replace("authorizer of security scheme", "authorizer").replace("security scheme", "authorizer");
        }
    }
}

/// The renames for a node of a template: those of the resource property it is in.
fn renames_at(sources: &Sources, at: &Loc) -> Option<&'static [Rename]> {
    let (ty, property) = super::resource_of(sources, at)?;
    match (ty, property.as_deref()) {
        ("AWS::ApiGateway::Method", Some("Integration")) => Some(REST_INTEGRATION),
        ("AWS::ApiGateway::Method" | "AWS::ApiGatewayV2::Route", _) => Some(OPERATION),
        ("AWS::ApiGatewayV2::Integration", _) => Some(HTTP_INTEGRATION),
        ("AWS::ApiGateway::Authorizer", _) => Some(REST_AUTHORIZER),
        ("AWS::ApiGatewayV2::Authorizer", _) => Some(HTTP_AUTHORIZER),
        _ => None,
    }
}

/// `text` with each field name of `renames` replaced by its property name, outside double
/// quotes. A common word is replaced only where a code span starts with it (`` `type` ``,
/// `` `uri: ...` ``).
fn rename(text: &str, renames: &[Rename]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut quoted = false;
    let mut rest = text;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            quoted = !quoted;
        }
        let word_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let starts_word = word_len > 0 && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '_');
        if starts_word && !quoted {
            let word = &rest[..word_len];
            let in_span = prev == Some('`');
            let after = &rest[word_len..];
            // A field name in prose, or a code span's first word (`uri`, `type: ...`), not a
            // URL's scheme (`http://`).
            let fits = |common: bool| {
                !common || (in_span && (after.starts_with('`') || after.starts_with(": ") || after.starts_with(' ')))
            };
            if let Some((_, to, _)) = renames.iter().find(|(from, _, common)| *from == word && fits(*common)) {
                out.push_str(to);
                prev = word.chars().last();
                rest = &rest[word_len..];
                continue;
            }
            out.push_str(word);
            prev = word.chars().last();
            rest = &rest[word_len..];
            continue;
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_become_property_names() {
        assert_eq!(
            rename("httpMethod `GET` on a Lambda integration", REST_INTEGRATION),
            "IntegrationHttpMethod `GET` on a Lambda integration"
        );
        assert_eq!(rename("set `httpMethod: POST`", REST_INTEGRATION), "set `IntegrationHttpMethod: POST`");
        assert_eq!(
            rename("the `http` integration has no `httpMethod`", REST_INTEGRATION),
            "the `HTTP` integration has no `IntegrationHttpMethod`"
        );
        assert_eq!(
            rename("`uri` `example.com` is not a URL", HTTP_INTEGRATION),
            "`IntegrationUri` `example.com` is not a URL"
        );
    }

    #[test]
    fn prose_and_quotes_stay() {
        // A common word outside a code span, or inside a longer word, is prose.
        assert_eq!(rename("the uri of an http backend", REST_INTEGRATION), "the uri of an http backend");
        assert_eq!(rename("`https://x` and `mock_x`", REST_INTEGRATION), "`https://x` and `mock_x`");
        // AWS's own words are quoted as AWS wrote them.
        assert_eq!(
            rename("fails with \"Invalid httpMethod\" at timeoutInMillis", REST_INTEGRATION),
            "fails with \"Invalid httpMethod\" at TimeoutInMillis"
        );
        assert_eq!(rename("`{type: string}`", REST_INTEGRATION), "`{type: string}`");
        assert_eq!(rename("no `http://` or `https://` scheme", REST_INTEGRATION), "no `http://` or `https://` scheme");
    }
}
