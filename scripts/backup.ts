/** `npm run backup -- FILE`: a consistent backup of the configured database (DATABASE_URL, or the PGlite folder). */
import { BackupError, backupDatabase } from "../db/backup";
import { databaseConfigFromEnv } from "../db/database";
import { exitWith } from "./cli";

const file = process.argv[2];
if (!file) exitWith("バックアップの保存先を指定してください（例: npm run backup -- backups/grants-2027-01-10.backup）。");
const config = databaseConfigFromEnv(process.env);
try {
  const { bytes } = await backupDatabase(config, file);
  console.log(`${config.engine}: backed up to ${file} (${bytes.toLocaleString("en-US")} bytes)`);
} catch (error) {
  exitWith(
    error instanceof BackupError ? error.message : `バックアップに失敗しました: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
  );
}
