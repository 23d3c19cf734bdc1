"""Drives `authcode serve` with DANA's official Python SDK (dana-python, pinned by the test).

Usage: widget_flow.py CONFIG.json  — CONFIG names the server URL, the merchant's key files,
the partner id, and the codes to use; prints one JSON object with the outcome of each case.
Success responses go through the SDK's own pydantic models, so its validation must accept
them; failures are read from the exception's body, as an SDK user would.
"""

import base64
import json
import sys
import urllib.error
import urllib.request

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from dana.api_client import ApiClient
from dana.exceptions import ApiException
from dana.utils.snap_configuration import AuthSettings, Env, SnapConfiguration
from dana.widget.v1 import WidgetApi
from dana.widget.v1.models import (
    AccountUnbindingRequest,
    AccountUnbindingRequestAdditionalInfo,
    ApplyOTTRequest,
    ApplyOTTRequestAdditionalInfo,
    ApplyTokenAuthorizationCodeRequest,
    BalanceInquiryRequest,
    BalanceInquiryRequestAdditionalInfo,
    ApplyTokenRefreshTokenRequest,
    QueryUserProfileRequest,
)

APPLY_TOKEN = "/v1.0/access-token/b2b2c.htm"


def widget(config, private_key):
    settings = AuthSettings(
        PRIVATE_KEY=private_key,
        X_PARTNER_ID=config["partner_id"],
        CHANNEL_ID="95221",
        ENV=Env.SANDBOX,
        DANA_ENV=Env.SANDBOX,
    )
    settings["CLIENT_SECRET"] = "sandbox-secret"
    configuration = SnapConfiguration(api_key=settings)
    configuration.host = config["url"]
    return WidgetApi(ApiClient(configuration))


def failure(call):
    """The HTTP status and JSON body of a call that must fail."""
    try:
        call()
    except ApiException as e:
        return {"status": e.status, "body": json.loads(e.body)}
    return {"status": 200, "body": "unexpectedly succeeded"}


def exchange(api, code):
    response = api.apply_token(
        ApplyTokenAuthorizationCodeRequest(
            grant_type="AUTHORIZATION_CODE", auth_code=code, refresh_token="", additional_info={}
        )
    )
    return response.to_dict()


def raw_apply(config, private_key, headers_change, code):
    """Apply Token with hand-made headers, for the cases the SDK cannot produce."""
    ts = "2025-01-01T10:00:00+07:00"
    key = serialization.load_pem_private_key(private_key.encode(), password=None)
    sig = base64.b64encode(
        key.sign(f"{config['partner_id']}|{ts}".encode(), padding.PKCS1v15(), hashes.SHA256())
    ).decode()
    headers = {
        "Content-Type": "application/json",
        "X-TIMESTAMP": ts,
        "X-CLIENT-KEY": config["partner_id"],
        "X-SIGNATURE": sig,
        "CHANNEL-ID": "95221",
    }
    headers_change(headers)
    body = json.dumps({"grantType": "AUTHORIZATION_CODE", "authCode": code}).encode()
    request = urllib.request.Request(config["url"] + APPLY_TOKEN, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request) as r:
            return {"status": r.status, "body": json.loads(r.read())}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": json.loads(e.read())}


def profile(api, token, resources):
    response = api.query_user_profile(
        QueryUserProfileRequest(user_resources=resources, access_token=token)
    )
    return response.to_dict()


def balance(api, token):
    return api.balance_inquiry(
        BalanceInquiryRequest(
            partner_reference_no="ref-balance",
            balance_types=["BALANCE"],
            additional_info=BalanceInquiryRequestAdditionalInfo(
                access_token=token, device_id="device-1"
            ),
        )
    ).to_dict()


def bound_calls(api, other, codes):
    """Bind, then balance, OTT and unbinding through WidgetApi; then the dead token.
    `other` signs with a key that is not the registered one."""
    out = {}
    tokens = exchange(api, codes["fresh"])
    token = tokens["accessToken"]
    out["balance"] = balance(api, token)
    out["balance_bad_signature"] = failure(lambda: balance(other, token))
    out["ott"] = api.apply_ott(
        ApplyOTTRequest(
            user_resources=["OTT"],
            additional_info=ApplyOTTRequestAdditionalInfo(access_token=token, device_id="device-1"),
        )
    ).to_dict()
    out["unbind"] = api.account_unbinding(
        AccountUnbindingRequest(
            merchant_id="216620000000000000001",
            partner_reference_no="ref-unbind",
            additional_info=AccountUnbindingRequestAdditionalInfo(
                access_token=token, device_id="device-1"
            ),
        )
    ).to_dict()
    out["balance_after_unbinding"] = failure(lambda: balance(api, token))
    out["profile_after_unbinding"] = profile(api, token, ["LOGIN_ID"])
    out["refresh_after_unbinding"] = failure(
        lambda: api.apply_token(
            ApplyTokenRefreshTokenRequest(
                grant_type="REFRESH_TOKEN", refresh_token=tokens["refreshToken"]
            )
        )
    )
    return out


def main():
    config = json.load(open(sys.argv[1]))
    private_key = open(config["private_key"]).read()
    api = widget(config, private_key)
    out = {}
    codes = config["codes"]

    if config.get("phase") == "after_restart":
        out["used_after_restart"] = failure(lambda: exchange(api, codes["spent"]))
        out["profile_after_restart"] = profile(api, config["token"], ["LOGIN_ID"])
        print(json.dumps(out))
        return

    if config.get("phase") == "widget":
        other = widget(config, open(config["other_private_key"]).read())
        print(json.dumps(bound_calls(api, other, codes)))
        return

    if config.get("phase") == "keyless":
        ok = exchange(api, codes["fresh"])
        out["success"] = ok
        out["profile"] = profile(api, ok["accessToken"], ["LOGIN_ID"])
        print(json.dumps(out))
        return

    ok = exchange(api, codes["fresh"])
    out["success"] = ok
    out["used"] = failure(lambda: exchange(api, codes["fresh"]))
    out["unknown"] = failure(lambda: exchange(api, "test123"))
    out["expired"] = failure(lambda: exchange(api, codes["expired"]))
    other = widget(config, open(config["other_private_key"]).read())
    out["bad_signature"] = failure(lambda: exchange(other, codes["spare"]))
    out["missing_timestamp"] = raw_apply(
        config, private_key, lambda h: h.pop("X-TIMESTAMP"), codes["spare"]
    )
    out["malformed_timestamp"] = raw_apply(
        config,
        private_key,
        lambda h: h.__setitem__("X-TIMESTAMP", "2025-01-01 10:00:00+07:00"),
        codes["spare"],
    )
    out["spare_still_unused"] = exchange(api, codes["spare"])
    refreshed = api.apply_token(
        ApplyTokenRefreshTokenRequest(grant_type="REFRESH_TOKEN", refresh_token=ok["refreshToken"])
    )
    out["refresh"] = refreshed.to_dict()
    out["refresh_again"] = failure(
        lambda: api.apply_token(
            ApplyTokenRefreshTokenRequest(grant_type="REFRESH_TOKEN", refresh_token=ok["refreshToken"])
        )
    )
    # The refresh revoked the first access token: the profile takes the new one.
    token = out["refresh"]["accessToken"]
    out["profile"] = profile(api, token, ["LOGIN_ID", "NICKNAME", "MASK_DANA_ID"])
    out["profile_denied"] = profile(api, token, ["KTP_NUMBER"])
    out["profile_revoked"] = profile(api, ok["accessToken"], ["LOGIN_ID"])
    out["profile_bad_token"] = profile(api, "no-such-token", ["LOGIN_ID"])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
