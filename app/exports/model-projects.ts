/**
 * The model projects' participants of a year as a download (/model-projects.csv): one row per participant,
 * the same rows and fields as the page and the API.
 */
import { MODEL_PROJECT_GROUP_LABELS, participantPrefectureName, type ModelProjectParticipant } from "~/domain/model-projects";
import { fiscalYearLabel } from "~/domain/wareki";
import type { ExportTable } from "./table";

export function modelProjectTable(participants: readonly ModelProjectParticipant[]): ExportTable<ModelProjectParticipant> {
  return {
    title: "モデル事業取組団体",
    rows: participants,
    columns: [
      { header: "年度", kind: "text", value: (p) => fiscalYearLabel(p.fiscalYear), width: 12 },
      { header: "西暦年度", kind: "integer", value: (p) => p.fiscalYear, width: 10 },
      { header: "区分", kind: "text", value: (p) => MODEL_PROJECT_GROUP_LABELS[p.group], width: 28 },
      { header: "都道府県コード", kind: "text", value: (p) => p.prefectureCode, width: 8 },
      { header: "都道府県", kind: "text", value: (p) => participantPrefectureName(p.prefectureCode), width: 10 },
      { header: "団体名", kind: "text", value: (p) => p.name, width: 14 },
      { header: "ふりがな", kind: "text", value: (p) => p.reading, width: 16 },
      { header: "2年目", kind: "text", value: (p) => (p.secondYear ? "はい" : "いいえ"), width: 8 },
      { header: "現状（これまでの取組）", kind: "text", value: (p) => p.currentSummary, width: 60 },
      { header: "今後の取組", kind: "text", value: (p) => p.planSummary, width: 60 },
      { header: "連携する団体", kind: "text", value: (p) => p.partnersNote, width: 40 },
    ],
  };
}
