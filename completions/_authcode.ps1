
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'authcode' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'authcode'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'authcode' {
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('scopes', 'scopes', [CompletionResultType]::ParameterValue, 'List the scopes and what each grants')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema (draft 2020-12) for request or response payloads')
            [CompletionResult]::new('wallets', 'wallets', [CompletionResultType]::ParameterValue, 'List the built-in wallet profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local sandbox of the wallets'' backends that exchanges stored codes for tokens')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'List what the sandbox store holds, and make codes or tokens fail on demand')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Build a getAuthCode request, decide consent, and print the response')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check request and response JSON files against the specification')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authcode;scopes' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;schema' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Print the schema on one line')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;wallets' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;completions' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on, HOST:PORT (port 0: any free port)')
            [CompletionResult]::new('--partner-id', '--partner-id', [CompletionResultType]::ParameterName, 'The merchant''s partner id (client id); any is accepted when unset')
            [CompletionResult]::new('--partner-public-key', '--partner-public-key', [CompletionResultType]::ParameterName, 'The merchant''s RSA public key (PEM, 2,048 to 8,192 bits) that signatures are checked with: a file, or the PEM text itself')
            [CompletionResult]::new('--platform-private-key', '--platform-private-key', [CompletionResultType]::ParameterName, 'The RSA private key (PEM) the Alipay+ and Alipay CN answers are signed with [default: the store''s own, created once beside it; `authcode sandbox key` prints its public key]')
            [CompletionResult]::new('--wait-for-store', '--wait-for-store', [CompletionResultType]::ParameterName, 'With a PostgreSQL store: keep trying to reach the database at start for this long (e.g. 30s in a compose file), saying so, before giving up')
            [CompletionResult]::new('--tls-name', '--tls-name', [CompletionResultType]::ParameterName, 'Another name for the certificate besides 127.0.0.1, ::1 and localhost (repeatable)')
            [CompletionResult]::new('--code-ttl', '--code-ttl', [CompletionResultType]::ParameterName, 'How long a minted code can be exchanged, whatever its wallet [default: the lifetime its wallet''s platform publishes, else 10m]')
            [CompletionResult]::new('--access-token-ttl', '--access-token-ttl', [CompletionResultType]::ParameterName, 'How long an access token is valid')
            [CompletionResult]::new('--refresh-token-ttl', '--refresh-token-ttl', [CompletionResultType]::ParameterName, 'How long a refresh token is valid')
            [CompletionResult]::new('--admin-token', '--admin-token', [CompletionResultType]::ParameterName, 'Required from every client of the listing and its buttons (else they answer loopback clients only)')
            [CompletionResult]::new('--redirect-url', '--redirect-url', [CompletionResultType]::ParameterName, 'A redirect URL the consent page allows, as registered in DANA''s merchant portal (repeatable; the query may differ; any http(s) URL when none is given)')
            [CompletionResult]::new('--max-clock-skew', '--max-clock-skew', [CompletionResultType]::ParameterName, 'Refuse requests whose time (X-TIMESTAMP, reqTime, Request-Time, timestamp) is further than this from the server''s clock [default: any time]')
            [CompletionResult]::new('--auto-consent', '--auto-consent', [CompletionResultType]::ParameterName, 'Answer the consent page without showing it (for unattended tests)')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve HTTPS, with a certificate from a local CA kept beside the store')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Do not write the access log on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Do not write the access log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest codes and tokens')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)')
            [CompletionResult]::new('expire-code', 'expire-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as expired')
            [CompletionResult]::new('use-code', 'use-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as already used')
            [CompletionResult]::new('forget-code', 'forget-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as unknown (removes it)')
            [CompletionResult]::new('expire-token', 'expire-token', [CompletionResultType]::ParameterValue, 'Make an access token (or the pair of a refresh token) expire now')
            [CompletionResult]::new('unbind', 'unbind', [CompletionResultType]::ParameterValue, 'End the binding of an access (or refresh) token, as the user does in the DANA app')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault: the next requests to ROUTE answer a chosen failure')
            [CompletionResult]::new('clear-faults', 'clear-faults', [CompletionResultType]::ParameterValue, 'Disarm every fault (of one route)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Empty the store: every code, token and fault (safe while a server runs on it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authcode;sandbox;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many of each')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;key' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Only the PEM')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Only the bare base64 (what Ant''s SDKs take)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;expire-code' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;use-code' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;forget-code' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;expire-token' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;unbind' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;fault' {
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'Answer this result code (Apply Token: 4007400, 4007401, 4007402, 4017400, 5007401; profile: a resultCode such as INVALID_ACCESS_TOKEN; balance-inquiry, apply-ott, account-unbinding: a code of their table such as 4011102; the Alipay+ routes: a failing resultCode such as USED_CODE; alipay-cn-gateway: isv.code-invalid, isv.refresh-token-invalid, aop.invalid-auth-token, isp.unknow-error)')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Answer this HTTP status, 500 to 599, with a body in the route''s shape')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this long (e.g. 2s, at most 5m), then answer normally')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Hit the next N requests [default: 1, unless --fraction]')
            [CompletionResult]::new('--fraction', '--fraction', [CompletionResultType]::ParameterName, 'Hit this share of the requests (0 < F <= 1) until cleared')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;clear-faults' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;reset' {
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;sandbox;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest codes and tokens')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)')
            [CompletionResult]::new('expire-code', 'expire-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as expired')
            [CompletionResult]::new('use-code', 'use-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as already used')
            [CompletionResult]::new('forget-code', 'forget-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as unknown (removes it)')
            [CompletionResult]::new('expire-token', 'expire-token', [CompletionResultType]::ParameterValue, 'Make an access token (or the pair of a refresh token) expire now')
            [CompletionResult]::new('unbind', 'unbind', [CompletionResultType]::ParameterValue, 'End the binding of an access (or refresh) token, as the user does in the DANA app')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault: the next requests to ROUTE answer a chosen failure')
            [CompletionResult]::new('clear-faults', 'clear-faults', [CompletionResultType]::ParameterValue, 'Disarm every fault (of one route)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Empty the store: every code, token and fault (safe while a server runs on it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authcode;sandbox;help;list' {
            break
        }
        'authcode;sandbox;help;key' {
            break
        }
        'authcode;sandbox;help;expire-code' {
            break
        }
        'authcode;sandbox;help;use-code' {
            break
        }
        'authcode;sandbox;help;forget-code' {
            break
        }
        'authcode;sandbox;help;expire-token' {
            break
        }
        'authcode;sandbox;help;unbind' {
            break
        }
        'authcode;sandbox;help;fault' {
            break
        }
        'authcode;sandbox;help;clear-faults' {
            break
        }
        'authcode;sandbox;help;reset' {
            break
        }
        'authcode;sandbox;help;help' {
            break
        }
        'authcode;request' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the scopes from a request payload {"scopes": [...]} (''-'' for stdin)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Payload format: JSON, or the JavaScript call a mini program makes [default: json]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The simulated user who consents [default: default]')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Scopes to request (repeatable, comma-separated) [default: the wallet''s default scopes, where it has them]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes to request (repeatable, comma-separated) [default: the wallet''s default scopes, where it has them]')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'Grant these scopes and deny the rest (comma-separated)')
            [CompletionResult]::new('--error-code', '--error-code', [CompletionResultType]::ParameterName, 'Error value for denied scopes, so refused when none is denied [default: the profile''s defaultError, else 40006, or its first code if it has no 40006]')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A request parameter the wallet requires besides scopes (repeatable; with --from, the file carries them)')
            [CompletionResult]::new('--app-name', '--app-name', [CompletionResultType]::ParameterName, 'Who asks for consent, shown in the prompt (so not with --payload or a decision flag) [default: This mini program]')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Make the authCode deterministic (for snapshot tests), so refused when none is granted')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'Print only the request payload, without asking for consent')
            [CompletionResult]::new('--approve', '--approve', [CompletionResultType]::ParameterName, 'Grant every requested scope')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Grant none of the requested scopes')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Print the output on one line (the JSON, or the --format js call)')
            [CompletionResult]::new('--no-store', '--no-store', [CompletionResultType]::ParameterName, 'Do not record the minted code in the sandbox store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;validate' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Check every document as this kind instead of guessing')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'Each response must answer exactly the scopes of this request payload')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format')
            [CompletionResult]::new('--expect-scopes', '--expect-scopes', [CompletionResultType]::ParameterName, 'Each response must answer exactly these scopes (comma-separated)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Number of threads (default: the number of CPUs)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Number of threads (default: the number of CPUs)')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'Simulated users besides the built-in one (JSON; see README)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--wallet', '--wallet', [CompletionResultType]::ParameterName, 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all')
            [CompletionResult]::new('--no-ignore', '--no-ignore', [CompletionResultType]::ParameterName, 'Walk into ignored files too: .gitignore, .ignore and git''s excludes are not read, and node_modules is entered')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'Walk into hidden files and directories too (names starting with ''.'')')
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'Treat every input as one JSON document per non-empty line')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as errors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the totals, in the report''s format: the summary line (human, github), {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the totals, in the report''s format: the summary line (human, github), {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'authcode;help' {
            [CompletionResult]::new('scopes', 'scopes', [CompletionResultType]::ParameterValue, 'List the scopes and what each grants')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema (draft 2020-12) for request or response payloads')
            [CompletionResult]::new('wallets', 'wallets', [CompletionResultType]::ParameterValue, 'List the built-in wallet profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local sandbox of the wallets'' backends that exchanges stored codes for tokens')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'List what the sandbox store holds, and make codes or tokens fail on demand')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Build a getAuthCode request, decide consent, and print the response')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check request and response JSON files against the specification')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authcode;help;scopes' {
            break
        }
        'authcode;help;schema' {
            break
        }
        'authcode;help;wallets' {
            break
        }
        'authcode;help;completions' {
            break
        }
        'authcode;help;serve' {
            break
        }
        'authcode;help;sandbox' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest codes and tokens')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)')
            [CompletionResult]::new('expire-code', 'expire-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as expired')
            [CompletionResult]::new('use-code', 'use-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as already used')
            [CompletionResult]::new('forget-code', 'forget-code', [CompletionResultType]::ParameterValue, 'Make a code fail at its next exchange as unknown (removes it)')
            [CompletionResult]::new('expire-token', 'expire-token', [CompletionResultType]::ParameterValue, 'Make an access token (or the pair of a refresh token) expire now')
            [CompletionResult]::new('unbind', 'unbind', [CompletionResultType]::ParameterValue, 'End the binding of an access (or refresh) token, as the user does in the DANA app')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Arm a fault: the next requests to ROUTE answer a chosen failure')
            [CompletionResult]::new('clear-faults', 'clear-faults', [CompletionResultType]::ParameterValue, 'Disarm every fault (of one route)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Empty the store: every code, token and fault (safe while a server runs on it)')
            break
        }
        'authcode;help;sandbox;list' {
            break
        }
        'authcode;help;sandbox;key' {
            break
        }
        'authcode;help;sandbox;expire-code' {
            break
        }
        'authcode;help;sandbox;use-code' {
            break
        }
        'authcode;help;sandbox;forget-code' {
            break
        }
        'authcode;help;sandbox;expire-token' {
            break
        }
        'authcode;help;sandbox;unbind' {
            break
        }
        'authcode;help;sandbox;fault' {
            break
        }
        'authcode;help;sandbox;clear-faults' {
            break
        }
        'authcode;help;sandbox;reset' {
            break
        }
        'authcode;help;request' {
            break
        }
        'authcode;help;validate' {
            break
        }
        'authcode;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
