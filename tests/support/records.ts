import type { PartySnapshot } from "../../app/domain/proceedings";

/** 富山県 as a document shows the applicant. */
export const TOYAMA: PartySnapshot = {
  name: "富山県",
  representative_title: "富山県知事",
  representative_name: "富山 一郎",
  postal_code: "930-8501",
  address: "富山県富山市新総曲輪1番7号",
  contact_person: "厚生企画課",
  contact_phone: "076-444-3200",
  contact_email: "kodoku@pref.example.lg.jp",
};

/** The fields every record after submission has, for records built by hand as the service would store them. */
export const recordFields = (documentNumber: string, documentDate: string) => ({
  applicationId: 7,
  programme: "prefectural" as const,
  fiscalYear: 2026,
  applicant: TOYAMA,
  documentNumber,
  documentDate,
  recordedBy: { userId: 1, name: "審査 花子" },
});
