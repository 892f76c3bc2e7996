/**
 * Test helper, run as its own process: commits to a database as fast as it can for a while, one
 * small transaction at a time, with its own connection set up like the app's. Each transaction
 * adds the row `load-<n>` to app_settings and sets `load-count` to n, so any consistent copy holds
 * exactly the rows load-1 … load-<load-count>.
 *
 * Usage: node --import tsx test/write-load.ts <database file> <milliseconds>
 * Prints "ready" after the first commit and "done <n>" after the last.
 */
import Database from "better-sqlite3";

const [file, duration] = process.argv.slice(2);
const milliseconds = Number(duration);
if (!file || !Number.isFinite(milliseconds)) {
  console.error("usage: write-load.ts <database file> <milliseconds>");
  process.exit(2);
}

const db = new Database(file, { fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
const insertRow = db.prepare("insert into app_settings (key, value) values (?, ?)");
const setCount = db.prepare(
  "insert into app_settings (key, value) values ('load-count', ?) on conflict (key) do update set value = excluded.value",
);
const writeOne = db.transaction((n: number) => {
  insertRow.run(`load-${n}`, String(n));
  setCount.run(String(n));
});

const end = Date.now() + milliseconds;
let written = 1;
writeOne(written);
console.log("ready");
while (Date.now() < end) {
  written += 1;
  writeOne(written);
}
db.close();
console.log(`done ${written}`);
