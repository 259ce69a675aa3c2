import type { ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { emptyDraft, type ApplicationDraft } from "../../app/domain/application-draft";
import { DEFAULT_PROGRAMME_PARAMETERS, type Programme } from "../../app/domain/programmes";
import { DraftEditor } from "../../app/routes/applications.$id/draft-editor";

// The editor outside a Remix app: its form is a plain form, its links plain links.
vi.mock("@remix-run/react", () => ({
  Form: (props: ComponentProps<"form">) => <form {...props} />,
  Link: ({ to, ...props }: ComponentProps<"a"> & { to: string }) => <a href={to} {...props} />,
  useSubmit: () => () => undefined,
}));

function editor(programme: Programme, draft: ApplicationDraft): string {
  return renderToString(
    <DraftEditor
      application={{ id: 7, programme, fiscal_year: 2026, state: "draft", draft, revision: 1 }}
      parameters={[...DEFAULT_PROGRAMME_PARAMETERS]}
      comments={[]}
      versions={[]}
      refused={null}
      restored={null}
      conflict={null}
    />,
  );
}

describe("the 文書番号 of the 交付申請書 in the editor", () => {
  it.each(["prefectural", "intermediary"] as const)("%s: is the first field of the plan, optional, with its hint, showing what is saved", (programme) => {
    const html = editor(programme, { ...emptyDraft(programme), documentNumber: "富山県厚第12号" });
    const section = html.slice(html.indexOf('id="plan-heading"'));
    expect(section.indexOf('id="field-documentNumber"')).toBeGreaterThan(0);
    expect(section.indexOf('id="field-documentNumber"')).toBeLessThan(section.indexOf('id="field-purpose"'));
    expect(html).toContain('<label for="field-documentNumber" class="block text-std-16B-170">文書番号（任意）</label>');
    expect(html).toContain("貴団体の文書番号（例：富山県厚第123号）。空欄の場合は、番号欄を空けて印刷します。");
    const input = /<input id="field-documentNumber"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('name="documentNumber"');
    expect(input).toContain('value="富山県厚第12号"');
    expect(input).toContain('aria-describedby="field-documentNumber-hint"');
  });

  it("says at the field when the number is longer than 40 characters", () => {
    const html = editor("intermediary", { ...emptyDraft("intermediary"), documentNumber: "厚".repeat(41) });
    const input = /<input id="field-documentNumber"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="field-documentNumber-hint field-documentNumber-message"');
    expect(html).toMatch(/<p id="field-documentNumber-message"[^>]*>文書番号は40文字以内で入力してください。<\/p>/);
  });
});
