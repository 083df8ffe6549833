//! SAM and CloudFormation templates read directly: every API found, intrinsics resolved as
//! CloudFormation would, findings on the template's own lines.

use crate::common;

use common::{corpus, findings_of, gwgen, stderr, stdout, text_of};

fn templates() -> Vec<std::path::PathBuf> {
    common::files_in(&corpus().join("sam-templates"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect()
}

/// Writes `text` as `template.yaml` in a fresh folder of the system's temporary folder, named
/// after `name` and this process; returns the file's path.
fn template_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gwgen-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let template = dir.join("template.yaml");
    std::fs::write(&template, text).unwrap();
    template
}

#[test]
fn every_template_loads_and_every_api_with_a_definition_is_linted() {
    let all = templates();
    assert!(all.len() >= 30);
    for file in all {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let out = gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{name}: {err}");
        // SAM's own translator tests of invalid input are invalid here too; the message says where.
        // So is a sample whose CORS SAM refuses: credentials allowed for any origin.
        let refused = name.ends_with("start_api__swagger-template-http-api.yaml");
        if refused {
            assert!(err.contains("'AllowCredentials' can not be true"), "{name}: {err}");
        }
        if name.contains("__error_") || refused {
            assert_eq!(out.status.code(), Some(2), "{name}: {}", stdout(&out));
            assert!(err.contains(&name[..30]) && err.contains("help:"), "{name}: {err}");
            continue;
        }
        let ok = matches!(out.status.code(), Some(0 | 1));
        // One sample repeats a key in a Lambda function's properties: reported, not fatal.
        assert!(ok, "{name}: exit {:?}\n{err}", out.status.code());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["summary"]["apis"].as_u64().unwrap() >= 1, "{name}: no API linted");
        for f in v["findings"].as_array().unwrap() {
            assert!(f["file"].as_str().unwrap().ends_with(&name), "{name}: finding in another file: {f}");
            let pointer = f["pointer"].as_str().unwrap();
            // A setting SAM's Globals give the API is reported where Globals write it.
            let in_template = pointer.starts_with("/Resources/") || pointer.starts_with("/Globals/");
            assert!(in_template, "{name}: pointer {pointer} is not into the template");
        }
    }
}

#[test]
fn findings_point_at_template_lines() {
    let sample = corpus().join(
        "sam-templates/aws__aws-sam-cli__tests__integration__testdata__start_api__swagger-template-http-api.yaml",
    );
    // The sample as SAM would take it: its CORS without credentials for any origin (same lines).
    let text = std::fs::read_to_string(&sample).unwrap().replace("AllowCredentials: true", "AllowCredentials: false");
    let dir = std::env::temp_dir().join(format!("gwgen-template-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(sample.file_name().unwrap());
    std::fs::write(&file, &text).unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]).stdout).unwrap();
    let f =
        v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "integration-lambda-post").expect("a finding");
    let line = text.lines().nth(f["line"].as_u64().unwrap() as usize - 1).unwrap();
    assert!(line.contains("httpMethod") && line.contains("GET"), "line {}: {line}", f["line"]);
    assert!(f["pointer"].as_str().unwrap().starts_with("/Resources/MyHttpApi/Properties/DefinitionBody/paths/"));
}

