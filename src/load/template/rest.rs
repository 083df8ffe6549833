//! A REST API CloudFormation builds from resources (`AWS::ApiGateway::RestApi` without a `Body`):
//! its document, made from the `Resource` tree, the `Method`s, `Authorizer`s, `Model`s,
//! `RequestValidator`s and `GatewayResponse`s that point at it.
//!
//! The document is OpenAPI 3.0, written as API Gateway's own export (`get-export ... oas30`
//! with `extensions='apigateway'`) writes the API those resources make. OpenAPI 3.0 rather than
//! Swagger 2.0 because a Method's `RequestModels` and `MethodResponses[].ResponseModels` give a
//! model per content type, which OpenAPI 3.0 keeps (`content: {<type>: {schema}}`) and Swagger 2.0
//! cannot (one body schema for every type in `consumes` / `produces`); and because an HTTP API
//! built the same way must be OpenAPI 3.0, so both kinds of built API read alike.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Map, Value};

use super::resources::{
    copy, entry, flag, not_a_ref, number, of_type, plain, pointing_at, put, referenced, resource_ptr, wrong_target,
    Doc, Res,
};
use super::{At, Built, Context, Noted, Refused, TemplateApi};
use crate::source::{Pointer, Source};

const RESOURCE: &str = "AWS::ApiGateway::Resource";
const METHOD: &str = "AWS::ApiGateway::Method";
const AUTHORIZER: &str = "AWS::ApiGateway::Authorizer";
const MODEL: &str = "AWS::ApiGateway::Model";
const VALIDATOR: &str = "AWS::ApiGateway::RequestValidator";
const GATEWAY_RESPONSE: &str = "AWS::ApiGateway::GatewayResponse";

// The schemas of `AWS::ApiGateway::Model`s: the built-in ones, and references between models.
#[path = "rest_models.rs"]
mod models;

/// The document of a REST API defined by resources: each `AWS::ApiGateway::Method` becomes an
/// operation at the path of its `Resource` (`ANY` as `x-amazon-apigateway-any-method`), with its
/// `Integration` as `x-amazon-apigateway-integration`, its authorization as security
/// requirements and schemes, its request parameters, models, validator and method responses;
/// the API's authorizers, models, validators, gateway responses and its own `BinaryMediaTypes`,
/// `ApiKeySourceType`, `MinimumCompressionSize` and `Policy` as the export writes them.
///
/// A Method on a resource the template does not define, a `ParentId` cycle, or a reference to
/// an authorizer, validator or resource that is not there is an error at that property: the
/// stack would not deploy.
pub fn build_body(template: &Source, api: &TemplateApi, ctx: &Context) -> Result<Built, Refused> {
    let t = &template.value;
    let id = api.logical_id.as_str();
    let Some(rest_api) = of_type(t, "AWS::ApiGateway::RestApi").into_iter().find(|r| r.id == id) else {
        return Err(Refused::new(
            format!("the template has no RestApi `{id}`"),
            "name an AWS::ApiGateway::RestApi of the template with --api",
            resource_ptr(id),
        ));
    };
    let mut b = Builder {
        t,
        ctx,
        api: id,
        out: Doc::default(),
        doc: json!({"openapi": "3.0.1"}),
        parts: Vec::new(),
        findings: Vec::new(),
    };
    b.info(&rest_api);
    let paths = b.resource_paths()?;
    let authorizers = b.authorizers()?;
    let models = b.models();
    let validators = b.validators();
    b.methods(&paths, &authorizers, &models, &validators)?;
    b.gateway_responses();
    b.api_properties(&rest_api);
    Ok(Built { doc: b.doc, added: b.out.added, findings: b.findings })
}

struct Builder<'t> {
    t: &'t Value,
    ctx: &'t Context,
    api: &'t str,
    out: Doc,
    doc: Value,
    /// Each Resource's path and where its `PathPart` is: a path variable is declared there.
    parts: Vec<(String, Pointer)>,
    findings: Vec<Noted>,
}

/// An authorizer of the API: the security scheme named after it.
struct Authorizer {
    scheme: String,
}

impl<'t> Builder<'t> {
    /// `info` from the RestApi's `Name` and `Description`.
    fn info(&mut self, api: &Res<'t>) {
        let mut info = self.out.info(api, self.api);
        // The export writes the deployment's date; a template has none.
        info.insert("version".into(), Value::String("1.0".into()));
        put(&mut self.doc, "info", Value::Object(info));
        put(&mut self.doc, "paths", Value::Object(Map::new()));
    }

