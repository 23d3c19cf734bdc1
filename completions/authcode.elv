
use builtin;
use str;

set edit:completion:arg-completer[authcode] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'authcode'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'authcode'= {
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand scopes 'List the scopes and what each grants'
            cand schema 'Print a JSON Schema (draft 2020-12) for request or response payloads'
            cand wallets 'List the built-in wallet profiles'
            cand completions 'Print a shell completion script'
            cand serve 'Run a local sandbox of the wallets'' backends that exchanges stored codes for tokens'
            cand sandbox 'List what the sandbox store holds, and make codes or tokens fail on demand'
            cand request 'Build a getAuthCode request, decide consent, and print the response'
            cand validate 'Check request and response JSON files against the specification'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authcode;scopes'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --json 'Print a JSON array instead of a table'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;schema'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --compact 'Print the schema on one line'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;wallets'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --json 'Print a JSON array instead of a table'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;completions'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;serve'= {
            cand --listen 'Address to listen on, HOST:PORT (port 0: any free port)'
            cand --partner-id 'The merchant''s partner id (client id); any is accepted when unset'
            cand --partner-public-key 'The merchant''s RSA public key (PEM, 2,048 to 8,192 bits) that signatures are checked with: a file, or the PEM text itself'
            cand --platform-private-key 'The RSA private key (PEM) the Alipay+ and Alipay CN answers are signed with [default: the store''s own, created once beside it; `authcode sandbox key` prints its public key]'
            cand --wait-for-store 'With a PostgreSQL store: keep trying to reach the database at start for this long (e.g. 30s in a compose file), saying so, before giving up'
            cand --tls-name 'Another name for the certificate besides 127.0.0.1, ::1 and localhost (repeatable)'
            cand --code-ttl 'How long a minted code can be exchanged, whatever its wallet [default: the lifetime its wallet''s platform publishes, else 10m]'
            cand --access-token-ttl 'How long an access token is valid'
            cand --refresh-token-ttl 'How long a refresh token is valid'
            cand --admin-token 'Required from every client of the listing and its buttons (else they answer loopback clients only)'
            cand --redirect-url 'A redirect URL the consent page allows, as registered in DANA''s merchant portal (repeatable; the query may differ; any http(s) URL when none is given)'
            cand --max-clock-skew 'Refuse requests whose time (X-TIMESTAMP, reqTime, Request-Time, timestamp) is further than this from the server''s clock [default: any time]'
            cand --auto-consent 'Answer the consent page without showing it (for unattended tests)'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --tls 'Serve HTTPS, with a certificate from a local CA kept beside the store'
            cand -q 'Do not write the access log on stderr'
            cand --quiet 'Do not write the access log on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the newest codes and tokens'
            cand key 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
            cand expire-code 'Make a code fail at its next exchange as expired'
            cand use-code 'Make a code fail at its next exchange as already used'
            cand forget-code 'Make a code fail at its next exchange as unknown (removes it)'
            cand expire-token 'Make an access token (or the pair of a refresh token) expire now'
            cand unbind 'End the binding of an access (or refresh) token, as the user does in the DANA app'
            cand fault 'Arm a fault: the next requests to ROUTE answer a chosen failure'
            cand clear-faults 'Disarm every fault (of one route)'
            cand reset 'Empty the store: every code, token and fault (safe while a server runs on it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authcode;sandbox;list'= {
            cand --limit 'How many of each'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --json 'Print JSON instead of a table'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;key'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --pem 'Only the PEM'
            cand --base64 'Only the bare base64 (what Ant''s SDKs take)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;expire-code'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;use-code'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;forget-code'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;expire-token'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;unbind'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;fault'= {
            cand --answer 'Answer this result code (Apply Token: 4007400, 4007401, 4007402, 4017400, 5007401; profile: a resultCode such as INVALID_ACCESS_TOKEN; balance-inquiry, apply-ott, account-unbinding: a code of their table such as 4011102; the Alipay+ routes: a failing resultCode such as USED_CODE; alipay-cn-gateway: isv.code-invalid, isv.refresh-token-invalid, aop.invalid-auth-token, isp.unknow-error)'
            cand --http 'Answer this HTTP status, 500 to 599, with a body in the route''s shape'
            cand --delay 'Wait this long (e.g. 2s, at most 5m), then answer normally'
            cand --count 'Hit the next N requests [default: 1, unless --fraction]'
            cand --fraction 'Hit this share of the requests (0 < F <= 1) until cleared'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;clear-faults'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;reset'= {
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;sandbox;help'= {
            cand list 'List the newest codes and tokens'
            cand key 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
            cand expire-code 'Make a code fail at its next exchange as expired'
            cand use-code 'Make a code fail at its next exchange as already used'
            cand forget-code 'Make a code fail at its next exchange as unknown (removes it)'
            cand expire-token 'Make an access token (or the pair of a refresh token) expire now'
            cand unbind 'End the binding of an access (or refresh) token, as the user does in the DANA app'
            cand fault 'Arm a fault: the next requests to ROUTE answer a chosen failure'
            cand clear-faults 'Disarm every fault (of one route)'
            cand reset 'Empty the store: every code, token and fault (safe while a server runs on it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authcode;sandbox;help;list'= {
        }
        &'authcode;sandbox;help;key'= {
        }
        &'authcode;sandbox;help;expire-code'= {
        }
        &'authcode;sandbox;help;use-code'= {
        }
        &'authcode;sandbox;help;forget-code'= {
        }
        &'authcode;sandbox;help;expire-token'= {
        }
        &'authcode;sandbox;help;unbind'= {
        }
        &'authcode;sandbox;help;fault'= {
        }
        &'authcode;sandbox;help;clear-faults'= {
        }
        &'authcode;sandbox;help;reset'= {
        }
        &'authcode;sandbox;help;help'= {
        }
        &'authcode;request'= {
            cand --from 'Read the scopes from a request payload {"scopes": [...]} (''-'' for stdin)'
            cand --format 'Payload format: JSON, or the JavaScript call a mini program makes [default: json]'
            cand -o 'Write the output to FILE (atomically) instead of stdout'
            cand --output 'Write the output to FILE (atomically) instead of stdout'
            cand --user 'The simulated user who consents [default: default]'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand -s 'Scopes to request (repeatable, comma-separated) [default: the wallet''s default scopes, where it has them]'
            cand --scopes 'Scopes to request (repeatable, comma-separated) [default: the wallet''s default scopes, where it has them]'
            cand --grant 'Grant these scopes and deny the rest (comma-separated)'
            cand --error-code 'Error value for denied scopes, so refused when none is denied [default: the profile''s defaultError, else 40006, or its first code if it has no 40006]'
            cand --param 'A request parameter the wallet requires besides scopes (repeatable; with --from, the file carries them)'
            cand --app-name 'Who asks for consent, shown in the prompt (so not with --payload or a decision flag) [default: This mini program]'
            cand --seed 'Make the authCode deterministic (for snapshot tests), so refused when none is granted'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --payload 'Print only the request payload, without asking for consent'
            cand --approve 'Grant every requested scope'
            cand --deny 'Grant none of the requested scopes'
            cand --compact 'Print the output on one line (the JSON, or the --format js call)'
            cand --no-store 'Do not record the minted code in the sandbox store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;validate'= {
            cand --kind 'Check every document as this kind instead of guessing'
            cand --request 'Each response must answer exactly the scopes of this request payload'
            cand --format 'Report format'
            cand --expect-scopes 'Each response must answer exactly these scopes (comma-separated)'
            cand -j 'Number of threads (default: the number of CPUs)'
            cand --jobs 'Number of threads (default: the number of CPUs)'
            cand --catalog 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)'
            cand --store 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]'
            cand --users 'Simulated users besides the built-in one (JSON; see README)'
            cand --color 'When to use colors'
            cand --wallet 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all'
            cand --no-ignore 'Walk into ignored files too: .gitignore, .ignore and git''s excludes are not read, and node_modules is entered'
            cand --hidden 'Walk into hidden files and directories too (names starting with ''.'')'
            cand --ndjson 'Treat every input as one JSON document per non-empty line'
            cand --strict 'Treat warnings as errors'
            cand -q 'Print only the totals, in the report''s format: the summary line (human, github), {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)'
            cand --quiet 'Print only the totals, in the report''s format: the summary line (human, github), {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'authcode;help'= {
            cand scopes 'List the scopes and what each grants'
            cand schema 'Print a JSON Schema (draft 2020-12) for request or response payloads'
            cand wallets 'List the built-in wallet profiles'
            cand completions 'Print a shell completion script'
            cand serve 'Run a local sandbox of the wallets'' backends that exchanges stored codes for tokens'
            cand sandbox 'List what the sandbox store holds, and make codes or tokens fail on demand'
            cand request 'Build a getAuthCode request, decide consent, and print the response'
            cand validate 'Check request and response JSON files against the specification'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authcode;help;scopes'= {
        }
        &'authcode;help;schema'= {
        }
        &'authcode;help;wallets'= {
        }
        &'authcode;help;completions'= {
        }
        &'authcode;help;serve'= {
        }
        &'authcode;help;sandbox'= {
            cand list 'List the newest codes and tokens'
            cand key 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
            cand expire-code 'Make a code fail at its next exchange as expired'
            cand use-code 'Make a code fail at its next exchange as already used'
            cand forget-code 'Make a code fail at its next exchange as unknown (removes it)'
            cand expire-token 'Make an access token (or the pair of a refresh token) expire now'
            cand unbind 'End the binding of an access (or refresh) token, as the user does in the DANA app'
            cand fault 'Arm a fault: the next requests to ROUTE answer a chosen failure'
            cand clear-faults 'Disarm every fault (of one route)'
            cand reset 'Empty the store: every code, token and fault (safe while a server runs on it)'
        }
        &'authcode;help;sandbox;list'= {
        }
        &'authcode;help;sandbox;key'= {
        }
        &'authcode;help;sandbox;expire-code'= {
        }
        &'authcode;help;sandbox;use-code'= {
        }
        &'authcode;help;sandbox;forget-code'= {
        }
        &'authcode;help;sandbox;expire-token'= {
        }
        &'authcode;help;sandbox;unbind'= {
        }
        &'authcode;help;sandbox;fault'= {
        }
        &'authcode;help;sandbox;clear-faults'= {
        }
        &'authcode;help;sandbox;reset'= {
        }
        &'authcode;help;request'= {
        }
        &'authcode;help;validate'= {
        }
        &'authcode;help;help'= {
        }
    ]
    $completions[$command]
}
