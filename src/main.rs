//! The `whosaid` command. The command line lives in the library
//! (`whosaid::cmd`), shared with the Python package's `whosaid` command.

fn main() {
    std::process::exit(whosaid::cmd::main(std::env::args_os()));
}
