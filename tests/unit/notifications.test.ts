import { describe, expect, it } from "vitest";
import { MAIL_RETRY_MAX_MS, outboxStatus, retryDelayMs } from "../../app/domain/mail-retry";
import { applicationStepNotice, reminderBand, unreadLabel } from "../../app/domain/notifications";
import { latestReportDueOn } from "../../app/domain/overdue-reports";
import { ConfigError, loadConfig } from "../../server/config";

describe("which reminder is due, by days left before a deadline", () => {
  it.each([
    [8, null, "more than a week before: none yet"],
    [7, 7, "a week before: the 7-day reminder"],
    [2, 7, "a run missed on the 7th day still reminds until 2 days before"],
    [1, 1, "the day before: the 1-day reminder"],
    [0, 1, "the day itself: the 1-day reminder if it has not gone"],
    [-1, null, "after the deadline: none"],
  ])("%i days left → %s (%s)", (days, band, _why) => {
    expect(reminderBand(days)).toBe(band);
  });

  it("takes 10 April after the fiscal year as the latest report due date", () => {
    expect(latestReportDueOn(2026)).toBe("2027-04-10");
  });
});

describe("the mail sender's backoff", () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [9, 256 * 60_000],
    [10, MAIL_RETRY_MAX_MS],
    [40, MAIL_RETRY_MAX_MS],
  ])("waits after failed attempt %i: %i ms", (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });

  it("names a message's state in the outbox", () => {
    expect(outboxStatus({ sent_at: new Date(), failed_at: null, attempts: 3 })).toBe("sent");
    expect(outboxStatus({ sent_at: null, failed_at: new Date(), attempts: 10 })).toBe("failed");
    expect(outboxStatus({ sent_at: null, failed_at: null, attempts: 2 })).toBe("retrying");
    expect(outboxStatus({ sent_at: null, failed_at: null, attempts: 0 })).toBe("waiting");
  });
});

describe("what a notification says", () => {
  const application = { id: 12, organisationName: "富山県", programme: "prefectural" as const, fiscalYear: 2026 };

  it("tells the applicant of a reviewer's step with its amount and links to the application", () => {
    expect(applicationStepNotice(application, { action: "decide", label: "交付決定", by: "reviewer" }, 1_850_000)).toEqual({
      kind: "application.decide",
      title: "【交付決定】富山県（令和8年度）",
      body: [
        "富山県の令和8年度 地方における孤独・孤立対策推進事業（メニュー1）の交付申請について、内閣府が「交付決定」を行いました。",
        "金額：1,850,000円",
        "詳しくはシステムにログインしてご確認ください。",
      ].join("\n"),
      link: "/applications/12",
    });
  });

  it("tells the reviewers of an applicant's step with the version submitted", () => {
    const notice = applicationStepNotice(application, { action: "submit", label: "提出", by: "applicant" }, null, 2);
    expect(notice.body.split("\n").slice(0, 2)).toEqual([
      "富山県が令和8年度 地方における孤独・孤立対策推進事業（メニュー1）の交付申請について「提出」を行いました。",
      "提出された版：第2版",
    ]);
  });

  it("shows up to 99 unread, then 99+", () => {
    expect([unreadLabel(1), unreadLabel(99), unreadLabel(100)]).toEqual(["1", "99", "99+"]);
  });
});

describe("mail settings from the environment", () => {
  it("leaves the sender off without SMTP_URL", () => {
    expect(loadConfig({}).mail).toBeNull();
  });

  it("reads SMTP_URL, MAIL_FROM and the interval", () => {
    expect(loadConfig({ SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "交付金事務局 <noreply@grants.example>", MAIL_INTERVAL_SECONDS: "2" }).mail).toEqual({
      smtpUrl: "smtp://mail.example:587",
      from: "交付金事務局 <noreply@grants.example>",
      intervalMs: 2000,
    });
  });

  it.each([
    [{ SMTP_URL: "http://mail.example" }, /SMTP_URL/],
    [{ SMTP_URL: "smtp://mail.example:587" }, /MAIL_FROM が必要です/],
    [{ SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "not an address" }, /MAIL_FROM が不正です/],
    [{ MAIL_INTERVAL_SECONDS: "0" }, /MAIL_INTERVAL_SECONDS/],
  ])("refuses %o with a Japanese message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
