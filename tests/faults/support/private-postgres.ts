import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/**
 * A PostgreSQL server of the test's own, from the machine's PostgreSQL binaries, in a temporary folder on a
 * free loopback port: it may be restarted at will without touching the machine's shared server, which other
 * tests use at the same time. As root, the server runs as the `postgres` user (PostgreSQL refuses root).
 */
export interface PrivatePostgres {
  url: string;
  /** Restarts the server ("fast": every connection is terminated), without blocking the caller meanwhile. */
  restart(): Promise<void>;
  stop(): void;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version) throw new Error(`PostgreSQL binaries not found under ${root}`);
  return path.join(root, version, "bin");
}

export function startPrivatePostgres(port: number): PrivatePostgres {
  const bin = binDir();
  const folder = mkdtempSync(path.join(tmpdir(), "grants-faults-"));
  const data = path.join(folder, "data");
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const group = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(folder, Number(ids), Number(group));
    chmodSync(folder, 0o700);
  }
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
  const run = (program: string, args: string[]) => execFileSync(...command(program, args), { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${folder} -c fsync=off`;
  const ctlArgs = (...args: string[]) => ["-D", data, "-l", path.join(folder, "server.log"), "-o", options, "-w", "-t", "60", ...args];
  const ctl = (...args: string[]) => run("pg_ctl", ctlArgs(...args));
  ctl("start");
  run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "grants"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/grants`,
    restart: async () => {
      await promisify(execFile)(...command("pg_ctl", ctlArgs("restart", "-m", "fast")), { timeout: 60_000 });
    },
    stop() {
      try {
        ctl("stop", "-m", "immediate");
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
