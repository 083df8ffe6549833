//! Every change `gwgen diff` reports: its id, its level and its documentation, in one table.
//! `gwgen diff --explain ID` prints an entry; a test checks that every id has documentation and
//! a fixture pair under `specs/diff/<id>/`.

use super::Level;

/// One kind of change.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    pub id: &'static str,
    pub level: Level,
    /// One line: what changed.
    pub summary: &'static str,
    /// Why it matters to callers or to the API's security, in API Gateway's terms.
    pub why: &'static str,
}

/// The kind with this id.
pub fn find(id: &str) -> Option<&'static Kind> {
    CATALOG.iter().find(|k| k.id == id)
}

/// The documentation of a kind, as `gwgen diff --explain ID` prints it.
pub fn explain(k: &Kind) -> String {
    format!(
        "# {}\n\nlevel: {}\n\n## What changed\n{}\n\n## Why it matters\n{}\n\n## Example\nspecs/diff/{}/base.yaml and revision.yaml\n",
        k.id, k.level, k.summary, k.why, k.id
    )
}

const fn k(id: &'static str, level: Level, summary: &'static str, why: &'static str) -> Kind {
    Kind { id, level, summary, why }
}

use Level::{Breaking as B, Info as I, Warn as W};

/// The catalog, grouped by theme: paths and operations, parameters, request bodies, responses,
/// schemas, authorization, endpoint and policy, integrations, and deployment.
pub const CATALOG: &[Kind] = &[
    // Paths and operations.
    k("path-removed", B, "A path, with all its operations, is gone.",
      "Callers of any of its methods get 404 (REST: `Missing Authentication Token` 403) from API Gateway, which has no resource for the path."),
    k("operation-removed", B, "An operation (a method of a path that remains) is gone.",
      "Callers of the method get 403/404 from API Gateway; an `x-amazon-apigateway-any-method` on the path in the revision keeps the route and is not reported."),
    k("operation-added", I, "A new operation.",
      "Nothing breaks; listed so a reviewer sees the API's surface grow."),
    k("operation-id-changed", B, "An operation's `operationId` changed or was removed.",
      "Generated SDKs (gwgen's TypeScript SDK, and others) name methods after the operationId: code that calls the old name no longer compiles."),
    // Parameters.
    k("required-parameter-added", B, "A new required parameter (path, query, header or cookie).",
      "Existing callers do not send it; with a request validator that checks parameters API Gateway answers 400, and without one the backend receives a request it now considers invalid."),
    k("parameter-became-required", B, "An optional parameter became required.",
      "Callers that leave it out are rejected (API Gateway's parameter validation, or the backend)."),
    k("parameter-removed", W, "A parameter is no longer declared.",
      "Callers still send it; an integration that mapped it (`method.request.*`) no longer receives it, and generated SDKs drop the argument."),
    k("parameter-location-changed", B, "A parameter moved (for example from the query string to a header).",
      "Callers send it in the old place, where the API no longer reads it."),
    k("parameter-type-changed", B, "A parameter's schema type changed.",
      "Values callers send in the old type fail validation or are misread by the backend."),
    k("parameter-format-changed", B, "A parameter's `format` changed.",
      "Values valid for the old format (a `date` where a `date-time` is now expected) fail."),
    k("parameter-style-changed", B, "A parameter's serialization (`style`, `explode`, Swagger's `collectionFormat`) changed.",
      "An array written `a,b` is now expected as `a=1&a=2` (or the reverse): callers' values are parsed differently."),
    // Request bodies.
    k("request-body-became-required", B, "A request body became required (or a required one was added).",
      "Callers that send no body are rejected."),
    k("request-media-type-removed", B, "A request media type is no longer accepted.",
      "API Gateway selects request models and mapping templates by Content-Type: callers sending the removed type meet a 415 or the passthrough behaviour instead of the old template."),
    k("request-required-property-added", B, "A new required property in a request body.",
      "Existing callers do not send it: body validation (a validator with `validateRequestBody`) answers 400."),
    k("request-property-became-required", B, "A request property became required.",
      "Callers that leave it out are rejected."),
    k("request-property-became-optional", I, "A request property became optional.",
      "Callers keep working; listed for SDK and documentation reviewers."),
    k("request-property-removed", W, "A request property is no longer declared.",
      "Callers still send it: ignored, or rejected when the schema forbids additional properties."),
    k("request-property-refused", B, "A request property is no longer declared, in an object that refuses properties it does not name (`additionalProperties: false`).",
      "Callers still send it, and the revision's schema now rejects it: API Gateway's body validation answers 400 Bad Request (as does a backend validating against the schema). Without `additionalProperties: false` this is `request-property-removed`."),
    k("request-enum-value-removed", B, "A value was removed from a request enum (or an enum was added).",
      "Callers sending the removed value fail validation."),
    k("request-constraint-tightened", B, "A request constraint became stricter (maxLength, minLength, pattern, minimum, maximum, multipleOf, maxItems, minItems, uniqueItems, maxProperties, minProperties).",
      "Values that were valid are now rejected by API Gateway's body validation or by the backend."),
    k("request-nullable-removed", B, "A request value can no longer be null.",
      "Callers that send null are rejected."),
    k("request-nullable-added", I, "A request value may now be null.",
      "Callers keep working."),
    k("request-additional-properties-narrowed", B, "A request object no longer accepts properties it does not name (`additionalProperties` became `false`), or now holds them to a schema.",
      "Callers that send other properties (or values the new schema refuses) fail API Gateway's body validation (400) or the backend's. The reverse (`false` to `true`) accepts more and is not reported."),
    k("request-schema-variant-removed", B, "A `oneOf` / `anyOf` alternative was removed from a request schema.",
      "Callers sending a body of the removed shape are rejected."),
    // Responses.
    k("response-status-removed", B, "A response status code is no longer declared.",
      "Clients and generated SDKs that handle that status (and its body type) lose it; with a non-proxy integration, API Gateway no longer maps the integration response to it."),
    k("response-media-type-removed", B, "A response media type is no longer produced.",
      "Clients that ask for it (Accept) or parse it get something else."),
    k("response-header-removed", B, "A response header is no longer declared.",
      "Clients that read it (a `Location`, a rate-limit or pagination header) get nothing; with a non-proxy integration, API Gateway no longer maps it."),
    k("response-property-removed", B, "A response property is gone.",
      "Clients that read it get undefined."),
    k("response-property-became-optional", B, "A response property is no longer required.",
      "Clients (and generated types) that rely on it being present break when it is absent."),
    k("response-property-became-required", I, "A response property became required.",
      "Clients keep working."),
    k("response-enum-value-added", W, "A response enum gained a value (or is no longer an enum).",
      "Clients that switch over the known values meet one they do not handle."),
    k("response-constraint-loosened", W, "A response constraint became looser (longer strings, larger numbers...).",
      "Clients that relied on the old bounds (buffers, database columns) may overflow."),
    k("response-nullable-added", B, "A response value may now be null.",
      "Clients that dereference it fail on null."),
    k("response-nullable-removed", I, "A response value can no longer be null.",
      "Clients keep working."),
    k("response-additional-properties-allowed", W, "A response object may now have properties it does not name (`additionalProperties` was `false`), or their values are no longer held to a schema.",
      "The base promised a closed shape: clients that validate responses strictly, or generated types that map every key, meet properties or values they do not expect. A risk rather than a certain break, as a new response property is. The reverse is not reported."),
    k("response-schema-variant-added", W, "A response `oneOf` / `anyOf` gained an alternative.",
      "Clients that handle the known shapes meet a new one."),
    // Schemas, wherever they are.
    k("schema-type-changed", B, "A schema's type changed (string to integer, object to array...).",
      "Values of the old type no longer validate or parse. (Widening a request integer to a number, or narrowing a response number to an integer, is not reported.)"),
    k("schema-format-changed", B, "A schema's `format` changed, was added to a request or removed from a response.",
      "Values valid for the old format fail, or clients parsing the old format misread the new."),
    // Authorization.
    k("authorization-added", B, "A method that had no authorization now has one (Cognito, Lambda, JWT or IAM).",
      "Callers without credentials get 401/403 from API Gateway before the integration runs."),
    k("authorization-removed", W, "A method lost its authorization (it is now NONE).",
      "Anyone can call it: a security regression unless intended."),
    k("authorization-changed", B, "A method's authorization changed to another type or authorizer.",
      "Callers' credentials for the old authorizer are not accepted by the new one."),
    k("authorization-scopes-narrowed", B, "Fewer tokens pass a method's scope check.",
      "API Gateway accepts a token that carries at least one of the method's scopes (REST `AuthorizationScopes`, HTTP JWT routes): removing a scope, or requiring scopes where there were none (which also rejects ID tokens), turns callers away with 403. In a plain OpenAPI document, and for a REST method's OAuth2 scheme without an authorizer (API Gateway checks nothing, the backend does), every scope listed is required: adding one narrows."),
    k("authorization-scopes-widened", W, "More tokens pass a method's scope check.",
      "An API Gateway method with another accepted scope, or none required; a plain OpenAPI operation (or a REST method's OAuth2 scheme without an authorizer) that requires fewer scopes: a security review point."),
    k("security-alternative-added", W, "A method accepts another way to authorize (a new alternative in a plain OpenAPI document's `security`).",
      "More callers get in: a security review point. (In a document for API Gateway, a REST method has one authorizer: see `authorization-changed` and `api-key-required`.)"),
    k("authorizer-type-changed", B, "An authorizer's type changed (TOKEN, REQUEST, COGNITO_USER_POOLS, JWT).",
      "Callers' credentials are read and checked differently."),
    k("authorizer-identity-source-changed", B, "An authorizer reads the caller's identity from somewhere else.",
      "API Gateway answers 401 when an identity source is missing: callers sending the old header or query parameter are rejected."),
    k("jwt-configuration-narrowed", B, "A JWT authorizer's issuer changed, or an audience it accepted is gone.",
      "API Gateway checks a token's `iss` against the issuer and its `aud` (or `client_id`) against the audience list: tokens from the old issuer, or for a removed audience, get 401."),
    k("api-key-required", B, "A method now requires an API key (`apiKeyRequired`).",
      "Callers without an `x-api-key` of a usage plan that includes the stage get 403 Forbidden."),
    k("api-key-source-changed", B, "A REST API reads API keys from elsewhere (`x-amazon-apigateway-api-key-source`, `ApiKeySourceType`: HEADER or AUTHORIZER), while a method requires one.",
      "With HEADER API Gateway takes the key from the caller's `x-api-key` header; with AUTHORIZER from the `usageIdentifierKey` the Lambda authorizer returns, and the header is ignored. Callers that send their key the old way are not matched to their usage plan: 403 Forbidden."),
    k("security-scheme-changed", B, "A security scheme without an authorizer, still in use, changed how callers present credentials (its type, an http scheme's `scheme`, an API key's `in` or `name`).",
      "Callers and generated SDKs send the credentials as the base said (an `X-API-Key` header, a bearer token, basic auth): the backend, or a plain OpenAPI gateway, no longer finds them. (API Gateway's own authorizers are `authorizer-type-changed` and `authorization-changed`.)"),
    k("api-key-no-longer-required", W, "A method no longer requires an API key.",
      "Usage plan throttles and quotas no longer apply to it: a security and cost review point."),
    // Endpoint and policy.
    k("endpoint-type-changed", B, "The API's endpoint type changed (EDGE, REGIONAL, PRIVATE).",
      "The invoke host and its reachability change: a PRIVATE API is reachable only through VPC endpoints, an EDGE API goes through CloudFront."),
    k("execute-api-endpoint-disabled", B, "The default `execute-api` endpoint was disabled.",
      "Callers using `https://{api-id}.execute-api.{region}.amazonaws.com` get 403; only custom domains remain."),
    k("resource-policy-added", W, "A resource policy was added to the API.",
      "Requests the policy does not allow are denied: callers outside it get 403."),
    k("resource-policy-removed", W, "The API's resource policy was removed.",
      "Whatever it denied (other accounts, IP ranges, VPCs) is now allowed by the resource: a security regression unless intended."),
    k("resource-policy-widened", W, "The resource policy allows more (a new Allow statement, or a Deny statement removed or changed).",
      "More callers reach the API: a security review point."),
    k("resource-policy-narrowed", W, "The resource policy allows less (an Allow statement removed or changed, or a new Deny).",
      "Callers that were allowed may now get 403."),
    // Integrations.
    k("integration-type-changed", I, "An integration's type changed (except proxy to non-proxy).",
      "The backend changes; callers see the same method."),
    k("integration-proxy-removed", B, "A proxy integration (`aws_proxy`, `http_proxy`) became a non-proxy one.",
      "Without proxy, API Gateway passes responses through integration responses and mapping templates: status codes, headers and body shape callers see change."),
    k("integration-target-changed", I, "An integration's target (`uri`) changed.",
      "Calls go to another backend: worth a look, not a break by itself."),
    // Integration mappings (non-proxy integrations; request parameters of every integration).
    k("integration-request-template-removed", B, "A non-proxy integration no longer has a request mapping template for a content type.",
      "Callers still send that Content-Type. With `passthroughBehavior` NEVER, or WHEN_NO_TEMPLATES while other templates remain, API Gateway answers 415 Unsupported Media Type; with WHEN_NO_MATCH (the default) the caller's body reaches the backend unmapped, which an AWS service or an HTTP backend expecting the mapped shape rejects. Either way the caller sees it: breaking."),
    k("integration-passthrough-narrowed", B, "A non-proxy integration now refuses requests whose Content-Type has no mapping template (`passthroughBehavior`, or templates added under WHEN_NO_TEMPLATES).",
      "With WHEN_NO_MATCH (the default), or WHEN_NO_TEMPLATES and no template at all, API Gateway passes such a request's body to the backend unmapped; with NEVER, or WHEN_NO_TEMPLATES once a template exists, it answers 415 Unsupported Media Type. Callers that send another Content-Type (or none that matches) are now refused."),
    k("integration-request-template-changed", I, "A request mapping template changed.",
      "Only what the backend receives changes: callers send the same request and API Gateway accepts it as before. Worth a look with the backend's change, not a break by itself."),
    k("integration-request-template-selection-changed", W, "A WebSocket integration's request template selection expression changed (`TemplateSelectionExpression` on the Integration).",
      "API Gateway evaluates the integration's `TemplateSelectionExpression` on each incoming message to choose the `RequestTemplates` entry that maps it for the backend. Clients send the same messages, but one may now be mapped by another template, or by none: then `PassthroughBehavior` decides, and with NEVER (or WHEN_NO_TEMPLATES while templates exist) API Gateway refuses the message instead of passing it on unmapped. More than a template changed (info), since messages can be refused; less than a template removed (breaking), since the two expressions may select the same template for every message the clients send: a risk, not a certain break."),
    k("integration-request-parameter-removed", W, "A request parameter mapping that passed a caller's input to the backend is gone, or now maps something else.",
      "Callers still send the value (`method.request.querystring.y`, `$request.header.x`), API Gateway accepts the request, but the backend no longer gets it (`integration.request.header.x`): the backend behaves differently with no error at the gate. A risk, not a certain break."),
    k("integration-request-parameter-source-changed", B, "A backend request parameter now reads another caller input.",
      "`integration.request.header.x` read `method.request.querystring.y` and now reads `method.request.header.z`: callers that send `y` as before no longer reach the backend with it, so the callers must change what they send."),
    k("integration-request-parameter-changed", I, "A request parameter mapping with a static value, a context or stage variable changed, was removed, or now reads a caller input.",
      "Only what the backend receives changes (`'v1'` to `'v2'`, `context.requestId`...): callers send the same request. A new caller input that is required is reported as `required-parameter-added`."),
    k("integration-response-removed", B, "An integration response (a REST selection pattern and the status it returned, or a WebSocket integration response key without templates, of a route that answers) is gone.",
      "Backend outcomes that matched the pattern now fall to the `default` response, or fail with 500 when there is none: callers get another status code and body for them. A WebSocket integration response without templates passed the backend's response to the client; what it matched is now answered by `$default`, or gets no output mapping (one with templates is reported per template, as `integration-response-template-removed`)."),
    k("integration-response-pattern-changed", B, "A status code is selected by another selection pattern.",
      "API Gateway matches `selectionPattern` against the backend's error message (Lambda) or status code (HTTP): backend outcomes that matched the old pattern and not the new one return another status to callers."),
    k("integration-response-status-changed", B, "An integration response returns another status code for the same selection pattern.",
      "Callers (and generated SDKs) that handle the old status for those outcomes get a new one."),
    k("integration-response-added", W, "A new integration response (a REST selection pattern, or a WebSocket integration response key of a route that answers).",
      "Backend outcomes that matched `default` before may now match the new pattern and return its status: callers see a new status code for some requests. A WebSocket route's reply to the backend responses the new key (`/4\\d\\d/`, or `$default`) matches is now built by its templates instead of `$default`'s, or, where nothing matched before and API Gateway found no output mapping, the client now gets a reply: clients see other replies for some messages."),
    k("integration-response-header-removed", B, "An integration response no longer maps a response header (`method.response.header.X`).",
      "API Gateway sends only the method response headers an integration response maps: callers that read the header (CORS `Access-Control-Allow-Origin`, `Location`...) no longer get it."),
    k("integration-response-header-changed", W, "An integration response maps a response header from another value.",
      "Callers get another value in the header (a static value changed, or read from another part of the backend's response): worth a look."),
    k("integration-response-template-removed", B, "An integration response no longer has a mapping template for a content type (REST) or a template selection key (a WebSocket route that answers).",
      "Without a template API Gateway passes the backend's body through as it is: callers get the backend's shape instead of the mapped one. A WebSocket client's reply is no longer built by the template either."),
    k("integration-response-template-changed", W, "An integration response mapping template changed.",
      "The body callers get (a WebSocket route's reply) is built differently: check it still matches the method response's (route response's) model. A risk to callers, not a certain break."),
    k("integration-response-template-selection-changed", W, "A WebSocket integration response's template selection expression changed.",
      "API Gateway evaluates `TemplateSelectionExpression` on the backend's response to choose the `ResponseTemplates` entry that builds the reply of a two-way route: the same backend response may now be built by another template, or by none. What the client gets changes only where the two expressions select differently: a risk, not a certain break."),
    // HTTP API response mappings.
    k("response-mapping-header-removed", B, "An HTTP API's response mapping no longer gives clients a header for a backend status code (an `append:` or `overwrite:header.NAME` mapping gone), or now removes one (`remove:header.NAME`).",
      "API Gateway applies an integration's `responseParameters` of the backend's status code to every response before the client gets it: a client that reads the header (a `Location`, a request id, a CORS or caching header) no longer finds it, or finds only what the backend sends."),
    k("response-mapping-header-changed", W, "An HTTP API's response mapping sets a header from another value, or appends where it overwrote (or back).",
      "Clients get another value in the header (a static value changed, or read from another part of the backend's response, a context or stage variable): a risk to clients that read it, not a certain break."),
    k("response-mapping-header-added", I, "An HTTP API's response mapping gives clients a new header for a backend status code, or no longer removes the backend's.",
      "Clients that do not read the header see nothing change. A `remove:header.NAME` taken away lets the backend's header through (a `Server` or `X-Powered-By` it was hiding): worth a look."),
    k("response-mapping-status-changed", B, "An HTTP API's response mapping (`overwrite:statuscode`) now returns another status code for a backend status code, or no longer changes it.",
      "API Gateway returns the overwritten status instead of the backend's: clients (and generated SDKs) that branch on the status they got for those responses (a 404 made 410, a 200 made 204) get another one."),
    k("request-validation-added", W, "A method's request validator now validates more (body, parameters).",
      "Requests that passed before may be rejected with 400 Bad Request."),
    k("gateway-response-changed", W, "A gateway response was added, removed or changed (status, headers, templates).",
      "The errors API Gateway itself returns (401, 403, throttling 429...) look different to callers."),
    k("binary-media-type-removed", B, "A binary media type was removed.",
      "Payloads of that type are treated as text: binary bodies are corrupted or base64 handling changes."),
    k("cors-narrowed", B, "CORS allows fewer origins, methods or headers (or CORS was removed).",
      "Browsers block cross-origin calls from the removed origins, or with the removed methods or headers."),
    // WebSocket APIs.
    k("websocket-route-selection-changed", B, "A WebSocket API's route selection expression changed.",
      "API Gateway evaluates `RouteSelectionExpression` on every message (`$request.body.action`): clients that put the route key where the base read it now reach `$default`, or no route."),
    k("websocket-route-removed", B, "A WebSocket route (a custom key or `$default`) is gone.",
      "Messages for it go to the `$default` route, or, without one, match no route and get an error instead of the integration's work."),
    k("websocket-connect-route-removed", W, "A WebSocket API's `$connect` route is gone.",
      "Clients still connect, but no integration runs on connection and the route's authorization (the only place a WebSocket API authorizes) is gone: a security regression unless intended."),
    k("websocket-route-added", I, "A new WebSocket route.",
      "Nothing breaks, though messages with its key stop going to `$default`; listed so a reviewer sees the API's surface grow."),
    k("websocket-route-became-one-way", B, "A two-way WebSocket route (one with a route response) became one-way.",
      "API Gateway returns the integration's response to the client only for a route with a route response: clients waiting for a reply get none."),
    k("websocket-route-response-model-changed", W, "A two-way WebSocket route's route response declares another reply model (`ResponseModels`, a model's schema, or `ModelSelectionExpression`).",
      "The route response's models document the reply clients get; API Gateway does not check the backend's reply against them. Clients written to the base's model may misread replies shaped by the new one: a risk to clients, not a certain break."),
    // Deployment.
    k("throttle-lowered", W, "A throttle (stage, method, route or usage plan) was lowered or added.",
      "Callers above the new rate or burst get 429 Too Many Requests."),
    k("quota-lowered", W, "A usage plan quota was lowered.",
      "Callers reach the quota sooner and get 429 until the period ends."),
    k("cache-disabled", W, "Caching was turned off for a stage or method.",
      "Every request reaches the backend: latency and backend load rise."),
    k("cache-key-changed", W, "An integration's cache key parameters changed.",
      "Cached responses are keyed differently: responses may be served for the wrong parameters, or the cache is cold."),
    k("stage-removed", B, "A stage is gone.",
      "Callers of `https://.../{stage}/...` get 403/404."),
    k("stage-variable-removed", B, "A stage variable was removed while the revision's integrations or authorizers reference it.",
      "API Gateway substitutes an empty string: the integration URI or function name becomes invalid and calls fail with 500."),
    k("domain-removed", B, "A custom domain (or the base path mapping that put the API on it) is gone.",
      "Callers using the custom domain URL no longer reach the API."),
    k("base-path-mapping-removed", B, "A base path mapping of the API onto a custom domain is gone, while the domain stays.",
      "Callers using that base path (`https://api.example.com/v1/...`) get 403 Forbidden from the domain: no API is mapped there."),
    k("api-type-changed", B, "The API type changed (REST to HTTP, or back).",
      "The two types differ in URLs, authorizers, payloads, error formats and features: every caller is affected."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for k in CATALOG {
            assert!(seen.insert(k.id), "{} twice", k.id);
            assert!(
                k.id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{} is not kebab-case",
                k.id
            );
            assert!(k.summary.ends_with('.') && k.why.len() > 20, "{} needs documentation", k.id);
        }
    }
}