    /// The path of every `AWS::ApiGateway::Resource` of the API, from its `PathPart` and its
    /// parents (`ParentId`: the API's `RootResourceId`, or another Resource).
    fn resource_paths(&self) -> Result<HashMap<&'t str, String>, Refused> {
        let all = pointing_at(self.t, RESOURCE, "RestApiId", self.api);
        let by_id: HashMap<&str, &Res> = all.iter().map(|r| (r.id, r)).collect();
        let mut paths: HashMap<&'t str, String> = HashMap::new();
        let mut seen_under: HashMap<(String, String), &str> = HashMap::new();
        for r in &all {
            let mut chain = vec![r];
            let mut on_chain: HashSet<&str> = HashSet::from([r.id]);
            // Walk up to the root (or to a resource already placed), refusing cycles.
            let base = loop {
                let cur = chain[chain.len() - 1];
                if let Some(p) = paths.get(cur.id) {
                    chain.pop();
                    break p.clone();
                }
                match self.parent(cur, &by_id)? {
                    None => break String::new(),
                    Some(parent) => {
                        if !on_chain.insert(parent.id) {
                            return Err(Refused::new(
                                format!("`{}`'s ParentId leads back to itself: the resources form a cycle", cur.id),
                                "CloudFormation refuses circular dependencies: make the chain of ParentIds end at the API's RootResourceId",
                                cur.at("ParentId"),
                            ));
                        }
                        chain.push(parent);
                    }
                }
            };
            let mut path = base;
            for res in chain.into_iter().rev() {
                let parent = if path.is_empty() { "/".to_string() } else { path.clone() };
                let part = self.path_part(res)?;
                if let Some(other) = seen_under.insert((parent.clone(), part.clone()), res.id) {
                    if other != res.id {
                        return Err(Refused::new(
                            format!("`{}` and `{other}` both define `{part}` under `{parent}`: API Gateway refuses the second", res.id),
                            format!("keep one of them and put the other's Methods on it (\"Another resource with the same parent already has this name: {part}\")"),
                            res.at("PathPart"),
                        ));
                    }
                }
                path = format!("{path}/{part}");
                paths.insert(res.id, path.clone());
            }
        }
        Ok(paths)
    }

    fn path_part(&self, r: &Res) -> Result<String, Refused> {
        match plain(self.ctx, r.get("PathPart")) {
            Some(p) if !p.is_empty() && !p.contains('/') => Ok(p),
            Some(p) => Err(Refused::new(
                format!("`{}`'s PathPart `{p}` must be one non-empty path segment", r.id),
                "make one Resource per segment, each the parent of the next",
                r.at("PathPart"),
            )),
            None if r.get("PathPart").is_some() => Err(Refused::new(
                format!("`{}`'s PathPart cannot be resolved from the template", r.id),
                "give the parameters it reads a value (--parameter NAME=VALUE), or write the segment",
                r.at("PathPart"),
            )),
            None => Err(Refused::new(
                format!("Resource `{}` has no PathPart", r.id),
                "add `PathPart`: CloudFormation requires it",
                r.resource_ptr(),
            )),
        }
    }

    /// A Resource's parent: None for the API's root resource.
    fn parent<'a>(&self, r: &Res, by_id: &HashMap<&str, &'a Res<'t>>) -> Result<Option<&'a Res<'t>>, Refused> {
        let Some(v) = r.get("ParentId") else {
            return Err(Refused::new(
                format!("Resource `{}` has no ParentId", r.id),
                format!("add `ParentId: !GetAtt {}.RootResourceId` (or a Ref to its parent Resource): CloudFormation requires it", self.api),
                r.resource_ptr(),
            ));
        };
        self.resource_at(v, by_id, &r.at("ParentId"), &format!("`{}`'s ParentId", r.id))
    }

    /// The resource a `ParentId` / `ResourceId` names: None for the API's root.
    fn resource_at<'a>(
        &self,
        v: &Value,
        by_id: &HashMap<&str, &'a Res<'t>>,
        at: &Pointer,
        what: &str,
    ) -> Result<Option<&'a Res<'t>>, Refused> {
        match referenced(v) {
            Some((id, Some("RootResourceId"))) if id == self.api => Ok(None),
            Some((id, Some("RootResourceId"))) => {
                Err(Refused::new(
                    format!("{what} is the root of `{id}`, not of `{}`", self.api),
                    format!("write `!GetAtt {}.RootResourceId`", self.api),
                    at.clone(),
                ))
            }
            Some((id, None | Some("ResourceId"))) => match by_id.get(id) {
                Some(r) => Ok(Some(*r)),
                None => Err(wrong_target(self.t, what, id, RESOURCE, self.api, at.clone())),
            },
            _ => Err(Refused::new(
                format!(
                    "{what} must be a Ref to an AWS::ApiGateway::Resource or `Fn::GetAtt: [{}, RootResourceId]`",
                    self.api
                ),
                "gwgen reads the API from this template only: Ref a Resource defined here (an imported or literal id names one gwgen cannot see)",
                at.clone(),
            )),
        }
    }

    /// Security schemes for the API's authorizers, by logical id.
    fn authorizers(&mut self) -> Result<HashMap<&'t str, Authorizer>, Refused> {
        let mut out = HashMap::new();
        let mut taken = HashSet::new();
        for a in pointing_at(self.t, AUTHORIZER, "RestApiId", self.api) {
            let name = plain(self.ctx, a.get("Name")).filter(|n| !n.is_empty() && !taken.contains(n));
            let scheme = name.unwrap_or_else(|| a.id.to_string());
            taken.insert(scheme.clone());
            let kind = plain(self.ctx, a.get("Type")).map(|k| k.to_ascii_uppercase());
            let cognito = kind.as_deref() == Some("COGNITO_USER_POOLS");
            let ptr = Pointer::root().push("components").push("securitySchemes").push(&scheme);
            let auth_ptr = ptr.push("x-amazon-apigateway-authorizer");
            let mut authorizer = Map::new();
            let mut fields: Vec<(&str, &str)> = Vec::new();
            if let Some(k) = &kind {
                authorizer.insert("type".into(), Value::String(k.to_ascii_lowercase()));
                fields.push(("type", "Type"));
            } else if let Some(k) = a.get("Type") {
                authorizer.insert("type".into(), copy(k));
                fields.push(("type", "Type"));
            }
            for (key, prop) in [
                ("authorizerUri", "AuthorizerUri"),
                ("authorizerCredentials", "AuthorizerCredentials"),
                ("identitySource", "IdentitySource"),
                ("identityValidationExpression", "IdentityValidationExpression"),
            ] {
                if let Some(v) = a.get(prop) {
                    authorizer.insert(key.into(), copy(v));
                    fields.push((key, prop));
                }
            }
            if let Some(v) = a.get("AuthorizerResultTtlInSeconds") {
                authorizer.insert("authorizerResultTtlInSeconds".into(), number(v));
                fields.push(("authorizerResultTtlInSeconds", "AuthorizerResultTtlInSeconds"));
            }
            if let Some(v) = a.get("ProviderARNs") {
                authorizer.insert("providerARNs".into(), copy(v));
                self.out.copied(&auth_ptr.push("providerARNs"), &a.at("ProviderARNs"));
            }
            // The header a TOKEN or Cognito authorizer reads is the scheme's `name`; a REQUEST
            // authorizer's sources are in `identitySource`, and the scheme says `Unused`.
            let header = plain(self.ctx, a.get("IdentitySource"))
                .and_then(|s| s.trim().strip_prefix("method.request.header.").map(str::to_string))
                .filter(|h| !h.contains(',') && kind.as_deref() != Some("REQUEST"));
            let header = header.unwrap_or_else(|| {
                if cognito && a.get("IdentitySource").is_none() { "Authorization" } else { "Unused" }.to_string()
            });
            let authtype = if cognito { "cognito_user_pools" } else { "custom" };
            let scheme_value = json!({
                "type": "apiKey",
                "name": header,
                "in": "header",
                "x-amazon-apigateway-authtype": authtype,
                "x-amazon-apigateway-authorizer": Value::Object(authorizer),
            });
            self.out.made(&ptr, &a.resource_ptr());
            if a.get("IdentitySource").is_some() {
                self.out.made(&ptr.push("name"), &a.at("IdentitySource"));
            }
            if a.get("Type").is_some() {
                self.out.made(&ptr.push("x-amazon-apigateway-authtype"), &a.at("Type"));
            }
            for (key, prop) in fields {
                self.out.made(&auth_ptr.push(key), &a.at(prop));
            }
            let schemes = entry(entry(&mut self.doc, "components"), "securitySchemes");
            put(schemes, &scheme, scheme_value);
            out.insert(a.id, Authorizer { scheme });
        }
        Ok(out)
    }

    /// `x-amazon-apigateway-request-validators` from the API's validators, by logical id: the
    /// name each has.
    fn validators(&mut self) -> HashMap<&'t str, String> {
        let mut out = HashMap::new();
        for v in pointing_at(self.t, VALIDATOR, "RestApiId", self.api) {
            let name = plain(self.ctx, v.get("Name")).filter(|n| !n.is_empty()).unwrap_or_else(|| v.id.to_string());
            let ptr = Pointer::root().push("x-amazon-apigateway-request-validators").push(&name);
            let mut value = Map::new();
            for (key, prop) in [
                ("validateRequestBody", "ValidateRequestBody"),
                ("validateRequestParameters", "ValidateRequestParameters"),
            ] {
                value.insert(key.into(), Value::Bool(flag(v.get(prop)).unwrap_or(false)));
                if v.get(prop).is_some() {
                    self.out.made(&ptr.push(key), &v.at(prop));
                }
            }
            self.out.made(&ptr, &v.resource_ptr());
            put(entry(&mut self.doc, "x-amazon-apigateway-request-validators"), &name, Value::Object(value));
            out.insert(v.id, name);
        }
        out
    }

    fn methods(
        &mut self,
        paths: &HashMap<&'t str, String>,
        authorizers: &HashMap<&'t str, Authorizer>,
        models: &HashMap<&'t str, String>,
        validators: &HashMap<&'t str, String>,
    ) -> Result<(), Refused> {
        let resources = pointing_at(self.t, RESOURCE, "RestApiId", self.api);
        let by_id: HashMap<&str, &Res> = resources.iter().map(|r| (r.id, r)).collect();
        self.parts = resources.iter().filter_map(|r| Some((paths.get(r.id)?.clone(), r.at("PathPart")))).collect();
        // Operations by path (sorted, as the export lists them), in template order within one.
        let mut by_path: BTreeMap<String, Vec<(String, Value, Option<Pointer>)>> = BTreeMap::new();
        let mut taken: HashMap<(String, String), &str> = HashMap::new();
        let mut op_ids: Vec<(Pointer, Pointer)> = Vec::new();
        for m in pointing_at(self.t, METHOD, "RestApiId", self.api) {
            let Some(rid) = m.get("ResourceId") else {
                return Err(Refused::new(
                    format!("Method `{}` has no ResourceId", m.id),
                    "add `ResourceId`: a Ref to its Resource, or the API's RootResourceId; CloudFormation requires it",
                    m.resource_ptr(),
                ));
            };
            let res = self.resource_at(rid, &by_id, &m.at("ResourceId"), &format!("Method `{}`'s ResourceId", m.id))?;
            let path = match res {
                None => "/".to_string(),
                Some(r) => paths.get(r.id).cloned().unwrap_or_default(),
            };
            let Some(verb) = plain(self.ctx, m.get("HttpMethod")).map(|v| v.to_ascii_uppercase()) else {
                let why = if m.get("HttpMethod").is_some() {
                    "an HttpMethod that does not resolve to a string"
                } else {
                    "no HttpMethod"
                };
                return Err(Refused::new(
                    format!("Method `{}` has {why}", m.id),
                    "write `HttpMethod`: GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or ANY (a parameter gets its value with --parameter NAME=VALUE)",
                    m.at("HttpMethod"),
                ));
            };
            let key = match verb.as_str() {
                "ANY" => "x-amazon-apigateway-any-method".to_string(),
                "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" => verb.to_ascii_lowercase(),
                other => {
                    return Err(Refused::new(
                        format!("Method `{}`'s HttpMethod `{other}` is not one API Gateway accepts (GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, ANY)", m.id),
                        "use one of those; ANY answers every method",
                        m.at("HttpMethod"),
                    ))
                }
            };
            if let Some(other) = taken.insert((path.clone(), key.clone()), m.id) {
                return Err(Refused::new(
                    format!("`{}` and `{other}` are both {verb} {path}: API Gateway refuses the second", m.id),
                    "remove one of them, or move it to another Resource",
                    m.at("HttpMethod"),
                ));
            }
            let op_ptr = Pointer::root().push("paths").push(&path).push(&key);
            let op = self.operation(&m, &path, &op_ptr, authorizers, models, validators)?;
            if m.get("OperationName").is_some() {
                op_ids.push((op_ptr.push("operationId"), m.at("OperationName")));
            }
            self.out.made(&op_ptr, &m.resource_ptr());
            by_path.entry(path).or_default().push((key, op, res.map(|r| r.resource_ptr())));
        }
        for (path, ops) in by_path {
            let item_ptr = Pointer::root().push("paths").push(&path);
            let mut item = Map::new();
            for (key, op, res) in ops {
                if let Some(res) = res {
                    self.out.made(&item_ptr, &res);
                }
                item.insert(key, op);
            }
            put(entry(&mut self.doc, "paths"), &path, Value::Object(item));
        }
        for (at, from) in op_ids {
            self.out.made(&at, &from);
        }
        Ok(())
    }

    /// One Method as an operation.
    fn operation(
        &mut self,
        m: &Res<'t>,
        path: &str,
        op_ptr: &Pointer,
        authorizers: &HashMap<&'t str, Authorizer>,
        models: &HashMap<&'t str, String>,
        validators: &HashMap<&'t str, String>,
    ) -> Result<Value, Refused> {
        let mut op = Map::new();
        if let Some(name) = m.get("OperationName") {
            op.insert("operationId".into(), copy(name));
        }
        // Parameters: the method request's, then the path's variables it does not declare.
        let mut params = Vec::new();
        let mut declared_path = HashSet::new();
        if let Some(Value::Object(rp)) = m.get("RequestParameters") {
            for (key, required) in rp {
                let Some((location, name)) = request_parameter(key) else {
                    self.findings.push(not_a_request_parameter(key, m.at("RequestParameters").push(key)));
                    continue;
                };
                if location == "path" {
                    declared_path.insert(name.to_string());
                }
                let at = op_ptr.push("parameters").index(params.len());
                self.out.made(&at, &m.at("RequestParameters").push(key));
                let required = location == "path" || flag(Some(required)).unwrap_or(false);
                params.push(json!({"name": name, "in": location, "required": required, "schema": {"type": "string"}}));
            }
        }
        for var in super::resources::path_variables(path) {
            if !declared_path.contains(&var) {
                // Declared by the PathPart of the resource (this one or a parent) that names it.
                let part = self.parts.iter().find(|(p, _)| {
                    let last = p.rsplit('/').next().unwrap_or_default();
                    (path == p || path.starts_with(&format!("{p}/")))
                        && (last == format!("{{{var}}}") || last == format!("{{{var}+}}"))
                });
                if let Some((_, from)) = part {
                    self.out.made(&op_ptr.push("parameters").index(params.len()), from);
                }
                params.push(json!({"name": var, "in": "path", "required": true, "schema": {"type": "string"}}));
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        // Request body: a model per content type.
        if let Some(Value::Object(rm)) = m.get("RequestModels") {
            let mut content = Map::new();
            for (ct, model) in rm {
                let schema = self.model_ref(model, models, "RequestModels", &m.at("RequestModels").push(ct));
                let at = op_ptr.push("requestBody").push("content").push(ct);
                self.out.made(&at, &m.at("RequestModels").push(ct));
                content.insert(ct.clone(), json!({"schema": schema}));
            }
            if !content.is_empty() {
                op.insert("requestBody".into(), json!({"content": content, "required": true}));
                self.out.made(&op_ptr.push("requestBody"), &m.at("RequestModels"));
            }
        }
        // Method responses.
        if let Some(Value::Array(rs)) = m.get("MethodResponses") {
            let mut responses = Map::new();
            for (i, r) in rs.iter().enumerate() {
                let from = m.at("MethodResponses").index(i);
                let Some(code) = plain(self.ctx, r.get("StatusCode")) else { continue };
                let at = op_ptr.push("responses").push(&code);
                self.out.made(&at, &from);
                let mut response = Map::new();
                response.insert("description".into(), Value::String(format!("{code} response")));
                if let Some(Value::Object(hp)) = r.get("ResponseParameters") {
                    let mut headers = Map::new();
                    for (key, _) in hp {
                        let Some(name) = key.strip_prefix("method.response.header.") else { continue };
                        self.out.made(&at.push("headers").push(name), &from.push("ResponseParameters").push(key));
                        headers.insert(name.to_string(), json!({"schema": {"type": "string"}}));
                    }
                    if !headers.is_empty() {
                        response.insert("headers".into(), Value::Object(headers));
                    }
                }
                if let Some(Value::Object(models_by_type)) = r.get("ResponseModels") {
                    let mut content = Map::new();
                    for (ct, model) in models_by_type {
                        let schema =
                            self.model_ref(model, models, "ResponseModels", &from.push("ResponseModels").push(ct));
                        self.out.made(&at.push("content").push(ct), &from.push("ResponseModels").push(ct));
                        content.insert(ct.clone(), json!({"schema": schema}));
                    }
                    if !content.is_empty() {
                        response.insert("content".into(), Value::Object(content));
                    }
                }
                responses.insert(code, Value::Object(response));
            }
            op.insert("responses".into(), Value::Object(responses));
        }
        // Authorization.
        if let Some(requirement) = self.security(m, op_ptr, authorizers)? {
            op.insert("security".into(), json!([requirement]));
        }
        if let Some(v) = m.get("RequestValidatorId") {
            let name = match referenced(v) {
                Some((id, _)) => validators.get(id).cloned().ok_or_else(|| {
                    wrong_target(
                        self.t,
                        &format!("Method `{}`'s RequestValidatorId", m.id),
                        id,
                        VALIDATOR,
                        self.api,
                        m.at("RequestValidatorId"),
                    )
                })?,
                None => {
                    return Err(not_a_ref(
                        &format!("Method `{}`'s RequestValidatorId", m.id),
                        VALIDATOR,
                        m.at("RequestValidatorId"),
                    ))
                }
            };
            op.insert("x-amazon-apigateway-request-validator".into(), Value::String(name));
            self.out.made(&op_ptr.push("x-amazon-apigateway-request-validator"), &m.at("RequestValidatorId"));
        }
        if let Some(Value::Object(integration)) = m.get("Integration") {
            let at = op_ptr.push("x-amazon-apigateway-integration");
            op.insert(
                "x-amazon-apigateway-integration".into(),
                self.integration(integration, &m.at("Integration"), &at),
            );
        }
        Ok(Value::Object(op))
    }

    /// The method's security requirement: its authorizer (or IAM) and the API key.
    fn security(
        &mut self,
        m: &Res<'t>,
        op_ptr: &Pointer,
        authorizers: &HashMap<&'t str, Authorizer>,
    ) -> Result<Option<Value>, Refused> {
        let mut requirement = Map::new();
        let kind = plain(self.ctx, m.get("AuthorizationType")).map(|k| k.to_ascii_uppercase());
        let at = op_ptr.push("security").index(0);
        match kind.as_deref() {
            None | Some("NONE") => {}
            Some("AWS_IAM") => {
                requirement.insert("sigv4".into(), json!([]));
                self.out.made(&at.push("sigv4"), &m.at("AuthorizationType"));
                let schemes = entry(entry(&mut self.doc, "components"), "securitySchemes");
                put(
                    schemes,
                    "sigv4",
                    json!({"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}),
                );
            }
            Some("CUSTOM" | "COGNITO_USER_POOLS") => {
                let Some(v) = m.get("AuthorizerId") else {
                    return Err(Refused::new(
                        format!(
                            "Method `{}` has AuthorizationType {} but no AuthorizerId",
                            m.id,
                            kind.unwrap_or_default()
                        ),
                        "add `AuthorizerId`: a Ref to the API's AWS::ApiGateway::Authorizer (PutMethod fails without one)",
                        m.at("AuthorizationType"),
                    ));
                };
                let a = match referenced(v) {
                    Some((id, _)) => authorizers.get(id).ok_or_else(|| {
                        wrong_target(
                            self.t,
                            &format!("Method `{}`'s AuthorizerId", m.id),
                            id,
                            AUTHORIZER,
                            self.api,
                            m.at("AuthorizerId"),
                        )
                    })?,
                    None => {
                        return Err(not_a_ref(
                            &format!("Method `{}`'s AuthorizerId", m.id),
                            AUTHORIZER,
                            m.at("AuthorizerId"),
                        ))
                    }
                };
                // PutMethod takes scopes with any authorizer; only a Cognito one checks them
                // (`scopes-ignored` says so of the others).
                let scopes = match m.get("AuthorizationScopes") {
                    Some(s @ Value::Array(_)) => {
                        self.out.copied(&at.push(&a.scheme), &m.at("AuthorizationScopes"));
                        copy(s)
                    }
                    _ => {
                        self.out.made(&at.push(&a.scheme), &m.at("AuthorizerId"));
                        json!([])
                    }
                };
                requirement.insert(a.scheme.clone(), scopes);
            }
            Some(other) => {
                return Err(Refused::new(
                    format!(
                        "Method `{}`'s AuthorizationType `{other}` is not NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS",
                        m.id
                    ),
                    "use one of those (CUSTOM for a Lambda authorizer)",
                    m.at("AuthorizationType"),
                ))
            }
        }
        if flag(m.get("ApiKeyRequired")) == Some(true) {
            requirement.insert("api_key".into(), json!([]));
            self.out.made(&at.push("api_key"), &m.at("ApiKeyRequired"));
            let schemes = entry(entry(&mut self.doc, "components"), "securitySchemes");
            put(schemes, "api_key", json!({"type": "apiKey", "name": "x-api-key", "in": "header"}));
        }
        if requirement.is_empty() {
            return Ok(None);
        }
        self.out
            .made(&op_ptr.push("security"), &m.at(if kind.is_some() { "AuthorizationType" } else { "ApiKeyRequired" }));
        Ok(Some(Value::Object(requirement)))
    }

    /// A Method's `Integration` as `x-amazon-apigateway-integration`.
    fn integration(&mut self, i: &Map<String, Value>, from: &Pointer, at: &Pointer) -> Value {
        let mut out = Map::new();
        self.out.made(at, from);
        for (prop, key, how) in [
            ("Type", "type", Field::Lower),
            ("IntegrationHttpMethod", "httpMethod", Field::Copy),
            ("Uri", "uri", Field::Copy),
            ("Credentials", "credentials", Field::Copy),
            ("ConnectionType", "connectionType", Field::Copy),
            ("ConnectionId", "connectionId", Field::Copy),
            ("RequestParameters", "requestParameters", Field::Mirror),
            ("RequestTemplates", "requestTemplates", Field::Mirror),
            ("PassthroughBehavior", "passthroughBehavior", Field::Lower),
            ("ContentHandling", "contentHandling", Field::Copy),
            ("TimeoutInMillis", "timeoutInMillis", Field::Number),
            ("CacheNamespace", "cacheNamespace", Field::Copy),
            ("CacheKeyParameters", "cacheKeyParameters", Field::Mirror),
            ("ResponseTransferMode", "responseTransferMode", Field::Copy),
            ("IntegrationTarget", "integrationTarget", Field::Copy),
        ] {
            let Some(v) = i.get(prop) else { continue };
            let value = match how {
                Field::Lower => match v {
                    Value::String(s) => Value::String(s.to_ascii_lowercase()),
                    other => copy(other),
                },
                Field::Number => number(v),
                Field::Copy | Field::Mirror => copy(v),
            };
            if matches!(how, Field::Mirror) {
                self.out.copied(&at.push(key), &from.push(prop));
            } else {
                self.out.made(&at.push(key), &from.push(prop));
            }
            out.insert(key.into(), value);
        }
        if let Some(Value::Array(rs)) = i.get("IntegrationResponses") {
            let mut responses = Map::new();
            for (n, r) in rs.iter().enumerate() {
                let rfrom = from.push("IntegrationResponses").index(n);
                let pattern = plain(self.ctx, r.get("SelectionPattern")).unwrap_or_else(|| "default".into());
                let rat = at.push("responses").push(&pattern);
                self.out.made(&rat, &rfrom);
                let mut response = Map::new();
                if let Some(code) = r.get("StatusCode") {
                    let code = match code {
                        Value::Number(n) => Value::String(n.to_string()),
                        other => copy(other),
                    };
                    response.insert("statusCode".into(), code);
                    self.out.made(&rat.push("statusCode"), &rfrom.push("StatusCode"));
                }
                for (prop, key) in [
                    ("ResponseParameters", "responseParameters"),
                    ("ResponseTemplates", "responseTemplates"),
                    ("ContentHandling", "contentHandling"),
                ] {
                    if let Some(v) = r.get(prop) {
                        response.insert(key.into(), copy(v));
                        self.out.copied(&rat.push(key), &rfrom.push(prop));
                    }
                }
                responses.insert(pattern, Value::Object(response));
            }
            out.insert("responses".into(), Value::Object(responses));
            self.out.made(&at.push("responses"), &from.push("IntegrationResponses"));
        }
        Value::Object(out)
    }

    /// `x-amazon-apigateway-gateway-responses` from the API's GatewayResponse resources.
    fn gateway_responses(&mut self) {
        for g in pointing_at(self.t, GATEWAY_RESPONSE, "RestApiId", self.api) {
            let Some(kind) = plain(self.ctx, g.get("ResponseType")) else { continue };
            let ptr = Pointer::root().push("x-amazon-apigateway-gateway-responses").push(&kind);
            self.out.made(&ptr, &g.resource_ptr());
            let mut value = Map::new();
            if let Some(code) = g.get("StatusCode") {
                let code = match code {
                    Value::Number(n) => Value::String(n.to_string()),
                    other => copy(other),
                };
                value.insert("statusCode".into(), code);
                self.out.made(&ptr.push("statusCode"), &g.at("StatusCode"));
            }
            for (prop, key) in
                [("ResponseParameters", "responseParameters"), ("ResponseTemplates", "responseTemplates")]
            {
                if let Some(v) = g.get(prop) {
                    value.insert(key.into(), copy(v));
                    self.out.copied(&ptr.push(key), &g.at(prop));
                }
            }
            put(entry(&mut self.doc, "x-amazon-apigateway-gateway-responses"), &kind, Value::Object(value));
        }
    }

    /// What the RestApi's own properties put into the document.
    fn api_properties(&mut self, api: &Res<'t>) {
        if let Some(Value::Array(types)) = api.get("BinaryMediaTypes") {
            // CloudFormation writes `/` in a media type as `~1` (`image~1png`).
            let list = types
                .iter()
                .map(|t| match t {
                    Value::String(s) => Value::String(s.replace("~1", "/")),
                    other => copy(other),
                })
                .collect();
            put(&mut self.doc, "x-amazon-apigateway-binary-media-types", Value::Array(list));
            self.out
                .copied(&Pointer::root().push("x-amazon-apigateway-binary-media-types"), &api.at("BinaryMediaTypes"));
        }
        for (prop, key, is_number) in [
            ("ApiKeySourceType", "x-amazon-apigateway-api-key-source", false),
            ("MinimumCompressionSize", "x-amazon-apigateway-minimum-compression-size", true),
            ("SecurityPolicy", "x-amazon-apigateway-security-policy", false),
            ("EndpointAccessMode", "x-amazon-apigateway-endpoint-access-mode", false),
        ] {
            if let Some(v) = api.get(prop) {
                put(&mut self.doc, key, if is_number { number(v) } else { copy(v) });
                self.out.made(&Pointer::root().push(key), &api.at(prop));
            }
        }
        if let Some(policy) = api.get("Policy") {
            let at = Pointer::root().push("x-amazon-apigateway-policy");
            let value = match policy {
                Value::String(s) => match serde_json::from_str::<Value>(s) {
                    Ok(v) => {
                        self.out.made(&at, &api.at("Policy"));
                        v
                    }
                    Err(_) => {
                        self.out.made(&at, &api.at("Policy"));
                        policy.clone()
                    }
                },
                other => {
                    self.out.copied(&at, &api.at("Policy"));
                    copy(other)
                }
            };
            put(&mut self.doc, "x-amazon-apigateway-policy", value);
        }
    }
}

#[derive(Clone, Copy)]
enum Field {
    /// Copied as written.
    Copy,
    /// Copied, and each key below maps to the same key in the template.
    Mirror,
    /// An enum the export writes in lower case.
    Lower,
    Number,
}

/// `method.request.querystring.q` is `("query", "q")`; headers and path variables likewise.
fn request_parameter(key: &str) -> Option<(&'static str, &str)> {
    let rest = key.strip_prefix("method.request.")?;
    let (location, name) = rest.split_once('.')?;
    let location = match location {
        "querystring" | "multivaluequerystring" => "query",
        "header" | "multivalueheader" => "header",
        "path" => "path",
        _ => return None,
    };
    (!name.is_empty()).then_some((location, name))
}

/// The finding for a Method's `RequestParameters` key (at `at`) that names no method request
/// parameter: PutMethod takes only `method.request.{querystring|path|header}.NAME`.
fn not_a_request_parameter(key: &str, at: Pointer) -> Noted {
    let bare = key.strip_prefix("method.request.").unwrap_or(key);
    let (location, name) = bare.split_once('.').unwrap_or(("", bare));
    let location = match location.to_ascii_lowercase().as_str() {
        "querystring" | "query" | "multivaluequerystring" => "querystring",
        "header" | "headers" | "multivalueheader" => "header",
        "path" => "path",
        _ => "",
    };
    let help = if location.is_empty() || name.is_empty() {
        "write it as `method.request.querystring.NAME`, `method.request.path.NAME` or `method.request.header.NAME`"
            .to_string()
    } else {
        format!("write `method.request.{location}.{name}`")
    };
    Noted {
        rule: "request-parameter-mapping-syntax",
        severity: crate::diag::Severity::Error,
        at: At::Template(at),
        message: format!(
            "RequestParameters key `{key}` is not a method request parameter: PutMethod takes only `method.request.querystring.NAME`, `method.request.path.NAME` and `method.request.header.NAME`"
        ),
        help: Some(help),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_parameters_by_location() {
        assert_eq!(request_parameter("method.request.querystring.q"), Some(("query", "q")));
        assert_eq!(request_parameter("method.request.header.X-Id"), Some(("header", "X-Id")));
        assert_eq!(request_parameter("method.request.path.id"), Some(("path", "id")));
        assert_eq!(request_parameter("method.request.body.x"), None);
    }
}
