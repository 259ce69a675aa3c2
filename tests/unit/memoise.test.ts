import { describe, expect, it } from "vitest";
import { memoise } from "../../app/utils/memoise";

describe("memoise", () => {
  it("computes once for the same arguments, again for others, and forgets the least recently used", () => {
    const calls: string[] = [];
    const draw = memoise((rows: { name: string; amount: number }[]) => {
      calls.push(rows.map((r) => `${r.name}:${r.amount}`).join(","));
      return `<svg>${rows.length}</svg>`;
    }, 2);
    const a = [{ name: "富山県", amount: 1_000_000 }];
    const b = [{ name: "富山県", amount: 1_000_001 }];
    const c = [{ name: "福岡県", amount: 5 }];

    expect(draw(a)).toBe("<svg>1</svg>");
    expect(draw([{ name: "富山県", amount: 1_000_000 }])).toBe("<svg>1</svg>"); // equal, not the same object
    expect(calls).toEqual(["富山県:1000000"]);

    draw(b); // a moved amount is new figures
    draw(a); // a is now the most recently used, b the least
    draw(c); // forgets b
    draw(a);
    draw(b);
    expect(calls).toEqual(["富山県:1000000", "富山県:1000001", "福岡県:5", "富山県:1000001"]);
  });
});

describe("memoise with work that takes time", () => {
  it("shares a promise while it runs, and forgets one that failed so the next call tries again", async () => {
    let runs = 0;
    let fail = true;
    const render = memoise(async (id: number) => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error("the font could not be read");
      return `document ${id}`;
    }, 4);

    const [first, second] = await Promise.allSettled([render(1), render(1)]);
    expect(first.status).toBe("rejected");
    expect(second.status).toBe("rejected");
    expect(runs).toBe(1);

    fail = false;
    expect(await render(1)).toBe("document 1");
    expect(await render(1)).toBe("document 1");
    expect(runs).toBe(2);
  });
});
