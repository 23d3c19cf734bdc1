// Alipay CN's official Node SDK (`alipay-sdk`) against `authcode serve`'s /gateway.do:
// code -> token -> user info -> refresh -> the used code's error, every success verified
// (`validateSign: true`) with the sandbox's platform key. Reads a JSON config (argv[2]);
// prints a JSON report. A complete example of pointing the SDK at the sandbox.
const fs = require('node:fs');
const { AlipaySdk } = require('alipay-sdk');

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const sdk = new AlipaySdk({
    appId: config.appId,
    privateKey: config.privateKey,
    keyType: 'PKCS8',
    alipayPublicKey: config.alipayPublicKey,
    gateway: config.gateway,
  });
  const report = {};
  const verified = { validateSign: true };
  const token = await sdk.exec('alipay.system.oauth.token', {
    grantType: 'authorization_code',
    code: config.code,
  }, verified);
  report.token = token;
  report.info = await sdk.exec('alipay.user.info.share', { authToken: token.accessToken }, verified);
  report.refreshed = await sdk.exec('alipay.system.oauth.token', {
    grantType: 'refresh_token',
    refreshToken: token.refreshToken,
  }, verified);
  // The SDK reads error_response, but its validateSign looks for the method's key only, so
  // the error is read without it.
  report.used = await sdk.exec('alipay.system.oauth.token', {
    grantType: 'authorization_code',
    code: config.code,
  });
  // A platform key other than the sandbox's: the SDK refuses the answer.
  const forged = new AlipaySdk({
    appId: config.appId,
    privateKey: config.privateKey,
    keyType: 'PKCS8',
    alipayPublicKey: config.otherPublicKey,
    gateway: config.gateway,
  });
  try {
    await forged.exec('alipay.user.info.share', { authToken: report.refreshed.accessToken }, verified);
    report.forged = 'accepted';
  } catch (e) {
    report.forged = String(e.message).includes('验签失败') ? 'refused' : `error: ${e.message}`;
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
