//! The authorizers of an API's `Auth.Authorizers` as SAM writes them into the document: REST
//! Cognito and Lambda TOKEN / REQUEST authorizers, HTTP JWT and Lambda authorizers, each with the
//! template nodes its fields come from, or SAM's refusal of it.

use super::*;

/// The template nodes the fields of an `x-amazon-apigateway-authorizer` come from: (field,
/// template node, whether the field is a copy of it).
pub(super) type Precise = Vec<(&'static str, Pointer, bool)>;

/// How to write an authorizer of `Auth.Authorizers` that is not a mapping.
fn authorizer_help(name: &str, http: bool) -> String {
    let kinds = if http {
        "`JwtConfiguration` and `IdentitySource` for a JWT authorizer, `FunctionArn` and `AuthorizerPayloadFormatVersion` for a Lambda one"
    } else {
        "`UserPoolArn` for a Cognito authorizer, `FunctionArn` (and `FunctionPayloadType`) for a Lambda one"
    };
    help::write_as(&format!("Auth.Authorizers.{name}"), &format!("{} with {kinds}", help::MAP))
}

/// The keys of an authorizer's `Identity`.
const REST_IDENTITY_KEYS: [&str; 7] =
    ["Header", "ValidationExpression", "ReauthorizeEvery", "Headers", "QueryStrings", "StageVariables", "Context"];
const HTTP_IDENTITY_KEYS: [&str; 5] = ["Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery"];

/// How to fix a property of an HTTP API authorizer that its kind (JWT with `JwtConfiguration`,
/// else Lambda) does not take.
fn kind_help(name: &str, key: &str, jwt: bool) -> String {
    if jwt {
        format!("remove `{key}`: `{name}` has a `JwtConfiguration`, which makes it a JWT authorizer (a Lambda authorizer has `FunctionArn` and no `JwtConfiguration`)")
    } else {
        format!("remove `{key}` (a Lambda authorizer reads its identity sources from `Identity`), or give `{name}` a `JwtConfiguration` to make it a JWT authorizer")
    }
}

/// How to write a list of scopes.
fn scopes_help(name: &str) -> String {
    help::write_as(&format!("Auth.Authorizers.{name}.AuthorizationScopes"), &format!("{} of OAuth scopes", help::LIST))
}

/// A REST authorizer (Cognito, or Lambda TOKEN / REQUEST) as SAM writes it in
/// `securityDefinitions`, or SAM's refusal of it. `partition` is the one SAM writes in a Lambda
/// authorizer's URI (that of the region its transform runs in).
pub(super) fn rest_authorizer(
    name: &str,
    a: &Value,
    from: &Pointer,
    partition: &str,
) -> Result<(Value, Precise), Vec<Refused>> {
    if !a.is_object() {
        return Err(refuse(
            format!("Property 'Auth.Authorizers.{name}' should be a map."),
            authorizer_help(name, false),
            from.clone(),
        ));
    }
    let payload = a.get("FunctionPayloadType").filter(|p| !p.is_null());
    if let Some(p) = payload {
        if p != "TOKEN" && p != "REQUEST" {
            let shown = p.as_str().map_or_else(|| python_repr(p), str::to_string);
            return Err(refuse(
                format!("{name} Authorizer has invalid 'FunctionPayloadType': {shown}."),
                help::accepted("FunctionPayloadType", &["TOKEN", "REQUEST"]) + " (TOKEN when it is left out)",
                from.push("FunctionPayloadType"),
            ));
        }
    }
    let identity = a.get("Identity").filter(|i| !i.is_null());
    if let Some(i) = identity {
        if !i.is_object() {
            return Err(refuse(
                format!("Property 'Authorizer.{name}.Identity' should be a map."),
                help::map_of(&format!("Auth.Authorizers.{name}.Identity"), &REST_IDENTITY_KEYS),
                from.push("Identity"),
            ));
        }
        for key in ["Headers", "QueryStrings", "StageVariables", "Context"] {
            match i.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Array(list)) => {
                    if let Some(j) = list.iter().position(|v| !v.is_string()) {
                        return Err(refuse(
                            format!("Property 'Auth.Authorizers.{name}.Identity.{key}[{j}]' should be a string."),
                            help::write_as(
                                &format!("Identity.{key}[{j}]"),
                                "a string: the name of the value API Gateway passes to the authorizer",
                            ),
                            from.push("Identity").push(key).index(j),
                        ));
                    }
                }
                Some(_) => {
                    return Err(refuse(
                        format!("Property 'Auth.Authorizers.{name}.Identity.{key}' should be a list."),
                        help::write_as(&format!("Identity.{key}"), &format!("{} of names", help::LIST)),
                        from.push("Identity").push(key),
                    ))
                }
            }
        }
    }
    let request = payload.is_some_and(|p| p == "REQUEST");
    if request && missing_identity_source(identity) {
        return Err(refuse(
            format!("{name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context."),
            "list under `Identity` the `Headers`, `QueryStrings`, `StageVariables` or `Context` values API Gateway passes to a REQUEST authorizer (with `ReauthorizeEvery: 0`, caching off, none is needed)",
            from.push("Identity"),
        ));
    }
    if let Some(s) = a.get("AuthorizationScopes").filter(|s| !s.is_null()) {
        if !s.is_array() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.AuthorizationScopes' should be a list."),
                scopes_help(name),
                from.push("AuthorizationScopes"),
            ));
        }
    }
    if let Some(d) = a.get("DisableFunctionDefaultPermissions").filter(|d| !d.is_null()) {
        if !d.is_boolean() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.DisableFunctionDefaultPermissions' should be a boolean."),
                help::write_as("DisableFunctionDefaultPermissions", help::BOOL),
                from.push("DisableFunctionDefaultPermissions"),
            ));
        }
    }
    let header =
        identity.and_then(|i| i.get("Header")).filter(|h| !falsy(Some(h))).cloned().unwrap_or(json!("Authorization"));
    let mut precise: Precise = Vec::new();
    let mut scheme = Map::new();
    scheme.insert("type".into(), json!("apiKey"));
    scheme.insert(
        "name".into(),
        if request && a.get("UserPoolArn").is_none_or(|u| falsy(Some(u))) { json!("Unused") } else { header },
    );
    scheme.insert("in".into(), json!("header"));
    let mut authorizer = Map::new();
    let cognito = !falsy(a.get("UserPoolArn"));
    if cognito {
        scheme.insert("x-amazon-apigateway-authtype".into(), json!("cognito_user_pools"));
        authorizer.insert("type".into(), json!("cognito_user_pools"));
        let pools = a.get("UserPoolArn").cloned().unwrap_or(Value::Null);
        let arns = if pools.is_array() { pools } else { json!([pools]) };
        authorizer.insert("providerARNs".into(), arns);
        precise.push(("providerARNs", from.push("UserPoolArn"), a.get("UserPoolArn").is_some_and(Value::is_array)));
    } else {
        scheme.insert("x-amazon-apigateway-authtype".into(), json!("custom"));
        authorizer.insert("type".into(), json!(if request { "request" } else { "token" }));
        let function = a.get("FunctionArn").cloned().unwrap_or(Value::Null);
        authorizer.insert(
            "authorizerUri".into(),
            json!({"Fn::Sub": [
                format!("arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{__FunctionArn__}}/invocations"),
                {"__FunctionArn__": function}
            ]}),
        );
        precise.push(("authorizerUri", from.push("FunctionArn"), false));
        if let Some(ttl) = identity.and_then(|i| i.get("ReauthorizeEvery")).filter(|t| !t.is_null()) {
            authorizer.insert("authorizerResultTtlInSeconds".into(), ttl.clone());
            precise.push(("authorizerResultTtlInSeconds", from.push("Identity").push("ReauthorizeEvery"), false));
        }
        if let Some(role) = a.get("FunctionInvokeRole").filter(|r| !falsy(Some(r)) && *r != "NONE") {
            authorizer.insert("authorizerCredentials".into(), role.clone());
            precise.push(("authorizerCredentials", from.push("FunctionInvokeRole"), false));
        }
        if request {
            let source = rest_identity_source(identity);
            if !source.is_empty() {
                authorizer.insert("identitySource".into(), json!(source));
                precise.push(("identitySource", from.push("Identity"), false));
            }
        }
    }
    if cognito || !request {
        if let Some(expr) = identity.and_then(|i| i.get("ValidationExpression")).filter(|e| !falsy(Some(e))) {
            authorizer.insert("identityValidationExpression".into(), expr.clone());
            precise.push(("identityValidationExpression", from.push("Identity").push("ValidationExpression"), false));
        }
    }
    scheme.insert("x-amazon-apigateway-authorizer".into(), Value::Object(authorizer));
    Ok((Value::Object(scheme), precise))
}

