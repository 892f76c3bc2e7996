/**
 * `npm run restore -- <backup folder or .sqlite file>`: replaces the database at DATABASE_PATH
 * (and, from a backup folder, the uploaded files) with a checked backup. Refuses while the app is
 * running on that database. One summary line on success; one line on stderr and exit 1 on failure.
 */
import { BackupError, backupSettings, restoreBackup } from "@/lib/ops/backup";

async function main() {
  const args = process.argv.slice(2);
  const [source] = args;
  if (args.length !== 1 || !source) {
    throw new BackupError(
      "name one backup to restore: npm run restore -- <backup folder or .sqlite file>",
    );
  }
  const settings = backupSettings();
  const summary = await restoreBackup(settings, source);
  const uploads =
    summary.files === null
      ? "uploaded files left as they were"
      : `${summary.files} uploaded file${summary.files === 1 ? "" : "s"} into ${summary.uploadsDir}`;
  console.log(
    `Restored ${summary.databasePath} from ${summary.source} (${uploads}); start the app to use it.`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`restore: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exit(1);
});
