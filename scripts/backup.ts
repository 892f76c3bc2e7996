/**
 * `npm run backup`: takes a consistent backup of the database at DATABASE_PATH and of the
 * uploaded files into a dated folder of BACKUP_DIR, keeping the newest BACKUP_KEEP backups.
 * Safe while the app runs. One summary line on success; one line on stderr and exit 1 on failure.
 */
import { backupSettings, createBackup } from "@/lib/ops/backup";

async function main() {
  const settings = backupSettings();
  const { dir, manifest, removed } = await createBackup(settings);
  const files = manifest.files.length;
  console.log(
    `Backed up ${settings.databasePath} and ${files} uploaded file${files === 1 ? "" : "s"} to ${dir}; removed ${removed.length} old backup folder${removed.length === 1 ? "" : "s"}.`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`backup: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exit(1);
});
