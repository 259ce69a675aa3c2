import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${PORT}`;
/** The test mail server beside the app (tests/e2e/support/mail-catcher.ts): SMTP in, JSON out. */
const SMTP_PORT = PORT + 1;
export const mailCatcherURL = `http://127.0.0.1:${PORT + 2}`;

/** Browser tests run the built app (`npm run build` first) on a throw-away in-memory database. */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  // Generous: a shared or loaded machine runs these several times slower than an idle one.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: "chromium",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium; these flags keep it from reaching for a network this machine does not have.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `tsx tests/e2e/support/mail-catcher.ts ${SMTP_PORT} ${PORT + 2}`,
      url: mailCatcherURL,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "tsx server.ts",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        HOST: "127.0.0.1",
        PGLITE_DATA_DIR: "memory://",
        SEED_DEMO_DATA: "true",
        LOG_LEVEL: "warn",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "孤独・孤立対策推進交付金 <noreply@e2e.example>",
        MAIL_INTERVAL_SECONDS: "1",
        // The demo data are 令和8年度's: the browser tests run in that year whatever the date.
        CURRENT_FISCAL_YEAR: "2026",
      },
    },
  ],
});
