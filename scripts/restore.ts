/** `npm run restore -- FILE`: restores a backup into the configured database, which must be empty. */
import { BackupError, restoreDatabase } from "../db/backup";
import { databaseConfigFromEnv } from "../db/database";
import { exitWith } from "./cli";

const file = process.argv[2];
if (!file) exitWith("復元するバックアップのファイルを指定してください（例: npm run restore -- backups/grants-2027-01-10.backup）。");
const config = databaseConfigFromEnv(process.env);
try {
  await restoreDatabase(config, file);
  console.log(`${config.engine}: restored from ${file}`);
} catch (error) {
  exitWith(error instanceof BackupError ? error.message : `復元に失敗しました: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
}
