/**
 * What a notification says (docs/domain.md §9): each change that concerns the other side tells its people
 * in the app and by mail, in the change's own transaction. The words are built here, from the change and
 * the record it is about; the models decide who is told.
 */
import type { Actor } from "./application-states";
import { formatYen } from "./money";
import { PROGRAMME_NAMES, type Programme } from "./programmes";
import { fiscalYearLabel } from "./wareki";

/** What a notification is, as the person told reads it: a short title, a few lines, and where to look. */
export interface NoticeText {
  kind: string;
  title: string;
  body: string;
  /** The record it is about: a path inside the app. */
  link: string;
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The header shows up to this many unread; more is shown as "99+". */
export const UNREAD_SHOWN_MAX = 99;

export function unreadLabel(count: number): string {
  return count > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(count);
}

export interface ApplicationAbout {
  id: number;
  organisationName: string;
  programme: Programme;
  fiscalYear: number;
}

const applicationName = (a: ApplicationAbout) => `${fiscalYearLabel(a.fiscalYear)} ${PROGRAMME_NAMES[a.programme]}の交付申請`;

/**
 * A step on an application, told to the other side: the applicant's organisation of a reviewer's step
 * (a decision, a payment, a return order…), the reviewers of an applicant's (a change request, a report…).
 */
export function applicationStepNotice(
  application: ApplicationAbout,
  step: { action: string; label: string; by: Actor },
  amount: number | null,
  version?: number,
): NoticeText {
  const what = applicationName(application);
  const lines =
    step.by === "reviewer"
      ? [`${application.organisationName}の${what}について、内閣府が「${step.label}」を行いました。`]
      : [`${application.organisationName}が${what}について「${step.label}」を行いました。`];
  if (version !== undefined) lines.push(`提出された版：第${version}版`);
  if (amount !== null && amount > 0) lines.push(`金額：${formatYen(amount)}`);
  lines.push("詳しくはシステムにログインしてご確認ください。");
  return {
    kind: `application.${step.action}`,
    title: `【${step.label}】${application.organisationName}（${fiscalYearLabel(application.fiscalYear)}）`,
    body: lines.join("\n"),
    link: `/applications/${application.id}`,
  };
}

/** How many days before a deadline the daily job reminds: the first run within 7 days, then within 1 day. */
export const REMINDER_BANDS = [7, 1] as const;
export type ReminderBand = (typeof REMINDER_BANDS)[number];

/**
 * Which reminder is due `daysLeft` days before a deadline (0 on its last day), or null: the 7-day one from
 * 7 down to 2 days before, the 1-day one on the day before and the day itself. A run missed on the 7th day
 * still reminds on the 6th; each reminder goes once (the job keys it).
 */
export function reminderBand(daysLeft: number): ReminderBand | null {
  if (daysLeft < 0 || daysLeft > 7) return null;
  return daysLeft <= 1 ? 1 : 7;
}

export function deadlineReminder(
  application: { organisationName: string; programme: Programme; fiscalYear: number },
  closesOn: string,
  band: ReminderBand,
  daysLeft: number,
): Omit<NoticeText, "link"> {
  const when = daysLeft === 0 ? "本日" : daysLeft === 1 ? "明日" : `${daysLeft}日後`;
  return {
    kind: `reminder.application_deadline.${band}`,
    title: `【締切${band === 1 ? "間近" : "のお知らせ"}】${fiscalYearLabel(application.fiscalYear)}の交付申請の受付は${when}までです`,
    body: [
      `${application.organisationName} ご担当者様`,
      `${fiscalYearLabel(application.fiscalYear)} ${PROGRAMME_NAMES[application.programme]}の交付申請の受付は、${closesOn.replaceAll("-", "/")}（${when}）までです。`,
      "まだ提出されていない場合は、期限までに提出してください。",
    ].join("\n"),
  };
}

export function reportReminder(application: ApplicationAbout, dueOn: string, band: ReminderBand, daysLeft: number): NoticeText {
  const when = daysLeft === 0 ? "本日" : daysLeft === 1 ? "明日" : `${daysLeft}日後`;
  return {
    kind: `reminder.report_due.${band}`,
    title: `【実績報告の期限${band === 1 ? "間近" : "のお知らせ"}】${applicationName(application)}`,
    body: [
      `${applicationName(application)}の実績報告の期限は、遅くとも${dueOn.replaceAll("-", "/")}（${when}）です。`,
      "事業の完了から1か月以内が期限です。まだの場合は、期限までに実績報告を提出してください。",
    ].join("\n"),
    link: `/applications/${application.id}`,
  };
}

export function reportLateNotice(application: ApplicationAbout, dueOn: string): NoticeText {
  return {
    kind: "reminder.report_late",
    title: `【実績報告の期限超過】${applicationName(application)}`,
    body: [
      `${applicationName(application)}の実績報告は、期限の${dueOn.replaceAll("-", "/")}を過ぎても提出されていません。`,
      "速やかに実績報告を提出してください。",
    ].join("\n"),
    link: `/applications/${application.id}`,
  };
}
