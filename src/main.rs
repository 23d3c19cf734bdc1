fn main() -> std::process::ExitCode {
    authcode::run::main()
}
