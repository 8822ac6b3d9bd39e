//! The `whosaid` command line: argument parsing and exit codes. The work is
//! in the library; each subcommand is a module of `cmd`.

mod cmd;

use clap::Parser;

fn main() {
    let cli = cmd::Cli::parse();
    // Ctrl-C: drop half-written outputs, then stop as interrupted.
    let _ = ctrlc::set_handler(|| {
        cmd::output::remove_pending();
        std::process::exit(130);
    });
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(cmd::Fatal::BrokenPipe) => 0,
        Err(cmd::Fatal::Message(m)) => {
            eprintln!("whosaid: {m}");
            2
        }
        Err(cmd::Fatal::Stopped(m)) => {
            eprintln!("whosaid: {m}");
            1
        }
    };
    std::process::exit(code);
}