/// SAM's test for a REQUEST authorizer without identity sources (a zero `ReauthorizeEvery`
/// allows none).
pub(super) fn missing_identity_source(identity: Option<&Value>) -> bool {
    let Some(i) = identity.filter(|i| !falsy(Some(i))) else { return true };
    let missing = ["Headers", "QueryStrings", "StageVariables", "Context"].iter().all(|k| falsy(i.get(*k)));
    let ttl = match i.get("ReauthorizeEvery") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match ttl {
        Some(t) => t > 0 && missing,
        None => missing,
    }
}

/// A REST REQUEST authorizer's `identitySource`: headers, query strings, stage variables and
/// context values, comma-separated.
pub(super) fn rest_identity_source(identity: Option<&Value>) -> String {
    let mut parts = Vec::new();
    for (key, prefix) in [
        ("Headers", "method.request.header."),
        ("QueryStrings", "method.request.querystring."),
        ("StageVariables", "stageVariables."),
        ("Context", "context."),
    ] {
        for v in identity.and_then(|i| i.get(key)).and_then(Value::as_array).into_iter().flatten() {
            if let Some(v) = v.as_str() {
                parts.push(format!("{prefix}{v}"));
            }
        }
    }
    parts.join(", ")
}

/// `{"Ref": "AWS::NoValue"}`: the property is not there.
pub(super) fn is_no_value(v: &Value) -> bool {
    v.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue")
}

