import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { FormProvider, useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import type { FieldNotes } from "../../app/components/application-fields";
import { emptyDraft, MENU2_PLAN_FIELDS, type ApplicationDraft } from "../../app/domain/application-draft";
import { Menu1Plan } from "../../app/routes/applications.$id/menu1-plan";
import { Menu2Plan } from "../../app/routes/applications.$id/menu2-plan";

function WithForm({ draft, children }: { draft: ApplicationDraft; children: ReactNode }) {
  const form = useForm<ApplicationDraft>({ defaultValues: draft });
  return <FormProvider {...form}>{children}</FormProvider>;
}

/** The page as the server renders it, before and without JavaScript. */
function rendered(draft: ApplicationDraft, Plan: typeof Menu1Plan | typeof Menu2Plan, notes: Record<string, FieldNotes> = {}) {
  return renderToString(
    <WithForm draft={draft}>
      <Plan draft={draft} notes={notes} />
    </WithForm>,
  );
}

/** The `<fieldset>` whose id is the field's, with its contents. */
function fieldset(html: string, id: string): string {
  const start = html.indexOf(`<fieldset id="${id}"`);
  expect(start, `a fieldset ${id}`).toBeGreaterThanOrEqual(0);
  // Without the markers React puts between a number and the text after it (「4<!-- -->月」).
  return html.slice(start, html.indexOf("</fieldset>", start)).replaceAll("<!-- -->", "");
}

/** The months ticked in a group, in the order of its boxes. */
const checkedMonths = (group: string) =>
  [...group.matchAll(/<input type="checkbox"[^>]*>/g)].filter(([tag]) => tag.includes('checked=""')).map(([tag]) => Number(/value="(\d+)"/.exec(tag)?.[1]));

describe("the months of Menu 2's plan in the editor", () => {
  const draft = emptyDraft("intermediary");
  draft.plan.npoSupport = "専門家派遣";
  draft.planMonths.npoSupport = [6, 7, 1];

  it("are a group of twelve boxes under each part of the plan, named by the part, posted under planMonths.<part>", () => {
    const html = rendered(draft, Menu2Plan);
    for (const [key, label] of MENU2_PLAN_FIELDS) {
      const group = fieldset(html, `field-planMonths-${key}`);
      expect(group).toContain(`<legend class="text-std-16B-170">${label} 実施月</legend>`);
      expect(group.match(new RegExp(`<input type="checkbox"[^>]*name="planMonths.${key}"`, "g"))).toHaveLength(12);
      expect(group).toMatch(/value="4"\/>4月<\/label>/);
      expect(html.indexOf(`id="field-plan-${key}"`)).toBeLessThan(html.indexOf(`id="field-planMonths-${key}"`));
    }
    expect(checkedMonths(fieldset(html, "field-planMonths-npoSupport"))).toEqual([6, 7, 1]);
    expect(checkedMonths(fieldset(html, "field-planMonths-networking"))).toEqual([]);
  });

  it("show the message of a part with content but no months at its group, tied to it for screen readers", () => {
    const notes = { "planMonths.networking": { message: { text: "実施する月を選んでください。", severity: "error" as const } } };
    const group = fieldset(rendered(draft, Menu2Plan, notes), "field-planMonths-networking");
    expect(group).toContain('aria-invalid="true"');
    expect(group).toContain('aria-describedby="field-planMonths-networking-message"');
    expect(group).toContain('<p id="field-planMonths-networking-message"');
    expect(group).toContain("実施する月を選んでください。");
  });

  it("are the same control as Menu 1's months", () => {
    const menu1 = emptyDraft("prefectural");
    menu1.activities[0]!.months = [4, 3];
    const group = fieldset(rendered(menu1, Menu1Plan), "field-activities-0-months");
    expect(group).toContain(`<legend class="text-std-16B-170">1 実施月</legend>`);
    expect(group.match(/<input type="checkbox"[^>]*name="activities.0.months"/g)).toHaveLength(12);
    expect(checkedMonths(group)).toEqual([4, 3]);
  });
});
