//! The rules, one file each, and the registry that lists them.

use super::{Rule, RuleEntry};

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every rule gwgen has, in catalog order.
        pub static REGISTRY: &[RuleEntry] = &[
            $(RuleEntry {
                meta: &<$module::$rule as Rule>::META,
                check: <$module::$rule as Rule>::check,
                written_doc: rule_docs::$module,
            },)*
        ];

        /// Each rule against its fixture, one test per rule (see [`check_fixture`]).
        #[cfg(test)]
        mod fixtures {
            $(#[test]
            fn $module() {
                super::check_fixture(<super::$module::$rule as crate::lint::Rule>::META.id);
            })*
        }
    };
}

registry! {
    integration_missing::IntegrationMissing,
    sam_event_conflict::SamEventConflict,
    sam_event_not_merged::SamEventNotMerged,
    path_segment_charset::PathSegmentCharset,
    greedy_path_last::GreedyPathLast,
    sibling_variable_conflict::SiblingVariableConflict,
    model_name_alphanumeric::ModelNameAlphanumeric,
    model_unsupported_keyword::ModelUnsupportedKeyword,
    number_int_format::NumberIntFormat,
    response_schema_primitive::ResponseSchemaPrimitive,
    root_response_ref::RootResponseRef,
    operation_responses_missing::OperationResponsesMissing,
    http_api_openapi3_only::HttpApiOpenapi3Only,
    http_api_integration_type::HttpApiIntegrationType,
    operation_single_security::OperationSingleSecurity,
    http_api_ignored_validation::HttpApiIgnoredValidation,
    unresolved_intrinsic::UnresolvedIntrinsic,
    unresolved_ref::UnresolvedRef,
    openapi_31::Openapi31,
    openapi_structure::OpenapiStructure,
    openapi_ignored::OpenapiIgnored,
    extension_unknown_key::ExtensionUnknownKey,
    duplicate_key::DuplicateKey,
    intrinsic_target_missing::IntrinsicTargetMissing,
    template_property_unknown::TemplatePropertyUnknown,
    template_value_case::TemplateValueCase,
    template_condition_unknown::TemplateConditionUnknown,
    certificate_region::CertificateRegion,
    cache_key_identity::CacheKeyIdentity,
    throttle_account_limit::ThrottleAccountLimit,
    cache_ttl_range::CacheTtlRange,
    stage_variable_defined::StageVariableDefined,
    integration_type_valid::IntegrationTypeValid,
    integration_lambda_post::IntegrationLambdaPost,
    integration_httpmethod_required::IntegrationHttpmethodRequired,
    integration_uri_lambda_format::IntegrationUriLambdaFormat,
    integration_uri_aws_format::IntegrationUriAwsFormat,
    integration_credentials_valid::IntegrationCredentialsValid,
    integration_uri_http_format::IntegrationUriHttpFormat,
    integration_lambda_region_match::IntegrationLambdaRegionMatch,
    integration_timeout_range::IntegrationTimeoutRange,
    vpc_link_connection_id::VpcLinkConnectionId,
    tls_insecure_skip_verification::TlsInsecureSkipVerification,
    payload_format_version_required::PayloadFormatVersionRequired,
    passthrough_behavior_valid::PassthroughBehaviorValid,
    passthrough_never_without_templates::PassthroughNeverWithoutTemplates,
    integration_responses_default::IntegrationResponsesDefault,
    request_parameter_mapping_syntax::RequestParameterMappingSyntax,
    request_parameter_declared::RequestParameterDeclared,
    static_mapping_quoted::StaticMappingQuoted,
    mapping_value_not_string::MappingValueNotString,
    integration_response_status_declared::IntegrationResponseStatusDeclared,
    response_header_mapping_declared::ResponseHeaderMappingDeclared,
    cache_key_params_declared::CacheKeyParamsDeclared,
    stage_variable_ref_syntax::StageVariableRefSyntax,
    authorizer_type_valid::AuthorizerTypeValid,
    authorizer_uri_required::AuthorizerUriRequired,
    authorizer_ttl_range::AuthorizerTtlRange,
    authorizer_identity_source_format::AuthorizerIdentitySourceFormat,
    authorizer_cache_needs_identity::AuthorizerCacheNeedsIdentity,
    security_scheme_type_apikey::SecuritySchemeTypeApikey,
    operation_unauthenticated::OperationUnauthenticated,
    request_validator_defined::RequestValidatorDefined,
    extension_api_type_mismatch::ExtensionApiTypeMismatch,
    api_type_mixed::ApiTypeMixed,
    importexport_version_value::ImportexportVersionValue,
    api_key_source_valid::ApiKeySourceValid,
    min_compression_size_range::MinCompressionSizeRange,
    gateway_response_type_valid::GatewayResponseTypeValid,
    endpoint_config_placement::EndpointConfigPlacement,
    vpc_endpoint_ids_private_only::VpcEndpointIdsPrivateOnly,
    private_api_needs_policy::PrivateApiNeedsPolicy,
    resource_policy_wildcard_allow::ResourcePolicyWildcardAllow,
    security_policy_access_mode::SecurityPolicyAccessMode,
    definition_size_limit::DefinitionSizeLimit,
    operation_id_unique::OperationIdUnique,
    path_params_declared::PathParamsDeclared,
    security_scheme_defined::SecuritySchemeDefined,
    tls_server_name_scope::TlsServerNameScope,
    integration_subtype_valid::IntegrationSubtypeValid,
    content_handling_valid::ContentHandlingValid,
    http_api_param_mapping_syntax::HttpApiParamMappingSyntax,
    http_api_reserved_header_mapping::HttpApiReservedHeaderMapping,
    mapping_template_size::MappingTemplateSize,
    http_authorizer_payload_version::HttpAuthorizerPayloadVersion,
    jwt_config_required::JwtConfigRequired,
    cognito_provider_arns::CognitoProviderArns,
    authtype_reserved_aws_prefix::AuthtypeReservedAwsPrefix,
    gateway_response_param_syntax::GatewayResponseParamSyntax,
    cors_http_valid::CorsHttpValid,
    response_streaming_constraints::ResponseStreamingConstraints,
    proxy_integration_no_mappings::ProxyIntegrationNoMappings,
    authorizer_v1_only_fields::AuthorizerV1OnlyFields,
    reserved_root_path::ReservedRootPath,
    model_oneof::ModelOneof,
    parameter_unsupported_attrs::ParameterUnsupportedAttrs,
    binary_media_type_format::BinaryMediaTypeFormat,
    default_route_options::DefaultRouteOptions,
    operation_id_sdk_safe::OperationIdSdkSafe,
    jwt_route_scopes::JwtRouteScopes,
    vpc_link_prefer_stage_variable::VpcLinkPreferStageVariable,
    authorizer_limit::AuthorizerLimit,
    resource_count_limit::ResourceCountLimit,
    resource_policy_size::ResourcePolicySize,
    model_ignored_keyword::ModelIgnoredKeyword,
    stage_variable_cross_account_lambda::StageVariableCrossAccountLambda,
    cognito_scopes_vs_token::CognitoScopesVsToken,
    scopes_ignored::ScopesIgnored,
    execute_api_endpoint_with_mtls::ExecuteApiEndpointWithMtls,
    websocket_auth_connect_only::WebsocketAuthConnectOnly,
    websocket_connect_unauthorized::WebsocketConnectUnauthorized,
    websocket_route_key_syntax::WebsocketRouteKeySyntax,
    websocket_selection_expression_syntax::WebsocketSelectionExpressionSyntax,
    websocket_two_way_route::WebsocketTwoWayRoute,
    websocket_aws_proxy_lambda::WebsocketAwsProxyLambda,
    websocket_template_unreachable::WebsocketTemplateUnreachable,
    websocket_default_route_missing::WebsocketDefaultRouteMissing,
    websocket_api_key_selection::WebsocketApiKeySelection,
    websocket_identity_source_syntax::WebsocketIdentitySourceSyntax,
    websocket_authorizer_type::WebsocketAuthorizerType,
    route_settings_key::RouteSettingsKey,
}