/// An HTTP API authorizer as SAM writes it in `components.securitySchemes`: JWT (with
/// `JwtConfiguration`) or Lambda REQUEST. `partition` is the one SAM writes in a Lambda
/// authorizer's URI.
pub(super) fn http_authorizer(
    name: &str,
    a: &Value,
    from: &Pointer,
    partition: &str,
) -> Result<(Value, Precise), Vec<Refused>> {
    let Some(m) = a.as_object() else {
        return Err(refuse(
            format!("Property 'Auth.Authorizers.{name}' should be a map."),
            authorizer_help(name, true),
            from.clone(),
        ));
    };
    if m.contains_key("OpenIdConnectUrl") {
        return Err(refuse(
            format!("'OpenIdConnectUrl' is no longer a supported property for authorizer '{name}'. Please refer to the AWS SAM documentation."),
            "remove `OpenIdConnectUrl`: a JWT authorizer names its token issuer as `JwtConfiguration.issuer`",
            from.push("OpenIdConnectUrl"),
        ));
    }
    let given = |k: &str| m.get(k).filter(|v| !v.is_null());
    let jwt = !falsy(given("JwtConfiguration"));
    let only = |key: &str, what: &str, wanted: bool| -> Result<(), Vec<Refused>> {
        if given(key).is_some() && !wanted {
            return Err(refuse(
                format!("{key} must be defined only for {what}."),
                kind_help(name, key, jwt),
                from.push(key),
            ));
        }
        Ok(())
    };
    if let Some(s) = given("AuthorizationScopes") {
        if !s.is_array() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.AuthorizationScopes' should be a list."),
                scopes_help(name),
                from.push("AuthorizationScopes"),
            ));
        }
    }
    only("AuthorizationScopes", "OAuth2 Authorizer", jwt)?;
    only("IdentitySource", "OAuth2 Authorizer", jwt)?;
    for key in
        ["FunctionArn", "FunctionInvokeRole", "Identity", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses"]
    {
        only(key, "Lambda Authorizer", !jwt)?;
    }
    if let Some(p) = given("EnableFunctionDefaultPermissions") {
        if jwt {
            return Err(refuse(
                "EnableFunctionDefaultPermissions is only supported for Lambda Authorizer.",
                kind_help(name, "EnableFunctionDefaultPermissions", true),
                from.push("EnableFunctionDefaultPermissions"),
            ));
        }
        if !p.is_boolean() {
            return Err(refuse(
                format!("Property 'Authorizers.{name}.EnableFunctionDefaultPermissions' should be a boolean."),
                help::write_as("EnableFunctionDefaultPermissions", help::BOOL),
                from.push("EnableFunctionDefaultPermissions"),
            ));
        }
    }
    let mut precise: Precise = Vec::new();
    if jwt {
        if falsy(given("IdentitySource")) {
            return Err(refuse(
                format!("{name} OAuth2 Authorizer must define 'IdentitySource'."),
                format!("add `IdentitySource` to `{name}`: where API Gateway reads the token, such as `$request.header.Authorization`"),
                from.clone(),
            ));
        }
        precise.push(("jwtConfiguration", from.push("JwtConfiguration"), true));
        precise.push(("identitySource", from.push("IdentitySource"), true));
        let scheme = json!({
            "type": "oauth2",
            "x-amazon-apigateway-authorizer": {
                "jwtConfiguration": m["JwtConfiguration"],
                "identitySource": m["IdentitySource"],
                "type": "jwt",
            }
        });
        return Ok((scheme, precise));
    }
    if falsy(given("FunctionArn")) {
        return Err(refuse(
            format!("{name} Lambda Authorizer must define 'FunctionArn'."),
            format!("add `FunctionArn` to `{name}`: the ARN of the authorizer's function, such as `!GetAtt AuthFunction.Arn` (or give it a `JwtConfiguration` to make it a JWT authorizer)"),
            from.clone(),
        ));
    }
    if falsy(given("AuthorizerPayloadFormatVersion")) {
        return Err(refuse(
            format!("{name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'."),
            help::accepted(&format!("Auth.Authorizers.{name}.AuthorizerPayloadFormatVersion"), &["1.0", "2.0"])
                + ": the format of the request API Gateway sends the function",
            from.clone(),
        ));
    }
    let identity = given("Identity");
    if let Some(i) = identity {
        if !i.is_object() {
            return Err(refuse(
                format!("Property 'Auth.Authorizers.{name}.Identity' should be a map."),
                help::map_of(&format!("Auth.Authorizers.{name}.Identity"), &HTTP_IDENTITY_KEYS),
                from.push("Identity"),
            ));
        }
        if let Some(h) = i.get("Headers").filter(|h| !falsy(Some(h))) {
            if h.as_array().is_none_or(|l| l.iter().any(|v| !v.is_string())) {
                return Err(refuse(
                    format!("{name} Lambda Authorizer property identity's 'Headers' is of invalid type."),
                    help::write_as("Identity.Headers", &format!("{} of header names", help::LIST)),
                    from.push("Identity").push("Headers"),
                ));
            }
        }
    }
    let mut authorizer = Map::new();
    authorizer.insert("type".into(), json!("request"));
    authorizer.insert(
        "authorizerUri".into(),
        json!({"Fn::Sub": [
            format!("arn:{partition}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{__FunctionArn__}}/invocations"),
            {"__FunctionArn__": m["FunctionArn"]}
        ]}),
    );
    precise.push(("authorizerUri", from.push("FunctionArn"), false));
    if let Some(role) = given("FunctionInvokeRole").filter(|r| !falsy(Some(r)) && *r != "NONE") {
        authorizer.insert("authorizerCredentials".into(), role.clone());
        precise.push(("authorizerCredentials", from.push("FunctionInvokeRole"), false));
    }
    if let Some(ttl) = identity.and_then(|i| i.get("ReauthorizeEvery")).filter(|t| !t.is_null()) {
        authorizer.insert("authorizerResultTtlInSeconds".into(), ttl.clone());
        precise.push(("authorizerResultTtlInSeconds", from.push("Identity").push("ReauthorizeEvery"), false));
    }
    if let Some(Value::Object(i)) = identity.filter(|i| !falsy(Some(i))) {
        let mut sources = Vec::new();
        for (key, list) in i {
            let prefix = match key.as_str() {
                "Headers" => "$request.header.",
                "QueryStrings" => "$request.querystring.",
                "StageVariables" => "$stageVariables.",
                "Context" => "$context.",
                _ => continue,
            };
            for v in list.as_array().into_iter().flatten().filter_map(Value::as_str) {
                sources.push(json!(format!("{prefix}{v}")));
            }
        }
        authorizer.insert("identitySource".into(), Value::Array(sources));
        precise.push(("identitySource", from.push("Identity"), false));
    }
    authorizer.insert("authorizerPayloadFormatVersion".into(), m["AuthorizerPayloadFormatVersion"].clone());
    precise.push(("authorizerPayloadFormatVersion", from.push("AuthorizerPayloadFormatVersion"), false));
    if given("EnableSimpleResponses").is_some_and(|e| !falsy(Some(e))) {
        authorizer.insert("enableSimpleResponses".into(), m["EnableSimpleResponses"].clone());
        precise.push(("enableSimpleResponses", from.push("EnableSimpleResponses"), false));
    }
    let scheme =
        json!({"type": "apiKey", "name": "Unused", "in": "header", "x-amazon-apigateway-authorizer": authorizer});
    Ok((scheme, precise))
}
