//! `lpchat-sandbox [--port N] [--dist DIR] [--base-path /lpchat/]`: the main port and, after it, one
//! port for each service (the Domain API first).

use lpchat_sandbox::{start, Config, Service};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

const USAGE: &str = "usage: lpchat-sandbox [--port 8787] [--dist dist] [--base-path /] [--surveys] [--demo] [--no-cors]
                      [--requests-per-second N (40; 0: no limit)]
  faults: [--latency-ms N] [--drop-after MIN-MAX] [--seed N] [--drop-code CODE] [--blackhole]
          [--fail-domain-api STATUS:COUNT] [--fail-signup STATUS:COUNT] [--throttle-one-in N]
          [--close-1011-one-in N]
  or:     --replay TRACE.json [--port N]: serve a recorded trace (docs/SANDBOX.md, \"Traces\")";

fn pair<A: std::str::FromStr, B: std::str::FromStr>(
    text: &str,
    sep: char,
    flag: &str,
) -> Result<(A, B), String> {
    let (a, b) = text
        .split_once(sep)
        .ok_or_else(|| format!("{flag} takes A{sep}B\n{USAGE}"))?;
    match (a.parse(), b.parse()) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        _ => Err(format!("{flag} takes numbers: A{sep}B\n{USAGE}")),
    }
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} takes a number\n{USAGE}"))
}

fn parse(args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--port" => {
                config.addr = SocketAddr::from(([127, 0, 0, 1], number(&value()?, "--port")?))
            }
            "--latency-ms" => config.faults.latency_ms = number(&value()?, "--latency-ms")?,
            "--drop-after" => {
                config.faults.drop_after_frames = Some(pair(&value()?, '-', "--drop-after")?)
            }
            "--seed" => config.faults.seed = number(&value()?, "--seed")?,
            "--blackhole" => config.faults.blackhole = true,
            "--surveys" => config.surveys = true,
            "--demo" => config.demo = true,
            "--no-cors" => config.cors = false,
            "--requests-per-second" => {
                config.requests_per_second = number(&value()?, "--requests-per-second")?
            }
            "--throttle-one-in" => {
                config.faults.throttle_one_in = Some(number(&value()?, "--throttle-one-in")?)
            }
            "--close-1011-one-in" => {
                config.faults.close_1011_one_in = Some(number(&value()?, "--close-1011-one-in")?)
            }
            "--drop-code" => config.faults.drop_code = Some(number(&value()?, "--drop-code")?),
            "--fail-domain-api" => {
                config.faults.fail_domain_api = Some(pair(&value()?, ':', "--fail-domain-api")?)
            }
            "--fail-signup" => {
                config.faults.fail_signup = Some(pair(&value()?, ':', "--fail-signup")?)
            }
            "--dist" => config.dist = Some(PathBuf::from(value()?)),
            "--base-path" => config.base_path = value()?,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(config)
}

/// `--replay FILE`: serves the trace until Ctrl+C, then says what it did not expect.
async fn replay(file: &str, port: u16) -> ExitCode {
    let trace = match std::fs::read_to_string(file).map(|t| lpchat_wire::trace::parse(&t)) {
        Ok(Ok(trace)) => trace,
        _ => {
            eprintln!("lpchat-sandbox: {file} is not a readable trace");
            return ExitCode::from(2);
        }
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let replay = match lpchat_sandbox::replay::Replay::start_on(addr, trace).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lpchat-sandbox: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "lpchat-sandbox replaying {file} at {} (the app's csds)",
        replay.origin()
    );
    let _ = tokio::signal::ctrl_c().await;
    let unexpected = replay.unexpected();
    println!(
        "lpchat-sandbox: {} request(s) the trace did not expect",
        unexpected.len()
    );
    for request in unexpected {
        println!("  {request}");
    }
    ExitCode::SUCCESS
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--replay") {
        let port = args
            .iter()
            .position(|a| a == "--port")
            .and_then(|i| args.get(i + 1))
            .and_then(|p| p.parse().ok())
            .unwrap_or(8787);
        return match args.get(at + 1) {
            Some(file) => replay(file, port).await,
            None => {
                eprintln!("--replay needs a file\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let config = match parse(args.into_iter()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let running = match start(config.clone()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lpchat-sandbox: cannot listen on {e}");
            return ExitCode::FAILURE;
        }
    };
    let origin = running.origin();
    let csds = running.domain_origin();
    println!("lpchat-sandbox listening on {origin}");
    println!("  agent console:  {origin}/agent");
    println!("  control API:    {origin}/control/conversations");
    for service in Service::ALL {
        let name = service.name().unwrap_or("Domain API");
        println!("  {name:<16}http://{}", running.service_addr(service));
    }
    if config.dist.is_some() {
        let base = config.base_path.trim_end_matches('/');
        println!("  app:            {origin}{base}/?account=12345678&csds={csds}");
    }
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
