/**
 * The browser tests' mail server: an SMTP server on 127.0.0.1 that keeps every message the app sends, and
 * answers them as JSON over HTTP (`GET /messages`) so a test can wait for one. Started by Playwright beside
 * the app (playwright.config.ts); `tsx tests/e2e/support/mail-catcher.ts SMTP_PORT HTTP_PORT`.
 */
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
const messages: { to: string[]; subject: string; text: string; receivedAt: string }[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});
smtp.listen(smtpPort, "127.0.0.1");

const http = createServer((req, res) => {
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(req.url === "/messages" ? messages : { smtpPort, messages: messages.length }));
});
http.listen(httpPort, "127.0.0.1");

const stop = () => {
  http.close();
  smtp.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