#[cfg(test)]
/// The pointers where `rule` reports on a document with these `paths`, loaded as an HTTP API.
pub(crate) fn http_findings(rule: &str, paths: &str) -> Vec<String> {
    let yaml = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: \"1\"}}\nx-amazon-apigateway-importexport-version: \"1.0\"\npaths:\n{paths}"
    );
    let api = crate::load::test_api(&yaml, None);
    assert_eq!(api.api_type, crate::ir::ApiType::Http);
    crate::lint::run(&api, crate::lint::Mode::Lint)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.loc.ptr.as_str().to_string())
        .collect()
}

/// One rule's findings on a small document (for the rules' unit tests).
#[cfg(test)]
pub(crate) fn findings_of(rule: &str, yaml: &str, api_type: Option<crate::ir::ApiType>) -> Vec<crate::diag::Finding> {
    let api = crate::load::test_api(yaml, api_type);
    crate::lint::run(&api, crate::lint::Mode::Lint).into_iter().filter(|f| f.rule == rule).collect()
}

/// The pointers of one rule's findings on a small document (for the rules' unit tests).
#[cfg(test)]
pub(crate) fn pointers_of(rule: &str, yaml: &str, api_type: Option<crate::ir::ApiType>) -> Vec<String> {
    findings_of(rule, yaml, api_type).into_iter().map(|f| f.loc.ptr.as_str().to_string()).collect()
}

