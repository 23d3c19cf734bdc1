# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_authcode_global_optspecs
    string join \n catalog= store= users= color= wallet= h/help V/version
end

function __fish_authcode_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_authcode_global_optspecs) -- $cmd 2>/dev/null
    # A global option waiting for its value: still no subcommand.
    or begin
        contains -- "$cmd[-1]" --wallet --catalog --store --users --color
        return
    end
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_authcode_using_subcommand
    set -l cmd (__fish_authcode_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c authcode -n "__fish_authcode_needs_command" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_needs_command" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_needs_command" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_needs_command" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_needs_command" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'
all\t'every wallet (validate only)'"
complete -c authcode -n "__fish_authcode_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_needs_command" -s V -l version -d 'Print version'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "scopes" -d 'List the scopes and what each grants'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "schema" -d 'Print a JSON Schema (draft 2020-12) for request or response payloads'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "wallets" -d 'List the built-in wallet profiles'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "serve" -d 'Run a local sandbox of the wallets\' backends that exchanges stored codes for tokens'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "sandbox" -d 'List what the sandbox store holds, and make codes or tokens fail on demand'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "request" -d 'Build a getAuthCode request, decide consent, and print the response'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "validate" -d 'Check request and response JSON files against the specification'
complete -c authcode -n "__fish_authcode_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -l json -d 'Print a JSON array instead of a table'
complete -c authcode -n "__fish_authcode_using_subcommand scopes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand schema" -l compact -d 'Print the schema on one line'
complete -c authcode -n "__fish_authcode_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -l json -d 'Print a JSON array instead of a table'
complete -c authcode -n "__fish_authcode_using_subcommand wallets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand completions" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand completions" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand completions" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand completions" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand completions" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l listen -d 'Address to listen on, HOST:PORT (port 0: any free port)' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l partner-id -d 'The merchant\'s partner id (client id); any is accepted when unset' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l partner-public-key -d 'The merchant\'s RSA public key (PEM, 2,048 to 8,192 bits) that signatures are checked with: a file, or the PEM text itself' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l platform-private-key -d 'The RSA private key (PEM) the Alipay+ and Alipay CN answers are signed with [default: the store\'s own, created once beside it; `authcode sandbox key` prints its public key]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l wait-for-store -d 'With a PostgreSQL store: keep trying to reach the database at start for this long (e.g. 30s in a compose file), saying so, before giving up' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l tls-name -d 'Another name for the certificate besides 127.0.0.1, ::1 and localhost (repeatable)' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l code-ttl -d 'How long a minted code can be exchanged, whatever its wallet [default: the lifetime its wallet\'s platform publishes, else 10m]' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l access-token-ttl -d 'How long an access token is valid' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l refresh-token-ttl -d 'How long a refresh token is valid' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l admin-token -d 'Required from every client of the listing and its buttons (else they answer loopback clients only)' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l redirect-url -d 'A redirect URL the consent page allows, as registered in DANA\'s merchant portal (repeatable; the query may differ; any http(s) URL when none is given)' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l max-clock-skew -d 'Refuse requests whose time (X-TIMESTAMP, reqTime, Request-Time, timestamp) is further than this from the server\'s clock [default: any time]' -r
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l auto-consent -d 'Answer the consent page without showing it (for unattended tests)' -r -f -a "allow\t''
deny\t''"
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand serve" -l tls -d 'Serve HTTPS, with a certificate from a local CA kept beside the store'
complete -c authcode -n "__fish_authcode_using_subcommand serve" -s q -l quiet -d 'Do not write the access log on stderr'
complete -c authcode -n "__fish_authcode_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "list" -d 'List the newest codes and tokens'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "key" -d 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "expire-code" -d 'Make a code fail at its next exchange as expired'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "use-code" -d 'Make a code fail at its next exchange as already used'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "forget-code" -d 'Make a code fail at its next exchange as unknown (removes it)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "expire-token" -d 'Make an access token (or the pair of a refresh token) expire now'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "unbind" -d 'End the binding of an access (or refresh) token, as the user does in the DANA app'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "fault" -d 'Arm a fault: the next requests to ROUTE answer a chosen failure'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "clear-faults" -d 'Disarm every fault (of one route)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "reset" -d 'Empty the store: every code, token and fault (safe while a server runs on it)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and not __fish_seen_subcommand_from list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l limit -d 'How many of each' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l pem -d 'Only the PEM'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -l base64 -d 'Only the bare base64 (what Ant\'s SDKs take)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-code" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from use-code" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from forget-code" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from expire-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from unbind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l answer -d 'Answer this result code (Apply Token: 4007400, 4007401, 4007402, 4017400, 5007401; profile: a resultCode such as INVALID_ACCESS_TOKEN; balance-inquiry, apply-ott, account-unbinding: a code of their table such as 4011102; the Alipay+ routes: a failing resultCode such as USED_CODE; alipay-cn-gateway: isv.code-invalid, isv.refresh-token-invalid, aop.invalid-auth-token, isp.unknow-error)' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l http -d 'Answer this HTTP status, 500 to 599, with a body in the route\'s shape' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l delay -d 'Wait this long (e.g. 2s, at most 5m), then answer normally' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l count -d 'Hit the next N requests [default: 1, unless --fraction]' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l fraction -d 'Hit this share of the requests (0 < F <= 1) until cleared' -r
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from clear-faults" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the newest codes and tokens'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "key" -d 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "expire-code" -d 'Make a code fail at its next exchange as expired'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "use-code" -d 'Make a code fail at its next exchange as already used'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "forget-code" -d 'Make a code fail at its next exchange as unknown (removes it)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "expire-token" -d 'Make an access token (or the pair of a refresh token) expire now'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "unbind" -d 'End the binding of an access (or refresh) token, as the user does in the DANA app'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "fault" -d 'Arm a fault: the next requests to ROUTE answer a chosen failure'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "clear-faults" -d 'Disarm every fault (of one route)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Empty the store: every code, token and fault (safe while a server runs on it)'
complete -c authcode -n "__fish_authcode_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authcode -n "__fish_authcode_using_subcommand request" -l from -d 'Read the scopes from a request payload {"scopes": [...]} (\'-\' for stdin)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand request" -l format -d 'Payload format: JSON, or the JavaScript call a mini program makes [default: json]' -r -f -a "json\t''
js\t''"
complete -c authcode -n "__fish_authcode_using_subcommand request" -s o -l output -d 'Write the output to FILE (atomically) instead of stdout' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand request" -l user -d 'The simulated user who consents [default: default]' -r
complete -c authcode -n "__fish_authcode_using_subcommand request" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'"
complete -c authcode -n "__fish_authcode_using_subcommand request" -s s -l scopes -d 'Scopes to request (repeatable, comma-separated) [default: the wallet\'s default scopes, where it has them]' -r -f -a "USER_LOGIN_ID\t'Authorized to obtain users\' phone numbers'
KYC_INFO\t'Authorized to obtain users\' KYC information'
USER_CONTACTINFO_EMAIL\t'Authorized to obtain users\' email information'
USER_BIOLOGICAL_MOTHER_NAME\t'Authorized to obtain users\' biological mother\'s name information'
USER_EDUCATION_LEVEL\t'Authorized to obtain users\' education level information'
USER_OCCUPATION\t'Authorized to obtain users\' occupation information'
USER_MONTHLY_INCOME\t'Authorized to obtain users\' monthly income information'
USER_INCOME_SOURCE\t'Authorized to obtain users\' source of income information'
INVESTMENT_PURPOSE\t'Authorized to obtain users\' purpose of investment information'
USER_INVESTING_EXPERIENCE\t'Authorized to obtain users\' investing experience information'
USER_POSTAL_CODE\t'Authorized to obtain users\' address postal code information'
USER_OFFICE_NAME\t'Authorized to obtain users\' office name information'
EMPLOYER_BIZ_CTG\t'Authorized to obtain users\' employer business category information'
USER_JOB\t'Authorized to obtain users\' job status information'
USER_WORKING_EXPERIENCE\t'Authorized to obtain users\' working experience information'
USER_OFFICE_ADDRESS\t'Authorized to obtain users\' office address information'
USER_OFFICE_PROVINCE\t'Authorized to obtain users\' office province information'
USER_OFFICE_REGENCY\t'Authorized to obtain users\' office regency information'
USER_OFFICE_DISTRICT\t'Authorized to obtain users\' office district information'
USER_OFFICE_VILLAGE\t'Authorized to obtain users\' office village information'
USER_OFFICE_POSTAL_CODE\t'Authorized to obtain users\' office postal code information'
USER_BANK_NAME\t'Authorized to obtain users\' bank name information'
USER_BANK_ACCOUNT_NUMBER\t'Authorized to obtain users\' bank account number information'
USER_ACCOUNT_HOLDER_NAME\t'Authorized to obtain users\' account holder name information'
SUBSCRIPTION\t'Authorized to enable users to use the Subscription with Static Amount - Mini Program solution'"
complete -c authcode -n "__fish_authcode_using_subcommand request" -l grant -d 'Grant these scopes and deny the rest (comma-separated)' -r -f -a "USER_LOGIN_ID\t'Authorized to obtain users\' phone numbers'
KYC_INFO\t'Authorized to obtain users\' KYC information'
USER_CONTACTINFO_EMAIL\t'Authorized to obtain users\' email information'
USER_BIOLOGICAL_MOTHER_NAME\t'Authorized to obtain users\' biological mother\'s name information'
USER_EDUCATION_LEVEL\t'Authorized to obtain users\' education level information'
USER_OCCUPATION\t'Authorized to obtain users\' occupation information'
USER_MONTHLY_INCOME\t'Authorized to obtain users\' monthly income information'
USER_INCOME_SOURCE\t'Authorized to obtain users\' source of income information'
INVESTMENT_PURPOSE\t'Authorized to obtain users\' purpose of investment information'
USER_INVESTING_EXPERIENCE\t'Authorized to obtain users\' investing experience information'
USER_POSTAL_CODE\t'Authorized to obtain users\' address postal code information'
USER_OFFICE_NAME\t'Authorized to obtain users\' office name information'
EMPLOYER_BIZ_CTG\t'Authorized to obtain users\' employer business category information'
USER_JOB\t'Authorized to obtain users\' job status information'
USER_WORKING_EXPERIENCE\t'Authorized to obtain users\' working experience information'
USER_OFFICE_ADDRESS\t'Authorized to obtain users\' office address information'
USER_OFFICE_PROVINCE\t'Authorized to obtain users\' office province information'
USER_OFFICE_REGENCY\t'Authorized to obtain users\' office regency information'
USER_OFFICE_DISTRICT\t'Authorized to obtain users\' office district information'
USER_OFFICE_VILLAGE\t'Authorized to obtain users\' office village information'
USER_OFFICE_POSTAL_CODE\t'Authorized to obtain users\' office postal code information'
USER_BANK_NAME\t'Authorized to obtain users\' bank name information'
USER_BANK_ACCOUNT_NUMBER\t'Authorized to obtain users\' bank account number information'
USER_ACCOUNT_HOLDER_NAME\t'Authorized to obtain users\' account holder name information'
SUBSCRIPTION\t'Authorized to enable users to use the Subscription with Static Amount - Mini Program solution'"
complete -c authcode -n "__fish_authcode_using_subcommand request" -l error-code -d 'Error value for denied scopes, so refused when none is denied [default: the profile\'s defaultError, else 40006, or its first code if it has no 40006]' -r -f -a "3\t'Unknown Error'
10\t'Empty Data'
11\t'Unauthorized to Get User Info'
40006\t'The mini program is not permitted this scope'"
complete -c authcode -n "__fish_authcode_using_subcommand request" -l param -d 'A request parameter the wallet requires besides scopes (repeatable; with --from, the file carries them)' -r -f
complete -c authcode -n "__fish_authcode_using_subcommand request" -l app-name -d 'Who asks for consent, shown in the prompt (so not with --payload or a decision flag) [default: This mini program]' -r -f
complete -c authcode -n "__fish_authcode_using_subcommand request" -l seed -d 'Make the authCode deterministic (for snapshot tests), so refused when none is granted' -r -f
complete -c authcode -n "__fish_authcode_using_subcommand request" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand request" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand request" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand request" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand request" -l payload -d 'Print only the request payload, without asking for consent'
complete -c authcode -n "__fish_authcode_using_subcommand request" -l approve -d 'Grant every requested scope'
complete -c authcode -n "__fish_authcode_using_subcommand request" -l deny -d 'Grant none of the requested scopes'
complete -c authcode -n "__fish_authcode_using_subcommand request" -l compact -d 'Print the output on one line (the JSON, or the --format js call)'
complete -c authcode -n "__fish_authcode_using_subcommand request" -l no-store -d 'Do not record the minted code in the sandbox store'
complete -c authcode -n "__fish_authcode_using_subcommand request" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l kind -d 'Check every document as this kind instead of guessing' -r -f -a "request\t''
response\t''"
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l request -d 'Each response must answer exactly the scopes of this request payload' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l format -d 'Report format' -r -f -a "human\t''
json\t''
github\t''
junit\t''"
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l expect-scopes -d 'Each response must answer exactly these scopes (comma-separated)' -r -f -a "USER_LOGIN_ID\t'Authorized to obtain users\' phone numbers'
KYC_INFO\t'Authorized to obtain users\' KYC information'
USER_CONTACTINFO_EMAIL\t'Authorized to obtain users\' email information'
USER_BIOLOGICAL_MOTHER_NAME\t'Authorized to obtain users\' biological mother\'s name information'
USER_EDUCATION_LEVEL\t'Authorized to obtain users\' education level information'
USER_OCCUPATION\t'Authorized to obtain users\' occupation information'
USER_MONTHLY_INCOME\t'Authorized to obtain users\' monthly income information'
USER_INCOME_SOURCE\t'Authorized to obtain users\' source of income information'
INVESTMENT_PURPOSE\t'Authorized to obtain users\' purpose of investment information'
USER_INVESTING_EXPERIENCE\t'Authorized to obtain users\' investing experience information'
USER_POSTAL_CODE\t'Authorized to obtain users\' address postal code information'
USER_OFFICE_NAME\t'Authorized to obtain users\' office name information'
EMPLOYER_BIZ_CTG\t'Authorized to obtain users\' employer business category information'
USER_JOB\t'Authorized to obtain users\' job status information'
USER_WORKING_EXPERIENCE\t'Authorized to obtain users\' working experience information'
USER_OFFICE_ADDRESS\t'Authorized to obtain users\' office address information'
USER_OFFICE_PROVINCE\t'Authorized to obtain users\' office province information'
USER_OFFICE_REGENCY\t'Authorized to obtain users\' office regency information'
USER_OFFICE_DISTRICT\t'Authorized to obtain users\' office district information'
USER_OFFICE_VILLAGE\t'Authorized to obtain users\' office village information'
USER_OFFICE_POSTAL_CODE\t'Authorized to obtain users\' office postal code information'
USER_BANK_NAME\t'Authorized to obtain users\' bank name information'
USER_BANK_ACCOUNT_NUMBER\t'Authorized to obtain users\' bank account number information'
USER_ACCOUNT_HOLDER_NAME\t'Authorized to obtain users\' account holder name information'
SUBSCRIPTION\t'Authorized to enable users to use the Subscription with Static Amount - Mini Program solution'"
complete -c authcode -n "__fish_authcode_using_subcommand validate" -s j -l jobs -d 'Number of threads (default: the number of CPUs)' -r -f
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l catalog -d 'Use this profile file instead of a built-in wallet (see README; not with a --wallet flag)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l store -d 'The sandbox store request records codes in and serve redeems them from: a SQLite file, or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default: $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l users -d 'Simulated users besides the built-in one (JSON; see README)' -r -F
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l wallet -d 'The wallet whose profile to use (`authcode wallets` lists them); validate also takes several (A,B) or all' -r -f -a "dana\t'DANA'
alipayplus\t'Alipay+'
alipayplus-connect\t'Alipay+ Connect'
gcash\t'GCash'
tng\t'Touch \'n Go eWallet'
alipayhk\t'AlipayHK'
alipaycn\t'Alipay CN'
all\t'every wallet (validate only)'"
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l no-ignore -d 'Walk into ignored files too: .gitignore, .ignore and git\'s excludes are not read, and node_modules is entered'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l hidden -d 'Walk into hidden files and directories too (names starting with \'.\')'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l ndjson -d 'Treat every input as one JSON document per non-empty line'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -l strict -d 'Treat warnings as errors'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -s q -l quiet -d 'Print only the totals, in the report\'s format: the summary line (human, github), {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)'
complete -c authcode -n "__fish_authcode_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "scopes" -d 'List the scopes and what each grants'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "schema" -d 'Print a JSON Schema (draft 2020-12) for request or response payloads'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "wallets" -d 'List the built-in wallet profiles'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "completions" -d 'Print a shell completion script'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "serve" -d 'Run a local sandbox of the wallets\' backends that exchanges stored codes for tokens'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "sandbox" -d 'List what the sandbox store holds, and make codes or tokens fail on demand'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "request" -d 'Build a getAuthCode request, decide consent, and print the response'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "validate" -d 'Check request and response JSON files against the specification'
complete -c authcode -n "__fish_authcode_using_subcommand help; and not __fish_seen_subcommand_from scopes schema wallets completions serve sandbox request validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "list" -d 'List the newest codes and tokens'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "key" -d 'Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then bare base64)'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "expire-code" -d 'Make a code fail at its next exchange as expired'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "use-code" -d 'Make a code fail at its next exchange as already used'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "forget-code" -d 'Make a code fail at its next exchange as unknown (removes it)'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "expire-token" -d 'Make an access token (or the pair of a refresh token) expire now'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "unbind" -d 'End the binding of an access (or refresh) token, as the user does in the DANA app'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "fault" -d 'Arm a fault: the next requests to ROUTE answer a chosen failure'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "clear-faults" -d 'Disarm every fault (of one route)'
complete -c authcode -n "__fish_authcode_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Empty the store: every code, token and fault (safe while a server runs on it)'
