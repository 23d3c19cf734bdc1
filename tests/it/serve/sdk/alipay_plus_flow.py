"""Ant's official Python SDK (global-open-sdk-python) against `authcode serve --tls` on
127.0.0.1:443: applyToken, inquiryUserInfo, refresh, a used code; the SDK verifies every
answer's signature with the sandbox's platform key. Reads a JSON config (argv[1]); prints a
JSON report. A complete example of pointing the SDK at the sandbox (trust its CA with
SSL_CERT_FILE)."""

import json
import sys

from com.alipay.ams.api.default_alipay_client import DefaultAlipayClient
from com.alipay.ams.api.exception.exception import AlipayApiException
from com.alipay.ams.api.request.alipay_request import AlipayRequest
from com.alipay.ams.api.request.auth.alipay_auth_apply_token_request import (
    AlipayAuthApplyTokenRequest,
)


class InquiryUserInfo(AlipayRequest):
    """The SDK's own user-info request fails to construct in 1.7.1: the base with a path."""

    def __init__(self, access_token):
        super().__init__("/v2/users/inquiryUserInfo")
        self.access_token = access_token

    def to_ams_json(self):
        return json.dumps({"accessToken": self.access_token})


def apply_token(client, grant_type, **fields):
    request = AlipayAuthApplyTokenRequest()
    request.path = "/v2/authorizations/applyToken"
    request.grant_type = grant_type
    request.customer_belongs_to = "GCASH"
    for name, value in fields.items():
        setattr(request, name, value)
    return json.loads(client.execute(request))


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    client = DefaultAlipayClient(
        "https://127.0.0.1",
        config["clientId"],
        config["privateKey"],
        config["platformPublicKey"],
    )
    report = {}
    token = apply_token(client, "AUTHORIZATION_CODE", auth_code=config["code"])
    report["token"] = token
    report["info"] = json.loads(client.execute(InquiryUserInfo(token["accessToken"])))
    report["refreshed"] = apply_token(
        client, "REFRESH_TOKEN", refresh_token=token["refreshToken"]
    )
    report["used"] = apply_token(client, "AUTHORIZATION_CODE", auth_code=config["code"])
    forged = DefaultAlipayClient(
        "https://127.0.0.1",
        config["clientId"],
        config["privateKey"],
        config["otherPublicKey"],
    )
    try:
        forged.execute(InquiryUserInfo(report["refreshed"]["accessToken"]))
        report["forged"] = "accepted"
    except AlipayApiException as e:
        report["forged"] = "refused" if "verify failed" in str(e) else "error: " + str(e)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