/// A rule against its fixtures: `specs/lint/<id>.yaml`, and, for a rule that reads settings a
/// template can keep in several places, every file of the folder `specs/lint/<id>/` (one file
/// per place, e.g. `specs/lint/cache-ttl-range/stage-description.yaml`). In each file the rule
/// fires exactly on the lines marked `# expect: <rule-id>`, nowhere else, and its text output is
/// a reviewed snapshot (`lint-<id>`, and `lint-<id>-<file stem>` for the folder's files).
#[cfg(test)]
fn check_fixture(id: &str) {
    check_fixture_file(id, &format!("specs/lint/{id}.yaml"), &format!("lint-{id}"));
    let dir = std::path::PathBuf::from(format!("specs/lint/{id}"));
    if !dir.is_dir() {
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: a fixture folder without fixtures", dir.display());
    for file in files {
        let stem = file.file_stem().and_then(|s| s.to_str()).expect("file name");
        check_fixture_file(id, &file.to_string_lossy(), &format!("lint-{id}-{stem}"));
    }
}

/// One fixture file: a document, or a template whose every API is read (so that one file can
/// hold an API where the rule fires and one where it must not).
#[cfg(test)]
fn check_fixture_file(id: &str, rel: &str, snapshot: &str) {
    let text = std::fs::read_to_string(rel).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let expected: std::collections::BTreeSet<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&format!("# expect: {id}")))
        .map(|(i, _)| i as u32 + 1)
        .collect();
    // A rule that cannot fire in a small file (a size limit) says why with `# expect-none:` and
    // is tested where it can fire.
    assert!(
        !expected.is_empty() || text.contains("# expect-none:"),
        "{rel} marks no line with `# expect: {id}` (nor says `# expect-none: <why>`)"
    );
    // The API type comes from the fixture itself, as for a user; a fixture may fix it as a user
    // would on the command line: `# gwgen: --api-type http`.
    let api_type = text
        .lines()
        .find_map(|l| l.split("# gwgen: --api-type ").nth(1))
        .map(|t| (crate::ir::ApiType::parse(t.trim()).expect("rest or http"), crate::ir::ApiTypeFrom::Flag));
    let options = crate::load::Options { api_type, api: None, allow_external_refs: false, parameters: Vec::new() };
    let apis = crate::load::load_all(std::path::Path::new(rel), &options).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
    assert!(!apis.is_empty(), "{rel}: no API");
    let mut actual = std::collections::BTreeSet::new();
    let mut out = String::new();
    let several = apis.len() > 1;
    // The region a user's gwgen.yaml would state: `# gwgen: region eu-west-1`.
    let region = text
        .lines()
        .find_map(|l| l.split("# gwgen: region ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .map(str::to_string);
    for (logical_id, api) in apis {
        let mut api = api.unwrap_or_else(|e| panic!("{rel} {logical_id:?}: {e:?}"));
        api.deployment.region = region.clone();
        let findings: Vec<_> =
            crate::lint::run(&api, crate::lint::Mode::Lint).into_iter().filter(|f| f.rule == id).collect();
        for f in crate::report::locate(&findings, &api.sources) {
            assert!(f.file.ends_with(rel) || rel.ends_with(&f.file), "{rel}: a finding in {}", f.file);
            actual.insert(f.line);
        }
        if let (Some(logical_id), true, false) = (&logical_id, several, findings.is_empty()) {
            out.push_str(&format!("── {logical_id}\n"));
        }
        crate::report::text(&findings, &api.sources, &mut out);
    }
    assert_eq!(actual, expected, "{rel}: findings on lines {actual:?}, fixture expects {expected:?}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(snapshot.to_string(), out));
}
