import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface AppProcess {
  base: string;
  /** Everything the process wrote, for a failure's message. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The production build served by `script` (`server.ts`, or `cluster.ts` for several workers) on a loopback
 * port, with `env` on top of this process's environment; resolves once `/healthz` answers.
 */
export async function startApp(script: "server.ts" | "cluster.ts", port: number, env: Record<string, string>): Promise<AppProcess> {
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), [script], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it stops a cluster's workers too.
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  for (let i = 0; i < 300; i += 1) {
    if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) return { base, log: () => output, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${script} did not start:\n${output}`);
}
