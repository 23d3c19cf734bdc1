_authcode() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="authcode"
                ;;
            authcode,completions)
                cmd="authcode__subcmd__completions"
                ;;
            authcode,help)
                cmd="authcode__subcmd__help"
                ;;
            authcode,request)
                cmd="authcode__subcmd__request"
                ;;
            authcode,sandbox)
                cmd="authcode__subcmd__sandbox"
                ;;
            authcode,schema)
                cmd="authcode__subcmd__schema"
                ;;
            authcode,scopes)
                cmd="authcode__subcmd__scopes"
                ;;
            authcode,serve)
                cmd="authcode__subcmd__serve"
                ;;
            authcode,validate)
                cmd="authcode__subcmd__validate"
                ;;
            authcode,wallets)
                cmd="authcode__subcmd__wallets"
                ;;
            authcode__subcmd__help,completions)
                cmd="authcode__subcmd__help__subcmd__completions"
                ;;
            authcode__subcmd__help,help)
                cmd="authcode__subcmd__help__subcmd__help"
                ;;
            authcode__subcmd__help,request)
                cmd="authcode__subcmd__help__subcmd__request"
                ;;
            authcode__subcmd__help,sandbox)
                cmd="authcode__subcmd__help__subcmd__sandbox"
                ;;
            authcode__subcmd__help,schema)
                cmd="authcode__subcmd__help__subcmd__schema"
                ;;
            authcode__subcmd__help,scopes)
                cmd="authcode__subcmd__help__subcmd__scopes"
                ;;
            authcode__subcmd__help,serve)
                cmd="authcode__subcmd__help__subcmd__serve"
                ;;
            authcode__subcmd__help,validate)
                cmd="authcode__subcmd__help__subcmd__validate"
                ;;
            authcode__subcmd__help,wallets)
                cmd="authcode__subcmd__help__subcmd__wallets"
                ;;
            authcode__subcmd__help__subcmd__sandbox,clear-faults)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__clear__subcmd__faults"
                ;;
            authcode__subcmd__help__subcmd__sandbox,expire-code)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__expire__subcmd__code"
                ;;
            authcode__subcmd__help__subcmd__sandbox,expire-token)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__expire__subcmd__token"
                ;;
            authcode__subcmd__help__subcmd__sandbox,fault)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__fault"
                ;;
            authcode__subcmd__help__subcmd__sandbox,forget-code)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__forget__subcmd__code"
                ;;
            authcode__subcmd__help__subcmd__sandbox,key)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__key"
                ;;
            authcode__subcmd__help__subcmd__sandbox,list)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__list"
                ;;
            authcode__subcmd__help__subcmd__sandbox,reset)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__reset"
                ;;
            authcode__subcmd__help__subcmd__sandbox,unbind)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__unbind"
                ;;
            authcode__subcmd__help__subcmd__sandbox,use-code)
                cmd="authcode__subcmd__help__subcmd__sandbox__subcmd__use__subcmd__code"
                ;;
            authcode__subcmd__sandbox,clear-faults)
                cmd="authcode__subcmd__sandbox__subcmd__clear__subcmd__faults"
                ;;
            authcode__subcmd__sandbox,expire-code)
                cmd="authcode__subcmd__sandbox__subcmd__expire__subcmd__code"
                ;;
            authcode__subcmd__sandbox,expire-token)
                cmd="authcode__subcmd__sandbox__subcmd__expire__subcmd__token"
                ;;
            authcode__subcmd__sandbox,fault)
                cmd="authcode__subcmd__sandbox__subcmd__fault"
                ;;
            authcode__subcmd__sandbox,forget-code)
                cmd="authcode__subcmd__sandbox__subcmd__forget__subcmd__code"
                ;;
            authcode__subcmd__sandbox,help)
                cmd="authcode__subcmd__sandbox__subcmd__help"
                ;;
            authcode__subcmd__sandbox,key)
                cmd="authcode__subcmd__sandbox__subcmd__key"
                ;;
            authcode__subcmd__sandbox,list)
                cmd="authcode__subcmd__sandbox__subcmd__list"
                ;;
            authcode__subcmd__sandbox,reset)
                cmd="authcode__subcmd__sandbox__subcmd__reset"
                ;;
            authcode__subcmd__sandbox,unbind)
                cmd="authcode__subcmd__sandbox__subcmd__unbind"
                ;;
            authcode__subcmd__sandbox,use-code)
                cmd="authcode__subcmd__sandbox__subcmd__use__subcmd__code"
                ;;
            authcode__subcmd__sandbox__subcmd__help,clear-faults)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__clear__subcmd__faults"
                ;;
            authcode__subcmd__sandbox__subcmd__help,expire-code)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__expire__subcmd__code"
                ;;
            authcode__subcmd__sandbox__subcmd__help,expire-token)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__expire__subcmd__token"
                ;;
            authcode__subcmd__sandbox__subcmd__help,fault)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__fault"
                ;;
            authcode__subcmd__sandbox__subcmd__help,forget-code)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__forget__subcmd__code"
                ;;
            authcode__subcmd__sandbox__subcmd__help,help)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__help"
                ;;
            authcode__subcmd__sandbox__subcmd__help,key)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__key"
                ;;
            authcode__subcmd__sandbox__subcmd__help,list)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__list"
                ;;
            authcode__subcmd__sandbox__subcmd__help,reset)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__reset"
                ;;
            authcode__subcmd__sandbox__subcmd__help,unbind)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__unbind"
                ;;
            authcode__subcmd__sandbox__subcmd__help,use-code)
                cmd="authcode__subcmd__sandbox__subcmd__help__subcmd__use__subcmd__code"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        authcode)
            opts="-h -V --catalog --store --users --color --wallet --help --version scopes schema wallets completions serve sandbox request validate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn all" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__completions)
            opts="-h --wallet --catalog --store --users --color --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help)
            opts="scopes schema wallets completions serve sandbox request validate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__request)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox)
            opts="list key expire-code use-code forget-code expire-token unbind fault clear-faults reset"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__clear__subcmd__faults)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__expire__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__expire__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__fault)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__forget__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__reset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__unbind)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__sandbox__subcmd__use__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__scopes)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__help__subcmd__wallets)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__request)
            opts="-o -s -h --from --payload --format --approve --deny --compact --output --no-store --user --wallet --scopes --grant --error-code --param --app-name --seed --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json js" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --scopes)
                    COMPREPLY=($(compgen -W "USER_LOGIN_ID KYC_INFO USER_CONTACTINFO_EMAIL USER_BIOLOGICAL_MOTHER_NAME USER_EDUCATION_LEVEL USER_OCCUPATION USER_MONTHLY_INCOME USER_INCOME_SOURCE INVESTMENT_PURPOSE USER_INVESTING_EXPERIENCE USER_POSTAL_CODE USER_OFFICE_NAME EMPLOYER_BIZ_CTG USER_JOB USER_WORKING_EXPERIENCE USER_OFFICE_ADDRESS USER_OFFICE_PROVINCE USER_OFFICE_REGENCY USER_OFFICE_DISTRICT USER_OFFICE_VILLAGE USER_OFFICE_POSTAL_CODE USER_BANK_NAME USER_BANK_ACCOUNT_NUMBER USER_ACCOUNT_HOLDER_NAME SUBSCRIPTION" -- "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -W "USER_LOGIN_ID KYC_INFO USER_CONTACTINFO_EMAIL USER_BIOLOGICAL_MOTHER_NAME USER_EDUCATION_LEVEL USER_OCCUPATION USER_MONTHLY_INCOME USER_INCOME_SOURCE INVESTMENT_PURPOSE USER_INVESTING_EXPERIENCE USER_POSTAL_CODE USER_OFFICE_NAME EMPLOYER_BIZ_CTG USER_JOB USER_WORKING_EXPERIENCE USER_OFFICE_ADDRESS USER_OFFICE_PROVINCE USER_OFFICE_REGENCY USER_OFFICE_DISTRICT USER_OFFICE_VILLAGE USER_OFFICE_POSTAL_CODE USER_BANK_NAME USER_BANK_ACCOUNT_NUMBER USER_ACCOUNT_HOLDER_NAME SUBSCRIPTION" -- "${cur}"))
                    return 0
                    ;;
                --grant)
                    COMPREPLY=($(compgen -W "USER_LOGIN_ID KYC_INFO USER_CONTACTINFO_EMAIL USER_BIOLOGICAL_MOTHER_NAME USER_EDUCATION_LEVEL USER_OCCUPATION USER_MONTHLY_INCOME USER_INCOME_SOURCE INVESTMENT_PURPOSE USER_INVESTING_EXPERIENCE USER_POSTAL_CODE USER_OFFICE_NAME EMPLOYER_BIZ_CTG USER_JOB USER_WORKING_EXPERIENCE USER_OFFICE_ADDRESS USER_OFFICE_PROVINCE USER_OFFICE_REGENCY USER_OFFICE_DISTRICT USER_OFFICE_VILLAGE USER_OFFICE_POSTAL_CODE USER_BANK_NAME USER_BANK_ACCOUNT_NUMBER USER_ACCOUNT_HOLDER_NAME SUBSCRIPTION" -- "${cur}"))
                    return 0
                    ;;
                --error-code)
                    COMPREPLY=($(compgen -W "3 10 11 40006" -- "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --app-name)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --seed)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox)
            opts="-h --wallet --catalog --store --users --color --help list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__clear__subcmd__faults)
            opts="-h --wallet --catalog --store --users --color --help apply-token profile account-unbinding apply-ott balance-inquiry alipay-plus-apply-token alipay-plus-user-info alipay-cn-gateway"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__expire__subcmd__code)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__expire__subcmd__token)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__fault)
            opts="-h --answer --http --delay --count --fraction --wallet --catalog --store --users --color --help apply-token profile account-unbinding apply-ott balance-inquiry alipay-plus-apply-token alipay-plus-user-info alipay-cn-gateway"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --answer)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fraction)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__forget__subcmd__code)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help)
            opts="list key expire-code use-code forget-code expire-token unbind fault clear-faults reset help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__clear__subcmd__faults)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__expire__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__expire__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__fault)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__forget__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__reset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__unbind)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__help__subcmd__use__subcmd__code)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__key)
            opts="-h --pem --base64 --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__list)
            opts="-h --json --limit --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__reset)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__unbind)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__sandbox__subcmd__use__subcmd__code)
            opts="-h --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__schema)
            opts="-h --compact --wallet --catalog --store --users --color --help request response"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__scopes)
            opts="-h --json --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__serve)
            opts="-q -h --listen --partner-id --partner-public-key --platform-private-key --wait-for-store --tls --tls-name --code-ttl --access-token-ttl --refresh-token-ttl --quiet --admin-token --redirect-url --max-clock-skew --auto-consent --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partner-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --partner-public-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform-private-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wait-for-store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --code-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --access-token-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refresh-token-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --redirect-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auto-consent)
                    COMPREPLY=($(compgen -W "allow deny" -- "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__validate)
            opts="-q -j -h --no-ignore --hidden --ndjson --kind --request --strict --format --quiet --expect-scopes --jobs --catalog --store --users --color --wallet --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kind)
                    COMPREPLY=($(compgen -W "request response" -- "${cur}"))
                    return 0
                    ;;
                --request)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github junit" -- "${cur}"))
                    return 0
                    ;;
                --expect-scopes)
                    COMPREPLY=($(compgen -W "USER_LOGIN_ID KYC_INFO USER_CONTACTINFO_EMAIL USER_BIOLOGICAL_MOTHER_NAME USER_EDUCATION_LEVEL USER_OCCUPATION USER_MONTHLY_INCOME USER_INCOME_SOURCE INVESTMENT_PURPOSE USER_INVESTING_EXPERIENCE USER_POSTAL_CODE USER_OFFICE_NAME EMPLOYER_BIZ_CTG USER_JOB USER_WORKING_EXPERIENCE USER_OFFICE_ADDRESS USER_OFFICE_PROVINCE USER_OFFICE_REGENCY USER_OFFICE_DISTRICT USER_OFFICE_VILLAGE USER_OFFICE_POSTAL_CODE USER_BANK_NAME USER_BANK_ACCOUNT_NUMBER USER_ACCOUNT_HOLDER_NAME SUBSCRIPTION" -- "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                -j)
                    COMPREPLY=("${cur}")
                    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
                        compopt -o nospace
                    fi
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn all" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        authcode__subcmd__wallets)
            opts="-h --json --wallet --catalog --store --users --color --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --wallet)
                    COMPREPLY=($(compgen -W "dana alipayplus alipayplus-connect gcash tng alipayhk alipaycn" -- "${cur}"))
                    return 0
                    ;;
                --catalog)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --users)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _authcode -o nosort -o bashdefault -o default authcode
else
    complete -F _authcode -o bashdefault -o default authcode
fi