#[test]
fn several_apis_need_api_and_the_plan_names_the_resource() {
    let file = corpus().join("sam-templates/aws__serverless-application-model__integration__resources__templates__combination__api_with_usage_plan.yaml");
    let path = file.to_str().unwrap();
    let out = gwgen(&["import", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--api (MyApi, MyApi2, MyApi3, MyApi4)"), "{}", stderr(&out));
    let out = gwgen(&["import", path, "--api", "MyApi2"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(stdout(&out).contains("REST API (AWS::Serverless::Api MyApi2)"), "{}", stdout(&out));
    // An API without DefinitionBody is built from its functions' events, as SAM builds it.
    let events_only = corpus().join("sam-templates/aws__serverless-application-model__tests__translator__input__api_with_swagger_authorizer_none.yaml");
    let out = gwgen(&["import", events_only.to_str().unwrap(), "--api", "MyApiWithCognitoAuth"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let plan = stdout(&out);
    assert!(plan.contains("REST API (AWS::Serverless::Api MyApiWithCognitoAuth)"), "{plan}");
    assert!(plan.contains("/cognito") && plan.contains("Lambda MyFn"), "{plan}");
    let out = gwgen(&["import", path, "--api", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no API `Nope`"));
    let v: serde_json::Value = serde_json::from_slice(&gwgen(&["lint", path, "--format", "json"]).stdout).unwrap();
    assert_eq!(v["summary"]["apis"], 4, "each of the four APIs is linted");
}

#[test]
fn intrinsics_resolve_as_cloudformation_would() {
    let template = template_file(
        "template",
        r#"Transform: AWS::Serverless-2016-10-31
Parameters:
  Backend: {Type: String, Default: backend.example.com}
Resources:
  ListPets:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler, Runtime: nodejs20.x}
  PetsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.3
        info: {title: !Sub "${AWS::StackName}-pets", version: "1"}
        paths:
          /pets:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: GET
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListPets.Arn}/invocations
          /backend:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: GET
                uri: !Sub https://${Backend}/items
"#,
    );
    let out = gwgen(&["import", template.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    let paths = v["api"]["paths"].as_array().unwrap();
    let lambda = &paths[0]["operations"][0]["integration"]["uri"];
    assert_eq!(
        lambda["Fn::Sub"],
        "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ListPets}/invocations"
    );
    assert_eq!(paths[1]["operations"][0]["integration"]["uri"], "https://backend.example.com/items");
    assert_eq!(v["api"]["template"]["logical_id"], "PetsApi");
    // The Lambda URI keeps its shape, so the URI rules still check it: GET on Lambda is caught.
    let rules: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(!rules.contains(&"unresolved-intrinsic"), "CloudFormation resolves intrinsics in templates: {rules:?}");
    let lint: serde_json::Value =
        serde_json::from_slice(&gwgen(&["lint", template.to_str().unwrap(), "--format", "json"]).stdout).unwrap();
    let post = lint["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "integration-lambda-post")
        .expect("GET on Lambda");
    assert_eq!(post["line"], 21);
}

#[test]
fn template_plans() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    for (short, name, api) in [
        ("private-lambda", "aws-samples__serverless-patterns__apigw-private-lambda__template.yaml", None),
        (
            "http-lambda-authorizers",
            "aws__aws-sam-cli__tests__integration__testdata__start_api__lambda_authorizers__swagger-http.yaml",
            None,
        ),
        (
            "lambda-request-authorizer",
            "aws__serverless-application-model__tests__translator__input__api_with_swagger_authorizer_none.yaml",
            Some("MyApiWithLambdaRequestAuth"),
        ),
    ] {
        let rel = format!("../shared/corpus/sam-templates/{name}");
        let mut args = vec!["import", rel.as_str()];
        if let Some(api) = api {
            args.extend(["--api", api]);
        }
        let out = gwgen(&args);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: {}", stderr(&out));
        insta::assert_snapshot!(format!("template-{short}"), stdout(&out));
    }
}

#[test]
fn a_private_api_needs_a_policy_from_the_document_or_the_template() {
    let dir = std::env::temp_dir().join(format!("gwgen-private-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = "      DefinitionBody:\n        openapi: 3.0.3\n        info: {title: t, version: '1'}\n        paths:\n          /a:\n            get:\n              responses: {'200': {description: ok}}\n              x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{}'}, responses: {default: {statusCode: '200'}}}\n";
    let head = "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      EndpointConfiguration: PRIVATE\n";
    let rules = |text: String| {
        let file = dir.join("template.yaml");
        std::fs::write(&file, text).unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(&gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]).stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "private-api-needs-policy")
            .map(|f| f["line"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(format!("{head}{body}")), vec![6], "reported at EndpointConfiguration");
    let with_policy =
        format!("{head}      Auth:\n        ResourcePolicy:\n          SourceVpcWhitelist: [vpc-1234]\n{body}");
    assert!(rules(with_policy).is_empty());
}

#[test]
fn template_settings_reach_the_model() {
    let template = template_file(
        "settings",
        "Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: {Type: REGIONAL}
      Variables: {alias: live}
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      Cors: \"'*'\"
      MethodSettings:
        - {ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheTtlInSeconds: 60, ThrottlingRateLimit: 100}
      Auth:
        ApiKeyRequired: true
        UsagePlan:
          CreateUsagePlan: PER_API
          Quota: {Limit: 1000, Period: day}
          Throttle: {RateLimit: 50, BurstLimit: 20}
      Domain:
        DomainName: api.example.com
        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
      DefinitionBody:
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
",
    );
    let out = gwgen(&["import", template.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    let d = &v["api"]["deployment"];
    assert_eq!(d["endpoint_types"], serde_json::json!(["REGIONAL"]));
    assert_eq!(d["stages"][0]["name"], "prod");
    assert_eq!(d["stages"][0]["variables"]["alias"], "live");
    assert_eq!(d["stages"][0]["cache_cluster_size"], "0.5");
    assert_eq!(d["stages"][0]["method_settings"][0]["cache_ttl_in_seconds"]["value"], 60.0);
    assert_eq!(d["throttles"].as_array().unwrap().len(), 2, "the usage plan and the method setting");
    assert_eq!(d["quotas"][0]["period"], "DAY");
    assert_eq!(d["api_key_required"], true);
    assert_eq!(d["cors"], "'*'");
    assert_eq!(d["domains"][0]["endpoint_type"], "REGIONAL");
    assert_eq!(d["domains"][0]["certificate_pointer"], "1:/Resources/Api/Properties/Domain/CertificateArn");
}

/// SAM's `Auth` reaches the body as SAM's transform writes it: the authorizers become security
/// schemes, `DefaultAuthorizer` goes on every method without `security` (not on OPTIONS when
/// `AddDefaultAuthorizerToCorsPreflight` is false), a function event's own `Auth.Authorizer`
/// (NONE here) wins, and `ApiKeyRequired` adds the API key.
#[test]
fn sam_auth_reaches_the_methods() {
    let template = template_file(
        "sam-auth",
        "Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MergeDefinitions: true
      Auth:
        DefaultAuthorizer: Users
        ApiKeyRequired: true
        AddDefaultAuthorizerToCorsPreflight: false
        AddApiKeyRequiredToCorsPreflight: false
        Authorizers:
          Users:
            UserPoolArn: !GetAtt Pool.Arn
          Partner:
            FunctionArn: !GetAtt PartnerFn.Arn
            Identity: {Header: X-Partner}
      DefinitionBody:
        swagger: '2.0'
        info: {title: t, version: '1'}
        paths:
          /a:
            get:
              responses: {'200': {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
            options:
              responses: {'200': {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
          /b:
            get:
              security: [{Partner: []}]
              responses: {'200': {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
          /public:
            get:
              summary: integrated by PublicFn's event
              responses: {'200': {description: ok}}
  PublicFn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Public:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /public, Method: get, Auth: {Authorizer: NONE, ApiKeyRequired: false}}
        Orders:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders/{id}
            Method: post
            Auth: {Authorizer: Users, AuthorizationScopes: [orders/write]}
        Elsewhere:
          Type: Api
          Properties: {Path: /implicit, Method: get}
  PartnerFn:
    Type: AWS::Serverless::Function
  Pool:
    Type: AWS::Cognito::UserPool
",
    );
    let dir = template.parent().unwrap().to_path_buf();
    // The event without RestApiId makes SAM's implicit ServerlessRestApi: the template has two APIs.
    let o = gwgen(&["import", template.to_str().unwrap()]);
    assert!(stderr(&o).contains("--api (Api, ServerlessRestApi)"), "{}", stderr(&o));
    let o = gwgen(&["import", template.to_str().unwrap(), "--api", "Api"]);
    let plan = stdout(&o);
    let line = |path: &str, method: &str| -> String {
        let mut lines = plan.lines().skip_while(|l| l.trim() != path);
        lines
            .find(|l| l.trim_start().starts_with(method))
            .unwrap_or_else(|| panic!("{path} {method}:\n{plan}"))
            .to_string()
    };
    assert!(
        line("/a", "GET").contains("auth COGNITO_USER_POOLS Users") && line("/a", "GET").contains("API key"),
        "{plan}"
    );
    assert!(line("/a", "OPTIONS").contains("auth NONE") && !line("/a", "OPTIONS").contains("API key"), "{plan}");
    assert!(line("/b", "GET").contains("auth CUSTOM Partner") && line("/b", "GET").contains("API key"), "{plan}");
    assert!(line("/public", "GET").contains("auth NONE") && !line("/public", "GET").contains("API key"), "{plan}");
    assert!(plan.contains("Lambda PartnerFn") && plan.contains("identity method.request.header.X-Partner"), "{plan}");
    // With MergeDefinitions, events add the function's integration, on a declared method and on
    // a path of their own (with the API key and the scopes the event names); one on the implicit
    // API does not.
    assert!(line("/public", "GET").contains("Lambda PublicFn"), "{plan}");
    let orders = line("/orders/{id}", "POST");
    assert!(orders.contains("Lambda PublicFn") && orders.contains("auth COGNITO_USER_POOLS Users"), "{plan}");
    assert!(orders.contains("API key") && !plan.contains("/implicit"), "{plan}");
    assert!(!plan.contains("integration-missing"), "{plan}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&gwgen(&[
        "import",
        "--format",
        "json",
        template.to_str().unwrap(),
        "--api",
        "Api",
    ])))
    .unwrap();
    let orders = json["api"]["paths"].as_array().unwrap().iter().find(|p| p["path"] == "/orders/{id}").unwrap();
    assert_eq!(orders["operations"][0]["security"][0]["schemes"]["Users"], serde_json::json!(["orders/write"]));
    assert_eq!(orders["operations"][0]["integration"]["type"]["value"], "AWS_PROXY");
    // The schemes SAM adds are defined: no security-scheme-defined errors.
    let lint = gwgen(&["lint", "--format", "json", template.to_str().unwrap()]);
    assert!(!stdout(&lint).contains("security-scheme-defined"), "{}", stdout(&lint));
    let v: serde_json::Value = serde_json::from_str(&stdout(&lint)).unwrap();
    assert_eq!(v["summary"]["apis"], 2, "the API and the implicit ServerlessRestApi are linted");
    // And the SDK sends them.
    let out = dir.join("sdk");
    let _ = std::fs::remove_dir_all(&out);
    let o = gwgen(&["sdk", template.to_str().unwrap(), "--api", "Api", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ops = std::fs::read_to_string(out.join("lib/operations.js")).unwrap();
    assert!(
        ops.contains(r#"[[{"type":"token","scheme":"Users","in":"header","name":"Authorization"},{"type":"apiKey"}]]"#),
        "{ops}"
    );
    assert!(ops.contains(r#"{"type":"token","scheme":"Partner","in":"header","name":"X-Partner"}"#));
}

#[test]
fn http_api_events_fill_the_definition_body_and_rest_events_do_not() {
    let corpus = corpus().join("sam-templates");
    // HTTP API: SAM adds each event's integration where the document has none, and keeps the
    // document's own (DifferentFunction on POST /basic, although an event names /basic too).
    let http =
        corpus.join("aws__serverless-application-model__tests__translator__input__http_api_existing_openapi.yaml");
    let plan = stdout(&gwgen(&["import", http.to_str().unwrap()]));
    let route = |name: &str| {
        plan.lines().find(|l| l.trim_start().starts_with(&format!("{name} "))).unwrap_or_default().to_string()
    };
    assert!(route("GET /get/{something}/with/{params}").contains("Lambda HttpApiFunction"), "{plan}");
    assert!(route("POST /basic").contains("Lambda DifferentFunction"), "{plan}");
    assert!(route("$default").contains("Lambda HttpApiFunction"), "{plan}");
    let lint = stdout(&gwgen(&["lint", "--format", "json", http.to_str().unwrap()]));
    assert!(!lint.contains("integration-missing") && !lint.contains("sam-event-"), "{lint}");
    assert!(!lint.contains("path-params-declared"), "{lint}");
    // REST API without MergeDefinitions: the event on a path the document lacks adds nothing.
    let rest = corpus
        .join("aws__serverless-application-model__tests__translator__input__api_with_swagger_authorizer_none.yaml");
    let lint = stdout(&gwgen(&["lint", "--format", "json", rest.to_str().unwrap()]));
    let v: serde_json::Value = serde_json::from_str(&lint).unwrap();
    let not_merged: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "sam-event-not-merged")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(not_merged.len(), 1, "{lint}");
    assert!(not_merged[0].contains("ANY /any/lambda-request"), "{lint}");
}

/// An API SAM builds from its functions' events is read and linted, and a finding on a method an
/// event made is shown at that event's lines of the template.
#[test]
fn events_built_apis_are_linted_at_the_events_lines() {
    let file = common::root().join("specs/templates/sam-events-private.yaml");
    let out = gwgen(&["lint", file.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    assert_eq!(v["summary"]["files"], 1, "{v}");
    let at = |rule: &str| -> Vec<(u64, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| (f["line"].as_u64().unwrap(), f["pointer"].as_str().unwrap().to_string()))
            .collect()
    };
    assert_eq!(
        at("private-api-needs-policy"),
        vec![(9, "/Resources/ItemsApi/Properties/EndpointConfiguration".into())]
    );
    let open = at("operation-unauthenticated");
    assert!(open.contains(&(17, "/Resources/ItemsFn/Properties/Events/Get".into())), "{open:?}");
    assert!(open.contains(&(20, "/Resources/ItemsFn/Properties/Events/Delete".into())), "{open:?}");
    // The plan shows the routes the events make, with their functions.
    let plan = stdout(&gwgen(&["import", file.to_str().unwrap()]));
    assert!(plan.contains("REST API (AWS::Serverless::Api ItemsApi)"), "{plan}");
    assert!(plan.contains("DELETE  aws_proxy  Lambda ItemsFn"), "{plan}");
}

/// Plans of APIs SAM builds from events, checked against SAM's output for the same inputs
/// (tests/it/sam_oracle.rs compares every one): the implicit HTTP API with its `$default` route,
/// a REST API whose state machine event starts an execution, the implicit REST API with the
/// Globals' authorizer, API key, stage variables and cache, and an explicit API whose domain
/// comes from Globals.
#[test]
fn events_built_plans() {
    let settings = common::snapshot_settings();
    let _guard = settings.bind_to_scope();
    for (short, name, api) in [
        ("sam-implicit-http", "implicit_http_api", None),
        ("sam-state-machine", "state_machine_with_api", None),
        ("sam-implicit-rest-globals", "globals_for_api", Some("ServerlessRestApi")),
        ("sam-explicit-globals-domain", "api_with_basic_custom_domain", Some("MyAnotherApi")),
    ] {
        let rel = format!("../shared/corpus/sam-translator/input/{name}.yaml");
        let mut args = vec!["import", rel.as_str()];
        if let Some(api) = api {
            args.extend(["--api", api]);
        }
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        insta::assert_snapshot!(format!("template-{short}"), stdout(&out));
    }
}

/// CloudFormation's Conditions decide what exists: with the parameters' defaults, and with the
/// values `--parameter` gives (as `sam deploy --parameter-overrides` does).
#[test]
fn conditions_decide_what_the_stack_creates() {
    let template = template_file(
        "conditions",
        r#"Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !If [IsProd, live, test]
      Auth:
        DefaultAuthorizer: !If [IsProd, AWS_IAM, !Ref AWS::NoValue]
  PetsFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        List: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /pets, Method: get}}
  AdminFn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Admin: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /admin, Method: get}}
"#,
    );
    let dir = template.parent().unwrap().to_path_buf();
    let path = template.to_str().unwrap();
    let dev = gwgen(&["import", path]);
    let plan = stdout(&dev);
    assert_eq!(dev.status.code(), Some(0), "{plan}{}", stderr(&dev));
    assert!(plan.contains("  /pets\n") && !plan.contains("/admin"), "AdminFn is not created:\n{plan}");
    assert!(plan.contains("Lambda PetsFn  | auth NONE"), "{plan}");
    assert!(plan.contains("Stages (1)\n  test\n"), "{plan}");

    let prod = gwgen(&["import", path, "--parameter", "Env=prod"]);
    let plan = stdout(&prod);
    assert_eq!(prod.status.code(), Some(0), "{plan}{}", stderr(&prod));
    assert!(plan.contains("  /admin\n      GET     aws_proxy  Lambda AdminFn  | auth AWS_IAM"), "{plan}");
    assert!(plan.contains("Lambda PetsFn  | auth AWS_IAM"), "{plan}");
    assert!(plan.contains("Stages (1)\n  live\n"), "{plan}");

    // A parameter the template does not declare, or a value it does not allow: located, exit 2.
    let unknown = gwgen(&["lint", path, "--parameter", "Stage=prod"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("template.yaml:2:1")
            && stderr(&unknown).contains("--parameter Stage: the template has no"),
        "{}",
        stderr(&unknown)
    );
    let refused = gwgen(&["sdk", path, "-o", dir.join("sdk").to_str().unwrap(), "--parameter", "Env=qa"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("template.yaml:3:") && stderr(&refused).contains("AllowedValues"),
        "{}",
        stderr(&refused)
    );
}

/// A real template (aws-samples/sessions-with-aws-sam, custom-domains/http): it creates the
/// certificate unless one is given, and the domain uses whichever exists.
#[test]
fn a_custom_domain_uses_the_certificate_its_condition_chooses() {
    let file = corpus().join("sam-events/aws-samples__sessions-with-aws-sam__custom-domains__http__template.yaml");
    let domain = |extra: &[&str]| {
        let mut args = vec!["import", file.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["api"]["deployment"]["domains"][0].clone()
    };
    // CertArn defaults to `none`: CreateCert is true, the template's own certificate is used.
    let d = domain(&[]);
    assert_eq!(d["certificate_arn"], serde_json::json!({"Ref": "GeneratedCert"}));
    assert_eq!(d["name"], serde_json::json!({"Ref": "DomainName"}));
    let arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc";
    let d = domain(&["--parameter", &format!("CertArn={arn}"), "--parameter", "DomainName=api.example.com"]);
    assert_eq!(d["certificate_arn"], serde_json::json!(arn));
    assert_eq!(d["name"], serde_json::json!("api.example.com"));
}

/// An `Fn::If` in SAM's Globals decides one thing however many resources SAM copies it into: the
/// note is given once, at the Globals line, whichever command reads the template.
#[test]
fn a_globals_condition_is_noted_once_at_its_globals_line() {
    let file = "specs/lint/template-condition-unknown/globals.yaml";
    let out = gwgen(&["lint", file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["apis"], 2);
    let notes: Vec<(u64, String)> = findings_of(&v, "template-condition-unknown")
        .into_iter()
        .map(|f| (f["line"].as_u64().unwrap(), text_of(f, "pointer")))
        .collect();
    assert_eq!(
        notes,
        [(15, "/Globals/Api/BinaryMediaTypes/0".to_string()), (13, "/Globals/Api/TracingEnabled".to_string())]
    );
    // The import of either API notes the Globals once too.
    for api in ["Orders", "Pets"] {
        let out = gwgen(&["import", file, "--api", api]);
        let plan = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{plan}{}", stderr(&out));
        assert_eq!(plan.matches("condition `IsProd` cannot be evaluated").count(), 2, "{api}: {plan}");
    }
}

/// The template's `Rules` are checked as CloudFormation checks them before it creates the stack:
/// a rule whose condition holds and whose assertion is false refuses the parameter values, an
/// error at the assertion with its `AssertDescription` (exit 2); a rule gwgen cannot evaluate
/// is a note.
#[test]
fn rules_refuse_parameter_values_at_the_assertion() {
    let file = "specs/templates/sam-rules.yaml";
    let squeeze = |s: String| s.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    // The defaults: every rule CloudFormation would check holds; the one reading the account's
    // VPCs is noted.
    let out = gwgen(&["lint", file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes = findings_of(&v, "template-condition-unknown");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["line"], 31);
    let message = text_of(notes[0], "message");
    assert!(message.starts_with("rule `VpcInAccount` cannot be evaluated: `Fn::RefAll`"), "{message}");
    // No value given on the command line decides what the account holds: the help says so.
    let help = text_of(notes[0], "help");
    assert!(help.contains("no --parameter decides it") && !help.contains("NAME=VALUE"), "{help}");
    let plan = stdout(&gwgen(&["import", file]));
    assert!(plan.contains("rule `VpcInAccount` cannot be evaluated"), "{plan}");

    // A custom domain without its certificate and name: both assertions of the rule fail.
    for command in ["lint", "import", "sdk"] {
        let mut args = vec![command, file, "--parameter", "UseDomain=true"];
        let dir = std::env::temp_dir().join(format!("gwgen-rules-sdk-{}", std::process::id()));
        if command == "sdk" {
            args.extend(["-o", dir.to_str().unwrap()]);
        }
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stdout(&out));
        let err = squeeze(stderr(&out));
        assert!(
            err.contains(&format!("{file}:25:9: rule `DomainNeedsCertificate` refuses the template's parameter values (its assertion is false): A custom domain needs CertificateArn")),
            "{command}: {err}"
        );
        assert!(err.contains(&format!("{file}:27:9:")) && err.contains("A custom domain needs DomainName"), "{err}");
        assert!(!err.contains("A production API"), "{err}");
    }
    // Only the rule whose condition holds is checked: prod with an endpoint it refuses.
    let out = gwgen(&["lint", file, "--parameter", "Environment=prod", "--parameter", "Endpoint=PRIVATE"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = squeeze(stderr(&out));
    assert!(err.contains(&format!("{file}:20:9:")) && err.contains("A production API is REGIONAL or EDGE"), "{err}");
    assert!(!err.contains("custom domain"), "{err}");
    // Values every rule accepts.
    let arn = "CertificateArn=arn:aws:acm:us-east-1:111122223333:certificate/abc";
    let ok = gwgen(&[
        "lint",
        file,
        "--parameter",
        "UseDomain=true",
        "--parameter",
        arn,
        "--parameter",
        "DomainName=api.example.com",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

/// `--parameter AWS::Region=...` gives the region to the conditions and rules that read it (as
/// the stack's region would); `Fn::GetAZs` stays unknown even then, never a guessed list.
#[test]
fn the_region_given_decides_region_conditions_but_not_availability_zones() {
    let file = "specs/templates/sam-region.yaml";
    // The notes of `template-condition-unknown`: "line message", and their helps.
    let found = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["lint", file, "--format", "json"];
        args.extend_from_slice(extra);
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let note = |f: &serde_json::Value| format!("{} {}", f["line"], text_of(f, "message"));
        findings_of(&v, "template-condition-unknown").into_iter().map(|f| (note(f), text_of(f, "help"))).collect()
    };
    let notes = |extra: &[&str]| -> Vec<String> { found(extra).into_iter().map(|(n, _)| n).collect() };
    let helps = |extra: &[&str]| -> Vec<String> { found(extra).into_iter().map(|(_, h)| h).collect() };
    let open = notes(&[]);
    assert_eq!(open.len(), 3, "{open:?}");
    assert!(open.iter().any(|n| n.starts_with("18 condition `InUsEast1` cannot be evaluated: `AWS::Region` is known only when the stack is made (give it with --parameter AWS::Region=VALUE)")), "{open:?}");
    assert!(open.iter().any(|n| n.starts_with("10 rule `OnlyEurope` cannot be evaluated")), "{open:?}");
    // The region can be given; the account's Availability Zones cannot.
    assert!(helps(&[]).iter().any(|h| h.contains("with --parameter NAME=VALUE")), "{:?}", helps(&[]));
    let given = helps(&["--parameter", "AWS::Region=eu-west-1"]);
    assert!(given.len() == 1 && given[0].contains("no --parameter decides it here"), "{given:?}");
    let europe = notes(&["--parameter", "AWS::Region=eu-west-1"]);
    assert_eq!(europe.len(), 1, "{europe:?}");
    assert!(
        europe[0]
            .contains("`Fn::GetAZs` lists the Availability Zones the account has in the region (in `eu-west-1` too)"),
        "{europe:?}"
    );
    let plan = stdout(&gwgen(&["import", file, "--parameter", "AWS::Region=eu-west-1"]));
    assert!(plan.contains("Endpoint     REGIONAL"), "{plan}");
    // In us-east-1 the rule refuses the stack, at its assertion.
    let out = gwgen(&["import", file, "--parameter", "AWS::Region=us-east-1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains(&format!("{file}:10:9: rule `OnlyEurope`")), "{}", stderr(&out));
}

/// `--parameter AWS::Region=...` gives the API's own values the region's, as the stack made in
/// that region has them: SAM's generated Lambda integration and authorizer URIs (REST: the
/// partition SAM writes is the region's), an HTTP API's and a WebSocket API's integration URIs,
/// the custom domain and its certificate, a document's URI joined from `AWS::Partition` and
/// `AWS::Region`. A function with a `FunctionName` (ListOrders) has a whole ARN once the account
/// is given; one without (PartnerAuth) keeps `${PartnerAuth}`, the name CloudFormation gives it.
/// China (Beijing) is in partition `aws-cn` (CloudFormation's pseudo parameter reference).
/// Without the region these stay symbolic; the account, not given, stays open.
#[test]
fn a_region_given_reaches_the_apis_values() {
    let file = "specs/templates/sam-pseudo-region.yaml";
    let api = |id: &str, extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["import", file, "--api", id, "--format", "json"];
        args.extend_from_slice(extra);
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(0), "{id} {extra:?}: {}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["api"].clone()
    };
    let uris = |a: &serde_json::Value| -> Vec<serde_json::Value> {
        let mut out: Vec<serde_json::Value> = a["paths"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["operations"].as_array().unwrap().iter().map(|o| o["integration"]["uri"].clone()))
            .collect();
        for s in a["security_schemes"].as_object().into_iter().flat_map(|m| m.values()) {
            out.push(s["authorizer"]["authorizer_uri"].clone());
        }
        out
    };
    let sub = |t: &str| serde_json::json!({ "Fn::Sub": t });
    let china = ["--parameter", "AWS::Region=cn-north-1"];

    // REST: SAM writes `arn:aws:` itself, the region stays open.
    let rest = api("Orders", &[]);
    assert_eq!(
        uris(&rest),
        [
            sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:ListOrders/invocations"),
            sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${PartnerAuth}/invocations"),
        ]
    );
    let domain = &rest["deployment"]["domains"][0];
    assert_eq!(domain["name"], sub("orders.${AWS::Region}.example.com"));
    assert_eq!(
        domain["certificate_arn"],
        sub("arn:${AWS::Partition}:acm:${AWS::Region}:123456789012:certificate/orders")
    );
    let rest = api("Orders", &china);
    assert_eq!(
        uris(&rest),
        [
            sub("arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:${AWS::AccountId}:function:ListOrders/invocations"),
            sub("arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:${AWS::AccountId}:function:${PartnerAuth}/invocations"),
        ]
    );
    let domain = &rest["deployment"]["domains"][0];
    assert_eq!(domain["name"], "orders.cn-north-1.example.com");
    assert_eq!(domain["certificate_arn"], "arn:aws-cn:acm:cn-north-1:123456789012:certificate/orders");
    // With the account too, nothing is left open.
    let whole = api("Orders", &["--parameter", "AWS::Region=cn-north-1", "--parameter", "AWS::AccountId=111122223333"]);
    assert_eq!(
        uris(&whole)[0],
        "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:111122223333:function:ListOrders/invocations"
    );

    // HTTP (SAM writes `${AWS::Partition}`) and WebSocket (the template's `Fn::Sub`).
    let http = |extra: &[&str]| uris(&api("ServerlessHttpApi", extra));
    let socket =
        |extra: &[&str]| api("Socket", extra)["websocket"]["integrations"]["SocketIntegration"]["uri"]["value"].clone();
    let open = sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:ListOrders/invocations");
    let in_china = sub("arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:${AWS::AccountId}:function:ListOrders/invocations");
    assert_eq!(http(&[]), vec![open.clone()]);
    assert_eq!(http(&china), vec![in_china.clone()]);
    assert_eq!(socket(&[]), open);
    assert_eq!(socket(&china), in_china);

    // Export writes the document with the region's values: an `Fn::Join` of pseudo parameters
    // becomes the text it stands for.
    let dir = crate::common::scratch("pseudo-region-export");
    let exported = |name: &str, extra: &[&str]| -> serde_json::Value {
        let to = dir.join(name);
        let mut args = vec!["export", file, "--api", "Audit", "--to", "oas30", "-o", to.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = gwgen(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&to).unwrap()).unwrap();
        doc["paths"]["/audit"]["put"]["x-amazon-apigateway-integration"]["uri"].clone()
    };
    assert_eq!(exported("in-china.json", &china), "arn:aws-cn:apigateway:cn-north-1:dynamodb:action/PutItem");
    assert_eq!(
        exported("in-ireland.json", &["--parameter", "AWS::Region=eu-west-1"]),
        "arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem"
    );
    let open = exported("open.json", &[]);
    assert_eq!(open["Fn::Join"][1][1], serde_json::json!({"Ref": "AWS::Partition"}), "{open}");
}

/// SAM's transform refuses the template (`template`, an `AWS::Serverless::Api` `Api` whose
/// `Properties` are `api`, and a function whose `Api` event has the `Properties` `event`): the
/// single load error's message, help and pointer into the template.
fn sam_refusal(name: &str, api: &str, event: &str) -> (String, String, String) {
    sam_refusal_of("Api", name, api, event)
}

/// [`sam_refusal`] of an `AWS::Serverless::Api` (`kind` `Api`) or `HttpApi`.
fn sam_refusal_of(kind: &str, name: &str, api: &str, event: &str) -> (String, String, String) {
    let id_key = if kind == "Api" { "RestApiId" } else { "ApiId" };
    let indent = |text: &str, by: usize| text.lines().map(|l| format!("{}{l}\n", " ".repeat(by))).collect::<String>();
    let text = format!(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::{kind}\n    Properties:\n{}  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: x\n      Events:\n        Get:\n          Type: {kind}\n          Properties:\n            {id_key}: !Ref Api\n{}",
        indent(api, 6),
        indent(event, 12)
    );
    let file = template_file(name, &text);
    let errors = match gwgen::load::load_all(&file, &Default::default()) {
        Err(e) => e,
        Ok(all) => all.into_iter().filter_map(|(_, r)| r.err()).flatten().collect(),
    };
    assert_eq!(errors.len(), 1, "{name}: {errors:?}");
    let e = &errors[0];
    let pointer = match &e.place {
        gwgen::diag::Place::Key(p) | gwgen::diag::Place::Node(p) | gwgen::diag::Place::Value(p) => {
            p.as_str().to_string()
        }
        other => panic!("{name}: not located: {other:?}"),
    };
    (e.message.clone(), e.help.clone().unwrap_or_default(), pointer)
}

/// The help of a SAM refusal says what to write: an event's authorizer the API does not define
/// (SAM's docs: an event's `Authorizer: NONE` overrides the API's `DefaultAuthorizer`; an event
/// without `Authorizer` on an API without one has no authorization), a `Method` or `Path` that is
/// missing or not a string, and `Cors` keys and values a REST API's `Cors` does not take.
#[test]
fn sam_refusals_say_how_to_fix_the_template() {
    let cognito = "StageName: prod\nAuth:\n  Authorizers:\n    Cognito:\n      UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc\n";
    let event = "Path: /items/{id}\nMethod: get\nAuth:\n  Authorizer: Missing\n";
    let (message, help, at) = sam_refusal("samhelp-authorizer", cognito, event);
    assert_eq!(message, "Unable to set Authorizer [Missing] on API method [get] for path [/items/{id}] because it wasn't defined in the API's Authorizers.");
    assert_eq!(help, "define `Missing` under the API's `Auth.Authorizers`, or name one it defines: `Cognito`; without `Authorizer` the method is public");
    assert_eq!(at, "/Resources/Fn/Properties/Events/Get/Properties/Auth/Authorizer");
    let default = format!("{cognito}  DefaultAuthorizer: Cognito\n");
    let (_, help, _) = sam_refusal("samhelp-authorizer-default", &default, event);
    assert_eq!(help, "define `Missing` under the API's `Auth.Authorizers`, or name one it defines: `Cognito`; `NONE` makes the method public");
    let (message, help, _) =
        sam_refusal("samhelp-none", cognito, "Path: /items\nMethod: get\nAuth:\n  Authorizer: NONE\n");
    assert!(message.contains("'NONE' is only a valid value when a DefaultAuthorizer"), "{message}");
    assert!(help.starts_with("remove `Authorizer: NONE`: the API has no `DefaultAuthorizer`"), "{help}");

    let plain = "StageName: prod\n";
    let methods = "one of `get`, `post`, `put`, `patch`, `delete`, `head`, `options` or `any`";
    let (_, help, at) = sam_refusal("samhelp-no-method", plain, "Path: /items\n");
    assert_eq!(help, format!("give the event a `Method`, {methods}"));
    assert_eq!(at, "/Resources/Fn/Properties/Events/Get");
    let (_, help, at) = sam_refusal("samhelp-list-method", plain, "Path: /items\nMethod: [get]\n");
    assert_eq!(help, format!("write `Method` as a plain string, {methods}"));
    assert_eq!(at, "/Resources/Fn/Properties/Events/Get/Properties/Method");
    let (_, help, _) = sam_refusal("samhelp-no-path", plain, "Method: get\n");
    assert_eq!(help, "give the event a `Path`, such as `/items/{id}`");

    let route = "Path: /items\nMethod: get\n";
    let (message, help, at) =
        sam_refusal("samhelp-cors-key", "StageName: prod\nCors:\n  AllowOrigins: \"'*'\"\n", route);
    assert_eq!(message, "Invalid key 'AllowOrigins' for 'Cors' property.");
    assert_eq!(help, "`Cors` takes only `AllowMethods`, `AllowHeaders`, `AllowOrigin`, `MaxAge` or `AllowCredentials`: remove `AllowOrigins` or correct its spelling (a REST API's `Cors` says `AllowOrigin`, one quoted origin)");
    assert_eq!(at, "/Resources/Api/Properties/Cors/AllowOrigins");
    let (_, help, _) = sam_refusal("samhelp-cors-list", "StageName: prod\nCors: [\"'*'\"]\n", route);
    assert_eq!(help, "write `Cors` as one quoted origin, such as \"'https://example.com'\" or \"'*'\", or as a mapping (indented `Key: value` entries) with `AllowMethods`, `AllowHeaders`, `AllowOrigin`, `MaxAge` or `AllowCredentials`");
    let (_, help, at) =
        sam_refusal("samhelp-cors-credentials", "StageName: prod\nCors:\n  AllowCredentials: true\n", route);
    assert_eq!(help, "set `AllowOrigin` to the one origin allowed to send credentials, such as \"'https://example.com'\" (browsers refuse credentials with the `*` origin), or remove `AllowCredentials`");
    assert_eq!(at, "/Resources/Api/Properties/Cors/AllowCredentials");
}

/// An HTTP API's refusals: an event's `AWS_IAM` authorizer on an API without
/// `EnableIamAuthorizer` (SAM's docs: that property turns IAM authorization on for the routes),
/// and the REST spelling `AllowOrigin` in `CorsConfiguration` (HTTP's is `AllowOrigins`).
#[test]
fn http_api_refusals_say_how_to_fix_the_template() {
    let jwt = "Auth:\n  Authorizers:\n    Jwt:\n      IdentitySource: $request.header.Authorization\n      JwtConfiguration:\n        issuer: https://example.com\n        audience: [app]\n";
    let event = "Path: /items\nMethod: get\nAuth:\n  Authorizer: AWS_IAM\n";
    let (message, help, at) = sam_refusal_of("HttpApi", "samhelp-http-iam", jwt, event);
    assert!(
        message.starts_with("Unable to set Authorizer [AWS_IAM] on API method [get] for path [/items]"),
        "{message}"
    );
    assert_eq!(help, "set the HttpApi's `Auth.EnableIamAuthorizer: true` to authorize methods with IAM");
    assert_eq!(at, "/Resources/Fn/Properties/Events/Get/Properties/Auth/Authorizer");
    let cors = "CorsConfiguration:\n  AllowOrigin: https://example.com\n";
    let (message, help, at) = sam_refusal_of("HttpApi", "samhelp-http-cors", cors, "Path: /items\nMethod: get\n");
    assert_eq!(message, "Invalid key 'AllowOrigin' for 'Cors' property.");
    assert_eq!(help, "`CorsConfiguration` takes only `AllowMethods`, `AllowHeaders`, `AllowOrigins`, `MaxAge`, `ExposeHeaders` or `AllowCredentials`: remove `AllowOrigin` or correct its spelling (an HTTP API's `CorsConfiguration` says `AllowOrigins`, a list)");
    assert_eq!(at, "/Resources/Api/Properties/CorsConfiguration/AllowOrigin");
}

/// A WebSocket API's refusal carries its help to the command's output: an `AuthType` SAM does
/// not take (SAM's docs: `NONE`, `AWS_IAM` or `CUSTOM`), exit 2 at the template's line.
#[test]
fn websocket_refusals_print_how_to_fix_the_template() {
    let text = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Ws:\n    Type: AWS::Serverless::WebSocketApi\n    Properties:\n      Routes:\n        $connect:\n          FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:connect\n      Auth:\n        AuthType: JWT\n";
    let file = template_file("samhelp-websocket", text);
    let out = gwgen(&["lint", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("template.yaml:9:7: AuthType is not one of"), "{err}");
    assert!(err.contains("help: set `Auth.AuthType` to `AWS_IAM`, `CUSTOM` or `NONE`"), "{err}");
}
