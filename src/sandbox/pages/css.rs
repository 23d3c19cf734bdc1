//! The pages' style sheets (no external resources: the sandbox works offline).

/// The consent page's: a phone-sized card in the wallet's colors.
pub(crate) const CONSENT: &str = "
:root{color-scheme:light;--blue:#108ee9;--ink:#1a1a1a;--mute:#5c6470}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:#eef3f8}
main{max-width:34rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:12px;padding:1.25rem 1.25rem 1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.brand{font-weight:700;color:var(--blue);letter-spacing:.02em}
.sandbox{display:inline-block;margin-left:.5rem;padding:0 .5rem;border-radius:99px;background:#fff4d6;color:#7a5200;font-size:.8rem}
h1{font-size:1.3rem;line-height:1.3;margin:.75rem 0 1rem;overflow-wrap:anywhere}
fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.5rem}
ul{list-style:none;margin:0;padding:0}
li{padding:.6rem 0;border-top:1px solid #e6e9ee}
li code{display:block;font-weight:600;overflow-wrap:anywhere}
li span{color:var(--mute);font-size:.95rem}
label.user{display:flex;gap:.6rem;align-items:center;padding:.5rem 0;cursor:pointer}
.who{min-width:0;overflow-wrap:anywhere}
.phone{white-space:nowrap;color:var(--mute)}
input[type=radio]{width:1.2rem;height:1.2rem;flex:none}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.25rem}
button{flex:1 1 10rem;min-height:3rem;font:inherit;font-weight:600;border-radius:8px;border:2px solid var(--blue);cursor:pointer}
button.allow{background:var(--blue);color:#fff}
button.deny{background:#fff;color:var(--blue)}
button:focus-visible,input:focus-visible{outline:3px solid #ffb300;outline-offset:2px}
.error code{background:#f3f4f6;padding:0 .25rem;border-radius:4px;overflow-wrap:anywhere}
footer{color:var(--mute);font-size:.85rem;margin-top:1rem;text-align:center}
@media (max-width:360px){main{padding:.5rem}.card{padding:1rem}}
";

/// The listing page's: wide tables that scroll sideways on a phone.
pub(crate) const LISTING: &str = "
body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#eef3f8;color:#1a1a1a}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}
.wrap{overflow-x:auto;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .6rem;border-top:1px solid #e6e9ee;vertical-align:top;white-space:nowrap}
th{background:#f6f8fa;border-top:0}
form{display:inline}
button{font:inherit;font-size:.85rem;padding:.2rem .5rem;margin:0 .2rem .2rem 0;border:1px solid #108ee9;border-radius:6px;background:#fff;color:#0b6fb8;cursor:pointer}
button:focus-visible{outline:3px solid #ffb300;outline-offset:1px}
.state{font-weight:600}
";
