//! `authcode validate`: every rule, every report format, positions, inputs, pairing with a
//! request, hostile inputs and exit codes.

mod across;
mod hostile;
mod inputs;
mod pairing;
mod report_paths;
mod reports;
mod rules;
mod verdict_stands;
mod verdicts;

/// The spec's success sample, verbatim: its single quotes make it invalid JSON.
const SUCCESS_SAMPLE: &str =
    "{\n    \"authCode\":\"1591797390204\",\n    \"authSuccessScopes\":['USER_LOGIN_ID']\n}\n";
/// The spec's failure sample, verbatim.
const FAILURE_SAMPLE: &str =
    "{\n    \"authErrorScopes\":{\n       \"USER_LOGIN_ID\":\"40006\"\n    }\n}\n";
