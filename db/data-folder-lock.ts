import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * The embedded database may be opened by one process at a time: two processes writing one PGlite folder
 * corrupt it. A lock file beside the folder (`./data/pglite.lock` for `./data/pglite`) names the process
 * holding it. One left behind by a process that was killed is taken over: its process no longer runs.
 */

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export class DataFolderInUse extends Error {
  override name = "DataFolderInUse";
}

export const lockFileOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

function holderOf(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof holder.pid === "number" && typeof holder.host === "string" ? { pid: holder.pid, host: holder.host, since: String(holder.since ?? "") } : null;
  } catch {
    return null;
  }
}

/** Whether a process of this machine with that id runs (a process of another machine is assumed to). */
function running({ pid, host }: Holder): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock, or throws DataFolderInUse naming the folder and the process that holds it. */
export function lockDataFolder(dataDir: string): { release(): void } {
  const file = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      return {
        release() {
          if (holderOf(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = holderOf(file);
      if (holder && running(holder)) {
        throw new DataFolderInUse(
          `データフォルダ ${path.resolve(dataDir)} は別のプロセス（PID ${holder.pid}、${holder.host}、${holder.since} から）が使っています。そのプロセスを止めるか、PGLITE_DATA_DIR で別のフォルダを指定してください。`,
        );
      }
      // Left by a process that no longer runs (or half-written as it was killed): take it over.
      try {
        unlinkSync(file);
      } catch {
        // Another process took it over first; the next attempt says who.
      }
    }
  }
  throw new DataFolderInUse(`データフォルダ ${path.resolve(dataDir)} のロックを取得できませんでした（${file}）。`);
}
