fn main() -> std::process::ExitCode {
    authcode::main()
}
